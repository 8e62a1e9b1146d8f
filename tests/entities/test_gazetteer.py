"""The gazetteer: known names, their spellings and inflections, and user extensions (#3)."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.entities.gazetteer import KINDS, load_gazetteer, read_adjectives
from lagebild.errors import ConfigError

HEADER = "name\tkind\taliases\tborn\tsource\n"


@pytest.fixture(scope="module")
def gazetteer() -> Any:
    return load_gazetteer()


def test_bundled_gazetteer_loads_once(gazetteer: Any) -> None:
    assert len(gazetteer) >= 200
    assert load_gazetteer() is gazetteer
    assert {entry.kind for entry in gazetteer.entries} == set(KINDS)


def test_every_row_has_a_source(gazetteer: Any) -> None:
    assert all(entry.source.startswith("https://") for entry in gazetteer.entries)


def test_no_duplicate_canonical_names_within_a_kind(gazetteer: Any) -> None:
    counts = Counter((entry.name, entry.kind) for entry in gazetteer.entries)
    assert [key for key, count in counts.items() if count > 1] == []


def test_no_surface_names_two_entities(gazetteer: Any) -> None:
    owners: dict[str, set[str]] = {}
    for entry in gazetteer.entries:
        for surface in entry.surfaces:
            owners.setdefault(surface, set()).add(entry.name)
    assert {surface: names for surface, names in owners.items() if len(names) > 1} == {}


def test_only_persons_have_birth_dates(gazetteer: Any) -> None:
    assert all(entry.born is None or entry.kind == "person" for entry in gazetteer.entries)
    putin = gazetteer.lookup("Wladimir Putin")[0]
    assert putin.born == dt.date(1952, 10, 7)


@pytest.mark.parametrize(
    ("surface", "name"),
    [
        ("Wladimir Putin", "Wladimir Putin"),
        ("Putins", "Wladimir Putin"),
        ("Selenskyjs", "Wolodymyr Selenskyj"),
        ("Zelenskyy", "Wolodymyr Selenskyj"),
        ("Selenskij", "Wolodymyr Selenskyj"),
        ("Зеленський", "Wolodymyr Selenskyj"),
        ("Зеленский", "Wolodymyr Selenskyj"),
        ("Ushakov", "Juri Uschakow"),
        ("Peskov", "Dmitri Peskow"),
        ("Песков", "Dmitri Peskow"),
        ("J.D. Vance", "JD Vance"),
        ("Kyjiw", "Kiew"),
        ("Київ", "Kiew"),
        ("Moscow", "Moskau"),
        ("Москва", "Moskau"),
        ("NATO", "Nato"),
        ("Nordatlantikpakt", "Nato"),
        ("Merz'", "Friedrich Merz"),
        ("Putin's", "Wladimir Putin"),
        ("Bundestages", "Bundestag"),
        ("Kremls", "Kreml"),
        ("Osze", "OSZE"),  # an acronym of three or more letters also matches written as a word
        ("Wladimir\n Putin", "Wladimir Putin"),
    ],
)
def test_lookup_finds_spellings_and_inflections(gazetteer: Any, surface: str, name: str) -> None:
    assert [entry.name for entry in gazetteer.lookup(surface)] == [name]


@pytest.mark.parametrize("surface", ["Us", "us", "nato", "Putinversteher", "Kremlchef", ""])
def test_lookup_rejects_non_names(gazetteer: Any, surface: str) -> None:
    assert gazetteer.lookup(surface) == ()


def test_kinds_of_well_known_entities(gazetteer: Any) -> None:
    kinds = {name: gazetteer.lookup(name)[0].kind for name in ("Nato", "Kreml", "Kiew", "Trump")}
    assert kinds == {
        "Nato": "organisation",
        "Kreml": "organisation",
        "Kiew": "place",
        "Trump": "person",
    }
    assert gazetteer.lookup("Air Force Two")[0].kind == "other"
    assert gazetteer.lookup("Truth Social")[0].kind == "organisation"


def test_by_surname_lists_every_person_of_that_name(gazetteer: Any) -> None:
    names = {entry.name for entry in gazetteer.by_surname("Trump")}
    assert {"Donald Trump", "Melania Trump"} <= names
    assert [entry.name for entry in gazetteer.by_surname("Putins")] == ["Wladimir Putin"]
    assert [e.name for e in gazetteer.by_surname("von der Leyen")] == ["Ursula von der Leyen"]
    assert gazetteer.by_surname("Nato") == ()


def test_expected_persons_of_the_real_examples_are_known(
    gazetteer: Any, expected: dict[str, Any]
) -> None:
    for article in expected.values():
        for person in article["persons"]:
            name = person.split(" (")[0]
            assert [e.kind for e in gazetteer.lookup(name)] == ["person"], name


# --- find ---


def spans(gazetteer: Any, text: str) -> list[tuple[str, str]]:
    found = gazetteer.find(text)
    assert all(text[m.start : m.end] == m.text and m.source == "gazetteer" for m in found)
    return [(m.text, m.fine) for m in found]


def test_find_reports_exact_offsets_and_longest_match(gazetteer: Any) -> None:
    text = "Kremlchef Wladimir Putin traf in Sotschi Dmitri Peskow."
    found = gazetteer.find(text)
    assert [(m.start, m.end, m.label) for m in found] == [
        (10, 24, "PER"),
        (33, 40, "LOC"),
        (41, 54, "PER"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putins Sprecher und Selenskyjs Berater", [("Putins", "PER"), ("Selenskyjs", "PER")]),
        ("die Putin-Regierung", [("Putin", "PERpart")]),
        ("der US-Präsident", [("US", "LOCpart")]),
        ("die Nato-Staaten und die NATO", [("Nato", "ORGpart"), ("NATO", "ORG")]),
        ("ein Trump-Putin-Gipfel", [("Trump", "PERpart"), ("Putin", "PERpart")]),
        ("Anti-Putin-Proteste", [("Putin", "PERpart")]),
        ("in Baden-Württemberg", [("Baden-Württemberg", "LOC")]),
        ("Frank-Walter Steinmeier", [("Frank-Walter Steinmeier", "PER")]),
        ("des Kremls und des Bundestages", [("Kremls", "ORG"), ("Bundestages", "ORG")]),
        ("Putin's call", [("Putin's", "PER")]),
        ("Ein Putinversteher spricht", []),
        ("Зеленський і Путін", [("Зеленський", "PER"), ("Путін", "PER")]),
        ("Foto: Alex Brandon/AP/dpa", [("AP", "ORG"), ("dpa", "ORG")]),
        ("die U.S. Army", [("U.S.", "LOC")]),
        ("Let us go", []),
        ("Die Osze und die Nato", [("Osze", "ORG"), ("Nato", "ORG")]),
        ("Russlands Krieg, Europas Antwort", [("Russlands", "LOC"), ("Europas", "LOC")]),
        ("ein Grünes Band, Grünen-Chefin", [("Grünen", "ORGpart")]),  # no genitive after -e
        ("Who said that? Sinti und Roma", []),  # word-like acronyms and names stay exact
        ("die WHO warnt", [("WHO", "ORG")]),
    ],
)
def test_find_handles_inflection_and_compounds(
    gazetteer: Any, text: str, expected: list[tuple[str, str]]
) -> None:
    assert spans(gazetteer, text) == expected


PIECES = ["Putin", "Putins", "Wladimir Putin", "Nato", "US", "Kiew", "Зеленський", "s", "-", "'"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*PIECES, " ", "\n", "x", "ä", "„", "."]), max_size=30))
def test_find_offsets_slice_back_and_never_overlap(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = load_gazetteer().find(text)
    assert all(text[m.start : m.end] == m.text and m.text for m in found)
    assert all(a.end <= b.start for a, b in pairwise(found))


def test_find_is_fast(gazetteer: Any) -> None:
    text = ("Kremlchef Putin sprach mit US-Präsident Trump über die Ukraine und Kiew. " * 70)[:5000]
    gazetteer.find(text)
    runs = 20
    began = time.perf_counter()
    for _ in range(runs):
        gazetteer.find(text)
    assert (time.perf_counter() - began) / runs < 0.05  # generous: CI machines are shared


# --- place adjectives ---


@pytest.mark.parametrize(
    ("word", "place"),
    [
        ("russischen", "Russland"),
        ("russische", "Russland"),
        ("Russischer", "Russland"),
        ("ukrainischen", "Ukraine"),
        ("deutsch", "Deutschland"),
        ("US-amerikanische", "USA"),
        ("amerikanischem", "USA"),
        ("britischen", "Großbritannien"),
        ("europäisches", "Europa"),
        ("Berliner", "Berlin"),
        ("Ukrainian", "Ukraine"),
        ("Russen", "Russland"),  # demonyms: plural and feminine forms are derived
        ("Amerikanerin", "USA"),
        ("Französinnen", "Frankreich"),
        ("Israelis", "Israel"),
    ],
)
def test_adjective_place(gazetteer: Any, word: str, place: str) -> None:
    assert gazetteer.adjective_place(word) == place


@pytest.mark.parametrize("word", ["Tisch", "schnellen", "", "russ", "pole", "russen"])
def test_adjective_place_rejects_other_words(gazetteer: Any, word: str) -> None:
    assert gazetteer.adjective_place(word) is None


def test_find_derived_marks_place_adjectives_as_locderiv(gazetteer: Any) -> None:
    text = (
        "Die russische Delegation und der US-amerikanische Gesandte trafen Berliner und Russen; "
        "die Russische Föderation und deutsch-russische Beziehungen blieben Thema."
    )
    found = gazetteer.find_derived(text)
    assert all(text[m.start : m.end] == m.text for m in found)
    assert {(m.label, m.fine, m.source) for m in found} == {("LOC", "LOCderiv", "gazetteer")}
    assert [m.text for m in found] == ["russische", "US-amerikanische", "Berliner", "Russen"]


def test_every_adjective_names_a_known_place(gazetteer: Any) -> None:
    path = Path(__file__).parents[2] / "src" / "lagebild" / "data" / "place_adjectives.tsv"
    adjectives = read_adjectives(path.read_text(encoding="utf-8"), str(path))
    assert len(adjectives) >= 100
    places = {entry.name for entry in gazetteer.entries if entry.kind == "place"}
    assert sorted(set(adjectives.values()) - places) == []


# --- user files ---


def test_user_file_adds_rows_and_aliases(tmp_path: Path) -> None:
    extra = tmp_path / "gazetteer.tsv"
    extra.write_text(
        "# my additions\n"
        + HEADER
        + "Helga Beispiel\tperson\tH. Beispiel|Beispiel\t1961-03-02\thttps://lindenau.example/rat\n"
        + "Wladimir Putin\tperson\tWowa\t\thttps://example.org/notes\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer([extra])
    helga = gazetteer.lookup("Beispiels")[0]
    assert (helga.name, helga.born) == ("Helga Beispiel", dt.date(1961, 3, 2))
    putin = gazetteer.lookup("Wowa")[0]
    assert putin.name == "Wladimir Putin" and "Putin" in putin.aliases
    assert putin.born == dt.date(1952, 10, 7)
    assert len(gazetteer) == len(load_gazetteer()) + 1
    assert [m.text for m in gazetteer.find("Wowa und Helga Beispiel")] == ["Wowa", "Helga Beispiel"]
    assert load_gazetteer().lookup("Wowa") == ()  # the cached default is untouched


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name\tkind\n", "must start with the tab-separated header: name kind aliases born source"),
        (HEADER + "A\tperson\n", r"user\.tsv:2: expected 5 tab-separated columns"),
        (HEADER + "A\tpersn\t\t\thttps://s\n", r"user\.tsv:2: kind 'persn' is not one of person"),
        (HEADER + "A\tperson\t\t1952-13-07\thttps://s\n", r"user\.tsv:2: born '1952-13-07'.*YYYY"),
        ("# note\n" + HEADER + "A\tperson\t\t\t\n", r"user\.tsv:3: name and source are required"),
        (HEADER + "A\tperson\t„A\t\thttps://s\n", "must start with a letter or digit"),
    ],
)
def test_bad_user_rows_are_named(tmp_path: Path, content: str, message: str) -> None:
    extra = tmp_path / "user.tsv"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_gazetteer([extra])


def test_missing_user_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="Cannot read gazetteer file '.*nowhere.tsv'"):
        load_gazetteer([tmp_path / "nowhere.tsv"])
