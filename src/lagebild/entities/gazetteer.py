"""The gazetteer: canonical names of persons, places, organisations and other entities that
German news often mentions, with their other spellings, and the adjectives derived from places.

The rows live in ``lagebild/data/gazetteer.tsv`` (one row per entity, each with a source) and
``lagebild/data/place_adjectives.tsv``; users add rows, or aliases to bundled rows, in files of
the same columns. The gazetteer

- looks a surface form up (``lookup("Selenskyjs")``, ``lookup("Зеленський")``),
- finds every known name in a text in one pass (``find(text)``), as ``Mention`` records with
  ``source="gazetteer"``, genitive forms ("Putins") and names inside hyphen compounds
  ("Putin-Regierung", fine label ``PERpart``) included,
- maps an inflected place adjective or demonym to its place (``adjective_place("russischen")``,
  ``adjective_place("Russen")``) and finds them in a text as ``LOCderiv`` mentions
  (``find_derived(text)``).

It seeds the cross-article registry of canonical entities.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from lagebild.errors import ConfigError
from lagebild.records import EntityKind, Mention, NerLabel

COLUMNS = ("name", "kind", "aliases", "born", "source")
ADJECTIVE_COLUMNS = ("adjective", "place", "source")
KINDS: tuple[EntityKind, ...] = ("person", "organisation", "place", "other")
LABEL_OF_KIND: dict[EntityKind, NerLabel] = {
    "person": "PER",
    "organisation": "ORG",
    "place": "LOC",
    "other": "OTH",
}
# Acronyms of this length or more also match when written as a word ("Nato" for "NATO");
# two-letter ones ("US", "UN", "EU") do not, since "Us", "Un" and "Eu" are ordinary words.
MIN_FOLDED_ACRONYM = 3
# Acronyms that are also words when written with one capital ("Who", "Uno"): exact case only.
WORD_ACRONYMS = frozenset({"WHO", "UNO", "ICE", "AIDS"})
# Trailing parts of a person's name that are not the surname ("Donald Trump Jr.", "Charles III.").
NAME_SUFFIXES = frozenset({"Jr.", "junior", "Sr.", "senior", "II.", "III.", "XIV."})
# German adjective endings, tried in this order: "russischen" loses "en", "russische" loses "e".
ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e")
HYPHENS = "-‐"  # ASCII hyphen-minus and U+2010: both join German compounds
APOSTROPHES = "'’"
GENITIVE_APOSTROPHES = ("'s", "’s")  # English possessive, now and then in German text too
_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits: names start with one
# A whole word, hyphen compounds included, not glued to a hyphen on either side: "US-amerikanische"
# is one adjective, while "russisch" in "deutsch-russischen" or "Russisch-Unterricht" is not.
_ADJECTIVE_WORD = re.compile(r"(?<![\w‐-])[^\W\d_]+(?:[-‐][^\W\d_]+)*(?![\w‐-])")


@dataclass(frozen=True, slots=True, kw_only=True)
class GazetteerEntry:
    """One known entity: its canonical name, kind, other spellings and (persons) birth date."""

    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()
    born: dt.date | None = None
    source: str

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)

    @property
    def label(self) -> NerLabel:
        return LABEL_OF_KIND[self.kind]


class Gazetteer:
    """Known entities indexed by surface form, first word and surname; read-only once built."""

    __slots__ = (
        "_adjective_tails",
        "_adjectives",
        "_by_first_word",
        "_by_surface",
        "_by_surname",
        "_folded",
        "entries",
    )

    def __init__(
        self, entries: Iterable[GazetteerEntry], adjectives: Mapping[str, str] | None = None
    ) -> None:
        self.entries: tuple[GazetteerEntry, ...] = tuple(entries)
        self._adjectives = dict(adjectives or {})
        # The last three letters every inflected adjective can end in: a cheap first filter.
        self._adjective_tails = {
            (stem + ending)[-3:].lower()
            for stem in self._adjectives
            for ending in ("", *ADJECTIVE_ENDINGS)
        }
        by_surface: dict[str, list[GazetteerEntry]] = {}
        by_surname: dict[str, list[GazetteerEntry]] = {}
        for entry in self.entries:
            for surface in entry.surfaces:
                _add(by_surface, surface, entry)
            if entry.kind == "person":
                for surname in _surnames(entry):
                    _add(by_surname, surname, entry)
        self._by_surface = {key: tuple(value) for key, value in by_surface.items()}
        self._by_surname = {key: tuple(value) for key, value in by_surname.items()}
        self._folded = {
            surface.upper(): self._by_surface[surface]
            for surface in self._by_surface
            if _is_acronym(surface)
        }
        first: dict[str, list[str]] = {}
        for surface in self._by_surface:
            first.setdefault(_first_word(surface), []).append(surface)
        for surface in self._folded:
            first.setdefault(surface, []).append(surface)
        self._by_first_word = {
            key: tuple(sorted(set(value), key=len, reverse=True)) for key, value in first.items()
        }

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, surface: str) -> tuple[GazetteerEntry, ...]:
        """The entries a surface form names: exact, genitive ("Putins", "Merz'", "Putin's"),
        or an acronym written as a word ("Nato"); empty when unknown."""
        text = " ".join(surface.split())
        for form in _base_forms(text):
            hit = self._by_surface.get(form) or self._folded_hit(form)
            if hit:
                return hit
        return ()

    def by_surname(self, surname: str) -> tuple[GazetteerEntry, ...]:
        """The persons whose name ends with ``surname`` ("Trump", "von der Leyen", "Putins")."""
        text = " ".join(surname.split())
        for form in _base_forms(text):
            hit = self._by_surname.get(form)
            if hit:
                return hit
        return ()

    def adjective_place(self, word: str) -> str | None:
        """The place an adjective or demonym derives from: "russischen" -> "Russland",
        "US-amerikanische" -> "USA", "Berliner" -> "Berlin", "Amerikanerin" -> "USA"; None when
        the word is not a known place adjective."""
        written = word.strip()
        if written[:1].isupper() and written in self._adjectives:  # a demonym: "Russen"
            return self._adjectives[written]
        key = written.lower()
        if key in self._adjectives:
            return self._adjectives[key]
        for ending in ADJECTIVE_ENDINGS:
            if key.endswith(ending) and key[: -len(ending)] in self._adjectives:
                return self._adjectives[key[: -len(ending)]]
        return None

    @property
    def adjectives(self) -> Mapping[str, str]:
        """``{adjective base form or demonym form: place}``: ``{"russisch": "Russland",
        "Russen": "Russland", ...}``."""
        return MappingProxyType(self._adjectives)

    def find_derived(self, text: str) -> tuple[Mention, ...]:
        """Every place adjective in ``text`` as a ``LOCderiv`` mention ("die russische
        Delegation", "US-amerikanische"), GermEval's class for words derived from place names;
        words inside a known name ("Russische Föderation") are left to ``find``."""
        inside_name: set[int] = set()
        for name in self.find(text):
            if not name.fine.endswith("part"):  # "US" in "US-amerikanische" is the adjective's
                inside_name.update(range(name.start, name.end))
        tails = self._adjective_tails
        mentions = []
        for word in _ADJECTIVE_WORD.finditer(text):
            if word.group()[-3:].lower() not in tails or word.start() in inside_name:
                continue
            if self.adjective_place(word.group()) is None:
                continue
            mentions.append(
                Mention(
                    text=word.group(),
                    start=word.start(),
                    end=word.end(),
                    label="LOC",
                    fine="LOCderiv",
                    source="gazetteer",
                )
            )
        return tuple(mentions)

    def find(self, text: str) -> tuple[Mention, ...]:
        """Every known name in ``text``, left to right, the longest match at each position.

        A name must stand at word boundaries; a genitive ``s``/``es``/``'s`` belongs to the
        span. A name joined to another word by a hyphen ("Putin-Regierung", "Anti-Putin")
        is a ``PERpart``/``LOCpart``/... mention whose span is the name alone.
        """
        mentions: list[Mention] = []
        done = 0
        for word in _WORD.finditer(text):
            start = word.start()
            if start < done:
                continue
            found = self._match_at(text, start, word.group())
            if found is not None:
                mentions.append(found)
                done = found.end
        return tuple(mentions)

    def _folded_hit(self, form: str) -> tuple[GazetteerEntry, ...]:
        if len(form) >= MIN_FOLDED_ACRONYM and form[0].isupper():
            return self._folded.get(form.upper(), ())
        return ()

    def _candidates(self, word: str) -> Iterable[str]:
        keys = [word]
        if word.endswith("s"):  # a one-word name in the genitive: "Putins", "Kremls"
            keys += [word[:-1], word[:-2]] if word.endswith("es") else [word[:-1]]
        if len(word) >= MIN_FOLDED_ACRONYM and word[0].isupper():
            keys.append(word.upper())
        for key in keys:
            yield from self._by_first_word.get(key, ())

    def _match_at(self, text: str, start: int, word: str) -> Mention | None:
        for surface in sorted(set(self._candidates(word)), key=len, reverse=True):
            end = start + len(surface)
            written = text[start:end]
            if written != surface and not (surface in self._folded and written.upper() == surface):
                continue
            entries = self._by_surface.get(surface) or self._folded[surface]
            stop = _name_end(text, end, surface, entries[0].kind)
            if stop is None:
                continue
            label = entries[0].label
            part = _joined(text, start - 1, -1) or _joined(text, stop, 1)
            return Mention(
                text=text[start:stop],
                start=start,
                end=stop,
                label=label,
                fine=f"{label}part" if part else label,
                source="gazetteer",
            )
        return None


def _name_end(text: str, end: int, surface: str, kind: EntityKind) -> int | None:
    """Where a name written up to ``end`` ends, genitive ending included; None when the name
    runs on into a longer word ("Putinversteher")."""
    if not surface[-1].isalnum():  # "U.S.", "Charles III.": the dot closes the name
        return end
    for ending in _genitive_endings(surface, kind):
        if text.startswith(ending, end) and _boundary(text, end + len(ending)):
            return end + len(ending)
    return end if _boundary(text, end) else None


def _genitive_endings(surface: str, kind: EntityKind) -> tuple[str, ...]:
    """The genitive endings a name can take: "Putins", "Putin's", "des Bundestages"; none after
    a sibilant ("Merz'"), and no "s" after a common noun's "e" ("Grüne" is not "Grünes")."""
    last = surface[-1]
    if last in "sxzß":
        return GENITIVE_APOSTROPHES
    if kind == "person":
        return (*GENITIVE_APOSTROPHES, "s")
    if last in "aeiouäöüy" or not last.isalpha():
        return (*GENITIVE_APOSTROPHES, "s") if last != "e" else GENITIVE_APOSTROPHES
    return (*GENITIVE_APOSTROPHES, "s", "es")


def _boundary(text: str, index: int) -> bool:
    return index >= len(text) or not text[index].isalnum()


def _joined(text: str, index: int, step: int) -> bool:
    """Whether a hyphen at ``index`` joins the name to a word on the side ``step`` points to."""
    beyond = index + step
    return 0 <= beyond < len(text) and text[index] in HYPHENS and text[beyond].isalnum()


def _base_forms(surface: str) -> Iterable[str]:
    """The surface itself, then what it is the genitive of."""
    yield surface
    if surface[-2:] in ("'s", "’s"):
        yield surface[:-2]
    elif surface and surface[-1] in APOSTROPHES:
        yield surface[:-1]
    elif surface.endswith("s"):
        yield surface[:-1]
        if surface.endswith("es"):
            yield surface[:-2]


def _first_word(surface: str) -> str:
    match = _WORD.match(surface)
    return match.group() if match else surface


def _is_acronym(surface: str) -> bool:
    return (
        len(surface) >= MIN_FOLDED_ACRONYM
        and surface.isalnum()
        and surface.isupper()
        and surface not in WORD_ACRONYMS
    )


def _surnames(entry: GazetteerEntry) -> Iterable[str]:
    """The forms a person's surname takes: the last word of each name ("Putin"), everything
    after the first name ("von der Leyen"), and one-word aliases ("Selenskij")."""
    for surface in entry.surfaces:
        words = [word for word in surface.split() if word not in NAME_SUFFIXES]
        if len(words) == 1:
            yield words[0]
        elif len(words) > 1:
            yield words[-1]
            yield " ".join(words[1:])


def _add(index: dict[str, list[GazetteerEntry]], key: str, entry: GazetteerEntry) -> None:
    bucket = index.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


# --- loading ---


def load_gazetteer(extra: Sequence[Path] = ()) -> Gazetteer:
    """The bundled gazetteer plus the user's files: a user row adds an entity, or, when its
    name and kind equal a known entity's, adds its aliases (and birth date) to that entity."""
    if not extra:
        return _bundled()
    entries = list(_bundled().entries)
    for path in extra:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"Cannot read gazetteer file '{path}': {exc.strerror}.") from exc
        entries = merge_entries(entries, read_entries(text, str(path)))
    return Gazetteer(entries, dict(_bundled().adjectives))


