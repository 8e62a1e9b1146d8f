"""Name variants: when two spellings name the same person or place (issue #3, part 5).

German, English, Ukrainian and Russian texts spell the same name differently: "Selenskyj",
"Zelensky", "Zelenskyy", "Зеленський"; "Uschakow", "Ushakov"; "Kiew", "Kyiv", "Київ". Pure
functions here reduce a name to a *variant key*, a coarse phonetic skeleton on which such
spellings meet while different names stay apart:

* Cyrillic is transliterated first (Ukrainian when the name has і, ї, є or ґ, else Russian);
* diacritics fold away ("Erdoğan", "Müller"), digraphs of the same sound meet ("sch"/"sh"/"zh",
  "ch"/"kh"/"tsch", "z"/"s"/"ts", "w"/"v", "ck"/"c"/"q"/"k"), double letters collapse;
* a run of vowels (with the glides j and y) becomes its last full vowel (a, o or u), or ``i``
  when it has none ("ja"/"ya"/"ia" -> a, "ij"/"yj"/"y"/"e" -> i, "ou" -> u), so
  "-skyj"/"-skij"/"-sky" meet and "Guinea" (g-u-n-a) stays apart from "Guyana" (g-a-n-a);
* a final vowel + v becomes ``ov``: Russian -ow/-ov/-ew/-ev and Ukrainian -iw/-iv meet
  ("Charkow"/"Kharkiv", "Gorbatschow"/"Gorbachev", "Kiew"/"Kyiv").

Translations are not variants ("Moskau"/"Moscow", "Österreich"/"Austria"): those come from the
gazetteer's aliases. German genitives ("Putins", "Merz'") are handled by :func:`base_forms`.
Persons are compared by :func:`same_person_name` on the parts :func:`split_person_name` finds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Ukrainian letters that Russian lacks: a word with one of them is read as Ukrainian
# (и is "y" and г is "h" there, "i" and "g" in Russian).
UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")

# Cyrillic to Latin, the common letters; Ukrainian differs in и, г, і, ї, є, ґ (see above).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "zh",
    "з": "z", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju",
    "я": "ja", "і": "i", "ї": "ji", "є": "je", "ґ": "g", "'": "", "ʼ": "", "’": "",
}  # fmt: skip
_UKRAINIAN = {"и": "y", "г": "h"}

# Letters NFKD does not decompose into a base letter plus marks.
_LATIN_EXTRA = {"ß": "ss", "ł": "l", "ø": "o", "đ": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}

# Spellings of the same sound across German, English and transliterations, longest first so
# "schtsch" is not read as "sch" + "tsch". "S" stands for the sh sound, "X" for ch/kh.
_DIGRAPHS = (
    ("schtsch", "S"),
    ("shch", "S"),
    ("tsch", "X"),
    ("sch", "S"),
    ("tch", "X"),
    ("zh", "S"),
    ("sh", "S"),
    ("kh", "X"),
    ("ch", "X"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("ts", "s"),
    ("tz", "s"),
)
_DIGRAPH = re.compile("|".join(source for source, _ in _DIGRAPHS))
_DIGRAPH_TARGET = dict(_DIGRAPHS)
_SINGLE = str.maketrans({"z": "s", "w": "v", "q": "k", "x": "ks", "c": "k"})
_SOFT_C = re.compile(r"c(?=[eiy])")
_VOWEL_RUN = re.compile(r"[aeiouyj]+")
_FINAL_V = re.compile(r"[aiou]v$")
_DOUBLE = re.compile(r"(.)\1+")
_WORD = re.compile(r"[^\W_]+")

# Words that come before a surname and are not given names (lower case).
PARTICLES = frozenset({
    "von", "van", "vom", "zu", "zur", "der", "den", "de", "du", "da", "di", "del", "della",
    "des", "la", "le", "ter", "ten", "al", "el", "ibn", "bin", "ben",
})  # fmt: skip
# Particles that belong to the surname's identity: "bin Salman" is not King Salman.
PATRONYMIC_PARTICLES = frozenset({"bin", "ibn", "ben"})
# Generational suffixes: "Donald Trump Jr." is not "Donald Trump".
SUFFIXES = frozenset({"jr", "sr", "junior", "senior", "ii", "iii", "iv"})
# Forms of address and academic titles that are not part of a name.
TITLES = frozenset({"dr", "prof", "herr", "frau", "mr", "mrs", "ms", "sir", "dame", "lord"})
# Frequent Chinese and Korean surnames: a name starting with one of them, followed by romanised
# syllables, is written family name first ("Xi Jinping", "Kim Jong Un").
EAST_ASIAN_SURNAMES = frozenset({
    "xi", "li", "wang", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "hu",
    "mao", "deng", "jiang", "wen", "ma", "kim", "park", "lee", "moon", "yoon", "choi", "han",
})  # fmt: skip
# One or two romanised Chinese/Korean syllables ("Jinping", "Jong", "Un", "Yeol").
_CJK_SYLLABLES = re.compile(
    r"^(?:(?:[bcdfghjklmnpqrstwxyz]{0,2}h?)(?:[aeiouy]{1,3})(?:ng|n|m|k|l|p|t|r)?){1,2}$"
)
# Short forms the English-language press uses for the full given name, and the Ukrainian and
# Russian forms of the same given name ("Wolodymyr" and "Wladimir" Selenskyj both occur).
_GIVEN_NAME_GROUPS = (
    ("joseph", "joe"),
    ("william", "bill"),
    ("robert", "bob", "bobby"),
    ("michael", "mike"),
    ("james", "jim", "jimmy"),
    ("anthony", "tony"),
    ("alexander", "alex", "alexandr", "oleksandr", "aleksandr", "sascha"),
    ("richard", "dick"),
    ("thomas", "tom"),
    ("benjamin", "ben", "bibi"),
    ("wladimir", "wolodymyr", "vladimir", "volodymyr"),
    ("alexej", "oleksij", "aleksei", "alexei", "oleksiy"),
    ("andrej", "andrij", "andriy", "andrei"),
    ("michail", "mychajlo", "mykhailo", "mikhail"),
    ("dmitri", "dmytro", "dmitry"),
    ("sergej", "serhij", "serhiy", "sergei", "sergey"),
    ("jewgeni", "jewhen", "yevhen", "yevgeny", "evgeny"),
    ("pjotr", "petro", "pyotr"),
    ("mohammed", "muhammad", "mohammad", "mohamed", "muhammed", "mohamad"),
    ("juri", "jurij", "yuri", "yuriy"),
)


def transliterate(text: str) -> str:
    """Cyrillic letters to a Latin skeleton (lower case); other characters are kept. The text
    is read as Ukrainian when it has one of the letters only Ukrainian uses."""
    if not any("\u0400" <= char <= "\u04ff" for char in text):
        return text
    ukrainian = any(char in UKRAINIAN_LETTERS for char in text)
    out = []
    for char in text:
        low = char.lower()
        if low in _CYRILLIC:
            out.append((_UKRAINIAN.get(low) if ukrainian else None) or _CYRILLIC[low])
        else:
            out.append(char)
    return "".join(out)


# Names repeat across articles: the pure name functions cache this many recent answers.
CACHE_SIZE = 1 << 16


@lru_cache(maxsize=CACHE_SIZE)
def fold(text: str) -> str:
    """Lower case, transliterated, without diacritics: the spelling-insensitive exact form."""
    text = transliterate(unicodedata.normalize("NFC", text)).casefold()
    text = "".join(_LATIN_EXTRA.get(char, char) for char in text)
    stripped = unicodedata.normalize("NFKD", text)
    return "".join(char for char in stripped if not unicodedata.combining(char))


def normalise(text: str) -> str:
    """The folded words of a name joined by single spaces (punctuation dropped)."""
    return " ".join(_WORD.findall(fold(text)))


def word_key(word: str) -> str:
    """The variant key of one folded word (see the module docstring)."""
    word = _SOFT_C.sub("s", word)
    word = _DIGRAPH.sub(lambda match: _DIGRAPH_TARGET[match.group()], word)
    word = word.translate(_SINGLE)
    word = _VOWEL_RUN.sub(_vowel_class, word)
    word = _DOUBLE.sub(r"\1", word)
    return _FINAL_V.sub("ov", word)


def _vowel_class(match: re.Match[str]) -> str:
    full = [char for char in match.group() if char in "aou"]
    return full[-1] if full else "i"


@lru_cache(maxsize=CACHE_SIZE)
def variant_key(name: str) -> str:
    """A key on which spellings of the same name meet: "Selenskyj", "Zelenskyy" and
    "Зеленський" give the same key; "Austria" and "Australia" do not."""
    return " ".join(word_key(word) for word in normalise(name).split())


def base_forms(name: str) -> tuple[str, ...]:
    """The name and, when its last word may be a German genitive ("Putins", "Merz'",
    "Selenskyjs"), the name without the ending. The caller tries the forms in order."""
    stripped = name.rstrip()
    for ending in ("'s", "’s", "'", "’"):
        if stripped.endswith(ending) and len(stripped) > len(ending) + 1:
            return (name, stripped[: -len(ending)])
    last = stripped.rsplit(maxsplit=1)[-1] if stripped else ""
    if last.endswith("s") and len(last) > 3 and last[-2] not in "sxzß" and last[0].isupper():
        return (name, stripped[:-1])
    return (name,)


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonName:
    """A person's name in parts: given names (initials keep their letter: "J"), the surname
    with its particles and suffix ("von der Leyen", "Trump Jr."), and whether the given name
    was written after the surname (Chinese and Korean order)."""

    given: tuple[str, ...]
    surname: str
    family_first: bool = False


def split_person_name(name: str) -> tuple[tuple[str, ...], str]:
    """``(given names, surname)``: "J. D. Vance" -> (("J", "D"), "Vance"); "Xi Jinping" ->
    (("Jinping",), "Xi"); "Ursula von der Leyen" -> (("Ursula",), "von der Leyen")."""
    parts = parse_person_name(name)
    return parts.given, parts.surname


@lru_cache(maxsize=CACHE_SIZE)
def parse_person_name(name: str) -> PersonName:
    """The parts of a person's name (see :func:`split_person_name`)."""
    tokens = [token for token in re.split(r"\s+", name.strip()) if token]
    tokens = [token for token in tokens if _bare(token) not in TITLES or len(tokens) == 1]
    suffix: list[str] = []
    while len(tokens) > 1 and _bare(tokens[-1]) in SUFFIXES:
        suffix.insert(0, tokens.pop())
    if not tokens:
        return PersonName(given=(), surname=name.strip())
    if _family_first(tokens):
        given = tuple(part for token in tokens[1:] for part in token.split("-") if part)
        return PersonName(given=given, surname=tokens[0], family_first=True)
    start = len(tokens) - 1
    while start > 0 and _bare(tokens[start - 1]).lower() in PARTICLES:
        start -= 1
    surname = " ".join([*tokens[start:], *suffix])
    given = tuple(initial for token in tokens[:start] for initial in _given_parts(token))
    return PersonName(given=given, surname=surname)


