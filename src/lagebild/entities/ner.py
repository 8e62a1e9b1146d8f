"""Named-entity recognition: lagebild's own German model, spaCy's small model for English.

German: a linear-chain CRF (python-crfsuite) trained by ``scripts/train_ner.py`` from public
corpora (see ``models/ner-de/MODEL_CARD.md``), over lagebild's own tokens, so every mention
keeps exact character offsets. It predicts GermEval 2014's twelve labels: ``PER``, ``LOC``,
``ORG``, ``OTH`` for names, ``…part`` for names inside a word ("Merkel-Vertraute") and
``…deriv`` for words derived from a name ("russische").

Two consistency passes follow the model, as a careful reader would:

* **within the article**: a word sequence recognised as a name once is that name wherever it
  recurs in the article (also with a genitive ``-s``), unless the model gave it another class
  there;
* **across articles**: names the caller already knows (``known``: surface form → label, e.g.
  from the entity registry) and the gazetteer's names are recognised where the model missed
  them.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from lagebild.analysis import Sentence
from lagebild.entities.gazetteer import Gazetteer, load_gazetteer
from lagebild.entities.ner_features import (
    WINDOW,
    features_at,
    position_features,
    sentence_features,
    word_features,
)
from lagebild.entities.word_knowledge import WordKnowledge
from lagebild.errors import ConfigError
from lagebild.records import Mention, NerLabel

# Corpus prefix of the domain-specific feature copies the model uses when tagging news: the
# GermEval copy (Wikipedia and news sentences; see scripts/train_ner.py).
TARGET_DOMAIN = "germeval"
_LABELS: frozenset[str] = frozenset({"PER", "LOC", "ORG", "OTH"})
_GENITIVE = re.compile(r"(?:s|es|'s|’s|')$")


def model_dir() -> Path:
    return Path(str(resources.files("lagebild") / "models" / "ner-de"))


@functools.cache
def gazetteer_tokens() -> dict[str, str]:
    """Word → gazetteer class of the names it is part of (first listed class wins)."""
    tokens: dict[str, str] = {}
    for entry in load_gazetteer().entries:
        for surface in entry.surfaces:
            words = surface.split()
            for position, word in enumerate(words):
                role = "last" if position == len(words) - 1 else "inner"
                tokens.setdefault(word, f"{entry.label}_{role}")
    return tokens


class GermanNer:
    """The trained German CRF; load once and reuse (``german_ner()`` caches one)."""

    def __init__(self, directory: Path | None = None) -> None:
        import pycrfsuite

        directory = directory or model_dir()
        model = directory / "model.crfsuite"
        if not model.is_file():
            raise ConfigError(
                f"No German NER model at {model}: run `python scripts/train_ner.py` "
                "or reinstall lagebild."
            )
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        names_file = directory / "given_names.txt"
        names = names_file.read_text(encoding="utf-8").split() if names_file.is_file() else []
        self.knowledge = WordKnowledge(directory / "centroids.npz", names, gazetteer_tokens())
        info = directory / "training.json"
        self.info = json.loads(info.read_text(encoding="utf-8")) if info.is_file() else {}
        # The feature copies to tag with: the training corpus closest to news, if the model was
        # trained with domain adaptation (see scripts/train_ner.py).
        self.domain: str = self.info.get("target_domain", TARGET_DOMAIN)
        # Only features the model has a weight for (plain or of the tagging domain) are passed
        # to CRFsuite: L1 regularisation leaves most of them without one, and every feature
        # string costs time (this halves tagging time or better).
        other_domains = tuple(
            f"{corpus}|" for corpus in self.info.get("sentences", {}) if corpus != self.domain
        )
        weights = self._tagger.info()  # reads the whole model: once
        self.active = frozenset(
            attribute
            for (attribute, _label), weight in weights.state_features.items()
            if weight and not attribute.startswith(other_domains)
        )
        self._decoder = _Decoder(
            self._tagger.labels(), weights, self.active, self.domain, self.info.get("o_bias", 0.0)
        )

    def tag(self, words: Sequence[str]) -> list[str]:
        """BIO tags over the GermEval labels for one sentence's words."""
        if not words:
            return []
        self.knowledge.prepare(words)
        return _without_leading_function_word(words, self._decoder.decode(words, self.knowledge))

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """``tag`` for several sentences at once (one Viterbi pass over all of them: an
        article's sentences cost about as many numpy steps as its longest one)."""
        self.knowledge.prepare(word for words in sentences for word in words)
        tagged = self._decoder.decode_many(sentences, self.knowledge)
        return [
            _without_leading_function_word(w, t) for w, t in zip(sentences, tagged, strict=True)
        ]

    def tag_with_crfsuite(self, words: Sequence[str]) -> list[str]:
        """The same through CRFsuite's own decoder (without ``o_bias``), to check ours."""
        if not words:
            return []
        features = sentence_features(words, self.knowledge, self.domain, self.active)
        return _without_leading_function_word(words, list(self._tagger.tag(features)))


