"""spaCy component: link the entities of a spaCy pipeline to aliasres ids.

    import spacy
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Bashar al-Assad"}])
    nlp.add_pipe("aliasres")          # after the NER / entity ruler
    doc = nlp("Bashar al-Assad ...")
    [(ent.text, ent.kb_id_, ent._.aliasres) for ent in doc.ents]

After ``pip install "aliasres[spacy]"`` the factory ``"aliasres"`` is found by spaCy through
the ``spacy_factories`` entry point; without installing, ``import aliasres.spacy`` registers
it. The component:

* when a component before it in the pipeline sets entities (a trained NER, an
  ``entity_ruler``), links them: ``ent.kb_id_`` is the aliasres id and ``ent._.aliasres``
  the :class:`~aliasres.Match`, resolved with :meth:`Resolver.resolve_document` (the
  document is the context: "Assad" after "Bashar al-Assad"; what :meth:`Resolver.scan` reads
  in the text settles them too); an entity that does not resolve is left as it is;
* with no such component, adds the mentions :meth:`Resolver.scan` finds as entities
  (labels PERSON, ORG, GPE, MISC by the entity type), keeping entities already set.

Config (``nlp.add_pipe("aliasres", config={...})``): ``tables`` (paths of alias tables),
``bundled`` (include the bundled tables, default true), ``type`` (only entities of this
type), ``threshold``, ``margin``, ``mode`` (``"auto"``: as above; ``"link"``: only link the
existing entities; ``"scan"``: always add scan()'s mentions).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language  # type: ignore[import-not-found, unused-ignore]
from spacy.tokens import Doc, Span  # type: ignore[import-not-found, unused-ignore]
from spacy.util import filter_spans  # type: ignore[import-not-found, unused-ignore]

from .resolve import DEFAULT_MARGIN, DEFAULT_THRESHOLD, Resolver, default_resolver
from .types import Match

__all__ = ["LABELS", "AliasresComponent", "make_component"]

#: the entity label scan()'s mentions get, by entity type
LABELS = {"person": "PERSON", "organization": "ORG", "place": "GPE", "other": "MISC"}
_MODES = ("auto", "link", "scan")

if not Span.has_extension("aliasres"):
    Span.set_extension("aliasres", default=None)


class AliasresComponent:
    """The pipeline component (see the module docstring)."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        resolver: Resolver,
        *,
        type: str | None = None,
        mode: str = "auto",
    ) -> None:
        if mode not in _MODES:
            raise ValueError(f"mode must be one of {', '.join(_MODES)}, not {mode!r}")
        self.nlp = nlp
        self.name = name
        self.resolver = resolver
        self.type = type
        self.mode = mode

    def _has_ner(self) -> bool:
        """A component before this one sets ``doc.ents``."""
        for pipe_name in self.nlp.pipe_names:
            if pipe_name == self.name:
                return False
            if "doc.ents" in self.nlp.get_pipe_meta(pipe_name).assigns:
                return True
        return False

    def __call__(self, doc: Doc) -> Doc:
        mode = self.mode
        if mode == "auto":
            mode = "link" if self._has_ner() else "scan"
        if mode == "link":
            return self._link(doc)
        return self._scan(doc)

    def _link(self, doc: Doc) -> Doc:
        ents: Sequence[Span] = doc.ents
        if not ents:
            return doc
        matches = self.resolver.resolve_document(
            [e.text for e in ents], type=self.type, text=doc.text
        )
        linked: list[Span] = []
        for ent, match in zip(ents, matches):
            if match is None:
                linked.append(ent)
                continue
            span = Span(doc, ent.start, ent.end, label=ent.label, kb_id=match.id)
            span._.aliasres = match
            linked.append(span)
        doc.ents = linked
        return doc

    def _scan(self, doc: Doc) -> Doc:
        found: list[tuple[Span, Match]] = []
        for m in self.resolver.scan(doc.text, type=self.type):
            span = doc.char_span(
                m.start,
                m.end,
                label=LABELS.get(m.match.type, "MISC"),
                kb_id=m.match.id,
                alignment_mode="expand",
            )
            if span is not None:
                found.append((span, m.match))
        keep = filter_spans([*doc.ents, *(s for s, _ in found)])
        kept = {(s.start, s.end) for s in keep}
        for span, match in found:
            if (span.start, span.end) in kept:
                span._.aliasres = match
        doc.ents = keep
        return doc


@Language.factory(  # type: ignore[misc, unused-ignore]
    "aliasres",
    default_config={
        "tables": [],
        "bundled": True,
        "type": None,
        "threshold": DEFAULT_THRESHOLD,
        "margin": DEFAULT_MARGIN,
        "mode": "auto",
    },
)
def make_component(
    nlp: Language,
    name: str,
    tables: list[str],
    bundled: bool,
    type: str | None,
    threshold: float,
    margin: float,
    mode: str,
) -> AliasresComponent:
    """The ``"aliasres"`` factory: the bundled resolver, or one built from ``tables``."""
    resolver: Resolver
    if tables or not bundled or threshold != DEFAULT_THRESHOLD or margin != DEFAULT_MARGIN:
        resolver = Resolver.from_yaml(*tables, bundled=bundled, threshold=threshold, margin=margin)
    else:
        resolver = default_resolver()
    return AliasresComponent(nlp, name, resolver, type=type, mode=mode)
