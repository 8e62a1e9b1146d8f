"""Entities: who and what an article talks about (issue #3). So far: the role lexicon."""

from __future__ import annotations

from lagebild.entities.roles import RoleLexicon, RoleTerm, load_roles

__all__ = ["RoleLexicon", "RoleTerm", "load_roles"]
