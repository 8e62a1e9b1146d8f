"""How many of the demo corpus' relative dates resolve to the day MANIFEST.json says (#5, #6).

Every entry of ``relative_dates`` names an article file, a snippet holding one temporal
expression and the day it resolves to. The articles are built with the ordinary pipeline and
the expression is resolved with ``lagebild.timex.find_times`` against the article's own
publication date, exactly as for any other article. It then times find_times and event_date on
the demo articles and, when ../shared has it, find_times on the 1,028 articles of 10kGNAD.

    python benchmarks/timex_demo.py
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

from _common import shared_dir
from lagebild.ingestion import analyse
from lagebild.pipeline import default_pipeline
from lagebild.records import Article
from lagebild.timex import event_date, find_times

CORPUS = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "demo_corpus"


def corpus_articles() -> list[Article]:
    """All demo articles, built without the (slow) entity and quote stages."""
    pipeline = default_pipeline(entities=False, quotes=False)
    results = [result for _raw, result in analyse([str(CORPUS / "articles")], pipeline=pipeline)]
    return [r for r in results if isinstance(r, Article)]


def resolve(entry: dict[str, Any], articles: list[Article]) -> str | None:
    """The day the snippet's temporal expression resolves to, or a reason it does not."""
    for article in articles:
        if not article.origin.split("#")[0].endswith(entry["file"]):
            continue
        at = article.text.find(entry["snippet"])
        if at < 0:
            continue
        published = article.meta.published
        if published is None or published.day is None:
            return "no day-precise publication date"
        end = at + len(entry["snippet"])
        for mention in find_times(article.text, article.meta.language, published.to_date()):
            if at <= mention.start < end and mention.value is not None:
                return mention.value.isoformat()
        return "no temporal expression found in the snippet"
    return "snippet not found in any article of the file"


ROUNDS = 20  # enough repetitions for a stable per-article time


def _published(article: Article) -> dt.date | None:
    return article.meta.published.to_date() if article.meta.published else None


def _find_all(articles: list[Article]) -> None:
    for article in articles:
        find_times(article.text, article.meta.language, _published(article))


def _event_all(articles: list[Article]) -> None:
    for article in articles:
        event_date(article.text, article.meta.language, _published(article), title=article.title)


def main() -> int:
    manifest = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    articles = corpus_articles()
    entries = manifest["relative_dates"]
    correct = 0
    for entry in entries:
        got = resolve(entry, articles)
        ok = got == entry["resolves_to"]
        correct += ok
        print(f"{'ok ' if ok else 'BAD'} {entry['resolves_to']} got {got}: {entry['snippet']!r}")
    print(f"\n{correct}/{len(entries)} relative dates resolve to the manifest's day")

    words = sum(len(article.text.split()) for article in articles)
    for name, function in (("find_times", _find_all), ("event_date", _event_all)):
        started = time.perf_counter()
        for _ in range(ROUNDS):
            function(articles)
        per_800 = (time.perf_counter() - started) / ROUNDS / words * 800 * 1000
        print(f"{name}: {per_800:.2f} ms per 800 words ({len(articles)} articles, {words} words)")
    _real_text_speed()
    return 0 if correct == len(entries) else 1


def _real_text_speed() -> None:
    """find_times over the 1,028 DER STANDARD articles of 10kGNAD, when the dataset is there."""
    path = shared_dir() / "datasets" / "10kgnad" / "test.csv"
    if not path.exists():
        print(f"10kGNAD not found at {path}; skipping the real-text timing")
        return
    with path.open(encoding="utf-8", newline="") as handle:
        texts = [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'")]
    words = sum(len(text.split()) for text in texts)
    published = dt.date(2016, 3, 10)  # the corpus carries no dates; any day times the same
    started = time.perf_counter()
    found = sum(len(find_times(text, "de", published)) for text in texts)
    per_800 = (time.perf_counter() - started) / words * 800 * 1000
    print(
        f"10kGNAD: {len(texts)} articles, {words} words, {found} expressions: "
        f"{per_800:.2f} ms per 800 words"
    )


if __name__ == "__main__":
    sys.exit(main())
