"""What a page shows, read from the store into frozen values that the templates render: a
resolution in document order with each fact on its words, and any other resource as its
statements and the statements pointing to it. No HTML here (templates/), no HTTP (app)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pyoxigraph as ox

from resgraph.serve.describe import Inverse
from resgraph.vocab import RG

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# The properties that name a resource, most telling first.
LABELS = ("http://purl.org/dc/terms/title", f"{RG}name", "http://www.w3.org/2004/02/skos/core#prefLabel",
          "http://www.w3.org/2000/01/rdf-schema#label", f"{RG}label", f"{RG}instrumentName")
# What a fact on the words of a part is, by its class, for the page's highlighting.
FACT_KINDS = {f"{RG}Person": "person", f"{RG}Organisation": "organisation",
              f"{RG}Group": "organisation", f"{RG}Office": "organisation",
              f"{RG}Place": "place", f"{RG}Demand": "demand", f"{RG}Event": "event",
              f"{RG}LegalReference": "reference", f"{RG}Figure": "figure"}


@dataclass(frozen=True)
class Value:
    text: str
    iri: str | None = None  # a link when the value is an IRI
    language: str | None = None
    datatype: str | None = None


@dataclass(frozen=True)
class Statement:
    predicate: str
    value: Value
    graph: str | None  # the first graph stating it
    graphs: int = 1  # how many graphs state it


@dataclass(frozen=True)
class Span:
    """A stretch of a part's text and the facts stated on all of it, innermost last."""

    text: str
    facts: tuple[tuple[str, str], ...]  # (kind, IRI of the fact or of what it names)
    footnote: str | None = None  # a footnote marker standing after this stretch


@dataclass(frozen=True)
class Part:
    iri: str
    anchor: str  # the fragment id on the page: "citation-1"
    kind: str  # citation, recital, paragraph, footnote, title
    label: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class ResourcePage:
    iri: str
    label: str
    label_language: str | None  # the label's language tag, when it has one
    types: tuple[str, ...]
    statements: tuple[Statement, ...]
    inverse: Inverse
    parts: tuple[Part, ...] = ()  # a resolution's text, in document order


def value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Value:
    if isinstance(term, ox.NamedNode):
        return Value(term.value, iri=term.value)
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if not term.language else None
        return Value(term.value, language=term.language, datatype=datatype)
    return Value(str(term))


def quick_label(store: ox.Store, iri: str, language: str = "en") -> str:
    """A resource's name read from the store, a few values of each naming property at most
    (an actor named in every resolution has as many copies of its name)."""
    node = ox.NamedNode(iri)
    some = [q for predicate in LABELS for q in itertools.islice(
        store.quads_for_pattern(node, ox.NamedNode(predicate), None, None), 8)]
    return label_of(some, iri, language)


def label_of(quads: list[ox.Quad], iri: str, language: str = "en") -> str:
    """The resource's name in `language` if it has one, else in any, else its IRI's end."""
    return labelled(quads, iri, language)[0]


def labelled(quads: list[ox.Quad], iri: str, language: str = "en") -> tuple[str, str | None]:
    """The resource's name and that name's language tag: in `language` if it has one, else
    untagged, else in any other (the page then says which), else its IRI's end."""
    by_predicate: dict[str, list[ox.Literal]] = {}
    for q in quads:
        assert not isinstance(q.subject, ox.Triple)  # the store quotes no triple
        if q.subject.value == iri and isinstance(q.object, ox.Literal):
            by_predicate.setdefault(q.predicate.value, []).append(q.object)
    for predicate in LABELS:
        found = sorted(by_predicate.get(predicate, ()), key=lambda t: (
            (t.language or "").split("-")[0] != language, bool(t.language), t.value))
        if found:
            return found[0].value, found[0].language
    # no name: the IRI's end, with what it is a part of when that end is a bare number
    # ("paragraph/5/mention/4" rather than "4")
    segments = iri.rstrip("/").split("/")
    keep = 4 if segments[-1].isdigit() and len(segments) > 4 else 1
    return " ".join(segments[-keep:]), None


def _anchor(resolution: str, part: str) -> str:
    rest = part[len(resolution):].strip("/") if part.startswith(resolution) else part
    return rest.replace("/", "-") or "top"


