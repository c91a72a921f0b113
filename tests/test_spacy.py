"""The spaCy component (issue 13): a blank pipeline with an EntityRuler, no model download.
Skipped when spaCy is not installed (``pip install ".[spacy]"``)."""

from __future__ import annotations

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import aliasres.spacy  # noqa: E402,F401  (registers the factory without the entry point)

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "table.yaml"


def _ruler_nlp(config: dict[str, object] | None = None) -> spacy.language.Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": "Bashar al-Assad"},
            {"label": "PERSON", "pattern": "Assad"},
            {"label": "GPE", "pattern": "Idlib"},
            {"label": "GPE", "pattern": "Idlib Governorate"},
            {"label": "PERSON", "pattern": "Brian Wellbrock"},
        ]
    )
    nlp.add_pipe("aliasres", config=config or {"tables": [str(GOLDEN)], "bundled": False})
    return nlp


def test_links_the_entities_of_the_pipeline_with_document_context() -> None:
    nlp = _ruler_nlp()
    doc = nlp("Bashar al-Assad left. Assad came to Idlib Governorate; Idlib fell. Brian Wellbrock.")
    got = [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert got == [
        ("Bashar al-Assad", "PERSON", "person/bashar-al-assad"),
        ("Assad", "PERSON", "person/bashar-al-assad"),
        ("Idlib Governorate", "GPE", "place/sy/idlib-governorate"),
        ("Idlib", "GPE", "place/sy/idlib-governorate"),
        ("Brian Wellbrock", "PERSON", ""),  # not in the tables: left as found
    ]
    assert doc.ents[1]._.aliasres.method == "document"
    assert doc.ents[4]._.aliasres is None


def test_without_ner_it_adds_scan_mentions() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("aliasres", config={"tables": [str(GOLDEN)], "bundled": False})
    doc = nlp("President Bashar al-Assad met Omar Omsen in Harem.")
    got = [(e.text, e.label_, e.kb_id_, e._.aliasres.id) for e in doc.ents]
    assert got == [
        ("Bashar al-Assad", "PERSON", "person/bashar-al-assad", "person/bashar-al-assad"),
        ("Omar Omsen", "PERSON", "person/omar-diaby", "person/omar-diaby"),
        ("Harem", "GPE", "place/sy/harim", "place/sy/harim"),
    ]
    assert nlp("") is not None and list(nlp("nothing here").ents) == []


def test_bundled_tables_and_bad_config() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("aliasres")
    doc = nlp("Ahmed al-Charaa arrived in Damascus.")
    assert [e.kb_id_ for e in doc.ents] == ["person/ahmed-al-sharaa", "place/sy/damascus"]
    with pytest.raises(ValueError):
        spacy.blank("en").add_pipe("aliasres", config={"mode": "guess"})


def test_the_factory_is_declared_as_an_entry_point() -> None:
    import tomllib

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    entry = meta["project"]["entry-points"]["spacy_factories"]["aliasres"]
    assert entry == "aliasres.spacy:make_component"
    assert "spacy" in meta["project"]["optional-dependencies"]
