"""Corroboration: aligning claims across articles and giving each group its status."""

from __future__ import annotations

import datetime as dt

from lagebild.claims.corroborate import corroborate, measure_key
from lagebild.records import Claim, ClaimGroup, PartialDate, TextSpan

DAY = dt.date(2026, 3, 10)


def quantity(
    claim_id: str,
    article: str,
    value: float,
    *,
    measure: str = "Verletzte",
    unit: str | None = None,
    low: float | None = None,
    high: float | None = None,
    approximate: bool = False,
    text: str = "",
    start: int = 0,
    value_text: str | None = None,
) -> Claim:
    shown = text or f"{value:g} {measure}"
    at = shown.index(value_text) if value_text else 0
    span = value_text or shown
    return Claim(
        id=claim_id,
        article_id=article,
        kind="quantity",
        text=shown,
        start=start,
        end=start + len(shown),
        value_span=TextSpan(text=span, start=start + at, end=start + at + len(span)),
        value=value,
        unit=unit,
        low=low,
        high=high,
        approximate=approximate,
        measure=measure,
    )


def run(claims: list[Claim], sources: dict[str, str] | None = None) -> dict[str, ClaimGroup]:
    articles = {c.article_id for c in claims}
    groups = corroborate(
        claims,
        scope_of=dict.fromkeys(articles, "e1"),
        sources=sources or {a: a for a in articles},
        published=dict.fromkeys(articles, DAY),
        scope_dates={"e1": dt.date(2026, 3, 9)},
    )
    out: dict[str, ClaimGroup] = {}
    for group in groups:
        for claim_id in (*group.supporting, *group.opposing):
            out[claim_id] = group
    return out


def test_measures_align_across_inflection_and_language() -> None:
    assert measure_key("Verletzte") == measure_key("verletzt") == measure_key("injured")
    assert measure_key("Toten") == measure_key("killed") == measure_key("dead")
    assert measure_key("gesperrt") == measure_key("closed")
    assert measure_key("Verletzte") != measure_key("Tote")
    assert measure_key(None) is None


def test_planted_contradiction_150_vs_120_injured() -> None:
    groups = run(
        [
            quantity("a", "nk", 150, text="150 Menschen verletzt", measure="verletzt"),
            quantity("b", "we", 120, text="120 Menschen wurden verletzt", measure="verletzt"),
            quantity("c", "dpa", 100, low=100, text="mehr als 100 Verletzte", measure="Verletzte"),
        ]
    )
    group = groups["a"]
    assert group is groups["b"] is groups["c"]
    assert group.status == "contradicted"
    # The open bound "mehr als 100" fits both values; the tie is broken by the earlier report.
    assert set(group.supporting) | set(group.opposing) == {"a", "b", "c"}
    assert "150" in group.reason and "120" in group.reason


def test_wire_copies_count_once() -> None:
    claims = [
        quantity("w1", "dpa", 2, measure="Tote"),
        quantity("w2", "copy1", 2, measure="Tote"),
        quantity("w3", "copy2", 2, measure="Tote"),
    ]
    one_family = {"dpa": "F", "copy1": "F", "copy2": "F"}
    group = run(claims, one_family)["w1"]
    assert group.status == "single_source"
    assert group.sources == 1
    claims.append(quantity("own", "own", 2, measure="killed"))
    group = run(claims, {**one_family, "own": "own"})["w1"]
    assert group.status == "corroborated"
    assert group.sources == 2


def test_bounds_and_units_agree() -> None:
    # "mindestens drei Wochen" (21 days) and "at least three weeks"; "mehr als zwei Stunden"
    # (120 minutes) and "zweistündig" (120 minutes) in other measures.
    groups = run(
        [
            quantity("d1", "a", 21, unit="day", low=21, measure="gesperrt"),
            quantity("d2", "b", 21, unit="day", low=21, measure="closed"),
            quantity("d3", "c", 3, unit="week", low=3, measure="gesperrt"),
            quantity("t1", "a", 120, unit="minute", low=120, measure="Telefonat"),
            quantity("t2", "b", 2, unit="hour", measure="Telefonat"),
        ]
    )
    assert groups["d1"] is groups["d2"] is groups["d3"]
    assert groups["d1"].status == "corroborated"
    assert groups["d1"].sources == 3
    assert groups["t1"] is groups["t2"]
    assert groups["t1"].status == "corroborated"


def test_small_counts_must_be_equal_large_ones_within_tolerance() -> None:
    small = run([quantity("x", "a", 2, measure="Tote"), quantity("y", "b", 3, measure="Tote")])
    assert small["x"].status == "contradicted"
    large = run(
        [
            quantity("x", "a", 1000, measure="Kriegsgefangene"),
            quantity("y", "b", 1010, measure="prisoners"),
            quantity("z", "c", 1000, approximate=True, measure="Gefangene"),
        ]
    )
    assert large["x"].status == "corroborated"


