"""The online event index: joining, opening, time, lineage, merges, stable ids, restore."""

from __future__ import annotations

import datetime as dt

from lagebild.events.batch import changes_between, recluster, stable_ids
from lagebild.events.features import ArticleFeatures, Frequencies, weighted
from lagebild.events.index import (
    JOIN,
    SPLIT_MIN_PART,
    Assignment,
    EventIndex,
    Members,
    event_id,
    split_groups,
    time_penalty,
)

QUAKE = {"erdbeben": 3, "provinz": 2, "tote": 2, "magnitude": 2, "@sumatra": 4, "sumatra": 6}
QUAKE_2 = {"erdbeben": 3, "provinz": 2, "tote": 1, "retter": 2, "@sumatra": 4, "sumatra": 6}
CALL = {"telefonat": 3, "@putin": 4, "@trump": 4, "putin": 6, "trump": 6, "ukraine": 2}
BUDGET = {"haushalt": 4, "bundestag": 3, "schulden": 3, "@bundestag": 4, "milliarden": 2}


def feat(
    article_id: str,
    counts: dict[str, float],
    date: dt.date | None = dt.date(2026, 3, 9),
    *,
    language: str = "de",
) -> ArticleFeatures:
    return ArticleFeatures(
        article_id=article_id,
        language=language,
        title=article_id,
        counts=counts,
        entities={t: t[1:].title() for t in counts if t.startswith("@")},
        date=date,
        date_precision="day" if date else None,
    )


# Two launches of one product: the same company and words, different details (ECB+ has such
# pairs in most topics).
LAUNCH = {"@apple": 2, "laptop": 3, "vorstellung": 2}
LAUNCH_A = LAUNCH | {"aluminium": 4, "unibody": 4, "magsafe": 4, "glas": 3, "2008": 3, "preis": 3}
LAUNCH_B = LAUNCH | {"retina": 4, "dünn": 4, "thunderbolt": 4, "akku": 3, "2012": 3, "display": 3}


def variant(counts: dict[str, float], number: int) -> dict[str, float]:
    """``counts`` without one of its own words (articles of one happening differ a little)."""
    own = sorted(t for t in counts if t not in LAUNCH)
    return {t: c for t, c in counts.items() if t != own[number % len(own)]}


def background(index: EventIndex, n: int = 30) -> None:
    """Unrelated articles, so that idf tells common from rare words."""
    for i in range(n):
        index.add(feat(f"bg{i}", {f"thema{i}": 3, f"wort{i}": 2, "provinz": 1}))


def test_first_article_opens_an_event_with_a_stable_id() -> None:
    index = EventIndex()
    placed = index.add(feat("a1", QUAKE))
    assert placed.created
    assert placed.event.id == event_id("a1")
    assert placed.membership.reason.startswith("opened the event")


def test_similar_article_joins_and_says_why() -> None:
    index = EventIndex()
    background(index)
    first = index.add(feat("a1", QUAKE))
    second = index.add(feat("a2", QUAKE_2))
    assert not second.created
    assert second.event.id == first.event.id
    m = second.membership
    assert m.similarity >= JOIN
    assert "Sumatra" in m.shared_entities
    assert "erdbeben" in m.shared_terms
    assert m.reason.startswith("joined: similarity")


def test_unrelated_article_opens_another_event() -> None:
    index = EventIndex()
    background(index)
    first = index.add(feat("a1", QUAKE))
    other = index.add(feat("b1", BUDGET))
    assert other.created
    assert other.event.id != first.event.id


def test_same_leaders_calling_again_months_later_is_another_event() -> None:
    index = EventIndex()
    background(index)
    call = index.add(feat("c1", CALL, dt.date(2025, 3, 18)))
    same_day = index.add(feat("c2", CALL, dt.date(2025, 3, 18)))
    later = index.add(feat("c3", {**CALL, "telefonat": 1, "gaza": 3}, dt.date(2025, 8, 20)))
    assert same_day.event.id == call.event.id
    assert later.event.id != call.event.id


def test_time_penalty_grows_with_the_gap() -> None:
    assert time_penalty(None) == 0.0
    assert time_penalty(2) == 0.0
    assert 0 < time_penalty(7) < time_penalty(30) < time_penalty(59) < 1
    assert time_penalty(90) == float("inf")  # months later: never the same event
    assert time_penalty(90, limit=None) < 1


