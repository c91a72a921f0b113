"""The bundled rule files read as their authors wrote them: a word is a word."""

from __future__ import annotations

import glob
from pathlib import Path

import pytest

from aliasres.data import _has_bool_word, _raise_bool_word, bundled_dir, load_rule_file
from aliasres.errors import RulesError


def test_every_rule_file_loads_without_a_boolean_in_a_list() -> None:
    for path in sorted(glob.glob(str(bundled_dir() / "rules" / "*.yaml"))):
        load_rule_file(Path(path).stem)  # raises RulesError on an unquoted on/off/yes/no


def test_on_is_a_stopword_and_a_filler_not_true() -> None:
    from aliasres.orgwords import org_words
    from aliasres.parts import lexicon

    # YAML 1.1 read the unquoted stopword on as the boolean true (until session 10)
    assert "on" in lexicon().stopwords and "true" not in lexicon().stopwords
    assert "on" in org_words().fillers and "true" not in org_words().fillers


def test_an_unquoted_on_in_a_list_names_its_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "words.yaml"
    path.write_text("# words\nflag: true\nstopwords: [the, of,\n  on, in]\n", encoding="utf-8")
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert _has_bool_word(data)
    with pytest.raises(RulesError, match=r"words\.yaml:4: 'on' in a list or as a key is read by YAML"):
        _raise_bool_word(path)
    key = tmp_path / "particles.yaml"
    key.write_text("assimilated:\n  ad: d\n  no: n\n", encoding="utf-8")
    assert _has_bool_word(yaml.safe_load(key.read_text(encoding="utf-8")))
    with pytest.raises(RulesError, match=r"particles\.yaml:3: 'no' in a list or as a key"):
        _raise_bool_word(key)
    # nearest wrong neighbours: a boolean as a mapping value is a setting (flag: true), and
    # a quoted "on" is a word
    assert not _has_bool_word({"flag": True, "stopwords": ["the", "on"]})
    assert not _has_bool_word(yaml.safe_load('stopwords: [the, "on", "no"]'))
