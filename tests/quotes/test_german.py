"""German quote extraction on hand-written sentences, one construction each (the model's
quality is measured by benchmarks/quotes_de.py, not here)."""

from __future__ import annotations

from lagebild.analysis.sentences import Sentence, split_sentences
from lagebild.quotes import quotes_in_text
from lagebild.records import Quote, TextSpan


def _only(text: str) -> Quote:
    quotes = quotes_in_text(text)
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_direct_quote_with_cue_after() -> None:
    quote = _only("„Wir werden das Gesetz ändern“, sagte Bundeskanzler Friedrich Merz am Montag.")
    assert quote.kind == "direct"
    assert quote.text == "Wir werden das Gesetz ändern"
    assert quote.speaker == "Friedrich Merz"
    assert quote.cue is not None and quote.cue.text == "sagte"


def test_reported_speech_in_konjunktiv_with_dass() -> None:
    text = "Innenministerin Nancy Faeser erklärte, dass die Grenzkontrollen verlängert würden."
    quote = _only(text)
    assert quote.kind == "indirect"
    assert quote.speaker == "Nancy Faeser"
    assert "Grenzkontrollen verlängert" in quote.text
    assert text[quote.start : quote.end] == quote.text


def test_continuation_keeps_the_speaker_and_pronoun_resolves() -> None:
    text = (
        "Gesundheitsminister Karl Lauterbach sagte, die Reform sei notwendig. "
        "Sie werde die Kliniken entlasten. "
        "Er betonte, dass die Kosten sinken würden."
    )
    quotes = quotes_in_text(text)
    assert len(quotes) == 3, quotes
    assert {quote.speaker for quote in quotes} == {"Karl Lauterbach"}
    assert quotes[2].speaker_mention is not None
    assert quotes[2].speaker_mention.text == "Er"


def test_unnamed_source_is_kept_as_a_description() -> None:
    quote = _only(
        "Die Gespräche seien konstruktiv verlaufen, teilte eine Sprecherin des Ministeriums mit."
    )
    assert quote.speaker_entity is None
    assert quote.speaker is not None and "Sprecherin des Ministeriums" in quote.speaker


def test_mixed_quote_embeds_a_verbatim_fragment() -> None:
    quote = _only("Der Minister sagte, die Lage sei „sehr ernst“ und erfordere schnelles Handeln.")
    assert quote.kind == "mixed"


def test_plain_report_has_no_quote() -> None:
    assert quotes_in_text("Der Zug fuhr um acht Uhr in Berlin ab. Er kam pünktlich an.") == ()


def test_speaker_mention_is_the_noun_phrase_without_clause_words() -> None:
    """The tagger's speaker run may take in the verb and article after it („Angaben der New
    York Times dauerte der“); the mention is the noun phrase, with a bracket it opened."""
    quote = _only("Nach Angaben der New York Times dauerte der Einsatz drei bis fünf Stunden.")
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "Angaben der New York Times"
    quote = _only(
        "Der Bär dürfe geschossen werden, sagte ein Sprecher des Umweltministeriums (StMUV)."
    )
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text.endswith("(StMUV)")


def test_nach_frame_with_a_source_noun_reports_the_rest_of_the_sentence() -> None:
    """„Nach einem Bericht der Zeitung X gelang es ihm …“: the report is what follows the
    frame, the frame's noun phrase is the speaker, „Nach“ the cue."""
    quote = _only(
        "Nach einem Bericht der Zeitung The Jakarta Post gelang es ihm trotz Bewachung, "
        "auf dem Dach des Gefängnisses eine Flagge zu hissen."
    )
    assert quote.text.startswith("gelang es ihm trotz Bewachung")
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "einem Bericht der Zeitung The Jakarta Post"
    assert quote.cue is not None and quote.cue.text == "Nach"


def test_nach_frame_inside_the_main_clause_reports_the_clause_around_it() -> None:
    quote = _only("Heute wurden nach israelischen Armeeangaben mindestens 40 Ziele angegriffen.")
    assert [part.text for part in quote.parts] == [
        "Heute wurden",
        "mindestens 40 Ziele angegriffen",
    ]
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "israelischen Armeeangaben"


def test_nach_without_a_source_noun_or_in_a_subordinate_clause_is_no_frame() -> None:
    assert quotes_in_text("Nach dem Spiel gingen alle Spieler nach Hause und feierten lange.") == ()
    assert (
        quotes_in_text(
            "Ein Bauskandal, der nach bisherigen Erkenntnissen etwa 30 Hotels betrifft, "
            "ist in Japan bekannt geworden."
        )
        == ()
    )


