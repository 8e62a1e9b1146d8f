"""Read local inputs: files, folders, globs and stdin, in the formats lagebild knows.

Plain text, HTML, JSON Lines (news-please and trafilatura records), WARC, and any of these
gzip-compressed. Every bad item becomes a ``SourceFailure``; nothing here raises.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from lagebild.records import RawDocument, SourceFailure
from lagebild.sources.decode import SNIFF_BYTES, binary_reason

Item = RawDocument | SourceFailure
MIB = 1024 * 1024
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
#: Text fields of scraper records: news-please writes "maintext", trafilatura "text".
TEXT_FIELDS = ("maintext", "text")
_GLOB_CHARS = frozenset("*?[")


def read_paths(path_or_glob: str, *, max_bytes: int) -> Iterator[Item]:
    """Yield every item under one command-line argument (file, folder or glob)."""
    path = Path(path_or_glob)
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
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
        yield SourceFailure(
            origin=path_or_glob, reason="no such file or directory; check the path"
        )


def read_file(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """Yield the items of one file, by its extension."""
    origin = str(path)
    name = path.name.lower()
    try:
        size = path.stat().st_size
        if name.endswith(".warc.gz") or name.endswith(".warc"):
            from lagebild.sources.warc import read_warc

            yield from read_warc(path, max_bytes=max_bytes)
            return
        if name.endswith(".gz"):
            data = _gunzip(path, max_bytes)
            name = name[: -len(".gz")]
        else:
            if size > max_bytes:
                yield SourceFailure(origin=origin, reason=too_large(size, max_bytes))
                return
            data = path.read_bytes()
    except _TooLarge as exc:
        yield SourceFailure(origin=origin, reason=str(exc))
        return
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield SourceFailure(
            origin=origin,
            reason=f"truncated gzip or corrupt compressed data ({exc}); re-download the file",
        )
        return
    except OSError as exc:
        yield SourceFailure(origin=origin, reason=f"{exc.strerror or exc}; check the file")
        return
    yield from items_from_bytes(origin, data, Path(name).suffix)


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
        yield from read_jsonl(origin, data)
        return
    reason = binary_reason(data[:SNIFF_BYTES])
    if reason:
        yield SourceFailure(origin=origin, reason=reason)
        return
    html = suffix in HTML_SUFFIXES or (suffix not in {".txt", ".text"} and looks_like_html(data))
    yield RawDocument(origin=origin, data=data, format="html" if html else "text")


def read_jsonl(origin: str, data: bytes) -> Iterator[Item]:
    """One RawDocument per JSON Lines record; a bad line fails alone."""
    for lineno, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}#L{lineno}"
        try:
            fields = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield SourceFailure(origin=where, reason=f"invalid JSON ({exc}); fix or drop the line")
            continue
        if not isinstance(fields, dict):
            yield SourceFailure(origin=where, reason="line is not a JSON object; expected a record")
            continue
        if not any(isinstance(fields.get(key), str) and fields[key] for key in TEXT_FIELDS):
            yield SourceFailure(origin=where, reason="no text field (expected 'maintext' or 'text')")
            continue
        yield RawDocument(
            origin=where, data=line, format="record", url=_str(fields, "url"), fields=fields
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


def _gunzip(path: Path, max_bytes: int) -> bytes:
    with gzip.open(path, "rb") as stream:
        out = io.BytesIO()
        while chunk := stream.read(1024 * 1024):
            out.write(chunk)
            if out.tell() > max_bytes:
                raise _TooLarge(
                    too_large(None, max_bytes).replace("file is", "decompressed file is")
                )
        return out.getvalue()


def _mib(n: int) -> str:
    value = n / MIB
    return f"{value:.0f} MiB" if value == int(value) else f"{value:.1f} MiB"


def _str(fields: dict[str, Any], key: str) -> str | None:
    value = fields.get(key)
    return value if isinstance(value, str) and value else None
