from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.errors import ConfigError
from lagebild.settings import load_settings


def test_layers_defaults_file_env_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "lagebild.toml"
    cfg.write_text(
        '[lagebild]\ndb = "from-file.db"\ntimeout_s = 5\nmax_bytes = 1000\n', encoding="utf-8"
    )
    monkeypatch.setenv("LAGEBILD_CONFIG", str(cfg))
    monkeypatch.setenv("LAGEBILD_TIMEOUT_S", "7.5")
    s = load_settings({"max_bytes": 42, "db": None})
    assert (s.db, s.timeout_s, s.max_bytes) == ("from-file.db", 7.5, 42)


def test_unknown_setting_lists_valid_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = tmp_path / "x.toml"
    cfg.write_text("dbb = 1\n", encoding="utf-8")
    monkeypatch.setenv("LAGEBILD_CONFIG", str(cfg))
    with pytest.raises(
        ConfigError,
        match="Unknown setting 'dbb'.*valid settings: aliases, allow_private, claims, db, digests, entities",
    ):
        load_settings()


@pytest.mark.parametrize(("raw", "value"), [("yes", True), ("0", False), ("TRUE", True)])
def test_booleans_from_env(raw: str, value: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LAGEBILD_CONFIG", raising=False)
    monkeypatch.setenv("LAGEBILD_ALLOW_PRIVATE", raw)
    assert load_settings().allow_private is value


def test_bad_number_says_what_is_wrong(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAGEBILD_MAX_BYTES", "lots")
    with pytest.raises(
        ConfigError, match="'max_bytes' in environment must be a whole number, not 'lots'"
    ):
        load_settings()


def test_missing_config_file_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LAGEBILD_CONFIG", str(tmp_path / "none.toml"))
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings()
