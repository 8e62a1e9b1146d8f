"""German quotes: the trained tagger marks content, speaker and cue tokens; this module turns
the marks into quotes with their speakers.

Per sentence the tagger (``model.py``) gives B-Q/I-Q (content; I-Q after anything else
continues the quote before it: the next sentence of a quotation, the second piece of
„…“, sagte er, „…“), B-S/I-S (the speaker mention) and C (the cue). A quote without a speaker
in its own sentence is a continuation: the last speaker keeps the floor.

Rules add, at a fixed confidence, the reports the tagger leaves out in sentences where it found
nothing: content first with the cue after („…, teilte X mit“, „…, so X“), a source frame
(„nach Angaben der Polizei“, „laut X“, „X zufolge“; a tagged report covering only one side of
such a frame gets the whole clause around it), a report pointed back at („… Das berichtete
X.“), a source opening the sentence („Wie X mitteilte, …“), a speech verb with a dass-, ob- or
zu-infinitive clause („X erklärte, nichts gewusst zu haben“; the subject may stand after the
verb, „Zudem verlangen die Anwohner, dass …“), and Konjunktiv I sentences that continue a
quote. Each rule was checked against dev and against train documents the tagger was not
trained on (``benchmarks/quotes_de.py --skip/--model``): rules that fired mostly where the
annotations have no quote (hearsay „soll … haben“, bare speech acts „X sagte Hilfe zu“) were
dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from lagebild.analysis.sentences import Sentence
from lagebild.analysis.tokens import Token
from lagebild.quotes.cues import SPEECH_VERBS, lemma, mood
from lagebild.quotes.features import DocumentFeatures
from lagebild.quotes.marks import Quotation, quotations, strip_marks
from lagebild.quotes.model import speaker_tokens, tag_sentence
from lagebild.quotes.speakers import POINTING_ADVERBS, Speaker, resolve_speaker
from lagebild.records import ArticleEntity, EntityMention, Quote, QuoteKind, TextSpan

# A quote with no speaker of its own keeps the last speaker when it comes at most this many
# sentences after the last quote, in the same paragraph: in Konjunktiv I (which marks reported
# speech) up to three, else only right after it. On dev and on held-out train documents
# (benchmarks/quotes_de.py), three for all lost speaker F1 on both against one for all; three
# for Konjunktiv I gained on dev and lost a little on the held-out documents.
_FLOOR_SENTENCES = 1
_K1_FLOOR_SENTENCES = 3
_PARAGRAPH_BREAK = "\n\n"
# An interruption ("„…“, sagte der Minister am Montag, „…“") is at most this many characters.
_MAX_INTERRUPTION = 120
# A token is part of the speaker mention from this probability on.
_SPEAKER_THRESHOLD = 0.3
# "X wurde vorgeworfen, …": participles whose dative is the accused, and the passive auxiliary.
_ACCUSATION_PARTICIPLES = frozenset(
    {"vorgeworfen", "vorgehalten", "unterstellt", "nachgesagt", "angelastet", "zur last gelegt"}
)
_PASSIVE = frozenset({"wird", "wurde", "wurden", "werden", "worden"})
# A cue clause after the content has at most this many words ("teilte eine Sprecherin der
# britischen Regierung mit").
_MAX_CUE_CLAUSE = 12
# Verb particles that end a cue clause: "teilte … mit", "gab … bekannt", "fügte … hinzu".
_CUE_PARTICLES = frozenset({"mit", "an", "bekannt", "hinzu"})
# The confidence of a quote found by the content-first rule rather than the tagger.
_RULE_CONFIDENCE = 0.7
# Cue tokens further apart than this are two cues.
_CUE_GAP = 6
# Nouns that make „nach …“ a source frame („nach Angaben“, „nach einem Bericht“, „nach ersten
# Untersuchungen“, „nach Polizeiangaben“); compounds end with them.
_SOURCE_NOUNS = (
    "angaben", "bericht", "berichten", "meldung", "meldungen", "informationen", "studie",
    "untersuchungen", "ansicht", "aussage", "aussagen", "einschätzung", "schätzung",
    "schätzungen", "hochrechnung", "vorstellungen", "meinung", "ermittlungsstand",
    "erkenntnissen", "darstellung", "auskunft", "berechnungen", "umfrage", "auffassung",
    "darstellungen", "vorhersage", "prognose", "prognosen", "einschätzungen",
    "worten", "beobachtungen", "mitteilung", "berechnung", "stellungnahme", "ergebnis",
    "ergebnissen", "entwurf", "recherchen", "kenntnisstand",
)  # fmt: skip
# An object between a speech verb and its clause („bat die Regierung, …“): its length and
# the words it may start with or hold besides nouns.
_MAX_OBJECT = 5
_OBJECT_STARTS = frozenset(
    {"an", "die", "der", "den", "das", "dem", "alle", "ihn", "sie", "ihre", "seine", "seinen"}
)
# Active forms of „zitieren“, whose object is the speaker („zitierte die Agentur den Minister“),
# and the articles such an object opens with.
_QUOTING_VERBS = frozenset({"zitiert", "zitierte", "zitierten", "zitieren"})
_OBJECT_ARTICLES = frozenset(
    {"den", "einen", "die", "das", "eine", "ihren", "seinen", "ihre", "seine"}
)
# A line opening with a name and a colon („Vance: „…““), up to three capitalised words.
_HEADLINE = re.compile(r"(?m)^[ \t]*(?P<name>[A-ZÄÖÜ][\w.'’-]*(?: [A-ZÄÖÜ][\w.'’-]*){0,2}):[ \t]*")
# Auxiliaries after a participle cue („berichtet hatte“, „bekannt gegeben wurde“).
_AUXILIARIES = frozenset(
    {"hat", "hatte", "haben", "hatten", "ist", "war", "wurde", "wurden", "worden"}
)
# Particles of separable speech verbs standing at the end of their clause („teilte … mit“,
# „rief … auf“): a wider set than _CUE_PARTICLES, which the content-first rule keeps.
_SEPARATED_PARTICLES = _CUE_PARTICLES | {
    "auf", "zu", "vor", "fest", "ab", "ein", "zurück", "hervor", "hin", "klar", "dar", "aus",
    "heraus",
}  # fmt: skip
# Words of a subject that opens its sentence before the cue („Das Schweriner Landratsamt
# erklärte, …“).
_MAX_SUBJECT = 5
# What a cue clause after the content does not open with: a reflexive („äußerte sich …“) or
# dative object („droht ihm …“) is no speaker.
_NOT_SUBJECTS = frozenset({"sich", "ihm", "ihr", "ihnen", "uns", "mir", "dir"})
# Lower-case words that do not make a clause of a noun phrase.
_FUNCTION_WORDS = frozenset(
    {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem",
     "einen", "von", "vom", "und", "oder", "in", "im", "am", "an", "bei", "beim", "für", "mit",
     "aus", "zu", "zur", "zum", "auf", "nach", "über", "unter", "gegen", "sowie", "vor", "seit",
     "trotz", "wegen", "durch", "ohne", "bis", "ab", "neben", "zwischen", "hinter"}
)  # fmt: skip
# Speech verbs of the tagger's list that before a clause mostly say something else
# („besteht Uneinigkeit darüber, ob …“); with their particle they are cues („schloss … aus“).
_WEAK_CUES = frozenset({"bestehen", "schließen", "verfügen", "vorstellen", "präsentieren"})
# Cues of the rules beyond the tagger's speech verbs (whose list is part of its features).
_MORE_CUES = frozenset({"anbieten", "ablehnen", "beantragen", "zusagen", "eingestehen"})
_RULE_CUES = SPEECH_VERBS | _MORE_CUES
# Prepositions a source starts with in „Wie aus Regierungskreisen verlautete“.
_SOURCE_PREPOSITIONS = frozenset({"aus", "von", "vom", "seitens"})
# Words before the source in a cue clause after the content („…, hieß es aus
# Regierungskreisen“, „…, heißt es in einer Mitteilung“).
_SOURCE_OPENERS = _SOURCE_PREPOSITIONS | {"es", "in", "im", "bei", "beim"}
# Words between a cue and its comma that point at the clause after it („warnen davor, …“).
_CORRELATES = frozenset({"davor", "darauf", "dazu", "daran", "dafür", "darüber", "damit"})
# Words after a comma that start a new main clause, ending a reported clause.
_NEW_CLAUSE = frozenset({"und", "aber", "doch", "jedoch", "sondern", "denn", "während", "so"})
# Nouns of a speech act that take a dass- or zu-infinitive clause („die Forderung, … zu …“).
_CLAUSE_NOUNS = frozenset(
    {"forderung", "forderungen", "aufforderung", "aufruf", "aufrufe", "appell", "vorschlag",
     "vorschläge", "angebot", "drohung", "ankündigung", "versprechen", "warnung", "warnungen",
     "vorwurf", "vorwürfe", "behauptung", "behauptungen", "hinweis", "hinweise", "bitte",
     "empfehlung", "zusage", "zusicherung", "mahnung", "beteuerung"}
)  # fmt: skip
# Words of time before the source in a cue clause („verlautete am Montag aus …“).
_TIME_WORDS = frozenset(
    {"am", "damals", "zuletzt", "zunächst", "weiter", "bereits", "heute", "gestern", "montag",
     "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "abend", "morgen",
     "mittwochabend", "dienstagabend", "montagabend", "donnerstagabend", "freitagabend",
     "samstagabend", "sonntagabend"}
)  # fmt: skip
# First words of a cue clause's source that name nobody: impersonal „es“/„man“, a new clause.
_UNNAMED = frozenset({"es", "man", "und", "aber", "doch"})
# First words of a run the speaker models marked that no speaker mention starts with.
# (Adverbs were tried too and dropped: the annotators mark „demnach“ as a source at times.)
_NOT_SPEAKER_STARTS = frozenset(
    {"dass", "daß", "ob", "weil", "wenn", "obwohl", "nachdem", "damit", "zur", "zum", "beim",
     "mit", "nach", "vor", "für", "gegen", "über", "unter", "durch", "ohne", "um"}
)  # fmt: skip
# Pronouns that can be the source of a cue clause („…, sagte sie.“, „…, hieß es.“).
_SPEAKING_PRONOUNS = frozenset({"er", "sie", "es", "man", "wir", "ich"})
# Clauses after a comma that are purposes or ways, not what was said („um … zu“, „ohne … zu“).
_NOT_REPORTING = frozenset(
    {"um", "ohne", "statt", "anstatt", "als", "wie", "weil", "da", "wenn", "nachdem", "bevor",
     "und", "oder", "aber", "doch", "sondern", "denn"}
)  # fmt: skip
# Sentence openers of a subordinate clause (or a conditional verb first, or an indirect
# question): its verb is no cue, and it is no content before a cue.
_SUBORDINATORS = frozenset(
    {"Als", "Wenn", "Nachdem", "Weil", "Da", "Ob", "Obwohl", "Obgleich", "Bevor", "Sobald",
     "Falls", "Sollte", "Sollten", "Während", "Selbst", "Wo", "Seit", "Seitdem", "Damit",
     "Wieso", "Warum", "Weshalb", "Was", "Wer"}
)  # fmt: skip
# Words after a comma that open a relative clause or „wie“: its verb is no cue.
_RELATIVE_STARTS = frozenset(
    {"der", "die", "das", "den", "dem", "denen", "deren", "dessen", "wie", "was", "wo", "in",
     "von", "mit", "bei", "für", "auf", "an"}
)  # fmt: skip
_NEGATIONS = frozenset({"nicht", "nie", "niemals", "niemand", "kein", "keine", "keinen"})
# A zu-infinitive written as one word: „aufzuweichen“, „anzunehmen“, „vorzulegen“.
_ZU_INFINITIVE = re.compile(
    r"(?:ab|an|auf|aus|bei|bekannt|bereit|dar|durch|ein|entgegen|fest|fort|frei|gegenüber|gut|"
    r"her|heraus|herbei|hin|hinaus|hinzu|hoch|klar|los|mit|nach|offen|preis|statt|still|teil|"
    r"um|vor|voran|vorbei|weg|weiter|wieder|zurück|zusammen)zu[a-zäöüß]+en"
)
# Articles and pronouns a noun phrase before „zufolge“ may open with („der Polizei zufolge“,
# „ihm zufolge“).
_FRAME_OPENERS = frozenset(
    {"der", "des", "dem", "den", "die", "einem", "einer", "eines", "ihm", "ihr"}
)
# Articles a source after „so“ may open with („…, so ein Sprecher des CERN.“).
_SO_OPENERS = _FRAME_OPENERS | {"ein", "eine"}
# Prepositions of a place inside a frame's noun phrase, before a capitalised word („des
# Staatssekretärs im Berliner Arbeitsministerium“, „der Polizei in Rom“).
_PLACE_ATTACHMENTS = frozenset({"im", "in", "beim", "bei", "aus"})
# Words that continue a frame's noun phrase after its noun: genitive and „von“ attachments.
_ATTACHMENT_WORDS = frozenset({"der", "des", "von", "vom", "und"})
# Determiners that open a genitive attachment too („nach Informationen dieser Zeitung“,
# „nach Angaben eines Sprechers“, „laut Angaben ihres Anwalts“).
_GENITIVE_DETERMINERS = frozenset(
    {"dieser", "dieses", "eines", "einer", "seines", "seiner", "ihres", "ihrer", "unserer"}
)
# What follows the adjective „laut“ (loud), not the frame „laut X“: „laut geworden“, „wurde
# laut.“, „laut nachgedacht“.
_LOUD_FOLLOWERS = frozenset(
    {".", ",", ";", "geworden", "werden", "wurde", "wurden", "wird", "worden", "gedacht",
     "nachgedacht", "nachdenken", "gesagt", "sagen", "über"}
)  # fmt: skip
# Words an apposition after a name starts with: „…, einem Manager der Firma, …“.
_APPOSITION_STARTS = frozenset({"einem", "einer", "eines", "dem", "der", "des"})
# Words of a speaker mention, and the clause words a mention does not start with.
_MENTION_WORD = re.compile(r"[\w’'.\-/]+|[^\w\s]")
_LEADING_NOISE = frozenset(
    {
        "aber", "auch", "dann", "denn", "doch", "gestern", "heute", "insbesondere", "jedoch",
        "nur", "obwohl", "so", "sogar", "und", "zudem", "in", "im", "am", "nun", "bereits",
        "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
        "oktober", "november", "dezember",
    }
)  # fmt: skip
# Words a subject after its verb may open with („erinnern die Forscher“, „warnten mehrere …“).
_ARTICLES = frozenset({"der", "die", "das", "ein", "eine", "einige", "mehrere", "viele"})
# Sentence openers that are no subject: prepositions („In einer Aktuellen Stunde warf …“) and
# adverbs („Gleichzeitig erinnern Forscher daran, dass …“).
_ADVERBS = frozenset(
    {"dabei", "zuvor", "später", "danach", "gleichzeitig", "zugleich", "allerdings", "außerdem",
     "jetzt", "damals", "inzwischen", "mittlerweile", "deshalb", "daher", "trotzdem", "dennoch",
     "zunächst", "schließlich", "bisher", "ebenfalls", "stattdessen", "vielmehr", "offenbar",
     "dagegen", "hingegen", "daraufhin"}
)  # fmt: skip
_NOT_SUBJECT_STARTS = _FUNCTION_WORDS | _LEADING_NOISE | _ADVERBS
# Adverbs that open a clause, never a speaker mention.
_NOT_MENTION_STARTS = _ADVERBS | {"insbesondere", "jedoch", "zudem", "sogar", "bereits", "nun"}
# A description the name of the person stands in apposition to, and what lies between them:
# a comma and at most two capitalised title words („…, General George Casey“).
_DESCRIPTION_STARTS = frozenset({"Der", "Die", "Ein", "Eine", "Einer", "Einem", "Den", "Dem"})
_APPOSITION_AFTER = re.compile(r",\s(?:[A-ZÄÖÜ][\w.\-]*\s){0,2}")
# Closing marks a mention may end with, when it holds the opening one.
_CLOSING_MARKS = {")": "(", "]": "[", "“": "„", "”": "“", "«": "»", "»": "«", '"': '"'}
_NUMBER = re.compile(r"\d[\d.,]*")
# Outlets and agencies written in lower case.
_LOWER_CASE_NAMES = frozenset({"dpa", "afp", "ddp", "dapd", "taz", "apa", "sid", "epd", "kna"})
# Articles that open a second noun phrase right after a noun („die Polizei die Suche“); „der“
# and „des“ stay: after a noun they open a genitive („Angaben der Polizei“).
_SECOND_PHRASE = frozenset({"die", "das", "den", "dem"})


# What a rule finds in a sentence: the content pieces, the cue, the speaker mention.
_Found = tuple[list[tuple[int, int]], TextSpan, TextSpan | None]


@dataclass(slots=True)
class _Draft:
    sentence: int
    parts: list[tuple[int, int]]  # char spans as tagged (may include quotation marks)
    scores: list[float]
    speaker: TextSpan | None = None
    cue: TextSpan | None = None
    sentences: set[int] = field(default_factory=set)
    inherited: bool = False  # the speaker is the last quote's (a continuation)


@dataclass(slots=True)
class _Tagged:
    quotes: list[tuple[int, int, bool, float]]  # token first, last, continues, score
    speakers: list[tuple[int, int]]  # token first, last
    cues: list[int]  # token indices


def german_quotes(
    text: str,
    sentences: Sequence[Sentence],
    entities: Sequence[ArticleEntity],
) -> tuple[Quote, ...]:
    """The quotes of a German text with its sentences and entities (roles are resolved by the
    entity analysis, which knows the article's date)."""
    marks = quotations(text)
    document = DocumentFeatures(text, sentences, marks, entities)
    drafts: list[_Draft] = []
    tagged_by_sentence: dict[int, _Tagged] = {}
    for index in range(len(sentences)):
        if not document.worth_tagging(index):
            continue
        tagged = _segments(tag_sentence(document.of(index)))
        tagged_by_sentence[index] = tagged
        tokens = sentences[index].tokens
        for first, last, continues, score in tagged.quotes:
            span = (tokens[first].start, tokens[last].end)
            if continues and drafts and _may_continue(drafts[-1], index, span, text, marks):
                drafts[-1].parts.append(span)
                drafts[-1].scores.append(score)
                drafts[-1].sentences.add(index)
                continue
            drafts.append(_Draft(sentence=index, parts=[span], scores=[score], sentences={index}))
    drafts = [d for d in drafts if not _only_pointer(d, text)]
    drafts = _with_headlines(drafts, sentences, text, marks, entities)
    for draft in drafts:
        _complete_by_frame(draft, sentences, text, marks, entities)
        _complete_by_clause(draft, sentences, text, marks)
    drafts = _with_rule(drafts, sentences, lambda i: _cue_after(sentences[i], text, entities))
    drafts = _with_rule(drafts, sentences, lambda i: _frame(sentences[i], text, entities))
    drafts = _with_rule(drafts, sentences, lambda i: _anaphoric(sentences, i, text, entities))
    drafts = _with_rule(drafts, sentences, lambda i: _wie_first(sentences[i], text, entities))
    drafts = _with_rule(drafts, sentences, lambda i: _according_to_that(sentences[i], text))
    drafts = _with_rule(drafts, sentences, lambda i: _clause_after_cue(sentences[i], text))
    drafts = _with_rule(drafts, sentences, lambda i: _noun_clause(sentences[i], text))
    drafts = _with_continuations(drafts, sentences, text)
    for draft in drafts:
        if draft.speaker is None:
            draft.speaker = _speaker(document, draft, text)
    _attach(drafts, tagged_by_sentence, sentences, text, entities, marks)
    drafts = _joined_continuations(drafts, sentences, text, marks)
    drafts = _embedded_fragments(drafts, text, marks)
    drafts = [draft for draft in drafts if _without_loud(draft, text)]
    drafts = [
        draft for draft in drafts if not _negated(draft, sentences) and not _sourceless_nach(draft)
    ]
    for draft in drafts:
        _framed(draft, sentences[draft.sentence], text, entities)
    for draft in drafts:
        if draft.speaker is not None and _accused(sentences[draft.sentence]):
            draft.speaker = None
        elif draft.speaker is not None:
            mention = _noun_phrase(text, draft.speaker)
            quoted = _quoted_person(sentences[draft.sentence], draft, mention, text)
            if quoted is not None:
                mention, draft.cue = quoted
            draft.speaker = _with_apposition(text, mention, draft.parts, entities)

    return tuple(
        quote
        for draft in drafts
        if (quote := _quote(draft, text, marks, sentences, entities)) is not None
    )


def _without_loud(draft: _Draft, text: str) -> bool:
    """„Kritik wurde laut“, „war Kritik laut geworden, …“: „laut“ before a verb or at the end
    is the adjective (loud), not the frame „laut X“ — no cue, no speaker after it, and what
    became loud is no content (False: nothing is left of the quote)."""
    cue = draft.cue
    if cue is None or cue.text.lower() != "laut":
        return True
    after = _MENTION_WORD.search(text, cue.end)
    follower = after.group() if after is not None else "."
    if follower not in _LOUD_FOLLOWERS:
        return True
    draft.cue = None
    if draft.speaker is not None and draft.speaker.start >= cue.end:
        draft.speaker = None
    kept = [(s, e) for s, e in draft.parts if not (e <= cue.start and cue.start - e <= 2)]
    if len(kept) < len(draft.parts):
        draft.parts = kept
        draft.scores = draft.scores[: len(kept)]
    return bool(kept)


def _negated(draft: _Draft, sentences: Sequence[Sentence]) -> bool:
    """Whether the clause that introduces the quote denies the speech: „Ein Sprecher wollte
    nicht bestätigen, dass …“, „Er sagte nicht, ob …“ report nothing the speaker said. Not
    „schloss nicht aus, dass …“ (not ruling out is a statement)."""
    sentence = sentences[draft.sentence]
    start = draft.parts[0][0]
    before = [t for t in sentence.tokens if t.end <= start]
    while before and (before[-1].text in (",", ":") or before[-1].text.lower() in ("dass", "ob")):
        before.pop()
    clause: list[Token] = []
    for token in reversed(before):
        if token.text in (",", ";", ":") or token.text in _CLOSING_MARKS:
            break
        clause.append(token)
    words = [t.text for t in clause]
    if not any(w.lower() in _NEGATIONS for w in words):
        return False
    verbs = {lemma(w) for w in words}
    return bool(verbs & SPEECH_VERBS) and "ausschließen" not in verbs and "aus" not in words


def _sourceless_nach(draft: _Draft) -> bool:
    """„Nach der Sitzung wird Kritik laut“: „nach“ as the only cue frames nothing unless a
    source follows it (a rule or the tagger found none: it was a time)."""
    return draft.cue is not None and draft.cue.text.lower() == "nach" and draft.speaker is None


def _framed(
    draft: _Draft, sentence: Sentence, text: str, entities: Sequence[ArticleEntity]
) -> None:
    """A tagged quote in a sentence that opens with a source frame („Nach Angaben der Zeitung
    Dawn unter Berufung auf das Gesundheitsinstitut wurden …“): the content starts after the
    frame, whose noun phrase is the speaker, when the tagger's content cut into it."""
    found = _frame(sentence, text, entities)
    if found is None:
        return
    parts, cue, speaker = found
    content_start = parts[0][0]
    if cue.start != sentence.start or speaker is None or len(parts) != 1:
        return
    first_start, first_end = draft.parts[0]
    if not first_start < content_start < first_end:
        return
    draft.parts[0] = (content_start, first_end)
    if draft.speaker is None or (
        draft.speaker.start < speaker.end and speaker.start < draft.speaker.end
    ):
        draft.speaker = speaker
        draft.cue = cue


def _speaker(document: DocumentFeatures, draft: _Draft, text: str) -> TextSpan | None:
    """The speaker mention the speaker model finds for a quote in its sentence or the one
    before: the most probable run of speaker tokens."""
    tokens, features = document.speaker_window(draft.sentence, draft.parts)
    probabilities = speaker_tokens(features)
    runs: list[tuple[int, int]] = []
    for index, probability in enumerate(probabilities):
        if probability < _SPEAKER_THRESHOLD:
            continue
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    own = [run for run in runs if tokens[run[0]].start >= document.sentences[draft.sentence].start]
    runs = own or runs
    if not runs:
        return None
    first, last = max(
        runs, key=lambda run: sum(probabilities[run[0] : run[1] + 1]) / (run[1] - run[0] + 1)
    )
    return _span(text, tokens[first].start, tokens[last].end)


def _with_rule(
    drafts: list[_Draft],
    sentences: Sequence[Sentence],
    find: Callable[[int], _Found | None],
) -> list[_Draft]:
    """``drafts`` plus what the rule ``find`` reports for a sentence (by index) where neither
    that sentence nor one the report's content lies in has a quote yet (what the tagger left
    out), at the rules' confidence."""
    taken = {index for draft in drafts for index in draft.sentences}
    added = []
    for index in range(len(sentences)):
        if index in taken or (found := find(index)) is None:
            continue
        parts, cue, speaker = found
        used = {index} | {
            i
            for i, sentence in enumerate(sentences)
            if any(sentence.start < end and start < sentence.end for start, end in parts)
        }
        if used & taken:
            continue
        taken |= used
        added.append(
            _Draft(
                sentence=min(used),
                parts=parts,
                scores=[_RULE_CONFIDENCE],
                speaker=speaker,
                cue=cue,
                sentences=used,
            )
        )
    return sorted([*drafts, *added], key=lambda draft: draft.parts[0][0])


def _with_continuations(
    drafts: list[_Draft], sentences: Sequence[Sentence], text: str
) -> list[_Draft]:
    """``drafts`` plus the Konjunktiv I sentences right after a quote that the tagger left
    out: with no speech verb of their own they go on reporting the last speaker."""
    taken = {index for draft in drafts for index in draft.sentences}
    ends = {max(draft.sentences) for draft in drafts}
    added = []
    for index, sentence in enumerate(sentences):
        if index in taken or index - 1 not in ends:
            continue
        if text[sentences[index - 1].end : sentence.start].count("\n") > 1:
            continue  # a new paragraph
        words = [t for t in sentence.tokens if t.kind == "word"]
        if len(words) < 4 or any(lemma(t.text) in SPEECH_VERBS for t in words):
            continue
        head = [t for t in sentence.tokens[:8] if t.text not in (",", ":")]
        if not any(mood(t.text if i else t.text.lower()) == "k1" for i, t in enumerate(head)):
            continue
        added.append(
            _Draft(
                sentence=index,
                parts=[(sentence.start, sentence.end)],
                scores=[_RULE_CONFIDENCE],
                sentences={index},
            )
        )
        ends.add(index)
    return sorted([*drafts, *added], key=lambda draft: draft.parts[0][0])


def _frame(sentence: Sentence, text: str, entities: Sequence[ArticleEntity] = ()) -> _Found | None:
    """A report framed by its source: „nach“ and a source noun („Nach einem Bericht der
    Jakarta Post gelang es ihm …“, not „nach dem Spiel“), „laut“ or „gemäß“ and a noun phrase
    („Die Firma wartet laut Kristján Loftsson noch auf …“), or a noun phrase and „zufolge“
    („In den Pyrenäen kam es Informationen des Senders zufolge zu Felsstürzen“). A frame
    opening the sentence reports the rest; one inside the main clause reports the clause around
    it (not in a subordinate clause). The frame's noun phrase is the speaker."""
    tokens = sentence.tokens
    words = [t for t in tokens if t.kind == "word"]
    if len(words) < 5:
        return None
    last = _last_word(tokens)
    for position, token in enumerate(tokens):
        found = _frame_at(tokens, position)
        if found is None:
            continue
        first, end = found  # the frame's tokens, cue included
        end = _through_names(tokens, first, end, entities)
        cue = _span(text, token.start, token.end)
        phrase = (first + 1, end) if first == position else (first, position - 1)
        speaker = _span(text, tokens[phrase[0]].start, tokens[phrase[1]].end)
        if first == 0:  # a sentence-initial frame: the report is the rest (V2: verb next)
            after = end + 1
            while after <= last and tokens[after].text == ",":
                after += 1
            if after > last or tokens[after].text[:1].isupper():
                return None
            return [(tokens[after].start, tokens[last].end)], cue, speaker
        if end >= last or any(t.text == "," for t in tokens[:first]):
            return None  # a frame in a subordinate clause frames that clause only
        rest = end + 1
        while rest < last and tokens[rest].text == ",":
            rest += 1  # the comma closing an apposition of the frame
        content = [(tokens[0].start, tokens[first - 1].end)]
        content.append((tokens[rest].start, tokens[last].end))
        return content, cue, speaker
    return None


def _through_names(
    tokens: Sequence[Token], first: int, end: int, entities: Sequence[ArticleEntity]
) -> int:
    """The frame's last token, moved past the end of a name that starts inside it and goes on
    with a lower-case word („nach Angaben von Ärzte ohne Grenzen“)."""
    low, high = tokens[first].start, tokens[end].end
    reach = max(
        (m.end for m in _who_mentions(entities) if low <= m.start < high < m.end), default=high
    )
    while end + 1 < len(tokens) and tokens[end + 1].end <= reach:
        end += 1
    return end


def _frame_at(tokens: Sequence[Token], position: int) -> tuple[int, int] | None:
    """The first and last token of a source frame whose cue word stands at ``position``."""
    word = tokens[position].text
    lower = word.lower()
    if lower == "nach" and position + 1 < len(tokens):
        head = _frame_head(tokens, position + 1)
        if head is None or not tokens[head].text.lower().endswith(_SOURCE_NOUNS):
            return None
        return position, _apposition_end(tokens, _frame_end(tokens, head))
    if (lower == "gemäß" or word == "Laut" or (word == "laut" and position)) and (
        position + 1 < len(tokens)
    ):
        head = _frame_head(tokens, position + 1)
        if head is None:
            return None
        return position, _apposition_end(tokens, _frame_end(tokens, head))
    if word == "zufolge" and position > 0:
        first = position
        while first > 0 and (
            tokens[first - 1].text[:1].isupper()
            or tokens[first - 1].text in _ATTACHMENT_WORDS
            or tokens[first - 1].text in _FRAME_OPENERS
        ):
            first -= 1
        while first < position and not tokens[first].text[:1].isupper():
            if tokens[first].text in _FRAME_OPENERS:
                break
            first += 1  # „der“ of an attachment cannot open the phrase
        return (first, position) if first < position else None
    return None


def _frame_head(tokens: Sequence[Token], start: int) -> int | None:
    """The index of the noun a frame's phrase starts with („einem Bericht“, „ersten
    Untersuchungen“, „israelischen Armeeangaben“, „Kristján Loftsson“): at most three words
    before it, all lower-case (articles, adjectives)."""
    for index in range(start, min(start + 4, len(tokens))):
        word = tokens[index].text
        if tokens[index].kind != "word":
            return None
        if word[:1].isupper():
            return index
    return None


def _frame_end(tokens: Sequence[Token], head: int) -> int:
    """The last token of the frame's noun phrase: the source noun and its genitive or „von“
    attachment („der malaysischen Nachrichtenagentur Bernama“, „von n24“)."""
    end = head
    index = head + 1
    while index < len(tokens):
        word = tokens[index].text
        if word in _ATTACHMENT_WORDS or word in _GENITIVE_DETERMINERS or word[:1].isupper():
            if word[:1].isupper():
                end = index
            index += 1
            continue
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if word in _PLACE_ATTACHMENTS and index > head + 1 and following[:1].isupper():
            index += 1  # „des Staatssekretärs im Berliner Arbeitsministerium“
            continue
        if [t.text for t in tokens[index : index + 3]] == ["unter", "Berufung", "auf"]:
            further = _frame_head(tokens, index + 3)  # „… unter Berufung auf Behörden“
            if further is None:
                break
            end = index = _frame_end(tokens, further)
            index += 1
            continue
        if (
            word[:1].islower()
            and word not in _SECOND_PHRASE
            and word not in _FUNCTION_WORDS
            and following[:1].isupper()
            and index > head + 1
        ):
            index += 1  # an adjective inside the attachment: „der malaysischen Agentur“
            continue
        break
    return end


def _apposition_end(tokens: Sequence[Token], end: int) -> int:
    """``end``, or the end of an apposition right after it: „Nach Angaben von Kristján
    Loftsson, einem Manager der Firma, wurde …“ (the speaker is the whole phrase)."""
    if end + 2 >= len(tokens) or tokens[end + 1].text != ",":
        return end
    closing = next(
        (i for i in range(end + 3, min(end + 12, len(tokens))) if tokens[i].text == ","), None
    )
    if closing is None:
        return end
    if tokens[end + 2].text.lower() in _APPOSITION_STARTS:
        return closing - 1
    name = tokens[end + 2 : closing]
    if len(name) <= 4 and all(t.kind == "word" and t.text[:1].isupper() for t in name):
        return closing - 1  # „nach Worten des Staatssekretärs, Thorben Albrecht, …“
    return end


def _cue_after(sentence: Sentence, text: str, entities: Sequence[ArticleEntity]) -> _Found | None:
    """A content-first report: "…, teilte eine Sprecherin der Regierung mit.", "…, wie
    Reporter Pawel Sarubin berichtete." and "…, so der UN-Mitarbeiter." (a noun phrase
    alone after „so“)."""
    tokens = sentence.tokens
    commas = [i for i, token in enumerate(tokens) if token.text == ","]
    if not commas or len(tokens) < 6:
        return None
    # "…, wie X, Reporter beim Staatsfernsehen, berichtete": the cue clause starts at the
    # comma before "wie" and may hold commas of its own
    comma = next(
        (i for i in commas if i + 1 < len(tokens) and tokens[i + 1].text == "wie"), commas[-1]
    )
    tail = [t for t in tokens[comma + 1 :] if t.kind == "word"]
    if not 2 <= len(tail) <= _MAX_CUE_CLAUSE or comma < 4:
        return None
    if tail[0].text == "wie":
        if _speech_cue(tokens, comma - 1) is not None or any(t.text == "sich" for t in tail):
            return None  # „… dargelegt, wie sie sich das Ende vorstellt“: what was laid out
        verbs = [t for t in tail[1:] if lemma(t.text) in SPEECH_VERBS and t.text[:1].islower()]
        if not verbs or (verbs[-1] is not tail[-1] and tail[-1].text not in ("mit", "an")):
            # „…, wie der Verband am Montag bekannt gab“: a cue of two words
            at = _speech_cue(tokens, tokens.index(tail[-1]))
            if at is None or tokens[at].start < tail[1].start:
                return None
            if any(t.text.lower() in _NEGATIONS for t in tail):
                return None  # „…, wie man es nicht erwartet hatte“: a comparison
            verbs = [tokens[at]]
        cue, region = verbs[-1], [t for t in tail[1:-1] if t.start < verbs[-1].start]
    elif tail[0].text == "so":
        # „…, so Obama weiter.“: the adverb after the name is no part of it
        named = tail[1:-1] if len(tail) > 2 and tail[-1].text == "weiter" else tail[1:]
        region = _first_phrase(named)
        if (
            len(region) != len(named)
            or not any(_capitalised(t.text) for t in region)
            or not (_capitalised(region[0].text) or region[0].text in _SO_OPENERS)
        ):
            return None  # „…, so dass …“, „…, so schnell es ging“: no source
        cue = tail[0]
    elif tail[0].text in ("wird", "wurde") and tail[-1].text == "zitiert":
        # „…“, wird der Franzose im Fachblatt „Gazzetta dello Sport“ zitiert: the quoted speaks
        cue, region = tail[-1], _first_phrase(tail[1:-1])
    else:
        verb = tail[0]
        particle = tail[-1].text if tail[-1].text in _CUE_PARTICLES else ""
        base = lemma(verb.text)
        if not verb.text[:1].islower() or not (
            base in SPEECH_VERBS or (particle and particle + base in SPEECH_VERBS)
        ):
            return None
        cue, region = verb, tail[1:-1] if particle else tail[1:]
    if not region or region[0].text in _NOT_SUBJECTS or not _clause_like(tokens[:comma]):
        return None
    while len(region) > 1 and (
        region[0].text in _SOURCE_OPENERS or region[0].text.lower() in _TIME_WORDS
    ):
        region = region[1:]  # „…, heißt es in einer Aussendung“, „verlautete am Montag aus …“
    if not any(t.text[:1].isupper() or t.text in _SPEAKING_PRONOUNS for t in region):
        return None  # „…, worum er sie gebeten hat.“: nobody said it here
    unnamed = region[0].text in _UNNAMED or all(t.text.lower() in _TIME_WORDS for t in region)
    # „…, hieß es.“, „…, hieß es am Dienstag.“, „…, hieß es damals – und …“: nobody named
    speaker = None if unnamed else _region_speaker(region, text, entities)
    content_end = tokens[comma - 1].end
    return [(sentence.start, content_end)], _span(text, cue.start, cue.end), speaker


def _capitalised(word: str) -> bool:
    """A capitalised word, or a compound whose later part is („verdi-Verhandlungsführer“)."""
    return word[:1].isupper() or any(part[:1].isupper() for part in word.split("-")[1:])


def _clause_like(tokens: Sequence[Token]) -> bool:
    """Whether content before a cue can be what was said: not a subordinate clause opening
    the sentence („Wenn er verurteilt wird, droht ihm …“) and not a bare noun phrase („Die
    Fraktionschefin der Grünen, Renate Künast, äußerte sich …“): some lower-case word other
    than articles and prepositions (a verb, in practice)."""
    if not tokens or tokens[0].text in _SUBORDINATORS:
        return False
    segment_start = True  # a part after a comma that opens a relative clause does not count
    relative = False
    for token in tokens:
        if token.text == ",":
            segment_start = True
            continue
        if segment_start:
            relative, segment_start = token.text in _RELATIVE_STARTS, False
        if (
            not relative
            and token.kind == "word"
            and token.text[:1].islower()
            and token.text not in _FUNCTION_WORDS
        ):
            return True
    return False


def _speech_cue(tokens: Sequence[Token], at: int) -> int | None:
    """The index of the speech verb a cue ends with at ``tokens[at]``: the verb itself
    („mitteilte“, „berichtete“), or the finite verb of a separable one whose particle stands
    there („gab … bekannt“, „teilte … mit“, „rief … auf“), or the participle before an
    auxiliary („berichtet hatte“, „bekannt gegeben wurde“). None when it is no speech cue."""
    while at > 0 and tokens[at].text in _AUXILIARIES:
        at -= 1
    word = tokens[at].text
    if tokens[at].kind != "word" or not word[:1].islower():
        return None
    if lemma(word) in _RULE_CUES:
        return at
    if at > 0 and tokens[at - 1].text == "bekannt" and lemma(word) == "geben":
        return at - 1  # „bekannt gab“, „bekannt gegeben“
    if word in _SEPARATED_PARTICLES:
        for index in range(at - 1, max(-1, at - _MAX_CUE_CLAUSE), -1):
            verb = tokens[index].text
            if verb[:1].islower() and (word + lemma(verb)) in _RULE_CUES:
                return index
    return None


def _complete_by_frame(
    draft: _Draft,
    sentences: Sequence[Sentence],
    text: str,
    marks: Sequence[Quotation],
    entities: Sequence[ArticleEntity] = (),
) -> None:
    """A tagged report in a framed sentence that covers only one side of its frame („Er
    soll“ of „Er soll nach Informationen des Geheimdienstes einen Anschlag geplant haben“)
    gets the whole clause around the frame (quotation marks in the sentence: left alone)."""
    sentence = _unquoted_sentence(draft, sentences, marks)
    found = _frame(sentence, text, entities) if sentence is not None else None
    if found is None:
        return
    parts, cue, _ = found  # the speaker: the tagger's own marks decide (see ``_attach``)
    low, high = parts[0][0], parts[-1][1]
    if not all(low <= start and end <= high + 1 for start, end in draft.parts):
        return
    if sum(e - s for s, e in parts) <= sum(e - s for s, e in draft.parts):
        return
    draft.parts = parts
    draft.scores = [sum(draft.scores) / len(draft.scores)] * len(parts)
    draft.cue = draft.cue or cue


def _unquoted_sentence(
    draft: _Draft, sentences: Sequence[Sentence], marks: Sequence[Quotation]
) -> Sentence | None:
    """The one sentence a tagged report lies in, when no quotation marks stand in it."""
    if len(draft.sentences) != 1:
        return None
    sentence = sentences[draft.sentence]
    if any(q.open < sentence.end and sentence.start < q.close for q in marks):
        return None
    return sentence


def _complete_by_clause(
    draft: _Draft, sentences: Sequence[Sentence], text: str, marks: Sequence[Quotation]
) -> None:
    """A tagged report that covers only part of the clause a speech verb introduces („Er
    kündigte an, [die Steuern] zu senken“) gets the whole clause (quotation marks in the
    sentence: left alone)."""
    sentence = _unquoted_sentence(draft, sentences, marks)
    found = _clause_after_cue(sentence, text) if sentence and len(draft.parts) == 1 else None
    if found is None:
        return
    (low, high), (start, end) = found[0][0], draft.parts[0]
    if low <= start and end <= high + 1 and high - low > end - start:
        draft.parts = [(low, high)]


def _with_headlines(
    drafts: list[_Draft],
    sentences: Sequence[Sentence],
    text: str,
    marks: Sequence[Quotation],
    entities: Sequence[ArticleEntity],
) -> list[_Draft]:
    """``drafts`` with headline quotes: a line that names a person or organisation before a
    colon and is a quotation after it („Vance: „Europa muss mehr tun““). The quotation is the
    quote and the name its speaker; a tagged quote overlapping it gives way."""
    named = [(mention.start, mention.end) for mention in _who_mentions(entities)]
    starts = [sentence.start for sentence in sentences]
    found: list[_Draft] = []
    for match in _HEADLINE.finditer(text):
        name = match.span("name")
        if not any(name[0] <= start and end <= name[1] for start, end in named):
            continue  # „Achtung: „…““, „Update: …“: no one named
        quotation = next((q for q in marks if not q.nested and q.open == match.end()), None)
        if quotation is None:
            continue
        line_end = text.find("\n", quotation.close)
        rest = text[quotation.close + 1 : len(text) if line_end < 0 else line_end]
        if rest.strip(" \t.!?"):
            continue  # the line goes on after the quotation: no headline
        index = max(0, bisect.bisect_right(starts, quotation.open) - 1)
        found.append(
            _Draft(
                sentence=index,
                parts=[(quotation.open, quotation.close + 1)],
                scores=[_RULE_CONFIDENCE],
                speaker=_span(text, *name),
                sentences={index},
            )
        )
    if not found:
        return drafts
    kept = [
        draft
        for draft in drafts
        if not any(
            start < h.parts[0][1] and h.parts[0][0] < end
            for h in found
            for start, end in draft.parts
        )
    ]
    return sorted([*kept, *found], key=lambda draft: draft.parts[0][0])


def _only_pointer(draft: _Draft, text: str) -> bool:
    """Whether a tagged quote is nothing but the word pointing back at it („Das“ of „Das
    berichtete die Zeitung.“): the report is the sentence before, which ``_anaphoric`` finds."""
    return len(draft.parts) == 1 and text[slice(*draft.parts[0])].strip() in ("Das", "Dies")


def _anaphoric(
    sentences: Sequence[Sentence], index: int, text: str, entities: Sequence[ArticleEntity]
) -> _Found | None:
    """A report whose cue follows in the next sentence and points back at it: „… Das
    berichtete die Automobilwoche.“, „… Dies gab das Nobelkomitee gestern bekannt.“ — the
    sentence before is the content, the noun phrase after the verb the speaker."""
    tokens = sentences[index].tokens
    if index == 0 or len(tokens) < 4 or tokens[0].text not in ("Das", "Dies"):
        return None
    previous = sentences[index - 1]
    if "\n" in text[previous.end : sentences[index].start] or previous.text[-1:] not in ".!":
        return None  # not in the same paragraph, or after a heading
    if lemma(tokens[1].text) not in SPEECH_VERBS and _speech_cue(tokens, _last_word(tokens)) != 1:
        return None
    region = [t for t in tokens[2:] if t.kind == "word"]
    if region and region[-1].text in _SEPARATED_PARTICLES:
        region = region[:-1]
    region = _first_phrase(region)
    if not region or not (
        region[0].text[:1].islower()
        or _opens_a_name(region[0], entities)
        or not tokens[1].text.endswith("e")
    ):
        return None  # „Das sagte er“, „Dies gab Airbus bekannt“, „Das berichten Medien“;
    # not „Das erklärte Ziel …“ (a verb form ending in -e may be an adjective before a noun)
    speaker = _closed(text, _region_speaker(region, text, entities))
    cue = _span(text, tokens[1].start, tokens[1].end)
    content = (previous.start, previous.tokens[_last_word(previous.tokens)].end)
    return [content], cue, speaker


def _according_to_that(sentence: Sentence, text: str) -> _Found | None:
    """A report opened by an adverb pointing at the source before it: „Das Gericht hat sein
    Urteil verkündet. Demnach ist Jackson nicht schuldig.“ The adverb is cue and speaker
    mention (as the annotators mark it); who it points at is left to the reader."""
    tokens = sentence.tokens
    if len(tokens) < 4 or tokens[0].text not in POINTING_ADVERBS or tokens[1].kind != "word":
        return None
    if not tokens[1].text[:1].islower():
        return None  # „Demnach, so …“, „Demnach Müller …“: not a verb after it
    pointer = _span(text, tokens[0].start, tokens[0].end)
    return [(tokens[1].start, tokens[_last_word(tokens)].end)], pointer, pointer


def _opens_a_name(word: Token, entities: Sequence[ArticleEntity]) -> bool:
    """Whether ``word`` opens the mention of a named person or organisation."""
    return any(
        mention.start == word.start and mention.form in ("name", "surname")
        for mention in _who_mentions(entities)
    )


def _who_mentions(entities: Sequence[ArticleEntity]) -> Iterator[EntityMention]:
    """The mentions of the persons and organisations of ``entities`` (who can speak)."""
    for entity in entities:
        if entity.kind in ("person", "organisation"):
            yield from entity.mentions


def _wie_first(sentence: Sentence, text: str, entities: Sequence[ArticleEntity]) -> _Found | None:
    """A report opened by its source: „Wie aus Unternehmenskreisen verlautete, will die
    Volkswagen AG …“, „Wie das Ministerium heute bekannt gab, wird Island …“ — the main
    clause after the comma is the content."""
    tokens = sentence.tokens
    if len(tokens) < 7 or tokens[0].text != "Wie":
        return None
    comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
    if comma is None or comma < 3 or comma > _MAX_CUE_CLAUSE + 1:
        return None
    cue = _speech_cue(tokens, comma - 1)
    if cue is None or cue < 2:
        return None
    region = [t for t in tokens[1:cue] if t.kind == "word"]
    while region and region[0].text in _SOURCE_PREPOSITIONS:
        region = region[1:]
    region = _first_phrase(region)
    last = _last_word(tokens)
    if not region or comma + 3 > last or not tokens[comma + 1].text[:1].islower():
        return None  # the main clause starts with its finite verb
    speaker = _region_speaker(region, text, entities)
    content = [(tokens[comma + 1].start, tokens[last].end)]
    return content, _span(text, tokens[cue].start, tokens[cue].end), speaker


def _clause_after_cue(sentence: Sentence, text: str) -> _Found | None:
    """A speech verb and the clause it introduces after a comma, where the tagger found
    none: „Diese bestätigte, dass gegen ihn ein Haftbefehl besteht“, „Das Ministerium erklärte,
    von solchen Absprachen nichts zu wissen“, „Kritiker warnen davor, … aufzuweichen“. The
    clause runs to the next main clause („…, und gab an, …“) or the sentence's end; the
    speaker is the subject opening the sentence, else what the speaker model finds."""
    tokens = sentence.tokens
    last = _last_word(tokens)
    for comma, token in enumerate(tokens):
        if token.text != "," or comma < 2 or comma + 3 > last:
            continue
        at = comma - 1
        cue = _speech_cue(tokens, at)
        if cue is None and tokens[at].text.lower() in _CORRELATES:  # „warnen denn auch davor, …“
            cue = next(
                (i for i in range(at - 1, max(0, at - 4), -1) if _speech_cue(tokens, i) == i), None
            )
        inverted = _inverted_subject(tokens, at) if cue is None else None
        if inverted is not None:
            cue = inverted[0] - 1  # „Zudem verlangen die Mönche, dass …“
        elif cue is None and _content_clause(tokens, comma, last) is not None:
            cue = _cue_before_object(tokens, at)  # „appellierte an die Lehrkräfte, … zu …“
        if cue is None:
            continue
        if (
            lemma(tokens[cue].text) in _WEAK_CUES
            and tokens[at].text not in _SEPARATED_PARTICLES
            and not (tokens[at].text == "darauf" and lemma(tokens[cue].text) == "bestehen")
        ):
            continue  # „besteht Uneinigkeit darüber, ob“ (but „schloss nicht aus, dass“,
            # „bestehen darauf, … zu machen“)
        clause = _content_clause(tokens, comma, last)
        if clause is None or not _speaking_clause(tokens, cue):
            continue
        content = [(clause[0].start, clause[-1].end)]
        subject = None  # the speaker model decides, unless the sentence opens with the subject
        if inverted is not None:
            subject = _span(text, tokens[inverted[0]].start, tokens[inverted[1]].end)
        elif (
            0 < cue <= _MAX_SUBJECT
            and tokens[0].text[:1].isupper()
            and tokens[0].text.lower() not in _NOT_SUBJECT_STARTS
            and all(t.kind == "word" and t.text not in _AUXILIARIES for t in tokens[:cue])
        ):
            subject = _span(text, tokens[0].start, tokens[cue - 1].end)
        elif 0 < cue <= _MAX_SUBJECT and tokens[0].text.lower() in _NOT_SUBJECT_STARTS:
            # „Gleichzeitig erinnern Forscher daran, dass …“: the subject follows the verb
            after = _first_phrase([t for t in tokens[cue + 1 : comma] if t.kind == "word"])
            if after and (after[0].text[:1].isupper() or after[0].text in _ARTICLES):
                subject = _span(text, after[0].start, after[-1].end)
        return content, _span(text, tokens[cue].start, tokens[cue].end), subject
    return None


def _cue_before_object(tokens: Sequence[Token], at: int) -> int | None:
    """The speech verb before the object that ends at ``tokens[at]`` („bat die Regierung“,
    „appellierte an die Lehrkräfte“): a short run of articles, prepositions and nouns."""
    for index in range(at - 1, max(-1, at - _MAX_OBJECT - 1), -1):
        token = tokens[index]
        if token.kind != "word":
            return None
        if _speech_cue(tokens, index) == index:
            return index if tokens[index + 1].text.lower() in _OBJECT_STARTS else None
        if token.text[:1].islower() and token.text not in _OBJECT_STARTS:
            return None
    return None


def _content_clause(tokens: Sequence[Token], comma: int, last: int) -> Sequence[Token] | None:
    """The dass-, ob- or zu-infinitive clause after ``tokens[comma]``, up to the next main
    clause („…, und gab an, …“) or the sentence's end; None for a purpose or way („um … zu“)."""
    end = next(
        (
            i - 1
            for i in range(comma + 2, last)
            if tokens[i].text == ","
            and (tokens[i + 1].text in _NEW_CLAUSE or _finite_verb(tokens[i + 1]))
        ),
        last,
    )
    clause = tokens[comma + 1 : end + 1]
    if not clause or clause[0].text in _NOT_REPORTING:
        return None
    words = [t.text for t in clause if t.kind == "word"]
    if len(words) < 3:
        return None
    if clause[0].text not in ("dass", "ob") and not (
        "zu" in words[-2:] or _ZU_INFINITIVE.fullmatch(words[-1])
    ):
        return None  # a zu-infinitive clause ends with its verb
    return clause


def _finite_verb(token: Token) -> bool:
    """Whether a lower-case word after a clause's comma is the main clause's verb („Die
    Forderung, dass …, stieß auf Kritik“), by its lemma: an -en verb other than the word."""
    word = token.text
    if not word[:1].islower() or word in _FUNCTION_WORDS or word in _RELATIVE_STARTS:
        return False
    base = lemma(word)
    return base != word and base.endswith("en") and not word.endswith(("en", "e"))


def _noun_clause(sentence: Sentence, text: str) -> _Found | None:
    """A speech act named by a noun and the clause it introduces: „Die Regierung lehnte die
    Forderung der Opposition ab, die Steuern zu senken“, „Aufrufe, an Ostern für Frieden zu
    demonstrieren“. The noun's genitive attachment is the speaker; without one, none."""
    tokens = sentence.tokens
    last = _last_word(tokens)
    for comma, token in enumerate(tokens):
        if token.text != "," or comma < 1 or comma + 3 > last:
            continue
        head = next(
            (
                i
                for i in range(comma - 1, max(-1, comma - 6), -1)
                if tokens[i].text.lower() in _CLAUSE_NOUNS
            ),
            None,
        )
        if head is None:
            continue
        between = tokens[head + 1 : comma]
        if (
            between
            and between[0].text not in _ATTACHMENT_WORDS
            and between[0].text not in _GENITIVE_DETERMINERS
            and not (len(between) == 1 and between[0].text in _SEPARATED_PARTICLES)
        ):
            continue  # only a genitive (or a verb's particle) between noun and comma
        clause = _content_clause(tokens, comma, last)
        if clause is None:
            continue
        attachment = [t for t in between if t.kind == "word" and t.text not in _SEPARATED_PARTICLES]
        speaker = (
            _span(text, attachment[0].start, attachment[-1].end)
            if len(attachment) > 1 and attachment[0].text in ("der", "des", "von", "vom")
            else None
        )
        cue = _span(text, tokens[head].start, tokens[head].end)
        return [(clause[0].start, clause[-1].end)], cue, speaker
    return None


def _inverted_subject(tokens: Sequence[Token], at: int) -> tuple[int, int] | None:
    """The subject standing between a speech verb and the comma at ``at + 1`` („verlangen die
    Mönche, …“, „sagte ein Sprecher des Ministeriums, …“): its first and last index, when the
    words there are one noun phrase right after the verb."""
    for verb in range(at - 1, max(0, at - _MAX_SUBJECT) - 1, -1):
        if _speech_cue(tokens, verb) == verb:
            break
    else:
        return None
    opener = tokens[0].text.lower()
    if verb == 0 or opener not in _NOT_SUBJECT_STARTS or opener in _ARTICLES:
        return None  # the sentence opens with its subject: the phrase is an object
    phrase = tokens[verb + 1 : at + 1]
    if any(t.kind != "word" or t.text in _AUXILIARIES for t in phrase):
        return None
    first = phrase[0].text
    if first in ("er", "sie"):
        return (verb + 1, at) if len(phrase) == 1 else None
    if not (first in _ARTICLES or first[:1].isupper()) or not phrase[-1].text[:1].isupper():
        return None  # a noun phrase ends with its noun (not „rät Bürgerwehren davon ab“)
    return verb + 1, at


def _speaking_clause(tokens: Sequence[Token], cue: int) -> bool:
    """Whether the clause of the cue at ``tokens[cue]`` says that somebody said something: not
    impersonal („Es wird erwartet, dass …“, „kann man sagen, dass …“), not negated („wollte
    nicht bestätigen, dass …“), not a subordinate or relative clause („Als die Täterin
    bemerkte, dass …“, „…, wie der Senator genannt wurde, …“, „Sollte sich dies bestätigen,
    …“)."""
    start = max((i + 1 for i in range(cue) if tokens[i].text in (",", ";", ":")), default=0)
    if start == cue and start > 1 and tokens[start - 1].text == ",":
        # „Roswitha Müller-Piepenkötter, die Justizministerin, kündigte an, …“: an apposition
        # or a clause before; the cue's clause opens the sentence or follows that clause
        start = max((i + 1 for i in range(cue - 1) if tokens[i].text in (";", ":")), default=0)
    words = [t.text for t in tokens[start:cue]]
    if not words or words[0] in _SUBORDINATORS or (start and words[0] in _RELATIVE_STARTS):
        return False
    lowered = {w.lower() for w in words}
    return not lowered & _NEGATIONS and "man" not in lowered and words[0].lower() != "es"


def _closed(text: str, mention: TextSpan) -> TextSpan:
    """``mention`` with the closing mark of a quotation or bracket it opened („die
    „Automobilwoche“ “)."""
    end = mention.end
    if end < len(text) and _CLOSING_MARKS.get(text[end], "\0") in mention.text:
        return _span(text, mention.start, end + 1)
    return mention


def _last_word(tokens: Sequence[Token]) -> int:
    last = len(tokens) - 1
    while last > 0 and tokens[last].kind != "word":
        last -= 1
    return last


def _first_phrase(words: Sequence[Token]) -> list[Token]:
    """The first noun phrase of ``words``: up to the first lower-case word after a capitalised
    one that does not attach a genitive („die Automobilwoche in ihrer Onlineausgabe“ → „die
    Automobilwoche“; „ein Sprecher des Ministeriums“ stays whole)."""
    out: list[Token] = []
    for word in words:
        if (
            out
            and out[-1].text[:1].isupper()
            and word.text[:1].islower()
            and word.text not in _ATTACHMENT_WORDS
            and word.text not in _LOWER_CASE_NAMES
        ):
            break
        out.append(word)
    return out


def _region_speaker(
    region: Sequence[Token], text: str, entities: Sequence[ArticleEntity]
) -> TextSpan:
    """The named person (else organisation) in a cue clause — not a possessor ("Putins
    Reporter Pawel Sarubin") — else the clause's first noun phrase: "eine Sprecherin der
    britischen Regierung" (not "das Wirtschaftsministerium heute, Dienstag")."""
    start, end = region[0].start, region[-1].end
    for kind in ("person", "organisation"):
        found = [
            mention
            for entity in entities
            if entity.kind == kind
            for mention in entity.mentions
            if start <= mention.start
            and mention.end <= end
            and mention.form not in ("pronoun", "genitive", "compound")
        ]
        if found:
            first = min(found, key=lambda mention: mention.start)
            return _span(text, first.start, first.end)
    phrase = _first_phrase(region) or region
    return _span(text, phrase[0].start, phrase[-1].end)


def _quoted_person(
    sentence: Sentence, draft: _Draft, mention: TextSpan, text: str
) -> tuple[TextSpan, TextSpan] | None:
    """Whom a source quotes, with the verb: „„…“, zitierte die Agentur den Minister“ and „Die
    Zeitung zitiert den Minister mit den Worten …“ — the minister is the speaker, not the
    agency. None when no such object follows the verb (``mention``, the source the models
    found, stays)."""
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        if token.text not in _QUOTING_VERBS or any(s <= token.start < e for s, e in draft.parts):
            continue
        after = list(tokens[index + 1 :])
        if mention.start >= token.end:  # the source after the verb: the object follows it
            after = [t for t in after if t.start >= mention.end]
            if not after or after[0].start - mention.end > 1:
                return None
        elif mention.end > token.start:
            return None
        stop = _stop(after)
        phrase = _first_phrase([t for t in after if t.kind == "word" and t.start < stop])
        if (
            len(phrase) >= 2
            and phrase[0].text in _OBJECT_ARTICLES
            and any(t.text[:1].isupper() for t in phrase[1:])
        ):
            verb = _span(text, token.start, token.end)
            return _span(text, phrase[0].start, phrase[-1].end), verb
        return None
    return None


def _stop(tokens: Sequence[Token]) -> int:
    """Where the object of a quoting verb ends: at punctuation or „mit den Worten“."""
    return next(
        (t.start for t in tokens if t.kind != "word" or t.text in ("mit", "in", "im", "gegenüber")),
        tokens[-1].end + 1 if tokens else 0,
    )


def _noun_phrase(text: str, mention: TextSpan) -> TextSpan:
    """The speaker mention without the clause words the tagger's run took in at its edges: a
    leading conjunction, adverb or date („Aber Zeitungen“, „gestern ein Sprecher“, „Mai 2005
    der mexikanische Präsident …“), a second noun phrase („die Polizei die Suche“), trailing
    lower-case words and numbers („die Staatsanwaltschaft sicher“, „… den 18“), whom a pronoun
    told it („sie der Harbour Times“ → „sie“)."""
    words = [(m.start(), m.end()) for m in _MENTION_WORD.finditer(mention.text)]

    def word(index: int) -> str:
        start, end = words[index]
        return mention.text[start:end]

    while len(words) > 1 and (word(0).lower() in _LEADING_NOISE or _is_number(word(0))):
        words.pop(0)
    if len(words) > 1 and word(0).lower() in ("er", "sie"):
        words = words[:1]  # „sagte sie der Harbour Times“: the rest is whom she told
    for index in range(2, len(words)):
        if word(index) in _SECOND_PHRASE and word(index - 1)[:1].isupper():
            words = words[:index]
            break
    while len(words) > 1 and not _may_end(word(-1), mention.text):
        words.pop()
    start, end = mention.start + words[0][0], mention.start + words[-1][1]
    return mention if (start, end) == (mention.start, mention.end) else _span(text, start, end)


def _with_apposition(
    text: str,
    mention: TextSpan,
    content: Sequence[tuple[int, int]],
    entities: Sequence[ArticleEntity],
) -> TextSpan:
    """A description with the name in apposition to it, so that the quote goes to the named
    person: „der Oberkommandierende General der US-Streitkräfte, General George Casey“,
    „John Kline, ein Repräsentant aus Minnesota“. The name must stand outside the quote's
    content („sagte der Sprecher, Merkel habe …“ is no apposition)."""
    if not mention.text[:1].islower() and mention.text.split(" ", 1)[0] not in _DESCRIPTION_STARTS:
        return mention  # a name already, or a pronoun
    names = [
        m
        for entity in entities
        if entity.kind == "person"
        for m in entity.mentions
        if m.form == "name" and not any(s < m.end and m.start < e for s, e in content)
    ]
    for name in names:
        if _APPOSITION_AFTER.fullmatch(text, mention.end, name.start):
            return _span(text, mention.start, name.end)
        if text[name.end : mention.start] == ", ":
            return _span(text, name.start, mention.end)
    return mention


def _is_number(word: str) -> bool:
    return _NUMBER.fullmatch(word) is not None


def _may_end(word: str, mention: str) -> bool:
    """Whether a speaker mention may end with ``word``: a capitalised word, a year, a name
    written in lower case („n-tv“, „dpa“), the end of a bracket or quotation it opened."""
    if word in _CLOSING_MARKS:
        return _CLOSING_MARKS[word] in mention
    if _is_number(word):
        return len(word) == 4
    return word[:1].isupper() or word in _LOWER_CASE_NAMES or any(c in word for c in "-0123456789")


def _accused(sentence: Sentence) -> bool:
    """ "X wurde vorgeworfen, …": X is the one accused, not the one speaking (and nobody is
    named as speaking)."""
    words = {token.text.lower() for token in sentence.tokens}
    if not words & _ACCUSATION_PARTICIPLES or not words & _PASSIVE:
        return False
    agent = re.search(r"\b(?:von|vom)\s+\S+", sentence.text)
    return agent is None


def _segments(labelled: Sequence[tuple[str, float]]) -> _Tagged:
    tagged = _Tagged(quotes=[], speakers=[], cues=[])
    for index, (label, score) in enumerate(labelled):
        previous = labelled[index - 1][0] if index else "O"
        if label in ("B-Q", "I-Q"):
            if label == "B-Q" or previous not in ("B-Q", "I-Q"):
                tagged.quotes.append((index, index, label == "I-Q", score))
            else:
                first, _, continues, total = tagged.quotes[-1]
                tagged.quotes[-1] = (first, index, continues, total + score)
        elif label in ("B-S", "I-S"):
            if label == "B-S" or previous not in ("B-S", "I-S"):
                tagged.speakers.append((index, index))
            else:
                tagged.speakers[-1] = (tagged.speakers[-1][0], index)
        elif label == "C":
            tagged.cues.append(index)
    tagged.quotes = [
        (first, last, continues, total / (last - first + 1))
        for first, last, continues, total in tagged.quotes
    ]
    return tagged


def _may_continue(
    draft: _Draft, sentence: int, span: tuple[int, int], text: str, marks: Sequence[Quotation]
) -> bool:
    """Whether a piece tagged as a continuation belongs to the quote before it. In the next
    sentence only inside the same quotation (or after a sentence cut at a colon or semicolon);
    in the same sentence unless the gap is long."""
    last = draft.parts[-1]
    gap = text[last[1] : span[0]]
    if sentence != max(draft.sentences):
        if sentence - max(draft.sentences) > 1:
            return False
        same = _quotation_of(last, marks)
        if same is not None and same == _quotation_of(span, marks):
            return True
        return gap.strip()[:1] in (":", ";") or text[last[1] - 1 : last[1]] in (":", ";")
    # the tagger marked the piece as going on: the gap is the quote's own cue, speaker or
    # frame ("Der Lastwagen gehörte nach Angaben des Unternehmens zur Flotte …")
    return len(gap) < _MAX_INTERRUPTION


def _quotation_of(span: tuple[int, int], marks: Sequence[Quotation]) -> Quotation | None:
    return next(
        (q for q in marks if not q.nested and q.open <= span[0] + 1 and span[1] - 1 <= q.close),
        None,
    )


def _attach(
    drafts: list[_Draft],
    tagged: dict[int, _Tagged],
    sentences: Sequence[Sentence],
    text: str,
    entities: Sequence[ArticleEntity],
    marks: Sequence[Quotation],
) -> None:
    """Speaker and cue of every draft: from its own sentences, else from a colon-ended sentence
    right before, else from what the rules find around it, else the last speaker's (a
    continuation)."""
    last: _Draft | None = None
    for draft in drafts:
        if draft.speaker is not None and not _may_speak(draft.speaker, text):
            draft.speaker = None  # „dass die angebliche Paketbombe …“, „Zur Einbringung …“
        for index in sorted(draft.sentences):
            found = tagged.get(index)
            if found is None:
                continue
            tokens = sentences[index].tokens
            if draft.speaker is None and found.speakers:
                first, final = _nearest(found.speakers, draft.parts[0], tokens)
                draft.speaker = _span(text, tokens[first].start, tokens[final].end)
                if not _may_speak(draft.speaker, text):
                    draft.speaker = None
            if draft.cue is None and found.cues:
                draft.cue = _cue(found.cues, tokens, text, draft.speaker)
        if draft.speaker is None and draft.sentence > 0:
            previous = tagged.get(draft.sentence - 1)
            tokens = sentences[draft.sentence - 1].tokens
            if previous and previous.speakers and tokens[-1].text == ":":
                first, final = previous.speakers[-1]
                draft.speaker = _span(text, tokens[first].start, tokens[final].end)
                if previous.cues:
                    draft.cue = _cue(previous.cues, tokens, text, draft.speaker)
        if draft.speaker is None:
            _by_rule(draft, sentences, text, entities)
        if (
            draft.speaker is None
            and last is not None
            and last.speaker is not None
            and _PARAGRAPH_BREAK not in text[last.parts[-1][1] : draft.parts[0][0]]
            and draft.sentence - max(last.sentences)
            <= (
                _K1_FLOOR_SENTENCES
                if _reported(sentences[draft.sentence], draft, marks)
                else _FLOOR_SENTENCES
            )
        ):
            draft.speaker = last.speaker
            draft.inherited = True
        last = draft


def _joined_continuations(
    drafts: list[_Draft], sentences: Sequence[Sentence], text: str, marks: Sequence[Quotation]
) -> list[_Draft]:
    """``drafts`` with consecutive Konjunktiv I continuations joined into one quote: „Es
    bestehe kein Anlass … Vielmehr handele es sich um einen Einzelfall.“ is one statement of
    the last speaker (or of nobody named), not two. The quote that names its speaker stays
    apart, as the annotations of de_news_quotes_2024 keep it."""
    out: list[_Draft] = []
    for draft in drafts:
        previous = out[-1] if out else None
        if (
            previous is not None
            and not _names_own_speaker(draft, sentences)
            and not _names_own_speaker(previous, sentences)
            and draft.speaker == previous.speaker
            and draft.sentence == max(previous.sentences) + 1
            and len(previous.parts) == 1
            and len(draft.parts) == 1
            and _PARAGRAPH_BREAK not in text[previous.parts[-1][1] : draft.parts[0][0]]
            and _reported(sentences[draft.sentence], draft, marks)
            and _quotation_of(previous.parts[0], marks) is None
        ):
            previous.parts = [(previous.parts[0][0], draft.parts[0][1])]
            previous.scores.extend(draft.scores)
            previous.sentences |= draft.sentences
            continue
        out.append(draft)
    return out


def _embedded_fragments(
    drafts: list[_Draft], text: str, marks: Sequence[Quotation]
) -> list[_Draft]:
    """``drafts`` with a verbatim fragment that ends a report in Konjunktiv I joined to it:
    „Wenn Russland nicht bereit sei, sich zu bewegen, müsse die Regierung irgendwann sagen:
    „Das ist nicht unser Krieg““ is one (mixed) statement, not a report and a quote."""
    out: list[_Draft] = []
    for draft in drafts:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.sentences == draft.sentences
            and len(draft.parts) == 1
            and _quotation_of(draft.parts[0], marks) is not None
            and _quotation_of(previous.parts[-1], marks) is None
            and draft.speaker in (None, previous.speaker)
            and _continues_report(text[previous.parts[-1][1] : draft.parts[0][0]])
        ):
            previous.parts[-1] = (previous.parts[-1][0], draft.parts[0][1])
            previous.scores.extend(draft.scores)
            continue
        out.append(draft)
    return out


