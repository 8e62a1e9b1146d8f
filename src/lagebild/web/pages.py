"""The pages: stories, one story, one article, entities, search and ingest, rendered on the
server from the same reads as the API. Every piece of stored text goes through Jinja2's
autoescaping; links to articles' own URLs only when they are http(s)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from lagebild.records import Metadata, SummarySentence, TimelineEntry
from lagebild.settings import Settings
from lagebild.store import Store
from lagebild.store.search import MARK_END, MARK_START, SearchFilters, search_store
from lagebild.web import queries
from lagebild.web.api import check_request_size, read_ingest_request
from lagebild.web.event_view import load_event
from lagebild.web.highlight import article_marks, parse_span, segments
from lagebild.web.ingesting import IngestRejected, report_dict, run_ingest
from lagebild.web.render import render
from lagebild.web.security import token_matches
from lagebild.web.story_view import load_story

router = APIRouter(include_in_schema=False)
PAGE_STORIES = 20  # stories per list page: each row carries a small chart
PAGE_HITS = 20
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Text = Annotated[str | None, Query(max_length=500)]


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _date(value: str | None) -> str | None:
    return value if value and _DATE.match(value) else None


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, offset: Offset = 0) -> HTMLResponse:
    rows = queries.list_stories(_store(request), limit=PAGE_STORIES, offset=offset)
    return render(
        request,
        "stories.html",
        rows=rows,
        offset=offset,
        more=len(rows) == PAGE_STORIES,
        page_size=PAGE_STORIES,
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    view = load_story(_store(request), story_id, request.app.state.settings)
    if view is None:
        raise HTTPException(404, f"No story '{story_id}' in the store.")
    legend = _legend(
        [
            *(view.summary.sentences if view.summary else ()),
            *(view.digest.timeline if view.digest else ()),
        ]
    )
    return render(
        request,
        "story.html",
        view=view,
        legend=legend,
        speakers=_by_speaker(view.quotes),
        event_titles=view.event_titles(),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    view = load_event(_store(request), event_id, request.app.state.settings)
    if view is None:
        raise HTTPException(404, f"No event '{event_id}' in the store.")
    legend = _legend(view.summary.sentences if view.summary else ())
    return render(request, "event.html", view=view, legend=legend)


def _legend(cited: Iterable[SummarySentence | TimelineEntry]) -> dict[str, int]:
    """The number each cited article gets, in the order they are first cited."""
    legend: dict[str, int] = {}
    for item in cited:
        for c in item.citations:
            legend.setdefault(c.article_id, len(legend) + 1)
    return legend


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, hl: Text = None) -> HTMLResponse:
    store = _store(request)
    article = store.get(article_id)
    if article is None:
        raise HTTPException(404, f"No article '{article_id}' in the store.")
    article = replace(
        article,
        entities=store.article_entities(article.id, article.revision),
        quotes=store.revision_quotes(article.id, article.revision),
    )
    cited = parse_span(hl, len(article.text))
    pieces = segments(article.text, article_marks(article.quotes, article.entities, cited))
    return render(
        request,
        "article.html",
        article=article,
        pieces=pieces,
        cited=cited,
        meta_rows=_meta_rows(article.meta, article.url, article.origin),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request, name: Text = None, kind: Text = None, offset: Offset = 0
) -> HTMLResponse:
    kinds = ("person", "organisation", "place", "other")
    rows = queries.list_entities(
        _store(request),
        name=name or None,
        kind=kind if kind in kinds else None,
        limit=50,
        offset=offset,
    )
    return render(
        request, "entities.html", rows=rows, kinds=kinds, offset=offset, more=len(rows) == 50
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    store = _store(request)
    entity = queries.get_entity(store, entity_id)
    if entity is None:
        raise HTTPException(404, f"No entity '{entity_id}' in the store.")
    return render(
        request,
        "entity.html",
        entity=entity,
        quotes=queries.list_quotes(store, speaker_entity=entity_id, limit=100),
        quotes_about=queries.list_quotes(store, about_entity=entity_id, limit=100),
        stories=queries.entity_stories(store, entity_id),
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Text = None,
    language: Text = None,
    outlet: Text = None,
    since: Text = None,
    until: Text = None,
    offset: Offset = 0,
) -> HTMLResponse:
    store = _store(request)
    hits: list[Any] = []
    speaker_quotes: list[queries.QuoteRow] = []
    more = False
    if q and q.strip():
        filters = SearchFilters(
            language=language or None,
            outlet=outlet or None,
            since=_date(since),
            until=_date(until),
        )
        found = search_store(store, q, PAGE_HITS, offset, filters)
        hits = [(hit, _snippet(hit.snippet)) for hit in found.hits]
        more = found.more
        if offset == 0:
            speaker_quotes = queries.list_quotes(store, speaker=q.strip(), limit=20)
    return render(
        request,
        "search.html",
        q=q or "",
        hits=hits,
        speaker_quotes=speaker_quotes,
        more=more,
        offset=offset,
        page_size=PAGE_HITS,
    )


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request) -> HTMLResponse:
    return render(request, "ingest.html", report=None, error=None)


@router.post("/ingest", response_class=HTMLResponse)
async def ingest_form(request: Request) -> HTMLResponse:
    """The form's post: the token comes as a form field (it doubles as CSRF protection:
    another site cannot know it)."""
    settings: Settings = request.app.state.settings
    if not settings.token:
        return render(request, "ingest.html", status_code=403, report=None, error=None)
    try:
        check_request_size(request, settings)
        uploads, urls, token = await read_ingest_request(request, settings)
        if not token_matches(token, settings.token):
            return render(
                request,
                "ingest.html",
                status_code=401,
                report=None,
                error="Missing or wrong token.",
            )
        report = await run_in_threadpool(run_ingest, _store(request), settings, uploads, urls)
    except IngestRejected as exc:
        return render(
            request, "ingest.html", status_code=exc.status, report=None, error=exc.message
        )
    return render(request, "ingest.html", report=report_dict(report), error=None)


def _snippet(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet as (text, matched) pieces, for escaping piece by piece."""
    out: list[tuple[str, bool]] = []
    for index, piece in enumerate(snippet.split(MARK_START)):
        if index == 0:
            out.append((piece, False))
            continue
        word, _, rest = piece.partition(MARK_END)
        out.extend([(word, True), (rest, False)])
    return [(text, marked) for text, marked in out if text]