def _bare(token: str) -> str:
    return token.strip(".,;:()").lower()


def _family_first(tokens: Sequence[str]) -> bool:
    if len(tokens) not in (2, 3) or fold(tokens[0]) not in EAST_ASIAN_SURNAMES:
        return False
    rest = [part for token in tokens[1:] for part in fold(token).split("-")]
    return all(_CJK_SYLLABLES.match(part) for part in rest)


def _given_parts(token: str) -> tuple[str, ...]:
    """A given-name token: "J." -> ("J",), "JD" -> ("J", "D"), "J.D." -> ("J", "D")."""
    if "-" in token.strip("-"):
        return tuple(part for piece in token.split("-") if piece for part in _given_parts(piece))
    letters = token.replace(".", " ").split()
    if len(letters) > 1 and all(len(letter) == 1 for letter in letters):
        return tuple(letters)
    if 2 <= len(token) <= 3 and token.isupper() and token.isalpha():
        return tuple(token)  # "JD Vance": initials written together
    return (token.strip("."),)


@lru_cache(maxsize=CACHE_SIZE)
def surname_key(surname: str) -> str:
    """The variant key of a surname without leading particles ("al-Assad" meets "Assad"),
    except the patronymic ones ("bin Salman" is not "Salman")."""
    words = normalise(surname).split()
    while len(words) > 1 and words[0] in PARTICLES and words[0] not in PATRONYMIC_PARTICLES:
        words = words[1:]
    return " ".join(word_key(word) for word in words)


