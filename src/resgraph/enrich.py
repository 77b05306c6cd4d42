"""`resgraph enrich`: what EP Open Data Portal records say about the resolutions in a graph,
in a named graph of its own (`{base}odp/enrichment`) that names the records it came from.

Records are read as the ODP publishes them: API v2 JSON-LD (its remote `@context` replaced by
the one resgraph ships, data/odp_context.json, made from the ELI-EP shapes by
scripts/odp_context.py), Turtle or RDF/XML dumps. A record is about a resolution of the graph
when it describes the resolution's procedure (`rg:procedure`), its ODP document
(`rg:odpDocument`) or a joint motion deriving from the motions it replaces. What is taken:

- from a procedure: the plenary decision and the text adopted it decided on
  (`eli-dl:decided_on_a_realization_of`), the date of that decision, the plenary vote results
  of that day, and the sitting: `…/eli/dl/event/MTG-PL-{date}`, the sitting IRI the ODP's vote
  and activity IRIs of that day begin with (`MTG-PL-2024-04-24-VOT-ITM-946131`);
- from a document: the joint motion's ODP document, the motions it derives from
  (`eli:is_derivative_of`, as `dcterms:replaces`) and the Rules of Procedure item it is based
  on (`eli:based_on`, the ODP's `RULES-…-ITM-…` items).

Nothing is guessed: a fact appears when a record states it. A vote's outcome and the votes
cast are not in the records seen (reference/ep-sources.md), so none is stated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast

import pyoxigraph as ox

from resgraph.errors import InputError
from resgraph.vocab import RG

ENRICHMENT = "odp/enrichment"
ELI = "http://data.europa.eu/eli/ontology#"
ELI_DL = "http://data.europa.eu/eli/eli-draft-legislation-ontology#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ODP = "https://data.europarl.europa.eu/"
# What a record is about: a procedure or a work (not its expressions and manifestations).
_RECORD = re.compile(re.escape(ODP) + r"eli/dl/(?:proc/\d{4}-\d{4}"
                     r"|doc/[A-Z]+-\d{1,2}-\d{4}-\d{4})")
_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".rdf": ox.RdfFormat.RDF_XML,
            ".xml": ox.RdfFormat.RDF_XML, ".nt": ox.RdfFormat.N_TRIPLES}


@dataclass(frozen=True)
class Enrichment:
    quads: tuple[ox.Quad, ...]
    records: tuple[str, ...]  # the subjects of the records read (procedures, documents)
    resolutions: tuple[str, ...]  # the resolutions something was said about


@cache
def odp_context() -> dict:
    data = json.loads((Path(__file__).parent / "data" / "odp_context.json").read_text("utf-8"))
    return data["@context"]


def read_record(path: Path) -> list[ox.Triple]:
    """The triples of one ODP record file."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    suffix = path.suffix.lower()
    try:
        if suffix in (".json", ".jsonld"):
            data = json.loads(path.read_text("utf-8"))
            if not isinstance(data, dict) or "data" not in data:
                raise InputError(str(path), "not an EP Open Data Portal API record (no 'data')")
            data["@context"] = odp_context()  # the remote one is not fetched
            quads = ox.parse(json.dumps(data).encode(), format=ox.RdfFormat.JSON_LD)
        elif suffix in _FORMATS:
            quads = ox.parse(path=str(path), format=_FORMATS[suffix])
        else:
            raise InputError(str(path), "not an ODP record (expected .json, .jsonld, .ttl, "
                             ".rdf, .xml or .nt)")
        return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not a readable ODP record: {exc}") from None


# Resolutions of the graph, with what records can be matched on.
_OURS = f"""
PREFIX rg: <{RG}>
PREFIX dcterms: <{DCTERMS}>
SELECT ?resolution ?key WHERE {{
  GRAPH ?g {{
    ?resolution a rg:Resolution .
    {{ ?resolution rg:procedure ?key }} UNION {{ ?resolution rg:odpDocument ?key }}
    UNION {{ ?resolution dcterms:replaces ?key }}
  }}
}}"""

