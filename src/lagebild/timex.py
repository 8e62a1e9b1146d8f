"""Temporal expressions in German and English news text, resolved against the publication date.

``find_times`` finds expressions such as „am Montagabend“, „Mitte Mai“, „03.10.2025“, "last week"
or "October 3" with regex tables (dateparser is correct but ~100x slower) and resolves each one
to a :class:`~lagebild.records.PartialDate` plus ``earliest``/``latest`` bounds. ``event_date``
picks the day the reported event happened (issues #5 and #6).

Resolution rules, all relative to the publication date ``published``:

* **Weekdays.** News reports the past, so a bare weekday („am Montag“, "on Monday") means the
  most recent such day on or before ``published`` (the same day is allowed: „am Dienstag“ in a
  Tuesday paper is that Tuesday). When the clause around it is clearly about the future
  (``FUTURE_CUES`` in ``timex_de``/``timex_en``: „wird“, „soll“, "will") it means the next such
  day on or after ``published``. „vergangenen/letzten“, "last" mean strictly before;
  „kommenden/nächsten“, "next", "coming" strictly after; „seit/since“ is always past; „ab/von … an“ always future.
  „in der Nacht zu Dienstag“ is the night *before* Tuesday and resolves to the Tuesday.
* **Day and month without a year** („am 30. Dezember“) take the publication year; in past text a
  date more than ``FUTURE_SLACK_DAYS`` after ``published`` moves to the year before, in future
  text a date before ``published`` moves to the year after.
* **Month without a year** („im März“, „Mitte Mai“) follows the same rule at month level.
* **Parts of a period** („Anfang/Mitte/Ende“, "early/mid/late") set ``qualifier`` and narrow the
  bounds: days 1-10/11-20/21-end of a month, Jan-Apr/May-Aug/Sep-Dec of a year.
* ``relation`` compares the resolved bounds with ``published``: "past" when they end before it,
  "future" when they start after it, "now" when they include it (an open end, as in „seit 2019“,
  is unbounded); without a publication date it is the clause's tense for weekdays, else None.

``qualifier`` is one of "early", "mid", "late" (part of a month or year), "since", "from",
"until" (open spans), "morning", "noon", "afternoon", "evening", "night" (part of a day), or
None. Precision "week" is used for „vergangene Woche“ / "last week", whose ``value`` is None.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from lagebild import timex_de as de
from lagebild import timex_en as en
from lagebild.records import PartialDate

TimePrecision = Literal["day", "week", "month", "year", "part_of_month"]
Relation = Literal["past", "now", "future"]

# A past-tense article rarely mentions a date more than two months ahead of its own date; such a
# date without a year is last year's („am 30. Dezember“ in a paper of 2 January).
FUTURE_SLACK_DAYS = 62
# Characters either side of an expression that _tense reads at most: a long clause's verb is
# rarely further away, and a bound keeps run-on text without punctuation cheap.
CLAUSE_REACH = 200
# Sentences of the lead that event_date reads after the title: the news lead answers "when".
LEAD_SENTENCES = 3

_WEEKDAYS = de.WEEKDAYS | en.WEEKDAYS
_MONTHS = de.MONTHS | en.MONTHS
_DAY_PARTS = de.DAY_PARTS | en.DAY_PARTS
_PARTS = de.PERIOD_PARTS | en.PERIOD_PARTS
_BEFORE = de.BEFORE + en.BEFORE
_AFTER = de.AFTER + en.AFTER
_SPAN_PREPS = de.SPAN_PREPOSITIONS | en.SPAN_PREPOSITIONS
_RELATIVE_DAYS = de.RELATIVE_DAYS | en.RELATIVE_DAYS
_FUTURE_CUES = re.compile(
    r"\b(?:" + "|".join(map(re.escape, de.FUTURE_CUES + en.FUTURE_CUES)) + r")\b", re.IGNORECASE
)
# A clause ends at punctuation; the numeral dot of „3. Oktober“ is not an end.
_CLAUSE_END = re.compile(r"[,;:!?()\"„“”–—]|(?<![\d\s])\.\s|\.$|\n")


def _trie(words: list[str]) -> str:
    """An alternation factored by first letters: ``re`` tries plain alternatives one by one,
    so "m(?:ontag|ai|ärz)" is several times faster than "montag|mai|märz" on long texts."""
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[:1], []).append(word[1:])
    parts = []
    for first, rests in sorted(by_first.items()):
        if not first:
            continue
        if len(rests) == 1:
            parts.append(re.escape(first + rests[0]))
            continue
        optional = "?" if "" in rests else ""
        parts.append(f"{re.escape(first)}(?:{_trie([r for r in rests if r])}){optional}")
    return "|".join(parts)


_WD = _trie(sorted(_WEEKDAYS))
_MON = _trie(sorted(_MONTHS))
# Every expression holds one of these words or numbers; the full patterns run only near them.
_ANCHOR_WORDS = sorted(
    {*_WEEKDAYS, *_MONTHS, *_RELATIVE_DAYS, "woche", "week", "monat", "month", "jahr", "year"}
)
_ANCHOR = re.compile(rf"\b(?:{_trie(_ANCHOR_WORDS)})|\b(?:1[89]|20)\d\d\b|\d\.\s?\d")
# How far an expression reaches before its anchor („in der Nacht zum vergangenen Montag“) and
# after it („3. Oktober 2025“, "Monday evening").
_REACH_BEFORE, _REACH_AFTER = 48, 32
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NOT_YEAR_UNIT = r"(?!\s*(?:Euro|Dollar|Meter|Kilometer|km|Prozent|%|Menschen|people|euros?))"
_F = re.IGNORECASE

# fmt: off
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("numeric", re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})\b")),
    ("day_month", re.compile(  # am Mittwoch, 3. Oktober 2025 / on Friday, 3 October
        rf"\b(?:(?P<prep>am|vom|seit|bis|ab|on|since|until|by)\s+)?"
        rf"(?:(?:{_WD}),?\s+(?:den\s+)?)?(?P<d>[0-3]?\d)(?:\.|st|nd|rd|th)?\s+(?:of\s+)?"
        rf"(?P<mon>{_MON})\b(?:,?\s+(?P<y>{_YEAR})\b)?", _F)),
    ("day_month", re.compile(  # October 3, 2025 / on Monday, October 3
        rf"\b(?:(?P<prep>on|since|until|by)\s+)?(?:(?:{_WD}),?\s+)?(?P<mon>{_MON})\s+"
        rf"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\.\d)(?:,?\s+(?P<y>{_YEAR})\b)?", _F)),
    ("month", re.compile(  # Mitte Mai, Ende Februar 2024, early February, mid-May
        rf"\b(?P<q>Anfang|Beginn|Mitte|Ende|early|mid|late|the beginning of|the middle of|"
        rf"the end of)[-\s]+(?P<mon>{_MON})\b(?:\s+(?P<y>{_YEAR})\b)?", _F)),
    ("month", re.compile(  # im März, seit Mai 2019, in March, since May
        rf"\b(?P<prep>im|seit|bis|ab|in|since|until|by|from)\s+(?P<mon>{_MON})\b"
        rf"(?:,?\s+(?P<y>{_YEAR})\b)?", _F)),
    ("month", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<y>{_YEAR})\b", _F)),  # Mai 2024
    ("year", re.compile(  # Anfang 2024, seit 2019, im Jahr 2008, in 2013, late 2020
        rf"\b(?:(?P<q>Anfang|Mitte|Ende|early|mid|late)[-\s]+|(?P<prep>seit|bis|ab|since|until"
        rf"|by|from)\s+|(?:im\s+Jahre?|in)\s+)?(?<![\d.,])(?P<y>{_YEAR})(?!\d|[.,]\d|er)"
        rf"{_NOT_YEAR_UNIT}", _F)),
    ("weekday", re.compile(  # am kommenden Dienstagabend, in der Nacht zu Dienstag, last Monday
        rf"\b(?:(?P<night>in der Nacht (?:zu[mr]?|auf)(?: den)?)\s+|(?P<prep>am|seit|bis|ab|"
        rf"(?P<von>von)|vom|on|since|until|by|from)\s+)?(?:(?P<mod>vergangenen|letzten|vorigen"
        rf"|kommenden|nächsten|diesen|last|next|coming|this|past)\s+)?(?P<wd>{_WD})"
        rf"(?P<part>abend|morgen|vormittag|nachmittag|mittag|nacht|früh)?(?![a-zäöüß])"
        rf"(?:\s+(?P<epart>morning|afternoon|evening|night|früh)\b)?(?(von)(?P<an>\s+an\b)?)", _F)),
    ("relative_day", re.compile(  # gestern Abend, heute Morgen, yesterday, tomorrow night
        r"\b(?P<rel>[Vv]orgestern|[Gg]estern|[Hh]eute|übermorgen|morgen|[Yy]esterday|[Tt]oday"
        r"|[Tt]onight|[Tt]omorrow)\b(?:\s+(?P<part>[Ff]rüh|Morgen|Vormittag|Mittag|Nachmittag"
        r"|Abend|Nacht|morning|afternoon|evening|night)\b)?")),
    ("relative_unit", re.compile(  # vergangene Woche, im letzten Jahr, last month, this week
        r"\b(?:(?P<q>Anfang|Mitte|Ende|early|late)\s+|(?:in der|im)\s+)?(?P<mod>vergangene[nrs]?"
        r"|letzte[nrs]?|vorige[nrs]?|kommende[nrs]?|nächste[nrs]?|diese[nrs]?|last|next|this|past"
        r"|coming)\s+(?P<unit>Woche|Monats?|Jahr(?:es|s)?|week|month|year)\b", _F)),
]
# fmt: on


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeMention:
    """One temporal expression, resolved; ``text == source[start:end]``."""

    text: str
    start: int
    end: int
    value: PartialDate | None  # None when it cannot be resolved (no publication date, a week)
    precision: TimePrecision
    relation: Relation | None
    qualifier: str | None
    earliest: dt.date | None
    latest: dt.date | None


@dataclass(frozen=True, slots=True)
class _Found:
    """What a handler resolves before offsets and relation are attached."""

    value: PartialDate | None
    precision: TimePrecision
    qualifier: str | None
    earliest: dt.date | None
    latest: dt.date | None
    tense: Relation | None = None


_Handler = Callable[[re.Match[str], str, "dt.date | None"], "_Found | None"]


def find_times(
    text: str, language: str | None, published: dt.date | None
) -> tuple[TimeMention, ...]:
    """All temporal expressions in ``text``, left to right, resolved against ``published``.

    ``language`` ("de"/"en") only documents intent: both tables run, since the month and weekday
    names of the two languages do not collide and mixed quotes occur.
    """
    del language  # both tables are safe on either language; see the docstring
    candidates: dict[tuple[int, int, str], re.Match[str]] = {}
    for window_start, window_end in _windows(text):
        for kind, pattern in _PATTERNS:
            for m in pattern.finditer(text, window_start, window_end):
                if m.end() > m.start():
                    candidates[(m.start(), m.start() - m.end(), kind)] = m
    mentions: list[TimeMention] = []
    taken_until = -1
    for (start, _neg_len, kind), m in sorted(candidates.items(), key=lambda c: c[0][:2]):
        if start < taken_until:
            continue  # overlaps a longer or earlier expression
        found = _HANDLERS[kind](m, text, published)
        if found is None:
            continue
        taken_until = m.end()
        mentions.append(_mention(m, found, published))
    return tuple(mentions)


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged stretches of ``text`` around anchors, each starting after a space or at 0."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lengthen when lowered (İ); rare
        lowered = text
    windows: list[tuple[int, int]] = []
    for m in _ANCHOR.finditer(lowered):
        start = text.rfind(" ", 0, max(0, m.start() - _REACH_BEFORE)) + 1
        end = min(len(text), m.end() + _REACH_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def event_date(
    text: str, language: str | None, published: dt.date | None, title: str | None = None
) -> PartialDate | None:
    """When the reported event happened.

    The first resolved day- or month-precise expression that is not in the future, read in the
    title and then the first ``LEAD_SENTENCES`` sentences of ``text``; the publication date
    when there is none (None without one). Weeks, years and open spans ("seit 2019") are too
    vague to date an event and are skipped.
    """
    for part in (title or "", _lead(text)):
        for mention in find_times(part, language, published):
            if (
                mention.value is not None
                and mention.precision in {"day", "month", "part_of_month"}
                and mention.relation in {"past", "now"}
                and mention.qualifier not in {"from", "until"}
            ):
                return mention.value
    if published is None:
        return None
    return PartialDate(year=published.year, month=published.month, day=published.day)


def _lead(text: str) -> str:
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return text if len(ends) < LEAD_SENTENCES else text[: ends[LEAD_SENTENCES - 1]]


_SENTENCE_END = re.compile(r"(?<![\d\s])[.!?](?=\s+[A-ZÄÖÜ„\"])|\n\n")


def _mention(m: re.Match[str], found: _Found, published: dt.date | None) -> TimeMention:
    relation = found.tense
    if published is not None and (found.earliest or found.latest):  # an open end is unbounded
        if (found.earliest or dt.date.min) > published:
            relation = "future"
        elif (found.latest or dt.date.max) < published:
            relation = "past"
        else:
            relation = "now"
    return TimeMention(
        text=m.group(0),
        start=m.start(),
        end=m.end(),
        value=found.value,
        precision=found.precision,
        relation=relation,
        qualifier=found.qualifier,
        earliest=found.earliest,
        latest=found.latest,
    )


def _tense(text: str, start: int, end: int) -> Relation:
    """The tense of the clause around ``text[start:end]``: future with a future cue, else past."""
    reach = CLAUSE_REACH
    left = max(
        (m.end() for m in _CLAUSE_END.finditer(text, max(0, start - reach), start)), default=0
    )
    right_match = _CLAUSE_END.search(text, end, end + reach)
    right = right_match.start() if right_match else min(len(text), end + reach)
    clause = text[max(left, start - reach) : right]
    return "future" if _FUTURE_CUES.search(clause) else "past"


def _day_bounds(day: dt.date, qualifier: str | None = None) -> _Found:
    return _Found(
        PartialDate(year=day.year, month=day.month, day=day.day), "day", qualifier, day, day
    )


def _month_bounds(year: int, month: int, part: str | None) -> _Found:
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(
        part or "", (1, last)
    )
    precision: TimePrecision = "part_of_month" if part in {"early", "mid", "late"} else "month"
    return _Found(
        PartialDate(year=year, month=month),
        precision,
        part,
        dt.date(year, month, first_day),
        dt.date(year, month, last_day),
    )


def _year_bounds(year: int, part: str | None) -> _Found:
    first, last = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}.get(part or "", (1, 12))
    return _Found(
        PartialDate(year=year),
        "year",
        part,
        dt.date(year, first, 1),
        dt.date(year, last, calendar.monthrange(year, last)[1]),
    )


def _span(found: _Found, prep: str | None, published: dt.date | None) -> _Found:
    """Open the bounds for „seit/ab/bis“: since X = X .. published, until X = .. end of X."""
    kind = _SPAN_PREPS.get((prep or "").lower())
    if kind is None:
        return found
    if kind == "until":
        return _Found(found.value, found.precision, "until", None, found.latest, found.tense)
    latest = published if kind == "since" else None
    return _Found(found.value, found.precision, kind, found.earliest, latest, found.tense)


def _guess_year(month: int, day: int, tense: Relation, published: dt.date) -> int:
    """The publication year, moved back (past text) or on (future text); see module doc."""
    year = published.year
    candidate = dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
    if tense == "past" and (candidate - published).days > FUTURE_SLACK_DAYS:
        return year - 1
    if tense == "future" and candidate < published:
        return year + 1
    return year


def _numeric(m: re.Match[str], text: str, published: dt.date | None) -> _Found | None:
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _day_bounds(day)


def _day_month(m: re.Match[str], text: str, published: dt.date | None) -> _Found | None:
    if m["mon"][0].islower():  # month names are capitalised in both languages ("may" is a verb)
        return None
    month, day = _MONTHS[m["mon"].lower()], int(m["d"])
    if not 1 <= day <= 31:  # "0 NOVEMBER" in a scraped header is no day
        return None
    prep = (m["prep"] or "").lower()
    if m["y"]:
        year = int(m["y"])
    elif published is not None:
        tense = "past" if prep in {"seit", "since"} else _tense(text, m.start(), m.end())
        year = _guess_year(month, min(day, 28), tense, published)
    else:
        return _Found(None, "day", None, None, None)
    try:
        found = _day_bounds(dt.date(year, month, day))
    except ValueError:
        return None
    return _span(found, prep, published)


def _month(m: re.Match[str], text: str, published: dt.date | None) -> _Found | None:
    if m["mon"][0].islower():  # see _day_month
        return None
    month = _MONTHS[m["mon"].lower()]
    part = _PARTS.get((m.groupdict().get("q") or "").lower())
    prep = (m.groupdict().get("prep") or "").lower()
    if m["y"]:
        year = int(m["y"])
    elif published is not None:
        tense = "past" if prep in {"seit", "since"} else _tense(text, m.start(), m.end())
        last = calendar.monthrange(published.year, month)[1]
        # a future month before the publication month is next year's; a past one more than
        # FUTURE_SLACK_DAYS ahead is last year's
        day = 1 if tense == "past" else last
        year = _guess_year(month, day, tense, published)
    else:
        precision: TimePrecision = "part_of_month" if part else "month"
        return _Found(None, precision, part, None, None)
    return _span(_month_bounds(year, month, part), prep, published)


def _year(m: re.Match[str], text: str, published: dt.date | None) -> _Found | None:
    part = _PARTS.get((m["q"] or "").lower())
    return _span(_year_bounds(int(m["y"]), part), m["prep"], published)


def _weekday(m: re.Match[str], text: str, published: dt.date | None) -> _Found | None:
    if m["wd"][0].islower():  # weekday names are capitalised; "montags" is excluded by the pattern
        return None
    weekday = _WEEKDAYS[m["wd"].lower()]
    mod = (m["mod"] or "").lower().rstrip("n")
    prep = (m["prep"] or "").lower()
    part = (m["part"] or m["epart"] or "").lower()
    qualifier = "night" if m["night"] else _DAY_PARTS.get(part)
    strict = mod.startswith(_BEFORE + _AFTER)  # „letzten/kommenden“ are never the same day
    if mod.startswith(_BEFORE) or prep in {"seit", "since"}:
        tense: Relation = "past"
    elif mod.startswith(_AFTER) or prep in {"ab", "from"} or m["an"]:
        tense, prep = "future", ("ab" if m["an"] else prep)
    else:
        tense = _tense(text, m.start(), m.end())
    if published is None:
        return _Found(None, "day", qualifier, None, None, tense)
    day = _resolve_weekday(published, weekday, tense, strict=strict)
    return _span(_day_bounds(day, qualifier), prep, published)


def _resolve_weekday(published: dt.date, weekday: int, tense: Relation, *, strict: bool) -> dt.date:
    """The weekday nearest to ``published`` in the direction of ``tense`` (see module doc)."""
    if tense == "future":
        delta = (weekday - published.weekday()) % 7 or (7 if strict else 0)
        return published + dt.timedelta(days=delta)
    delta = (published.weekday() - weekday) % 7 or (7 if strict else 0)
    return published - dt.timedelta(days=delta)


def _relative_day(m: re.Match[str], text: str, published: dt.date | None) -> _Found | None:
    word = m["rel"].lower()
    part = (m["part"] or "").lower()
    qualifier = "night" if word == "tonight" else _DAY_PARTS.get(part)
    if published is None:
        return _Found(None, "day", qualifier, None, None, None)
    return _day_bounds(published + dt.timedelta(days=_RELATIVE_DAYS[word]), qualifier)


def _relative_unit(m: re.Match[str], text: str, published: dt.date | None) -> _Found | None:
    mod, unit = m["mod"].lower(), m["unit"].lower()
    part = _PARTS.get((m["q"] or "").lower())  # „Ende vergangenen Jahres“
    step = -1 if mod.startswith(_BEFORE) else 1 if mod.startswith(_AFTER) else 0
    if published is None:
        return None
    if unit.startswith(("woche", "week")):
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        return _Found(None, "week", None, monday, monday + dt.timedelta(days=6))
    if unit.startswith(("monat", "month")):
        index = published.year * 12 + published.month - 1 + step
        return _month_bounds(index // 12, index % 12 + 1, part)
    return _year_bounds(published.year + step, part)


_HANDLERS: dict[str, _Handler] = {
    "numeric": _numeric, "day_month": _day_month, "month": _month, "year": _year,
    "weekday": _weekday, "relative_day": _relative_day, "relative_unit": _relative_unit,
}  # fmt: skip
