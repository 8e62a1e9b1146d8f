"""Read local inputs: files, folders, globs and stdin, in the formats lagebild knows.

Plain text, HTML, JSON Lines (news-please and trafilatura records), WARC, and any of these
gzip-compressed. Every bad item becomes a ``SourceFailure``; nothing here raises.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from lagebild.errors import one_line
from lagebild.records import RawDocument, SourceFailure
from lagebild.sources.decode import SNIFF_BYTES, binary_reason

Item = RawDocument | SourceFailure
MIB = 1024 * 1024
REASON_DETAIL_CHARS = 200  # enough to name the fault, short enough for a one-line report
CHUNK_BYTES = 1024 * 1024  # streaming read size: bounded memory, few calls
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: Text fields of scraper records: news-please writes "maintext", trafilatura "text".
TEXT_FIELDS = ("maintext", "text")
LINE_TOO_LONG = "line is longer than --max-bytes; raise --max-bytes if it really is one article"
NO_TEXT_FIELD = "no text field (expected 'maintext' or 'text')"
_GLOB_CHARS = frozenset("*?[")


def read_paths(path_or_glob: str, *, max_bytes: int) -> Iterator[Item]:
    """Yield every item under one command-line argument (file, folder or glob)."""
    path = Path(path_or_glob)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)):
            yield from read_file(child, max_bytes=max_bytes)
    elif path.is_file():
        yield from read_file(path, max_bytes=max_bytes)
    elif _GLOB_CHARS & set(path_or_glob):
        matches = sorted(glob.glob(path_or_glob, recursive=True))
        if not matches:
            yield SourceFailure(origin=path_or_glob, reason="no files match this pattern; check it")
        for match in matches:
            yield from read_paths(match, max_bytes=max_bytes)
    else:
        yield SourceFailure(origin=path_or_glob, reason="no such file or directory; check the path")


def read_file(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """Yield the items of one file, by its extension. Containers (WARC, JSON Lines) are
    streamed record by record, so only one record has to fit under ``max_bytes``."""
    origin = str(path)
    name = path.name.lower()
    compressed = name.endswith(".gz")
    inner = Path(name[: -len(".gz")] if compressed else name).suffix
    try:
        if inner == ".warc":
            yield from read_warc(path, max_bytes=max_bytes)
        elif inner in JSONL_SUFFIXES:
            with _open(path, compressed) as stream:
                yield from read_jsonl(origin, _lines(stream, max_bytes))
        else:
            yield from items_from_bytes(origin, _read_capped(path, compressed, max_bytes), inner)
    except _TooLarge as exc:
        yield SourceFailure(origin=origin, reason=str(exc))
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield SourceFailure(
            origin=origin,
            reason=f"truncated gzip or corrupt compressed data ({one_line(exc, REASON_DETAIL_CHARS)}); "
            "re-download the file",
        )
    except OSError as exc:
        yield SourceFailure(origin=origin, reason=f"{exc.strerror or exc}; check the file")


def read_stdin(stream: BinaryIO, *, max_bytes: int) -> Iterator[Item]:
    """Read stdin (capped) and sniff whether it is HTML or text."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield SourceFailure(origin="-", reason=too_large(None, max_bytes))
        return
    yield from items_from_bytes("-", data, ".html" if looks_like_html(data) else ".txt")


def items_from_bytes(origin: str, data: bytes, suffix: str) -> Iterator[Item]:
    """Items from the (decompressed) bytes of a file with the given inner suffix."""
    if not data:
        yield SourceFailure(origin=origin, reason="empty file; nothing to read")
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(origin, data.splitlines())
        return
    reason = binary_reason(data[:SNIFF_BYTES])
    if reason:
        yield SourceFailure(origin=origin, reason=reason)
        return
    html = suffix in HTML_SUFFIXES or (suffix not in {".txt", ".text"} and looks_like_html(data))
    yield RawDocument(origin=origin, data=data, format="html" if html else "text")


