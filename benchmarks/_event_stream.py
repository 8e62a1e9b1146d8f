"""A German event stream with wire copies and rewrites, built from real Wikinews articles,
and the scores the event benchmark prints (see benchmarks/EVENT_STREAM.md).

Every German Wikinews article in ../shared/datasets/de_news_quotes_2024 is one real event.
``build_stream`` takes a window of consecutive articles in date order (running subjects keep
all their articles: they are different events that must stay apart) and makes what agencies
and outlets do with a story: an agency original with a dateline, wire copies by outlets
(another headline, a cut ending, a local paragraph, a few reworded phrases, the credit kept or
moved), and for some events rewrites by outlets that are not wire copies. Optional 10kGNAD
articles (DER STANDARD) are single-article distractor events. Everything is seeded.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Literal

from _clusters import b_cubed, pairwise

Kind = Literal["original", "wire_copy", "rewrite", "own", "distractor"]
Scores = tuple[float, float, float]

WIKINEWS_SPLITS = ("train", "dev")
FILE_NAME = re.compile(
    r"^(?P<id>\d+) - (?P<title>.*) \((?P<date>\d{4}-\d{2}-\d{2})\)\.pretty\.json$"
)
SENTENCE_END = re.compile(
    r"(?<=[.!?“\"])(?<!\d\.)(?<!\b[A-Z]\.)(?<!Nr\.)(?<!Dr\.)(?<!St\.)\s+(?=[A-ZÄÖÜ„])"
)
MIN_SENTENCES = 3  # a copy cuts up to 3 sentences and must keep a lead and a body
MIN_CHARS = 300  # shorter texts are flashes: too little text to tell a copy from chance
MIN_PARAGRAPH_WORDS = 6  # shorter unpunctuated paragraphs are headings ("Hintergrund")
FIRST_YEAR = 2000  # one source file is dated 0001-01-01: not a real date, left out

# (name, domain, city): fictional outlets (the .example domain is reserved for examples).
OUTLETS = (
    ("Elbe-Bote", "elbe-bote.example", "Dresden"),
    ("Isar-Nachrichten", "isar-nachrichten.example", "München"),
    ("Rheinische Abendzeitung", "rheinische-abendzeitung.example", "Köln"),
    ("Hanse-Kurier", "hanse-kurier.example", "Hamburg"),
    ("Main-Anzeiger", "main-anzeiger.example", "Frankfurt"),
    ("Spree-Tagblatt", "spree-tagblatt.example", "Berlin"),
    ("Neckar-Zeitung", "neckar-zeitung.example", "Stuttgart"),
    ("Weser-Post", "weser-post.example", "Bremen"),
    ("Ruhr-Echo", "ruhr-echo.example", "Essen"),
    ("Leine-Rundschau", "leine-rundschau.example", "Hannover"),
    ("Saale-Zeitung", "saale-zeitung.example", "Halle"),
    ("Bodensee-Blatt", "bodensee-blatt.example", "Konstanz"),
    ("Fränkischer Tagesspiegel", "fraenkischer-tagesspiegel.example", "Nürnberg"),
    ("Ostsee-Anzeiger", "ostsee-anzeiger.example", "Rostock"),
)
# (credit as printed, name with article, wire domain): the agencies German outlets take copy from.
AGENCIES = (
    ("dpa", "die Deutsche Presse-Agentur", "dpa-wire.example"),
    ("AFP", "die Nachrichtenagentur AFP", "afp-wire.example"),
    ("Reuters", "die Nachrichtenagentur Reuters", "reuters-wire.example"),
    ("epd", "der Evangelische Pressedienst", "epd-wire.example"),
    ("KNA", "die Katholische Nachrichten-Agentur", "kna-wire.example"),
)
AGENCY_WEIGHTS = (6, 2, 2, 1, 1)  # dpa carries most German wire copy
# Dateline places: the first one the text names, else one of the default desks.
PLACES = (
    "Berlin", "Hamburg", "München", "Köln", "Frankfurt", "Dresden", "Stuttgart", "Hannover",
    "Bonn", "Karlsruhe", "Leipzig", "Wien", "Zürich", "Brüssel", "Straßburg", "Paris",
    "London", "Rom", "Madrid", "Moskau", "Kiew", "Warschau", "Washington", "New York",
    "Peking", "Tokio", "Jerusalem", "Kairo", "Bagdad", "Teheran", "Genf", "Helsinki",
)  # fmt: skip
DEFAULT_DESKS = ("Berlin", "Hamburg", "Frankfurt", "Brüssel", "Washington")
AUTHORS = (
    "Anna Bergmann", "Jonas Keller", "Miriam Özdemir", "Lukas Hartmann", "Sophie Brandt",
    "Tobias Wendt", "Leonie Vogt", "Felix Nowak", "Clara Simon", "David Richter",
)  # fmt: skip
# Word swaps an editor makes without changing the grammar (both words fill the same slot).
SWAPS = {
    "sagte": "erklärte", "erklärte": "sagte", "bisher": "bislang", "bislang": "bisher",
    "etwa": "rund", "rund": "etwa", "jedoch": "allerdings", "allerdings": "jedoch",
    "außerdem": "zudem", "zudem": "außerdem", "derzeit": "zurzeit", "zunächst": "vorerst",
    "bereits": "schon", "schon": "bereits", "mehrere": "einige", "einige": "mehrere",
    "nun": "jetzt", "jetzt": "nun", "Menschen": "Personen", "Personen": "Menschen",
    "erhielt": "bekam", "ebenfalls": "auch", "insbesondere": "vor allem", "wegen": "aufgrund",
    "aufgrund": "wegen", "erneut": "wieder", "wieder": "erneut", "zahlreiche": "viele",
    "viele": "zahlreiche", "meldete": "berichtete", "berichtete": "meldete",
    "dabei": "hierbei", "gegenwärtig": "derzeit", "ungefähr": "etwa", "heute": "am heutigen Tag",
}  # fmt: skip
SWAP_WORDS = re.compile(r"\b(" + "|".join(sorted(SWAPS, key=len, reverse=True)) + r")\b", re.I)
LOCAL_SENTENCES = (
    "Auch in {city} wird die Entwicklung aufmerksam verfolgt.",
    "In {city} reagierten Vertreter der Stadtpolitik zunächst zurückhaltend auf die Nachricht.",
    "Für die Region um {city} erwarten Fachleute vorerst keine unmittelbaren Folgen.",
    "Wie die Stadtverwaltung in {city} auf Anfrage mitteilte, lagen dort keine eigenen "
    "Erkenntnisse vor.",
    "Die Lokalredaktion in {city} bleibt an dem Thema dran.",
    "Ein Sprecher der Industrie- und Handelskammer in {city} sagte, man beobachte die Lage genau.",
    "Bei einer Umfrage in der Innenstadt von {city} zeigten sich viele Passanten überrascht.",
    "Hinweise von Leserinnen und Lesern aus {city} nimmt die Lokalredaktion gern entgegen.",
)
UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})  # for URL slugs
REWRITE_SOURCE_SHARE = 0.35  # a third of the words from the source: reuse, not a copy
REWRITE_LEADS = (
    "Um diese Nachricht geht es: {title}.",
    "{title} – das ist der Stand der Dinge.",
    "Die Meldung des Tages lautet: {title}.",
)
OWN_SENTENCES = (
    "Nach Einschätzung von Beobachtern dürfte das Thema noch länger beschäftigen.",
    "Fachleute, mit denen die Redaktion sprach, bewerten die Lage unterschiedlich.",
    "Offen bleibt, welche Folgen die Entwicklung haben wird.",
    "Eine abschließende Bewertung steht nach Auskunft der Beteiligten noch aus.",
    "Auch in sozialen Netzwerken wurde das Geschehen lebhaft diskutiert.",
    "Mehrere Beteiligte wollten sich auf Anfrage zunächst nicht äußern.",
    "Die Redaktion hat bei den Beteiligten nachgefragt und wartet auf Antworten.",
    "Wie es weitergeht, soll sich in den kommenden Tagen zeigen.",
    "Kritiker sehen noch viele offene Fragen.",
    "Wir halten unsere Leserinnen und Leser in {city} auf dem Laufenden.",
)
# Runs of capitalised words: names and places ("Neil Alden Armstrong", "Air France").
NAMES = re.compile(r"\b[A-ZÄÖÜ][\wäöüß-]+(?:\s+[A-ZÄÖÜ][\wäöüß-]+)+")
NOT_NAME_WORDS = frozenset(
    [
        "Der",
        "Die",
        "Das",
        "Den",
        "Dem",
        "Des",
        "Ein",
        "Eine",
        "Einen",
        "Einem",
        "Einer",
        "Im",
        "In",
        "Am",
        "An",
        "Auf",
        "Aus",
        "Bei",
        "Mit",
        "Nach",
        "Von",
        "Vor",
        "Zum",
        "Zur",
        "Für",
        "Über",
        "Unter",
        "Auch",
        "Als",
        "Wie",
        "Wenn",
        "Doch",
        "Nun",
        "Er",
        "Sie",
        "Es",
        "Wir",
        "Ihr",
        *("Anfang", "Mitte", "Ende", "Januar", "Februar", "März", "April", "Mai", "Juni"),
        *("Juli", "August", "September", "Oktober", "November", "Dezember"),
    ]
)
NAME_TEMPLATES = (
    ("Im Mittelpunkt steht {0}.", "Eine zentrale Rolle spielt dabei {0}."),
    ("Im Mittelpunkt stehen {0} und {1}.", "Genannt werden in diesem Zusammenhang {0} und {1}."),
)
KICKERS = ("Aktuell", "Überblick", "Nachrichten", "Hintergrund", "Kurz gemeldet")
END_CREDITS = ("({agency})", "Quelle: {agency}", "© {agency}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Source:
    """One real text a gold event is made from."""

    event: str  # gold event id: "wikinews-<id>" or "10kgnad-<row>"
    title: str
    paragraphs: tuple[tuple[str, ...], ...]  # sentences per paragraph
    day: datetime  # the day the source was published (midnight)


@dataclass(frozen=True, slots=True, kw_only=True)
class StreamArticle:
    """One generated article with its gold labels."""

    url: str  # unique: maps the exported article back to its gold
    title: str
    text: str  # paragraphs joined by "\n", as news-please writes maintext
    published: datetime
    outlet: str  # source domain
    event: str
    kind: Kind
    original: str | None = None  # url of the agency original a wire copy was made from
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Stream:
    articles: tuple[StreamArticle, ...]  # in publication order

    def events(self) -> dict[str, str]:
        return {a.url: a.event for a in self.articles}

    def wire_edges(self) -> set[frozenset[str]]:
        """Gold lineage: one unordered {copy, original} pair per wire copy."""
        return {frozenset((a.url, a.original)) for a in self.articles if a.original}

    def kinds(self) -> Counter[str]:
        return Counter(a.kind for a in self.articles)


# --- sources ----------------------------------------------------------------------------------


def load_wikinews(folder: Path) -> list[Source]:
    """Every usable Wikinews article of the dataset, in date order."""
    sources = []
    for split in WIKINEWS_SPLITS:
        with gzip.open(folder / f"{split}.jsonl.gz", "rt", encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                match = FILE_NAME.match(row["file"])
                if match is None or int(match["date"][:4]) < FIRST_YEAR:
                    continue
                text = row["doc"]["originalText"]
                paragraphs = split_paragraphs(text)
                if sum(map(len, paragraphs)) < MIN_SENTENCES or len(text) < MIN_CHARS:
                    continue
                sources.append(
                    Source(
                        event=f"wikinews-{match['id']}",
                        title=match["title"].strip(),
                        paragraphs=paragraphs,
                        day=datetime.fromisoformat(match["date"]),
                    )
                )
    return sorted(sources, key=lambda s: (s.day, s.event))


def load_10kgnad(path: Path) -> list[Source]:
    """DER STANDARD articles (title = first sentence); their day is set by the builder."""
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter=";", quotechar="'"))
    sources = []
    for row_number, (_label, text) in enumerate(rows):
        sentences = SENTENCE_END.split(" ".join(text.split()))
        if len(sentences) < MIN_SENTENCES + 1:
            continue
        body = sentences[1:]
        paragraphs = tuple(tuple(body[i : i + 3]) for i in range(0, len(body), 3))
        sources.append(
            Source(
                event=f"10kgnad-{row_number}",
                title=sentences[0][:120],
                paragraphs=paragraphs,
                day=datetime(2015, 1, 1),
            )
        )
    return sources


def split_paragraphs(text: str) -> tuple[tuple[str, ...], ...]:
    """Paragraphs (blank-line separated) as sentences; headings and empty lines dropped."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        flat = " ".join(block.split())
        if not flat or (flat[-1] not in '.!?“")' and len(flat.split()) < MIN_PARAGRAPH_WORDS):
            continue
        paragraphs.append(tuple(SENTENCE_END.split(flat)))
    return tuple(paragraphs)


