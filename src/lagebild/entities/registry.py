"""One identity across articles and languages: the registry of canonical entities (issue #3).

:class:`EntityRegistry` links the entities of each article (:class:`ArticleEntity`, one per
entity within the article) to canonical entities (:class:`Entity`) with a stable id, a canonical
name and every surface form seen. It follows scikit-learn's contract for stateful parts:
``__init__`` stores settings (the gazetteer, the user's alias rules), :meth:`link` learns and
ends in state named with a trailing underscore.

How a name finds its entity (kinds must always agree; the first rule that decides wins):

1. the user's alias file forces it onto an entity holding a forced partner name;
2. the same name (spelling-insensitive: case, diacritics, script) is already an alias;
3. persons: :func:`same_person_name` holds against a registry or gazetteer person; a surname
   alone ("Putin") must point at exactly one candidate, preferring people of the same article,
   then gazetteer people; several people with one surname (Joe and Hunter Biden) are not merged
   without a given name;
4. places, organisations, other: the :func:`variant_key` of the name equals the key of a name
   or alias ("Kyiv" meets "Kiew"; "Moscow" meets "Moskau" through the gazetteer's aliases);
5. a German genitive ("Putins", "Kiews") is tried without its ending;
6. otherwise a new entity. The user's alias file forbids merges that the rules above would make.

Ids are given once and never change: kind prefix + slug of the first canonical name
("per-wladimir-putin"), with a short hash appended when the slug is taken.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, Protocol

from lagebild.entities.names import (
    base_forms,
    given_names_compatible,
    normalise,
    parse_person_name,
    surname_key,
    variant_key,
)
from lagebild.errors import ConfigError
from lagebild.records import ArticleEntity, Entity, EntityKind

# Id prefixes per kind: short, readable in URLs and exports.
KIND_PREFIX: dict[str, str] = {
    "person": "per",
    "organisation": "org",
    "place": "loc",
    "other": "oth",
}
# Mention forms whose text is a name of the entity (roles, pronouns and compounds are not).
ALIAS_FORMS = frozenset({"name", "surname", "genitive"})
# Hex digits of the hash that makes a taken slug unique: 16**6 keeps collisions negligible.
HASH_DIGITS = 6

AliasAction = Literal["force", "forbid"]


class GazetteerEntryLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...


class GazetteerLike(Protocol):
    """What the registry needs of ``lagebild.entities.gazetteer.Gazetteer``."""

    @property
    def entries(self) -> Sequence[GazetteerEntryLike]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class AliasRule:
    """One line of the user's alias file: ``force`` or ``forbid`` the merge of two names."""

    action: AliasAction
    name_a: str
    name_b: str


def load_aliases(path: Path) -> tuple[AliasRule, ...]:
    """Read a user alias file: ``force<TAB>name a<TAB>name b`` or ``forbid<TAB>...`` per
    line, ``#`` starts a comment line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"Cannot read alias file '{path}': {exc.strerror}.") from exc
    return parse_aliases(text, str(path))


def parse_aliases(text: str, origin: str = "<aliases>") -> tuple[AliasRule, ...]:
    rules = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != 3 or cells[0] not in ("force", "forbid") or not all(cells[1:]):
            raise ConfigError(
                f"{origin}:{number}: expected 'force' or 'forbid' and two names separated by "
                f"tabs, got {line.strip()!r}; write e.g. 'force<TAB>Kiew<TAB>Kyiv'."
            )
        action: AliasAction = "force" if cells[0] == "force" else "forbid"
        rules.append(AliasRule(action=action, name_a=cells[1], name_b=cells[2]))
    return tuple(rules)


@dataclass(slots=True, kw_only=True)
class _Node:
    """The registry's working state of one entity."""

    id: str
    name: str
    kind: EntityKind
    aliases: list[str]
    from_gazetteer: bool = False
    articles: set[str] = field(default_factory=set)

    def entity(self) -> Entity:
        return Entity(id=self.id, name=self.name, kind=self.kind, aliases=tuple(self.aliases))


@dataclass(frozen=True, slots=True)
class _Seed:
    """A gazetteer entry as a candidate not yet in the registry."""

    name: str
    kind: EntityKind
    aliases: tuple[str, ...]


_Candidate = _Node | _Seed


