"""What a corpus says across its resolutions, computed once when the store is built: the
persons named in more than one resolution and the demands made in more than one.

Both are aggregates over every resolution's graph. Asked of a 20,000-resolution store they
took 4.0 s and 22.8 s (benchmarks/scale.py, 2026-12-01), every time anyone asked; computed
here they cost that once per build, and the stored queries `persons-across` and
`repeated-demands` read their rows from this graph, `{base}corpus/across`. Like the links
graph (corpus.links) it is a graph of its own, so that each resolution's graph stays a
function of its input alone, and it is rebuilt with the corpus.

What the graph says is what the live aggregate says (tests/test_corpus.py runs both):
- a person named in more than one resolution: `a rg:Person`, the least of its names, every
  role any resolution gives it, `rg:resolutionCount` and the first and last dates;
- a repeated demand, `rg:RepeatedDemand`, one per addressee, speech act and opening of the
  action (its first 40 characters, lower case) found in more than one resolution: the
  addressee and its least name (`rg:addresseeName`: a person's name across the corpus may
  be another), the act and its label, the opening, the count, the first and
  last dates and the least action as an example. Its IRI is a digest of those three keys, so
  the same repeated demand keeps its IRI from build to build.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from resgraph.vocab import RG

ACROSS = "corpus/across"

_PREFIXES = f"""PREFIX rg: <{RG}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_PERSONS = _PREFIXES + """
SELECT ?person (MIN(STR(?n)) AS ?name) (COUNT(DISTINCT ?resolution) AS ?resolutions)
       (MIN(?date) AS ?firstDate) (MAX(?date) AS ?lastDate)
WHERE {
  GRAPH ?g {
    ?person a rg:Person ; rg:name ?n .
    ?resolution a rg:Resolution .
    OPTIONAL { ?resolution dcterms:date ?date }
  }
}
GROUP BY ?person
HAVING (COUNT(DISTINCT ?resolution) > 1)
"""

_ROLES = _PREFIXES + """
SELECT DISTINCT ?person ?role WHERE { GRAPH ?g { ?person a rg:Person ; rg:role ?role } }
"""

_DEMANDS = _PREFIXES + """
SELECT ?addressee (MIN(STR(?name)) AS ?addresseeName) ?actConcept (MIN(?label) AS ?act)
       ?actionOpening (COUNT(DISTINCT ?resolution) AS ?resolutions) (MIN(?date) AS ?firstDate)
       (MAX(?date) AS ?lastDate) (MIN(?action) AS ?example)
WHERE {
  GRAPH ?g {
    ?demand rg:addressee ?addressee ;
        rg:part ?part ;
        rg:act ?actConcept ;
        rg:action ?action .
    ?addressee rg:name ?name .
    ?part eli:is_part_of ?resolution .
    ?resolution a rg:Resolution .
    ?actConcept skos:prefLabel ?label .
    OPTIONAL { ?resolution dcterms:date ?date }
  }
  BIND (LCASE(SUBSTR(?action, 1, 40)) AS ?actionOpening)
}
GROUP BY ?addressee ?actConcept ?actionOpening
HAVING (COUNT(DISTINCT ?resolution) > 1)
"""


def _term(name: str) -> ox.NamedNode:
    return ox.NamedNode(RG + name)


def corpus_across(store: ox.Store, base: str) -> list[ox.Quad]:
    """The across graph's quads for the resolutions in `store`, sorted."""
    graph = ox.NamedNode(base + ACROSS)
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    pref_label = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    found: set[ox.Quad] = set()

    def add(subject: ox.NamedNode, predicate: ox.NamedNode, value: object) -> None:
        if isinstance(value, ox.NamedNode | ox.Literal):
            found.add(ox.Quad(subject, predicate, value, graph))

    def dates(subject: ox.NamedNode, row: ox.QuerySolution) -> None:
        add(subject, _term("resolutionCount"), row["resolutions"])
        add(subject, _term("firstDate"), row["firstDate"])
        add(subject, _term("lastDate"), row["lastDate"])

    persons = set()
    for row in store.query(_PERSONS):  # type: ignore[union-attr]
        person = row["person"]
        persons.add(person)
        add(person, rdf_type, _term("Person"))
        add(person, _term("name"), row["name"])
        dates(person, row)
    for row in store.query(_ROLES):  # type: ignore[union-attr]
        if row["person"] in persons:
            add(row["person"], _term("role"), row["role"])
    for row in store.query(_DEMANDS):  # type: ignore[union-attr]
        addressee, act, opening = row["addressee"], row["actConcept"], row["actionOpening"]
        key = "\n".join((addressee.value, act.value, opening.value))
        node = ox.NamedNode(f"{base}{ACROSS}/repeated-demand/"
                            + hashlib.sha256(key.encode()).hexdigest()[:16])
        add(node, rdf_type, _term("RepeatedDemand"))
        add(node, _term("repeatedAddressee"), addressee)
        add(node, _term("repeatedAct"), act)
        add(node, _term("actionOpening"), opening)
        add(node, _term("exampleAction"), row["example"])
        add(node, _term("addresseeName"), row["addresseeName"])
        dates(node, row)
        add(act, pref_label, row["act"])
    return sorted(found, key=lambda q: (q.subject.value, q.predicate.value, str(q.object)))