# --- the builder ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class StreamConfig:
    events: int | None = 300  # Wikinews events (a window in date order); None: all
    distractors: int = 100  # 10kGNAD single-article events
    wire_share: float = 0.8  # events that go out as an agency story (the rest: an outlet's own)
    rewrite_share: float = 0.3  # events that also get 1-2 independent rewrites
    max_copies: int = 5


def build_stream(
    seed: int = 0,
    *,
    wikinews: Sequence[Source],
    distractors: Sequence[Source] = (),
    config: StreamConfig = StreamConfig(),
) -> Stream:
    """The stream for ``seed``: deterministic for the same sources, seed and config."""
    rng = random.Random(seed)
    count = len(wikinews) if config.events is None else min(config.events, len(wikinews))
    start = rng.randrange(len(wikinews) - count + 1)
    window = wikinews[start : start + count]
    articles: list[StreamArticle] = []
    for source in window:
        articles.extend(event_articles(source, random.Random(f"{seed}/{source.event}"), config))
    if window and config.distractors:
        first, last = window[0].day, window[-1].day + timedelta(days=1)
        for item in rng.sample(list(distractors), min(config.distractors, len(distractors))):
            day = first + timedelta(
                minutes=rng.randrange(int((last - first).total_seconds()) // 60)
            )
            articles.extend(distractor_articles(item, day))
    return Stream(articles=tuple(sorted(articles, key=lambda a: (a.published, a.url))))


def event_articles(source: Source, rng: random.Random, config: StreamConfig) -> list[StreamArticle]:
    """The articles one event gets: the original (agency or own), its wire copies, rewrites."""
    at = source.day + timedelta(minutes=rng.randrange(6 * 60, 20 * 60))
    outlets = rng.sample(OUTLETS, len(OUTLETS))
    out = []
    if rng.random() < config.wire_share:
        credit, long_name, domain = rng.choices(AGENCIES, AGENCY_WEIGHTS)[0]
        place = dateline_place(source) or rng.choice(DEFAULT_DESKS)
        dateline = f"{place.upper()} ({credit}) -"
        original = StreamArticle(
            url=f"https://{domain}/meldung/{number(source)}",
            title=source.title,
            text=render(source.paragraphs, dateline=dateline),
            published=at,
            outlet=domain,
            event=source.event,
            kind="original",
        )
        out.append(original)
        for k in range(rng.randint(1, config.max_copies)):
            name, outlet_domain, city = outlets.pop()
            delay = timedelta(minutes=rng.randint(5, 30) * (2**k))  # minutes to hours later
            out.append(
                wire_copy(
                    source,
                    rng,
                    original=original,
                    dateline=dateline,
                    agency=(credit, long_name),
                    outlet=(name, outlet_domain, city),
                    published=at + delay,
                )
            )
    else:
        name, domain, _city = outlets.pop()
        out.append(
            StreamArticle(
                url=f"https://{domain}/artikel/{number(source)}",
                title=source.title,
                text=render(source.paragraphs),
                published=at,
                outlet=domain,
                event=source.event,
                kind="own",
                authors=(rng.choice(AUTHORS),),
            )
        )
    if rng.random() < config.rewrite_share:
        for _ in range(rng.randint(1, 2)):
            name, domain, city = outlets.pop()
            published = at + timedelta(minutes=rng.randrange(2 * 60, 24 * 60))
            out.append(rewrite(source, rng, outlet=(name, domain, city), published=published))
    return out


def wire_copy(
    source: Source,
    rng: random.Random,
    *,
    original: StreamArticle,
    dateline: str,
    agency: tuple[str, str],
    outlet: tuple[str, str, str],
    published: datetime,
) -> StreamArticle:
    """An outlet's copy of the agency story: new headline, cut ending, local paragraph, a few
    swapped words, sometimes two sentences swapped or a new lead, the credit kept or moved."""
    name, domain, city = outlet
    credit, long_name = agency
    paragraphs = [list(p) for p in cut_ending(source.paragraphs, rng.randint(1, 3))]
    paragraphs = [[reword(s, rng, rate=0.4) for s in p] for p in paragraphs]
    long_paragraphs = [p for p in paragraphs[1:] if len(p) >= 2]
    if long_paragraphs and rng.random() < 0.3:
        p = rng.choice(long_paragraphs)
        i = rng.randrange(len(p) - 1)
        p[i], p[i + 1] = p[i + 1], p[i]
    lead_change = rng.random()
    if lead_change < 0.15:
        paragraphs[0][0] = f"{long_name[0].upper()}{long_name[1:]} meldet: {paragraphs[0][0]}"
    elif lead_change < 0.25 and len(paragraphs[0]) > 1:
        paragraphs[0][0] = source.title.rstrip(".!?") + "."
    if rng.random() < 0.8:
        local = [t.format(city=city, outlet=name) for t in rng.sample(LOCAL_SENTENCES, 2)]
        paragraphs.insert(rng.choice((1, len(paragraphs))), local[: rng.randint(1, 2)])
    keep_dateline = rng.random() < 0.5
    end_credit = None if keep_dateline and rng.random() < 0.6 else rng.choice(END_CREDITS)
    return StreamArticle(
        url=f"https://{domain}/{published:%Y/%m/%d}/{slug(source.title)}-{number(source)}",
        title=headline(source.title, rng, dateline),
        text=render(
            paragraphs,
            dateline=dateline if keep_dateline else None,
            credit=end_credit.format(agency=credit) if end_credit else None,
        ),
        published=published,
        outlet=domain,
        event=source.event,
        kind="wire_copy",
        original=original.url,
    )


def rewrite(
    source: Source, rng: random.Random, *, outlet: tuple[str, str, str], published: datetime
) -> StreamArticle:
    """An outlet's own version, not a wire copy: its own lead (from the headline), a sentence
    naming the people and places of the story, source sentences with every swappable word
    swapped up to REWRITE_SOURCE_SHARE of its words, the outlet's own sentences, no credit."""
    name, domain, city = outlet
    own = [
        rng.choice(REWRITE_LEADS).format(title=reword(source.title, rng, rate=1.0).rstrip(".!?")),
        *name_sentence(source, rng),
        *(t.format(city=city) for t in rng.sample(OWN_SENTENCES, 2)),
        rng.choice(LOCAL_SENTENCES).format(city=city, outlet=name),
    ]
    own_words = sum(len(t.split()) for t in own)
    body = [reword(t, rng, rate=1.0) for p in source.paragraphs for t in p][1:]
    rng.shuffle(body)
    taken: list[str] = []
    for sentence in body:
        words = sum(len(t.split()) for t in [*taken, sentence])
        if words <= REWRITE_SOURCE_SHARE * (words + own_words):
            taken.append(sentence)
    taken = taken or [min(body, key=len)]
    text = [own[0], *taken, *own[1:]] if rng.random() < 0.5 else [*own[:2], *taken, *own[2:]]
    paragraphs = [text[i : i + 2] for i in range(0, len(text), 2)]
    return StreamArticle(
        url=f"https://{domain}/{published:%Y/%m/%d}/{slug(source.title)}-{number(source)}-eigen",
        title=headline(source.title, rng, None, rewritten=True),
        text=render(paragraphs),
        published=published,
        outlet=domain,
        event=source.event,
        kind="rewrite",
        authors=(rng.choice(AUTHORS),),
    )


def name_sentence(source: Source, rng: random.Random) -> list[str]:
    """A sentence naming up to two of the story's multi-word names (none: no sentence)."""
    text = " ".join(t for p in source.paragraphs for t in p)
    names = []
    for match in NAMES.finditer(text):
        words = [w for w in match.group(0).split() if w not in NOT_NAME_WORDS]
        if len(words) >= 2 and " ".join(words) not in names:
            names.append(" ".join(words))
    if not names:
        return []
    picked = rng.sample(names, min(2, len(names)))
    return [rng.choice(NAME_TEMPLATES[len(picked) - 1]).format(*picked)]


def distractor_articles(source: Source, day: datetime) -> list[StreamArticle]:
    return [
        StreamArticle(
            url=f"https://derstandard.example/story/{number(source)}",
            title=source.title,
            text=render(source.paragraphs),
            published=day,
            outlet="derstandard.example",
            event=source.event,
            kind="distractor",
        )
    ]


def cut_ending(paragraphs: Sequence[Sequence[str]], drop: int) -> list[tuple[str, ...]]:
    """Drop the last ``drop`` sentences, keeping at least MIN_SENTENCES."""
    total = sum(map(len, paragraphs))
    keep = max(MIN_SENTENCES, total - drop)
    out: list[tuple[str, ...]] = []
    for p in paragraphs:
        if keep <= 0:
            break
        out.append(tuple(p[:keep]))
        keep -= len(p)
    return out


def reword(sentence: str, rng: random.Random, *, rate: float) -> str:
    """Swap each swappable word with probability ``rate`` (capitals kept)."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() >= rate:
            return word
        new = SWAPS.get(word) or SWAPS.get(word.lower(), word)
        return new[0].upper() + new[1:] if word[0].isupper() else new

    return SWAP_WORDS.sub(swap, sentence)


def headline(title: str, rng: random.Random, dateline: str | None, rewritten: bool = False) -> str:
    """Another outlet's headline for the same story."""
    choice = rng.randrange(4 if rewritten else 3)
    if choice == 0:
        return f"{rng.choice(KICKERS)}: {title}"
    if choice == 1 and dateline:
        return f"{dateline.split(' (')[0].title()}: {reword(title, rng, rate=1.0)}"
    if choice == 3:
        return reword(title.split(":")[-1].strip(), rng, rate=1.0) + " – was bekannt ist"
    return reword(title, rng, rate=1.0)


def dateline_place(source: Source) -> str | None:
    """The first place from PLACES the text names (None: it names none)."""
    text = " ".join(s for p in source.paragraphs for s in p)
    found = [
        (m.start(), place) for place in PLACES for m in [re.search(rf"\b{place}\b", text)] if m
    ]
    return min(found)[1] if found else None


def render(
    paragraphs: Iterable[Sequence[str]], *, dateline: str | None = None, credit: str | None = None
) -> str:
    lines = [" ".join(p) for p in paragraphs if p]
    if dateline:
        lines[0] = f"{dateline} {lines[0]}"
    if credit:
        lines.append(credit)
    return "\n".join(lines)


def slug(title: str) -> str:
    plain = title.lower().translate(UMLAUTS)
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60]


