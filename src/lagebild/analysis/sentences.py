"""Sentence splitting for German and English news, with offsets into the article text.

The text is tokenized once (see :mod:`lagebild.analysis.tokens`, which already keeps the periods
of abbreviations and ordinals inside their tokens); a sentence then ends

* at a blank line (paragraph break), and at the end of a short heading-like line (but not
  between the lines of a list or table);
* after ``.``, ``!``, ``?`` (and closing quotes or brackets glued to them), unless the next
  token is lowercase (``„Raus!“, rief er``), a comma, colon or closing bracket, or glued to the
  mark inside a name (``E.ON``);
* after an ellipsis, an initial or a sentence-final abbreviation (``usw.``, ``u. a.``) only
  when a typical sentence opener follows (``… Öl usw. Die Preise …``);
* at a colon after a clause when a sentence follows: a capitalised function word, a noun phrase
  and a verb, or a quotation that no verb of saying before the colon takes as its object;
* at a semicolon between clauses, unless it separates the items of a list after a colon.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lagebild.analysis.abbreviations import (
    MAY_END_SENTENCE,
    NOT_FINITE_VERBS,
    SENTENCE_OPENERS,
    SPEECH_PARTICLES,
    SPEECH_WORDS,
)
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
# Quote characters that open or close; glued to the next word they open („.'Bundestag'“).
_STRAIGHT_QUOTES = frozenset({"'", '"'})
# Single quotes mark a quotation inside a quotation („… es ‚Unsinn‘.“).
_SINGLE_QUOTES = frozenset({"‚", "‘", "’", "'"})
_CLOSING_BRACKETS = frozenset({")", "]", "}"})
# Tokens after which a sentence never ends, whatever follows.
_NO_BREAK_BEFORE = frozenset({",", ";", ":", ".", "?", "!", ")", "]", "}", "-", "–", "—", "/"})
# German news segmentation treats "; " between main clauses as a sentence end: 12 of the 13
# semicolons in the de_news_quotes_2024 dev gold end a sentence.
SPLIT_AT_SEMICOLON = True
# Fewer words before a colon make a label ("Verkehr:", "Die Forderung:"), not a clause.
_MIN_WORDS_BEFORE_COLON = 4
# How far to look for the closing quote of a quotation after a colon, and for the verb after
# the first constituent of a clause after a colon ("Finnische Bärenhunde sollen").
_MAX_QUOTATION_TOKENS = 400
_MAX_FIRST_CONSTITUENT = 6
# Lowercase words with these endings after a capitalised word are adjectives, not verbs
# ("Manager börsennotierter Unternehmen"); the verb comes after them.
_ADJECTIVE_ENDINGS = ("er", "es", "em")
# Conjunctions inside a first constituent ("CDU und CSU bilden …").
_COORDINATORS = frozenset({"und", "oder", "sowie"})
_BLANK_LINE = re.compile(r"\n[ \t\xa0\r]*\n")
# A line shorter than this without final punctuation, followed by a capitalised line, is a
# heading ("Die Botschaft aus dem Kreml") even without a blank line after it.
_MAX_HEADING_CHARS = 80
# From this many bare lines in a row, the lines are a list or a table, not headings.
_MIN_LIST_LINES = 3
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
        return last if _colon_ends(tokens[first:index], tokens, last) else None
    if token.text == ";" and SPLIT_AT_SEMICOLON:
        return last if _semicolon_ends(tokens[first:index], following) else None
    if not _is_final_mark(token):
        return None
    glued = following.start == tokens[last - 1].end
    if glued and not _opens_quotation(tokens, last) and _inside_word(token, following):
        return None  # "Sojus-2.1b", "E.ON": no space after the mark, no new sentence
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
        if not (glued and closing) or _opens_quotation(tokens, index):
            break
        index += 1
    return index


def _inside_word(mark: Token, following: Token) -> bool:
    """A mark glued to the next word is part of a name, not a sentence end.

    "Sojus-2.1b", "E.ON", "Linkspartei.PDS", "E!Online"; a capitalised word after a period
    ("folgen.Eine") is a missing space.
    """
    return (
        not following.text[0].isupper()
        or (following.text.isupper() and len(following.text) > 1)
        or mark.text in {"!", "?"}
    )


def _opens_quotation(tokens: Sequence[Token], index: int) -> bool:
    """A straight quote glued to the word after it opens a quotation: „….'Bundestag': …“."""
    token = tokens[index]
    return (
        token.text in _STRAIGHT_QUOTES
        and index + 1 < len(tokens)
        and tokens[index + 1].start == token.end
        and tokens[index + 1].kind == "word"
    )


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


def _colon_ends(clause: Sequence[Token], tokens: Sequence[Token], after: int) -> bool:
    """A colon between a complete clause and a sentence: „… senkte die Zinsen: Der Satz …“.

    German spelling capitalises a complete sentence after a colon, so a capitalised function
    word or a capitalised word followed by a verb (verb second) starts a sentence, and so does a
    quotation that ends with its own final mark unless a verb of saying in the clause takes it
    as its object („Er sagte: „…“). A short label ("Verkehr: Die SPD …"), a list
    ("… erwartet: Kohlendioxid, Methan …") or a colon inside brackets does not count.
    """
    words = sum(1 for t in clause if t.kind == "word")
    opened = sum(1 for t in clause if t.text == "(") > sum(1 for t in clause if t.text == ")")
    if words < _MIN_WORDS_BEFORE_COLON or opened:
        return False
    following = tokens[after]
    if following.kind == "quote":
        return _quotation_is_sentence(tokens, after) and not _announces_speech(clause)
    if following.text in SENTENCE_OPENERS:
        return True
    return following.text[0].isupper() and _verb_second(tokens, after + 1)


def _announces_speech(clause: Sequence[Token]) -> bool:
    """Whether the last clause before a colon has a verb of saying: „…, sagte er:“."""
    if clause[-1].text in SPEECH_PARTICLES:
        return True  # „teilte daraufhin mit:“
    for token in reversed(clause):
        if token.text in {",", ";"}:
            return False
        if token.text in SPEECH_WORDS:
            return True
    return False


def _quotation_is_sentence(tokens: Sequence[Token], opening: int) -> bool:
    """A quotation that starts with a capital and closes with a final mark: „Wir gehen.“."""
    if opening + 1 >= len(tokens) or not tokens[opening + 1].text[0].isupper():
        return False
    for index in range(opening + 1, min(len(tokens), opening + _MAX_QUOTATION_TOKENS)):
        token = tokens[index]
        closing = token.kind == "quote" and token.text not in _SINGLE_QUOTES
        if closing and token.start == tokens[index - 1].end:
            return _is_final_mark(tokens[index - 1])
    return False


def _verb_second(tokens: Sequence[Token], index: int) -> bool:
    """Whether the first lowercase word from *index* on, past adjectives, may be a verb.

    „McCain konnte …“, „Finnische Bärenhunde sollen …“, „Manager börsennotierter Unternehmen
    müssen …“ start sentences; „Kohlendioxid, Methan …“ and „S 73 des Gerichts …“ do not.
    """
    for token in tokens[index : index + _MAX_FIRST_CONSTITUENT]:
        if token.kind not in {"word", "number", "abbrev"} and token.text not in {"-", "–"}:
            return False  # a comma or a bracket first: a list or an apposition
        if token.kind != "word" or not token.text[0].islower() or token.text in _COORDINATORS:
            continue
        if token.text in NOT_FINITE_VERBS:
            return False  # an article or a preposition: the phrase goes on, no verb yet
        if not token.text.endswith(_ADJECTIVE_ENDINGS):
            return True
    return False


def _semicolon_ends(clause: Sequence[Token], following: Token) -> bool:
    """A semicolon between main clauses, not one between the items of a list after a colon.

    „Als Besatzung sind vorgesehen: Eileen M. Collins, Kommandantin; James M. Kelly, Pilot; …“
    separates items whose commas are taken, so the colon before it keeps the list together
    (a colon before a quotation announces no list).
    """
    announces_list = any(
        colon.text == ":" and after.kind != "quote" for colon, after in itertools.pairwise(clause)
    )
    return following.kind == "word" and not announces_list


def _is_heading_line(text: str, line_end: int, following: Token) -> bool:
    """A short line without final punctuation before a capitalised line is a heading.

    Three or more such lines in a row are a table or a list („1. Tag: (27.12.2008)“, match
    results), not headings, and stay together.
    """
    line_start = text.rfind("\n", 0, line_end) + 1
    if not _is_bare_line(text[line_start:line_end]):
        return False
    if not (following.text[0].isupper() or following.text[0].isdigit()):
        return False
    return _bare_lines_around(text, line_start, following.start) < _MIN_LIST_LINES


def _is_bare_line(line: str) -> bool:
    """A short line that does not end with punctuation: a heading, a list item, a table row."""
    line = line.strip()
    return 0 < len(line) <= _MAX_HEADING_CHARS and line[-1] not in _LINE_FINAL


def _bare_lines_around(text: str, line_start: int, next_start: int) -> int:
    """How many bare lines, without a blank line between them, run through this line break."""
    count = 1
    start = line_start
    while start > 0 and count < _MIN_LIST_LINES:
        previous = text.rfind("\n", 0, start - 1) + 1
        if not _is_bare_line(text[previous : start - 1]):
            break
        count, start = count + 1, previous
    start = text.rfind("\n", 0, next_start) + 1
    while start < len(text) and count < _MIN_LIST_LINES:
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if not _is_bare_line(text[start:end]):
            break
        count, start = count + 1, end + 1
    return count
