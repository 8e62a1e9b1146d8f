"""Checkable claims of one article: its quantities and dates, with evidence and attribution.

``extract_claims`` reads the article sentence by sentence (the evidence span of a claim is its
sentence) and makes a :class:`~lagebild.records.Claim` of

* every quantity :func:`~lagebild.claims.quantities.quantities_in` finds, with a ``measure``;
  a bare number („injuring more than 100“, „ist auf 28 gesunken“) only when the clause says
  what it counts (a predicate from ``_PREDICATES`` or „Zahl der X“), since a number nobody can
  align is noise, and never after "at"/„mit“ ("dead at 95" is an age); a number inside a short
  quotation that is no quote record („Die 100 besten Filme“) is a title, not a claim;
* every temporal expression :func:`lagebild.timex.find_times` finds, resolved against the
  publication date, except a bare „heute“/"today" (in news mostly „nowadays“, not a date) and
  expressions inside a quantity („mindestens 30 Tage“ is a duration); a time of day right after
  the expression („am Montagabend gegen 17.40 Uhr“) joins its span.

``measure`` is what is counted: the counted noun, lower-cased and lemmatised (simplemma; the
nominalised adjectives „Verletzte/Verletzten“ keep their plural form ``verletzte``); a generic
noun („Menschen“, "people") gives way to the clause's predicate mapped through
``_PREDICATES``, so that „150 Menschen wurden verletzt“ and „über 120 Verletzte“ both measure
``verletzte`` ("injured" in English); a duration measures its event noun („zweistündiges
Telefonat“) or predicate („drei Wochen gesperrt“); money measures its currency (``euro``).

``attribution`` is the source the sentence names („nach Angaben der Feuerwehr“ -> Feuerwehr,
„laut X“, „X zufolge“, „wie X mitteilte“, „teilte X mit“, "according to X", "X said"), the
nearest one to the value; else the speaker of the quote the value stands in; else a following
„Das teilte X mit.“. ``subject`` is the nearest entity mention before the value in the
sentence (else a sentence-initial German noun phrase); ``predicate`` the predicate found;
``object`` is left None (no parser: no guessing).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from lagebild.analysis.sentences import Sentence, split_sentences
from lagebild.analysis.tokens import Token
from lagebild.claims.quantities import Quantity, quantities_in
from lagebild.records import Article, Claim, ClaimKind, PartialDate, Quote, TextSpan
from lagebild.timex import TimeMention, find_times

# fmt: off
# Predicates (lower case) -> the measure they name. Nominalised forms are listed too, so the
# counted noun („Verletzte“, "dead") maps to the same measure as the verb („verletzt“, "killed").
_PREDICATES = {
    "verletzt": "verletzte", "verletzte": "verletzte", "verletzten": "verletzte",
    "verwundet": "verletzte", "verwundete": "verletzte", "verwundeten": "verletzte",
    "schwerverletzte": "schwerverletzte", "schwerverletzten": "schwerverletzte",
    "getötet": "tote", "tot": "tote", "tote": "tote", "toten": "tote", "starben": "tote",
    "gestorben": "tote", "umgekommen": "tote", "todesopfer": "tote", "leben": "tote",
    "ums leben": "tote",
    "vermisst": "vermisste", "vermisste": "vermisste", "vermissten": "vermisste",
    "festgenommen": "festgenommen", "verhaftet": "festgenommen", "evakuiert": "evakuiert",
    "gerettet": "gerettet", "geborgen": "geborgen", "gesperrt": "gesperrt",
    "geschlossen": "gesperrt", "obdachlos": "obdachlos",
    "injured": "injured", "injuring": "injured", "wounded": "injured", "wounding": "injured",
    "hurt": "injured", "injuries": "injured", "killed": "dead", "killing": "dead",
    "dead": "dead", "died": "dead", "deaths": "dead", "fatalities": "dead", "missing": "missing",
    "arrested": "arrested", "detained": "arrested", "evacuated": "evacuated",
    "rescued": "rescued", "closed": "closed", "shut": "closed",
    "infiziert": "infizierte", "infizierte": "infizierte", "infizierten": "infizierte",
    "erkrankt": "erkrankte", "erkrankte": "erkrankte", "erkrankten": "erkrankte",
    "vertrieben": "vertriebene", "geflohen": "geflüchtete", "geflüchtet": "geflüchtete",
    "entlassen": "entlassen", "verurteilt": "verurteilt", "angeklagt": "angeklagt",
    "infected": "infected", "displaced": "displaced", "fled": "fled", "sentenced": "sentenced",
    "charged": "charged", "freed": "freed", "released": "released", "freigelassen": "freigelassen",
}
# Nouns that say only that people are counted; the predicate says what happened to them.
_GENERIC_NOUNS = frozenset({
    "menschen", "personen", "leute", "menschenleben", "people", "persons",
})
_CURRENCY_MEASURES = {
    "EUR": "euro", "USD": "dollar", "GBP": "pfund", "CHF": "franken", "RUB": "rubel",
    "JPY": "yen",
}
_PRONOUNS = frozenset({
    "er", "sie", "es", "wir", "ich", "man", "ihr", "die", "der", "das", "he", "she", "they",
    "we", "i", "it", "you",
})
# A source found by the English "X said" patterns does not start with these ("which it said").
_NOT_SOURCE_STARTS = frozenset({
    "which", "who", "that", "in", "on", "at", "when", "while", "after", "before", "as", "but",
    "and", "it", "this", "there", "so", "if",
})
_PASSIVE = frozenset({"was", "were", "is", "are", "be", "been", "wurde", "wurden"})
# Participles that are function words or adjectives, not predicates.
_NOT_PARTICIPLES = frozenset({
    "gegen", "gestern", "genau", "gern", "gerade", "gesamt", "gesamten", "gemeinsam",
    "gemeinsamen", "geringen", "genug", "gewesen", "geben", "gehen", "gelten",
})
# fmt: on
# Words a predicate search does not pass: a new clause with its own predicate begins.
_CLAUSE_BREAKS = frozenset(
    {",", ";", ":", "–", "—", "-", "und", "and", "sowie", "while", "während", "(", ")"}
)
_CLAUSE_MARK = re.compile(r"[,;:–—()]|\s(?:und|and|sowie)\s")
_RELATIVES = frozenset({"die", "der", "das", "denen", "who", "which", "that"})
# Tokens a predicate search reads on either side of the value.
PREDICATE_AFTER, PREDICATE_BEFORE = 15, 3
_PARTICIPLE = {
    "de": re.compile(r"[a-zäöü]*ge[a-zäöüß]{2,}(?:t|en)"),
    "en": re.compile(r"[a-z]{3,}ed"),
}
# A quotation this short inside a sentence is a title or a term, not a statement.
MAX_TITLE_CHARS = 60
_SHORT_QUOTATION = re.compile(
    r"„[^“”\"„]{1,60}[“”\"]|“[^”\"“]{1,60}”|«[^»]{1,60}»|»[^«]{1,60}«|\"[^\"\n]{1,60}\""
)
_HOUR = r"(?<!\d)(?:[01]?\d|2[0-4])"
_TIME_OF_DAY = re.compile(
    rf",?\s+(?:um|gegen|ab|bis|at|around|about)?\s*(?:{_HOUR}[.:][0-5]\d(?!\d)"
    rf"(?:\s*(?:Uhr|a\.m\.|p\.m\.))?|{_HOUR}\s*(?:Uhr|a\.m\.|p\.m\.))"
)
_ZAHL_DER = re.compile(
    r"\b(?:[Zz]ahl|[Aa]nzahl)\s+der\s+(?:[a-zäöüß]+\s+){0,2}([A-ZÄÖÜ]\w*)"
    r"|\bnumber\s+of\s+(?:the\s+)?(\w+)"
)
# „65 Prozent der Verpackungsfläche“, "40 percent of the vote": what the share is of.
_SHARE_OF = re.compile(
    r"\s+(?:der|des|of(?:\s+the)?)\s+(?:[a-zäöüß]+(?:e|en|er|es|em)\s+){0,2}([A-ZÄÖÜ]\w*|[a-z]+)"
)

_SPEECH_VERBS_DE = ("sagte", "teilte", "erklärte", "berichtete", "meldete", "bestätigte")
_ART = (
    r"(?:[Dd]er|[Dd]ie|[Dd]as|[Dd]es|[Dd]em|[Dd]en|[Ee]in|[Ee]ine|[Ee]iner|[Ee]ines|[Ee]inem"
    r"|[Dd]ieser|[Dd]ieses|[Uu]nserer|[Uu]nseres)"
)
_ADJ = r"[a-zäöüß]{3,}(?:e|en|er|es|em)"
_HEAD = r"[A-ZÄÖÜ][\w-]*(?:\s+und\s+[A-ZÄÖÜ][\w-]*)?"
_NP = (  # „der Feuerwehr“, „ein Sprecher des regionalen Hafenverbands“
    rf"(?:{_ART}\s+(?:{_ADJ}\s+){{0,2}})?{_HEAD}"
    rf"(?:\s+(?:der|des)\s+(?:{_ADJ}\s+){{0,2}}{_HEAD})?"
)
_SAYS_DE = "(?:{})".format(
    "|".join(f"{verb}{ending}" for verb in _SPEECH_VERBS_DE for ending in ("", "n"))
)
# "officials have said", "he also said": words between the source and its verb.
_EN_BEFORE_SAYS = r"(?:\s+(?:also|later|previously|earlier|again|further))?(?:\s+ha(?:ve|s|d))?"
_SAYS_EN = r"(?:said|says|say|told|reported|confirmed|announced|stated)"
_ATTRIBUTIONS = [
    re.compile(
        rf"\b[Nn]ach\s+(?:{_ADJ}\s+){{0,3}}(?:(?P<compound>[A-ZÄÖÜ][a-zäöüß]+?)s?angaben"
        rf"|Angaben|Informationen|Schätzungen|Berechnungen|Erkenntnissen|Recherchen|Zählungen?"
        rf"|Darstellung)\b(?:\s+(?:von\s+|vom\s+)?(?P<src>{_NP}))?"
    ),
    re.compile(rf"\b[Ll]aut\s+(?P<src>{_NP})"),
    re.compile(rf"(?P<src>{_NP})\s+zufolge\b"),
    re.compile(
        rf"\b[Ww]ie\s+(?P<src>{_NP})\s+(?:\w+\s+){{0,3}}?(?:mitteilte|mitteilten|{_SAYS_DE})"
    ),
    re.compile(rf"\b{_SAYS_DE}\s+(?P<src>{_NP}(?:\s+[A-ZÄÖÜ][\w-]+)?)"),
    re.compile(rf"^(?P<src>{_NP})\s+{_SAYS_DE}\b"),
    re.compile(
        r"\b[Aa]ccording to\s+(?P<src>[^,.;:\"“”]{2,80}?)"
        r"(?=\s*[,.;:]|\s+(?:that|who|which|on|in|at|as)\b|$)"
    ),
    re.compile(rf",\s+(?P<src>[^,;:\"“”]{{2,60}}?){_EN_BEFORE_SAYS}\s+{_SAYS_EN}\b"),
    re.compile(rf"^(?P<src>[A-Z][^,;:\"“”]{{1,60}}?){_EN_BEFORE_SAYS}\s+{_SAYS_EN}\b"),
]
_NEXT_SENTENCE_SOURCE = re.compile(rf"^(?:Das|Dies)\s+(?:{_SAYS_DE}|gab)\s+(?P<src>{_NP})")
_LEADING_ARTICLE = re.compile(
    r"^(?:der|die|das|des|dem|den|ein|eine|einer|eines|einem|the|a|an)\s+", re.IGNORECASE
)
_SENTENCE_SUBJECT = re.compile(rf"^(?:Der|Die|Das)\s+(?:{_ADJ}\s+){{0,2}}(?P<head>[A-ZÄÖÜ][\w-]*)")


@dataclass(frozen=True, slots=True)
class _Attribution:
    source: str
    span: TextSpan | None


def extract_claims(article: Article) -> tuple[Claim, ...]:
    """The quantity and date claims of ``article``, in text order."""
    language = article.meta.language if article.meta.language in {"de", "en"} else None
    lang = "en" if language == "en" else "de"
    text = article.text
    sentences = split_sentences(text, language)
    mentions = _entity_mentions(article)
    claims: list[Claim] = []
    taken: list[tuple[int, int]] = []
    for index, sentence in enumerate(sentences):
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        context = _Context(article, sentence, following, mentions, lang)
        for quantity in quantities_in(sentence.tokens, text, language):
            claim = context.quantity_claim(quantity)
            if claim is not None:
                claims.append(claim)
                taken.append((quantity.start, quantity.end))
    starts = [s.start for s in sentences]
    for mention in find_times(text, language, _published(article.meta.published)):
        if mention.text.lower() in {"heute", "today"}:
            continue
        if any(start < mention.end and mention.start < end for start, end in taken):
            continue
        position = bisect.bisect_right(starts, mention.start) - 1
        if position < 0:
            continue
        last = max(position, bisect.bisect_left(starts, mention.end) - 1)
        sentence = _joined(text, sentences[position : last + 1])
        following = sentences[last + 1] if last + 1 < len(sentences) else None
        claim = _Context(article, sentence, following, mentions, lang).date_claim(mention)
        if claim is not None:
            claims.append(claim)
    return tuple(sorted(claims, key=lambda c: (c.value_span.start, c.value_span.end)))


def relink(
    claims: Sequence[Claim], before: Sequence[Quote], after: Sequence[Quote]
) -> tuple[Claim, ...]:
    """``claims`` found with the quotes ``before`` registry linking, with the speakers' names
    of the same quotes ``after`` it (``quotes.relink_speakers``: same order, same spans):
    an attribution taken from a quote's speaker takes the linked name."""
    renamed = {
        (old.speaker, _span_key(old.speaker_mention)): new.speaker
        for old, new in zip(before, after, strict=True)
        if old.speaker is not None and new.speaker != old.speaker
    }
    if not renamed:
        return tuple(claims)
    out = []
    for claim in claims:
        name = None
        if claim.attribution is not None:
            name = renamed.get((claim.attribution, _span_key(claim.attribution_span)))
        out.append(claim if name is None else dataclasses.replace(claim, attribution=name))
    return tuple(out)


