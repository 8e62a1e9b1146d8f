"""Passage alignment: the runs of words two texts share, with character offsets into both.

Word k-grams of the original are hashed into a table; every k-gram of the derived text that
is found there seeds a match on a diagonal (original position minus derived position).
Consecutive seeds on one diagonal form a maximal run. Runs are taken longest first without
overlapping on either side, then neighbouring runs separated by a few changed words (an
outlet's small edits: "in der Hafenstadt Lindenau" for "in Lindenau") are merged into one
passage. Two 800-word articles align in about a millisecond.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from lagebild.records import SharedPassage

# Seed length in words: four words in a row identify a place in a news text (a changed word
# breaks four seeds, not more); shorter seeds ("in der Stadt") match everywhere.
SEED_WORDS = 4
# Passages shorter than this (in words of the derived text) are dropped: eight shared words
# are still a stock phrase or a short quote that two independent reports both carry
# ("sagte der Leiter der Berufsfeuerwehr, Jochen Brandauer"); a copied sentence is longer.
MIN_PASSAGE_WORDS = 8
# Runs separated by at most this many words on both sides are merged into one passage: an
# edited word or an inserted adjective breaks a run, a rewritten sentence is longer than this.
MAX_GAP_WORDS = 6
# A k-gram found more often than this in the original is boilerplate (a repeated list item)
# and seeds nothing: it would multiply the seeds without placing the match.
MAX_SEED_REPEATS = 8

_WORD = re.compile(r"\w+")
Side = Literal["from", "to"]


@dataclass(frozen=True, slots=True)
class _Words:
    """The normalised words of a text with their character spans."""

    keys: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class _Run:
    """Words ``[a, a + length)`` of the original equal words ``[b, b + length)`` of the
    derived text."""

    a: int
    b: int
    length: int


def _words(text: str) -> _Words:
    keys, starts, ends = [], [], []
    for match in _WORD.finditer(text):
        keys.append(unicodedata.normalize("NFKC", match.group()).casefold())
        starts.append(match.start())
        ends.append(match.end())
    return _Words(keys=tuple(keys), starts=tuple(starts), ends=tuple(ends))


def _seed_table(keys: Sequence[str], k: int) -> dict[tuple[str, ...], list[int]]:
    table: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(keys) - k + 1):
        table[tuple(keys[i : i + k])].append(i)
    return table


def _runs(original: Sequence[str], derived: Sequence[str], k: int) -> list[_Run]:
    """Maximal runs of equal words on each diagonal, from k-gram seeds."""
    table = _seed_table(original, k)
    open_runs: dict[int, _Run] = {}  # diagonal -> the run that the next seed would extend
    runs: list[_Run] = []
    for j in range(len(derived) - k + 1):
        places = table.get(tuple(derived[j : j + k]))
        if not places or len(places) > MAX_SEED_REPEATS:
            continue
        for i in places:
            run = open_runs.get(i - j)
            if run is not None and run.b + run.length - k + 1 == j:
                open_runs[i - j] = _Run(a=run.a, b=run.b, length=run.length + 1)
            else:
                if run is not None:
                    runs.append(run)
                open_runs[i - j] = _Run(a=i, b=j, length=k)
    runs.extend(open_runs.values())
    return runs


def _disjoint(runs: list[_Run]) -> list[_Run]:
    """The longest runs that overlap no longer run on either side, in derived-text order.

    A run that overlaps a taken run only partly keeps its part outside it."""
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    kept: list[_Run] = []
    for run in sorted(runs, key=lambda r: (-r.length, r.b, r.a)):
        start = 0
        while start < run.length:
            while start < run.length and (run.a + start in taken_a or run.b + start in taken_b):
                start += 1
            end = start
            while end < run.length and run.a + end not in taken_a and run.b + end not in taken_b:
                end += 1
            if end - start >= SEED_WORDS:
                part = _Run(a=run.a + start, b=run.b + start, length=end - start)
                kept.append(part)
                taken_a.update(range(part.a, part.a + part.length))
                taken_b.update(range(part.b, part.b + part.length))
            start = end
    return sorted(kept, key=lambda r: r.b)


def _merged(runs: list[_Run]) -> list[tuple[int, int, int, int]]:
    """Word spans ``(a_start, a_end, b_start, b_end)`` of runs merged across small edits."""
    spans: list[tuple[int, int, int, int]] = []
    for run in runs:
        a_end, b_end = run.a + run.length, run.b + run.length
        if spans:
            a0, a1, b0, b1 = spans[-1]
            if 0 <= run.a - a1 <= MAX_GAP_WORDS and 0 <= run.b - b1 <= MAX_GAP_WORDS:
                spans[-1] = (a0, a_end, b0, b_end)
                continue
        spans.append((run.a, a_end, run.b, b_end))
    return spans


def shared_passages(
    original_text: str, derived_text: str, *, min_words: int = MIN_PASSAGE_WORDS
) -> tuple[SharedPassage, ...]:
    """The passages ``derived_text`` shares with ``original_text``, in the derived text's
    order; offsets are character offsets into each text."""
    original, derived = _words(original_text), _words(derived_text)
    k = min(SEED_WORDS, max(1, min_words))
    runs = _disjoint(_runs(original.keys, derived.keys, k))
    return tuple(
        SharedPassage(
            from_start=original.starts[a0],
            from_end=original.ends[a1 - 1],
            to_start=derived.starts[b0],
            to_end=derived.ends[b1 - 1],
        )
        for a0, a1, b0, b1 in _merged(runs)
        if b1 - b0 >= min_words
    )


def coverage(passages: Sequence[SharedPassage], text: str, side: Side) -> float:
    """The share of the words of ``text`` inside the passages; ``side`` says whether
    ``text`` is the original (``"from"``) or the derived text (``"to"``)."""
    spans = sorted(
        (p.from_start, p.from_end) if side == "from" else (p.to_start, p.to_end) for p in passages
    )
    total = covered = 0
    index = 0
    for match in _WORD.finditer(text):
        total += 1
        while index < len(spans) and spans[index][1] <= match.start():
            index += 1
        if index < len(spans) and spans[index][0] <= match.start():
            covered += 1
    return covered / total if total else 0.0


def word_count(text: str) -> int:
    """The number of words as :func:`coverage` counts them."""
    return sum(1 for _ in _WORD.finditer(text))
