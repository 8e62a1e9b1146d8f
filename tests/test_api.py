"""The notebook API: open a store, ingest, iterate records (issue #2)."""

from __future__ import annotations

from pathlib import Path

import lagebild

TEXT = (
    "Kassel (epd) - Die Stadtbibliothek öffnet ab Montag auch sonntags. "
    "Das hat der Stadtrat am Donnerstag beschlossen.\n\n"
    "Die Bibliotheksleiterin sagte, man rechne mit vielen Familien.\n"
)


def test_open_ingest_and_iterate_records(tmp_path: Path) -> None:
    page = tmp_path / "bib.txt"
    page.write_text(TEXT, encoding="utf-8")
    with lagebild.open_store(str(tmp_path / "api.db")) as store:
        report = lagebild.ingest(str(page), store)
        assert report.ok and report.count("new") == 1
        [record] = list(lagebild.iter_records(store, ["article"]))
    assert record["type"] == "article"
    assert record["origin"] == str(page)
    assert record["agency"] == ["epd"]
    assert record["text"].startswith("Die Stadtbibliothek")


def test_analyse_stores_nothing_and_reports_failures(tmp_path: Path) -> None:
    good, empty = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text(TEXT, encoding="utf-8")
    empty.write_bytes(b"")
    results = list(lagebild.analyse([str(good), str(empty)]))
    assert [type(r).__name__ for r in results] == ["Article", "SourceFailure"]
    assert not list(tmp_path.glob("*.db"))


def test_unknown_attribute_names_the_module() -> None:
    try:
        lagebild.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "lagebild" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")
