"""Small hand-built articles for the summary tests (all invented); imported by name like
``tests/store/store_suite.py``."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from lagebild.records import Article, Block, BlockLabel, Metadata, PartialDate


def make_article(
    article_id: str,
    text: str,
    *,
    language: str = "de",
    published: str | None = "2026-03-10",
    agency: Sequence[str] = (),
    event_id: str | None = None,
    headings: Sequence[str] = (),
    title: str | None = None,
) -> Article:
    """An article whose ``headings`` (lines of ``text``) are labelled as headings."""
    blocks = tuple(
        Block(label=BlockLabel.HEADING, text=h, start=text.index(h), end=text.index(h) + len(h))
        for h in headings
    )
    return Article(
        id=article_id,
        origin=f"test:{article_id}",
        url=None,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        title=title or article_id,
        text=text,
        blocks=blocks,
        meta=Metadata(
            language=language,
            published=PartialDate.parse(published) if published else None,
            agency=tuple(agency),
        ),
        source_format="text",
        encoding="utf-8",
        event_id=event_id,
    )
