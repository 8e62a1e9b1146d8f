"""The web application: ``create_app(settings)`` builds it, ``lagebild serve`` runs it.

Thin on purpose: the routes in ``api`` and ``pages`` parse the request, call the store or the
queries of the same name, and format the result as JSON or as an escaped Jinja2 page.
"""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from lagebild.errors import LagebildError
from lagebild.settings import Settings
from lagebild.store import Store
from lagebild.web import api, pages
from lagebild.web.ingesting import IngestJobs
from lagebild.web.render import render, templates
from lagebild.web.security import add_security_headers


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The FastAPI application over ``store`` (opened from ``settings.db`` if not given).

    The OpenAPI description is at ``/openapi.json``; the interactive ``/docs`` is off because
    its assets come from a CDN and need inline scripts, which the CSP forbids."""
    app = FastAPI(
        title="lagebild",
        summary="Stories, events, claims and quotes from many news outlets, with sources.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store if store is not None else Store.open(settings.db)
    app.state.templates = templates()
    app.state.jobs = IngestJobs()
    app.middleware("http")(add_security_headers)
    static = resources.files("lagebild.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(LagebildError, _lagebild_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    return app


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and request.url.path != "/openapi.json"


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if _wants_html(request):
        return render(
            request,
            "error.html",
            status_code=exc.status_code,
            status=exc.status_code,
            message=str(exc.detail),
        )
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


async def _lagebild_error(request: Request, exc: Exception) -> Response:
    """A store or configuration problem: its message already says what to do."""
    if _wants_html(request):
        return render(request, "error.html", status_code=503, status=503, message=str(exc))
    return JSONResponse({"detail": str(exc)}, status_code=503)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}" for e in exc.errors()
    )
    if _wants_html(request):
        return render(request, "error.html", status_code=422, status=422, message=problems)
    return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