class EntityRegistry:
    """Canonical entities across articles, with stable ids (see the module docstring)."""

    def __init__(
        self, *, gazetteer: GazetteerLike | None = None, aliases: Sequence[AliasRule] = ()
    ) -> None:
        self.gazetteer = gazetteer
        self.aliases = tuple(aliases)
        self.nodes_: list[_Node] = []
        self._ids: dict[str, _Node] = {}
        self._nodes = _Index()
        self._seeds = _seed_index(gazetteer) if gazetteer is not None else _Index()
        self._seeded: dict[tuple[str, str], _Node] = {}
        self._forced = _force_groups(self.aliases)
        self._forbidden = [
            (variant_key(rule.name_a), variant_key(rule.name_b))
            for rule in self.aliases
            if rule.action == "forbid"
        ]

    @classmethod
    def from_entities(
        cls,
        entities: Iterable[Entity],
        *,
        gazetteer: GazetteerLike | None = None,
        aliases: Sequence[AliasRule] = (),
    ) -> EntityRegistry:
        """A registry holding persisted entities (their ids stay as they are)."""
        registry = cls(gazetteer=gazetteer, aliases=aliases)
        for entity in entities:
            node = _Node(
                id=entity.id, name=entity.name, kind=entity.kind, aliases=list(entity.aliases)
            )
            node.from_gazetteer = any(
                seed.name == entity.name
                for seed in registry._seeds.exact.get((entity.kind, normalise(entity.name)), [])
            )
            registry._add(node)
        return registry

    def entities(self) -> tuple[Entity, ...]:
        return tuple(node.entity() for node in self.nodes_)

    def entity(self, entity_id: str) -> Entity | None:
        """The registry entity with this id, if there is one."""
        node = self._ids.get(entity_id)
        return node.entity() if node is not None else None

    def link(
        self, entities: Sequence[ArticleEntity], *, article_id: str, language: str | None = None
    ) -> tuple[ArticleEntity, ...]:
        """The article's entities with ``entity_id`` set and ``name`` the canonical name;
        unknown entities are added to the registry, every surface form becomes an alias.
        Full names are linked before bare surnames, so a surname prefers the article's own
        people. ``language`` is accepted for the record; the rules do not depend on it."""
        del language
        order = sorted(range(len(entities)), key=lambda index: _is_bare(entities[index]))
        linked: dict[int, ArticleEntity] = {}
        for index in order:
            entity = entities[index]
            node = self._resolve(entity, article_id)
            node.articles.add(article_id)
            surfaces = [entity.name, *(m.text for m in entity.mentions if m.form in ALIAS_FORMS)]
            for surface in surfaces:
                self._add_alias(node, surface)
            self._upgrade_name(node, entity)
            linked[index] = replace(entity, name=node.name, entity_id=node.id)
        return tuple(linked[index] for index in range(len(entities)))

    # -- resolution ---------------------------------------------------------------------------

    def _resolve(self, entity: ArticleEntity, article_id: str) -> _Node:
        forms = base_forms(entity.name)
        for name in forms:
            candidate = self._find(name, entity.kind, article_id)
            if candidate is not None:
                return self._materialise(candidate)
        name = forms[-1] if all(m.form == "genitive" for m in entity.mentions) else forms[0]
        return self._new_node(name, entity.kind)

    def _find(self, name: str, kind: EntityKind, article_id: str) -> _Candidate | None:
        forced = self._forced.get(normalise(name), ())
        for partner in forced:  # the user's word beats every rule, forbids included
            nodes = [self._current(c) for c in self._both("exact", (kind, normalise(partner)))]
            if nodes:
                return nodes[0]
        key = (kind, normalise(name))
        if kind == "person" and not parse_person_name(name).given:
            # a bare surname seen with one person is no evidence against another person of
            # that surname; the gazetteer lists bare surnames only for unambiguous people
            gazetteer_only = self._allowed(name, self._seeds.exact.get(key, []))
            return _unique(gazetteer_only, article_id) or self._find_person(name, article_id)
        exact = self._allowed(name, self._both("exact", key))
        if kind == "person":
            return _unique(exact, article_id) or self._find_person(name, article_id)
        if exact:
            return _prefer(exact, article_id)
        by_key = self._allowed(name, self._both("keys", (kind, variant_key(name))))
        return _prefer(by_key, article_id) if by_key else None

    def _find_person(self, name: str, article_id: str) -> _Candidate | None:
        parts = parse_person_name(name)
        pool = self._allowed(name, self._both("surnames", ("person", surname_key(parts.surname))))
        if not parts.given:
            return _unique(pool, article_id)
        matching = [c for c in pool if _compatible(parts.given, c)]
        with_given = [c for c in matching if _full_names(c)]
        return _unique(with_given, article_id) or _unique(matching, article_id)

    def _both(self, table: str, key: tuple[str, str]) -> list[_Candidate]:
        """Registry entities first, then gazetteer entries not yet in the registry."""
        return self._nodes.table(table).get(key, []) + self._seeds.table(table).get(key, [])

    def _allowed(self, name: str, candidates: Sequence[_Candidate]) -> list[_Candidate]:
        result: list[_Candidate] = []
        for candidate in candidates:
            current = self._current(candidate)
            if all(current is not other for other in result):
                result.append(current)
        if not self._forbidden:
            return result
        key = variant_key(name)
        return [c for c in result if not self._forbids(key, c)]

    def _current(self, candidate: _Candidate) -> _Candidate:
        """A gazetteer seed already in the registry stands for its node."""
        if isinstance(candidate, _Seed):
            return self._seeded.get((candidate.kind, candidate.name), candidate)
        return candidate

    def _forbids(self, key: str, candidate: _Candidate) -> bool:
        names = {variant_key(alias) for alias in (candidate.name, *candidate.aliases)}
        return any(
            (key == a and b in names) or (key == b and a in names) for a, b in self._forbidden
        )

    # -- state --------------------------------------------------------------------------------

    def _materialise(self, candidate: _Candidate) -> _Node:
        if isinstance(candidate, _Node):
            return candidate
        known = self._seeded.get((candidate.kind, candidate.name))
        if known is not None:
            return known
        aliases = [alias for alias in candidate.aliases if alias != candidate.name]
        return self._new_node(candidate.name, candidate.kind, aliases, from_gazetteer=True)

    def _new_node(
        self,
        name: str,
        kind: EntityKind,
        aliases: Sequence[str] = (),
        *,
        from_gazetteer: bool = False,
    ) -> _Node:
        node = _Node(
            id=self._new_id(name, kind),
            name=name,
            kind=kind,
            aliases=[name, *aliases],
            from_gazetteer=from_gazetteer,
        )
        self._add(node)
        return node

    def _new_id(self, name: str, kind: EntityKind) -> str:
        slug = "-".join(normalise(name).split())[:60] or "x"
        base = f"{KIND_PREFIX[kind]}-{slug}"
        candidate, attempt = base, 0
        while candidate in self._ids:
            attempt += 1
            digest = hashlib.sha1(f"{kind}\t{name}\t{attempt}".encode()).hexdigest()
            candidate = f"{base}-{digest[:HASH_DIGITS]}"
        return candidate

    def _add(self, node: _Node) -> None:
        self.nodes_.append(node)
        self._ids[node.id] = node
        if node.from_gazetteer:
            self._seeded[(node.kind, node.name)] = node
        for name in (node.name, *node.aliases):
            self._nodes.add(node, name, inflected=not node.from_gazetteer)

    def _add_alias(self, node: _Node, surface: str) -> None:
        surface = " ".join(surface.split())
        if surface and surface not in node.aliases:
            node.aliases.append(surface)
            self._nodes.add(node, surface, inflected=True)

    def _upgrade_name(self, node: _Node, entity: ArticleEntity) -> None:
        """A registry name that is a bare surname gives way to the first full name seen."""
        if node.from_gazetteer or entity.kind != "person" or node.name == entity.name:
            return
        if not parse_person_name(node.name).given and parse_person_name(entity.name).given:
            node.name = entity.name


