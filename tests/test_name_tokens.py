"""aliases/rules/name_tokens.yaml is what tools/derive_name_parts.py derives from the data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_name_tokens_match_their_derivation(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "name_tokens.yaml"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "derive_name_parts.py"),
         str(shared_dir / "eval" / "wikidata_ar_en_name_tokens.jsonl"), "-o", str(out)],
        check=True, capture_output=True,
    )
    committed = (ROOT / "aliases" / "rules" / "name_tokens.yaml").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed, (
        "aliases/rules/name_tokens.yaml is stale: run tools/derive_name_parts.py"
    )
    held = (ROOT / "aliases" / "rules" / "name_tokens_held.yaml").read_text(encoding="utf-8")
    assert (tmp_path / "name_tokens_held.yaml").read_text(encoding="utf-8") == held, (
        "aliases/rules/name_tokens_held.yaml is stale: run tools/derive_name_parts.py"
    )


def test_held_out_tokens_are_displayed_but_join_no_variant_group(monkeypatch) -> None:
    """The held-out tenth of the name tokens gives transliterate() its display spellings
    (بكر is Bakr, not a letter reading) and nothing else: no variant group, so matching reads
    the names as it did without the file."""
    import aliasres
    from aliasres.normalize import normalize
    from aliasres.parts import lexicon
    from tools.derive_name_parts import held_out

    lex = lexicon()
    assert lex.display_only and all(held_out(k) for k in lex.display_only)
    assert normalize("بكر") in lex.display_only
    assert aliasres.transliterate("بكر") == "Bakr"
    assert aliasres.transliterate("أبو بكر البغدادي") == "Abu Bakr al-Baghdadi"
    # nearest wrong neighbour: matching's variant groups are those built without the file
    from aliasres import parts

    with_file = parts.build_lexicon(with_name_tokens=True)
    monkeypatch.setattr(parts, "_held_display", lambda lex: None)
    without = parts.build_lexicon(with_name_tokens=True)
    assert with_file.groups == without.groups and with_file.latin_of == without.latin_of
    assert with_file.group_size == without.group_size
    assert normalize("بكر") not in without.spelling_of


def test_a_broken_held_out_file_names_itself(monkeypatch) -> None:
    import pytest

    from aliasres import parts
    from aliasres.errors import RulesError

    lex = parts.build_lexicon(with_name_tokens=False)
    monkeypatch.setattr(parts, "load_rule_file", lambda name: {"tokens": [{"ar": "بكر"}]})
    with pytest.raises(RulesError, match="name_tokens_held.yaml"):
        parts._held_display(lex)
    monkeypatch.setattr(parts, "load_rule_file", lambda name: {"tokens": "bakr"})
    with pytest.raises(RulesError, match="name_tokens_held.yaml"):
        parts._held_display(lex)


def test_display_spelling_of_a_foreign_looking_name() -> None:
    from collections import Counter

    from tools.derive_name_parts import foreign, _FRENCH, majority

    # the spelling of most pairs, whatever Arabic letters write (John: no letter for the h)
    assert majority(Counter({"john": 2622, "jun": 127, "jon": 107}), "جون", 2) == "john"
    # nearest wrong neighbours: no majority; a translation, not a spelling; French habits;
    # an initial; an Arabic-looking word (its English habits decide: Muhammad)
    assert majority(Counter({"john": 5, "jun": 4, "jon": 3}), "جون", 2) is None
    assert majority(Counter({"germany": 5, "mania": 1}), "مانيا", 2) is None
    assert majority(Counter({"rachid": 9, "rashid": 5}), "رشيد", 2) is None
    assert majority(Counter({"g": 20}), "جي", 2) is None
    assert majority(Counter({"mohamed": 9, "muhammad": 5}), "محمد", 2) is None
    # c and ch are French habits only where they write س or ش
    assert not foreign("christian", "كريستيان", _FRENCH)
    assert not foreign("campbell", "كامبل", _FRENCH)
    assert foreign("rachid", "رشيد", _FRENCH)
    assert foreign("lounici", "لونيسي", _FRENCH)



def test_display_spelling_is_the_medoid_of_the_same_habits() -> None:
    from collections import Counter

    from tools.derive_name_parts import _FRENCH, medoid, preferred

    seen = Counter({"mohamed": 40, "muhammad": 30, "mohammed": 25, "mohammad": 20})
    # nearest on average to all the spellings, not the most frequent one
    assert medoid(sorted(seen), seen) == "mohammed"
    kept = [(n, s, True) for s, n in seen.items()]
    assert preferred(kept, "محمد", _FRENCH, seen) == "mohammed"
    assert preferred(kept, "محمد", _FRENCH) == "muhammad"  # without counts: the a/i/u rule
    # a spelling of other habits (French ch for ش) does not pull the choice: with it, the
    # medoid would be aysha
    aisha = Counter({"aisha": 10, "aysha": 8, "ayche": 30})
    kept = [(n, s, True) for s, n in aisha.items()]
    assert medoid(["aisha", "aysha"], aisha) == "aysha"
    assert preferred(kept, "عائشة", _FRENCH, aisha) == "aisha"
