"""Glued words from scrapers are split only where the evidence is clear (#2)."""

from __future__ import annotations

import pytest

from lagebild.clean.glue import repair_glued_words


@pytest.mark.parametrize(
    ("glued", "repaired"),
    [
        ("Sprecher derBundesregierung", "Sprecher der Bundesregierung"),
        ("Debatte imBundestag", "Debatte im Bundestag"),
        ("ein Bericht desMinisteriums", "ein Bericht des Ministeriums"),
        ("a report by theGuardian", "a report by the Guardian"),
    ],
)
def test_function_word_glued_to_a_noun_is_split(glued: str, repaired: str) -> None:
    assert repair_glued_words(glued) == repaired


@pytest.mark.parametrize(
    "text",
    ["iPhone", "eBay", "McDonald", "YouTube", "DeepMind", "Anderson", "Verdienste", "DeSantis"],
)
def test_real_words_and_camel_case_names_stay_whole(text: str) -> None:
    assert repair_glued_words(text) == text
