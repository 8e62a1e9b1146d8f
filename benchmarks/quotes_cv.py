"""German quote tagger, k-fold cross-validation over de_news_quotes_2024 *train*.

    python benchmarks/quotes_cv.py [--folds 5] [--interleave] [--jobs 2]
                                   [--c1 2.0] [--c2 0.05] [--speaker-c1 0.5] [--speaker-c2 0.05]
                                   [--iterations 200]

For each fold, scripts/train_quotes.py's training (``fit``, same features and labels) builds the
tagger and the speaker model on the other folds' documents into a temporary folder, and
``lagebild.quotes.quotes_in_text`` with that model runs on the fold's documents; the SpkAtt
token metric of benchmarks/quotes_de.py (benchmarks/_spkatt.py) scores them. Printed: every
fold and all folds pooled (token counts summed), "simplified" and "full". Folds are runs of
consecutive documents in the dataset's order (file names, which groups articles of the same
days), or with ``--interleave`` every k-th document (as a random split would mix them).

Why beside dev: the dev split's 150 documents chose many settings and rules of earlier changes,
so a difference measured there is biased towards what was chosen; cross-validation scores 700
documents that no choice was made on (the rules were written looking at train errors, so the
absolute numbers are optimistic; differences between two training settings are what this is
for). The dev split is never read here. A full run (5 folds) trains ten models: a few minutes
on two cores.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))

import train_quotes  # noqa: E402
from train_quotes import Settings  # noqa: E402

from _common import shared_dir  # noqa: E402
from _spkatt import Counts, Document, read_documents, score_corpus, scores  # noqa: E402

# The training documents with their features, computed once before the workers are forked.
_TRAINING: list[train_quotes.Document] = []


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--interleave", action="store_true", help="fold k: every document i with i %% folds == k"
    )
    parser.add_argument("--jobs", type=int, default=2, help="models trained at once")
    train_quotes.add_settings_arguments(parser)
    args = parser.parse_args(argv)
    path = shared_dir() / "datasets" / "de_news_quotes_2024" / "train.jsonl.gz"
    if not path.exists():
        print(
            f"skipped: dataset not found at {path}; set LAGEBILD_SHARED to the folder holding datasets/"
        )
        return 0
    if args.folds < 2:
        parser.error("--folds must be at least 2")
    settings = train_quotes.settings_from(args)
    gold = list(read_documents(path))
    folds = fold_of(len(gold), args.folds, interleave=args.interleave)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="lagebild-quotes-cv-") as temporary:
        folders = [Path(temporary) / f"fold{k}" for k in range(args.folds)]
        _train_folds(folds, folders, settings, args.jobs)
        trained = time.perf_counter() - started
        counts = _score_folds(gold, folds, folders)
    console = Console()
    console.print(_table(counts, args, settings))
    console.print(
        f"{len(gold)} train documents, {args.folds} folds "
        f"({'interleaved' if args.interleave else 'consecutive'}); training {trained:.0f} s, "
        f"total {time.perf_counter() - started:.0f} s",
        soft_wrap=True,
    )
    return 0


def fold_of(n: int, folds: int, *, interleave: bool) -> list[int]:
    """The fold of each of ``n`` documents: consecutive runs of (nearly) equal size, or every
    ``folds``-th document."""
    if interleave:
        return [i % folds for i in range(n)]
    return [i * folds // n for i in range(n)]


def _train_folds(
    folds: Sequence[int], folders: Sequence[Path], settings: Settings, jobs: int
) -> None:
    _TRAINING[:] = train_quotes.documents("train", None)
    tasks = [(list(folds), k, folder, settings) for k, folder in enumerate(folders)]
    # Forked workers share the computed features (only the fold numbers are sent to them);
    # CRFsuite trains on one core each.
    with multiprocessing.get_context("fork").Pool(max(1, jobs)) as pool:
        pool.starmap(_train_fold, tasks)


def _train_fold(folds: Sequence[int], k: int, folder: Path, settings: Settings) -> None:
    docs = [doc for doc, fold in zip(_TRAINING, folds, strict=True) if fold != k]
    train_quotes.fit(docs, folder, settings)


def _score_folds(
    gold: Sequence[Document], folds: Sequence[int], folders: Sequence[Path]
) -> list[dict[str, Counts]]:
    from lagebild.quotes import quotes_in_text
    from lagebild.quotes.model import use_model_dir
    from quotes_de import _annotation

    out = []
    try:
        for k, folder in enumerate(folders):
            use_model_dir(folder)
            docs = [doc for doc, fold in zip(gold, folds, strict=True) if fold == k]
            predictions = [
                [_annotation(doc, quote) for quote in quotes_in_text(doc.text, language="de")]
                for doc in docs
            ]
            out.append(score_corpus(predictions, [doc.gold for doc in docs]))
    finally:
        use_model_dir(None)
    return out


def _table(
    counts: Sequence[dict[str, Counts]], args: argparse.Namespace, settings: Settings
) -> Table:
    table = Table(
        title=(
            f"de_news_quotes_2024 train, {args.folds}-fold cross-validation, SpkAtt token F1 (%); "
            f"{settings}"
        )
    )
    for column in ("fold", "variant", "quote P", "quote R", "quote F1", "speaker F1", "joint F1"):
        table.add_column(column, justify="left" if column in ("fold", "variant") else "right")
    pooled = {variant: sum((c[variant] for c in counts), Counts()) for variant in counts[0]}
    rows = [(str(k), c) for k, c in enumerate(counts)] + [("all", pooled)]
    for name, fold_counts in rows:
        for variant, variant_counts in fold_counts.items():
            score = scores(variant_counts)
            table.add_row(
                name,
                variant,
                f"{100 * score['quote'].precision:.2f}",
                f"{100 * score['quote'].recall:.2f}",
                f"{100 * score['quote'].f1:.2f}",
                f"{100 * score['speaker'].f1:.2f}",
                f"{100 * score['joint'].f1:.2f}",
            )
    return table


if __name__ == "__main__":
    raise SystemExit(main())
