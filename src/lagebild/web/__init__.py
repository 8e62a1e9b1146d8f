"""The web interface and REST API (``lagebild serve``): pages for reading stories with their
sources, and JSON over HTTP in the export contract's shapes.

>>> from lagebild.web import create_app
>>> app = create_app(load_settings())
"""

from __future__ import annotations

from lagebild.web.app import create_app
from lagebild.web.security import check_bind

__all__ = ["check_bind", "create_app"]
