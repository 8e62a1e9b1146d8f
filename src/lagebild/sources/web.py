"""Fetch article pages and feeds over HTTP(S), carefully.

Streaming with a timeout and a size cap, redirects followed by hand (each hop checked again),
private and loopback addresses refused before connecting unless the user allows them. Every
problem is a ``SourceFailure`` with one line saying what happened and what to do.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from lagebild.errors import SourceError, one_line
from lagebild.records import RawDocument, SourceFailure
from lagebild.sources.decode import SNIFF_BYTES, binary_reason
from lagebild.sources.feeds import feed_links, looks_like_feed
from lagebild.sources.files import too_large

Item = RawDocument | SourceFailure
CHUNK_BYTES = 64 * 1024  # read granularity while streaming; small enough to stop near the cap
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
)
XML_TYPES = frozenset({"application/xml", "text/xml"})  # a feed or not: sniff the body


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchSettings:
    """How lagebild fetches URLs."""

    timeout_s: float = 20.0  # per connect/read; news sites answer well within this
    max_bytes: int = 20 * 1024 * 1024  # the longest real article pages are a few MiB
    max_redirects: int = 5  # browsers allow ~20; news sites need one or two
    allow_private: bool = False  # refuse loopback/LAN addresses (SSRF) unless asked
    user_agent: str = "lagebild/0.1"


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """One HTTP response body, after redirects."""

    url: str
    data: bytes
    media_type: str  # lower-case, without parameters
    charset: str | None
    fetched_at: dt.datetime


def read_url(url: str, settings: FetchSettings) -> Iterator[Item]:
    """Yield the page at ``url``, or, for a feed, every page its items link to."""
    try:
        with _client(settings) as client:
            page = fetch(client, url, settings)
            if not _is_feed(page):
                yield _document(url, page)
                return
            links = feed_links(page.data)
            if not links:
                yield SourceFailure(
                    origin=url, reason="feed has no items with links; nothing to read"
                )
            for link in links:
                yield _read_feed_item(client, link, settings)
    except SourceError as exc:
        yield SourceFailure(origin=url, reason=exc.reason)


def fetch(client: httpx.Client, url: str, settings: FetchSettings) -> Fetched:
    """GET ``url`` following at most ``settings.max_redirects`` redirects; raises SourceError."""
    current = _parse_url(url, url)
    for _ in range(settings.max_redirects + 1):
        check_address(url, current, settings)
        try:
            with client.stream("GET", current) as response:
                if response.is_redirect and "location" in response.headers:
                    current = _parse_url(url, response.headers["location"], base=current)
                    continue
                return _read_response(url, response, settings)
        except httpx.TimeoutException as exc:
            raise SourceError(
                url, f"timed out after {settings.timeout_s:g} s ({current}); try again later"
            ) from exc
        except httpx.HTTPError as exc:
            raise SourceError(url, f"{_describe(exc)} ({current}); {_ADVICE}") from exc
    raise SourceError(
        url,
        f"more than {settings.max_redirects} redirects (last: {current}); "
        "pass the final URL or raise --max-redirects",
    )


_ADVICE = "check the URL or try again later"
NO_FEED_LINKS = "feed has no items with links; nothing to read"
NESTED_FEED = "feed item links to another feed; pass that feed directly"


def check_address(origin: str, url: httpx.URL, settings: FetchSettings) -> None:
    """Refuse non-HTTP schemes and, unless allowed, hosts that resolve to private addresses."""
    if url.scheme not in {"http", "https"}:
        raise SourceError(origin, f"unsupported URL scheme '{url.scheme}'; use http or https")
    host = url.host
    if not host:
        raise SourceError(origin, "URL has no host; check the URL")
    if settings.allow_private:
        return
    try:
        port = url.port or (443 if url.scheme == "https" else 80)
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise SourceError(origin, f"cannot resolve host '{host}' ({exc}); {_ADVICE}") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too
        if not address.is_global or address.is_multicast:
            raise SourceError(
                origin,
                f"refused: '{host}' is a private, loopback or reserved address ({address}). "
                "Pass --allow-private if you mean it.",
            )


def _parse_url(origin: str, url: str, *, base: httpx.URL | None = None) -> httpx.URL:
    try:
        return base.join(url) if base is not None else httpx.URL(url)
    except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
        raise SourceError(origin, f"invalid URL '{url}' ({exc}); check the URL") from exc


def _read_feed_item(client: httpx.Client, link: str, settings: FetchSettings) -> Item:
    try:
        page = fetch(client, link, settings)
    except SourceError as exc:
        return SourceFailure(origin=link, reason=exc.reason)
    if _is_feed(page):
        return SourceFailure(
            origin=link, reason="feed item links to another feed; pass it directly"
        )
    try:
        return _document(link, page)
    except SourceError as exc:
        return SourceFailure(origin=link, reason=exc.reason)


def _client(settings: FetchSettings) -> httpx.Client:
    return httpx.Client(
        timeout=settings.timeout_s,
        follow_redirects=False,
        headers={"User-Agent": settings.user_agent},
        trust_env=False,  # proxies from the environment would bypass the address check
    )


def _read_response(origin: str, response: httpx.Response, settings: FetchSettings) -> Fetched:
    if response.status_code >= 400:
        raise SourceError(
            origin,
            f"HTTP {response.status_code} {response.reason_phrase} ({response.url}); {_ADVICE}",
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_bytes:
        raise SourceError(origin, too_large(int(declared), settings.max_bytes))
    body = bytearray()
    for chunk in response.iter_bytes(CHUNK_BYTES):
        body += chunk
        if len(body) > settings.max_bytes:
            raise SourceError(origin, too_large(None, settings.max_bytes))
    media_type, _, _params = response.headers.get("content-type", "").partition(";")
    charset = response.charset_encoding
    return Fetched(
        url=str(response.url),
        data=bytes(body),
        media_type=media_type.strip().lower(),
        charset=charset,
        fetched_at=dt.datetime.now(dt.UTC),
    )


def _is_feed(page: Fetched) -> bool:
    return page.media_type in FEED_TYPES or (
        page.media_type in XML_TYPES and looks_like_feed(page.data)
    )


def _document(origin: str, page: Fetched) -> RawDocument:
    if page.media_type in HTML_TYPES:
        fmt = "html"
    elif page.media_type == "text/plain":
        fmt = "text"
    else:
        raise SourceError(
            origin,
            f"unsupported content type '{page.media_type or 'none'}'; "
            "lagebild reads HTML, plain text and RSS/Atom feeds",
        )
    if not page.data:
        raise SourceError(origin, "empty response; nothing to read")
    reason = binary_reason(page.data[:SNIFF_BYTES])
    if reason:
        raise SourceError(origin, reason)
    return RawDocument(
        origin=origin,
        data=page.data,
        format="html" if fmt == "html" else "text",
        url=page.url,
        declared_encoding=page.charset,
        fetched_at=page.fetched_at,
    )


def _describe(exc: httpx.HTTPError) -> str:
    if isinstance(exc, httpx.ConnectError):
        if "refused" in str(exc).lower():
            return "connection refused"
        return f"cannot connect ({one_line(exc, 120)})"
    return one_line(exc, 160)
