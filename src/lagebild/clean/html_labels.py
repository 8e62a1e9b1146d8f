"""Labels for HTML text that the main-text extractor did not keep, and page metadata lookup."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lxml import etree

from lagebild.records import BlockLabel

# Order matters: the first matching rule wins, so the most specific junk kinds come first
# (a credit inside a teaser box is still a credit; a cookie banner in the footer is a cookie).
_HINT_RULES: tuple[tuple[BlockLabel, re.Pattern[str]], ...] = (
    (BlockLabel.COOKIE, re.compile(r"cookie|consent|cmp|gdpr|dsgvo|privacy-banner")),
    (BlockLabel.PAYWALL, re.compile(r"paywall|abo(?:nn|-|_|\b)|subscri|adblock|premium-|plus-")),
    (BlockLabel.CREDIT, re.compile(r"credit|copyright|source-image|photographer|bildquelle")),
    (BlockLabel.CAPTION, re.compile(r"\bfigcaption\b|\bcaption|bildunterschrift|img-desc")),
    (BlockLabel.AUTHOR_BIO, re.compile(r"author-?bio|about-?the-?author|autor(?:en)?-?info|bio")),
    (BlockLabel.SOCIAL, re.compile(r"share|social|sharing|follow|twitter|facebook")),
    (BlockLabel.TEASER, re.compile(r"related|teaser|recommend|more-?articles|read-?more|weitere")),
    (BlockLabel.NAVIGATION, re.compile(r"\bnav\b|navi|menu|breadcrumb|\bheader\b|\bfooter\b")),
)

# Text patterns that identify a block whatever its markup says.
_TEXT_RULES: tuple[tuple[BlockLabel, re.Pattern[str]], ...] = (
    (BlockLabel.CREDIT, re.compile(r"^(?:Foto|Fotos|Bild|Bilder|Photo|Image)\s*:|©|^Copyright\b")),
    (
        BlockLabel.TEASER,
        re.compile(r"^(?:Lesen Sie auch|Mehr zum Thema|Auch interessant|Read more)"),
    ),
    (BlockLabel.PAYWALL, re.compile(r"Jetzt abonnieren|Werbeblocker|ad ?blocker", re.IGNORECASE)),
    (BlockLabel.COOKIE, re.compile(r"\bCookies?\b.*\b(?:akzeptieren|zustimmen|accept)", re.I)),
)

LEAD_HINT = re.compile(r"lead|intro|teaser-text|standfirst|summary|kicker-text|abstract|vorspann")


def hints(element: etree._Element) -> str:
    """Tag, class, id and role of an element and its ancestors, lower-cased, one string."""
    words: list[str] = []
    node: etree._Element | None = element
    while node is not None:
        if isinstance(node.tag, str):
            words.append(node.tag)
            for attr in ("class", "id", "role", "itemprop"):
                value = node.get(attr)
                if value:
                    words.append(value)
        node = node.getparent()
    return " ".join(words).lower()


def label_removed(element: etree._Element, text: str) -> BlockLabel:
    """The label for text the extractor left out, from its wording first, then its markup."""
    for label, pattern in _TEXT_RULES:
        if pattern.search(text):
            return label
    context = hints(element)
    for label, pattern in _HINT_RULES:
        if pattern.search(context):
            return label
    return BlockLabel.BOILERPLATE


def _json_ld_objects(tree: etree._Element) -> Iterator[dict[str, object]]:
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)


def _ld_name(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def page_meta(tree: etree._Element) -> dict[str, str]:
    """Metadata stated explicitly in the page, each value with its ``<key>.source``.

    Dates keep the raw string as found; the metadata stage parses them."""
    found: dict[str, str] = {}

    def put(key: str, value: object, source: str) -> None:
        if key not in found and isinstance(value, str) and value.strip():
            found[key] = value.strip()
            found[f"{key}.source"] = source

    for obj in _json_ld_objects(tree):
        put("date", obj.get("datePublished"), "html:json-ld")
        put("author", _ld_name(obj.get("author")), "html:json-ld")
        put("title", obj.get("headline"), "html:json-ld")
    metas: dict[str, tuple[str, str]] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        attr = "property" if meta.get("property") else "name" if meta.get("name") else "itemprop"
        content = meta.get("content")
        if key and content and key not in metas:
            metas[key] = (content, f"html:meta[{attr}={key}]")
    for key in ("article:published_time", "datepublished"):
        if key in metas:
            put("date", *metas[key])
    for element in tree.iter("time"):
        put("date", element.get("datetime"), "html:time[datetime]")
    for key in ("date", "dc.date", "dcterms.date", "pubdate", "publishdate"):
        if key in metas:
            put("date", *metas[key])
    for key, names in (
        ("title", ("og:title", "twitter:title")),
        ("author", ("author", "article:author")),
        ("sitename", ("og:site_name", "application-name")),
        ("description", ("description", "og:description")),
        ("url", ("og:url",)),
        ("categories", ("article:section",)),
    ):
        for name in names:
            if name in metas:
                put(key, *metas[name])
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical":
            put("url", link.get("href"), "html:link[rel=canonical]")
    root = tree.getroottree().getroot()
    put("language", root.get("lang") or root.get("xml:lang"), "html:lang")
    return found
