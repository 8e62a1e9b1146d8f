"""Reading and writing the quotes of each revision, grouped across articles on save."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select

from lagebild.quotes.extract import quote_id
from lagebild.quotes.groups import Embed, GroupMember, assign_groups, statement_keys
from lagebild.records import Article, Quote, TextSpan
from lagebild.store.models import articles, quote_keys, quotes, revisions

# Earlier quotes of a speaker in other languages compared with a new quote as possible
# translations: the most recent ones (translations appear within days of the original), so
# a speaker quoted thousands of times costs no more than this.
TRANSLATION_CANDIDATES = 200
# Bound parameters per IN (...) query: SQLite allows 32766, PostgreSQL 65535.
IN_BATCH = 5000


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredQuote:
    """A quote of an article's current revision, with what the export needs besides it."""

    article_id: str
    revision: int
    origin: str
    quote: Quote
    group_size: int  # occurrences of its statement in the current revisions of every article


def save_quotes(
    conn: Connection, article: Article, revision: int, embed: Embed | None = None
) -> None:
    """Replace the quotes of one revision with ``article.quotes``, each in the group of the
    earlier quote of another article that is the same statement (see ``quotes.groups``)."""
    _delete(conn, article.id, revision)
    unique = {quote_id(article.id, quote): quote for quote in article.quotes}
    if not unique:
        return
    language = article.meta.language
    members = [
        GroupMember(
            quote_id=qid,
            article_id=article.id,
            text=quote.text,
            language=language,
            speaker=quote.speaker,
            speaker_entity=quote.speaker_entity,
        )
        for qid, quote in unique.items()
    ]
    known = _candidates(conn, article.id, members, language)
    groups = assign_groups(members, known, embed)
    rows = [
        _row(qid, quote, article.id, revision, seq, language, groups[qid])
        for seq, (qid, quote) in enumerate(unique.items())
    ]
    conn.execute(insert(quotes), rows)
    keys = {(key, m.quote_id) for m in members for key in statement_keys(m.text)}
    conn.execute(
        insert(quote_keys),
        [
            {"key": key, "article_id": article.id, "revision": revision, "quote_id": qid}
            for key, qid in sorted(keys)
        ],
    )


def quotes_differ(conn: Connection, article: Article, revision: int) -> bool:
    """Whether the stored quotes of a revision differ from ``article.quotes`` (the group ids
    aside): an unchanged article is rewritten only when its quotes changed."""
    stored = {
        row["id"]: row
        for row in conn.execute(
            select(quotes)
            .where(quotes.c.article_id == article.id)
            .where(quotes.c.revision == revision)
        ).mappings()
    }
    wanted = {quote_id(article.id, quote): quote for quote in article.quotes}
    if stored.keys() != wanted.keys():
        return True
    return any(_quote(stored[qid], group=False) != quote for qid, quote in wanted.items())


def _delete(conn: Connection, article_id: str, revision: int) -> None:
    for table in (quote_keys, quotes):
        conn.execute(
            delete(table)
            .where(table.c.article_id == article_id)
            .where(table.c.revision == revision)
        )


def _current() -> Any:
    return and_(
        articles.c.id == quotes.c.article_id, articles.c.current_revision == quotes.c.revision
    )


def _candidates(
    conn: Connection, article_id: str, members: Sequence[GroupMember], language: str | None
) -> list[GroupMember]:
    """Quotes in the current revisions of other articles that may be the same statement as
    one of ``members``: sharing a statement key, or (other languages) the speaker entity.
    In the order they were stored, so the earliest match wins."""
    keys = sorted({key for member in members for key in statement_keys(member.text)})
    found: dict[tuple[str, str], Any] = {}
    for start in range(0, len(keys), IN_BATCH):
        matching = (
            select(quote_keys.c.article_id, quote_keys.c.revision, quote_keys.c.quote_id)
            .where(quote_keys.c.key.in_(keys[start : start + IN_BATCH]))
            .where(quote_keys.c.article_id != article_id)
            .distinct()
            .subquery()
        )
        query = _member_query().join(
            matching,
            and_(
                matching.c.article_id == quotes.c.article_id,
                matching.c.revision == quotes.c.revision,
                matching.c.quote_id == quotes.c.id,
            ),
        )
        for row in conn.execute(query).mappings():
            found[(row["article_id"], row["id"])] = row
    speakers = sorted({m.speaker_entity for m in members if m.speaker_entity is not None})
    for speaker in speakers:
        query = (
            _member_query()
            .where(quotes.c.speaker_entity == speaker)
            .where(quotes.c.article_id != article_id)
            .where(func.coalesce(quotes.c.language, "") != (language or ""))
            .order_by(articles.c.seq.desc())
            .limit(TRANSLATION_CANDIDATES)
        )
        for row in conn.execute(query).mappings():
            found[(row["article_id"], row["id"])] = row
    ordered = sorted(found.values(), key=lambda row: (row["seq_article"], row["seq"]))
    return [
        GroupMember(
            quote_id=row["id"],
            article_id=row["article_id"],
            text=row["text"],
            language=row["language"],
            speaker=row["speaker"],
            speaker_entity=row["speaker_entity"],
            group_id=row["group_id"],
        )
        for row in ordered
    ]


