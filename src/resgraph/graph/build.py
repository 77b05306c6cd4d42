"""Resolution -> a list of pyoxigraph quads in the resolution's own named graph.

pyoxigraph terms are used directly (not rdflib) because building and serialising them is
several times faster (see reference/rdf-stack.md); rdflib is used only where a library needs
it (pySHACL, JSON-LD parsing in tests).
"""

from __future__ import annotations

import os

from pyoxigraph import Literal, NamedNode, Quad

from resgraph.extract.actors import slug
from resgraph.graph.facts import add_facts
from resgraph.graph.iri import Minter
from resgraph.graph.terms import rg
from resgraph.model import Contributor, Facts, Footnote, Part, Resolution
from resgraph.numbers import odp_document_id
from resgraph.parse.metadata import KINDS
from resgraph.vocab import (
    DCTERMS,
    ELI,
    ELI_DL,
    EU_LANGUAGE,
    EU_LANGUAGES,
    EU_ROLE,
    FOAF,
    ODP_DOCUMENT,
    ODP_PROCEDURE,
    ODP_PROCEDURE_TYPE,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
)

_TYPE = NamedNode(RDF + "type")
_INTEGER = NamedNode(XSD + "integer")
_DATE = NamedNode(XSD + "date")

# Part kind -> (class local name, human label stem); the IRI's path is the part's path.
PART_KINDS = {
    "title": ("Title", "Title"),
    "citation": ("Citation", "Citation"),
    "recital": ("Recital", "Recital"),
    "paragraph": ("Paragraph", "Paragraph"),
    "point": ("Point", "Point"),
    "indent": ("Indent", "Indent"),
    "heading": ("Heading", "Heading"),
    "footnote": ("Footnote", "Footnote"),
    "annex": ("Annex", "Annex"),
}

# Contributor role -> its concept in the EU Vocabularies roles authority table (the Publications
# Office's, which the EP's own open data uses): AUT "Author", RAPP "Rapporteur".
CONTRIBUTOR_ROLES = {"author": "AUT", "rapporteur": "RAPP"}

# Document kind slug -> SKOS concept local name in the ontology.
KIND_CONCEPTS = {
    "motion": "MotionForResolution",
    "joint-motion": "JointMotionForResolution",
    "draft-legislative-resolution": "DraftLegislativeResolution",
    "text-adopted": "TextAdopted",
    "legislative-resolution": "LegislativeResolution",
    "resolution": "ResolutionOfUnstatedKind",
    "decision": "Decision",
    "recommendation": "Recommendation",
}


class _Quads:
    def __init__(self, graph: str, language: str) -> None:
        self.graph = NamedNode(graph)
        self.language = language
        self.quads: list[Quad] = []

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def text(self, s: NamedNode, p: NamedNode, value: str) -> None:
        self.add(s, p, Literal(value))

    def tagged(self, s: NamedNode, p: NamedNode, value: str) -> None:
        self.add(s, p, Literal(value, language=self.language))

    def integer(self, s: NamedNode, p: NamedNode, value: int) -> None:
        self.add(s, p, Literal(str(value), datatype=_INTEGER))


def _add_part(
    q: _Quads,
    minter: Minter,
    part: Part,
    parent: NamedNode,
    nodes: dict[tuple[str, ...], NamedNode],
) -> NamedNode:
    """The part, its subparts, and an entry in `nodes` (by the part's path) for each of them,
    so footnotes and facts can point at whichever part holds them."""
    cls, label_stem = PART_KINDS[part.kind]
    node = NamedNode(minter.part(*part.path))
    nodes[part.path] = node
    q.add(node, _TYPE, rg(cls))
    q.add(node, NamedNode(ELI + "is_part_of"), parent)
    q.add(parent, NamedNode(ELI + "has_part"), node)
    q.integer(node, rg("order"), part.order)
    if part.label:
        q.text(node, rg("label"), part.label)
    name = f"{label_stem} {part.label or part.order}" if part.kind != "title" else "Title"
    q.add(node, NamedNode(RDFS + "label"), Literal(name, language="en"))
    _add_text(q, node, part.text, part.span.start, part.span.end, part.source.start,
              part.source.end)
    for child in part.parts:
        _add_part(q, minter, child, node, nodes)
    return node


def _add_text(
    q: _Quads, node: NamedNode, text: str, start: int, end: int, src_start: int, src_end: int
) -> None:
    q.text(node, rg("text"), text)
    q.integer(node, rg("start"), start)
    q.integer(node, rg("end"), end)
    q.integer(node, rg("sourceStart"), src_start)
    q.integer(node, rg("sourceEnd"), src_end)


def _add_footnote(
    q: _Quads, minter: Minter, note: Footnote, resolution: NamedNode,
    nodes: dict[tuple[str, ...], NamedNode],
) -> None:
    node = NamedNode(minter.part(*note.path))
    nodes[note.path] = node
    q.add(node, _TYPE, rg("Footnote"))
    q.add(node, NamedNode(ELI + "is_part_of"), resolution)
    q.add(resolution, NamedNode(ELI + "has_part"), node)
    q.integer(node, rg("order"), note.number)
    q.text(node, rg("label"), str(note.number))
    q.add(node, NamedNode(RDFS + "label"), Literal(f"Footnote {note.number}", language="en"))
    _add_text(q, node, note.text, note.span.start, note.span.end, note.source.start,
              note.source.end)
    if note.anchor is not None and note.anchor_offset is not None:
        anchor = nodes[note.anchor.path]
        q.add(node, rg("anchor"), anchor)
        q.add(anchor, rg("footnote"), node)
        q.integer(node, rg("anchorOffset"), note.anchor_offset)


