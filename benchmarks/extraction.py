"""Main-text extraction: lagebild's HTML cleaning (clean_page) against plain trafilatura, on two public sets.

Run: ``python benchmarks/extraction.py [--limit N] [--workers 2]``

- trafilatura_eval (BBAW, 990 pages): the repo's snippet metric (tests/eval_common.py): per
  page, "with" snippets found in the output are true positives, missing ones false negatives;
  "without" snippets found are false positives, absent ones true negatives; whitespace is
  normalised; micro-summed over the corpus.
- scrapinghub_aeb (181 pages): the AEB evaluate.py metric: 4-gram shingles of ``\\w+`` tokens,
  per-page TP/FP/FN normalised to sum 1, precision and recall averaged over pages, F1 the
  harmonic mean of the two averages; accuracy = pages whose tokens equal the gold exactly.

Both systems read the same decoded string (trafilatura's own decoder). Plain trafilatura is
``trafilatura.extract(html)`` with default settings (plain text, no title). lagebild is scored
on ``Cleaned.text`` (lead, headings, body; the title is kept apart, as in the exports); the
"+title" row adds ``Cleaned.title`` on a first line, for reference.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path

import trafilatura
from trafilatura.utils import decode_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import dataset
from lagebild.clean import clean_page

SYSTEMS = ("trafilatura", "lagebild", "lagebild+title")
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+", re.UNICODE)


def _run_all(html_bytes: bytes) -> dict[str, str]:
    """Outputs of every system for one page; a crash counts as empty output."""
    html = decode_file(html_bytes)
    out: dict[str, str] = {}
    try:
        out["trafilatura"] = trafilatura.extract(html) or ""
    except Exception:
        out["trafilatura"] = ""
    try:
        cleaned = clean_page(html)
        out["lagebild"] = cleaned.text
        out["lagebild+title"] = f"{cleaned.title or ''}\n{cleaned.text}".strip()
    except Exception:
        out["lagebild"] = out["lagebild+title"] = ""
    return out


def _read_gz(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes())


def _snippet_job(item: tuple[str, list[str], list[str]]) -> dict[str, tuple[int, int, int, int]]:
    path, with_, without = item
    outputs = _run_all(_read_gz(Path(path)))
    scores = {}
    for name, text in outputs.items():
        norm = _SPACE.sub(" ", text)
        tp = sum(1 for s in with_ if _SPACE.sub(" ", s).strip() in norm)
        fp = sum(1 for s in without if _SPACE.sub(" ", s).strip() in norm)
        scores[name] = (tp, len(with_) - tp, fp, len(without) - fp)
    return scores


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    # as in AEB evaluate.py: an empty text still has one (empty) shingle, so an empty output
    # counts as a false positive instead of being skipped
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)))


def _aeb_job(item: tuple[str, str]) -> dict[str, tuple[float | None, float | None, bool]]:
    path, gold = item
    outputs = _run_all(_read_gz(Path(path)))
    gold_sh = _shingles(gold)
    scores = {}
    for name, text in outputs.items():
        pred_sh = _shingles(text)
        tp = sum((pred_sh & gold_sh).values())
        fp = sum((pred_sh - gold_sh).values())
        fn = sum((gold_sh - pred_sh).values())
        total = tp + fp + fn
        if total == 0:
            precision: float | None = 1.0
            recall: float | None = 1.0
        else:
            tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
            precision = tp_n / (tp_n + fp_n) if tp_n + fp_n else None
            recall = tp_n / (tp_n + fn_n) if tp_n + fn_n else None
        exact = _TOKEN.findall(text) == _TOKEN.findall(gold)
        scores[name] = (precision, recall, exact)
    return scores


def _map(job: Callable[..., dict], items: list, workers: int) -> list[dict]:  # type: ignore[type-arg]
    if workers <= 1:
        return [job(item) for item in items]
    with Pool(workers) as pool:
        return pool.map(job, items, chunksize=4)


def snippet_eval(limit: int | None, workers: int) -> None:
    root = dataset("trafilatura_eval")
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    items = [
        (str(root / "html" / f"{entry['file']}.gz"), entry["with"], entry["without"])
        for entry in data.values()
    ][:limit]
    start = time.perf_counter()
    results = _map(_snippet_job, items, workers)
    print(f"\ntrafilatura_eval: {len(items)} pages, {time.perf_counter() - start:.1f} s")
    print(f"{'system':<16} {'precision':>9} {'recall':>7} {'F1':>6} {'accuracy':>8}")
    for name in SYSTEMS:
        tp, fn, fp, tn = (sum(r[name][i] for r in results) for i in range(4))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        accuracy = (tp + tn) / (tp + tn + fp + fn)
        print(f"{name:<16} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f} {accuracy:>8.3f}")


def aeb_eval(limit: int | None, workers: int) -> None:
    root = dataset("scrapinghub_aeb")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    items = [
        (str(root / "html" / f"{key}.html.gz"), entry["articleBody"])
        for key, entry in sorted(truth.items())
    ][:limit]
    start = time.perf_counter()
    results = _map(_aeb_job, items, workers)
    print(f"\nscrapinghub_aeb: {len(items)} pages, {time.perf_counter() - start:.1f} s")
    print(f"{'system':<16} {'precision':>9} {'recall':>7} {'F1':>6} {'accuracy':>8}")
    for name in SYSTEMS:
        ps = [r[name][0] for r in results if r[name][0] is not None]
        rs = [r[name][1] for r in results if r[name][1] is not None]
        precision = sum(ps) / len(ps) if ps else 0.0
        recall = sum(rs) / len(rs) if rs else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        accuracy = sum(r[name][2] for r in results) / len(results)
        print(f"{name:<16} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f} {accuracy:>8.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per dataset")
    parser.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    args = parser.parse_args()
    start = time.perf_counter()
    snippet_eval(args.limit, args.workers)
    aeb_eval(args.limit, args.workers)
    print(f"\ntotal wall time: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