def _span_key(span: TextSpan | None) -> tuple[int, int] | None:
    return None if span is None else (span.start, span.end)


def _joined(text: str, sentences: Sequence[Sentence]) -> Sentence:
    """One sentence, or the sentences a date runs across („(red, 31. 7. 2015)“ is split
    after „31.“)."""
    if len(sentences) == 1:
        return sentences[0]
    start, end = sentences[0].start, sentences[-1].end
    tokens = tuple(t for s in sentences for t in s.tokens)
    return Sentence(start=start, end=end, text=text[start:end], tokens=tokens)


def claim_id(article_id: str, value_span: TextSpan) -> str:
    """A stable id: the same value span of the same article always has the same id."""
    key = f"{article_id}:{value_span.start}:{value_span.end}"
    return "c_" + hashlib.sha1(key.encode()).hexdigest()[:16]


def _published(published: PartialDate | None) -> dt.date | None:
    """The publication day; a month or year alone cannot anchor „am Montag“."""
    if published is None or published.day is None:
        return None
    return published.to_date()


def _entity_mentions(article: Article) -> list[TextSpan]:
    spans = [
        TextSpan(text=m.text, start=m.start, end=m.end)
        for entity in article.entities
        for m in entity.mentions
        if m.form != "pronoun"
    ]
    return sorted(spans, key=lambda s: s.start)