def test_a_copy_follows_its_original_into_its_event() -> None:
    index = EventIndex()
    background(index)
    original = index.add(feat("w1", QUAKE))
    copy = index.add(feat("w2", BUDGET), follows="w1")  # wording aside: lineage decides
    assert copy.event.id == original.event.id
    assert copy.membership.reason == "copy of w1"


def test_an_article_bridging_two_events_merges_them_into_the_older_id() -> None:
    index = EventIndex(merge=0.3)
    background(index)
    left = index.add(feat("m1", {"brücke": 4, "einsturz": 3, "@lindenau": 3, "lindenau": 6}))
    next_day = dt.date(2026, 3, 10)  # no same-day bonus
    right = index.add(
        feat("m2", {"brücke": 1, "tanklaster": 4, "feuer": 4, "löschboot": 3}, next_day)
    )
    assert left.event.id != right.event.id
    bridge = index.add(
        feat(
            "m3",
            {
                "brücke": 4,
                "einsturz": 3,
                "tanklaster": 4,
                "feuer": 4,
                "löschboot": 3,
                "lindenau": 3,
            },
            next_day,
        )
    )
    assert bridge.changes, "the bridging article merges the two events"
    change = bridge.changes[0]
    assert change.kind == "merge"
    assert change.result_ids == (left.event.id,)
    assert right.event.id in bridge.removed
    assert index.get(right.event.id) is None
    assert index.event_of("m2") == left.event.id
    assert "similar" in change.reason


def test_a_restored_index_continues_where_it_stopped() -> None:
    index = EventIndex()
    background(index)
    first = index.add(feat("a1", QUAKE))
    saved = [(e, index.centroid(e)) for e in index.events()]
    again = EventIndex(saved, Frequencies(index.frequencies.documents, index.frequencies.counts))
    assert again.event_of("a1") == first.event.id
    assert again.add(feat("a2", QUAKE_2)).event.id == first.event.id


def test_cross_language_articles_meet_through_their_vectors() -> None:
    import numpy as np

    vector = np.ones(512, dtype=np.float32) / np.sqrt(512)
    index = EventIndex()
    background(index)
    german = feat("de1", QUAKE)
    english = feat("en1", {"earthquake": 3, "province": 2, "dead": 2}, language="en")
    first = index.add(german.__class__(**{**_fields(german), "vector": vector}))
    joined = index.add(english.__class__(**{**_fields(english), "vector": vector}))
    assert joined.event.id == first.event.id


def _fields(f: ArticleFeatures) -> dict[str, object]:
    return {name: getattr(f, name) for name in f.__slots__}  # type: ignore[attr-defined]


def test_weighted_vectors_are_normalised_and_prefer_rare_terms() -> None:
    counts = Frequencies()
    for i in range(10):
        counts.add(["häufig", f"selten{i}"])
    vector = weighted(feat("x", {"häufig": 3, "selten1": 3}), counts)
    assert abs(sum(v * v for v in vector.values()) - 1.0) < 1e-6
    assert vector["selten1"] > vector["häufig"]


def test_batch_keeps_ids_and_reports_merges_and_splits() -> None:
    items = [feat("a1", QUAKE), feat("a2", QUAKE_2), feat("b1", BUDGET)]
    labels = recluster(items, previous={"a1": "e_old", "a2": "e_old"})
    assert labels["a1"] == labels["a2"] == "e_old"
    assert labels["b1"] == event_id("b1")
    renamed = stable_ids({"x": "L1", "y": "L1", "z": "L2"}, {"x": "e1", "z": "e2"}, ["x", "y", "z"])
    assert renamed == {"x": "e1", "y": "e1", "z": "e2"}
    changes = changes_between({"x": "e1", "y": "e2", "z": "e3"}, {"x": "n1", "y": "n1", "z": "n1"})
    assert [c.kind for c in changes] == ["merge"]
    split = changes_between({"x": "e1", "y": "e1"}, {"x": "n1", "y": "n2"})
    assert [c.kind for c in split] == ["split"]


