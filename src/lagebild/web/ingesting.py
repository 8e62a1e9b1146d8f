"""Ingest over HTTP: uploaded files, pasted URLs or a feed, into the served store.

The checks a network-facing writer needs come first — the token, the size cap (413), loopback
and private addresses (400 unless ``allow_private``) — and then the same ``lagebild.api.ingest``
the command line runs. Ingests are serialised: the event index relates one article at a time.
"""

from __future__ import annotations

import datetime as dt
import secrets
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import httpx

from lagebild.errors import LagebildError, SourceError
from lagebild.ingestion import IngestReport, ItemResult, fetch_settings, ingest
from lagebild.settings import Settings
from lagebild.sources.web import check_address
from lagebild.store import Store

MAX_FILES = 50  # one form's worth; more is a batch job for the command line
MAX_URLS = 100  # the same for pasted URLs
# The origin an uploaded file is stored under: "upload:" and its own (sanitised) name.
UPLOAD_ORIGIN = "upload:"
_LOCK = threading.Lock()  # one ingest at a time: the event index is not shared-write safe


class IngestRejected(LagebildError):
    """A request to ingest that is refused before anything is read; ``status`` is the HTTP
    status that says why (400 bad input, 401/403 token, 413 too large)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True, kw_only=True)
class Upload:
    filename: str
    data: bytes


def check_urls(urls: Sequence[str], settings: Settings) -> list[str]:
    """The URLs, stripped, each checked before anything is fetched: http(s) only, and no
    loopback or private address unless ``settings.allow_private`` (server-side request
    forgery: the server must not become a way into its own network)."""
    cleaned = [u.strip() for u in urls if u and u.strip()]
    if len(cleaned) > MAX_URLS:
        raise IngestRejected(
            400, f"{len(cleaned)} URLs in one request; at most {MAX_URLS}, split the list."
        )
    fetching = fetch_settings(settings)
    for url in cleaned:
        try:
            check_address(url, httpx.URL(url), fetching)
        except SourceError as exc:
            raise IngestRejected(400, f"Cannot ingest '{url}': {exc.reason}") from exc
        except (httpx.InvalidURL, ValueError) as exc:
            raise IngestRejected(400, f"Cannot ingest '{url}': not a valid URL ({exc}).") from exc
    return cleaned


def check_size(size: int, settings: Settings, name: str) -> None:
    if size > settings.max_bytes:
        raise IngestRejected(
            413,
            f"'{name}' is {size:,} bytes, over the limit of {settings.max_bytes:,} bytes "
            "(setting max_bytes / LAGEBILD_MAX_BYTES).",
        )


def check_request(uploads: Sequence[Upload], urls: Sequence[str], settings: Settings) -> list[str]:
    """Everything that refuses a request before anything is read (400, 413); the checked
    URLs."""
    if not uploads and not urls:
        raise IngestRejected(400, "Nothing to ingest: send files, URLs or a feed URL.")
    for upload in uploads:
        check_size(len(upload.data), settings, upload.filename)
    return check_urls(urls, settings)


def run_ingest(
    store: Store,
    settings: Settings,
    uploads: Sequence[Upload],
    urls: Sequence[str],
    *,
    on_item: Callable[[ItemResult], None] | None = None,
) -> IngestReport:
    """Check the request, then ingest the uploads (written to a private temporary folder
    under their own names) and the URLs; the store's usual per-item report, each item also
    passed to ``on_item`` as it is stored."""
    return _ingest_checked(
        store, settings, uploads, check_request(uploads, urls, settings), on_item=on_item
    )


def _ingest_checked(
    store: Store,
    settings: Settings,
    uploads: Sequence[Upload],
    urls: Sequence[str],
    *,
    on_item: Callable[[ItemResult], None] | None = None,
) -> IngestReport:
    """``run_ingest`` after ``check_request`` passed (``urls`` are the checked ones)."""
    # in-process: a web request should not fork worker processes
    settings = replace(settings, workers=1)
    with tempfile.TemporaryDirectory(prefix="lagebild-upload-") as folder, _LOCK:
        paths: dict[str, str] = {}
        for index, upload in enumerate(uploads):
            # a folder per upload: two files of the same name stay apart; the articles are
            # stored and reported as from "upload:<the file's own name>"
            path = Path(folder) / f"{index:03d}" / _safe_name(upload.filename)
            path.parent.mkdir()
            path.write_bytes(upload.data)
            paths[str(path)] = f"{UPLOAD_ORIGIN}{path.name}"
        return ingest([*paths, *urls], store, settings=settings, on_item=on_item, origins=paths)


JobState = Literal["queued", "running", "done", "failed"]


@dataclass(slots=True)
class IngestJob:
    """One ingest running in the background, for progress: its items as they are stored.
    Mutable (it grows while it runs); read through ``snapshot`` under its lock."""

    id: str
    inputs: int  # files and URLs given; a feed grows into more items than that
    started: dt.datetime
    state: JobState = "queued"
    items: list[ItemResult] = field(default_factory=list)
    error: str | None = None
    finished: dt.datetime | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, item: ItemResult) -> None:
        with self.lock:
            self.state = "running"
            self.items.append(item)

    def end(self, error: str | None) -> None:
        with self.lock:
            self.state = "failed" if error else "done"
            self.error = error
            self.finished = dt.datetime.now(dt.UTC)

    def snapshot(self) -> dict[str, Any]:
        """The job as the API returns it: the usual report counts and items, plus state."""
        with self.lock:
            report = report_dict(IngestReport(items=list(self.items)))
            return {
                "id": self.id,
                "state": self.state,
                "inputs": self.inputs,
                "processed": len(self.items),
                "error": self.error,
                "started": self.started.isoformat(timespec="seconds"),
                "finished": self.finished.isoformat(timespec="seconds") if self.finished else None,
                **report,
            }


class IngestJobs:
    """The background ingests of one server, newest last; the oldest finished ones are
    forgotten beyond ``keep``. Jobs run one at a time (the ingest lock); the request that
    starts one returns at once with its id."""

    def __init__(self, keep: int = 50) -> None:
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._keep = keep
        self._lock = threading.Lock()

    def start(
        self, store: Store, settings: Settings, uploads: Sequence[Upload], urls: Sequence[str]
    ) -> IngestJob:
        """Check the request (raises ``IngestRejected`` as ``run_ingest`` does), then ingest
        in a background thread."""
        checked = check_request(uploads, urls, settings)
        job = IngestJob(
            id=secrets.token_urlsafe(12),
            inputs=len(uploads) + len(checked),
            started=dt.datetime.now(dt.UTC),
        )
        with self._lock:
            self._jobs[job.id] = job
            finished = [k for k, j in self._jobs.items() if j.finished is not None]
            for key in finished[: max(0, len(self._jobs) - self._keep)]:
                del self._jobs[key]

        def work() -> None:
            try:
                _ingest_checked(store, settings, uploads, checked, on_item=job.add)
            except Exception as exc:  # the job reports it; the server goes on
                job.end(f"{type(exc).__name__}: {exc}")
            else:
                job.end(None)

        threading.Thread(target=work, name=f"ingest-{job.id}", daemon=True).start()
        return job

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)


def report_dict(report: IngestReport) -> dict[str, Any]:
    """The JSON body of an ingest response."""
    return {
        "new": report.count("new"),
        "revision": report.count("revision"),
        "unchanged": report.count("unchanged"),
        "failed": report.count("failed"),
        "items": [
            {
                "origin": item.origin,  # a URL, or "upload:<file name>"
                "outcome": item.outcome,
                "article_id": item.article_id,
                "reason": item.reason,
            }
            for item in report.items
        ],
    }


def _safe_name(name: str) -> str:
    """A file name without folders or odd characters (the suffix says how to read it)."""
    base = Path(name.replace("\\", "/")).name or "upload"
    kept = "".join(c if c.isalnum() or c in "._-" else "_" for c in base)
    return kept.lstrip(".")[:100] or "upload"
