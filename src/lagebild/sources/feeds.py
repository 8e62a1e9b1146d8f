"""RSS and Atom feeds: recognise them and list the article links of their items."""

from __future__ import annotations

import feedparser

FEED_SNIFF_BYTES = 2048  # the root element of a feed sits right after the XML prolog


def looks_like_feed(data: bytes) -> bool:
    """Whether an XML body is an RSS, RDF or Atom feed (by its root element)."""
    head = data[:FEED_SNIFF_BYTES].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def feed_links(data: bytes) -> list[str]:
    """The item links of a feed, in feed order, without duplicates."""
    parsed = feedparser.parse(data)
    links: list[str] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if isinstance(link, str) and link.startswith(("http://", "https://")) and link not in links:
            links.append(link)
    return links
