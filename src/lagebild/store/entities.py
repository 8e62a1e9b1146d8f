"""Reading and writing the entity registry and the entity mentions of each revision."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from lagebild.records import Article, ArticleEntity, Entity, EntityMention
from lagebild.store.models import articles, entities, entity_mentions


def save_entities(conn: Connection, found: Sequence[Entity]) -> None:
    """Insert new registry entities and update known ones whose name or aliases changed:
    one query to read what is stored, then one batch each for inserts and updates."""
    if not found:
        return
    now = dt.datetime.now(dt.UTC)
    wanted = {entity.id: entity for entity in found}
    stored = {
        row.id: (row.name, row.kind, row.aliases)
        for row in conn.execute(
            select(entities.c.id, entities.c.name, entities.c.kind, entities.c.aliases).where(
                entities.c.id.in_(list(wanted))
            )
        )
    }
    new, changed = [], []
    for entity in wanted.values():
        values = {
            "name": entity.name,
            "kind": entity.kind,
            "aliases": json.dumps(list(entity.aliases), ensure_ascii=False),
        }
        if entity.id not in stored:
            new.append({"id": entity.id, **values, "updated_at": now})
        elif stored[entity.id] != (values["name"], values["kind"], values["aliases"]):
            changed.append({"key": entity.id, **values, "updated_at": now})
    if new:
        conn.execute(insert(entities), new)
    if changed:
        conn.execute(
            update(entities).where(entities.c.id == bindparam("key")),
            changed,
        )


def save_mentions(conn: Connection, article: Article, revision: int) -> None:
    rows = [
        {
            "article_id": article.id,
            "revision": revision,
            "entity_id": entity.entity_id,
            "start": mention.start,
            "end": mention.end,
            "text": mention.text,
            "form": mention.form,
            "local_name": entity.name,
        }
        for entity in article.entities
        if entity.entity_id is not None
        for mention in {(m.start, m.end): m for m in entity.mentions}.values()
    ]
    if rows:
        conn.execute(insert(entity_mentions), rows)


def read_entities(conn: Connection) -> Iterator[Entity]:
    for row in conn.execute(select(entities).order_by(entities.c.id)).mappings():
        yield _entity(row)


def _entity(row: Any) -> Entity:
    return Entity(
        id=row["id"], name=row["name"], kind=row["kind"], aliases=tuple(json.loads(row["aliases"]))
    )


def read_article_entities(
    conn: Connection, article_id: str, revision: int
) -> Iterator[ArticleEntity]:
    query = (
        select(entity_mentions, entities.c.name, entities.c.kind)
        .join(entities, entities.c.id == entity_mentions.c.entity_id)
        .where(entity_mentions.c.article_id == article_id)
        .where(entity_mentions.c.revision == revision)
        .order_by(entity_mentions.c.start)
    )
    grouped: dict[str, list[Any]] = {}
    for row in conn.execute(query).mappings():
        grouped.setdefault(row["entity_id"], []).append(row)
    for entity_id, rows in grouped.items():
        yield ArticleEntity(
            name=rows[0]["name"],
            kind=rows[0]["kind"],
            entity_id=entity_id,
            mentions=tuple(
                EntityMention(text=r["text"], start=r["start"], end=r["end"], form=r["form"])
                for r in rows
            ),
        )


def read_entity_mentions(conn: Connection) -> Iterator[tuple[Entity, list[dict[str, Any]]]]:
    """Entities in id order, each with its mentions in the articles' current revisions."""
    current = (
        select(entity_mentions)
        .join(articles, articles.c.id == entity_mentions.c.article_id)
        .where(entity_mentions.c.revision == articles.c.current_revision)
        .subquery()
    )
    query = (
        select(
            entities,
            current.c.article_id,
            current.c.start,
            current.c.end,
            current.c.text,
            current.c.form,
        )
        .join(current, current.c.entity_id == entities.c.id)
        .order_by(entities.c.id, current.c.article_id, current.c.start)
    )
    entity: Entity | None = None
    mentions: list[dict[str, Any]] = []
    for row in conn.execute(query).mappings():
        if entity is None or entity.id != row["id"]:
            if entity is not None:
                yield entity, mentions
            entity, mentions = _entity(row), []
        mentions.append({k: row[k] for k in ("article_id", "start", "end", "text", "form")})
    if entity is not None:
        yield entity, mentions
