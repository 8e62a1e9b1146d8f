"""Train lagebild's German NER model (CPU only; see src/lagebild/models/ner-de/MODEL_CARD.md).

    python scripts/train_ner.py [--out src/lagebild/models/ner-de] [--holdout 400]

Training data, all from ../shared/datasets (GermEval 2014 *test* is never read here):
GermEval 2014 dev, SmartData (v1 train+test minus every v3 dev/test document, news and RSS),
Europeana Newspapers German, and optionally German LER train (``--ler-sentences N``; mapped
onto PER/LOC/ORG/OTH; it did not help, see LER_SENTENCES). ``--holdout N`` keeps the first N
GermEval dev sentences out of training and scores the model on them at the end. The corpora
follow different guidelines, so every feature is given twice, once plain and once prefixed
with its corpus ("frustratingly easy domain adaptation", Daumé 2007); tagging uses the plain
and the GermEval copy. Steps: word clusters (k-means over subword vectors of the training
vocabulary), given names (first tokens of multi-word PER spans), then the CRF (L-BFGS with
elastic-net regularisation, python-crfsuite).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pycrfsuite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _common import shared_dir  # noqa: E402
from lagebild.entities.ner import TARGET_DOMAIN, gazetteer_tokens  # noqa: E402
from lagebild.entities.ner_corpora import (  # noqa: E402
    TaggedSentence,
    read_europeana,
    read_germeval,
    read_ler,
    read_smartdata,
    smartdata_v3_ids,
)
from lagebild.entities.ner_features import sentence_features  # noqa: E402
from lagebild.entities.word_knowledge import SubwordVectors, WordKnowledge  # noqa: E402

# Cluster granularities: coarse ones generalise, fine ones separate (Turian et al. 2010 use
# several Brown-cluster prefixes for the same reason).
CLUSTER_SIZES = (64, 256, 1024)
KMEANS_ITERATIONS = 15
# A first name must start two multi-word PER spans to count (one could be an annotation slip).
MIN_GIVEN_NAME_COUNT = 2
# CRF regularisation: chosen on a 400-sentence held-out part of GermEval dev; the L1 part
# (c1) also prunes the model to a few MB.
C1, C2, MAX_ITERATIONS = 0.3, 0.05, 150
# German LER adds court-decision sentences; 20,000 of them changed the held-out GermEval F1 by
# +0.001 (0.606 → 0.607) while doubling training time, so they are left out by default.
LER_SENTENCES = 0
# Features seen fewer times than this are dropped before training (smaller, faster model).
MIN_FEATURE_COUNT = 2
# How often GermEval's sentences enter training. Repeating them (instead of domain
# adaptation) was tried: without corpus-prefixed features the other corpora, which have no
# -deriv/-part or OTH labels, teach the model those are O (held-out F1 0.54 against 0.62).
GERMEVAL_COPIES = 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "src/lagebild/models/ner-de")
    parser.add_argument(
        "--ler-sentences",
        type=int,
        default=LER_SENTENCES,
        help="German LER sentences to add (court decisions)",
    )
    parser.add_argument("--holdout", type=int, default=0, help="GermEval dev sentences to hold out")
    parser.add_argument(
        "--without",
        nargs="*",
        default=[],
        choices=["smartdata", "europeana"],
        help="leave these corpora out (for ablations)",
    )
    parser.add_argument("--c1", type=float, default=C1)
    parser.add_argument("--c2", type=float, default=C2)
    parser.add_argument("--min-feature-count", type=int, default=MIN_FEATURE_COUNT)
    parser.add_argument(
        "--germeval-copies",
        type=int,
        default=GERMEVAL_COPIES,
        help="how often the in-domain GermEval sentences enter training",
    )
    parser.add_argument(
        "--no-domain-adaptation",
        dest="domain_adaptation",
        action="store_false",
        help="leave out the corpus-prefixed feature copies (faster, much worse on GermEval)",
    )
    args = parser.parse_args(argv)
    datasets = shared_dir() / "datasets"
    started = time.monotonic()
    germeval = list(read_germeval(datasets / "germeval2014/NER-de-dev.tsv"))
    holdout: list[TaggedSentence] = []
    if args.holdout:
        holdout, germeval = germeval[: args.holdout], germeval[args.holdout :]
    corpora = {
        "germeval": germeval,
        "smartdata": list(
            read_smartdata(datasets / "smartdata_de", smartdata_v3_ids(datasets / "smartdata_de"))
        ),
        "europeana": [
            sentence
            for part in ("lft", "onb", "sbb")
            for sentence in read_europeana(datasets / f"europeana_ner_de/enp_DE.{part}.bio")
        ],
        "ler": list(read_ler(datasets / "german_ler/ler_train.derived.conll.gz"))[
            : args.ler_sentences
        ],
    }
    for name in args.without:
        corpora[name] = []
    sentences = [sentence for corpus in corpora.values() for sentence in corpus]
    print({name: len(corpus) for name, corpus in corpora.items()}, flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    build_centroids(sentences, args.out / "centroids.npz")
    names = given_names(sentences)
    (args.out / "given_names.txt").write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
    knowledge = WordKnowledge(args.out / "centroids.npz", names, gazetteer_tokens())
    trainer = pycrfsuite.Trainer(verbose=False)
    domain = TARGET_DOMAIN if args.domain_adaptation else ""
    for sentence in sentences:
        features = sentence_features(
            sentence.tokens, knowledge, sentence.corpus if args.domain_adaptation else ""
        )
        copies = args.germeval_copies if sentence.corpus == "germeval" else 1
        for _ in range(copies):
            trainer.append(features, list(sentence.tags))
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": MAX_ITERATIONS,
            "feature.possible_transitions": True,
            "feature.minfreq": args.min_feature_count,
        }
    )
    print(f"features ready after {time.monotonic() - started:.0f} s; training", flush=True)
    trainer.train(str(args.out / "model.crfsuite"))
    info = {
        "trained": dt.date.today().isoformat(),
        "seconds": round(time.monotonic() - started),
        "sentences": {name: len(corpus) for name, corpus in corpora.items()},
        "target_domain": domain,
        "germeval_copies": args.germeval_copies,
        "params": {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": MAX_ITERATIONS,
            "min_feature_count": args.min_feature_count,
        },
        "cluster_sizes": list(CLUSTER_SIZES),
        "given_names": len(names),
    }
    (args.out / "training.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(info), flush=True)
    if holdout:
        from ner_eval import evaluate  # benchmarks/ner_eval.py

        print("holdout", evaluate(args.out, holdout))
    return 0


def build_centroids(sentences: Iterable[TaggedSentence], path: Path) -> None:
    """k-means (cosine) over the mean-subword vectors of the training vocabulary."""
    words = sorted({word for sentence in sentences for word in sentence.tokens if word.isalpha()})
    vectors, _present = SubwordVectors().vectors(words)
    mean = vectors.mean(axis=0)
    vectors -= mean
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-6
    stored = {"mean": mean.astype(np.float32)}
    for size in CLUSTER_SIZES:
        stored[f"k{size:04d}"] = _kmeans(vectors, size).astype(np.float16)
    np.savez_compressed(path, **stored)
    print(f"clusters over {len(words)} word forms", flush=True)


def _kmeans(vectors: np.ndarray, size: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    centres = vectors[rng.choice(len(vectors), size, replace=False)].copy()
    for _ in range(KMEANS_ITERATIONS):
        assigned = np.concatenate(
            [np.argmax(block @ centres.T, axis=1) for block in np.array_split(vectors, 20)]
        )
        for index in range(size):
            members = vectors[assigned == index]
            if len(members):
                centre = members.mean(axis=0)
                centres[index] = centre / (np.linalg.norm(centre) + 1e-6)
    return centres


def given_names(sentences: Iterable[TaggedSentence]) -> set[str]:
    counts: collections.Counter[str] = collections.Counter()
    for sentence in sentences:
        tags = sentence.tags
        for index, tag in enumerate(tags):
            if tag == "B-PER" and index + 1 < len(tags) and tags[index + 1] == "I-PER":
                word = sentence.tokens[index]
                if word.isalpha() and word[:1].isupper() and len(word) > 1:
                    counts[word] += 1
    return {word for word, count in counts.items() if count >= MIN_GIVEN_NAME_COUNT}


if __name__ == "__main__":
    raise SystemExit(main())
