"""Renaming quote speakers after the article's entities are linked to the registry."""

from __future__ import annotations

import dataclasses

from lagebild.quotes import quotes_in_text, relink_speakers
from lagebild.records import ArticleEntity, EntityMention


def _entity(text: str, name: str, kind: str) -> ArticleEntity:
    start = text.index(name)
    mention = EntityMention(text=name, start=start, end=start + len(name), form="name")
    return ArticleEntity(name=name, kind=kind, mentions=(mention,))  # type: ignore[arg-type]


def test_a_named_speaker_takes_the_linked_name_and_id() -> None:
    text = "„Wir ändern das Gesetz“, sagte Merz am Montag in Berlin."
    [quote] = quotes_in_text(text)
    before = [_entity(text, "Merz", "person")]
    after = [dataclasses.replace(before[0], name="Friedrich Merz", entity_id="per-friedrich-merz")]
    [linked] = relink_speakers([quote], before, after)
    assert (linked.speaker, linked.speaker_entity) == ("Friedrich Merz", "per-friedrich-merz")


def test_a_capital_said_to_speak_keeps_its_government_and_rests_on_the_city() -> None:
    """The government's name stays; the city's id lets a translation find the statement."""
    text = "Laut Moskau wurden in der Nacht 40 Drohnen abgefangen."
    [quote] = quotes_in_text(text)
    before = [_entity(text, "Moskau", "place")]
    after = [dataclasses.replace(before[0], entity_id="loc-moskau")]
    [linked] = relink_speakers([quote], before, after)
    assert linked.speaker == "Russische Regierung (Moskau)"
    assert linked.speaker_entity == "loc-moskau"
