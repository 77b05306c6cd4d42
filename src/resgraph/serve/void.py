"""The dataset described from its data: a VoID description (W3C Interest Group Note
"Describing Linked Datasets with the VoID Vocabulary", 2011) counted in the store — triples,
entities, class and property partitions, and the linksets to the EP Open Data Portal, the
Publications Office (Cellar, ELI, authority tables) and Wikidata with their link counts."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCTERMS = "http://purl.org/dc/terms/"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
# The datasets resgraph links to, by the namespace of their IRIs.
TARGETS = {
    "odp": ("EP Open Data Portal", "https://data.europarl.europa.eu/"),
    "cellar": ("Publications Office of the EU (Cellar, ELI, authority tables)",
               "http://publications.europa.eu/resource/"),
    "eli": ("EUR-Lex ELI", "http://data.europa.eu/eli/"),
    "wikidata": ("Wikidata", "http://www.wikidata.org/entity/"),
}


@dataclass(frozen=True)
class Counts:
    triples: int
    entities: int
    classes: tuple[tuple[str, int], ...]  # class IRI, distinct instances
    properties: tuple[tuple[str, int], ...]  # property IRI, triples
    links: tuple[tuple[str, str, int], ...]  # target key, link predicate, triples


def _number(store: ox.Store, query: str) -> int:
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)  # `query` is a SELECT query
    row = next(iter(solutions))
    return int(row[0].value)


def count(store: ox.Store) -> Counts:
    """What the store holds, counted (over every named graph)."""
    triples = _number(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    entities = _number(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }"
                              " FILTER isIRI(?s) }")
    classes = tuple(sorted((r["c"].value, int(r["n"].value)) for r in store.query(  # type: ignore[union-attr]
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?c } } GROUP BY ?c")))
    properties = tuple(sorted((r["p"].value, int(r["n"].value)) for r in store.query(  # type: ignore[union-attr]
        "SELECT ?p (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?p")))
    links = []
    for key, (_, namespace) in TARGETS.items():
        others = [ns for k, (_, ns) in TARGETS.items() if k != key and ns.startswith(namespace)]
        exclude = "".join(f' && !STRSTARTS(STR(?o), "{ns}")' for ns in others)
        query = (f'SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (isIRI(?o)'
                 f' && STRSTARTS(STR(?o), "{namespace}"){exclude} && ?p != <{RDF_TYPE.value}>)'
                 f" }} GROUP BY ?p")
        links += [(key, r["p"].value, int(r["n"].value)) for r in store.query(query)]  # type: ignore[union-attr]
    return Counts(triples, entities, classes, properties, tuple(sorted(links)))


def description(counts: Counts, dataset: str, endpoint: str | None, dump: str | None,
                uri_space: str) -> list[ox.Triple]:
    """The VoID triples of `dataset` from `counts` (`endpoint` None where there is no SPARQL
    endpoint: a static copy of the site)."""
    node = ox.NamedNode(dataset)
    void = lambda name: ox.NamedNode(VOID + name)  # noqa: E731
    number = lambda n: ox.Literal(str(n), datatype=XSD_INTEGER)  # noqa: E731
    out = [
        ox.Triple(node, RDF_TYPE, void("Dataset")),
        ox.Triple(node, ox.NamedNode(DCTERMS + "title"),
                  ox.Literal("European Parliament resolutions as linked data (resgraph)",
                             language="en")),
        ox.Triple(node, void("triples"), number(counts.triples)),
        ox.Triple(node, void("entities"), number(counts.entities)),
        ox.Triple(node, void("classes"), number(len(counts.classes))),
        ox.Triple(node, void("properties"), number(len(counts.properties))),
        ox.Triple(node, void("uriSpace"), ox.Literal(uri_space)),
        ox.Triple(node, void("vocabulary"), ox.NamedNode("https://w3id.org/resgraph/ontology#")),
    ]
    if endpoint:
        out.append(ox.Triple(node, void("sparqlEndpoint"), ox.NamedNode(endpoint)))
    if dump:
        out.append(ox.Triple(node, void("dataDump"), ox.NamedNode(dump)))
    for kind, rows, key in (("class", counts.classes, "entities"),
                            ("property", counts.properties, "triples")):
        for iri, n in rows:
            part = ox.NamedNode(f"{dataset}/{kind}-partition/{_slug(iri)}")
            out += [ox.Triple(node, void(f"{kind}Partition"), part),
                    ox.Triple(part, void(kind), ox.NamedNode(iri)),
                    ox.Triple(part, void(key), number(n))]
    for key, predicate, n in counts.links:
        linkset = ox.NamedNode(f"{dataset}/linkset/{key}/{_slug(predicate)}")
        target = ox.NamedNode(f"{dataset}/target/{key}")
        out += [ox.Triple(linkset, RDF_TYPE, void("Linkset")),
                ox.Triple(node, void("subset"), linkset),
                ox.Triple(linkset, void("subjectsTarget"), node),
                ox.Triple(linkset, void("objectsTarget"), target),
                ox.Triple(linkset, void("linkPredicate"), ox.NamedNode(predicate)),
                ox.Triple(linkset, void("triples"), number(n)),
                ox.Triple(target, RDF_TYPE, void("Dataset")),
                ox.Triple(target, ox.NamedNode(DCTERMS + "title"),
                          ox.Literal(TARGETS[key][0], language="en")),
                ox.Triple(target, void("uriSpace"), ox.Literal(TARGETS[key][1]))]
    return sorted(set(out), key=str)


def _slug(iri: str) -> str:
    import hashlib

    tail = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    safe = "".join(c if c.isalnum() else "-" for c in tail)[:40]
    return f"{safe}-{hashlib.sha256(iri.encode()).hexdigest()[:8]}"
