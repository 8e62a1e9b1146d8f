"""The REST API under ``/api``: the store's records as the export contract's dictionaries
(``lagebild.export``), so a record reads the same over HTTP as in an export file.

Lists take ``limit``/``offset`` (``next`` is the offset of the following page, null on the
last) and the filters a reader expects. Reads are open; ``POST /api/ingest`` needs the token.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from lagebild.export import (
    article_record,
    claim_record,
    entity_record,
    event_record,
    lineage_record,
    quote_record,
    story_record,
    summary_record,
)
from lagebild.records import ClaimGroup, Membership, StoryDigest
from lagebild.settings import Settings
from lagebild.store import Store
from lagebild.store.search import MARK_END, MARK_START, SearchFilters, search_store
from lagebild.web import queries
from lagebild.web.ingesting import (
    MAX_FILES,
    IngestJobs,
    IngestRejected,
    Upload,
    check_size,
    report_dict,
    run_ingest,
)
from lagebild.web.queries import ArticleFilters
from lagebild.web.security import bearer, token_matches
from lagebild.web.story_view import load_story, safe_digest

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # ISO day, month or year, as publication dates are stored
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
Since = Annotated[str | None, Query(pattern=DATE, description="On or after (YYYY[-MM[-DD]]).")]
Until = Annotated[str | None, Query(pattern=DATE, description="On or before (YYYY[-MM[-DD]]).")]
Text = Annotated[str | None, Query(max_length=200)]
Status = Literal["corroborated", "contradicted", "single_source"]
FORM_SLACK = 64 * 1024  # multipart headers and text fields around the uploaded files

router = APIRouter(prefix="/api", tags=["api"])
INGEST_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "missing or wrong token"},
    403: {"description": "no token configured: writes are off"},
    413: {"description": "an upload is larger than max_bytes"},
    400: {"description": "nothing to ingest, or a refused URL"},
}
INGEST_BODY: dict[str, Any] = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                        },
                        "urls": {"type": "string", "description": "one URL per line"},
                        "feed": {"type": "string", "description": "an RSS/Atom feed URL"},
                    },
                }
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "urls": {"type": "array", "items": {"type": "string"}},
                        "feed": {"type": "string"},
                    },
                }
            },
        }
    }
}


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {
        "items": items,
        "limit": limit,
        "offset": offset,
        "next": offset + limit if len(items) == limit else None,
    }


def not_found(kind: str, key: str) -> HTTPException:
    return HTTPException(404, f"No {kind} '{key}' in the store.")


@router.get("/articles", summary="Articles (current revisions), newest ingested first")
def articles(
    store: StoreDep,
    since: Since = None,
    until: Until = None,
    outlet: Text = None,
    language: Text = None,
    entity: Text = None,
    story: Text = None,
    event: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    filters = ArticleFilters(
        since=since,
        until=until,
        outlet=outlet,
        language=language,
        entity_id=entity,
        story_id=story,
        event_id=event,
    )
    rows = queries.list_articles(store, filters, limit, offset)
    return page([asdict(r) for r in rows], limit, offset)


@router.get("/articles/{article_id}", summary="One article as its export record")
def article(store: StoreDep, article_id: str) -> dict[str, Any]:
    found = store.get(article_id)
    if found is None:
        raise not_found("article", article_id)
    entities = store.article_entities(found.id, found.revision)
    return article_record(replace(found, entities=entities))


@router.get("/events", summary="Events, the most recent first")
def events(
    store: StoreDep,
    since: Since = None,
    until: Until = None,
    story: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    found, members = queries.list_events(
        store, since=since, until=until, story_id=story, limit=limit, offset=offset
    )
    return page([event_record(e, members) for e in found], limit, offset)


@router.get("/events/{event_id}", summary="One event with why each article belongs")
def event(store: StoreDep, event_id: str) -> dict[str, Any]:
    found, members = queries.get_event(store, event_id)
    if found is None:
        raise not_found("event", event_id)
    return event_record(found, members)


@router.get("/stories", summary="Stories with time span, counts and articles per day")
def stories(
    store: StoreDep,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = queries.list_stories(store, since=since, until=until, limit=limit, offset=offset)
    return page([asdict(r) for r in rows], limit, offset)


@router.get("/stories/{story_id}", summary="One story: events, summary, timeline, facts")
def story(store: StoreDep, settings: SettingsDep, story_id: str) -> dict[str, Any]:
    view = load_story(store, story_id, settings)
    if view is None:
        raise not_found("story", story_id)
    digest = view.digest
    group_of = _group_of(digest)
    members: dict[str, Membership] = {}  # membership reasons: /api/events/{id}
    return {
        **story_record(view.story, digest.timeline if digest else ()),
        "first_date": view.row.first_date,
        "last_date": view.row.last_date,
        "independent_sources": view.row.independent_sources,
        "per_day": view.row.per_day,
        "events": [event_record(e, members) for e in view.events],
        "summaries": [
            summary_record(s, "story" if s.target == story_id else "event")
            for s in (digest.summaries if digest else ())
        ],
        "facts": [
            {
                "group_id": g.id,
                "status": g.status,
                "sources": g.sources,
                "opposing_sources": g.opposing_sources,
                "reason": g.reason,
                "claims": [
                    claim_record(view.claims[c], group_of.get(c))
                    for c in (*g.supporting, *g.opposing)
                    if c in view.claims
                ],
            }
            for g in view.facts()
        ],
        "lineage": [lineage_record(e) for e in view.edges],
        "digest_error": view.digest_error,
    }


@router.get("/entities", summary="Registry entities by name, with their mention counts")
def entities(
    store: StoreDep,
    kind: Literal["person", "organisation", "place", "other"] | None = None,
    name: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = queries.list_entities(store, kind=kind, name=name, limit=limit, offset=offset)
    items = [{**entity_record(e, ()), "mention_count": n} for e, n in rows]
    for item in items:
        del item["mentions"]  # per-article mentions: /api/articles?entity=ID
    return page(items, limit, offset)


@router.get("/entities/{entity_id}", summary="One entity with the stories it appears in")
def entity(store: StoreDep, entity_id: str) -> dict[str, Any]:
    found = queries.get_entity(store, entity_id)
    if found is None:
        raise not_found("entity", entity_id)
    record = entity_record(found, ())
    del record["mentions"]
    record["stories"] = [
        {"id": story.id, "title": story.title, "titles": story.titles, "articles": story.mentioning}
        for story in queries.entity_stories(store, entity_id)
    ]
    return record


@router.get("/quotes", summary="Quotes by speaker, speaker entity, story, article or named entity")
def quotes(
    store: StoreDep,
    speaker: Text = None,
    speaker_entity: Text = None,
    about: Annotated[
        str | None, Query(max_length=200, description="Entity id named inside the quote.")
    ] = None,
    story: Text = None,
    article: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = queries.list_quotes(
        store,
        speaker=speaker,
        speaker_entity=speaker_entity,
        story_id=story,
        article_ids=[article] if article else None,
        about_entity=about,
        limit=limit,
        offset=offset,
    )
    items = [
        {
            **quote_record(r.quote, article_id=r.article_id, origin=""),
            "article_title": r.article_title,
            "outlet": r.outlet,
            "published": r.published,
            "story_id": r.story_id,
        }
        for r in rows
    ]
    for item in items:
        del item["origin"], item["group_size"]
    return page(items, limit, offset)


@router.get("/claims", summary="Claims of a story, event or article with their status")
def claims(
    store: StoreDep,
    settings: SettingsDep,
    story: Text = None,
    event: Text = None,
    article: Text = None,
    status: Status | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    story_id = story or _story_of(store, event, article)
    if story_id is None:
        if not (event or article):
            raise HTTPException(400, "Name a story, event or article: ?story=ID, ?event=ID.")
        return page([], limit, offset)
    digest, error = safe_digest(store, story_id, settings)
    if digest is None and error is not None:
        raise HTTPException(503, f"Claims of story '{story_id}' are not available: {error}")
    group_of = _group_of(digest)
    _, found = store.story_events(story_id)
    ids = [a for e in found for a in e.article_ids if not event or e.id == event]
    if article:
        ids = [a for a in ids if a == article]
    records = [claim_record(c, group_of.get(c.id)) for c in store.claims(ids)]
    if status:
        records = [r for r in records if r["status"] == status]
    return page(records[offset : offset + limit], limit, offset)


@router.get("/summaries", summary="The cited summaries of a story and of its events")
def summaries(
    store: StoreDep, settings: SettingsDep, story: Annotated[str, Query(max_length=200)]
) -> dict[str, Any]:
    digest, error = safe_digest(store, story, settings)
    if digest is None:
        if error is not None:
            raise HTTPException(503, f"Summaries of story '{story}' are not available: {error}")
        raise not_found("story", story)
    items = [summary_record(s, "story" if s.target == story else "event") for s in digest.summaries]
    return {"items": items}


@router.get("/search", summary="Full-text search over the articles")
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    language: Text = None,
    outlet: Text = None,
    since: Since = None,
    until: Until = None,
    story: Text = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    filters = SearchFilters(
        language=language, outlet=outlet, since=since, until=until, story_id=story
    )
    found = search_store(store, q, limit, offset, filters)
    items = [
        {
            **asdict(hit),
            "snippet": hit.snippet.replace(MARK_START, "").replace(MARK_END, ""),
            "matches": _marked(hit.snippet),
        }
        for hit in found.hits
    ]
    return {
        "items": items,
        "limit": limit,
        "offset": offset,
        "next": offset + limit if found.more else None,
    }


@router.post(
    "/ingest",
    summary="Ingest uploaded files, URLs or a feed (needs Authorization: Bearer <token>)",
    responses=INGEST_RESPONSES,
    openapi_extra=INGEST_BODY,
)
async def ingest(request: Request, store: StoreDep, settings: SettingsDep) -> dict[str, Any]:
    """Multipart form (``files``: one or more files; ``urls``: URLs one per line; ``feed``:
    a feed URL) or JSON ``{"urls": [...], "feed": "..."}``."""
    try:
        uploads, urls = await authorized_request(request, settings)
        report = await run_in_threadpool(run_ingest, store, settings, uploads, urls)
    except IngestRejected as exc:
        raise HTTPException(exc.status, exc.message) from exc
    return report_dict(report)


@router.post(
    "/ingest/jobs",
    status_code=202,
    summary="Start an ingest in the background (needs the token); poll its progress",
    responses=INGEST_RESPONSES,
    openapi_extra=INGEST_BODY,
)
async def start_ingest(request: Request, store: StoreDep, settings: SettingsDep) -> dict[str, Any]:
    """The same body as ``POST /api/ingest``; answers at once with the job (``state``
    queued) and the URL to poll: ``GET /api/ingest/jobs/{id}`` lists the items stored so
    far."""
    try:
        uploads, urls = await authorized_request(request, settings)
        job = await run_in_threadpool(get_jobs(request).start, store, settings, uploads, urls)
    except IngestRejected as exc:
        raise HTTPException(exc.status, exc.message) from exc
    return {**job.snapshot(), "url": f"/api/ingest/jobs/{job.id}"}


@router.get(
    "/ingest/jobs/{job_id}",
    summary="An ingest job's progress: state, items stored so far (needs the token)",
    responses={401: {"description": "missing or wrong token"}, 404: {"description": "no such job"}},
)
def ingest_job(
    job_id: Annotated[str, Path(max_length=64)], request: Request, settings: SettingsDep
) -> dict[str, Any]:
    authorize(request.headers.get("authorization"), settings)
    job = get_jobs(request).get(job_id)
    if job is None:
        raise not_found("ingest job", job_id)
    return job.snapshot()


async def authorized_request(
    request: Request, settings: Settings
) -> tuple[list[Upload], list[str]]:
    """The uploads and URLs of a write request, after the token check (401/403 first)."""
    authorize(request.headers.get("authorization"), settings)
    uploads, urls, _ = await read_ingest_request(request, settings)
    return uploads, urls


def get_jobs(request: Request) -> IngestJobs:
    jobs: IngestJobs = request.app.state.jobs
    return jobs


def authorize(authorization: str | None, settings: Settings) -> None:
    if not settings.token:
        raise HTTPException(
            403, "Writes are off: no token is configured. Set LAGEBILD_TOKEN and restart."
        )
    if not token_matches(bearer(authorization), settings.token):
        raise HTTPException(
            401,
            "Missing or wrong token: send Authorization: Bearer <token>.",
            headers={"WWW-Authenticate": "Bearer"},
        )


def check_request_size(request: Request, settings: Settings) -> None:
    """413 before parsing a body that cannot fit (the declared length)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes * MAX_FILES + FORM_SLACK:
        raise IngestRejected(413, f"Request of {int(declared):,} bytes is too large.")