@dataclass(slots=True)
class _Index:
    """Candidates by kind and normalised name, by kind and variant key, and persons by the
    variant key of their surname."""

    exact: dict[tuple[str, str], list[_Candidate]] = field(
        default_factory=lambda: defaultdict(list)
    )
    keys: dict[tuple[str, str], list[_Candidate]] = field(default_factory=lambda: defaultdict(list))
    surnames: dict[tuple[str, str], list[_Candidate]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def table(self, name: str) -> dict[tuple[str, str], list[_Candidate]]:
        return {"exact": self.exact, "keys": self.keys, "surnames": self.surnames}[name]

    def add(self, candidate: _Candidate, name: str, *, inflected: bool = False) -> None:
        """Index one name of the candidate; ``inflected``: the name comes from article text
        and may be a German genitive ("Putins"), so its base form is indexed too."""
        _append(self.exact, (candidate.kind, normalise(name)), candidate)
        for form in base_forms(name) if inflected else (name,):
            _append(self.keys, (candidate.kind, variant_key(form)), candidate)
            if candidate.kind == "person":
                surname = parse_person_name(form).surname
                _append(self.surnames, ("person", surname_key(surname)), candidate)


def _append(
    table: dict[tuple[str, str], list[_Candidate]], key: tuple[str, str], candidate: _Candidate
) -> None:
    if all(candidate is not other for other in table[key]):
        table[key].append(candidate)


# The gazetteer's index, built once per gazetteer object (a registry per article batch, or per
# benchmark pair, must not re-index hundreds of entries). Holds the gazetteer so its id stays
# unique; a handful of gazetteers per process at most.
_SEED_INDEXES: dict[int, tuple[GazetteerLike, _Index]] = {}
MAX_SEED_INDEXES = 8  # distinct gazetteers kept: the bundled one plus a few user variants


def _seed_index(gazetteer: GazetteerLike) -> _Index:
    cached = _SEED_INDEXES.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1]
    index = _Index()
    for entry in gazetteer.entries:
        seed = _Seed(name=entry.name, kind=_kind(entry.kind), aliases=tuple(entry.aliases))
        for name in (seed.name, *seed.aliases):
            index.add(seed, name)
    if len(_SEED_INDEXES) >= MAX_SEED_INDEXES:
        _SEED_INDEXES.pop(next(iter(_SEED_INDEXES)))
    _SEED_INDEXES[id(gazetteer)] = (gazetteer, index)
    return index


