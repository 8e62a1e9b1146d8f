"""clean_html: kept text with headings and lead, removed text labelled, page metadata."""

from __future__ import annotations

import pytest

from lagebild.clean.html import clean_html
from lagebild.records import TEXT_LABELS, BlockLabel, Cleaned

_BODY = (
    "Der Bundestag hat am Donnerstag nach langer Debatte ein neues Gesetz beschlossen, "
    "das die Förderung erneuerbarer Energien im ganzen Land neu regelt."
)
_BODY2 = (
    "Die Opposition kritisierte den Entwurf scharf und kündigte an, vor das "
    "Bundesverfassungsgericht zu ziehen, falls die Regierung nicht nachbessert."
)
PAGE = f"""<!DOCTYPE html>
<html lang="de"><head>
<title>Neues Energiegesetz | Beispielzeitung</title>
<meta name="description" content="Der Bundestag regelt die Förderung neu.">
<meta property="article:published_time" content="2025-05-03T10:15:00+02:00">
<meta property="og:site_name" content="Beispielzeitung">
<script>var tracking = "nicht anzeigen";</script>
</head><body>
<div class="cookie-banner">Wir verwenden Cookies. Bitte stimmen Sie der Nutzung zu.</div>
<nav class="main-nav"><ul><li><a href="/">Startseite</a></li><li><a href="/p">Politik</a></li>
</ul></nav>
<article>
<h1>Neues Energiegesetz beschlossen</h1>
<p class="article__intro">Berlin stellt die Förderung von Wind und Sonne auf neue Füße und
will damit den Ausbau deutlich beschleunigen.</p>
<p>{_BODY}</p>
<figure><img src="a.jpg"><figcaption>Abgeordnete bei der Abstimmung im Plenum.</figcaption>
<span class="image-credit">Foto: Max Muster/dpa</span></figure>
<h2>Kritik der Opposition</h2>
<p>{_BODY2}</p>
<div class="related-articles"><p>Lesen Sie auch: Was das Gesetz für Mieter bedeutet</p></div>
</article>
<footer><p>Impressum · Datenschutz · Kontakt</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def cleaned() -> Cleaned:
    return clean_html(PAGE, url="https://example.org/energie")


def _labels(cleaned: Cleaned) -> dict[str, BlockLabel]:
    return {b.text: b.label for b in cleaned.blocks}


def test_title_kept_apart_from_text(cleaned: Cleaned) -> None:
    assert cleaned.title == "Neues Energiegesetz beschlossen"
    assert "Neues Energiegesetz beschlossen" not in cleaned.text


def test_headings_and_body_kept(cleaned: Cleaned) -> None:
    labels = _labels(cleaned)
    assert labels["Kritik der Opposition"] is BlockLabel.HEADING
    assert labels[_BODY] is BlockLabel.BODY
    assert labels[_BODY2] is BlockLabel.BODY


def test_lead_detected(cleaned: Cleaned) -> None:
    first = next(b for b in cleaned.blocks if b.label in TEXT_LABELS)
    assert first.label is BlockLabel.LEAD
    assert first.text.startswith("Berlin stellt die Förderung")


def test_removed_text_labelled(cleaned: Cleaned) -> None:
    labels = _labels(cleaned)
    assert labels["Wir verwenden Cookies. Bitte stimmen Sie der Nutzung zu."] is BlockLabel.COOKIE
    assert labels["Startseite"] is BlockLabel.NAVIGATION
    assert labels["Abgeordnete bei der Abstimmung im Plenum."] is BlockLabel.CAPTION
    assert labels["Foto: Max Muster/dpa"] is BlockLabel.CREDIT
    assert labels["Lesen Sie auch: Was das Gesetz für Mieter bedeutet"] is BlockLabel.TEASER
    for text in ("Foto: Max Muster", "Cookies", "Lesen Sie auch", "Startseite"):
        assert text not in cleaned.text


def test_scripts_never_reported(cleaned: Cleaned) -> None:
    assert not any("nicht anzeigen" in b.text for b in cleaned.blocks)


def test_removed_blocks_keep_document_order(cleaned: Cleaned) -> None:
    texts = [b.text for b in cleaned.blocks]
    assert texts.index("Startseite") < texts.index(_BODY)
    assert texts.index(_BODY) < texts.index("Foto: Max Muster/dpa") < texts.index(_BODY2)


def test_offsets_consistent(cleaned: Cleaned) -> None:
    for block in cleaned.blocks:
        if block.label in TEXT_LABELS:
            assert cleaned.text[block.start : block.end] == block.text
        else:
            assert block.start == block.end
            assert 0 <= block.start <= len(cleaned.text) + 2


def test_source_meta(cleaned: Cleaned) -> None:
    meta = cleaned.source_meta
    assert meta["date"] == "2025-05-03T10:15:00+02:00"
    assert meta["date.source"] == "html:meta[property=article:published_time]"
    assert meta["language"] == "de"
    assert meta["language.source"] == "html:lang"
    assert meta["sitename"] == "Beispielzeitung"


def test_json_ld_date_preferred() -> None:
    page = PAGE.replace(
        "<title>",
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "2025-05-02", "author": {"name": "Erika Muster"}}</script><title>',
    )
    meta = clean_html(page).source_meta
    assert (meta["date"], meta["date.source"]) == ("2025-05-02", "html:json-ld")
    assert meta["author"] == "Erika Muster"


def test_time_element_date() -> None:
    page = PAGE.replace('<meta property="article:published_time"', '<meta name="x"').replace(
        "<article>", '<article><time datetime="2025-04-30">30. April</time>'
    )
    meta = clean_html(page).source_meta
    assert (meta["date"], meta["date.source"]) == ("2025-04-30", "html:time[datetime]")


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html><body></body></html>", "<<<>>>\x00\x01 garbage", "<?xml ?><a><b>", "&#0;"],
)
def test_empty_or_garbage_gives_empty_text(html: str) -> None:
    result = clean_html(html)
    assert result.text == ""
    assert not any(b.label in TEXT_LABELS for b in result.blocks)


def test_page_without_article_text() -> None:
    result = clean_html("<html><body><nav><a href='/'>Start</a></nav></body></html>")
    assert result.text == ""


def test_xml_declaration_accepted() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + PAGE.replace("<!DOCTYPE html>", "")
    assert _BODY in clean_html(page).text


def test_a_lead_paragraph_trafilatura_drops_is_taken_back_as_lead() -> None:
    # News sites put the dateline and the key facts in <p class="lead"> before the body;
    # trafilatura tends to discard it. Regression guard for issue #2 (demo corpus pages).
    page = (
        "<html><body><nav><a href='/'>Startseite</a></nav><article><h1>Brücke gesperrt</h1>"
        "<p class='lead'><strong>KASSEL (dpa) - Die Fuldabrücke bleibt nach einem Unfall "
        "mindestens drei Wochen gesperrt, teilte die Stadt am Montag mit.</strong></p>"
        "<div class='article-body'>"
        + "".join(
            f"<p>Absatz {i}: Die Umleitung führt über die Innenstadt und verlängert die Fahrzeit "
            "für Pendler nach Angaben des Verkehrsverbunds um etwa zwanzig Minuten.</p>"
            for i in range(4)
        )
        + "</div></article><aside class='related'><p class='teaser-text'>Mehr aus der Region: "
        "Wie die Stadt ihre anderen Brücken prüfen lassen will und was das kostet.</p></aside>"
        "</body></html>"
    )
    cleaned = clean_html(page)
    lead = [b for b in cleaned.blocks if b.label is BlockLabel.LEAD]
    assert [b.text[:20] for b in lead] == ["KASSEL (dpa) - Die F"]
    assert cleaned.text.startswith("KASSEL (dpa)")
    assert "Mehr aus der Region" not in cleaned.text