def test_a_description_goes_to_the_name_in_apposition_to_it() -> None:
    """„…, sagte der Oberkommandierende General …, General George Casey“: the quote is the
    named person's; a name inside the reported content is no apposition."""
    quote = _only(
        "„Die Terrororganisation bleibt eine Bedrohung“, sagte der Oberkommandierende General "
        "der US-Streitkräfte im Irak, General George Casey, am Montag in Bagdad."
    )
    assert quote.speaker == "George Casey"
    quote = _only("John Kline, ein Abgeordneter aus Minnesota, sagte, der Vorfall sei kein Unfall.")
    assert quote.speaker == "John Kline"
    quote = _only("Der Sprecher der Regierung sagte am Montag, Merkel habe die Reise abgesagt.")
    assert quote.speaker == "Sprecher der Regierung"


def test_a_report_pointed_back_at_is_the_sentence_before() -> None:
    """„… Das berichtete die Zeitung.“: the sentence before is the content, the noun phrase
    after the verb the speaker (not „in ihrer Ausgabe vom Freitag“)."""
    quote = _only(
        "Die Stadtwerke haben die Preise im Herbst erneut angehoben. "
        "Das berichtete die „Lokalzeitung“ in ihrer Ausgabe vom Freitag."
    )
    assert quote.text == "Die Stadtwerke haben die Preise im Herbst erneut angehoben"
    assert quote.cue is not None and quote.cue.text == "berichtete"
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "die „Lokalzeitung“"


def test_a_source_opening_the_sentence_with_wie() -> None:
    quote = _only("Wie das Verkehrsministerium am Dienstag mitteilte, wird die Brücke gesperrt.")
    assert quote.text == "wird die Brücke gesperrt"
    assert quote.cue is not None and quote.cue.text == "mitteilte"
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "das Verkehrsministerium"


def test_a_speech_verb_with_a_zu_infinitive_or_dass_clause() -> None:
    quote = _only("Das Landratsamt erklärte, von den Plänen des Investors nichts gewusst zu haben.")
    assert quote.text == "von den Plänen des Investors nichts gewusst zu haben"
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "Das Landratsamt"
    warned = _only(
        "Umweltverbände warnen seit Wochen davor, den Schutz der Moore weiter aufzuweichen."
    )
    assert warned.text == "den Schutz der Moore weiter aufzuweichen"
    assert warned.cue is not None and warned.cue.text == "warnen"


def test_no_report_without_somebody_saying_it() -> None:
    """Impersonal, negated and purpose clauses are no reports."""
    for text in (
        "Es wird erwartet, dass der Landtag das Gesetz im Frühjahr beschließt.",
        "Die Ministerin hat ihre Teilnahme abgesagt, um einen Konflikt zu vermeiden.",
        "Ein Sprecher wollte nicht bestätigen, dass der Vertrag bereits unterschrieben ist.",
    ):
        assert quotes_in_text(text, language="de") == (), text


def test_not_ruling_out_is_a_statement() -> None:
    """A denied speech act reports nothing („wollte nicht bestätigen, dass …“), but „schloss
    nicht aus, dass …“ states that something is possible."""
    quote = _only("Der General schloss nicht aus, dass ein Ex-Militär das Amt übernehmen könne.")
    assert quote.text == "dass ein Ex-Militär das Amt übernehmen könne"
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "Der General"
    assert quotes_in_text("Der Minister sagte nicht, ob das Gesetz noch kommt.") == ()


def test_laut_and_zufolge_frames_report_the_clause_around_them() -> None:
    quote = _only(
        "Die Brücke bleibt laut dem Landratsamt noch bis Ende Mai für den Verkehr gesperrt."
    )
    assert quote.text == "Die Brücke bleibt noch bis Ende Mai für den Verkehr gesperrt"
    assert quote.cue is not None and quote.cue.text == "laut"
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "dem Landratsamt"
    quote = _only("Im Hafen kam es Angaben der Feuerwehr zufolge zu mehreren kleineren Bränden.")
    assert quote.text == "Im Hafen kam es zu mehreren kleineren Bränden"
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "Angaben der Feuerwehr"


def test_so_and_a_noun_phrase_after_the_content_is_a_cue() -> None:
    quote = _only("Die Preise steigen im nächsten Jahr um vier Prozent, so die Bundesbank.")
    assert quote.text == "Die Preise steigen im nächsten Jahr um vier Prozent"
    assert quote.cue is not None and quote.cue.text == "so"
    assert quote.speaker == "Bundesbank"


