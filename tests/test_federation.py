"""Federation with the European Parliament Open Data Portal (ODP).

resgraph mints nothing for the procedure: rg:procedure points into the ODP's own IRI space
(https://data.europarl.europa.eu/eli/dl/proc/2022-2505). This module loads the seed's N-Quads
and a real ODP file (the 2022 plenary calendar, read from ../shared/odp) into one
store and checks that one SPARQL query can join the two.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from resgraph.corpus import build_corpus
from resgraph.resources import default_seed
from resgraph.vocab import DEFAULT_BASE

from conftest import shared_file

ODP_FILE = "odp/data_v1_meetings-by-year_2022.ttl"
ODP_GRAPH = "https://data.europarl.europa.eu/graph/calendar-2022"

RESOLUTION = "https://w3id.org/resgraph/id/2022-2505-RSP/joint-motion"
OUR_GRAPH = f"{RESOLUTION}/graph"
PROCEDURE = "https://data.europarl.europa.eu/eli/dl/proc/2022-2505"
SITTING = "https://data.europarl.europa.eu/eli/dl/event/MTG-PL-2022-01-20"
ODP_BASE = "https://data.europarl.europa.eu/"

PREFIXES = """
PREFIX rg: <https://w3id.org/resgraph/ontology#>
PREFIX eli-dl: <http://data.europa.eu/eli/eli-draft-legislation-ontology#>
PREFIX aut-event: <http://publications.europa.eu/resource/authority/event/>
PREFIX vcard: <http://www.w3.org/2006/vcard/ns#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def odp_file() -> Path:
    return shared_file(ODP_FILE)


@pytest.fixture(scope="module")
def seed_nq(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed-out")
    build_corpus([default_seed()], out, base=DEFAULT_BASE, formats=["nquads"], store=False,
                 jobs=1)
    return out / "resgraph.nq"


@pytest.fixture(scope="module")
def federated(seed_nq: Path, odp_file: Path) -> ox.Store:
    """Our seed (its own named graph, from the N-Quads) plus the whole ODP file (Turtle, put
    into a named graph of its own) in one in-memory store."""
    store = ox.Store()
    store.load(path=str(seed_nq), format=ox.RdfFormat.N_QUADS)
    store.load(path=str(odp_file), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ODP_GRAPH))
    return store


def _select(store: ox.Store, query: str) -> list[dict[str, str | None]]:
    solutions = store.query(PREFIXES + query)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: (None if s[n] is None else s[n].value) for n in names} for s in solutions]


