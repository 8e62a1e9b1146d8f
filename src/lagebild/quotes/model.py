"""The German quote tagger: a linear-chain CRF (python-crfsuite) trained by
``scripts/train_quotes.py`` on de_news_quotes_2024 train (see the MODEL_CARD beside it)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError

MODEL_PACKAGE = "lagebild.models"
MODEL_DIR = "quotes-de"
MODEL_FILE = "model.crfsuite"
# Given a quote, which tokens of its sentence and the one before name its speaker.
SPEAKER_FILE = "speaker.crfsuite"


# A folder written by ``scripts/train_quotes.py --out DIR`` used instead of the shipped model
# (for evaluation: a model trained on part of train, scored on the rest); None: the shipped one.
_model_dir: Path | None = None


def use_model_dir(folder: Path | None) -> None:
    """Tag with the model in ``folder`` (None: the shipped model) from the next call on."""
    global _model_dir
    if folder is not None and not (folder / MODEL_FILE).is_file():
        raise ConfigError(f"{folder} holds no {MODEL_FILE}: train one with scripts/train_quotes.py")
    _model_dir = folder
    _tagger.cache_clear()


@functools.cache
def _tagger(name: str) -> Any:
    import pycrfsuite

    if _model_dir is not None:
        path: Traversable = _model_dir / name
    else:
        path = resources.files(MODEL_PACKAGE) / MODEL_DIR / name
    if not path.is_file():
        raise ConfigError(
            f"The German quote model {MODEL_DIR}/{name} is missing from the installed package; "
            "reinstall lagebild or run `python scripts/train_quotes.py`."
        )
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def tag_sentence(features: Sequence[Sequence[str]]) -> list[tuple[str, float]]:
    """The best label of every token with its marginal probability."""
    tagger = _tagger(MODEL_FILE)
    tagger.set(features)
    labels: list[str] = tagger.tag()
    return [
        (label, tagger.marginal(label, index) if label != "O" else 1.0)
        for index, label in enumerate(labels)
    ]


def speaker_tokens(features: Sequence[Sequence[str]]) -> list[float]:
    """For every token of a speaker window, the probability that it is part of the speaker."""
    tagger = _tagger(SPEAKER_FILE)
    tagger.set(features)
    tagger.tag()
    return [tagger.marginal("S", index) for index in range(len(features))]