def test_no_content_first_report_after_a_subordinate_clause_or_a_bare_name() -> None:
    for text in (
        "Er lief so schnell, so dass niemand folgen konnte.",
        "Wenn der Vertrag scheitert, droht ihm eine hohe Strafe.",
        "Die Ministerin des Landes, Anna Beispiel, kritisierte die Pläne scharf.",
    ):
        assert quotes_in_text(text, language="de") == (), text


def test_a_capital_said_to_speak_is_its_government() -> None:
    """„laut Moskau“: the speaker is the Russian government, named with the capital."""
    quote = _only("Laut Moskau wurden bei dem Angriff in der Nacht 40 Drohnen abgefangen.")
    assert quote.speaker == "Russische Regierung (Moskau)"
    assert quote.speaker_entity is None
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "Moskau"


def test_a_frame_noun_phrase_takes_its_genitive_attachment() -> None:
    quote = _only(
        "Nach Informationen dieser Zeitung richtet sich das Verfahren gegen drei Beschuldigte."
    )
    assert quote.text == "richtet sich das Verfahren gegen drei Beschuldigte"
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "Informationen dieser Zeitung"


def test_a_pronoun_speaker_without_whom_it_was_told_to() -> None:
    quote = _only(
        "Die Rentnerin wohnt seit vierzig Jahren am Fluss. „Es klang wie Donner, aber es hörte "
        "nicht auf“, sagte sie der Zeitung Harbour Times."
    )
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "sie"
    assert quote.speaker != "Harbour Times"


def test_a_wie_clause_that_a_speech_verb_takes_is_no_source() -> None:
    """„…, wie X berichtete“ names a source; „… dargelegt, wie sie sich … vorstellt“ is what
    was laid out."""
    text = (
        "Die Regierung hatte erstmals ausführlich dargelegt, wie sie sich das Ende des Streits "
        "mit den Gewerkschaften vorstellt."
    )
    assert all(q.cue is None or q.cue.text != "vorstellt" for q in quotes_in_text(text))


def test_a_source_after_heisst_es_is_the_document_or_circle_named() -> None:
    quote = _only(
        "Die Umsetzung soll noch in diesem Jahr beginnen, heißt es in einer Mitteilung der Stadt."
    )
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "einer Mitteilung der Stadt"


def test_a_clause_joined_with_und_is_no_report() -> None:
    """„Die Gäste haben gut verteidigt, und wir mussten aufpassen, um … zu laufen“: nothing
    was said there."""
    text = (
        "Die Gäste haben gut verteidigt, und wir mussten aufpassen, um nicht in Konter zu laufen."
    )
    assert quotes_in_text(text) == ()


def test_a_frame_takes_the_source_it_quotes_unter_berufung_auf() -> None:
    quote = _only(
        "Nach Angaben der Zeitung Dawn unter Berufung auf das Gesundheitsinstitut wurden drei "
        "Kinder infiziert."
    )
    assert quote.text == "wurden drei Kinder infiziert"
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text.endswith("unter Berufung auf das Gesundheitsinstitut")


def test_an_adverb_opening_the_sentence_is_no_speaker() -> None:
    """„Gleichzeitig erinnern Forscher daran, dass …“: the subject follows the verb."""
    quote = _only("Gleichzeitig erinnern Forscher daran, dass Videospiele auch schaden können.")
    assert quote.text == "dass Videospiele auch schaden können"
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "Forscher"


def test_a_weak_speech_verb_before_a_clause_is_no_cue() -> None:
    """„besteht Uneinigkeit darüber, ob …“: „bestehen“ (as in „bestehen auf“) says nothing."""
    text = "Unter Fachleuten besteht Uneinigkeit darüber, ob der Beschleuniger geeignet ist."
    assert quotes_in_text(text) == ()


def test_a_subject_between_the_speech_verb_and_its_clause() -> None:
    """„Zudem verlangen die Anwohner, dass …“: after an adverb the subject follows the verb and
    ends at the comma."""
    quote = _only(
        "Zudem verlangen die Anwohner, dass sich die Stadtverwaltung für das Vorgehen der "
        "Baufirma entschuldigt."
    )
    assert quote.text == "dass sich die Stadtverwaltung für das Vorgehen der Baufirma entschuldigt"
    assert quote.cue is not None and quote.cue.text == "verlangen"
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "die Anwohner"


def test_a_subject_with_an_apposition_before_the_speech_verb() -> None:
    """„Anna Berger, die Bürgermeisterin, kündigte an, … vorzulegen“: the apposition's commas
    do not hide the subject, and „voranzubringen“-like infinitives end the clause."""
    quote = _only(
        "Anna Berger, die neue Bürgermeisterin der Stadt, kündigte an, den Umbau des "
        "Bahnhofs voranzubringen."
    )
    assert quote.text == "den Umbau des Bahnhofs voranzubringen"
    assert quote.speaker == "Anna Berger"


