"""Language analysis: sentences, tokens, lemmas and parts of speech, with character offsets
into the article text."""

from __future__ import annotations

from lagebild.analysis.morphology import TaggedToken, tag
from lagebild.analysis.sentences import Sentence, split_sentences
from lagebild.analysis.tokens import Token, TokenKind, tokenize

__all__ = ["Sentence", "TaggedToken", "Token", "TokenKind", "split_sentences", "tag", "tokenize"]