@functools.cache
def _bundled() -> Gazetteer:
    data = resources.files("lagebild").joinpath("data")
    entries = read_entries(
        data.joinpath("gazetteer.tsv").read_text(encoding="utf-8"), "lagebild/data/gazetteer.tsv"
    )
    adjectives = read_adjectives(
        data.joinpath("place_adjectives.tsv").read_text(encoding="utf-8"),
        "lagebild/data/place_adjectives.tsv",
    )
    return Gazetteer(entries, adjectives)


def merge_entries(
    known: Sequence[GazetteerEntry], added: Iterable[GazetteerEntry]
) -> list[GazetteerEntry]:
    """``known`` with ``added`` folded in: same name and kind extend aliases, others append."""
    merged = list(known)
    where = {(entry.name, entry.kind): i for i, entry in enumerate(merged)}
    for entry in added:
        i = where.get((entry.name, entry.kind))
        if i is None:
            where[(entry.name, entry.kind)] = len(merged)
            merged.append(entry)
            continue
        old = merged[i]
        aliases = tuple(dict.fromkeys((*old.aliases, *entry.aliases)))
        merged[i] = replace(old, aliases=aliases, born=entry.born or old.born)
    return merged


def read_entries(text: str, name: str) -> list[GazetteerEntry]:
    """Parse one gazetteer file; a bad row raises ``ConfigError`` naming file and line."""
    return [_entry(row, f"{name}:{number}") for number, row in _rows(text, name, COLUMNS)]


