"""Everything the story page and ``GET /api/stories/{id}`` show, gathered in one place: the
story's events, its digest (claim groups, summaries, timeline; cached by the store), the
articles its citations point into, its quotes and its lineage.

A digest that cannot be computed (the analysis of issue #6 missing or failing) does not take
the page down: the rest is shown with a plain note saying what is missing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lagebild.lineage.sources import families
from lagebild.records import (
    Claim,
    ClaimGroup,
    Event,
    LineageEdge,
    Story,
    StoryDigest,
    Summary,
)
from lagebild.settings import Settings
from lagebild.store import Store
from lagebild.store.relations import read_lineage
from lagebild.web.queries import (
    ArticleLabel,
    QuoteRow,
    StoryRow,
    article_labels,
    list_quotes,
    story_row,
    title_in,
)

log = logging.getLogger(__name__)
STORY_QUOTES = 200  # quotes shown on a story page; the API pages through the rest


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryView:
    story: Story
    row: StoryRow
    events: tuple[Event, ...]
    digest: StoryDigest | None
    digest_error: str | None  # why there is no digest, in one line
    articles: Mapping[str, ArticleLabel]
    claims: Mapping[str, Claim]
    edges: tuple[LineageEdge, ...]
    quotes: tuple[QuoteRow, ...]

    @property
    def summary(self) -> Summary | None:
        if self.digest is None:
            return None
        return next((s for s in self.digest.summaries if s.target == self.story.id), None)

    @property
    def title(self) -> str:
        """The story's title in the language of its summary (``StoryRow.titles``)."""
        summary = self.summary
        language = summary.language if summary else None
        return self.row.title_for(language)

    def event_titles(self) -> dict[str, str]:
        """Each event's title in the language of the story's summary (see ``title_in``)."""
        language = self.summary.language if self.summary else None
        return {
            e.id: title_in(language, e.title, e.article_ids, self.articles) for e in self.events
        }

    def wordings(self, claim_ids: Sequence[str], limit: int = 4) -> tuple[list[str], int]:
        """How the sources word a fact („120 Menschen“, "more than 100"): the first ``limit``
        distinct value texts, and how many more there are."""
        texts = list(
            dict.fromkeys(c.value_span.text for i in claim_ids if (c := self.claims.get(i)))
        )
        return texts[:limit], max(0, len(texts) - limit)

    def measure_of(self, group: ClaimGroup) -> str | None:
        """What a fact counts or measures as its sources write it („verletzte“); the group's
        own measure is the stemmed key the claims were aligned on („verletz“)."""
        for claim_id in group.supporting:
            claim = self.claims.get(claim_id)
            if claim is not None and claim.measure:
                return claim.measure
        return None

    def facts(self) -> list[ClaimGroup]:
        """Claim groups with evidence: contradicted first, then by independent sources."""
        if self.digest is None:
            return []
        order = {"contradicted": 0, "corroborated": 1, "single_source": 2}
        return sorted(
            (g for g in self.digest.groups if g.supporting),
            key=lambda g: (order.get(g.status, 3), -g.sources - g.opposing_sources, g.id),
        )

    def lineage_families(self) -> list[tuple[str, list[LineageEdge], list[str]]]:
        """Per independent family: its original, the edges that derive from it (in order)
        and its members without an edge, largest family first."""
        ids = list(self.row_ids())
        out = []
        for family in families(ids, self.edges):
            members = [a for a in ids if a in family]
            best: dict[str, LineageEdge] = {}  # one edge per derived article: the closest
            for e in self.edges:
                if e.to_article in family:
                    kept = best.get(e.to_article)
                    if kept is None or e.shared_fraction > kept.shared_fraction:
                        best[e.to_article] = e
            inner = [best[a] for a in members if a in best]
            derived = {e.to_article for e in inner}
            originals = [a for a in members if a not in derived] or members[:1]
            out.append((originals[0], inner, originals[1:]))
        return out

    def row_ids(self) -> Sequence[str]:
        return [a for e in self.events for a in e.article_ids]


def safe_digest(
    store: Store, story_id: str, settings: Settings
) -> tuple[StoryDigest | None, str | None]:
    """The story's digest in the configured summary language and length (the one ingest
    prepares), or None with the reason it could not be computed."""
    try:
        digest = store.digest(
            story_id, language=settings.summary_language, length=settings.summary_sentences
        )
        return digest, None
    except Exception as exc:  # the digest is an analysis of its own: degrade, don't fail
        log.exception("digest of story %s failed", story_id)
        return None, f"summary and facts could not be computed ({type(exc).__name__}: {exc})"


def load_story(store: Store, story_id: str, settings: Settings) -> StoryView | None:
    story, found = store.story_events(story_id)
    row = story_row(store, story_id)
    if story is None or row is None:
        return None
    digest, error = safe_digest(store, story_id, settings)
    ids = [a for e in found for a in e.article_ids]
    edges = tuple(store.query(lambda conn: list(read_lineage(conn, ids))))
    inside = set(ids)
    return StoryView(
        story=story,
        row=row,
        events=tuple(found),
        digest=digest,
        digest_error=error,
        articles=article_labels(store, ids),
        claims={c.id: c for c in store.claims(ids)},
        edges=tuple(e for e in edges if e.to_article in inside),
        quotes=tuple(list_quotes(store, story_id=story_id, limit=STORY_QUOTES)),
    )
