"""Ingest end to end: bad inputs are reported one line each, the batch goes on, nothing stored
is lost; re-ingesting changes nothing; a killed ingest is completed by a rerun (issue #2)."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from lagebild.claims.extract import extract_claims
from lagebild.ingestion import ingest
from lagebild.settings import Settings
from lagebild.store import Store

GOOD_TEXT = (
    "Lindenau (dpa) - Die Stadt Lindenau hat am Montag einen neuen Bürgermeister gewählt. "
    "Die Wahlbeteiligung lag nach Angaben der Stadt bei 48 Prozent.\n\n"
    "Der neue Amtsinhaber sagte, er werde sich zuerst um die Schulen kümmern.\n"
)
GOOD_HTML = (
    "<html lang='de'><head><title>Neue Brücke eröffnet</title>"
    "<meta property='article:published_time' content='2025-09-16T08:00:00+02:00'></head>"
    "<body><nav>Startseite Politik Sport</nav><article><h1>Neue Brücke eröffnet</h1>"
    "<p>Nach drei Jahren Bauzeit ist die neue Brücke über die Weser am Dienstag eröffnet worden. "
    "Die Baukosten lagen bei 42 Millionen Euro, wie die Stadtverwaltung mitteilte.</p>"
    "<p>Verkehrsministerin Anna Beispiel sprach von einem wichtigen Tag für die Region und "
    "kündigte weitere Projekte an.</p></article></body></html>"
)


def _write_batch(folder: Path) -> dict[str, str]:
    """Good and bad files side by side; returns name -> expected failure wording."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "good.html").write_text(GOOD_HTML, encoding="utf-8")
    (folder / "latin1.txt").write_bytes(GOOD_TEXT.replace("Lindenau", "Lübeck").encode("cp1252"))
    bad: dict[str, str] = {}
    (folder / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    bad["binary.html"] = "binary"
    (folder / "empty.txt").write_bytes(b"")
    bad["empty.txt"] = "empty"
    with (folder / "huge.txt").open("wb") as f:
        f.write(GOOD_TEXT.encode())
        f.truncate(50 * 1024 * 1024)
    bad["huge.txt"] = "MiB|MB|bytes|larger|too large"
    (folder / "noise.txt").write_bytes(bytes((i * 7919 + 13) % 256 for i in range(4000)))
    bad["noise.txt"] = "binary|decode|encoding"
    (folder / "cut.html.gz").write_bytes(gzip.compress(GOOD_HTML.encode())[:60])
    bad["cut.html.gz"] = "gzip|truncated|compressed"
    (folder / "cut.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n")[:30])
    bad["cut.warc.gz"] = "WARC|gzip|truncated"
    (folder / "nobody.html").write_text(
        "<html><head><title>x</title></head></html>", encoding="utf-8"
    )
    bad["nobody.html"] = "no article text"
    return bad


def _one_line(reason: str | None) -> bool:
    return bool(reason) and "\n" not in (reason or "") and len(reason or "") < 400