def test_a_separable_ein_verb_is_a_cue() -> None:
    quote = _only(
        "Die Zahl der Beschwerden stieg stark. Der Vorstand des Vereins gestand ein, dass die "
        "Vergabe der Karten schlecht organisiert war."
    )
    assert quote.cue is not None and quote.cue.text == "gestand"
    assert quote.text.startswith("dass die Vergabe der Karten")


def test_a_report_pointed_back_at_by_a_named_organisation() -> None:
    """„… Dies gab Siemens bekannt.“ names the source with a capital; „Das erklärte Ziel …“
    (an adjective, not a verb) is no report."""
    quote = _only(
        "Das neue Werk in Görlitz soll im Herbst die Produktion aufnehmen. Dies gab Siemens am "
        "Dienstag in München bekannt."
    )
    assert quote.text == "Das neue Werk in Görlitz soll im Herbst die Produktion aufnehmen"
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "Siemens"
    assert (
        quotes_in_text(
            "Der Umsatz stieg um zehn Prozent. Das erklärte Ziel des Konzerns ist weiteres "
            "Wachstum."
        )
        == ()
    )


def test_an_object_before_the_comma_is_no_inverted_subject() -> None:
    """„Die Polizei rät den Bürgern davon ab, …“: the sentence opens with its subject; the
    words before the comma are no speaker."""
    quotes = quotes_in_text("Die Polizei rät den Bürgern davon ab, sich selbst zu bewaffnen.")
    assert all(q.speaker_mention is None or "Bürgern" not in q.speaker_mention.text for q in quotes)


def test_the_last_speaker_keeps_the_floor_for_konjunktiv_i_only_after_a_gap() -> None:
    """A quote with no speaker of its own two sentences after the last one: in Konjunktiv I
    (reported speech) it is still the last speaker's; a quotation there is nobody's named."""
    reported = quotes_in_text(
        "Der Bürgermeister erklärte, die Brücke werde im Mai saniert. Die Arbeiten dauern "
        "voraussichtlich ein Jahr. Der Verkehr werde umgeleitet."
    )
    assert [q.speaker for q in reported] == ["Bürgermeister", "Bürgermeister"]
    quoted = quotes_in_text(
        "Die Ministerin sagte, die Reform sei nötig. Im Bundestag gab es am Freitag eine lange "
        "Debatte über den Haushalt. „Das ist ein großer Tag für das Land.“"
    )
    assert [q.speaker for q in quoted] == ["Ministerin", None]


def test_a_tagged_report_takes_the_source_of_its_cue_clause() -> None:
    """„…, schreibt Techblick.“: the source after the cue is the speaker, and the content is
    what stands before the cue (not what follows the speaker: „… im Rückblick“)."""
    quote = _only(
        "In Zukunft soll dies auch bei hohen Geschwindigkeiten möglich sein, schreibt Techblick."
    )
    assert quote.text == "In Zukunft soll dies auch bei hohen Geschwindigkeiten möglich sein"
    assert quote.speaker == "Techblick"
    quote = _only(
        "Die Hütte sei vollständig zerstört worden, sagt Bergführer Anton Rainer im Rückblick."
    )
    assert quote.text == "Die Hütte sei vollständig zerstört worden"
    assert quote.speaker == "Anton Rainer"


def test_a_cue_clause_naming_nobody_gives_no_speaker() -> None:
    """„…, hieß es am Dienstag.“: said, but by nobody named; „…, worum er sie gebeten hat.“
    reports nothing."""
    quote = _only(
        "Bei dem Mann soll es sich um einen 29-jährigen Lehrer aus dem Norden handeln, hieß es "
        "am Dienstag."
    )
    assert quote.speaker is None and quote.speaker_mention is None
    assert quotes_in_text("Es war etwas, worum er sie schon lange gebeten hat.") == ()


def test_a_frame_takes_a_place_and_a_name_in_apposition() -> None:
    """„nach Worten des Staatssekretärs im Arbeitsministerium, Thorben Albrecht, …“: the frame
    runs to the end of the apposition, the report is the clause around it."""
    quote = _only(
        "Kleine Betriebe sind nach Worten des Staatssekretärs im Berliner Arbeitsministerium, "
        "Thorben Albrecht, oft innovativer als große."
    )
    assert quote.text == "Kleine Betriebe sind oft innovativer als große"
    assert quote.speaker == "Thorben Albrecht"


