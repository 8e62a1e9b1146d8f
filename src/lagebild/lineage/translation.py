"""Translation lineage: explicit notes and cross-lingual sentence alignment.

An article that says it was translated ("Aus dem Englischen übersetzt. Er erschien zuerst bei
The Harbour Times") is linked to the stored article it names, or, when that is not stored, to
the name itself. Without a note, a candidate is a translation of an article in another
language when most of its sentences have a multilingual embedding match there, in order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from lagebild.analysis.sentences import split_sentences
from lagebild.lineage.relate import Digest, earlier
from lagebild.quotes.groups import sentence_embeddings
from lagebild.records import LineageEdge, LineageRelation, SharedPassage, TranslatedFrom

# A sentence and its translation score 0.6-0.9 cosine with multilingual USE (0.69-0.88 over
# the 17 sentences of the demo's machine translation; a free human translation of a long
# sentence scores down to 0.61); a sentence stating the same fact in another article in the
# other language (the German and the English wire on one accident) reaches 0.55-0.65,
# unrelated sentences about 0.1. Such stray matches are rare and out of order, and
# TRANSLATION_MIN_SHARE asks for most sentences in order, so the bar can sit low.
SENTENCE_MATCH = 0.6
# A translation has a match for this share of its sentences, in order: the demo translation
# has 17 of 17; of all other German/English pairs in the demo corpus (same event) none has
# more than a third of its sentences matched at SENTENCE_MATCH, even ignoring the order. A
# translator's own added sentences or an abridged translation still pass.
TRANSLATION_MIN_SHARE = 0.6
# ... and at least this many matched sentences: a three-sentence brief matching a paragraph
# of a long article is a shared fact, not a translation.
TRANSLATION_MIN_SENTENCES = 3
# With a translation note naming the original's publisher, a lower share suffices: the note
# already says it is a translation, alignment only has to pick the right stored article.
NOTED_MIN_SHARE = 0.3
# Sentences averaged into a document vector: the opening of a news text states the event;
# later paragraphs drift into background that other events share.
DOCUMENT_SENTENCES = 12
# Sentences shorter than this (in characters) carry no content to align ("Foto.", "Ja.").
MIN_SENTENCE_CHARS = 12


@dataclass(frozen=True, slots=True)
class _Sentences:
    spans: tuple[tuple[int, int], ...]
    vectors: NDArray[np.float32]


def _sentences(text: str, language: str | None, limit: int | None = None) -> _Sentences:
    found = [
        s
        for s in split_sentences(text, language if language in {"de", "en"} else None)
        if len(s.text) >= MIN_SENTENCE_CHARS
    ][:limit]
    vectors = sentence_embeddings([s.text for s in found])
    return _Sentences(spans=tuple((s.start, s.end) for s in found), vectors=vectors)


def document_vector(text: str, language: str | None = None) -> NDArray[np.float32]:
    """The L2-normalised mean embedding of the first ``DOCUMENT_SENTENCES`` sentences: a
    cheap cross-lingual vector to find candidate originals (zeros for an empty text)."""
    sentences = _sentences(text, language, limit=DOCUMENT_SENTENCES)
    if not sentences.spans:
        return np.zeros(512, dtype=np.float32)
    mean = sentences.vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return np.asarray(mean / norm if norm else mean, dtype=np.float32)


def aligned_sentences(
    similarity: NDArray[np.float32], threshold: float = SENTENCE_MATCH
) -> list[tuple[int, int]]:
    """The longest in-order chain of sentence pairs ``(translation, original)`` scoring at
    least ``threshold``; an original sentence may be split into consecutive translated ones."""
    rows, cols = similarity.shape
    length = [0] * cols  # the longest chain whose last pair uses original sentence j
    back: dict[tuple[int, int], tuple[int, int] | None] = {}
    last: list[tuple[int, int] | None] = [None] * cols
    for i in range(rows):
        best_len, best_end = 0, None
        row_len, row_last = length[:], last[:]
        for j in range(cols):
            if length[j] > best_len:
                best_len, best_end = length[j], last[j]
            if similarity[i, j] >= threshold and best_len + 1 > row_len[j]:
                row_len[j], row_last[j] = best_len + 1, (i, j)
                back[(i, j)] = best_end
        length, last = row_len, row_last
    end = last[int(np.argmax(length))] if cols and max(length) else None
    chain = []
    while end is not None:
        chain.append(end)
        end = back[end]
    return chain[::-1]


def _align(translation: Digest, original: Digest) -> tuple[float, float, tuple[SharedPassage, ...]]:
    """Shares of the translation's and the original's sentences in the aligned chain."""
    mine = _sentences(translation.text, translation.language)
    theirs = _sentences(original.text, original.language)
    if not mine.spans or not theirs.spans:
        return 0.0, 0.0, ()
    chain = aligned_sentences(mine.vectors @ theirs.vectors.T)
    passages = tuple(
        SharedPassage(
            from_start=theirs.spans[j][0],
            from_end=theirs.spans[j][1],
            to_start=mine.spans[i][0],
            to_end=mine.spans[i][1],
        )
        for i, j in chain
    )
    shared = len({i for i, _ in chain}) / len(mine.spans)
    kept = len({j for _, j in chain}) / len(theirs.spans)
    return shared, kept, passages


def named_source(note: TranslatedFrom) -> str:
    """How a translation note names its original: "The Harbour Times (en)"."""
    name = note.publisher or "unnamed source"
    return f"{name} ({note.language})" if note.language else name


def named_by(note: TranslatedFrom, original: Digest) -> bool:
    """Whether ``original`` fits what the note says: language, publisher, date."""
    if note.language and original.language and note.language != original.language:
        return False
    if note.publisher:
        publisher = note.publisher.casefold()
        outlet = (original.outlet or "").casefold()
        if not outlet or (publisher not in outlet and outlet not in publisher):
            return False
    if note.published is not None and original.published is not None:
        when = note.published
        day = original.published.date()
        if (when.year, when.month or day.month, when.day or day.day) != (
            day.year,
            day.month,
            day.day,
        ):
            return False
    return True


def translation_of(candidate: Digest, originals: Sequence[Digest]) -> LineageEdge | None:
    """The edge from the original ``candidate`` is a translation of, or None.

    With a translation note: the best-aligned stored article the note names, else an edge
    naming the source (``from_article`` None). Without: the best-aligned article in another
    language with ``TRANSLATION_MIN_SHARE`` of the candidate's sentences matched in order."""
    note = candidate.translated_from
    best: tuple[float, float, tuple[SharedPassage, ...], Digest] | None = None
    for original in originals:
        if not _may_be_original(candidate, original):
            continue
        named = note is not None and named_by(note, original)
        shared, kept, passages = _align(candidate, original)
        needed = NOTED_MIN_SHARE if named else TRANSLATION_MIN_SHARE
        if shared < needed or len(passages) < TRANSLATION_MIN_SENTENCES:
            continue
        if best is None or shared > best[0]:
            best = (shared, kept, passages, original)
    if best is not None:
        shared, kept, passages, original = best
        return LineageEdge(
            from_article=original.article_id,
            to_article=candidate.article_id,
            relation=LineageRelation.TRANSLATION,
            shared_fraction=round(shared, 4),
            kept_fraction=round(kept, 4),
            passages=passages,
            evidence=_evidence(note, shared, kept, len(passages)),
        )
    if note is None:
        return None
    return LineageEdge(
        from_article=None,
        to_article=candidate.article_id,
        relation=LineageRelation.TRANSLATION,
        shared_fraction=0.0,
        kept_fraction=0.0,
        from_source=named_source(note),
        evidence=f"translation note, original not stored: {note.evidence}",
    )


def _may_be_original(candidate: Digest, original: Digest) -> bool:
    """Another article, in another language, not published after the candidate."""
    if original.article_id == candidate.article_id:
        return False
    if candidate.language and original.language and candidate.language == original.language:
        return False
    return earlier(candidate, original) is not candidate


def _evidence(note: TranslatedFrom | None, shared: float, kept: float, pairs: int) -> str:
    aligned = (
        f"{pairs} sentence pairs aligned in order (cosine >= {SENTENCE_MATCH}): {shared:.0%} "
        f"of the translation, {kept:.0%} of the original"
    )
    return f"translation note ({note.evidence}); {aligned}" if note else aligned
