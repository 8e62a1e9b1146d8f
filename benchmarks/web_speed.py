"""Web speed with a large store: how fast the story list, a story page and a search answer
when the SQLite store holds 100,000 articles (issue #7: under 300 ms median for the story
list and the story page, under 500 ms for search).

The store is the one ``benchmarks/events_speed.py`` builds (100,000 articles from real German
news text with their events and stories, as an ingest writes them)::

    python benchmarks/events_speed.py --stored 100000 --keep /tmp/speed100k
    python benchmarks/web_speed.py --db /tmp/speed100k/speed.db [--requests 30]

Requests go through the real application (``lagebild.web.create_app``) in this process with
Starlette's test client: routing, store queries, templates and the response, without the
network. A story page is timed twice: the first request of a story computes its digest
(claims aligned, summaries, timeline) and caches it; later requests read the cache. The
first search call indexes the articles not yet in the full-text index (reported apart).

The build writes articles with their events and stories but without the analysis an ingest
stores with them (entity mentions, quotes, claims). So that a story's digest has real work
to do, the claims of every article of the timed stories are extracted and stored first, as
ingest would have (``--no-claims`` skips this); entity mentions and quotes stay absent, so
those parts of the story page are empty and cheaper than in a real store.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
import warnings
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

with warnings.catch_warnings():  # Starlette's note on its test client's HTTP library
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from lagebild.claims.extract import extract_claims
from lagebild.records import RawDocument, Story
from lagebild.settings import Settings
from lagebild.store import Store
from lagebild.web import create_app


def timed(client: TestClient, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    took = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}: {response.text[:200]}")
    return took


def report(name: str, values: Sequence[float], target: float | None = None) -> None:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    goal = f"   target median < {target:.0f} ms" if target else ""
    print(
        f"{name:<34} n={len(values):>3}  median {statistics.median(values):7.1f} ms  "
        f"p95 {p95:7.1f} ms  max {max(values):7.1f} ms{goal}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="an SQLite store (see above)")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--no-claims", action="store_true", help="do not store claims for the timed stories"
    )
    args = parser.parse_args(argv)
    if not args.db.exists():
        raise SystemExit(f"no store at {args.db}; build one with benchmarks/events_speed.py --keep")
    rng = random.Random(args.seed)
    with Store.open(str(args.db)) as store:
        articles = store.count()
        _, stories = store.events()
        print(f"store: {articles} articles, {len(stories)} stories ({args.db})")
        client = TestClient(create_app(Settings(db=str(args.db)), store))
        n = args.requests
        report("story list (/)", [timed(client, "/") for _ in range(n)], 300)
        picked = rng.sample(stories, min(n, len(stories)))
        sizes = [len(s.article_ids) for s in picked]
        print(
            f"stories timed: {len(picked)}, articles per story median "
            f"{statistics.median(sizes):.0f}, max {max(sizes)}"
        )
        if not args.no_claims:
            started = time.perf_counter()
            found = add_claims(store, picked)
            print(
                f"claims stored for the timed stories' {sum(sizes)} articles: {found} "
                f"({time.perf_counter() - started:.1f} s, not timed below)"
            )
        first = [timed(client, f"/stories/{s.id}") for s in picked]
        again = [timed(client, f"/stories/{s.id}") for s in picked]
        report("story page, first view (digest)", first)
        report("story page (digest cached)", again, 300)
        words = _query_words(store, rng, n)
        started = time.perf_counter()
        timed(client, "/search?q=" + words[0])
        print(f"first search (builds the index): {time.perf_counter() - started:.1f} s")
        report("search (page)", [timed(client, f"/search?q={w}") for w in words], 500)
        report("search (API)", [timed(client, f"/api/search?q={w}") for w in words], 500)


def add_claims(store: Store, stories: Sequence[Story]) -> int:
    """Extract and store the claims of the stories' articles (what ingest stores with each
    article); the number of claims."""
    found = 0
    ids = [a for story in stories for a in story.article_ids]
    for article in store.current(ids).values():
        claims = extract_claims(article)
        raw = RawDocument(
            origin=article.origin, data=store.raw(article.content_hash) or b"", format="text"
        )
        store.save(replace(article, claims=claims), raw)  # unchanged text: only claims written
        found += len(claims)
    return found


def _query_words(store: Store, rng: random.Random, n: int) -> list[str]:
    """Real words from stored titles (capitalised, 5+ letters): what a user searches for."""
    found: dict[str, None] = {}
    for article in store.articles():
        for word in re.findall(r"\b[A-ZÄÖÜ][a-zäöüß]{4,}\b", article.title or ""):
            found.setdefault(word)
        if len(found) >= 20 * n:
            break
    return rng.sample(list(found), min(n, len(found)))


if __name__ == "__main__":
    main()
