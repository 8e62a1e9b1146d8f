"""Readers for the NER corpora in ``../shared/datasets`` (training and evaluation only).

Every reader yields :class:`TaggedSentence` records: tokens with GermEval-style BIO tags over
the 12 GermEval labels (``PER``, ``LOC``, ``ORG``, ``OTH`` plain, ``-part`` and ``-deriv``).
Corpora with other tag sets are mapped onto the four coarse classes; a tag that has no
counterpart (laws, court decisions, dates) becomes ``O``.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lagebild.analysis import split_sentences


@dataclass(frozen=True, slots=True, kw_only=True)
class TaggedSentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]
    corpus: str


def read_germeval(path: Path, corpus: str = "germeval") -> Iterator[TaggedSentence]:
    """GermEval 2014 TSV: ``idx token outer inner``; the outer level is kept."""
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3:
                if tokens:
                    yield TaggedSentence(tokens=tuple(tokens), tags=tuple(tags), corpus=corpus)
                tokens, tags = [], []
                continue
            tokens.append(fields[1])
            tags.append(fields[2])
    if tokens:
        yield TaggedSentence(tokens=tuple(tokens), tags=tuple(tags), corpus=corpus)


# German LER fine classes onto GermEval's coarse ones: people, places, organisations. Norms,
# court decisions and literature have no GermEval counterpart beyond OTH, and GermEval marks
# statutes only rarely, so they are left out (O) rather than taught as OTH.
_LER_MAP = {
    "PER": "PER",
    "RR": "PER",
    "AN": "PER",
    "LD": "LOC",
    "ST": "LOC",
    "STR": "LOC",
    "LDS": "LOC",
    "ORG": "ORG",
    "UN": "ORG",
    "INN": "ORG",
    "GRT": "ORG",
    "MRK": "OTH",
}


def read_ler(path: Path) -> Iterator[TaggedSentence]:
    """German LER CoNLL (``token TAG``, IOB2), mapped onto GermEval classes."""
    tokens: list[str] = []
    tags: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            fields = line.split()
            if not fields:
                if tokens:
                    yield TaggedSentence(tokens=tuple(tokens), tags=tuple(tags), corpus="ler")
                tokens, tags = [], []
                continue
            tokens.append(fields[0])
            tags.append(_mapped(fields[-1], _LER_MAP))
    if tokens:
        yield TaggedSentence(tokens=tuple(tokens), tags=tuple(tags), corpus="ler")


def _mapped(tag: str, mapping: dict[str, str]) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, _, label = tag.partition("-")
    target = mapping.get(label)
    return f"{prefix}-{target}" if target else "O"


_EUROPEANA_TAG = re.compile(r"^([BI])[-_.]?(PER|LOC|ORG)$", re.IGNORECASE)
# Europeana files have no sentence boundaries; cut the token stream after sentence-final
# punctuation, and at this length at the latest.
_MAX_STREAM_SENTENCE = 60


def read_europeana(path: Path) -> Iterator[TaggedSentence]:
    """Europeana Newspapers BIO (no sentence boundaries; malformed tags cleaned or dropped)."""
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            fields = line.split()
            if len(fields) < 2:
                continue
            match = _EUROPEANA_TAG.match(fields[-1])
            tag = f"{match.group(1).upper()}-{match.group(2).upper()}" if match else "O"
            if tag.startswith("I-") and (not tags or tags[-1] == "O"):
                tag = "B-" + tag[2:]
            tokens.append(fields[0])
            tags.append(tag)
            if (fields[0] in {".", "!", "?"} and tag == "O") or len(tokens) >= _MAX_STREAM_SENTENCE:
                yield TaggedSentence(tokens=tuple(tokens), tags=tuple(tags), corpus="europeana")
                tokens, tags = [], []
    if tokens:
        yield TaggedSentence(tokens=tuple(tokens), tags=tuple(tags), corpus="europeana")


# SmartData types onto GermEval classes; dates, numbers, triggers, routes and positions are
# not named entities in GermEval's sense.
_SMARTDATA_MAP = {
    "person": "PER",
    "organization": "ORG",
    "organization-company": "ORG",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
}


def read_smartdata(
    directory: Path, exclude_ids: frozenset[str] = frozenset()
) -> Iterator[TaggedSentence]:
    """SmartData v1 train+test minus every v3 dev/test id (the clean split of its PROVENANCE);
    news and RSS documents only (tweets are another register)."""
    for name in ("v1_20180119_train.json.gz", "v1_20180119_test.json.gz"):
        for doc in _avro_documents(directory / name):
            if doc["id"] in exclude_ids:
                continue
            source = ((doc.get("refids") or {}).get("map") or {}).get("source")
            if source == "tweet":
                continue
            yield from _smartdata_sentences(doc)


def smartdata_v3_ids(directory: Path) -> frozenset[str]:
    ids: set[str] = set()
    for name in ("v3_20200302_dev.json.gz", "v3_20200302_test.json.gz"):
        ids.update(doc["id"] for doc in _avro_documents(directory / name))
    return frozenset(ids)


def _avro_documents(path: Path) -> Iterator[dict[str, Any]]:
    decoder = json.JSONDecoder()
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        text = stream.read()
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return
        document, position = decoder.raw_decode(text, position)
        yield document


def _smartdata_sentences(doc: dict[str, Any]) -> Iterator[TaggedSentence]:
    text_field = doc["text"]
    text = text_field["string"] if isinstance(text_field, dict) else str(text_field)
    spans: list[tuple[int, int, str]] = []
    mentions = doc.get("conceptMentions") or {}
    for mention in mentions.get("array", []) if isinstance(mentions, dict) else []:
        label = _SMARTDATA_MAP.get(str(mention["type"]).lower().replace("_", "-"))
        if label:
            spans.append((mention["span"]["start"], mention["span"]["end"], label))
    for sentence in split_sentences(text):
        words = sentence.tokens
        if not words:
            continue
        tags: list[str] = []
        for token in words:
            tag = "O"
            for start, end, label in spans:
                if start <= token.start < end:
                    tag = "B-" if token.start == start or not tags or tags[-1] == "O" else "I-"
                    tag += label
                    break
            tags.append(tag)
        yield TaggedSentence(
            tokens=tuple(t.text for t in words), tags=tuple(tags), corpus="smartdata"
        )
