from __future__ import annotations

from lagebild.entities.analyse import entity_data, known_names, open_registry
from lagebild.records import Entity


def test_known_names_are_multi_word_names_with_their_label() -> None:
    entities = [
        Entity(
            id="per-x", name="Pawel Sarubin", kind="person", aliases=("Sarubin", "Pawel Sarubin")
        ),
        Entity(id="org-y", name="Truth Social", kind="organisation", aliases=("Truth Social",)),
        Entity(id="loc-z", name="Kiew", kind="place", aliases=("Kiew", "Kyjiw")),
    ]
    known = known_names(entities)
    assert known == {"Pawel Sarubin": "PER", "Truth Social": "ORG"}


def test_registry_is_seeded_from_the_gazetteer_and_keeps_stored_ids() -> None:
    stored = [Entity(id="per-abc", name="Anna Beispiel", kind="person", aliases=("Anna Beispiel",))]
    registry = open_registry(stored, entity_data())
    assert registry.entity("per-abc") is not None
    assert registry.entity("per-unknown") is None


def test_ordinary_words_the_model_took_for_names_are_dropped() -> None:
    from lagebild.entities.analyse import _bundled, _ordinary_word
    from lagebild.records import ArticleEntity, EntityMention

    def entity(word: str, kind: str) -> ArticleEntity:
        mention = EntityMention(text=word, start=0, end=len(word), form="name")
        return ArticleEntity(name=word, kind=kind, mentions=(mention,))  # type: ignore[arg-type]

    gazetteer = _bundled().gazetteer
    assert _ordinary_word(entity("Rauchwolke", "person"), gazetteer)
    assert _ordinary_word(entity("Brücken", "place"), gazetteer)
    assert _ordinary_word(entity("Weiteres", "place"), gazetteer)
    assert _ordinary_word(entity("LINDENAU", "person"), gazetteer)
    assert not _ordinary_word(entity("Lindenau", "place"), gazetteer)
    assert not _ordinary_word(entity("Putin", "person"), gazetteer)
    assert not _ordinary_word(entity("Sarubin", "person"), gazetteer)
