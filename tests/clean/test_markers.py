"""separate_markers: scraper headers, datelines and trailing agency codes become removed blocks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lagebild.clean.assemble import assemble
from lagebild.clean.markers import separate_markers
from lagebild.records import BlockLabel, Cleaned

L = BlockLabel


def _body(*paragraphs: str) -> Cleaned:
    return assemble([(L.BODY, p) for p in paragraphs])


def _removed(cleaned: Cleaned) -> list[tuple[str, str]]:
    return [(b.label.value, b.text) for b in cleaned.blocks if b.removed]


@pytest.mark.parametrize(
    ("first", "header", "rest"),
    [
        (" date 2025-05 Im Ringen um", "date 2025-05", "Im Ringen um"),
        ("date: 2025-05-19\nIm Ringen um", "date: 2025-05-19", "Im Ringen um"),
        ("Datum: 19.05.2025 Im Ringen um", "Datum: 19.05.2025", "Im Ringen um"),
    ],
)
def test_scraper_header_is_split_off(first: str, header: str, rest: str) -> None:
    result = separate_markers(_body(first, "Zweiter Absatz."))
    assert ("header", header) in _removed(result)
    assert result.text.startswith(rest)


@pytest.mark.parametrize(
    ("first", "dateline"),
    [
        ("WASHINGTON (dpa-AFX) - Im Ringen", "WASHINGTON (dpa-AFX) -"),
        ("Berlin (dpa) – Im Ringen", "Berlin (dpa) –"),
        ("KIEW/MOSKAU (dpa) - Im Ringen", "KIEW/MOSKAU (dpa) -"),
        ("Paris (AFP) - Im Ringen", "Paris (AFP) -"),
        ("Frankfurt/Main (Reuters) - Im Ringen", "Frankfurt/Main (Reuters) -"),
        ("(dpa) - Im Ringen", "(dpa) -"),
        ("BERLIN, 3. Mai (Reuters) - Im Ringen", "BERLIN, 3. Mai (Reuters) -"),
        ("WASHINGTON (Reuters) - Im Ringen", "WASHINGTON (Reuters) -"),
    ],
)
def test_dateline_is_split_off(first: str, dateline: str) -> None:
    result = separate_markers(_body(first, "Zweiter Absatz."))
    assert _removed(result) == [("dateline", dateline)]
    assert result.text.startswith("Im Ringen")


def test_sentence_with_agency_in_the_middle_is_not_a_dateline() -> None:
    text = (
        "Die Regierung hat nach Angaben der Nachrichtenagentur (dpa) - wie erwartet - entschieden."
    )
    assert separate_markers(_body(text)).text == text


@pytest.mark.parametrize(
    ("last", "body", "codes"),
    [
        ('mit Russland."/nau/DP/stw', 'mit Russland."', ["/nau/DP/stw"]),
        ("Ende der Meldung. /dpa/xy", "Ende der Meldung.", ["/dpa/xy"]),
        ("Ende der Meldung. (dpa)", "Ende der Meldung.", ["(dpa)"]),
        (
            "Ende.\n© dpa-infocom, dpa:250519-930-571234/1",
            "Ende.",
            ["© dpa-infocom, dpa:250519-930-571234/1"],
        ),
        ("Ende der Meldung.\ndpa", "Ende der Meldung.", ["dpa"]),
    ],
)
def test_trailing_codes_are_split_off(last: str, body: str, codes: list[str]) -> None:
    result = separate_markers(_body("Erster Absatz.", last))
    assert result.text.endswith(body)
    assert _removed(result) == [("agency_code", c) for c in codes]


def test_lone_agency_paragraph_becomes_agency_code() -> None:
    result = separate_markers(_body("Erster Absatz.", "Reuters"))
    assert result.text == "Erster Absatz."
    assert _removed(result) == [("agency_code", "Reuters")]


def test_existing_agency_code_block_is_kept() -> None:
    cleaned = assemble([(L.BODY, "Text."), (L.AGENCY_CODE, "dpa")])
    assert _removed(separate_markers(cleaned)) == [("agency_code", "dpa")]


def test_ordinary_last_sentence_is_untouched() -> None:
    text = "Die EU und/oder die USA reagieren."
    assert separate_markers(_body(text)).text == text


def test_offsets_slice_back_to_block_text() -> None:
    result = separate_markers(_body(" date 2025-05 WASHINGTON (dpa-AFX) - A.", 'B "C."/nau/DP/stw'))
    for block in result.blocks:
        if not block.removed:
            assert result.text[block.start : block.end] == block.text


def test_separating_twice_changes_nothing() -> None:
    once = separate_markers(_body("Berlin (dpa) - A.", "B. (dpa)"))
    assert separate_markers(once) == once


def test_real_dpa_afx_example(examples_dir: Path, expected: dict[str, Any]) -> None:
    name = "dpa-afx-trump-putin-telefonat.txt"
    raw = (examples_dir / name).read_text(encoding="utf-8")
    result = separate_markers(_body(*raw.split("\n\n")))
    for junk in expected[name]["not_in_clean_text"]:
        assert junk not in result.text
    assert result.text.startswith("Im Ringen")
    assert result.text.endswith('keine Angst vor direkten Gesprächen mit Russland."')


def test_dateline_after_a_teaser_lead_is_found() -> None:
    cleaned = assemble([(L.LEAD, "Kurzer Vorspann."), (L.BODY, "Berlin (dpa) - Der Text.")])
    result = separate_markers(cleaned)
    assert result.text == "Kurzer Vorspann.\n\nDer Text."
    assert _removed(result) == [("dateline", "Berlin (dpa) -")]


def test_bare_dateline_paragraph_becomes_a_block() -> None:
    result = separate_markers(_body("Berlin (dpa) -", "Der Text."))
    assert result.text == "Der Text."
    assert _removed(result) == [("dateline", "Berlin (dpa) -")]
