"""The role lexicon: who held which office when, so "der Kremlchef" in an article of a given
date resolves to a person.

The rows live in one data file, ``lagebild/data/roles.tsv``, each with the source that documents
the term of office; users add rows in files of the same shape. A role is looked up by its noun
phrase (lower-case, without article) and the article's date.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from lagebild.errors import ConfigError
from lagebild.records import PartialDate

COLUMNS = ("role", "language", "person", "start", "end", "source")


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleTerm:
    """One person in one role for one term of office (``end`` None: still in office)."""

    role: str
    language: str
    person: str
    start: PartialDate
    end: PartialDate | None
    source: str

    def covers(self, day: dt.date) -> bool:
        """Whether the term includes ``day`` (the end day belongs to the successor)."""
        if day < self.start.to_date():
            return False
        return self.end is None or day < self.end.to_date()


@dataclass(frozen=True, slots=True)
class RoleLexicon:
    terms: tuple[RoleTerm, ...]

    def holder(self, role: str, on: dt.date, language: str | None = None) -> RoleTerm | None:
        """Who held ``role`` on the given day; None when nobody or the lexicon does not know."""
        key = normalise_role(role)
        for term in self.terms:
            if term.role == key and term.covers(on) and language in (None, term.language):
                return term
        return None

    def roles(self) -> frozenset[str]:
        return frozenset(term.role for term in self.terms)


def normalise_role(role: str) -> str:
    return " ".join(role.lower().split())


def load_roles(extra: Sequence[Path] = ()) -> RoleLexicon:
    """The bundled lexicon plus the user's own files (their rows are looked up first)."""
    bundled = resources.files("lagebild").joinpath("data", "roles.tsv")
    terms = [*_read(bundled.read_text(encoding="utf-8"), "lagebild/data/roles.tsv")]
    for path in extra:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"Cannot read role file '{path}': {exc.strerror}.") from exc
        terms[:0] = _read(text, str(path))
    return RoleLexicon(tuple(terms))


def _read(text: str, name: str) -> Iterable[RoleTerm]:
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not lines or tuple(lines[0][1].split("\t")) != COLUMNS:
        raise ConfigError(
            f"Role file '{name}' must start with the tab-separated header: {' '.join(COLUMNS)}."
        )
    rows = csv.reader((line for _, line in lines[1:]), delimiter="\t")
    for (number, _), row in zip(lines[1:], rows, strict=True):
        yield _term(row, f"{name}:{number}")


def _term(row: list[str], where: str) -> RoleTerm:
    if len(row) != len(COLUMNS):
        raise ConfigError(
            f"{where}: expected {len(COLUMNS)} tab-separated columns, got {len(row)}."
        )
    role, language, person, start, end, source = (value.strip() for value in row)
    if not (role and person and start and source):
        raise ConfigError(f"{where}: role, person, start and source are required.")
    try:
        start_date = PartialDate.parse(start)
        end_date = PartialDate.parse(end) if end else None
    except ValueError as exc:
        raise ConfigError(f"{where}: dates must be YYYY-MM-DD or YYYY-MM ({exc}).") from exc
    if end_date is not None and end_date.to_date() <= start_date.to_date():
        raise ConfigError(f"{where}: the term ends ({end}) before it starts ({start}).")
    return RoleTerm(
        role=normalise_role(role),
        language=language,
        person=person,
        start=start_date,
        end=end_date,
        source=source,
    )