def test_a_report_pointed_back_at_by_a_plural_source() -> None:
    """„… Das berichten Medien.“: a capitalised source after a verb that cannot be an
    adjective before a noun."""
    quote = _only(
        "Der Ministerpräsident hat seinen Rücktritt angeboten. Das berichten Medien unter "
        "Berufung auf Regierungskreise."
    )
    assert quote.text == "Der Ministerpräsident hat seinen Rücktritt angeboten"
    assert quote.speaker_mention is not None and quote.speaker_mention.text.startswith("Medien")


def test_a_clause_or_prepositional_phrase_is_no_speaker_mention() -> None:
    """The speaker models' runs sometimes take a clause („dass die angebliche Paketbombe …“)
    or a prepositional phrase („Zur Einbringung des Antrags …“): no speaker, so the quote
    does not pass it on to the next ones either."""
    from lagebild.quotes.german import _may_speak
    from lagebild.records import TextSpan

    for text in ("dass die angebliche Paketbombe", "Zur Einbringung des Antrags der Grünen"):
        assert not _may_speak(TextSpan(text=text, start=0, end=len(text)), text)
    for text in ("der Minister", "Demnach", "Ein Sprecher des Vereins", "sie"):
        assert _may_speak(TextSpan(text=text, start=0, end=len(text)), text)


def test_the_last_speaker_does_not_keep_the_floor_across_a_paragraph() -> None:
    """A new paragraph is a weaker link than the next sentence: a Konjunktiv I quote there with
    no speaker of its own is left without one rather than given a guess."""
    quotes = quotes_in_text(
        "Der Bürgermeister erklärte, die Brücke werde im Mai saniert. Die Arbeiten dauern "
        "voraussichtlich ein Jahr.\n\nDer Verkehr werde umgeleitet."
    )
    assert [q.speaker for q in quotes] == ["Bürgermeister", None]


def test_a_tagged_report_covering_part_of_a_dass_clause_gets_all_of_it() -> None:
    from lagebild.analysis.sentences import split_sentences
    from lagebild.quotes.german import _complete_by_clause, _Draft

    text = (
        "Der Minister hat am Freitag bekanntgegeben, dass das Paket, das in einem Flugzeug "
        "gefunden worden war, eine Attrappe gewesen sei."
    )
    sentences = split_sentences(text, "de")
    tagged = text.index("eine Attrappe")
    draft = _Draft(sentence=0, parts=[(tagged, len(text) - 1)], scores=[0.9], sentences={0})
    _complete_by_clause(draft, sentences, text, ())
    assert text[slice(*draft.parts[0])].startswith("dass das Paket, das in einem Flugzeug")
    assert text[slice(*draft.parts[0])].endswith("eine Attrappe gewesen sei")


def test_konjunktiv_i_continuations_are_one_statement() -> None:
    """Consecutive Konjunktiv I sentences with no speaker of their own are one quote of the last
    speaker; the quote that names the speaker stays apart."""
    quotes = quotes_in_text(
        "Die Polizei teilte mit, die Beamten seien ständig im Einsatz. Es bestehe kein Anlass, "
        "die Präsenz zu erhöhen. Das Viertel sei insgesamt sicher."
    )
    assert [q.text for q in quotes] == [
        "die Beamten seien ständig im Einsatz",
        "Es bestehe kein Anlass, die Präsenz zu erhöhen. Das Viertel sei insgesamt sicher.",
    ]
    assert {q.speaker for q in quotes} == {"Polizei"}


def test_the_full_stop_belongs_to_a_sentence_reported_whole() -> None:
    """„X teilte mit, …“ reports a clause: the full stop is the whole sentence's; a continuation
    reports its sentences whole, full stop included (de_news_quotes_2024 train: 1,212 of 1,222
    indirect quotes end before the stop, 300 of 304 continuations include it)."""
    from lagebild.quotes.german import _without_final_period

    first, continued = quotes_in_text(
        "Die Polizei teilte mit, die Beamten seien ständig im Einsatz. Das Viertel sei sicher."
    )
    assert first.text == "die Beamten seien ständig im Einsatz"
    assert continued.text == "Das Viertel sei sicher."
    framed = _only("Die Brücke bleibt laut dem Landratsamt noch bis Ende Mai gesperrt.")
    assert framed.text.endswith("bis Ende Mai gesperrt")
    assert _without_final_period("am 3. Mai ging es um 3.", 7, 23) == (7, 23)  # a number's dot


