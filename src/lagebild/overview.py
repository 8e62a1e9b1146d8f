"""Readable terminal views of a store: the demo overview, stats and one article."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from lagebild.records import Article
from lagebild.store import Store

TITLE_WIDTH = 60  # keeps the article table readable in an 120-column terminal
STATEMENT_WIDTH = 90  # one or two lines per statement in a 120-column terminal
QUOTE_ROWS = 10  # the overview shows the most quoted statements, not every quote


def print_overview(store: Store, out: Console) -> None:
    """What the store holds, as a journalist would want to skim it."""
    articles = list(store.articles())
    out.print(
        Panel.fit(f"[bold]lagebild[/] — {len(articles)} articles in the store", border_style="cyan")
    )
    out.print(_article_table(articles))
    out.print(entity_table(store, limit=ENTITY_ROWS))
    out.print(quote_table(store, limit=QUOTE_ROWS))
    out.print(story_table(store))
    out.print(lineage_table(store, {a.id: a for a in articles}))
    out.print(_counter_table("Outlets", Counter(a.meta.outlet or "(unknown)" for a in articles)))
    out.print(
        _counter_table("Agencies credited", Counter(x for a in articles for x in a.meta.agency))
    )
    out.print(
        _counter_table(
            "Removed as junk (kept, with label)",
            Counter(b.label.value for a in articles for b in a.removed),
        )
    )
    translations = [a for a in articles if a.meta.translated_from is not None]
    for a in translations:
        tf = a.meta.translated_from
        assert tf is not None
        out.print(
            f"[bold]translation:[/] {a.title or a.id} ← {tf.language or '?'} original"
            f"{' by ' + tf.publisher if tf.publisher else ''}"
            f"{' of ' + tf.published.isoformat() if tf.published else ''}",
            highlight=False,
        )
    out.print(
        "Next: [bold]lagebild show ID --removed[/] for one article, [bold]lagebild export[/] for JSON Lines."
    )


def _article_table(articles: Iterable[Article]) -> Table:
    table = Table(title="Articles", show_lines=False)
    # One line per article: fixed narrow columns, the title takes the width that is left.
    widths = {
        "published": 10,
        "outlet": 16,
        "lang": 4,
        "agency": 7,
        "removed": 7,
        "id": 18,
    }  # ids whole: `lagebild show ID`
    widths["title"] = 34  # with the others, fits a 120-column terminal
    for col in ("published", "outlet", "lang", "agency", "title", "removed", "id"):
        width = widths[col]
        table.add_column(
            col,
            no_wrap=True,
            overflow="ellipsis",
            min_width=width,
            max_width=width,
            ratio=None if width else 1,
        )
    ordered = sorted(
        articles,
        key=lambda a: (
            a.meta.published.isoformat() if a.meta.published else "~",
            a.meta.outlet or "",
        ),
    )
    for a in ordered:
        title = (a.title or a.text[:TITLE_WIDTH]).replace("\n", " ")
        table.add_row(
            a.meta.published.isoformat() if a.meta.published else "—",
            a.meta.outlet or "—",
            a.meta.language or "—",
            ", ".join(a.meta.agency) or "—",
            title[:TITLE_WIDTH] + ("…" if len(title) > TITLE_WIDTH else ""),
            str(len(a.removed)),
            a.id,
        )
    return table


def _counter_table(title: str, counts: Mapping[str, int]) -> Table:
    table = Table(title=title)
    table.add_column("value")
    table.add_column("count", justify="right")
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(key, str(n))
    return table


# Entities shown in the overview: enough for the main actors of a few stories.
ENTITY_ROWS = 15


def entity_table(store: Store, *, limit: int | None = None, kind: str | None = None) -> Table:
    """Registry entities by the number of articles that mention them."""
    rows = []
    for entity, mentions in store.entity_mentions():
        if kind is None or entity.kind == kind:
            mentioning = {mention["article_id"] for mention in mentions}
            rows.append((len(mentioning), len(mentions), entity))
    rows.sort(key=lambda row: (-row[0], -row[1], row[2].name))
    shown = rows[:limit] if limit is not None else rows
    table = Table(title=f"Entities ({len(shown)} of {len(rows)}, by articles mentioning them)")
    for column in ("name", "kind", "articles", "mentions", "id", "other names"):
        table.add_column(column)
    for articles, count, entity in shown:
        others = [alias for alias in entity.aliases if alias != entity.name][:5]
        table.add_row(
            entity.name, entity.kind, str(articles), str(count), entity.id, ", ".join(others)
        )
    return table


def quote_table(store: Store, *, limit: int | None = None) -> Table:
    """Who said what: the statements quoted most often across articles (a wire quote
    reprinted by many outlets first), each with its speaker and number of occurrences."""
    first: dict[str, tuple[int, str, str]] = {}
    for stored in store.iter_quotes():
        quote = stored.quote
        group = quote.group_id or stored.article_id
        if group not in first:
            first[group] = (stored.group_size, quote.speaker or "(unknown)", quote.text)
    shown = sorted(first.values(), key=lambda row: -row[0])[:limit]
    table = Table(title="Who said what (most quoted statements)")
    table.add_column("speaker")
    table.add_column("occurrences", justify="right")
    table.add_column("statement", overflow="fold")
    for size, speaker, text in shown:
        short = text if len(text) <= STATEMENT_WIDTH else text[: STATEMENT_WIDTH - 1] + "…"
        table.add_row(speaker, str(size), short)
    return table


def story_table(store: Store, *, story_id: str | None = None) -> Table:
    """Stories with their events in the order they happened: date, articles, independent
    sources (copies of one wire text count once)."""
    found, stories = store.events()
    events = {e.id: e for e in found}
    table = Table(title="Stories and their events")
    table.add_column("story / event", overflow="fold", ratio=1)
    table.add_column("date", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("sources", justify="right")  # independent: one wire text counts once
    table.add_column("id", no_wrap=True)
    for story in stories:
        if story_id is not None and story.id != story_id:
            continue
        table.add_row(f"[bold]{story.title}[/]", "", str(len(story.article_ids)), "", story.id)
        members = [events[e] for e in story.event_ids if e in events]
        members.sort(key=lambda e: (e.date.isoformat() if e.date else "9999", e.id))
        for event in members:
            table.add_row(
                f"  {event.title}",
                event.date.isoformat() if event.date else "—",
                str(len(event.article_ids)),
                str(event.independent_sources),
                event.id,
            )
    return table


def lineage_table(store: Store, articles: Mapping[str, Article]) -> Table:
    """Which article copies, translates or revises which."""
    table = Table(title="Lineage (wire copies, translations, duplicates, revisions)")
    for column in ("relation", "original", "copy", "shared", "kept"):
        table.add_column(column, overflow="fold")

    def name(article_id: str | None, source: str | None = None) -> str:
        article = articles.get(article_id or "")
        if article is None:
            return source or article_id or "—"
        return f"{article.meta.outlet or article.id}: {(article.title or '')[:40]}"

    for edge in store.lineage():
        table.add_row(
            edge.relation.value,
            name(edge.from_article, edge.from_source),
            name(edge.to_article),
            f"{edge.shared_fraction:.0%}",
            f"{edge.kept_fraction:.0%}",
        )
    return table


def print_stats(store: Store, out: Console) -> None:
    stats = dataclasses.asdict(store.stats())
    table = Table(title="Store")
    table.add_column("what")
    table.add_column("value")
    for key, value in stats.items():
        if isinstance(value, Mapping):
            shown = ", ".join(
                f"{k}: {v}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))
            )
        else:
            shown = str(value)
        table.add_row(key.replace("_", " "), shown or "—")
    out.print(table)


def print_article(article: Article, out: Console, *, removed: bool = False) -> None:
    meta = article.meta
    table = Table(title=article.title or article.id, show_header=True)
    table.add_column("field")
    table.add_column("value")
    table.add_column("from")
    rows = {
        "id": (article.id, ""),
        "origin": (article.origin, ""),
        "url": (article.url or "—", ""),
        "language": (meta.language or "—", meta.sources.get("language", "")),
        "published": (
            meta.published.isoformat() if meta.published else "—",
            meta.sources.get("published", ""),
        ),
        "outlet": (meta.outlet or "—", meta.sources.get("outlet", "")),
        "authors": (", ".join(meta.authors) or "—", meta.sources.get("authors", "")),
        "agency": (", ".join(meta.agency) or "—", meta.sources.get("agency", "")),
        "dateline": (meta.dateline or "—", meta.sources.get("dateline", "")),
        "translated from": (
            f"{meta.translated_from.language or '?'} {meta.translated_from.publisher or ''}".strip()
            if meta.translated_from
            else "—",
            meta.sources.get("translated_from", ""),
        ),
        "event": (article.event_id or "—", "events"),
        "story": (article.story_id or "—", "events"),
    }
    for key, (value, source) in rows.items():
        table.add_row(key, value, source)
    out.print(table)
    if article.entities:
        people = Table(title="Entities in this article")
        for column in ("name", "kind", "id", "mentions"):
            people.add_column(column)
        for entity in article.entities:
            forms = ", ".join(f"{m.text} ({m.form})" for m in entity.mentions[:6])
            people.add_row(entity.name, entity.kind, entity.entity_id or "—", forms)
        out.print(people)
    if article.quotes:
        said = Table(title="Who said what in this article")
        for column in ("speaker", "kind", "quote"):
            said.add_column(column, overflow="fold")
        for quote in article.quotes:
            said.add_row(quote.speaker or "(unknown)", quote.kind, quote.text)
        out.print(said)
    out.print(article.text, markup=False, highlight=False)
    if removed:
        junk = Table(title="Removed (kept, never dropped)")
        junk.add_column("label")
        junk.add_column("text", overflow="fold")
        for block in article.removed:
            junk.add_row(block.label.value, block.text)
        out.print(junk)


def print_event(store: Store, event_id: str, out: Console) -> bool:
    """One event: each article with the explanation of its membership; False if unknown."""
    found, _ = store.events()
    event = next((e for e in found if e.id == event_id), None)
    if event is None:
        return False
    members = store.memberships()
    out.print(
        Panel.fit(
            f"[bold]{event.title}[/]\n"
            f"date {event.date.isoformat() if event.date else '—'} · "
            f"{len(event.article_ids)} articles · {event.independent_sources} independent "
            f"sources · story {event.story_id or '—'}",
            border_style="cyan",
        )
    )
    out.print("[bold]Articles and why they belong[/]")
    for article_id in event.article_ids:
        m = members.get(article_id)
        article = store.get(article_id)
        label = article_id
        if article is not None:
            label = f"{article.meta.outlet or article_id}: {article.title or ''}"
        out.print(f"• {label}", markup=False, highlight=False)
        if m is None:
            continue
        details = [m.reason, f"similarity {m.similarity:.2f}"]
        if m.shared_entities:
            details.append("names: " + ", ".join(m.shared_entities[:5]))
        if m.shared_terms:
            details.append("terms: " + ", ".join(m.shared_terms[:5]))
        if m.time_gap_days is not None:
            details.append(f"{m.time_gap_days:.0f} days apart")
        out.print("    " + " · ".join(details), markup=False, highlight=False)
    for change in store.event_changes():
        if event_id in change.event_ids or event_id in change.result_ids:
            out.print(
                f"{change.kind}: {', '.join(change.event_ids)} → {', '.join(change.result_ids)}"
                f" ({change.reason})",
                highlight=False,
            )
    return True
