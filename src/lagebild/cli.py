"""The ``lagebild`` command line: thin wrappers around the library functions of the same name."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any, cast

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from lagebild import overview
from lagebild.api import iter_records
from lagebild.digest_view import print_digest
from lagebild.errors import LagebildError
from lagebild.events.batch import rebuild
from lagebild.export import RECORD_TYPES, ExportFormat, export_records, quote_record
from lagebild.ingestion import IngestReport, ItemResult, analyse, ingest
from lagebild.lineage.sources import families
from lagebild.records import SourceFailure
from lagebild.settings import Settings, load_settings
from lagebild.store import Store

DEMO_DB = "lagebild-demo.db"  # kept apart from the user's own store


def _console() -> Console:
    return Console(stderr=False, highlight=False, soft_wrap=False)


def _errors() -> Console:
    return Console(stderr=True, highlight=False)


def _settings(**overrides: Any) -> Settings:
    try:
        return load_settings(overrides)
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc


def _open(settings: Settings) -> Store:
    try:
        return Store.open(settings.db)
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc


db_option = click.option(
    "--db",
    envvar="LAGEBILD_DB",
    default=None,
    help="Store: a file path or an SQLAlchemy URL [default: ./lagebild.db].",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="lagebild")
def main() -> None:
    """lagebild: from a pile of news articles to a trustworthy picture of each story."""


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--allow-private", is_flag=True, help="Allow fetching loopback/private addresses.")
@click.option("--strict", is_flag=True, help="Stop at the first input that fails.")
@click.option("--max-bytes", type=int, default=None, help="Largest document accepted, in bytes.")
@click.option("--timeout", "timeout_s", type=float, default=None, help="Seconds per URL fetch.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary and failures.")
def ingest_command(
    inputs: Sequence[str],
    db: str | None,
    allow_private: bool,
    strict: bool,
    max_bytes: int | None,
    timeout_s: float | None,
    quiet: bool,
) -> None:
    """Read files, folders, globs, '-' (stdin), URLs or feeds and store the articles."""
    settings = _settings(
        db=db, allow_private=allow_private or None, max_bytes=max_bytes, timeout_s=timeout_s
    )
    with _open(settings) as store:
        report = _run_ingest(inputs, store, settings, strict=strict, quiet=quiet)
    _print_report(report)
    sys.exit(_exit_status(report))


def _run_ingest(
    inputs: Sequence[str], store: Store, settings: Settings, *, strict: bool, quiet: bool
) -> IngestReport:
    err = _errors()
    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingesting", total=None)

        def advance(item: ItemResult) -> None:
            progress.advance(task)
            if item.outcome == "failed":
                progress.console.print(
                    f"[red]✗[/] {item.origin}: {item.reason}", markup=True, highlight=False
                )

        return ingest(
            inputs, store, settings=settings, stdin=sys.stdin.buffer, strict=strict, on_item=advance
        )


def _print_report(report: IngestReport) -> None:
    out = _console()
    line = (
        f"ingested: {report.count('new')} new, {report.count('revision')} revised, "
        f"{report.count('unchanged')} unchanged, {report.count('failed')} failed"
    )
    out.print(line, markup=False)
    if report.interrupted:
        _errors().print(
            "interrupted: everything listed above is stored; rerun the same command to complete."
        )


def _exit_status(report: IngestReport) -> int:
    if report.interrupted:
        return 130
    return 1 if report.failures else 0


@main.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write [default: stdout].",
)
@click.option(
    "--type",
    "record_type",
    type=click.Choice(["all", *RECORD_TYPES]),
    default=None,
    help="Record type to export [default: all for jsonl, article for csv and parquet].",
)
def export_command(db: str | None, fmt: str, output: Path | None, record_type: str | None) -> None:
    """Export stored records (JSON Lines: one object per line with a 'type' field)."""
    settings = _settings(db=db)
    if output is None and fmt == "parquet":
        raise click.UsageError("Parquet is binary: pass -o FILE.parquet.")
    record_type = record_type or ("all" if fmt == "jsonl" else "article")
    if record_type == "all" and fmt != "jsonl":
        raise click.UsageError(
            f"{fmt.upper()} holds one record type per file: pass --type "
            f"{', '.join(RECORD_TYPES[:-1])} or {RECORD_TYPES[-1]}."
        )
    types = RECORD_TYPES if record_type == "all" else (record_type,)
    with _open(settings) as store:
        records = iter_records(
            store,
            types,
            language=settings.summary_language,
            length=settings.summary_sentences,
        )
        try:
            target = output if output is not None else sys.stdout.buffer
            count = export_records(
                records, cast(ExportFormat, fmt), target, types[0] if fmt != "jsonl" else "article"
            )
        except LagebildError as exc:
            raise click.ClickException(str(exc)) from exc
    if output is not None:
        _errors().print(f"exported {count} records to {output}")


@main.command("stats")
@db_option
def stats_command(db: str | None) -> None:
    """Summarise what the store holds."""
    settings = _settings(db=db)
    with _open(settings) as store:
        overview.print_stats(store, _console())


@main.command("show")
@click.argument("article_id")
@db_option
@click.option(
    "--removed", is_flag=True, help="Also show the text removed as junk, with its labels."
)
def show_command(article_id: str, db: str | None, removed: bool) -> None:
    """Show one article: metadata with its sources, clean text, and (on request) removed text."""
    settings = _settings(db=db)
    with _open(settings) as store:
        article = store.get(article_id)
        if article is None:
            raise click.ClickException(
                f"No article '{article_id}' in the store; 'lagebild export' lists the ids."
            )
        article = replace(
            article,
            entities=store.article_entities(article.id, article.revision),
            quotes=store.revision_quotes(article.id, article.revision),
        )
        overview.print_article(article, _console(), removed=removed)


@main.command("quotes")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--allow-private", is_flag=True, help="Allow fetching loopback/private addresses.")
@click.option("--max-bytes", type=int, default=None, help="Largest document accepted, in bytes.")
@click.option("--timeout", "timeout_s", type=float, default=None, help="Seconds per URL fetch.")
def quotes_command(
    inputs: Sequence[str], allow_private: bool, max_bytes: int | None, timeout_s: float | None
) -> None:
    """Print who said what in files, folders, '-' (stdin) or URLs as JSON Lines quote records,
    without storing anything. Inputs that cannot be read are reported on stderr."""
    settings = _settings(
        allow_private=allow_private or None,
        max_bytes=max_bytes,
        timeout_s=timeout_s,
        entities=True,
        quotes=True,
    )
    out, failed = sys.stdout, 0
    for _raw, result in analyse(inputs, settings=settings, stdin=sys.stdin.buffer):
        if isinstance(result, SourceFailure):
            failed += 1
            _errors().print(f"✗ {result.origin}: {result.reason}", markup=False, highlight=False)
            continue
        for quote in result.quotes:
            record = quote_record(quote, article_id=result.id, origin=result.origin)
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        out.flush()
    sys.exit(1 if failed else 0)


@main.command("entities")
@db_option
@click.option(
    "--kind",
    type=click.Choice(["person", "organisation", "place", "other"]),
    default=None,
    help="Only entities of this kind.",
)
@click.option("--limit", type=int, default=50, show_default=True, help="Rows to show (0: all).")
def entities_command(db: str | None, kind: str | None, limit: int) -> None:
    """List the entity registry: canonical names, kinds, ids and how often they are mentioned."""
    settings = _settings(db=db)
    with _open(settings) as store:
        _console().print(overview.entity_table(store, limit=limit or None, kind=kind))


@main.command("stories")
@db_option
@click.option("--story", "story_id", default=None, help="Only this story.")
def stories_command(db: str | None, story_id: str | None) -> None:
    """List stories with their events in the order they happened, each with its number of
    articles and of independent sources."""
    settings = _settings(db=db)
    with _open(settings) as store:
        _console().print(overview.story_table(store, story_id=story_id))


@main.command("story")
@click.argument("story_id")
@db_option
@click.option("--facts", default=12, show_default=True, help="Fact rows to show.")
@click.option(
    "--language", default=None, help="Summary language when sources in it exist (de, en)."
)
def story_command(story_id: str, db: str | None, facts: int, language: str | None) -> None:
    """Show one story: its cited summary, its timeline, and the facts its sources
    corroborate, contradict or rest on one source for."""
    settings = _settings(db=db)
    with _open(settings) as store:
        shown = print_digest(
            store,
            story_id,
            _console(),
            facts=facts,
            language=language or settings.summary_language,
            length=settings.summary_sentences,
        )
        if not shown:
            raise click.ClickException(
                f"No story '{story_id}' in the store; 'lagebild stories' lists the ids."
            )


@main.command("event")
@click.argument("event_id")
@db_option
def event_command(event_id: str, db: str | None) -> None:
    """Show one event: its articles and why each belongs (shared names and terms,
    similarity, time gap), its lineage and merges."""
    settings = _settings(db=db)
    with _open(settings) as store:
        if not overview.print_event(store, event_id, _console()):
            raise click.ClickException(
                f"No event '{event_id}' in the store; 'lagebild stories' lists the ids."
            )


@main.command("recluster")
@db_option
def recluster_command(db: str | None) -> None:
    """Re-cluster every stored article into events and stories (batch, for backfills):
    event ids are kept where the events stay the same; merges and splits are recorded."""
    settings = _settings(db=db)
    with _open(settings) as store:
        before = {a: m.event_id for a, m in store.memberships().items()}
        linked = families(before, store.lineage())
        rebuilt = rebuild(list(store.iter_features()), before, linked)
        store.replace_events(rebuilt.events, rebuilt.stories, rebuilt.memberships, rebuilt.changes)
    _errors().print(
        f"re-clustered {len(rebuilt.memberships)} articles into {len(rebuilt.events)} events "
        f"and {len(rebuilt.stories)} stories; {len(rebuilt.changes)} merges/splits recorded"
    )


@main.command("demo")
@click.option("--db", default=DEMO_DB, show_default=True, help="Store for the demo corpus.")
@click.option("--serve", is_flag=True, help="Then serve the web pages on --host/--port.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
def demo_command(db: str, serve: bool, host: str, port: int) -> None:
    """Ingest the bundled (fictional) demo corpus and print an overview of what was found;
    with --serve, then show it in the web interface."""
    settings = _settings(db=db)
    corpus = resources.files("lagebild") / "demo_corpus"
    with resources.as_file(corpus) as folder, _open(settings) as store:
        # In the order the articles appeared (the crawl log in the manifest), as a live feed
        # would deliver them: events grow as news arrives.
        manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
        files = sorted(manifest["files"], key=_crawl_time)
        inputs = [str(folder / f["path"]) for f in files]
        report = _run_ingest(inputs, store, settings, strict=False, quiet=False)
        _print_report(report)
        overview.print_overview(store, _console())
        _, stories = store.events()
        if stories:
            biggest = max(stories, key=lambda s: len(s.article_ids))
            print_digest(
                store,
                biggest.id,
                _console(),
                language=settings.summary_language,
                length=settings.summary_sentences,
            )
    if serve:
        _serve(settings, host, port)
        return
    _errors().print(
        "Read it in the browser: ./scripts/demo.sh --serve "
        f"(or lagebild serve --db {db}), then open http://127.0.0.1:8000/",
        soft_wrap=True,
    )
    sys.exit(_exit_status(report))


def _crawl_time(entry: dict[str, Any]) -> tuple[str, str]:
    """When a demo file was crawled (a JSON Lines file: its first record), sortable."""
    published = entry["published"]
    first = min(published) if isinstance(published, list) else published
    return str(first).replace(" ", "T")[:16], entry["path"]


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
def serve_command(db: str | None, host: str, port: int) -> None:
    """Serve the web pages and the REST API (/api, described at /openapi.json). Listening
    beyond loopback needs a write token (LAGEBILD_TOKEN)."""
    _serve(_settings(db=db), host, port)


def _serve(settings: Settings, host: str, port: int) -> None:
    try:
        from lagebild.web import check_bind, create_app
    except ImportError as exc:  # pragma: no cover - the web extras are missing
        raise click.ClickException(
            f"The web interface needs {exc.name}; reinstall lagebild: pip install -e . -c constraints.txt"
        ) from exc
    try:
        check_bind(host, settings.token)
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc
    import uvicorn

    store = _open(settings)
    _errors().print(f"serving {store.location} on http://{host}:{port}/ (Ctrl-C stops)")
    try:
        uvicorn.run(create_app(settings, store), host=host, port=port, log_level="info")
    finally:
        store.close()


if __name__ == "__main__":  # pragma: no cover
    main()
