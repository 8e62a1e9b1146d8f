"""The German event stream of benchmarks/_event_stream.py: the builder's gold, its scores on
hand-made cases, and the runner's answer while events or lineage are not exported."""

from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from _event_stream import (  # noqa: E402  (benchmarks/ is not a package)
    Source,
    Stream,
    StreamArticle,
    StreamConfig,
    build_stream,
    clustering_scores,
    copy_pairs_ignored,
    cut_ending,
    edge_scores,
    families,
    family_edges,
    lineage_scores,
    load_wikinews,
    news_please_record,
    split_paragraphs,
    write_stream,
)
from events_de import NOT_AVAILABLE, report  # noqa: E402
from lagebild.sources.files import read_jsonl  # noqa: E402

SHARED = Path(os.environ.get("LAGEBILD_SHARED", REPO.parent / "shared")).resolve()
WIKINEWS = SHARED / "datasets" / "de_news_quotes_2024"
DAY = datetime(2007, 8, 1)


def edge(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


def article(url: str, event: str, minute: int, original: str | None = None) -> StreamArticle:
    return StreamArticle(
        url=url,
        title=url,
        text=url,
        published=DAY + timedelta(minutes=minute),
        outlet="x.example",
        event=event,
        kind="wire_copy" if original else "original",
        original=original,
    )


# o1 with copies c1, c2 (event e1); o2 with copy c3 (event e2); r a lone article of e2.
TINY = Stream(
    articles=(
        article("o1", "e1", 0),
        article("o2", "e2", 1),
        article("c1", "e1", 2, original="o1"),
        article("c2", "e1", 3, original="o1"),
        article("c3", "e2", 4, original="o2"),
        article("r", "e2", 5),
    )
)


def sources(n: int) -> list[Source]:
    sentence = "Der Satz Nummer {} erzählt von {} und dem Bundestag in Berlin."
    return [
        Source(
            event=f"wikinews-{k}",
            title=f"Meldung {k}: etwas geschah",
            paragraphs=tuple(
                tuple(sentence.format(f"{k}.{p}.{s}", f"Anna Beispiel {k}") for s in range(3))
                for p in range(3)
            ),
            day=DAY + timedelta(days=k),
        )
        for k in range(n)
    ]


# --- scores on hand-made cases ----------------------------------------------------------------


def test_edge_scores_count_unordered_pairs() -> None:
    gold = {edge("c1", "o1"), edge("c2", "o1")}
    assert edge_scores({edge("o1", "c1"), edge("c1", "c3")}, gold) == (0.5, 0.5, 0.5)
    assert edge_scores(set(), gold) == (0.0, 0.0, 0.0)
    assert edge_scores(gold, gold) == (1.0, 1.0, 1.0)


def test_clustering_scores_treat_a_missing_prediction_as_a_singleton() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    scores = clustering_scores({"a": "x", "b": "x", "c": "y"}, gold)  # "d" not predicted
    assert scores["pairwise"] == (1.0, 0.5, pytest.approx(2 / 3))
    precision, recall, _ = scores["b3"]
    assert precision == 1.0
    assert recall == pytest.approx(0.75)


def test_families_are_labelled_by_their_first_article() -> None:
    order = {"o1": 0, "c1": 1, "c2": 2}
    assert families({edge("c1", "c2"), edge("o1", "c2")}, order) == dict.fromkeys(order, "o1")
    assert family_edges({edge("c1", "c2"), edge("o1", "c2")}, order) == {
        edge("c1", "o1"),
        edge("c2", "o1"),
    }


def test_copy_pairs_of_one_original_are_ignored_but_other_pairs_kept() -> None:
    predicted = {edge("c1", "o1"), edge("c1", "c2"), edge("c1", "c3")}
    assert copy_pairs_ignored(predicted, TINY) == {edge("c1", "o1"), edge("c1", "c3")}


def test_lineage_scores_on_a_tiny_stream() -> None:
    # the product links c2 only to c1 (a chain) and wrongly links r to o2
    predicted = {edge("o1", "c1"), edge("c1", "c2"), edge("o2", "c3"), edge("o2", "r")}
    scores = lineage_scores(predicted, TINY)
    assert scores["edges"] == (0.5, pytest.approx(2 / 3), pytest.approx(4 / 7))
    assert scores["edges_to_original"] == (pytest.approx(2 / 3), pytest.approx(2 / 3), 2 / 3)
    assert scores["family_edges"][1] == 1.0  # the chain counts once mapped to its family
    assert scores["family_edges"][0] == 0.75
    # same-family pairs: gold {o1,c1,c2} 3 pairs + {o2,c3} 1; predicted adds (o2,r), (c3,r)
    assert scores["family_pairs"] == (pytest.approx(4 / 6), 1.0, pytest.approx(0.8))


# --- the builder on made-up sources -----------------------------------------------------------


def test_cut_ending_drops_sentences_but_keeps_three() -> None:
    paragraphs = (("a", "b"), ("c", "d"), ("e",))
    assert cut_ending(paragraphs, 2) == [("a", "b"), ("c",)]
    assert cut_ending(paragraphs, 3) == [("a", "b"), ("c",)]
    assert cut_ending((("a", "b", "c"),), 3) == [("a", "b", "c")]


def test_split_paragraphs_drops_headings_and_splits_sentences() -> None:
    text = "Am 5. August kam er. Dann ging er.\n\nHintergrund\n\nEr kam „wieder“. Ja."
    assert split_paragraphs(text) == (
        ("Am 5. August kam er.", "Dann ging er."),
        ("Er kam „wieder“.", "Ja."),
    )


def test_build_stream_is_deterministic_and_depends_on_the_seed() -> None:
    made = sources(40)
    config = StreamConfig(events=20, distractors=0)
    first = build_stream(3, wikinews=made, config=config)
    assert first == build_stream(3, wikinews=made, config=config)
    assert first != build_stream(4, wikinews=made, config=config)


def check_gold(stream: Stream) -> None:
    by_url = {a.url: a for a in stream.articles}
    assert len(by_url) == len(stream.articles), "urls must be unique"
    times = [a.published for a in stream.articles]
    assert times == sorted(times)
    for item in stream.articles:
        if item.kind == "wire_copy":
            assert item.original in by_url
            original = by_url[item.original]
            assert original.kind == "original"
            assert original.event == item.event
            assert original.published < item.published
        else:
            assert item.original is None


def test_gold_is_consistent_on_made_up_sources() -> None:
    stream = build_stream(0, wikinews=sources(30), config=StreamConfig(events=None))
    check_gold(stream)
    kinds = stream.kinds()
    assert kinds["original"] + kinds["own"] == 30  # one first article per event
    assert kinds["wire_copy"] >= kinds["original"]


def test_distractors_are_single_article_events_inside_the_window() -> None:
    made = sources(12)
    extra = [replace(s, event=f"10kgnad-{k}") for k, s in enumerate(sources(4))]
    stream = build_stream(
        0, wikinews=made, distractors=extra, config=StreamConfig(events=None, distractors=3)
    )
    found = [a for a in stream.articles if a.kind == "distractor"]
    assert len({a.event for a in found}) == len(found) == 3
    assert all(made[0].day <= a.published <= made[-1].day + timedelta(days=1) for a in found)


def test_written_records_are_read_by_ingest_in_stream_order(tmp_path: Path) -> None:
    stream = build_stream(1, wikinews=sources(5), config=StreamConfig(events=None))
    articles_file, gold_file = write_stream(stream, tmp_path)
    raws = list(read_jsonl(str(articles_file), articles_file.read_bytes().splitlines()))
    assert [raw.url for raw in raws] == [a.url for a in stream.articles]  # type: ignore[union-attr]
    gold = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines()]
    assert [g["event"] for g in gold] == [a.event for a in stream.articles]
    record = news_please_record(stream.articles[0])
    assert record["date_publish"] == f"{stream.articles[0].published:%Y-%m-%d %H:%M:%S}"


