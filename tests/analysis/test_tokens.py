"""Tokenizer (issue 3): kinds, periods of abbreviations and ordinals, offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.analysis import Token, tokenize


def pairs(text: str, language: str | None = "de") -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in tokenize(text, language=language)]


CASES = [
    ("Er kam.", [("Er", "word"), ("kam", "word"), (".", "punct")]),
    ("am 3. Oktober", [("am", "word"), ("3.", "ordinal"), ("Oktober", "word")]),
    ("Der 1. FC Köln", [("Der", "word"), ("1.", "ordinal"), ("FC", "word"), ("Köln", "word")]),
    (
        "im Jahr 2024. Die",
        [("im", "word"), ("Jahr", "word"), ("2024", "number"), (".", "punct"), ("Die", "word")],
    ),
    # an indefinite article before an ordinal (issue 3)
    ("ein 13. Monatsgehalt", [("ein", "word"), ("13.", "ordinal"), ("Monatsgehalt", "word")]),
    # weekday abbreviations only in a date (issue 3): "Fei Di." is a name
    ("Di., 3. Mai", [("Di.", "abbrev"), (",", "punct"), ("3.", "ordinal"), ("Mai", "word")]),
    ("Fei Di. Nie", [("Fei", "word"), ("Di", "word"), (".", "punct"), ("Nie", "word")]),
    ("z. B. u. a.", [("z.", "abbrev"), ("B.", "abbrev"), ("u.", "abbrev"), ("a.", "abbrev")]),
    ("z.B. dies", [("z.B.", "abbrev"), ("dies", "word")]),
    (
        "Dr. Prof. Nr. bzw. ca.",
        [
            ("Dr.", "abbrev"),
            ("Prof.", "abbrev"),
            ("Nr.", "abbrev"),
            ("bzw.", "abbrev"),
            ("ca.", "abbrev"),
        ],
    ),
    ("Art. 5 Abs. 1", [("Art.", "abbrev"), ("5", "number"), ("Abs.", "abbrev"), ("1", "number")]),
    ("diese Art.", [("diese", "word"), ("Art", "word"), (".", "punct")]),
    ("J. D. Vance", [("J.", "abbrev"), ("D.", "abbrev"), ("Vance", "word")]),
    (
        "3,5 1.000 14.30 16:00 31.10.2007",
        [
            ("3,5", "number"),
            ("1.000", "number"),
            ("14.30", "number"),
            ("16:00", "number"),
            ("31.10.2007", "number"),
        ],
    ),
    ("39-Jährige US-Präsident", [("39-Jährige", "word"), ("US-Präsident", "word")]),
    ("Bau- und Wasser-", [("Bau-", "word"), ("und", "word"), ("Wasser", "word"), ("-", "punct")]),
    (
        "„Ja“, «nein»",
        [
            ("„", "quote"),
            ("Ja", "word"),
            ("“", "quote"),
            (",", "punct"),
            ("«", "quote"),
            ("nein", "word"),
            ("»", "quote"),
        ],
    ),
    (
        "Siehe https://x.org/a?b=1.",
        [("Siehe", "word"), ("https://x.org/a?b=1", "url"), (".", "punct")],
    ),
    (
        "bei www.bund.de und tagesschau.de",
        [("bei", "word"), ("www.bund.de", "url"), ("und", "word"), ("tagesschau.de", "url")],
    ),
    ("an info@bund.de.", [("an", "word"), ("info@bund.de", "email"), (".", "punct")]),
    (
        "5 % mehr, 3 €",
        [
            ("5", "number"),
            ("%", "symbol"),
            ("mehr", "word"),
            (",", "punct"),
            ("3", "number"),
            ("€", "symbol"),
        ],
    ),
    ("Was?! Nein...", [("Was", "word"), ("?!", "punct"), ("Nein", "word"), ("...", "punct")]),
    ("People's Côte-d'Or", [("People's", "word"), ("Côte-d'Or", "word")]),
    ("XIV. von", [("XIV.", "ordinal"), ("von", "word")]),
    ("Benedikt XVI. Er", [("Benedikt", "word"), ("XVI", "word"), (".", "punct"), ("Er", "word")]),
    ("folgen.Eine", [("folgen", "word"), (".", "punct"), ("Eine", "word")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_tokens(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith", [("Mr.", "abbrev"), ("Smith", "word")]),
        (
            "the U.S. and e.g. this",
            [
                ("the", "word"),
                ("U.S.", "abbrev"),
                ("and", "word"),
                ("e.g.", "abbrev"),
                ("this", "word"),
            ],
        ),
        ("No. 10", [("No.", "abbrev"), ("10", "number")]),
        ("in 1990. The", [("in", "word"), ("1990", "number"), (".", "punct"), ("The", "word")]),
    ],
)
def test_english_tokens(text: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(text, language="en") == expected


def test_start_shifts_offsets() -> None:
    article = "Vorab. Er kam am 3. Mai."
    sentence_start = article.index("Er")
    tokens = tokenize(article[sentence_start:], start=sentence_start)
    assert tokens[0] == Token(text="Er", start=7, end=9, kind="word")
    assert all(article[t.start : t.end] == t.text for t in tokens)


def test_unknown_language_is_rejected() -> None:
    with pytest.raises(ValueError, match="Use 'de', 'en' or None"):
        tokenize("Hallo", language="xx")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_tokens_slice_back_and_cover_all_non_space(text: str) -> None:
    tokens = tokenize(text)
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert token.text.strip() == token.text and token.text
    covered = "".join(t.text for t in tokens)
    assert covered == "".join(text.split())
