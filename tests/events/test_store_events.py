"""Events through ingest and the store: ids survive a restart and a revision, a wire copy
follows its original, re-clustering keeps ids, export records carry events and lineage."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from lagebild.api import iter_records
from lagebild.cli import main
from lagebild.events.store import open_relater
from lagebild.ingestion import ingest
from lagebild.settings import Settings
from lagebild.store import Store

FAST = Settings(entities=False, workers=1)  # events work without entities (faster tests)

QUAKE = (
    "date 2026-02-03\n\n"
    "Erdbeben erschüttert Sumatra\n\n"
    "PADANG (dpa) - Ein schweres Erdbeben der Stärke 6,8 hat am Dienstag die indonesische "
    "Insel Sumatra erschüttert. Nach Angaben der Katastrophenschutzbehörde kamen mindestens "
    "zwölf Menschen ums Leben, mehr als 200 Häuser in der Provinz Westsumatra wurden zerstört.\n\n"
    "Das Zentrum des Bebens lag etwa 40 Kilometer vor der Küste von Padang in einer Tiefe von "
    "zehn Kilometern. Eine Tsunami-Warnung wurde nach zwei Stunden aufgehoben. Rettungskräfte "
    "suchten in den Trümmern nach Verschütteten, in Padang fiel der Strom aus.\n\n"
    "Indonesien liegt auf dem Pazifischen Feuerring, wo Erdbeben häufig sind.\n"
)
QUAKE_COPY = (
    QUAKE.replace("date 2026-02-03", "date 2026-02-04")  # reprinted the next morning
    .replace("Erdbeben erschüttert Sumatra", "Tote nach Beben auf Sumatra")
    .replace(
        "Indonesien liegt auf dem Pazifischen Feuerring, wo Erdbeben häufig sind.",
        "Auch die Partnerstadt Bremerhaven bot Hilfe an, teilte das Rathaus am Mittwoch mit.",
    )
)
BUDGET = (
    "date 2026-02-03\n\n"
    "Bundestag beschließt Haushalt\n\n"
    "Der Bundestag hat am Dienstag den Bundeshaushalt für das kommende Jahr beschlossen. Die "
    "Koalition setzte Ausgaben von 480 Milliarden Euro durch, die Opposition kritisierte neue "
    "Schulden und fehlende Investitionen in Schulen und Schienen.\n\n"
    "Finanzminister und Haushälter verteidigten die Kreditaufnahme als notwendig.\n"
)


def _write(folder: Path, files: dict[str, str]) -> list[str]:
    folder.mkdir(exist_ok=True)
    paths = []
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
        paths.append(str(folder / name))
    return paths


def _records(store: Store) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for record in iter_records(store):
        found.setdefault(record["type"], []).append(record)
    return found


def test_a_wire_copy_joins_its_original_and_counts_once(tmp_path: Path, sqlite_url: str) -> None:
    paths = _write(tmp_path / "in", {"a.txt": QUAKE, "b.txt": QUAKE_COPY, "c.txt": BUDGET})
    with Store.open(sqlite_url) as store:
        report = ingest(paths, store, settings=FAST)
        assert report.ok
        records = _records(store)
    by_origin = {Path(r["origin"]).name: r for r in records["article"]}
    assert by_origin["a.txt"]["event_id"] == by_origin["b.txt"]["event_id"]
    assert by_origin["c.txt"]["event_id"] != by_origin["a.txt"]["event_id"]
    [lineage] = records["lineage"]
    assert lineage["relation"] == "wire_copy"
    assert lineage["from_article"] == by_origin["a.txt"]["id"]
    assert 0.5 < lineage["shared_fraction"] < 1.0
    quake = next(e for e in records["event"] if e["id"] == by_origin["a.txt"]["event_id"])
    assert quake["independent_sources"] == 1
    assert quake["date"] == "2026-02-03" and quake["date_precision"] == "day"
    assert [m["reason"] for m in quake["members"]][1].startswith("copy of")


def test_event_ids_survive_a_restart_and_a_rerun(tmp_path: Path, sqlite_url: str) -> None:
    first = _write(tmp_path / "one", {"a.txt": QUAKE, "c.txt": BUDGET})
    with Store.open(sqlite_url) as store:
        ingest(first, store, settings=FAST)
        before = {r["id"]: r["event_id"] for r in _records(store)["article"]}
    second = _write(tmp_path / "two", {"b.txt": QUAKE_COPY})
    with Store.open(sqlite_url) as store:  # a new process: indexes loaded from the store
        ingest(second + first, store, settings=FAST)
        after = {r["id"]: r["event_id"] for r in _records(store)["article"]}
    assert {a: after[a] for a in before} == before
    assert len(set(after.values())) == 2


def test_recluster_keeps_ids_and_every_article_placed(tmp_path: Path, sqlite_url: str) -> None:
    paths = _write(tmp_path / "in", {"a.txt": QUAKE, "b.txt": QUAKE_COPY, "c.txt": BUDGET})
    with Store.open(sqlite_url) as store:
        ingest(paths, store, settings=FAST)
        before = {r["id"]: r["event_id"] for r in _records(store)["article"]}
    result = CliRunner().invoke(main, ["recluster", "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    assert "re-clustered 3 articles into 2 events" in result.output
    with Store.open(sqlite_url) as store:
        records = _records(store)
    assert {r["id"]: r["event_id"] for r in records["article"]} == before
    assert {e["id"] for e in records["event"]} == set(before.values())
    assert all(r["story_id"] for r in records["article"])


def test_events_can_be_turned_off(tmp_path: Path, sqlite_url: str) -> None:
    paths = _write(tmp_path / "in", {"a.txt": QUAKE})
    with Store.open(sqlite_url) as store:
        ingest(paths, store, settings=Settings(entities=False, events=False, workers=1))
        records = _records(store)
    assert records["article"][0]["event_id"] is None
    assert "event" not in records


def test_stories_and_event_commands_show_the_explanation(tmp_path: Path, sqlite_url: str) -> None:
    paths = _write(tmp_path / "in", {"a.txt": QUAKE, "b.txt": QUAKE_COPY})
    with Store.open(sqlite_url) as store:
        ingest(paths, store, settings=FAST)
        [event] = _records(store)["event"]
    runner = CliRunner()
    stories = runner.invoke(main, ["stories", "--db", sqlite_url])
    assert stories.exit_code == 0 and event["id"] in stories.output
    shown = runner.invoke(main, ["event", event["id"], "--db", sqlite_url])
    assert shown.exit_code == 0, shown.output
    assert "copy of" in shown.output and "opened the event" in shown.output
    missing = runner.invoke(main, ["event", "e_0000000000000000", "--db", sqlite_url])
    assert missing.exit_code != 0 and "lagebild stories" in missing.output


def test_a_translation_stored_first_is_linked_when_its_original_arrives(
    sqlite_url: str,
) -> None:
    corpus = Path(__file__).resolve().parents[2] / "src" / "lagebild" / "demo_corpus" / "articles"
    translation = corpus / "hanseatischer-anzeiger_2026-03-11_klang-wie-donner.html"
    original = corpus / "harbour-times_2026-03-10_sounded-like-thunder.html"
    with Store.open(sqlite_url) as store:
        ingest([str(translation)], store, settings=FAST)
        [named] = _records(store)["lineage"]
        assert named["from_article"] is None
        assert named["from_source"] == "The Harbour Times (en)"
        ingest([str(original)], store, settings=FAST)
        records = _records(store)
    [edge] = records["lineage"]
    ids = {Path(r["origin"]).name: r["id"] for r in records["article"]}
    assert edge["relation"] == "translation"
    assert edge["from_article"] == ids[original.name]
    assert edge["to_article"] == ids[translation.name]
    events = {r["id"]: r["event_id"] for r in records["article"]}
    assert events[ids[original.name]] == events[ids[translation.name]]


@pytest.mark.postgres
def test_events_lineage_and_recluster_on_postgres(tmp_path: Path, pg_url: str) -> None:
    paths = _write(tmp_path / "in", {"a.txt": QUAKE, "b.txt": QUAKE_COPY, "c.txt": BUDGET})
    with Store.open(pg_url) as store:
        assert ingest(paths, store, settings=FAST).ok
        records = _records(store)
    assert len(records["event"]) == 2 and len(records["lineage"]) == 1
    result = CliRunner().invoke(main, ["recluster", "--db", pg_url])
    assert result.exit_code == 0, result.output
    with Store.open(pg_url) as store:
        again = _records(store)
    assert {r["id"]: r["event_id"] for r in again["article"]} == {
        r["id"]: r["event_id"] for r in records["article"]
    }


def test_a_split_moves_stored_articles_and_survives_a_restart(sqlite_url: str) -> None:
    """An event that took in two happenings is split on ingest: the moved articles' stored
    event ids and memberships change, the split is recorded, and a reopened store goes on
    from the split events (a copy's family with them)."""
    from test_index import LAUNCH_A, LAUNCH_B, feat, variant

    from lagebild.events.features import Frequencies
    from lagebild.events.index import EventIndex
    from lagebild.events.online import Relater, story_index
    from lagebild.quotes.extract import bare_article
    from lagebild.records import RawDocument

    store = Store.open(sqlite_url)
    relater = Relater(
        EventIndex(join=0.05, members=store.features_of),  # low join: all meet in one event
        story_index(Frequencies()),
    )
    plan = [(f"bg{i}", {f"thema{i}": 3, f"wort{i}": 2}) for i in range(30)]
    plan += [(f"a{i}", variant(LAUNCH_A, i)) for i in range(4)]
    plan += [(f"b{i}", variant(LAUNCH_B, i)) for i in range(3)]
    ids = {}
    for name, counts in plan:
        article = bare_article(f"Artikel {name}")
        raw = RawDocument(origin=name, data=article.text.encode(), format="text")
        saved = store.save(article, raw)
        features = replace(feat(name, counts), article_id=article.id)
        store.save_relations(relater.relate(article, features=features), saved.revision)
        ids[name] = article.id
    memberships = store.memberships()
    kept = memberships[ids["a0"]].event_id
    new = memberships[ids["b0"]].event_id
    assert kept != new
    assert {memberships[ids[f"a{i}"]].event_id for i in range(4)} == {kept}
    assert {memberships[ids[f"b{i}"]].event_id for i in range(3)} == {new}
    assert "by a split" in memberships[ids["b0"]].reason
    [split] = [c for c in store.event_changes() if c.kind == "split"]
    assert split.event_ids == (kept,) and split.result_ids == (kept, new)
    events, _stories = store.events()
    by_id = {e.id: e for e in events}
    assert sorted(by_id[new].article_ids) == sorted(ids[f"b{i}"] for i in range(3))
    assert sorted(by_id[kept].article_ids) == sorted(ids[f"a{i}"] for i in range(4))
    assert [f.article_id for f in store.features_of([ids["b1"], "missing"])] == [ids["b1"]]
    reopened = open_relater(store)
    assert reopened.events.event_of(ids["b2"]) == new
    assert reopened.events.get(kept).size == 4  # type: ignore[union-attr]
