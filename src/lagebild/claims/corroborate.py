"""Corroboration: claims about the same thing, aligned across the articles of one event, and
what the independent sources make of them.

Claims are aligned by a key — kind, unit, what is counted or measured (``measure``, stemmed and
mapped across German and English: „Verletzte“, „verletzt“, "injured"), and the time the
sentence anchors it to (a claim in a sentence dated weeks away from the event is background:
„2018 starben 43 Menschen in Genua“ is not compared with today's count). Within a key, values
are intervals: an exact count is a point, „mehr als 100“ is [100, ∞), „rund 1.000“ widens by
``APPROXIMATE``; two values agree when their intervals meet within ``TOLERANCE``.

Status of a group:

* ``contradicted`` — the key holds values that cannot both be true (two exact counts that
  differ beyond the tolerance: 150 vs 120 injured). The value reported by the most independent
  sources is the group's value; the other values are its opposing evidence.
* ``corroborated`` — no contradiction and two or more independent sources: articles of one
  lineage family (wire copies, translations, duplicates) and articles crediting one agency
  count once (:func:`lagebild.lineage.sources.source_keys`).
* ``single_source`` — everything else, including a claim nothing else aligns with.

Every claim ends in exactly one group (a lone claim in a group of its own), so every exported
claim has a ``group_id`` and a ``status``. Dates align when their ``measure`` is known; a date
agrees with another when they name the same day (or month, at the coarser precision).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lagebild.records import Claim, ClaimGroup, ClaimStatus, PartialDate

# Relative difference within which two exact values still agree (rounding in reports:
# 1.000 vs 1.010 Kriegsgefangene); below SMALL, counts must be equal (two dead vs three dead).
TOLERANCE = 0.02
SMALL = 20.0
# How much an approximate value ("rund", "etwa", "about") may be off either way.
APPROXIMATE = 0.10
# Values reported this many days apart are an update (a death toll that rose), not a
# contradiction; reports within it that cannot both be true contradict each other.
SAME_TIME = 1
# A claim whose sentence names a date this many days from the event's date is background.
BACKGROUND_DAYS = 14
# Duration units are compared in minutes.
_MINUTES = {
    "minute": 1.0,
    "hour": 60.0,
    "day": 1440.0,
    "week": 10080.0,
    "month": 43200.0,
    "year": 525600.0,
}
# German and English words for the same measure (any inflected form; stemmed on import).
_SAME_WORDS = {
    "verletzt": ("verletzte", "injured", "wounded", "hurt", "verwundet", "verwundete"),
    "tote": ("tot", "dead", "death", "deaths", "killed", "died", "todesopfer", "gestorben"),
    "gesperrt": ("closed", "geschlossen", "sperrung", "gesperrte"),
    "vermisst": ("vermisste", "missing"),
    "evakuiert": ("evakuierte", "evacuated", "evacuees"),
    "gefangene": ("kriegsgefangene", "prisoners", "prisoner", "gefangenen"),
    "menschen": ("people", "persons", "personen"),
    "telefonat": ("call", "phone call", "gespräch", "telefongespräch"),
}
# Measures too generic to tell two quantities apart („Menschen“ in any sentence; a currency
# name is what money is counted in, not what it is for).
_GENERIC_WORDS = (
    "menschen", "people", "personen", "persons", "leute", "euro", "dollar", "franken",
    "pfund", "pound", "pounds", "prozent", "percent", "jahre", "years", "mal", "times",
)  # fmt: skip
# Words near a value that make it count a part of a whole, mapped to one word per meaning.
_RESTRICTORS = {
    "noch": "still", "still": "still", "weiterhin": "still",
    "davon": "part", "darunter": "part",
    "schwer": "serious", "schwerverletzte": "serious", "seriously": "serious",
    "lebensgefährlich": "critical", "critically": "critical", "critical": "critical",
    "leicht": "light", "lightly": "light",
    "krankenhaus": "hospital", "krankenhäusern": "hospital", "klinik": "hospital",
    "klinikum": "hospital", "kliniken": "hospital", "hospital": "hospital",
    "intensivstation": "intensive", "intensive": "intensive",
    "kinder": "children", "children": "children",
}  # fmt: skip
RESTRICTOR_WINDOW = 8
# Values from this size (or with a fraction) are specific enough to be recognised as the same
# fact across wordings and languages (see _merge_agreeing); smaller counts need the measure.
SPECIFIC = 20.0
_SUFFIXES = ("ungen", "ung", "ten", "en", "ed", "es", "er", "e", "n", "s", "t")


def _stem(word: str) -> str:
    for _ in range(2):
        for suffix in _SUFFIXES:
            if len(word) - len(suffix) >= 3 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        else:
            break
    return word


_SAME = {
    _stem(word): _stem(canonical)
    for canonical, words in _SAME_WORDS.items()
    for word in (canonical, *words)
}
_GENERIC = frozenset(_SAME.get(_stem(w), _stem(w)) for w in _GENERIC_WORDS)


@dataclass(frozen=True, slots=True)
class _Value:
    claim: Claim
    low: float
    high: float
    point: bool  # an exact (or approximate) value rather than an open bound
    source: str
    published: dt.date | None


def corroborate(
    claims: Sequence[Claim],
    *,
    scope_of: Mapping[str, str],
    sources: Mapping[str, str],
    published: Mapping[str, dt.date | None] | None = None,
    scope_dates: Mapping[str, dt.date | None] | None = None,
) -> tuple[ClaimGroup, ...]:
    """Group ``claims`` and give each group its status.

    ``scope_of`` maps an article id to the event its claims are compared in (articles of
    other events are never compared); ``sources`` maps an article id to its independent
    source (see :func:`lagebild.lineage.sources.source_keys`); ``published`` and
    ``scope_dates`` (the event's date) order reports and tell background from the event.
    """
    published = published or {}
    scope_dates = scope_dates or {}
    keyed: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    anchors = _anchors(claims)
    for claim in claims:
        scope = scope_of.get(claim.article_id)
        if scope is None:
            continue
        key = _key(claim, anchors.get(claim.id), scope_dates.get(scope))
        keyed[(scope, *key) if key is not None else (scope, "lone", claim.id)].append(claim)
    parts: list[_Part] = []
    for key, members in keyed.items():
        scope = str(key[0])
        values = [
            _value(c, sources.get(c.article_id, c.article_id), published.get(c.article_id))
            for c in members
        ]
        parts.extend(_groups(scope, members[0], values))
    groups = [_group(*part) for part in _merge_agreeing(parts)]
    return tuple(sorted(groups, key=lambda g: (g.event_id, g.id)))


_Part = tuple[str, Claim, list["_Value"], list["_Value"]]  # scope, first, supporting, opposing


def _merge_agreeing(parts: list[_Part]) -> list[_Part]:
    """Agreement across wording and language: groups of one event that are not contradicted
    and report the same specific value in the same unit („etwa 60 Meter“, "about 60 metres";
    „Mehr als 400 Einsatzkräfte“, "More than 400 rescue workers") are one fact even when
    their measures differ. Only agreement is inferred this way — two different values with
    different measures are two facts, never a contradiction. See :func:`_agree`."""
    out: list[_Part] = []
    pools: dict[tuple[object, ...], list[_Part]] = defaultdict(list)
    for part in parts:
        scope, first, supporting, opposing = part
        if first.kind != "quantity" or opposing or not all(_specific(v) for v in supporting):
            out.append(part)
            continue
        unit = "minute" if first.unit in _MINUTES else first.unit
        pools[(scope, unit, _restrictors(first))].append(part)
    for pool in pools.values():
        pool.sort(key=lambda p: (max(v.low for v in p[2]), min(v.high for v in p[2])))
        merged: list[_Part] = []
        for part in pool:
            home = next(
                (
                    i
                    for i, m in enumerate(merged)
                    if all(_agree(a, b) for a in m[2] for b in part[2])
                ),
                None,
            )
            if home is None:
                merged.append(part)
            else:
                scope, first, supporting, _ = merged[home]
                merged[home] = (scope, first, [*supporting, *part[2]], [])
        out.extend(merged)
    return out


def _agree(a: _Value, b: _Value) -> bool:
    """Two specific values that report the same fact: exact values that meet, the same open
    bound, or an exact value at a bound's edge („zweistündig“, „mehr als zwei Stunden“)."""
    if a.point and b.point:
        return _meet(a, b)
    if not a.point and not b.point:
        return _same_bound(a, b)
    point, bound = (a, b) if a.point else (b, a)
    edges = [e for e in (bound.low, bound.high) if math.isfinite(e) and e > 0]
    value = (point.low + point.high) / 2
    return _meet(point, bound) and any(abs(value - e) <= TOLERANCE * max(value, e) for e in edges)


def _same_bound(a: _Value, b: _Value) -> bool:
    def close(x: float, y: float) -> bool:
        return x == y or abs(x - y) <= TOLERANCE * max(abs(x), abs(y))

    return close(a.low, b.low) and close(a.high, b.high)


def _specific(value: _Value) -> bool:
    """A value specific enough to recognise across wordings: a number of at least SPECIFIC
    in its own unit, or a fraction („3,5 Prozent“)."""
    number = value.claim.value
    return number is not None and (number >= SPECIFIC or not float(number).is_integer())


def measure_key(measure: str | None) -> str | None:
    """``measure`` stemmed and mapped to one word for German and English forms."""
    if not measure:
        return None
    words = re.findall(r"\w+", measure.casefold())
    if not words:
        return None
    word = _stem(words[-1])
    return _SAME.get(word, word)


def _key(
    claim: Claim, anchor: PartialDate | None, event_date: dt.date | None
) -> tuple[object, ...] | None:
    if claim.kind == "date":
        # Dates of one event align when they name the same day (month, year): „am
        # Montagabend“, "Monday evening" and „am 9. März“ corroborate each other whatever
        # verb they date. Two different dates are two facts, never a contradiction: sources
        # date different happenings of one event (the collapse, the press conference).
        return ("date", claim.date.isoformat()) if claim.date is not None else None
    measure = measure_key(claim.measure)
    if measure is None or measure in _GENERIC or claim.value is None:
        return None
    unit = "minute" if claim.unit in _MINUTES else claim.unit
    when = None
    if anchor is not None:
        day = anchor.to_date()
        if event_date is None or abs((day - event_date).days) > BACKGROUND_DAYS:
            when = anchor.isoformat()
    return ("quantity", unit, measure, when, _restrictors(claim))


def _restrictors(claim: Claim) -> frozenset[str]:
    """Words near the value that make it count a part („elf Verletzte liegen auf der
    Intensivstation“, „noch im Krankenhaus“, "seriously injured"): such a count is compared
    only with counts of the same part."""
    before = claim.text[: max(0, claim.value_span.start - claim.start)]
    after = claim.text[claim.value_span.end - claim.start :]
    near = re.findall(r"\w+", before.casefold())[-RESTRICTOR_WINDOW:]
    near += re.findall(r"\w+", after.casefold())[:RESTRICTOR_WINDOW]
    return frozenset(_RESTRICTORS.get(w, w) for w in near if w in _RESTRICTORS)


def _anchors(claims: Sequence[Claim]) -> dict[str, PartialDate]:
    """The date a quantity's sentence names (a date claim inside its evidence span)."""
    dates: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind == "date" and claim.date is not None:
            dates[claim.article_id].append(claim)
    out = {}
    for claim in claims:
        if claim.kind != "quantity":
            continue
        for date in dates.get(claim.article_id, ()):
            if claim.start <= date.value_span.start and date.value_span.end <= claim.end:
                assert date.date is not None
                out[claim.id] = date.date
                break
    return out


def _value(claim: Claim, source: str, published: dt.date | None) -> _Value:
    if claim.kind == "date":
        assert claim.date is not None or claim.value is None
        ordinal = float(claim.date.to_date().toordinal()) if claim.date is not None else 0.0
        span = (
            {"day": 0.0, "month": 30.0, "year": 365.0}[claim.date.precision] if claim.date else 0.0
        )
        return _Value(claim, ordinal, ordinal + span, True, source, published)
    factor = _MINUTES.get(claim.unit or "", 1.0)
    value = (claim.value or 0.0) * factor
    low = claim.low * factor if claim.low is not None else None
    high = claim.high * factor if claim.high is not None else None
    if (low is None and high is None) or low == high:
        spread = APPROXIMATE if claim.approximate else (TOLERANCE if value >= SMALL else 0.0)
        return _Value(claim, value * (1 - spread), value * (1 + spread), True, source, published)
    return _Value(
        claim,
        low if low is not None else 0.0,
        high if high is not None else math.inf,
        False,
        source,
        published,
    )


def _meet(a: _Value, b: _Value) -> bool:
    return a.low <= b.high and b.low <= a.high


def _groups(scope: str, first: Claim, values: list[_Value]) -> list[_Part]:
    """The groups of one alignment key: the value most independent sources report, with the
    values reported at the same time that cannot be true beside it; a value reported only
    days earlier or later is an update (a death toll that rose), compared on its own."""
    points = sorted((v for v in values if v.point), key=lambda v: (v.low, v.high))
    clusters: list[list[_Value]] = []
    for value in points:
        if clusters and all(_meet(value, other) for other in clusters[-1]):
            clusters[-1].append(value)
        else:
            clusters.append([value])
    bounds = [v for v in values if not v.point]
    if not clusters:  # only open bounds: they agree when all of them meet
        clusters = [bounds[:1]]
        bounds = bounds[1:]
    main = max(clusters, key=lambda c: _weight(c, bounds))
    supporting = list(main)
    # Values reported at the same time by other sources cannot be true beside the main one;
    # a source that gives two values itself is counting two things.
    main_sources = {v.source for v in main}
    against = [
        c
        for c in clusters
        if c is not main and _same_time(c, main) and not {v.source for v in c} <= main_sources
    ]
    opposing = [v for c in against for v in c]
    later = [v for c in clusters if c is not main and not any(c is a for a in against) for v in c]
    for bound in bounds:
        if all(_meet(bound, v) for v in main):
            supporting.append(bound)
        elif _same_time([bound], main):
            opposing.append(bound)
        else:
            later.append(bound)
    found: list[_Part] = [(scope, first, supporting, opposing)]
    if later:
        found.extend(_groups(scope, first, later))
    return found


def _same_time(a: Sequence[_Value], b: Sequence[_Value]) -> bool:
    """Whether two sets of reports overlap in time (within SAME_TIME days; unknown dates
    count as overlapping)."""
    for x in a:
        for y in b:
            if x.published is None or y.published is None:
                return True
            if abs((x.published - y.published).days) <= SAME_TIME:
                return True
    return False


def _group(
    scope: str, first: Claim, supporting: list[_Value], opposing: list[_Value]
) -> ClaimGroup:
    values = [*supporting, *opposing]
    support_sources = {v.source for v in supporting}
    opposing_sources = {v.source for v in opposing}
    status: ClaimStatus
    if opposing:
        status = "contradicted"
        reason = (
            f"{_describe(supporting)} from {_n(support_sources)} vs {_describe(opposing)} from "
            f"{_n(opposing_sources)}"
        )
    elif len(support_sources) >= 2:
        status = "corroborated"
        reason = f"{_describe(supporting)} from {_n(support_sources)}"
    else:
        status = "single_source"
        reason = f"{_describe(supporting)} from one source"
    ids = sorted(v.claim.id for v in values)
    digest = hashlib.sha1(f"{scope}|{'|'.join(ids)}".encode()).hexdigest()[:16]
    return ClaimGroup(
        id=f"g_{digest}",
        event_id=scope,
        kind=first.kind,
        measure=measure_key(first.measure),
        unit="minute" if first.unit in _MINUTES else first.unit,
        status=status,
        supporting=tuple(v.claim.id for v in _ordered(supporting)),
        opposing=tuple(v.claim.id for v in _ordered(opposing)),
        sources=len(support_sources),
        opposing_sources=len(opposing_sources),
        tolerance=_tolerance(first),
        reason=reason,
    )


def _weight(cluster: list[_Value], bounds: Sequence[_Value]) -> tuple[int, int, float]:
    """Independent sources for a value (with the open bounds that fit it), then reports,
    then the earlier report."""
    fitting = [b for b in bounds if all(_meet(b, v) for v in cluster)]
    earliest = min((v.published for v in cluster if v.published), default=None)
    return (
        len({v.source for v in [*cluster, *fitting]}),
        len(cluster),
        -earliest.toordinal() if earliest else -math.inf,
    )


def _ordered(values: list[_Value]) -> list[_Value]:
    return sorted(values, key=lambda v: (v.published or dt.date.max, v.claim.article_id))


def _describe(values: list[_Value]) -> str:
    texts = list(dict.fromkeys(v.claim.value_span.text for v in _ordered(values)))
    shown = ", ".join(f"„{t}“" for t in texts[:3])
    return shown + (f" and {len(texts) - 3} more" if len(texts) > 3 else "")


def _n(sources: set[str]) -> str:
    return "1 source" if len(sources) == 1 else f"{len(sources)} independent sources"


def _tolerance(claim: Claim) -> str:
    if claim.kind == "date":
        return "same day (same month or year at coarser precision)"
    return (
        f"exact counts below {SMALL:g} must be equal; larger values within "
        f"{TOLERANCE:.0%}; approximate values ±{APPROXIMATE:.0%}; bounds must meet"
    )