async def read_ingest_request(
    request: Request, settings: Settings
) -> tuple[list[Upload], list[str], str | None]:
    """The uploads, the URLs and the form's ``token`` field (the page's form sends it there)
    of an ingest request: a multipart form or JSON."""
    check_request_size(request, settings)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            body = await request.json()
        except ValueError as exc:
            raise IngestRejected(400, f"Body is not valid JSON ({exc}).") from exc
        return [], _json_urls(body), None
    if kind not in {"multipart/form-data", "application/x-www-form-urlencoded"}:
        raise IngestRejected(400, "Send a multipart form (files, urls, feed) or JSON {urls}.")
    form = await request.form(max_files=MAX_FILES, max_fields=20)
    try:
        uploads: list[Upload] = []
        for value in form.getlist("files"):
            if isinstance(value, UploadFile) and value.filename:
                uploads.append(await _read_upload(value, settings))
        urls = [
            line
            for field in ("urls", "feed")
            for value in form.getlist(field)
            if isinstance(value, str)
            for line in value.splitlines()
        ]
        token = form.get("token")
        return uploads, urls, token if isinstance(token, str) else None
    finally:
        await form.close()  # the spooled upload files


async def _read_upload(upload: UploadFile, settings: Settings) -> Upload:
    name = upload.filename or "upload"
    if upload.size is not None:
        check_size(upload.size, settings, name)
    data = await upload.read(settings.max_bytes + 1)
    check_size(len(data), settings, name)
    return Upload(filename=name, data=data)


def _json_urls(body: Any) -> list[str]:
    if not isinstance(body, dict):
        raise IngestRejected(400, 'Send a JSON object: {"urls": ["https://..."]}.')
    urls = body.get("urls", [])
    feed = body.get("feed")
    if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise IngestRejected(400, '"urls" must be a list of strings.')
    if feed is not None and not isinstance(feed, str):
        raise IngestRejected(400, '"feed" must be a string.')
    return [*urls, *([feed] if feed else [])]


def _group_of(digest: StoryDigest | None) -> dict[str, ClaimGroup]:
    if digest is None:
        return {}
    return {c: g for g in digest.groups for c in (*g.supporting, *g.opposing)}


def _story_of(store: Store, event_id: str | None, article_id: str | None) -> str | None:
    if event_id:
        found, _ = queries.get_event(store, event_id)
        return found.story_id if found else None
    if article_id:
        found_article = store.get(article_id)
        return found_article.story_id if found_article else None
    return None


def _marked(snippet: str) -> list[str]:
    """The matched words of a snippet."""
    out = []
    for piece in snippet.split(MARK_START)[1:]:
        word, sep, _ = piece.partition(MARK_END)
        if sep:
            out.append(word)
    return out