# What the records say, for a resolution whose key they describe.
_FACTS = f"""
PREFIX rg: <{RG}>
PREFIX eli: <{ELI}>
PREFIX eli-dl: <{ELI_DL}>
PREFIX dcterms: <{DCTERMS}>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
CONSTRUCT {{
  ?resolution rg:textAdopted ?adopted ; rg:adoptedBy ?decision ; rg:dateAdopted ?day ;
      rg:vote ?vote ; rg:sitting ?sitting .
  ?resolution rg:odpDocument ?work ; dcterms:replaces ?motion ; eli:based_on ?rule .
}} WHERE {{
  {{
    GRAPH <urn:resgraph:ours> {{ ?resolution rg:key ?proc }}
    ?proc eli-dl:consists_of ?decision .
    ?decision eli-dl:decided_on_a_realization_of ?adopted ;
        eli-dl:activity_date ?date .
    FILTER(STRSTARTS(STR(?adopted), "{ODP}eli/dl/doc/TA-"))
    BIND(xsd:date(SUBSTR(STR(?date), 1, 10)) AS ?day)
    OPTIONAL {{
      ?proc eli-dl:consists_of ?vote .
      ?vote eli-dl:had_activity_type <{ODP}def/ep-activities/PLENARY_VOTE_RESULTS> ;
          eli-dl:activity_date ?voteDate .
      FILTER(SUBSTR(STR(?voteDate), 1, 10) = SUBSTR(STR(?date), 1, 10))
      BIND(IRI(STRBEFORE(STR(?vote), "-VOT-")) AS ?sitting)
    }}
  }} UNION {{
    GRAPH <urn:resgraph:ours> {{ ?resolution rg:key ?key }}
    ?work eli:is_derivative_of ?motion .
    FILTER(STRSTARTS(STR(?work), "{ODP}eli/dl/doc/RC-"))
    FILTER(?work = ?key || EXISTS {{ ?work eli:is_derivative_of ?key }})
    OPTIONAL {{ ?work eli:based_on ?rule FILTER(CONTAINS(STR(?rule), "/RULES-")) }}
  }}
}}"""


def enrich(store: ox.Store, records: Sequence[Path], base: str) -> Enrichment:
    """The enrichment graph of the resolutions in `store` from the ODP `records`."""
    work = ox.Store()
    subjects: set[str] = set()
    for path in records:
        triples = read_record(path)
        if not triples:
            raise InputError(str(path), "holds no statement resgraph can read")
        work.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        subjects.update(t.subject.value for t in triples
                        if isinstance(t.subject, ox.NamedNode)
                        and _RECORD.fullmatch(t.subject.value))
    ours = ox.NamedNode("urn:resgraph:ours")
    key = ox.NamedNode(RG + "key")
    for row in store.query(_OURS):  # type: ignore[union-attr]
        work.add(ox.Quad(row["resolution"], key, row["key"], ours))
    graph = ox.NamedNode(base + ENRICHMENT)
    facts = {ox.Quad(t.subject, t.predicate, t.object, graph)
             for t in work.query(_FACTS)}  # type: ignore[union-attr]
    # every subject is a resolution of the graph or the enrichment graph: an IRI, no triple
    about = sorted({cast("ox.NamedNode | ox.BlankNode", q.subject).value for q in facts})
    sources = [ox.Quad(graph, ox.NamedNode(PROV + "wasDerivedFrom"), ox.NamedNode(s), graph)
               for s in sorted(subjects)] if facts else []
    quads = sorted([*facts, *sources], key=lambda q: (
        cast("ox.NamedNode | ox.BlankNode", q.subject).value, q.predicate.value, str(q.object)))
    return Enrichment(tuple(quads), tuple(sorted(subjects)), tuple(about))
