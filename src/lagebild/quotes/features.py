"""Token features for the German quote tagger.

Each sentence is one sequence; what reaches beyond the sentence (an open quotation, speech in
the sentence before, the start of a paragraph) enters as features. Reported speech is a clause
property — its Konjunktiv I verb often comes last, its cue before or after it — so every token
also sees the signals of its clause and of the clauses beside it.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lagebild.analysis.sentences import Sentence
from lagebild.analysis.tokens import Token
from lagebild.quotes.cues import FRAME_WORDS, SPEECH_NOUNS, SPEECH_VERBS, lemma, mood
from lagebild.quotes.marks import ALL_MARKS, DOUBLE_MARKS, Quotation
from lagebild.records import ArticleEntity

# Tokens that end a clause inside a sentence.
_CLAUSE_BREAKS = frozenset({",", ";", ":", "–", "—", "(", ")", "-"})
# Separated verb particles at a clause end make particle verbs ("teilte ... mit").
_PARTICLES = frozenset(
    [
        "mit",
        "an",
        "vor",
        "hin",
        "bekannt",
        "fest",
        "zu",
        "klar",
        "heraus",
        "aus",
        "ein",
        "dar",
        "zurück",
        "hinzu",
        "nach",
        "ab",
        "auf",
        "bei",
    ]
)
_PRONOUNS = frozenset(["er", "sie", "es", "ich", "wir", "ihr", "man", "du", "he", "she", "they"])
_SUBORDINATORS = frozenset(
    ["dass", "daß", "ob", "wie", "weil", "wenn", "damit", "da", "obwohl", "während", "wonach"]
)
# Weaker signs of reported content: a colon, a dass-clause, the reportative "soll".
_WEAK_SIGNS = frozenset({":", "dass", "daß", "ob", "soll", "sollen", "sollte", "sollten", "rede"})
# How many sentences back speech still counts as context for a continuation.
_CONTEXT_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class SentenceSignals:
    """What a sentence says about speech, for the features of the sentences after it."""

    konjunktiv: bool
    speech_verb: bool
    frame: bool
    quoted: bool  # has a token in quotation marks


@dataclass(frozen=True, slots=True)
class _Word:
    lower: str
    lemma: str
    mood: str
    speech: bool
    frame: bool
    mark: bool
    verb: bool  # an inflected verb form (by the dictionary: a lowercase form of an -en lemma)
    # The feature strings of the word form, made once per form (``_word_of`` keeps the words):
    # its own, and as the neighbour of a token at each of _OFFSETS.
    own: tuple[str, ...] = field(default=(), compare=False)
    near: tuple[tuple[str, ...], ...] = field(default=(), compare=False)
    flags: int = field(default=0, compare=False)  # _K1 | _K2 | _SPEECH | _FRAME | _PRONOUN


# The bits of ``_Word.flags``: what a clause or sentence has if any of its words has it.
_K1, _K2, _SPEECH, _FRAME, _PRONOUN = 1, 2, 4, 8, 16


# The window of neighbour words a token sees, and the strings where it runs off the sentence.
_OFFSETS = (-2, -1, 1, 2)
_PADS = tuple((f"w{offset:+d}=<pad>",) for offset in _OFFSETS)


@functools.lru_cache(maxsize=200_000)
def _word_of(text: str, is_word: bool, first: bool) -> _Word:
    lower = text.lower()
    if not is_word:
        word = _Word(lower, lower, "", False, False, text in ALL_MARKS, False)
    else:
        base = lemma(text)
        word = _Word(
            lower=lower,
            lemma=base,
            mood=mood(lower if first else text),
            speech=base in SPEECH_VERBS,
            frame=lower in FRAME_WORDS or base in FRAME_WORDS,
            mark=False,
            verb=(first or text[:1].islower()) and base != lower and base.endswith("en"),
        )
    # set once here, before anyone sees the word (the fields are derived from the others)
    object.__setattr__(word, "own", _own(word, text))
    object.__setattr__(word, "near", _as_neighbours(word))
    flags = (
        (_K1 if word.mood == "k1" else _K2 if word.mood == "k2" else 0)
        | (_SPEECH if word.speech else 0)
        | (_FRAME if word.frame else 0)
        | (_PRONOUN if lower in _PRONOUNS else 0)
    )
    object.__setattr__(word, "flags", flags)
    return word


def quoted_positions(quotations: Sequence[Quotation]) -> tuple[list[int], list[int]]:
    """Sorted starts and ends of the outer quotations, for ``inside``."""
    outer = [q for q in quotations if not q.nested]
    return [q.open for q in outer], [q.close for q in outer]


def inside(positions: tuple[list[int], list[int]], offset: int) -> bool:
    starts, ends = positions
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and starts[index] <= offset <= ends[index]


def sentence_words(
    sentence: Sentence, positions: tuple[list[int], list[int]] = ([], [])
) -> list[_Word]:
    """The words of ``sentence``; a mark that opens or closes one of the quotations at
    ``positions`` (``quoted_positions``) is read as „ or “, whichever the article used
    (»…«, «…», "…"): the model learnt German news marks, and what counts is their role."""
    opens, closes = (set(found) for found in positions)
    return [
        _word_of(_canonical(t.text, t.start, opens, closes), t.kind == "word", i == 0)
        for i, t in enumerate(sentence.tokens)
    ]


def _canonical(text: str, start: int, opens: set[int], closes: set[int]) -> str:
    if text not in DOUBLE_MARKS:
        return text
    return "„" if start in opens else "“" if start in closes else text


def signals(words: Sequence[_Word], quoted: Sequence[bool]) -> SentenceSignals:
    """The signals of a sentence from its ``sentence_words`` and which of its tokens are quoted."""
    flags = _flags(words)
    return SentenceSignals(
        konjunktiv=bool(flags & (_K1 | _K2)),  # ``mood`` gives "k1", "k2" or ""
        speech_verb=bool(flags & _SPEECH),
        frame=bool(flags & _FRAME),
        quoted=any(quoted),
    )


def _flags(words: Sequence[_Word]) -> int:
    flags = 0
    for word in words:
        flags |= word.flags
    return flags


def sentence_features(
    text: str,
    sentence: Sentence,
    words: Sequence[_Word],
    quoted: Sequence[bool],
    before: Sequence[SentenceSignals],
) -> list[list[str]]:
    """One feature list per token of ``sentence`` (``words``: ``sentence_words`` of it;
    ``quoted``: which tokens are inside a quotation); ``before`` holds the signals of the
    preceding sentences, nearest last."""
    tokens = sentence.tokens
    clauses = _clauses(tokens)
    clause_of = [0] * len(tokens)
    for index, (first, last) in enumerate(clauses):
        for position in range(first, last + 1):
            clause_of[position] = index
    summaries = [
        _clause_summary(words[first : last + 1], tokens, first, last) for first, last in clauses
    ]
    sentence_level = _sentence_level(text, sentence, words, quoted, before)
    anchors = [i for i, w in enumerate(words) if w.speech or w.frame]
    anchors.extend(
        first for (first, last), names in zip(clauses, summaries, strict=True) if "speech" in names
    )
    anchors.sort()
    konjunktive = [i for i, w in enumerate(words) if w.mood]
    # what the tokens of a clause share, for a token first, last or in the middle of it
    shared = [
        tuple((*around, at, *sentence_level) for at in ("c_at=first", "c_at=last", "c_at=mid"))
        for around in (_around(summaries, clause) for clause in range(len(clauses)))
    ]
    features: list[list[str]] = []
    count = len(tokens)
    to_anchor = _relative(count, anchors, words, clause_of, "a")
    to_konjunktiv = _relative(count, konjunktive, words, clause_of, "k")
    for index, (token, word) in enumerate(zip(tokens, words, strict=True)):
        clause = clause_of[index]
        first, last = clauses[clause]
        inside_quote = quoted[index]
        feats = [
            "bias",
            *word.own,
            "q=in" if inside_quote else "q=out",
            f"q={inside_quote}|{quoted[index - 1] if index else 'bos'}",
            f"q+1={quoted[index + 1] if index + 1 < count else 'eos'}",
        ]
        if word.mood:
            feats.append(f"mood={word.mood}|q={inside_quote}")
        if word.mark:
            feats.append(f"mark={word.lower}")
        if index and token.text[:1].isupper():
            feats.append("cap")
        feats.extend(words[index - 2].near[0] if index >= 2 else _PADS[0])
        feats.extend(words[index - 1].near[1] if index >= 1 else _PADS[1])
        feats.extend(words[index + 1].near[2] if index + 1 < count else _PADS[2])
        feats.extend(words[index + 2].near[3] if index + 2 < count else _PADS[3])
        feats.extend(shared[clause][0 if index == first else 1 if index == last else 2])
        feats.extend(to_anchor[index])
        feats.extend(to_konjunktiv[index])
        features.append(feats)
    return features


def _relative(
    count: int, anchors: Sequence[int], words: Sequence[_Word], clause_of: Sequence[int], name: str
) -> list[tuple[str, ...]]:
    """For each of the ``count`` tokens, where it stands relative to the speech anchors (or
    Konjunktiv verbs) of its sentence: before, after or between them; how far the nearest is
    (in clauses); which it is."""
    if not anchors:
        return [_relative_strings(name, "none", 0, "")] * count
    out = []
    after = 0  # the first anchor at or after the token (``anchors`` is sorted)
    first, last = anchors[0], anchors[-1]
    for index in range(count):
        while after < len(anchors) and anchors[after] < index:
            after += 1
        # the nearest anchor, the earlier one of two as near
        if after == len(anchors) or (
            after and index - anchors[after - 1] <= anchors[after] - index
        ):
            nearest = anchors[after - 1]
        else:
            nearest = anchors[after]
        if nearest == index:
            side = "at"
        elif first < index < last:
            side = "between"
        else:
            side = "after" if first < index else "before"
        gap = abs(clause_of[nearest] - clause_of[index])
        anchor = words[nearest].lemma if name == "a" else ""
        out.append(_relative_strings(name, side, gap if gap < 4 else 4, anchor))
    return out


@functools.lru_cache(maxsize=100_000)
def _relative_strings(name: str, side: str, gap: int, anchor: str) -> tuple[str, ...]:
    if side == "none":
        return (f"{name}=none",)
    out = (f"{name}={side}", f"{name}_clauses={gap}", f"{name}={side}|{gap}")
    return (*out, f"a_lem={anchor}|{side}") if name == "a" else out


def _around(summaries: Sequence[list[str]], clause: int) -> list[str]:
    """The clause features of a token: its clause's and its neighbour clauses' signals."""
    feats = [f"c_{name}" for name in summaries[clause]]
    if clause:
        feats.extend(f"cp_{name}" for name in summaries[clause - 1] if name[:2] != "f=")
    else:
        feats.append("cp_none")
    if clause + 1 < len(summaries):
        feats.extend(f"cn_{name}" for name in summaries[clause + 1] if name[:2] != "f=")
    else:
        feats.append("cn_none")
    feats.append(f"c_index={min(clause, 3)}")
    return feats


def _own(word: _Word, text: str) -> tuple[str, ...]:
    """The features a token has by its word form alone."""
    feats = [f"w={word.lower}", f"lem={word.lemma}", f"suf={word.lower[-3:]}"]
    feats.append(f"shape={_shape(text)}")
    if word.mood:
        feats.append(f"mood={word.mood}")
    if word.speech:
        feats.append("speech")
    if word.frame:
        feats.append("frame")
    if word.lower in _PRONOUNS:
        feats.append("pron")
    if word.verb:
        feats.append("verb")
        feats.append(f"verb|{word.lower[-2:]}")
    if word.lower in SPEECH_NOUNS or word.lemma in SPEECH_NOUNS:
        feats.append("speechnoun")
    return tuple(feats)


def _as_neighbours(word: _Word) -> tuple[tuple[str, ...], ...]:
    """The strings of ``word`` as the neighbour at each of _OFFSETS (-2, -1, +1, +2)."""
    lower, base = word.lower, word.lemma
    return tuple(
        (f"w{offset:+d}={lower}",)
        if abs(offset) == 2
        else (
            f"w{offset:+d}={lower}",
            f"lem{offset:+d}={base}",
            *((f"speech{offset:+d}",) if word.speech else ()),
        )
        for offset in _OFFSETS
    )


def _clauses(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    clauses = []
    first = 0
    for index, token in enumerate(tokens):
        if token.text in _CLAUSE_BREAKS or token.text in ALL_MARKS:
            if index > first:
                clauses.append((first, index - 1))
            clauses.append((index, index))
            first = index + 1
    if first < len(tokens):
        clauses.append((first, len(tokens) - 1))
    return clauses or [(0, 0)]


def _clause_summary(
    words: Sequence[_Word], tokens: Sequence[Token], first: int, last: int
) -> list[str]:
    names = []
    flags = _flags(words)
    if flags & _K1:
        names.append("k1")
    if flags & _K2:
        names.append("k2")
    if flags & _SPEECH:
        names.append("speech")
    if flags & _FRAME:
        names.append("frame")
    if flags & _PRONOUN:
        names.append("pron")
    verbs = [w for w in words if w.verb]
    names.append(f"verbs={min(len(verbs), 2)}")
    if verbs and verbs[-1] is words[-1]:
        names.append("verbfinal")
    head = words[0].lower
    names.append(f"f={head}")
    if head in _SUBORDINATORS:
        names.append(f"sub={head}")
    if len(words) > 1 and words[-1].lower in _PARTICLES:
        verbs = [w for w in words if w.lemma.endswith("en") and w.lower != w.lemma]
        for verb in verbs[:1]:
            joined = words[-1].lower + verb.lemma
            names.append(f"pverb={joined}")
            if joined in SPEECH_VERBS:
                names.append("speech")
    if tokens[first].text in ALL_MARKS:
        names.append("markclause")
    names.append(f"len={min(last - first + 1, 6)}")
    return names


def _sentence_level(
    text: str,
    sentence: Sentence,
    words: Sequence[_Word],
    quoted: Sequence[bool],
    before: Sequence[SentenceSignals],
) -> list[str]:
    names = []
    flags = _flags(words)
    if flags & _K1:
        names.append("s_k1")
    if flags & _SPEECH:
        names.append("s_speech")
    if flags & _FRAME:
        names.append("s_frame")
    if any(quoted):
        names.append("s_quoted")
    if all(quoted[1:-1]) and len(quoted) > 2:
        names.append("s_allquoted")
    if any(t.text == ":" for t in sentence.tokens):
        names.append("s_colon")
    preceding = text[max(0, sentence.start - 2) : sentence.start]
    if sentence.start == 0 or "\n" in preceding:
        names.append("s_parstart")
    if sentence.text.rstrip()[-1:] not in '.!?“”"«»':
        names.append("s_noend")
    for distance, signal in enumerate(reversed(before[-_CONTEXT_SENTENCES:]), start=1):
        if signal.konjunktiv:
            names.append(f"p{distance}_k")
        if signal.speech_verb:
            names.append(f"p{distance}_speech")
        if signal.frame:
            names.append(f"p{distance}_frame")
        if signal.quoted:
            names.append(f"p{distance}_quoted")
    return names


def _shape(word: str) -> str:
    if word[:1].isupper():
        return "X" if len(word) == 1 or word.isupper() else "Xx"
    if word[:1].islower():
        return "x"
    if word[:1].isdigit():
        return "d"
    return word[:1]


class DocumentFeatures:
    """Features of the sentences of one document, computed on demand and kept."""

    def __init__(
        self,
        text: str,
        sentences: Sequence[Sentence],
        quotations: Sequence[Quotation],
        entities: Sequence[ArticleEntity] = (),
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.positions = quoted_positions(quotations)
        self.kinds = _entity_kinds(entities)
        self.words = [sentence_words(sentence, self.positions) for sentence in sentences]
        self.quoted = [
            [inside(self.positions, token.start) for token in sentence.tokens]
            for sentence in sentences
        ]
        self.signals = [
            signals(words, quoted) for words, quoted in zip(self.words, self.quoted, strict=True)
        ]
        self._cache: dict[int, list[list[str]]] = {}

    def worth_tagging(self, index: int, *, broad: bool = False) -> bool:
        """False for a sentence with no sign of speech (no quotation, speech verb, reporting
        frame, Konjunktiv, colon, dass/ob, reportative "soll", and no quotation in the sentence
        before): the tagger leaves it out. ``broad`` (for training) also takes a clause-final
        particle („… teilte X mit.“) or a Konjunktiv in the sentence before as a sign. Trained
        broad and run narrow, fewer sentences are tagged (``benchmarks/quotes_speed.py``
        counts them) and quote and speaker F1 rose on dev and on held-out train documents
        (the rules find „…, teilte X mit“); trained narrow, dev F1 fell."""
        previous = self.signals[index - 1] if index else None
        return _worth_tagging(self.sentences[index], self.signals[index], previous, broad)

    def of(self, index: int) -> list[list[str]]:
        found = self._cache.get(index)
        if found is None:
            found = sentence_features(
                self.text,
                self.sentences[index],
                self.words[index],
                self.quoted[index],
                self.signals[max(0, index - _CONTEXT_SENTENCES) : index],
            )
            _add_entity_features(found, self.sentences[index].tokens, self.kinds)
            self._cache[index] = found
        return found

    def speaker_window(
        self, sentence: int, parts: Sequence[tuple[int, int]]
    ) -> tuple[list[Token], list[list[str]]]:
        """The tokens a quote's speaker is looked for in (the quote's sentence and the one
        before), each with its features and where it stands relative to the quote."""
        tokens: list[Token] = []
        rows: list[list[str]] = []
        first, last = parts[0][0], parts[-1][1]
        for index in range(max(0, sentence - 1), sentence + 1):
            where = "own" if index == sentence else "prev"
            for token, feats in zip(self.sentences[index].tokens, self.of(index), strict=True):
                # (a token ending before the quote or starting after it is in no part)
                if token.end <= first:
                    side, distance = "before", first - token.end
                elif token.start >= last:
                    side, distance = "after", token.start - last
                elif any(start <= token.start < end for start, end in parts):
                    side, distance = "in", 0
                else:
                    side, distance = "between", 0
                bucket = 0 if distance < 3 else 1 if distance < 25 else 2 if distance < 80 else 3
                rows.append([*feats, *_window_strings(side, bucket, where)])
                tokens.append(token)
        return tokens, rows


@functools.cache
def _window_strings(side: str, bucket: int, where: str) -> tuple[str, ...]:
    return (f"sq={side}", f"sq={side}|{bucket}", f"sq={side}|{where}", where)


def _entity_kinds(entities: Sequence[ArticleEntity]) -> dict[int, str]:
    """The kind of entity each character offset belongs to (names, roles, descriptions)."""
    kinds: dict[int, str] = {}
    for entity in entities:
        for mention in entity.mentions:
            if mention.form == "pronoun":
                continue
            for offset in range(mention.start, mention.end):
                kinds[offset] = entity.kind
    return kinds


def _add_entity_features(
    rows: list[list[str]], tokens: Sequence[Token], kinds: Mapping[int, str]
) -> None:
    found = [kinds.get(token.start) for token in tokens]
    for index, row in enumerate(rows):
        kind = found[index]
        row.append(f"ent={kind or '-'}")
        if index and found[index - 1]:
            row.append(f"ent-1={found[index - 1]}")
        if index + 1 < len(found) and found[index + 1]:
            row.append(f"ent+1={found[index + 1]}")


def _worth_tagging(
    sentence: Sentence, signal: SentenceSignals, previous: SentenceSignals | None, broad: bool
) -> bool:
    if signal.konjunktiv or signal.speech_verb or signal.frame or signal.quoted:
        return True
    if any(t.text.lower() in _WEAK_SIGNS for t in sentence.tokens):
        return True
    if broad:
        words = [t for t in sentence.tokens if t.kind == "word"]
        if words and words[-1].text in _PARTICLES:
            return True
        if previous is not None and previous.konjunktiv:
            return True
    return previous is not None and previous.quoted
