"""Turn the bytes of one input into text, and tell binary files from text.

Order of evidence: byte-order mark, the declared encoding (HTTP/WARC header), a ``<meta
charset>`` in the first bytes of an HTML page, strict UTF-8, then charset-normalizer's best
guess. The original bytes are never modified; the text is NFC with ``\\n`` line ends.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from lagebild.errors import SourceError
from lagebild.records import DecodedText, RawDocument

SNIFF_BYTES = 8192  # enough to see NUL bytes or a file signature without reading everything
META_SCAN_BYTES = 4096  # HTML5 says the <meta charset> must sit in the first 1024; be lenient
MAX_CONTROL_SHARE = 0.30  # text files have tabs and newlines, never a third of control bytes
MAX_GUESS_CHAOS = 0.25  # charset-normalizer's "mess" above this means noise, not a text
#: File signatures of formats that are certainly not articles.
BINARY_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "executable"),
    (b"\x1f\x8b", "gzip data"),
)
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}


def binary_reason(head: bytes) -> str | None:
    """Why ``head`` (the first bytes of a file) looks binary, or None if it may be text."""
    for magic, kind in BINARY_MAGIC:
        if head.startswith(magic):
            return f"binary file ({kind}), not an article; pass HTML, text, JSONL or WARC files"
    if any(head.startswith(bom) for bom, _ in BOMS):
        return None  # UTF-16/32 text has NUL bytes by design
    sample = head[:SNIFF_BYTES]
    if b"\x00" in sample:
        return "binary file (contains NUL bytes), not an article; pass HTML or text files"
    controls = sum(1 for b in sample if b in _CONTROL)
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        return "binary file (mostly control bytes), not an article; pass HTML or text files"
    return None


def decode_document(raw: RawDocument) -> DecodedText:
    """Decode ``raw`` to text; raises SourceError if it is binary or cannot be decoded."""
    if raw.format == "record":
        text = raw.fields.get("maintext") or raw.fields.get("text")
        if not isinstance(text, str):
            raise SourceError(raw.origin, "no text field (expected 'maintext' or 'text')")
        return DecodedText(text=_normalise(text), encoding="utf-8", confidence=1.0)
    if not raw.data:
        raise SourceError(raw.origin, "empty file; nothing to read")
    reason = binary_reason(raw.data[:SNIFF_BYTES])
    if reason:
        raise SourceError(raw.origin, reason)
    text, encoding, confidence = _decode_bytes(raw)
    return DecodedText(text=_normalise(text), encoding=encoding, confidence=confidence)


def _decode_bytes(raw: RawDocument) -> tuple[str, str, float]:
    data = raw.data
    for bom, name in BOMS:
        if data.startswith(bom):
            return _strict(raw, name, 1.0)
    declared = [raw.declared_encoding]
    if raw.format == "html":
        found = _META_CHARSET.search(data[:META_SCAN_BYTES])
        declared.append(found.group(1).decode("ascii", "replace") if found else None)
    for name in declared:
        if name and _known(name):
            try:
                return data.decode(name), codecs.lookup(name).name, 1.0
            except UnicodeDecodeError:
                continue  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8"), "utf-8", 1.0
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > MAX_GUESS_CHAOS:
        raise SourceError(
            raw.origin,
            "cannot decode: the bytes look like binary noise in no known text encoding; "
            "check that this is a text or HTML file",
        )
    confidence = max(0.0, min(0.99, 1.0 - best.chaos))
    return str(best), best.encoding, confidence


def _strict(raw: RawDocument, encoding: str, confidence: float) -> tuple[str, str, float]:
    try:
        return raw.data.decode(encoding), encoding, confidence
    except UnicodeDecodeError as exc:
        raise SourceError(
            raw.origin, f"cannot decode as {encoding} despite its byte-order mark ({exc.reason})"
        ) from exc


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
