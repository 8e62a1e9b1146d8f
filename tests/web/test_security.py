"""Issue #7 security: hostile article content renders inert, every response carries the CSP,
writes need the token, private addresses and oversize uploads are refused, and the server
will not listen beyond loopback without a token."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from webclient import TOKEN, TestClient, make_client

from lagebild.api import ingest
from lagebild.cli import main
from lagebild.errors import ConfigError
from lagebild.settings import Settings
from lagebild.store import Store
from lagebild.web.security import check_bind, is_loopback, safe_url

HOSTILE_TITLE = '<script>alert("title")</script> Brückenprüfung <b onmouseover=alert(1)>x</b>'
HOSTILE_TEXT = (
    "Die Stadt Lindenau prüft ihre Brücken erneut. <script>alert('text')</script> "
    'Ein Gutachter sagte, die Prüfung sei überfällig. <img src=x onerror="alert(2)"> '
    '<a href="javascript:alert(3)">Mehr lesen</a> </textarea><iframe src="https://evil.example">'
    "\n\nDer Bericht soll im Mai vorliegen, teilte die Verwaltung mit. "
    '"><svg onload=alert(4)> Die Kosten werden auf zwei Millionen Euro geschätzt.'
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str]]:
    folder = tmp_path_factory.mktemp("hostile")
    record = {
        "title": HOSTILE_TITLE,
        "text": HOSTILE_TEXT,
        "url": "javascript:alert(5)",
        "date": "2026-03-14",
        "source": "<script>alert(6)</script>",
    }
    path = folder / "hostile.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with Store.open(str(folder / "h.db")) as store:
        report = ingest([str(path)], store, settings=Settings(db=str(folder / "h.db")))
        assert report.count("new") == 1, report.items
        article_id = report.items[0].article_id
        assert article_id is not None
        yield store, article_id


@pytest.fixture(scope="module")
def hostile_client(hostile: tuple[Store, str]) -> TestClient:
    return make_client(hostile[0])


def assert_inert(html: str) -> None:
    assert "<script>alert" not in html and "<script>" not in html.replace(
        '<script src="/static/', ""
    ), "only the page's own script files may appear as script elements"
    assert not re.search(r"<(img|svg|iframe|b)\b[^>]*\bon\w+=", html), "event handler leaked"
    assert 'href="javascript:' not in html.lower()
    assert "<iframe" not in html


def test_hostile_article_renders_inert_on_every_page(
    hostile_client: TestClient, hostile: tuple[Store, str]
) -> None:
    _, article_id = hostile
    pages = [
        f"/articles/{article_id}",
        f"/articles/{article_id}?hl=0-40",
        "/search?q=Brückenprüfung",
        "/search?q=" + "<script>alert(7)</script>",
        "/entities",
        "/",
    ]
    record = hostile_client.get(f"/api/articles/{article_id}").json()
    if record["story_id"]:
        pages.append(f"/stories/{record['story_id']}")
    if record["event_id"]:
        pages.append(f"/events/{record['event_id']}")
    for url in pages:
        response = hostile_client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.text)
    article_html = hostile_client.get(f"/articles/{article_id}").text
    assert "&lt;script&gt;alert(" in article_html  # shown as text, not run
    assert "&lt;a href=&#34;javascript:alert(3)&#34;&gt;" in article_html


def test_not_found_pages_escape_what_was_asked_for(hostile_client: TestClient) -> None:
    response = hostile_client.get("/articles/<script>alert(1)</script>")
    assert response.status_code == 404
    assert_inert(response.text)
    assert "&lt;script&gt;" in response.text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example", None),
        (None, None),
    ],
)
def test_only_http_urls_become_links(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


@pytest.mark.parametrize(
    "url", ["/", "/api/stories", "/static/style.css", "/openapi.json", "/nope", "/api/nope"]
)
def test_every_response_carries_the_security_headers(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "object-src 'none'" in csp and "base-uri 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_pages_have_no_inline_scripts_or_styles(client: TestClient, story_id: str) -> None:
    for url in ("/", f"/stories/{story_id}", "/search?q=Lindenau", "/ingest"):
        html = client.get(url).text
        assert all('src="/static/' in tag for tag in re.findall(r"<script[^>]*>", html)), (
            "every script is a file from /static"
        )
        assert "<style" not in html and " style=" not in html


WRITES = ["/api/ingest", "/api/ingest/jobs"]  # at once, and in the background


@pytest.mark.parametrize("endpoint", WRITES)
@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}],
)
def test_ingest_without_the_token_is_401(
    client: TestClient, headers: dict[str, str], endpoint: str
) -> None:
    response = client.post(endpoint, json={"urls": ["https://example.org/"]}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_ingest_with_no_token_configured_is_403(demo_store: Store) -> None:
    client = make_client(demo_store, token=None)
    response = client.post(
        "/api/ingest",
        json={"urls": ["https://example.org/"]},
        headers={"Authorization": "Bearer x"},
    )
    assert response.status_code == 403
    assert "LAGEBILD_TOKEN" in response.json()["detail"]


AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/admin",
        "http://localhost/",
        "http://[::1]/",
        "http://10.0.0.7/feed.xml",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
    ],
)
def test_ingest_of_private_addresses_is_refused(client: TestClient, url: str) -> None:
    for endpoint in WRITES:
        response = client.post(endpoint, json={"urls": [url]}, headers=AUTH)
        assert response.status_code == 400
        assert url in response.json()["detail"]
        feed = client.post(endpoint, data={"feed": url}, headers=AUTH)
        assert feed.status_code == 400


def test_private_addresses_pass_the_check_when_allowed(demo_store: Store) -> None:
    client = make_client(demo_store, allow_private=True)
    response = client.post("/api/ingest", json={"urls": ["http://127.0.0.1:9/"]}, headers=AUTH)
    assert response.status_code == 200  # allowed: fetched (and failing: nothing listens there)
    body = response.json()
    assert body["failed"] == 1 and body["new"] == 0


@pytest.mark.parametrize("endpoint", WRITES)
def test_oversize_upload_is_413(demo_store: Store, endpoint: str) -> None:
    client = make_client(demo_store, max_bytes=1000)
    files = {"files": ("big.txt", b"x" * 5000, "text/plain")}
    response = client.post(endpoint, files=files, headers=AUTH)
    assert response.status_code == 413
    assert "over the limit of 1,000 bytes" in response.json()["detail"]


def test_upload_with_the_token_stores_the_article(
    hostile_client: TestClient, tmp_path: Path
) -> None:
    text = (
        "Lindenau stellt neuen Brückenplan vor\n\n"
        "Die Stadt Lindenau will bis 2030 alle Brücken sanieren. Das teilte die "
        "Oberbürgermeisterin am Montag mit. Die Kosten werden auf 40 Millionen Euro geschätzt."
    )
    files = {"files": ("plan.txt", text.encode("utf-8"), "text/plain")}
    response = hostile_client.post("/api/ingest", files=files, headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["new"] == 1 and body["items"][0]["origin"] == "upload:plan.txt"
    article_id = body["items"][0]["article_id"]
    # stored under the upload's own name, not the temporary file it was written to
    assert hostile_client.get(f"/api/articles/{article_id}").json()["origin"] == "upload:plan.txt"
    assert (
        hostile_client.get(f"/api/articles/{article_id}")
        .json()["text"]
        .startswith("Die Stadt Lindenau")
    )
    found = hostile_client.get("/api/search?q=Brückenplan").json()["items"]
    assert [h["article_id"] for h in found] == [article_id]


def test_background_ingest_reports_progress_then_the_articles(
    hostile_client: TestClient,
) -> None:
    texts = [
        f"Lindenau meldet Baufortschritt {n}\n\nAn der Brücke Nummer {n} in Lindenau wird "
        f"seit {n + 2} Wochen gebaut. Das teilte die Stadt am Freitag mit."
        for n in range(3)
    ]
    files = [
        ("files", (f"bau-{n}.txt", t.encode("utf-8"), "text/plain")) for n, t in enumerate(texts)
    ]
    files.append(("files", ("leer.txt", b"   ", "text/plain")))  # fails, the rest goes on
    started = hostile_client.post("/api/ingest/jobs", files=files, headers=AUTH)
    assert started.status_code == 202, started.text
    job = started.json()
    assert job["state"] in {"queued", "running", "done"} and job["inputs"] == 4
    seen = [job["processed"]]
    deadline = time.monotonic() + 120
    while job["state"] not in {"done", "failed"}:
        assert time.monotonic() < deadline, job
        time.sleep(0.05)
        job = hostile_client.get(started.json()["url"], headers=AUTH).json()
        seen.append(job["processed"])
    assert job["state"] == "done" and job["error"] is None
    assert seen == sorted(seen) and job["processed"] == 4  # it only grows
    assert (job["new"], job["failed"]) == (3, 1)
    failed = next(i for i in job["items"] if i["outcome"] == "failed")
    assert failed["origin"].endswith("leer.txt") and failed["reason"]
    for item in job["items"]:
        if item["outcome"] == "new":
            assert hostile_client.get(f"/api/articles/{item['article_id']}").status_code == 200
    # the progress is the token holder's business, and unknown jobs are 404
    assert hostile_client.get(started.json()["url"]).status_code == 401
    assert hostile_client.get("/api/ingest/jobs/nope", headers=AUTH).status_code == 404


def test_ingest_form_needs_the_token(hostile_client: TestClient) -> None:
    response = hostile_client.post("/ingest", data={"token": "wrong", "urls": "https://x.org"})
    assert response.status_code == 401
    assert "wrong token" in response.text


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_which_hosts_are_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_binding_beyond_loopback_needs_a_token() -> None:
    check_bind("127.0.0.1", None)
    check_bind("0.0.0.0", "a-token")
    with pytest.raises(ConfigError, match=r"Refusing to listen on '0.0.0.0'.*LAGEBILD_TOKEN"):
        check_bind("0.0.0.0", None)
    with pytest.raises(ConfigError, match="without a write token"):
        check_bind("192.168.1.5", "")


def test_serve_refuses_a_public_address_without_a_token(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("LAGEBILD_TOKEN", raising=False)
    monkeypatch.setenv("LAGEBILD_CONFIG", str(tmp_path / "none.toml"))
    (tmp_path / "none.toml").write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "s.db")]
    )
    assert result.exit_code != 0
    assert "LAGEBILD_TOKEN" in result.output and "127.0.0.1" in result.output
