"""Storage: articles, their revisions and raw documents in SQLite or PostgreSQL.

>>> from lagebild.store import Store
>>> with Store.open("news.db") as store:
...     store.count()
"""

from __future__ import annotations

from lagebild.store.quotes import StoredQuote
from lagebild.store.store import SaveResult, Store, StoreStats

__all__ = ["SaveResult", "Store", "StoreStats", "StoredQuote"]
