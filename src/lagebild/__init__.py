"""lagebild: from a pile of news articles to a trustworthy, cited picture of each story."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["analyse", "ingest", "iter_records", "open_store"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `import lagebild` stays cheap and the CLI starts fast.
    if name in __all__:
        from lagebild import api

        return getattr(api, name)
    raise AttributeError(f"module 'lagebild' has no attribute {name!r}")
