"""Entities: who and what an article talks about (issue #3).

Names (``ner.py``, ``gazetteer.py``) → entities within an article (``grouping.py``,
``descriptions.py``, ``roles.py``) → one identity across articles (``names.py``,
``registry.py``); ``analyse.py`` runs the per-article part.
"""

from __future__ import annotations

from lagebild.entities.roles import RoleLexicon, RoleTerm, load_roles

__all__ = ["RoleLexicon", "RoleTerm", "load_roles"]