def number(source: Source) -> str:
    """The source's own id (Wikinews article id, 10kGNAD row)."""
    return source.event.rsplit("-", 1)[-1]


# --- files `lagebild ingest` reads, and the gold --------------------------------------------


def news_please_record(article: StreamArticle) -> dict[str, object]:
    """The article as a news-please JSON Lines record (as in the demo corpus)."""
    published = f"{article.published:%Y-%m-%d %H:%M:%S}"
    return {
        "title": article.title,
        "maintext": article.text,
        "date_publish": published,
        "url": article.url,
        "source_domain": article.outlet,
        "language": "de",
        "authors": list(article.authors),
        "description": None,
        "date_download": published,
        "image_url": None,
        "filename": f"{slug(article.url)}.json",
    }


def gold_record(article: StreamArticle) -> dict[str, object]:
    return {
        "url": article.url,
        "event": article.event,
        "kind": article.kind,
        "original": article.original,
        "published": article.published.isoformat(),
        "outlet": article.outlet,
    }


def write_stream(stream: Stream, folder: Path) -> tuple[Path, Path]:
    """``folder/input/stream.jsonl`` (the articles in publication order, one file so that
    ingest reads them in that order) and ``folder/gold.jsonl`` (outside the input folder)."""
    (folder / "input").mkdir(parents=True, exist_ok=True)
    articles, gold = folder / "input" / "stream.jsonl", folder / "gold.jsonl"
    for path, make in ((articles, news_please_record), (gold, gold_record)):
        with path.open("w", encoding="utf-8") as out:
            for article in stream.articles:
                out.write(json.dumps(make(article), ensure_ascii=False) + "\n")
    return articles, gold