_PARTS = f"""
PREFIX rg: <{RG}>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?part ?type ?label ?text ?start WHERE {{
  GRAPH ?g {{
    ?part eli:is_part_of ?resolution ; a ?type ; rg:text ?text ; rg:start ?start .
    OPTIONAL {{ ?part rdfs:label ?label }}
  }}
}} ORDER BY ?start ?part
"""
_FACTS = f"""
PREFIX rg: <{RG}>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?part ?from ?to ?fact ?type ?body ?bodyType WHERE {{
  GRAPH ?g {{
    ?fact ?on ?target .
    VALUES ?on {{ oa:hasTarget rg:textSpan }}
    ?target oa:hasSource ?part ; oa:hasSelector ?selector .
    ?selector oa:start ?from ; oa:end ?to .
    ?fact a ?type .
    OPTIONAL {{ ?fact oa:hasBody ?body . ?body a ?bodyType }}
  }}
}}
"""
_FOOTNOTES = f"""
PREFIX rg: <{RG}>
SELECT ?footnote ?part ?offset ?label WHERE {{
  GRAPH ?g {{
    ?footnote rg:anchor ?part ; rg:anchorOffset ?offset .
    OPTIONAL {{ ?footnote rg:label ?label }}
  }}
}}
"""


def _rows(store: ox.Store, query: str, graph: str, resolution: str) -> list[ox.QuerySolution]:
    """The rows of `query` in the one graph, the resolution named: written into the text
    (NamedNode checks their syntax first), which Oxigraph reads as a single graph; a VALUES
    clause it did not push into the graph, and a page read every graph of a large store."""
    text = query.replace("GRAPH ?g {", f"GRAPH {ox.NamedNode(graph)} {{", 1)
    solutions = store.query(text.replace("?resolution", str(ox.NamedNode(resolution))))
    assert isinstance(solutions, ox.QuerySolutions)  # `query` is a SELECT query
    return list(solutions)


def document(store: ox.Store, resolution: str, graph: str) -> tuple[Part, ...]:
    """The resolution's parts in document order, each cut into spans at the edges of the
    facts stated on its words and at its footnote markers."""
    facts: dict[str, list[tuple[int, int, str, str]]] = {}
    for row in _rows(store, _FACTS, graph, resolution):
        kind = FACT_KINDS.get(row["bodyType"].value if row["bodyType"] else row["type"].value)
        if kind is None:
            continue
        target = row["body"].value if row["body"] else row["fact"].value
        facts.setdefault(row["part"].value, []).append(
            (int(row["from"].value), int(row["to"].value), kind, target))
    markers: dict[str, list[tuple[int, str]]] = {}
    for row in _rows(store, _FOOTNOTES, graph, resolution):
        markers.setdefault(row["part"].value, []).append(
            (int(row["offset"].value), row["footnote"].value))
    parts: list[Part] = []
    seen: set[str] = set()
    for row in _rows(store, _PARTS, graph, resolution):
        iri = row["part"].value
        kind = row["type"].value.rsplit("#", 1)[-1].lower()
        if iri in seen or kind not in ("citation", "recital", "paragraph", "footnote", "title"):
            continue
        seen.add(iri)
        label = row["label"].value if row["label"] else kind.title()
        spans = _spans(row["text"].value, facts.get(iri, []), markers.get(iri, []))
        parts.append(Part(iri, _anchor(resolution, iri), kind, label, spans))
    return tuple(parts)


def _spans(text: str, facts: list[tuple[int, int, str, str]],
           markers: list[tuple[int, str]]) -> tuple[Span, ...]:
    edges = {0, len(text)}
    for start, end, _, _ in facts:
        edges.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    edges.update(max(0, min(offset, len(text))) for offset, _ in markers)
    cuts = sorted(edges)
    at_marker = {offset: footnote for offset, footnote in sorted(markers)}
    spans = []
    for lo, hi in itertools.pairwise(cuts):
        covering = sorted(((end - start, kind, target) for start, end, kind, target in facts
                           if start <= lo and hi <= end), reverse=True)
        spans.append(Span(text[lo:hi], tuple((k, t) for _, k, t in covering),
                          at_marker.get(hi)))
    if 0 in at_marker and spans:
        spans.insert(0, Span("", (), at_marker[0]))
    return tuple(spans)
