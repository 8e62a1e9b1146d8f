"""The per-article entry points of quote extraction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Sequence

from lagebild.analysis.sentences import Sentence, split_sentences
from lagebild.records import Article, ArticleEntity, Metadata, PartialDate, Quote


def find_quotes(
    article: Article,
    entities: Sequence[ArticleEntity] = (),
    sentences: Sequence[Sentence] | None = None,
) -> tuple[Quote, ...]:
    """The quotes of ``article``; speakers are resolved against ``entities`` (the article's
    entities, e.g. ``analyse_entities(article).entities``)."""
    if article.meta.language == "en":
        from lagebild.quotes.english import english_quotes

        return english_quotes(article.text, entities, sentences)
    from lagebild.quotes.german import german_quotes

    if sentences is None:
        sentences = split_sentences(article.text, "de")
    return german_quotes(article.text, sentences, entities)


def quotes_in_text(text: str, *, language: str = "de") -> tuple[Quote, ...]:
    """Quotes of a bare text, with the entity analysis run on it first (for the CLI and the
    benchmarks)."""
    from lagebild.entities.analyse import analyse_entities

    article = bare_article(text, language=language)
    entities = analyse_entities(article).entities
    return find_quotes(article, entities)


def bare_article(text: str, *, language: str = "de", published: dt.date | None = None) -> Article:
    """An article made of ``text`` as it is (no cleaning), so offsets index ``text``."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    when = (
        PartialDate(year=published.year, month=published.month, day=published.day)
        if published
        else None
    )
    return Article(
        id=f"t_{digest[:16]}",
        origin="<text>",
        url=None,
        content_hash=digest,
        title=None,
        text=text,
        blocks=(),
        meta=Metadata(language=language, published=when),
        source_format="text",
        encoding="utf-8",
    )


def relink_speakers(
    quotes: Sequence[Quote], before: Sequence[ArticleEntity], after: Sequence[ArticleEntity]
) -> tuple[Quote, ...]:
    """``quotes`` found with the article's entities ``before`` registry linking, with the
    speakers' canonical names and ids of the linked entities ``after`` (same order, as
    ``EntityRegistry.link`` returns them)."""
    renamed = {old.name: new for old, new in zip(before, after, strict=True)}
    # A capital said to speak keeps its government's name and rests on the city's entity, so
    # that the same statement in another language still finds it (see ``capital_government``).
    places = {
        (mention.start, mention.end): new
        for old, new in zip(before, after, strict=True)
        if old.kind == "place"
        for mention in old.mentions
    }
    relinked = []
    for quote in quotes:
        new = renamed.get(quote.speaker) if quote.speaker is not None else None
        if new is not None:
            quote = dataclasses.replace(quote, speaker=new.name, speaker_entity=new.entity_id)
        elif quote.speaker_mention is not None:
            mention = quote.speaker_mention
            city = places.get((mention.start, mention.end))
            if city is not None:
                quote = dataclasses.replace(quote, speaker_entity=city.entity_id)
        relinked.append(quote)
    return tuple(relinked)


def quote_id(article_id: str, quote: Quote) -> str:
    """A stable id: the same span of the same article always has the same id."""
    digest = hashlib.sha256(f"{article_id}:{quote.start}:{quote.end}".encode()).hexdigest()
    return f"q-{digest[:16]}"
