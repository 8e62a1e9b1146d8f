"""extract_metadata: every field, where it came from, and no invented values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lagebild.clean.assemble import assemble
from lagebild.clean.markers import separate_markers
from lagebild.metadata import extract_metadata
from lagebild.metadata_dates import parse_partial_date
from lagebild.records import BlockLabel, Cleaned, Metadata, PartialDate, RawDocument

L = BlockLabel
GERMAN = "Die Bundesregierung hat am Montag in Berlin neue Hilfen für die Ukraine beschlossen."
ENGLISH = "The federal government in Berlin approved new aid for Ukraine on Monday afternoon."


def _raw(fields: dict[str, Any] | None = None, url: str | None = None) -> RawDocument:
    return RawDocument(origin="test", data=b"", format="record", url=url, fields=fields or {})


def _meta(
    parts: list[tuple[BlockLabel, str]],
    fields: dict[str, Any] | None = None,
    source_meta: dict[str, str] | None = None,
    url: str | None = None,
) -> Metadata:
    cleaned = assemble(parts, source_meta=source_meta)
    return extract_metadata(_raw(fields, url), cleaned)


# --- language ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "source_meta", "text", "language", "source"),
    [
        ({"language": "de"}, {}, ENGLISH, "de", "record:language"),
        (
            {},
            {"language": "de-DE", "language.source": "html-lang"},
            ENGLISH,
            "de",
            "html:html-lang",
        ),
        ({"language": "xx-bogus"}, {}, GERMAN, "de", "langid"),
        ({}, {}, ENGLISH, "en", "langid"),
    ],
)
def test_language_and_its_source(
    fields: dict[str, Any], source_meta: dict[str, str], text: str, language: str, source: str
) -> None:
    meta = _meta([(L.BODY, text)], fields, source_meta)
    assert (meta.language, meta.sources["language"]) == (language, source)


def test_very_short_text_has_no_language() -> None:
    meta = _meta([(L.BODY, "Kurz.")])
    assert meta.language is None
    assert "language" not in meta.sources


# --- published -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05", "2025-05"),
        ("2025-05-19", "2025-05-19"),
        ("2025-05-19T10:00:00+02:00", "2025-05-19"),
        ("19.05.2025", "2025-05-19"),
        ("Mai 2025", "2025-05"),
        ("3. März 2024", "2024-03-03"),
        ("Montag, 19. Mai 2025, 14:03 Uhr", "2025-05-19"),
        ("2025", "2025"),
    ],
)
def test_dates_keep_the_precision_they_state(value: str, expected: str) -> None:
    found = parse_partial_date(value)
    assert found is not None
    assert found.isoformat() == expected


@pytest.mark.parametrize("value", ["", "gestern", "3. Mai", "vor zwei Stunden", "2025-13-40"])
def test_dates_are_never_invented(value: str) -> None:
    assert parse_partial_date(value) is None


def test_header_line_date_has_month_precision() -> None:
    meta = _meta([(L.HEADER, "date 2025-05"), (L.BODY, GERMAN)])
    assert meta.published == PartialDate(year=2025, month=5)
    assert meta.published.precision == "month"
    assert meta.sources["published"] == "header-line"


@pytest.mark.parametrize(
    ("fields", "source_meta", "expected", "source"),
    [
        ({"date_publish": "2025-05-19 10:00:00"}, {}, "2025-05-19", "record:date_publish"),
        ({"date": "2024-03"}, {}, "2024-03", "record:date"),
        ({}, {"date": "2025-05-19", "date.source": "og"}, "2025-05-19", "html:og"),
        ({}, {"date": "19. Mai 2025"}, "2025-05-19", "html"),
    ],
)
def test_published_from_record_and_page(
    fields: dict[str, Any], source_meta: dict[str, str], expected: str, source: str
) -> None:
    meta = _meta([(L.BODY, GERMAN)], fields, source_meta)
    assert meta.published is not None
    assert (meta.published.isoformat(), meta.sources["published"]) == (expected, source)


def test_dateline_without_year_gives_no_date() -> None:
    meta = _meta([(L.DATELINE, "BERLIN, 3. Mai (Reuters) -"), (L.BODY, GERMAN)])
    assert meta.published is None
    assert meta.dateline == "BERLIN"
    assert meta.agency == ("Reuters",)


def test_original_date_is_not_the_publication_date() -> None:
    note = "Der Text erschien zuerst am 3. März 2024 im Guardian."
    meta = _meta([(L.BODY, GERMAN), (L.TRANSLATION_NOTE, note)])
    assert meta.published is None
    assert meta.translated_from is not None
    assert meta.translated_from.published == PartialDate(year=2024, month=3, day=3)
    assert meta.translated_from.publisher == "Guardian"
    assert meta.translated_from.evidence == note


# --- agency and dateline -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dateline", "place", "agency"),
    [
        ("WASHINGTON (dpa-AFX) -", "WASHINGTON", ("dpa-AFX",)),
        ("KIEW/MOSKAU (dpa) -", "KIEW/MOSKAU", ("dpa",)),
        ("Paris (afp) -", "Paris", ("AFP",)),
        ("(DPA) -", None, ("dpa",)),
        ("Frankfurt/Main (Reuters/AFP) -", "Frankfurt/Main", ("Reuters", "AFP")),
    ],
)
def test_dateline_place_and_agency(
    dateline: str, place: str | None, agency: tuple[str, ...]
) -> None:
    meta = _meta([(L.DATELINE, dateline), (L.BODY, GERMAN)])
    assert (meta.dateline, meta.agency) == (place, agency)
    assert meta.sources["agency"] == "dateline"


@pytest.mark.parametrize(
    ("code", "agency", "source"),
    [
        ("/dpa/xy", ("dpa",), "agency-code"),
        ("(dpa)", ("dpa",), "agency-code"),
        ("© dpa-infocom, dpa:250519-930-571234/1", ("dpa",), "copyright"),
        ("AFP", ("AFP",), "agency-code"),
        ("/nau/DP/stw", (), None),
    ],
)
def test_agency_from_trailing_codes(code: str, agency: tuple[str, ...], source: str | None) -> None:
    meta = _meta([(L.BODY, GERMAN), (L.AGENCY_CODE, code)])
    assert meta.agency == agency
    assert meta.sources.get("agency") == source


def test_photo_credit_agency_is_not_the_text_agency() -> None:
    meta = _meta(
        [(L.CREDIT, "Foto: Alex Brandon/AP/dpa"), (L.BODY, GERMAN), (L.AGENCY_CODE, "dpa")]
    )
    assert meta.agency == ("dpa",)


def test_byline_gives_author_and_agency() -> None:
    meta = _meta([(L.BODY, "Von Anna Beispiel, dpa"), (L.BODY, GERMAN)])
    assert meta.authors == ("Anna Beispiel",)
    assert meta.agency == ("dpa",)
    assert meta.sources["authors"] == "byline"


# --- authors and outlet --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "source_meta", "authors", "source"),
    [
        ({"authors": ["Anna Beispiel", "dpa"]}, {}, ("Anna Beispiel",), "record:authors"),
        (
            {"author": "Anna Beispiel und Bernd Muster"},
            {},
            ("Anna Beispiel", "Bernd Muster"),
            "record:author",
        ),
        ({}, {"author": "Anna Beispiel, Redaktion"}, ("Anna Beispiel",), "html"),
    ],
)
def test_authors_and_their_source(
    fields: dict[str, Any], source_meta: dict[str, str], authors: tuple[str, ...], source: str
) -> None:
    meta = _meta([(L.BODY, GERMAN)], fields, source_meta)
    assert (meta.authors, meta.sources["authors"]) == (authors, source)


@pytest.mark.parametrize(
    ("fields", "source_meta", "url", "outlet", "source"),
    [
        ({"source_domain": "zeit.de"}, {}, None, "zeit.de", "record:source_domain"),
        (
            {},
            {"sitename": "DIE ZEIT", "sitename.source": "og:site_name"},
            None,
            "DIE ZEIT",
            "html:og:site_name",
        ),
        ({}, {}, "https://www.tagesschau.de/ausland/x.html", "tagesschau.de", "url-host"),
        ({"url": "https://taz.de/a"}, {}, None, "taz.de", "url-host"),
    ],
)
def test_outlet_and_its_source(
    fields: dict[str, Any], source_meta: dict[str, str], url: str | None, outlet: str, source: str
) -> None:
    meta = _meta([(L.BODY, GERMAN)], fields, source_meta, url)
    assert (meta.outlet, meta.sources["outlet"]) == (outlet, source)


def test_nothing_known_gives_empty_metadata() -> None:
    meta = _meta([(L.BODY, "Kurz.")])
    assert meta == Metadata()


# --- translation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "language", "publisher"),
    [
        ("Aus dem Englischen übersetzt von Anna Beispiel.", "en", None),
        ("Aus dem Russischen von Bernd Muster.", "ru", None),
        ("Übersetzt aus dem Ukrainischen.", "uk", None),
        (
            "Dieser Artikel ist zuerst bei The New York Times erschienen.",
            None,
            "The New York Times",
        ),
        ("This article was translated from German.", "de", None),
        (  # a note over two sentences is one note (demo corpus, issue #2)
            "Dieser Text wurde maschinell aus dem Englischen übersetzt. "
            "Er erschien zuerst am 10. März 2026 bei The Harbour Times.",
            "en",
            "The Harbour Times",
        ),
    ],
)
def test_translation_notes(sentence: str, language: str | None, publisher: str | None) -> None:
    meta = _meta([(L.BODY, GERMAN), (L.BODY, sentence)])
    assert meta.translated_from is not None
    assert (meta.translated_from.language, meta.translated_from.publisher) == (language, publisher)
    assert meta.sources["translated_from"] == "text"


def test_no_translation_note_means_none() -> None:
    assert _meta([(L.BODY, GERMAN)]).translated_from is None


# --- the real examples ---------------------------------------------------------------------


def _example(examples_dir: Path, name: str) -> Cleaned:
    paragraphs = (examples_dir / name).read_text(encoding="utf-8").split("\n\n")
    if name.startswith("dpa-trump"):  # what the line classifier makes of the page furniture
        parts = [
            (L.NAVIGATION, paragraphs[0]),
            (L.TITLE, paragraphs[1]),
            (L.LEAD, paragraphs[2]),
            (L.CAPTION, paragraphs[3].splitlines()[0]),
            (L.CREDIT, paragraphs[3].splitlines()[1]),
        ]
        parts += [(L.BODY, p) for p in paragraphs[4:]]
        return separate_markers(assemble(parts))
    return separate_markers(assemble([(L.BODY, p) for p in paragraphs]))


@pytest.mark.parametrize(
    "name", ["dpa-afx-trump-putin-telefonat.txt", "dpa-trump-putin-verhandlungen.txt"]
)
def test_real_examples(examples_dir: Path, expected: dict[str, Any], name: str) -> None:
    want = expected[name]
    meta = extract_metadata(_raw(), _example(examples_dir, name))
    assert meta.language == want["language"]
    assert list(meta.agency) == want["agency"]
    assert meta.dateline == want.get("dateline")
    published = meta.published.isoformat() if meta.published else None
    assert published == (want["published"].split()[0] if want["published"] else None)


@pytest.mark.parametrize(
    "text",
    [
        "Die Ukraine ist zuerst an der Reihe, sagte der Minister am Montag in Berlin.",
        "Aus dem Russischen Reich kamen damals viele Einwanderer nach Berlin.",
    ],
)
def test_ordinary_sentences_are_not_translation_notes(text: str) -> None:
    assert _meta([(L.BODY, GERMAN), (L.BODY, text)]).translated_from is None


def test_title_starting_with_von_is_not_a_byline() -> None:
    meta = _meta([(L.TITLE, "Von Kiew nach Moskau"), (L.BODY, GERMAN)])
    assert meta.authors == ()


def test_byline_with_name_particle() -> None:
    meta = _meta([(L.BODY, "Von Ursula von der Leyen und Anna Beispiel"), (L.BODY, GERMAN)])
    assert meta.authors == ("Ursula von der Leyen", "Anna Beispiel")


def test_lone_agency_line_filed_as_boilerplate_counts() -> None:
    meta = _meta([(L.BODY, GERMAN), (L.BOILERPLATE, "AFP")])
    assert (meta.agency, meta.sources["agency"]) == (("AFP",), "agency-line")


def test_lone_agency_in_a_caption_does_not_count() -> None:
    assert _meta([(L.CAPTION, "dpa"), (L.BODY, GERMAN)]).agency == ()


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("Anna Beispiel und Bernd Muster", ["Anna Beispiel", "Bernd Muster"]),
        ("Redaktion Weser-Echo", []),  # the newsroom, not a person (demo corpus, issue #2)
        ("Anna Beispiel, dpa", ["Anna Beispiel"]),
    ],
)
def test_split_people_drops_agencies_and_newsrooms(value: str, names: list[str]) -> None:
    from lagebild.metadata_agency import split_people

    assert split_people(value) == names
