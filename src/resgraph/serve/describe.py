"""What the server says about one IRI, read from the store: its concise bounded description
(CBD: every statement whose subject it is, in every graph, and the same again for each blank
node reached; https://www.w3.org/submission/CBD/), the statements that point to it (inverse
links, counted and paged), and a named graph's whole content when the IRI names one."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Inverse:
    """The statements whose object is an IRI: how many, and one page of them."""

    total: int
    page: tuple[ox.Quad, ...]


def description(store: ox.Store, iri: str) -> list[ox.Quad]:
    """The CBD of `iri`, with each statement's graph, sorted (the same bytes every time)."""
    found: set[ox.Quad] = set()
    todo: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(iri)]
    seen: set[ox.NamedNode | ox.BlankNode] = set()
    while todo:
        subject = todo.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for quad in store.quads_for_pattern(subject, None, None, None):
            found.add(quad)
            if isinstance(quad.object, ox.BlankNode):
                todo.append(quad.object)
    return sorted(found, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate),
                                        str(q.object)))


def graph_content(store: ox.Store, iri: str) -> list[ox.Quad] | None:
    """Every statement of the named graph `iri`, or None when the store has no such graph."""
    graph = ox.NamedNode(iri)
    if not store.contains_named_graph(graph):
        return None
    return list(store.quads_for_pattern(None, None, None, graph))


def inverse(store: ox.Store, iri: str, limit: int, offset: int) -> Inverse:
    """The statements whose object is `iri`: how many, counted by the store, and `limit` of
    them from `offset` in the store's index order, which is stable for a store (sorting them
    by text would decode every one: the Council is the object of hundreds of thousands of
    statements in a large corpus)."""
    node = ox.NamedNode(iri)  # checks the IRI's syntax before it is written into the query
    counted = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p {node} }} }}")
    assert isinstance(counted, ox.QuerySolutions)  # a SELECT query
    total = int(next(iter(counted))["n"].value)
    quads = store.quads_for_pattern(None, None, node, None)
    page = tuple(itertools.islice(quads, offset, offset + limit))
    return Inverse(total, page)


def known(store: ox.Store, iri: str) -> bool:
    """Whether the store says anything of `iri`, as subject or object, or holds it as a
    graph."""
    node = ox.NamedNode(iri)
    return (next(iter(store.quads_for_pattern(node, None, None, None)), None) is not None
            or next(iter(store.quads_for_pattern(None, None, node, None)), None) is not None
            or store.contains_named_graph(node))
