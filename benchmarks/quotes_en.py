"""English quotation attribution on PolNeAR (the CofeNet BIO split), CofeNet's metric.

    python benchmarks/quotes_en.py [--split test|valid] [--limit N] [--errors N] [--entities]

Each line of ``polnear/cofenet_bio/{test,valid}.txt`` is one sentence (sometimes a few) as
PTB tokens with one BIO label per token (source, cue, content). We rebuild the text (tokens
joined by single spaces, except as below), run ``lagebild.quotes.english.english_quotes`` on
it, map our spans back to the tokens they overlap and score exact-match spans per role (CofeNet's metric: a
predicted span counts only when its role, first and last token equal a gold span's) and
token-level overlap (per-token P/R/F1 of each role). CofeNet's published test numbers are
printed beside ours. ``valid`` is the development split; ``test`` is reported.

Convention mapping (PolNeAR's annotation vs lagebild's ``Quote``), applied only here:
- Text: PTB quote tokens are turned back into typographic marks before joining (``\\`\\``` ->
  “, ``''`` -> ”, ``\\``` -> ‘, a lone ``'`` closing an open ‘ -> ’; ``-LSB-``/``-RSB-`` ->
  brackets), and written the way a newspaper prints them: no space inside quotation marks,
  before punctuation or before a clitic ("It's"); ``english_quotes`` reads real text, where
  “ followed by a space opens nothing.
- Content: PolNeAR content spans include the quotation marks of a direct quote and the comma
  or period inside them (“It's over,”); ``Quote.start``/``end`` exclude both. So each
  predicted content piece is widened left over an adjacent opening mark (and a "that", which
  lagebild already keeps in reported speech, as "dass" in German) and right over punctuation
  followed by a closing mark. An interrupted quote (``Quote.parts``) is one content span per
  part, as PolNeAR has it.
- Cue: ``Quote.cue`` (the verb with its auxiliaries, "according to", a headline's colon),
  widened over a colon right after it ("said:", always so in PolNeAR dev).
- Source: ``Quote.speaker_mention``, widened over the comma that closes an apposition
  ("Scott Pruitt, the attorney general of Oklahoma, said": PolNeAR's source ends on it) and
  over a genitive "'s" ("Trump's claim that ...": PolNeAR's source is "Trump's").
- Speaker spans do not depend on the entity analysis (it only names the speaker), so by
  default no entities are passed; ``--entities`` runs ``analyse_entities`` first to measure
  the speed of the whole chain.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import shared_dir
from lagebild.records import ArticleEntity, Quote

ROLES = ("source", "cue", "content")
# CofeNet (BERT+Cofe) and BERT-CRF exact-match span F1 on the PolNeAR test split (Wang et al.,
# COLING 2022, Table 6).
PUBLISHED = {
    "CofeNet": {"source": 83.2, "cue": 75.3, "content": 72.9},
    "BERT-CRF": {"source": 82.2, "cue": 74.9, "content": 71.0},
}
_PTB = {"``": "“", "''": "”", "`": "‘", "-LSB-": "[", "-RSB-": "]", "-LRB-": "(", "-RRB-": ")"}
_OPENING = frozenset('“‘"')
_CLOSING = frozenset('”’"')
_PUNCT = frozenset({",", ".", "?", "!", ";", ":", "--", "..."})
# Tokens written without a space before them, and marks written without one after them.
_GLUED = frozenset({",", ".", "?", "!", ";", ":", "...", "”", "’", ")", "]", "%"})
_OPENING_GLUE = frozenset("“‘([$")


@dataclass(frozen=True, slots=True)
class Line:
    id: str
    tokens: tuple[str, ...]
    labels: tuple[str, ...]


def read_lines(path: Path, limit: int | None) -> list[Line]:
    lines = []
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            record = json.loads(raw)
            lines.append(Line(record["id"], tuple(record["tokens"]), tuple(record["labels"])))
            if limit is not None and len(lines) >= limit:
                break
    return lines


def detokenised(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The text of ``tokens`` as a newspaper prints it, and each token's character span: PTB
    marks made typographic; no space after an opening mark, before a closing mark, before
    punctuation or before a clitic ("It's", "don't")."""
    words, spans, single_open = [], [], False
    text = ""
    for token in tokens:
        word = _PTB.get(token, token)
        if word == "‘":
            single_open = True
        elif token == "'" and single_open:
            word, single_open = "’", False
        glued = not text or text[-1] in _OPENING_GLUE or word in _GLUED or _is_clitic(word)
        if not glued:
            text += " "
        spans.append((len(text), len(text) + len(word)))
        text += word
        words.append(word)
    return text, spans


def _is_clitic(word: str) -> bool:
    return word.lower() in {"'s", "n't", "'re", "'ve", "'ll", "'m", "'d"}


def predicted_labels(
    quotes: Sequence[Quote], words: Sequence[str], spans: Sequence[tuple[int, int]]
) -> list[str]:
    labels = ["O"] * len(words)
    for quote in quotes:
        for part in quote.parts or (quote,):
            first_last = _tokens(spans, part.start, part.end)
            if first_last is not None:
                _write(labels, "content", *_widen_content(words, *first_last))
    for quote in quotes:
        for role, span in (("source", quote.speaker_mention), ("cue", quote.cue)):
            if span is not None and (found := _tokens(spans, span.start, span.end)) is not None:
                first, last = found
                if role == "source" and "," in words[first:last] and words[last + 1 :][:1] == [","]:
                    last += 1  # PolNeAR ends a source with an apposition on its comma
                if role == "source" and words[last + 1 :][:1] == ["'s"]:
                    last += 1  # ... and a genitive owner on its "'s" ("Trump's claim")
                if role == "cue" and words[last + 1 :][:1] == [":"]:
                    last += 1  # PolNeAR's cue takes the colon that opens a quotation
                _write(labels, role, first, last)
    return labels


