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

The windows are sorted on the values the store gives for the same keys, so ties sort as in
the whole query: IRIs by code point and xsd:date values by their text, as SPARQL 1.1 §15.1
orders them, an unbound value first. Sorting here rather than by the store's ORDER BY saves
the store a string lookup per comparison (listing 20,000 resolutions with their dates took
0.95 s, with the store's ORDER BY 2.2 s; README, "One-off measurements"); a key of any
other kind or datatype is left to the store's ORDER BY. A corpus build's own list of its
resolutions (windows.tsv) spares listing them at all.

A query may also declare (`# in-graph: entity`) parameters whose IRI is the object of a
statement in the graph of every row it gives: with one bound, only the windows whose graph
holds that IRI are read, found by one lookup of the IRI (`mentions` of the Council on a
5,000-resolution store took 16 s as one query).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from resgraph.errors import QueryError
from resgraph.queries import PAGING, StoredQuery, bind
from resgraph.store import Result
from resgraph.vocab import RG

# What each window key is, for one resolution in its graph.
_KEYS = {
    "resolution": "?resolution a rg:Resolution .",
    "date": "OPTIONAL { ?resolution dcterms:date ?date }",
}

# What each key's values must be for Python's string order to be SPARQL's (§15.1): IRIs
# compare by code point; xsd:date values without a time zone compare as their text.
_SORTABLE = {
    "resolution": "isIRI(?resolution)",
    "date": "DATATYPE(?date) = <http://www.w3.org/2001/XMLSchema#date> "
            "&& REGEX(STR(?date), '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')",
}
_IRI = re.compile(r"^[^\s<>]+$")


def _keys(query: StoredQuery) -> tuple[str, ...]:
    unknown = [k for k in query.window if k not in _KEYS]
    if unknown:
        raise QueryError(f"query {query.name!r}: no window key {unknown[0]!r} "
                         f"(known: {', '.join(_KEYS)})")
    return ("resolution", *(k for k in query.window if k != "resolution"))


def _listing(query: StoredQuery, order: bool) -> str:
    patterns = "\n    ".join(_KEYS[k] for k in _keys(query))
    head = f"PREFIX rg: <{RG}>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
    if order:
        keys = " ".join(f"?{k}" for k in query.window)
        return (f"{head}SELECT ?g ?resolution WHERE {{\n  GRAPH ?g {{\n    {patterns}\n"
                f"  }}\n}}\nORDER BY {keys} ?g\n")
    variables = " ".join(f"?{k}" for k in query.window if k != "resolution")
    checks = " && ".join(f"(!BOUND(?{k}) || {_SORTABLE[k]})" for k in query.window)
    return (f"{head}SELECT ?g ?resolution {variables} (({checks}) AS ?sortable) WHERE {{\n"
            f"  GRAPH ?g {{\n    {patterns}\n  }}\n}}\n")


def window_order(query: StoredQuery) -> str:
    """A query for every resolution and its named graph, in the order `query` sorts by."""
    return _listing(query, order=True)


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _from_build(query: StoredQuery,
                listing: tuple[tuple[str, ...], ...]) -> list[tuple[str, str]] | None:
    """The windows from the build's list of resolutions (resgraph.store.WINDOWS), sorted as
    the store would sort them; None when a date is of a kind only the store can order."""
    rows = []
    for graph, resolution, date, datatype in listing:
        if date and (datatype != "http://www.w3.org/2001/XMLSchema#date"
                     or not _DATE.match(date)):
            return None
        rows.append({"g": graph, "resolution": resolution, "date": date or None})
    keys = (*query.window, "g")
    rows.sort(key=lambda row: tuple((0, "") if row[k] is None else (1, row[k]) for k in keys))
    return [(row["g"], row["resolution"]) for row in rows]  # type: ignore[misc]


def windows(query: StoredQuery, run: Callable[[str], Result]) -> list[tuple[str, str]]:
    """Every resolution's graph and IRI, in the order `query` sorts by: from the build's list
    beside the store when there is one, else the store's rows sorted here when every key is
    of a kind whose order is its text's, else sorted by the store."""
    _keys(query)
    listing = run.listing() if hasattr(run, "listing") else None
    if listing is not None:
        found = _from_build(query, listing)
        if found is not None:
            return found
    listed = run(_listing(query, order=False))
    column = {c: i for i, c in enumerate(listed.columns)}
    if all(row[column["sortable"]] == "true" for row in listed.rows):
        def key(row: tuple[str | None, ...]) -> tuple:
            values = (row[column[k]] for k in (*query.window, "g"))
            return tuple((0, "") if v is None else (1, v) for v in values)

        rows = sorted(listed.rows, key=key)
    else:
        rows = list(run(window_order(query)).rows)
    g, r = column.get("g", 0), column.get("resolution", 1)
    return [(row[g], row[r]) for row in rows if row[g] and row[r]]  # type: ignore[misc]


# Past this many graphs holding an IRI, listing them costs more than it saves: the windows
# are read in order with the IRI bound instead, and a page stops as soon as it is full (the
# Council, in all 20,000 graphs of a large store, took 1.2-1.4 s to list).
COMMON = 1000


def _holding(iris: list[str], run: Callable[[str], Result]) -> set[str] | None:
    """The graphs that hold every one of `iris` as the object of a statement (where each
    `# in-graph` parameter stands in its query); None when one of them is in over COMMON
    graphs, and every window is worth reading."""
    found: set[str] | None = None
    for iri in iris:
        term = f"<{iri}>" if _IRI.match(iri) else None
        if term is None:
            return set()
        graphs = {row[0] for row in run(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p {term} }} }} LIMIT {COMMON + 1}"
        ).rows if row[0]}
        if len(graphs) > COMMON:
            continue
        found = graphs if found is None else found & graphs
    return found