def _without_leading_function_word(words: Sequence[str], tags: list[str]) -> list[str]:
    """``tags`` without a name that starts with a capitalised preposition or frame word (the
    model sometimes takes a sentence's first word into the name after it: „Laut Stadtsprecher
    Jan Ehlers“): that word becomes O and the next one opens the name. Titles of works
    (``OTH``: „Im Westen nichts Neues“) keep theirs."""
    for index, (word, tag) in enumerate(zip(words, tags, strict=True)):
        if (
            tag.startswith("B-")
            and not tag.endswith("OTH")
            and word in _NOT_NAME_STARTS
            and index + 1 < len(tags)
            and tags[index + 1] == "I-" + tag[2:]
        ):
            tags[index], tags[index + 1] = "O", tag
    return tags


# Capitalised words that open a sentence, never a person's, place's or organisation's name.
_NOT_NAME_STARTS = frozenset(
    {"Laut", "Nach", "Gemäß", "Wie", "Auch", "Für", "Mit", "Bei", "Von", "Vom", "Seit", "Trotz",
     "Wegen", "Gegenüber", "Zufolge", "Aus", "Am", "Im", "In", "An", "Auf", "Über", "Unter",
     "Zum", "Zur", "Beim", "Dass", "Als", "Wenn", "Und", "Aber", "Doch", "Denn", "Dabei"}
)  # fmt: skip