def _add_contributor(q: _Quads, minter: Minter, res: NamedNode, person: Contributor) -> None:
    """A Member the cover names: dcterms:contributor of the document, typed rg:Contributor and
    foaf:Person but never rg:Person (the persons the text names), minted under the document
    from the name as printed (the EP's person IRIs need a look-up resgraph does not make).

    The group and the committee are literals, as printed: the EP's corporate-body IRIs for
    groups (EP_GROUP_...) are reached only through a table of groups per term, which resgraph
    does not carry and will not guess, and a group's printed name changes with the language
    and the year ("Verts/ALE", "Greens/EFA"); a literal keeps the words without claiming an
    identity."""
    node = NamedNode(minter.part("contributor", slug(person.name)))
    q.add(res, NamedNode(DCTERMS + "contributor"), node)
    q.add(node, _TYPE, rg("Contributor"))
    q.add(node, _TYPE, NamedNode(FOAF + "Person"))
    q.text(node, NamedNode(FOAF + "name"), person.name)
    # A name is no word of a language: a plain label, unlike the parts' "Recital A"@en.
    q.text(node, NamedNode(RDFS + "label"), person.name)
    q.add(node, rg("contributorRole"), NamedNode(EU_ROLE + CONTRIBUTOR_ROLES[person.role]))
    if person.group:
        q.text(node, rg("politicalGroup"), person.group)
    if person.committee:
        q.text(node, rg("committee"), person.committee)


def build_quads(resolution: Resolution, minter: Minter, facts: Facts | None = None) -> list[Quad]:
    """All quads of one resolution (and of its facts, when given) in its named graph."""
    meta = resolution.metadata
    q = _Quads(minter.graph, meta.language)
    res = NamedNode(minter.resolution)
    q.add(res, _TYPE, rg("Resolution"))
    q.add(res, _TYPE, NamedNode(ELI + "Work"))
    q.tagged(res, NamedNode(DCTERMS + "title"), meta.title)
    q.add(res, NamedNode(RDFS + "label"), Literal(meta.title, language=meta.language))

    kind = rg(KIND_CONCEPTS[meta.kind])
    q.add(res, rg("kind"), kind)
    # The concept's label travels with every graph, so each named graph answers the
    # `resolutions` query on its own (the ontology holds the same triples).
    q.add(kind, _TYPE, NamedNode(SKOS + "Concept"))
    q.add(kind, _TYPE, rg("DocumentKind"))
    q.add(kind, NamedNode(SKOS + "prefLabel"), Literal(KINDS[meta.kind], language="en"))
    q.add(kind, NamedNode(SKOS + "inScheme"), rg("DocumentKinds"))

    p = meta.procedure
    proc = NamedNode(f"{ODP_PROCEDURE}{p.year}-{p.number:04d}")
    q.add(res, rg("procedure"), proc)
    q.text(res, rg("procedureReference"), p.reference)
    q.add(proc, _TYPE, NamedNode(ELI_DL + "Process"))
    q.add(proc, NamedNode(ELI_DL + "process_type"), NamedNode(ODP_PROCEDURE_TYPE + p.type))
    if meta.language in EU_LANGUAGES:
        q.add(res, NamedNode(DCTERMS + "language"),
              NamedNode(EU_LANGUAGE + EU_LANGUAGES[meta.language]))
    if meta.date:
        q.add(res, NamedNode(DCTERMS + "date"), Literal(meta.date, datatype=_DATE))
    if meta.document_number:
        q.text(res, rg("documentNumber"), meta.document_number)
        odp_id = odp_document_id(meta.document_number)
        if odp_id:
            q.add(res, rg("odpDocument"), NamedNode(ODP_DOCUMENT + odp_id))
    for pe in meta.pe_numbers:
        q.text(res, rg("peNumber"), pe)
    for ref in meta.related_references:
        q.text(res, rg("relatedDocumentReference"), ref)
    for person in meta.contributors:
        _add_contributor(q, minter, res, person)
    # A joint motion supersedes the groups' motions it lists (dcterms:replaces, as printed:
    # "replacing the following motions"); the ODP states the same link as eli:is_derivative_of.
    for number in meta.replaces:
        replaced = odp_document_id(number)
        if replaced:
            q.add(res, NamedNode(DCTERMS + "replaces"), NamedNode(ODP_DOCUMENT + replaced))
    q.text(res, rg("cleanText"), resolution.clean.text)

    src = NamedNode(minter.source)
    q.add(res, NamedNode(PROV + "wasDerivedFrom"), src)
    q.add(src, _TYPE, rg("SourceDocument"))
    q.add(src, _TYPE, NamedNode(PROV + "Entity"))
    q.text(src, NamedNode(DCTERMS + "format"), resolution.source.media_type)
    q.text(src, rg("sha256"), resolution.source.sha256)
    q.text(src, rg("fileName"), os.path.basename(resolution.source.name))

    nodes: dict[tuple[str, ...], NamedNode] = {}
    headings: dict[int, NamedNode] = {}
    for part in (resolution.title, *resolution.citations, *resolution.recitals,
                 *resolution.headings, *resolution.paragraphs, *resolution.annexes):
        node = _add_part(q, minter, part, res, nodes)
        if part.kind == "heading":
            headings[part.order] = node
        if part.kind == "paragraph" and part.heading is not None:
            q.add(node, rg("heading"), headings[part.heading])
    for note in resolution.footnotes:
        _add_footnote(q, minter, note, res, nodes)
    if facts is not None:
        add_facts(q, minter, facts, nodes)
    # Two references of one part to the same target state one rg:cites triple.
    return list(dict.fromkeys(q.quads))
