"""aliasres.normalize: case, punctuation, diacritics, Arabic variants, comma order."""

from __future__ import annotations

import pytest

from aliasres import normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ahmed AL-SHARAA", "ahmed al sharaa"),
        ("  Ahmed\tal‐Sharaa\u00a0", "ahmed al sharaa"),  # Unicode hyphen, tab, nbsp
        ("Aḥmad al-Sharaʿ", "ahmad al shara"),  # Latin diacritics, ayn
        ("Hay’at Tahrir", "hayat tahrir"),  # curly apostrophe is deleted, not a space
        ("Hay'at", "hayat"),
        ("Hay`at", "hayat"),
        ("Sécurité générale", "securite generale"),
        ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
        ("Şam", "sham"),  # Turkish ş writes sh
        ("al-Sharaa, Ahmed", "ahmed al sharaa"),  # Surname, Given
        ("H.T.S.", "hts"),  # dotted acronym
        ("U.S. President", "us president"),
        ("Ахмед аш-Шараа", "akhmed ash sharaa"),  # Cyrillic through unidecode
        ("", ""),
        ("!!!", ""),
    ],
)
def test_latin_and_other_scripts(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("أَحْمَد", "احمد"),  # harakat and hamza seat
        ("إبراهيم", "ابراهيم"),  # hamza below
        ("آمنة", "امنه"),  # madda, ta marbuta
        ("مصطفى", "مصطفي"),  # alif maqsura
        ("ـمـحـمـد", "محمد"),  # tatweel
        ("\u200fمحمد\u200e", "محمد"),  # RTL / LTR marks
        ("ﻣﺤﻤﺪ", "محمد"),  # presentation forms
        ("کریمی", "كريمي"),  # Persian kaf and yeh
        ("محمد٢", "محمد2"),  # Arabic-Indic digit
    ],
)
def test_arabic_variants_fold(variant: str, plain: str) -> None:
    assert normalize(variant) == plain


def test_arabic_stays_arabic() -> None:
    # the matching form keeps Arabic letters; comparison with Latin happens on keys
    assert normalize("الشرع") == "الشرع"


def test_different_names_stay_different() -> None:
    assert normalize("Hasan") != normalize("Husain")
    assert normalize("حسن") != normalize("حسين")


@pytest.mark.parametrize("text", ["Ahmed al-Sharaa", "أحمد الشرع", "A. B. C d", "x, y", "Ｆｕｌｌ"])
def test_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


def test_rejects_non_strings() -> None:
    with pytest.raises(TypeError):
        normalize(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        normalize(b"bytes")  # type: ignore[arg-type]
