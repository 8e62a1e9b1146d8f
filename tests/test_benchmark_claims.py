"""The claims benchmark (issue #6): its scorer on hand-made cases with exact numbers, and the
integrity of the gold files in benchmarks/data/claims (every snippet is in its article's text,
every value parses, weekday dates fall on their weekday, the real articles follow the rule)."""

from __future__ import annotations

import csv
import gzip
import json
import os
import random
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from claims_eval import (  # noqa: E402  (benchmarks/ is not a package)
    GoldArticle,
    GoldClaim,
    Predicted,
    load_gold,
    locate,
    match_spans,
    news_please_record,
    same_value,
    score,
    source_texts,
    split_context,
    stored_status,
)

SHARED = Path(os.environ.get("LAGEBILD_SHARED", REPO.parent / "shared")).resolve()
DATE = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")
WEEKDAYS = {
    0: ("Montag", "Monday"),
    1: ("Dienstag", "Tuesday"),
    2: ("Mittwoch", "Wednesday"),
    3: ("Donnerstag", "Thursday"),
    4: ("Freitag", "Friday"),
    5: ("Samstag", "Saturday"),
    6: ("Sonntag", "Sunday"),
}


def gold(snippet: str, context: str, kind: str = "quantity", **values: Any) -> GoldClaim:
    return GoldClaim(key="a", kind=kind, snippet=snippet, context=context, **values)


def pred(start: int, end: int, kind: str = "quantity", **values: Any) -> Predicted:
    return Predicted(key="a", kind=kind, start=start, end=end, text="", **values)


# --- the scorer -------------------------------------------------------------------------------


def test_locate_picks_the_occurrence_the_context_names() -> None:
    text = "Am Montag kamen zwei Menschen. Am Dienstag starben zwei Menschen im Spital."
    claim = gold("zwei Menschen", "Dienstag starben [[zwei Menschen]] im Spital")
    assert locate(claim, text, set()) == (51, 64)
    assert locate(claim, text, {(51, 64)}) == (16, 29)  # taken: the other occurrence


def test_locate_matches_whole_words_only() -> None:
    text = "am Donnerstagmorgen und am Donnerstag"
    assert locate(gold("am Donnerstag", "[[am Donnerstag]]", "date"), text, set()) == (24, 37)
    assert locate(gold("drei", "[[drei]]"), "dreizehn", set()) is None


def test_match_spans_is_one_to_one_and_greedy_by_overlap() -> None:
    gold_spans = [(0, 10), (12, 20)]
    predicted = [(5, 15), (0, 4), (14, 30)]
    # (5,15) overlaps gold 0 by 5 and gold 1 by 3; (14,30) overlaps gold 1 by 6
    assert match_spans(gold_spans, predicted) == [(0, 0), (1, 2)]
    assert match_spans([(0, 5)], [(5, 9)]) == []  # touching is not overlapping


def test_score_counts_precision_recall_and_values_exactly() -> None:
    text = "Über 120 Verletzte und zwei Tote am Montag, dazu 3 Autos."
    golds = [
        gold("Über 120 Verletzte", "[[Über 120 Verletzte]] und", value=120.0, low=120.0),
        gold("zwei Tote", "und [[zwei Tote]] am", value=2.0, low=2.0, high=2.0),
        gold("3 Autos", "dazu [[3 Autos]].", value=3.0, low=3.0, high=3.0),
        gold("am Montag", "Tote [[am Montag]], dazu", "date", date="2026-03-09"),
    ]
    predicted = [
        pred(5, 18, value=120.0, low=120.0),  # "120 Verletzte": matches, value right
        pred(23, 32, value=2.0, low=2.0, high=None),  # "zwei Tote": matches, high wrong
        pred(0, 4),  # "Über" alone overlaps the already-matched gold: spurious
        pred(33, 42, "date", date="2026-03-10"),  # matches, wrong day
    ]
    report = score(golds, predicted, {"a": text})
    q, d = report.kinds["quantity"], report.kinds["date"]
    assert (q.gold, q.predicted, q.matched, q.value_ok) == (3, 3, 2, 1)
    assert q.precision == pytest.approx(2 / 3) and q.recall == pytest.approx(2 / 3)
    assert q.f1 == pytest.approx(2 / 3)
    assert (d.gold, d.predicted, d.matched, d.value_ok) == (1, 1, 1, 0)
    assert not report.unlocated


