"""Extractive multi-document summaries of an event or a story, every sentence cited.

Why extractive: a sentence taken verbatim from an article cannot misquote, and its citation
can be checked mechanically (:mod:`lagebild.summaries.support`). The work is choosing well:

1. **Candidates.** Each article of the summary's language is split into sentences; headings,
   credits, teasers, questions, fragments (a lowercase start, a clause ending in ``;``) and
   sentences cut out of a multi-sentence quotation (unbalanced quotation marks) are dropped.
   A sentence that opens with a pronoun or connective ("Er sagte ...", "Außerdem ...") needs
   the sentence before it: it may only be chosen right after that one.
2. **Passages.** The same sentence in several articles (wire copies, near-identical edits:
   :data:`~lagebild.summaries.support.NEAR_IDENTICAL` shared words) is one passage with one
   text, the earliest article's, and a citation of every article that carries it.
3. **Salience.** A passage scores by its centrality (tf-idf cosine with the centroid of its
   event's articles, each lineage family weighted once, so six copies of a wire text do not
   outvote one reporter), its position (news leads with the essentials), the number of
   *independent* sources of its event that say the same thing in any wording (families from
   the lineage edges, agencies counted once), and the values it states: one most independent
   sources agree on raises it, one fewer sources hold than a conflicting value lowers it (a
   disputed number should not be stated flatly in five sentences).
4. **Selection.** Greedy by score, skipping passages too similar to one already chosen. In a
   story, events told by more independent sources weigh more, and a passage from an event
   that already has a sentence counts less, so the summary covers the main distinct events.
5. **Order.** By event date when ``events`` are given (a story reads in the order things
   happened), then by the publication date of the passage's article and its place there; a
   sentence that needs its predecessor follows it directly.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from lagebild.analysis.sentences import split_sentences
from lagebild.lineage.sources import families, independent_sources
from lagebild.records import (
    Article,
    BlockLabel,
    Citation,
    Claim,
    ClaimGroup,
    Event,
    LineageEdge,
    PartialDate,
    Summary,
    SummarySentence,
)
from lagebild.summaries.support import (
    NEAR_IDENTICAL,
    has_unbalanced_quotes,
    stop_words,
    words,
)


def _word_set(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Fewer words make a heading, a credit or a teaser line, not a statement.
MIN_WORDS = 5
# Longer sentences are run-ons (a table flattened into text); they make unreadable summaries.
MAX_CHARS = 400
# Passages at least this similar (tf-idf cosine) to a chosen one repeat it.
REDUNDANT_COSINE = 0.5
# Passages at least this similar say the same thing in other words: they corroborate.
CORROBORATING_COSINE = 0.35
# Weights of the salience features (each in [0, 1]); centrality and independent sources carry
# most, position breaks ties in favour of the lead.
W_CENTRAL = 0.4
W_POSITION = 0.35
W_SOURCES = 0.25
CLAIM_BONUS = 0.1  # states a value most independent sources agree on
CLAIM_PENALTY = 0.15  # states a value fewer sources hold than the one it conflicts with
# How fast the position score falls: the first sentence 1.0, the third 0.5, the ninth 0.2.
LEAD_DECAY = 0.5
# In a story, each sentence already taken from an event multiplies its passages' scores by this.
EVENT_DECAY = 0.6
# In a story, the scores of an event told by one source of the best-covered event's many are
# multiplied by about this: small events still make the summary, after the main ones.
EVENT_FLOOR = 0.6

_DATELINE = re.compile(r"[A-ZÄÖÜ][^\s()]*(?:[ ,/][^()\n]{0,40})?\s*\([^()\n]{1,30}\)\s*[-–—]\s+")
_CREDIT = re.compile(
    r"(?:Fotos?|Bild(?:er)?|Photo|Quelle|Source|Credit|Grafik|Video)\s*:|©|Lesen Sie auch"
    r"|Mehr zum Thema|Read more|Weitere Informationen",
    re.IGNORECASE,
)
_FINAL = re.compile(r"[.!][\"“”»«’‘)]*$")
# Sentence openers that point back to the sentence before: pronouns, demonstratives,
# possessives, connectives.
_NEEDS_CONTEXT = _word_set(
    """er sie es ihr ihm ihn ihnen ihre ihren ihrem ihrer sein seine seinen seinem seiner
    dies diese dieser dieses diesem diesen dabei daher deshalb deswegen außerdem zudem auch
    allerdings jedoch dennoch trotzdem darüber damit dort danach anschließend zuvor demnach
    ebenfalls stattdessen denn aber doch somit hingegen wiederum dagegen dafür darauf daraufhin
    insofern ebenso weiterhin zugleich gleichzeitig
    he she it they him her them his its their this these those also however but and
    meanwhile moreover furthermore additionally instead still yet then"""
)
# "…“, sagte er." / "…”, she told": a quotation whose speaker is only a pronoun.
_PRONOUN_SPEAKER = re.compile(
    r"[“”«»\"‘’],?\s+(?:\w+\s+){0,2}(?:er|sie|he|she|they)\b(?!\s*\w+-)", re.IGNORECASE
)
# A personal pronoun this early is who the sentence is about ("Im Rückspiegel habe er gesehen"),
# unless a person named before it is meant ("Trump schrieb, er habe ...").
_PRONOUN_REACH = 5
_PERSONAL_PRONOUNS = _word_set("er ihm ihn he him his she")
# "dies", and "das" before a particle or punctuation, stand for what was said before
# ("Trump teilte dies ... mit", "Die Opposition hielt das für zu wenig").
_THAT_PRONOUN = re.compile(
    r"\b(?:[Dd]ies\b|das(?=[.,;:!?]|\s+(?:für|nicht|auch|so|als|ab|an|zu|zurück|mit|nie|noch"
    r"|bereits|schon|ist|war|sei|sagte|gesagt)\b))"
)
# "Das bestätigte ...", "Dies zeigt ...": a demonstrative pronoun, not an article.
_DEMONSTRATIVE_OPENER = re.compile(r"(?:Das|Dies|Dem|Den|Deren|Dessen)\s+[a-zäöü]")
# A sentence that is nothing but a quotation: its speaker is named before it.
_BARE_QUOTATION = re.compile(r"[„“\"«»‚‘][^„“”\"«»]+[“”\"«»‘’][.!]?")
# Konjunktiv I forms that mark reported speech, and the words that name the speaking.
_SUBJUNCTIVE = _word_set(
    """sei seien habe werde könne müsse solle wolle gebe dürfe stehe liege gehe komme bleibe
    wisse brauche"""
)
_SPEECH_CUES = (
    "sagt", "erklärt", "teilt", "betont", "bericht", "meint", "kündigt", "sprach", "warnt",
    "hieß", "zufolge", "laut", "angaben", "forder", "räumt", "verwies", "versicher", "schrieb",
    "bestätig", "wies", "mitteil", "behaupt",
)  # fmt: skip
_WORD = re.compile(r"\w+")
# "Der 46-Jährige ..." refers to someone named before.
_DESCRIPTION_OPENER = re.compile(r"(?:Der|Die|The)\s+\d+-[Jj]ährige|The\s+\d+-year-old")


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A sentence that may go into a summary; ``text == article.text[start:end]``."""

    article_id: str
    index: int  # the sentence's place among all sentences of its article
    start: int
    end: int
    text: str
    needs_previous: bool  # opens with a pronoun or connective that points back


