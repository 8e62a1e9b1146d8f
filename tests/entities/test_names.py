"""Name variants: transliteration, variant keys, person-name parts (issue #3, part 5)."""

from __future__ import annotations

import pytest

from lagebild.entities.names import (
    base_forms,
    same_person_name,
    split_person_name,
    transliterate,
    variant_key,
)


@pytest.mark.parametrize(
    "spellings",
    [
        ("Selenskyj", "Selenskij", "Zelensky", "Zelenskyy", "Zelenskiy", "Зеленський", "Зеленский"),
        ("Uschakow", "Ushakov", "Ушаков"),
        ("Peskow", "Peskov", "Песков"),
        ("Lawrow", "Lavrov", "Лавров"),
        ("Kiew", "Kyjiw", "Kyiv", "Kiev", "Київ", "Киев"),
        ("Charkiw", "Kharkiv", "Charkow", "Харків"),
        ("Nawalny", "Navalny", "Навальный"),
        ("Chodorkowski", "Khodorkovsky", "Ходорковский"),
        ("Gorbatschow", "Gorbachev"),
        ("Saporischschja", "Zaporizhzhia", "Запоріжжя"),
    ],
)
def test_spellings_of_one_name_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({variant_key(spelling) for spelling in spellings}) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Austria", "Australia"),
        ("Iran", "Irak"),
        ("Slowakei", "Slowenien"),
        ("Niger", "Nigeria"),
        ("Guinea", "Guyana"),
        ("Colombia", "Columbia"),
        ("Müller", "Miller"),
        ("Moskau", "Moscow"),  # a translation, not a transliteration: the gazetteer's job
    ],
)
def test_different_names_have_different_keys(one: str, other: str) -> None:
    assert variant_key(one) != variant_key(other)


def test_transliteration_reads_ukrainian_and_russian_letters() -> None:
    assert transliterate("Київ") == "kyjiv"
    assert transliterate("Гаврилов") == "gavrilov"  # Russian г is g
    assert transliterate("Гриценко і") == "hrytsenko i"  # Ukrainian и is y, г is h
    assert transliterate("Berlin") == "Berlin"


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("Putins", "Putin"),
        ("Selenskyjs", "Selenskyj"),
        ("Trumps", "Trump"),
        ("Merz'", "Merz"),
        ("Biden's", "Biden"),
        ("Kiews", "Kiew"),
    ],
)
def test_german_genitive_has_its_base_form(name: str, base: str) -> None:
    assert base_forms(name) == (name, base)


def test_names_that_cannot_be_genitives_have_no_base_form() -> None:
    assert base_forms("Merz") == ("Merz",)
    assert base_forms("Weiss") == ("Weiss",)


@pytest.mark.parametrize(
    ("name", "given", "surname"),
    [
        ("Wladimir Putin", ("Wladimir",), "Putin"),
        ("Putin", (), "Putin"),
        ("Ursula von der Leyen", ("Ursula",), "von der Leyen"),
        ("Thomas de Maizière", ("Thomas",), "de Maizière"),
        ("Mohammed bin Salman", ("Mohammed",), "bin Salman"),
        ("Xi Jinping", ("Jinping",), "Xi"),
        ("Kim Jong Un", ("Jong", "Un"), "Kim"),
        ("Kim Jong-un", ("Jong", "un"), "Kim"),
        ("Kim Kardashian", ("Kim",), "Kardashian"),
        ("JD Vance", ("J", "D"), "Vance"),
        ("J. D. Vance", ("J", "D"), "Vance"),
        ("J.D. Vance", ("J", "D"), "Vance"),
        ("Donald Trump Jr.", ("Donald",), "Trump Jr."),
        ("Dr. Robert Habeck", ("Robert",), "Habeck"),
        ("Frank-Walter Steinmeier", ("Frank", "Walter"), "Steinmeier"),
    ],
)
def test_split_person_name(name: str, given: tuple[str, ...], surname: str) -> None:
    assert split_person_name(name) == (given, surname)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy"),
        ("Selenskyj", "Wolodymyr Zelensky"),
        ("JD Vance", "J. D. Vance"),
        ("James David Vance", "JD Vance"),
        ("Joe Biden", "Joseph R. Biden"),
        ("Baschar al-Assad", "Assad"),
        ("Kim Jong Un", "Kim Jong-un"),
        ("Oleksij Resnikow", "Oleksii Reznikov"),
        ("Wolodymyr Selenskyj", "Володимир Зеленський"),
    ],
)
def test_same_person_name(one: str, other: str) -> None:
    assert same_person_name(one, other)
    assert same_person_name(other, one)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Joe Biden", "Hunter Biden"),
        ("Donald Trump", "Donald Trump Jr."),
        ("Donald Trump", "Melania Trump"),
        ("Boris Johnson", "Mike Johnson"),
        ("Kim Jong Un", "Kim Yo Jong"),
        ("George W. Bush", "George H. W. Bush"),
        ("Mohammed bin Salman", "Salman"),
        ("Peter Müller", "Peter Miller"),
    ],
)
def test_different_people_sharing_a_name_part(one: str, other: str) -> None:
    assert not same_person_name(one, other)
    assert not same_person_name(other, one)
