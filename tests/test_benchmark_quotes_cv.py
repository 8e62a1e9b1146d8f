"""benchmarks/quotes_cv.py's folds, and the training script's defaults against the shipped model."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "scripts"))

from train_quotes import Settings  # noqa: E402

from quotes_cv import fold_of  # noqa: E402  (benchmarks/ is not a package)


@pytest.mark.parametrize("interleave", [False, True])
def test_every_document_is_in_one_fold_of_nearly_equal_size(interleave: bool) -> None:
    folds = fold_of(703, 5, interleave=interleave)
    assert len(folds) == 703
    sizes = Counter(folds)
    assert sorted(sizes) == [0, 1, 2, 3, 4]
    assert max(sizes.values()) - min(sizes.values()) <= 1


def test_consecutive_folds_are_runs_and_interleaved_folds_alternate() -> None:
    consecutive = fold_of(10, 5, interleave=False)
    assert consecutive == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert fold_of(10, 5, interleave=True) == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4]


def test_the_shipped_model_was_trained_with_the_scripts_defaults() -> None:
    """``python scripts/train_quotes.py`` without options rebuilds the shipped model: its
    recorded settings are the script's defaults."""
    recorded = json.loads(
        (REPO / "src" / "lagebild" / "models" / "quotes-de" / "training.json").read_text("utf-8")
    )
    defaults = Settings()
    assert recorded["documents"] == 700
    assert (recorded["c1"], recorded["c2"]) == (defaults.c1, defaults.c2)
    assert (recorded["speaker_c1"], recorded["speaker_c2"]) == (
        defaults.speaker_c1,
        defaults.speaker_c2,
    )
    assert recorded["max_iterations"] == defaults.iterations