def _continues_report(gap: str) -> bool:
    """Whether the words between a report and a quotation after it go on reporting: a verb
    in Konjunktiv I and a colon or comma opening the quotation."""
    words = re.findall(r"\w+", gap)
    return (
        gap.rstrip().endswith((":", ","))
        and len(words) <= _MAX_CUE_CLAUSE
        and any(mood(word) == "k1" for word in words)
    )


def _may_speak(mention: TextSpan, text: str) -> bool:
    """Whether a speaker run can be a speaker mention: not a clause („dass …“), a
    prepositional phrase („Zur Einbringung des Antrags“) or the time after „nach“ („Nach dem
    Störfall fordern sie …“; „nach Angaben der Polizei“ names a source)."""
    first = _MENTION_WORD.search(mention.text)
    if first is None or not any(c.isalpha() for c in mention.text):
        return False  # a punctuation mark
    if first.group().lower() in _NOT_SPEAKER_STARTS | _NOT_MENTION_STARTS:
        return False  # „Insbesondere“, „Offenbar gab Wagner …“: an adverb opens a clause
    before = text[max(0, mention.start - 6) : mention.start].split()
    return not (
        before
        and before[-1].lower() == "nach"
        and not any(w.lower().endswith(_SOURCE_NOUNS) for w in _MENTION_WORD.findall(mention.text))
    )