class _Context:
    """One sentence of one article, and what claims in it share."""

    def __init__(
        self,
        article: Article,
        sentence: Sentence,
        following: Sentence | None,
        mentions: Sequence[TextSpan],
        lang: str,
    ) -> None:
        self.article = article
        self.sentence = sentence
        self.following = following
        self.mentions = mentions
        self.lang = lang
        self._found: list[_Attribution] | None = None

    def quantity_claim(self, quantity: Quantity) -> Claim | None:
        if self._in_title(quantity.start, quantity.end):
            return None
        predicate = self._predicate(quantity.start, quantity.end)
        measure = self._measure(quantity, predicate)
        if quantity.bare and (measure is None or self._age(quantity)):
            return None
        span = TextSpan(text=quantity.text, start=quantity.start, end=quantity.end)
        return dataclasses.replace(
            self._claim(span, "quantity"),
            value=quantity.value,
            unit=quantity.unit,
            low=quantity.low,
            high=quantity.high,
            approximate=quantity.approximate,
            measure=measure,
            predicate=predicate.text if predicate else None,
        )

    def date_claim(self, mention: TimeMention) -> Claim | None:
        if self._in_title(mention.start, mention.end):
            return None
        end = mention.end
        clock = _TIME_OF_DAY.match(self.article.text, end, self.sentence.end)
        if clock is not None:
            end = clock.end()
        span = TextSpan(text=self.article.text[mention.start : end], start=mention.start, end=end)
        predicate = self._predicate(mention.start, end)
        return dataclasses.replace(
            self._claim(span, "date"),
            date=mention.value,
            measure=_measure_of(predicate.text, self.lang) if predicate else None,
            predicate=predicate.text if predicate else None,
        )

    def _claim(self, span: TextSpan, kind: ClaimKind) -> Claim:
        """The claim's evidence, attribution and subject; the value comes from the caller."""
        attribution = self._attribution(span)
        subject = self._subject(span, attribution)
        return Claim(
            id=claim_id(self.article.id, span),
            article_id=self.article.id,
            kind=kind,
            text=self.sentence.text,
            start=self.sentence.start,
            end=self.sentence.end,
            value_span=span,
            subject=subject,
            attribution=attribution.source if attribution else None,
            attribution_span=attribution.span if attribution else None,
        )

    # --- measure and predicate ---

    def _measure(self, quantity: Quantity, predicate: Token | None) -> str | None:
        lexical = _PREDICATES.get(predicate.text.lower()) if predicate else None
        if quantity.unit in _CURRENCY_MEASURES:
            currency = _CURRENCY_MEASURES[quantity.unit]
            if self.lang == "en":
                return {"pfund": "pound", "franken": "franc"}.get(currency, currency)
            return currency
        if quantity.noun is not None:
            noun = quantity.noun.text.lower()
            if noun in _GENERIC_NOUNS and lexical is not None:
                return lexical
            return _PREDICATES.get(noun) or _lemma(quantity.noun.text, self.lang)
        if quantity.bare:
            return self._counted(quantity) or lexical
        if quantity.unit in {"percent", "percentage_point"}:
            share = _SHARE_OF.match(self.article.text, quantity.end, self.sentence.end)
            if share is not None:
                return _lemma(share[1], self.lang)
        return lexical or (predicate.text.lower() if predicate else None)

    def _age(self, quantity: Quantity) -> bool:
        """A bare number after "at"/„mit“ is an age: "dead at 95", „starb mit 79“."""
        before = self.article.text[max(0, quantity.start - 6) : quantity.start].split()
        return bool(before) and before[-1].lower() in {"at", "mit", "aged", "von"}

    def _counted(self, quantity: Quantity) -> str | None:
        """„Die Zahl der Verletzten ... ist auf 28 gesunken“: the noun after „Zahl der“."""
        text = self.article.text[self.sentence.start : quantity.start]
        found = _ZAHL_DER.findall(text)
        if not found:
            return None
        word: str = found[-1][0] or found[-1][1]
        return _PREDICATES.get(word.lower()) or _lemma(word, self.lang)

    def _predicate(self, start: int, end: int) -> Token | None:
        """The predicate of the value's clause: a word of ``_PREDICATES`` after the value
        (up to the next clause), else right before it, else a participle after it."""
        tokens = self.sentence.tokens
        after = [t for t in tokens if t.start >= start][:PREDICATE_AFTER]
        before = [t for t in tokens if t.end <= start][-PREDICATE_BEFORE:]
        inside = [t for t in after if t.end <= end]
        clause_after = _clause(after[len(inside) :])
        for token in [*inside, *clause_after, *reversed(_clause(list(reversed(before))))]:
            if token.text.lower() in _PREDICATES and (
                not token.text[0].isupper() or token.text == "Leben"
            ):
                found = self._ums_leben(token)
                if found is not None:
                    return found
        for token in clause_after:
            word = token.text
            if _PARTICIPLE[self.lang].fullmatch(word) and word not in _NOT_PARTICIPLES:
                return token
        return None

    def _ums_leben(self, token: Token) -> Token | None:
        if token.text.lower() != "leben":
            return token
        start = token.start - len("ums ")
        if start < 0 or self.article.text[start : token.start] != "ums ":
            return None
        return Token(
            text=self.article.text[start : token.end], start=start, end=token.end, kind="word"
        )

    # --- who says it, who did it ---

    def _attribution(self, span: TextSpan) -> _Attribution | None:
        if self._found is None:
            sentence = self.sentence
            self._found = _attributions(
                self.article.text, sentence.start, sentence.end, self.mentions
            )
        found = self._found
        if found:
            return min(found, key=lambda a: _distance(a.span, span) if a.span else 0)
        quote = _quote_around(self.article.quotes, span)
        if quote is not None and quote.speaker is not None and _is_source(quote.speaker):
            return _Attribution(quote.speaker, quote.speaker_mention)
        if self.following is not None:
            m = _NEXT_SENTENCE_SOURCE.match(self.following.text)
            if m is not None:
                return _make_attribution(self.article.text, self.following.start, m, self.mentions)
        return None

    def _subject(self, span: TextSpan, attribution: _Attribution | None) -> str | None:
        """The nearest entity mention before the value in the same clause (else a German
        sentence-initial noun phrase), outside the attribution."""
        text = self.article.text
        candidates = [
            m
            for m in self.mentions
            if self.sentence.start <= m.start
            and m.end <= span.start
            and not _overlaps(m, attribution.span if attribution else None)
            and not _CLAUSE_MARK.search(text, m.end, span.start)
        ]
        if candidates:
            return candidates[-1].text
        if self.lang != "de":
            return None
        m = _SENTENCE_SUBJECT.match(self.sentence.text)
        if m is None or self.sentence.start + m.end() > span.start:
            return None
        if _CLAUSE_MARK.search(text, self.sentence.start + m.end(), span.start):
            return None
        return m["head"]

    def _in_title(self, start: int, end: int) -> bool:
        """Whether ``start:end`` stands in a short quotation that no quote record holds."""
        offset = self.sentence.start
        for m in _SHORT_QUOTATION.finditer(self.sentence.text):
            if offset + m.start() <= start and end <= offset + m.end():
                inside = TextSpan(text="", start=start, end=end)
                return _quote_around(self.article.quotes, inside) is None
        return False


