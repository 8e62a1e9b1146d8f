"""Entities within an article: the mentions NER and the gazetteer found, grouped into one
:class:`ArticleEntity` per person, organisation, place or other entity (issue #3, part 3).

A person's mentions are the full name ("Wladimir Putin"), the surname alone ("Putin"), the
genitive ("Putins", "Selenskyjs", "Merz'"), the name inside a hyphen compound
("Scholz-Regierung": the mention covers "Scholz"), and the role nouns, appositions and
descriptions :mod:`lagebild.entities.descriptions` resolves ("der Kremlchef", "der
78-Jährige"). Organisations and places meet through the gazetteer's aliases ("Nato"/"NATO",
"UN"/"Vereinte Nationen"); adjectives derived from places ("russische", ``LOCderiv``) are not
mentions of the place.

The input may be messy: NER and gazetteer mentions overlap, NER may split a name, put a role
noun into a person's span ("US-Präsident Donald Trump") or call a role noun or a platform a
person. The gazetteer's kind wins over NER's label, a role noun is never a person's name.
An entity's ``name`` is the fullest name the article writes; canonical names across articles
come later, from the registry. Everything here is a pure function of one article.

:func:`resolve_pronoun` finds the person an "er"/"sie"/"he"/"she" refers to, for quote speakers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from lagebild.analysis import Sentence
from lagebild.entities.descriptions import (
    DETERMINERS,
    Draft,
    add_descriptions,
    is_role_noun,
    sentence_at,
)
from lagebild.entities.gazetteer import Gazetteer, GazetteerEntry
from lagebild.entities.names import normalise, parse_person_name, same_person_name, surname_key
from lagebild.entities.roles import RoleLexicon
from lagebild.records import (
    KIND_OF_LABEL,
    ArticleEntity,
    EntityKind,
    EntityMention,
    Mention,
    MentionForm,
)

__all__ = ["group_mentions", "resolve_pronoun"]

# First parts of hyphen compounds that are not the name in it ("Anti-Putin-Kurs").
COMPOUND_PREFIXES = frozenset({"anti", "pro", "ex", "post", "nicht", "super", "ultra", "neo"})
APOSTROPHES = ("'s", "’s", "'", "’")
# Longest all-capital name still read as an acronym ("NATO", "OSZE"), not a shouted word.
MAX_ACRONYM = 5
# Letters after which a final "s" is part of the name, not a genitive ending.
SIBILANTS = "sxzß"
# Words before a name that make it the object of a preposition, hence not a pronoun's subject.
PREPOSITIONS = frozenset(
    {
        "von", "mit", "über", "zu", "zum", "zur", "für", "gegen", "bei", "beim", "nach", "an", "am",
        "vor", "hinter", "neben", "unter", "durch", "ohne", "um", "aus", "laut", "gegenüber",
        "seit", "trotz", "wegen", "of", "with", "by", "to", "for", "from", "against", "about",
    }
)  # fmt: skip
PRONOUNS = frozenset({"er", "sie", "he", "she"})
FEMALE_PRONOUNS = frozenset({"sie", "she"})
# Sentences a pronoun may reach back for its antecedent; further back is a guess.
PRONOUN_REACH = 3
# Female first names that do not end in "-a" (names ending in "-a" count as female unless
# listed in MALE_IN_A); enough for the people German and English news quote most.
FEMALE_NAMES = frozenset(
    {
        "ursula", "annalena", "melanie", "alice", "sahra", "saskia", "svenja", "kaja", "olena",
        "elisabeth", "christine", "karin", "katrin", "ricarda", "nancy", "hillary", "kamala",
        "margaret", "kristi", "karoline", "tulsi", "marine", "ségolène", "mette", "sanna",
        "jacinda", "ulrike", "bärbel", "gabriele", "heidi", "beate", "anke", "agnes", "ines", "liz",
        "marie", "giorgia", "yulia", "julija", "tamara", "nadine", "sophie", "caroline",
    }
)  # fmt: skip
MALE_IN_A = frozenset(
    {"luca", "nikita", "ilja", "sascha", "andrea", "mykola", "joshua", "elia", "jona", "noah"}
)
_WORD = re.compile(r"\S+")
_PIECE = re.compile(r"[^-‐]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class _Name:
    """A cleaned mention: ``base`` is the name without a genitive ending."""

    text: str
    base: str
    start: int
    end: int
    kind: EntityKind
    form: MentionForm


def group_mentions(
    text: str,
    mentions: Sequence[Mention],
    sentences: Sequence[Sentence],
    *,
    published: dt.date | None,
    language: str | None,
    roles: RoleLexicon,
    gazetteer: Gazetteer | None = None,
) -> tuple[ArticleEntity, ...]:
    """One entity per person, organisation, place or other entity the article mentions,
    in the order of first mention. ``published`` dates the role lexicon's offices."""
    del language  # the lexicon's role keys are language-specific already
    names = _names(_spans(mentions, roles), gazetteer, roles)
    names = _consistent(names, gazetteer)
    drafts = _group_persons([n for n in names if n.kind == "person"], gazetteer)
    drafts += _group_others([n for n in names if n.kind != "person"], gazetteer)
    add_descriptions(text, sentences, drafts, published=published, roles=roles, gazetteer=gazetteer)
    drafts = [draft for draft in drafts if draft.mentions]
    drafts.sort(key=lambda draft: min(mention.start for mention in draft.mentions))
    return tuple(draft.entity() for draft in drafts)


