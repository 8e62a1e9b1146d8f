"""Token features of lagebild's German NER model (a linear-chain CRF, see ``ner.py``).

The features are the classic ones of feature-based NER (word form, shape, affixes, position,
a window of neighbours) plus word clusters learned from unlabelled German news, which carry
what a model trained on a few thousand sentences cannot see: that ``Sarubin`` looks like the
surnames it saw, that ``Kyjiw`` is a place. Training and tagging share this one function.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from typing import Protocol

_VOWELS = re.compile(r"[aeiouäöüy]", re.IGNORECASE)


class WordFeatures(Protocol):
    """Features of a word form from outside the training data (see ``word_knowledge.py``)."""

    def features(self, word: str) -> tuple[str, ...]: ...


class NoKnowledge:
    """The baseline: spelling features only."""

    def features(self, word: str) -> tuple[str, ...]:
        return ()


def word_shape(word: str) -> str:
    """``Putin`` → ``Xx``, ``NATO`` → ``X``, ``G7-Gipfel`` → ``Xd-Xx``, ``3,5`` → ``d,d``."""
    shape: list[str] = []
    for char in word:
        if char.isupper():
            kind = "X"
        elif char.islower():
            kind = "x"
        elif char.isdigit():
            kind = "d"
        else:
            kind = char
        if not shape or shape[-1] != kind:
            shape.append(kind)
    return "".join(shape)


# Cache of per-word feature strings (for each offset -2..2, per domain): tagging spends most
# of its time building strings, and news repeats its words. Bounded so a long run cannot grow
# it without limit; one cache per knowledge object (see ``sentence_features``).
_CACHE_LIMIT = 200_000
WINDOW = (-2, -1, 0, 1, 2)  # a ±2 window, the usual choice for CRF NER
_Slots = tuple[tuple[str, ...], ...]
_caches: weakref.WeakKeyDictionary[WordFeatures, dict[tuple[str, str], _Slots]] = (
    weakref.WeakKeyDictionary()
)


def word_features(word: str, knowledge: WordFeatures) -> tuple[tuple[str, ...], ...]:
    """Features of the word at offsets 0, ±1 and ±2: the word itself gets the full set, its
    next neighbours the word, shape and word knowledge, the ones after that only the word and
    its mid-size cluster (every feature string costs time when tagging; ±2 words matter least).
    """
    lower = word.lower()
    known = knowledge.features(word)
    shape = f"shape={word_shape(word)}"
    own = [f"w={lower}", shape, *known]
    own.extend(f"suf{n}={lower[-n:]}" for n in (2, 3, 4, 5) if len(lower) > n)
    own.extend(f"pre{n}={lower[:n]}" for n in (2, 3, 4) if len(lower) > n)
    own.append(f"len={min(len(word), 12)}")
    if word.isupper() and len(word) > 1:
        own.append("allcaps")
    if any(char.isdigit() for char in word):
        own.append("digit")
    if not _VOWELS.search(word) and word.isalpha():
        own.append("novowel")
    if "-" in word.strip("-"):
        first = word.split("-", 1)[0]
        own.append(f"hyph_first={first.lower()}")
        own.append(f"hyph_last={lower.rpartition('-')[2]}")
        own.extend(f"hf_{feature}" for feature in knowledge.features(first) if feature[0] == "c")
    near = [own[0], shape, *known]
    far = [own[0], *(f for f in known if f.startswith("c0256"))]
    return tuple(own), tuple(near), tuple(far)


def features_at(offset: int, features: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    """Which of ``word_features``' three sets a token sees of the word at ``offset``."""
    own, near, far = features
    return own if offset == 0 else near if abs(offset) == 1 else far


def _slots(word: str, domain: str, knowledge: WordFeatures, keep: frozenset[str] | None) -> _Slots:
    """The word's feature strings as seen from each offset of the window."""
    features = word_features(word, knowledge)
    slots = []
    for offset in WINDOW:
        plain = [f"{offset}:{f}" for f in features_at(offset, features)]
        found = [*plain, *(f"{domain}|{f}" for f in plain)] if domain else plain
        slots.append(tuple(f for f in found if keep is None or f in keep))
    return tuple(slots)


def _word_slots(
    word: str, knowledge: WordFeatures, domain: str, keep: frozenset[str] | None
) -> _Slots:
    """The word's feature strings as seen from offsets -2..2 (cached per knowledge object)."""
    cache = _caches.get(knowledge)
    if cache is None:
        cache = _caches[knowledge] = {}
    found = cache.get((word, domain))
    if found is None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        found = cache[(word, domain)] = _slots(word, domain, knowledge, keep)
    return found


def position_features(words: Sequence[str], index: int, domain: str = "") -> list[str]:
    """Features of a token's position and its word pairs (not cacheable per word)."""
    word = words[index]
    last = len(words) - 1
    extra = []
    if index == 0:
        extra.append("first")
    elif word[:1].isupper():
        extra.append("cap_inside")
    if index == last:
        extra.append("last")
    if index < last:
        extra.append(f"bigram+={word.lower()}|{words[index + 1].lower()}")
    if index > 0:
        extra.append(f"bigram-={words[index - 1].lower()}|{word.lower()}")
    if domain:
        extra.extend([f"{domain}|{f}" for f in extra])
    return extra


def sentence_features(
    words: Sequence[str],
    knowledge: WordFeatures,
    domain: str = "",
    keep: frozenset[str] | None = None,
) -> list[list[str]]:
    """Feature strings for every token of one sentence. With a ``domain``, every feature
    comes twice: plain and prefixed with the domain (see ``scripts/train_ner.py``). With
    ``keep`` (the features a trained model has weights for), all others are left out: they
    cannot change the result, and L1 regularisation leaves most of them without weight.
    Use one ``knowledge`` object per ``keep`` set: the per-word cache belongs to it."""
    slots = [_word_slots(word, knowledge, domain, keep) for word in words]
    result = []
    last = len(words) - 1
    for index in range(len(words)):
        features = ["bias"]
        for offset in WINDOW:
            position = index + offset
            if 0 <= position <= last:
                features.extend(slots[position][offset + 2])
        extra = position_features(words, index, domain)
        features.extend(f for f in extra if keep is None or f in keep)
        result.append(features)
    return result