def test_a_speech_act_noun_with_its_clause() -> None:
    """„Den Vorwurf, dass …, wies der Minister zurück“: the clause a speech-act noun takes is
    reported, up to the main clause's verb; a genitive after the noun is its source."""
    quote = _only(
        "Den Vorwurf, dass Bund und Länder bei diesem Thema zerstritten wären, wies der Minister "
        "zurück."
    )
    assert quote.text == "dass Bund und Länder bei diesem Thema zerstritten wären"
    quote = _only(
        "Die Stadt prüft derzeit die Forderung der Anwohner, die Straße nachts zu sperren."
    )
    assert quote.text == "die Straße nachts zu sperren"
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "der Anwohner"


def test_bestehen_darauf_is_a_cue() -> None:
    """„bestehen“ says nothing before „darüber, ob“, but „bestehen darauf, …“ insists."""
    quote = _only("Beide Parteien bestehen darauf, die Verhandlungen erst im Herbst fortzusetzen.")
    assert quote.text == "die Verhandlungen erst im Herbst fortzusetzen"
    assert quote.speaker == "Beide Parteien"


def test_laut_as_the_adjective_is_no_frame() -> None:
    """„Kritik wurde laut“, „war Kritik laut geworden“: loud, not „laut X“ (according to X) —
    no source after it, and what became loud is not what somebody said."""
    assert (
        quotes_in_text("Nach der Sitzung wird Kritik an der Entscheidung des Senders laut.") == ()
    )
    quotes = quotes_in_text(
        "Zuvor war vereinzelt Kritik laut geworden, die Polizei habe zu spät reagiert."
    )
    assert [q.text for q in quotes] == ["die Polizei habe zu spät reagiert."]
    assert all(q.cue is None or q.cue.text != "laut" for q in quotes)
    framed = _only("Die Lage sei laut der Polizei inzwischen ruhig.")
    assert framed.speaker == "Polizei"


def test_the_time_after_nach_is_no_speaker() -> None:
    from lagebild.quotes.german import _may_speak
    from lagebild.records import TextSpan

    def mention(text: str, words: str) -> TextSpan:
        start = text.index(words)
        return TextSpan(text=words, start=start, end=start + len(words))

    text = "Nach dem Störfall am Wochenende fordern sie, den Reaktor stillzulegen."
    assert not _may_speak(mention(text, "dem Störfall"), text)
    text = "Nach Angaben der Polizei wurden drei Menschen verletzt."
    assert _may_speak(mention(text, "Angaben der Polizei"), text)


def test_a_subject_after_the_verb_and_a_zu_infinitive_with_a_long_particle() -> None:
    quote = _only(
        "Nach dem Störfall am Wochenende fordern die Umweltschützer, den Reaktor endgültig "
        "stillzulegen."
    )
    assert quote.text == "den Reaktor endgültig stillzulegen"
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text == "die Umweltschützer"


def _sentence(text: str) -> Sentence:
    return split_sentences(text, "de")[0]


def _texts(
    text: str, found: tuple[list[tuple[int, int]], TextSpan, TextSpan | None] | None
) -> list[str | None]:
    """Content, cue and speaker of what a rule found, as text."""
    assert found is not None
    parts, cue, speaker = found
    return [text[start:end] for start, end in parts] + [cue.text, speaker.text if speaker else None]


def test_content_first_with_so_and_an_indefinite_source_or_a_trailing_weiter() -> None:
    from lagebild.quotes.german import _cue_after

    text = "Das Kühlsystem war wegen eines Stromausfalls ausgefallen, so ein Sprecher des CERN."
    assert _texts(text, _cue_after(_sentence(text), text, ())) == [
        "Das Kühlsystem war wegen eines Stromausfalls ausgefallen",
        "so",
        "ein Sprecher des CERN",
    ]
    text = "Die Steuern müssen in diesem Jahr sinken, so Obama weiter."
    assert _texts(text, _cue_after(_sentence(text), text, ()))[1:] == ["so", "Obama"]
    text = "Er rannte den ganzen Weg, so schnell er konnte."
    assert _cue_after(_sentence(text), text, ()) is None


def test_content_first_with_a_two_word_cue_after_wie_but_not_a_comparison() -> None:
    from lagebild.quotes.german import _cue_after

    text = "Die Vergabe wird die letzte nach dem alten Verfahren sein, wie der Verband am Montag bekannt gab."
    found = _texts(text, _cue_after(_sentence(text), text, ()))
    assert found[0] == "Die Vergabe wird die letzte nach dem alten Verfahren sein"
    assert found[1:] == ["bekannt", "der Verband"]
    text = "Es folgte ein Schlusswort, das so beeindruckend klang, wie man es nicht erwartet hatte."
    assert _cue_after(_sentence(text), text, ()) is None