def read_adjectives(text: str, name: str) -> dict[str, str]:
    """Parse a place-adjective file into ``{adjective: place}``."""
    adjectives: dict[str, str] = {}
    for number, row in _rows(text, name, ADJECTIVE_COLUMNS):
        adjective, place, source = (value.strip() for value in row)
        if not (adjective and place and source):
            raise ConfigError(f"{name}:{number}: adjective, place and source are all required.")
        if adjective[0].isupper():  # a demonym: "Russe", kept case-sensitive ("Pole", not "pole")
            adjectives.update(dict.fromkeys(_demonym_forms(adjective), place))
        else:
            adjectives[adjective] = place
    return adjectives


def _demonym_forms(noun: str) -> tuple[str, ...]:
    """A demonym's plural and feminine forms: Russe -> Russen, Russin, Russinnen; Amerikaner
    -> Amerikanern, Amerikanerin, Amerikanerinnen; Israeli -> Israelis; Französin -> -nen."""
    if noun.endswith("in"):
        return (noun, noun + "nen")
    if noun.endswith("e"):
        return (noun, noun + "n", noun[:-1] + "in", noun[:-1] + "innen")
    if noun.endswith("i"):
        return (noun, noun + "s", noun + "n", noun + "nnen")
    return (noun, noun + "n", noun + "in", noun + "innen")


