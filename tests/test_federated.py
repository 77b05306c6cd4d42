"""Stored queries that ask another endpoint (SERVICE), run on the store with the local bindings
pushed into the SERVICE block. The remote is a second real endpoint on loopback: `oxigraph
serve` loaded with the ODP's own files from ../shared/odp (the 2022 plenary calendar and the
sitting of 16 July 2024), standing in for the ODP's SPARQL endpoint."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import servers
from click.testing import CliRunner
from rdflib.plugins.sparql import prepareQuery

from resgraph.cli import main
from resgraph.corpus import build_corpus
from resgraph.federation import is_federated, run_federated, split
from resgraph.queries import get_query, stored_queries
from resgraph.store import with_store_object
from resgraph.vocab import DEFAULT_BASE

from conftest import SEED, SEED_IRI, shared_file

CALENDAR = "odp/data_v1_meetings-by-year_2022.ttl"
SITTING_2024 = ("odp/samples/HowTheyVote-howtheyvote/backend/tests/scrapers/data/sessions/"
                "odp_mtg-pl-2024-07-16.xml")
EVENT = "https://data.europarl.europa.eu/eli/dl/event/"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("federated") / "out"
    build_corpus([SEED], folder, base=DEFAULT_BASE, formats=("nquads",), jobs=1)
    return folder


@pytest.fixture(scope="module")
def odp(tmp_path_factory) -> Iterator[servers.Store]:
    """oxigraph serve holding the ODP files in its default graph, as an endpoint serves them."""
    with servers.oxigraph(tmp_path_factory.mktemp("odp")) as store:
        for relative, media in ((CALENDAR, "text/turtle"),
                                (SITTING_2024, "application/rdf+xml")):
            request = urllib.request.Request(
                f"{store.graph_store}?default", data=shared_file(relative).read_bytes(),
                headers={"Content-Type": media}, method="POST")
            with servers.HTTP.open(request, timeout=30) as answer:
                assert answer.status in (200, 201, 204)
        yield store


def _query(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["query", *args])
    return result.exit_code, result.output


def test_three_stored_queries_ask_another_endpoint() -> None:
    federated = sorted(n for n, q in stored_queries().items() if is_federated(q))
    assert federated == ["cellar-acts", "odp-part-sessions", "wikidata-entities"]
    for name in federated:
        assert "service" in get_query(name).parameters


def test_the_part_session_after_the_events_comes_from_the_odp(odp, out) -> None:
    code, output = _query("odp-part-sessions", "--store", str(out / "store"), "--param",
                          f"service={odp.query}", "--format", "json")
    assert code == 0, output
    rows = json.loads(output)
    assert rows[0] == {"resolution": SEED_IRI, "lastEvent": "2022-01-12",
                       "session": f"{EVENT}GMTG-PL-2022-01-17", "firstSitting": "2022-01-17",
                       "lastSitting": "2022-01-20", "sittings": "4"}
    # every later part-session of 2022 follows, in order, and none before the events
    assert [r["firstSitting"] for r in rows] == sorted(r["firstSitting"] for r in rows)
    assert all(r["firstSitting"] > "2022-01-12" for r in rows) and len(rows) > 10
    # the sitting of 16 July 2024 (term 10, the API's xsd:date form) has no part-session in
    # the file: it is not counted
    assert all(r["session"].startswith(f"{EVENT}GMTG-PL-2022-") for r in rows)


def test_the_local_bindings_are_pushed_into_the_service_block(out) -> None:
    query = get_query("odp-part-sessions")
    assert split(query.text).shared == ("lastEvent",)
    text = with_store_object(out / "store", lambda store: run_federated(
        query, {"service": "http://127.0.0.1:1/sparql"}, store.query))
    assert ('SERVICE <http://127.0.0.1:1/sparql> {\n    VALUES (?lastEvent) { ("2022-01-12") }'
            in text)
    prepareQuery(text)  # plain SPARQL 1.1 (rdflib's parser)


def test_cellar_and_wikidata_get_the_celex_numbers_and_items_of_the_seed(out) -> None:
    cellar = with_store_object(out / "store", lambda store: run_federated(
        get_query("cellar-acts"), {"service": "https://cellar.example/sparql"}, store.query))
    assert split(get_query("cellar-acts").text).shared == ("celex",)
    assert '("22016A0204(01)")' in cellar  # the EU–Kazakhstan EPCA
    assert '("12016M021")' in cellar  # Article 21 TEU
    prepareQuery(cellar)
    wikidata = with_store_object(out / "store", lambda store: run_federated(
        get_query("wikidata-entities"), {"service": "https://wikidata.example/sparql"},
        store.query))
    assert "(<http://www.wikidata.org/entity/Q8896>)" in wikidata  # Council of the EU
    prepareQuery(wikidata)


def test_the_service_parameter_is_required_and_checked(out) -> None:
    code, output = _query("cellar-acts", "--store", str(out / "store"))
    assert code == 2 and output.strip() == (
        "resgraph: error: query 'cellar-acts' asks another endpoint: give its URL with "
        "--param service=http://…")
    code, output = _query("cellar-acts", "--store", str(out / "store"), "--param",
                          "service=ftp://x")
    assert code == 2


def test_a_federated_query_is_not_sent_to_an_endpoint(odp) -> None:
    code, output = _query("odp-part-sessions", "--endpoint", odp.query, "--param",
                          f"service={odp.query}")
    assert code == 2 and "asks another endpoint itself" in output


def test_a_service_that_is_down_is_one_line(out) -> None:
    port = servers.free_port()
    code, output = _query("wikidata-entities", "--store", str(out / "store"), "--param",
                          f"service=http://127.0.0.1:{port}/sparql")
    assert code == 2 and len(output.strip().splitlines()) == 1
    assert output.startswith("resgraph: error: query failed:")
