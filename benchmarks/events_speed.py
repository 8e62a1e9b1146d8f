"""Assignment speed with a large store: how long placing one new article takes when 100,000
articles are stored, and how much memory the indexes need.

The stored articles are built from real German news text (10kGNAD, DER STANDARD; German
Wikinews from de_news_quotes_2024): each synthetic article takes most sentences of one real
article (its "event") plus a few from others, shuffled, with a publication date spread over
three years, so the store holds many events of realistic size and vocabulary. Their features,
MinHash signatures and events go through lagebild's own relater (lineage, event and story
indexes) and are then written to a fresh SQLite store with everything a real ingest writes
(articles, revisions, raw documents, relations, events, stories, document frequencies).

A second process then opens that store as ``lagebild ingest`` would (loading the indexes) and
relates ``--new`` further articles: each is saved, then placed (lineage candidates and
alignment, event, story; its features and signature computed outside the timer, as the ingest
workers compute text analysis) and the result written in one transaction. It prints the
median and p95 of the placement with and without the store write, the load time, and the peak
memory (RSS) of that process.

    python benchmarks/events_speed.py [--stored 100000] [--new 500] [--keep DIR]

Multilingual text vectors (USE, ~15 ms per article) are computed for the real source
articles once; each synthetic article gets its source's vector with noise (documented
shortcut: computing 100,000 USE vectors would take 25 minutes and measures USE, not the
index). The timed new articles get their vectors the same way.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import json
import multiprocessing
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from _common import dataset, peak_rss_mb

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])")
START = dt.date(2023, 1, 1)
DAYS = 3 * 365


def load_texts() -> list[list[str]]:
    """Sentences of real German articles: 10kGNAD test and Wikinews train/dev."""
    out = []
    with (dataset("10kgnad") / "test.csv").open(encoding="utf-8") as f:
        for _label, text in csv.reader(f, delimiter=";", quotechar="'"):
            sentences = SENTENCE_END.split(text.strip())
            if len(sentences) >= 5:
                out.append(sentences)
    for split in ("train", "dev"):
        path = dataset("de_news_quotes_2024") / f"{split}.jsonl.gz"
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)["doc"]
                text = doc["originalText"] if isinstance(doc, dict) else ""
                sentences = SENTENCE_END.split(text.strip())
                if len(sentences) >= 5:
                    out.append(sentences)
    return out


_TEXTS: list[list[str]] = []
_VECTORS: Any = None


def _init(texts: list[list[str]], vectors: Any) -> None:
    global _TEXTS, _VECTORS
    _TEXTS, _VECTORS = texts, vectors


def synthetic(i: int) -> tuple[Any, Any, bytes | None]:
    """Article ``i`` with its features and MinHash signature (deterministic)."""
    from lagebild.events.features import article_features
    from lagebild.lineage.fingerprint import signature, signature_bytes
    from lagebild.records import Article, Metadata, PartialDate

    rng = random.Random(i)
    base = rng.randrange(len(_TEXTS))
    own = _TEXTS[base]
    picked = rng.sample(own, k=max(3, int(len(own) * rng.uniform(0.5, 0.9))))
    for _ in range(rng.randint(1, 3)):
        other = _TEXTS[rng.randrange(len(_TEXTS))]
        picked.append(rng.choice(other))
    rng.shuffle(picked)
    day = START + dt.timedelta(days=rng.randrange(DAYS))
    text = "\n\n".join(" ".join(picked[k : k + 3]) for k in range(1, len(picked), 3))
    article = Article(
        id=f"a_{hashlib.sha256(str(i).encode()).hexdigest()[:16]}",
        origin=f"synthetic/{i}",
        url=None,
        content_hash=hashlib.sha256(f"{i}\n{text}".encode()).hexdigest(),  # unique per article
        title=picked[0][:120],
        text=text,
        blocks=(),
        meta=Metadata(
            language="de",
            published=PartialDate(year=day.year, month=day.month, day=day.day),
            outlet=f"Outlet {rng.randrange(40)}",
        ),
        source_format="text",
        encoding="utf-8",
    )
    noise = np.random.default_rng(i).normal(0, 0.02, 512).astype(np.float32)
    vector = _VECTORS[base] + noise
    vector /= np.linalg.norm(vector)
    features = article_features(article, vector=vector.astype(np.float32))
    return article, features, bytes(signature_bytes(signature(article.text)))


def build(folder: Path, stored: int, new: int, workers: int) -> None:
    from lagebild.events.online import Relater
    from lagebild.lineage.finder import LineageFinder
    from lagebild.lineage.translation import document_vector

    texts = load_texts()
    started = time.perf_counter()
    vectors = np.stack([document_vector(" ".join(t[:12]), "de") for t in texts])
    print(
        f"{len(texts)} source articles; their text vectors in {time.perf_counter() - started:.0f} s"
    )
    started = time.perf_counter()
    articles: dict[str, Any] = {}
    relater = Relater.restored(lineage=LineageFinder(articles.get))
    rows = []
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_init, initargs=(texts, vectors)) as pool:
        made = pool.imap(synthetic, range(stored), chunksize=64)
        for n, (article, features, sig) in enumerate(made, 1):
            articles[article.id] = article
            related = relater.relate(article, features=features, signature=sig)
            rows.append((article, related))
            if n % 10_000 == 0:
                print(f"  {n} articles related ({time.perf_counter() - started:.0f} s)", flush=True)
    print(f"{stored} articles related in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    write_store(folder / "speed.db", rows, relater)
    print(f"store written in {time.perf_counter() - started:.0f} s")
    (folder / "texts.json").write_text(json.dumps(texts))
    np.save(folder / "vectors.npy", vectors)


def write_store(path: Path, rows: Sequence[tuple[Any, Any]], relater: Any) -> None:
    """Everything a real ingest writes, in bulk."""
    from sqlalchemy import insert

    from lagebild.store import Store
    from lagebild.store.models import articles, raw_documents, relations, revisions
    from lagebild.store.models import term_frequencies as tf_table
    from lagebild.store.relations import (
        features_json,
        membership_json,
        save_events,
        vector_bytes,
    )
    from lagebild.store.serialise import article_row

    now = dt.datetime.now(dt.UTC)
    store = Store.open(str(path))
    with store._write("bulk-load", "benchmark") as conn:
        for start in range(0, len(rows), 2000):
            chunk = rows[start : start + 2000]
            conn.execute(
                insert(raw_documents),
                [
                    {
                        "content_hash": a.content_hash,
                        "data": a.text.encode(),
                        "format": "text",
                        "origin": a.origin,
                        "url": None,
                        "declared_encoding": None,
                        "fields": "{}",
                        "fetched_at": None,
                        "stored_at": now,
                    }
                    for a, _ in chunk
                ],
            )
            conn.execute(
                insert(articles),
                [{"id": a.id, "current_revision": 1, "first_stored_at": now} for a, _ in chunk],
            )
            event_of = {a.id: relater.events.event_of(a.id) for a, _ in chunk}
            conn.execute(
                insert(revisions),
                [{**article_row(a, 1, now), "event_id": event_of[a.id]} for a, _ in chunk],
            )
            conn.execute(
                insert(relations),
                [
                    {
                        "article_id": a.id,
                        "revision": 1,
                        "features": features_json(r.features),
                        "signature": r.signature,
                        "vector": vector_bytes(r.features.vector),
                        "event_id": event_of[a.id],
                        "membership": membership_json(r.assignment.membership),
                        "assigned_at": now,
                    }
                    for a, r in chunk
                ],
            )
        events = [(e, relater.events.centroid(e)) for e in relater.events.events()]
        save_events(conn, events)
        stories = [(s, relater.stories.centroid(s)) for s in relater.stories.events()]
        save_events(conn, stories, table="stories")
        counts = relater.events.frequencies.counts
        conn.execute(
            insert(tf_table),
            [{"term": t, "documents": n} for t, n in counts.items()]
            + [{"term": "", "documents": relater.events.frequencies.documents}],
        )
    store.close()


def measure(folder: Path, stored: int, new: int) -> None:
    """In a fresh process: open the store, relate ``new`` articles, print the numbers."""
    from lagebild.events.store import open_relater
    from lagebild.records import RawDocument
    from lagebild.store import Store

    texts = json.loads((folder / "texts.json").read_text())
    _init(texts, np.load(folder / "vectors.npy"))
    store = Store.open(str(folder / "speed.db"))
    started = time.perf_counter()
    relater = open_relater(store)
    loaded = time.perf_counter() - started
    print(
        f"store with {store.count()} articles, {len(relater.events)} events: indexes loaded in {loaded:.1f} s"
    )
    place, total = [], []
    for i in range(stored, stored + new):
        article, features, sig = synthetic(i)
        raw = RawDocument(origin=article.origin, data=article.text.encode(), format="text")
        saved = store.save(article, raw)
        started = time.perf_counter()
        related = relater.relate(article, features=features, signature=sig)
        placed = time.perf_counter()
        store.save_relations(related, saved.revision)
        done = time.perf_counter()
        place.append((placed - started) * 1000)
        total.append((done - started) * 1000)
    rss = peak_rss_mb()
    for name, values in (("placement", place), ("placement + store write", total)):
        ordered = sorted(values)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        print(
            f"{name}: median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, "
            f"max {ordered[-1]:.1f} ms over {len(values)} new articles"
        )
    print(f"peak memory of this process (RSS): {rss:.0f} MB")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stored", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build the store in this folder and keep it")
    parser.add_argument("--measure-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_only:
        measure(args.measure_only, args.stored, args.new)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        build(folder, args.stored, args.new, args.workers)
        command = [sys.executable, __file__, "--measure-only", str(folder)]
        command += ["--stored", str(args.stored), "--new", str(args.new)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
