"""Word lists the tokenizer and the sentence splitter share.

Kept as Python constants rather than data files so that they ship with the package without
package-data entries and are checked by mypy. Every list is deliberately conservative: an entry
that is also an ordinary word ("Art", "So") either stays out or needs a number after it.
"""

from __future__ import annotations

import re


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Single-word German abbreviations as they appear in news text, period included.
GERMAN_ABBREVIATIONS = _words(
    """
    Abb. Abg. Abk. Abs. Abt. Adr. Anm. Apr. Art. Aufl. Aug. Bd. Bde. Bhf. Bez. Bsp. Bzw.
    bspw. bzgl. bzw. ca. Chr. dgl. Dez. Di. Dipl. Do. Dr. dt. ebd. ehem. eigtl. einschl.
    engl. entspr. erg. europ. evtl. exkl. Fa. Feb. Febr. ff. Fr. franz. frz. geb. gegr.
    gem. Gen. gest. ggf. gg. Hbf. Hr. Hrn. Hrsg. Hl. hl. inkl. insb. Ing. internat. ital.
    Jan. Jg. Jh. Jhd. Jhdt. Jr. Jul. Jun. jur. Kap. kath. Kfm. Kl. Kr. Lkr. lt. Mag. max.
    med. Mi. Mill. min. mind. Mio. Mo. Mrd. Mrz. Nachf. nat. Nov. Nr. Nrn. näml. Okt.
    österr. ev. evang. phil. Pkt. Präs. Prof. rd. Reg. rer. russ. Sa. Sek. Sept. Sep. sog.
    sogen. span. St. stellv. Std. Str. Tab. Tel. Tsd. tägl. usw. Verf. vgl. Vgl. Vors.
    Ziff. zzgl. zit. amerik. amerikan. etc. Co. Inc. Ltd. Corp.
    """
)

# Single-word English abbreviations (Reuters/AP style), period included.
ENGLISH_ABBREVIATIONS = _words(
    """
    Mr. Mrs. Ms. Dr. Prof. St. Jr. Sr. Inc. Ltd. Co. Corp. Bros. vs. etc. approx. Ave. Blvd.
    Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sep. Sept. Oct. Nov. Dec. Mon. Tue. Tues. Wed. Thu.
    Thur. Thurs. Fri. Sat. Sun. No. Nos. Gen. Gov. Sen. Rep. Rev. Lt. Col. Sgt. Capt. Cmdr.
    Adm. Maj. Mt. Ft. Dept. Univ. Assn. Est. Fig. est. cf. al. pp. ca.
    """
)

# Abbreviations written as several letter-period pieces separated by a space ("z. B.").
# The tokenizer emits one token per piece; this list only tells it the pieces belong together.
GERMAN_MULTIPART = (
    "z. B.",
    "u. a.",
    "d. h.",
    "v. a.",
    "u. U.",
    "z. T.",
    "i. d. R.",
    "o. ä.",
    "u. Ä.",
    "u. ä.",
    "s. o.",
    "s. u.",
    "a. D.",
    "i. R.",
    "v. Chr.",
    "n. Chr.",
    "u. v. m.",
    "z. Zt.",
    "e. V.",
    "i. A.",
    "i. V.",
    "m. E.",
    "o. g.",
    "u. E.",
    "z. Hd.",
    "v. l. n. r.",
)

# Abbreviations that are also ordinary words; they count as abbreviations only before a number
# ("Art. 5 Abs. 1", "No. 10"), otherwise "auf diese Art. Er ging." would not split.
NEEDS_NUMBER_AFTER = frozenset({"Art.", "No.", "Nos.", "Fig.", "Abs.", "Est.", "est.", "Sun."})

