"""Plain-text junk removal: lagebild's clean_text on scraped text rendered from real pages.

Run: ``python benchmarks/junk_removal.py [--limit N] [--workers 2]`` (default: all pages).

How the labelled set is built (on the fly, nothing stored):

1. Render. Each HTML page (decoded with trafilatura's ``decode_file``) is turned into plain
   text the way a naive scraper does: walk ``<body>`` with lxml.html in document order, skip
   script/style/noscript/template/svg/iframe/form-controls, and break a line at every block
   element (p, div, li, h1-h6, td, th, figcaption, blockquote, section, nav, header, footer,
   ...) and at ``<br>``. Text of inline elements (a, span, b, ...) joins the current line, so a
   menu of links inside one ``<li>`` each gives one line per link, and a div with direct text
   gives its own line. Whitespace is collapsed; empty lines are dropped.
2. Label. Tokens are lowercase ``\\w+`` runs; a line's "key" is its tokens joined by spaces.
   - scrapinghub_aeb (full gold ``articleBody`` per page): a line is *body* if its key occurs
     in the gold key string, or if >= 0.5 of its token trigrams occur in the gold trigrams;
     else *junk*. Lines under 3 tokens are body only if they equal a whole gold line (a menu
     item "Business" occurs in many articles; a sub-heading is its own gold line). Trigrams, not single tokens: with single tokens, "Share on Facebook" or
     "Read more" would pass 0.5 on function words found in any article. 0.5 because a
     rendered line may carry a little extra (a date, a byline glued into the paragraph) and
     still be article text.
   - trafilatura_eval (gold is 1-6 "with" snippets of main text and 1-6 "without" snippets
     of boilerplate per page, not the full main text): a line is *body* if its key contains
     a "with" snippet's key or lies inside one, *junk* likewise for "without"; lines matching
     neither (or both) are unlabelled and not scored, since the gold does not say what they
     are. Pages with no labelled line of either kind are dropped.
3. Score. The page's lines joined by "\\n" go to ``clean_text``. Lines are matched in order
   to ``Cleaned.blocks`` by key containment (a block's key contains the line's key; a forward
   search so a short line cannot match a far-away paragraph); a line is kept if its block is
   not removed (title, lead, heading, body), removed otherwise or if no block matches.
   Baselines in the same run: keep everything; keep lines with >= 10 words.
   junk removed = junk chars removed / junk chars; body kept = body chars kept / body chars;
   F1 of keeping body with precision = body chars among kept (labelled) chars.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path

import lxml.html
from trafilatura.utils import decode_file

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import dataset
from lagebild.clean.text import clean_text

SYSTEMS = ("keep-all", ">=10 words", "lagebild")
MIN_WORDS = 10  # the length baseline: shorter lines are mostly menus, buttons, bylines
OVERLAP = 0.5  # share of a line's trigrams that must be in the gold body (see docstring)
SEARCH_WINDOW = 8  # blocks looked ahead when matching a line; lines and blocks are ~1:1
SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "select", "option", "head"}
BLOCK = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td",
    "th", "tr", "table", "figcaption", "figure", "blockquote", "section", "article", "nav",
    "header", "footer", "aside", "main", "pre", "address", "form", "fieldset", "legend",
    "caption", "center", "hr", "body",
}  # fmt: skip
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")


def render(html: str) -> list[str]:
    """The page as a scraper's plain text: one whitespace-normalised line per block."""
    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # a page lxml cannot read (empty, broken) renders as nothing
        return []
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(buf)).strip()
        if line:
            lines.append(line)
        buf.clear()

    def walk(el: lxml.html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP or not tag:
            return
        block = tag in BLOCK or tag == "br"
        if block:
            flush()
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if block:
            flush()

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return lines


def _key(text: str) -> str:
    return " ".join(_TOKEN.findall(text.lower()))


def _trigrams(key: str) -> set[tuple[str, ...]]:
    toks = key.split()
    return {tuple(toks[i : i + 3]) for i in range(len(toks) - 2)}


def _label_full(lines: list[str], gold: str) -> list[str | None]:
    gkey = _key(gold)
    gtri = _trigrams(gkey)
    glines = {_key(g) for g in gold.splitlines()}
    labels: list[str | None] = []
    for line in lines:
        key = _key(line)
        if not key:
            labels.append(None)
            continue
        tri = _trigrams(key)
        short = len(key.split()) < 3  # "Business": too short to judge by containment
        inside = key in glines if short else f" {key} " in f" {gkey} "
        overlap = bool(tri) and len(tri & gtri) / len(tri) >= OVERLAP
        labels.append("body" if inside or overlap else "junk")
    return labels


def _label_snippets(lines: list[str], with_: list[str], without: list[str]) -> list[str | None]:
    wk = [k for k in map(_key, with_) if k]
    nk = [k for k in map(_key, without) if k]

    def hit(key: str, snippets: list[str]) -> bool:
        return any(f" {s} " in f" {key} " or f" {key} " in f" {s} " for s in snippets)

    labels: list[str | None] = []
    for line in lines:
        key = _key(line)
        b, j = bool(key) and hit(key, wk), bool(key) and hit(key, nk)
        labels.append("body" if b and not j else "junk" if j and not b else None)
    return labels


def _lagebild_kept(lines: list[str]) -> list[bool]:
    cleaned = clean_text("\n".join(lines))
    blocks = [(f" {_key(b.text)} ", not b.removed) for b in cleaned.blocks]
    kept: list[bool] = []
    pos = 0
    for line in lines:
        key = f" {_key(line)} "
        found = None
        for j in range(pos, min(pos + SEARCH_WINDOW, len(blocks))):
            if key in blocks[j][0]:
                found = j
                break
        if found is None:
            kept.append(False)
        else:
            pos = found
            kept.append(blocks[found][1])
    return kept


def _score(lines: list[str], labels: list[str | None]) -> dict[str, list[int]]:
    """Per system: [body chars, body kept, junk chars, junk kept] over labelled lines."""
    keeps = {
        "keep-all": [True] * len(lines),
        ">=10 words": [len(line.split()) >= MIN_WORDS for line in lines],
        "lagebild": _lagebild_kept(lines),
    }
    out: dict[str, list[int]] = {}
    for name, kept in keeps.items():
        c = [0, 0, 0, 0]
        for line, label, k in zip(lines, labels, kept, strict=True):
            if label is None:
                continue
            i = 0 if label == "body" else 2
            c[i] += len(line)
            c[i + 1] += len(line) if k else 0
        out[name] = c
    return out


def _page(html_bytes: bytes) -> list[str]:
    return render(decode_file(html_bytes))


def _traf_job(item: tuple[str, list[str], list[str]]) -> tuple[int, dict[str, list[int]]] | None:
    path, with_, without = item
    lines = _page(gzip.decompress(Path(path).read_bytes()))
    labels = _label_snippets(lines, with_, without)
    if not any(label is not None for label in labels):
        return None
    return sum(label is not None for label in labels), _score(lines, labels)


def _aeb_job(item: tuple[str, str]) -> tuple[int, dict[str, list[int]]] | None:
    path, gold = item
    if not gold.strip():
        return None
    lines = _page(gzip.decompress(Path(path).read_bytes()))
    labels = _label_full(lines, gold)
    return len([x for x in labels if x is not None]), _score(lines, labels)


def _map(job: Callable[..., object], items: list, workers: int) -> list:  # type: ignore[type-arg]
    if workers <= 1:
        return [job(i) for i in items]
    with Pool(workers) as pool:
        return pool.map(job, items, chunksize=4)


def _report(name: str, results: list, secs: float) -> None:  # type: ignore[type-arg]
    pages = [r for r in results if r is not None]
    n_lines = sum(r[0] for r in pages)
    tot = {s: [sum(r[1][s][i] for r in pages) for i in range(4)] for s in SYSTEMS}
    body, _, junk, _ = tot["keep-all"]
    print(f"\n{name}: {len(pages)} pages, {n_lines} labelled lines, "
          f"{body} body chars, {junk} junk chars ({secs:.0f} s)")  # fmt: skip
    print(f"  {'system':<12} {'junk removed':>12} {'body kept':>10} {'precision':>10} {'F1':>6}")
    for s in SYSTEMS:
        b, bk, j, jk = tot[s]
        removed = 1 - jk / j if j else 0.0
        recall = bk / b if b else 0.0
        prec = bk / (bk + jk) if bk + jk else 0.0
        f1 = 2 * prec * recall / (prec + recall) if prec + recall else 0.0
        print(f"  {s:<12} {removed:>12.3f} {recall:>10.3f} {prec:>10.3f} {f1:>6.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per dataset")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    root = dataset("trafilatura_eval")
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    items = [
        (str(root / "html" / f"{v['file']}.gz"), v.get("with", []), v.get("without", []))
        for v in data.values()
        if (root / "html" / f"{v['file']}.gz").exists()
    ][: args.limit]
    t0 = time.perf_counter()
    _report("trafilatura_eval", _map(_traf_job, items, args.workers), time.perf_counter() - t0)

    root = dataset("scrapinghub_aeb")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    aeb = [
        (str(root / "html" / f"{k}.html.gz"), v.get("articleBody") or "")
        for k, v in truth.items()
        if (root / "html" / f"{k}.html.gz").exists()
    ][: args.limit]
    t0 = time.perf_counter()
    _report("scrapinghub_aeb", _map(_aeb_job, aeb, args.workers), time.perf_counter() - t0)


if __name__ == "__main__":
    main()
