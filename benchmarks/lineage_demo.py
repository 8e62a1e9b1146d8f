"""Lineage on the demo corpus: edge precision and recall against MANIFEST.json, and timings.

    python benchmarks/lineage_demo.py [--index-size 100000] [--stream DIR]

Expected edges: every pair inside a wire family (wire_copy; from the agency text when it is
one of the pair) and every translation pair of the manifest. An edge counts as correct when
the pair and the relation match; direction is reported separately for pairs with the agency
text. ``--index-size`` also times duplicate-index lookups with that many signatures stored
(random signatures as filler: they collide with nothing, as unrelated articles rarely do).
``--stream DIR`` scores wire-copy edges on a German event stream kept by
``python benchmarks/events_de.py --keep DIR --no-ingest`` (see benchmarks/EVENT_STREAM.md):
precision/recall of the {copy, agency original} pairs, copy-copy edges ignored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np

from lagebild.ingestion import analyse
from lagebild.lineage import digest, independent_sources, lineage_edges
from lagebild.lineage.align import shared_passages
from lagebild.lineage.fingerprint import (
    NUM_PERM,
    DuplicateIndex,
    signature,
    signature_from_bytes,
)
from lagebild.lineage.relate import Digest, relate
from lagebild.pipeline import default_pipeline
from lagebild.records import Article

CORPUS = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "demo_corpus"


def demo_digests(manifest: dict[str, Any]) -> dict[str, Digest]:
    by_file: dict[str, list[Article]] = {}
    pipeline = default_pipeline(entities=False)
    for _raw, result in analyse([str(CORPUS / "articles")], pipeline=pipeline):
        assert isinstance(result, Article), result
        path = str(Path(result.origin.split("#")[0]).relative_to(CORPUS))
        by_file.setdefault(path, []).append(result)
    return {
        want["id"]: digest(article)
        for entry in manifest["files"]
        for want, article in zip(entry["articles"], by_file[entry["path"]], strict=True)
    }


def expected_edges(manifest: dict[str, Any]) -> dict[frozenset[str], tuple[str, str | None]]:
    """Pair -> (relation, original when known)."""
    expected: dict[frozenset[str], tuple[str, str | None]] = {}
    for family in manifest["wire_families"]:
        original = family["original"]["article"]
        members = [original, *(c["article"] for c in family["copies"])]
        for a, b in itertools.combinations(members, 2):
            expected[frozenset({a, b})] = ("wire_copy", original if original in (a, b) else None)
    files = {f["path"]: f["articles"] for f in manifest["files"]}
    for pair in manifest["translations"]:
        source = files[pair["source"]][0]["id"]
        target = files[pair["target"]][0]["id"]
        expected[frozenset({source, target})] = ("translation", source)
    return expected


def timed(label: str, runs: list[float]) -> None:
    ms = sorted(1000 * r for r in runs)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    print(f"  {label:<44} median {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms")


def index_lookups(size: int, queries: list[Digest]) -> None:
    rng = np.random.default_rng(5)
    fillers = [
        (
            f"filler-{i}",
            signature_from_bytes(rng.integers(0, 2**32 - 1, NUM_PERM).astype("<u4").tobytes()),
        )
        for i in range(size)
    ]
    start = time.perf_counter()
    index = DuplicateIndex().fit(fillers)
    print(f"  index.fit of {len(index):,} signatures in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    for d in queries:
        index.add(d.article_id, signature(d.text))
    print(f"  signature + add: {1000 * (time.perf_counter() - start) / len(queries):.2f} ms each")
    runs = []
    for d in queries * 5:
        t = time.perf_counter()
        index.candidates(signature(d.text))
        runs.append(time.perf_counter() - t)
    timed("signature + candidates (with index)", runs)


def stream_scores(folder: Path) -> None:
    gold = [
        json.loads(line)
        for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    by_url = {g["url"]: g for g in gold}
    stream = str(folder / "input" / "stream.jsonl")
    digests, urls = [], {}
    for _raw, result in analyse([stream], pipeline=default_pipeline(entities=False)):
        assert isinstance(result, Article) and result.url, result
        published = dt.datetime.fromisoformat(by_url[result.url]["published"])
        digests.append(digest(result, published=published))
        urls[result.id] = result.url
    start = time.perf_counter()
    edges = lineage_edges(digests, translations=False)
    elapsed = time.perf_counter() - start
    originals = {g["url"] for g in gold if g["kind"] == "original"}
    expected = {frozenset((g["url"], g["original"])) for g in gold if g["original"]}
    found, right_way = set(), 0
    for edge in edges:
        if edge.relation != "wire_copy" or edge.from_article is None:
            continue
        a, b = urls[edge.from_article], urls[edge.to_article]
        if a in originals or b in originals:
            found.add(frozenset((a, b)))
            right_way += a in originals and frozenset((a, b)) in expected
    correct = len(found & expected)
    precision, recall = correct / max(1, len(found)), correct / max(1, len(expected))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(f"German event stream {folder}: {len(digests)} articles, {len(expected)} wire copies")
    print(f"  wire-copy edges to the original: P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}")
    print(f"  direction right {right_way}/{correct}; all edges in {elapsed:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-size", type=int, default=0)
    parser.add_argument("--stream", type=Path, default=None)
    args = parser.parse_args()
    manifest = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    digests = demo_digests(manifest)
    name: dict[str | None, str] = {d.article_id: key for key, d in digests.items()}
    start = time.perf_counter()
    edges = lineage_edges(list(digests.values()))
    elapsed = time.perf_counter() - start

    expected = expected_edges(manifest)
    found = {
        frozenset({name[e.from_article], name[e.to_article]}): e
        for e in edges
        if e.from_article is not None
    }
    correct = [p for p, e in found.items() if p in expected and expected[p][0] == e.relation]
    directed = [p for p in correct if expected[p][1] is not None]
    right_way = [p for p in directed if name[found[p].from_article] == expected[p][1]]
    precision = len(correct) / len(found) if found else 0.0
    recall = len(correct) / len(expected)
    print(f"demo corpus: {len(digests)} articles, {len(expected)} expected edges")
    print(f"  edges found {len(found)}, correct {len(correct)}")
    print(f"  edge precision {precision:.3f}  recall {recall:.3f}")
    print(f"  direction right {len(right_way)}/{len(directed)} (pairs with the original)")
    for pair in sorted(set(found) - set(correct), key=sorted):
        print(f"  wrong: {sorted(pair)} {found[pair].relation} {found[pair].evidence}")
    for pair in sorted(set(expected) - set(correct), key=sorted):
        print(f"  missed: {sorted(pair)} {expected[pair][0]}")
    ids = [d.article_id for d in digests.values()]
    agencies = {d.article_id: d.agency for d in digests.values()}
    print(f"  independent sources: {independent_sources(ids, edges, agencies)} of {len(ids)}")
    print(f"  all edges (incl. model load and embeddings): {elapsed:.2f} s")

    items = list(digests.values())
    pairs = list(itertools.combinations(items, 2))
    runs = []
    for a, b in pairs:
        t = time.perf_counter()
        shared_passages(a.text, b.text)
        runs.append(time.perf_counter() - t)
    timed(f"shared_passages ({len(pairs)} pairs)", runs)
    runs = []
    for a, b in pairs:
        t = time.perf_counter()
        relate(a, b)
        runs.append(time.perf_counter() - t)
    timed("relate", runs)
    runs = []
    for d in items:
        t = time.perf_counter()
        signature(d.text)
        runs.append(time.perf_counter() - t)
    timed("signature", runs)
    if args.index_size:
        index_lookups(args.index_size, items)
    if args.stream:
        stream_scores(args.stream)


if __name__ == "__main__":
    main()