# --- the runner -------------------------------------------------------------------------------


def test_runner_says_when_events_and_lineage_are_not_exported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    records = [
        {"type": "article", "id": f"a{k}", "url": a.url, "origin": "s#L1", "event_id": None}
        for k, a in enumerate(TINY.articles)
    ]
    assert report(TINY, records) == NOT_AVAILABLE
    assert "events/lineage not available yet" in capsys.readouterr().out


def test_runner_scores_a_perfect_prediction(capsys: pytest.CaptureFixture[str]) -> None:
    records: list[dict[str, object]] = [
        {"type": "article", "id": a.url, "url": a.url, "origin": "s", "event_id": a.event}
        for a in TINY.articles
    ]
    records += [
        {
            "type": "lineage",
            "from_article": a.original,
            "to_article": a.url,
            "relation": "wire_copy",
        }
        for a in TINY.articles
        if a.original
    ]
    assert report(TINY, records) == 0
    out = capsys.readouterr().out
    assert "event pairwise" in out
    assert "lineage edges (copy-copy ignored)  P 1.000  R 1.000  F1 1.000" in out


# --- the real sources -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wikinews() -> list[Source]:
    if not (WIKINEWS / "train.jsonl.gz").exists():
        pytest.skip(f"Wikinews data not found at {WIKINEWS}; set LAGEBILD_SHARED to ../shared")
    return load_wikinews(WIKINEWS)


def test_wikinews_sources_are_dated_and_in_date_order(wikinews: list[Source]) -> None:
    assert len(wikinews) > 800
    assert [s.day for s in wikinews] == sorted(s.day for s in wikinews)
    assert all(s.day.year >= 2004 for s in wikinews)


def test_default_stream_is_deterministic_with_consistent_gold(wikinews: list[Source]) -> None:
    stream = build_stream(0, wikinews=wikinews, config=StreamConfig(distractors=0))
    assert stream == build_stream(0, wikinews=wikinews, config=StreamConfig(distractors=0))
    check_gold(stream)
    assert len(set(stream.events().values())) == 300
    sample = random.Random(0).sample(stream.articles, 20)
    assert all(a.text.strip() and a.title.strip() for a in sample)
