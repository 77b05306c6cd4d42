"""`resgraph push` to real triple stores on loopback: `oxigraph serve` and Virtuoso 7, both
started here (tests/servers.py). A push sends each named graph whole (Graph Store Protocol
PUT), only what changed, and counts each graph back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pytest
import servers
from click.testing import CliRunner

from resgraph.cli import main
from resgraph.corpus import build_corpus
from resgraph.federation import is_federated
from resgraph.queries import get_query, stored_queries
from resgraph.store import Endpoint, query_endpoint, with_store
from resgraph.vocab import DEFAULT_BASE
from resgraph.windows import answer

from conftest import SEED, corpus, seed_with

SEED_GRAPH = f"{DEFAULT_BASE}2022-2505-RSP/joint-motion/graph"
MOTION_GRAPH = f"{DEFAULT_BASE}2024-2686-DEA/B-9-2024-0216/graph"
ONTOLOGY_GRAPH = "https://w3id.org/resgraph/ontology"
# Virtuoso's Graph Store service on a new database: its administrator, with Digest
DBA_DIGEST = ("--user", "dba", "--password", "dba", "--auth", "digest")


def _build(out: Path, *sources: Path) -> None:
    build_corpus(list(sources), out, base=DEFAULT_BASE, formats=("nquads",), jobs=1)


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """The seed and a motion, built as `resgraph build` does."""
    folder = tmp_path_factory.mktemp("push") / "out"
    _build(folder, SEED, corpus("B-9-2024-0216.txt"))
    return folder


def push(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["push", *args])
    return result.exit_code, result.output.strip()


def _count(endpoint: str, graph: str) -> int:
    rows = query_endpoint(endpoint, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> "
                          "{ ?s ?p ?o } }").rows
    return int(float(rows[0][0] or 0))


def _local_count(out: Path, graph: str) -> int:
    return int(with_store(out / "store", lambda run: run(
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")).rows[0][0])


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory) -> Iterator[servers.Store]:
    with servers.oxigraph(tmp_path_factory.mktemp("oxigraph")) as store:
        yield store


def test_a_push_sends_each_graph_once_and_a_changed_one_again(oxigraph, out, tmp_path) -> None:
    state = str(tmp_path / "state.json")
    code, said = push("--graph-store", oxigraph.graph_store, "--store", str(out / "store"),
                      "--state", state)
    assert code == 0, said
    assert said.startswith("sent 3 graphs (") and said.endswith(
        f"to {oxigraph.graph_store}, 0 unchanged, 0 deleted; each counted back")
    for graph in (SEED_GRAPH, MOTION_GRAPH, ONTOLOGY_GRAPH):
        assert _count(oxigraph.query, graph) == _local_count(out, graph) > 100
    # twice: nothing to send
    code, said = push("--graph-store", oxigraph.graph_store, "--store", str(out / "store"),
                      "--state", state)
    assert (code, said) == (0, f"sent 0 graphs (0 kB) to {oxigraph.graph_store}, 3 unchanged,"
                               " 0 deleted")
    # one input changed: its graph alone is sent, and replaces the old one
    changed = tmp_path / "out"
    edited = seed_with(tmp_path / "seed.txt", start="Calls on the Kazakh authorities",
                       by="Urges the Kazakh authorities", end=" to")
    _build(changed, edited, corpus("B-9-2024-0216.txt"))
    code, said = push("--graph-store", oxigraph.graph_store, "--store", str(changed / "store"),
                      "--state", state, "--dry-run")
    assert code == 0 and said.splitlines()[0] == f"put {SEED_GRAPH}"
    assert said.splitlines()[-1].startswith("would send 1 graph (")
    code, said = push("--graph-store", oxigraph.graph_store, "--store", str(changed / "store"),
                      "--state", state)
    assert code == 0 and said.startswith("sent 1 graph (") and ", 2 unchanged, " in said
    assert _count(oxigraph.query, SEED_GRAPH) == _local_count(changed, SEED_GRAPH)
    acts = query_endpoint(oxigraph.query, "SELECT ?a WHERE { GRAPH <" + SEED_GRAPH + "> { "
                          "?d <https://w3id.org/resgraph/ontology#actAsPrinted> ?a } }").rows
    assert ("Urges",) in acts


def test_every_stored_query_answers_the_same_rows_from_the_pushed_store(oxigraph, out,
                                                                        tmp_path) -> None:
    code, said = push("--graph-store", oxigraph.graph_store, "--store", str(out / "store"),
                      "--state", str(tmp_path / "state.json"), "--force")
    assert code == 0, said
    for name, query in stored_queries().items():
        if is_federated(query):
            continue
        params = {"resolution": f"{DEFAULT_BASE}2022-2505-RSP/joint-motion"} \
            if "resolution" in query.parameters else {}
        local = with_store(out / "store", lambda run, q=query, p=params: answer(q, p, run))
        remote = answer(query, params, lambda text: query_endpoint(oxigraph.query, text))
        assert remote == local, name


def test_a_refusal_is_one_line_naming_the_graph_and_the_status(oxigraph, out,
                                                              tmp_path) -> None:
    url = oxigraph.graph_store.replace("/store", "/nowhere")
    code, said = push("--graph-store", url, "--store", str(out / "store"), "--state",
                      str(tmp_path / "s.json"), "--retries", "0")
    assert code == 2 and len(said.splitlines()) == 1
    assert said.startswith(f"resgraph: error: PUT {DEFAULT_BASE}2022-2505-RSP/")
    assert "HTTP 404" in said and not (tmp_path / "s.json").exists()


@pytest.fixture
def silent() -> Iterator[str]:
    with servers.silent() as url:
        yield url


def test_a_store_that_never_answers_times_out(silent, out, tmp_path) -> None:
    code, said = push("--graph-store", f"{silent}/store", "--store", str(out / "store"), "--state",
                      str(tmp_path / "s.json"), "--timeout", "0.5", "--retries", "1")
    assert code == 2
    assert said.endswith("no answer within 0.5 s after 2 attempts"), said


# -- Virtuoso ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory) -> Iterator[servers.Store]:
    with servers.virtuoso(tmp_path_factory.mktemp("virtuoso")) as store:
        yield store


def test_virtuoso_takes_a_push_with_digest_and_refuses_basic(virtuoso, out, tmp_path) -> None:
    state = str(tmp_path / "state.json")
    code, said = push("--graph-store", virtuoso.graph_store, "--store", str(out / "store"),
                      "--state", state, "--user", "dba", "--password", "dba", "--auth", "basic",
                      "--retries", "0")
    assert code == 2 and "HTTP 401" in said and said.startswith("resgraph: error: PUT "), said
    code, said = push("--graph-store", virtuoso.graph_store, "--store", str(out / "store"),
                      "--state", state, *DBA_DIGEST)
    assert code == 0 and said.startswith("sent 3 graphs ("), said
    for graph in (SEED_GRAPH, MOTION_GRAPH, ONTOLOGY_GRAPH):
        assert _count(virtuoso.query, graph) == _local_count(out, graph) > 100
    code, said = push("--graph-store", virtuoso.graph_store, "--store", str(out / "store"),
                      "--state", state, *DBA_DIGEST)
    assert code == 0 and said.startswith("sent 0 graphs (0 kB)") and "3 unchanged" in said


def test_an_endpoint_that_never_answers_times_out(silent, tmp_path) -> None:
    result = CliRunner().invoke(main, ["query", "resolutions", "--endpoint", f"{silent}/query",
                                       "--timeout", "0.5"])
    assert result.exit_code == 2
    assert result.output.strip() == (f"resgraph: error: {silent}/query: no answer within 0.5 s")


def test_as_many_rows_as_a_declared_cap_is_an_error(oxigraph, out, tmp_path) -> None:
    push("--graph-store", oxigraph.graph_store, "--store", str(out / "store"), "--state",
         str(tmp_path / "s.json"))
    # one resolution: one request (over a corpus each resolution is its own request, and
    # the cap is a server's cap on one answer)
    seed = f"{DEFAULT_BASE}2022-2505-RSP/joint-motion"
    args = ["query", "paragraphs", "--endpoint", oxigraph.query, "--format", "json",
            "--param", f"resolution={seed}"]
    rows = len(with_store(out / "store", lambda run: answer(
        get_query("paragraphs"), {"resolution": seed}, run)).rows)
    assert rows == 27  # the rows of the seed's paragraphs (as test_cli counts them)
    result = CliRunner().invoke(main, [*args, "--row-cap", "27"])
    assert result.exit_code == 2 and result.output.strip() == (
        f"resgraph: error: {oxigraph.query}: 27 rows, as many as the endpoint's cap of 27 "
        "(--row-cap): the result may be cut; page it with --param limit=N --param offset=M")
    result = CliRunner().invoke(main, [*args, "--row-cap", "28"])
    assert result.exit_code == 0 and len(json.loads(result.output)) == 27


def _by_value(result) -> list[tuple]:
    """Rows with numbers as numbers: Virtuoso answers some integers as decimals."""
    def cell(value):
        try:
            return Decimal(value).normalize() if value is not None else None
        except InvalidOperation:
            return value
    return [tuple(cell(v) for v in row) for row in result.rows]


@pytest.mark.parametrize("dialect", ["sparql11", "virtuoso"])
def test_every_stored_query_answers_the_same_values_from_virtuoso(virtuoso, out, tmp_path,
                                                                  dialect) -> None:
    code, said = push("--graph-store", virtuoso.graph_store, "--store", str(out / "store"),
                      "--state", str(tmp_path / "s.json"), *DBA_DIGEST)
    assert code == 0, said
    remote_store = Endpoint(virtuoso.query, dialect=dialect)
    for name, query in stored_queries().items():
        if is_federated(query):
            continue
        for params in ({}, {"resolution": f"{DEFAULT_BASE}2022-2505-RSP/joint-motion"}):
            if set(params) - set(query.parameters):
                continue
            local = with_store(out / "store", lambda run, q=query, p=params: answer(q, p, run))
            remote = answer(query, params, lambda text: query_endpoint(remote_store, text))
            assert remote.columns == local.columns, name
            assert _by_value(remote) == _by_value(local), (name, params)


@pytest.fixture(scope="module")
def capped(tmp_path_factory) -> Iterator[servers.Store]:
    """Virtuoso with its result cap cut to 100 rows."""
    with servers.virtuoso(tmp_path_factory.mktemp("capped"), max_rows=100) as store:
        yield store


def test_a_result_virtuoso_cut_is_an_error(capped, out, tmp_path) -> None:
    code, said = push("--graph-store", capped.graph_store, "--store", str(out / "store"),
                      "--state", str(tmp_path / "s.json"), *DBA_DIGEST)
    assert code == 0, said
    result = CliRunner().invoke(main, ["query", "mentions", "--endpoint", capped.query])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"resgraph: error: {capped.query}: the endpoint cut the result at 100 rows (its "
        "X-SPARQL-MaxRows header); page it with --param limit=N --param offset=M")
    result = CliRunner().invoke(main, ["query", "mentions", "--endpoint", capped.query,
                                       "--param", "limit=50", "--format", "json"])
    assert result.exit_code == 0 and len(json.loads(result.output)) == 50


def test_a_bulk_export_loads_into_virtuoso_twice_without_doubling(virtuoso, out,
                                                                  tmp_path) -> None:
    folder = tmp_path / "bulk"
    result = CliRunner().invoke(main, ["export", "--bulk", str(folder), "--store",
                                       str(out / "store"), "--chunk-mb", "1"])
    assert result.exit_code == 0, result.output
    local = {g: _local_count(out, g) for g in (SEED_GRAPH, MOTION_GRAPH, ONTOLOGY_GRAPH)}
    quads = sum(local.values())
    assert result.output.strip() == (f"wrote {folder}: {quads:,} quads of 3 graphs in 2 chunks,"
                                     " load-virtuoso.sql, Qleverfile")
    assert sorted(p.name for p in folder.iterdir()) == [
        "Qleverfile", "bulk.json", "load-virtuoso.sql", "resgraph-00001.nq",
        "resgraph-00002.nq"]
    again = tmp_path / "again"
    CliRunner().invoke(main, ["export", "--bulk", str(again), "--store", str(out / "store"),
                              "--chunk-mb", "1"])
    assert all((folder / n).read_bytes() == (again / n).read_bytes()
               for n in ("resgraph-00001.nq", "resgraph-00002.nq", "bulk.json"))
    # Virtuoso reads only from folders it allows: the store's own folder
    loadable = virtuoso.folder / "bulk"
    result = CliRunner().invoke(main, ["export", "--bulk", str(loadable), "--store",
                                       str(out / "store"), "--chunk-mb", "1"])
    assert result.exit_code == 0, result.output
    for _ in range(2):
        said = servers.isql(virtuoso, f"LOAD {loadable}/load-virtuoso.sql;")
        assert "Error" not in said
        for graph, count in local.items():
            assert _count(virtuoso.query, graph) == count


def test_a_refusal_before_the_body_is_read_still_names_the_status(out, tmp_path) -> None:
    """The store answers 401 to the request's head and closes the connection while the body
    (the seed's graph, over a megabyte) is still being sent."""
    with servers.refusing() as url:
        code, said = push("--graph-store", f"{url}/store", "--store", str(out / "store"),
                          "--state", str(tmp_path / "s.json"), "--retries", "0")
    assert code == 2 and len(said.splitlines()) == 1
    assert said.startswith(f"resgraph: error: PUT {ONTOLOGY_GRAPH}") or said.startswith(
        f"resgraph: error: PUT {SEED_GRAPH}")
    assert "HTTP 401 Unauthorized after 1 attempt" in said, said
