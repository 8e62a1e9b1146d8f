"""Is every summary sentence supported by the spans it cites?

A summary is only as trustworthy as its citations, so the check is strict and cheap enough to
run on every summary the tests produce. Extractive sentences must *be* a cited span (after
whitespace normalisation), and every other cited span must be a copy of the same sentence.
Abstractive sentences (written by a model, not by this package) must keep every number and
every quotation of their sources and reuse most of their content words.

Quotation marks are checked on their own (:func:`quote_problems`): marks must pair up, and
the text between them must occur verbatim in a cited span — a quotation mark around words a
source did not say is the one error a news summary must never make.

The text primitives here (:func:`words`, :func:`token_overlap`) also decide, in
:mod:`lagebild.summaries.extractive`, which sentences count as copies of each other, so the
summariser and its check cannot disagree about what "the same sentence" means.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from lagebild.records import Article, Citation, Summary, SummarySentence

# Two spans are "the same sentence" (a wire copy, a near-identical edit) from this share of
# shared words: a one-word edit of a ten-word sentence still counts, a changed clause does not.
NEAR_IDENTICAL = 0.9
# An abstractive sentence must take at least this share of its content words from its sources;
# the rest is connective wording a paraphrase needs.
MIN_CONTENT_SHARE = 0.8
# Shorter content words are matched exactly; longer ones by their first letters, so that an
# inflected form ("Brücken" for "Brücke") still counts as taken from the source.
_MIN_STEM = 4
_STEM_CUT = 3

_WHITESPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
# A number with its separators ("110 000", "17.40", "1,5"); compared without the spaces.
_NUMBER = re.compile(r"\d+(?:[.,:\u202f\xa0 ]\d+)*")
# Quotation segments, scanned left to right. German „…“ (closed by “ or ”), English “…”,
# guillemets in both directions, straight "…", German single ‚…‘ and English single ‘…’ (an
# apostrophe ’ followed by a letter, "city’s", stays inside).
_QUOTED = re.compile(
    r"„(?P<a>[^„“”]*)[“”]"
    r"|“(?P<b>[^“”„]*)”"
    r"|«(?P<c>[^«»]*)»"
    r"|»(?P<d>[^«»]*)«"
    r'|"(?P<e>[^"]*)"'
    r"|‚(?P<f>[^‚‘]*)‘"
    r"|‘(?P<g>(?:[^‘’]|’(?=\w))*)’(?!\w)"
)
# Marks that are never apostrophes: one left over after pairing means an unbalanced quotation.
_QUOTE_MARKS = frozenset('„“”«»"‚‘')


def normalise(text: str) -> str:
    """``text`` with every run of whitespace (line breaks, no-break spaces) as one space."""
    return _WHITESPACE.sub(" ", text).strip()


def words(text: str) -> frozenset[str]:
    """The distinct words of ``text``, case-folded."""
    return frozenset(w.casefold() for w in _WORD.findall(text))


def token_overlap(a: str, b: str) -> float:
    """Shared words over the words of the longer text: 1.0 for the same wording, below
    :data:`NEAR_IDENTICAL` once a clause is added or changed."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 1.0 if wa == wb else 0.0
    return len(wa & wb) / max(len(wa), len(wb))


@functools.cache
def stop_words(language: str | None) -> frozenset[str]:
    """Function words of ``language`` (both German and English when unknown), case-folded."""
    from spacy.lang.de.stop_words import STOP_WORDS as GERMAN
    from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH

    chosen = {"de": GERMAN, "en": ENGLISH}.get(language or "", GERMAN | ENGLISH)
    return frozenset(w.casefold() for w in chosen)


def quoted_segments(text: str) -> list[str]:
    """The text inside each pair of quotation marks, outermost pairs only."""
    return [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]


def has_unbalanced_quotes(text: str) -> bool:
    """Whether a quotation mark in ``text`` has no partner: a sentence cut out of a
    multi-sentence quotation (``„Wir haben Fehler gemacht.``)."""
    rest = _QUOTED.sub("", text)
    return any(ch in _QUOTE_MARKS for ch in rest)