def _by_rule(
    draft: _Draft, sentences: Sequence[Sentence], text: str, entities: Sequence[ArticleEntity]
) -> None:
    """The speaker (and cue) a rule finds for a tagged quote whose sentence names its source
    in a way the tagger's marks missed: „…, berichtete die Zeitung X.“, „da die Partei
    angekündigt hatte, … zu wollen“, „… Das teilten die beiden Sängerinnen mit.“"""
    index = draft.sentence
    sentence = sentences[index]
    rules: tuple[Callable[[], _Found | None], ...] = (
        lambda: _cue_after(sentence, text, entities),
        lambda: (
            _anaphoric(sentences, index + 1, text, entities) if index + 1 < len(sentences) else None
        ),
        lambda: _clause_after_cue(sentence, text),
        lambda: _frame(sentence, text, entities),
    )
    for rule in rules:  # in this order, each run only while none before found the speaker
        report = rule()
        if report is None or report[2] is None:
            continue
        parts, cue, speaker = report
        if any(s < e2 and s2 < e for s, e in parts for s2, e2 in draft.parts):
            draft.speaker = speaker
            draft.cue = draft.cue or cue
            return


def _names_own_speaker(draft: _Draft, sentences: Sequence[Sentence]) -> bool:
    """Whether the quote's speaker is named in its own sentences (not passed on from the quote
    before, nor found in the sentence before it)."""
    return (
        draft.speaker is not None
        and not draft.inherited
        and draft.speaker.start >= sentences[min(draft.sentences)].start
    )


