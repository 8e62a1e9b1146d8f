"""Clean an HTML page: trafilatura finds the article, everything else stays visible, labelled.

The kept text comes from trafilatura's XML output (headings stay headings). Every other piece
of text in the page body is collected from the original tree, labelled (caption, credit,
navigation, cookie, ...) and anchored near the kept text it stood beside.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html
import trafilatura
from lxml import etree

from lagebild.clean.assemble import assemble
from lagebild.clean.html_labels import LEAD_HINT, hints, label_removed, page_meta
from lagebild.records import BlockLabel, Cleaned

# Text inside these never reaches a reader, so it is neither kept nor reported as removed.
_INVISIBLE = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
)
# Elements that start a new block of text; inline elements (a, b, span, ...) stay in their block.
# fmt: off
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td",
    "th", "tr", "table", "caption", "figcaption", "figure", "section", "article", "aside",
    "header", "footer", "nav", "main", "blockquote", "pre", "address", "form", "fieldset",
    "legend", "details", "summary", "br", "hr", "body", "button", "label", "select", "option",
})
# fmt: on
_SPACE = re.compile(r"\s+")
# lxml refuses str input that carries an encoding declaration; the text is decoded already.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _text_blocks(body: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """Every visible piece of text in document order, grouped by the block it belongs to.

    Each text node lands in exactly one block, so nested containers never repeat text."""
    buffer: list[str] = []
    owner: list[etree._Element] = [body]

    def flush() -> Iterator[tuple[etree._Element, str]]:
        text = _norm("".join(buffer))
        buffer.clear()
        if text:
            yield owner[-1], text

    def walk(element: etree._Element) -> Iterator[tuple[etree._Element, str]]:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _INVISIBLE or not tag:
            return
        is_block = tag.lower() in _BLOCK_TAGS
        if is_block:
            yield from flush()
            owner.append(element)
        if element.text:
            buffer.append(element.text)
        for child in element:
            yield from walk(child)
            if child.tail:
                buffer.append(child.tail)
        if is_block:
            yield from flush()
            owner.pop()
        else:
            buffer.append(" ")

    yield from walk(body)
    yield from flush()


def _kept_parts(xml: str) -> tuple[list[tuple[BlockLabel, str]], dict[str, str]]:
    """Headings and paragraphs from trafilatura's XML, plus the document attributes."""
    doc = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(recover=True))
    if doc is None:
        return [], {}
    attributes = {k: v for k, v in doc.attrib.items() if isinstance(v, str)}
    parts: list[tuple[BlockLabel, str]] = []
    main = doc.find("main")
    for element in main if main is not None else ():
        if element.tag == "head":
            parts.append((BlockLabel.HEADING, _norm("".join(element.itertext()))))
        elif element.tag == "list":
            for item in element.iter("item"):
                parts.append((BlockLabel.BODY, _norm("".join(item.itertext()))))
        elif element.tag == "table":
            rows = [
                " | ".join(_norm("".join(c.itertext())) for c in row.iter("cell"))
                for row in element.iter("row")
            ]
            parts.append((BlockLabel.BODY, "\n".join(r for r in rows if r.strip(" |"))))
        else:
            parts.append((BlockLabel.BODY, _norm("".join(element.itertext()))))
    return [(label, text) for label, text in parts if text], attributes


def _lead_marked(element: etree._Element) -> bool:
    """Whether the element's class or id says it is a lead ("lead", "intro", "standfirst")."""
    marks = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return bool(LEAD_HINT.search(marks))


def _lead_texts(tree: etree._Element, description: str | None) -> set[str]:
    leads = {_norm(description)} if description else set()
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _INVISIBLE:
            continue
        if _lead_marked(element):
            text = _norm(element.text_content())
            if text:
                leads.add(text)
    return leads


# Trafilatura options were chosen with benchmarks/extraction.py (F1, trafilatura_eval / AEB):
# defaults 0.926 / 0.960; favor_recall 0.919 / 0.960; favor_precision 0.921 / 0.964;
# include_formatting drops whole paragraphs on some pages, so it stays off. Comments are
# reader comments, not article text.
def _extract(html: str, url: str | None) -> str | None:
    result: str | None = trafilatura.extract(
        html,
        url=url,
        output_format="xml",
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        with_metadata=True,
        favor_precision=False,
        favor_recall=False,
    )
    return result


