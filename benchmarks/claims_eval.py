"""Claim extraction and corroboration status against a hand-labelled set (issue #6).

The gold (benchmarks/data/claims/, see its README for the guidelines and licences) covers the
22 demo-corpus articles, 32 real German articles drawn by a fixed rule from ../shared
(22 German Wikinews, dev split; 10 DER STANDARD articles of 10kGNAD) and the two real dpa
articles in ../shared/examples. Each gold claim is a value expression (``über 120 Verletzte``,
``am Montag``) with ~30 characters of context, its normalised value or resolved date, and for
claims about the demo story's main events the expected corroboration status.

The articles go through the product path: the demo folder, the example files and one
news-please JSON Lines file holding the real articles are ingested into two fresh SQLite stores
(demo; real); every stored article is run through ``extract_claims``; the gold snippets are
located in the stored clean text. A predicted claim matches a gold claim of the same kind when
their value spans overlap (one-to-one, greedy by overlap). Printed: P/R/F1 for quantities and
dates, value accuracy among matches, and status accuracy (the status of the group the matched
predicted claim belongs to in ``store.claim_groups()``; in no group: single_source).

    python benchmarks/claims_eval.py [--verbose] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from _common import REPO, shared_dir

if TYPE_CHECKING:
    from lagebild.store import Store

GOLD_DIR = REPO / "benchmarks" / "data" / "claims"
DEMO_CORPUS = REPO / "src" / "lagebild" / "demo_corpus"
URL_PREFIX = "https://claims-benchmark.example/"  # real records get url URL_PREFIX + key
TARGETS = {"precision": 0.90, "recall": 0.80, "status": 0.90}  # issue #6 acceptance
REL_TOL = 1e-6  # values "equal" within this relative tolerance (issue #6)
SPAN_MARK = re.compile(r"\[\[(.*?)\]\]")  # the snippet inside a gold context

# Units that name the same dimension: value x factor = value in the base unit. Count units are
# all one (a plain count has unit None in the gold; an extractor may say "count" or "person").
UNIT_BASE: Mapping[str, tuple[str, float]] = {
    "second": ("minute", 1 / 60),
    "minute": ("minute", 1.0),
    "min": ("minute", 1.0),
    "hour": ("minute", 60.0),
    "day": ("minute", 1440.0),
    "week": ("minute", 7 * 1440.0),
    "month": ("minute", 30 * 1440.0),
    "year": ("minute", 365 * 1440.0),
    "m": ("meter", 1.0),
    "meter": ("meter", 1.0),
    "metre": ("meter", 1.0),
    "km": ("meter", 1000.0),
    "kilometer": ("meter", 1000.0),
    "g": ("kg", 0.001),
    "kg": ("kg", 1.0),
    "t": ("kg", 1000.0),
    "tonne": ("kg", 1000.0),
    "ton": ("kg", 1000.0),
    "%": ("percent", 1.0),
    "percent": ("percent", 1.0),
    "celsius": ("celsius", 1.0),
    "degree_celsius": ("celsius", 1.0),
    "°c": ("celsius", 1.0),
    "l": ("liter", 1.0),
    "liter": ("liter", 1.0),
    "litre": ("liter", 1.0),
}
COUNT_UNITS = frozenset({"", "count", "number", "piece", "person", "people", "item"})


# --- gold -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldArticle:
    """One labelled article and where its text comes from (texts themselves stay in ../shared
    and the demo corpus)."""

    key: str  # "dpa-0310-wire" (demo manifest id), "wikinews-80634", "10kgnad-70", "example-..."
    source: str  # demo | wikinews | 10kgnad | examples
    ref: str  # demo: file (+"#L<n>"); wikinews: file name in dev.jsonl.gz; 10kgnad: row; examples: file
    published: str | None  # ISO date the labeller resolved relative dates against
    title: str
    language: str


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldClaim:
    key: str
    kind: str  # quantity | date
    snippet: str
    context: str  # ~30 characters each side, the snippet marked [[...]]
    value: float | None = None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    date: str | None = None  # "2026-03-09", "2026-03", "2026" or None (not resolvable)
    status: str | None = None  # expected corroboration status, where labelled


@dataclass(frozen=True, slots=True, kw_only=True)
class Predicted:
    key: str
    kind: str
    start: int
    end: int
    text: str
    value: float | None = None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    date: str | None = None
    status: str = "single_source"


def load_gold(folder: Path = GOLD_DIR) -> tuple[list[GoldArticle], list[GoldClaim]]:
    articles = [GoldArticle(**row) for row in _jsonl(folder / "articles.jsonl")]
    claims = [GoldClaim(**row) for row in _jsonl(folder / "claims.jsonl")]
    return articles, claims


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def split_context(context: str) -> tuple[str, str, str]:
    """(before, snippet, after) of a gold context."""
    match = SPAN_MARK.search(context)
    if match is None:
        raise ValueError(f"context without [[snippet]] mark: {context!r}")
    return context[: match.start()], match.group(1), context[match.end() :]


# --- source texts -----------------------------------------------------------------------------


def source_texts(articles: Sequence[GoldArticle], shared: Path) -> dict[str, str]:
    """The raw text each gold article's snippets occur in: the demo file decoded (a JSON Lines
    record's title and maintext), the Wikinews originalText, the 10kGNAD row, the example file."""
    wanted = {a.source for a in articles}
    wikinews = _wikinews_texts(shared) if "wikinews" in wanted else {}
    gnad = _gnad_texts(shared) if "10kgnad" in wanted else []
    texts = {}
    for article in articles:
        if article.source == "demo":
            texts[article.key] = _demo_text(article.ref)
        elif article.source == "wikinews":
            texts[article.key] = wikinews[article.ref]
        elif article.source == "10kgnad":
            texts[article.key] = gnad[int(article.ref)]
        else:
            path = shared / "examples" / article.ref
            texts[article.key] = path.read_text(encoding="utf-8")
    return texts


