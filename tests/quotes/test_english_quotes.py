"""English quotes: each construction on a hand-written sentence."""

from __future__ import annotations

import pytest

from lagebild.records import ArticleEntity, EntityMention, Quote

pytest.importorskip("spacy")
english = pytest.importorskip("lagebild.quotes.english")
cues = pytest.importorskip("lagebild.quotes.english_cues")

try:
    cues.english_parser()
except Exception as error:
    pytest.skip(f"English parser not available: {error}", allow_module_level=True)


def person(text: str, name: str, *names: str) -> ArticleEntity:
    """An entity of ``text`` with a mention at every occurrence of ``name`` and ``names``."""
    mentions = []
    for word in (name, *names):
        start = text.find(word)
        while start >= 0:
            mentions.append(
                EntityMention(text=word, start=start, end=start + len(word), form="name")
            )
            start = text.find(word, start + 1)
    return ArticleEntity(name=name, kind="person", mentions=tuple(mentions))


def quotes(text: str, *entities: ArticleEntity) -> tuple[Quote, ...]:
    found = english.english_quotes(text, entities)
    for quote in found:
        for piece in quote.parts or (quote,):
            assert text[piece.start : piece.end] == piece.text
        assert 0.0 <= quote.confidence <= 1.0
        if quote.cue is not None:
            assert text[quote.cue.start : quote.cue.end] == quote.cue.text
        if quote.speaker_mention is not None:
            mention = quote.speaker_mention
            assert text[mention.start : mention.end] == mention.text
    return found


def only(text: str, *entities: ArticleEntity) -> Quote:
    found = quotes(text, *entities)
    assert len(found) == 1, found
    return found[0]


def test_direct_quote_content_first() -> None:
    text = "“The impact is still small,” wrote Cameron Easley for Morning Consult."
    quote = only(text, person(text, "Cameron Easley"))
    assert (quote.text, quote.kind, quote.speaker) == (
        "The impact is still small",
        "direct",
        "Cameron Easley",
    )
    assert quote.cue is not None and quote.cue.text == "wrote"


def test_direct_quote_after_colon() -> None:
    text = "Senator Elizabeth Warren told reporters: “There will be no deal this year.”"
    quote = only(text, person(text, "Elizabeth Warren"))
    assert (quote.text, quote.kind) == ("There will be no deal this year.", "direct")
    assert quote.speaker == "Elizabeth Warren"
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "Senator Elizabeth Warren"


def test_direct_quote_across_sentences() -> None:
    text = "“We are done here. Nobody will stop us now,” said Bernie Sanders."
    quote = only(text, person(text, "Bernie Sanders"))
    assert quote.text == "We are done here. Nobody will stop us now"
    assert quote.speaker == "Bernie Sanders"


def test_interrupted_quote_is_one_quote_in_two_parts() -> None:
    text = "“We will win,” Mike Pence said, “and we will win big.”"
    quote = only(text, person(text, "Mike Pence"))
    assert [part.text for part in quote.parts] == ["We will win", "and we will win big."]
    assert quote.text == "We will win and we will win big."
    assert (quote.start, quote.end) == (quote.parts[0].start, quote.parts[1].end)


def test_pronoun_speaker_is_resolved() -> None:
    text = "Barack Obama spoke in Chicago on Monday. “This is our moment,” he said."
    quote = only(text, person(text, "Barack Obama", "Obama"))
    assert quote.speaker == "Barack Obama"
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "he"


def test_unresolved_pronoun_leaves_the_speaker_open() -> None:
    quote = only("“This is our moment,” he said.")
    assert quote.speaker is None
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "he"


@pytest.mark.parametrize(
    "text",
    [
        "Donald Trump said that the election was rigged.",
        "Donald Trump said the election was rigged.",
        "The election was rigged, Donald Trump said.",
    ],
)
def test_reported_speech(text: str) -> None:
    quote = only(text, person(text, "Donald Trump"))
    assert quote.text.lower().removeprefix("that ") == "the election was rigged"
    assert (quote.kind, quote.speaker) == ("indirect", "Donald Trump")
    assert quote.cue is not None and quote.cue.text == "said"


def test_said_in_a_statement() -> None:
    text = "Barack Obama said in a statement that he was pleased with the result."
    quote = only(text, person(text, "Barack Obama"))
    assert quote.text == "that he was pleased with the result"
    assert quote.speaker == "Barack Obama"


def test_according_to_keeps_an_unnamed_source_as_written() -> None:
    text = "According to a White House spokeswoman, the meeting was cancelled."
    quote = only(text)
    assert quote.text == "the meeting was cancelled"
    assert quote.cue is not None and quote.cue.text == "According to"
    assert quote.speaker == "a White House spokeswoman"


def test_description_speaker_is_not_the_organisation_in_it() -> None:
    text = "A White House spokeswoman said the meeting was cancelled."
    white_house = ArticleEntity(
        name="White House",
        kind="organisation",
        mentions=(EntityMention(text="White House", start=2, end=13, form="name"),),
    )
    quote = only(text, white_house)
    assert quote.speaker == "A White House spokeswoman"


