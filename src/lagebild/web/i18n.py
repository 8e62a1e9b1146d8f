"""German and English for the pages: the language follows the browser (``Accept-Language``),
``?lang=de|en`` switches it and a cookie keeps the choice.

Messages are one flat table keyed by a short English name; a missing German text falls back
to the English one, so a new message never shows a key to the reader.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "en"
COOKIE = "lagebild_lang"

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "stories": {"de": "Geschichten", "en": "Stories"},
    "search": {"de": "Suche", "en": "Search"},
    "entities": {"de": "Personen & Orte", "en": "People & places"},
    "ingest": {"de": "Einlesen", "en": "Ingest"},
    "api": {"de": "API", "en": "API"},
    "language": {"de": "Sprache", "en": "Language"},
    "story": {"de": "Geschichte", "en": "Story"},
    "article": {"de": "Artikel", "en": "Article"},
    "articles": {"de": "Artikel", "en": "Articles"},
    "events": {"de": "Ereignisse", "en": "Events"},
    "independent_sources": {"de": "unabhängige Quellen", "en": "independent sources"},
    "time_span": {"de": "Zeitraum", "en": "Time span"},
    "per_day": {"de": "Artikel pro Tag", "en": "Articles per day"},
    "no_stories": {
        "de": "Noch keine Geschichten. Lesen Sie Artikel ein (z. B. „lagebild demo“).",
        "en": "No stories yet. Ingest some articles (e.g. 'lagebild demo').",
    },
    "summary": {"de": "Zusammenfassung", "en": "Summary"},
    "no_summary": {
        "de": "Für diese Geschichte gibt es noch keine Zusammenfassung.",
        "en": "There is no summary for this story yet.",
    },
    "timeline": {"de": "Zeitleiste", "en": "Timeline"},
    "undated": {"de": "ohne Datum", "en": "undated"},
    "uncertain": {"de": "unsicher", "en": "uncertain"},
    "facts": {"de": "Fakten", "en": "Facts"},
    "no_facts": {
        "de": "Keine überprüfbaren Angaben gefunden.",
        "en": "No checkable statements found.",
    },
    "corroborated": {"de": "bestätigt", "en": "corroborated"},
    "contradicted": {"de": "widersprüchlich", "en": "contradicted"},
    "single_source": {"de": "eine Quelle", "en": "single source"},
    "supporting": {"de": "dafür", "en": "supporting"},
    "opposing": {"de": "dagegen", "en": "opposing"},
    "and_more": {"de": "und %d weitere", "en": "and %d more"},
    "quotes": {"de": "Zitate", "en": "Quotes"},
    "quotes_by": {"de": "Zitate von", "en": "Quotes by"},
    "no_quotes": {"de": "Keine Zitate gefunden.", "en": "No quotes found."},
    "unnamed_speaker": {"de": "ohne Namen", "en": "unnamed"},
    "sources": {"de": "Quellen und ihre Herkunft", "en": "Sources and their lineage"},
    "lineage_note": {
        "de": "Jeder Kasten ist eine unabhängige Quelle; eingerückt: was von ihr abstammt.",
        "en": "Each box is one independent source; indented: what derives from it.",
    },
    "wire_copy": {"de": "Agenturkopie", "en": "wire copy"},
    "translation": {"de": "Übersetzung", "en": "translation"},
    "near_duplicate": {"de": "fast gleich", "en": "near duplicate"},
    "revision": {"de": "Neufassung", "en": "revision"},
    "shared": {"de": "übernommen", "en": "shared"},
    "coverage": {"de": "Berichterstattung über die Zeit", "en": "Coverage over time"},
    "metadata": {"de": "Metadaten", "en": "Metadata"},
    "field": {"de": "Feld", "en": "Field"},
    "value": {"de": "Wert", "en": "Value"},
    "found_in": {"de": "gefunden in", "en": "found in"},
    "removed": {"de": "Entfernter Text", "en": "Removed text"},
    "removed_note": {
        "de": "Beim Bereinigen entfernt, mit dem Grund:",
        "en": "Removed while cleaning, with the reason:",
    },
    "nothing_removed": {"de": "Nichts entfernt.", "en": "Nothing removed."},
    "legend": {"de": "Legende", "en": "Legend"},
    "legend_quote": {"de": "Zitat", "en": "quote"},
    "legend_entity": {"de": "Name", "en": "name"},
    "legend_cited": {"de": "zitierte Stelle", "en": "cited passage"},
    "original": {"de": "Original", "en": "original"},
    "outlet": {"de": "Medium", "en": "Outlet"},
    "published": {"de": "Veröffentlicht", "en": "Published"},
    "authors": {"de": "Autoren", "en": "Authors"},
    "agency": {"de": "Agentur", "en": "Agency"},
    "dateline": {"de": "Ortsmarke", "en": "Dateline"},
    "url": {"de": "Adresse", "en": "URL"},
    "origin": {"de": "Herkunft", "en": "Origin"},
    "translated_from": {"de": "Übersetzt aus", "en": "Translated from"},
    "name_variants": {"de": "Namensformen", "en": "Name variants"},
    "kind": {"de": "Art", "en": "Kind"},
    "person": {"de": "Person", "en": "person"},
    "organisation": {"de": "Organisation", "en": "organisation"},
    "place": {"de": "Ort", "en": "place"},
    "other": {"de": "Sonstiges", "en": "other"},
    "appears_in": {"de": "Kommt vor in", "en": "Appears in"},
    "mentions": {"de": "Erwähnungen", "en": "Mentions"},
    "quotes_about": {"de": "Zitate, die sie nennen", "en": "Quotes that name them"},
    "query": {"de": "Suchbegriffe", "en": "Search terms"},
    "since": {"de": "ab", "en": "from"},
    "until": {"de": "bis", "en": "until"},
    "any": {"de": "alle", "en": "any"},
    "find": {"de": "Suchen", "en": "Search"},
    "speaker": {"de": "Sprecher/in", "en": "Speaker"},
    "no_results": {"de": "Nichts gefunden.", "en": "Nothing found."},
    "next_page": {"de": "Weiter", "en": "Next"},
    "previous_page": {"de": "Zurück", "en": "Previous"},
    "search_help": {
        "de": "Alle Wörter müssen vorkommen; Wortanfänge genügen (Brücke findet Brückeneinsturz).",
        "en": "Every word must occur; word beginnings are enough.",
    },
    "token": {"de": "Schreib-Token", "en": "Write token"},
    "files": {"de": "Dateien", "en": "Files"},
    "urls": {"de": "Adressen (eine pro Zeile)", "en": "URLs (one per line)"},
    "feed": {"de": "Feed-Adresse (RSS/Atom)", "en": "Feed URL (RSS/Atom)"},
    "submit_ingest": {"de": "Einlesen", "en": "Ingest"},
    "ingest_help": {
        "de": "Dateien hochladen, Adressen einfügen oder einen Feed angeben. Schreiben braucht "
        "das Token aus LAGEBILD_TOKEN.",
        "en": "Upload files, paste URLs or give a feed. Writing needs the token from "
        "LAGEBILD_TOKEN.",
    },
    "no_token_configured": {
        "de": "Auf diesem Server ist kein Schreib-Token eingerichtet; Einlesen ist abgeschaltet. "
        "Setzen Sie LAGEBILD_TOKEN und starten Sie neu.",
        "en": "No write token is configured on this server; ingest is off. "
        "Set LAGEBILD_TOKEN and restart.",
    },
    "working": {"de": "Wird eingelesen …", "en": "Ingesting …"},
    "progress": {
        "de": "{processed} Artikel verarbeitet ({inputs} Eingaben; ein Feed bringt mehr) …",
        "en": "{processed} articles processed ({inputs} inputs; a feed brings more) …",
    },
    "ingest_failed": {"de": "Einlesen abgebrochen:", "en": "Ingest stopped:"},
    "result": {"de": "Ergebnis", "en": "Result"},
    "outcome": {"de": "Ergebnis", "en": "Outcome"},
    "reason": {"de": "Grund", "en": "Reason"},
    "not_found": {"de": "Nicht gefunden", "en": "Not found"},
    "error": {"de": "Fehler", "en": "Error"},
    "not_built": {"de": "Noch nicht gebaut:", "en": "Not built yet:"},
    "api_docs": {
        "de": "Die API-Beschreibung steht unter /openapi.json.",
        "en": "The API description is at /openapi.json.",
    },
    "event": {"de": "Ereignis", "en": "Event"},
    "part_of_story": {"de": "Teil der Geschichte", "en": "part of the story"},
    "happened": {"de": "Geschehen am", "en": "Happened on"},
    "why_members": {"de": "Warum diese Artikel", "en": "Why these articles"},
    "why_members_note": {
        "de": "Jeder Artikel mit dem Grund, aus dem er diesem Ereignis zugeordnet wurde: "
        "Ähnlichkeit mit dem Ereignis, gemeinsame Namen und Wörter, zeitlicher Abstand.",
        "en": "Every article with why it was placed in this event: similarity to the event, "
        "shared names and words, time apart.",
    },
    "similarity": {"de": "Ähnlichkeit", "en": "similarity"},
    "copy_of": {"de": "Kopie von", "en": "copy of"},
    "opened_event": {
        "de": "eröffnete das Ereignis (kein anderes war ähnlich genug)",
        "en": "opened the event (no other event was similar enough)",
    },
    "text_similarity": {"de": "Text", "en": "text"},
    "days_apart": {"de": "Tage Abstand", "en": "days apart"},
    "shared_names": {"de": "Gemeinsame Namen", "en": "Shared names"},
    "shared_words": {"de": "Gemeinsame Wörter", "en": "Shared words"},
    "changes": {"de": "Zusammenführungen und Teilungen", "en": "Merges and splits"},
    "no_changes": {
        "de": "Dieses Ereignis wurde nie zusammengeführt oder geteilt.",
        "en": "This event was never merged or split.",
    },
    "merge": {"de": "zusammengeführt", "en": "merged"},
    "split": {"de": "geteilt", "en": "split"},
    "move": {"de": "verschoben", "en": "moved"},
    # labels of removed text (lagebild.records.BlockLabel)
    "block_title": {"de": "Titel", "en": "title"},
    "block_caption": {"de": "Bildunterschrift", "en": "caption"},
    "block_credit": {"de": "Bildnachweis", "en": "credit"},
    "block_header": {"de": "Kopfzeile", "en": "header"},
    "block_dateline": {"de": "Ortsmarke", "en": "dateline"},
    "block_agency_code": {"de": "Agenturkürzel", "en": "agency code"},
    "block_cookie": {"de": "Cookie-Hinweis", "en": "cookie notice"},
    "block_paywall": {"de": "Bezahlschranke", "en": "paywall"},
    "block_navigation": {"de": "Navigation", "en": "navigation"},
    "block_teaser": {"de": "Anreißer", "en": "teaser"},
    "block_author_bio": {"de": "Autorenangaben", "en": "author bio"},
    "block_translation_note": {"de": "Übersetzungshinweis", "en": "translation note"},
    "block_social": {"de": "Teilen", "en": "social"},
    "block_boilerplate": {"de": "Sonstiges", "en": "boilerplate"},
    "filter": {"de": "Filtern", "en": "Filter"},
    "name": {"de": "Name", "en": "Name"},
    "sources_count": {"de": "Quellen", "en": "sources"},
    "evidence": {"de": "Belege", "en": "Evidence"},
    "status": {"de": "Status", "en": "Status"},
    "what": {"de": "Was", "en": "What"},
    "when": {"de": "Wann", "en": "When"},
}


def negotiate(query_lang: str | None, cookie_lang: str | None, accept_language: str | None) -> str:
    """The UI language: ``?lang=`` first, then the cookie, then the browser's preference."""
    for choice in (query_lang, cookie_lang):
        if choice in LANGUAGES:
            return str(choice)
    return from_accept_language(accept_language or "")


def from_accept_language(header: str) -> str:
    """The first of our languages in an ``Accept-Language`` header, by q-value."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, index, primary))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


def translator(language: str) -> Callable[[str], str]:
    """``t(key)`` for one language (the key itself for an unknown message)."""

    def translate(key: str) -> str:
        texts = MESSAGES.get(key)
        if texts is None:
            return key
        return texts.get(language) or texts.get(DEFAULT_LANGUAGE) or key

    return translate