def _tokens(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    inside = [i for i, (a, b) in enumerate(spans) if a < end and start < b]
    return (inside[0], inside[-1]) if inside else None


def _widen_content(words: Sequence[str], first: int, last: int) -> tuple[int, int]:
    if first > 0 and words[first - 1] in _OPENING:
        first -= 1
    if first > 0 and words[first - 1].lower() == "that":
        first -= 1
    probe = last + 1
    while probe < len(words) and words[probe] in _PUNCT:
        probe += 1
    if probe < len(words) and words[probe] in _CLOSING:
        last = probe
    return first, last


def _write(labels: list[str], role: str, first: int, last: int) -> None:
    labels[first] = f"B-{role}"
    for index in range(first + 1, last + 1):
        labels[index] = f"I-{role}"


def spans_of(labels: Sequence[str]) -> set[tuple[str, int, int]]:
    """(role, first, last) of every span of a BIO sequence; an I- after another role opens a
    span (as CofeNet's scorer reads it)."""
    found, role, first = set(), None, 0
    for index, label in enumerate([*labels, "O"]):
        kind = label[2:] if label != "O" else None
        if label.startswith("B-") or kind != role:
            if role is not None:
                found.add((role, first, index - 1))
            role, first = kind, index
    return found


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    correct: int = 0

    def add(self, gold: int, predicted: int, correct: int) -> None:
        self.gold += gold
        self.predicted += predicted
        self.correct += correct

    def prf(self) -> tuple[float, float, float]:
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(
    pairs: Iterator[tuple[Sequence[str], Sequence[str]]],
) -> tuple[dict[str, Tally], dict[str, Tally]]:
    exact = {role: Tally() for role in ROLES}
    overlap = {role: Tally() for role in ROLES}
    for gold, predicted in pairs:
        gold_spans, predicted_spans = spans_of(gold), spans_of(predicted)
        for role in ROLES:
            g = {s for s in gold_spans if s[0] == role}
            p = {s for s in predicted_spans if s[0] == role}
            exact[role].add(len(g), len(p), len(g & p))
            g_tokens = {i for i, label in enumerate(gold) if label[2:] == role}
            p_tokens = {i for i, label in enumerate(predicted) if label[2:] == role}
            overlap[role].add(len(g_tokens), len(p_tokens), len(g_tokens & p_tokens))
    return exact, overlap


def bracketed(words: Sequence[str], labels: Sequence[str]) -> str:
    out, role = [], None
    for word, label in zip(words, labels, strict=True):
        kind = label[2:] if label != "O" else None
        if label.startswith("B-") or kind != role:
            if role is not None:
                out.append("]")
            if kind is not None:
                out.append(f"{kind[:3].upper()}[")
        out.append(word)
        role = kind
    if role is not None:
        out.append("]")
    return " ".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("test", "valid"), default="test")
    parser.add_argument("--limit", type=int, default=None, help="only the first N lines")
    parser.add_argument("--errors", type=int, default=0, help="print N lines we got wrong")
    parser.add_argument("--entities", action="store_true", help="run the entity analysis too")
    args = parser.parse_args(argv)

    path = shared_dir() / "datasets" / "polnear" / "cofenet_bio" / f"{args.split}.txt"
    if not path.exists():
        print(f"SKIP: PolNeAR CofeNet split not found at {path}; set LAGEBILD_SHARED")
        return 0
    from lagebild.quotes.english import english_quotes
    from lagebild.quotes.english_cues import english_parser

    lines = read_lines(path, args.limit)
    english_parser()  # load outside the timing
    results, errors = [], []
    began = time.perf_counter()
    for line in lines:
        text, spans = detokenised(line.tokens)
        entities: Sequence[ArticleEntity] = ()
        if args.entities:
            from lagebild.entities.analyse import analyse_entities
            from lagebild.quotes.extract import bare_article

            entities = analyse_entities(bare_article(text, language="en")).entities
        words = [text[a:b] for a, b in spans]
        predicted = predicted_labels(english_quotes(text, entities), words, spans)
        results.append((line.labels, predicted))
        if list(predicted) != list(line.labels):
            errors.append((words, line.labels, predicted))
    elapsed = time.perf_counter() - began
    exact, overlap = score(iter(results))

    print(f"PolNeAR {args.split} (CofeNet BIO): {len(lines)} lines, entities={args.entities}")
    print(f"{'role':<8} {'exact P':>8} {'R':>6} {'F1':>6}   {'token P':>8} {'R':>6} {'F1':>6}"
          f"   {'CofeNet':>7} {'BERT-CRF':>8}")  # fmt: skip
    for role in ROLES:
        ep, er, ef = exact[role].prf()
        tp, tr, tf = overlap[role].prf()
        print(
            f"{role:<8} {100 * ep:8.1f} {100 * er:6.1f} {100 * ef:6.1f}   "
            f"{100 * tp:8.1f} {100 * tr:6.1f} {100 * tf:6.1f}   "
            f"{PUBLISHED['CofeNet'][role]:7.1f} {PUBLISHED['BERT-CRF'][role]:8.1f}"
        )
    print(f"speed: {len(lines) / elapsed:.0f} lines/s ({elapsed:.1f} s, one process)")
    for words, gold, predicted in errors[: args.errors]:
        print(f"\ngold: {bracketed(words, gold)}\nours: {bracketed(words, predicted)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
