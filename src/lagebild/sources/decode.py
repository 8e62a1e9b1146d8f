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
#: Non-ASCII characters that cp1252 Western European text (German first) is made of.
WESTERN_CHARS = frozenset("äöüÄÖÜßéèêëàâáíìîïóòôúùûçñÉÈÀÂÇÑøØåÅæÆœŒ„“”‚‘’–—…€°§«»·×\xa0")
MAX_NON_ASCII_SHARE = 0.2  # German prose: ~2 % of letters; Cyrillic read as cp1252: ~100 %
MIN_KNOWN_SHARE = 0.9  # a stray ¹ or ³ is fine, a text of them is another code page
WESTERN_CONFIDENCE = 0.9  # a good guess, but still a guess
LATIN1_LABELS = frozenset({"iso8859-1", "ascii"})  # WHATWG: these labels mean windows-1252
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
    declared: list[str | None] = [raw.declared_encoding]
    if raw.format == "html":
        found = _META_CHARSET.search(data[:META_SCAN_BYTES])
        declared.append(found.group(1).decode("ascii", "replace") if found else None)
    for label in declared:
        for name in _codecs_for(label):
            try:
                return data.decode(name), name, 1.0
            except UnicodeDecodeError:
                continue  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8"), "utf-8", 1.0
    except UnicodeDecodeError:
        pass
    western = _as_western(data)
    if western is not None:
        return western, "cp1252", WESTERN_CONFIDENCE
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > MAX_GUESS_CHAOS:
        raise SourceError(
            raw.origin,
            "cannot decode: the bytes look like binary noise in no known text encoding; "
            "check that this is a text or HTML file",
        )
    confidence = max(0.0, min(0.99, 1.0 - best.chaos))
    return str(best), best.encoding, confidence


def _as_western(data: bytes) -> str | None:
    """The text as cp1252 if it reads like a Western European text in it, else None.

    charset-normalizer often calls short German cp1252 texts cp775 or cp1250 ("L³beck");
    real German/French text has few non-ASCII letters, and they are the usual umlauts.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = sum(1 for c in text if c.isalpha())
    unusual = [c for c in text if ord(c) > 127]
    if not letters or len(unusual) > MAX_NON_ASCII_SHARE * letters:
        return None
    known = sum(1 for c in unusual if c in WESTERN_CHARS)
    return text if known >= MIN_KNOWN_SHARE * len(unusual) else None


def _strict(raw: RawDocument, encoding: str, confidence: float) -> tuple[str, str, float]:
    try:
        return raw.data.decode(encoding), encoding, confidence
    except UnicodeDecodeError as exc:
        raise SourceError(
            raw.origin, f"cannot decode as {encoding} despite its byte-order mark ({exc.reason})"
        ) from exc


def _codecs_for(label: str | None) -> list[str]:
    """Codec names to try for a declared label. Browsers read latin-1 and ASCII as cp1252;
    bytes that are valid UTF-8 under such a label are UTF-8 (latin-1 text never is)."""
    if not label:
        return []
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return []
    return ["utf-8", "cp1252", name] if name in LATIN1_LABELS else [name]


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
