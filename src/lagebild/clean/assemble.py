"""Build a ``Cleaned`` record from labelled parts, computing every offset in one place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lagebild.records import TEXT_LABELS, Block, BlockLabel, Cleaned

PARAGRAPH_SEPARATOR = "\n\n"  # the export contract: paragraphs separated by blank lines


def assemble(
    parts: Iterable[tuple[BlockLabel, str]],
    *,
    title: str | None = None,
    source_meta: Mapping[str, str] | None = None,
) -> Cleaned:
    """Join the text-forming parts (lead, heading, body) with blank lines; every other part
    becomes a zero-width block anchored where it stood. A ``TITLE`` part sets the title when
    none is given. Empty parts are dropped; inner whitespace of each part is kept as is."""
    chunks: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for label, raw_text in parts:
        text = raw_text.strip()
        if not text:
            continue
        if label is BlockLabel.TITLE and title is None:
            title = text
        if label in TEXT_LABELS:
            if chunks:
                pos += len(PARAGRAPH_SEPARATOR)
            chunks.append(text)
            blocks.append(Block(label=label, text=text, start=pos, end=pos + len(text)))
            pos += len(text)
        else:
            anchor = pos + len(PARAGRAPH_SEPARATOR) if chunks else 0
            blocks.append(Block(label=label, text=text, start=anchor, end=anchor))
    return Cleaned(
        title=title,
        text=PARAGRAPH_SEPARATOR.join(chunks),
        blocks=tuple(blocks),
        source_meta=dict(source_meta or {}),
    )


def relabel(cleaned: Cleaned, parts: Iterable[tuple[BlockLabel, str]]) -> Cleaned:
    """Re-assemble with new parts, keeping title and page metadata."""
    return assemble(parts, title=cleaned.title, source_meta=cleaned.source_meta)


def parts_of(cleaned: Cleaned) -> list[tuple[BlockLabel, str]]:
    """The labelled parts of a cleaned record, in order (inverse of ``assemble``)."""
    return [(b.label, b.text) for b in cleaned.blocks]