def test_mixed_quote_embeds_a_verbatim_fragment() -> None:
    text = "Hillary Clinton said the plan was “a total disaster” and had to go."
    quote = only(text, person(text, "Hillary Clinton"))
    assert quote.kind == "mixed"
    assert quote.text == "the plan was “a total disaster” and had to go"


def test_headline_with_colon() -> None:
    text = 'Vance: "We will not back down."'
    quote = only(text, person(text, "Vance"))
    assert (quote.text, quote.kind, quote.speaker) == ("We will not back down.", "direct", "Vance")


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “reforms” failed, and the “experts” left town.",
        "Critics mocked the “plan” in the week after the vote.",
    ],
)
def test_scare_quotes_are_no_quotes(text: str) -> None:
    assert quotes(text) == ()


def test_speaker_keeps_the_floor_for_a_following_quotation() -> None:
    text = "“Are we where we need to be? Probably not,” Ms. Moore said. “But we will get there.”"
    first, second = quotes(text)
    assert first.text == "Are we where we need to be? Probably not"
    assert (second.text, second.cue, second.speaker) == (
        "But we will get there.",
        None,
        "Ms. Moore",
    )
    assert second.confidence < first.confidence


def test_speech_verb_inside_a_quotation_is_part_of_it() -> None:
    text = "“Voters said they had enough of it all,” Jane Smith added."
    quote = only(text, person(text, "Jane Smith"))
    assert (quote.text, quote.speaker) == ("Voters said they had enough of it all", "Jane Smith")


def test_empty_text_has_no_quotes() -> None:
    assert english.english_quotes("  \n", ()) == ()


def test_parenthetical_cue_splits_reported_speech_into_parts() -> None:
    text = "Acts of protest, Barack Obama said, are acts of patriotism."
    quote = only(text, person(text, "Barack Obama"))
    assert quote.kind == "indirect"
    assert [part.text for part in quote.parts] == ["Acts of protest", "are acts of patriotism"]


def test_participle_reports_the_same_speaker() -> None:
    text = "Peabody Energy said in a statement that it was pleased, adding that its shares rose."
    found = quotes(text)
    assert [quote.text for quote in found] == ["that it was pleased", "that its shares rose"]
    assert {quote.speaker for quote in found} == {"Peabody Energy"}


def test_named_statement_with_its_owner() -> None:
    text = "Fact checkers examined Donald Trump's claim that crime is at a record high."
    quote = only(text, person(text, "Donald Trump"))
    assert (quote.text, quote.speaker) == ("that crime is at a record high", "Donald Trump")
    assert quote.cue is not None and quote.cue.text == "claim"


def test_quotation_opening_reported_speech_makes_it_mixed() -> None:
    text = "WikiLeaks claims ‘state party’ cut the internet connection of its founder."
    quote = only(text)
    assert quote.kind == "mixed"
    assert quote.text == "‘state party’ cut the internet connection of its founder"


def test_told_an_addressee_that() -> None:
    text = (
        "In Honolulu, Barack Obama told a meeting of island leaders that few people understood it."
    )
    quote = only(text, person(text, "Barack Obama"))
    assert (quote.text, quote.kind) == ("that few people understood it", "indirect")


def test_that_before_a_full_quotation_is_direct() -> None:
    text = "Barack Obama told his advisers that “the time has come to act.”"
    quote = only(text, person(text, "Barack Obama"))
    assert (quote.text, quote.kind) == ("the time has come to act.", "direct")


def test_relative_pronoun_speaker_is_the_noun_it_refers_to() -> None:
    """ "X, who has admitted that …": the mention is "who", the speaker is X."""
    text = (
        "Lord Mayor Katrin Albers-Wendt, who has admitted that her administration made "
        "mistakes, said the city would cooperate fully with investigators."
    )
    found = quotes(text, person(text, "Katrin Albers-Wendt"))
    admitted = next(q for q in found if q.text.startswith("that her administration"))
    assert admitted.speaker == "Katrin Albers-Wendt"
    assert admitted.speaker_mention is not None and admitted.speaker_mention.text == "who"


def test_a_capital_said_to_speak_is_its_government() -> None:
    """ "Moscow said …": the Russian government, written with the capital as the article
    writes it, also when the city is linked to its German canonical name („Moskau“)."""
    text = '"We will not accept this," Moscow said on Monday.'
    mentions = person(text, "Moscow").mentions
    for name in ("Moscow", "Moskau"):
        city = ArticleEntity(name=name, kind="place", mentions=mentions)
        assert only(text, city).speaker == "Russian government (Moscow)"


def test_whom_an_agency_quotes_as_saying_is_the_speaker() -> None:
    text = '"We will not send troops," the agency quoted Lavrov as saying.'
    quote = only(text, person(text, "Lavrov"))
    assert (quote.text, quote.kind, quote.speaker) == (
        "We will not send troops",
        "direct",
        "Lavrov",
    )
    text = "Interfax quoted Sergei Lavrov as saying that Russia would not send troops."
    quote = only(text, person(text, "Sergei Lavrov"))
    assert quote.speaker == "Sergei Lavrov"
    assert quote.text.endswith("Russia would not send troops")
