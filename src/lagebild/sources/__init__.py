"""Sources: read inputs (files, folders, globs, stdin, URLs, feeds) into raw documents.

``read_inputs`` yields a ``RawDocument`` per article or a ``SourceFailure`` per bad item; it
never raises for a bad input, so one broken file cannot stop a batch.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from lagebild.records import RawDocument, SourceFailure
from lagebild.sources.decode import decode_document
from lagebild.sources.files import read_paths, read_stdin
from lagebild.sources.web import FetchSettings, read_url

__all__ = ["FetchSettings", "decode_document", "read_inputs"]


def read_inputs(
    inputs: Sequence[str],
    *,
    settings: FetchSettings | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument | SourceFailure]:
    """Yield every item of every input, in the order given; folders in sorted order."""
    settings = settings or FetchSettings()
    for source in inputs:
        if source == "-":
            yield from read_stdin(stdin or sys.stdin.buffer, max_bytes=settings.max_bytes)
        elif source.lower().startswith(("http://", "https://")):
            yield from read_url(source, settings)
        else:
            yield from read_paths(source, max_bytes=settings.max_bytes)
