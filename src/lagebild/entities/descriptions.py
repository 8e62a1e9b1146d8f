"""Role nouns, descriptions and pronouns that refer to a person named elsewhere in the article.

``group_mentions`` (in :mod:`lagebild.entities.grouping`) first groups the names; this module
then attaches what refers to those people without naming them:

* role nouns from the role lexicon, read with the article's date ("der Kremlchef", "des
  US-Präsidenten", "dem ukrainischen Präsidenten"; a place adjective + role noun is matched
  through the gazetteer's place adjectives, so "der US-amerikanische Präsident" is the
  "us-präsident"); a lexicon role may name a person the article does not name otherwise;
* appositions, lexicon or not ("Kremlsprecher Dmitri Peskow", "Pete Hegseth, der
  US-Verteidigungsminister"), which also teach the article's later "der Kremlsprecher";
* a bare role noun with an article ("der Präsident") when one person holding that office is
  in focus in the paragraph: the most recently mentioned such person of an earlier sentence;
* ages ("der 78-Jährige", "the 78-year-old") from the gazetteer's birth date or an age the
  article gives ("Trump (78)").

The same ideas of subject and focus resolve pronouns for quote speakers
(:func:`lagebild.entities.grouping.resolve_pronoun`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lagebild.analysis import Sentence
from lagebild.entities.gazetteer import Gazetteer, GazetteerEntry
from lagebild.entities.names import parse_person_name, same_person_name, surname_key
from lagebild.entities.roles import RoleLexicon
from lagebild.records import ArticleEntity, EntityKind, EntityMention, MentionForm

# Last parts of role nouns that name an office even when the lexicon does not list the
# holder: they make appositions ("Verteidigungsminister Rustem Umjerow") and, with an article,
# bare references ("der Präsident"). Kept short: every entry is a word that names one person.
ROLE_HEADS = (
    "präsident", "präsidentin", "kanzler", "kanzlerin", "minister", "ministerin", "chef",
    "chefin", "sprecher", "sprecherin", "premier", "premierministerin", "generalsekretär",
    "generalsekretärin", "vorsitzende", "vorsitzender", "president", "chancellor",
    "spokesman", "spokeswoman", "secretary",
)  # fmt: skip
# German noun endings a role noun takes in the oblique cases ("des Präsidenten", "Kremlchefs").
NOUN_ENDINGS = ("en", "n", "es", "s")
# German adjective endings, longest first; the lexicon writes the masculine nominative ("-er").
ADJECTIVE_ENDINGS = ("en", "em", "er", "es", "e")
DETERMINERS = frozenset({"der", "die", "dem", "den", "des", "the"})
_AGE = re.compile(r"(?<![\w-])(\d{1,3})-(?:[Jj]ährigen?|[Jj]ährige[mrs]|year-old)(?!\w)")
_GIVEN_AGE = re.compile(r"\s*\((\d{1,3})\)")
_SPACE = re.compile(r"[ \t\u00a0]{1,2}")
_APPOSITION_BEFORE = re.compile(r",\s*(?:der|die|the)\s+$")


@dataclass(slots=True, kw_only=True, eq=False)
class Draft:
    """An entity while the article is read; mutable here, frozen into an ArticleEntity."""

    name: str
    kind: EntityKind
    mentions: list[EntityMention]
    entry: GazetteerEntry | None = None
    heads: set[str] = field(default_factory=set)  # the offices the article gives the person
    age: int | None = None

    def entity(self) -> ArticleEntity:
        unique = {(m.start, m.end): m for m in self.mentions}
        mentions = tuple(sorted(unique.values(), key=lambda m: (m.start, m.end)))
        return ArticleEntity(name=self.name, kind=self.kind, mentions=mentions)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Role:
    """A role noun phrase in the text: ``key`` is its lexicon role, ``head`` its office noun."""

    text: str
    start: int
    end: int
    key: str | None
    head: str
    determined: bool  # an article stands before it ("der Präsident")


def add_descriptions(
    text: str,
    sentences: Sequence[Sentence],
    drafts: list[Draft],
    *,
    published: dt.date | None,
    roles: RoleLexicon,
    gazetteer: Gazetteer | None,
) -> None:
    """Attach role nouns and age descriptions to ``drafts`` (new persons from the lexicon)."""
    persons = [draft for draft in drafts if draft.kind == "person"]
    for draft in persons:
        draft.heads.update(_lexicon_heads(draft.name, published, roles))
    learned: dict[str, Draft] = {}
    for role in _find_roles(sentences, roles, gazetteer):
        found = _resolve_role(text, role, persons, learned, sentences, published, roles)
        if found is None:
            continue
        draft, teaches = found
        if draft not in drafts:  # a person the lexicon names (Draft equality is identity)
            draft.entry = _known_person(draft.name, gazetteer)
            drafts.append(draft)
            persons.append(draft)
        draft.heads.add(role.head)
        if teaches:  # an apposition or the lexicon, not a guess from the paragraph's focus
            learned[role.key or role.text.lower()] = draft
        form: MentionForm = "role" if role.key else "description"
        draft.mentions.append(
            EntityMention(text=role.text, start=role.start, end=role.end, form=form)
        )
    _add_ages(text, persons, published)


def _known_person(name: str, gazetteer: Gazetteer | None) -> GazetteerEntry | None:
    found = [e for e in gazetteer.lookup(name) if e.kind == "person"] if gazetteer else []
    return found[0] if len(found) == 1 else None


# --- roles ---


def is_role_noun(word: str, roles: RoleLexicon) -> bool:
    """Whether one word is a role noun ("Kremlchef", "US-Präsidenten"), never a name."""
    keys, _, nouns = _role_index(roles, None)
    if " " in word.strip() or not nouns.search(word):
        return False
    return _one_word_role(word, keys) is not None


def _find_roles(
    sentences: Sequence[Sentence], roles: RoleLexicon, gazetteer: Gazetteer | None
) -> list[_Role]:
    """Role phrases left to right: a role noun, with the adjective before it when the two
    make a lexicon role ("ukrainischen Präsidenten")."""
    keys, by_place, nouns = _role_index(roles, gazetteer)
    found: list[_Role] = []
    for sentence in sentences:
        words = [token for token in sentence.tokens if token.kind in ("word", "abbrev")]
        for index, word in enumerate(words):
            if not nouns.search(word.text):
                continue
            first = index
            role = None
            if index and word.start - words[index - 1].end <= 1:
                adjective = words[index - 1].text
                role = _two_word_role(adjective, word.text, keys, by_place, gazetteer)
                first = index - 1 if role is not None else index
            role = role or _one_word_role(word.text, keys)
            if role is None:
                continue
            before = words[first - 1].text.lower() if first else ""
            start, end = words[first].start, word.end
            found.append(
                _Role(
                    text=sentence.text[start - sentence.start : end - sentence.start],
                    start=start,
                    end=end,
                    key=role[0],
                    head=role[1],
                    determined=before in DETERMINERS,
                )
            )
    return found


def _noun_stems(word: str) -> list[str]:
    lower = word.lower()
    return [lower, *(lower[: -len(e)] for e in NOUN_ENDINGS if lower.endswith(e))]


def _head(noun: str) -> str:
    return noun.rsplit("-", 1)[-1].rsplit(" ", 1)[-1]


def _one_word_role(word: str, keys: frozenset[str]) -> tuple[str | None, str] | None:
    if not word[:1].isupper():
        return None
    for stem in _noun_stems(word):
        if stem in keys:
            return stem, _head(stem)
    for stem in _noun_stems(word):
        if stem.endswith(ROLE_HEADS):
            return None, _head(stem)
    return None


def _two_word_role(
    adjective: str,
    noun: str,
    keys: frozenset[str],
    by_place: dict[tuple[str, str], str],
    gazetteer: Gazetteer | None,
) -> tuple[str | None, str] | None:
    if not adjective[:1].islower() and not adjective[:1].isupper():
        return None
    lower = adjective.lower()
    bases = [lower[: -len(e)] + "er" for e in ADJECTIVE_ENDINGS if lower.endswith(e)] + [lower]
    place = gazetteer.adjective_place(adjective) if gazetteer is not None else None
    for stem in _noun_stems(noun):
        for base in bases:
            if f"{base} {stem}" in keys:
                return f"{base} {stem}", _head(stem)
        if place is not None and (place, stem) in by_place:
            return by_place[(place, stem)], _head(stem)
    return None


_RoleIndex = tuple[frozenset[str], dict[tuple[str, str], str], re.Pattern[str]]
# Built indexes by lexicon and gazetteer identity: hashing a lexicon means hashing every term.
_INDEXES: dict[tuple[int, int], tuple[RoleLexicon, Gazetteer | None, _RoleIndex]] = {}


def _role_index(roles: RoleLexicon, gazetteer: Gazetteer | None) -> _RoleIndex:
    cached = _INDEXES.get((id(roles), id(gazetteer)))
    if cached is not None and cached[0] is roles and cached[1] is gazetteer:
        return cached[2]
    if len(_INDEXES) > 8:
        _INDEXES.clear()
    index = _build_role_index(roles, gazetteer)
    _INDEXES[(id(roles), id(gazetteer))] = (roles, gazetteer, index)
    return index


def _build_role_index(roles: RoleLexicon, gazetteer: Gazetteer | None) -> _RoleIndex:
    """The lexicon's role keys; ``(place, office noun) -> key``, so a role is matched
    whichever way the article names the country ("russischen", "US-", "amerikanische"); and
    a pattern every role noun matches, a cheap first filter."""
    keys = roles.roles()
    tails = {_head(key) for key in keys} | set(ROLE_HEADS)
    alternatives = "|".join(sorted(map(re.escape, tails), key=len, reverse=True))
    nouns = re.compile(rf"(?:{alternatives})(?:{'|'.join(NOUN_ENDINGS)})?$", re.IGNORECASE)
    by_place: dict[tuple[str, str], str] = {}
    if gazetteer is None:
        return keys, by_place, nouns
    for key in sorted(keys):
        if " " in key:
            adjective, noun = key.split(" ", 1)
            place = gazetteer.adjective_place(adjective)
        elif "-" in key:
            prefix, noun = key.split("-", 1)
            entries = gazetteer.lookup(prefix.upper())
            place = entries[0].name if entries else None
        else:
            continue
        if place is not None:
            by_place.setdefault((place, noun), key)
    return keys, by_place, nouns


def _resolve_role(
    text: str,
    role: _Role,
    persons: list[Draft],
    learned: dict[str, Draft],
    sentences: Sequence[Sentence],
    published: dt.date | None,
    roles: RoleLexicon,
) -> tuple[Draft, bool] | None:
    """The person the role refers to, and whether the article thereby teaches who holds it."""
    apposed = _apposition(text, role, persons)
    if apposed is not None:
        return apposed, True
    if (role.key or role.text.lower()) in learned:
        return learned[role.key or role.text.lower()], False
    if role.key is not None:
        holder = _lexicon_person(role.key, persons, published, roles)
        return (holder, True) if holder is not None else None
    focus = _in_focus(text, role, persons, sentences) if role.determined else None
    return (focus, False) if focus is not None else None


def _apposition(text: str, role: _Role, persons: list[Draft]) -> Draft | None:
    """The person named right after the role ("US-Präsident Donald Trump") or right before
    it with a comma and an article ("Pete Hegseth, der US-Verteidigungsminister")."""
    space = _SPACE.match(text, role.end)
    after = space.end() if space else -1
    before = _APPOSITION_BEFORE.search(text, max(0, role.start - 8), role.start)
    comma = before.start() if before else -1
    for draft in persons:
        for mention in draft.mentions:
            if mention.form in ("name", "surname") and (
                mention.start == after or mention.end == comma
            ):
                return draft
    return None


def _lexicon_person(
    key: str, persons: list[Draft], published: dt.date | None, roles: RoleLexicon
) -> Draft | None:
    """The person the lexicon gives for ``key`` on the article's date (a new draft when the
    article does not name them); without a date, the one holder of any term the article names."""
    if published is not None:
        term = roles.holder(key, published)
        if term is None:
            return None
        found = [draft for draft in persons if _same_person(draft.name, term.person)]
        if found:
            return found[0]
        return Draft(name=term.person, kind="person", mentions=[])
    holders = {term.person for term in roles.terms if term.role == key}
    found = [d for d in persons if any(_same_person(d.name, person) for person in holders)]
    return found[0] if len(found) == 1 else None


def _same_person(written: str, canonical: str) -> bool:
    """Whether the article's name (maybe a bare surname) can be the lexicon's person."""
    return same_person_name(written, canonical) or (
        not parse_person_name(written).given
        and surname_key(written) == surname_key(parse_person_name(canonical).surname)
    )


def _lexicon_heads(name: str, published: dt.date | None, roles: RoleLexicon) -> set[str]:
    if published is None:
        return set()
    return {
        _head(term.role)
        for term in roles.terms
        if term.covers(published) and _same_person(name, term.person)
    }


def _in_focus(
    text: str, role: _Role, persons: list[Draft], sentences: Sequence[Sentence]
) -> Draft | None:
    """The person holding the office ``role.head`` mentioned last in an earlier sentence of
    the same paragraph; None when no such person (a name in the same sentence is someone else)."""
    paragraph = text.rfind("\n\n", 0, role.start) + 1
    index = sentence_at(sentences, role.start)
    own = sentences[index] if index is not None else None
    limit = own.start if own is not None else role.start
    best: tuple[int, Draft] | None = None
    for draft in persons:
        if role.head not in draft.heads or (own is not None and _named_in(draft, own, role)):
            continue
        earlier = [m.start for m in draft.mentions if paragraph <= m.start < limit]
        if earlier and (best is None or max(earlier) > best[0]):
            best = (max(earlier), draft)
    return best[1] if best else None


def _named_in(draft: Draft, sentence: Sentence, role: _Role) -> bool:
    """Whether the sentence names the person before the role ("mit Trump führte der Präsident":
    the Präsident is someone else)."""
    return any(
        sentence.start <= m.start < role.start and m.form in ("name", "surname")
        for m in draft.mentions
    )


# --- ages ---


def _add_ages(text: str, persons: list[Draft], published: dt.date | None) -> None:
    for draft in persons:
        draft.age = _given_age(text, draft) or _age(draft.entry, published)
    for match in _AGE.finditer(text):
        age = int(match.group(1))
        best: tuple[int, Draft] | None = None
        for draft in persons:
            earlier = [m.start for m in draft.mentions if m.start < match.start()]
            if draft.age == age and earlier and (best is None or max(earlier) > best[0]):
                best = (max(earlier), draft)
        if best is not None:
            best[1].mentions.append(
                EntityMention(
                    text=match.group(), start=match.start(), end=match.end(), form="description"
                )
            )


def _given_age(text: str, draft: Draft) -> int | None:
    for mention in draft.mentions:
        match = _GIVEN_AGE.match(text, mention.end)
        if match and mention.form in ("name", "surname"):
            return int(match.group(1))
    return None


def _age(entry: GazetteerEntry | None, published: dt.date | None) -> int | None:
    if entry is None or entry.born is None or published is None:
        return None
    born = entry.born
    return published.year - born.year - ((published.month, published.day) < (born.month, born.day))


def sentence_at(sentences: Sequence[Sentence], offset: int) -> int | None:
    """The index of the sentence holding ``offset``; None between sentences."""
    for index, sentence in enumerate(sentences):
        if sentence.start <= offset < sentence.end:
            return index
    return None
