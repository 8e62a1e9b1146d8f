"""Language analysis: sentences and tokens with character offsets into the article text."""

from __future__ import annotations

from lagebild.analysis.sentences import Sentence, split_sentences
from lagebild.analysis.tokens import Token, TokenKind, tokenize

__all__ = ["Sentence", "Token", "TokenKind", "split_sentences", "tokenize"]
