"""Placeholder until its owner lands it."""
from lagebild.records import Cleaned, Metadata, RawDocument


def extract_metadata(raw: RawDocument, cleaned: Cleaned) -> Metadata:
    raise NotImplementedError
