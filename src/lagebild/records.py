"""Typed, frozen records that flow through the pipeline.

Every record is a frozen dataclass with character offsets into the article text, so
every output can be traced back to the words it rests on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

Precision = Literal["day", "month", "year"]


class BlockLabel(StrEnum):
    """What a block of an article is. The first four make up the clean text."""

    TITLE = "title"
    LEAD = "lead"
    HEADING = "heading"
    BODY = "body"
    # Removed from the clean text, kept visible with their label:
    CAPTION = "caption"  # image caption
    CREDIT = "credit"  # photo credit / copyright line: "Foto: Alex Brandon/AP/dpa"
    HEADER = "header"  # scraper metadata line: "date 2025-05"
    DATELINE = "dateline"  # "WASHINGTON (dpa-AFX) -"
    AGENCY_CODE = "agency_code"  # trailing "/nau/DP/stw", a lone "dpa"
    COOKIE = "cookie"  # cookie / consent notice
    PAYWALL = "paywall"  # paywall, ad-block, subscription prompt
    NAVIGATION = "navigation"  # menus, breadcrumbs, "Startseite Schlagzeilen"
    TEASER = "teaser"  # related-article teasers, "Lesen Sie auch"
    AUTHOR_BIO = "author_bio"
    TRANSLATION_NOTE = "translation_note"  # "Aus dem Englischen übersetzt ..."
    SOCIAL = "social"  # share buttons, "Folgen Sie uns"
    BOILERPLATE = "boilerplate"  # any other junk


#: Labels whose blocks form ``Article.text`` (the title is kept in ``Article.title``).
TEXT_LABELS = frozenset({BlockLabel.LEAD, BlockLabel.HEADING, BlockLabel.BODY})
#: Labels that are part of the article proper (not removed).
KEPT_LABELS = TEXT_LABELS | {BlockLabel.TITLE}


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    """One input item exactly as it arrived, before any interpretation.

    ``data`` is the original bytes (kept in the store). ``format`` says how to read them:
    ``text`` (scraped plain text), ``html``, or ``record`` (one JSON Lines record whose
    fields are in ``fields``; ``data`` is that JSON line).
    """

    origin: str  # path (with "#line" / "#record" suffix for containers) or URL
    data: bytes
    format: Literal["text", "html", "record"]
    url: str | None = None
    declared_encoding: str | None = None  # from HTTP headers, WARC headers or <meta charset>
    fields: Mapping[str, Any] = field(default_factory=dict)  # JSONL: title, text, date, ...
    fetched_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceFailure:
    """An input item that could not be read; reported, never silently dropped."""

    origin: str
    reason: str  # one line: what happened and what to do


@dataclass(frozen=True, slots=True, kw_only=True)
class DecodedText:
    """Bytes turned into text with the encoding that was used."""

    text: str
    encoding: str
    confidence: float  # 1.0 when declared/UTF-8-valid, lower when guessed


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """A labelled piece of an article.

    ``start``/``end`` are offsets into ``Article.text`` (or ``Cleaned.text``). Blocks that are
    not part of the text (title, removed junk) have ``start == end``: the place in the text
    where they stood, so removed text can be shown in context.
    """

    label: BlockLabel
    text: str
    start: int
    end: int

    @property
    def removed(self) -> bool:
        return self.label not in KEPT_LABELS


@dataclass(frozen=True, slots=True, kw_only=True)
class Cleaned:
    """Output of the cleaning stage: the article proper, separated from its junk."""

    title: str | None
    text: str  # TEXT_LABELS blocks joined by blank lines
    blocks: tuple[Block, ...]  # every block in document order, removed ones included
    source_meta: Mapping[str, str] = field(default_factory=dict)
    # metadata the extractor found in the page: keys like "date", "author", "sitename",
    # "title", "language", "url", "description"; value sources in "<key>.source"


@dataclass(frozen=True, slots=True, kw_only=True)
class PartialDate:
    """A date known to day, month or year precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def isoformat(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def to_date(self) -> dt.date:
        """The first day the partial date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (anything after the day is ignored)."""
        parts = value.strip()[:10].split("-")
        nums = [int(p) for p in parts if p]
        year, month, day = ([*nums, 0, 0])[:3]
        dt.date(year, month or 1, day or 1)  # raises ValueError on impossible dates
        return cls(year=year, month=month or None, day=day or None)


@dataclass(frozen=True, slots=True, kw_only=True)
class TranslatedFrom:
    """What the text says about the original it was translated from."""

    language: str | None  # ISO 639-1, e.g. "en"
    publisher: str | None  # e.g. "The Guardian"
    published: PartialDate | None
    evidence: str  # the sentence that says so


@dataclass(frozen=True, slots=True, kw_only=True)
class Metadata:
    """Article metadata. ``sources`` maps each found field name to where it came from,
    e.g. ``{"published": "header-line", "agency": "dateline", "outlet": "html:og:site_name"}``."""

    language: str | None = None
    published: PartialDate | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    agency: tuple[str, ...] = ()  # normalised names: "dpa", "dpa-AFX", "AFP", "Reuters", ...
    dateline: str | None = None  # the place: "WASHINGTON"
    translated_from: TranslatedFrom | None = None
    sources: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A clean article with its metadata and everything that was removed from it."""

    id: str  # stable: derived from the URL when known, else from the content hash
    origin: str  # where it was read from (path or URL)
    url: str | None
    content_hash: str  # sha256 of the original bytes
    revision: int = 1
    title: str | None
    text: str
    blocks: tuple[Block, ...]
    meta: Metadata
    source_format: str  # "text" | "html" | "record"
    encoding: str
    event_id: str | None = None
    story_id: str | None = None
    # Entities the article mentions (issue #3); linked to the registry once stored.
    entities: tuple[ArticleEntity, ...] = ()
    # Who said what (issue #4): direct quotes and reported speech with their speakers.
    quotes: tuple[Quote, ...] = ()
    # Checkable quantities and dates (issue #6).
    claims: tuple[Claim, ...] = ()

    @property
    def removed(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.removed)


# --- Language analysis and entities (issue #3) ---

NerLabel = Literal["PER", "LOC", "ORG", "OTH"]
EntityKind = Literal["person", "organisation", "place", "other"]
KIND_OF_LABEL: Mapping[str, EntityKind] = {
    "PER": "person",
    "ORG": "organisation",
    "LOC": "place",
    "OTH": "other",
}
MentionSource = Literal["ner", "gazetteer", "consistency"]
MentionForm = Literal[
    "name",  # a full name or the name as written: "Wladimir Putin", "Nato"
    "surname",  # the last part of a person's name alone: "Putin"
    "genitive",  # "Putins", "Selenskyjs"
    "compound",  # the name inside a hyphenated compound: "Scholz-Regierung"
    "role",  # a role noun resolved through the role lexicon: "der Kremlchef"
    "description",  # a description resolved from context: "der 78-Jährige"
    "pronoun",  # "er", "sie", "he", "she" (resolved for quote speakers)
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A named-entity span found by NER or the gazetteer; ``text == article_text[start:end]``.

    ``label`` is the coarse class; ``fine`` keeps the GermEval distinction of names used inside
    words (``PERpart``: "Merkel-Vertraute") and derived adjectives (``LOCderiv``: "deutsche").
    """

    text: str
    start: int
    end: int
    label: NerLabel
    fine: str
    source: MentionSource
    score: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityMention:
    """One mention of an entity in one article, with how it refers to the entity."""

    text: str
    start: int
    end: int
    form: MentionForm


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleEntity:
    """The mentions of one entity within one article.

    ``name`` is the fullest name the article (or the gazetteer) gives; ``entity_id`` is set when
    the entity is linked to the registry of canonical entities.
    """

    name: str
    kind: EntityKind
    mentions: tuple[EntityMention, ...]
    entity_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A canonical entity across articles and languages, with a stable id."""

    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityAnalysis:
    """The entity layer of one article: what NER and the gazetteer found (``mentions``) and
    the entities those mentions were grouped into."""

    mentions: tuple[Mention, ...]
    entities: tuple[ArticleEntity, ...]


# --- Who said what (issue #4) ---

QuoteKind = Literal[
    "direct",  # verbatim, in quotation marks
    "indirect",  # reported speech: Konjunktiv I, a dass-clause, "laut X", "X zufolge"
    "mixed",  # reported speech that embeds a verbatim fragment in quotation marks
]


@dataclass(frozen=True, slots=True, kw_only=True)
class TextSpan:
    """A piece of article text; ``text == article_text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """One statement attributed to a speaker in one article.

    ``text`` is the quoted or reported content only — no cue verb, no quotation marks around
    a direct quote — and ``text == article_text[start:end]``. ``cue`` is the speech verb or
    frame the attribution rests on ("sagte", "teilte ... mit", "laut"; None for a continuation
    in Konjunktiv I with no cue). ``speaker`` is the canonical name of the speaking entity or,
    for an unnamed source ("eine Sprecherin der britischen Regierung"), the description as
    written; ``speaker_mention`` is the name, pronoun or description in the text the attribution
    rests on (for a continuation, the mention the earlier quote rests on). ``speaker_entity`` is
    the registry id once the article's entities are linked; ``group_id`` is shared by the same
    statement in other articles (wire copies, translations) once stored.
    """

    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: TextSpan | None
    speaker: str | None
    speaker_mention: TextSpan | None
    speaker_entity: str | None = None
    confidence: float
    group_id: str | None = None
    # The pieces of a direct quote interrupted by its cue („…“, sagte er, „…“), in order;
    # empty when the quote is one piece. Then ``start``/``end`` span all pieces and ``text``
    # is the pieces joined by a space.
    parts: tuple[TextSpan, ...] = ()


# --- How articles relate: lineage, events, stories (issue #5) ---


class LineageRelation(StrEnum):
    """How one article derives from another."""

    WIRE_COPY = "wire_copy"  # carries the same agency text (edited, cut, extended)
    TRANSLATION = "translation"  # the same text in another language
    NEAR_DUPLICATE = "near_duplicate"  # (almost) the same text, no agency involved
    REVISION = "revision"  # the same outlet's later version of its own article


@dataclass(frozen=True, slots=True, kw_only=True)
class SharedPassage:
    """A run of text two articles share: ``[from_start, from_end)`` in the original's text,
    ``[to_start, to_end)`` in the derived article's text."""

    from_start: int
    from_end: int
    to_start: int
    to_end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class LineageEdge:
    """``to_article`` derives from ``from_article`` (the original: earlier, or the agency's
    own text). ``from_article`` is None when the original is only named (a translation note
    naming a source that is not stored); ``from_source`` then says what the text names.

    ``shared_fraction`` is the share of the derived article's words in passages it shares with
    the original (1.0: nothing added); ``kept_fraction`` the share of the original's words the
    derived article kept (1.0: nothing cut). For translations both are sentence shares."""

    from_article: str | None
    to_article: str
    relation: LineageRelation
    shared_fraction: float
    kept_fraction: float
    passages: tuple[SharedPassage, ...] = ()
    from_source: str | None = None
    evidence: str  # one line: why ("both credit dpa; 41 of 44 sentences shared", the note)


@dataclass(frozen=True, slots=True, kw_only=True)
class Membership:
    """Why an article belongs to its event: the explanation shown beside it."""

    article_id: str
    event_id: str
    similarity: float  # the combined score the decision rests on (1.0 for the first article)
    text_similarity: float
    shared_entities: tuple[str, ...]  # canonical names shared with the event
    shared_terms: tuple[str, ...]  # the strongest shared content words
    time_gap_days: float | None  # between the article's event date and the event's dates
    reason: str  # one line: "opened the event", "joined: similarity 0.62, 3 shared names"


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Something that happened, told by one or more articles."""

    id: str
    title: str
    date: PartialDate | None  # when it happened (precision day/month/year), when known
    article_ids: tuple[str, ...]
    independent_sources: int  # copies of one wire text, translations and duplicates count once
    story_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """Events linked over weeks or months: same actors, same subject."""

    id: str
    title: str
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class EventChange:
    """A merge or split of events, recorded so that ids once shown stay explainable."""

    kind: Literal["merge", "split", "move"]
    event_ids: tuple[str, ...]  # the events before the change
    result_ids: tuple[str, ...]  # the events after it (a merge keeps the oldest id)
    reason: str
    at: dt.datetime


# --- What the sources agree on: claims, corroboration, summaries, timelines (issue #6) ---

ClaimKind = Literal["quantity", "date"]
ClaimStatus = Literal["corroborated", "contradicted", "single_source"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """One checkable statement in one article: a quantity or a date, with the sentence it
    stands in and who the text says it comes from.

    ``text == article_text[start:end]`` is the evidence: the clause or sentence carrying the
    value. ``value_span`` is the expression itself (``über 120 Verletzte``, ``mehr als zwei
    Stunden``, ``am Montag``). For a quantity, ``value`` is the number normalised to ``unit``
    (``mehr als zwei Stunden`` -> 120, unit ``minute``), ``low``/``high`` its bounds (None:
    open; ``mehr als zwei Stunden`` -> low 120, high None; ``zwischen 20 und 30`` -> 20, 30;
    an exact value has low == high == value) and ``approximate`` marks ``rund``/``etwa``/
    ``about``. For a date, ``value`` is None and ``date`` the resolved day/month/year (None
    when the text gives no anchor), ``low``/``high`` None. ``measure`` names what is counted
    or measured, lower-case and lemmatised where the analysis can (``verletzte``, ``tote``,
    ``kriegsgefangene``, ``euro``, ``telefonat``; the counted noun, else the predicate) so
    that claims about the same thing can be aligned across articles. ``subject``,
    ``predicate``, ``object`` give who-did-what where the text gives them (surface words,
    else None). ``attribution`` is the source the text names for the claim (``nach ersten
    russischen Angaben``, ``laut Feuerwehr``, a quote's speaker), else None.
    """

    id: str  # stable: derived from article id, offsets and value
    article_id: str
    kind: ClaimKind
    text: str
    start: int
    end: int
    value_span: TextSpan
    value: float | None = None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    date: PartialDate | None = None
    measure: str | None = None
    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    attribution: str | None = None
    attribution_span: TextSpan | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimGroup:
    """Claims about the same thing in one event, and what the sources make of it.

    ``supporting`` are the claims that agree with the group's value (the majority by
    independent sources), ``opposing`` those that cannot be true at the same time (beyond
    ``tolerance``). ``sources`` counts independent sources among the supporting claims:
    wire copies of one text, translations and duplicates count once."""

    id: str
    event_id: str
    kind: ClaimKind
    measure: str | None
    unit: str | None
    status: ClaimStatus
    supporting: tuple[str, ...]  # claim ids
    opposing: tuple[str, ...]  # claim ids
    sources: int
    opposing_sources: int
    tolerance: str  # one line: the tolerance used ("values within 5 %", "same day")
    reason: str  # one line: why this status


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation:
    """A character span in a stored article that a sentence rests on."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SummarySentence:
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """A short extractive account of an event or a story; every sentence cites its sources."""

    target: str  # event or story id
    language: str | None
    sentences: tuple[SummarySentence, ...]
    method: Literal["extractive", "abstractive"] = "extractive"


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    """One event of a story in the order things happened."""

    event_id: str
    date: PartialDate | None  # when it happened, to the precision known
    date_text: str | None  # the evidence when the date is vague ("Mitte Februar")
    uncertain: bool  # placed by vague or missing evidence
    text: str  # one-line description (an extract of a member article)
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryDigest:
    """Everything derived from a story's claims, events and lineage: the claim groups with
    their status, a summary of each event and of the story, and the timeline."""

    story_id: str
    groups: tuple[ClaimGroup, ...]
    summaries: tuple[Summary, ...]  # one per event, then the story's
    timeline: tuple[TimelineEntry, ...]
