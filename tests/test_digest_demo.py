"""Issue #6 acceptance on the demo corpus, read back through the export: the planted
contradiction (150 vs 120 injured) is found, the planted corroboration (the Hafenbrücke closed
for at least three weeks) is one group with five independent sources (the machine translation
of one of them counts with its original), a wire text reprinted by several outlets counts as
one source, and every summary and timeline sentence passes the support check.

The expectations come from MANIFEST.json (``contradictions``, ``corroborations``), written with
the corpus before this code.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from lagebild.api import iter_records
from lagebild.cli import main
from lagebild.records import Article, Citation, Summary, SummarySentence
from lagebild.store import Store
from lagebild.summaries.support import check_support, quote_problems

CORPUS = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "demo_corpus"
SCHEMA = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "schema"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, Any]]]:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(main, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Summary:" in result.output and "contradicted" in result.output
    with Store.open(str(db)) as store:
        found: dict[str, list[dict[str, Any]]] = {}
        for record in iter_records(store):
            found.setdefault(record["type"], []).append(record)
        yield store, found


def _article_of(records: dict[str, Any], manifest: dict[str, Any]) -> dict[str, str]:
    """Manifest article id -> store article id (matched by file and title)."""
    by_title = {
        (entry["path"], article["title"]): article["id"]
        for entry in manifest["files"]
        for article in entry["articles"]
    }
    out = {}
    for record in records["article"]:
        path = str(Path(record["origin"].split("#")[0]).relative_to(CORPUS))
        out[by_title[(path, record["title"])]] = record["id"]
    return out


def _claim_at(records: dict[str, Any], article_id: str, snippet: str) -> dict[str, Any]:
    """The claim whose evidence lies in the snippet's sentence of that article."""
    article = next(r for r in records["article"] if r["id"] == article_id)
    at = article["text"].index(snippet)
    found = [
        c
        for c in records["claim"]
        if c["article_id"] == article_id
        and c["kind"] == "quantity"
        and at <= c["value_start"] < at + len(snippet)
    ]
    assert found, f"no quantity claim in {snippet!r}"
    first: dict[str, Any] = found[0]
    return first


def test_the_planted_contradiction_is_found(
    demo: tuple[Store, dict[str, Any]], demo_manifest: dict[str, Any]
) -> None:
    _, records = demo
    ids = _article_of(records, demo_manifest)
    [planted] = demo_manifest["contradictions"]
    claims = [_claim_at(records, ids[c["article"]], c["snippet"]) for c in planted["claims"]]
    assert [c["value"] for c in claims] == [c["value"] for c in planted["claims"]]
    assert claims[0]["group_id"] == claims[1]["group_id"]
    assert {c["status"] for c in claims} == {"contradicted"}
    group = claims[0]["group_id"]
    reason = claims[0]["status_reason"]
    assert "150" in reason and "120" in reason, reason
    assert all(c["group_id"] == group for c in claims)


def test_the_planted_corroboration_counts_independent_sources(
    demo: tuple[Store, dict[str, Any]], demo_manifest: dict[str, Any]
) -> None:
    _, records = demo
    ids = _article_of(records, demo_manifest)
    [planted] = demo_manifest["corroborations"]
    independent = [
        _claim_at(records, ids[c["article"]], c["snippet"]) for c in planted["independent"]
    ]
    dependent = [_claim_at(records, ids[c["article"]], c["snippet"]) for c in planted["dependent"]]
    groups = {c["group_id"] for c in independent + dependent}
    assert len(groups) == 1
    assert {c["status"] for c in independent} == {"corroborated"}
    # The machine translation is not a sixth source.
    assert {c["group_sources"] for c in independent} == {len(planted["independent"])}


def test_a_wire_text_reprinted_by_several_outlets_counts_once(
    demo: tuple[Store, dict[str, Any]], demo_manifest: dict[str, Any]
) -> None:
    _, records = demo
    ids = _article_of(records, demo_manifest)
    family = next(f for f in demo_manifest["wire_families"] if f["agency"] == "dpa")
    members = [ids[family["original"]["article"]]] + [ids[c["article"]] for c in family["copies"]]
    by_group: dict[str, set[str]] = {}
    for claim in records["claim"]:
        if claim["group_id"]:
            by_group.setdefault(claim["group_id"], set()).add(claim["article_id"])
    groups = {c["group_id"]: c for c in records["claim"] if c["group_id"]}
    # Every claim group that only the dpa text and its reprints carry rests on one source.
    wire_only = [
        g for g, articles in by_group.items() if len(articles) > 1 and articles <= set(members)
    ]
    assert wire_only, "the dpa family shares no claim"
    for group in wire_only:
        assert groups[group]["group_sources"] == 1
        assert groups[group]["status"] == "single_source"