def _clause(tokens: list[Token]) -> list[Token]:
    """``tokens`` up to the first clause break; a relative clause („, die getötet wurden“)
    continues the clause."""
    out: list[Token] = []
    for index, token in enumerate(tokens):
        if token.text.lower() in _CLAUSE_BREAKS:
            nxt = tokens[index + 1].text.lower() if index + 1 < len(tokens) else ""
            if token.text == "," and nxt in _RELATIVES:
                continue
            break
        out.append(token)
    return out


def _measure_of(word: str, lang: str) -> str:
    return _PREDICATES.get(word.lower()) or word.lower()


@functools.lru_cache(maxsize=4096)
def _lemma(word: str, lang: str) -> str:
    """Lower-case lemma; German nominalised adjectives keep the plural („Verletzte“)."""
    import simplemma

    lemma: str = simplemma.lemmatize(word, lang=lang)
    lowered, surface = lemma.lower(), word.lower()
    if lowered.endswith("er") and surface in {lowered[:-1], lowered[:-1] + "n"}:
        return lowered[:-1]  # „Verletzten“ -> Verletzter -> verletzte
    return lowered


def _attributions(
    text: str, start: int, end: int, mentions: Sequence[TextSpan]
) -> list[_Attribution]:
    sentence = text[start:end]
    found = []
    for pattern in _ATTRIBUTIONS:
        for m in pattern.finditer(sentence):
            attribution = _make_attribution(text, start, m, mentions)
            if attribution is not None:
                found.append(attribution)
    return found