def _demo_text(ref: str) -> str:
    manifest = json.loads((DEMO_CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    path, _, line = ref.partition("#L")
    encoding = next(f["encoding"] for f in manifest["files"] if f["path"] == path)
    text = (DEMO_CORPUS / path).read_bytes().decode(encoding)
    if not line:
        return text
    record = json.loads(text.splitlines()[int(line) - 1])
    return f"{record['title']}\n{record['maintext']}"


def _wikinews_texts(shared: Path) -> dict[str, str]:
    path = shared / "datasets" / "de_news_quotes_2024" / "dev.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        rows = (json.loads(line) for line in lines)
        return {row["file"]: row["doc"]["originalText"] for row in rows}


def _gnad_texts(shared: Path) -> list[str]:
    path = shared / "datasets" / "10kgnad" / "test.csv"
    with path.open(encoding="utf-8") as f:
        return [row[1] for row in csv.reader(f, delimiter=";", quotechar="'")]


def news_please_record(article: GoldArticle, text: str) -> dict[str, object]:
    """A real article as a news-please record (as benchmarks/_event_stream.py writes them)."""
    published = f"{article.published} 12:00:00" if article.published else None
    return {
        "title": article.title,
        "maintext": text,
        "date_publish": published,
        "url": URL_PREFIX + article.key,
        "source_domain": f"{article.source}.example",
        "language": article.language,
        "authors": [],
        "description": None,
        "date_download": published,
        "image_url": None,
        "filename": f"{article.key}.json",
    }


# --- locating and matching --------------------------------------------------------------------


def locate(claim: GoldClaim, text: str, taken: set[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of the gold snippet in ``text``: of its whole-word occurrences not yet taken,
    the one whose surroundings agree longest with the gold context."""
    before, snippet, after = split_context(claim.context)
    pattern = re.compile(rf"(?<!\w){re.escape(snippet)}(?!\w)")
    best, best_score = None, -1
    for m in pattern.finditer(text):
        if m.span() in taken:
            continue
        score = _common_suffix(text[: m.start()], before) + _common_prefix(text[m.end() :], after)
        if score > best_score:
            best, best_score = m.span(), score
    return best


def _common_prefix(a: str, b: str) -> int:
    a, b = " ".join(a[: len(b) + 20].split()), " ".join(b.split())
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[-(len(b) + 20) :][::-1], b[::-1])


def match_spans(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs of overlapping spans, greedy by overlap
    (ties: earlier gold, then earlier prediction)."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for pi, (ps, pe) in enumerate(predicted):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((-overlap, gi, pi))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched = []
    for _, gi, pi in sorted(pairs):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            matched.append((gi, pi))
    return sorted(matched)


def canonical(value: float | None, unit: str | None) -> tuple[str, float | None]:
    """(dimension, value in its base unit); unknown units compare by name."""
    name = (unit or "").strip().lower()
    if name in COUNT_UNITS:
        return "count", value
    base, factor = UNIT_BASE.get(name, (name, 1.0))
    return base, None if value is None else value * factor


def same_value(gold: GoldClaim, pred: Predicted) -> bool:
    """Dates: the same resolved date (to the same precision). Quantities: value, low and high
    equal within REL_TOL once both are in the same base unit."""
    if gold.kind == "date":
        return gold.date == pred.date
    dims = {canonical(None, gold.unit)[0], canonical(None, pred.unit)[0]}
    if len(dims) != 1:
        return False
    for g, p in ((gold.value, pred.value), (gold.low, pred.low), (gold.high, pred.high)):
        gv, pv = canonical(g, gold.unit)[1], canonical(p, pred.unit)[1]
        if (gv is None) != (pv is None):
            return False
        if gv is not None and pv is not None and not math.isclose(gv, pv, rel_tol=REL_TOL):
            return False
    return True


# --- scores -----------------------------------------------------------------------------------


@dataclass(slots=True)
class KindScore:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    value_ok: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    kinds: dict[str, KindScore] = field(
        default_factory=lambda: {"quantity": KindScore(), "date": KindScore()}
    )
    status_items: int = 0
    status_ok: int = 0
    status_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    unlocated: list[GoldClaim] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def status_accuracy(self) -> float:
        return self.status_ok / self.status_items if self.status_items else 0.0


def score(
    gold: Iterable[GoldClaim],
    predicted: Iterable[Predicted],
    texts: Mapping[str, str],
) -> Report:
    """Match gold and predicted claims per article and kind in the clean ``texts`` (by key);
    a gold claim whose snippet is not in the clean text counts as missed."""
    report = Report()
    gold_by: dict[tuple[str, str], list[GoldClaim]] = defaultdict(list)
    pred_by: dict[tuple[str, str], list[Predicted]] = defaultdict(list)
    for g in gold:
        gold_by[g.key, g.kind].append(g)
    for p in predicted:
        pred_by[p.key, p.kind].append(p)
    for key, kind in sorted(set(gold_by) | set(pred_by)):
        _score_article(report, key, kind, gold_by[key, kind], pred_by[key, kind], texts)
    return report


def _score_article(
    report: Report,
    key: str,
    kind: str,
    golds: list[GoldClaim],
    preds: list[Predicted],
    texts: Mapping[str, str],
) -> None:
    text, taken = texts.get(key, ""), set[tuple[int, int]]()
    located: list[tuple[GoldClaim, tuple[int, int]]] = []
    unlocated: list[GoldClaim] = []
    for g in golds:
        span = locate(g, text, taken)
        if span is None:
            unlocated.append(g)
            report.errors[key].append(f"gold not in clean text: {kind} {g.snippet!r}")
        else:
            taken.add(span)
            located.append((g, span))
    stats = report.kinds[kind]
    stats.gold += len(golds)
    stats.predicted += len(preds)
    pairs = match_spans([s for _, s in located], [(p.start, p.end) for p in preds])
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    stats.matched += len(pairs)
    for gi, pi in pairs:
        g, p = located[gi][0], preds[pi]
        if same_value(g, p):
            stats.value_ok += 1
        else:
            report.errors[key].append(f"value: {g.snippet!r} gold {_show(g)} got {_show(p)}")
    for gi, (g, _) in enumerate(located):
        if gi not in matched_gold:
            report.errors[key].append(f"missed {kind}: {g.snippet!r}")
    for pi, p in enumerate(preds):
        if pi not in matched_pred:
            report.errors[key].append(f"spurious {kind}: {p.text!r}")
    status_of = {gi: preds[pi].status for gi, pi in pairs}
    for gi, (g, _) in enumerate(located):
        if g.status is not None:
            _count_status(report, key, g, status_of.get(gi, "missed"))
    for g in unlocated:
        if g.status is not None:
            _count_status(report, key, g, "missed")
    report.unlocated += unlocated


def _count_status(report: Report, key: str, gold: GoldClaim, got: str) -> None:
    assert gold.status is not None
    report.status_items += 1
    report.status_confusion[gold.status, got] += 1
    if got == gold.status:
        report.status_ok += 1
    else:
        report.errors[key].append(f"status: {gold.snippet!r} gold {gold.status} got {got}")


def _show(claim: GoldClaim | Predicted) -> str:
    if claim.kind == "date":
        return str(claim.date)
    return f"{claim.value} {claim.unit} [{claim.low}, {claim.high}]"


# --- the product path -------------------------------------------------------------------------


def run_product(
    articles: Sequence[GoldArticle], texts: Mapping[str, str], shared: Path, folder: Path
) -> tuple[list[Predicted], dict[str, str]]:
    """Ingest the articles into fresh stores, extract claims from the stored articles.
    Returns the predictions and the clean text per key."""
    demo = [a for a in articles if a.source == "demo"]
    real = [a for a in articles if a.source != "demo"]
    records = folder / "input" / "real.jsonl"
    records.parent.mkdir(parents=True, exist_ok=True)
    with records.open("w", encoding="utf-8") as out:
        for a in real:
            if a.source in ("wikinews", "10kgnad"):
                out.write(json.dumps(news_please_record(a, texts[a.key]), ensure_ascii=False))
                out.write("\n")
    examples = [str(shared / "examples" / a.ref) for a in real if a.source == "examples"]
    predicted: list[Predicted] = []
    clean: dict[str, str] = {}
    for name, group, inputs in (
        ("demo", demo, [str(DEMO_CORPUS / "articles")]),
        ("real", real, [str(records), *examples]),
    ):
        if not group:
            continue
        got, texts_of = _ingest_and_extract(group, inputs, folder / f"{name}.db")
        predicted += got
        clean.update(texts_of)
    return predicted, clean


def _ingest_and_extract(
    articles: Sequence[GoldArticle], inputs: list[str], db: Path
) -> tuple[list[Predicted], dict[str, str]]:
    from lagebild.claims.extract import extract_claims
    from lagebild.ingestion import ingest
    from lagebild.settings import Settings
    from lagebild.store import Store

    db.unlink(missing_ok=True)
    start = time.perf_counter()
    with Store.open(str(db)) as store:
        result = ingest(inputs, store, settings=Settings(db=str(db), workers=1))
        outcomes = Counter(item.outcome for item in result.items)
        print(
            f"ingest {db.stem}: {time.perf_counter() - start:.1f} s; "
            + ", ".join(f"{k} {n}" for k, n in sorted(outcomes.items()))
        )
        status_by_span = _group_status(store)
        predicted, clean = [], {}
        keys = _key_finder(articles)
        for article in store.articles():
            key = keys(article.origin, article.url)
            if key is None:
                continue
            quotes = store.revision_quotes(article.id, article.revision)
            clean[key] = article.text
            for c in extract_claims(replace(article, quotes=quotes)):
                span = c.value_span
                predicted.append(
                    Predicted(
                        key=key,
                        kind=c.kind,
                        start=span.start,
                        end=span.end,
                        text=span.text,
                        value=c.value,
                        unit=c.unit,
                        low=c.low,
                        high=c.high,
                        date=_iso(c.date),
                        status=stored_status(status_by_span, article.id, span.start, span.end),
                    )
                )
    missing = sorted({a.key for a in articles} - set(clean))
    if missing:
        print(f"  not stored ({len(missing)}): {', '.join(missing)}")
    return predicted, clean


def stored_status(
    status_by_span: Mapping[tuple[str, int, int], str], article_id: str, start: int, end: int
) -> str:
    """The status of the stored claim with this value span, else of the stored claim of the
    article whose value span overlaps it most (ingest and this run may cut spans differently);
    single_source when no stored claim overlaps."""
    exact = status_by_span.get((article_id, start, end))
    if exact is not None:
        return exact
    best, best_overlap = "single_source", 0
    for (aid, s, e), status in status_by_span.items():
        overlap = min(e, end) - max(s, start)
        if aid == article_id and overlap > best_overlap:
            best, best_overlap = status, overlap
    return best


def _group_status(store: Store) -> dict[tuple[str, int, int], str]:
    """(article id, value-span start, end) -> status of the claim's group, from the store."""
    status_of_id = {}
    for group in store.claim_groups():
        for claim_id in (*group.supporting, *group.opposing):
            status_of_id[claim_id] = group.status
    return {
        (c.article_id, c.value_span.start, c.value_span.end): status_of_id.get(
            c.id, "single_source"
        )
        for c in store.claims()
    }


def _key_finder(articles: Sequence[GoldArticle]) -> Any:
    by_url = {URL_PREFIX + a.key: a.key for a in articles}
    by_ref = {a.ref: a.key for a in articles if a.source in ("demo", "examples")}

    def find(origin: str, url: str | None) -> str | None:
        if url in by_url:
            return by_url[url]
        for ref, key in by_ref.items():
            if origin.endswith("/" + ref) or origin == ref:
                return key
        return None

    return find


def _iso(date: Any) -> str | None:
    if date is None:
        return None
    parts = [f"{date.year:04d}"]
    if date.month is not None:
        parts.append(f"{date.month:02d}")
        if date.day is not None:
            parts.append(f"{date.day:02d}")
    return "-".join(parts)


# --- printing ---------------------------------------------------------------------------------


def print_report(report: Report, *, verbose: bool, title: str = "all") -> None:
    print(f"--- {title}")
    for kind, s in report.kinds.items():
        print(
            f"{kind.replace('y', 'ie') + 's':<11} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}   "
            f"(matched {s.matched}, predicted {s.predicted}, gold {s.gold})   "
            f"target P >= {TARGETS['precision']:.2f}, R >= {TARGETS['recall']:.2f}"
        )
    for kind, s in report.kinds.items():
        share = s.value_ok / s.matched if s.matched else 0.0
        print(f"{kind} values right among matches: {s.value_ok}/{s.matched} = {share:.3f}")
    if report.unlocated:
        print(
            f"gold claims not found in the clean text (counted as missed): {len(report.unlocated)}"
        )
    print(
        f"status accuracy: {report.status_ok}/{report.status_items} = "
        f"{report.status_accuracy:.3f}   target >= {TARGETS['status']:.2f}"
    )
    for (want, got), n in sorted(report.status_confusion.items()):
        print(f"  gold {want:<13} -> {got:<13} {n}")
    if verbose:
        for key in sorted(report.errors):
            print(f"[{key}]")
            for line in report.errors[key]:
                print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--verbose", action="store_true", help="per-article errors")
    parser.add_argument("--keep", metavar="DIR", help="write the input file and stores here")
    args = parser.parse_args()
    shared = shared_dir()
    articles, gold = load_gold()
    if not (shared / "datasets").exists():
        print(f"../shared not found at {shared}: scoring the demo corpus only")
        articles = [a for a in articles if a.source == "demo"]
        gold = [g for g in gold if g.key in {a.key for a in articles}]
    counts = Counter(a.source for a in articles)
    kinds = Counter(g.kind for g in gold)
    print(
        f"gold: {len(articles)} articles ({', '.join(f'{k} {n}' for k, n in sorted(counts.items()))}); "
        f"{kinds['quantity']} quantities, {kinds['date']} dates, "
        f"{sum(g.status is not None for g in gold)} status items"
    )
    texts = source_texts(articles, shared)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        predicted, clean = run_product(articles, texts, shared, folder)
    demo_keys = {a.key for a in articles if a.source == "demo"}
    parts: tuple[tuple[str, set[str]], ...] = (
        ("demo corpus", demo_keys),
        ("real articles", {a.key for a in articles} - demo_keys),
        ("all", {a.key for a in articles}),
    )
    for title, keys in parts:
        part = score(
            [g for g in gold if g.key in keys],
            [p for p in predicted if p.key in keys],
            clean,
        )
        print_report(part, verbose=args.verbose and title == "all", title=title)


if __name__ == "__main__":
    main()
