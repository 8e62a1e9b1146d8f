"""Wire copies, near duplicates and revisions between two articles (issue #5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from conftest import COPY, REVISION, REWRITE, UNRELATED, WIRE, make_article
from lagebild.lineage.relate import digest, relate
from lagebild.records import Article, LineageRelation


def test_digest_recognises_the_agency_text(wire: Article, copy: Article) -> None:
    assert digest(wire).agency_text
    assert digest(wire).agency == ("dpa",)
    assert not digest(copy).agency_text  # the outlet's copy keeps a lone "dpa" only


def test_digest_reads_an_agency_dateline_left_in_the_text() -> None:
    article = make_article(
        "m", "LINDENAU, Germany (Meridian) - Part of a bridge fell.", language="en"
    )
    assert digest(article).agency == ("Meridian",)


def test_digest_keeps_the_date_precision() -> None:
    found = digest(make_article("a", WIRE, day=14))
    assert found.published == dt.datetime(2026, 4, 14)
    assert found.published_precision == "day"
    exact = dt.datetime(2026, 4, 14, 6, 30, tzinfo=dt.UTC)
    assert digest(make_article("a", WIRE), published=exact).published_precision == "time"


def test_wire_copy_points_from_the_agency_text(wire: Article, copy: Article) -> None:
    for a, b in ((wire, copy), (copy, wire)):  # the argument order does not matter
        edge = relate(digest(a), digest(b))
        assert edge is not None
        assert edge.relation == LineageRelation.WIRE_COPY
        assert (edge.from_article, edge.to_article) == ("wire", "copy")
        assert 0.75 < edge.shared_fraction < 0.9  # the copy added a local paragraph
        assert 0.7 < edge.kept_fraction < 0.85  # and cut the last one
        assert "both credit dpa" in edge.evidence
        assert "the agency's own text" in edge.evidence
        for p in edge.passages:  # offsets index the original, then the derived text
            assert (
                WIRE[p.from_start : p.from_end].split()[-2:]
                == COPY[p.to_start : p.to_end].split()[-2:]
            )


def test_earlier_copy_is_the_original_without_an_agency_text(copy: Article) -> None:
    later = make_article("later", WIRE, agency=("dpa",), outlet="Abendblatt", day=15)
    edge = relate(digest(later), digest(copy))
    assert edge is not None
    assert (edge.from_article, edge.to_article) == ("copy", "later")
    assert "published earlier" in edge.evidence


def test_rewrite_and_unrelated_article_are_not_copies(wire: Article) -> None:
    for text in (REWRITE, UNRELATED):
        other = make_article("other", text, agency=("dpa",), outlet="Stadtanzeiger")
        assert relate(digest(wire), digest(other)) is None


def test_copy_without_any_agency_credit_is_a_near_duplicate() -> None:
    first = make_article("first", WIRE, outlet="Stadtanzeiger", day=14)
    second = make_article("second", COPY, outlet="Landbote", day=15)
    edge = relate(digest(second), digest(first))
    assert edge is not None
    assert edge.relation == LineageRelation.NEAR_DUPLICATE
    assert (edge.from_article, edge.to_article) == ("first", "second")


def test_later_version_at_the_same_url_is_a_revision(copy: Article) -> None:
    update = replace(copy, id="copy-2", text=REVISION, revision=2)
    update = replace(
        update, meta=replace(copy.meta, published=replace(copy.meta.published, day=15))
    )
    edge = relate(digest(update), digest(copy))
    assert edge is not None
    assert edge.relation == LineageRelation.REVISION
    assert (edge.from_article, edge.to_article) == ("copy", "copy-2")
    assert "same outlet and URL" in edge.evidence


def test_same_title_in_the_same_outlet_is_a_revision(copy: Article) -> None:
    update = replace(copy, id="copy-2", url=None, text=REVISION)
    edge = relate(digest(copy), digest(update))
    assert edge is not None and edge.relation == LineageRelation.REVISION
    assert "same outlet and title" in edge.evidence


def test_an_article_is_not_related_to_itself(wire: Article) -> None:
    assert relate(digest(wire), digest(wire)) is None


def test_short_agency_name_is_matched_as_a_word_only() -> None:
    article = make_article("a", WIRE, agency=("AP",), outlet="Apotheken Umschau")
    assert not digest(article).agency_text
    own = make_article("b", WIRE, agency=("AP",), url="https://ap.example/article/1")
    assert digest(own).agency_text


def test_numbers_in_brackets_are_not_an_agency() -> None:
    article = make_article("a", "Der Mann (45) - so die Polizei - floh zu Fuß.")
    assert digest(article).agency == ()
