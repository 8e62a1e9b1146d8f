"""What marks speech in German: speech verbs, reporting frames and Konjunktiv forms.

The word lists are the model's prior knowledge; the quote tagger (``model.py``) learns from the
training data how much each counts. Lemmas come from simplemma's German dictionary (MIT).
"""

from __future__ import annotations

import functools

from lagebild.entities.word_knowledge import german_dictionary

# Verbs that introduce speech, writing or thought in news text (lemmas, particle verbs joined:
# "teilte ... mit" -> "mitteilen"). Collected from German news usage; the frequent cues of the
# de_news_quotes_2024 train split are all here.
SPEECH_VERBS = frozenset(
    [
        "sagen",
        "erklären",
        "betonen",
        "mitteilen",
        "berichten",
        "sprechen",
        "warnen",
        "fordern",
        "kritisieren",
        "ankündigen",
        "versichern",
        "behaupten",
        "meinen",
        "glauben",
        "schreiben",
        "twittern",
        "posten",
        "zitieren",
        "bestätigen",
        "dementieren",
        "einräumen",
        "zugeben",
        "hinzufügen",
        "ergänzen",
        "unterstreichen",
        "bekräftigen",
        "verlangen",
        "mahnen",
        "ermahnen",
        "drohen",
        "androhen",
        "versprechen",
        "erläutern",
        "klarmachen",
        "klarstellen",
        "hervorheben",
        "vorwerfen",
        "beklagen",
        "bemängeln",
        "argumentieren",
        "antworten",
        "entgegnen",
        "fragen",
        "verkünden",
        "melden",
        "heißen",
        "lauten",
        "bezeichnen",
        "nennen",
        "äußern",
        "anmerken",
        "bemerken",
        "feststellen",
        "festhalten",
        "begründen",
        "bekanntgeben",
        "bekennen",
        "beteuern",
        "bestreiten",
        "zurückweisen",
        "widersprechen",
        "vermuten",
        "befürchten",
        "fürchten",
        "hoffen",
        "erwarten",
        "schätzen",
        "annehmen",
        "ausgehen",
        "vorschlagen",
        "empfehlen",
        "raten",
        "appellieren",
        "aufrufen",
        "auffordern",
        "bitten",
        "beschreiben",
        "schildern",
        "erzählen",
        "informieren",
        "angeben",
        "aussagen",
        "verraten",
        "enthüllen",
        "offenbaren",
        "preisgeben",
        "andeuten",
        "signalisieren",
        "bilanzieren",
        "resümieren",
        "folgern",
        "schließen",
        "urteilen",
        "entscheiden",
        "beschließen",
        "anordnen",
        "verfügen",
        "erinnern",
        "hinweisen",
        "verweisen",
        "darlegen",
        "ausführen",
        "präzisieren",
        "korrigieren",
        "kommentieren",
        "loben",
        "danken",
        "gratulieren",
        "bedauern",
        "entschuldigen",
        "rechtfertigen",
        "verteidigen",
        "anklagen",
        "beschuldigen",
        "bezichtigen",
        "unterstellen",
        "monieren",
        "rügen",
        "tadeln",
        "protestieren",
        "klagen",
        "jammern",
        "spotten",
        "scherzen",
        "witzeln",
        "rufen",
        "schreien",
        "flüstern",
        "murmeln",
        "seufzen",
        "verlauten",
        "bekunden",
        "beschwören",
        "zusichern",
        "zusagen",
        "garantieren",
        "prognostizieren",
        "vorhersagen",
        "voraussagen",
        "ankündigen",
        "verlautbaren",
        "mitteilen",
        "wiederholen",
        "insistieren",
        "beharren",
        "bestehen",
        "pochen",
        "drängen",
        "dringen",
        "plädieren",
        "werben",
        "vorrechnen",
        "vorhalten",
        "kontern",
        "abstreiten",
        "leugnen",
        "verneinen",
        "bejahen",
        "zustimmen",
        "einwenden",
        "einwerfen",
        "nachlegen",
        "sprechen",
        "reden",
        "diskutieren",
        "ansprechen",
        "thematisieren",
        "vorstellen",
        "präsentieren",
    ]
)

