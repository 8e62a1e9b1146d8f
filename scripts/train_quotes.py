"""Train lagebild's German quote tagger (issue #4) on de_news_quotes_2024 *train*.

    python scripts/train_quotes.py [--c1 2.0] [--c2 0.05] [--speaker-c1 0.5] [--speaker-c2 0.05]
                                   [--limit N] [--out DIR]

The dev split is never read here (it is what ``benchmarks/quotes_de.py`` scores). Training
takes the sentences with any sign of speech, more than the tagger reads at run time
(``DocumentFeatures.worth_tagging(..., broad=True)``: a model trained on the run-time choice
scored lower on dev). ``--limit N`` trains on the first N train documents, so that the rest can
be scored as held-out (``benchmarks/quotes_de.py --split train --skip N --model DIR``). Each token
gets one label: B-Q/I-Q inside the content of a quote (outermost annotations), B-S/I-S inside
the speaker mention, C inside the cue, O elsewhere. The model is written to
``src/lagebild/models/quotes-de/`` with ``training.json`` (data, parameters, time, date).
CPU only; a few minutes on 2 cores.

Regularisation: the tagger and the speaker model have their own L1/L2 weights. The tagger's
c1 = 2.0 was chosen by five-fold cross-validation over the 700 train documents
(``python benchmarks/quotes_cv.py``), not on dev: dev had chosen many earlier settings and rules
and no longer tells small differences apart honestly (see the model card).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import gzip
import json
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import shared_dir  # noqa: E402
from lagebild.analysis.sentences import Sentence, split_sentences  # noqa: E402
from lagebild.entities.analyse import analyse_entities  # noqa: E402
from lagebild.quotes.extract import bare_article  # noqa: E402
from lagebild.quotes.features import DocumentFeatures  # noqa: E402
from lagebild.quotes.marks import quotations  # noqa: E402
from lagebild.quotes.model import MODEL_FILE, SPEAKER_FILE  # noqa: E402

MODEL_DIR = ROOT / "src" / "lagebild" / "models" / "quotes-de"
# Where labels overlap, the quote wins over the speaker and the speaker over the cue.
_PRIORITY = {"Q": 3, "S": 2, "C": 1}


DEFAULT_DATA = shared_dir() / "datasets" / "de_news_quotes_2024"


def read_docs(split: str, data: Path = DEFAULT_DATA) -> Iterator[dict[str, Any]]:
    path = data / f"{split}.jsonl.gz"
    if not path.exists():
        sys.exit(
            f"{path} is missing: put the de_news_quotes_2024 dataset under ../shared/datasets."
        )
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)["doc"]


def char_labels(doc: dict[str, Any]) -> list[str]:
    """One role letter per character of the text (the outermost annotations only); "Q^" marks
    where a quote begins (its first piece: the later pieces of an interrupted quote continue it)."""
    text = doc["originalText"]
    roles = ["O"] * len(text)
    starts = [False] * len(text)
    for annotation in doc["annotations"]:
        if annotation.get("isNested"):
            continue
        for role, key in (("Q", "quote"), ("S", "speaker"), ("C", "cue")):
            part = annotation.get(key) or {}
            spans = sorted(part.get("spans", []), key=lambda span: span["charBegin"])
            for number, span in enumerate(spans):
                begin, end = span["charBegin"], span["charEnd"]
                for position in range(begin, min(end, len(text))):
                    if _PRIORITY[role] >= _PRIORITY.get(roles[position].rstrip("^"), 0):
                        roles[position] = role
                if role == "Q" and number == 0 and begin < len(text):
                    starts[begin] = True
    return [f"{r}{'^' if s else ''}" for r, s in zip(roles, starts, strict=True)]


def token_labels(sentence: Sentence, chars: Sequence[str]) -> list[str]:
    """B-Q only where a quote begins: I-Q after anything else continues the quote before it
    (the next sentence of a quotation, the second piece of an interrupted quote)."""
    labels = []
    previous = "O"
    for token in sentence.tokens:
        roles = [chars[p] for p in range(token.start, token.end)]
        role = max((r[0] for r in roles), key=lambda r: _PRIORITY.get(r, 0), default="O")
        if role == "O":
            labels.append("O")
        elif role == "C":
            labels.append("C")
        elif role == "Q":
            labels.append("B-Q" if "Q^" in roles else "I-Q")
        else:
            labels.append(f"{'B' if previous != 'S' else 'I'}-S")
        previous = role
    return labels


@dataclass(frozen=True, slots=True)
class Document:
    sentences: tuple[Sentence, ...]
    features: list[list[list[str]] | None]
    labels: list[list[str]]
    # One (features, labels) sequence per gold quote for the speaker model.
    speakers: list[tuple[list[list[str]], list[str]]]


def speaker_examples(
    doc: dict[str, Any], document: DocumentFeatures, sentences: Sequence[Sentence]
) -> list[tuple[list[list[str]], list[str]]]:
    """For every gold quote: the speaker window's features with S on the speaker's tokens."""
    starts = [sentence.start for sentence in sentences]
    examples = []
    for annotation in doc["annotations"]:
        if annotation.get("isNested") or not (annotation.get("quote") or {}).get("spans"):
            continue
        parts = sorted((s["charBegin"], s["charEnd"]) for s in annotation["quote"]["spans"])
        index = max(0, bisect.bisect_right(starts, parts[0][0]) - 1)
        speaker = [
            (s["charBegin"], s["charEnd"])
            for s in (annotation.get("speaker") or {}).get("spans", [])
        ]
        tokens, features = document.speaker_window(index, parts)
        labels = [
            "S" if any(b < token.end and token.start < e for b, e in speaker) else "O"
            for token in tokens
        ]
        examples.append((features, labels))
    return examples


def documents(split: str, limit: int | None, data: Path = DEFAULT_DATA) -> list[Document]:
    out = []
    for number, doc in enumerate(read_docs(split, data)):
        if limit is not None and number >= limit:
            break
        text = doc["originalText"]
        sentences = split_sentences(text, "de")
        chars = char_labels(doc)
        entities = analyse_entities(bare_article(text, language="de")).entities
        document = DocumentFeatures(text, sentences, quotations(text), entities)
        out.append(
            Document(
                sentences=sentences,
                features=[
                    document.of(i) if document.worth_tagging(i, broad=True) else None
                    for i in range(len(sentences))
                ],
                labels=[token_labels(sentence, chars) for sentence in sentences],
                speakers=speaker_examples(doc, document, sentences),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Settings:
    """L-BFGS settings of the two models (the defaults are the shipped model's)."""

    c1: float = 2.0  # tagger
    c2: float = 0.05
    speaker_c1: float = 0.5  # speaker model
    speaker_c2: float = 0.05
    iterations: int = 200


def add_settings_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``Settings`` (``--c1``, ``--c2``, ``--speaker-c1``, ``--speaker-c2``,
    ``--iterations``), defaulting to the shipped model's."""
    defaults = Settings()
    parser.add_argument("--c1", type=float, default=defaults.c1, help="tagger L1 weight")
    parser.add_argument("--c2", type=float, default=defaults.c2, help="tagger L2 weight")
    parser.add_argument("--speaker-c1", type=float, default=defaults.speaker_c1)
    parser.add_argument("--speaker-c2", type=float, default=defaults.speaker_c2)
    parser.add_argument("--iterations", type=int, default=defaults.iterations)


def settings_from(args: argparse.Namespace) -> Settings:
    """The ``Settings`` of parsed options (``add_settings_arguments``: one option per field)."""
    return Settings(**{field.name: getattr(args, field.name) for field in fields(Settings)})


def train(
    rows: Iterable[tuple[list[list[str]], list[str]]],
    path: Path,
    c1: float,
    c2: float,
    iterations: int,
) -> int:
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for features, labels in rows:
        trainer.append(features, labels)
        count += 1
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(path))
    return count


