"""Issue #7 acceptance in a real browser: Debian's headless Chromium driven by Playwright
against ``lagebild serve``'s application on a free loopback port, over a copy of the demo
store. Screenshots go to a temporary folder (and, with LAGEBILD_UPDATE_SCREENSHOTS=1, the story
page to docs/screenshots/story.png for the README)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from webclient import TOKEN, serve_in_thread

from lagebild.settings import Settings
from lagebild.store import Store

CHROMIUM = Path(os.environ.get("LAGEBILD_CHROMIUM") or "/usr/bin/chromium")  # scripts/test.sh
REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    pytest.skip(
        f"Debian's chromium is not at {CHROMIUM} (apt-get install chromium, or set "
        "LAGEBILD_CHROMIUM)",
        allow_module_level=True,
    )
try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover
    pytest.skip("playwright is not installed (pip install playwright)", allow_module_level=True)

HOSTILE = {
    "title": "<script>window.__pwned = 1; alert('t')</script> Brückenwarnung",
    "text": (
        "Die Brückenwarnung der Stadt Lindenau kam zu spät. <img src=x onerror=\"alert('i')\">"
        ' <a href="javascript:alert(1)">Mehr</a> <script>window.__pwned = 2</script>\n\n'
        "Ein Sprecher sagte, man prüfe den Bericht. Die Kosten liegen bei zwei Millionen Euro."
    ),
    "url": "javascript:alert('u')",
    "date": "2026-03-15",
}


@pytest.fixture(scope="module")
def server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from lagebild.web import create_app

    folder = tmp_path_factory.mktemp("browser")
    copy = folder / "demo.db"
    with sqlite3.connect(demo_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # WAL-safe copy: the upload below must not touch the shared store
    with Store.open(str(copy)) as store:
        app = create_app(Settings(db=str(copy), token=TOKEN), store)
        with serve_in_thread(app) as url:
            yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="en-US", viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    opened.dialogs = dialogs  # type: ignore[attr-defined]
    yield opened
    context.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def _open_story(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.locator("ol.stories h2 a").first.click()
    page.wait_for_selector("#summary .summary p")


def test_stories_list_and_story_page(page: Page, server: str, shots: Path) -> None:
    page.goto(server + "/")
    assert page.locator("ol.stories li").count() >= 1
    page.wait_for_selector("canvas.chart[data-drawn]")  # (no wait_for_function: CSP, no eval)
    page.screenshot(path=str(shots / "stories.png"), full_page=True)
    _open_story(page, server)
    assert page.locator("#timeline ol.timeline li").count() >= 3
    assert page.locator("#facts .badge.corroborated").count() >= 1
    assert page.locator("#sources .family").count() >= 2
    page.wait_for_selector("#coverage canvas[data-drawn]")
    page.screenshot(path=str(shots / "story.png"), full_page=False)
    if os.environ.get("LAGEBILD_UPDATE_SCREENSHOTS"):
        target = REPO / "docs" / "screenshots" / "story.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shots / "story.png", target)


def test_pages_fit_a_phone_in_german(browser: Browser, server: str, shots: Path) -> None:
    """On a phone-sized screen no page scrolls sideways, and a German browser gets German."""
    context = browser.new_context(
        locale="de-DE", viewport={"width": 390, "height": 844}, is_mobile=True
    )
    page = context.new_page()
    try:
        page.goto(server + "/")
        assert page.locator("html").get_attribute("lang") == "de"
        story = page.locator("ol.stories h2 a").first.get_attribute("href")
        article = json.loads(page.request.get(f"{server}/api/articles?limit=1").text())
        first = article["items"][0]
        urls = ["/", story, f"/articles/{first['id']}", "/search?q=Brücke"]
        if first.get("event_id"):
            urls.append(f"/events/{first['event_id']}")
        for url in urls:
            page.goto(f"{server}{url}")
            page.wait_for_load_state("load")
            overflow = page.evaluate(
                "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
            )
            assert overflow <= 1, f"{url} is {overflow}px wider than the phone's screen"
        page.goto(f"{server}{story}")
        page.screenshot(path=str(shots / "story-phone.png"))
    finally:
        context.close()


def test_summary_citation_opens_the_highlighted_span(page: Page, server: str, shots: Path) -> None:
    _open_story(page, server)
    link = page.locator("#summary a.cite").first
    href = link.get_attribute("href") or ""
    article_id = href.split("/articles/")[1].split("?")[0]
    start, end = (int(x) for x in href.split("hl=")[1].split("#")[0].split("-"))
    link.click()
    page.wait_for_selector("#hl")
    cited = "".join(page.locator(".text .m-cited").all_inner_texts())
    text = json.loads(page.request.get(f"{server}/api/articles/{article_id}").text())["text"]
    assert cited == text[start:end]
    assert page.locator("#hl").is_visible()
    box = page.locator("#hl").bounding_box()
    assert box is not None and box["y"] + box["height"] > 0 and box["y"] < 900  # in view
    page.screenshot(path=str(shots / "citation.png"))


def test_search_for_a_speaker_finds_their_quote(page: Page, server: str, shots: Path) -> None:
    page.goto(server + "/search")
    page.fill("input[name=q]", "Brandauer")
    page.click("form.search-form button")
    page.wait_for_selector(".speaker-hits")
    quote = page.locator(".speaker-hits li").first
    assert "Jochen Brandauer" in quote.inner_text()
    quote.locator("a.src").click()
    page.wait_for_selector("#hl")
    assert page.locator(".text .m-cited.m-quote").count() >= 1
    page.screenshot(path=str(shots / "search.png"))


def _upload(page: Page, server: str, path: Path) -> str:
    page.goto(server + "/ingest")
    page.fill("input[name=token]", TOKEN)
    page.set_input_files("input[name=files]", str(path))
    with page.expect_response(lambda r: r.url.endswith("/api/ingest/jobs")) as started:
        page.click("form.ingest button[type=submit]")
    assert started.value.status == 202  # a background job, its progress polled by the page
    page.wait_for_selector("#ingest-result[data-state=done]", timeout=60_000)
    row = page.locator("#ingest-result tbody tr").first
    assert "new" in row.inner_text()
    return row.locator("a").inner_text()


def test_upload_with_the_token_then_the_article_appears(
    page: Page, server: str, tmp_path: Path, shots: Path
) -> None:
    path = tmp_path / "neu.txt"
    path.write_text(
        "Lindenau bekommt eine Behelfsbrücke\n\nDie Bundeswehr baut in Lindenau eine "
        "Behelfsbrücke über die Weser. Das sagte ein Sprecher am Dienstag. Sie soll in "
        "drei Wochen stehen.",
        encoding="utf-8",
    )
    article_id = _upload(page, server, path)
    page.screenshot(path=str(shots / "ingest.png"))
    page.goto(f"{server}/search?q=Behelfsbrücke")
    assert page.locator(f'ol.hits a[href="/articles/{article_id}"]').count() == 1


def test_hostile_article_runs_no_script(page: Page, server: str, tmp_path: Path) -> None:
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    article_id = _upload(page, server, path)
    visited: list[str] = [f"/articles/{article_id}", "/search?q=Brückenwarnung"]
    story: Any = json.loads(page.request.get(f"{server}/api/articles/{article_id}").text())
    if story["story_id"]:
        visited.append(f"/stories/{story['story_id']}")
    if story["event_id"]:
        visited.append(f"/events/{story['event_id']}")
    for url in visited:
        page.goto(server + url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned === undefined"), url
        assert page.locator("a[href^='javascript:']").count() == 0, url
    assert page.dialogs == []  # type: ignore[attr-defined]
    response = page.goto(f"{server}/articles/{article_id}")
    assert response is not None and "&lt;script&gt;window.__pwned" in response.text()
    assert page.locator("h1").inner_text().startswith("<script>window.__pwned")