# Words that frame reported content without a speech verb ("laut X", "X zufolge",
# "nach Angaben von X", "wie X berichtete", "demnach", "so X").
FRAME_WORDS = frozenset(
    [
        "laut",
        "zufolge",
        "gemäß",
        "demnach",
        "demzufolge",
        "angaben",
        "angeben",
        "aussagen",
        "auskunft",
        "wonach",
        "so",
        "einschätzung",
        "ansicht",
        "meinung",
        "auffassung",
        "darstellung",
        "überzeugung",
        "informationen",
        "erkenntnissen",
        "berichten",
        "schätzungen",
    ]
)

# Nouns of saying: "die Erklärung", "in einer Mitteilung", "sein Sprecher".
SPEECH_NOUNS = frozenset(
    [
        "erklärung",
        "mitteilung",
        "stellungnahme",
        "pressemitteilung",
        "interview",
        "aussage",
        "äußerung",
        "rede",
        "sprecher",
        "sprecherin",
        "sprecherinnen",
        "sprechern",
        "statement",
        "bericht",
        "berichte",
        "angaben",
        "zeitung",
        "agentur",
        "nachrichtenagentur",
        "medien",
        "medienberichten",
        "kreise",
        "regierungskreisen",
        "kreisen",
        "tweet",
        "post",
        "brief",
        "schreiben",
        "pressekonferenz",
    ]
)

# The Konjunktiv I of "sein" is irregular; the other verbs follow stem + e ("habe", "könne").
_SEIN_KONJUNKTIV = frozenset({"sei", "seien", "seist", "seiest", "seiet"})
# Konjunktiv II forms that report speech when the Konjunktiv I would look indicative
# ("sie hätten", "es würde"). "sollte"/"wollte" are ambiguous with the past tense and
# left to the model's word features.
_KONJUNKTIV_II = frozenset(
    [
        "hätte",
        "hätten",
        "hättest",
        "wäre",
        "wären",
        "wärest",
        "würde",
        "würden",
        "würdest",
        "könnte",
        "könnten",
        "müsste",
        "müssten",
        "dürfte",
        "dürften",
        "möchte",
        "möchten",
        "gäbe",
        "gäben",
        "käme",
        "kämen",
        "läge",
        "lägen",
        "stünde",
        "stünden",
        "ginge",
        "gingen",
        "bliebe",
        "blieben",
        "hielte",
        "hielten",
        "sähe",
        "sähen",
        "wüsste",
        "wüssten",
        "täte",
        "täten",
    ]
)


@functools.lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary lemma of ``word`` (lowercased) or the word itself."""
    lower = word.lower()
    found = german_dictionary().get(word) or german_dictionary().get(lower)
    if found is None:
        return lower
    text = found.decode() if isinstance(found, bytes) else str(found)
    return text.lower()


@functools.lru_cache(maxsize=200_000)
def mood(word: str) -> str:
    """ "k1" for a Konjunktiv I verb form ("sei", "habe", "festhalte"), "k2" for a Konjunktiv II
    form used in reported speech ("hätten", "würde"), "" otherwise. Forms equal to the
    first person indicative ("ich habe") are "k1" too: the tagger sees the pronoun."""
    lower = word.lower()
    if lower in _SEIN_KONJUNKTIV:
        return "k1"
    if lower in _KONJUNKTIV_II:
        return "k2"
    if not word[:1].islower() and word[:1].isalpha():
        # capitalised words are nouns unless they start the sentence; the caller lowers those
        return ""
    base = lemma(lower)
    if base != lower and base.endswith("en") and lower.endswith("e") and base[:-1] == lower:
        return "k1"
    if base.endswith(("eln", "ern")) and lower == base[:-1] + "e":
        return "k1"  # „handele“, „ändere“ (handeln, ändern)
    return ""
