"""A stored query over a whole corpus, answered resolution by resolution.

Over the whole corpus a query such as `mentions` joins every mention of every resolution
before it can sort them; on a 5,000-resolution store that took 78 s, and Oxigraph spends it
in joins across graphs it cannot narrow. The same query run for one resolution at a time,
its graph and the resolution both bound, reads that graph alone (the plan a `resolution`
parameter gets: under 10 ms a resolution at 5,000). Windows of several graphs bound by one
VALUES clause were tried first: at 5,000 resolutions a page of `figures` over 16 graphs took
300 s and `events` 96 s, Oxigraph not pushing a many-row VALUES into those patterns.
A query declares in its header (`# window: resolution`, or `date resolution`) that each of its
rows comes from one resolution's graph and that its rows are ordered first by those
properties of the resolution. Then the windows, taken in that same order and concatenated,
give exactly the rows of the whole query in its order, and `limit`/`offset` stop the run as
soon as the page is full: the first page of any such query over the corpus costs a window,
not the corpus.

The order of the windows comes from the store itself (the same ORDER BY on the same values),
so ties and datatypes sort exactly as in the whole query.
"""

from __future__ import annotations

from collections.abc import Callable

from resgraph.errors import QueryError
from resgraph.queries import PAGING, StoredQuery, bind
from resgraph.store import Result
from resgraph.vocab import RG

# What each window key is, for one resolution in its graph.
_KEYS = {
    "resolution": "?resolution a rg:Resolution .",
    "date": "OPTIONAL { ?resolution dcterms:date ?date }",
}

def window_order(query: StoredQuery) -> str:
    """A query for every resolution and its named graph, in the order `query` sorts by."""
    unknown = [k for k in query.window if k not in _KEYS]
    if unknown:
        raise QueryError(f"query {query.name!r}: no window key {unknown[0]!r} "
                         f"(known: {', '.join(_KEYS)})")
    keys = ("resolution", *(k for k in query.window if k != "resolution"))
    patterns = "\n    ".join(_KEYS[k] for k in keys)
    order = " ".join(f"?{k}" for k in query.window)
    return (f"PREFIX rg: <{RG}>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
            f"SELECT ?g ?resolution WHERE {{\n  GRAPH ?g {{\n    {patterns}\n  }}\n}}\n"
            f"ORDER BY {order} ?g\n")


def answer(query: StoredQuery, params: dict[str, str], run: Callable[[str], Result]) -> Result:
    """The rows of the stored `query` with `params`, run through `run`: window by window
    when the query allows it, else in one query."""
    if windowed(query, params):
        return run_windowed(query, params, run)
    return run(bind(query, params))


def windowed(query: StoredQuery, params: dict[str, str]) -> bool:
    """Whether `query` with `params` is answered window by window: it declares a window and
    no parameter narrows it (a bound resolution, addressee or entity lets the engine start
    from the few triples that name it, faster than reading every window)."""
    return bool(query.window) and not set(params) - set(PAGING)


def run_windowed(query: StoredQuery, params: dict[str, str],
                 run: Callable[[str], Result]) -> Result:
    """The rows of `query` with `params` (and its `limit`/`offset`), run through `run` one
    resolution at a time; the same rows in the same order as the query run once over the
    whole corpus."""
    limit = int(params["limit"]) if params.get("limit", "").isdigit() else None
    skip = int(params["offset"]) if params.get("offset", "").isdigit() else 0
    inner = {k: v for k, v in params.items() if k not in PAGING}
    bind(query, params)  # checks every parameter before anything runs
    windows = [(g, r) for g, r in run(window_order(query)).rows if g and r]
    columns: tuple[str, ...] = ()
    rows: list[tuple[str | None, ...]] = []
    for graph, resolution in windows:
        window = {**inner, "resolution": resolution}
        if limit is not None:
            # no window need give more than the rows still to skip and to take; a window
            # that has fewer says so by its length (an OFFSET would hide how many it skipped)
            window["limit"] = str(skip + limit - len(rows))
        result = run(bind(query, window, [graph]))
        columns = result.columns
        taken = result.rows[skip:]
        skip = max(0, skip - len(result.rows))
        rows.extend(taken if limit is None else taken[: limit - len(rows)])
        if limit is not None and len(rows) >= limit:
            break
    if not columns:  # no resolution at all: the query's own (empty) answer
        return run(bind(query, params))
    return Result(columns, tuple(rows))
