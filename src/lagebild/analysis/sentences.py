"""Sentence splitting for German and English news, with offsets into the article text.

The text is tokenized once (see :mod:`lagebild.analysis.tokens`, which already keeps the periods
of abbreviations and ordinals inside their tokens); a sentence then ends

* at a blank line (paragraph break), and at the end of a short heading-like line;
* after ``.``, ``!``, ``?`` (and closing quotes or brackets glued to them), unless the next
  token is lowercase (``„Raus!“, rief er``) or a comma, colon or closing bracket;
* after an ellipsis, an initial or a sentence-final abbreviation (``usw.``, ``u. a.``) only
  when a typical sentence opener follows (``… Öl usw. Die Preise …``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lagebild.analysis.abbreviations import MAY_END_SENTENCE, SENTENCE_OPENERS
from lagebild.analysis.tokens import Token, tokenize


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """One sentence; ``text == article_text[start:end]``, tokens carry article offsets too."""

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]


_FINAL_MARKS = re.compile(r"[.!?]+|[!?][!?.]*")
# Quote characters that only ever open a quotation in German and English news.
_OPENING_ONLY = frozenset({"„", "‚"})
_CLOSING_BRACKETS = frozenset({")", "]", "}"})
# Tokens after which a sentence never ends, whatever follows.
_NO_BREAK_BEFORE = frozenset({",", ";", ":", ".", "?", "!", ")", "]", "}", "-", "–", "—", "/"})
# German news segmentation treats "; " between main clauses as a sentence end: 12 of the 13
# semicolons in the de_news_quotes_2024 dev gold end a sentence.
SPLIT_AT_SEMICOLON = True
# Fewer words before a colon make a label ("Verkehr:", "Die Forderung:"), not a clause.
_MIN_WORDS_BEFORE_COLON = 4
_BLANK_LINE = re.compile(r"\n[ \t\xa0\r]*\n")
# A line shorter than this without final punctuation, followed by a capitalised line, is a
# heading ("Die Botschaft aus dem Kreml") even without a blank line after it.
_MAX_HEADING_CHARS = 80
_LINE_FINAL = frozenset(".!?:;,-–—…\"“”»«'’")


def split_sentences(text: str, language: str | None = "de") -> tuple[Sentence, ...]:
    """Split *text* into sentences; offsets index *text*.

    *language* is ``"de"``, ``"en"`` or ``None`` (German and English rules together).
    """
    tokens = tokenize(text, language=language)
    return tuple(
        _sentence(text, tokens[first:last]) for first, last in _sentence_spans(text, tokens)
    )


def _sentence(text: str, tokens: Sequence[Token]) -> Sentence:
    start, end = tokens[0].start, tokens[-1].end
    return Sentence(start=start, end=end, text=text[start:end], tokens=tuple(tokens))


def _sentence_spans(text: str, tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """(first, last) token index ranges, last exclusive, one per sentence."""
    first = 0
    index = 0
    while index < len(tokens):
        last = _sentence_end(text, tokens, first, index)
        if last is not None:
            yield first, last
            first = index = last
        else:
            index += 1
    if first < len(tokens):
        yield first, len(tokens)


def _sentence_end(text: str, tokens: Sequence[Token], first: int, index: int) -> int | None:
    """The exclusive end of a sentence whose last word is ``tokens[index]``, if one ends there."""
    token = tokens[index]
    last = _take_closers(tokens, index + 1) if _is_final_mark(token) else index + 1
    if last >= len(tokens):
        return None
    following = tokens[last]
    gap = text[tokens[last - 1].end : following.start]
    if _BLANK_LINE.search(gap):
        return last
    if "\n" in gap and _is_heading_line(text, tokens[last - 1].end, following):
        return last
    if token.kind == "abbrev" or token.kind == "ordinal":
        return last if _abbreviation_ends(token, following) else None
    if token.text == ":":
        return last if _colon_ends(tokens[first:index], following) else None
    if token.text == ";" and SPLIT_AT_SEMICOLON:
        return last if following.kind == "word" else None
    if not _is_final_mark(token):
        return None
    if following.start == tokens[last - 1].end and not following.text[0].isupper():
        return None  # "Sojus-2.1b", "Version 2.x": no space and no capital, no new sentence
    if token.text in {"...", "…"} or token.text.startswith(".."):
        if index > 0 and tokens[index - 1].text in {"[", "("}:
            return None  # an omission inside a quote: „[…] Ich war …“
        return last if _opens_sentence(following, strict=True) else None
    return last if _opens_sentence(following, strict=False) else None


def _is_final_mark(token: Token) -> bool:
    return token.kind == "punct" and (
        _FINAL_MARKS.fullmatch(token.text) is not None or token.text in {"…", "..."}
    )


def _take_closers(tokens: Sequence[Token], index: int) -> int:
    """Skip closing quotes and brackets glued to the mark: „Wir kommen.“ keeps its “."""
    while index < len(tokens):
        token = tokens[index]
        glued = token.start == tokens[index - 1].end
        closing = (token.kind == "quote" and token.text not in _OPENING_ONLY) or (
            token.text in _CLOSING_BRACKETS
        )
        if not (glued and closing):
            break
        index += 1
    return index


def _opens_sentence(token: Token, *, strict: bool) -> bool:
    """Whether *token* can be the first of a new sentence."""
    if token.text in _NO_BREAK_BEFORE:
        return False
    first = token.text[0]
    if strict:  # after an ellipsis or an abbreviation: only unmistakable openers
        return token.text in SENTENCE_OPENERS or (token.kind == "quote" and first in '„»«"“')
    return not first.islower()


def _abbreviation_ends(token: Token, following: Token) -> bool:
    """An abbreviation, initial or ordinal that also closes the sentence: „… usw. Die …“."""
    if token.kind == "ordinal":
        return False  # the tokenizer already decided that this period is not a sentence end
    may_end = token.text in MAY_END_SENTENCE or (len(token.text) == 2 and token.text[0].isupper())
    return may_end and following.text in SENTENCE_OPENERS


def _colon_ends(clause: Sequence[Token], following: Token) -> bool:
    """A colon after a clause before a capitalised main clause: „… senkte die Zinsen: Der …“.

    German spelling capitalises a complete sentence after a colon; a short label
    ("Verkehr: Die SPD …") or a colon inside brackets does not count.
    """
    words = sum(1 for t in clause if t.kind == "word")
    opened = sum(1 for t in clause if t.text == "(") > sum(1 for t in clause if t.text == ")")
    return words >= _MIN_WORDS_BEFORE_COLON and not opened and following.text in SENTENCE_OPENERS


def _is_heading_line(text: str, line_end: int, following: Token) -> bool:
    """A short line without final punctuation before a capitalised line is a heading."""
    line_start = text.rfind("\n", 0, line_end) + 1
    line = text[line_start:line_end].strip()
    return (
        0 < len(line) <= _MAX_HEADING_CHARS
        and line[-1] not in _LINE_FINAL
        and (following.text[0].isupper() or following.text[0].isdigit())
    )
