"""Hand-written texts for the lineage tests: an agency text, copies, a rewrite, a translation.

All invented. The agency text is about a fire in a harbour warehouse in the invented town of
Kellstedt; the copies are edited the way outlets edit agency texts.
"""

from __future__ import annotations

import hashlib

import pytest

from lagebild.records import Article, Block, BlockLabel, Metadata, PartialDate, TranslatedFrom

WIRE = """\
Bei einem Großbrand in einer Lagerhalle im Hafen von Kellstedt ist am Dienstagmorgen ein \
Feuerwehrmann schwer verletzt worden. Das Feuer war nach Angaben der Polizei gegen 4.30 Uhr in \
einer Halle mit Düngemitteln ausgebrochen und hatte sich rasch auf zwei benachbarte Gebäude \
ausgebreitet.

Mehr als 150 Einsatzkräfte aus dem ganzen Landkreis waren bis zum Mittag im Einsatz. Die \
Stadt warnte die Anwohner über Radio und Warn-Apps vor dem dichten Rauch und forderte sie auf, \
Fenster und Türen geschlossen zu halten. Messungen hätten bislang keine gefährlichen Werte \
ergeben, teilte ein Sprecher des Landkreises mit.

„Wir konnten verhindern, dass die Flammen auf das Tanklager übergreifen“, sagte \
Kreisbrandmeister Tobias Renner am Vormittag. Der verletzte Feuerwehrmann wurde mit einem \
Hubschrauber in eine Spezialklinik geflogen. Nach Angaben der Klinik besteht keine \
Lebensgefahr.

Die Ursache des Feuers war zunächst unklar. Die Kriminalpolizei hat die Ermittlungen \
aufgenommen und will die Halle untersuchen, sobald die Brandstelle abgekühlt ist. Den Schaden \
schätzte die Hafengesellschaft auf mehrere Millionen Euro.

Der Hafen von Kellstedt gehört zu den größten Binnenhäfen des Landes. Der Umschlag an den \
übrigen Terminals lief nach Angaben der Hafengesellschaft am Nachmittag wieder an. Die \
Zufahrt zum Hafengelände blieb für den Verkehr bis auf Weiteres gesperrt."""

# New headline elsewhere, small edits, a local paragraph added, the last paragraph cut.
COPY = """\
Bei einem Großbrand in einer Lagerhalle im Hafen der Kreisstadt Kellstedt ist am \
Dienstagmorgen ein Feuerwehrmann schwer verletzt worden. Das Feuer war nach Angaben der \
Polizei gegen 4.30 Uhr in einer Halle mit Düngemitteln ausgebrochen und hatte sich rasch auf \
zwei benachbarte Gebäude ausgebreitet.

Auch die Freiwillige Feuerwehr aus Oberwalden rückte mit drei Fahrzeugen aus. Wehrführer \
Jens Albrecht berichtete, seine Kameraden seien bis zum späten Vormittag an der Brandstelle \
gewesen und hätten vor allem die Wasserversorgung vom Hafenbecken aus übernommen.

Mehr als 150 Einsatzkräfte aus dem ganzen Landkreis waren bis zum Mittag im Einsatz. Die \
Stadt warnte die Anwohner über Radio und Warn-Apps vor dem dichten Rauch und forderte sie auf, \
Fenster und Türen geschlossen zu halten. Messungen hätten bislang keine gefährlichen Werte \
ergeben, teilte ein Sprecher des Landkreises mit.

„Wir konnten verhindern, dass die Flammen auf das Tanklager übergreifen“, sagte \
Kreisbrandmeister Tobias Renner am Vormittag. Der verletzte Feuerwehrmann wurde mit einem \
Hubschrauber in eine Spezialklinik geflogen. Nach Angaben der Klinik besteht keine \
Lebensgefahr.

Die Ursache des Feuers war zunächst unklar. Die Kriminalpolizei hat die Ermittlungen \
aufgenommen und will die Halle untersuchen, sobald die Brandstelle abgekühlt ist."""

# The same facts in an outlet's own words: a rewrite is not a copy.
REWRITE = """\
Ein Feuerwehrmann ist am frühen Dienstag bei einem Brand im Kellstedter Hafen schwer verletzt \
worden. Gegen halb fünf hatten Flammen eine Lagerhalle erfasst, in der Dünger lagerte; kurz \
darauf brannten auch zwei Nachbargebäude.

Rund 150 Feuerwehrleute und Helfer kämpften bis mittags gegen das Feuer. Über das Radio und \
Warn-Apps rief die Stadt dazu auf, wegen des Rauchs die Fenster zu schließen. Gefährliche \
Schadstoffwerte wurden laut Landkreis nicht gemessen.

Kreisbrandmeister Tobias Renner zeigte sich erleichtert, dass das nahe Tanklager verschont \
blieb. Ein Rettungshubschrauber brachte den Verletzten in eine Fachklinik, er schwebt laut \
Ärzten nicht in Lebensgefahr. Warum das Feuer ausbrach, ermittelt nun die Kripo. Die \
Hafengesellschaft rechnet mit einem Schaden in Millionenhöhe."""