# Abbreviations whose period can also close a sentence ("… Öl, Gas usw. Die Preise …"): the
# splitter ends a sentence after them when a typical sentence opener follows. Titles and the
# like ("Dr.", "Nr.", "z. B.") are never sentence-final and are left out on purpose.
MAY_END_SENTENCE = frozenset(
    {
        "etc.",
        "usw.",
        "Co.",
        "Inc.",
        "Ltd.",
        "Corp.",
        "Jr.",
        "Chr.",  # "v. Chr." / "n. Chr."
        "a.",  # "u. a."
        "ä.",  # "o. ä."
        "Ä.",  # "u. Ä."
        "D.",  # "a. D."
        "R.",  # "i. d. R.", "i. R."
        "m.",  # "u. v. m."
        "V.",  # "e. V."
        "al.",  # "et al."
    }
)

# Month names (full and abbreviated): "am 3. Oktober" keeps the ordinal.
MONTHS = _words(
    """
    Januar Jänner Februar Feber März April Mai Juni Juli August September Oktober November
    Dezember Jan Feb Febr Mär Mrz Apr Jun Jul Aug Sep Sept Okt Nov Dez
    """
)

# Capitalised nouns that typically follow a German ordinal ("im 19. Jahrhundert",
# "der 2. Weltkrieg", "Der 1. FC Köln"); with these after "N." the period is not a sentence end.
ORDINAL_NOUNS = _words(
    """
    Jahrhundert Jahrhunderts Jahrhunderten Lebensjahr Lebensjahres Jahrtausend Jahrtausends
    Weltkrieg Weltkriegs
    Weltkrieges Bundesliga Liga Runde Spieltag Spieltags Platz Platzes Rang Mal Geburtstag
    Geburtstags Jahrestag Jahrestages Todestag Todestags Klasse Etage Stock Stockwerk Kapitel
    Artikel Absatz Sitzung Legislaturperiode Parteitag Parteitags Advent Adventssonntag
    Sonntag Tag Tages Woche Monat Quartal Quartals Halbjahr Halbjahres Halbzeit Stelle
    Amendment Satz Staffel Folge Auflage Etappe Lauf Durchgang Wahlgang Lesung Instanz
    Senat Kammer Armee Division Brigade Symphonie Sinfonie Kongress Parlament Bundestag
    Reich Republik Internationale FC FSV SC SV VfB VfL TSV BVB Vatikanische
    """
)

# Lowercase words that precede an ordinal: "am 3.", "Der 1.", "im 19.", "seit dem 2.".
ORDINAL_CUES = _words(
    """
    der die das dem den des am im vom zum zur beim ins seit ab bis jeder jede jedes
    ihr ihre ihrem ihren sein seine seinem seinen zwischen und oder sowie
    ein eine einen einem eines
    """
)

# Capitalised function words that open sentences. After an ambiguous period (an ordinal-
# looking number, an initial, "usw.") one of these means a new sentence has begun.
SENTENCE_OPENERS = _words(
    """
    Der Die Das Den Dem Des Ein Eine Einen Einem Einer Eines Er Sie Es Wir Ich Ihr Man
    Dies Diese Dieser Dieses Diesen Damit Dabei Danach Dann Daher Darauf Davor Dazu Deshalb
    Deswegen Doch Denn Aber Auch Als Am Im In Ins Auf Aus Bei Beim Mit Nach Seit Von Vom Vor
    Zu Zum Zur Für Wie Was Wer Wo Wann Warum Wenn Weil Dass Ob Obwohl Trotzdem So Nun Jetzt
    Heute Gestern Morgen Bereits Zudem Außerdem Allerdings Laut Nicht Kein Keine Keiner Nur
    Alle Viele Unter Über Gegen Bis Hier Dort Sein Seine Seiner Ihre Ihrer Unser Unsere Mehr
    Noch Schon Zuvor Zuletzt Inzwischen Mittlerweile Später Erst Zunächst Insgesamt Wegen
    Während Bislang Bisher Demnach Dagegen Jedoch Immerhin Vielmehr Hinzu Ebenfalls Zwar
    Eigentlich Offenbar Vermutlich Wohl Ja Nein Sowohl Weder Entweder Jeder Jede Jedes
    The A An He She It We They I You This That These Those There Here In On At But And
    However Meanwhile After Before When While Although If As For His Her Their Our Its
    """
)


