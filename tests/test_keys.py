"""aliasres.keys: folding, consonant skeletons, compatibility, vowel slots."""

from __future__ import annotations

import pytest

from aliasres.keys import (
    coarse_keys,
    compatible_equal,
    compatible_within_one,
    fold,
    skeleton,
    slots_fit,
    vowel_slots,
)


@pytest.mark.parametrize(
    "group",
    [
        ["mouammar", "moammar", "muammar"],
        ["kadhafi", "qaddafi"],
        ["hussein", "husayn", "hossein", "hussain"],
        ["sharaa", "sharra", "charaa"],
        ["oussama", "osama", "usama"],
        ["jolani", "joulani", "julani", "jawlani"],
        ["zor", "zour", "zawr"],
        ["mohammed", "muhammad", "mohamed"],
    ],
)
def test_fold_merges_transliteration_habits(group: list[str]) -> None:
    assert len({fold(t) for t in group}) == 1, {t: fold(t) for t in group}


@pytest.mark.parametrize(("a", "b"), [("hasan", "husain"), ("jamal", "kamal"), ("salim", "salam")])
def test_fold_keeps_different_names_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_turkish_c_is_not_folded_to_k() -> None:
    # Cemal is Jamal; folding c to k would make it Kamal
    assert fold("cemal") != fold("kamal")


@pytest.mark.parametrize(
    ("latin", "arabic"),
    [("ahmed", "احمد"), ("sharaa", "شرع"), ("baghdadi", "بغدادي"), ("muhammad", "محمد")],
)
def test_skeleton_same_across_scripts(latin: str, arabic: str) -> None:
    assert skeleton(latin) == skeleton(arabic)


def test_skeleton_final_ta_marbuta_is_dropped_in_arabic() -> None:
    assert skeleton("حمزه") == skeleton("hamza")


def test_compatible_classes() -> None:
    # g writes jim (Golani), qaf (Gaddafi) and ghain; it is compatible with all three
    assert compatible_equal(skeleton("golani"), skeleton("جولاني"))
    assert compatible_equal(skeleton("gaddafi"), skeleton("قذافي"))
    # but jim and kaf are different letters
    assert not compatible_equal(skeleton("جمال"), skeleton("كمال"))


def test_compatible_within_one() -> None:
    assert compatible_within_one("HMD", "HMDT")
    assert compatible_within_one("HMDT", "HMD")
    assert compatible_within_one("QDF", "GDF")
    assert not compatible_within_one("HMD", "BRN")
    assert not compatible_within_one("HM", "HMDT")


def test_ambiguous_classes_get_a_key_for_each_reading() -> None:
    # tha (Θ) is written t (Uthman) or s (Wassiq): one key for each
    assert coarse_keys(skeleton("وثيق")) >= {coarse_keys(skeleton("wassiq")).pop()}


def test_vowel_slots_separate_bashar_from_bushra() -> None:
    arabic = vowel_slots("بشار")
    assert slots_fit(arabic, vowel_slots("bashar"))
    assert slots_fit(arabic, vowel_slots("bachar"))
    assert not slots_fit(arabic, vowel_slots("bushra"))


def test_vowel_slots_separate_husain_from_hasan() -> None:
    arabic = vowel_slots("حسين")
    assert slots_fit(arabic, vowel_slots("hussein"))
    assert not slots_fit(arabic, vowel_slots("hasan"))


def test_final_alif_maqsura_reads_a() -> None:
    assert slots_fit(vowel_slots("موسي"), vowel_slots("musa"))
