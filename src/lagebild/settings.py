"""Settings in layers: defaults -> a TOML file -> ``LAGEBILD_*`` environment variables.

Secrets (database passwords, the API token) come only from the environment or the file the
user points at, and are never printed.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError

# Sentences in a summary when nobody says otherwise (the setting ``summary_sentences``).
SUMMARY_SENTENCES = 5

DEFAULT_DB = "lagebild.db"
CONFIG_FILE = "lagebild.toml"  # looked up in the working directory unless LAGEBILD_CONFIG says


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    db: str = DEFAULT_DB  # a path or an SQLAlchemy URL
    max_bytes: int = 20 * 1024 * 1024  # larger documents are almost never single articles
    timeout_s: float = 20.0  # generous for slow news sites, short enough for a batch
    max_redirects: int = 5  # news sites chain at most 2-3 (http->https->www->consent)
    allow_private: bool = False  # fetching loopback/private addresses is refused by default
    token: str | None = None  # write token for the HTTP API
    entities: bool = True  # find and link entities at ingest (off: foundation layers only)
    quotes: bool = True  # find who said what at ingest (needs entities: off when they are off)
    # relate each article at ingest: lineage (wire copies, translations), its event and story
    events: bool = True
    # Find checkable quantities and dates (claims) in each article at ingest (issue #6).
    claims: bool = True
    # Sentences per event and story summary; the language summaries prefer (None: the language
    # most of the event's articles are in).
    summary_sentences: int = SUMMARY_SENTENCES
    summary_language: str | None = None
    # Compute the digest (facts, summaries, timeline) of every story an ingest changed at its
    # end, so pages and exports find it ready; off: each is computed when first asked for.
    digests: bool = True
    # Processes for the per-article work of ingest (cleaning, NER): 1 = this process only;
    # 0 = automatic: one per core (at most 4) for batches of 64 articles or more.
    workers: int = 0
    # The user's own entity data (issue #3), each a file path; see README "Entities":
    gazetteer: str | None = None  # extra gazetteer rows (TSV: name kind aliases born source)
    roles: str | None = None  # extra role-lexicon rows (TSV: role language person start end source)
    aliases: str | None = None  # forced / forbidden merges (TSV: force|forbid name_a name_b)


def load_settings(overrides: Mapping[str, Any] | None = None) -> Settings:
    """Defaults, then the TOML file, then the environment, then explicit overrides."""
    settings = Settings()
    settings = _apply(settings, _file_values(), "lagebild.toml")
    settings = _apply(settings, _env_values(), "environment")
    return _apply(settings, {k: v for k, v in (overrides or {}).items() if v is not None}, "option")


def _file_values() -> dict[str, Any]:
    path = Path(os.environ.get("LAGEBILD_CONFIG", CONFIG_FILE))
    if not path.exists():
        if "LAGEBILD_CONFIG" in os.environ:
            raise ConfigError(f"LAGEBILD_CONFIG points to '{path}', which does not exist.")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Cannot read settings file '{path}': {exc}. Fix or remove it.") from exc
    section = data.get("lagebild", data)
    return dict(section) if isinstance(section, dict) else {}


def _env_values() -> dict[str, Any]:
    values: dict[str, Any] = {}
    for f in fields(Settings):
        raw = os.environ.get(f"LAGEBILD_{f.name.upper()}")
        if raw is not None:
            values[f.name] = raw
    return values


def _apply(settings: Settings, values: Mapping[str, Any], where: str) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    updates: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(
                f"Unknown setting '{key}' in {where}; valid settings: {', '.join(sorted(known))}."
            )
        updates[key] = _coerce(key, value, getattr(settings, key), where)
    return replace(settings, **updates)


def _coerce(key: str, value: Any, current: Any, where: str) -> Any:
    if isinstance(current, bool) or key in {
        "allow_private",
        "entities",
        "quotes",
        "events",
        "claims",
        "digests",
    }:
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off", ""}:
            return False
        raise ConfigError(f"Setting '{key}' in {where} must be true or false, not '{value}'.")
    if isinstance(current, int) and not isinstance(current, bool):
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ConfigError(
                f"Setting '{key}' in {where} must be a whole number, not '{value}'."
            ) from None
    if isinstance(current, float):
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ConfigError(
                f"Setting '{key}' in {where} must be a number, not '{value}'."
            ) from None
    return None if value is None else str(value)