# --- cleaning the mentions ---


def _spans(mentions: Sequence[Mention], roles: RoleLexicon) -> list[Mention]:
    """Mentions without derived adjectives, role words trimmed from person spans, overlaps
    resolved (the longer span wins, the gazetteer's on a tie) and split names joined."""
    cleaned = [
        _trim_person(mention, roles)
        for mention in mentions
        if not mention.fine.endswith("deriv") and mention.text.strip()
    ]
    cleaned.sort(key=lambda m: (m.start, -(m.end - m.start), m.source != "gazetteer"))
    kept: list[Mention] = []
    for mention in cleaned:
        if kept and mention.start < kept[-1].end:
            continue
        previous = kept[-1] if kept else None
        if previous is not None and _split_name(previous, mention):
            kept[-1] = replace(previous, text=f"{previous.text} {mention.text}", end=mention.end)
            continue
        kept.append(mention)
    return [_trim_person(mention, roles) for mention in kept]  # joined spans trimmed again


def _trim_person(mention: Mention, roles: RoleLexicon) -> Mention:
    """A name span without leading role nouns and lower-case words ("US-Präsident Donald
    Trump" -> "Donald Trump"; NER may give it any label); compound parts unchanged."""
    if mention.fine.endswith("part"):
        return mention
    words = list(_WORD.finditer(mention.text))
    drop = 0
    while drop < len(words) - 1 and (
        not words[drop].group()[:1].isupper() or is_role_noun(words[drop].group(), roles)
    ):
        drop += 1
    if drop == 0:
        return mention
    cut = words[drop].start()
    return replace(mention, text=mention.text[cut:], start=mention.start + cut)


def _split_name(first: Mention, second: Mention) -> bool:
    """Whether two person mentions one space apart are one name NER split ("Joe" "Biden")."""
    return (
        first.label == second.label == "PER"
        and second.start - first.end == 1
        and not first.fine.endswith("part")
        and not second.fine.endswith("part")
    )


def _names(
    spans: Sequence[Mention], gazetteer: Gazetteer | None, roles: RoleLexicon
) -> list[_Name]:
    names = []
    for mention in spans:
        part = mention.fine.endswith("part")
        text, start = mention.text, mention.start
        if part:
            text, start = _name_in_compound(mention, gazetteer)
        kind = _kind(text, KIND_OF_LABEL[mention.label], gazetteer)
        if kind == "person" and is_role_noun(text, roles):
            continue
        if not part and not text[:1].isupper() and not _known(text, gazetteer):
            continue  # names are capitalised; "russischen" is a mislabelled adjective
        base, genitive = _base(text, kind, gazetteer)
        form: MentionForm = "compound" if part else "genitive" if genitive else "name"
        names.append(
            _Name(text=text, base=base, start=start, end=start + len(text), kind=kind, form=form)
        )
    return names


def _known(text: str, gazetteer: Gazetteer | None) -> bool:
    return gazetteer is not None and bool(gazetteer.lookup(text))


