"""Quotation marks: which marks open and close which quotation.

German news uses „…“ (and »…«, Swiss «…»), English “…”, both straight "…"; single marks
‚…‘ / ‘…’ quote inside a quotation. A quotation may run over several paragraphs: by the
typographic convention, a paragraph inside a quotation opens again without the previous one
being closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# opening mark -> the marks that close it
_PAIRS: dict[str, frozenset[str]] = {
    "„": frozenset('“”"'),
    "“": frozenset('”"'),  # English opening; “ also closes a German „
    "»": frozenset("«"),
    "«": frozenset("»"),
    '"': frozenset('"“”'),
}
_SINGLE_PAIRS: dict[str, frozenset[str]] = {
    "‚": frozenset("‘’'"),
    "‘": frozenset("’"),
    "‹": frozenset("›"),
}
DOUBLE_MARKS = frozenset('„“”"»«')
SINGLE_MARKS = frozenset("‚‘’‹›")
ALL_MARKS = DOUBLE_MARKS | SINGLE_MARKS | {"'"}
# The characters each scan stops at (every other character is skipped in one regex step).
_OPENERS = re.compile("[" + "".join(_PAIRS) + "]")
# closers, re-openers (the openers themselves) and paragraph breaks
_SIGNIFICANT = re.compile("[" + "".join(sorted(set(_PAIRS).union(*_PAIRS.values()))) + "\n]")
_SINGLE_OPENERS = re.compile("[" + "".join(_SINGLE_PAIRS) + "]")
# Punctuation that follows a closing mark, never an opening one.
_AFTER_CLOSING = frozenset(",.;:!?)]")
# A quotation longer than this without a closing mark is a stray mark, not a quotation.
_MAX_QUOTATION_CHARS = 6000


@dataclass(frozen=True, slots=True)
class Quotation:
    """A span in quotation marks: ``text[open]`` opens, ``text[close]`` closes it."""

    open: int
    close: int
    nested: bool  # inside another quotation (single marks, or double inside double)

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


def quotations(text: str) -> tuple[Quotation, ...]:
    """Every quotation of ``text`` in order of its opening mark."""
    found: list[Quotation] = []
    position = 0
    while (match := _OPENERS.search(text, position)) is not None:
        position = match.start()
        char = text[position]
        if _opens(text, position):
            close = _closing(text, position, _PAIRS[char])
            if close is not None:
                found.append(Quotation(open=position, close=close, nested=False))
                found.extend(_nested(text, position + 1, close))
                position = close + 1
                continue
        position += 1
    return tuple(found)


def _opens(text: str, position: int) -> bool:
    char = text[position]
    after = text[position + 1 : position + 2]
    if not after or after.isspace():
        return False
    if char in "»«" and after in _AFTER_CLOSING:
        return False  # „«Das ist inakzeptabel», sagte sie“: a guillemet before a comma closes
    if char in "„»«":
        return True
    before = text[position - 1 : position]
    return not before or before.isspace() or before in "([{–—-/:"


def _closing(text: str, opening: int, closers: frozenset[str]) -> int | None:
    """The mark that closes the quotation opened at ``opening``: the first closer that is not
    itself an opener, skipping paragraph re-openings of the same quotation."""
    limit = min(len(text), opening + _MAX_QUOTATION_CHARS)
    position = opening + 1
    while (match := _SIGNIFICANT.search(text, position, limit)) is not None:
        position = match.start()
        char = text[position]
        if char in closers and not (char in _PAIRS and _opens(text, position) and char != '"'):
            return position
        if char == '"' and '"' in closers:
            return position
        if char == text[opening] and char in "„»" and _paragraph_start(text, position):
            position += 1  # the quotation goes on in a new paragraph
            continue
        if char == "\n" and text[position + 1 : position + 2] == "\n":
            following = text[position + 2 : position + 3]
            if following not in _PAIRS:
                return None  # the paragraph ended without closing and the next does not reopen
        position += 1
    return None


def _paragraph_start(text: str, position: int) -> bool:
    return text[max(0, position - 2) : position] == "\n\n" or position == 0


def _nested(text: str, start: int, end: int) -> list[Quotation]:
    found: list[Quotation] = []
    position = start
    while (match := _SINGLE_OPENERS.search(text, position, end)) is not None:
        position = match.start()
        pairs = _SINGLE_PAIRS[text[position]]
        if _opens(text, position):
            close = next(
                (
                    index
                    for index in range(position + 1, end)
                    if text[index] in pairs and not text[index + 1 : index + 2].isalpha()
                ),
                None,
            )
            if close is not None:
                found.append(Quotation(open=position, close=close, nested=True))
                position = close + 1
                continue
        position += 1
    return found


def strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` narrowed past whitespace and enclosing quotation marks."""
    while start < end and (text[start].isspace() or text[start] in ALL_MARKS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ALL_MARKS):
        end -= 1
    return start, end