def test_a_report_opened_by_demnach_has_the_adverb_as_mention_and_no_name() -> None:
    from lagebild.quotes.german import _according_to_that

    text = "Demnach ist der Angeklagte in allen Anklagepunkten nicht schuldig."
    assert _texts(text, _according_to_that(_sentence(text), text)) == [
        "ist der Angeklagte in allen Anklagepunkten nicht schuldig",
        "Demnach",
        "Demnach",
    ]
    text = "Danach ging er nach Hause und schlief sofort ein."
    assert _according_to_that(_sentence(text), text) is None
    quotes = quotes_in_text(
        "Das Gericht hat am Montag sein Urteil verkündet. Demnach ist der Angeklagte in allen "
        "Anklagepunkten nicht schuldig."
    )
    assert len(quotes) == 1, quotes
    assert quotes[0].speaker is None  # who „Demnach“ points at is not guessed
    assert quotes[0].speaker_mention is not None and quotes[0].speaker_mention.text == "Demnach"


def test_a_speech_verb_with_an_object_before_its_clause() -> None:
    from lagebild.quotes.german import _clause_after_cue

    text = "Er appellierte an die Lehrkräfte, jedoch nicht auf diesem Anspruch zu bestehen."
    assert _texts(text, _clause_after_cue(_sentence(text), text)) == [
        "jedoch nicht auf diesem Anspruch zu bestehen",
        "appellierte",
        "Er",
    ]
    text = "Dagegen beteuerte die Polizei, ständig rund um den Hauptbahnhof auf Streife zu sein."
    assert _texts(text, _clause_after_cue(_sentence(text), text))[1:] == [
        "beteuerte",
        "die Polizei",
    ]
    text = "Er traf die Lehrkräfte, um mit ihnen über den Unterricht zu sprechen."
    assert _clause_after_cue(_sentence(text), text) is None


def test_a_nach_frame_with_a_draft_or_result_as_its_source() -> None:
    quote = _only(
        "Nach dem Gesetzesentwurf der Koalition sollen auch die Jugendämter Zugriff auf die "
        "Datenbank erhalten."
    )
    assert quote.cue is not None and quote.cue.text == "Nach"
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text.endswith("Gesetzesentwurf der Koalition")
    text = "Nach der Unabhängigkeitserklärung sollen sie beim Aufbau staatlicher Strukturen helfen."
    assert all(q.cue is None or q.cue.text != "Nach" for q in quotes_in_text(text))


def test_a_tagged_report_without_speaker_takes_the_subject_or_frame_a_rule_finds() -> None:
    """The speaker model found nobody for the tagger's quote: the subject before the speech
    verb of its clause, or the noun phrase of its frame, speaks."""
    from lagebild.quotes.german import _by_rule, _Draft

    for text, content, speaker in (
        (
            "Merkel hob dabei auch hervor, dass dies Arbeitsplätze sichern könnte.",
            "dass dies Arbeitsplätze sichern könnte",
            "Merkel",
        ),
        (
            "Der Auswertung der Studien zufolge werde in Krankenhäusern oft unhygienisch gearbeitet.",
            "werde in Krankenhäusern oft unhygienisch gearbeitet",
            "Der Auswertung der Studien",
        ),
    ):
        start = text.index(content)
        draft = _Draft(
            sentence=0, parts=[(start, start + len(content))], scores=[0.9], sentences={0}
        )
        _by_rule(draft, split_sentences(text, "de"), text, ())
        assert draft.speaker is not None and draft.speaker.text == speaker


def test_whom_a_source_quotes_is_the_speaker() -> None:
    """„„…“, zitierte die Agentur den Minister“: the minister speaks, not the agency (the
    dataset's annotators mark the agency as the outer source; a reader asks who said it)."""
    quote = _only(
        "Der russische Außenminister Sergej Lawrow reiste nach Minsk. „Wir werden keine Truppen "
        "schicken“, zitierte die Agentur Interfax den Minister."
    )
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "den Minister"
    assert quote.speaker == "Sergej Lawrow"
    assert quote.cue is not None and quote.cue.text == "zitierte"
    quote = _only(
        "Der Spiegel zitiert den Prediger mit den Worten: „Wir hatten einst die Welt beherrscht.“"
    )
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "den Prediger"
    quote = _only("„Das wird das größte Update aller Zeiten“, sagte die Agentur am Montag.")
    assert quote.speaker_mention is not None and quote.speaker_mention.text == "die Agentur"


def test_a_definite_description_points_back_at_the_person_described_before() -> None:
    quotes = quotes_in_text(
        "Der russische Außenminister Sergej Lawrow reiste nach Minsk. Der Minister sagte, man "
        "werde keine Truppen schicken. Ein Sprecher sagte, das sei falsch."
    )
    assert [q.speaker for q in quotes] == ["Sergej Lawrow", "Sprecher"]