# Same town, same week, another event: must not be related to the fire.
UNRELATED = """\
Der Stadtrat von Kellstedt hat am Donnerstagabend den Ausbau des Binnenhafens beschlossen. \
Für rund 40 Millionen Euro sollen bis 2029 ein neues Containerterminal und eine zweite \
Zufahrt entstehen. Die Hafengesellschaft rechnet damit, den Umschlag in zehn Jahren zu \
verdoppeln.

Kritik kam von Anwohnern des Stadtteils Nordufer, die mehr Lastwagenverkehr fürchten. Eine \
Bürgerinitiative kündigte an, die Pläne prüfen zu lassen. Bürgermeisterin Sabine Kroll sagte, \
der Hafen sichere mehr als 2000 Arbeitsplätze in der Region und müsse wachsen können.

Auch nach dem Brand in der Lagerhalle am Dienstag halte die Stadt an dem Zeitplan fest, sagte \
Kroll. Die Feuerwehr soll eine eigene Wache auf dem Hafengelände erhalten. Der Kreistag muss \
dem Vorhaben noch zustimmen; die Abstimmung ist für April geplant."""

# An English translation of the wire text without its last paragraph.
TRANSLATION = """\
A firefighter was seriously injured on Tuesday morning in a major fire at a warehouse in the \
port of Kellstedt. According to the police, the fire broke out at around 4:30 a.m. in a hall \
storing fertiliser and quickly spread to two neighbouring buildings.

More than 150 emergency workers from across the district were deployed until midday. The \
town warned residents about the thick smoke via radio and warning apps and asked them to keep \
windows and doors closed. Measurements had so far not shown any dangerous levels, a district \
spokesman said.

"We were able to prevent the flames from spreading to the tank farm," district fire chief \
Tobias Renner said in the morning. The injured firefighter was flown to a specialist clinic by \
helicopter. According to the clinic, his life is not in danger.

The cause of the fire was initially unclear. The criminal police have launched an \
investigation and want to examine the hall as soon as the site has cooled down. The port \
company estimated the damage at several million euros."""

# A later version of the copy at the same URL: the cause is now known.
REVISION = COPY.replace(
    "Die Ursache des Feuers war zunächst unklar.",
    "Ein technischer Defekt an einer Förderanlage hat das Feuer nach ersten Erkenntnissen "
    "der Ermittler ausgelöst. Ein Sprecher der Polizei sagte am Abend, es gebe keine "
    "Hinweise auf Brandstiftung.",
)


def make_article(
    article_id: str,
    text: str,
    *,
    language: str = "de",
    day: int = 14,
    outlet: str | None = None,
    agency: tuple[str, ...] = (),
    url: str | None = None,
    title: str | None = None,
    removed: tuple[tuple[BlockLabel, str], ...] = (),
    translated_from: TranslatedFrom | None = None,
) -> Article:
    blocks = tuple(Block(label=label, text=line, start=0, end=0) for label, line in removed)
    return Article(
        id=article_id,
        origin=f"test:{article_id}",
        url=url,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        title=title,
        text=text,
        blocks=blocks,
        meta=Metadata(
            language=language,
            published=PartialDate(year=2026, month=4, day=day),
            outlet=outlet,
            agency=agency,
            translated_from=translated_from,
        ),
        source_format="text",
        encoding="utf-8",
    )


@pytest.fixture
def wire() -> Article:
    return make_article(
        "wire",
        WIRE,
        agency=("dpa",),
        title="Großbrand im Hafen von Kellstedt",
        removed=(
            (BlockLabel.DATELINE, "KELLSTEDT (dpa) -"),
            (BlockLabel.NAVIGATION, "dpa-Nachrichten | Basisdienst"),
            (BlockLabel.AGENCY_CODE, "/abc/DP/xyz"),
        ),
    )


@pytest.fixture
def copy() -> Article:
    return make_article(
        "copy",
        COPY,
        agency=("dpa",),
        outlet="Kreisbote Oberwalden",
        url="https://kreisbote.example/region/hafenbrand-kellstedt-123456.html",
        title="Feuerwehrmann bei Hafenbrand schwer verletzt",
        removed=((BlockLabel.DATELINE, "KELLSTEDT (dpa) -"), (BlockLabel.AGENCY_CODE, "dpa")),
    )
