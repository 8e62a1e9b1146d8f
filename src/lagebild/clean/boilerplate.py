"""Line-level junk lexicons for scraped plain text, German and English.

Each rule names a label and a pattern that marks a whole line as page furniture: cookie and
consent notices, paywall prompts, menus, captions and photo credits, teasers, author bios,
machine-translation notes, share buttons and agency/editor codes. Rules only fire on lines of
at most ``MAX_JUNK_WORDS`` words, so an article paragraph that happens to mention cookies or a
subscription stays body text.

The rules are a transparent lexicon, written from the junk seen in real scraped German and
English news text (../shared/examples and the pages of trafilatura_eval / scrapinghub_aeb);
``benchmarks/junk_removal.py`` measures them on real pages.
"""

from __future__ import annotations

import re

from lagebild.records import BlockLabel

# Furniture lines are short; a 60-word line is a paragraph even if it says "Cookies".
MAX_JUNK_WORDS = 60

_AGENCIES = r"(?:dpa(?:-AFX)?|AFP|Reuters|AP|KNA|epd|SID|APA|sda|Keystone-SDA|dts|ots|AFX|DJ)"

# Order matters: the first matching rule wins (a credit inside a caption line is a credit).
# fmt: off
RULES: tuple[tuple[BlockLabel, re.Pattern[str]], ...] = (
    # Scraper metadata and time stamps: "date 2025-05", "12.03.2026, 18:55 Uhr",
    # "Stand: 10.03.2026", "March 10, 2026 7:45 PM". Metadata reads the date from these.
    (BlockLabel.HEADER, re.compile(
        r"^(?:date|datum|stand|veröffentlicht|aktualisiert|published|updated)\s*:?\s*\d[\d.:,T+ -]*(?:Uhr)?$"
        r"|^(?:\w+,\s+)?\d{1,2}\.\s*\d{1,2}\.\s*\d{4}(?:\s*[,|·-]?\s*\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?$"
        r"|^(?:\w+,\s+)?\d{1,2}\.\s+[A-ZÄÖÜ][a-zäöü]+\s+\d{4}(?:\s*[,|·-]?\s*\d{1,2}[:.]\d{2}(?:\s*Uhr)?)?$"
        r"|^[A-Z][a-z]+\s+\d{1,2},\s+\d{4}(?:\s+\d{1,2}:\d{2}\s*(?:[AP]M)?(?:\s+[A-Z]{2,4})?)?$",
        re.I)),
    (BlockLabel.AGENCY_CODE, re.compile(
        rf"^\(?{_AGENCIES}\)?[.:]?$"                          # a lone "dpa"
        r"|^/?[a-z]{2,4}(?:/[A-Za-z]{2,4}){1,4}$"             # "/nau/DP/stw"
        r"|^©\s*dpa-infocom", re.I)),
    (BlockLabel.TRANSLATION_NOTE, re.compile(
        r"maschinell\s+(?:aus\s+dem\s+\w+en\s+)?übersetzt|aus\s+dem\s+\w+en\s+übersetzt"
        r"|übersetzt\s+aus\s+dem\s+\w+en|automatisch\s+übersetzt|machine[- ]translated"
        r"|translated\s+(?:automatically\s+)?from\s+(?:the\s+)?[A-Z]\w+"
        r"|\b(?:erschien|erschienen)\s+(?:zuerst|erstmals|ursprünglich)"
        r"|(?:originally|first)\s+(?:published|appeared)\s+(?:in|by|on|at)\b", re.I)),
    (BlockLabel.COOKIE, re.compile(
        r"\bcookies?\b.*\b(?:verwenden|nutzen|setzen|einsatz|zustimm|akzeptier|einstellung|use|"
        r"accept|consent|experience|erlebnis|hinweis)"
        r"|\b(?:verwenden|nutzen|setzen|use|uses)\s+(?:\w+\s+){0,2}cookies\b"
        r"|^cookie[- ](?:hinweis|einstellungen|settings|policy|richtlinie|banner)"
        r"|^(?:alle\s+)?(?:akzeptieren|ablehnen|zustimmen)(?:\s*[|/]\s*\w+)*$"
        r"|^(?:accept(?:\s+all)?|reject(?:\s+all)?|manage\s+(?:cookies|preferences))\b"
        r"|datenschutz-?einstellungen|privacy\s+settings|einwilligung\s+(?:widerrufen|verwalten)"
        r"|wir\s+und\s+unsere\s+partner|we\s+and\s+our\s+partners", re.I)),
    (BlockLabel.PAYWALL, re.compile(
        r"\b(?:jetzt|gleich)\s+(?:abonnieren|abschließen|weiterlesen|testen|registrieren)"
        r"|\babo(?:nnement)?\b.*\b(?:monat|woche|testen|lesen|abschließen|kündbar|€|euro)"
        r"|\b(?:plus|premium|exklusiv)-?(?:artikel|inhalt|abo)\b|weiterlesen\s+mit"
        r"|sie\s+haben\s+bereits\s+ein|bereits\s+abonnent|schon\s+abonnent|zum\s+login"
        r"|werbeblocker|ad-?blocker|adblock|deaktivieren\s+sie\s+ihren"
        r"|\bsubscribe\b|subscription|subscriber|already\s+a\s+member|sign\s+in\s+to\s+read"
        r"|£\s?\d+\s+a\s+(?:week|month)|\$\s?\d+\s+(?:a|per)\s+(?:week|month)"
        r"|dieser\s+artikel\s+ist\s+(?:nur\s+)?für\s+abonnenten|paywall", re.I)),
    (BlockLabel.CREDIT, re.compile(
        r"^(?:fotos?|bild(?:er)?|bildquelle|quelle\s+bild|grafik|video|image|photo(?:graph)?s?"
        r"|credit|copyright)\s*:"
        r"|^©|^\(c\)\s|^copyright\b|\bfoto\s*:\s*\S+/(?:dpa|afp|ap|reuters)\b"
        r"|^(?:picture|photo|image)\s+(?:alliance|credit)", re.I)),
    (BlockLabel.CAPTION, re.compile(
        r"\((?:archivbild|archivfoto|symbolbild|symbolfoto|illustration|archiv|file photo)\)\s*$",
        re.I)),
    (BlockLabel.TEASER, re.compile(
        r"^(?:lesen\s+sie\s+auch|auch\s+interessant|mehr\s+zum\s+thema|mehr\s+dazu|weitere\s+"
        r"(?:artikel|nachrichten|meldungen|themen)|das\s+könnte\s+sie\s+auch\s+interessieren"
        r"|empfehlungen|meistgelesen|top-?artikel|beliebte\s+artikel|passend\s+dazu|zum\s+thema"
        r"|related(?:\s+(?:articles|stories|content))?|read\s+more|more\s+on\s+this|you\s+may\s+also"
        r"|most\s+(?:read|popular)|recommended|see\s+also)\b", re.I)),
    (BlockLabel.AUTHOR_BIO, re.compile(
        r"^(?:über\s+(?:den|die)\s+autor(?:in)?|zur\s+person|about\s+the\s+author)\b"
        r"|\bist\s+(?:redakteur|redakteurin|korrespondent|korrespondentin|reporter|reporterin)"
        r"(?:/\w+)?\s+(?:bei|für|im|der|des)\b"
        r"|\bis\s+(?:a|an|the)\s+(?:\w+\s+){0,3}(?:reporter|correspondent|editor|journalist|writer)"
        r"\s+(?:at|for|with)\b", re.I)),
    (BlockLabel.SOCIAL, re.compile(
        r"^(?:teilen|share|drucken|print|artikel\s+merken|merken|folgen\s+sie\s+uns|follow\s+us"
        r"|facebook|twitter|whatsapp|e-?mail|linkedin|x|kommentare|comments)(?:\b|:)"
        r"(?:[\s:|/·,]+(?:facebook|x|twitter|whatsapp|e-?mail|linkedin|telegram|drucken|"
        r"artikel\s+merken|link\s+kopieren|teilen|print|copy\s+link))*\s*$", re.I)),
    (BlockLabel.NAVIGATION, re.compile(
        r"^(?:mobiles\s+menü|menü|menu|startseite|home|navigation|hauptnavigation|zum\s+inhalt"
        r"|skip\s+to|zur\s+startseite|suche|search|impressum|datenschutz|agb|kontakt|sitemap"
        r"|newsletter|e-paper|login|anmelden|registrieren|sign\s+in|log\s+in)\b"
        r"|\s[›»>]\s|^\S+(?:\s*\|\s*\S+){2,}$", re.I)),
    (BlockLabel.BOILERPLATE, re.compile(  # comment forms and newsletter boxes
        r"e-?mail-?adresse\s+wird\s+nicht\s+veröffentlicht|email\s+address\s+will\s+not\s+be\s+published"
        r"|erforderliche\s+felder\s+sind|required\s+fields\s+are\s+marked|kommentar\s+(?:schreiben|abschicken)"
        r"|leave\s+a\s+(?:reply|comment)|post\s+comment|ich\s+akzeptiere\s+die\s+datenschutz"
        r"|newsletter\s+(?:abonnieren|bestellen)|sign\s+up\s+for\s+(?:our|the)\s+newsletter"
        r"|^(?:antworten|reply|melden|report)$|alle\s+rechte\s+vorbehalten|all\s+rights\s+reserved",
        re.I)),
    (BlockLabel.BOILERPLATE, re.compile(
        r"^(?:anzeige|werbung|advertisement|sponsored|eilmeldung|breaking(?:\s+news)?|live"
        r"|video|audio|podcast|galerie|bildergalerie|zurück|back|weiter|next|schließen|close"
        r"|mehr\s+anzeigen|show\s+more|laden|loading)\W*$", re.I)),
)
# fmt: on


