"""pyoxigraph terms used by the builders, created once."""

from __future__ import annotations

from functools import cache

from pyoxigraph import NamedNode

from resgraph.vocab import OA, RDF, RDFS, RG

TYPE = NamedNode(RDF + "type")
LABEL = NamedNode(RDFS + "label")


@cache
def rg(local: str) -> NamedNode:
    """A term of the resgraph ontology."""
    return NamedNode(RG + local)


@cache
def oa(local: str) -> NamedNode:
    """A term of the Web Annotation vocabulary."""
    return NamedNode(OA + local)
