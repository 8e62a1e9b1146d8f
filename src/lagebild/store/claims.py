"""Reading and writing claims (per revision) and cached story digests (issue #6)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select

from lagebild.records import (
    Article,
    Citation,
    Claim,
    ClaimGroup,
    PartialDate,
    StoryDigest,
    Summary,
    SummarySentence,
    TextSpan,
    TimelineEntry,
)
from lagebild.store.models import articles, claims, digests

IN_BATCH = 5000


# --- claims --------------------------------------------------------------------------------


def claim_json(claim: Claim) -> str:
    return json.dumps(
        {
            "id": claim.id,
            "article_id": claim.article_id,
            "kind": claim.kind,
            "text": claim.text,
            "start": claim.start,
            "end": claim.end,
            "value_span": _span(claim.value_span),
            "value": claim.value,
            "unit": claim.unit,
            "low": claim.low,
            "high": claim.high,
            "approximate": claim.approximate,
            "date": claim.date.isoformat() if claim.date else None,
            "measure": claim.measure,
            "subject": claim.subject,
            "predicate": claim.predicate,
            "object": claim.object,
            "attribution": claim.attribution,
            "attribution_span": _span(claim.attribution_span),
        },
        ensure_ascii=False,
    )


def claim_from(data: str) -> Claim:
    value = json.loads(data)
    span = _span_from(value["value_span"])
    assert span is not None
    return Claim(
        id=value["id"],
        article_id=value["article_id"],
        kind=value["kind"],
        text=value["text"],
        start=value["start"],
        end=value["end"],
        value_span=span,
        value=value["value"],
        unit=value["unit"],
        low=value["low"],
        high=value["high"],
        approximate=value["approximate"],
        date=PartialDate.parse(value["date"]) if value["date"] else None,
        measure=value["measure"],
        subject=value["subject"],
        predicate=value["predicate"],
        object=value["object"],
        attribution=value["attribution"],
        attribution_span=_span_from(value["attribution_span"]),
    )


def _span(span: TextSpan | None) -> list[Any] | None:
    return None if span is None else [span.text, span.start, span.end]


def _span_from(value: list[Any] | None) -> TextSpan | None:
    return None if value is None else TextSpan(text=value[0], start=value[1], end=value[2])


def save_claims(conn: Connection, article: Article, revision: int) -> None:
    """Replace the claims of one revision with ``article.claims``."""
    conn.execute(
        delete(claims).where(and_(claims.c.article_id == article.id, claims.c.revision == revision))
    )
    unique = {claim.id: claim for claim in article.claims}
    if unique:
        conn.execute(
            insert(claims),
            [
                {
                    "article_id": article.id,
                    "revision": revision,
                    "id": claim.id,
                    "seq": seq,
                    "kind": claim.kind,
                    "data": claim_json(claim),
                }
                for seq, claim in enumerate(unique.values())
            ],
        )


def claims_differ(conn: Connection, article: Article, revision: int) -> bool:
    stored = conn.execute(
        select(claims.c.id).where(
            and_(claims.c.article_id == article.id, claims.c.revision == revision)
        )
    ).scalars()
    return set(stored) != {claim.id for claim in article.claims}


def read_claims(conn: Connection, article_ids: Sequence[str] | None = None) -> list[Claim]:
    """The claims of the current revisions (of ``article_ids``, or of every article), in
    article order then text order."""
    query = (
        select(claims.c.data)
        .join(
            articles,
            and_(
                articles.c.id == claims.c.article_id,
                articles.c.current_revision == claims.c.revision,
            ),
        )
        .order_by(claims.c.article_id, claims.c.seq)
    )
    if article_ids is None:
        return [claim_from(row) for row in conn.execute(query).scalars()]
    out: list[Claim] = []
    ids = list(dict.fromkeys(article_ids))
    for first in range(0, len(ids), IN_BATCH):
        part = ids[first : first + IN_BATCH]
        rows = conn.execute(query.where(claims.c.article_id.in_(part))).scalars()
        out.extend(claim_from(row) for row in rows)
    return out


# --- digests -------------------------------------------------------------------------------


def read_digest(conn: Connection, story_id: str, signature: str) -> StoryDigest | None:
    row = conn.execute(
        select(digests.c.signature, digests.c.data).where(digests.c.story_id == story_id)
    ).first()
    if row is None or row.signature != signature:
        return None
    return digest_from(story_id, row.data)


def write_digest(conn: Connection, digest: StoryDigest, signature: str) -> None:
    conn.execute(delete(digests).where(digests.c.story_id == digest.story_id))
    conn.execute(
        insert(digests).values(
            story_id=digest.story_id,
            signature=signature,
            data=digest_json(digest),
            computed_at=dt.datetime.now(dt.UTC),
        )
    )


def digest_json(digest: StoryDigest) -> str:
    return json.dumps(
        {
            "groups": [_group(g) for g in digest.groups],
            "summaries": [summary_dict(s) for s in digest.summaries],
            "timeline": [timeline_dict(e) for e in digest.timeline],
        },
        ensure_ascii=False,
    )


def digest_from(story_id: str, data: str) -> StoryDigest:
    value = json.loads(data)
    return StoryDigest(
        story_id=story_id,
        groups=tuple(ClaimGroup(**{**g, **_tuples(g)}) for g in value["groups"]),
        summaries=tuple(_summary_from(s) for s in value["summaries"]),
        timeline=tuple(_timeline_from(e) for e in value["timeline"]),
    )


def _group(group: ClaimGroup) -> dict[str, Any]:
    return {
        "id": group.id,
        "event_id": group.event_id,
        "kind": group.kind,
        "measure": group.measure,
        "unit": group.unit,
        "status": group.status,
        "supporting": list(group.supporting),
        "opposing": list(group.opposing),
        "sources": group.sources,
        "opposing_sources": group.opposing_sources,
        "tolerance": group.tolerance,
        "reason": group.reason,
    }


def _tuples(group: dict[str, Any]) -> dict[str, Any]:
    return {"supporting": tuple(group["supporting"]), "opposing": tuple(group["opposing"])}


def citations_list(citations: Iterable[Citation]) -> list[dict[str, Any]]:
    return [{"article_id": c.article_id, "start": c.start, "end": c.end} for c in citations]


def summary_dict(summary: Summary) -> dict[str, Any]:
    return {
        "target": summary.target,
        "language": summary.language,
        "method": summary.method,
        "sentences": [
            {"text": s.text, "citations": citations_list(s.citations)} for s in summary.sentences
        ],
    }


def timeline_dict(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "event_id": entry.event_id,
        "date": entry.date.isoformat() if entry.date else None,
        "date_precision": entry.date.precision if entry.date else None,
        "date_text": entry.date_text,
        "uncertain": entry.uncertain,
        "text": entry.text,
        "citations": citations_list(entry.citations),
    }


def _citations(values: list[dict[str, Any]]) -> tuple[Citation, ...]:
    return tuple(Citation(**c) for c in values)


def _summary_from(value: dict[str, Any]) -> Summary:
    return Summary(
        target=value["target"],
        language=value["language"],
        method=value["method"],
        sentences=tuple(
            SummarySentence(text=s["text"], citations=_citations(s["citations"]))
            for s in value["sentences"]
        ),
    )


def _timeline_from(value: dict[str, Any]) -> TimelineEntry:
    return TimelineEntry(
        event_id=value["event_id"],
        date=PartialDate.parse(value["date"]) if value["date"] else None,
        date_text=value["date_text"],
        uncertain=value["uncertain"],
        text=value["text"],
        citations=_citations(value["citations"]),
    )
