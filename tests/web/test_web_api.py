"""The REST API over the demo corpus: lists with filters and pages, detail records in the
export contract's shape, search, and the read-only error cases."""

from __future__ import annotations

from typing import Any

import pytest
from webclient import TestClient

from lagebild.export import ARTICLE_FIELDS, CLAIM_FIELDS, EVENT_FIELDS


def items(client: TestClient, url: str) -> list[dict[str, Any]]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["items"]
    return found


def test_openapi_lists_every_endpoint_and_docs_need_no_cdn(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/events",
        "/api/stories/{story_id}",
        "/api/entities",
        "/api/quotes",
        "/api/claims",
        "/api/summaries",
        "/api/search",
        "/api/ingest",
    ):
        assert path in spec["paths"]
    assert client.get("/docs").status_code == 404  # CDN-based docs are off (CSP, offline)


def test_articles_page_through_all_demo_articles(client: TestClient) -> None:
    first = client.get("/api/articles?limit=10").json()
    assert len(first["items"]) == 10 and first["next"] == 10
    seen = {a["id"] for a in first["items"]}
    offset: int | None = 10
    while offset is not None:
        body = client.get(f"/api/articles?limit=10&offset={offset}").json()
        seen |= {a["id"] for a in body["items"]}
        offset = body["next"]
    assert len(seen) == 22


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("language=en", lambda a: a["language"] == "en"),
        ("since=2026-03-12", lambda a: a["published"] >= "2026-03-12"),
        ("until=2026-03-10", lambda a: a["published"] <= "2026-03-10"),
        ("outlet=The%20Harbour%20Times", lambda a: a["outlet"] == "The Harbour Times"),
    ],
)
def test_article_filters(client: TestClient, query: str, check: Any) -> None:
    found = items(client, f"/api/articles?{query}&limit=200")
    assert found and all(check(a) for a in found)
    assert len(found) < 22


def test_articles_by_entity_and_story(client: TestClient, story_id: str) -> None:
    by_entity = items(client, "/api/articles?entity=per-jochen-brandauer&limit=200")
    assert 0 < len(by_entity) < 22
    for row in by_entity[:3]:
        record = client.get(f"/api/articles/{row['id']}").json()
        assert any(m["entity_id"] == "per-jochen-brandauer" for m in record["mentions"])
    by_story = items(client, f"/api/articles?story={story_id}&limit=200")
    assert by_story and all(a["story_id"] == story_id for a in by_story)


def test_article_detail_is_the_export_record(client: TestClient) -> None:
    article_id = items(client, "/api/articles?limit=1")[0]["id"]
    record = client.get(f"/api/articles/{article_id}").json()
    assert tuple(record) == ARTICLE_FIELDS and record["id"] == article_id


def test_unknown_ids_are_404_with_a_message(client: TestClient) -> None:
    for url in ("/api/articles/nope", "/api/stories/nope", "/api/events/nope", "/api/entities/x"):
        response = client.get(url)
        assert response.status_code == 404
        assert "No " in response.json()["detail"]


def test_bad_parameters_are_422_not_500(client: TestClient) -> None:
    assert client.get("/api/articles?limit=0").status_code == 422
    assert client.get("/api/articles?limit=100000").status_code == 422
    assert client.get("/api/articles?since=yesterday").status_code == 422
    assert client.get("/api/search").status_code == 422


def test_events_and_event_detail(client: TestClient, story_id: str) -> None:
    found = items(client, f"/api/events?story={story_id}&limit=200")
    assert found and all(e["story_id"] == story_id for e in found)
    assert tuple(found[0]) == EVENT_FIELDS
    biggest = max(found, key=lambda e: len(e["article_ids"]))
    detail = client.get(f"/api/events/{biggest['id']}").json()
    assert detail["article_ids"] == biggest["article_ids"]
    assert all(m["reason"] for m in detail["members"])
    assert 1 <= detail["independent_sources"] <= len(detail["article_ids"])