@dataclass(slots=True)
class _Passage:
    """One sentence text and every article that carries it (the first is the text's own)."""

    copies: list[Candidate]
    event_id: str | None

    @property
    def first(self) -> Candidate:
        return self.copies[0]


_CACHE_SIZE = 4096  # articles; a story digest asks for each article's sentences 3-4 times
_CACHE: OrderedDict[tuple[str, str, str, tuple[int, ...]], tuple[Candidate, ...]] = OrderedDict()


def candidates(article: Article, language: str | None = None) -> list[Candidate]:
    """The sentences of ``article`` fit to stand in a summary (see the module docstring).
    Remembered per article text and person names (the event summaries, the story summary
    and the timeline of one digest ask for the same article)."""
    lang = language or article.meta.language or "de"
    names = tuple(
        sorted(
            m.start
            for entity in article.entities
            if entity.kind == "person"
            for m in entity.mentions
            if m.form in {"name", "surname"}
        )
    )
    key = (article.id, article.content_hash, lang, names)
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = tuple(_candidates(article, lang, names))
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    else:
        _CACHE.move_to_end(key)
    return list(found)


def _candidates(article: Article, language: str, names: Sequence[int]) -> list[Candidate]:
    headings = [(b.start, b.end) for b in article.blocks if b.label is BlockLabel.HEADING]
    found = []
    for index, sentence in enumerate(split_sentences(article.text, language)):
        start, end = sentence.start, sentence.end
        dateline = _DATELINE.match(sentence.text)
        if dateline:
            start += dateline.end()
        text = article.text[start:end]
        if any(h_start <= start < max(h_end, h_start + 1) for h_start, h_end in headings):
            continue
        if _usable(text):
            found.append(
                Candidate(
                    article_id=article.id,
                    index=index,
                    start=start,
                    end=end,
                    text=text,
                    needs_previous=_needs_previous(text, start, names),
                )
            )
    return found


