"""Events and wire-copy lineage on a German event stream built from real Wikinews articles.

The stream (see benchmarks/EVENT_STREAM.md and _event_stream.py): a window of consecutive
German Wikinews articles in date order, each a gold event, sent out as an agency story with
1-5 wire copies by outlets or as an outlet's own story, some with independent rewrites, plus
10kGNAD (DER STANDARD) articles as single-article distractors. The articles are written as one
news-please JSON Lines file in publication order, ingested into a fresh SQLite store through
``lagebild.ingestion.ingest`` and read back through the export path (``iter_records``):
article records carry ``event_id``, lineage records ``from_article``/``to_article``/``relation``.

Scores: event pairwise and B3 P/R/F1 against the gold events (targets: pairwise F1 >= 0.90);
wire-copy lineage-edge P/R/F1 against the gold {copy, original} pairs (target: F1 >= 0.95),
as predicted and after mapping each predicted family to edges to its first article; and
pairwise P/R/F1 of same-family article pairs.

    python benchmarks/events_de.py [--events 300] [--seed 0] [--workers 1] [--keep DIR]
    python benchmarks/events_de.py --full                  # every usable Wikinews article
    python benchmarks/events_de.py --keep DIR --no-ingest  # only build the stream files

Exit status 2 while the product exports no event ids or no lineage records.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from _common import dataset
from _event_stream import (
    Scores,
    Stream,
    StreamConfig,
    build_stream,
    clustering_scores,
    families,
    lineage_scores,
    load_10kgnad,
    load_wikinews,
    stream_stats,
    write_stream,
)

NOT_AVAILABLE = 2  # exit status while events/lineage are not exported yet
LINE_NUMBER = re.compile(r"#L(\d+)$")  # origin of a JSON Lines record: "<file>#L<line>"


def main() -> None:
    args = parse_args()
    stream = build_stream(
        args.seed,
        wikinews=load_wikinews(dataset("de_news_quotes_2024")),
        distractors=load_10kgnad(dataset("10kgnad") / "test.csv") if args.distractors else (),
        config=StreamConfig(
            events=None if args.full else args.events, distractors=args.distractors
        ),
    )
    stats = stream_stats(stream)
    print(
        f"stream (seed {args.seed}): {stats['articles']} articles, {stats['events']} events "
        f"({stats['multi_article_events']} with several articles, largest {stats['largest_event']}), "
        f"{stats['wire_edges']} wire copies; {stats['first']} .. {stats['last']}"
    )
    print("kinds: " + ", ".join(f"{k} {n}" for k, n in stats["kinds"].items()))  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        articles_file, gold_file = write_stream(stream, folder)
        print(f"wrote {articles_file} and {gold_file}")
        if args.no_ingest:
            return
        records, seconds = ingest_and_export(articles_file, folder / "events_de.db", args.workers)
    print(f"ingest: {seconds:.1f} s ({len(stream.articles) / seconds:.1f} articles/s)")
    sys.exit(report(stream, records))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=300, help="Wikinews events in the window")
    parser.add_argument("--full", action="store_true", help="every usable Wikinews article")
    parser.add_argument("--distractors", type=int, default=100, help="10kGNAD distractors")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1, help="settings.workers for ingest")
    parser.add_argument("--keep", metavar="DIR", help="write the stream and store here")
    parser.add_argument("--no-ingest", action="store_true", help="only build the stream files")
    args = parser.parse_args()
    if args.no_ingest and not args.keep:
        parser.error("--no-ingest needs --keep DIR (where the stream files go)")
    return args


def ingest_and_export(
    articles_file: Path, db: Path, workers: int
) -> tuple[list[dict[str, Any]], float]:
    """The product path: ingest into a fresh SQLite store, then the export records."""
    from lagebild.api import iter_records
    from lagebild.export import RECORD_TYPES
    from lagebild.ingestion import ingest
    from lagebild.settings import Settings
    from lagebild.store import Store

    db.unlink(missing_ok=True)
    settings = Settings(db=str(db), quotes=False, workers=workers)
    types = [name for name in ("article", "lineage") if name in RECORD_TYPES]
    start = time.perf_counter()
    with Store.open(str(db)) as store:
        result = ingest([str(articles_file)], store, settings=settings)
        seconds = time.perf_counter() - start
        outcomes = Counter(item.outcome for item in result.items)
        print("ingest outcomes: " + ", ".join(f"{k} {n}" for k, n in sorted(outcomes.items())))
        for item in result.failures[:5]:
            print(f"  failed: {item.origin}: {item.reason}")
        return list(iter_records(store, types)), seconds


def report(stream: Stream, records: list[dict[str, Any]]) -> int:
    """Print the scores; the exit status (NOT_AVAILABLE while a part is missing)."""
    urls = [a.url for a in stream.articles]
    known = set(urls)
    id_to_url = {r["id"]: gold_url(r, urls, known) for r in records if r["type"] == "article"}
    print(f"exported {len(id_to_url)} of {len(urls)} articles")
    predicted: dict[str, str] = {}
    for r in records:
        url = id_to_url.get(r["id"]) if r["type"] == "article" else None
        if url and r.get("event_id"):
            predicted[url] = str(r["event_id"])
    lineage = [r for r in records if r["type"] == "lineage"]
    missing = []
    if predicted:
        print_events(stream, predicted)
    else:
        missing.append("events")
    if lineage:
        print_lineage(stream, lineage, id_to_url)
    else:
        missing.append("lineage")
    if missing:
        print(f"{'/'.join(missing)} not available yet (no event_id values / no lineage records)")
        return NOT_AVAILABLE
    return 0


def gold_url(record: dict[str, Any], urls: list[str], known: set[str]) -> str | None:
    """The generated article an exported record is: by url, else by its JSON Lines line
    (``urls`` in stream order, as written)."""
    if record.get("url") in known:
        return str(record["url"])
    match = LINE_NUMBER.search(str(record.get("origin") or ""))
    line = int(match.group(1)) if match else 0
    return urls[line - 1] if 0 < line <= len(urls) else None


def print_events(stream: Stream, predicted: dict[str, str]) -> None:
    scores = clustering_scores(predicted, stream.events())
    wikinews = {a.url: a.event for a in stream.articles if a.kind != "distractor"}
    print(
        f"events: {len(set(predicted.values()))} predicted, {len(set(stream.events().values()))} gold"
    )
    print_scores("event pairwise", scores["pairwise"], target="F1 >= 0.90")
    print_scores("event B3", scores["b3"])
    print_scores(
        "event pairwise, Wikinews only", clustering_scores(predicted, wikinews)["pairwise"]
    )


def print_lineage(
    stream: Stream, lineage: list[dict[str, Any]], id_to_url: dict[str, str | None]
) -> None:
    relations = Counter(str(r.get("relation")) for r in lineage)
    print("lineage records: " + ", ".join(f"{k} {n}" for k, n in sorted(relations.items())))
    edges = set(wire_edges(lineage, id_to_url))
    scores = lineage_scores(edges, stream)
    order = {a.url: a.published.isoformat() for a in stream.articles}
    print(
        f"wire families: {len(set(families(edges, order).values()))} predicted, "
        f"{len(set(families(stream.wire_edges(), order).values()))} gold"
    )
    print_scores("lineage edges (as predicted)", scores["edges"])
    print_scores("lineage edges (copy-copy ignored)", scores["edges_to_original"], "F1 >= 0.95")
    print_scores("lineage edges (family -> first)", scores["family_edges"])
    print_scores("same-family pairs", scores["family_pairs"])


def wire_edges(
    lineage: Iterable[dict[str, Any]], id_to_url: dict[str, str | None]
) -> Iterable[frozenset[str]]:
    for record in lineage:
        if record.get("relation") != "wire_copy":
            continue
        a, b = id_to_url.get(record["from_article"]), id_to_url.get(record["to_article"])
        if a and b and a != b:
            yield frozenset((a, b))


def print_scores(name: str, scores: Scores, target: str = "") -> None:
    p, r, f1 = scores
    print(
        f"{name:<34} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}"
        + (f"   (target {target})" if target else "")
    )


if __name__ == "__main__":
    main()
