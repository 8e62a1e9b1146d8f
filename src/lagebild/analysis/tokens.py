"""Tokens with character offsets: words, numbers, ordinals, abbreviations, quotes, URLs.

The tokenizer also decides what a period belongs to, because that is the hard part of sentence
splitting in German news: the period of ``Dr.``, ``z. B.``, ``am 3. Oktober`` or ``Der 1. FC``
stays inside its token, while a period that closes a sentence becomes a punctuation token of its
own. :mod:`lagebild.analysis.sentences` then only has to look at punctuation tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from lagebild.analysis.abbreviations import (
    MONTHS,
    NEEDS_DATE_AFTER,
    NEEDS_NUMBER_AFTER,
    ORDINAL_CUES,
    ORDINAL_NOUNS,
    SENTENCE_OPENERS,
    abbreviations_for,
    multipart_pattern,
)

TokenKind = Literal[
    "word", "number", "ordinal", "abbrev", "punct", "quote", "url", "email", "symbol"
]
LANGUAGES = ("de", "en", None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """One token; ``text == article_text[start:end]``."""

    text: str
    start: int
    end: int
    kind: TokenKind


_QUOTE_CHARS = "„“”\"‚‘’'«»‹›"
_STOP_IN_URL = r"\s<>\"„“”«»‹›"

# Order matters: the first alternative that matches at a position wins.
_TOKEN_RE = re.compile(
    rf"""
    (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    |(?P<url>(?:https?://|www\.)[^{_STOP_IN_URL}]+
        |\b[\w-]+(?:\.[\w-]+)*\.(?:de|com|org|net|eu|at|ch|uk|gov|ru|ua|io|info|int)\b
         (?:/[^{_STOP_IN_URL}]*)?)
    |(?P<multi>(?<!\w)(?:{multipart_pattern()})(?!\w))
    |(?P<dotted>(?<!\w)(?:[^\W\d_]\.){{2,}}(?![^\W\d_]))
    |(?P<number>\d+(?:[.,:]\d+)*(?P<suffix>(?:-[^\W_]+)+)?)
    |(?P<word>\w+(?:[-'’&]\w+)*
        (?:-(?=\s*(?:,|und\b|oder\b|bzw\.|sowie\b|als\b|wie\b)))?)
    |(?P<quote>''|,,|[{_QUOTE_CHARS}])
    |(?P<ellipsis>\.{{2,}}|…)
    |(?P<marks>[!?]+)
    |(?P<symbol>[%€$£¥§&+=<>°#*/\\|~^@©®™])
    |(?P<punct>[^\w\s])
    """,
    re.VERBOSE | re.UNICODE,
)

# The word after a period, across spaces and at most one line break (a blank line ends it).
_NEXT_WORD_RE = re.compile(r"[ \t\xa0]*(?:\n[ \t\xa0]*)?[\"„“»«‚(]?(\w+)")
_PREVIOUS_WORD_RE = re.compile(r"(\w+)[ \t\xa0]+$")
# An inflected adjective before the number ("des stationierten 1. Bataillons") marks an ordinal;
# the stem length keeps short function words ("es", "den") out.
_INFLECTED_ADJECTIVE = re.compile(r"[a-zäöüß]{4,}(?:en|er|es|em|e)")
# Roman numerals of two or more letters (single letters are initials): "XX.", "XIV.".
_ROMAN_NUMERAL = re.compile(
    r"(?=[IVXLCDM]{2,}$)M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})"
)
# Years and amounts ("im Jahr 2024.") are not ordinals; German ordinals stay below this.
_LARGEST_ORDINAL = 999


def tokenize(text: str, start: int = 0, language: str | None = "de") -> tuple[Token, ...]:
    """Split *text* into tokens; offsets are shifted by *start*.

    Pass a sentence's text and its ``start`` to get offsets into the whole article.
    *language* is ``"de"``, ``"en"`` or ``None`` (use the German and English rules together).
    """
    _check_language(language)
    abbreviations = abbreviations_for(language)
    tokens: list[Token] = []
    position = 0
    while (match := _TOKEN_RE.search(text, position)) is not None:
        found = _tokens_of(match, text, abbreviations, language)
        tokens.extend(found)
        position = found[-1].end
    if start:
        return tuple(
            Token(text=t.text, start=t.start + start, end=t.end + start, kind=t.kind)
            for t in tokens
        )
    return tuple(tokens)


def _check_language(language: str | None) -> None:
    if language not in LANGUAGES:
        raise ValueError(
            f"Cannot analyse language {language!r}: not supported. Use 'de', 'en' or None."
        )


def _tokens_of(
    match: re.Match[str], text: str, abbreviations: frozenset[str], language: str | None
) -> list[Token]:
    kind = match.lastgroup
    start, end = match.start(), match.end()
    if kind == "url":  # trailing punctuation belongs to the sentence, not to the address
        end = start + len(match.group().rstrip(".,;:!?)]'’\"“"))
        return [Token(text=text[start:end], start=start, end=end, kind="url")]
    if kind == "multi":
        return [
            Token(
                text=piece.group(),
                start=start + piece.start(),
                end=start + piece.end(),
                kind="abbrev",
            )
            for piece in re.finditer(r"\S+", match.group())
        ]
    if kind == "number":
        return _number_tokens(match, text, language)
    if kind == "word":
        return _word_tokens(text, start, end, abbreviations)
    token_kind: TokenKind = {
        "email": "email",
        "dotted": "abbrev",
        "quote": "quote",
        "symbol": "symbol",
    }.get(kind or "", "punct")  # type: ignore[assignment]
    return [Token(text=text[start:end], start=start, end=end, kind=token_kind)]


def _word_tokens(text: str, start: int, end: int, abbreviations: frozenset[str]) -> list[Token]:
    word = text[start:end]
    if end < len(text) and text[end] == "." and _is_abbreviation(word, text, end, abbreviations):
        return [Token(text=text[start : end + 1], start=start, end=end + 1, kind="abbrev")]
    if (
        end < len(text)
        and text[end] == "."
        and _ROMAN_NUMERAL.fullmatch(word)
        and _roman_is_ordinal(text, start, end)
    ):
        return [Token(text=text[start : end + 1], start=start, end=end + 1, kind="ordinal")]
    return [Token(text=word, start=start, end=end, kind="word")]


def _roman_is_ordinal(text: str, start: int, period: int) -> bool:
    """„XX. Kategorie“, „Ludwig XIV. von Frankreich“, not „Arbeitslosengeld II. Mehrmals …“."""
    following = _NEXT_WORD_RE.match(text[period + 1 : period + 40])
    if following is None or following.group(1) in SENTENCE_OPENERS:
        return False
    word = following.group(1)
    if word[0].islower() or word in ORDINAL_NOUNS or word in MONTHS:
        return True
    return _ordinal_cue_before(text, start)


def _is_abbreviation(word: str, text: str, period: int, abbreviations: frozenset[str]) -> bool:
    if period + 1 < len(text) and text[period + 1].isalnum():
        return False  # "folgen.Eine": a missing space, not an abbreviation
    candidate = word + "."
    last_part = word.rsplit("-", 1)[-1] + "."  # "US-amerikan."
    if candidate in abbreviations or (last_part != candidate and last_part in abbreviations):
        if candidate in NEEDS_NUMBER_AFTER:
            return bool(re.match(r"\s*\d", text[period + 1 : period + 8]))
        if candidate in NEEDS_DATE_AFTER:
            return bool(re.match(r"\s*[\d,]", text[period + 1 : period + 8]))
        return True
    return len(word) == 1 and word.isupper()  # an initial: "J. D. Vance", "Donald J. Trump"


def _number_tokens(match: re.Match[str], text: str, language: str | None) -> list[Token]:
    start, end = match.start(), match.end()
    if match.group("suffix"):
        return [Token(text=match.group(), start=start, end=end, kind="word")]  # "39-Jährige"
    has_period = end < len(text) and text[end] == "." and not text[end + 1 : end + 2].isdigit()
    if has_period and language != "en" and _is_ordinal(text, start, end):
        kind: TokenKind = "ordinal" if match.group().isdigit() else "number"  # "3.10." a date
        return [Token(text=text[start : end + 1], start=start, end=end + 1, kind=kind)]
    return [Token(text=match.group(), start=start, end=end, kind="number")]


def _is_ordinal(text: str, start: int, end: int) -> bool:
    """Whether the period after the number ``text[start:end]`` makes it an ordinal."""
    after = text[end + 1 : end + 40]
    if after.lstrip(" \t\xa0")[:1] in {",", "/", "–", "-"}:
        return True  # "am 3., 4. und 5. Mai", "2./3. Oktober"
    following = _NEXT_WORD_RE.match(after)
    if following is None:
        return False
    word = following.group(1)
    if word[0].islower() or word in MONTHS or word in ORDINAL_NOUNS:
        return True
    if _at_line_start(text, start) and word not in SENTENCE_OPENERS:
        return True  # an enumeration: "1. Tag: (27.12.2008)"
    if word in SENTENCE_OPENERS or word[0].isdigit():
        return False
    number = text[start:end]
    if not number.isdigit() or int(number) > _LARGEST_ORDINAL:
        return False
    return _ordinal_cue_before(text, start)


def _ordinal_cue_before(text: str, start: int) -> bool:
    """An opening quote, an article or preposition, or an inflected adjective before *start*."""
    if text[max(0, start - 1) : start] in {"„", '"', "»", "«", "("}:
        return True  # a name in quotes: „2. Deutscher Klimakongress“
    previous = _PREVIOUS_WORD_RE.search(text[max(0, start - 40) : start])
    if previous is None:
        return False
    word_before = previous.group(1)
    return (
        word_before.lower() in ORDINAL_CUES
        or _INFLECTED_ADJECTIVE.fullmatch(word_before) is not None
    )


def _at_line_start(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()
