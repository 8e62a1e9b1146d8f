"""Choosing the German quote model folder (for evaluation on held-out train documents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import ConfigError
from lagebild.quotes import quotes_in_text
from lagebild.quotes.model import MODEL_FILE, use_model_dir


def test_a_folder_without_a_model_is_refused_and_the_shipped_one_stays(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="train_quotes.py"):
        use_model_dir(tmp_path)
    quote = quotes_in_text("„Wir bauen die Brücke neu“, sagte die Bürgermeisterin.")
    assert [q.text for q in quote] == ["Wir bauen die Brücke neu"]


def test_a_model_folder_is_read_until_reset(tmp_path: Path) -> None:
    (tmp_path / MODEL_FILE).write_bytes(b"not a crfsuite model")
    try:
        use_model_dir(tmp_path)
        with pytest.raises(ValueError, match="Invalid model file"):  # pycrfsuite read it
            quotes_in_text("„Wir bauen die Brücke neu“, sagte die Bürgermeisterin.")
    finally:
        use_model_dir(None)
    assert quotes_in_text("„Es regnet“, sagte er.")[0].text == "Es regnet"