def test_stories_list_and_detail(client: TestClient, story_id: str) -> None:
    row = next(s for s in items(client, "/api/stories") if s["id"] == story_id)
    assert row["articles"] == 22 and 1 <= row["independent_sources"] < 22
    assert sum(row["per_day"].values()) <= 22 and row["first_date"] <= row["last_date"]
    story = client.get(f"/api/stories/{story_id}").json()
    assert story["type"] == "story" and story["digest_error"] is None
    assert len(story["article_ids"]) == 22
    assert story["timeline"] and story["lineage"]
    summary = next(s for s in story["summaries"] if s["target_type"] == "story")
    assert summary["sentences"] and all(s["citations"] for s in summary["sentences"])
    statuses = {fact["status"] for fact in story["facts"]}
    assert "corroborated" in statuses


def test_story_list_date_filter(client: TestClient) -> None:
    assert items(client, "/api/stories?since=2030-01-01") == []
    assert items(client, "/api/stories?since=2026-03-01&until=2026-03-31")


def test_claims_by_story_event_and_status(client: TestClient, story_id: str) -> None:
    every = items(client, f"/api/claims?story={story_id}&limit=200")
    assert every and tuple(every[0]) == CLAIM_FIELDS
    contradicted = items(client, f"/api/claims?story={story_id}&status=contradicted&limit=200")
    assert all(c["status"] == "contradicted" for c in contradicted)
    event_id = next(c["event_id"] for c in every if c["event_id"])
    by_event = items(client, f"/api/claims?event={event_id}&limit=200")
    assert by_event and all(c["event_id"] in (event_id, None) for c in by_event)
    assert client.get("/api/claims").status_code == 400


def test_summaries_cite_spans_that_exist(client: TestClient, story_id: str) -> None:
    found = items(client, f"/api/summaries?story={story_id}")
    story = next(s for s in found if s["target_type"] == "story")
    citation = story["sentences"][0]["citations"][0]
    text = client.get(f"/api/articles/{citation['article_id']}").json()["text"]
    assert 0 <= citation["start"] < citation["end"] <= len(text)


def test_quotes_by_speaker_and_entity(client: TestClient, story_id: str) -> None:
    by_name = items(client, "/api/quotes?speaker=albers-wendt")
    assert by_name and all("Albers-Wendt" in q["speaker"] for q in by_name)
    by_entity = items(client, "/api/quotes?speaker_entity=per-katrin-albers-wendt&limit=200")
    assert {q["speaker_entity"] for q in by_entity} == {"per-katrin-albers-wendt"}
    in_story = items(client, f"/api/quotes?story={story_id}&limit=5")
    assert len(in_story) == 5 and all(q["story_id"] == story_id for q in in_story)


def test_entities_list_and_detail(client: TestClient, story_id: str) -> None:
    people = items(client, "/api/entities?kind=person&limit=5")
    assert people and all(e["kind"] == "person" for e in people)
    names = [e["name"] for e in people]
    assert names == sorted(names) and all(e["mention_count"] >= 0 for e in people)
    assert next(e for e in items(client, "/api/entities?name=albers"))["mention_count"] > 3
    named = items(client, "/api/entities?name=brandauer")
    assert [e["id"] for e in named] == ["per-jochen-brandauer"]
    detail = client.get("/api/entities/per-jochen-brandauer").json()
    assert detail["aliases"] and detail["stories"][0]["id"] == story_id


def test_search_finds_words_and_compound_beginnings(client: TestClient) -> None:
    found = items(client, "/api/search?q=Brandauer")
    assert found and all("Brandauer" in " ".join(h["matches"]) for h in found)
    compounds = items(client, "/api/search?q=Brückenein&limit=50")
    assert any("Brückeneinsturz" in (h["title"] or "") for h in compounds)
    english = items(client, "/api/search?q=bridge&language=en&limit=50")
    assert english and all(h["language"] == "en" for h in english)
    assert items(client, "/api/search?q=Brücke&since=2031-01-01") == []


@pytest.mark.parametrize("query", ['"', "NEAR(", "a:b", "*", "-", "')--"])
def test_search_syntax_in_user_input_is_never_an_error(client: TestClient, query: str) -> None:
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200


def test_quotes_about_an_entity_name_it_inside_the_quote(client: TestClient) -> None:
    about = items(client, "/api/quotes?about=loc-lindenau&limit=200")
    assert about and all("Lindenau" in q["text"] for q in about)
    assert all(q["speaker_entity"] != "loc-lindenau" for q in about)
