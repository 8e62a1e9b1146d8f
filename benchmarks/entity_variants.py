"""Name variants across articles: how many true pairs the entity registry merges, and how many
near misses it wrongly merges (issue #3, acceptance: >= 95 % and 0).

Data: tests/entities/data/variant_pairs.tsv (in the repository, written for lagebild): pairs of
entity names with ``same`` 1 (one entity in German / English / Ukrainian / Russian spelling,
Cyrillic, German genitive, with or without given names) or 0 (different entities with similar
names). Each pair goes through a fresh registry: ``name_a`` is linked from article 1, ``name_b``
from article 2; the pair is merged when both get the same id.

The registry is seeded from the bundled gazetteer when ``lagebild.entities.gazetteer`` is
there (``--no-gazetteer`` measures the spelling rules alone); exonyms such as Moskau / Moscow
need it.

Run: ``python benchmarks/entity_variants.py [--no-gazetteer] [--show N]``
"""

from __future__ import annotations

import argparse
import csv
import importlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lagebild.entities.registry import EntityRegistry
from lagebild.records import ArticleEntity, EntityKind, EntityMention

PAIRS = Path(__file__).resolve().parents[1] / "tests" / "entities" / "data" / "variant_pairs.tsv"
TARGET_TRUE = 0.95  # the acceptance: at least 95 % of true pairs merged
TARGET_NEAR_MISS = 0  # ... and no near miss merged


@dataclass(frozen=True, slots=True, kw_only=True)
class Pair:
    kind_a: EntityKind
    name_a: str
    kind_b: EntityKind
    name_b: str
    same: bool
    note: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    true_pairs: int
    true_merged: int
    near_misses: int
    near_merged: int
    missed: tuple[Pair, ...]
    wrongly_merged: tuple[Pair, ...]

    @property
    def true_rate(self) -> float:
        return self.true_merged / self.true_pairs if self.true_pairs else 0.0

    @property
    def passes(self) -> bool:
        return self.true_rate >= TARGET_TRUE and self.near_merged <= TARGET_NEAR_MISS


def read_pairs(path: Path = PAIRS) -> tuple[Pair, ...]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = csv.DictReader(
        (line for line in lines if not line.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE
    )
    return tuple(
        Pair(
            kind_a=row["kind_a"],  # type: ignore[arg-type]
            name_a=row["name_a"],
            kind_b=row["kind_b"],  # type: ignore[arg-type]
            name_b=row["name_b"],
            same=row["same"] == "1",
            note=row["note"],
        )
        for row in rows
    )


def bundled_gazetteer() -> Any | None:
    """The gazetteer when its module exists (it is written beside this benchmark)."""
    try:
        module = importlib.import_module("lagebild.entities.gazetteer")
    except ImportError:
        return None
    return module.load_gazetteer()


def article_entity(name: str, kind: EntityKind) -> ArticleEntity:
    mention = EntityMention(text=name, start=0, end=len(name), form="name")
    return ArticleEntity(name=name, kind=kind, mentions=(mention,))


def merged(pair: Pair, gazetteer: Any | None) -> bool:
    registry = EntityRegistry(gazetteer=gazetteer)
    (first,) = registry.link([article_entity(pair.name_a, pair.kind_a)], article_id="1")
    (second,) = registry.link([article_entity(pair.name_b, pair.kind_b)], article_id="2")
    return first.entity_id == second.entity_id


def evaluate(pairs: tuple[Pair, ...], gazetteer: Any | None) -> Result:
    outcomes = [(pair, merged(pair, gazetteer)) for pair in pairs]
    missed = tuple(pair for pair, same in outcomes if pair.same and not same)
    wrong = tuple(pair for pair, same in outcomes if not pair.same and same)
    true_pairs = sum(pair.same for pair in pairs)
    return Result(
        true_pairs=true_pairs,
        true_merged=true_pairs - len(missed),
        near_misses=len(pairs) - true_pairs,
        near_merged=len(wrong),
        missed=missed,
        wrongly_merged=wrong,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-gazetteer", action="store_true", help="spelling rules only")
    parser.add_argument("--show", type=int, default=20, help="failures listed per kind")
    args = parser.parse_args()
    pairs = read_pairs()
    gazetteer = None if args.no_gazetteer else bundled_gazetteer()
    started = time.perf_counter()
    result = evaluate(pairs, gazetteer)
    elapsed = time.perf_counter() - started
    seeded = "gazetteer" if gazetteer is not None else "no gazetteer"
    print(f"pairs: {len(pairs)} from {PAIRS.name} ({seeded}, {elapsed:.2f} s)")
    print(
        f"true pairs merged:  {result.true_merged}/{result.true_pairs} "
        f"= {100 * result.true_rate:.1f} %  (target >= {100 * TARGET_TRUE:.0f} %)"
    )
    print(
        f"near misses merged: {result.near_merged}/{result.near_misses}  "
        f"(target {TARGET_NEAR_MISS})"
    )
    for title, failures in (("missed", result.missed), ("wrongly merged", result.wrongly_merged)):
        for pair in failures[: args.show]:
            print(f"  {title}: {pair.name_a!r} ({pair.kind_a}) / {pair.name_b!r} ({pair.kind_b})")
            print(f"    {pair.note}")
    print("PASS" if result.passes else "FAIL")


if __name__ == "__main__":
    main()