def test_unaligned_claims_are_single_source_groups_of_their_own() -> None:
    groups = run(
        [
            quantity("x", "a", 7e9, unit="EUR", measure="Euro"),
            quantity("y", "b", 30, unit="percent", measure=""),
        ]
    )
    assert groups["x"] is not groups["y"]
    assert groups["x"].status == groups["y"].status == "single_source"


def test_background_numbers_of_another_date_are_not_compared() -> None:
    background = quantity("bg", "b", 43, measure="Tote", text="2018 starben 43 Menschen", start=0)
    year = Claim(
        id="year",
        article_id="b",
        kind="date",
        text="2018 starben 43 Menschen",
        start=0,
        end=24,
        value_span=TextSpan(text="2018", start=0, end=4),
        date=PartialDate(year=2018),
    )
    today = quantity("now", "a", 2, measure="Tote")
    groups = run([background, year, today])
    assert groups["bg"] is not groups["now"]
    assert groups["now"].status == "single_source"


def test_other_events_are_never_compared() -> None:
    claims = [quantity("x", "a", 2, measure="Tote"), quantity("y", "b", 5, measure="Tote")]
    groups = corroborate(claims, scope_of={"a": "e1", "b": "e2"}, sources={"a": "a", "b": "b"})
    assert [g.status for g in groups] == ["single_source", "single_source"]
    assert {g.event_id for g in groups} == {"e1", "e2"}


def test_a_value_reported_days_later_is_an_update_not_a_contradiction() -> None:
    claims = [
        quantity("d1", "a", 2, measure="Tote"),
        quantity("d2", "b", 2, measure="Tote"),
        quantity("d3", "c", 3, measure="Tote"),
    ]
    groups = corroborate(
        claims,
        scope_of={"a": "e1", "b": "e1", "c": "e1"},
        sources={"a": "a", "b": "b", "c": "c"},
        published={"a": DAY, "b": DAY, "c": DAY + dt.timedelta(days=3)},
    )
    by_claim = {c: g for g in groups for c in (*g.supporting, *g.opposing)}
    assert by_claim["d1"] is by_claim["d2"] is not by_claim["d3"]
    assert by_claim["d1"].status == "corroborated"
    assert by_claim["d3"].status == "single_source"
    same_day = corroborate(
        claims,
        scope_of={"a": "e1", "b": "e1", "c": "e1"},
        sources={"a": "a", "b": "b", "c": "c"},
        published={"a": DAY, "b": DAY, "c": DAY},
    )
    assert [g.status for g in same_day] == ["contradicted"]
    assert same_day[0].supporting == ("d1", "d2") and same_day[0].opposing == ("d3",)


def test_a_count_of_a_part_is_not_compared_with_the_whole() -> None:
    groups = run(
        [
            quantity("all", "a", 150, measure="verletzt", text="150 Menschen wurden verletzt"),
            quantity(
                "icu",
                "b",
                11,
                measure="Verletzte",
                text="Elf Verletzte liegen auf der Intensivstation",
                value_text="Elf Verletzte",
            ),
        ]
    )
    assert groups["all"] is not groups["icu"]
    assert groups["all"].status == groups["icu"].status == "single_source"


def test_one_source_giving_two_values_counts_two_things() -> None:
    groups = run([quantity("x", "a", 5, measure="Tote"), quantity("y", "a", 7, measure="Tote")])
    assert groups["x"] is not groups["y"]
    assert groups["x"].status == "single_source"


def test_same_specific_value_agrees_across_languages_and_wording() -> None:
    groups = run(
        [
            quantity("de", "dpa", 60, unit="meter", approximate=True, measure="Teilstück"),
            quantity("en", "meridian", 60, unit="meter", approximate=True, measure="section"),
            quantity("b1", "dpa", 400, low=400, measure="Einsatzkräfte"),
            quantity("b2", "meridian", 400, low=400, measure="rescue workers"),
            quantity("b3", "other", 100, low=100, measure="vehicles"),
            quantity("x", "other", 7e6, unit="EUR", measure="Schaden"),
        ]
    )
    assert groups["de"] is groups["en"] and groups["de"].status == "corroborated"
    assert groups["b1"] is groups["b2"] and groups["b1"].status == "corroborated"
    # An open bound merges only with the same bound; different measures never contradict.
    assert groups["b3"] is not groups["b1"] and groups["b3"].status == "single_source"
    assert groups["x"].status == "single_source"


def test_dates_agree_by_the_day_they_name() -> None:
    def date(claim_id: str, article: str, day: int, measure: str) -> Claim:
        return Claim(
            id=claim_id,
            article_id=article,
            kind="date",
            text="am Montagabend",
            start=0,
            end=14,
            value_span=TextSpan(text="am Montagabend", start=0, end=14),
            date=PartialDate(year=2026, month=3, day=day),
            measure=measure,
        )

    groups = run(
        [
            date("a", "a", 9, "eingestürzt"),
            date("b", "b", 9, "collapsed"),
            date("c", "c", 10, "sagte"),
        ]
    )
    assert groups["a"] is groups["b"] and groups["a"].status == "corroborated"
    assert groups["c"].status == "single_source"