def _name_in_compound(mention: Mention, gazetteer: Gazetteer | None) -> tuple[str, int]:
    """The name part of a compound NER labelled as a whole ("Scholz-Regierung" -> "Scholz")."""
    pieces = [
        piece
        for piece in _PIECE.finditer(mention.text)
        if piece.group()[:1].isupper() and piece.group().lower() not in COMPOUND_PREFIXES
    ]
    if not pieces:
        return mention.text, mention.start
    known = [p for p in pieces if gazetteer is not None and gazetteer.lookup(p.group())]
    piece = (known or pieces)[0]
    return piece.group(), mention.start + piece.start()


def _kind(text: str, kind: EntityKind, gazetteer: Gazetteer | None) -> EntityKind:
    """NER's kind unless the gazetteer knows the name only as something else ("Nato")."""
    entries = gazetteer.lookup(text) if gazetteer is not None else ()
    if entries and all(entry.kind != kind for entry in entries):
        return entries[0].kind
    return kind


def _base(text: str, kind: EntityKind, gazetteer: Gazetteer | None) -> tuple[str, bool]:
    """The name without a genitive ending, and whether it had one ("Putins", "Merz'")."""
    for ending in APOSTROPHES:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            return text[: -len(ending)], True
    if gazetteer is None or not text.endswith("s") or text[-2:-1] in SIBILANTS:
        return text, False
    entries = gazetteer.lookup(text)
    if entries and not any(text in entry.surfaces for entry in entries):
        for cut in (1, 2):
            if any(text[:-cut] in entry.surfaces for entry in entries):
                return text[:-cut], True
    if kind == "person" and not entries:
        last = text.rsplit(maxsplit=1)[-1]
        if gazetteer.by_surname(last[:-1]) and not gazetteer.lookup(last):
            return text[:-1], True
    return text, False


def _consistent(names: list[_Name], gazetteer: Gazetteer | None) -> list[_Name]:
    """Names the article gives a person elsewhere are that person where NER said otherwise
    and the gazetteer does not know them; genitives of the article's own names are found too."""
    surnames = {surname_key(parse_person_name(n.base).surname) for n in names if n.kind == "person"}
    bases = {n.base for n in names if n.form != "genitive"}
    fixed = []
    for name in names:
        if name.form == "name" and name.text.endswith("s") and name.text[-2:-1] not in SIBILANTS:
            stem = name.text[:-1]
            if stem in bases or (
                name.kind == "person" and surname_key(stem.split()[-1]) in surnames
            ):
                name = replace(name, base=stem, form="genitive")
        known = gazetteer.lookup(name.base) if gazetteer is not None else ()
        if (
            name.kind != "person"
            and not known
            and " " not in name.base
            and surname_key(name.base) in surnames
        ):
            name = replace(name, kind="person")
        fixed.append(name)
    return fixed


# --- grouping ---


def _group_persons(names: Sequence[_Name], gazetteer: Gazetteer | None) -> list[Draft]:
    """Full names first (each new name a new person unless it can be one already seen), then
    surnames, genitives and compounds join the person of that surname (the one mentioned last
    before them when several share it)."""
    drafts: list[Draft] = []
    full = [n for n in names if n.form != "compound" and parse_person_name(n.base).given]
    for name in full:
        draft = next((d for d in drafts if same_person_name(d.name, name.base)), None)
        if draft is None:
            draft = Draft(name=name.base, kind="person", mentions=[])
            drafts.append(draft)
        elif len(name.base) > len(draft.name):
            draft.name = name.base
        draft.mentions.append(_mention(name, name.form))
    for name in names:
        if name in full:
            continue
        key = surname_key(parse_person_name(name.base).surname)
        pool = [d for d in drafts if surname_key(parse_person_name(d.name).surname) == key]
        draft = _latest_before(pool, name.start)
        if draft is None:
            draft = Draft(name=name.base, kind="person", mentions=[])
            drafts.append(draft)
        form: MentionForm = "surname" if name.form == "name" else name.form
        draft.mentions.append(_mention(name, form))
    for draft in drafts:
        draft.entry = _person_entry(draft.name, gazetteer)
    return drafts


def _latest_before(pool: Sequence[Draft], start: int) -> Draft | None:
    if len(pool) <= 1:
        return pool[0] if pool else None
    before = [
        (max(m.start for m in d.mentions if m.start < start), d)
        for d in pool
        if any(m.start < start for m in d.mentions)
    ]
    if not before:
        return pool[0]
    return max(before, key=lambda pair: pair[0])[1]