def test_bad_inputs_fail_one_line_each_and_nothing_is_lost(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    earlier = tmp_path / "earlier.txt"
    earlier.write_text(GOOD_TEXT.replace("Montag", "Sonntag"), encoding="utf-8")
    with Store.open(url) as store:
        first = ingest([str(earlier)], store)
        assert first.count("new") == 1
        kept = next(iter(store.articles()))

    bad = _write_batch(tmp_path / "batch")
    inputs = [str(tmp_path / "batch"), "http://10.1.2.3/artikel", "http://127.0.0.1:9/artikel"]
    with Store.open(url) as store:
        report = ingest(inputs, store, settings=Settings(timeout_s=3))
        assert report.count("new") == 3, report.items
        failed = {
            Path(i.origin.split("#")[0]).name if "://" not in i.origin else i.origin: i
            for i in report.failures
        }
        for name, wording in bad.items():
            assert name in failed, f"{name} should have failed: {report.items}"
            assert _one_line(failed[name].reason)
            assert __import__("re").search(wording, failed[name].reason or "", flags=2), failed[
                name
            ].reason
        for private in ("http://10.1.2.3/artikel", "http://127.0.0.1:9/artikel"):
            assert "--allow-private" in (failed[private].reason or "")
        assert store.get(kept.id) == kept
        assert store.count() == 4


@pytest.mark.network
def test_unreachable_url_fails_alone(tmp_path: Path) -> None:
    page = tmp_path / "good.txt"
    page.write_text(GOOD_TEXT, encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        report = ingest(
            ["http://127.0.0.1:1/gone", str(page)],
            store,
            settings=Settings(allow_private=True, timeout_s=3),
        )
    assert report.count("new") == 1
    [failure] = report.failures
    assert failure.origin == "http://127.0.0.1:1/gone" and _one_line(failure.reason)


def test_ingesting_the_same_folder_twice_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "f"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(GOOD_TEXT.replace("48", str(40 + i)), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 's.db'}"
    with Store.open(url) as store:
        assert ingest([str(folder)], store).count("new") == 5
        before = [a for a in store.articles()]
        again = ingest([str(folder)], store)
        assert again.count("unchanged") == 5 and again.count("new") == 0
        assert list(store.articles()) == before


def test_new_content_at_a_known_url_is_a_revision(tmp_path: Path) -> None:
    record = {
        "url": "https://news.example/a1",
        "title": "Brücke",
        "maintext": GOOD_TEXT,
        "language": "de",
    }
    first, second = tmp_path / "v1.jsonl", tmp_path / "v2.jsonl"
    first.write_text(json.dumps(record) + "\n", encoding="utf-8")
    record["maintext"] = GOOD_TEXT.replace("48 Prozent", "49 Prozent")
    second.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        assert ingest([str(first)], store).count("new") == 1
        report = ingest([str(second)], store)
        assert report.count("revision") == 1
        [item] = report.items
        current = store.get(item.article_id or "")
        assert current is not None and current.revision == 2 and "49 Prozent" in current.text
        old = store.get(item.article_id or "", revision=1)
        assert old is not None and "48 Prozent" in old.text


@pytest.mark.slow
def test_killed_ingest_leaves_a_consistent_store_that_a_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    n = 400
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(
            f"Meldung {i}\n\n" + GOOD_TEXT * 3 + f"\nNummer {i}.\n", encoding="utf-8"
        )
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "lagebild.cli", "ingest", str(folder), "--db", str(db), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            with Store.open(str(db)) as store:
                stored = store.count()
            if stored >= 20:
                break
    assert proc.poll() is None, "ingest finished before it could be killed; raise n"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store.open(str(db)) as store:
        partial = list(store.articles())
        assert 20 <= len(partial) < n
        for article in partial:  # every stored article is whole
            assert article.text and article.blocks
            assert all(
                article.text[b.start : b.end] == b.text for b in article.blocks if not b.removed
            )
            assert store.raw(article.content_hash)
        report = ingest([str(folder)], store)
        assert report.ok
        assert report.count("new") == n - len(partial)
        assert report.count("unchanged") == len(partial)
        assert store.count() == n


def test_workers_give_the_same_store_as_one_process(tmp_path: Path) -> None:
    """The pure per-article work may run in worker processes; results stay in input order
    and match the single-process ingest, failures included."""
    bad = _write_batch(tmp_path / "in")
    outcomes = []
    records = []
    for workers in (1, 2):
        with Store.open(str(tmp_path / f"w{workers}.db")) as store:
            report = ingest([str(tmp_path / "in")], store, settings=Settings(workers=workers))
            outcomes.append([(Path(i.origin).name, i.outcome) for i in report.items])
            records.append(
                [
                    (a.id, a.text, [(e.name, e.entity_id) for e in store.article_entities(a.id, 1)])
                    for a in store.articles()
                ]
            )
    assert outcomes[0] == outcomes[1]
    assert records[0] == records[1]
    assert sum(1 for _, outcome in outcomes[0] if outcome == "failed") == len(bad)
    assert any(entities for _, _, entities in records[0])


# --- who said what (issue #4) ---

QUOTE_TEXT = (
    "Berlin (dpa) - Bundeskanzler Olaf Scholz hat der Ukraine weitere Hilfe zugesagt. "
    "„Wir werden die Ukraine so lange unterstützen, wie es nötig ist“, sagte Scholz am "
    "Dienstag in Berlin. Er betonte, Deutschland werde seine Zusagen einhalten.\n"
)


def _quote_folder(tmp_path: Path, copies: int = 2) -> Path:
    folder = tmp_path / "q"
    folder.mkdir()
    for index in range(copies):  # the same wire text in several outlets
        text = QUOTE_TEXT.replace("Berlin (dpa)", f"Berlin{index} (dpa)")
        (folder / f"{index}.txt").write_text(text, encoding="utf-8")
    return folder


def test_ingest_stores_quotes_linked_to_the_registry_and_grouped(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        report = ingest([str(_quote_folder(tmp_path))], store, settings=Settings(workers=1))
        assert report.ok, report.failures
        stored = store.quotes()
        assert stored
        registry = {entity.id for entity in store.entities()}
        for item in stored:
            article = store.get(item.article_id)
            assert article is not None
            assert article.text[item.quote.start : item.quote.end] == item.quote.text
            assert item.quote.speaker_entity is None or item.quote.speaker_entity in registry
        wire = [s for s in stored if "so lange unterstützen" in s.quote.text]
        assert len(wire) == 2 and {s.group_size for s in wire} == {2}
        assert len({s.quote.group_id for s in wire}) == 1
        # re-ingesting the same files keeps the same quotes and groups
        again = ingest([str(tmp_path / "q")], store, settings=Settings(workers=1))
        assert again.count("unchanged") == 2
        assert store.quotes() == stored


@pytest.mark.parametrize("setting", [{"quotes": False}, {"entities": False}])
def test_quotes_off_stores_none(tmp_path: Path, setting: dict[str, bool]) -> None:
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        settings = Settings(workers=1, **setting)
        report = ingest([str(_quote_folder(tmp_path, 1))], store, settings=settings)
        assert report.count("new") == 1
        assert store.quotes() == ()


def test_a_bug_in_quote_extraction_fails_one_article_not_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lagebild.ingestion as ingestion_module
    import lagebild.preparation as preparation_module

    real = ingestion_module.find_quotes

    def flaky(article, entities, sentences=None):  # type: ignore[no-untyped-def]
        if article.origin.endswith("0.txt"):
            raise RuntimeError("boom")
        return real(article, entities, sentences)

    # quotes are found beside the entities (preparation) and again when corpus-level names
    # change the entities (ingestion): a bug in either place fails only its article
    monkeypatch.setattr(ingestion_module, "find_quotes", flaky)
    monkeypatch.setattr(preparation_module, "find_quotes", flaky)
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        report = ingest([str(_quote_folder(tmp_path))], store, settings=Settings(workers=1))
        [failure] = report.failures
        assert failure.origin.endswith("0.txt")
        assert failure.reason == "internal error RuntimeError: boom (please report this)"
        assert report.count("new") == 1 and store.count() == 1


def test_quotes_found_in_preparation_get_canonical_speakers_and_ids(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(
        "Bundeskanzler Friedrich Merz besuchte Kiew.\n\n"
        "Merz sagte, die Unterstützung werde fortgesetzt.\n",
        encoding="utf-8",
    )
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        report = ingest([str(first)], store, settings=Settings(workers=1))
        assert report.ok
        [article] = list(store.articles())
        [stored] = store.quotes(article.id)
        quote = stored.quote
    assert quote.speaker == "Friedrich Merz"
    assert quote.speaker_entity is not None


def test_origins_name_inputs_for_the_record(tmp_path: Path) -> None:
    """An input written to a temporary file is stored and reported under the name given for
    it, JSON Lines line numbers kept."""
    plain = tmp_path / "tmp123.txt"
    plain.write_text(
        "Neue Brücke für Lindenau\n\nDie Stadt Lindenau baut eine neue Brücke über den "
        "Fluss. Der Bau soll im Frühjahr beginnen und zwei Jahre dauern.",
        encoding="utf-8",
    )
    lines = tmp_path / "tmp456.jsonl"
    lines.write_text('{"title": "x"}\n', encoding="utf-8")
    names = {str(plain): "upload:bruecke.txt", str(lines): "upload:feed.jsonl"}
    with Store.open(str(tmp_path / "s.db")) as store:
        report = ingest([str(plain), str(lines)], store, origins=names)
        assert [item.origin for item in report.items] == [
            "upload:bruecke.txt",
            "upload:feed.jsonl#L1",
        ]
        [article_id] = [item.article_id for item in report.items if item.article_id]
        stored = store.get(article_id)
        assert stored is not None and stored.origin == "upload:bruecke.txt"


DEMO = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "demo_corpus" / "articles"


@pytest.mark.parametrize("workers", [1, 2])
def test_claims_found_beside_the_quotes_equal_claims_of_the_stored_article(
    tmp_path: Path, workers: int
) -> None:
    """Claims are found in the preparation step with the article's own entities and quotes;
    after linking (speakers renamed) they equal what the claim extraction finds in the
    stored article with its linked entities and quotes."""
    with Store.open(str(tmp_path / "claims.db")) as store:
        report = ingest([str(DEMO)], store, settings=Settings(workers=workers, digests=False))
        assert report.ok and report.count("new") > 10
        compared = 0
        for article in store.articles():
            linked = replace(
                article,
                entities=store.article_entities(article.id, article.revision),
                quotes=store.revision_quotes(article.id, article.revision),
            )
            assert store.claims([article.id]) == extract_claims(linked), article.origin
            compared += bool(linked.quotes)
        assert compared > 5, "articles with quotes (attributions from speakers) were compared"