def read_jsonl(origin: str, lines: Iterable[bytes | None]) -> Iterator[Item]:
    """One RawDocument per JSON Lines record; a bad line fails alone (None: line too long)."""
    for lineno, line in enumerate(lines, start=1):
        where = f"{origin}#L{lineno}"
        if line is None:
            yield SourceFailure(origin=where, reason=LINE_TOO_LONG)
            continue
        line = line.rstrip(b"\r\n")
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield SourceFailure(origin=where, reason=f"invalid JSON ({exc}); fix or drop the line")
            continue
        if not isinstance(fields, dict):
            yield SourceFailure(origin=where, reason="line is not a JSON object; expected a record")
            continue
        if not any(isinstance(fields.get(key), str) and fields[key] for key in TEXT_FIELDS):
            yield SourceFailure(origin=where, reason=NO_TEXT_FIELD)
            continue
        yield RawDocument(
            origin=where, data=line, format="record", url=_str(fields, "url"), fields=fields
        )


def read_warc(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """HTML responses (status 200) of a WARC file; corruption fails after the good records."""
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        found = 0
        try:
            for record in records:
                if record.rec_type != "response":
                    continue
                if record.http_headers is None:
                    if "application/http" in (record.content_type or ""):
                        raise EOFError("HTTP response record without readable HTTP headers")
                    continue  # e.g. dns: records
                item = _warc_item(str(path), record, records, max_bytes)
                if item is not None:
                    found += 1
                    yield item
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
            yield SourceFailure(
                origin=str(path),
                reason=f"corrupt or truncated WARC file ({one_line(exc, REASON_DETAIL_CHARS)}); "
                "records before the damage were read; re-download the file",
            )
            return
    if not found:
        yield SourceFailure(
            origin=str(path),
            reason="WARC file holds no HTML responses with status 200; nothing to read",
        )


def _warc_item(origin: str, record: Any, records: Any, max_bytes: int) -> Item | None:
    data = record.content_stream().read(max_bytes + 1)
    if len(data) <= max_bytes:
        while record.raw_stream.read(CHUNK_BYTES):
            pass  # chunk trailers and the like; what matters is whether the block is whole
        if getattr(record.raw_stream, "limit", 0) > 0:
            raise EOFError("record ends before its declared Content-Length")
    http = record.http_headers
    content_type = (http.get_header("Content-Type") or "").lower()
    if http.get_statuscode() != "200" or "html" not in content_type:
        return None
    # the offset is known only once the record is read (warcio reads to its end first)
    where = f"{origin}#offset={records.get_record_offset()}"
    if len(data) > max_bytes:
        return SourceFailure(origin=where, reason=too_large(None, max_bytes))
    charset = re.search(r"charset=[\"']?([\w.:-]+)", content_type)
    return RawDocument(
        origin=where,
        data=data,
        format="html",
        url=record.rec_headers.get_header("WARC-Target-URI"),
        declared_encoding=charset.group(1) if charset else None,
    )


def looks_like_html(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) or (
        b"<html" in head
    )


def too_large(size: int | None, max_bytes: int) -> str:
    actual = f" ({size / MIB:.1f} MiB)" if size is not None else ""
    return (
        f"file is larger than {_mib(max_bytes)}{actual}; no article is that long, so it is "
        "probably not one; raise --max-bytes if it really is one article"
    )


class _TooLarge(Exception):
    pass


def _open(path: Path, compressed: bool) -> BinaryIO:
    return cast(BinaryIO, gzip.open(path, "rb") if compressed else path.open("rb"))


def _read_capped(path: Path, compressed: bool, max_bytes: int) -> bytes:
    """The whole (decompressed) file, refusing before reading past ``max_bytes``."""
    if not compressed:
        size = path.stat().st_size
        if size > max_bytes:
            raise _TooLarge(too_large(size, max_bytes))
        return path.read_bytes()
    with _open(path, compressed) as stream:
        out = io.BytesIO()
        while chunk := stream.read(CHUNK_BYTES):
            out.write(chunk)
            if out.tell() > max_bytes:
                raise _TooLarge(too_large(None, max_bytes).replace("file is", "unpacked file is"))
        return out.getvalue()


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of ``stream``; None for a line longer than ``max_bytes`` (which is skipped)."""
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line  # at most max_bytes of content plus its newline
            continue
        while (rest := stream.readline(max_bytes + 1)) and not rest.endswith(b"\n"):
            pass  # skip the rest of the over-long line without holding it
        yield None


def _hidden(path: Path, root: Path) -> bool:
    """Dot files and folders under a folder (.DS_Store, .git) are not inputs."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _mib(n: int) -> str:
    value = n / MIB
    return f"{value:.0f} MiB" if value == int(value) else f"{value:.1f} MiB"


def _str(fields: dict[str, Any], key: str) -> str | None:
    value = fields.get(key)
    return value if isinstance(value, str) and value else None