# Weekday abbreviations that are also names or words ("Fei Di.", "Sa."): they count as
# abbreviations only in a date, before a number or a comma ("Mo., 3. Mai", "Di. 4.5.").
NEEDS_DATE_AFTER = frozenset({"Mo.", "Di.", "Mi.", "Do.", "Sa."})

# Verbs of saying (finite forms and participles) and nouns that announce a quotation as their
# object or subject: after „sagte er:“ or „mit den Worten:“ the quotation is part of the
# sentence; without one, the clause before the colon is complete and the quotation is a
# sentence of its own („… kritisierte die Entscheidung scharf: „Die BaFin muss …“).
SPEECH_WORDS = _words(
    """
    sagt sagte sagten sagen gesagt erklärt erklärte erklärten erklären meint meinte meinten
    betont betonte betonten mitgeteilt hinzugefügt ergänzt ergänzte ergänzten fragt fragte
    fragten gefragt antwortet antwortete antworteten entgegnet entgegnete erwidert erwiderte
    ruft rief riefen schreibt schrieb schrieben geschrieben zitiert zitierte zitierten äußert
    äußerte äußerten geäußert verkündet verkündete heißt hieß lautet lautete steht stand
    spricht sprach bekräftigt bekräftigte versichert versicherte unterstreicht unterstrich
    bemerkt bemerkte kommentiert kommentierte Worte Worten Wortlaut wörtlich says said asked
    told added wrote
    """
)

# Separable particles of verbs of saying; they announce a quotation when they end the clause
# right before the colon: „teilte daraufhin mit:“, „fügte hinzu:“, „gab bekannt:“, „stellte
# fest:“, „warf den Behörden vor:“, „kündigte an:“, „räumte ein:“, „gab zu:“, „führte aus:“.
SPEECH_PARTICLES = frozenset({"mit", "hinzu", "bekannt", "fest", "vor", "an", "ein", "zu", "aus"})

# Lowercase words that are not finite verbs: articles, pronouns, prepositions, conjunctions
# and particles. A capitalised word after a colon starts a sentence ("… als Favorit: McCain
# konnte …") when the first lowercase word after it is none of these (verb second), and a list
# ("… erwartet: Kohlendioxid, Methan …") when a comma or one of these comes first.
NOT_FINITE_VERBS = _words(
    """
    der die das des dem den ein eine einer eines einem einen kein keine keiner keines keinem
    keinen sein seine seiner seines seinem seinen ihr ihre ihrer ihres ihrem ihren unser
    unsere dieser diese dieses diesem diesen jener jene jenes jedem jeden jeder jede jedes
    und oder sowie bzw. sondern aber als wie noch auch nur sogar so zu von vom zum zur mit
    nach bei beim aus in im an am auf für über unter vor gegen ohne um durch bis seit wegen
    während zwischen neben hinter innerhalb außerhalb laut gemäß samt nahe via pro per je
    rund etwa fast knapp nicht bereits schon erst ebenfalls jedoch allerdings
    """
)


def abbreviations_for(language: str | None) -> frozenset[str]:
    """The single-word abbreviations used for *language* ("de", "en", or None for both)."""
    if language == "de":
        return GERMAN_ABBREVIATIONS
    if language == "en":
        return ENGLISH_ABBREVIATIONS
    return GERMAN_ABBREVIATIONS | ENGLISH_ABBREVIATIONS


def multipart_pattern() -> str:
    """A regex alternative matching every multi-piece abbreviation, longest first."""
    ordered = sorted(GERMAN_MULTIPART, key=len, reverse=True)
    parts = (r"\s?".join(re.escape(piece) for piece in abbr.split()) for abbr in ordered)
    return "|".join(parts)
