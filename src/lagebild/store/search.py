"""Full-text search over the current revisions of the stored articles.

SQLite uses the FTS5 table ``article_search`` (migration 0006). It is filled lazily: each search
first indexes the revisions added since the last one (revisions are only ever appended, so the
highest indexed rowid says where to go on), which keeps ``Store.save`` unchanged. Older
revisions stay in the index and are filtered out by joining the current revision.

PostgreSQL matches ``websearch_to_tsquery('german', q)`` against the GIN expression index on
``to_tsvector('german', title || ' ' || text)``; nothing needs filling.

Snippets mark the matched words with ``MARK_START``/``MARK_END`` (private-use characters that
never occur in news text), so that a page can highlight them *after* escaping the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from lagebild.store.store import Store

MARK_START = "\ue000"
MARK_END = "\ue001"
MAX_LIMIT = 100  # a results page longer than this is never read; bounds the work per request
SNIPPET_CHARS = 240  # about two lines of context around the first match
CANDIDATES = 5000  # newest matches ranked per query: ~50 ms of bm25 on a 100k store
INDEX_BATCH = 2000  # revisions indexed per statement: bounded memory on a first fill
TITLE_WEIGHT = 5.0  # a match in the title says more about the article than one in the body
#: The document PostgreSQL searches; identical to the expression of the migration's index.
PG_DOCUMENT = "to_tsvector('german', coalesce(title, '') || ' ' || text)"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchFilters:
    """What a search is narrowed to; ``since``/``until`` are ISO dates (or months, years)
    compared with the articles' publication dates."""

    language: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    story_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """One matching article with a snippet around the match."""

    article_id: str
    title: str | None
    outlet: str | None
    language: str | None
    published: str | None
    story_id: str | None
    snippet: str  # matched words between MARK_START and MARK_END


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchPage:
    """One page of hits; ``more`` says whether a next page exists."""

    hits: tuple[SearchHit, ...]
    more: bool


def fts_query(query: str) -> str:
    """The FTS5 expression for free text: every word must occur, as a word or a word's
    beginning (German compounds: "Brücke" finds "Brückeneinsturz"). Each word is quoted, so
    FTS5 syntax in user input (``NEAR``, ``*``, ``:``) is searched, never interpreted."""
    words = _WORD.findall(query)
    return " ".join(f'"{word}"*' for word in words)


def search(
    conn: Connection,
    query: str,
    limit: int = 20,
    offset: int = 0,
    filters: SearchFilters | None = None,
) -> SearchPage:
    """Articles (current revisions) matching ``query``, best first. Only reads: on SQLite,
    call ``index_pending`` first (``search_store`` does) so new articles are found."""
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    filters = filters or SearchFilters()
    if conn.dialect.name == "postgresql":
        sql, params = _postgres_sql(query, filters)
    else:
        match = fts_query(query)
        if not match:
            return SearchPage(hits=(), more=False)
        sql, params = _sqlite_sql(match, filters)
    params.update(limit=limit + 1, offset=offset, mark_start=MARK_START, mark_end=MARK_END)
    rows = conn.execute(text(sql), params).mappings().all()
    hits = tuple(_hit(row, query) for row in rows[:limit])
    return SearchPage(hits=hits, more=len(rows) > limit)


def index_pending(conn: Connection) -> int:
    """Add the revisions stored since the last call to the SQLite index; returns how many.
    (PostgreSQL indexes on write: nothing to do there.)"""
    if conn.dialect.name != "sqlite":
        return 0
    added = 0
    while True:
        last = conn.execute(
            text("SELECT rowid FROM article_search ORDER BY rowid DESC LIMIT 1")
        ).scalar()
        result = conn.execute(
            text(
                "INSERT INTO article_search (rowid, article_id, revision, title, text) "
                "SELECT rowid, article_id, revision, coalesce(title, ''), text FROM revisions "
                "WHERE rowid > :last ORDER BY rowid LIMIT :batch"
            ),
            {"last": last or 0, "batch": INDEX_BATCH},
        )
        added += result.rowcount
        if result.rowcount < INDEX_BATCH:
            return added


def has_pending(conn: Connection) -> bool:
    """Whether revisions wait to be indexed (a cheap read, so searches write only when
    something is new)."""
    if conn.dialect.name != "sqlite":
        return False
    last = conn.execute(text("SELECT rowid FROM article_search ORDER BY rowid DESC LIMIT 1"))
    newest = conn.execute(text("SELECT max(rowid) FROM revisions")).scalar()
    return (newest or 0) > (last.scalar() or 0)