def _with_trafilatura_meta(meta: dict[str, str], attributes: dict[str, str]) -> dict[str, str]:
    merged = dict(meta)
    for key in ("title", "date", "author", "sitename", "url", "description", "categories"):
        value = attributes.get(key)
        if value and key not in merged:
            merged[key] = value
            merged[f"{key}.source"] = "html:trafilatura"
    return merged


def clean_html(html: str, url: str | None = None) -> Cleaned:
    """The article text of an HTML page with headings and lead marked, junk kept as removed.

    A page without article text (or unparsable garbage) gives a ``Cleaned`` with empty text."""
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.document_fromstring(html)
        xml = _extract(html, url)
        kept, attributes = _kept_parts(xml) if xml else ([], {})
    except (etree.LxmlError, ValueError):
        return assemble([])
    meta = _with_trafilatura_meta(page_meta(tree), attributes)
    if url and "url" not in meta:
        meta.update({"url": url, "url.source": "input"})
    title = meta.get("title") or _first_h1(tree)
    if not kept:
        return assemble([], title=title, source_meta=meta)
    title_norm = _norm(title or "")
    parts: list[tuple[BlockLabel, str]] = []
    leads = _lead_texts(tree, meta.get("description"))
    missing = _missing_lead(tree, kept, title_norm)
    if missing is not None:
        parts.append((BlockLabel.LEAD, missing))
    for index, (label, text) in enumerate(kept):
        if text == title_norm and label is BlockLabel.HEADING:
            continue  # the title lives in Cleaned.title, not in the text
        if index < 4 and label is BlockLabel.BODY and text in leads and not parts:
            label = BlockLabel.LEAD
        parts.append((label, text))
    return assemble(_interleave_removed(tree, parts, title_norm), title=title, source_meta=meta)


# A lead must read like prose, not like a label or a teaser headline.
MIN_LEAD_CHARS = 60
# Ancestors that hold page furniture, never the article's own lead.
_FURNITURE = re.compile(r"\b(?:nav|aside|footer)\b|related|recommend|more-?articles|read-?more")


def _missing_lead(
    tree: etree._Element, kept: list[tuple[BlockLabel, str]], title: str
) -> str | None:
    """The page's lead paragraph when trafilatura dropped it.

    Trafilatura often discards a ``<p class="lead">`` standing before the article body, though
    news sites put the most important sentences (and the dateline) there. A lead-marked element
    before the first kept paragraph, outside page furniture, is taken back as the lead."""
    kept_text = "\n".join(text for _, text in kept)
    first = kept[0][1]
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag.lower() in _INVISIBLE:
            continue
        text = _norm(element.text_content())
        if text == first or text.startswith(first):
            return None  # reached the kept body without meeting a dropped lead
        if element.tag.lower() not in {"p", "div"} or not _lead_marked(element):
            continue
        if len(text) < MIN_LEAD_CHARS or text == title or text in kept_text or first in text:
            continue
        if _FURNITURE.search(hints(element)):
            continue
        return text
    return None


def _first_h1(tree: etree._Element) -> str | None:
    for h1 in tree.iter("h1"):
        text = _norm(h1.text_content())
        if text:
            return text
    return None


def _interleave_removed(
    tree: etree._Element, parts: list[tuple[BlockLabel, str]], title: str
) -> list[tuple[BlockLabel, str]]:
    """Add the page text trafilatura left out, each piece after the kept part it followed."""
    kept_text = "\n".join(text for _, text in parts)
    starts: list[int] = []
    pos = 0
    for _, text in parts:
        starts.append(pos)
        pos += len(text) + 1
    body = tree.find("body")
    removed_after: dict[int, list[tuple[BlockLabel, str]]] = {}
    cursor = -1  # index of the last kept part seen in document order
    for element, text in _text_blocks(body if body is not None else tree):
        found = kept_text.find(text) if len(text) > 2 else -1
        if found >= 0:
            cursor = max(cursor, _part_at(starts, found))
            continue
        label = BlockLabel.TITLE if text == title else label_removed(element, text)
        removed_after.setdefault(cursor, []).append((label, text))
    merged = list(removed_after.get(-1, []))
    for index, part in enumerate(parts):
        merged.append(part)
        merged.extend(removed_after.get(index, []))
    return merged


def _part_at(starts: list[int], offset: int) -> int:
    index = 0
    for i, start in enumerate(starts):
        if start > offset:
            break
        index = i
    return index