def _reported(sentence: Sentence, draft: _Draft, marks: Sequence[Quotation]) -> bool:
    """Whether the first piece of a quote is reported speech in Konjunktiv I, not a quotation."""
    start, end = draft.parts[0]
    return _quotation_of((start, end), marks) is None and any(
        mood(t.text) == "k1" for t in sentence.tokens if start <= t.start < end
    )


def _nearest(
    speakers: Sequence[tuple[int, int]], part: tuple[int, int], tokens: Sequence[Token]
) -> tuple[int, int]:
    def distance(pair: tuple[int, int]) -> int:
        start = tokens[pair[0]].start
        end = tokens[pair[1]].end
        if end <= part[0]:
            return part[0] - end
        return max(0, start - part[1])

    return min(speakers, key=distance)


def _cue(
    cues: Sequence[int], tokens: Sequence[Token], text: str, speaker: TextSpan | None
) -> TextSpan:
    groups: list[list[int]] = []
    for index in cues:
        if groups and index - groups[-1][-1] <= _CUE_GAP:
            groups[-1].append(index)
        else:
            groups.append([index])
    anchor = speaker.start if speaker is not None else 0

    def distance(group: list[int]) -> int:
        return abs(tokens[group[0]].start - anchor)

    best = min(groups, key=distance) if speaker is not None else groups[0]
    start = tokens[best[0]].start
    end = tokens[best[-1]].end
    return _span(text, start, end)


