"""Rendering pages: the Jinja2 environment (autoescape on for everything) and the reader's
language."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from lagebild.web.i18n import COOKIE, LANGUAGES, negotiate, translator
from lagebild.web.security import safe_url

COOKIE_MAX_AGE = 365 * 24 * 3600  # a language choice is kept for a year


def templates() -> Environment:
    env = Environment(
        loader=PackageLoader("lagebild.web", "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def language(request: Request) -> str:
    return negotiate(
        request.query_params.get("lang"),
        request.cookies.get(COOKIE),
        request.headers.get("accept-language"),
    )


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page in the reader's language; ``?lang=`` is remembered in a cookie."""
    lang = language(request)
    switch = {
        choice: f"{request.url.path}?{urlencode({**request.query_params, 'lang': choice})}"
        for choice in LANGUAGES
    }
    env: Environment = request.app.state.templates
    html = env.get_template(template).render(
        t=translator(lang),
        lang=lang,
        switch=switch,
        path=request.url.path,
        query=request.query_params,
        writes_enabled=bool(request.app.state.settings.token),
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie(COOKIE, lang, max_age=COOKIE_MAX_AGE, samesite="lax", httponly=True)
    return response