def test_both_sources_are_loaded_into_separate_graphs(federated: ox.Store,
                                                     seed_nq: Path) -> None:
    graphs = {g.value for g in federated.named_graphs()}
    assert graphs == {OUR_GRAPH, ODP_GRAPH}
    ours = len(list(federated.quads_for_pattern(None, None, None, ox.NamedNode(OUR_GRAPH))))
    odp = len(list(federated.quads_for_pattern(None, None, None, ox.NamedNode(ODP_GRAPH))))
    assert ours == len(seed_nq.read_text(encoding="utf-8").splitlines())
    assert odp == 6575
    # Nothing in the default graph: every triple is attributable to its source.
    assert not list(federated.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def test_odp_has_the_plenary_sitting_of_20_january_2022(federated: ox.Store) -> None:
    rows = _select(federated, f"""
        SELECT ?type ?id ?date ?start ?end ?label ?place WHERE {{
          GRAPH <{ODP_GRAPH}> {{
            <{SITTING}> a eli-dl:Activity ;
                eli-dl:had_activity_type ?type ;
                eli-dl:activity_id ?id ;
                eli-dl:activity_date ?date ;
                eli-dl:activity_start_date ?start ;
                eli-dl:activity_end_date ?end ;
                eli-dl:activity_label ?label ;
                vcard:hasLocality ?place .
            FILTER(LANG(?label) = "en")
          }}
        }}""")
    assert rows == [{
        "type": "http://publications.europa.eu/resource/authority/event/EP_PLENARY_SITTING",
        "id": "MTG-PL-2022-01-20",
        # The file says "2022-01-19T23:00:00.000Z": midnight in Strasbourg/Brussels (UTC+1)
        # written in UTC; oxigraph gives the canonical form without the ".000".
        "date": "2022-01-19T23:00:00Z",
        "start": "2022-01-20T00:00:00Z",
        "end": "2022-01-20T22:00:00Z",
        "label": "Thursday, 20 January 2022",
        "place": "http://publications.europa.eu/resource/authority/place/FRA_SXB",  # Strasbourg
    }]
    # The part-session (17-20 January 2022) that contains the sitting.
    parents = _select(federated, f"""
        SELECT ?session WHERE {{ GRAPH <{ODP_GRAPH}> {{ ?session eli-dl:consists_of <{SITTING}> ;
            eli-dl:had_activity_type aut-event:EP_PLENARY_PART_SESSION }} }}""")
    assert parents == [{"session": "https://data.europarl.europa.eu/eli/dl/event/GMTG-PL-2022-01-17"}]


def test_our_procedure_iri_lives_in_the_odp_namespace(federated: ox.Store) -> None:
    rows = _select(federated, f"""
        SELECT ?resolution ?procedure ?reference WHERE {{
          GRAPH <{OUR_GRAPH}> {{
            ?resolution a rg:Resolution ; rg:procedure ?procedure ;
                rg:procedureReference ?reference .
          }}
        }}""")
    assert rows == [{"resolution": RESOLUTION, "procedure": PROCEDURE,
                     "reference": "2022/2505(RSP)"}]
    assert rows[0]["procedure"].startswith(ODP_BASE)
    # The calendar file itself says nothing about procedures: the join below is by date.
    assert not _select(federated, f"""
        SELECT ?s WHERE {{ GRAPH <{ODP_GRAPH}> {{ ?s ?p ?o FILTER(
            STRSTARTS(STR(?s), "{ODP_BASE}eli/dl/proc/") ||
            (isIRI(?o) && STRSTARTS(STR(?o), "{ODP_BASE}eli/dl/proc/"))) }} }} LIMIT 1""")


# The adoption date, 20 January 2022, is known from reference/linked-data.md (in the shared
# reference directory: "P9_TA(2022)0012 ... adopted 20 January 2022 in Strasbourg"); it is NOT
# in the seed text, which is the joint motion of 19.1.2022 (the resolutions query's ?date is
# unbound for it), so the query supplies it with VALUES.
#
# The sitting is matched on its activity_start_date's calendar day, not on activity_date: the
# ODP writes a sitting's activity_date as local midnight in UTC (2022-01-19T23:00Z for the
# sitting of 20 January), so the naive UTC day would point at the wrong day.
FEDERATED_QUERY = f"""
SELECT ?resolution ?procedure ?adopted ?sitting ?activityDate ?label ?ourGraph ?odpGraph
WHERE {{
  VALUES (?procedure ?adopted) {{ (<{PROCEDURE}> "2022-01-20"^^xsd:date) }}
  GRAPH ?ourGraph {{
    ?resolution a rg:Resolution ; rg:procedure ?procedure .
  }}
  GRAPH ?odpGraph {{
    ?sitting a eli-dl:Activity ;
        eli-dl:had_activity_type aut-event:EP_PLENARY_SITTING ;
        eli-dl:activity_start_date ?start ;
        eli-dl:activity_date ?activityDate ;
        eli-dl:activity_label ?label .
    FILTER(LANG(?label) = "en")
  }}
  # Outside the GRAPH block: ?adopted is bound out here, and a FILTER only sees its own group.
  FILTER(SUBSTR(STR(?start), 1, 10) = STR(?adopted))
  FILTER(STRSTARTS(STR(?procedure), "{ODP_BASE}") && STRSTARTS(STR(?sitting), "{ODP_BASE}"))
}}
"""


def test_one_query_joins_our_procedure_with_the_odp_sitting(federated: ox.Store) -> None:
    rows = _select(federated, FEDERATED_QUERY)
    assert rows == [{
        "resolution": RESOLUTION,
        "procedure": PROCEDURE,
        "adopted": "2022-01-20",
        "sitting": SITTING,
        "activityDate": "2022-01-19T23:00:00Z",
        "label": "Thursday, 20 January 2022",
        "ourGraph": OUR_GRAPH,
        "odpGraph": ODP_GRAPH,
    }]


def test_naive_utc_day_of_activity_date_misses_the_sitting(federated: ox.Store) -> None:
    """Why the join above uses activity_start_date: no sitting has 2022-01-20 as the UTC day
    of its activity_date, and the UTC day 2022-01-19 is the sitting of the 20th."""
    query = """
        SELECT ?sitting ?activityDate WHERE {{ GRAPH ?g {{
          ?sitting eli-dl:had_activity_type aut-event:EP_PLENARY_SITTING ;
              eli-dl:activity_date ?activityDate .
          FILTER(SUBSTR(STR(?activityDate), 1, 10) = "{day}")
        }} }}"""
    assert _select(federated, query.format(day="2022-01-20")) == []
    assert _select(federated, query.format(day="2022-01-19")) == [
        {"sitting": SITTING, "activityDate": "2022-01-19T23:00:00Z"}
    ]
