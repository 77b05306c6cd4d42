"""Quads -> the six serialisations, deterministically: the same input gives the same bytes.

Quads are sorted before writing; prefix declarations are sorted too. JSON-LD is written here
(compacted with the context in ontology/context.jsonld) because pyoxigraph writes expanded
JSON-LD only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox

from resgraph.vocab import PREFIXES, RDF, XSD


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    media_type: str
    quads: bool  # holds named graphs (one file for all) or triples (one file per graph)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("nquads", "nq", "application/n-quads", True),
        Format("trig", "trig", "application/trig", True),
        Format("jsonld", "jsonld", "application/ld+json", True),
        Format("turtle", "ttl", "text/turtle", False),
        Format("ntriples", "nt", "application/n-triples", False),
        Format("rdfxml", "rdf", "application/rdf+xml", False),
    )
}

_OX_FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def sort_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    # .value is cheaper than str(); objects need str() so literals of different datatypes or
    # languages never compare equal. resgraph's quads are in named graphs and quote no triple:
    # graph names and subjects are IRIs or blank nodes.
    return sorted(quads, key=lambda q: (
        cast("ox.NamedNode | ox.BlankNode", q.graph_name).value,
        cast("ox.NamedNode | ox.BlankNode", q.subject).value, q.predicate.value, str(q.object)))


def _sorted_prefix_block(data: bytes) -> bytes:
    """pyoxigraph writes prefixes in its own map order; sort them for stable diffs."""
    lines = data.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix"):
        n += 1
    return b"\n".join(sorted(lines[:n]) + lines[n:])


def split_prefixes(data: bytes) -> tuple[bytes, bytes]:
    """A Turtle-family document -> its prefix block (with the line that ends it) and the rest.
    pyoxigraph writes every prefix it is given, so the block is the same for any graph: a
    corpus writes it once and then each graph's body (`serialize(..., "trig")` of one graph)."""
    lines = data.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix"):
        n += 1
    return b"\n".join(lines[:n]) + b"\n", b"\n".join(lines[n:])


def context() -> dict[str, dict[str, str]]:
    """The JSON-LD context resgraph ships (ontology/context.jsonld has the same content)."""
    return {"@context": dict(sorted(PREFIXES.items()))}


def _compact(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            local = iri[len(ns) :]
            if local and all(c.isalnum() or c in "_-." for c in local):
                return f"{prefix}:{local}"
    return iri


def _jsonld_value(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> object:
    if isinstance(term, ox.NamedNode):
        return {"@id": _compact(term.value)}
    if isinstance(term, ox.BlankNode):
        return {"@id": f"_:{term.value}"}
    if term.language:
        return {"@value": term.value, "@language": term.language}
    if term.datatype.value == XSD + "string":
        return term.value
    return {"@value": term.value, "@type": _compact(term.datatype.value)}


def _by_graph(quads: Iterable[ox.Quad]) -> dict[str, dict[str, dict[str, list[object]]]]:
    graphs: dict[str, dict[str, dict[str, list[object]]]] = {}
    for q in sort_quads(quads):
        # named graphs, no quoted triple (see sort_quads): a triple object would fail in
        # _jsonld_value
        assert isinstance(q.graph_name, ox.NamedNode | ox.BlankNode)
        assert isinstance(q.subject, ox.NamedNode | ox.BlankNode)
        assert not isinstance(q.object, ox.Triple)
        nodes = graphs.setdefault(q.graph_name.value, {})
        node = nodes.setdefault(q.subject.value, {})
        if q.predicate.value == RDF + "type" and isinstance(q.object, ox.NamedNode):
            node.setdefault("@type", []).append(_compact(q.object.value))
        else:
            node.setdefault(_compact(q.predicate.value), []).append(_jsonld_value(q.object))
    return graphs


def jsonld_graph_chunks(quads: Iterable[ox.Quad]) -> dict[str, str]:
    """Each named graph's JSON-LD object, as it stands in the document's "@graph" list
    (indented two levels): graph IRI -> text. A corpus writes them as they come and joins them
    in graph order (`jsonld_document`)."""
    return {
        graph: "\n".join("  " + line for line in json.dumps(
            {"@id": graph, "@graph": [{"@id": subject, **props}
                                      for subject, props in nodes.items()]},
            ensure_ascii=False, indent=1).split("\n"))
        for graph, nodes in _by_graph(quads).items()
    }


_SLOT = "\x00graphs\x00"


def jsonld_document(chunks: Iterable[str]) -> Iterator[bytes]:
    """The JSON-LD document holding `chunks` (from `jsonld_graph_chunks`, in graph order),
    piece by piece: the context, then each graph, so that a corpus need not hold them all."""
    shell = json.dumps({**context(), "@graph": [_SLOT]}, ensure_ascii=False, indent=1)
    slot = "  " + json.dumps(_SLOT)
    head, tail = shell.split(slot)
    first = True
    for chunk in chunks:
        yield ((head if first else ",\n") + chunk).encode("utf-8")
        first = False
    if first:  # no graph at all
        yield (json.dumps({**context(), "@graph": []}, ensure_ascii=False, indent=1)
               + "\n").encode("utf-8")
        return
    yield (tail + "\n").encode("utf-8")


def to_jsonld(quads: Sequence[ox.Quad]) -> bytes:
    chunks = jsonld_graph_chunks(quads)
    return b"".join(jsonld_document(chunks[g] for g in chunks))


def serialize(quads: Sequence[ox.Quad], fmt: str) -> bytes:
    """Quads of one or more graphs in `fmt`; triple formats drop the graph names, so give
    them one graph at a time."""
    if fmt == "jsonld":
        return to_jsonld(quads)
    if fmt in ("nquads", "ntriples"):
        # One statement per line: sorting the lines is the same order for any reader and
        # much cheaper than sorting term objects.
        items: Sequence[ox.Quad] | Sequence[ox.Triple] = (
            quads if fmt == "nquads" else [q.triple for q in quads])
        data = ox.serialize(items, format=_OX_FORMATS[fmt])
        assert data is not None  # no output given: the bytes are returned
        lines = data.splitlines(keepends=True)
        return b"".join(sorted(set(lines)))
    ordered = sort_quads(quads)
    items = ordered if FORMATS[fmt].quads else [q.triple for q in ordered]
    prefixes = None if fmt in ("nquads", "ntriples") else PREFIXES
    data = ox.serialize(items, format=_OX_FORMATS[fmt], prefixes=prefixes)
    assert data is not None  # no output given: the bytes are returned
    return _sorted_prefix_block(data) if prefixes else data
