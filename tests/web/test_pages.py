"""The pages over the demo corpus: what a reader sees on the story list, a story, an article,
an entity and the search page, in German and English."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import pytest
from webclient import TestClient

from lagebild.records import EventChange
from lagebild.store import Store
from lagebild.web.highlight import Mark, parse_span, segments
from lagebild.web.i18n import from_accept_language, negotiate
from lagebild.web.queries import event_changes_of


def test_story_list_shows_title_span_counts_and_chart_data(
    client: TestClient, story_id: str
) -> None:
    page = client.get("/", headers={"Accept-Language": "en"}).text
    story = client.get(f"/api/stories/{story_id}").json()
    assert f'href="/stories/{story_id}"' in page
    assert html.escape(story["title"], quote=False) in page
    assert "22 Articles" in page and f"{story['independent_sources']} independent sources" in page
    assert re.search(r'<canvas class="chart" data-kind="spark"[^>]*data-series=\'\{"2026-', page)


def test_story_page_has_every_section(client: TestClient, story_id: str) -> None:
    page = client.get(f"/stories/{story_id}", headers={"Accept-Language": "en"}).text
    for section in ("summary", "timeline", "facts", "quotes", "sources", "coverage"):
        assert f'<section id="{section}">' in page
    assert 'class="badge corroborated"' in page
    assert 'class="family"' in page and 'class="badge rel">wire copy' in page
    assert "Katrin Albers-Wendt" in page  # quotes grouped by speaker


def test_summary_citation_leads_to_the_highlighted_span(client: TestClient, story_id: str) -> None:
    page = client.get(f"/stories/{story_id}").text
    summary = page.split('<section id="summary">')[1].split("</section>")[0]
    link = re.search(r'class="cite" href="(/articles/([^"?]+)\?hl=(\d+)-(\d+)#hl)"', summary)
    assert link, "every summary sentence cites an article span"
    url, article_id, start, end = link.groups()
    text = client.get(f"/api/articles/{article_id}").json()["text"]
    page = client.get(url.replace("&amp;", "&")).text
    article = page.split('<div class="text">')[1].split("</div>")[0]
    cited = re.search(r'<span class="[^"]*m-cited[^"]*" id="hl">', article)
    assert cited, "the cited span starts with the #hl anchor"
    marked = "".join(
        re.findall(r'<span class="[^"]*m-cited[^"]*"[^>]*>(?:<a [^>]*>)?([^<]*)', article)
    )
    assert html.unescape(marked) == text[int(start) : int(end)]


def test_article_page_shows_quotes_entities_removed_text_and_metadata_sources(
    client: TestClient, demo_store: Store
) -> None:
    article = next(a for a in demo_store.articles() if a.removed and a.meta.sources)
    page = client.get(f"/articles/{article.id}", headers={"Accept-Language": "en"}).text
    assert 'class="m-entity' in page and 'href="/entities/' in page
    assert '<details class="removed">' in page
    assert html.escape(article.removed[0].label.value) in page
    source = next(iter(article.meta.sources.values()))
    assert f'<td class="muted">{html.escape(source)}</td>' in page
    quoted = next(a for a in demo_store.articles() if demo_store.quotes(a.id))
    assert 'class="m-quote' in client.get(f"/articles/{quoted.id}").text


def test_bad_highlight_spans_are_ignored() -> None:
    assert parse_span("5-10", 100) == (5, 10)
    for value in ("10-5", "0-101", "a-b", "5", "-1-3", None, ""):
        assert parse_span(value, 100) is None


def test_segments_rebuild_the_text_and_nest_marks() -> None:
    text = "Scholz sagte: „Wir bauen.“ Dann ging er."
    marks = [
        Mark(start=0, end=6, kind="entity", entity_id="per-scholz"),
        Mark(start=15, end=25, kind="quote"),
        Mark(start=0, end=26, kind="cited"),
    ]
    found = segments(text, marks)
    assert "".join(s.text for s in found) == text
    assert found[0].kinds == ("cited", "entity") and found[0].anchor
    assert any(s.kinds == ("cited", "quote") and s.text == "Wir bauen." for s in found)
    assert found[-1].kinds == ()


def test_entity_page_shows_variants_quotes_and_stories(client: TestClient, story_id: str) -> None:
    page = client.get("/entities/per-katrin-albers-wendt", headers={"Accept-Language": "en"}).text
    assert "Name variants" in page and "Quotes by Katrin Albers-Wendt" in page
    assert "Quotes that name them" in page
    assert f'href="/stories/{story_id}"' in page
    rows = {r["id"]: r for r in client.get("/api/stories").json()["items"]}
    for language in ("en", "de"):  # named as everywhere else, in the reader's language
        page = client.get(
            "/entities/per-katrin-albers-wendt", headers={"Accept-Language": language}
        ).text
        title = html.escape(rows[story_id]["titles"][language], quote=False)
        assert f'href="/stories/{story_id}">{title}</a>' in page, language
    assert rows[story_id]["titles"]["en"] != rows[story_id]["titles"]["de"]
    api = client.get("/api/entities/per-katrin-albers-wendt").json()
    assert {s["id"]: s["titles"] for s in api["stories"]}[story_id] == rows[story_id]["titles"]
    assert page.count("<q>") >= 3
    assert client.get("/entities/nobody").status_code == 404


def test_entity_list_filters_by_name(client: TestClient) -> None:
    page = client.get("/entities?name=brandauer").text
    assert "Jochen Brandauer" in page and "Katrin Albers-Wendt" not in page


def test_searching_a_speaker_finds_their_quotes(client: TestClient) -> None:
    page = client.get("/search?q=Albers-Wendt", headers={"Accept-Language": "en"}).text
    assert 'class="speaker-hits"' in page
    speaker = page.split('class="speaker-hits"')[1].split("</section>")[0]
    assert "<strong>Katrin Albers-Wendt</strong>" in speaker and "<q>" in speaker
    assert "<mark>" in page  # the article hits mark the matched words


def test_search_page_without_query_and_with_no_hits(client: TestClient) -> None:
    assert client.get("/search").status_code == 200
    page = client.get("/search?q=Zyxwvut", headers={"Accept-Language": "en"}).text
    assert "Nothing found." in page


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "de"),
        ("en-US,en;q=0.9,de;q=0.8", "en"),
        ("fr-FR,fr;q=0.9,de;q=0.5", "de"),
        ("de;q=0.2,en;q=0.8", "en"),
        ("fr", "en"),
        ("", "en"),
        ("de;q=abc", "en"),
    ],
)
def test_language_from_the_browser(header: str, expected: str) -> None:
    assert from_accept_language(header) == expected


def test_query_beats_cookie_beats_browser() -> None:
    assert negotiate("en", "de", "de") == "en"
    assert negotiate(None, "en", "de") == "en"
    assert negotiate("xx", None, "de") == "de"


def test_pages_follow_the_browser_and_remember_a_switch(client: TestClient) -> None:
    german = client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert '<html lang="de">' in german.text and "Geschichten" in german.text
    switched = client.get("/?lang=en", headers={"Accept-Language": "de"})
    assert '<html lang="en">' in switched.text
    assert "lagebild_lang=en" in switched.headers["set-cookie"]
    client.cookies.set("lagebild_lang", "en")
    try:
        again = client.get("/", headers={"Accept-Language": "de"})
        assert '<html lang="en">' in again.text
    finally:
        client.cookies.clear()


def test_ingest_page_asks_for_the_token(client: TestClient) -> None:
    page = client.get("/ingest").text
    assert 'name="token"' in page and 'type="file"' in page and 'name="feed"' in page


def test_static_chart_library_is_served_locally(client: TestClient) -> None:
    response = client.get("/static/vendor/chart.umd.min.js")
    assert response.status_code == 200 and "Chart.js v4" in response.text[:200]
    assert client.get("/static/vendor/chart.js.LICENSE.md").status_code == 200


def test_story_heading_is_in_the_language_of_its_summary(
    client: TestClient, demo_store: Store, story_id: str
) -> None:
    """The demo story's stored title is an English article's; its summary is German, so the
    page's heading is a German article's title."""
    stored = client.get(f"/api/stories/{story_id}").json()["title"]
    digest = demo_store.digest(story_id)
    [summary] = [s for s in digest.summaries if s.target == story_id]
    page = client.get(f"/stories/{story_id}").text
    heading = html.unescape(re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)).strip()
    languages = {
        a["title"]: a["language"]
        for a in client.get("/api/articles", params={"story": story_id, "limit": 100}).json()[
            "items"
        ]
    }
    assert languages.get(heading) == summary.language
    if languages.get(stored) != summary.language:
        assert heading != stored


def test_event_page_says_why_each_article_belongs(
    client: TestClient, demo_store: Store, story_id: str
) -> None:
    """The event page lists every member with the explanation the event index recorded, its
    lineage, the event's cited summary, and links back to its story; the story's timeline
    links to it."""
    events = client.get("/api/events", params={"story": story_id}).json()["items"]
    event = max(events, key=lambda e: len(e["article_ids"]))
    story_page = client.get(f"/stories/{story_id}").text
    assert f'href="/events/{event["id"]}"' in story_page
    page = client.get(f"/events/{event['id']}", headers={"Accept-Language": "en"}).text
    members = page.split('<section id="members">')[1].split("</section>")[0]
    assert members.count('<li class="member">') == len(event["article_ids"])
    for article_id in event["article_ids"]:
        assert f'href="/articles/{article_id}"' in members
    reasons = {m["article_id"]: m["reason"] for m in event["members"]}
    for reason in reasons.values():
        assert html.escape(reason, quote=False) in members
    assert "Shared names" in members and 'class="badge rel">wire copy' in members
    copies = [m for m in event["members"] if m["reason"].startswith("copy of ")]
    assert copies, "the demo's wire copies join the event as copies"
    original = copies[0]["reason"].removeprefix("copy of ")
    assert f'copy of <a href="/articles/{original}">' in members
    assert "opened the event (no other event was similar enough)" in members
    assert f'href="/stories/{story_id}"' in page
    summary = page.split('<section id="summary">')[1].split("</section>")[0]
    assert 'class="cite"' in summary, "the event's summary sentences cite their spans"
    german = client.get(f"/events/{event['id']}", headers={"Accept-Language": "de"}).text
    assert "Warum diese Artikel" in german


def test_unknown_event_is_a_404(client: TestClient) -> None:
    response = client.get("/events/e_nothing")
    assert response.status_code == 404
    assert "e_nothing" in response.text


def test_event_changes_of_finds_the_merges_an_event_took_part_in(tmp_path: Path) -> None:
    merge = EventChange(
        kind="merge",
        event_ids=("e_a", "e_b"),
        result_ids=("e_a",),
        reason="centroids 0.71 similar (>= 0.60) after an article joined; gap 0 days",
        at=dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC),
    )
    other = dataclasses.replace(merge, event_ids=("e_c", "e_ab"), result_ids=("e_c",))
    with Store.open(str(tmp_path / "changes.db")) as store:
        store.replace_events([], [], [], [merge, other])
        assert event_changes_of(store, "e_b") == [merge]
        assert event_changes_of(store, "e_a") == [merge]
        assert event_changes_of(store, "e_ab") == [other]
        assert event_changes_of(store, "e_x") == []


def test_facts_show_the_measure_as_written_not_the_alignment_key(
    client: TestClient, demo_store: Store, story_id: str
) -> None:
    """Claims align on a stemmed key („verletz“); the page shows the claim's own measure
    word („verletzte“)."""
    page = client.get(f"/stories/{story_id}").text
    facts = page.split('<section id="facts">')[1].split("</section>")[0]
    shown = [
        html.unescape(m).split(" (")[0].strip()
        for m in re.findall(r'<span class="measure">(.*?)</span>', facts, re.S)
    ]
    _, events = demo_store.story_events(story_id)
    claims = demo_store.claims([a for e in events for a in e.article_ids])
    words = {c.measure for c in claims if c.measure}
    assert "verletzte" in shown
    assert all(word in words for word in shown if word), set(shown) - words


def test_facts_read_in_the_pages_language(client: TestClient, story_id: str) -> None:
    """A fact lists how its sources word it, and what the opposing ones say, in the reader's
    language; the analysis's own one-line reason is the tooltip."""
    page = client.get(f"/stories/{story_id}", headers={"Accept-Language": "de"}).text
    facts = page.split('<section id="facts">')[1].split("</section>")[0]
    lines = re.findall(r'<p class="muted small" title="[^"]*">(.*?)</p>', facts, re.S)
    assert lines and all("independent sources" not in line for line in lines)
    assert any("dagegen: „150 Menschen“" in html.unescape(line) for line in lines)


def test_every_removed_text_label_has_a_name_in_both_languages() -> None:
    from lagebild.records import TEXT_LABELS, BlockLabel
    from lagebild.web.i18n import MESSAGES

    for label in BlockLabel:
        if label in TEXT_LABELS:
            continue
        names = MESSAGES.get(f"block_{label.value}")
        assert names is not None and names.get("de") and names.get("en"), label


def test_story_list_names_a_story_in_the_readers_language(
    client: TestClient, story_id: str
) -> None:
    """A German reader sees the demo story under a German article's title — the one the
    story page (German summary) shows as its heading; an English reader the English one."""
    story = client.get(f"/api/stories/{story_id}").json()
    rows = {r["id"]: r for r in client.get("/api/stories").json()["items"]}
    assert set(rows[story_id]["titles"]) == {"de", "en"}
    german = client.get("/", headers={"Accept-Language": "de"}).text
    heading = re.search(r"<h1>(.*?)</h1>", client.get(f"/stories/{story_id}").text, re.S)
    assert heading is not None
    assert f'href="/stories/{story_id}">{heading.group(1).strip()}</a>' in german
    english = client.get("/", headers={"Accept-Language": "en"}).text
    assert f">{html.escape(story['title'], quote=False)}</a>" in english