def fit(docs: Sequence[Document], out: Path, settings: Settings) -> int:
    """Train the tagger and the speaker model on ``docs`` into the folder ``out``; the number
    of tagger sequences."""
    out.mkdir(parents=True, exist_ok=True)
    count = train(rows(docs), out / MODEL_FILE, settings.c1, settings.c2, settings.iterations)
    train(
        (example for doc in docs for example in doc.speakers),
        out / SPEAKER_FILE,
        settings.speaker_c1,
        settings.speaker_c2,
        settings.iterations,
    )
    return count


def rows(docs: Sequence[Document]) -> Iterator[tuple[list[list[str]], list[str]]]:
    for doc in docs:
        for features, labels in zip(doc.features, doc.labels, strict=True):
            if features is not None:
                yield features, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_settings_arguments(parser)
    parser.add_argument("--limit", type=int, default=None, help="train on the first N documents")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="folder with train.jsonl.gz in the de_news_quotes_2024 format (default: that dataset)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    docs = documents("train", args.limit, args.data)
    featured = time.perf_counter() - started
    settings = settings_from(args)
    count = fit(docs, args.out, settings)
    seconds = time.perf_counter() - started
    info = {
        "data": "de_news_quotes_2024 train (700 German Wikinews articles; annotations "
        "CC BY-NC-SA 4.0, texts CC BY 2.5)",
        "documents": len(docs),
        "sequences": count,
        "tokens": sum(len(row) for features, row in rows(docs)),
        "c1": settings.c1,
        "c2": settings.c2,
        "speaker_c1": settings.speaker_c1,
        "speaker_c2": settings.speaker_c2,
        "max_iterations": settings.iterations,
        "seconds_features": round(featured, 1),
        "seconds_total": round(seconds, 1),
        "date": dt.date.today().isoformat(),
    }
    (args.out / "training.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(info, indent=2))


if __name__ == "__main__":
    main()
