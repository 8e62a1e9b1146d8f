"""The support check catches every way a summary can misrepresent its sources (issue #6)."""

from __future__ import annotations

import pytest
from summary_articles import make_article

from lagebild.records import Citation, Summary, SummarySentence
from lagebild.summaries.support import (
    check_support,
    has_unbalanced_quotes,
    quote_problems,
    quoted_segments,
    token_overlap,
)

SENTENCE = "Mehr als 150 Einsatzkräfte aus dem ganzen Landkreis waren bis zum Mittag im Einsatz."
QUOTE = "„Wir konnten das Tanklager retten“, sagte Kreisbrandmeister Tobias Renner am Vormittag."
TEXT = f"Im Hafen von Kellstedt hat es gebrannt. {SENTENCE} {QUOTE}"
ARTICLE = make_article("a", TEXT)
COPY = make_article("b", f"Großbrand in Kellstedt.\n\n{SENTENCE}")
ARTICLES = {"a": ARTICLE, "b": COPY}


def _cite(article_id: str, sentence: str) -> Citation:
    start = ARTICLES[article_id].text.index(sentence)
    return Citation(article_id=article_id, start=start, end=start + len(sentence))


def _summary(text: str, *citations: Citation, method: str = "extractive") -> Summary:
    return Summary(
        target="e1",
        language="de",
        sentences=(SummarySentence(text=text, citations=citations),),
        method=method,  # type: ignore[arg-type]
    )


def test_verbatim_sentences_citing_every_copy_are_supported() -> None:
    summary = Summary(
        target="e1",
        language="de",
        sentences=(
            SummarySentence(text=SENTENCE, citations=(_cite("a", SENTENCE), _cite("b", SENTENCE))),
            SummarySentence(text=QUOTE, citations=(_cite("a", QUOTE),)),
        ),
    )
    assert check_support(summary, ARTICLES) == []


def test_whitespace_differences_do_not_matter() -> None:
    article = make_article(
        "w", "Erster Satz hier.\nMehr als 150 Einsatzkräfte aus dem\nganzen Landkreis."
    )
    start = article.text.index("Mehr")
    summary = _summary(
        "Mehr als 150 Einsatzkräfte aus dem ganzen Landkreis.",
        Citation(article_id="w", start=start, end=len(article.text)),
    )
    assert check_support(summary, {"w": article}) == []


def test_tampered_sentence_is_caught() -> None:
    tampered = SENTENCE.replace("150", "250")
    [problem] = check_support(_summary(tampered, _cite("a", SENTENCE)), ARTICLES)
    assert "not the text of any cited span" in problem


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        (Citation(article_id="a", start=0, end=39), "says something else"),
        (Citation(article_id="a", start=10, end=10_000), "outside the article text"),
        (Citation(article_id="zzz", start=0, end=10), "unknown article"),
    ],
)
def test_wrong_span_is_caught(citation: Citation, expected: str) -> None:
    problems = check_support(_summary(SENTENCE, _cite("a", SENTENCE), citation), ARTICLES)
    assert any(expected in p for p in problems), problems


def test_a_sentence_without_citations_is_caught() -> None:
    [problem] = check_support(_summary(SENTENCE), ARTICLES)
    assert problem.startswith("e1 sentence 1 ('Mehr als 150 Einsatzkräfte")
    assert problem.endswith("…'): cites nothing")


def test_faithful_paraphrase_passes_the_abstractive_check() -> None:
    paraphrase = (
        "Bis zum Mittag waren mehr als 150 Einsatzkräfte aus dem ganzen Landkreis im Einsatz."
    )
    summary = _summary(paraphrase, _cite("a", SENTENCE), method="abstractive")
    assert check_support(summary, ARTICLES) == []


def test_paraphrase_with_a_changed_number_is_caught() -> None:
    paraphrase = (
        "Bis zum Mittag waren mehr als 250 Einsatzkräfte aus dem ganzen Landkreis im Einsatz."
    )
    problems = check_support(
        _summary(paraphrase, _cite("a", SENTENCE), method="abstractive"), ARTICLES
    )
    assert [p.split(": ", 1)[1] for p in problems] == ["number '250' is in no cited span"]


def test_paraphrase_with_new_content_is_caught() -> None:
    invented = "Die Bundeswehr schickte Hubschrauber, Panzer und Pioniere aus ganz Norddeutschland."
    problems = check_support(
        _summary(invented, _cite("a", SENTENCE), method="abstractive"), ARTICLES
    )
    assert any("content words" in p for p in problems)


@pytest.mark.parametrize("method", ["extractive", "abstractive"])
def test_quotation_marks_around_non_verbatim_text_are_caught(method: str) -> None:
    misquote = (
        "„Wir haben das Tanklager gerettet“, sagte Kreisbrandmeister Tobias Renner am Vormittag."
    )
    problems = check_support(_summary(misquote, _cite("a", QUOTE), method=method), ARTICLES)
    assert any("quotation not verbatim" in p for p in problems), problems


def test_quotation_marks_added_to_a_paraphrase_are_caught() -> None:
    problems = quote_problems(
        "Die Feuerwehr sagte, „mehr als 200 Kräfte“ seien im Einsatz gewesen.", [SENTENCE]
    )
    assert problems == ["quotation not verbatim in any cited span: 'mehr als 200 Kräfte'"]


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("Er sprach von einem „schwarzen Tag“.", ["schwarzen Tag"]),
        (
            "Trump schrieb, er habe ein «langes und sehr produktives» Telefonat gehabt.",
            ["langes und sehr produktives"],
        ),
        ("She called it “a black day for Lindenau” and left.", ["a black day for Lindenau"]),
        ("‘It sounded like thunder’: the city’s mayor spoke.", ["It sounded like thunder"]),
        ("„Er sagte ‚Nein‘ und ging“, hieß es.", ["Er sagte ‚Nein‘ und ging"]),
    ],
)
def test_quoted_segments(text: str, segments: list[str]) -> None:
    assert quoted_segments(text) == segments
    assert not has_unbalanced_quotes(text)


@pytest.mark.parametrize(
    "text",
    [
        "„Wir haben Fehler gemacht.",
        "Dafür übernehmen wir die Verantwortung“, sagte sie.",
        "«Das ist ein Satz.",
    ],
)
def test_unbalanced_quotation_marks(text: str) -> None:
    assert has_unbalanced_quotes(text)
    assert quote_problems(text, [text]) == ["unbalanced quotation marks"]


def test_token_overlap_counts_a_one_word_edit_as_the_same_sentence() -> None:
    assert token_overlap(SENTENCE, SENTENCE.replace("Mittag", "Abend")) >= 0.9
    assert token_overlap(SENTENCE, "Mehr als 150 Einsatzkräfte waren im Einsatz.") < 0.9