def quote_problems(text: str, cited: Sequence[str]) -> list[str]:
    """What is wrong with the quotation marks of ``text`` given the ``cited`` span texts: marks
    that do not pair up, and quoted words that occur verbatim in no cited span."""
    problems: list[str] = []
    if has_unbalanced_quotes(text):
        problems.append("unbalanced quotation marks")
    sources = [normalise(span) for span in cited]
    for segment in quoted_segments(text):
        inner = normalise(segment)
        if inner and not any(inner in source for source in sources):
            problems.append(f"quotation not verbatim in any cited span: {_short(inner)!r}")
    return problems


def check_support(summary: Summary, articles: Mapping[str, Article]) -> list[str]:
    """One line per problem; an empty list means every sentence is supported by its cited
    spans (see the module docstring for what "supported" means for each method)."""
    problems: list[str] = []
    for number, sentence in enumerate(summary.sentences, 1):
        label = f"{summary.target} sentence {number} ({_short(sentence.text)!r})"
        problems.extend(f"{label}: {p}" for p in _sentence_problems(sentence, summary, articles))
    return problems


def _sentence_problems(
    sentence: SummarySentence, summary: Summary, articles: Mapping[str, Article]
) -> list[str]:
    if not sentence.citations:
        return ["cites nothing"]
    problems, spans = [], []
    for citation in sentence.citations:
        problem = _span_problem(citation, articles)
        if problem:
            problems.append(problem)
        else:
            spans.append(
                (citation, articles[citation.article_id].text[citation.start : citation.end])
            )
    if summary.method == "extractive":
        problems.extend(_extractive_problems(sentence.text, spans))
    else:
        problems.extend(_abstractive_problems(sentence.text, [t for _, t in spans], summary))
    problems.extend(quote_problems(sentence.text, [t for _, t in spans]))
    return problems


def _span_problem(citation: Citation, articles: Mapping[str, Article]) -> str | None:
    article = articles.get(citation.article_id)
    if article is None:
        return f"cites unknown article {citation.article_id}"
    if not 0 <= citation.start < citation.end <= len(article.text):
        return f"span {_where(citation)} lies outside the article text ({len(article.text)} chars)"
    return None


def _extractive_problems(text: str, spans: Sequence[tuple[Citation, str]]) -> list[str]:
    problems = []
    if spans and not any(normalise(span) == normalise(text) for _, span in spans):
        problems.append("text is not the text of any cited span")
    for citation, span in spans:
        overlap = token_overlap(text, span)
        if overlap < NEAR_IDENTICAL:
            problems.append(
                f"cited span {_where(citation)} says something else (overlap {overlap:.2f})"
            )
    return problems


def _abstractive_problems(text: str, spans: Sequence[str], summary: Summary) -> list[str]:
    source = " ".join(spans)
    problems = []
    numbers = {_number(n) for n in _NUMBER.findall(source)}
    for found in _NUMBER.findall(text):
        if _number(found) not in numbers:
            problems.append(f"number {found!r} is in no cited span")
    content = [w for w in words(text) if w not in stop_words(summary.language) and not w.isdigit()]
    source_words = words(source)
    taken = [w for w in content if _taken(w, source_words)]
    if content and len(taken) / len(content) < MIN_CONTENT_SHARE:
        missing = sorted(set(content) - set(taken))
        problems.append(
            f"only {len(taken)} of {len(content)} content words are in the cited spans "
            f"(missing: {', '.join(missing[:6])})"
        )
    return problems


def _taken(word: str, source_words: frozenset[str]) -> bool:
    if word in source_words:
        return True
    if len(word) <= _MIN_STEM:
        return False
    stem = word[: max(_MIN_STEM, len(word) - _STEM_CUT)]
    return any(w.startswith(stem) for w in source_words)


def _number(found: str) -> str:
    return re.sub(r"[\s\u202f\xa0]", "", found)


def _where(citation: Citation) -> str:
    return f"{citation.article_id}[{citation.start}:{citation.end}]"


def _short(text: str, limit: int = 60) -> str:
    text = normalise(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