def _usable(text: str) -> bool:
    if len(text) > MAX_CHARS or len(words(text)) < MIN_WORDS:
        return False
    if not text[:1].isupper() and not text[:1].isdigit() and text[:1] not in '„“"»«‚‘':
        return False
    if not _FINAL.search(text) or _CREDIT.match(text) or _CREDIT.search(text[:25]):
        return False
    return not has_unbalanced_quotes(text)


def _needs_previous(text: str, start: int, names: Sequence[int]) -> bool:
    """Whether ``text`` (at ``start`` in its article; ``names``: where person names start)
    points back to the sentence before it."""
    opening = list(_WORD.finditer(text))[:_PRONOUN_REACH]
    if not opening:
        return False
    if opening[0].group().lower() in _NEEDS_CONTEXT:
        return True
    if _THAT_PRONOUN.search(text, 0, opening[-1].end() + 2):
        return True
    for word in opening:
        if word.group().lower() in _PERSONAL_PRONOUNS:
            # "Trump schrieb, er habe ..." names whom the pronoun means before it.
            named = bisect.bisect_left(names, start) < bisect.bisect_left(
                names, start + word.start()
            )
            if not named:
                return True
    if _DEMONSTRATIVE_OPENER.match(text) or _DESCRIPTION_OPENER.match(text):
        return True
    if _PRONOUN_SPEAKER.search(text) or _BARE_QUOTATION.fullmatch(text):
        return True
    return _reported_without_cue(text)


def _reported_without_cue(text: str) -> bool:
    """A German sentence in Konjunktiv I with no verb of saying continues the reported speech
    of the sentence before ("Die Verwaltung werde alle Unterlagen offenlegen.")."""
    found = [w.lower() for w in _WORD.findall(text)]
    if not any(w in _SUBJUNCTIVE for w in found):
        return False
    return not any(w.startswith(_SPEECH_CUES) for w in found)


def summarise(
    target: str,
    articles: Sequence[Article],
    *,
    edges: Sequence[LineageEdge] = (),
    claims: Sequence[Claim] = (),
    groups: Sequence[ClaimGroup] = (),
    events: Sequence[Event] = (),
    language: str | None = None,
    length: int = 5,
) -> Summary:
    """An extractive summary of about ``length`` sentences of the ``articles`` of event or
    story ``target``.

    ``language`` picks the articles the sentences come from; when no article is in that
    language (or none is asked for), the language most articles are in is used, and
    ``Summary.language`` says which it was. ``edges`` (lineage) decide what counts as one
    source; ``groups`` (corroboration) favour the sentences carrying corroborated ``claims``
    (by default the claims the articles carry); ``events`` (for a story) order the sentences
    by when things happened.
    """
    if not claims:
        claims = [c for a in articles for c in a.claims]
    chosen_language = _language(articles, language)
    pool = [a for a in articles if a.meta.language == chosen_language] or list(articles)
    passages = _passages(pool, chosen_language)
    if not passages or length <= 0:
        return Summary(target=target, language=chosen_language, sentences=())
    vectors = _tfidf([p.first.text for p in passages], chosen_language)
    scores = _scores(passages, vectors, pool, edges, claims, groups)
    picked, follows = _select(passages, vectors, scores, length)
    ordered = _order(picked, follows, passages, pool, events)
    sentences = tuple(
        SummarySentence(
            text=passages[i].first.text,
            citations=tuple(
                Citation(article_id=c.article_id, start=c.start, end=c.end)
                for c in passages[i].copies
            ),
        )
        for i in ordered
    )
    return Summary(target=target, language=chosen_language, sentences=sentences)