def _rows(text: str, name: str, columns: tuple[str, ...]) -> Iterable[tuple[int, list[str]]]:
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not lines or tuple(lines[0][1].rstrip().split("\t")) != columns:
        raise ConfigError(
            f"Gazetteer file '{name}' must start with the tab-separated header: "
            f"{' '.join(columns)}."
        )
    for number, line in lines[1:]:
        row = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(row) != len(columns):
            raise ConfigError(
                f"{name}:{number}: expected {len(columns)} tab-separated columns "
                f"({', '.join(columns)}), got {len(row)}; separate the columns with tabs."
            )
        yield number, row


def _entry(row: list[str], where: str) -> GazetteerEntry:
    name, kind, aliases, born, source = (" ".join(value.split()) for value in row)
    if not (name and source):
        raise ConfigError(f"{where}: name and source are required; fill in both columns.")
    if kind not in KINDS:
        raise ConfigError(f"{where}: kind '{kind}' is not one of {', '.join(KINDS)}.")
    names = [name, *(alias.strip() for alias in aliases.split("|") if alias.strip())]
    for surface in names:
        if not surface[0].isalnum():
            raise ConfigError(
                f"{where}: name or alias '{surface}' must start with a letter or digit; "
                "remove the leading punctuation."
            )
    try:
        born_date = dt.date.fromisoformat(born) if born else None
    except ValueError as exc:
        raise ConfigError(
            f"{where}: born '{born}' is not a date; write YYYY-MM-DD or leave it empty."
        ) from exc
    return GazetteerEntry(
        name=name,
        kind=kind,
        aliases=tuple(dict.fromkeys(alias for alias in names[1:] if alias != name)),
        born=born_date,
        source=source,
    )