def test_every_summary_and_timeline_sentence_is_supported(
    demo: tuple[Store, dict[str, Any]],
) -> None:
    store, records = demo
    summaries = records["summary"]
    assert {s["target_type"] for s in summaries} == {"event", "story"}
    ids = {c["article_id"] for s in summaries for x in s["sentences"] for c in x["citations"]}
    ids |= {
        c["article_id"] for r in records["story"] for e in r["timeline"] for c in e["citations"]
    }
    articles: dict[str, Article] = store.current(sorted(ids))
    for record in summaries:
        assert record["sentences"], record["target"]
        summary = _summary(record["target"], record["sentences"])
        assert check_support(summary, articles) == []
        for sentence in summary.sentences:
            cited = [articles[c.article_id].text[c.start : c.end] for c in sentence.citations]
            assert quote_problems(sentence.text, cited) == []
    for story in records["story"]:
        assert story["timeline"]
        timeline = _summary(story["id"], story["timeline"])
        assert check_support(timeline, articles) == []
        dates = [e["date"] for e in story["timeline"] if not e["uncertain"]]
        assert dates == sorted(dates)


def test_the_timeline_reads_in_the_language_of_the_story_summary(
    demo: tuple[Store, dict[str, Any]],
) -> None:
    """The demo story's summary is German; an event whose first article is English (the
    Meridian report) still gets a German timeline entry, since German members exist."""
    store, records = demo
    story_summaries = {s["target"]: s for s in records["summary"] if s["target_type"] == "story"}
    checked = 0
    for story in records["story"]:
        language = story_summaries[story["id"]]["language"]
        if language is None:
            continue
        events = {e.id: e for e in store.story_events(story["id"])[1]}
        for entry in story["timeline"]:
            members = store.current(list(events[entry["event_id"]].article_ids))
            if not any(a.meta.language == language for a in members.values()):
                continue
            cited = store.current([c["article_id"] for c in entry["citations"]])
            assert {a.meta.language for a in cited.values()} == {language}, entry["text"]
            checked += 1
    assert checked >= 5


def _summary(target: str, sentences: list[dict[str, Any]]) -> Summary:
    return Summary(
        target=target,
        language=None,
        sentences=tuple(
            SummarySentence(text=s["text"], citations=tuple(Citation(**c) for c in s["citations"]))
            for s in sentences
        ),
    )


def test_claim_summary_and_story_records_follow_the_schema(
    demo: tuple[Store, dict[str, Any]],
) -> None:
    _, records = demo
    schema = json.loads((SCHEMA / "records.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for kind in ("claim", "summary", "story"):
        assert records[kind]
        for record in records[kind]:
            validator.validate(record)
    for claim in records["claim"]:
        article = next(r for r in records["article"] if r["id"] == claim["article_id"])
        assert article["text"][claim["start"] : claim["end"]] == claim["text"]
        assert article["text"][claim["value_start"] : claim["value_end"]] == claim["value_text"]


def test_story_command_shows_summary_timeline_and_facts(
    demo: tuple[Store, dict[str, Any]],
) -> None:
    store, records = demo
    story = max(records["story"], key=lambda s: len(s["article_ids"]))
    result = CliRunner().invoke(main, ["story", story["id"], "--db", store.location])
    assert result.exit_code == 0, result.output
    for heading in ("Summary:", "Timeline", "Facts", "Sources cited"):
        assert heading in result.output
    missing = CliRunner().invoke(main, ["story", "s_0000000000000000", "--db", store.location])
    assert missing.exit_code != 0 and "lagebild stories" in missing.output


@pytest.mark.parametrize("prepared", [True, False])
def test_ingest_prepares_the_digest_of_each_story_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prepared: bool
) -> None:
    """With ``digests`` on (the default) an ingest leaves every story it changed with its
    digest cached, so the first page view reads it; off, it is computed when asked for."""
    import lagebild.digest
    from lagebild.api import ingest
    from lagebild.settings import Settings
    from lagebild.store.search import has_pending

    files = [
        CORPUS / "articles" / name
        for name in (
            "dpa_2026-03-10_brueckeneinsturz-lindenau.txt",
            "weser-echo_2026-03-10_katastrophe-an-der-weser.txt",
            "meridian_2026-03-10_bridge-collapse-lindenau.txt",
        )
    ]
    db = str(tmp_path / "d.db")
    settings = Settings(db=db, digests=prepared, workers=1)
    with Store.open(db) as store:
        report = ingest([str(f) for f in files], store, settings=settings)
        assert report.count("new") == 3
        assert not store.query(has_pending)  # the full-text index is ready, too
        _, stories = store.events()
        assert stories

        def no_analysis(*_: Any, **__: Any) -> None:
            raise AssertionError("the digest should have been cached by the ingest")

        monkeypatch.setattr(lagebild.digest, "story_digest", no_analysis)
        for story in stories:
            if prepared:
                digest = store.digest(story.id)
                assert digest is not None and digest.summaries
            else:
                with pytest.raises(AssertionError, match="cached by the ingest"):
                    store.digest(story.id)
