"""Issue #6 acceptance through ingest and the store: on articles about the same event from
several outlets, a duration reported by three of them is one corroborated claim group with
three sources, and a wire text reprinted by two outlets counts as one source."""

from __future__ import annotations

from pathlib import Path

from lagebild.api import iter_records
from lagebild.ingestion import ingest
from lagebild.settings import Settings
from lagebild.store import Store

FAST = Settings(entities=False, workers=1)

OWN_A = (
    "date 2026-04-14\n\n"
    "Telefonat zwischen Merz und Macron\n\n"
    "Bundeskanzler Friedrich Merz und Frankreichs Präsident Emmanuel Macron haben am Montag "
    "über die Lage in der Ukraine und die Zölle der USA gesprochen. Das Telefonat dauerte "
    "mehr als zwei Stunden, wie ein Regierungssprecher in Berlin mitteilte. Beide wollen "
    "sich in der kommenden Woche in Paris treffen.\n"
)
OWN_B = (
    "date 2026-04-14\n\n"
    "Merz und Macron beraten über Zölle und Ukraine\n\n"
    "Nach dem zweistündigen Telefonat mit Emmanuel Macron sprach Friedrich Merz am Montagabend "
    "von einem guten Gespräch über die Ukraine und die Zölle. Frankreich und Deutschland "
    "wollten gemeinsam auf die USA zugehen, hieß es aus dem Élysée-Palast.\n"
)
WIRE = (
    "date 2026-04-14\n\n"
    "{title}\n\n"
    "BERLIN (dpa) - Bundeskanzler Friedrich Merz und der französische Präsident Emmanuel "
    "Macron haben am Montag miteinander telefoniert. Das Gespräch über die Ukraine und die "
    "Zölle der USA dauerte nach Angaben aus Regierungskreisen mehr als zwei Stunden. Merz "
    "und Macron wollen sich demnächst in Paris treffen, um über eine gemeinsame Antwort auf "
    "die Zölle zu beraten.\n"
)


def test_three_sources_one_group_and_a_reprinted_wire_text_counts_once(
    tmp_path: Path, sqlite_url: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    texts = {
        "a.txt": OWN_A,
        "b.txt": OWN_B,
        "wire-1.txt": WIRE.format(title="Merz und Macron telefonieren"),
        "wire-2.txt": WIRE.format(title="Zwei Stunden am Telefon: Merz und Macron"),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    with Store.open(sqlite_url) as store:
        assert ingest([str(folder / n) for n in texts], store, settings=FAST).ok
        records: dict[str, list[dict[str, object]]] = {}
        for record in iter_records(store, ("article", "claim", "event", "lineage")):
            records.setdefault(str(record["type"]), []).append(record)
    assert len(records["event"]) == 1
    assert [r["relation"] for r in records["lineage"]] == ["wire_copy"]
    origin = {str(r["id"]): Path(str(r["origin"])).name for r in records["article"]}
    durations = [c for c in records["claim"] if c["unit"] in {"minute", "day"}]
    assert {origin[str(c["article_id"])] for c in durations} == set(texts)
    assert len({c["group_id"] for c in durations}) == 1
    assert {c["status"] for c in durations} == {"corroborated"}
    # a.txt, b.txt and the dpa text: its two reprints are one source.
    assert {c["group_sources"] for c in durations} == {3}
