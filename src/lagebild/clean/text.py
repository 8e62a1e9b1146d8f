"""Clean scraped plain text: label every line as article (title, lead, heading, body) or junk.

Scraped text arrives as lines: menus, cookie banners, the title, a lead, captions with photo
credits, body paragraphs with headings between them, teasers and agency codes. Each non-empty
line becomes one labelled part; nothing is dropped — junk lines are kept as removed blocks.

Two layers decide a line's label:

1. ``boilerplate.junk_label``: a lexicon of furniture lines (cookie, paywall, navigation,
   caption, credit, teaser, author bio, translation note, social, agency code).
2. Structure: the first headline-like line before any paragraph is the title; a short first
   paragraph right after it is the lead; short lines without final punctuation between
   paragraphs are headings; a line just before a photo credit is its caption; short leftover
   lines at the edges of the page (before the title, after the last paragraph) are junk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lagebild.clean.assemble import assemble
from lagebild.clean.boilerplate import junk_label
from lagebild.clean.glue import repair_glued_words
from lagebild.records import TEXT_LABELS, BlockLabel, Cleaned

# A title or heading is a line, not a paragraph: news headlines run to about 20 words.
MAX_TITLE_WORDS = 25
MAX_HEADING_WORDS = 14  # sub-headings are shorter than titles
MAX_HEADING_RUN = 2  # a heading with a kicker; longer runs of short lines are menus and lists
MAX_LEAD_WORDS = 70  # a lead is one to three sentences
MAX_CAPTION_WORDS = 40
_FINAL_PUNCT = re.compile(r"[.!?…:;][\"'“”«»‘’)]*$")
_SENTENCE_END = re.compile(r"[.!?…][\"'“”«»‘’)]*(?:\s|$)")


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    words: int
    junk: BlockLabel | None

    @property
    def is_prose(self) -> bool:
        """Reads like a paragraph: ends like a sentence or is longer than any headline."""
        return self.words > MAX_TITLE_WORDS or (_ends_sentence(self.text) and self.words >= 4)

    @property
    def is_headline(self) -> bool:
        return 2 <= self.words <= MAX_TITLE_WORDS and not _ends_sentence(self.text)


def _ends_sentence(text: str) -> bool:
    """True for "Er ging." and "…, sagte er.", false for 'Vance: "Ein bisschen …"'."""
    stripped = text.rstrip()
    if stripped.endswith(("?", "!")) and len(stripped.split()) <= MAX_TITLE_WORDS:
        return False  # "Wer zahlt für die Brücke?" is a headline
    return bool(_FINAL_PUNCT.search(stripped)) and not _quoted_tail(stripped)


def _quoted_tail(text: str) -> bool:
    # 'Vance: "Ein bisschen in einer Sackgasse"': a closing quote with no full stop inside.
    return bool(re.search(r"[\"“”«»][^\"“”«».!?]*[\"“”«»]$", text))


def clean_text(text: str, *, title: str | None = None) -> Cleaned:
    """Label each line of scraped text; the article lines form the clean text."""
    lines = [
        _Line(text=s, words=len(s.split()), junk=junk_label(s))
        for s in (raw.strip() for raw in text.split("\n"))
        if s
    ]
    labels = _structure(lines, title)
    parts = [
        (label, repair_glued_words(line.text) if label in TEXT_LABELS else line.text)
        for line, label in zip(lines, labels, strict=True)
    ]
    return assemble(parts, title=title)


def _structure(lines: list[_Line], title: str | None) -> list[BlockLabel]:
    labels = [line.junk or BlockLabel.BODY for line in lines]
    prose = [i for i, line in enumerate(lines) if line.junk is None and line.is_prose]
    if not prose:
        return labels
    first, last = prose[0], prose[-1]
    title_index = _find_title(lines, title, first)
    if title_index is not None:
        labels[title_index] = BlockLabel.TITLE
    for i, line in enumerate(lines):
        if line.junk is not None or i == title_index:
            continue
        if i < first or i > last:
            # Before the first paragraph (and not the title) or after the last one: page
            # furniture the lexicon does not know ("Eilmeldung", "Politik", a date line).
            if not line.is_prose:
                labels[i] = BlockLabel.BOILERPLATE
        elif not line.is_prose and line.words <= MAX_HEADING_WORDS:
            labels[i] = BlockLabel.HEADING if _is_heading(lines, i) else BlockLabel.BOILERPLATE
    _mark_captions(lines, labels)
    _mark_lead(lines, labels, title_index)
    return labels


def _is_heading(lines: list[_Line], i: int) -> bool:
    """A short line is a heading when a paragraph follows it and it does not stand in a run of
    short lines: three or more short lines in a row are a menu, a list of links or a sidebar."""
    run_start, run_end = i, i
    while run_start > 0 and _short(lines[run_start - 1]):
        run_start -= 1
    while run_end + 1 < len(lines) and _short(lines[run_end + 1]):
        run_end += 1
    if run_end - run_start + 1 > MAX_HEADING_RUN:
        return False
    following = next((line for line in lines[i + 1 :] if line.junk is None), None)
    return following is not None and following.is_prose


def _short(line: _Line) -> bool:
    return not line.is_prose and line.junk is None


def _find_title(lines: list[_Line], title: str | None, first_prose: int) -> int | None:
    if title is not None:
        wanted = " ".join(title.split())
        for i, line in enumerate(lines[: first_prose + 1]):
            if " ".join(line.text.split()) == wanted:
                return i
        return None
    for i in range(first_prose - 1, -1, -1):  # the headline nearest the first paragraph
        line = lines[i]
        if line.junk is None and line.is_headline and line.words >= 3:
            return i
    return None


def _mark_captions(lines: list[_Line], labels: list[BlockLabel]) -> None:
    """A short line right before a photo credit is the photo's caption."""
    for i in range(1, len(lines)):
        if (
            labels[i] is BlockLabel.CREDIT
            and labels[i - 1] in TEXT_LABELS
            and lines[i - 1].words <= MAX_CAPTION_WORDS
        ):
            labels[i - 1] = BlockLabel.CAPTION


def _mark_lead(lines: list[_Line], labels: list[BlockLabel], title_index: int | None) -> None:
    """The first paragraph after the title is the lead when it is short and more follows."""
    if title_index is None:
        return
    body = [i for i, label in enumerate(labels) if label is BlockLabel.BODY and i > title_index]
    if len(body) < 2:
        return
    first = body[0]
    between = labels[title_index + 1 : first]
    sentences = len(_SENTENCE_END.findall(lines[first].text))
    if (
        all(label not in TEXT_LABELS for label in between)
        and lines[first].words <= MAX_LEAD_WORDS
        and sentences <= 3
        and not _DATELINE_START.match(lines[first].text)
    ):
        labels[first] = BlockLabel.LEAD


# A paragraph opening with a dateline is the body's first paragraph, not a separate lead.
_DATELINE_START = re.compile(r"^\s*(?:date\s+\S+\s+)?[A-ZÄÖÜ][\w/ .,-]{0,40}\([\w -]+\)\s*[-–—]")
