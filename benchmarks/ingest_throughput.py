"""Ingest throughput (articles/s) and peak memory for 1,000 and 10,000 articles, text and HTML.

Articles are real German news texts from 10kGNAD (../shared/datasets/10kgnad, DER STANDARD,
CC BY-NC-SA 4.0), written out as scraped plain text (with the junk lines real sites add) and as
HTML pages (with navigation, cookie banner, figure and footer). Beyond the 1,028 distinct
texts, copies are made distinct by rotating their sentences and numbering their titles, so
every file is a new article.
Each run ingests into a fresh SQLite store in a child process; peak memory is that process's
maximum resident set size. Mode ``all`` runs every stage built so far (entities, quotes,
lineage, events and stories, claims, and at the end the digest of every story: claims
aligned and corroborated, summaries, timeline); the other modes leave relating articles out.
Mode ``all-noclaims`` is ``all`` without claims and digests: the difference is what issue #6
adds. Afterwards the ``all`` modes ask for every story's digest as the pages do (timed apart:
they should come from the cache the ingest filled).

    python benchmarks/ingest_throughput.py               # 1,000 and 10,000, text and HTML
    python benchmarks/ingest_throughput.py --sizes 1000  # quicker
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import dataset

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")

TEXT_TEMPLATE = """Mobiles Menü schließen
Startseite Politik Wirtschaft Sport

{title}

{paragraphs}

Lesen Sie auch: Was die Woche sonst noch brachte
Foto: Max Mustermann/dpa
Wir verwenden Cookies, um Ihnen ein optimales Nutzererlebnis zu bieten. Alle akzeptieren
"""

HTML_TEMPLATE = """<!doctype html><html lang="de"><head><meta charset="utf-8">
<title>{title} | Beispielblatt</title>
<meta property="og:site_name" content="Beispielblatt">
<meta property="article:published_time" content="2016-0{month}-1{day}T10:00:00+01:00">
</head><body>
<nav class="main-nav"><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a></nav>
<div class="cookie-banner">Wir verwenden Cookies. <button>Alle akzeptieren</button></div>
<article><h1>{title}</h1>
<figure><img src="/x.jpg" alt=""><figcaption>Symbolbild. Foto: Max Mustermann/dpa</figcaption></figure>
{paragraphs}
</article>
<aside class="related"><h3>Mehr zum Thema</h3><ul><li><a href="/a">Was die Woche sonst noch brachte</a></li></ul></aside>
<footer>Impressum · Datenschutz · Kontakt</footer>
</body></html>
"""


def load_texts() -> list[tuple[str, list[str]]]:
    path = dataset("10kgnad") / "test.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter=";", quotechar="'"))
    texts = []
    for _label, text in rows:
        sentences = SENTENCE_END.split(text.strip())
        if len(sentences) >= 3:
            texts.append((sentences[0][:120], sentences[1:]))
    return texts


def make_corpus(folder: Path, n: int, kind: str, texts: list[tuple[str, list[str]]]) -> None:
    folder.mkdir(parents=True)
    for k in range(n):
        title, sentences = texts[k % len(texts)]
        shift = (k // len(texts)) % len(sentences)
        sentences = sentences[shift:] + sentences[:shift]
        if k >= len(texts):  # rotation alone repeats short texts; the round number never does
            title = f"{title} (Folge {k // len(texts) + 1})"
        paras = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        if kind == "text":
            body = TEXT_TEMPLATE.format(title=title, paragraphs="\n\n".join(paras))
            (folder / f"{k:05d}.txt").write_text(body, encoding="utf-8")
        else:
            ps = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
            page = HTML_TEMPLATE.format(
                title=html.escape(title), paragraphs=ps, month=1 + k % 9, day=k % 10
            )
            (folder / f"{k:05d}.html").write_text(page, encoding="utf-8")


CHILD = """
import json, resource, sys, time
def peak_kb():  # VmHWM: this process's own peak (ru_maxrss also carries the parent's)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from lagebild.ingestion import ingest
from lagebild.settings import Settings
from lagebild.store import Store
mode = sys.argv[3]
settings = Settings(
    entities=mode != "off",
    quotes=mode.startswith(("quotes", "all")),
    events=mode.startswith("all"),
    claims="noclaims" not in mode,
    digests="noclaims" not in mode,
    workers=2 if mode.endswith("-2") else 1,
)
if settings.entities:  # load the NER model before the clock starts, as a server would
    from lagebild.entities.ner import german_ner
    german_ner().tag(["Warm", "up"])
