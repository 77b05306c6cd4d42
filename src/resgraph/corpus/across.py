"""What a corpus says across its resolutions, and the links between them, made from a small
summary of each resolution's graph rather than from the store.

Asked of a 20,000-resolution store, the aggregates took 70 s and 359 s, and finding the
links 162 s (README, "One-off measurements"; the store reads were I/O-bound), so each
document's worker writes what the aggregates need of its graph (`summarise`, a pure function
of the graph: a few kilobytes of JSON beside its N-Quads, reused by an incremental build), and
the build groups the summaries in an SQLite database on disk (`aggregate`), in bounded memory
and in seconds. The quads are joined to the corpus's files before the store is loaded, so
`--no-store` builds have them too.

Two graphs of their own, so that each resolution's graph stays a function of its input alone:
- `{base}corpus/links`: `?reference rg:citesResolution ?resolution` for every legal reference
  whose target is the EP Open Data Portal document of a resolution in the corpus;
- `{base}corpus/across`: a person named in more than one resolution (`a rg:Person`, the least
  of its names, every role any resolution gives it, `rg:resolutionCount`, the first and last
  dates), and `rg:RepeatedDemand`s, one per addressee, speech act and opening of the action
  (its first 40 characters, lower case) found in more than one resolution: the addressee and
  its least name (`rg:addresseeName`), the act and its label, the opening, the count, the
  first and last dates and the least action as an example. A repeated demand's IRI is a
  digest of its three keys, so it keeps its IRI from build to build.
What they say is what the same aggregates say asked of the store (tests/test_corpus.py runs
both): the summary keeps, per graph, exactly the rows of the aggregates' graph patterns, and
SQLite's MIN and MAX on text compare code points as SPARQL's do on strings.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from resgraph.vocab import RG

ACROSS = "corpus/across"
LINKS = "corpus/links"
OPENING = 40  # characters of an action that make a repeated demand's key

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_DATE = "http://purl.org/dc/terms/date"
_IS_PART_OF = "http://data.europa.eu/eli/ontology#is_part_of"
_PREF_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RESOLUTION, _PERSON, _LEGAL_REFERENCE = (RG + k for k in ("Resolution", "Person",
                                                           "LegalReference"))
_NAME, _ROLE, _TARGET, _ACTION, _ADDRESSEE, _PART, _ACT, _ODP_DOCUMENT = (
    RG + p for p in ("name", "role", "target", "action", "addressee", "part", "act",
                     "odpDocument"))
# The predicates summarise reads, besides rdf:type
_SUMMARISED = frozenset({_DATE, _IS_PART_OF, _PREF_LABEL, _NAME, _ROLE, _TARGET, _ACTION,
                         _ADDRESSEE, _PART, _ACT, _ODP_DOCUMENT})


def _literal(term: ox.Literal) -> list[str]:
    return [term.value, term.language or "", "" if term.language else term.datatype.value]


def summarise(quads: Iterable[ox.Quad]) -> bytes:
    """What the corpus-wide aggregates need of one resolution's graph, as JSON: the rows of
    their graph patterns matched in this graph alone.

    Only the predicates those patterns name are indexed, and each subject's types are kept as
    a set of IRIs: this runs once per resolution of a corpus, and indexing every quad took
    11.5 s for the 1,000 graphs of benchmarks/scale.py's corpus against 4.1 s so (2 cores,
    2026-12-02)."""
    by: dict[str, dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]]] = defaultdict(
        lambda: defaultdict(list))
    types: dict[str, set[str]] = defaultdict(set)
    for q in quads:
        predicate = q.predicate.value
        if predicate != _RDF_TYPE and predicate not in _SUMMARISED:
            continue
        # resgraph's graphs quote no triple: subjects and objects are plain terms
        assert not isinstance(q.subject, ox.Triple) and not isinstance(q.object, ox.Triple)
        if predicate == _RDF_TYPE:
            types[q.subject.value].add(q.object.value)
        else:
            by[q.subject.value][predicate].append(q.object)

    def values(subject: str, predicate: str) -> list[ox.NamedNode | ox.BlankNode | ox.Literal]:
        found = by.get(subject)
        return found.get(predicate, []) if found is not None else []

    resolutions = [s for s, kinds in types.items() if _RESOLUTION in kinds]
    dates: dict[str, list[list[str]] | list[None]] = {
        r: [_literal(d) for d in values(r, _DATE) if isinstance(d, ox.Literal)] or [None]
        for r in resolutions}
    persons, roles, demands, targets, documents = [], [], [], [], []
    for subject, kinds in types.items():
        if _PERSON in kinds:
            names = [n.value for n in values(subject, _NAME) if isinstance(n, ox.Literal)]
            persons += [[subject, n] for n in names]
            if names:
                roles += [[subject, r.value] for r in values(subject, _ROLE)
                          if isinstance(r, ox.Literal)]
        if _LEGAL_REFERENCE in kinds:
            targets += [[subject, t.value] for t in values(subject, _TARGET)
                        if isinstance(t, ox.NamedNode)]
    for properties in by.values():
        if _ADDRESSEE not in properties:
            continue
        actions = [a for a in properties.get(_ACTION, []) if isinstance(a, ox.Literal)]
        for addressee in properties[_ADDRESSEE]:
            names = [n.value for n in values(addressee.value, _NAME)
                     if isinstance(n, ox.Literal)]
            for part in properties.get(_PART, []):
                for resolution in values(part.value, _IS_PART_OF):
                    if resolution.value not in dates:
                        continue
                    for act in properties.get(_ACT, []):
                        labels = [label for label in values(act.value, _PREF_LABEL)
                                  if isinstance(label, ox.Literal)]
                        demands += [[addressee.value, name, act.value, _literal(label),
                                     action.value[:OPENING].lower(), action.value,
                                     resolution.value]
                                    for name in names for label in labels for action in actions]
    for r in resolutions:
        documents += [[r, d.value] for d in values(r, _ODP_DOCUMENT)]
    summary = {"resolutions": [[r, dates[r]] for r in sorted(resolutions)],
               "persons": sorted(persons), "roles": sorted(roles), "demands": sorted(demands),
               "targets": sorted(targets), "documents": sorted(documents)}
    return json.dumps(summary, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


_SCHEMA = """
CREATE TABLE resolution (graph INTEGER, resolution TEXT, date TEXT, language TEXT, datatype TEXT);
CREATE TABLE person (graph INTEGER, person TEXT, name TEXT);
CREATE TABLE role (person TEXT, role TEXT);
CREATE TABLE demand (graph INTEGER, addressee TEXT, name TEXT, act TEXT, label TEXT,
                     label_language TEXT, label_datatype TEXT, opening TEXT, action TEXT,
                     resolution TEXT);