def _force_groups(rules: Sequence[AliasRule]) -> dict[str, tuple[str, ...]]:
    """Each forced name (normalised) with the names it is forced together with."""
    groups: dict[str, set[str]] = {}
    for rule in rules:
        if rule.action != "force":
            continue
        merged = {rule.name_a, rule.name_b}
        for name in (rule.name_a, rule.name_b):
            merged |= groups.get(normalise(name), set())
        for name in merged:
            groups[normalise(name)] = merged
    return {key: tuple(sorted(names)) for key, names in groups.items()}


def _kind(kind: str) -> EntityKind:
    aliases: dict[str, EntityKind] = {
        "person": "person",
        "per": "person",
        "organisation": "organisation",
        "organization": "organisation",
        "org": "organisation",
        "place": "place",
        "loc": "place",
        "location": "place",
    }
    return aliases.get(kind.lower(), "other")


def _is_bare(entity: ArticleEntity) -> bool:
    return entity.kind == "person" and not parse_person_name(entity.name).given


def _full_names(candidate: _Candidate) -> list[str]:
    """The candidate's names that carry a given name (a bare surname says nothing)."""
    names = [candidate.name, *candidate.aliases]
    return [name for name in names if parse_person_name(name).given]


def _compatible(given: Sequence[str], candidate: _Candidate) -> bool:
    names = _full_names(candidate)
    if not names:
        return True
    return any(given_names_compatible(given, parse_person_name(name).given) for name in names)


def _prefer(candidates: Sequence[_Candidate], article_id: str) -> _Candidate:
    return _unique(candidates, article_id) or candidates[0]


def _unique(candidates: Sequence[_Candidate], article_id: str) -> _Candidate | None:
    """The one candidate, or the one of this article, or the one from the gazetteer."""
    if len(candidates) == 1:
        return candidates[0]
    same_article = [c for c in candidates if isinstance(c, _Node) and article_id in c.articles]
    if len(same_article) == 1:
        return same_article[0]
    pool = same_article or candidates
    known = [c for c in pool if isinstance(c, _Seed) or c.from_gazetteer]
    return known[0] if len(known) == 1 else None