def _language(articles: Sequence[Article], wanted: str | None) -> str | None:
    counts = Counter(a.meta.language for a in articles if a.meta.language)
    if wanted is not None and counts[wanted]:
        return wanted
    if not counts:
        return wanted
    return min(counts, key=lambda lang: (-counts[lang], lang))


def _passages(pool: Sequence[Article], language: str | None) -> list[_Passage]:
    """Candidates of all articles (earliest published first) grouped into passages."""
    ordered = sorted(enumerate(pool), key=lambda pair: (_published(pair[1]), pair[0]))
    found: list[_Passage] = []
    by_words: list[frozenset[str]] = []
    for _, article in ordered:
        for candidate in candidates(article, language):
            own = words(candidate.text)
            match = _copy_of(own, by_words, found, article.id)
            if match is None:
                found.append(_Passage(copies=[candidate], event_id=article.event_id))
                by_words.append(own)
            else:
                found[match].copies.append(candidate)
    return found


def _copy_of(
    own: frozenset[str], by_words: Sequence[frozenset[str]], found: Sequence[_Passage], article: str
) -> int | None:
    best, best_overlap = None, NEAR_IDENTICAL
    for i, other in enumerate(by_words):
        longer = max(len(own), len(other))
        if longer * best_overlap > min(len(own), len(other)):
            continue  # too different in length to reach the threshold
        overlap = len(own & other) / longer
        if overlap >= best_overlap and all(c.article_id != article for c in found[i].copies):
            best, best_overlap = i, overlap
    return best


def _published(article: Article) -> dt.date:
    return article.meta.published.to_date() if article.meta.published else dt.date.max


def _tfidf(texts: Sequence[str], language: str | None) -> NDArray[np.float64]:
    """L2-normalised tf-idf rows over content words; the passages are the documents, so wire
    copies (one passage) do not lower the weight of the words they repeat."""
    stop = stop_words(language)
    bags = [Counter(w for w in _tokens(t) if w not in stop) for t in texts]
    vocabulary = {w: i for i, w in enumerate(sorted({w for bag in bags for w in bag}))}
    matrix = np.zeros((len(texts), max(1, len(vocabulary))))
    for row, bag in enumerate(bags):
        for word, count in bag.items():
            matrix[row, vocabulary[word]] = 1.0 + math.log(count)
    document_frequency = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(texts)) / (1 + document_frequency)) + 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.asarray(matrix / np.where(norms > 0, norms, 1.0), dtype=np.float64)


def _tokens(text: str) -> Iterable[str]:
    return (w.casefold() for w in re.findall(r"\w+", text) if len(w) > 1)


def _scores(
    passages: Sequence[_Passage],
    vectors: NDArray[np.float64],
    pool: Sequence[Article],
    edges: Sequence[LineageEdge],
    claims: Sequence[Claim],
    groups: Sequence[ClaimGroup],
) -> NDArray[np.float64]:
    central = _centrality(passages, vectors, pool, edges)
    position = np.array(
        [1.0 / (1.0 + LEAD_DECAY * min(c.index for c in p.copies)) for p in passages]
    )
    sources = _source_counts(passages, vectors, pool, edges)
    most = max(1, int(sources.max()))
    spread = (sources - 1) / (most - 1) if most > 1 else np.zeros(len(passages))
    claim_weight = _claim_weights(passages, claims, groups)
    score = W_CENTRAL * central + W_POSITION * position + W_SOURCES * spread + claim_weight
    return score * _event_weights(passages, pool, edges)


