"""Extractive summaries on small hand-built articles (issue #6)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from summary_articles import make_article

from lagebild.records import (
    Article,
    ArticleEntity,
    Claim,
    ClaimGroup,
    EntityMention,
    Event,
    LineageEdge,
    LineageRelation,
    PartialDate,
    Summary,
    TextSpan,
)
from lagebild.summaries.extractive import candidates, summarise
from lagebild.summaries.support import check_support, has_unbalanced_quotes

LEAD = (
    "Bei einem Großbrand in einer Lagerhalle im Hafen von Kellstedt ist am Dienstagmorgen ein "
    "Feuerwehrmann schwer verletzt worden."
)
WIRE = (
    f"{LEAD} Das Feuer war nach Angaben der Polizei gegen 4.30 Uhr in einer Halle mit "
    "Düngemitteln ausgebrochen. Mehr als 150 Einsatzkräfte aus dem ganzen Landkreis waren bis "
    "zum Mittag im Einsatz. Die Ursache des Feuers war zunächst unklar."
)
OWN = (
    "In Kellstedt hat am Dienstag eine Lagerhalle voller Dünger im Binnenhafen lichterloh "
    "gebrannt. Die Hafengesellschaft schätzt den Schaden auf mehrere Millionen Euro. Die "
    "Kriminalpolizei ermittelt inzwischen zur Brandursache. Anwohner berichteten von einer "
    "riesigen schwarzen Rauchwolke über der Altstadt."
)


def _copy(article_id: str, prefix: str) -> Article:
    return make_article(article_id, prefix + WIRE, agency=["dpa"], published="2026-03-11")


def _wire_edges(copies: list[str]) -> list[LineageEdge]:
    return [
        LineageEdge(
            from_article="wire",
            to_article=copy,
            relation=LineageRelation.WIRE_COPY,
            shared_fraction=1.0,
            kept_fraction=1.0,
            evidence="test",
        )
        for copy in copies
    ]


def _texts(summary: Summary) -> list[str]:
    return [s.text for s in summary.sentences]


def _by_id(*articles: Article) -> dict[str, Article]:
    return {a.id: a for a in articles}


def test_a_wire_sentence_is_chosen_once_and_cites_every_copy_with_its_own_span() -> None:
    wire = make_article("wire", WIRE, agency=["dpa"])
    copies = [_copy("copy1", "Kellstedt in Sorge. "), _copy("copy2", "")]
    own = make_article("own", OWN)
    summary = summarise("e1", [wire, *copies, own], edges=_wire_edges(["copy1", "copy2"]))
    [lead] = [s for s in summary.sentences if s.text == LEAD]
    assert {c.article_id for c in lead.citations} == {"wire", "copy1", "copy2"}
    articles = _by_id(wire, *copies, own)
    for citation in lead.citations:
        assert articles[citation.article_id].text[citation.start : citation.end] == LEAD
    assert len({c.start for c in lead.citations}) == 2  # copy1 has the sentence later
    assert check_support(summary, articles) == []


# Says what OWN's lead says, in other words: a second independent source for it.
THIRD = (
    "Eine Lagerhalle voller Dünger hat am Dienstag im Binnenhafen von Kellstedt gebrannt, "
    "berichtete die Polizei. Die Feuerwehr war mit einem Großaufgebot vor Ort und kühlte die "
    "Nachbarhallen."
)


def test_wire_copies_add_citations_not_weight() -> None:
    """Six copies of one wire text are one source: with the lineage edges, adding copies
    changes whom a sentence cites, never which sentences are chosen; without the edges the
    copies outvote the content two independent outlets agree on."""
    names = [f"c{i}" for i in range(6)]
    copies = [make_article(n, WIRE, published="2026-03-11") for n in names]
    base = [make_article("wire", WIRE), make_article("own", OWN), make_article("third", THIRD)]
    few = summarise("e1", [*base, copies[0]], edges=_wire_edges(names[:1]), length=1)
    many = summarise("e1", [*base, *copies], edges=_wire_edges(names), length=1)
    unlinked = summarise("e1", [*base, *copies], length=1)
    assert _texts(few) == _texts(many) != [LEAD]
    assert _texts(unlinked) == [LEAD]
    assert len(unlinked.sentences[0].citations) == 7


def test_near_identical_sentences_from_independent_articles_are_one_passage() -> None:
    edited = LEAD.replace("Hafen", "Binnenhafen")
    first = make_article("a", WIRE)
    second = make_article("b", WIRE.replace("Hafen", "Binnenhafen"), published="2026-03-11")
    summary = summarise("e1", [second, first])
    [lead] = [s for s in summary.sentences if "Feuerwehrmann" in s.text]
    assert lead.text == LEAD  # the earlier article's wording
    assert [c.article_id for c in lead.citations] == ["a", "b"]
    assert second.text[lead.citations[1].start : lead.citations[1].end] == edited


def test_redundant_paraphrase_is_skipped() -> None:
    first = make_article(
        "a",
        "Ein Feuerwehrmann wurde bei dem Großbrand im Hafen von Kellstedt schwer verletzt. "
        "Die Hafengesellschaft schätzt den Schaden auf mehrere Millionen Euro.",
    )
    second = make_article(
        "b",
        "Bei dem Großbrand im Hafen von Kellstedt wurde am Dienstag ein Feuerwehrmann schwer "
        "verletzt, teilte die Polizei mit. Die Kriminalpolizei ermittelt zur Brandursache.",
    )
    summary = summarise("e1", [first, second], length=4)
    injured = [s for s in summary.sentences if "Feuerwehrmann" in s.text]
    assert len(injured) == 1
    assert len(summary.sentences) == 3


def test_language_is_the_asked_one_when_an_article_has_it() -> None:
    german = make_article("de1", WIRE)
    english = make_article(
        "en1",
        "A fire at a warehouse in the port of Kellstedt seriously injured a firefighter on "
        "Tuesday morning. More than 150 rescue workers from the whole district were deployed.",
        language="en",
    )
    summary = summarise("e1", [german, english], language="en")
    assert summary.language == "en"
    assert {c.article_id for s in summary.sentences for c in s.citations} == {"en1"}


def test_language_falls_back_to_the_majority_and_says_so() -> None:
    articles = [
        make_article("de1", WIRE),
        make_article("de2", OWN),
        make_article("en1", "A fire at a warehouse injured a firefighter.", language="en"),
    ]
    summary = summarise("e1", articles, language="fr")
    assert summary.language == "de"
    assert {c.article_id for s in summary.sentences for c in s.citations} <= {"de1", "de2"}


def test_sentence_cut_out_of_a_multi_sentence_quotation_is_dropped() -> None:
    text = (
        "Die Bürgermeisterin von Kellstedt trat am Mittwoch vor die Presse. „Wir haben Fehler "
        "gemacht. Dafür übernehmen wir die volle Verantwortung“, sagte sie am Donnerstag im "
        "Rathaus. Der Stadtrat will am Freitag über einen Untersuchungsausschuss beraten."
    )
    article = make_article("a", text)
    texts = [c.text for c in candidates(article)]
    assert texts == [
        "Die Bürgermeisterin von Kellstedt trat am Mittwoch vor die Presse.",
        "Der Stadtrat will am Freitag über einen Untersuchungsausschuss beraten.",
    ]
    summary = summarise("e1", [article], length=10)
    assert not any(has_unbalanced_quotes(s.text) for s in summary.sentences)


def test_a_whole_quoted_sentence_keeps_its_quotation_marks() -> None:
    quote = (
        "„Wir konnten verhindern, dass die Flammen auf das Tanklager übergreifen“, sagte "
        "Kreisbrandmeister Tobias Renner am Vormittag."
    )
    article = make_article("a", f"{WIRE} {quote}")
    summary = summarise("e1", [article], length=10)
    assert quote in _texts(summary)
    assert check_support(summary, _by_id(article)) == []


def test_headings_questions_fragments_and_credits_are_not_candidates() -> None:
    text = (
        "Großbrand im Hafen von Kellstedt\n\n"
        "Wer trägt die Verantwortung für den Brand in der Halle?\n\n"
        "Foto: Max Mustermann/dpa für die Zeitung hier\n\n"
        f"{LEAD}\n\n"
        "Die 1968 eröffnete Halle galt als eine der größten im Hafen;"
        " täglich wurden dort etwa 300 Tonnen umgeschlagen.\n\n"
        "Feuer!"
    )
    found = candidates(make_article("a", text, headings=["Großbrand im Hafen von Kellstedt"]))
    assert [c.text for c in found] == [LEAD]


def test_dateline_is_left_out_of_the_sentence() -> None:
    article = make_article("a", f"KELLSTEDT (dpa) - {WIRE}")
    [first, *_] = candidates(article)
    assert first.text == LEAD
    assert article.text[first.start : first.end] == LEAD


def test_a_sentence_that_points_back_comes_right_after_its_predecessor() -> None:
    text = (
        "Der Leiter des Tiefbauamts von Kellstedt, Rainer Voß, ist am Donnerstag zurückgetreten. "
        "Die Kriminalpolizei hat inzwischen die Ermittlungen gegen mehrere Beamte aufgenommen. "
        "Der Stadtrat berät am Freitag über einen Untersuchungsausschuss zu dem Brand. "
        "Er übernehme die Verantwortung für Versäumnisse in seinem Amt, sagte der Beamte."
    )
    article = make_article("a", text)
    dependent = "Er übernehme die Verantwortung für Versäumnisse in seinem Amt, sagte der Beamte."
    assert [c.needs_previous for c in candidates(article)] == [False, False, False, True]
    for length in range(1, 5):
        texts = _texts(summarise("e1", [article], length=length))
        if dependent in texts:
            before = texts[texts.index(dependent) - 1]
            assert before.startswith("Der Stadtrat berät")


@pytest.mark.parametrize(
    ("sentence", "needs_previous"),
    [
        ("Die Opposition hielt das für viel zu wenig.", True),
        ("Das bestätigte die Staatsanwaltschaft am Freitag in Kellstedt.", True),
        ("Der Bürgermeister teilte dies am Abend im Rathaus mit.", True),
        ("Außerdem sperrte die Stadt die benachbarte Hafenbrücke.", True),
        ("Der 46-Jährige war mit seinem Taxi auf der Brücke.", True),
        ("„Wir haben alles versucht, um die Halle zu retten.“", True),
        ("Die Verwaltung werde alle Unterlagen zu der Halle offenlegen.", True),
        ("Der Bürgermeister sagte, die Verwaltung werde alle Unterlagen offenlegen.", False),
        ("Der Kreml bestätigte das Telefonat am späten Abend.", False),
        ("Das Landesministerium kündigte eine Prüfung aller Hallen an.", False),
    ],
)
def test_sentences_that_point_back(sentence: str, needs_previous: bool) -> None:
    [candidate] = candidates(make_article("a", sentence))
    assert candidate.needs_previous is needs_previous


def test_a_pronoun_after_a_named_person_means_that_person() -> None:
    text = (
        "Der Bürgermeister von Kellstedt hat am Montag mit dem Minister telefoniert. "
        "Müller schrieb, er habe ein langes Gespräch mit dem Minister geführt. "
        "Müller teilte dies am Abend auf seiner Internetseite mit."
    )
    unnamed = make_article("a", text)
    start = text.index("Müller")
    mentions = tuple(
        EntityMention(text="Müller", start=at, end=at + 6, form="surname")
        for at in (start, text.index("Müller", start + 1))
    )
    named = replace(
        unnamed,
        entities=(ArticleEntity(name="Hans Müller", kind="person", mentions=mentions),),
    )
    assert [c.needs_previous for c in candidates(unnamed)] == [False, True, True]
    assert [c.needs_previous for c in candidates(named)] == [False, False, True]


def test_sentences_follow_publication_order() -> None:
    later = make_article("later", OWN, published="2026-03-12")
    earlier = make_article("earlier", WIRE, published="2026-03-10")
    summary = summarise("e1", [later, earlier], length=6)
    first_of = [s.citations[0].article_id for s in summary.sentences]
    assert first_of == sorted(first_of, key=["earlier", "later"].index)


def test_story_sentences_follow_event_dates_and_cover_distinct_events() -> None:
    # The follow-up event was reported first in this collection; event time decides.
    accident = make_article("a1", WIRE, published="2026-03-12", event_id="e_fire")
    inquiry = make_article("a2", OWN, published="2026-03-11", event_id="e_inquiry")
    events = [
        Event(
            id="e_inquiry",
            title="x",
            date=PartialDate.parse("2026-03-11"),
            article_ids=("a2",),
            independent_sources=1,
        ),
        Event(
            id="e_fire",
            title="y",
            date=PartialDate.parse("2026-03-10"),
            article_ids=("a1",),
            independent_sources=1,
        ),
    ]
    summary = summarise("s1", [inquiry, accident], events=events, length=2)
    assert [s.citations[0].article_id for s in summary.sentences] == ["a1", "a2"]


def test_story_favours_the_event_told_by_more_independent_sources() -> None:
    fire = [make_article("f1", WIRE, event_id="e_fire"), make_article("f2", OWN, event_id="e_fire")]
    council = make_article(
        "c1",
        "Der Stadtrat von Kellstedt hat am Mittwoch einen neuen Hafenmeister gewählt. "
        "Die Wahl fiel einstimmig aus.",
        event_id="e_council",
    )
    summary = summarise("s1", [council, *fire], length=1)
    assert summary.sentences[0].citations[0].article_id.startswith("f")
    both = summarise("s1", [council, *fire], length=2)
    assert {s.citations[0].article_id[0] for s in both.sentences} == {"f", "c"}


def _claim(article: Article, sentence: str, claim_id: str) -> Claim:
    start = article.text.index(sentence)
    return Claim(
        id=claim_id,
        article_id=article.id,
        kind="quantity",
        text=sentence,
        start=start,
        end=start + len(sentence),
        value_span=TextSpan(text=sentence[:5], start=start, end=start + 5),
    )


def _group(claim_id: str, status: str, *, sources: int, against: int) -> ClaimGroup:
    """A group in which ``claim_id`` is held by ``sources`` independent sources and the
    conflicting value by ``against``."""
    return ClaimGroup(
        id=f"g_{claim_id}",
        event_id="e1",
        kind="quantity",
        measure=None,
        unit=None,
        status=status,  # type: ignore[arg-type]
        supporting=(claim_id,),
        opposing=("c_elsewhere",) if against else (),
        sources=sources,
        opposing_sources=against,
        tolerance="exact",
        reason="test",
    )


def test_corroborated_claims_are_favoured_over_disputed_ones() -> None:
    article = make_article("a", WIRE)
    plain = summarise("e1", [article], length=1)
    assert _texts(plain) == [LEAD]
    helpers = "Mehr als 150 Einsatzkräfte aus dem ganzen Landkreis waren bis zum Mittag im Einsatz."
    claims = [_claim(article, LEAD, "c_lead"), _claim(article, helpers, "c_helpers")]
    groups = [
        _group("c_lead", "contradicted", sources=1, against=2),
        _group("c_helpers", "corroborated", sources=3, against=0),
    ]
    weighed = summarise("e1", [article], claims=claims, groups=groups, length=1)
    assert _texts(weighed) == [helpers]


def test_the_majority_side_of_a_contradicted_group_counts_as_corroborated() -> None:
    article = make_article("a", WIRE)
    helpers = "Mehr als 150 Einsatzkräfte aus dem ganzen Landkreis waren bis zum Mittag im Einsatz."
    claims = [_claim(article, LEAD, "c_lead"), _claim(article, helpers, "c_helpers")]
    # c_lead is the minority value of its group; c_helpers the majority of a group whose
    # label says "contradicted".
    groups = [
        _group("c_lead", "contradicted", sources=1, against=3),
        _group("c_helpers", "contradicted", sources=4, against=1),
    ]
    weighed = summarise("e1", [article], claims=claims, groups=groups, length=1)
    assert _texts(weighed) == [helpers]
    single = [_group("c_lead", "single_source", sources=1, against=0)]
    assert _texts(summarise("e1", [article], claims=claims, groups=single, length=1)) == [LEAD]


def test_nothing_to_summarise_gives_an_empty_summary() -> None:
    summary = summarise("e1", [make_article("a", "Kurz.")], language="de")
    assert summary.sentences == ()
    assert summary.language == "de"
