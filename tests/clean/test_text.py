"""Plain-text cleaning: every line labelled, junk kept visible, article structure found (#2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lagebild.clean import separate_markers
from lagebild.clean.boilerplate import junk_label
from lagebild.clean.text import clean_text
from lagebild.records import BlockLabel, Cleaned

L = BlockLabel


def _labels(cleaned: Cleaned) -> dict[str, BlockLabel]:
    return {b.text: b.label for b in cleaned.blocks}


def _offsets_hold(cleaned: Cleaned) -> None:
    for block in cleaned.blocks:
        if not block.removed and block.label is not L.TITLE:
            assert cleaned.text[block.start : block.end] == block.text


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Wir verwenden Cookies, um Ihnen ein optimales Nutzererlebnis zu bieten.", L.COOKIE),
        ("We use cookies to give you the best experience. Accept | Manage", L.COOKIE),
        ("Alle akzeptieren", L.COOKIE),
        ("Jetzt abonnieren und weiterlesen – nur 0,99 € im ersten Monat", L.PAYWALL),
        ("Bitte deaktivieren Sie Ihren Werbeblocker.", L.PAYWALL),
        ("Subscribe from £1 a week", L.PAYWALL),
        ("Mobiles Menü schließen", L.NAVIGATION),
        ("Startseite › Politik › Ausland", L.NAVIGATION),
        ("Politik | Wirtschaft | Sport", L.NAVIGATION),
        ("Skip to main content", L.NAVIGATION),
        ("Foto: Alex Brandon/AP/dpa", L.CREDIT),
        ("Copyright: picture alliance", L.CREDIT),
        ("© 2026 Weser-Echo", L.CREDIT),
        ("Der Kanzler am Montag in Berlin. (Archivbild)", L.CAPTION),
        ("Lesen Sie auch: Was die Woche sonst noch brachte", L.TEASER),
        ("Mehr zum Thema", L.TEASER),
        ("Anna Beispiel ist Redakteurin bei der Lindenauer Zeitung.", L.AUTHOR_BIO),
        ("Dieser Text wurde maschinell aus dem Englischen übersetzt.", L.TRANSLATION_NOTE),
        ("This article was translated from German.", L.TRANSLATION_NOTE),
        ("Teilen: Facebook X WhatsApp E-Mail", L.SOCIAL),
        ("dpa", L.AGENCY_CODE),
        ("/nau/DP/stw", L.AGENCY_CODE),
        ("Anzeige", L.BOILERPLATE),
        ("Von Anna Beispiel", L.BOILERPLATE),  # a byline: metadata reads the author from it
        ("date 2026-03-10", L.HEADER),
        ("12.03.2026, 18:55 Uhr", L.HEADER),
        ("Mittwoch, 11. März 2026", L.HEADER),
        ("March 10, 2026 7:45 PM GMT", L.HEADER),
    ],
)
def test_furniture_lines_get_their_label(line: str, label: BlockLabel) -> None:
    assert junk_label(line) is label


@pytest.mark.parametrize(
    "line",
    [
        "Die Ministerin sagte, man werde die Cookies-Richtlinie der EU prüfen.",
        'Vance: "Ein bisschen in einer Sackgasse"',
        "Die Botschaft aus dem Kreml",
        "Der Verlag will die Zahl seiner Abonnenten bis 2027 verdoppeln, teilte er mit.",
        " ".join(["Ein langer Absatz über Cookies, den man akzeptieren muss."] * 12),
        "date 2025-05 WASHINGTON (dpa-AFX) - Im Ringen um ein Ende des Krieges telefonierte Trump.",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert junk_label(line) is None


PAGE = """Mobiles Menü schließen
Startseite › Region
Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. Alle akzeptieren

Stadt plant neue Brücke über die Weser

Der Stadtrat hat den Neubau beschlossen. Die Kosten liegen bei 42 Millionen Euro.

Die Brücke am Abend. (Symbolbild)
Foto: Jane Doe/dpa