CREATE TABLE target (reference TEXT, target TEXT);
CREATE TABLE document (resolution TEXT, document TEXT);
"""
# Each resolution's dates joined to its rows, as the aggregates' OPTIONAL does (a graph holds
# one resolution; an undated one gives NULL, which MIN and MAX skip as SPARQL skips unbound).
_PERSONS = """
SELECT p.person, MIN(p.name), COUNT(DISTINCT r.resolution), MIN(r.date), MAX(r.date),
       MIN(r.datatype)
FROM person p JOIN resolution r ON r.graph = p.graph
GROUP BY p.person HAVING COUNT(DISTINCT r.resolution) > 1 ORDER BY p.person
"""
_DEMANDS = """
SELECT d.addressee, MIN(d.name), d.act, MIN(d.label), MIN(d.label_language),
       MIN(d.label_datatype), d.opening, COUNT(DISTINCT d.resolution), MIN(r.date),
       MAX(r.date), MIN(r.datatype), MIN(d.action)
FROM demand d JOIN resolution r ON r.graph = d.graph AND r.resolution = d.resolution
GROUP BY d.addressee, d.act, d.opening HAVING COUNT(DISTINCT d.resolution) > 1
ORDER BY d.addressee, d.act, d.opening
"""
_LINKS = """
SELECT DISTINCT t.reference, d.resolution FROM target t JOIN document d ON d.document = t.target
ORDER BY t.reference, d.resolution
"""


def _term(name: str) -> ox.NamedNode:
    return ox.NamedNode(RG + name)


def _value(text: str, language: str, datatype: str) -> ox.Literal:
    if language:
        return ox.Literal(text, language=language)
    return ox.Literal(text, datatype=ox.NamedNode(datatype or _XSD + "string"))


def aggregate(summaries: Iterable[bytes], base: str, database: Path) -> list[ox.Quad]:
    """The links and across graphs' quads from the summaries of every resolution of the
    corpus, grouped in an SQLite database at `database` (removed after), sorted."""
    database.unlink(missing_ok=True)
    connection = sqlite3.connect(database)
    try:
        connection.executescript(_SCHEMA)
        for number, data in enumerate(summaries):
            s = json.loads(data)
            connection.executemany(
                "INSERT INTO resolution VALUES (?, ?, ?, ?, ?)",
                [(number, r, *(d if d else (None, None, None))) for r, ds in s["resolutions"]
                 for d in ds])
            connection.executemany("INSERT INTO person VALUES (?, ?, ?)",
                                   [(number, *p) for p in s["persons"]])
            connection.executemany("INSERT INTO role VALUES (?, ?)", s["roles"])
            connection.executemany(
                "INSERT INTO demand VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(number, a, n, act, *label, opening, action, r)
                 for a, n, act, label, opening, action, r in s["demands"]])
            connection.executemany("INSERT INTO target VALUES (?, ?)", s["targets"])
            connection.executemany("INSERT INTO document VALUES (?, ?)", s["documents"])
        connection.commit()
        return _quads(connection, base)
    finally:
        connection.close()
        database.unlink(missing_ok=True)


def _quads(connection: sqlite3.Connection, base: str) -> list[ox.Quad]:
    links_graph, across = ox.NamedNode(base + LINKS), ox.NamedNode(base + ACROSS)
    rdf_type = ox.NamedNode(_RDF_TYPE)
    found: set[ox.Quad] = set()

    def add(subject: ox.NamedNode, predicate: ox.NamedNode, value: object,
            graph: ox.NamedNode = across) -> None:
        if isinstance(value, ox.NamedNode | ox.Literal):
            found.add(ox.Quad(subject, predicate, value, graph))

    def counted(node: ox.NamedNode, count: int, first: str | None, last: str | None,
                datatype: str | None) -> None:
        add(node, _term("resolutionCount"),
            ox.Literal(str(count), datatype=ox.NamedNode(_XSD + "integer")))
        for name, date in (("firstDate", first), ("lastDate", last)):
            if date is not None:
                add(node, _term(name), _value(date, "", datatype or ""))

    for reference, resolution in connection.execute(_LINKS):
        add(ox.NamedNode(reference), _term("citesResolution"), ox.NamedNode(resolution),
            links_graph)
    recurring = set()
    for person, name, count, first, last, datatype in connection.execute(_PERSONS):
        node = ox.NamedNode(person)
        recurring.add(person)
        add(node, rdf_type, _term("Person"))
        add(node, _term("name"), ox.Literal(name))
        counted(node, count, first, last, datatype)
    for person, role in connection.execute("SELECT DISTINCT person, role FROM role"):
        if person in recurring:
            add(ox.NamedNode(person), _term("role"), ox.Literal(role))
    for (addressee, name, act, label, language, datatype, opening, count, first, last,
         date_type, example) in connection.execute(_DEMANDS):
        key = "\n".join((addressee, act, opening))
        node = ox.NamedNode(f"{base}{ACROSS}/repeated-demand/"
                            + hashlib.sha256(key.encode()).hexdigest()[:16])
        add(node, rdf_type, _term("RepeatedDemand"))
        add(node, _term("repeatedAddressee"), ox.NamedNode(addressee))
        add(node, _term("repeatedAct"), ox.NamedNode(act))
        add(node, _term("actionOpening"), ox.Literal(opening))
        add(node, _term("exampleAction"), ox.Literal(example))
        add(node, _term("addresseeName"), ox.Literal(name))
        counted(node, count, first, last, date_type)
        add(ox.NamedNode(act), ox.NamedNode(_PREF_LABEL), _value(label, language, datatype))
    # written into named graphs, quoting no triple: graph names and subjects are IRIs
    return sorted(found, key=lambda q: (
        cast("ox.NamedNode | ox.BlankNode", q.graph_name).value,
        cast("ox.NamedNode | ox.BlankNode", q.subject).value, q.predicate.value, str(q.object)))