@dataclass(frozen=True)
class Cursor:
    """Where the next page of a query's rows starts: in the window of `graph`, `skip` of its
    rows already given (a query run window by window), or at offset `skip` (`graph` empty: a
    query run whole). A window is found again by its graph rather than by its place, so a
    cursor stays good while other resolutions come and go; `key` ties it to the query and
    parameters it was made for. Opaque to clients: base64url of its JSON."""

    graph: str
    skip: int
    key: str

    def encode(self) -> str:
        text = json.dumps([self.graph, self.skip, self.key], separators=(",", ":"))
        return base64.urlsafe_b64encode(text.encode("utf-8")).decode("ascii").rstrip("=")

    @staticmethod
    def decode(token: str) -> Cursor:
        try:
            graph, skip, key = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            if isinstance(graph, str) and type(skip) is int and skip >= 0 \
                    and isinstance(key, str):
                return Cursor(graph, skip, key)
        except (ValueError, TypeError, RecursionError):  # not base64, not JSON, too deep
            pass
        raise QueryError(f"cursor={token[:40]}: not a cursor this server gave")


def _cursor_key(query: StoredQuery, params: dict[str, str]) -> str:
    inner = sorted((k, v) for k, v in params.items() if k not in PAGING)
    return hashlib.sha256(json.dumps([query.name, inner, params.get("limit")]).encode()
                          ).hexdigest()[:16]


def page(query: StoredQuery, params: dict[str, str], run: Callable[[str], Result],
         after: str | None = None) -> tuple[Result, str | None]:
    """A page of the rows of `query` with `params` (its `limit` rows, from its `offset` or from
    where the cursor `after` says), and the cursor of the next page: None when this page is
    not full, so that no rows can follow. Cursors spare a deep page the rows before it: the
    windows are entered at the one the cursor names, where an offset reads every window
    before it again."""
    key = _cursor_key(query, params)
    cursor = Cursor.decode(after) if after else None
    if cursor is not None:
        if "offset" in params:
            raise QueryError("cursor=…: give a cursor or an offset, not both")
        if cursor.key != key:
            raise QueryError("cursor=…: made for another query, other parameters or another "
                             "limit; start from the first page")
    bind(query, params)  # checks every parameter before anything runs
    limit = int(params["limit"]) if params.get("limit", "").isdigit() else None
    if not windowed(query, params):
        offset = cursor.skip if cursor is not None else int(params.get("offset") or 0)
        result = run(bind(query, {**params, "offset": str(offset)} if offset else params))
        full = limit is not None and limit > 0 and len(result.rows) >= limit
        return result, Cursor("", offset + len(result.rows), key).encode() if full else None
    inner = {k: v for k, v in params.items() if k not in PAGING}
    picked = _picked(query, inner, run)
    start, skip = 0, int(params["offset"]) if params.get("offset", "").isdigit() else 0
    if cursor is not None:
        start = next((i for i, (g, _) in enumerate(picked) if g == cursor.graph), -1)
        if start < 0:
            raise QueryError("cursor=…: its resolution is no longer in the store; start from "
                             "the first page")
        skip = cursor.skip
    columns, rows, stop = _collect(query, inner, run, picked, start, skip, limit)
    if not columns:  # no resolution at all: the query's own (empty) answer
        return run(bind(query, {k: v for k, v in params.items() if k != "offset"})), None
    following = None
    if stop is not None and limit:
        following = Cursor(picked[stop[0]][0], stop[1], key).encode()
    return Result(columns, tuple(rows)), following


