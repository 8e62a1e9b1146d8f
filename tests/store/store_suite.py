"""The store behaviour every backend must have; imported by test_store.py (SQLite) and
test_postgres.py (PostgreSQL), which each provide the ``target`` fixture.

Not collected on its own (the file name does not start with ``test_``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import replace
from typing import Any

import pytest

from lagebild.errors import StorageError
from lagebild.quotes import quote_id
from lagebild.records import (
    Article,
    ArticleEntity,
    Block,
    BlockLabel,
    Entity,
    EntityMention,
    Metadata,
    PartialDate,
    Quote,
    RawDocument,
    TextSpan,
    TranslatedFrom,
)
from lagebild.store import SaveResult, Store

__all__ = [
    "test_a_near_miss_of_the_same_speaker_starts_its_own_group",
    "test_a_revision_has_its_own_mentions_and_aliases_grow",
    "test_a_revision_has_its_own_quotes",
    "test_articles_come_in_first_ingest_order",
    "test_entities_and_mentions_round_trip",
    "test_failed_save_writes_nothing",
    "test_failing_statement_is_a_storage_error_and_writes_nothing",
    "test_get_unknown_is_none",
    "test_new_article_round_trips",
    "test_new_content_is_a_revision_and_old_revisions_stay",
    "test_quotes_are_read_in_pages_in_first_ingest_order",
    "test_quotes_round_trip_with_their_own_group",
    "test_raw_bytes_are_kept_once_per_hash",
    "test_reingest_replaces_the_quotes_of_the_revision",
    "test_reopen_after_close_keeps_everything",
    "test_same_content_is_unchanged_and_writes_nothing",
    "test_stats",
    "test_wire_copies_in_other_articles_share_the_first_quote_group",
]

TITLE = "Übersetzung: Neue Brücke über die Weser eröffnet"
LEAD = "Nach drei Jahren Bauzeit ist die Brücke am Dienstag eröffnet worden."
BODY = "Die Baukosten lagen bei 42 Millionen Euro, wie die Stadt mitteilte – „ein guter Tag“."


def make_raw(data: bytes, origin: str = "folder/a.html") -> RawDocument:
    return RawDocument(origin=origin, data=data, format="html", url="https://news.example/a")


def make_article(
    data: bytes = b"<html>v1</html>", *, article_id: str = "art-1", **meta: Any
) -> Article:
    """A full article: title, kept blocks with offsets, removed blocks, translated_from."""
    text = f"{LEAD}\n\n{BODY}"
    body_start = len(LEAD) + 2
    blocks = (
        Block(label=BlockLabel.NAVIGATION, text="Startseite Politik", start=0, end=0),
        Block(label=BlockLabel.TITLE, text=TITLE, start=0, end=0),
        Block(label=BlockLabel.LEAD, text=LEAD, start=0, end=len(LEAD)),
        Block(
            label=BlockLabel.CAPTION, text="Die Brücke. Foto: dpa", start=body_start, end=body_start
        ),
        Block(label=BlockLabel.BODY, text=BODY, start=body_start, end=len(text)),
        Block(
            label=BlockLabel.TRANSLATION_NOTE,
            text="Aus dem Englischen.",
            start=len(text),
            end=len(text),
        ),
    )
    fields: dict[str, Any] = {
        "language": "de",
        "published": PartialDate(year=2025, month=9, day=16),
        "outlet": "Weser-Kurier",
        "authors": ("Anna Beispiel", "Jörg Muster"),
        "agency": ("dpa",),
        "dateline": "BREMEN",
        "translated_from": TranslatedFrom(
            language="en",
            publisher="The Guardian",
            published=PartialDate(year=2025, month=9),
            evidence="Aus dem Englischen.",
        ),
        "sources": {"published": "html:article:published_time", "agency": "dateline"},
    }
    fields.update(meta)
    return Article(
        id=article_id,
        origin="folder/a.html",
        url="https://news.example/a",
        content_hash=hashlib.sha256(data).hexdigest(),
        title=TITLE,
        text=text,
        blocks=blocks,
        meta=Metadata(**fields),
        source_format="html",
        encoding="utf-8",
    )


def save(store: Store, data: bytes, **kwargs: Any) -> tuple[Article, SaveResult]:
    article = make_article(data, **kwargs)
    return article, store.save(article, make_raw(data))


def test_new_article_round_trips(target: str) -> None:
    with Store.open(target) as store:
        article, result = save(store, b"<html>v1</html>")
        assert result == SaveResult(status="new", article_id="art-1", revision=1)
        assert store.get(article.id) == article
        assert store.get(article.id, revision=1) == article
        assert list(store.articles()) == [article]


def test_same_content_is_unchanged_and_writes_nothing(target: str) -> None:
    with Store.open(target) as store:
        save(store, b"<html>v1</html>")
        before = store.stats()
        _, again = save(store, b"<html>v1</html>")
        assert again == SaveResult(status="unchanged", article_id="art-1", revision=1)
        assert store.stats() == before


def test_new_content_is_a_revision_and_old_revisions_stay(target: str) -> None:
    with Store.open(target) as store:
        first, _ = save(store, b"<html>v1</html>")
        second, result = save(store, b"<html>v2</html>", outlet="Kreiszeitung")
        assert result == SaveResult(status="revision", article_id="art-1", revision=2)
        assert store.get("art-1") == dataclasses.replace(second, revision=2)
        assert store.get("art-1", revision=1) == first
        assert store.get("art-1", revision=3) is None
        assert [a.revision for a in store.articles(all_revisions=True)] == [1, 2]
        assert [a.meta.outlet for a in store.articles()] == ["Kreiszeitung"]
        assert store.count() == 1
        _, third = save(store, b"<html>v3</html>")
        assert third.revision == 3


def test_raw_bytes_are_kept_once_per_hash(target: str) -> None:
    with Store.open(target) as store:
        article, _ = save(store, b"<html>\xe4 raw</html>")
        save(store, b"<html>\xe4 raw</html>", article_id="art-2")  # same bytes, other id
        assert store.raw(article.content_hash) == b"<html>\xe4 raw</html>"
        assert store.has_hash(article.content_hash)
        assert not store.has_hash("0" * 64)
        assert store.raw("0" * 64) is None
        assert store.stats().raw_documents == 1
        assert store.count() == 2


def test_articles_come_in_first_ingest_order(target: str) -> None:
    with Store.open(target) as store:
        for name in ("zeta", "alpha", "mid"):
            save(store, name.encode(), article_id=name)
        save(store, b"alpha v2", article_id="alpha")
        assert [a.id for a in store.articles()] == ["zeta", "alpha", "mid"]
        pairs = [(a.id, a.revision) for a in store.articles(all_revisions=True)]
        assert pairs == [("zeta", 1), ("alpha", 1), ("alpha", 2), ("mid", 1)]


def test_get_unknown_is_none(target: str) -> None:
    with Store.open(target) as store:
        assert store.get("nope") is None
        assert store.count() == 0
        assert list(store.articles()) == []


def test_stats(target: str) -> None:
    with Store.open(target) as store:
        empty = store.stats()
        assert (empty.articles, empty.revisions, empty.earliest_published) == (0, 0, None)
        save(store, b"a", article_id="a", published=PartialDate(year=2024))
        save(store, b"b", article_id="b", language="en", published=PartialDate(year=2025, month=3))
        save(store, b"c", article_id="c", outlet=None, published=None)
        save(store, b"a2", article_id="a", published=PartialDate(year=2023, month=1, day=2))
        stats = store.stats()
    assert (stats.articles, stats.revisions, stats.raw_documents) == (3, 4, 4)
    assert stats.languages == {"de": 2, "en": 1}
    assert stats.outlets == 1
    assert (stats.earliest_published, stats.latest_published) == ("2023-01-02", "2025-03")
    assert stats.schema_version == latest_migration()
    assert stats.backend in ("sqlite", "postgresql")


def test_failed_save_writes_nothing(target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import lagebild.store.store as store_module

    def broken(*args: Any, **kwargs: Any) -> dict[str, Any]:
        raise RuntimeError("disk on fire")

    with Store.open(target) as store:
        save(store, b"kept", article_id="kept")
        monkeypatch.setattr(store_module, "article_row", broken)  # after raw + article rows
        with pytest.raises(RuntimeError, match="disk on fire"):
            save(store, b"lost", article_id="lost")
        with pytest.raises(RuntimeError, match="disk on fire"):
            save(store, b"kept v2", article_id="kept")
        monkeypatch.undo()
        assert store.count() == 1
        assert not store.has_hash(hashlib.sha256(b"lost").hexdigest())
        assert not store.has_hash(hashlib.sha256(b"kept v2").hexdigest())
        assert store.get("kept") == make_article(b"kept", article_id="kept")
        assert store.stats().revisions == 1


def test_failing_statement_is_a_storage_error_and_writes_nothing(
    target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lagebild.store.store as store_module

    real = store_module.article_row

    def without_text(*args: Any, **kwargs: Any) -> dict[str, Any]:
        return {**real(*args, **kwargs), "text": None}  # violates NOT NULL in the database

    with Store.open(target) as store:
        monkeypatch.setattr(store_module, "article_row", without_text)
        with pytest.raises(
            StorageError, match=r"Cannot save 'lost' in store .*nothing was written"
        ):
            save(store, b"lost", article_id="lost")
        monkeypatch.undo()
        assert store.count() == 0 and store.stats().raw_documents == 0
        assert save(store, b"lost", article_id="lost")[1].status == "new"


def test_reopen_after_close_keeps_everything(target: str) -> None:
    store = Store.open(target)
    article, _ = save(store, b"v1")
    store.close()
    with Store.open(target) as again:
        assert again.get(article.id) == article
        assert save(again, b"v1")[1].status == "unchanged"


def _with_entities(article: Article) -> tuple[Article, tuple[Entity, ...]]:
    start = article.text.index("Brücke")  # "die Brücke": a description of the Weser bridge
    stadt = article.text.index("Stadt")
    entities = (
        ArticleEntity(
            name="Weser",
            kind="place",
            entity_id="loc-weser",
            mentions=(
                EntityMention(text="Brücke", start=start, end=start + 6, form="description"),
            ),
        ),
        ArticleEntity(
            name="Bremen",
            kind="place",
            entity_id="loc-bremen",
            mentions=(EntityMention(text="Stadt", start=stadt, end=stadt + 5, form="description"),),
        ),
    )
    registry = (
        Entity(id="loc-weser", name="Weser", kind="place", aliases=("Weser",)),
        Entity(id="loc-bremen", name="Bremen", kind="place", aliases=("Bremen", "Stadt Bremen")),
    )
    return replace(article, entities=entities), registry


def test_entities_and_mentions_round_trip(target: str) -> None:
    with Store.open(target) as store:
        article, registry = _with_entities(make_article(b"e1"))
        result = store.save(article, make_raw(b"e1"), registry)
        assert {e.id for e in store.entities()} == {"loc-weser", "loc-bremen"}
        stored = store.article_entities(article.id, result.revision)
        assert {(e.entity_id, e.name) for e in stored} == {
            ("loc-weser", "Weser"),
            ("loc-bremen", "Bremen"),
        }
        for entity in stored:
            for mention in entity.mentions:
                assert article.text[mention.start : mention.end] == mention.text
        # the same content again writes nothing twice
        assert store.save(article, make_raw(b"e1"), registry).status == "unchanged"
        [(entity, mentions)] = [
            pair for pair in store.entity_mentions() if pair[0].id == "loc-weser"
        ]
        assert entity.aliases == ("Weser",) and len(mentions) == 1
        assert mentions[0]["article_id"] == article.id


def test_a_revision_has_its_own_mentions_and_aliases_grow(target: str) -> None:
    with Store.open(target) as store:
        article, registry = _with_entities(make_article(b"r1"))
        store.save(article, make_raw(b"r1"), registry)
        grown = (replace(registry[0], aliases=("Weser", "Fluss Weser")), registry[1])
        second = replace(article, content_hash=hashlib.sha256(b"r2").hexdigest())
        result = store.save(second, make_raw(b"r2"), grown)
        assert result.status == "revision"
        assert len(store.article_entities(article.id, 1)) == 2
        assert len(store.article_entities(article.id, 2)) == 2
        weser = next(e for e in store.entities() if e.id == "loc-weser")
        assert weser.aliases == ("Weser", "Fluss Weser")
        # only the current revision counts for the entity's mentions
        [(_, mentions)] = [pair for pair in store.entity_mentions() if pair[0].id == "loc-weser"]
        assert len(mentions) == 1


# --- quotes (issue #4) ---


def _span(text: str, part: str) -> TextSpan:
    start = text.index(part)
    return TextSpan(text=part, start=start, end=start + len(part))


def make_quotes(
    article: Article, content: str = "Die Baukosten lagen bei 42 Millionen Euro"
) -> Article:
    """``article`` with an indirect quote of the city and a direct quote without a speaker."""
    text = article.text
    reported = _span(text, content) if content in text else _span(text, "Die Baukosten")
    direct = _span(text, "ein guter Tag")
    quotes = (
        Quote(
            text=reported.text,
            start=reported.start,
            end=reported.end,
            kind="indirect",
            cue=_span(text, "mitteilte"),
            speaker="Stadt Bremen",
            speaker_mention=_span(text, "Stadt"),
            speaker_entity="loc-bremen",
            confidence=0.9,
        ),
        Quote(
            text=direct.text,
            start=direct.start,
            end=direct.end,
            kind="direct",
            cue=None,
            speaker=None,
            speaker_mention=None,
            confidence=0.5,
            parts=(direct,),
        ),
    )
    return replace(article, quotes=quotes)


def test_quotes_round_trip_with_their_own_group(target: str) -> None:
    with Store.open(target) as store:
        article = make_quotes(make_article(b"q1"))
        result = store.save(article, make_raw(b"q1"))
        stored = store.quotes(article.id)
        assert [s.quote for s in stored] == [
            replace(q, group_id=quote_id(article.id, q)) for q in article.quotes
        ]
        assert all(s.group_size == 1 and s.origin == article.origin for s in stored)
        assert store.revision_quotes(article.id, result.revision) == tuple(s.quote for s in stored)
        for quote in store.revision_quotes(article.id, result.revision):
            assert article.text[quote.start : quote.end] == quote.text
        assert store.quotes("no-such-article") == ()


def test_wire_copies_in_other_articles_share_the_first_quote_group(target: str) -> None:
    with Store.open(target) as store:
        ids = []
        for index in range(3):
            data = f"wire{index}".encode()
            article = make_quotes(make_article(data, article_id=f"wire-{index}"))
            store.save(article, make_raw(data))
            ids.append(quote_id(article.id, article.quotes[0]))
        reported = [s for s in store.quotes() if s.quote.kind == "indirect"]
        assert [s.article_id for s in reported] == ["wire-0", "wire-1", "wire-2"]
        assert {s.quote.group_id for s in reported} == {ids[0]}
        assert {s.group_size for s in reported} == {3}
        stats = store.stats()
        assert (stats.quotes, stats.statements) == (6, 2)
        # the short direct quote has no speaker: equal words are enough
        direct = [s for s in store.quotes() if s.quote.kind == "direct"]
        assert len({s.quote.group_id for s in direct}) == 1


def test_a_near_miss_of_the_same_speaker_starts_its_own_group(target: str) -> None:
    with Store.open(target) as store:
        first = make_quotes(make_article(b"m1", article_id="m-1"))
        store.save(first, make_raw(b"m1"))
        other = make_quotes(
            make_article(b"m2", article_id="m-2"), content="Nach drei Jahren Bauzeit"
        )
        store.save(other, make_raw(b"m2"))
        groups = {s.article_id: s.quote.group_id for s in store.quotes() if s.quote.speaker}
        assert groups["m-1"] != groups["m-2"]


def test_reingest_replaces_the_quotes_of_the_revision(target: str) -> None:
    with Store.open(target) as store:
        article = make_quotes(make_article(b"re"))
        store.save(article, make_raw(b"re"))
        assert store.save(article, make_raw(b"re")).status == "unchanged"
        assert len(store.quotes(article.id)) == 2
        better = replace(article, quotes=article.quotes[:1])
        result = store.save(better, make_raw(b"re"))
        assert result.status == "unchanged" and result.revision == 1
        assert [s.quote.text for s in store.quotes(article.id)] == [article.quotes[0].text]
        # quote extraction off: stored quotes are left alone
        store.save(replace(article, quotes=()), make_raw(b"re"), quotes=False)
        assert len(store.quotes(article.id)) == 1
        assert store.get(article.id) == replace(article, quotes=())


def test_a_revision_has_its_own_quotes(target: str) -> None:
    with Store.open(target) as store:
        article = make_quotes(make_article(b"v1"))
        store.save(article, make_raw(b"v1"))
        second = replace(make_article(b"v2"), quotes=article.quotes[1:])
        assert store.save(second, make_raw(b"v2")).status == "revision"
        assert len(store.revision_quotes(article.id, 1)) == 2
        assert len(store.revision_quotes(article.id, 2)) == 1
        assert [s.revision for s in store.quotes(article.id)] == [2]


def test_quotes_are_read_in_pages_in_first_ingest_order(
    target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lagebild.store.store as store_module

    with Store.open(target) as store:
        for index in range(3):
            data = f"page{index}".encode()
            store.save(make_quotes(make_article(data, article_id=f"p-{index}")), make_raw(data))
        everything = store.quotes()
        monkeypatch.setattr(store_module, "PAGE_SIZE", 2)
        assert tuple(store.iter_quotes()) == everything
        assert [s.article_id for s in everything] == ["p-0", "p-0", "p-1", "p-1", "p-2", "p-2"]
        assert {s.group_size for s in everything} == {3}


def latest_migration() -> str:
    """The newest migration's revision id (the schema a freshly opened store must be at)."""
    from pathlib import Path

    import lagebild.store

    versions = Path(lagebild.store.__file__).parent / "migrations" / "versions"
    return max(p.name.split("_")[0] for p in versions.glob("[0-9]*_*.py"))