def test_score_counts_an_unlocated_gold_claim_as_missed() -> None:
    report = score([gold("7 Tage", "[[7 Tage]]")], [], {"a": "Keine Zahl hier."})
    assert report.kinds["quantity"].gold == 1 and report.kinds["quantity"].recall == 0.0
    assert [g.snippet for g in report.unlocated] == ["7 Tage"]


def test_status_is_scored_per_gold_claim_through_its_match() -> None:
    text = "150 Menschen verletzt; 2 Tote; 5 Autos."
    golds = [
        gold("150 Menschen", "[[150 Menschen]] verletzt", status="contradicted"),
        gold("2 Tote", "; [[2 Tote]];", status="corroborated"),
        gold("5 Autos", "; [[5 Autos]].", status="single_source"),
    ]
    predicted = [pred(0, 12, status="contradicted"), pred(23, 29, status="single_source")]
    report = score(golds, predicted, {"a": text})
    assert (report.status_ok, report.status_items) == (1, 3)
    assert report.status_confusion == Counter(
        {
            ("contradicted", "contradicted"): 1,
            ("corroborated", "single_source"): 1,
            ("single_source", "missed"): 1,
        }
    )


@pytest.mark.parametrize(
    ("gold_values", "pred_values", "same"),
    [
        (
            {"value": 21.0, "unit": "day", "low": 21.0},
            {"value": 30240.0, "unit": "minute", "low": 30240.0},
            True,
        ),
        (
            {"value": 60.0, "unit": "meter", "low": 60.0, "high": 60.0},
            {"value": 0.06, "unit": "km", "low": 0.06, "high": 0.06},
            True,
        ),
        ({"value": 120.0, "low": 120.0}, {"value": 120.0, "unit": "count", "low": 120.0}, True),
        ({"value": 120.0, "low": 120.0}, {"value": 120.0, "low": 120.0, "high": 120.0}, False),
        ({"value": 7e9, "unit": "EUR"}, {"value": 7e9 * (1 + 1e-7), "unit": "EUR"}, True),
        ({"value": 7e9, "unit": "EUR"}, {"value": 7e9, "unit": "USD"}, False),
        ({"value": 21.0, "unit": "day"}, {"value": 21.0, "unit": "meter"}, False),
    ],
)
def test_same_value_converts_units_of_one_dimension(
    gold_values: dict[str, Any], pred_values: dict[str, Any], same: bool
) -> None:
    assert same_value(gold("x", "[[x]]", **gold_values), pred(0, 1, **pred_values)) is same


def test_stored_status_falls_back_to_the_most_overlapping_stored_claim() -> None:
    stored = {("a", 0, 10): "corroborated", ("a", 8, 30): "contradicted", ("b", 0, 5): "x"}
    assert stored_status(stored, "a", 0, 10) == "corroborated"
    assert stored_status(stored, "a", 5, 20) == "contradicted"  # overlaps 2 vs 12
    assert stored_status(stored, "a", 40, 50) == "single_source"
    assert stored_status(stored, "c", 0, 10) == "single_source"


def test_news_please_record_carries_the_key_in_the_url() -> None:
    article = GoldArticle(
        key="wikinews-1",
        source="wikinews",
        ref="f",
        published="2008-05-19",
        title="T",
        language="de",
    )
    record = news_please_record(article, "Text.")
    assert record["url"] == "https://claims-benchmark.example/wikinews-1"
    assert record["date_publish"] == "2008-05-19 12:00:00" and record["maintext"] == "Text."


# --- the gold files ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gold_files() -> tuple[list[GoldArticle], list[GoldClaim]]:
    return load_gold()