def _span(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(text=text[start:end], start=start, end=end)


def _without_frame(draft: _Draft, text: str) -> list[tuple[int, int]]:
    """The draft's pieces without a speaker and cue tagged inside the first piece: "Der Sender
    berichtete von 56 Toten" reports "von 56 Toten", not the speaker's own name; "Die Hütte sei
    zerstört, sagt Bergführer Rainer im Rückblick" reports what stands before them."""
    pieces = list(draft.parts)
    start, end = pieces[0]
    inner = [
        span
        for span in (draft.speaker, draft.cue)
        if span is not None and start <= span.start and span.end <= end
    ]
    if not inner:
        return pieces
    cut = max(span.end for span in inner)
    while cut < end and (text[cut].isspace() or text[cut] in ",:"):
        cut += 1
    head = _content_before_cue(text, start, max(span.start for span in inner))
    if head is not None and len(pieces) == 1 and not text.startswith("als ", cut):
        pieces[0] = (start, head)  # not „…, bezeichnete er als …“: what he called it follows
    else:
        pieces[0] = (cut, end)
    return pieces


def _content_before_cue(text: str, start: int, speaker: int) -> int | None:
    """Where the content ends when a speaker comes after it in its own cue clause („Die Hütte
    sei zerstört, sagt Bergführer Rainer im Rückblick“: at the comma before „sagt“)."""
    comma = text.rfind(",", start, speaker)
    words = text[comma + 1 : speaker].split()
    if comma <= start or not 1 <= len(words) <= 2:
        return None
    return comma if lemma(words[0]) in _RULE_CUES or words[0] == "so" else None


def _quote(
    draft: _Draft,
    text: str,
    marks: Sequence[Quotation],
    sentences: Sequence[Sentence],
    entities: Sequence[ArticleEntity],
) -> Quote | None:
    pieces = [_line_end(start, end, text, marks) for start, end in _without_frame(draft, text)]
    pieces = [strip_marks(text, start, end) for start, end in pieces]
    pieces = [_balanced(start, end, marks) for start, end in pieces if end > start]
    if not pieces or not any(ch.isalpha() for s, e in pieces for ch in text[s:e]):
        return None
    kind = _kind(pieces, marks, text)
    if kind != "direct" and (draft.cue is not None or _names_own_speaker(draft, sentences)):
        pieces[-1] = _without_final_period(text, *pieces[-1])
    start, end = pieces[0][0], pieces[-1][1]
    parts = tuple(_span(text, s, e) for s, e in pieces) if len(pieces) > 1 else ()
    speaker: Speaker = resolve_speaker(text, draft.speaker, entities, sentences)
    return Quote(
        text=" ".join(part.text for part in parts) if parts else text[start:end],
        start=start,
        end=end,
        kind=kind,
        cue=draft.cue,
        speaker=speaker.name,
        speaker_mention=speaker.mention,
        speaker_entity=None,
        confidence=round(sum(draft.scores) / len(draft.scores), 3),
        parts=parts,
    )


def _line_end(start: int, end: int, text: str, marks: Sequence[Quotation]) -> tuple[int, int]:
    """A piece cut after a quotation that ends its line: a headline or a line without a full
    stop („Update: „…““ and the next line) was one sentence to the splitter, not to a reader."""
    for quotation in marks:
        closes_line = text[quotation.close + 1 : quotation.close + 2] == "\n"
        if start <= quotation.open and quotation.close + 1 < end and closes_line:
            return start, quotation.close + 1
    return start, end


def _balanced(start: int, end: int, marks: Sequence[Quotation]) -> tuple[int, int]:
    """A piece whose marks were stripped at an edge, given back the mark whose partner lies
    inside it: the closing mark of a fragment that ends a mixed quote („… müsse sagen: „Das
    ist nicht unser Krieg““), the opening mark of one that begins it."""
    for quotation in marks:
        if quotation.close == end and start < quotation.open < end:
            end += 1
        if quotation.open == start - 1 and start < quotation.close < end:
            start -= 1
    return start, end


def _without_final_period(text: str, start: int, end: int) -> tuple[int, int]:
    """Reported speech introduced in its own sentence („X sagte, …“, „laut X …“) ends before the
    sentence's full stop, which belongs to the whole sentence; a sentence reported on its own
    (a continuation with no cue) keeps it — as de_news_quotes_2024 annotates them. The piece
    is already narrowed past whitespace (``strip_marks``)."""
    if end - 1 > start and text[end - 1] == "." and not text[end - 2].isdigit():
        return start, end - 1
    return start, end


def _kind(parts: Sequence[tuple[int, int]], marks: Sequence[Quotation], text: str) -> QuoteKind:
    """direct when all of the content's words are in quotation marks, mixed when some are."""
    inside = outside = False
    for start, end in parts:
        covered = sorted(
            (max(start, q.open), min(end, q.close))
            for q in marks
            if q.open < end and q.close > start
        )
        position = start
        for first, last in covered:
            if _has_word(text, position, first):
                outside = True
            if _has_word(text, first, last):
                inside = True
            position = max(position, last)
        if _has_word(text, position, end):
            outside = True
    if inside and not outside:
        return "direct"
    return "mixed" if inside else "indirect"


def _has_word(text: str, start: int, end: int) -> bool:
    return any(char.isalnum() for char in text[start:end])