def _by_speaker(
    rows: tuple[queries.QuoteRow, ...],
) -> list[tuple[str | None, str | None, list[queries.QuoteRow]]]:
    """Quotes grouped by speaker (name, entity id, rows), most quoted first."""
    groups: dict[str, tuple[str | None, str | None, list[queries.QuoteRow]]] = {}
    for row in rows:
        quote = row.quote
        key = quote.speaker_entity or (quote.speaker or "").casefold()
        groups.setdefault(key, (quote.speaker, quote.speaker_entity, []))[2].append(row)
    return sorted(groups.values(), key=lambda g: (-len(g[2]), (g[0] or "~").casefold()))


def _meta_rows(meta: Metadata, url: str | None, origin: str) -> list[tuple[str, str, str | None]]:
    """(field, value, where it came from) for the metadata table."""
    sources = dict(meta.sources)
    tf = meta.translated_from
    rows = [
        ("outlet", meta.outlet, sources.get("outlet")),
        (
            "published",
            meta.published.isoformat() if meta.published else None,
            sources.get("published"),
        ),
        ("language", meta.language, sources.get("language")),
        ("authors", ", ".join(meta.authors) or None, sources.get("authors")),
        ("agency", ", ".join(meta.agency) or None, sources.get("agency")),
        ("dateline", meta.dateline, sources.get("dateline")),
        (
            "translated_from",
            " · ".join(
                x
                for x in (tf.language, tf.publisher, tf.published and tf.published.isoformat())
                if x
            )
            if tf
            else None,
            sources.get("translated_from"),
        ),
        ("url", url, sources.get("url")),
        ("origin", origin, None),
    ]
    return [(name, value, source) for name, value, source in rows if value]