def index_new_revisions(store: Store) -> None:
    """Add the revisions not yet in the full-text index to it (ingest does this at its end;
    a search does it first for stores written otherwise)."""
    if store._read(has_pending):
        with store._write("index for search", "articles") as conn:
            index_pending(conn)


def search_store(
    store: Store,
    query: str,
    limit: int = 20,
    offset: int = 0,
    filters: SearchFilters | None = None,
) -> SearchPage:
    """``search`` on a store, indexing new revisions first (the method ``Store.search``
    would be)."""
    index_new_revisions(store)
    page: SearchPage = store._read(lambda conn: search(conn, query, limit, offset, filters))
    return page


def _filters(filters: SearchFilters, params: dict[str, Any]) -> str:
    clauses = []
    for name, column, op in (
        ("language", "r.language", "="),
        ("outlet", "r.outlet", "="),
        ("since", "r.published", ">="),
        ("until", "r.published", "<="),
        ("story_id", "r.story_id", "="),
    ):
        value = getattr(filters, name)
        if value:
            clauses.append(f" AND {column} {op} :{name}")
            params[name] = value
    return "".join(clauses)


def _sqlite_sql(match: str, filters: SearchFilters) -> tuple[str, dict[str, Any]]:
    # The newest CANDIDATES matches (FTS5 streams them in rowid order and stops there) are
    # ranked by bm25: bounded work however common the words, and recent news first among
    # equals. Snippets are cut in Python for the page only: FTS5's snippet() re-runs a prefix
    # query per row, seconds on 100k articles.
    params: dict[str, Any] = {"match": match, "candidates": CANDIDATES}
    sql = (
        "WITH candidates AS ("
        f"SELECT s.rowid AS rid, bm25(article_search, 0, 0, {TITLE_WEIGHT}, 1.0) AS score, "
        "r.article_id AS article_id "
        "FROM article_search s "
        # the index's own article_id column would read its stored copy of the whole text
        "JOIN revisions r ON r.rowid = s.rowid "
        "JOIN articles a ON a.id = r.article_id AND a.current_revision = r.revision "
        "WHERE article_search MATCH :match"
        f"{_filters(filters, params)} "
        "ORDER BY s.rowid DESC LIMIT :candidates), "
        "top AS (SELECT * FROM candidates ORDER BY score, article_id "
        "LIMIT :limit OFFSET :offset) "
        "SELECT r.article_id, r.title, r.outlet, r.language, r.published, r.story_id, "
        "r.text AS text FROM top JOIN revisions r ON r.rowid = top.rid "
        "ORDER BY top.score, top.article_id"
    )
    return sql, params


def snippet(text: str, query: str, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` around the first word starting with a query
    word, every such word between MARK_START and MARK_END. Case and diacritics are folded
    as the index folds them ("brucke" marks "Brücke")."""
    words = [w for w in (_fold(w) for w in _WORD.findall(query)) if w]
    if not words:
        return text[:width]
    folded = _fold(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*")
    first = pattern.search(folded)
    start = max(0, (first.start() if first else 0) - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + width)
    out, at = [], start
    for found in pattern.finditer(folded, start, end):
        out += [text[at : found.start()], MARK_START, text[found.start() : found.end()], MARK_END]
        at = found.end()
    out.append(text[at:end])
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")


def _fold(text: str) -> str:
    """Lower case without diacritics, one character for one (offsets stay valid)."""
    return "".join(
        (unicodedata.normalize("NFD", c)[0] if c.isalpha() else c).lower()[:1] or c for c in text
    )


def _postgres_sql(query: str, filters: SearchFilters) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"query": query}
    sql = (
        "SELECT r.article_id, r.title, r.outlet, r.language, r.published, r.story_id, "
        "ts_headline('german', r.text, websearch_to_tsquery('german', :query), "
        "'StartSel=' || :mark_start || ', StopSel=' || :mark_end || "
        "', MaxWords=30, MinWords=12') AS snippet "
        "FROM revisions r "
        "JOIN articles a ON a.id = r.article_id AND a.current_revision = r.revision "
        # title and text unqualified (only revisions has them): the index's exact expression
        f"WHERE {PG_DOCUMENT} @@ websearch_to_tsquery('german', :query)"
        f"{_filters(filters, params)} "
        f"ORDER BY ts_rank({PG_DOCUMENT}, websearch_to_tsquery('german', :query)) DESC, "
        "r.article_id "
        "LIMIT :limit OFFSET :offset"
    )
    return sql, params


def _hit(row: Any, query: str) -> SearchHit:
    return SearchHit(
        article_id=row["article_id"],
        title=row["title"],
        outlet=row["outlet"],
        language=row["language"],
        published=row["published"],
        story_id=row["story_id"],
        snippet=row["snippet"] if "snippet" in row else snippet(row["text"], query),
    )