def _event_weights(
    passages: Sequence[_Passage], pool: Sequence[Article], edges: Sequence[LineageEdge]
) -> NDArray[np.float64]:
    """In a story, events told by more independent sources matter more: each passage is
    weighted by its event's source count relative to the best-covered event."""
    members: dict[str | None, list[str]] = {}
    for article in pool:
        members.setdefault(article.event_id, []).append(article.id)
    if len(members) < 2:
        return np.ones(len(passages))
    agencies = {a.id: a.meta.agency for a in pool}
    count = {e: independent_sources(ids, edges, agencies) for e, ids in members.items()}
    most = max(count.values())
    return np.array([EVENT_FLOOR + (1 - EVENT_FLOOR) * count[p.event_id] / most for p in passages])


def _centrality(
    passages: Sequence[_Passage],
    vectors: NDArray[np.float64],
    pool: Sequence[Article],
    edges: Sequence[LineageEdge],
) -> NDArray[np.float64]:
    """Cosine of each passage with the mean direction of its event's articles, each lineage
    family weighted as one article. Per event, so that in a story each event is represented by
    what is central to it, not by the words all events share ("nach dem Einsturz der Brücke")."""
    weight = {}
    for family in families([a.id for a in pool], edges):
        weight.update(dict.fromkeys(family, 1.0 / len(family)))
    centroids: dict[str | None, NDArray[np.float64]] = {}
    for row, passage in enumerate(passages):
        centroid = centroids.setdefault(passage.event_id, np.zeros(vectors.shape[1]))
        centroid += vectors[row] * sum(weight.get(c.article_id, 1.0) for c in passage.copies)
    for centroid in centroids.values():
        norm = float(np.linalg.norm(centroid))
        centroid /= norm if norm > 0 else 1.0
    return np.array([vectors[row] @ centroids[p.event_id] for row, p in enumerate(passages)])


def _source_counts(
    passages: Sequence[_Passage],
    vectors: NDArray[np.float64],
    pool: Sequence[Article],
    edges: Sequence[LineageEdge],
) -> NDArray[np.float64]:
    """For each passage, the independent sources of its event that say the same in any
    wording. Within the event only: in a story every event's lead repeats "nach dem Einsturz
    der Brücke", which corroborates nothing."""
    agencies = {a.id: a.meta.agency for a in pool}
    event = [p.event_id for p in passages]
    same_event = np.array([[a == b for b in event] for a in event], dtype=bool)
    similar = ((vectors @ vectors.T) >= CORROBORATING_COSINE) & same_event
    cache: dict[frozenset[str], int] = {}
    counts = np.ones(len(passages))
    for row in range(len(passages)):
        ids = frozenset(
            c.article_id
            for other in np.flatnonzero(similar[row]).tolist()
            for c in passages[other].copies
        )
        if len(ids) > 1:
            if ids not in cache:
                cache[ids] = independent_sources(ids, edges, agencies)
            counts[row] = cache[ids]
    return counts


def _claim_weights(
    passages: Sequence[_Passage], claims: Sequence[Claim], groups: Sequence[ClaimGroup]
) -> NDArray[np.float64]:
    """A bonus for passages stating values that most independent sources agree on, a
    penalty for those stating a minority or disputed value; nothing for single-source values
    or a passage with both."""
    standing = _claim_standing(groups)
    spans: dict[str, list[tuple[int, int, bool]]] = {}
    for claim in claims:
        if claim.id in standing:
            span = claim.value_span
            spans.setdefault(claim.article_id, []).append(
                (span.start, span.end, standing[claim.id])
            )
    weights = np.zeros(len(passages))
    for row, passage in enumerate(passages):
        found = {
            agreed
            for c in passage.copies
            for start, end, agreed in spans.get(c.article_id, ())
            if c.start <= start and end <= c.end
        }
        if found == {True}:
            weights[row] = CLAIM_BONUS
        elif found == {False}:
            weights[row] = -CLAIM_PENALTY
    return weights


