"""Fetching URLs from a local http.server: formats, redirects, caps, feeds, refusals."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from lagebild.records import RawDocument, SourceFailure
from lagebild.sources import FetchSettings, read_inputs, web

pytestmark = pytest.mark.network

HTML = "<html><head><title>Brücke</title></head><body><p>Eine Brücke.</p></body></html>".encode()
TEXT = "Lindenau (dpa) - Ein neuer Bürgermeister.\n".encode("cp1252")
LOCAL = FetchSettings(allow_private=True, timeout_s=5, max_bytes=100_000)


def _rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>{path}</title><link>{base}{path}</link></item>"
        for path in ("/page.html", "/missing", "/page.txt")
    )
    channel = f"<channel><title>T</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        path = self.path
        base = f"http://127.0.0.1:{self.server.server_port}"  # type: ignore[attr-defined]
        if path == "/page.html":
            self._send(200, "text/html; charset=utf-8", HTML)
        elif path == "/page.txt":
            self._send(200, "text/plain; charset=windows-1252", TEXT)
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            target = "/page.html" if left == 0 else f"/hop/{left - 1}"
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/big":
            self._send(200, "text/html", b"<p>x</p>" * 50_000)
        elif path == "/big-unannounced":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # HTTP/1.0: body ends when the connection closes
            self.wfile.write(b"<p>x</p>" * 50_000)
        elif path == "/doc.pdf":
            self._send(200, "application/pdf", b"%PDF-1.7 ...")
        elif path == "/feed.xml":
            self._send(200, "application/rss+xml", _rss(base))
        elif path == "/feed-as-xml":
            self._send(200, "text/xml", _rss(base))
        else:
            self._send(404, "text/html", b"<html>not here</html>")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def _read(url: str, settings: FetchSettings = LOCAL) -> list[RawDocument | SourceFailure]:
    return list(read_inputs([url], settings=settings))


def _failure(url: str, settings: FetchSettings = LOCAL) -> SourceFailure:
    [item] = _read(url, settings)
    assert isinstance(item, SourceFailure), item
    assert item.origin == url and "\n" not in item.reason
    return item


def test_html_page(base: str) -> None:
    [doc] = _read(f"{base}/page.html")
    assert isinstance(doc, RawDocument) and doc.format == "html" and doc.data == HTML
    assert doc.url == f"{base}/page.html" and doc.declared_encoding == "utf-8"
    assert doc.fetched_at is not None and doc.fetched_at.tzinfo is not None


def test_text_page_keeps_declared_charset(base: str) -> None:
    [doc] = _read(f"{base}/page.txt")
    assert isinstance(doc, RawDocument) and doc.format == "text" and doc.data == TEXT
    assert doc.declared_encoding == "windows-1252"


def test_redirects_are_followed_to_the_final_url(base: str) -> None:
    [doc] = _read(f"{base}/hop/3")
    assert isinstance(doc, RawDocument) and doc.url == f"{base}/page.html"
    assert doc.origin == f"{base}/hop/3"


def test_too_many_redirects_fail(base: str) -> None:
    reason = _failure(f"{base}/hop/6").reason
    assert "more than 5 redirects" in reason and "--max-redirects" in reason


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_too_large_body_fails(base: str, path: str) -> None:
    assert "MiB" in _failure(f"{base}{path}").reason


def test_wrong_content_type_fails(base: str) -> None:
    reason = _failure(f"{base}/doc.pdf").reason
    assert reason == (
        "unsupported content type 'application/pdf'; "
        "lagebild reads HTML, plain text and RSS/Atom feeds"
    )


def test_http_error_status_fails(base: str) -> None:
    assert "HTTP 404" in _failure(f"{base}/missing").reason


@pytest.mark.parametrize("path", ["/feed.xml", "/feed-as-xml"])
def test_feed_items_are_fetched_and_a_bad_item_fails_alone(base: str, path: str) -> None:
    page, missing, text = _read(f"{base}{path}")
    assert isinstance(page, RawDocument) and page.origin == f"{base}/page.html"
    assert page.data == HTML
    assert isinstance(missing, SourceFailure) and missing.origin == f"{base}/missing"
    assert "HTTP 404" in missing.reason
    assert isinstance(text, RawDocument) and text.format == "text"


def test_every_redirect_hop_is_checked(base: str, monkeypatch: pytest.MonkeyPatch) -> None:
    checked: list[str] = []
    real_check = web.check_address

    def spy(origin: str, url: httpx.URL, settings: FetchSettings) -> None:
        checked.append(str(url))
        real_check(origin, url, settings)

    monkeypatch.setattr(web, "check_address", spy)
    _read(f"{base}/hop/2")
    assert checked == [f"{base}/hop/2", f"{base}/hop/1", f"{base}/hop/0", f"{base}/page.html"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/artikel",
        "http://10.1.2.3/artikel",
        "http://[::1]/artikel",
        "http://169.254.169.254/latest/meta-data",
        "http://localhost/artikel",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
        "http://100.64.1.1/",
    ],
)
def test_private_addresses_are_refused_without_connecting(url: str) -> None:
    reason = _failure(url, FetchSettings(timeout_s=0.5)).reason
    assert reason.endswith("Pass --allow-private if you mean it.")


def test_unreachable_host_is_one_line() -> None:
    reason = _failure("http://127.0.0.1:1/gone", LOCAL).reason
    assert (
        reason == "connection refused (http://127.0.0.1:1/gone); check the URL or try again later"
    )


def test_url_without_host_fails() -> None:
    assert _failure("http://", LOCAL).reason == "URL has no host; check the URL"


def test_invalid_url_fails() -> None:
    assert "invalid URL" in _failure("http://news.example:port/", LOCAL).reason
