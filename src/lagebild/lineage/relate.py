"""Decide how two articles in one language relate: wire copy, near duplicate or revision.

:func:`digest` keeps what the decision needs from an :class:`~lagebild.records.Article`;
:func:`relate` aligns two digests and returns a :class:`~lagebild.records.LineageEdge` from
the original to the derived article, or None when they share too little text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from lagebild.lineage.align import coverage, shared_passages, word_count
from lagebild.records import (
    Article,
    BlockLabel,
    LineageEdge,
    LineageRelation,
    SharedPassage,
    TranslatedFrom,
)

# Two texts are copies of one text when the shared passages cover at least half of one of
# them: a wire copy cut to its first three paragraphs still has all its own words shared,
# and an outlet that adds a long local part still keeps most of the agency text. Independent
# reports on the same event share 0-10 % (a quote, a stock phrase), so 0.5 leaves a wide gap.
COPY_MIN_SHARE = 0.5
# ... and at least this many shared words: a shared sentence of a dozen words is a quote or a
# stock phrase, whatever its share of a short text. Short agency items (30-60 words) are still
# copies: with 40 the recall of wire copies on the German event stream was 0.973, with 20
# 0.988, precision unchanged (0.999).
COPY_MIN_WORDS = 20
# Copies without any agency credit are near duplicates, from the same COPY_MIN_SHARE on:
# one outlet reprinting (part of) another's text, or a wire copy whose credit was stripped,
# is not an independent source, and the relation vocabulary has no other name for it.
# A later version of one outlet's article may be rewritten much more than a wire copy (a
# breaking item grows into a report), so a revision needs less shared text when the outlet
# and the URL or the title agree.
REVISION_MIN_SHARE = 0.3
# A derived text counts as containing the other when this share of the other's words is in
# shared passages (a few edited words stay outside passages).
CONTAINED_SHARE = 0.95

# "LINDENAU (dpa) -", "LINDENAU, Germany (Meridian) –": a dateline crediting an agency at the
# start of the text (lagebild.metadata removes known agencies' datelines; others stay).
_DATELINE = re.compile(
    r"\A\s*[A-ZÄÖÜ][\w .'/-]{1,40}(?:,\s*[\w .'-]{2,30})?"  # place, optional country
    r"\s*\((?P<agency>[^\W\d_][^()\n]{1,29})\)\s*[-–—]"  # (agency) and a dash
)
# A desk code at the end of an agency's own text: "/kbe/DP/mhe".
_DESK_CODE = re.compile(r"^/?[a-z]{2,4}/[A-Z]{2,3}/[a-z]{2,4}$")
# Lines around an agency's own text: its service header, its copyright, Reuters-style
# reporting credits. Copies keep a lone credit ("dpa") or a photo credit, not these.
_FEED_LINE = re.compile(
    r"nachrichten|news service|newswire|basisdienst|wire service|©|\(c\)|all rights reserved"
    r"|reporting by|editing by",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(r"^\s*(foto|fotos|bild|photo|picture|image)\s*:", re.IGNORECASE)
#: How precisely ``Digest.published`` is known: "time" only when the caller passed it.
DatePrecision = Literal["time", "day", "month", "year"]
_TRAILING_ID = re.compile(r"(\d{5,})(?:\.html?)?$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Digest:
    """What lineage decisions need to know about one article."""

    article_id: str
    text: str
    language: str | None
    published: dt.datetime | None  # when the article appeared, as precisely as known
    published_precision: DatePrecision | None = None
    outlet: str | None
    agency: tuple[str, ...] = ()  # agencies credited: metadata plus a dateline in the text
    agency_text: bool = False  # the agency's own text (its feed), not an outlet's copy
    url: str | None = None
    title: str | None = None
    translated_from: TranslatedFrom | None = None
    revision: int = 1


def digest(article: Article, *, published: dt.datetime | None = None) -> Digest:
    """The digest of ``article``; ``published`` overrides the metadata date when the caller
    knows the time of publication (the metadata keeps dates to the day)."""
    agencies = _agencies(article)
    when, precision = _published(article, published)
    return Digest(
        article_id=article.id,
        text=article.text,
        language=article.meta.language,
        published=when,
        published_precision=precision,
        outlet=article.meta.outlet,
        agency=agencies,
        agency_text=_is_agency_text(article, agencies),
        url=article.url,
        title=article.title,
        translated_from=article.meta.translated_from,
        revision=article.revision,
    )


def _published(
    article: Article, published: dt.datetime | None
) -> tuple[dt.datetime | None, DatePrecision | None]:
    if published is not None:
        return published, "time"
    date = article.meta.published
    if date is None:
        return None, None
    precision: DatePrecision = "day" if date.day else "month" if date.month else "year"
    return dt.datetime(date.year, date.month or 1, date.day or 1), precision


def _agencies(article: Article) -> tuple[str, ...]:
    found = list(article.meta.agency)
    lines = [article.text[:200]] + [
        b.text for b in article.removed if b.label == BlockLabel.DATELINE
    ]
    for line in lines:
        match = _DATELINE.match(line)
        if match and match.group("agency").strip() not in found:
            found.append(match.group("agency").strip())
    return tuple(found)


def _is_agency_text(article: Article, agencies: tuple[str, ...]) -> bool:
    """Whether ``article`` is an agency's own text: its outlet or web host is the agency, or
    it has no outlet and carries the agency's feed lines (service header, copyright, desk
    code) that copies in outlets lose."""
    if not agencies:
        return False
    # Whole words only: "AP" is not in "Apotheken Umschau", "dpa" is in "dpa.com".
    names = [re.compile(rf"\b{re.escape(a)}\b", re.IGNORECASE) for a in agencies]
    outlet = article.meta.outlet or ""
    host = (urlsplit(article.url).hostname or "") if article.url else ""
    if any(name.search(outlet) or name.search(host) for name in names):
        return True
    if article.meta.outlet:
        return False
    for block in article.removed:
        text = block.text.strip()
        if block.label == BlockLabel.AGENCY_CODE and _DESK_CODE.match(text):
            return True
        if block.label == BlockLabel.DATELINE or _PHOTO_CREDIT.match(text):
            continue
        if _FEED_LINE.search(text) and any(name.search(text) for name in names):
            return True
        if text.startswith("(Reporting by"):
            return True
    return False


def relate(a: Digest, b: Digest) -> LineageEdge | None:
    """How ``a`` and ``b`` relate, as an edge from the original to the derived article, or
    None when they do not share enough text (see ``COPY_MIN_SHARE``)."""
    if a.article_id == b.article_id and a.revision == b.revision:
        return None
    passages = shared_passages(a.text, b.text)
    if not passages:
        return None
    a_share, b_share = coverage(passages, a.text, "from"), coverage(passages, b.text, "to")
    shared_words = round(b_share * word_count(b.text))
    revision = _same_article(a, b)
    needed = REVISION_MIN_SHARE if revision else COPY_MIN_SHARE
    if max(a_share, b_share) < needed or shared_words < COPY_MIN_WORDS:
        return None
    if revision:
        relation = LineageRelation.REVISION
        first = earlier(a, b) or (a if a.revision <= b.revision else b)
        reason = "same outlet and " + ("URL" if _same_url(a, b) else "title")
    else:
        credited = bool(a.agency or b.agency)
        relation = LineageRelation.WIRE_COPY if credited else LineageRelation.NEAR_DUPLICATE
        first, reason = _original(a, b, a_share, b_share)
    if first is a:
        return _edge(a, b, relation, passages, kept=a_share, shared=b_share, reason=reason)
    flipped = tuple(
        SharedPassage(
            from_start=p.to_start, from_end=p.to_end, to_start=p.from_start, to_end=p.from_end
        )
        for p in passages
    )
    flipped = tuple(sorted(flipped, key=lambda p: p.to_start))
    return _edge(b, a, relation, flipped, kept=b_share, shared=a_share, reason=reason)


def _edge(
    original: Digest,
    derived: Digest,
    relation: LineageRelation,
    passages: tuple[SharedPassage, ...],
    *,
    kept: float,
    shared: float,
    reason: str,
) -> LineageEdge:
    credit = _credit(original, derived)
    words = "passage covers" if len(passages) == 1 else "passages cover"
    evidence = (
        f"{credit}{len(passages)} shared {words} {shared:.0%} of the derived text and "
        f"{kept:.0%} of the original; original: {reason}"
    )
    return LineageEdge(
        from_article=original.article_id,
        to_article=derived.article_id,
        relation=relation,
        shared_fraction=round(shared, 4),
        kept_fraction=round(kept, 4),
        passages=passages,
        evidence=evidence,
    )


def _credit(a: Digest, b: Digest) -> str:
    agencies = sorted(set(a.agency) | set(b.agency))
    if not agencies:
        return ""
    both = set(a.agency) & set(b.agency)
    who = "both credit" if both else "credited:"
    return f"{who} {', '.join(sorted(both) if both else agencies)}; "


def _original(a: Digest, b: Digest, a_share: float, b_share: float) -> tuple[Digest, str]:
    """Which of two copies is the original, and why: the agency's own text, else the one
    published earlier, else the one whose text the other contains (outlets add to agency
    texts more often than they publish them whole), else the longer one."""
    if a.agency_text != b.agency_text:
        return (a if a.agency_text else b), "the agency's own text"
    first = earlier(a, b)
    if first is not None:
        return first, "published earlier"
    if (a_share >= CONTAINED_SHARE) != (b_share >= CONTAINED_SHARE):
        return (a if a_share >= CONTAINED_SHARE else b), "contained in the other"
    if len(a.text) != len(b.text):
        return (a if len(a.text) > len(b.text) else b), "the longer text"
    return (a if a.article_id <= b.article_id else b), "no order known (by id)"


def earlier(a: Digest, b: Digest) -> Digest | None:
    """The digest published strictly earlier, comparing only at a precision both have."""
    if a.published is None or b.published is None:
        return None
    if a.published_precision == b.published_precision == "time":
        first, second = a.published, b.published
        if first.tzinfo is None or second.tzinfo is None:
            first, second = first.replace(tzinfo=None), second.replace(tzinfo=None)
        if first != second:
            return a if first < second else b
        return None
    precisions = {a.published_precision, b.published_precision}
    if precisions <= {"time", "day"} and a.published.date() != b.published.date():
        return a if a.published.date() < b.published.date() else b
    return None


def _same_article(a: Digest, b: Digest) -> bool:
    """Two versions of one outlet's article: same outlet, and the same URL or title."""
    if not a.outlet or not b.outlet or a.outlet.casefold() != b.outlet.casefold():
        return False
    same_title = bool(a.title and b.title and a.title.strip() == b.title.strip())
    return _same_url(a, b) or same_title


def _same_url(a: Digest, b: Digest) -> bool:
    if not a.url or not b.url:
        return False
    first, second = urlsplit(a.url), urlsplit(b.url)
    if (first.hostname or "").removeprefix("www.") != (second.hostname or "").removeprefix("www."):
        return False
    path_a, path_b = first.path.rstrip("/"), second.path.rstrip("/")
    if path_a.removesuffix("/amp") == path_b.removesuffix("/amp"):
        return True
    id_a, id_b = _TRAILING_ID.search(path_a), _TRAILING_ID.search(path_b)
    return bool(id_a and id_b and id_a.group(1) == id_b.group(1))