def _person_entry(name: str, gazetteer: Gazetteer | None) -> GazetteerEntry | None:
    """The gazetteer's person of that name, when exactly one (for birth dates)."""
    if gazetteer is None:
        return None
    exact = [e for e in gazetteer.lookup(name) if e.kind == "person"]
    if len(exact) == 1:
        return exact[0]
    surname = parse_person_name(name).surname
    fitting = [e for e in gazetteer.by_surname(surname) if same_person_name(e.name, name)]
    return fitting[0] if len(fitting) == 1 else None


def _group_others(names: Sequence[_Name], gazetteer: Gazetteer | None) -> list[Draft]:
    """Organisations, places and others, grouped by gazetteer entry or spelling; the name is
    the longest one written (compounds only when nothing else names the entity)."""
    groups: dict[tuple[EntityKind, str], list[_Name]] = {}
    for name in names:
        entries = gazetteer.lookup(name.base) if gazetteer is not None else ()
        fitting = [entry for entry in entries if entry.kind == name.kind]
        key = normalise(fitting[0].name if fitting else name.base)  # "WASHINGTON" too
        groups.setdefault((name.kind, key), []).append(name)
    drafts = []
    for (kind, _), members in groups.items():
        written = [n.base for n in members if n.form != "compound"] or [n.base for n in members]
        drafts.append(
            Draft(
                name=max(written, key=_fullness),
                kind=kind,
                mentions=[_mention(n, n.form) for n in members],
            )
        )
    return drafts


def _fullness(name: str) -> tuple[int, bool]:
    """Longer is fuller; a shouted dateline ("WASHINGTON") loses to the same name in case."""
    return len(name), not (name.isupper() and len(name) > MAX_ACRONYM)


def _mention(name: _Name, form: MentionForm) -> EntityMention:
    return EntityMention(text=name.text, start=name.start, end=name.end, form=form)


# --- pronouns ---


def resolve_pronoun(
    text: str, start: int, entities: Sequence[ArticleEntity], sentences: Sequence[Sentence]
) -> ArticleEntity | None:
    """The person an "er"/"sie"/"he"/"she" at ``start`` refers to: in its own sentence the
    first earlier person not governed by a preposition (or what an earlier same pronoun there
    refers to), else the first such person of up to three sentences before; "sie"/"she" only
    for persons with a female first name. None when unsure."""
    word = re.match(r"\w+", text[start:])
    if word is None or word.group().lower() not in PRONOUNS:
        return None
    pronoun = word.group().lower()
    index = sentence_at(sentences, start)
    if index is None:
        return None
    for back in range(index, max(-1, index - PRONOUN_REACH - 1), -1):
        sentence = sentences[back]
        limit = min(start, sentence.end)
        candidates = _subjects(text, sentence, limit, entities, pronoun)
        if candidates:
            return candidates[0]
        earlier = [
            t.start
            for t in sentence.tokens
            if t.text.lower() == pronoun and t.start < limit and t.start != start
        ]
        if earlier and earlier[0] < start:
            return resolve_pronoun(text, earlier[0], entities, sentences)
    return None


def _subjects(
    text: str,
    sentence: Sentence,
    limit: int,
    entities: Sequence[ArticleEntity],
    pronoun: str,
) -> list[ArticleEntity]:
    found: list[tuple[int, ArticleEntity]] = []
    for entity in entities:
        if entity.kind != "person" or not _gender_fits(entity, pronoun):
            continue
        for mention in entity.mentions:
            if mention.form in ("genitive", "compound", "pronoun"):
                continue
            if sentence.start <= mention.start < limit and not _oblique(text, sentence, mention):
                found.append((mention.start, entity))
    return [entity for _, entity in sorted(found, key=lambda pair: pair[0])]


def _oblique(text: str, sentence: Sentence, mention: EntityMention) -> bool:
    """Whether a preposition governs the mention ("mit Putin", "von Minister Umjerow")."""
    words = re.findall(r"[\w-]+", text[sentence.start : mention.start])[-3:]
    for word in reversed(words):
        if word.lower() in PREPOSITIONS:
            return True
        if word[:1].islower() and word.lower() not in DETERMINERS and not word.endswith("en"):
            return False
    return False


def _gender_fits(entity: ArticleEntity, pronoun: str) -> bool:
    given = parse_person_name(entity.name).given
    first = given[0].lower() if given else ""
    female = first in FEMALE_NAMES or (first.endswith("a") and first not in MALE_IN_A)
    return female if pronoun in FEMALE_PRONOUNS else not female