# --- scores -----------------------------------------------------------------------------------


def clustering_scores(
    predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]
) -> dict[str, Scores]:
    """Pairwise and B3 P/R/F1 of a predicted clustering over the gold items; an item without
    a prediction is a cluster of its own."""
    items = sorted(gold)
    pred = [predicted.get(item, ("missing", item)) for item in items]
    true = [gold[item] for item in items]
    return {"pairwise": pairwise(pred, true), "b3": b_cubed(pred, true)}


def edge_scores(predicted: Iterable[frozenset[str]], gold: Iterable[frozenset[str]]) -> Scores:
    """Precision, recall and F1 of unordered article pairs."""
    pred, true = set(predicted), set(gold)
    hits = len(pred & true)
    precision = hits / len(pred) if pred else 0.0
    recall = hits / len(true) if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    return precision, recall, f1


def copy_pairs_ignored(predicted: Iterable[frozenset[str]], stream: Stream) -> set[frozenset[str]]:
    """The predicted edges less the pairs of two copies of one gold original: those are
    neither right (the gold links each copy to its original) nor wrong (they do share the
    wire text)."""
    original = {a.url: a.original for a in stream.articles if a.original}

    def same_family_copies(edge: frozenset[str]) -> bool:
        a, b = sorted(edge)
        return a in original and original[a] == original.get(b)

    return {edge for edge in predicted if not same_family_copies(edge)}