def _claim_standing(groups: Sequence[ClaimGroup]) -> dict[str, bool]:
    """Claim id -> True when its value is held by more independent sources (at least two)
    than the value it conflicts with, False when by fewer or as many. The side counts, not the
    group's label: the group's majority may sit among its ``opposing`` claims."""
    standing = {}
    for group in groups:
        if group.status == "single_source":
            continue
        sides = (
            (group.supporting, group.sources, group.opposing_sources),
            (group.opposing, group.opposing_sources, group.sources),
        )
        for claim_ids, own, other in sides:
            if own > other and own < 2:
                continue  # one source against none: nothing to weigh
            standing.update(dict.fromkeys(claim_ids, own > other))
    return standing


def _select(
    passages: Sequence[_Passage],
    vectors: NDArray[np.float64],
    scores: NDArray[np.float64],
    length: int,
) -> tuple[list[int], dict[int, int]]:
    """Greedy choice of up to ``length`` passages; ``follows`` maps a passage that needs its
    predecessor to the chosen passage it must come right after."""
    previous = _predecessors(passages)
    event_taken: Counter[str | None] = Counter()
    picked: list[int] = []
    follows: dict[int, int] = {}
    blocked = np.zeros(len(passages), dtype=bool)
    while len(picked) < length:
        best, best_score, best_after = -1, -math.inf, -1
        for row in np.argsort(-scores):
            row = int(row)
            if blocked[row]:
                continue
            after = _chosen_predecessor(passages[row], previous, picked)
            if passages[row].first.needs_previous and after is None:
                continue
            score = float(scores[row]) * EVENT_DECAY ** event_taken[passages[row].event_id]
            if score > best_score:
                best, best_score, best_after = row, score, after if after is not None else -1
        if best < 0:
            break
        picked.append(best)
        event_taken[passages[best].event_id] += 1
        if passages[best].first.needs_previous:
            follows[best] = best_after
        blocked |= (vectors @ vectors[best]) >= REDUNDANT_COSINE
        blocked[best] = True
    return picked, follows


def _predecessors(passages: Sequence[_Passage]) -> dict[tuple[str, int], int]:
    """(article id, sentence index) -> the passage holding that sentence."""
    return {(c.article_id, c.index): row for row, p in enumerate(passages) for c in p.copies}


def _chosen_predecessor(
    passage: _Passage, previous: Mapping[tuple[str, int], int], picked: Sequence[int]
) -> int | None:
    """A chosen passage that is the sentence right before one of ``passage``'s copies."""
    for copy in passage.copies:
        before = previous.get((copy.article_id, copy.index - 1))
        if before is not None and before in picked:
            return before
    return None


def _order(
    picked: Sequence[int],
    follows: Mapping[int, int],
    passages: Sequence[_Passage],
    pool: Sequence[Article],
    events: Sequence[Event],
) -> list[int]:
    """Chosen passages in reading order (module docstring, step 5)."""
    place = {a.id: (i, _published(a)) for i, a in enumerate(pool)}
    event_day = {e.id: placement_day(e.date) for e in events}

    def key(row: int) -> tuple[dt.date, dt.date, int, int]:
        first = passages[row].first
        order, published = place[first.article_id]
        when = event_day.get(passages[row].event_id or "", dt.date.max) if events else dt.date.max
        return when, published, order, first.index

    ordered = sorted((row for row in picked if row not in follows), key=key)
    pending = sorted(follows, key=key)
    while pending:  # a dependent may hang on another dependent: place anchors first
        row = next((r for r in pending if follows[r] in ordered), pending[0])
        pending.remove(row)
        anchor = follows[row]
        at = ordered.index(anchor) + 1 if anchor in ordered else len(ordered)
        while at < len(ordered) and follows.get(ordered[at]) == anchor:
            at += 1
        ordered.insert(at, row)
    return ordered


def placement_day(date: PartialDate | None) -> dt.date:
    """Where a date of any precision goes on a day-by-day line: a month or a year in its
    middle (it may mean any day of it), an unknown date after everything."""
    if date is None:
        return dt.date.max
    if date.month is None:
        return dt.date(date.year, 7, 1)
    return dt.date(date.year, date.month, date.day or 15)