@lru_cache(maxsize=CACHE_SIZE)
def given_key(given: str) -> str:
    """The variant key of one given name, with short and East Slavic forms mapped to one; h
    and g meet, as Ukrainian h is Russian g ("Ihor" / "Igor", "Olha" / "Olga")."""
    key = variant_key(given)
    return _given_name_keys().get(key, key).replace("h", "g")


@lru_cache(maxsize=1)
def _given_name_keys() -> dict[str, str]:
    """Each spelling's key mapped to its group's key: spellings outside the table that meet
    one inside ("Oleksii" / "Oleksij") join the group too."""
    return {word_key(name): word_key(group[0]) for group in _GIVEN_NAME_GROUPS for name in group}


def same_person_name(a: str, b: str) -> bool:
    """Whether two person names can name the same person: their surnames are variants of
    each other and their given names are compatible (equal variants, an initial matching the
    name, or one side has none). "Selenskyj" / "Wolodymyr Zelensky": yes; "Joe Biden" /
    "Hunter Biden": no."""
    one, other = parse_person_name(a), parse_person_name(b)
    if surname_key(one.surname) != surname_key(other.surname):
        return False
    return given_names_compatible(one.given, other.given)


def given_names_compatible(one: Sequence[str], other: Sequence[str]) -> bool:
    """Given names agree where both sides have them: the first name (or initial) pairwise;
    an initial matches any name starting with its letter. One side without: compatible."""
    if not one or not other:
        return True
    return all(_given_match(first, second) for first, second in zip(one, other, strict=False))


def _given_match(first: str, second: str) -> bool:
    if len(first) == 1 or len(second) == 1:
        return fold(first)[:1] == fold(second)[:1]
    return given_key(first) == given_key(second)
