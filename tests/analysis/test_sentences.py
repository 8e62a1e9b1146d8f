"""Sentence splitting (issue 3): German news cases, English cases, offsets, real examples."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.analysis import Sentence, split_sentences


def texts(text: str, language: str | None = "de") -> list[str]:
    return [s.text for s in split_sentences(text, language=language)]


def assert_offsets(text: str, sentences: tuple[Sentence, ...]) -> None:
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.tokens, sentence
        assert sentence.tokens[0].start == sentence.start
        assert sentence.tokens[-1].end == sentence.end
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text


GERMAN_CASES = [
    # plain
    ("Er kam. Sie ging.", ["Er kam.", "Sie ging."]),
    ("Kommt er? Ja! Gut.", ["Kommt er?", "Ja!", "Gut."]),
    # abbreviations
    ("Das gilt z. B. für Berlin. Dann nicht.", ["Das gilt z. B. für Berlin.", "Dann nicht."]),
    (
        "Er nannte u. a. Dr. Müller und Prof. Schulz.",
        ["Er nannte u. a. Dr. Müller und Prof. Schulz."],
    ),
    ("Das ist d. h. vorbei. Gut.", ["Das ist d. h. vorbei.", "Gut."]),
    ("Es geht v. a. um Geld, vgl. Nr. 4.", ["Es geht v. a. um Geld, vgl. Nr. 4."]),
    ("Nach Art. 5 Abs. 1 GG ist das frei.", ["Nach Art. 5 Abs. 1 GG ist das frei."]),
    ("Er lebt auf diese Art. Sie nicht.", ["Er lebt auf diese Art.", "Sie nicht."]),
    (
        "Es kostet ca. 3 Mio. Euro bzw. 2 Mrd. Dollar.",
        ["Es kostet ca. 3 Mio. Euro bzw. 2 Mrd. Dollar."],
    ),
    (
        "Er wohnt in der Berliner Str. 5 in St. Pauli.",
        ["Er wohnt in der Berliner Str. 5 in St. Pauli."],
    ),
    ("Öl, Gas usw. Die Preise steigen.", ["Öl, Gas usw.", "Die Preise steigen."]),
    ("Der US-amerikan. Konzern wächst.", ["Der US-amerikan. Konzern wächst."]),
    # ordinals and dates
    ("Er kam am 3. Oktober nach Berlin.", ["Er kam am 3. Oktober nach Berlin."]),
    ("Der 1. FC Köln verlor.", ["Der 1. FC Köln verlor."]),
    ("Der 2. Weltkrieg endete 1945.", ["Der 2. Weltkrieg endete 1945."]),
    ("Im 19. Jahrhundert war das anders.", ["Im 19. Jahrhundert war das anders."]),
    ("Das war im Jahr 2024. Die Lage ist neu.", ["Das war im Jahr 2024.", "Die Lage ist neu."]),
    ("Er siegte am 3. und 4. Mai.", ["Er siegte am 3. und 4. Mai."]),
    ("Sie kam am 3. Die Lage war ruhig.", ["Sie kam am 3.", "Die Lage war ruhig."]),
    ("Er wurde am 1. Dezember 1962 geboren.", ["Er wurde am 1. Dezember 1962 geboren."]),
    ("Die Sitzung ist am 3.10. in Bonn.", ["Die Sitzung ist am 3.10. in Bonn."]),
    (
        "ALS tritt zwischen dem 50. und 70. Lebensjahr auf.",
        ["ALS tritt zwischen dem 50. und 70. Lebensjahr auf."],
    ),
    (
        "Soldaten des stationierten 1. Bataillons kamen.",
        ["Soldaten des stationierten 1. Bataillons kamen."],
    ),
    (
        "Er war beim „2. Deutschen Klimakongress“ zu Gast.",
        ["Er war beim „2. Deutschen Klimakongress“ zu Gast."],
    ),
    ("1. Tag: Angriff\n2. Tag: Rückzug", ["1. Tag: Angriff", "2. Tag: Rückzug"]),
    # roman numerals
    ("Ludwig XIV. von Frankreich starb.", ["Ludwig XIV. von Frankreich starb."]),
    ("Das Turnier der „XX. Kategorie“ lief.", ["Das Turnier der „XX. Kategorie“ lief."]),
    ("Papst Benedikt XVI. Er kam.", ["Papst Benedikt XVI.", "Er kam."]),
    (
        "Es gibt Arbeitslosengeld II. Mehrmals kam es.",
        ["Es gibt Arbeitslosengeld II.", "Mehrmals kam es."],
    ),
    # numbers, times, URLs
    ("Es waren 1.000 Menschen und 3,5 Prozent.", ["Es waren 1.000 Menschen und 3,5 Prozent."]),
    ("Um 14.30 Uhr begann es. Dann regnete es.", ["Um 14.30 Uhr begann es.", "Dann regnete es."]),
    ("Mehr unter www.bund.de. Danke.", ["Mehr unter www.bund.de.", "Danke."]),
    ("Siehe https://example.org/a.html. Ende.", ["Siehe https://example.org/a.html.", "Ende."]),
    # initials
    ("J. D. Vance kam. Er sprach.", ["J. D. Vance kam.", "Er sprach."]),
    ("Donald J. Trump sagte nichts.", ["Donald J. Trump sagte nichts."]),
    # quotes
    ("„Wir kommen.“ Er ging.", ["„Wir kommen.“", "Er ging."]),
    ("„Wir kommen“, sagte er. Dann ging er.", ["„Wir kommen“, sagte er.", "Dann ging er."]),
    ("„Wir kommen.“, sagte er.", ["„Wir kommen.“, sagte er."]),
    ("„Wer kommt?“, fragte er.", ["„Wer kommt?“, fragte er."]),
    ("„Raus!“ rief sie. Er ging.", ["„Raus!“ rief sie.", "Er ging."]),
    ("«Wir kommen.» Er ging.", ["«Wir kommen.»", "Er ging."]),
    ('"Wir kommen." Er ging.', ['"Wir kommen."', "Er ging."]),
    (
        "Er sagte: „Das ist gut. Wir gehen.“ Dann ging er.",
        ["Er sagte: „Das ist gut.", "Wir gehen.“", "Dann ging er."],
    ),
    ("(Das war alles.) Nun weiter.", ["(Das war alles.)", "Nun weiter."]),
    ("Die Rakete war eine Sojus-2.1b vom Typ X.", ["Die Rakete war eine Sojus-2.1b vom Typ X."]),
    # ellipses
    ("Sie sagte: „[...] Ich war dagegen.“", ["Sie sagte: „[...] Ich war dagegen.“"]),
    ("Er sagte … nichts. Gut.", ["Er sagte … nichts.", "Gut."]),
    ("Und dann... Die Tür ging auf.", ["Und dann...", "Die Tür ging auf."]),
    # colon and semicolon
    (
        "Überraschend senkte die Notenbank die Zinsen: Der Satz fiel.",
        ["Überraschend senkte die Notenbank die Zinsen:", "Der Satz fiel."],
    ),
    ("Verkehr: Die SPD will mehr Geld.", ["Verkehr: Die SPD will mehr Geld."]),
    ("Er sagte: „Die Lage ist ernst.“", ["Er sagte: „Die Lage ist ernst.“"]),
    (
        "Die Gruppe (übersetzt etwa so: Es ist genug) kam.",
        ["Die Gruppe (übersetzt etwa so: Es ist genug) kam."],
    ),
    ("Die Frau war tot; die Tochter lebte.", ["Die Frau war tot;", "die Tochter lebte."]),
    # colon before a quotation (issue 3): a verb of saying takes the quotation as its object,
    # otherwise the clause before the colon is complete and the quotation is a sentence
    (
        "Der Sprecher des Ministeriums sagte: „Wir sind zuversichtlich.“",
        ["Der Sprecher des Ministeriums sagte: „Wir sind zuversichtlich.“"],
    ),
    (
        "Die Eltern des Kindes teilten daraufhin mit: „Das erschüttert uns.“",
        ["Die Eltern des Kindes teilten daraufhin mit: „Das erschüttert uns.“"],
    ),
    (
        "Er sprach mit Journalisten und sagte dabei: „Wir kommen.“",
        ["Er sprach mit Journalisten und sagte dabei: „Wir kommen.“"],
    ),
    (
        "Die Autoren der Studie werfen den Behörden vor: „Eine Prüfung findet nicht statt.“",
        ["Die Autoren der Studie werfen den Behörden vor: „Eine Prüfung findet nicht statt.“"],
    ),
    (
        "Knipper kritisierte die Entscheidung der BaFin scharf: „Die BaFin muss sich fragen"
        " lassen.“ Sie schwieg.",
        [
            "Knipper kritisierte die Entscheidung der BaFin scharf:",
            "„Die BaFin muss sich fragen lassen.“",
            "Sie schwieg.",
        ],
    ),
    (
        "Der Minister reagierte gelassen: „Er nannte es ‚Unsinn‘. Wir warten ab.“",
        ["Der Minister reagierte gelassen:", "„Er nannte es ‚Unsinn‘.", "Wir warten ab.“"],
    ),
    (
        "Ihr erstes Buch trägt einen schlichten Titel: „Sie befinden sich hier“.",
        ["Ihr erstes Buch trägt einen schlichten Titel: „Sie befinden sich hier“."],
    ),
    (
        "Der Trainer des 1. FC Köln sagte am 3. Oktober u. a. zu Dr. Müller: „Nach Art. 5"
        " Abs. 1 GG ist das frei.“",
        [
            "Der Trainer des 1. FC Köln sagte am 3. Oktober u. a. zu Dr. Müller: „Nach Art. 5"
            " Abs. 1 GG ist das frei.“"
        ],
    ),
    # colon before a capitalised word: a verb after the first phrase makes it a sentence
    (
        "Vor der Wahl galt John McCain als Favorit: McCain gewann nur 24 Prozent.",
        ["Vor der Wahl galt John McCain als Favorit:", "McCain gewann nur 24 Prozent."],
    ),
    (
        "Hilfe aus Finnland gilt als am erfolgversprechendsten: Finnische Bärenhunde sollen"
        " kommen.",
        [
            "Hilfe aus Finnland gilt als am erfolgversprechendsten:",
            "Finnische Bärenhunde sollen kommen.",
        ],
    ),
    (
        "Im Bundestag sind 4 Fraktionen vertreten: CDU und CSU bilden eine Fraktion.",
        ["Im Bundestag sind 4 Fraktionen vertreten:", "CDU und CSU bilden eine Fraktion."],
    ),
    (
        "Das Gesetz regelt die Vergütung neu: Manager großer Unternehmen müssen sie offenlegen.",
        [
            "Das Gesetz regelt die Vergütung neu:",
            "Manager großer Unternehmen müssen sie offenlegen.",
        ],
    ),
    (
        "Außerdem werden Spuren verschiedener Gase erwartet: Kohlendioxid, Methan und Ammoniak.",
        ["Außerdem werden Spuren verschiedener Gase erwartet: Kohlendioxid, Methan und Ammoniak."],
    ),
    (
        "Das Gericht nannte nur das Aktenzeichen: S 73 des Sozialgerichts Berlin.",
        ["Das Gericht nannte nur das Aktenzeichen: S 73 des Sozialgerichts Berlin."],
    ),
    # semicolons between the items of a list announced by a colon
    (
        "Als Besatzung sind vorgesehen: Eileen Collins, Kommandantin; James Kelly, Pilot.",
        ["Als Besatzung sind vorgesehen: Eileen Collins, Kommandantin; James Kelly, Pilot."],
    ),
    (
        "Er sagte: „Es gibt keinen Markt; die Regierung irrt.“",
        ["Er sagte: „Es gibt keinen Markt;", "die Regierung irrt.“"],
    ),
    # weekday abbreviations that are also names
    (
        "Fei sprach mit seinem Sohn Fei Di. Nie Haisheng sprach mit seiner Frau.",
        ["Fei sprach mit seinem Sohn Fei Di.", "Nie Haisheng sprach mit seiner Frau."],
    ),
    ("Am Di., 3. Mai beginnt die Sitzung.", ["Am Di., 3. Mai beginnt die Sitzung."]),
    # marks glued to the next word
    ("Die Aktie von E.ON stieg.", ["Die Aktie von E.ON stieg."]),
    ("Er wählte die Linkspartei.PDS und ging.", ["Er wählte die Linkspartei.PDS und ging."]),
    ("Das meldete E!Online gestern.", ["Das meldete E!Online gestern."]),
    ("Das war gut.Die Lage bleibt.", ["Das war gut.", "Die Lage bleibt."]),
    ("„Wir kommen.“Er ging.", ["„Wir kommen.“", "Er ging."]),
    (
        "Sie müssen es offenlegen (Gesetz).'Bundestag': Abgeordnete müssen es angeben.",
        ["Sie müssen es offenlegen (Gesetz).", "'Bundestag': Abgeordnete müssen es angeben."],
    ),
    # paragraphs and headings
    ("Überschrift ohne Punkt\n\nText hier.", ["Überschrift ohne Punkt", "Text hier."]),
    ("Erster Absatz ohne Punkt\n\nzweiter", ["Erster Absatz ohne Punkt", "zweiter"]),
    ("(Archivbild)\nFoto: dpa", ["(Archivbild)", "Foto: dpa"]),
    ("Ein langer Satz, der\numbrochen ist.", ["Ein langer Satz, der\numbrochen ist."]),
    # three or more bare lines in a row are a list or a table, not headings
    (
        "1. Tag: (27.12.2008)\n2. Tag: (28.12.2008)\n3. Tag: (29.12.2008)",
        ["1. Tag: (27.12.2008)\n2. Tag: (28.12.2008)\n3. Tag: (29.12.2008)"],
    ),
    (
        "Die Botschaft aus dem Kreml\nUntertitel hier\nDer Kreml hat sich geäußert.",
        ["Die Botschaft aus dem Kreml", "Untertitel hier", "Der Kreml hat sich geäußert."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GERMAN_CASES)
def test_german_news_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected
    assert_offsets(text, split_sentences(text))


ENGLISH_CASES = [
    ("Mr. Smith met Mrs. Jones. They talked.", ["Mr. Smith met Mrs. Jones.", "They talked."]),
    ("Dr. Who lives in the U.S. and works.", ["Dr. Who lives in the U.S. and works."]),
    ("Fruit, e.g. apples, i.e. food. Then more.", ["Fruit, e.g. apples, i.e. food.", "Then more."]),
    (
        "It began on Jan. 5 at No. 10 Downing Street.",
        ["It began on Jan. 5 at No. 10 Downing Street."],
    ),
    (
        'Growth was 3.5 percent. He said "No." Then left.',
        ["Growth was 3.5 percent.", 'He said "No."', "Then left."],
    ),
    ("He was born in 1990. The war ended.", ["He was born in 1990.", "The war ended."]),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH_CASES)
def test_english_sentences(text: str, expected: list[str]) -> None:
    assert texts(text, language="en") == expected
    assert texts(text, language=None) == expected


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == ()
    assert split_sentences("  \n\n ") == ()


def test_unknown_language_is_rejected() -> None:
    with pytest.raises(ValueError, match="Cannot analyse language 'fr': not supported"):
        split_sentences("Bonjour.", language="fr")


def test_sentence_is_frozen() -> None:
    sentence = split_sentences("Er kam.")[0]
    with pytest.raises(AttributeError):
        sentence.start = 3  # type: ignore[misc]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='ab A.?!„“"«» \n3,:;-…()', max_size=80))
def test_offsets_slice_back_on_any_text(text: str) -> None:
    sentences = split_sentences(text)
    assert_offsets(text, sentences)
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)
    for before, after in itertools.pairwise(sentences):
        assert before.end <= after.start


DATE = re.compile(
    r"\b\d{1,2}\. (?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober"
    r"|November|Dezember)\b"
)


# Real examples (../shared/examples): dates survive, quotes stay whole.
def example_texts(examples_dir: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.txt"))]


def test_examples_keep_dates_and_quotes_whole(examples_dir: Path) -> None:
    for text in example_texts(examples_dir):
        sentences = split_sentences(text)
        assert_offsets(text, sentences)
        for sentence in sentences:
            assert not re.search(r"\b(?:am|vom|zum|im) \d{1,2}\.$", sentence.text), sentence.text
            assert sentence.text.count("„") == sentence.text.count("“"), sentence.text
            assert sentence.text.count("«") == sentence.text.count("»"), sentence.text
        for date in DATE.finditer(text):
            assert any(s.start <= date.start() and date.end() <= s.end for s in sentences)


def test_examples_split_quote_with_cue_as_one_sentence(examples_dir: Path) -> None:
    text = (examples_dir / "dpa-afx-trump-putin-telefonat.txt").read_text(encoding="utf-8")
    found = [s.text for s in split_sentences(text) if s.text.startswith('"Wir merken')]
    assert found == [
        '"Wir merken, dass wir uns hier ein bisschen in einer Sackgasse befinden", sagte Vance'
        " an Bord der Air Force Two zu Reportern nach einem Besuch in Rom."
    ]