def _member_query() -> Any:
    return select(
        quotes.c.id,
        quotes.c.article_id,
        quotes.c.seq,
        quotes.c.text,
        quotes.c.language,
        quotes.c.speaker,
        quotes.c.speaker_entity,
        quotes.c.group_id,
        articles.c.seq.label("seq_article"),
    ).join(articles, _current())


def _row(
    qid: str,
    quote: Quote,
    article_id: str,
    revision: int,
    seq: int,
    language: str | None,
    group_id: str,
) -> dict[str, Any]:
    cue, mention = quote.cue, quote.speaker_mention
    return {
        "id": qid,
        "article_id": article_id,
        "revision": revision,
        "seq": seq,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "kind": quote.kind,
        "cue": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "speaker": quote.speaker,
        "speaker_entity": quote.speaker_entity,
        "mention_text": mention.text if mention else None,
        "mention_start": mention.start if mention else None,
        "mention_end": mention.end if mention else None,
        "confidence": quote.confidence,
        "parts": json.dumps([[p.text, p.start, p.end] for p in quote.parts], ensure_ascii=False),
        "language": language,
        "group_id": group_id,
    }


def _span(text: str | None, start: int | None, end: int | None) -> TextSpan | None:
    if text is None or start is None or end is None:
        return None
    return TextSpan(text=text, start=start, end=end)


def _quote(row: Any, *, group: bool = True) -> Quote:
    return Quote(
        text=row["text"],
        start=row["start"],
        end=row["end"],
        kind=row["kind"],
        cue=_span(row["cue"], row["cue_start"], row["cue_end"]),
        speaker=row["speaker"],
        speaker_mention=_span(row["mention_text"], row["mention_start"], row["mention_end"]),
        speaker_entity=row["speaker_entity"],
        confidence=row["confidence"],
        group_id=row["group_id"] if group else None,
        parts=tuple(
            TextSpan(text=text, start=start, end=end)
            for text, start, end in json.loads(row["parts"])
        ),
    )


def read_quotes(
    conn: Connection,
    article_id: str | None = None,
    *,
    after: tuple[int, int] | None = None,
    limit: int | None = None,
) -> list[tuple[tuple[int, int], StoredQuote]]:
    """The quotes of the current revisions (of one article, or of all in first-ingest order),
    each with the size of its group and its place (article seq, quote seq) for paging: at
    most ``limit`` of them, those after the place ``after``."""
    query = (
        select(quotes, revisions.c.origin, articles.c.seq.label("seq_article"))
        .join(articles, _current())
        .join(
            revisions,
            and_(
                revisions.c.article_id == quotes.c.article_id,
                revisions.c.revision == quotes.c.revision,
            ),
        )
        .order_by(articles.c.seq, quotes.c.seq)
    )
    if article_id is not None:
        query = query.where(quotes.c.article_id == article_id)
    if after is not None:
        query = query.where(
            or_(
                articles.c.seq > after[0],
                and_(articles.c.seq == after[0], quotes.c.seq > after[1]),
            )
        )
    if limit is not None:
        query = query.limit(limit)
    rows = conn.execute(query).mappings().all()
    sizes = _group_sizes(conn, sorted({row["group_id"] for row in rows}))
    return [
        (
            (row["seq_article"], row["seq"]),
            StoredQuote(
                article_id=row["article_id"],
                revision=row["revision"],
                origin=row["origin"],
                quote=_quote(row),
                group_size=sizes.get(row["group_id"], 1),
            ),
        )
        for row in rows
    ]


def _group_sizes(conn: Connection, group_ids: Sequence[str]) -> dict[str, int]:
    """Occurrences of each group in the current revisions of every article."""
    sizes: dict[str, int] = {}
    for start in range(0, len(group_ids), IN_BATCH):
        query = (
            select(quotes.c.group_id, func.count())
            .join(articles, _current())
            .where(quotes.c.group_id.in_(group_ids[start : start + IN_BATCH]))
            .group_by(quotes.c.group_id)
        )
        sizes.update({group: int(count) for group, count in conn.execute(query).all()})
    return sizes


def read_revision_quotes(conn: Connection, article_id: str, revision: int) -> tuple[Quote, ...]:
    """The quotes of one revision, in article order."""
    query = (
        select(quotes)
        .where(quotes.c.article_id == article_id)
        .where(quotes.c.revision == revision)
        .order_by(quotes.c.seq)
    )
    return tuple(_quote(row) for row in conn.execute(query).mappings())