class _Decoder:
    """Viterbi decoding of the CRF with numpy, over per-word score vectors that are cached.

    CRFsuite scores a token by looking up each of its ~40 feature strings (with their window
    offset and domain prefixes). Here the model's weights are regrouped once by window offset
    and unprefixed feature (a feature's plain and target-domain copies are always emitted
    together, so their weights simply add up); a word's contribution from each offset is then
    summed once and cached, and a known word costs one dictionary look-up. The result equals
    CRFsuite's (checked on 2,000 GermEval sentences and in the tests).
    ``o_bias`` (``training.json``, default 0) is subtracted from the score of ``O``: the model
    is precision-heavy (P 0.68, R 0.54), but biases of 0.5 to 3 lowered held-out GermEval dev
    F1 (0.617 → 0.608 … 0.239), so the shipped model uses none.
    """

    def __init__(
        self, labels: Sequence[str], info: Any, active: frozenset[str], domain: str, o_bias: float
    ) -> None:
        import numpy as np

        self._np = np
        self.labels: list[str] = list(labels)
        index = {label: number for number, label in enumerate(self.labels)}
        size = len(self.labels)
        prefix = f"{domain}|" if domain else None
        offsets = {str(offset): slot for slot, offset in enumerate(WINDOW)}
        self._slot_weights: list[dict[str, Any]] = [{} for _ in WINDOW]
        self._position_weights: dict[str, Any] = {}
        for (attribute, label), weight in info.state_features.items():
            if not weight or attribute not in active:
                continue
            name = (
                attribute[len(prefix) :] if prefix and attribute.startswith(prefix) else attribute
            )
            head, colon, rest = name.partition(":")
            if colon and head in offsets:
                table, key = self._slot_weights[offsets[head]], rest
            else:
                table, key = self._position_weights, name
            if key not in table:
                table[key] = np.zeros(size, dtype=np.float64)
            table[key][index[label]] += weight
        self._transitions = np.zeros((size, size), dtype=np.float64)
        for (first, second), weight in info.transitions.items():
            self._transitions[index[first], index[second]] = weight
        self._base = self._position_weights.get("bias", np.zeros(size)).copy()
        if "O" in index:
            self._base[index["O"]] -= o_bias
        self._size = size
        self._words: dict[str, Any] = {}

    def _word(self, word: str, knowledge: Any) -> Any:
        found = self._words.get(word)
        if found is None:
            features = word_features(word, knowledge)
            found = self._np.zeros((len(WINDOW), self._size), dtype=self._np.float64)
            for slot, offset in enumerate(WINDOW):
                weights = self._slot_weights[slot]
                for feature in features_at(offset, features):
                    vector = weights.get(feature)
                    if vector is not None:
                        found[slot] += vector
            if len(self._words) >= _DECODER_CACHE:
                self._words.clear()
            self._words[word] = found
        return found

    def decode(self, words: Sequence[str], knowledge: Any) -> list[str]:
        """The best tags of one sentence (a plain Viterbi pass: for a single sentence about
        twice as fast as the batched one, which pays for its masks)."""
        if not words:
            return []
        np = self._np
        scores = self._scores(words, knowledge)
        best = scores[0].copy()
        back = np.empty((len(words), self._size), dtype=np.int64)
        columns = np.arange(self._size)
        for position in range(1, len(words)):
            candidates = best[:, None] + self._transitions
            back[position] = np.argmax(candidates, axis=0)
            best = candidates[back[position], columns] + scores[position]
        path = [int(np.argmax(best))]
        for position in range(len(words) - 1, 0, -1):
            path.append(int(back[position, path[-1]]))
        return [self.labels[label] for label in reversed(path)]

    def decode_many(self, sentences: Sequence[Sequence[str]], knowledge: Any) -> list[list[str]]:
        """The best tags of each sentence: the Viterbi recursion runs over all sentences at
        once, position by position; a sentence that has ended keeps its scores."""
        if len(sentences) == 1:
            return [self.decode(sentences[0], knowledge)]
        np = self._np
        lengths = [len(words) for words in sentences]
        longest = max(lengths, default=0)
        if not longest:
            return [[] for _ in sentences]
        scores = np.zeros((len(sentences), longest, self._size), dtype=np.float64)
        for row, words in enumerate(sentences):
            if words:
                scores[row, : len(words)] = self._scores(words, knowledge)
        length = np.array(lengths)
        best = scores[:, 0].copy()
        back = np.zeros((len(sentences), longest, self._size), dtype=np.int64)
        for position in range(1, longest):
            active = length > position
            candidates = best[active][:, :, None] + self._transitions
            back[active, position] = np.argmax(candidates, axis=1)
            best[active] = candidates.max(axis=1) + scores[active, position]
        current = np.argmax(best, axis=1)
        paths = np.zeros((len(sentences), longest), dtype=np.int64)
        for position in range(longest - 1, 0, -1):
            active = length > position
            paths[active, position] = current[active]
            current[active] = back[active, position, current[active]]
        paths[:, 0] = current
        labels = self.labels
        return [
            [labels[label] for label in paths[row, : lengths[row]]] for row in range(len(sentences))
        ]

    def _scores(self, words: Sequence[str], knowledge: Any) -> Any:
        """Per-token label scores of one sentence (count x labels), before transitions."""
        np = self._np
        count = len(words)
        per_word = np.stack([self._word(word, knowledge) for word in words])
        scores = np.tile(self._base, (count, 1))
        for slot, offset in enumerate(WINDOW):
            # token i sees the word at i + offset through that word's slot for this offset
            low, high = max(0, -offset), count - max(0, offset)
            if low < high:
                scores[low:high] += per_word[low + offset : high + offset, slot]
        for position in range(count):
            for feature in position_features(words, position):
                vector = self._position_weights.get(feature)
                if vector is not None:
                    scores[position] += vector
        return scores


# Words whose summed scores are cached; a word costs 5 x 22 floats.
_DECODER_CACHE = 200_000


@functools.cache
def german_ner() -> GermanNer:
    return GermanNer()


def model_mentions(
    text: str, sentences: Sequence[Sentence], language: str | None
) -> tuple[Mention, ...]:
    """What the statistical model alone finds (German CRF, or spaCy for English)."""
    if language == "en":
        from lagebild.entities.english import recognise_english

        return tuple(recognise_english(text, sentences))
    return tuple(_german_mentions(sentences))


def recognise(
    text: str,
    sentences: Sequence[Sentence],
    language: str | None,
    *,
    known: Mapping[str, NerLabel] | None = None,
    gazetteer: Gazetteer | None = None,
) -> tuple[Mention, ...]:
    """Named-entity mentions of an article, sorted by offset, never overlapping."""
    found = _add_repeats(text, list(model_mentions(text, sentences, language)))
    found = _add_known(text, found, known or {}, gazetteer or load_gazetteer())
    return tuple(sorted(found, key=lambda mention: mention.start))


def add_known_names(
    text: str, mentions: Sequence[Mention], known: Mapping[str, NerLabel]
) -> tuple[Mention, ...]:
    """``mentions`` plus the known names (surface form → label) where nothing was found."""
    found = _add_surfaces(text, list(mentions), known, "consistency")
    return tuple(sorted(found, key=lambda mention: mention.start))


