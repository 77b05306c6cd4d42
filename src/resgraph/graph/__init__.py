"""Resolution -> RDF quads. The only place that mints IRIs and writes triples."""

from resgraph.graph.build import build_quads
from resgraph.graph.iri import Minter

__all__ = ["Minter", "build_quads"]
