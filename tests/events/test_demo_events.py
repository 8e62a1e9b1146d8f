"""Issue #5 acceptance on the demo corpus: the wire text and its reprints form one lineage
family with the right independent-source count, the translation is linked to its original,
and the story's events sit in one storyline.

The expectations come from MANIFEST.json (written with the corpus, before this code): its
``wire_family`` and ``translation_of`` of every article. The corpus goes through ``lagebild
demo`` (ingest in crawl order) into a fresh store and is read back through the export path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from lagebild.api import iter_records
from lagebild.cli import main
from lagebild.lineage.sources import families
from lagebild.records import LineageEdge, LineageRelation
from lagebild.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "demo_corpus"


@pytest.fixture(scope="module")
def manifest(demo_manifest: dict[str, Any]) -> dict[str, Any]:
    return demo_manifest


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, list[dict[str, Any]]]]:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(main, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store.open(str(db)) as store:
        found: dict[str, list[dict[str, Any]]] = {}
        for record in iter_records(store):
            found.setdefault(record["type"], []).append(record)
        yield found


@pytest.fixture(scope="module")
def manifest_of(
    manifest: dict[str, Any], records: dict[str, list[dict[str, Any]]]
) -> dict[str, dict[str, Any]]:
    """Store article id -> its manifest entry (matched by file and title)."""
    by_title = {
        (entry["path"], article["title"]): article
        for entry in manifest["files"]
        for article in entry["articles"]
    }
    out = {}
    for record in records["article"]:
        path = str(Path(record["origin"].split("#")[0]).relative_to(CORPUS))
        out[record["id"]] = by_title[(path, record["title"])]
    assert len(out) == 22
    return out


def _edges(records: dict[str, list[dict[str, Any]]]) -> list[LineageEdge]:
    return [
        LineageEdge(
            from_article=r["from_article"],
            to_article=r["to_article"],
            relation=LineageRelation(r["relation"]),
            shared_fraction=r["shared_fraction"],
            kept_fraction=r["kept_fraction"],
            evidence=r["evidence"],
        )
        for r in records.get("lineage", [])
    ]


def test_each_wire_text_and_its_reprints_form_one_lineage_family(
    records: dict[str, list[dict[str, Any]]], manifest_of: dict[str, dict[str, Any]]
) -> None:
    wire = [e for e in _edges(records) if e.relation == LineageRelation.WIRE_COPY]
    found = families(list(manifest_of), wire)
    expected: dict[str, set[str]] = {}
    for article_id, entry in manifest_of.items():
        if entry["wire_family"]:
            expected.setdefault(entry["wire_family"], set()).add(article_id)
    assert {len(members) for members in expected.values()} == {6, 2}
    for family, members in expected.items():
        assert members in [set(f) for f in found], family
    for edge in wire:  # the original is the agency's own text
        origin = manifest_of[edge.from_article or ""]
        assert origin["wire_family"] == manifest_of[edge.to_article]["wire_family"]


def test_the_dpa_text_is_the_original_of_its_reprints(
    records: dict[str, list[dict[str, Any]]], manifest_of: dict[str, dict[str, Any]]
) -> None:
    dpa = next(a for a, e in manifest_of.items() if e["id"] == "dpa-0310-wire")
    into = {e.to_article for e in _edges(records) if e.from_article == dpa}
    reprints = {a for a, e in manifest_of.items() if e["wire_family"] == "W1-dpa-brueckeneinsturz"}
    assert into == reprints - {dpa}


def test_the_translation_is_linked_to_its_original(
    records: dict[str, list[dict[str, Any]]], manifest_of: dict[str, dict[str, Any]]
) -> None:
    [translation] = [a for a, e in manifest_of.items() if e["translation_of"]]
    [edge] = [e for e in _edges(records) if e.to_article == translation]
    assert edge.relation == LineageRelation.TRANSLATION
    assert manifest_of[edge.from_article or ""]["id"] == "ht-0310-own"
    assert edge.shared_fraction >= 0.6


def test_independent_sources_count_each_wire_text_once(
    records: dict[str, list[dict[str, Any]]], manifest_of: dict[str, dict[str, Any]]
) -> None:
    for event in records["event"]:
        groups = set()
        for article_id in event["article_ids"]:
            entry = manifest_of[article_id]
            original = entry["translation_of"]
            if original:  # the translation and its original are one source
                entry = next(e for e in manifest_of.values() if e["id"] == "ht-0310-own")
            groups.add(entry["wire_family"] or entry["id"])
        assert event["independent_sources"] == len(groups), event["title"]
    biggest = max(records["event"], key=lambda e: len(e["article_ids"]))
    assert len(biggest["article_ids"]) > biggest["independent_sources"]


def test_every_article_is_in_an_event_with_an_explanation(
    records: dict[str, list[dict[str, Any]]],
) -> None:
    events = {e["id"]: e for e in records["event"]}
    for article in records["article"]:
        event = events[article["event_id"]]
        [member] = [m for m in event["members"] if m["article_id"] == article["id"]]
        assert member["reason"]
        assert article["story_id"] == event["story_id"]


def test_the_story_s_events_sit_in_one_storyline(records: dict[str, list[dict[str, Any]]]) -> None:
    [story] = records["story"]
    assert set(story["event_ids"]) == {e["id"] for e in records["event"]}
    assert len(story["article_ids"]) == 22
    assert len(records["event"]) >= 4  # the collapse, the row, the resignation, the search...
