"""Terminal view of a story's digest: the cited summary, the timeline, and the facts the
sources agree on, contradict or rest on one source for (issue #6)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.table import Table

from lagebild.records import Article, Citation, Claim, ClaimGroup, StoryDigest, Summary
from lagebild.settings import SUMMARY_SENTENCES
from lagebild.store import Store

FACT_ROWS = 12  # contradicted and corroborated facts first; single-source ones fill up
_STATUS = {
    "contradicted": "[bold red]contradicted[/]",
    "corroborated": "[green]corroborated[/]",
    "single_source": "[yellow]single source[/]",
}


def print_digest(
    store: Store,
    story_id: str,
    out: Console,
    *,
    facts: int = FACT_ROWS,
    language: str | None = None,
    length: int = SUMMARY_SENTENCES,
) -> bool:
    """Summary, timeline and facts of one story; False when there is no such story."""
    digest = store.digest(story_id, language=language, length=length)
    if digest is None:
        return False
    story, events = store.story_events(story_id)
    ids = [a for e in events for a in e.article_ids]
    articles = store.current(ids)
    claims = {c.id: c for c in store.claims(ids)}
    legend: dict[str, int] = {}
    summary = next((s for s in digest.summaries if s.target == story_id), None)
    title = story.title if story is not None else story_id
    out.print(f"[bold]Summary: {title}[/]", highlight=False)
    if summary is not None:
        _print_summary(summary, legend, out)
    out.print(timeline_table(digest, legend))
    out.print(fact_table(digest.groups, claims, legend, limit=facts))
    out.print(_legend_table(legend, articles))
    return True


def _print_summary(summary: Summary, legend: dict[str, int], out: Console) -> None:
    if not summary.sentences:
        out.print("  (no sentence fit for a summary)")
    for sentence in summary.sentences:
        out.print(f"  {sentence.text} {_cite(sentence.citations, legend)}", highlight=False)


def _cite(citations: Sequence[Citation], legend: dict[str, int]) -> str:
    numbers = [legend.setdefault(c.article_id, len(legend) + 1) for c in citations]
    return "[" + ",".join(str(n) for n in dict.fromkeys(numbers)) + "]"


def timeline_table(digest: StoryDigest, legend: dict[str, int]) -> Table:
    table = Table(title="Timeline (when it happened)")
    table.add_column("date", no_wrap=True)
    table.add_column("what", overflow="fold", ratio=1)
    table.add_column("sources", no_wrap=True)
    for entry in digest.timeline:
        when = entry.date.isoformat() if entry.date else "undated"
        if entry.uncertain:
            when += f" (?{' ' + entry.date_text if entry.date_text else ''})"
        table.add_row(when, entry.text, _cite(entry.citations, legend))
    return table


def fact_table(
    groups: Sequence[ClaimGroup],
    claims: Mapping[str, Claim],
    legend: dict[str, int],
    *,
    limit: int,
) -> Table:
    """Facts by status: contradicted first, then the most corroborated."""
    order = {"contradicted": 0, "corroborated": 1, "single_source": 2}
    ranked = sorted(
        (g for g in groups if g.supporting),
        key=lambda g: (order[g.status], -g.sources - g.opposing_sources, g.id),
    )
    table = Table(title=f"Facts ({len(groups)} claim groups; the first {limit} shown)")
    table.add_column("status", no_wrap=True)
    table.add_column("value", overflow="fold", ratio=3)
    table.add_column("sources", justify="right", no_wrap=True)
    table.add_column("cited", overflow="fold", ratio=1)
    for group in ranked[:limit]:
        cited = _claim_citations(group.supporting, claims)
        against = _claim_citations(group.opposing, claims)
        value = _value_text(group.supporting, claims)
        if group.opposing:
            value += f"  vs  {_value_text(group.opposing, claims)}"
        evidence = _cite(cited, legend) + (f" vs {_cite(against, legend)}" if against else "")
        sources = str(group.sources) + (f" vs {group.opposing_sources}" if group.opposing else "")
        table.add_row(_STATUS[group.status], value, sources, evidence)
    return table


def _claim_citations(claim_ids: Sequence[str], claims: Mapping[str, Claim]) -> list[Citation]:
    return [
        Citation(article_id=claims[c].article_id, start=claims[c].start, end=claims[c].end)
        for c in claim_ids
        if c in claims
    ]


def _value_text(claim_ids: Sequence[str], claims: Mapping[str, Claim]) -> str:
    texts = [claims[c].value_span.text for c in claim_ids if c in claims]
    shown = list(dict.fromkeys(texts))
    return " / ".join(f"„{t}“" for t in shown[:3]) + (" …" if len(shown) > 3 else "")


def _legend_table(legend: Mapping[str, int], articles: Mapping[str, Article]) -> Table:
    table = Table(title="Sources cited")
    table.add_column("#", justify="right")
    table.add_column("article", overflow="fold", ratio=1)
    for article_id, number in legend.items():
        article = articles.get(article_id)
        name = article_id
        if article is not None:
            name = f"{article.meta.outlet or article_id}: {article.title or ''} ({article_id})"
        table.add_row(str(number), name)
    return table