def test_punctuation_or_an_adverb_is_no_speaker_mention() -> None:
    from lagebild.quotes.german import _may_speak
    from lagebild.records import TextSpan

    text = "Insbesondere kritisiert wird, dass die Demonstration gefilmt worden sei."
    assert not _may_speak(TextSpan(text="Insbesondere", start=0, end=12), text)
    assert not _may_speak(TextSpan(text=".", start=len(text) - 1, end=len(text)), text)
    text = "Die Polizei sagte, die Demonstration sei gefilmt worden."
    assert _may_speak(TextSpan(text="Die Polizei", start=0, end=11), text)


def test_direct_quotes_in_guillemets_and_straight_marks() -> None:
    for opening, closing in (("»", "«"), ("«", "»"), ('"', '"'), ("„", "“")):
        quote = _only(
            f"Die Ministerin sagte: {opening}Das ist inakzeptabel{closing}. Dann ging sie."
        )
        assert (quote.text, quote.kind) == ("Das ist inakzeptabel", "direct"), opening
        assert quote.speaker_mention is not None
        assert quote.speaker_mention.text == "Die Ministerin"


def test_a_verbatim_fragment_ending_a_report_is_part_of_it() -> None:
    """A report in Konjunktiv I that ends in a quoted fragment is one mixed statement, with
    the fragment's marks balanced."""
    text = (
        '"Wir stecken in einer Sackgasse", sagte Vance an Bord. Wenn Russland nicht dazu bereit '
        'sei, sich zu bewegen, müsse die US-Regierung irgendwann sagen: "Das ist nicht unser '
        'Krieg".'
    )
    quotes = quotes_in_text(text)
    assert [q.kind for q in quotes] == ["direct", "mixed"], quotes
    assert quotes[1].text.startswith("Wenn Russland nicht dazu bereit sei")
    assert quotes[1].text.endswith('sagen: "Das ist nicht unser Krieg"')


def test_a_headline_names_its_speaker_before_a_colon() -> None:
    quotes = quotes_in_text(
        'US-Vizepräsident JD Vance fordert mehr Einsatz.\nVance: "Europa muss mehr tun"\n'
        "Der Vizepräsident sprach in München."
    )
    headline = [q for q in quotes if q.text == "Europa muss mehr tun"]
    assert len(headline) == 1, quotes
    assert headline[0].kind == "direct"
    assert headline[0].speaker == "JD Vance"
    # a word before the colon that names nobody is no speaker
    quotes = quotes_in_text("Achtung: „Wir brauchen mehr Luftabwehr“")
    assert all(q.speaker_mention is None or q.speaker_mention.text != "Achtung" for q in quotes)


def test_a_frame_takes_in_the_whole_name_of_its_source() -> None:
    quote = _only(
        "Nach Angaben des Instituts für Weltwirtschaft wird die Wirtschaft im nächsten Jahr wachsen."
    )
    assert quote.text == "wird die Wirtschaft im nächsten Jahr wachsen"
    assert quote.speaker_mention is not None
    assert quote.speaker_mention.text.endswith("Instituts für Weltwirtschaft")


def test_a_quote_ends_with_the_line_its_quotation_closes() -> None:
    """A line without a full stop („Update: „…““) and the next line are one sentence to the
    splitter; the quote ends where the quotation and its line do."""
    quotes = quotes_in_text("Update: „Wir brauchen mehr Luftabwehr“\nDer Präsident sprach in Kiew.")
    assert [(q.text, q.kind) for q in quotes] == [("Wir brauchen mehr Luftabwehr", "direct")]


def test_the_passive_quoted_is_the_speaker() -> None:
    from lagebild.quotes.german import _cue_after

    text = "„Die Schuld liegt allein bei uns“, wird der Franzose im Fachblatt „Gazzetta“ zitiert."
    found = _texts(text, _cue_after(_sentence(text), text, ()))
    assert found[1:] == ["zitiert", "der Franzose"]


def test_separated_particles_of_common_speech_verbs() -> None:
    """„wies darauf hin“, „machte klar“, „stellte klar“, „führte aus“ introduce a clause."""
    from lagebild.quotes.german import _clause_after_cue

    for text, cue in (
        ("Der Minister wies darauf hin, dass die Mittel begrenzt seien.", "wies"),
        ("Vance machte noch einmal klar, dass die USA am Ende ihrer Geduld seien.", "machte"),
        ("Er führte aus, dass die Reform nötig sei.", "führte"),
    ):
        found = _texts(text, _clause_after_cue(_sentence(text), text))
        assert found[0].startswith("dass ") and found[1] == cue, found
