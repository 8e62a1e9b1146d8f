"""The role lexicon: role nouns resolve to the office holder on the article's date (#3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lagebild.entities import load_roles
from lagebild.errors import ConfigError


@pytest.mark.parametrize(
    ("role", "day", "person"),
    [
        ("Kremlchef", dt.date(2025, 5, 19), "Wladimir Putin"),
        ("Kremlchef", dt.date(2010, 1, 1), "Dmitri Medwedew"),
        ("US-Präsident", dt.date(2025, 1, 20), "Donald Trump"),  # inauguration day
        ("US-Präsident", dt.date(2025, 1, 19), "Joe Biden"),
        ("Bundeskanzler", dt.date(2025, 5, 6), "Friedrich Merz"),
        ("Bundeskanzler", dt.date(2025, 5, 5), "Olaf Scholz"),
        ("ukrainischer  Präsident", dt.date(2025, 5, 19), "Wolodymyr Selenskyj"),
    ],
)
def test_role_resolves_by_date(role: str, day: dt.date, person: str) -> None:
    term = load_roles().holder(role, day)
    assert term is not None and term.person == person
    assert term.source.startswith("https://")


def test_unknown_role_or_date_gives_none() -> None:
    roles = load_roles()
    assert roles.holder("Kremlchef", dt.date(1990, 1, 1)) is None
    assert roles.holder("Bürgermeister", dt.date(2025, 1, 1)) is None


def test_every_bundled_row_has_a_source() -> None:
    assert all(term.source.startswith("https://") for term in load_roles().terms)


def test_user_rows_come_first(tmp_path: Path) -> None:
    extra = tmp_path / "roles.tsv"
    extra.write_text(
        "role\tlanguage\tperson\tstart\tend\tsource\n"
        "oberbürgermeisterin\tde\tHelga Beispiel\t2020-11\t\thttps://lindenau.example/rat\n",
        encoding="utf-8",
    )
    term = load_roles([extra]).holder("Oberbürgermeisterin", dt.date(2026, 3, 10))
    assert term is not None and term.person == "Helga Beispiel"
    assert term.start.precision == "month"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("role\tperson\n", "must start with the tab-separated header"),
        ("role\tlanguage\tperson\tstart\tend\tsource\nx\tde\tA\n", r"roles.tsv:2: expected 6"),
        (
            "role\tlanguage\tperson\tstart\tend\tsource\nx\tde\tA\t2020-13-01\t\thttps://s\n",
            "YYYY-MM-DD",
        ),
        (
            "role\tlanguage\tperson\tstart\tend\tsource\nx\tde\tA\t2020-01-01\t2019-01-01\thttps://s\n",
            "ends",
        ),
        (
            "role\tlanguage\tperson\tstart\tend\tsource\nx\tde\tA\t2020-01-01\t\t\n",
            "source are required",
        ),
    ],
)
def test_bad_user_rows_are_named(tmp_path: Path, content: str, message: str) -> None:
    extra = tmp_path / "roles.tsv"
    extra.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_roles([extra])


def test_missing_user_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="Cannot read role file"):
        load_roles([tmp_path / "nope.tsv"])