t0 = time.perf_counter()
with Store.open(sys.argv[2]) as store:
    report = ingest([sys.argv[1]], store, settings=settings)
    elapsed = time.perf_counter() - t0
    digests = stories = 0.0
    if settings.events and settings.claims:  # every story's digest, as the pages compute it
        t1 = time.perf_counter()
        for story in store.events()[1]:
            store.digest(story.id)
            stories += 1
        digests = time.perf_counter() - t1
print(json.dumps({"seconds": elapsed, "new": report.count("new"), "failed": report.count("failed"),
                  "digest_seconds": digests, "stories": stories,
                  "maxrss_kb": peak_kb()}))
"""


def run_one(folder: Path, db: Path, entities: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(db), entities],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--kinds", nargs="+", default=["text", "html"], choices=["text", "html"])
    parser.add_argument(
        "--entities",
        nargs="+",
        default=["off", "on", "on-2", "quotes", "quotes-2", "all", "all-2"],
        choices=[
            "off",
            "on",
            "on-2",
            "quotes",
            "quotes-2",
            "all",
            "all-2",
            "all-noclaims",
            "all-noclaims-2",
        ],
        help="ingest without entity analysis (the foundation's pipeline), with it (no quotes) "
        "in one process or with 2 worker processes (settings.workers = 2), with entities "
        "and quotes, and with every stage (entities, quotes, lineage, events, stories); "
        "only 'all' modes relate articles",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="runs per setting; the fastest is reported (timings on a shared machine vary)",
    )
    args = parser.parse_args()
    texts = load_texts()
    print(
        f"{len(texts)} distinct 10kGNAD articles as the base; SQLite; "
        f"fastest of {args.repeat} runs per setting"
    )
    print(
        f"{'kind':<6}{'mode':>15}{'articles':>10}{'stored':>8}{'failed':>8}{'seconds':>10}"
        f"{'art/s':>9}{'ms/art':>8}{'peak MB':>9}"
    )
    for n in args.sizes:
        for kind in args.kinds:
            per_article: dict[str, float] = {}
            digests: dict[str, float] = {}
            for entities in args.entities:
                with tempfile.TemporaryDirectory() as tmp:
                    folder = Path(tmp) / "corpus"
                    make_corpus(folder, n, kind, texts)
                    runs = [
                        run_one(folder, Path(tmp) / f"bench{k}.db", entities)
                        for k in range(args.repeat)
                    ]
                    r = min(runs, key=lambda run: run["seconds"])
                per_article[entities] = 1000 * r["seconds"] / n
                digests[entities] = r.get("digest_seconds", 0.0)
                print(
                    f"{kind:<6}{entities:>15}{n:>10,}{int(r['new']):>8}{int(r['failed']):>8}"
                    f"{r['seconds']:>10.1f}{n / r['seconds']:>9.1f}{per_article[entities]:>8.2f}"
                    f"{r['maxrss_kb'] / 1024:>9.0f}"
                )
                if r.get("stories"):
                    print(
                        f"{'':<6}{'':>15} then {int(r['stories']):,} story digests read (as pages do) in "
                        f"{digests[entities]:.1f} s"
                    )
            for workers in ("", "-2"):
                with_claims, without = f"all{workers}", f"all-noclaims{workers}"
                if with_claims in per_article and without in per_article:
                    base = per_article[without] * n / 1000
                    added = per_article[with_claims] * n / 1000 - base
                    print(
                        f"{kind:<6} claims and story digests at ingest ({with_claims}): "
                        f"{added:+.1f} s = {added / base:+.0%} of the ingest time without "
                        "them (target: at most +50 %)"
                    )
            for mode in ("on", "on-2", "quotes", "quotes-2", "all", "all-2"):
                if mode in per_article and "off" in per_article:
                    added = per_article[mode] / per_article["off"] - 1
                    print(
                        f"{kind:<6} entities {mode}: {per_article[mode] - per_article['off']:+.2f} "
                        f"ms per article = {added:+.0%} of the foundation's ingest time "
                        "(target: at most +150 %)"
                    )


if __name__ == "__main__":
    main()
