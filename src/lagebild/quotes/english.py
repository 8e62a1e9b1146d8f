"""English quotes: direct quotations and reported speech with their speakers.

The speech cues come from a dependency parse (english_cues): a speech verb, its subject (the
speaker) and its clausal complement (the content). A quotation in marks belongs to the cue
that stands right next to it ("“…,” he said", "Trump said: “…”", "“…,” he said, “…”"); a cue
without one reports speech indirectly ("Trump said the vote was rigged", "The vote was rigged,
Trump said"). Besides verbs: "according to X", headlines like `Vance: "…"`, and a quotation
that follows a quote of the same speaker as a sentence of its own (the speaker keeps the
floor). A quotation with none of these, a word or phrase in marks, is a scare quote and no
quote at all.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lagebild.analysis.sentences import Sentence
from lagebild.quotes.english_cues import Cue, find_cues, find_noun_cues, parse
from lagebild.quotes.english_speakers import Speakers
from lagebild.quotes.marks import Quotation, quotations
from lagebild.records import ArticleEntity, Quote, QuoteKind, TextSpan

# What may stand between a quotation and the cue clause after it ("“…,” he said").
_GAP_BEFORE_CUE = re.compile(r"[\s,]*")
# ... and between a cue clause and the quotation after it ("he said: “…”", "he said that “…”").
_GAP_AFTER_CUE = re.compile(r"[\s,:]*(?:that\s+)?")
# A quotation in single marks: ‘ opening a word, ’ closing one (not the apostrophe of "don’t").
_SINGLE_QUOTATION = re.compile(r"(?<![\w’])‘(?=\S)[^‘’\n]{1,300}?(?<=\S)’(?!\w)")
# A headline or interview line that names its speaker before a colon: `Vance: "…"`.
_HEADLINE = re.compile(r"(?m)^[ \t]*(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}):[ \t]*")
# Words that tie a sentence to the one before; the writer's, not the speaker's.
_CONNECTIVE = re.compile(r"\s*(?:(?:however|but|and|yet|so|still|also|meanwhile)\b[\s,]*)?", re.I)
# Words before a quotation that make the sentence around it the content ("This is “…”");
# one word is mostly a connective or an introduction ("Said Ellis: “…”").
MIN_LEAD_WORDS = 2
# A continuation quotation must lie this close after the speaker's previous quote (about two
# sentences); further on, a quotation with no cue is more likely someone else's.
CONTINUATION_REACH = 300
# Fewer words in marks with no cue is a term or a scare quote, not a statement.
MIN_CONTINUATION_WORDS = 4
# A dateline that opens a text and belongs to no quote: "Washington (AFP) – ".
_DATELINE = re.compile(r"[A-Z][\w .,'-]{1,40}\([\w ]{2,20}\)\s*[–—-]+\s*")
# How sure each construction is: priors, not calibrated (on PolNeAR dev a quotation next to
# its cue is rarely wrong; reported speech found by the parse is right about 3 times in 4).
CONFIDENCE = {"direct": 0.9, "mixed": 0.8, "indirect": 0.7, "according": 0.7, "headline": 0.8}
CONTINUATION_CONFIDENCE = 0.6
# A description as the speaker is less certain than a name; a resolved pronoun in between.
SPEAKER_FACTOR = {"name": 1.0, "pronoun": 0.95, "description": 0.9, "none": 0.7}


@dataclass(frozen=True, slots=True, kw_only=True)
class _Draft:
    pieces: tuple[tuple[int, int], ...]
    kind: QuoteKind
    cue: tuple[int, int] | None
    subject: tuple[int, int] | None
    subject_head: int | None
    confidence: float
    rank: int  # lower wins when drafts overlap
    antecedent: tuple[int, int] | None = None  # what a "who" subject refers to
    antecedent_head: int | None = None

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def english_quotes(
    text: str,
    entities: Sequence[ArticleEntity],
    sentences: Sequence[Sentence] | None = None,
) -> tuple[Quote, ...]:
    """The quotes of an English ``text``; speakers are resolved against ``entities`` (the
    article's entities; may be empty, then speakers are the names as written). ``sentences``
    (the article's, if already split) serve pronoun resolution."""
    if not text.strip():
        return ()
    doc = parse(text)
    marks = _top_level(text)
    claimed: set[int] = set()
    found = [*find_cues(doc), *find_noun_cues(doc)]
    cues = [cue for cue in found if not _quoted(cue.verb_start, marks)]
    sentence_starts = [sentence.start_char for sentence in doc.sents]
    drafts = _cue_drafts(text, cues, marks, claimed, sentence_starts)
    drafts += _according_drafts(text, doc, marks, claimed)
    drafts += _headline_drafts(text, marks, claimed)
    drafts = _without_overlaps(drafts)
    drafts += _continuations(text, marks, claimed, drafts)
    drafts.sort(key=lambda d: d.start)
    resolver = Speakers(text, entities, sentences)
    return tuple(_quote(text, draft, resolver) for draft in drafts)


def _top_level(text: str) -> list[Quotation]:
    """The outermost quotations: in double marks, and in single marks ‘…’ outside them (English
    headlines quote in single marks)."""
    doubles = [q for q in quotations(text) if not q.nested]
    singles = [
        Quotation(open=m.start(), close=m.end() - 1, nested=False)
        for m in _SINGLE_QUOTATION.finditer(text)
        if not _quoted(m.start(), doubles)
    ]
    return sorted([*doubles, *singles], key=lambda q: q.open)


def _quoted(position: int, marks: Sequence[Quotation]) -> bool:
    """Whether ``position`` is inside a quotation: a speech verb there is part of what the
    quoted speaker said ("“Voters said they had enough,” he added")."""
    return any(mark.open < position < mark.close for mark in marks)


# --- Drafts --------------------------------------------------------------------------------


def _cue_drafts(
    text: str,
    cues: Sequence[Cue],
    marks: Sequence[Quotation],
    claimed: set[int],
    sentence_starts: Sequence[int],
) -> list[_Draft]:
    drafts = []
    for cue in cues:
        words = [(a, b) for a, b in cue.words if not _quoted(a, marks)]
        # A cue whose content follows it ("On “Face the Nation,” Ryan said the ...") does not
        # own the quotation before it.
        content_after = (
            cue.content is not None
            and cue.content[0] >= cue.verb_end
            and not _quoted(cue.content[0], marks)
        )
        before = (
            _adjacent_before(text, words[0][0], marks, claimed)
            if words and not content_after
            else None
        )
        if before is not None and _has_lead(text, marks[before], sentence_starts):
            claimed.add(before)
            start = _lead_start(text, marks[before], sentence_starts)
            drafts.append(_draft(((start, marks[before].close + 1),), "mixed", cue, rank=1))
            continue
        after = (
            _adjacent_after(
                text, words[-1][1], marks, claimed, verb_last=words[-1][1] == cue.verb_end
            )
            if words
            else None
        )
        if after is not None and _spills(cue, marks[after]):
            after = None  # "WikiLeaks claims ‘state party’ cut the connection": mixed, below
        found = [index for index in (before, after) if index is not None]
        if found:
            claimed.update(found)
            pieces = tuple(_inner(text, marks[index]) for index in found)
            drafts.append(_draft(pieces, "direct", cue, rank=0))
        elif cue.content is not None:
            drafts.append(_content_draft(text, cue.content, cue, marks, claimed))
    return drafts


def _spills(cue: Cue, mark: Quotation) -> bool:
    """Whether the cue's content runs on past the quotation after it."""
    return cue.content is not None and cue.content[1] > mark.close + 1


def _has_lead(text: str, mark: Quotation, sentence_starts: Sequence[int]) -> bool:
    """Whether the sentence says something of its own before the quotation ("This is “the
    same advantage,” Reuters reported"): then the whole sentence is the (mixed) content."""
    prefix = text[_lead_start(text, mark, sentence_starts) : mark.open]
    return len(prefix.split()) >= MIN_LEAD_WORDS


def _lead_start(text: str, mark: Quotation, sentence_starts: Sequence[int]) -> int:
    """Where the sentence of ``mark`` starts, past a connective ("But this is “…”")."""
    start = sentence_starts[max(0, bisect.bisect_right(sentence_starts, mark.open) - 1)]
    lead = _CONNECTIVE.match(text, start)
    return lead.end() if lead else start


def _draft(pieces: tuple[tuple[int, int], ...], kind: QuoteKind, cue: Cue, *, rank: int) -> _Draft:
    return _Draft(
        pieces=pieces,
        kind=kind,
        cue=(cue.verb_start, cue.verb_end),
        subject=cue.subject,
        subject_head=cue.subject_head,
        confidence=CONFIDENCE[kind],
        rank=rank,
        antecedent=cue.antecedent,
        antecedent_head=cue.antecedent_head,
    )


def _content_draft(
    text: str, content: tuple[int, int], cue: Cue, marks: Sequence[Quotation], claimed: set[int]
) -> _Draft:
    start, end = content
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    bare = start + 5 if text.startswith("that ", start) else start  # "told him that “…”"
    for index, mark in enumerate(marks):
        if mark.open <= bare and end <= mark.close + 1:  # the whole content is quoted
            claimed.add(index)
            return _draft((_inner(text, mark),), "direct", cue, rank=0)
    inside = [i for i, m in enumerate(marks) if m.close >= start and m.open < end]
    if not inside:
        pieces = ((start, end),) if cue.content_rest is None else ((start, end), cue.content_rest)
        return _draft(pieces, "indirect", cue, rank=2)
    claimed.update(inside)
    start = min(start, *(marks[i].open for i in inside))
    end = max(end, *(marks[i].close + 1 for i in inside))
    return _draft(((start, end),), "mixed", cue, rank=1)


def _adjacent_before(
    text: str, clause_start: int, marks: Sequence[Quotation], claimed: set[int]
) -> int | None:
    for index, mark in enumerate(marks):
        if index in claimed or mark.close >= clause_start:
            continue
        if _GAP_BEFORE_CUE.fullmatch(text, mark.close + 1, clause_start):
            return index
    return None


def _adjacent_after(
    text: str, clause_end: int, marks: Sequence[Quotation], claimed: set[int], *, verb_last: bool
) -> int | None:
    """The quotation right after the cue clause: after a comma or colon ("he said: “…”"), or
    after the verb itself ("he said “…”"), not after some other word ("said on CNN's “…”",
    where the quotation is a title)."""
    for index, mark in enumerate(marks):
        if index in claimed or mark.open < clause_end:
            continue
        gap = _GAP_AFTER_CUE.fullmatch(text, clause_end, mark.open)
        if gap and (verb_last or any(c in gap.group() for c in ",:")):
            return index
        return None
    return None


def _inner(text: str, mark: Quotation) -> tuple[int, int]:
    """The content of a quotation: inside the marks, without surrounding space and the comma
    that hands over to the cue ("“We will win,” he said")."""
    start, end = mark.inner
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _according_drafts(
    text: str, doc: Any, marks: Sequence[Quotation], claimed: set[int]
) -> list[_Draft]:
    drafts = []
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if token.lower_ != "according" or following.lower_ != "to":
            continue
        source = next((c for c in following.children if c.dep_ == "pobj"), None)
        if source is None:
            continue
        own = {t.i for t in token.subtree} | {t.i for t in following.subtree}
        rest = [t.i for t in token.head.subtree if t.i not in own] if token.head != token else []
        run = _longest_run(doc, rest)
        if run is None:
            continue
        cue = Cue(
            verb_start=token.idx,
            verb_end=following.idx + len(following.text),
            subject=_span(doc, source.left_edge.i, source.right_edge.i),
            subject_head=source.idx,
            content=run,
            words=(),
        )
        draft = _content_draft(text, run, cue, marks, claimed)
        if draft.kind == "indirect":
            draft = dataclasses.replace(draft, confidence=CONFIDENCE["according"])
        drafts.append(draft)
    return drafts


def _longest_run(doc: Any, indices: Sequence[int]) -> tuple[int, int] | None:
    runs: list[list[int]] = []
    for index in sorted(indices):
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    spans = [s for run in runs if (s := _span(doc, run[0], run[-1])) is not None]
    return max(spans, key=lambda s: s[1] - s[0], default=None)


def _span(doc: Any, first: int, last: int) -> tuple[int, int] | None:
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if first > last:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _headline_drafts(text: str, marks: Sequence[Quotation], claimed: set[int]) -> list[_Draft]:
    """`Vance: "…"` and `Sanders: Clinton needs to ‘get away’ from it`: a line that names its
    speaker before a colon and quotes at least something after it."""
    drafts = []
    for match in _HEADLINE.finditer(text):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        inside = [
            i for i, m in enumerate(marks) if match.end() <= m.open < line_end and i not in claimed
        ]
        if not inside:
            continue
        claimed.update(inside)
        first = marks[inside[0]]
        whole = first.open == match.end() and not text[first.close + 1 : line_end].strip()
        pieces = (_inner(text, first),) if whole else _rest_of_line(text, match.end(), line_end)
        name = match.span("name")
        drafts.append(
            _Draft(
                pieces=pieces,
                kind="direct" if whole else "mixed",
                cue=(name[1], name[1] + 1),
                subject=name,
                subject_head=name[0],
                confidence=CONFIDENCE["headline"],
                rank=0,
            )
        )
    return drafts


def _rest_of_line(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    while end > start and (text[end - 1].isspace() or text[end - 1] == "."):
        end -= 1
    return ((start, end),)


def _without_overlaps(drafts: Sequence[_Draft]) -> list[_Draft]:
    """Direct before mixed before indirect, longer first; a draft overlapping a kept one goes
    ("he said she believes that ..." is his quote, not hers)."""
    kept: list[_Draft] = []
    for draft in sorted(drafts, key=lambda d: (d.rank, d.start - d.end)):
        if all(draft.end <= k.start or k.end <= draft.start for k in kept):
            kept.append(draft)
    return kept


def _continuations(
    text: str, marks: Sequence[Quotation], claimed: set[int], drafts: Sequence[_Draft]
) -> list[_Draft]:
    """Quotations that carry on the previous quote of a speaker: a whole sentence in marks
    right after it, with no cue of its own."""
    found: list[_Draft] = []
    for index, mark in enumerate(marks):
        if index in claimed:
            continue
        previous = max(
            (d for d in [*drafts, *found] if d.end <= mark.open and d.subject is not None),
            key=lambda d: d.end,
            default=None,
        )
        if previous is None or mark.open - previous.end > CONTINUATION_REACH:
            continue
        if not _is_statement(text, mark):
            continue
        found.append(
            _Draft(
                pieces=(_inner(text, mark),),
                kind="direct",
                cue=None,
                subject=previous.subject,
                subject_head=previous.subject_head,
                confidence=CONTINUATION_CONFIDENCE,
                rank=0,
                antecedent=previous.antecedent,
                antecedent_head=previous.antecedent_head,
            )
        )
    return found


def _is_statement(text: str, mark: Quotation) -> bool:
    """A sentence of its own in marks: it opens a sentence, ends with a sentence mark (or a
    comma handing over to a cue) and has enough words to say something."""
    before = text[: mark.open].rstrip()
    if before and before[-1] not in '.!?”"\n':
        return False
    inner = text[mark.open + 1 : mark.close].rstrip()
    return len(inner.split()) >= MIN_CONTINUATION_WORDS and inner[-1:] in {".", "!", "?", ","}


def _quote(text: str, draft: _Draft, speakers: Speakers) -> Quote:
    parts = tuple(TextSpan(text=text[a:b], start=a, end=b) for a, b in draft.pieces)
    speaker, how = (None, "none")
    mention = None
    if draft.subject is not None:
        a, b = draft.subject
        mention = TextSpan(text=text[a:b], start=a, end=b)
        speaker, how = speakers.resolve(a, b, draft.subject_head)
        if speaker is None and draft.antecedent is not None:  # "…, who said …"
            speaker, how = speakers.resolve(*draft.antecedent, draft.antecedent_head)
    cue = None
    if draft.cue is not None:
        a, b = draft.cue
        cue = TextSpan(text=text[a:b], start=a, end=b)
    return Quote(
        text=parts[0].text if len(parts) == 1 else " ".join(p.text for p in parts),
        start=draft.start,
        end=draft.end,
        kind=draft.kind,
        cue=cue,
        speaker=speaker,
        speaker_mention=mention,
        confidence=round(draft.confidence * SPEAKER_FACTOR[how], 3),
        parts=parts if len(parts) > 1 else (),
    )
