"""German quotation attribution on de_news_quotes_2024 (SpkAtt-2023 Task 2 data), SpkAtt metric.

    python benchmarks/quotes_de.py [--split dev|train] [--limit N] [--skip N] [--errors N]
                                   [--model DIR]

Runs ``lagebild.quotes.quotes_in_text(doc["originalText"], language="de")`` (entity analysis
and quote extraction) on every document of the split and scores the quotes the way GermEval
2023 SpkAtt Task 2 does (benchmarks/_spkatt.py): predicted and gold quotes paired one to one by
token overlap; token P/R/F1 for the quote spans; speaker tokens scored within paired quotes;
joint over both; "full" (all gold annotations) and "simplified" (non-nested gold only); quote
recall per gold type. The published rule-based baseline (dev) and the issue's targets are
printed beside ours.

Convention mapping. Gold direct-quote spans include their quotation marks; lagebild's
``Quote.start``/``end`` exclude them, so a predicted span is widened over directly adjacent
quotation marks („“”"«»‚‘’'‹›) before it is mapped to the dataset's tokens (every token that
overlaps the span). The predicted speaker span is ``Quote.speaker_mention`` (start/end); a
quote without one has no speaker tokens. Only ``Quote`` fields are read: the scorer knows
nothing else of lagebild. ``--errors N`` lists N missed gold quotes, N spurious predictions and
N paired quotes with a wrong speaker, with context, for development.

A gold quote may be discontinuous (``„…“, sagte er, „…“`` is one annotation of two spans); a
``Quote`` is one span, so such a quote comes as two records and, paired one to one, the second
counts as spurious. ``--merge-cue`` scores the records sharing one cue span as one quote (the
union of their tokens); the default scores every record as it is. With ``--merge-cue`` the
error listing still shows every record on its own.

Train documents the shipped tagger has not seen: ``python scripts/train_quotes.py --limit 500
--out DIR`` trains on the first 500 train documents, and ``python benchmarks/quotes_de.py --split
train --skip 500 --model DIR`` scores the other 200 with that model — a second held-out set
beside dev, for rules that fire where the tagger found nothing (on the tagger's own training
documents such a rule only meets what the annotators left out).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from lagebild.records import Quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import shared_dir
from _spkatt import (
    Annotation,
    Counts,
    Document,
    merge_by_key,
    pair,
    prediction,
    read_documents,
    score_corpus,
    scores,
    type_recall,
)

TARGETS = {"quote": 0.80, "speaker": 0.75, "joint": 0.70}
# SpkAtt-2023 Task 2 rule-based baseline on dev (F1 in %): Message / Roles (all roles) / Joint
# for the full task, Message / Source / Joint for the simplified one (the task overview paper).
BASELINE = {
    "full": {"quote": 48.79, "speaker": 34.87, "joint": 38.91},
    "simplified": {"quote": 48.25, "speaker": 34.83, "joint": 41.82},
}
# Characters of text shown on each side of a span in the error listing.
_CONTEXT = 80


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score the first N documents")
    parser.add_argument("--skip", type=int, default=0, help="leave out the first N documents")
    parser.add_argument(
        "--model",
        type=Path,
        default=None,
        help="quote model folder (scripts/train_quotes.py --out)",
    )
    parser.add_argument("--errors", type=int, default=0, help="list N errors of each sort")
    parser.add_argument(
        "--merge-cue",
        action="store_true",
        help="score predicted quotes sharing one cue span as one (discontinuous) quote",
    )
    args = parser.parse_args(argv)
    path = shared_dir() / "datasets" / "de_news_quotes_2024" / f"{args.split}.jsonl.gz"
    if not path.exists():
        print(
            f"skipped: dataset not found at {path}; set LAGEBILD_SHARED to the folder holding datasets/"
        )
        return 0
    from lagebild.quotes import quotes_in_text
    from lagebild.quotes.model import use_model_dir

    use_model_dir(args.model)
    documents = list(read_documents(path))[args.skip :][: args.limit]
    quotes_in_text("Er sagte, es sei warm.", language="de")  # load models before timing
    started = time.perf_counter()
    predicted_quotes = [quotes_in_text(doc.text, language="de") for doc in documents]
    elapsed = time.perf_counter() - started
    predictions = [
        [_annotation(doc, quote) for quote in quotes]
        for doc, quotes in zip(documents, predicted_quotes, strict=True)
    ]
    if args.merge_cue:
        predictions = [
            merge_by_key(annotations, [_cue_key(quote) for quote in quotes])
            for annotations, quotes in zip(predictions, predicted_quotes, strict=True)
        ]
    counts = score_corpus(predictions, [doc.gold for doc in documents])
    console = Console()
    split = args.split + (f" from document {args.skip + 1}" if args.skip else "")
    if args.model is not None:
        split += f", model {args.model}"
    console.print(_table(split, len(documents), counts))
    console.print(_type_table(counts))
    console.print(
        f"speed: {len(documents) / elapsed:.1f} articles/s ({1000 * elapsed / len(documents):.1f}"
        f" ms/article, entity analysis + quotes, {sum(map(len, predicted_quotes))} quotes found)",
        soft_wrap=True,
    )
    if args.errors:
        _print_errors(console, documents, predicted_quotes, predictions, args.errors)
    return 0


def _annotation(document: Document, quote: Quote) -> Annotation:
    mention = quote.speaker_mention
    speaker = (mention.start, mention.end) if mention is not None else None
    pieces = [(part.start, part.end) for part in quote.parts] or [(quote.start, quote.end)]
    return prediction(document, pieces, speaker)


def _cue_key(quote: Quote) -> tuple[int, int] | None:
    return (quote.cue.start, quote.cue.end) if quote.cue is not None else None


def _table(split: str, n: int, counts: dict[str, Counts]) -> Table:
    full, simplified = counts["full"], counts["simplified"]
    table = Table(
        title=f"de_news_quotes_2024 {split}: {n} documents, SpkAtt Task 2 token metric (%)",
        caption=(
            f"gold quote tokens: {full.quote_gold} full, {simplified.quote_gold} simplified; "
            f"predicted: {full.quote_predicted}. Baseline: SpkAtt-2023 Task 2 rule-based "
            "system on dev; its full-task role score covers all roles (speaker, cue, frame, "
            "addressee), not the speaker alone."
        ),
    )
    for column in ("variant", "role", "P", "R", "F1", "baseline F1 (dev)", "target F1"):
        table.add_column(column, justify="left" if column in ("variant", "role") else "right")
    for variant, variant_counts in counts.items():
        for role, score in scores(variant_counts).items():
            target = TARGETS[role]
            table.add_row(
                variant,
                role,
                f"{100 * score.precision:.2f}",
                f"{100 * score.recall:.2f}",
                f"{100 * score.f1:.2f}",
                f"{BASELINE[variant][role]:.2f}",
                f"≥{100 * target:.0f} {'met' if score.f1 >= target else 'NOT met'}",
            )
    return table


def _type_table(counts: dict[str, Counts]) -> Table:
    table = Table(title="quote-token recall per gold type (full)")
    for column in ("type", "R", "gold tokens"):
        table.add_column(column, justify="left" if column == "type" else "right")
    full = counts["full"]
    for kind, score in type_recall(full).items():
        table.add_row(kind, f"{100 * score.recall:.2f}", str(full.type_gold[kind]))
    return table


def _print_errors(
    console: Console,
    documents: Sequence[Document],
    predicted_quotes: Sequence[Sequence[Quote]],
    predictions: Sequence[Sequence[Annotation]],
    n: int,
) -> None:
    missed: list[str] = []
    spurious: list[str] = []
    wrong_speaker: list[str] = []
    for doc, quotes, predicted in zip(documents, predicted_quotes, predictions, strict=True):
        pairs = pair(predicted, doc.gold)
        paired_predicted = {p for p, _g, _o in pairs}
        paired_gold = {g for _p, g, _o in pairs}
        for g, raw in enumerate(doc.gold_raw):
            if g not in paired_gold:
                missed.append(_gold_line(doc, raw))
        for p, quote in enumerate(quotes):
            if p not in paired_predicted:
                spurious.append(_predicted_line(doc, quote))
        for p, g, _overlap in pairs:
            if predicted[p].speaker != doc.gold[g].speaker:
                gold_speaker = doc.gold_raw[g]["speaker"]["text"] or "-"
                wrong_speaker.append(
                    f"{_predicted_line(doc, quotes[p])}\n    gold speaker: {gold_speaker}"
                )
    for title, lines in (
        ("missed gold quotes", missed),
        ("spurious predictions", spurious),
        ("paired, wrong speaker", wrong_speaker),
    ):
        console.rule(f"{title}: {len(lines)} (showing {min(n, len(lines))})")
        for line in lines[:n]:
            console.print(line, markup=False, highlight=False, soft_wrap=True)


def _gold_line(doc: Document, raw: dict[str, Any]) -> str:
    spans = raw["quote"]["spans"]
    start, end = spans[0]["charBegin"], spans[-1]["charEnd"]
    speaker = raw["speaker"]["text"] or "-"
    cue = raw["cue"]["text"] or "-"
    nested = ", nested" if raw["isNested"] else ""
    return f"[{doc.name[:40]}] {raw['type']}{nested}; speaker: {speaker}; cue: {cue}\n    {_context(doc.text, start, end)}"


def _predicted_line(doc: Document, quote: Quote) -> str:
    speaker = quote.speaker or "-"
    mention = quote.speaker_mention.text if quote.speaker_mention else "-"
    cue = quote.cue.text if quote.cue else "-"
    return (
        f"[{doc.name[:40]}] {quote.kind} ({quote.confidence:.2f}); speaker: {speaker} "
        f"(mention: {mention}); cue: {cue}\n    {_context(doc.text, quote.start, quote.end)}"
    )


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - _CONTEXT) : start]
    after = text[end : end + _CONTEXT]
    return " ".join(f"…{before}⟦{text[start:end]}⟧{after}…".split())


if __name__ == "__main__":
    raise SystemExit(main())
