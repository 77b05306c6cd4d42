"""Federation with the European Parliament Open Data Portal (ODP).

resgraph mints nothing for the procedure: rg:procedure points into the ODP's own IRI space
(https://data.europarl.europa.eu/eli/dl/proc/2022-2505). This module loads the seed's N-Quads
and a real ODP file (the 2022 plenary calendar from the EP's open-data beta repository, read
from ../shared/odp; its repository puts it under the European Parliament Legal Notice) into one
store and checks that one SPARQL query joins the two on values both files hold: no date or
IRI is typed into the join. The calendar's graph is named after the file it was read from
(as `resgraph query FILES` names it), never with an IRI in the EP's namespace.
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
def odp_graph(odp_file: Path) -> str:
    """The calendar's named graph: the file it was read from."""
    return odp_file.resolve().as_uri()


@pytest.fixture(scope="module")
def seed_nq(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed-out")
    build_corpus([default_seed()], out, base=DEFAULT_BASE, formats=["nquads"], store=False,
                 jobs=1)
    return out / "resgraph.nq"


@pytest.fixture(scope="module")
def federated(seed_nq: Path, odp_file: Path, odp_graph: str) -> ox.Store:
    """Our seed (its own named graph, from the N-Quads) plus the whole ODP file (Turtle, put
    into a named graph of its own) in one in-memory store."""
    store = ox.Store()
    store.load(path=str(seed_nq), format=ox.RdfFormat.N_QUADS)
    store.load(path=str(odp_file), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(odp_graph))
    return store


def _select(store: ox.Store, query: str) -> list[dict[str, str | None]]:
    solutions = store.query(PREFIXES + query)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [{n: (None if s[n] is None else s[n].value) for n in names} for s in solutions]


def test_both_sources_are_loaded_into_separate_graphs(federated: ox.Store, seed_nq: Path,
                                                     odp_graph: str) -> None:
    graphs = {g.value for g in federated.named_graphs()}
    assert graphs == {OUR_GRAPH, odp_graph}
    ours = len(list(federated.quads_for_pattern(None, None, None, ox.NamedNode(OUR_GRAPH))))
    odp = len(list(federated.quads_for_pattern(None, None, None, ox.NamedNode(odp_graph))))
    assert ours == len(seed_nq.read_text(encoding="utf-8").splitlines())
    assert odp == 6575
    # Nothing in the default graph: every triple is attributable to its source.
    assert not list(federated.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def test_odp_has_the_plenary_sitting_of_20_january_2022(federated: ox.Store,
                                                       odp_graph: str) -> None:
    rows = _select(federated, f"""
        SELECT ?type ?id ?date ?start ?end ?label ?place WHERE {{
          GRAPH <{odp_graph}> {{
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
        SELECT ?session WHERE {{ GRAPH <{odp_graph}> {{ ?session eli-dl:consists_of <{SITTING}> ;
            eli-dl:had_activity_type aut-event:EP_PLENARY_PART_SESSION }} }}""")
    assert parents == [{"session": "https://data.europarl.europa.eu/eli/dl/event/GMTG-PL-2022-01-17"}]


def test_our_procedure_iri_lives_in_the_odp_namespace(federated: ox.Store,
                                                      odp_graph: str) -> None:
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
        SELECT ?s WHERE {{ GRAPH <{odp_graph}> {{ ?s ?p ?o FILTER(
            STRSTARTS(STR(?s), "{ODP_BASE}eli/dl/proc/") ||
            (isIRI(?o) && STRSTARTS(STR(?o), "{ODP_BASE}eli/dl/proc/"))) }} }} LIMIT 1""")


# A question across both sources, every value from the files: in which part-session did
# Parliament first sit after the last event the resolution reports? The seed's latest dated
# event is in its own graph (rg:eventDate on its events), the sittings and part-sessions in the
# calendar's. The sitting is compared on its activity_start_date's calendar day, not on
# activity_date: the calendar writes a sitting's activity_date as local midnight in UTC
# (2022-01-19T23:00Z for the sitting of 20 January), whose naive UTC day is the day before.
FEDERATED_QUERY = """
SELECT ?resolution ?procedure ?lastEvent ?sitting ?day ?session ?sittings ?ourGraph ?odpGraph
WHERE {
  {
    SELECT ?resolution ?procedure ?ourGraph (MAX(?date) AS ?lastEvent) WHERE {
      GRAPH ?ourGraph {
        ?resolution a rg:Resolution ; rg:procedure ?procedure .
        ?event a rg:Event ; rg:eventDate ?date .
      }
    } GROUP BY ?resolution ?procedure ?ourGraph
  }
  {
    SELECT ?odpGraph ?sitting ?day ?session WHERE {
      GRAPH ?odpGraph {
        ?sitting eli-dl:had_activity_type aut-event:EP_PLENARY_SITTING ;
            eli-dl:activity_start_date ?start .
        ?session eli-dl:consists_of ?sitting ;
            eli-dl:had_activity_type aut-event:EP_PLENARY_PART_SESSION .
      }
      BIND(SUBSTR(STR(?start), 1, 10) AS ?day)
    }
  }
  FILTER(?day > STR(?lastEvent))
  {
    SELECT ?session (GROUP_CONCAT(?label; separator=" | ") AS ?sittings) WHERE {
      GRAPH ?g {
        ?session eli-dl:consists_of ?s .
        ?s eli-dl:activity_id ?label .
      }
    } GROUP BY ?session
  }
}
ORDER BY ?day
LIMIT 1
"""


def test_one_query_joins_our_resolution_with_the_odp_sittings(federated: ox.Store,
                                                             odp_graph: str) -> None:
    rows = _select(federated, FEDERATED_QUERY)
    assert len(rows) == 1
    row = rows[0]
    assert row["sittings"] is not None
    assert {**row, "sittings": sorted(row["sittings"].split(" | "))} == {
        "resolution": RESOLUTION,
        "procedure": PROCEDURE,
        "lastEvent": "2022-01-12",  # the seed's latest dated event
        "sitting": "https://data.europarl.europa.eu/eli/dl/event/MTG-PL-2022-01-17",
        "day": "2022-01-17",
        "session": "https://data.europarl.europa.eu/eli/dl/event/GMTG-PL-2022-01-17",
        # the part-session in which the resolution was adopted (20 January, reference/
        # linked-data.md): the join finds it without being told
        "sittings": ["MTG-PL-2022-01-17", "MTG-PL-2022-01-18", "MTG-PL-2022-01-19",
                     "MTG-PL-2022-01-20"],
        "ourGraph": OUR_GRAPH,
        "odpGraph": odp_graph,
    }


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