def answer(query: StoredQuery, params: dict[str, str], run: Callable[[str], Result]) -> Result:
    """The rows of the stored `query` with `params`, run through `run`: window by window
    when the query allows it, else in one query."""
    if windowed(query, params):
        return run_windowed(query, params, run)
    return run(bind(query, params))


def windowed(query: StoredQuery, params: dict[str, str]) -> bool:
    """Whether `query` with `params` is answered window by window: it declares a window and
    every parameter but the paging ones is one whose IRI picks the windows (a bound
    resolution lets the engine read that graph alone, faster than listing the windows)."""
    return bool(query.window) and set(params) - set(PAGING) <= set(query.in_graph)


def run_windowed(query: StoredQuery, params: dict[str, str],
                 run: Callable[[str], Result]) -> Result:
    """The rows of `query` with `params` (and its `limit`/`offset`), run through `run` one
    resolution at a time; the same rows in the same order as the query run once over the
    whole corpus."""
    limit = int(params["limit"]) if params.get("limit", "").isdigit() else None
    skip = int(params["offset"]) if params.get("offset", "").isdigit() else 0
    inner = {k: v for k, v in params.items() if k not in PAGING}
    bind(query, params)  # checks every parameter before anything runs
    picked = _picked(query, inner, run)
    columns, rows, _ = _collect(query, inner, run, picked, 0, skip, limit)
    if not columns:  # no resolution at all: the query's own (empty) answer
        return run(bind(query, params))
    return Result(columns, tuple(rows))


def _picked(query: StoredQuery, inner: dict[str, str],
            run: Callable[[str], Result]) -> list[tuple[str, str]]:
    """The windows `query` reads with the parameters `inner`: all of them, in order, or those
    whose graph holds every `# in-graph` IRI given."""
    picked = windows(query, run)
    narrowing = [inner[k] for k in query.in_graph if k in inner]
    if narrowing:
        holding = _holding(narrowing, run)
        if holding is not None:
            picked = [(g, r) for g, r in picked if g in holding]
    return picked


def _collect(query: StoredQuery, inner: dict[str, str], run: Callable[[str], Result],
             picked: list[tuple[str, str]], start: int, skip: int, limit: int | None,
             ) -> tuple[tuple[str, ...], list[tuple[str | None, ...]], tuple[int, int] | None]:
    """The rows of the windows `picked[start:]`, `skip` rows skipped first, at most `limit`;
    with the columns and, when the page filled, where it stopped: the index of the last
    window read and how many of its rows were skipped or given."""
    columns: tuple[str, ...] = ()
    rows: list[tuple[str | None, ...]] = []
    for index in range(start, len(picked)):
        graph, resolution = picked[index]
        window = {**inner, "resolution": resolution}
        if limit is not None:
            # no window need give more than the rows still to skip and to take; a window
            # that has fewer says so by its length (an OFFSET would hide how many it skipped)
            window["limit"] = str(skip + limit - len(rows))
        result = run(bind(query, window, [graph]))
        columns = result.columns
        skipped = min(skip, len(result.rows))
        taken = result.rows[skipped:]
        skip -= skipped
        if limit is not None:
            taken = taken[: limit - len(rows)]
        rows.extend(taken)
        if limit is not None and len(rows) >= limit:
            return columns, rows, (index, skipped + len(taken))
    return columns, rows, None