# "dpa-Nachrichten | Basisdienst", "Politik | Wirtschaft": short items split by bars are menus.
_BAR_MENU = re.compile(r"^[^|]{1,40}(?:\s\|\s[^|]{1,40})+$")
MAX_MENU_WORDS = 8
# "Von Anna Beispiel", "By Jane Doe and John Roe": a byline (metadata reads it from here).
_BYLINE = re.compile(
    r"^(?:[Vv]on|[Bb]y)\s+[A-ZÄÖÜ][\w.'-]+(?:\s+(?:[A-ZÄÖÜ][\w.'-]+|und|and|,))*"
    r"(?:\s*[,·|]\s*[\w .:-]+)?$"
)
MAX_BYLINE_WORDS = 10


def junk_label(line: str) -> BlockLabel | None:
    """The label of a furniture line, or None when the line may be article text."""
    text = line.strip()
    words = len(text.split())
    if not text or words > MAX_JUNK_WORDS:
        return None
    if words <= MAX_MENU_WORDS and _BAR_MENU.match(text):
        return BlockLabel.NAVIGATION
    if words <= MAX_BYLINE_WORDS and _BYLINE.match(text):
        return BlockLabel.BOILERPLATE
    for label, pattern in RULES:
        if pattern.search(text):
            return label
    return None