def _german_mentions(sentences: Sequence[Sentence]) -> list[Mention]:
    ner = german_ner()
    ner.knowledge.prepare(token.text for sentence in sentences for token in sentence.tokens)
    mentions = []
    kept = [
        [token for token in sentence.tokens if not token.text.isspace()] for sentence in sentences
    ]
    tagged = ner.tag_many([[token.text for token in tokens] for tokens in kept])
    for sentence, tokens, tags in zip(sentences, kept, tagged, strict=True):
        start: int | None = None
        label = ""
        for index, tag in enumerate([*tags, "O"]):
            inside = tag.startswith("I-") and tag[2:] == label and start is not None
            if start is not None and not inside:
                first, last = tokens[start], tokens[index - 1]
                text = sentence.text[first.start - sentence.start : last.end - sentence.start]
                mentions.append(_mention(text, first.start, last.end, label, "ner"))
                start = None
            if tag.startswith(("B-", "I-")) and start is None:
                start, label = index, tag[2:]
    return mentions


def _mention(text: str, start: int, end: int, fine: str, source: str) -> Mention:
    coarse = fine[:3]
    return Mention(
        text=text,
        start=start,
        end=end,
        label=coarse if coarse in _LABELS else "OTH",  # type: ignore[arg-type]
        fine=fine,
        source=source,  # type: ignore[arg-type]
    )


def _add_repeats(text: str, mentions: list[Mention]) -> list[Mention]:
    """Document-level consistency: a recognised name is the same name where it recurs."""
    names = {
        mention.text: mention.fine
        for mention in mentions
        if not mention.fine.endswith(("deriv", "part")) and len(mention.text) > 2
    }
    return _add_surfaces(text, mentions, names, "consistency")


def _add_known(
    text: str, mentions: list[Mention], known: Mapping[str, NerLabel], gazetteer: Gazetteer
) -> list[Mention]:
    """Corpus-level consistency (names known from other articles) and the gazetteer."""
    mentions = _add_surfaces(text, mentions, known, "consistency")
    taken = [(mention.start, mention.end) for mention in mentions]
    for mention in gazetteer.find(text):
        if not _overlaps(mention.start, mention.end, taken):
            mentions.append(mention)
            taken.append((mention.start, mention.end))
    return mentions


# A run of words that may be a name; known names are looked up among its n-grams.
_WORD = re.compile(r"[^\W\d_][\w.&'’-]*")
_MAX_NAME_WORDS = 5


def _add_surfaces(
    text: str, mentions: list[Mention], surfaces: Mapping[str, str], source: str
) -> list[Mention]:
    """Add a mention wherever a known surface form (or its genitive) occurs as whole words
    and no mention is there yet. Linear in the text: n-grams of words are looked up."""
    if not surfaces:
        return mentions
    taken = [(mention.start, mention.end) for mention in mentions]
    words = [(match.start(), match.end()) for match in _WORD.finditer(text)]
    # joined[i]: words i and i+1 are separated by whitespace only (may be one name)
    joined = [text[a[1] : b[0]].isspace() for a, b in itertools.pairwise(words)]
    longest = max(len(surface.split()) for surface in surfaces)
    added = list(mentions)
    index = 0
    while index < len(words):
        found = None
        if text[words[index][0]].isupper():  # names start with a capital
            found = _longest_known(
                text, words, joined, index, min(longest, _MAX_NAME_WORDS), surfaces
            )
        if found is None:
            index += 1
            continue
        length, fine, end = found
        start = words[index][0]
        if not _overlaps(start, end, taken):
            added.append(_mention(text[start:end], start, end, fine, source))
            taken.append((start, end))
        index += length
    return added


def _longest_known(
    text: str,
    words: Sequence[tuple[int, int]],
    joined: Sequence[bool],
    index: int,
    longest: int,
    surfaces: Mapping[str, str],
) -> tuple[int, str, int] | None:
    length = 1
    while length < longest and index + length < len(words) and joined[index + length - 1]:
        length += 1
    for size in range(length, 0, -1):
        start, end = words[index][0], words[index + size - 1][1]
        surface = text[start:end]
        if text[end : end + 1] == "-" or surface.endswith("-"):
            continue  # compounds ("Putin-Regierung") are the model's or the gazetteer's call
        fine = surfaces.get(surface)
        if fine is None:
            stem = _GENITIVE.sub("", surface)
            fine = surfaces.get(stem) if stem != surface else None
        if fine is not None:
            return size, fine, end
    return None


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)
