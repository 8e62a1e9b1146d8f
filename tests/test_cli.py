from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from lagebild.cli import main

TEXT = (
    "Bremen (dpa) - Der Senat hat am Dienstag ein neues Hafenkonzept beschlossen. "
    "Es soll bis 2030 rund 300 Millionen Euro kosten.\n\n"
    "Wir verwenden Cookies, um unsere Website zu verbessern. Alle akzeptieren\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(TEXT.replace("Dienstag", "Mittwoch"), encoding="utf-8")
    return folder


def _ingest(runner: CliRunner, corpus: Path, db: Path) -> str:
    result = runner.invoke(main, ["ingest", str(corpus), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_prints_a_summary_and_exits_zero(corpus: Path, tmp_path: Path) -> None:
    out = _ingest(CliRunner(), corpus, tmp_path / "s.db")
    assert "ingested: 2 new, 0 revised, 0 unchanged, 0 failed" in out


def test_ingest_exits_non_zero_and_names_the_bad_input(corpus: Path, tmp_path: Path) -> None:
    (corpus / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", str(tmp_path / "s.db"), "-q"])
    assert result.exit_code == 1
    assert "2 new" in result.output and "1 failed" in result.output
    assert "empty.txt" in result.output


def test_export_jsonl_has_typed_records(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "s.db"
    _ingest(runner, corpus, db)
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    everything = [json.loads(line) for line in result.output.splitlines()]
    records = [r for r in everything if r["type"] == "article"]
    assert len(records) == 2
    assert {r["type"] for r in everything} <= {
        "article",
        "entity",
        "quote",
        "event",
        "story",
        "lineage",
        "claim",
        "summary",
    }
    assert everything[:2] == records  # articles first, then the entity registry, then quotes
    assert all("Cookies" not in r["text"] for r in records)
    assert all(any("Cookies" in x["text"] for x in r["removed"]) for r in records)
    assert {r["agency"][0] for r in records} == {"dpa"}


def test_export_csv_and_parquet_to_files(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "s.db"
    _ingest(runner, corpus, db)
    for fmt in ("csv", "parquet"):
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(main, ["export", "--db", str(db), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 2 and rows[0]["type"] == "article"
    assert pq.read_table(tmp_path / "out.parquet").num_rows == 2


def test_parquet_to_stdout_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["export", "--db", str(tmp_path / "s.db"), "--format", "parquet"]
    )
    assert result.exit_code == 2 and "pass -o FILE.parquet" in result.output


def test_show_with_removed_text(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "s.db"
    _ingest(runner, corpus, db)
    export = runner.invoke(main, ["export", "--db", str(db)])
    article_id = json.loads(export.output.splitlines()[0])["id"]
    result = runner.invoke(main, ["show", article_id, "--db", str(db), "--removed"])
    assert result.exit_code == 0, result.output
    assert "Hafenkonzept" in result.output and "cookie" in result.output


def test_show_unknown_id_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", "a_nope", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1 and "lagebild export" in result.output


def test_stats(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "s.db"
    _ingest(runner, corpus, db)
    result = runner.invoke(main, ["stats", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2" in result.output


def test_missing_path_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "s.db"), "-q"]
    )
    assert result.exit_code == 1
    assert "nope.txt" in result.output and "0 new" in result.output


@pytest.mark.slow
def test_demo_ingests_the_bundled_corpus_and_prints_an_overview(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["demo", "--db", str(tmp_path / "demo.db")])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output
    assert "Articles" in result.output and "Removed as junk" in result.output
    assert "Who said what" in result.output
    assert "demo.sh --serve" in result.output  # where to read it in the browser
    again = runner.invoke(main, ["demo", "--db", str(tmp_path / "demo.db")])
    assert "0 new" in again.output and "0 failed" in again.output


# --- who said what (issue #4) ---

QUOTE_TEXT = (
    "Berlin (dpa) - Bundeskanzler Olaf Scholz hat der Ukraine weitere Hilfe zugesagt. "
    "„Wir werden die Ukraine so lange unterstützen, wie es nötig ist“, sagte Scholz am "
    "Dienstag in Berlin.\n"
)


def _quote_lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_quotes_prints_json_lines_and_stores_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "scholz.txt").write_text(QUOTE_TEXT, encoding="utf-8")
    here = tmp_path / "cwd"
    here.mkdir()
    monkeypatch.chdir(here)
    result = CliRunner().invoke(main, ["quotes", str(tmp_path / "scholz.txt")])
    assert result.exit_code == 0, result.output
    assert not list(here.iterdir())  # no store was created
    records = _quote_lines(result.stdout)
    assert records and all(r["type"] == "quote" for r in records)
    assert all(str(r["origin"]).endswith("scholz.txt") and r["article_id"] for r in records)
    assert all(r["group_id"] is None for r in records)
    direct = [r for r in records if "so lange unterstützen" in str(r["text"])]
    assert direct and direct[0]["kind"] in ("direct", "mixed")


def test_quotes_reports_unreadable_files_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "scholz.txt").write_text(QUOTE_TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(
        main,
        [
            "quotes",
            str(tmp_path / "empty.txt"),
            str(tmp_path / "nope.txt"),
            str(tmp_path / "scholz.txt"),
        ],
    )
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "nope.txt" in result.stderr
    records = _quote_lines(result.stdout)
    assert records and {str(r["origin"]).rsplit("/", 1)[-1] for r in records} == {"scholz.txt"}


def test_show_lists_the_quotes_and_export_has_quote_records(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(QUOTE_TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(QUOTE_TEXT.replace("Dienstag", "Mittwoch"), encoding="utf-8")
    runner = CliRunner()
    db = tmp_path / "s.db"
    _ingest(runner, folder, db)
    export = runner.invoke(main, ["export", "--db", str(db), "--type", "quote"])
    assert export.exit_code == 0, export.output
    records = _quote_lines(export.output)
    wire = [r for r in records if "so lange unterstützen" in str(r["text"])]
    assert len(wire) == 2 and wire[0]["group_id"] == wire[1]["group_id"] == wire[0]["id"]
    assert {r["group_size"] for r in wire} == {2}
    result = runner.invoke(main, ["show", str(wire[0]["article_id"]), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Who said what" in result.output and "so lange" in result.output
    csv_out = tmp_path / "quotes.csv"
    result = runner.invoke(
        main, ["export", "--db", str(db), "--format", "csv", "--type", "quote", "-o", str(csv_out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(csv_out.read_text(encoding="utf-8"))))
    assert len(rows) == len(records) and rows[0]["type"] == "quote"