def _launches(index: EventIndex, stored: dict[str, ArticleFeatures]) -> list[Assignment]:
    """Four articles on launch A, then three on launch B, into ``index``."""
    placed = []
    articles = [(f"a{i}", variant(LAUNCH_A, i)) for i in range(4)]
    articles += [(f"b{i}", variant(LAUNCH_B, i)) for i in range(3)]
    for article_id, counts in articles:
        stored[article_id] = feat(article_id, counts)
        placed.append(index.add(stored[article_id]))
    return placed


def _stored(found: dict[str, ArticleFeatures]) -> Members:
    return lambda ids: [found[a] for a in ids if a in found]


def test_an_event_over_two_happenings_is_split_and_the_bigger_part_keeps_the_id() -> None:
    stored: dict[str, ArticleFeatures] = {}
    index = EventIndex(join=0.05, members=_stored(stored))  # a low join: all meet in one event
    background(index)
    placed = _launches(index, stored)
    first = placed[0].event.id
    assert all(p.event.id == first and not p.changes for p in placed[:-1])
    last = placed[-1]
    [change] = last.changes
    assert change.kind == "split"
    assert change.event_ids == (first,)
    kept, new = change.result_ids
    assert kept == first and new != first
    assert "groups of 4 and 3" in change.reason
    assert {p.id for p in last.parts} == {kept, new}
    assert [index.event_of(f"a{i}") for i in range(4)] == [kept] * 4
    assert [index.event_of(f"b{i}") for i in range(3)] == [new] * 3
    # the stored articles that moved, with why; the new article's own membership says it too
    assert sorted(m.article_id for m in last.moved) == ["b0", "b1"]
    assert all(m.event_id == new and "by a split" in m.reason for m in last.moved)
    assert last.event.id == new
    assert last.membership.event_id == new
    assert "by a split" in last.membership.reason
    assert index.get(kept).sequence < index.get(new).sequence  # type: ignore[union-attr]
    assert sorted(index.get(new).article_ids) == ["b0", "b1", "b2"]  # type: ignore[union-attr]


def test_without_stored_members_no_event_is_split() -> None:
    index = EventIndex(join=0.05)
    background(index)
    placed = _launches(index, {})
    assert {p.event.id for p in placed} == {placed[0].event.id}
    assert not any(p.changes for p in placed)


def test_articles_of_one_happening_stay_one_event() -> None:
    stored: dict[str, ArticleFeatures] = {}
    index = EventIndex(join=0.05, members=_stored(stored))
    background(index)
    for i in range(8):
        stored[f"a{i}"] = feat(f"a{i}", variant(LAUNCH_A, i))
        assert not index.add(stored[f"a{i}"]).changes
    assert len({index.event_of(f"a{i}") for i in range(8)}) == 1


def test_an_outlier_is_no_second_event() -> None:
    frequencies = Frequencies()
    members = [feat(f"a{i}", variant(LAUNCH_A, i)) for i in range(5)]
    members += [feat("b0", LAUNCH_B)] * (SPLIT_MIN_PART - 1)
    for member in members:
        frequencies.add(list(member.counts))
    assert split_groups(members, frequencies) is None
    assert split_groups(members, frequencies, min_part=SPLIT_MIN_PART - 1) is not None
    members += [feat(f"b{i}", variant(LAUNCH_B, i)) for i in range(1, 3)]
    assert split_groups(members, frequencies) is not None


def test_a_split_keeps_a_copy_with_its_original() -> None:
    frequencies = Frequencies()
    members = [feat(f"a{i}", variant(LAUNCH_A, i)) for i in range(4)]
    members += [feat(f"b{i}", variant(LAUNCH_B, i)) for i in range(4)]
    members.append(feat("c0", LAUNCH_B))  # reads like launch B, yet copies a0
    for member in members:
        frequencies.add(list(member.counts))
    loose = split_groups(members, frequencies)
    assert loose is not None
    assert any({"b0", "c0"} <= set(group) for group in loose[0])
    grouped = split_groups(members, frequencies, follows={"c0": "a0"})
    assert grouped is not None
    groups, between = grouped
    assert any({"a0", "c0"} <= set(group) for group in groups)
    assert 0.0 < between < 1.0
