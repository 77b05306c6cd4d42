"""Stored queries over a corpus answered window by window of resolutions (resgraph.windows):
the same rows in the same order as the query run once, and pages that stop early."""

from __future__ import annotations

import functools
from pathlib import Path

import pyoxigraph as ox
import pytest

from resgraph.corpus import build_corpus
from resgraph.errors import QueryError
from resgraph.queries import bind, get_query, stored_queries
from resgraph.store import Result, run_on, with_store
from resgraph.windows import (
    Cursor,
    answer,
    page,
    run_windowed,
    window_order,
    windowed,
    windows,
)

from conftest import SEED, corpus

BASE = "https://w3id.org/resgraph/id/"
WINDOWED = sorted(n for n, q in stored_queries().items() if q.window)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Five different resolutions (the seed and four of the shared corpus's texts), of
    different dates and kinds, built into one output folder."""
    out = tmp_path_factory.mktemp("windows") / "out"
    texts = [SEED, corpus("B-9-2024-0216.txt"), corpus("B-9-2024-0218.txt"),
             corpus("A-9-2024-0071-motion.txt"), corpus("A-9-2023-0004-legislative-resolution.txt")]
    build_corpus(texts, out, base=BASE, formats=("nquads",), jobs=2)
    return out


@pytest.fixture(scope="module")
def store(built: Path) -> ox.Store:
    """The store of those five."""
    return ox.Store.read_only(str(built / "store"))


class Counting:
    """`run` for a store, counting the queries it runs."""

    def __init__(self, store: ox.Store) -> None:
        self.run_one = functools.partial(run_on, store)
        self.queries = 0

    def __call__(self, text: str) -> Result:
        self.queries += 1
        return self.run_one(text)


def test_fifteen_stored_queries_declare_a_window() -> None:
    assert len(WINDOWED) == 15
    assert get_query("demands-over-time").window == ("date", "resolution")
    assert {"persons-across", "repeated-demands", "resolutions"}.isdisjoint(WINDOWED)


def test_the_windows_follow_the_resolutions_dates_for_demands_over_time(store) -> None:
    run = Counting(store)
    graphs = [r[0] for r in run(window_order(get_query("demands-over-time"))).rows]
    assert len(graphs) == 5
    dates = [run(f"SELECT ?d WHERE {{ GRAPH <{g}> {{ ?r a <https://w3id.org/resgraph/ontology"
                 f"#Resolution> OPTIONAL {{ ?r <http://purl.org/dc/terms/date> ?d }} }} }}"
                 ).rows[0][0] or "" for g in graphs]
    # undated first (an unbound value sorts first, SPARQL 1.1 §15.1), then by date
    assert dates == sorted(dates) and len(set(dates)) >= 3


@pytest.mark.parametrize("name", WINDOWED)
def test_windows_give_the_rows_of_the_whole_query_in_its_order(store, name) -> None:
    query = get_query(name)
    run = Counting(store)
    whole = run(bind(query, {}))
    resolutions = {row[whole.columns.index("resolution")] for row in whole.rows}
    assert len(whole.rows) >= 10 and len(resolutions) >= (1 if name == "persons" else 2)
    assert run_windowed(query, {}, run) == whole


@pytest.mark.parametrize("limit, offset", [(1, 0), (7, 3), (40, 25), (1000, 0), (5, 100000)])
def test_a_page_is_the_same_slice_and_stops_early(store, limit, offset) -> None:
    query = get_query("mentions")
    run = Counting(store)
    whole = run(bind(query, {})).rows
    assert len(whole) > 100
    run.queries = 0
    page = run_windowed(query, {"limit": str(limit), "offset": str(offset)}, run)
    assert page.rows == whole[offset:offset + limit]
    if offset + limit < 20:  # within the first resolution's mentions
        assert run.queries == 2  # the window order, then one window


@pytest.mark.parametrize("name", WINDOWED)
def test_windows_sorted_here_are_the_stores_order(store, name) -> None:
    query = get_query(name)
    run = Counting(store)
    listed = [(g, r) for g, r in run(window_order(query)).rows]
    assert windows(query, run) == listed and len(listed) == 5


@pytest.mark.parametrize("name", WINDOWED)
def test_the_builds_list_of_resolutions_gives_the_stores_order(built, name) -> None:
    """A build writes its resolutions beside the store (windows.tsv); whole-corpus queries
    read their windows from it, in the order the store itself gives, and the same rows."""
    query = get_query(name)
    lines = (built / "windows.tsv").read_text("utf-8").splitlines()
    assert len(lines) == 5 and all(line.count("\t") == 3 for line in lines)

    def check(run) -> None:
        listed = [(g, r) for g, r in run(window_order(query)).rows]
        assert run.listing() is not None and windows(query, run) == listed
        assert run_windowed(query, {"limit": "30"}, run) == run(bind(query, {"limit": "30"}))

    with_store(built / "store", check)


def test_a_bound_resolution_runs_the_query_once(store) -> None:
    query = get_query("demands-over-time")
    resolution = f"{BASE}2022-2505-RSP/joint-motion"
    assert windowed(query, {"limit": "5"}) and not windowed(query, {"resolution": resolution})
    run = Counting(store)
    rows = answer(query, {"resolution": resolution}, run).rows
    assert run.queries == 1 and len(rows) == 54


@pytest.mark.parametrize("name, param, value, graphs", [
    ("demands-over-time", "addressee", f"{BASE}entity/president-european-parliament", 4),
    ("mentions", "entity", f"{BASE}entity/national-parliaments", 2),
    ("citing-resolutions", "target", "http://data.europa.eu/eli/treaty/tfeu_2016/art_290/oj", 2),
])
def test_an_iri_in_the_graph_picks_the_windows(store, name, param, value, graphs) -> None:
    """With a parameter declared `# in-graph`, only the graphs holding its IRI are read, and
    the rows are those of the whole query with it, in its order, pages too."""
    query = get_query(name)
    assert windowed(query, {param: value, "limit": "5"})
    run = Counting(store)
    whole = run(bind(query, {param: value}))
    holding = run(f"SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p <{value}> . "
                  "?r a <https://w3id.org/resgraph/ontology#Resolution> } }").rows[0][0]
    run.queries = 0
    assert run_windowed(query, {param: value}, run) == whole
    assert run.queries == 2 + int(holding or 0) < 2 + 5  # the windows, the graphs, each one
    resolutions = {r[whole.columns.index("resolution")] for r in whole.rows}
    assert len(resolutions) == graphs
    page = run_windowed(query, {param: value, "limit": "3", "offset": "2"}, run)
    assert page.rows == whole.rows[2:5]
    if name == "demands-over-time":
        assert {r[whole.columns.index("addresseeName")] for r in whole.rows} == {
            "President of the European Parliament"}


def test_an_empty_store_answers_with_no_rows(tmp_path: Path) -> None:
    run = Counting(ox.Store())
    result = answer(get_query("demands"), {"limit": "10"}, run)
    assert result.rows == () and "addresseeName" in result.columns


def _walk(query, params: dict[str, str], run) -> tuple[list, int]:
    """Every row by following cursors from the first page, and the number of pages."""
    rows: list = []
    after, pages = None, 0
    while True:
        result, after = page(query, params, run, after)
        rows += result.rows
        pages += 1
        if after is None:
            return rows, pages
        assert pages < 1000


@pytest.mark.parametrize("name, limit", [("mentions", 7), ("demands-over-time", 4),
                                         ("legal-references", 50), ("figures", 1)])
def test_cursors_walk_the_whole_answer_in_order(store, name, limit) -> None:
    """Following each page's cursor gives the rows of the whole query, in its order, each
    once; a page that is not full has no cursor after it."""
    query = get_query(name)
    run = Counting(store)
    whole = run(bind(query, {}))
    rows, pages = _walk(query, {"limit": str(limit)}, run)
    assert rows == list(whole.rows)
    assert pages in (len(whole.rows) // limit + 1, -(-len(whole.rows) // limit))


def test_a_cursor_enters_at_its_window_without_reading_the_ones_before(store) -> None:
    query = get_query("mentions")
    run = Counting(store)
    order = [g for g, _ in windows(query, run)]
    after, skipped = None, 0
    while after is None or Cursor.decode(after).graph == order[0]:
        result, after = page(query, {"limit": "5"}, run, after)
        skipped += len(result.rows)
        assert after is not None
    cursor = Cursor.decode(after)
    assert order.index(cursor.graph) >= 1 and cursor.skip >= 0
    run.queries = 0
    by_cursor, _ = page(query, {"limit": "5"}, run, after)
    by_cursor_queries, run.queries = run.queries, 0
    by_offset = answer(query, {"limit": "5", "offset": str(skipped)}, run)
    assert by_cursor.rows == by_offset.rows and len(by_cursor.rows) == 5
    # the list of windows, then the windows from the cursor's on; the offset reads them all
    assert by_cursor_queries < run.queries
    assert run.queries - by_cursor_queries == order.index(cursor.graph)


def test_cursors_without_windows_count_rows(store) -> None:
    """A query answered whole (a resolution given) pages by offset inside its cursor."""
    query = get_query("paragraphs")
    run = Counting(store)
    resolution = run("SELECT ?r WHERE { GRAPH ?g { ?r a <https://w3id.org/resgraph/ontology#"
                     "Resolution> } } ORDER BY ?r LIMIT 1").rows[0][0]
    params = {"resolution": resolution}
    whole = run(bind(query, params))
    rows, pages = _walk(query, {**params, "limit": "6"}, run)
    assert rows == list(whole.rows) and pages == len(whole.rows) // 6 + 1


@pytest.mark.parametrize("after, message", [
    ("not-a-cursor", "not a cursor this server gave"),
    (Cursor("x", 1, "0" * 16).encode(), "made for another query"),
])
def test_a_bad_cursor_is_refused_with_one_line(store, after, message) -> None:
    with pytest.raises(QueryError, match=message):
        page(get_query("mentions"), {"limit": "5"}, Counting(store), after)


def test_a_cursor_and_an_offset_together_are_refused(store) -> None:
    query = get_query("mentions")
    _, after = page(query, {"limit": "5"}, Counting(store))
    with pytest.raises(QueryError, match="not both"):
        page(query, {"limit": "5", "offset": "5"}, Counting(store), after)


def test_a_cursor_whose_resolution_is_gone_says_so(store) -> None:
    query = get_query("mentions")
    _, after = page(query, {"limit": "5"}, Counting(store))
    assert after is not None
    cursor = Cursor.decode(after)
    gone = Cursor(cursor.graph + "-gone", cursor.skip, cursor.key).encode()
    with pytest.raises(QueryError, match="no longer in the store"):
        page(query, {"limit": "5"}, Counting(store), gone)
