"""The same statement across articles (issue #4): wire copies, edited copies, translations."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from lagebild.quotes.groups import (
    GroupMember,
    assign_groups,
    same_statement,
    same_wording,
    sentence_embeddings,
    statement_keys,
)

# A dpa quote as the wire sent it, and what outlets made of it.
WIRE = (
    "Wir werden die Ukraine so lange unterstützen, wie es nötig ist, und wir werden dafür "
    "sorgen, dass Russland diesen Krieg nicht gewinnt"
)
CUT_CLAUSE = "Wir werden die Ukraine so lange unterstützen, wie es nötig ist"
ADDED_CLAUSE = WIRE + ", auch wenn das für uns alle teuer wird"
EDITED_WORD = (
    "Wir werden die Ukraine so lange unterstützen, wie es notwendig ist, und wir werden dafür "
    "sorgen, dass Russland diesen Krieg nicht gewinnt"
)
# Same speaker, same topic, different statement.
NEAR_MISS = (
    "Wir werden die Ukraine nicht im Stich lassen, und wir stimmen uns dabei eng mit Paris "
    "und Warschau ab"
)
TRANSLATION = (
    "We will support Ukraine for as long as it takes, and we will make sure that Russia "
    "does not win this war"
)


def member(
    quote_id: str,
    text: str,
    *,
    article_id: str | None = None,
    language: str = "de",
    speaker: str | None = "Olaf Scholz",
    entity: str | None = "per-olaf-scholz",
    group_id: str | None = None,
) -> GroupMember:
    return GroupMember(
        quote_id=quote_id,
        article_id=article_id or f"a-{quote_id}",
        text=text,
        language=language,
        speaker=speaker,
        speaker_entity=entity,
        group_id=group_id,
    )


@pytest.mark.parametrize("copy", [WIRE, CUT_CLAUSE, ADDED_CLAUSE, EDITED_WORD])
def test_edited_wire_copies_have_the_same_wording(copy: str) -> None:
    assert same_wording(WIRE, copy)
    assert same_wording(copy, WIRE)


def test_near_miss_of_the_same_speaker_is_another_statement() -> None:
    assert not same_wording(WIRE, NEAR_MISS)
    assert not same_statement(member("q1", WIRE), member("q2", NEAR_MISS))


def test_short_quotes_must_match_word_for_word() -> None:
    assert same_wording("Das ist inakzeptabel.", "das ist inakzeptabel")
    assert not same_wording("Das ist inakzeptabel.", "Das ist nicht inakzeptabel.")


def test_different_speakers_never_group() -> None:
    merz = member("q2", WIRE, speaker="Friedrich Merz", entity="per-friedrich-merz")
    assert not same_statement(member("q1", WIRE), merz)
    unlinked = member("q3", WIRE, speaker="Friedrich Merz", entity=None)
    assert not same_statement(member("q1", WIRE, entity=None), unlinked)


def test_a_surname_and_an_unknown_speaker_do_not_keep_copies_apart() -> None:
    assert same_statement(member("q1", WIRE), member("q2", WIRE, speaker="Scholz", entity=None))
    assert same_statement(member("q1", WIRE), member("q2", WIRE, speaker=None, entity=None))


def test_a_wire_quote_reprinted_thirty_times_is_one_group_with_the_first_id() -> None:
    copies = [WIRE, CUT_CLAUSE, ADDED_CLAUSE, EDITED_WORD] * 8
    new = [member(f"q{index:02d}", text) for index, text in enumerate(copies[:30])]
    groups = assign_groups(new, [])
    assert len(groups) == 30
    assert set(groups.values()) == {"q00"}


def test_a_new_copy_joins_the_stored_group_and_ids_stay_stable() -> None:
    known = [
        member("q-first", WIRE, group_id="q-first"),
        member("q-other", NEAR_MISS, group_id="q-other"),
    ]
    groups = assign_groups([member("q-new", CUT_CLAUSE), member("q-miss", NEAR_MISS)], known)
    assert groups == {"q-new": "q-first", "q-miss": "q-other"}


def test_a_statement_nobody_said_before_starts_its_own_group() -> None:
    known = [member("q-first", WIRE, group_id="q-first")]
    assert assign_groups([member("q-new", NEAR_MISS)], known) == {"q-new": "q-new"}


def test_statement_keys_find_every_copy() -> None:
    for copy in (CUT_CLAUSE, ADDED_CLAUSE, EDITED_WORD):
        assert statement_keys(WIRE) & statement_keys(copy)
    assert statement_keys("Nein.") == statement_keys("nein")


def _fake_embed(texts: Sequence[str]) -> NDArray[np.float32]:
    """Translations of WIRE point one way, everything else another."""
    rows = [[1.0, 0.0] if text in (WIRE, TRANSLATION) else [0.0, 1.0] for text in texts]
    return np.array(rows, dtype=np.float32)


def test_translation_groups_only_with_the_same_speaker_entity() -> None:
    known = [member("q-de", WIRE, group_id="q-de")]
    english = member("q-en", TRANSLATION, language="en")
    assert assign_groups([english], known, _fake_embed) == {"q-en": "q-de"}
    assert assign_groups([english], known) == {"q-en": "q-en"}  # no embeddings: no translation
    other = member("q-en", TRANSLATION, language="en", entity="per-friedrich-merz")
    assert assign_groups([other], known, _fake_embed) == {"q-en": "q-en"}
    unlinked = member("q-en", TRANSLATION, language="en", entity=None)
    assert assign_groups([unlinked], known, _fake_embed) == {"q-en": "q-en"}


def test_real_embeddings_group_a_translation_but_not_a_near_miss() -> None:
    known = [member("q-de", WIRE, group_id="q-de")]
    english = member("q-en", TRANSLATION, language="en")
    assert assign_groups([english], known, sentence_embeddings) == {"q-en": "q-de"}
    miss = member("q-en2", "Inflation will fall sharply next year", language="en")
    assert assign_groups([miss], known, sentence_embeddings) == {"q-en2": "q-en2"}


def test_embeddings_are_only_computed_when_a_translation_is_possible() -> None:
    def refuse(texts: Sequence[str]) -> NDArray[np.float32]:
        raise AssertionError(f"embedded {texts}")

    known = [member("q-de", WIRE, group_id="q-de")]
    assert assign_groups([member("q-new", NEAR_MISS)], known, refuse) == {"q-new": "q-new"}
    english = member("q-en", TRANSLATION, language="en", entity="per-friedrich-merz")
    assert assign_groups([english], known, refuse) == {"q-en": "q-en"}


def test_sentence_embeddings_repeat_texts_from_the_cache() -> None:
    vectors = sentence_embeddings([WIRE, TRANSLATION, WIRE])
    assert vectors.shape == (3, 512)
    assert np.allclose(vectors[0], vectors[2])
    assert abs(float(np.linalg.norm(vectors[1])) - 1) < 1e-3