def test_gold_values_parse(gold_files: tuple[list[GoldArticle], list[GoldClaim]]) -> None:
    articles, claims = gold_files
    keys = {a.key for a in articles}
    assert len(keys) == len(articles) == 56
    assert sum(a.source != "demo" for a in articles) >= 30
    assert {c.key for c in claims} == keys  # every article has labels
    for c in claims:
        assert split_context(c.context)[1] == c.snippet, c
        assert c.status in (None, "corroborated", "contradicted", "single_source"), c
        if c.kind == "quantity":
            assert c.value is not None and c.date is None, c
            if c.low is not None:
                assert c.low <= c.value, c
            if c.high is not None:
                assert c.value <= c.high, c
        else:
            assert c.kind == "date" and c.value is None, c
            if c.date is not None:
                assert DATE.match(c.date), c
                parts = [int(p) for p in c.date.split("-")]
                date(parts[0], *[*parts[1:], 1, 1][:2])  # a real calendar date


def test_weekday_dates_fall_on_their_weekday(
    gold_files: tuple[list[GoldArticle], list[GoldClaim]],
) -> None:
    checked = 0
    for c in gold_files[1]:
        if c.kind != "date" or c.date is None or len(c.date) != 10:
            continue
        day = date.fromisoformat(c.date)
        named = [i for i, names in WEEKDAYS.items() if any(n in c.snippet for n in names)]
        if named:
            assert named == [day.weekday()], c
            checked += 1
    assert checked >= 60


def test_demo_snippets_occur_in_the_demo_files(
    gold_files: tuple[list[GoldArticle], list[GoldClaim]],
) -> None:
    articles, claims = gold_files
    demo = [a for a in articles if a.source == "demo"]
    assert len(demo) == 22
    _assert_snippets_in(source_texts(demo, SHARED), claims)


def test_real_snippets_occur_in_the_shared_texts(
    gold_files: tuple[list[GoldArticle], list[GoldClaim]],
) -> None:
    if not (SHARED / "datasets").exists():
        pytest.skip(f"../shared not found at {SHARED}; set LAGEBILD_SHARED to ../shared")
    articles, claims = gold_files
    real = [a for a in articles if a.source != "demo"]
    texts = source_texts(real, SHARED)
    _assert_snippets_in(texts, claims)
    for c in claims:  # plain texts: the whole context is there too (whitespace aside)
        if c.key in texts:
            before, snippet, after = split_context(c.context)
            flat = " ".join(texts[c.key].split())
            assert " ".join(f"{before}{snippet}{after}".split()) in flat, c


def _assert_snippets_in(texts: dict[str, str], claims: list[GoldClaim]) -> None:
    wanted = Counter((c.key, c.snippet) for c in claims if c.key in texts)
    assert wanted
    for (key, snippet), n in wanted.items():
        found = re.findall(rf"(?<!\w){re.escape(snippet)}(?!\w)", texts[key])
        assert len(found) >= n, (key, snippet)


def test_real_articles_follow_the_documented_selection_rule(
    gold_files: tuple[list[GoldArticle], list[GoldClaim]],
) -> None:
    if not (SHARED / "datasets").exists():
        pytest.skip(f"../shared not found at {SHARED}; set LAGEBILD_SHARED to ../shared")
    digits = re.compile(r"\d+")
    name = re.compile(r"^\d+ - .* \((?P<date>\d{4})-\d\d-\d\d\)\.pretty\.json$")
    with gzip.open(
        SHARED / "datasets/de_news_quotes_2024/dev.jsonl.gz", "rt", encoding="utf-8"
    ) as f:
        rows = [json.loads(line) for line in f]
    candidates = sorted(
        row["file"]
        for row in rows
        if (m := name.match(row["file"]))
        and int(m["date"]) >= 2000
        and 500 <= len(row["doc"]["originalText"]) <= 2500
        and len(digits.findall(row["doc"]["originalText"])) >= 4
    )
    with (SHARED / "datasets/10kgnad/test.csv").open(encoding="utf-8") as f:
        texts = [row[1] for row in csv.reader(f, delimiter=";", quotechar="'")]
    gnad = [
        str(i) for i, t in enumerate(texts) if 500 <= len(t) <= 2000 and len(digits.findall(t)) >= 4
    ]
    refs = {(a.source, a.ref) for a in gold_files[0]}
    assert {("wikinews", r) for r in random.Random(6).sample(candidates, 22)} <= refs
    assert {("10kgnad", r) for r in random.Random(6).sample(gnad, 10)} <= refs
