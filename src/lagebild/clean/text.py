"""Placeholder until its owner lands it."""
from lagebild.records import Cleaned


def clean_text(text: str, *, title: str | None = None) -> Cleaned:
    raise NotImplementedError
