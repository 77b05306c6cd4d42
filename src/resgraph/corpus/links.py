"""Links between the resolutions of one corpus, which no single document can make: a
reference to an earlier text (its target an EP Open Data Portal document, from "P9_TA(2021)
0056" in a footnote) points to that text's node when it is in the corpus.

They live in a named graph of their own, `{base}corpus/links`, so that each resolution's
graph stays a function of its input alone; the graph is rebuilt with the corpus."""

from __future__ import annotations

import pyoxigraph as ox

from resgraph.vocab import RG

LINKS = "corpus/links"

_QUERY = f"""
PREFIX rg: <{RG}>
SELECT DISTINCT ?reference ?resolution WHERE {{
  GRAPH ?citing {{ ?reference a rg:LegalReference ; rg:target ?document }}
  GRAPH ?cited {{ ?resolution a rg:Resolution ; rg:odpDocument ?document }}
}}
"""


def corpus_links(store: ox.Store, base: str) -> list[ox.Quad]:
    """`?reference rg:citesResolution ?resolution` for every reference whose target is the
    ODP document of a resolution in the store, in the links graph, sorted."""
    graph = ox.NamedNode(base + LINKS)
    predicate = ox.NamedNode(RG + "citesResolution")
    found = [ox.Quad(s["reference"], predicate, s["resolution"], graph)
             for s in store.query(_QUERY)]  # type: ignore[union-attr]
    return sorted(found, key=lambda q: (q.subject.value, q.object.value))