def _make_attribution(
    text: str, offset: int, m: re.Match[str], mentions: Sequence[TextSpan]
) -> _Attribution | None:
    source = m.groupdict().get("src")
    end = offset + m.end()
    if source:
        source_end = offset + m.end("src")
        source_start = offset + m.start("src")
        for mention in mentions:  # „laut Innenminister Herbert Reul“: the name goes with it
            if source_start <= mention.start <= source_end + 1 and mention.end > source_end:
                end = source_end = mention.end
                source = text[offset + m.start("src") : source_end]
        source = _LEADING_ARTICLE.sub("", source.strip())
    elif m.groupdict().get("compound"):
        source = m["compound"]  # „nach Unternehmensangaben“ -> Unternehmen
    else:
        source = m.group(0).strip()
    if not _is_source(source):
        return None
    start = offset + m.start()
    return _Attribution(source, TextSpan(text=text[start:end], start=start, end=end))


def _is_source(source: str | None) -> bool:
    if not source:
        return False
    words = source.split()
    if words[0].lower() in _NOT_SOURCE_STARTS or words[-1].lower() in _PASSIVE:
        return False  # "which it said", "Three climbers were said to"
    return not (len(words) == 1 and words[0].lower() in _PRONOUNS)


def _quote_around(quotes: Sequence[Quote], span: TextSpan) -> Quote | None:
    for quote in quotes:
        if quote.start <= span.start and span.end <= quote.end:
            return quote
    return None


def _distance(a: TextSpan, b: TextSpan) -> int:
    return max(0, a.start - b.end, b.start - a.end)


def _overlaps(a: TextSpan, b: TextSpan | None) -> bool:
    return b is not None and a.start < b.end and b.start < a.end