def families(edges: Iterable[frozenset[str]], order: Mapping[str, object]) -> dict[str, str]:
    """Connected components of the edges, each labelled by its first member in ``order``
    (publication time): {article: root}. Articles in no edge are left out."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for edge in edges:
        a, b = sorted(edge)
        parent[find(a)] = find(b)
    members: dict[str, list[str]] = {}
    for item in parent:
        members.setdefault(find(item), []).append(item)
    roots = {}
    for group in members.values():
        root = min(group, key=lambda item: (str(order.get(item, "")), item))
        roots.update(dict.fromkeys(group, root))
    return roots


def family_edges(
    edges: Iterable[frozenset[str]], order: Mapping[str, object]
) -> set[frozenset[str]]:
    """The edges as families: every member linked to its family's first article, so that a
    copy linked to another copy counts as linked to the original they share."""
    return {frozenset((a, root)) for a, root in families(edges, order).items() if a != root}


def lineage_scores(predicted: Iterable[frozenset[str]], stream: Stream) -> dict[str, Scores]:
    """Wire-copy lineage against the gold {copy, original} pairs: ``edges`` as predicted;
    ``edges_to_original`` with the pairs of two copies of one original left out (the
    acceptance score); ``family_edges`` after mapping each predicted family to edges to its
    first article; ``family_pairs``: pairwise scores of same-family pairs over the stream."""
    pred = {edge for edge in predicted if len(edge) == 2}
    gold = stream.wire_edges()
    order = {a.url: a.published.isoformat() for a in stream.articles}
    urls = list(order)
    pred_family = families(pred, order)
    gold_family = families(gold, order)
    return {
        "edges": edge_scores(pred, gold),
        "edges_to_original": edge_scores(copy_pairs_ignored(pred, stream), gold),
        "family_edges": edge_scores(family_edges(pred, order), gold),
        "family_pairs": pairwise(
            [pred_family.get(u, u) for u in urls], [gold_family.get(u, u) for u in urls]
        ),
    }


def stream_stats(stream: Stream) -> dict[str, object]:
    """Sizes the runner prints: articles, events, kinds, articles per event, span."""
    sizes = Counter(stream.events().values())
    return {
        "articles": len(stream.articles),
        "events": len(sizes),
        "kinds": dict(sorted(stream.kinds().items())),
        "largest_event": max(sizes.values(), default=0),
        "multi_article_events": sum(1 for n in sizes.values() if n > 1),
        "wire_edges": len(stream.wire_edges()),
        "first": stream.articles[0].published.isoformat() if stream.articles else None,
        "last": stream.articles[-1].published.isoformat() if stream.articles else None,
    }
