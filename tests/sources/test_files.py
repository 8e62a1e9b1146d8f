"""Reading local inputs: every format, folders, globs, stdin, and the bad cases."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from lagebild.records import RawDocument, SourceFailure
from lagebild.sources import FetchSettings, read_inputs

TEXT = "Lindenau (dpa) - Die Stadt hat einen neuen Bürgermeister gewählt.\n"
HTML = "<html><head><title>Brücke</title></head><body><p>Eine Brücke.</p></body></html>"


def _read(*inputs: str | Path, **kw: object) -> list[RawDocument | SourceFailure]:
    return list(read_inputs([str(i) for i in inputs], **kw))  # type: ignore[arg-type]


def _failure(items: list[RawDocument | SourceFailure]) -> SourceFailure:
    [item] = items
    assert isinstance(item, SourceFailure), item
    assert "\n" not in item.reason
    return item


def _doc(items: list[RawDocument | SourceFailure]) -> RawDocument:
    [item] = items
    assert isinstance(item, RawDocument), item
    return item


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "text"), ("a.html", "html"), ("a.htm", "html"), ("a.md", "text")],
)
def test_plain_files_by_extension(tmp_path: Path, name: str, fmt: str) -> None:
    content = (HTML if fmt == "html" else TEXT).encode()
    (tmp_path / name).write_bytes(content)
    doc = _doc(_read(tmp_path / name))
    assert doc.format == fmt and doc.data == content and doc.origin == str(tmp_path / name)


def test_unknown_extension_with_html_is_html(tmp_path: Path) -> None:
    (tmp_path / "page").write_text(HTML)
    assert _doc(_read(tmp_path / "page")).format == "html"


@pytest.mark.parametrize(("name", "fmt"), [("a.html.gz", "html"), ("a.txt.gz", "text")])
def test_gzip_is_read_by_inner_extension(tmp_path: Path, name: str, fmt: str) -> None:
    content = (HTML if fmt == "html" else TEXT).encode()
    (tmp_path / name).write_bytes(gzip.compress(content))
    doc = _doc(_read(tmp_path / name))
    assert doc.format == fmt and doc.data == content


def test_truncated_gzip_fails(tmp_path: Path) -> None:
    (tmp_path / "cut.html.gz").write_bytes(gzip.compress(HTML.encode() * 10)[:60])
    assert "truncated gzip" in _failure(_read(tmp_path / "cut.html.gz")).reason


def test_gzip_bomb_stops_at_the_cap(tmp_path: Path) -> None:
    (tmp_path / "big.txt.gz").write_bytes(gzip.compress(b"a" * 3_000_000))
    failure = _failure(_read(tmp_path / "big.txt.gz", settings=FetchSettings(max_bytes=1_000_000)))
    assert "MiB" in failure.reason


NEWS_PLEASE = {
    "title": "Brücke eröffnet",
    "maintext": TEXT,
    "date_publish": "2025-09-16 08:00:00",
    "url": "https://news.example/a1",
    "source_domain": "news.example",
    "language": "de",
    "authors": ["Anna Beispiel"],
}
TRAFILATURA = {
    "title": "Brücke",
    "text": TEXT,
    "date": "2025-09-16",
    "url": "https://news.example/a2",
    "hostname": "news.example",
    "language": "de",
    "author": "Anna Beispiel",
}


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson", ".jsonl.gz"])
def test_jsonl_records_one_per_line(tmp_path: Path, suffix: str) -> None:
    lines = [
        json.dumps(NEWS_PLEASE),
        "",
        "{broken",
        json.dumps({"title": "x"}),
        json.dumps(TRAFILATURA),
    ]
    content = ("\n".join(lines) + "\n").encode()
    path = tmp_path / f"r{suffix}"
    path.write_bytes(gzip.compress(content) if suffix.endswith(".gz") else content)
    first, broken, no_text, second = _read(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.format == "record" and first.origin == f"{path}#L1"
    assert first.url == "https://news.example/a1" and first.fields["maintext"] == TEXT
    assert first.data == json.dumps(NEWS_PLEASE).encode()
    assert second.origin == f"{path}#L5" and second.fields["text"] == TEXT
    assert isinstance(broken, SourceFailure) and broken.origin == f"{path}#L3"
    assert "invalid JSON" in broken.reason
    assert isinstance(no_text, SourceFailure) and no_text.origin == f"{path}#L4"
    assert no_text.reason == "no text field (expected 'maintext' or 'text')"


LATIN1_HTML = "text/html; charset=ISO-8859-1"


def test_jsonl_is_streamed_and_an_over_long_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    record = json.dumps(NEWS_PLEASE)
    huge = json.dumps({**NEWS_PLEASE, "maintext": "x" * 5000})
    path.write_text("\n".join([record, huge, record, record]) + "\n")
    items = _read(path, settings=FetchSettings(max_bytes=len(record) + 10))
    assert [type(i) for i in items] == [RawDocument, SourceFailure, RawDocument, RawDocument]
    failure = items[1]
    assert isinstance(failure, SourceFailure) and failure.origin == f"{path}#L2"
    assert "--max-bytes" in failure.reason
    assert items[3].origin == f"{path}#L4"


def test_hidden_files_in_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / "a.txt").write_text(TEXT)
    assert [Path(i.origin).name for i in _read(tmp_path)] == ["a.txt"]


def test_empty_gzip_is_empty(tmp_path: Path) -> None:
    (tmp_path / "e.txt.gz").write_bytes(gzip.compress(b""))
    assert "empty" in _failure(_read(tmp_path / "e.txt.gz")).reason


def _write_warc(path: Path, *, gz: bool) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        pages = [
            (
                "https://news.example/a",
                "200 OK",
                "text/html; charset=ISO-8859-1",
                HTML.encode("latin-1"),
            ),
            ("https://news.example/missing", "404 Not Found", "text/html", b"<html>nope</html>"),
            ("https://news.example/img.png", "200 OK", "image/png", b"\x89PNG"),
            ("https://news.example/b", "200 OK", "text/html", b"<html><p>B</p></html>"),
        ]
        for uri, status, ctype, body in pages:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
            record.raw_stream.close()  # warcio buffers the payload in a temporary file


@pytest.mark.parametrize("name", ["c.warc", "c.warc.gz"])
def test_warc_yields_html_responses_with_status_200(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    _write_warc(path, gz=name.endswith(".gz"))
    a, b = _read(path)
    assert isinstance(a, RawDocument) and isinstance(b, RawDocument)
    assert a.url == "https://news.example/a" and a.format == "html"
    assert a.data == HTML.encode("latin-1") and a.declared_encoding == "iso-8859-1"
    assert a.origin.startswith(f"{path}#offset=") and a.origin != b.origin
    assert b.url == "https://news.example/b" and b.data == b"<html><p>B</p></html>"


def test_truncated_warc_keeps_earlier_records(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    _write_warc(path, gz=True)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) - 40])
    items = _read(path)
    assert isinstance(items[0], RawDocument) and items[0].url == "https://news.example/a"
    assert isinstance(items[-1], SourceFailure) and "WARC" in items[-1].reason


def test_tiny_truncated_warc_fails(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n")[:30])
    assert "WARC" in _failure(_read(path)).reason


def test_folders_recurse_in_sorted_order_and_globs_expand(tmp_path: Path) -> None:
    (tmp_path / "d" / "sub").mkdir(parents=True)
    for rel in ["d/b.txt", "d/a.txt", "d/sub/c.html"]:
        (tmp_path / rel).write_text(TEXT)
    names = [Path(i.origin).name for i in _read(tmp_path / "d")]
    assert names == ["a.txt", "b.txt", "c.html"]
    assert [Path(i.origin).name for i in _read(f"{tmp_path}/d/*.txt")] == ["a.txt", "b.txt"]
    assert len(_read(f"{tmp_path}/d/**/*.html")) == 1


def test_glob_without_matches_fails(tmp_path: Path) -> None:
    assert "no files match" in _failure(_read(f"{tmp_path}/*.nothing")).reason


def test_missing_path_fails(tmp_path: Path) -> None:
    failure = _failure(_read(tmp_path / "gone.txt"))
    assert failure.reason == "no such file or directory; check the path"


@pytest.mark.parametrize(
    ("data", "wording"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "binary"),
        (b"PK\x03\x04" + b"\x00" * 50, "binary"),
        (b"abc\x00def" * 10, "binary"),
    ],
)
def test_bad_files_fail_in_read_inputs(tmp_path: Path, data: bytes, wording: str) -> None:
    (tmp_path / "bad.html").write_bytes(data)
    assert wording in _failure(_read(tmp_path / "bad.html")).reason


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.write(TEXT.encode())
        f.truncate(50 * 1024 * 1024)
    reason = _failure(_read(path)).reason
    assert "larger than 20 MiB (50.0 MiB)" in reason and "--max-bytes" in reason


def test_bad_items_do_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(TEXT)
    items = _read(tmp_path / "gone.txt", tmp_path / "ok.txt")
    assert [type(i) for i in items] == [SourceFailure, RawDocument]


@pytest.mark.parametrize(("data", "fmt"), [(HTML.encode(), "html"), (TEXT.encode(), "text")])
def test_stdin_is_sniffed(data: bytes, fmt: str) -> None:
    doc = _doc(_read("-", stdin=io.BytesIO(data)))
    assert doc.origin == "-" and doc.format == fmt and doc.data == data


def test_stdin_over_the_cap_fails() -> None:
    settings = FetchSettings(max_bytes=10)
    assert "MiB" in _failure(_read("-", stdin=io.BytesIO(b"x" * 11), settings=settings)).reason


def test_chunked_warc_response_is_not_mistaken_for_corruption(tmp_path: Path) -> None:
    path = tmp_path / "chunked.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
            protocol="HTTP/1.1",
        )
        body = b"<html><p>Hallo</p></html>"
        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
        record = writer.create_warc_record(
            "https://news.example/c", "response", payload=io.BytesIO(chunked), http_headers=headers
        )
        writer.write_record(record)
        record.raw_stream.close()
    assert _doc(_read(path)).data == b"<html><p>Hallo</p></html>"
