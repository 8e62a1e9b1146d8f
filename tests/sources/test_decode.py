"""decode_document: BOM, declared and meta charsets, UTF-8, guessing, and refusing noise."""

from __future__ import annotations

import codecs

import pytest

from lagebild.errors import SourceError
from lagebild.records import RawDocument
from lagebild.sources import decode_document

GERMAN = "Die Brücke über die Weser wurde am Dienstag eröffnet. Größere Staus blieben aus.\n"


def _raw(data: bytes, fmt: str = "text", **kw: object) -> RawDocument:
    return RawDocument(origin="x", data=data, format=fmt, **kw)  # type: ignore[arg-type]


def test_utf8_is_decoded_with_full_confidence() -> None:
    decoded = decode_document(_raw(GERMAN.encode()))
    assert decoded.text == GERMAN and decoded.encoding == "utf-8" and decoded.confidence == 1.0


def test_cp1252_is_guessed_with_umlauts() -> None:
    decoded = decode_document(_raw((GERMAN * 3).encode("cp1252")))
    assert "Brücke über" in decoded.text and "Größere" in decoded.text
    assert decoded.confidence < 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Lübeck (dpa) - Die Stadt Lübeck hat am Montag einen neuen Bürgermeister gewählt.",
        "Die Straße ist schön",
        "Le président a déclaré à la presse qu’il était prêt.",
    ],
)
def test_short_western_texts_are_cp1252(text: str) -> None:
    decoded = decode_document(_raw(text.encode("cp1252")))
    assert decoded.text == text and decoded.encoding == "cp1252"


def test_cyrillic_cp1251_is_not_mistaken_for_cp1252() -> None:
    text = "Привет, как дела? Это тестовый текст о выборах в городе. " * 3
    assert decode_document(_raw(text.encode("cp1251"))).text == text


def test_utf16_with_bom() -> None:
    decoded = decode_document(_raw(codecs.BOM_UTF16_LE + GERMAN.encode("utf-16-le")))
    assert decoded.text == GERMAN and decoded.encoding == "utf-16"


def test_utf8_bom_is_dropped() -> None:
    assert decode_document(_raw(codecs.BOM_UTF8 + GERMAN.encode())).text == GERMAN


def test_meta_charset_latin1_in_html() -> None:
    page = f"<html><head><meta charset='iso-8859-1'></head><body><p>{GERMAN}</p></body></html>"
    decoded = decode_document(_raw(page.encode("latin-1"), "html"))
    assert "Brücke über" in decoded.text and decoded.confidence == 1.0


def test_declared_latin1_is_read_as_cp1252_like_browsers() -> None:
    data = "„Zitat“ – 5 €".encode("cp1252")
    assert decode_document(_raw(data, declared_encoding="ISO-8859-1")).text == "„Zitat“ – 5 €"


def test_http_equiv_charset_in_html() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        f"</head><body>{GERMAN}</body></html>"
    )
    assert "Größere" in decode_document(_raw(page.encode("cp1252"), "html")).text


def test_declared_encoding_wins_over_guessing() -> None:
    decoded = decode_document(_raw(GERMAN.encode("cp1252"), declared_encoding="windows-1252"))
    assert decoded.text == GERMAN and decoded.confidence == 1.0


def test_wrong_declaration_falls_back_to_utf8() -> None:
    assert decode_document(_raw(GERMAN.encode(), declared_encoding="ascii")).text == GERMAN


def test_crlf_and_nfc_are_normalised() -> None:
    decomposed = "Bru\u0308cke\r\nzwei\r\n"
    assert decode_document(_raw(decomposed.encode())).text == "Brücke\nzwei\n"


def test_original_bytes_stay_untouched() -> None:
    raw = _raw(b"a\r\nb")
    decode_document(raw)
    assert raw.data == b"a\r\nb"


@pytest.mark.parametrize(
    "data",
    [
        bytes((i * 7919 + 13) % 256 for i in range(4000)),
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"%PDF-1.7\n" + b"x" * 100,
        bytes(range(1, 32)) * 50,
    ],
    ids=["noise", "png", "pdf", "control-bytes"],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(SourceError, match=r"binary|cannot decode"):
        decode_document(_raw(data))


def test_high_bytes_noise_without_nul_is_refused() -> None:
    noise = bytes(128 + (i * 7919 + 13) % 128 for i in range(4000))
    with pytest.raises(SourceError, match=r"binary|cannot decode"):
        decode_document(_raw(noise))


def test_empty_is_refused() -> None:
    with pytest.raises(SourceError, match="empty"):
        decode_document(_raw(b""))


def test_record_text_comes_from_maintext_or_text() -> None:
    news_please = _raw(b"{}", "record", fields={"maintext": "Hallo\r\nWelt"})
    trafilatura = _raw(b"{}", "record", fields={"text": "Hallo"})
    assert decode_document(news_please).text == "Hallo\nWelt"
    assert decode_document(trafilatura).text == "Hallo"


def test_record_without_text_is_refused() -> None:
    with pytest.raises(SourceError, match="no text field"):
        decode_document(_raw(b"{}", "record", fields={"title": "x"}))