LINDENAU (dpa) - Der Stadtrat von Lindenau hat am Dienstag mit großer Mehrheit den Neubau der Weserbrücke beschlossen. Die Arbeiten sollen im Herbst beginnen.

Was die Opposition kritisiert

Die Opposition hält die Kosten für zu niedrig angesetzt. „Das wird am Ende deutlich teurer“, sagte ihr Fraktionschef derBürgerschaft.

Lesen Sie auch: Die Geschichte der alten Brücke
dpa
"""


def test_a_scraped_page_is_split_into_article_and_labelled_junk() -> None:
    cleaned = clean_text(PAGE)
    labels = _labels(cleaned)
    assert cleaned.title == "Stadt plant neue Brücke über die Weser"
    assert (
        labels["Der Stadtrat hat den Neubau beschlossen. Die Kosten liegen bei 42 Millionen Euro."]
        is L.LEAD
    )
    assert labels["Die Brücke am Abend. (Symbolbild)"] is L.CAPTION
    assert labels["Foto: Jane Doe/dpa"] is L.CREDIT
    assert labels["Was die Opposition kritisiert"] is L.HEADING
    assert labels["Mobiles Menü schließen"] is L.NAVIGATION
    assert labels["dpa"] is L.AGENCY_CODE
    for junk in ("Cookies", "Lesen Sie auch", "Symbolbild", "Foto:", "Menü"):
        assert junk not in cleaned.text
    assert "der Bürgerschaft" in cleaned.text  # glued words repaired in article text
    _offsets_hold(cleaned)


def test_nothing_is_lost() -> None:
    cleaned = clean_text(PAGE)
    kept = {b.text for b in cleaned.blocks}
    for line in PAGE.splitlines():
        if line.strip():
            assert any(line.strip().replace("derB", "der B") in k for k in kept), line


def test_a_given_title_is_used() -> None:
    text = (
        "Brücke gesperrt\n\nDie Brücke bleibt mindestens drei Wochen gesperrt, sagte die Stadt.\n"
    )
    cleaned = clean_text(text, title="Brücke gesperrt")
    assert cleaned.title == "Brücke gesperrt"
    assert "Brücke gesperrt\n" not in cleaned.text


def test_text_without_prose_keeps_every_line_as_body_or_junk() -> None:
    cleaned = clean_text("Startseite\nAnzeige\n")
    assert cleaned.text == ""
    assert {b.label for b in cleaned.blocks} == {L.NAVIGATION, L.BOILERPLATE}


def _read(examples_dir: Path, name: str) -> str:
    return (examples_dir / name).read_text(encoding="utf-8")


def test_example_with_navigation_caption_and_credit(
    examples_dir: Path, expected: dict[str, Any]
) -> None:
    name = "dpa-trump-putin-verhandlungen.txt"
    cleaned = separate_markers(clean_text(_read(examples_dir, name)))
    want = expected[name]
    assert cleaned.title == want["title"]
    assert [b.text for b in cleaned.blocks if b.label is L.LEAD] == [want["lead"]]
    assert [b.text for b in cleaned.blocks if b.label is L.HEADING] == want["headings"]
    for junk in want["not_in_clean_text"]:
        assert junk not in cleaned.text
    _offsets_hold(cleaned)


def test_example_with_header_dateline_and_codes(
    examples_dir: Path, expected: dict[str, Any]
) -> None:
    name = "dpa-afx-trump-putin-telefonat.txt"
    cleaned = separate_markers(clean_text(_read(examples_dir, name)))
    assert [b.text for b in cleaned.blocks if b.label is L.HEADING] == expected[name]["headings"]
    assert cleaned.text.startswith("Im Ringen")
    _offsets_hold(cleaned)


def test_a_long_headline_without_full_stop_is_still_the_title() -> None:
    text = (
        "Skip to main content\n\nTwo dead, more than 100 hurt as bridge falls into German river\n\n"
        "Part of a road bridge collapsed on Monday evening, killing two people, officials said.\n"
        "Rescue work went on through the night.\n"
    )
    assert (
        clean_text(text).title == "Two dead, more than 100 hurt as bridge falls into German river"
    )
