"""The stored SPARQL queries in queries/*.rq, by name, with their documented parameters.

Each file starts with a comment header:
    # title: ...
    # description: ...
    # parameters: resolution (IRI, optional) ...
    # window: resolution        (optional; see resgraph.windows)
    # in-graph: entity          (optional: parameters whose IRI every row's graph holds as
                                 an object)
Parameters are bound by a VALUES clause inside the query's GRAPH block (or, in a query with
none, at its end), which every SPARQL 1.1 engine accepts, so the same text runs on the
embedded store, on graph files and on a remote endpoint.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from resgraph.errors import QueryError
from resgraph.resources import data_dir

_HEADER = re.compile(r"^#\s*(title|description|parameters|window|in-graph)\s*:\s*(.*)$")
_ORDER_BY = re.compile(r"^ORDER BY\s+(.*)$", re.MULTILINE)
_PARAMETER = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(([^)]*)\))?")


@dataclass(frozen=True)
class StoredQuery:
    name: str
    title: str
    description: str
    parameters: tuple[str, ...]
    text: str
    path: Path
    # Every row comes from one resolution's graph, and rows are ordered first by these
    # variables, each a property of that resolution: the query can be answered window by
    # window of resolutions in that order (resgraph.windows).
    window: tuple[str, ...] = ()
    # Parameters whose value, an IRI, is the object of a statement in the graph of every row
    # the query gives with it:
    # given one, only the windows whose graph holds that IRI need be read.
    in_graph: tuple[str, ...] = ()
    # Parameters the header does not mark optional: the query means nothing without them.
    required: tuple[str, ...] = ()
    # Parameters the header declares as IRIs (`name (IRI, …)`): their values must be IRIs.
    iris: tuple[str, ...] = ()


def _read(path: Path) -> StoredQuery:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m:
            header[m.group(1)] = m.group(2).strip()
    params = tuple(
        m.group(1) for m in _PARAMETER.finditer(header.get("parameters", "")) if m.group(1)
        not in ("none",)
    )
    required = tuple(
        m.group(1) for m in _PARAMETER.finditer(header.get("parameters", ""))
        if m.group(1) in params and "optional" not in (m.group(2) or ""))
    iris = tuple(
        m.group(1) for m in _PARAMETER.finditer(header.get("parameters", ""))
        if m.group(1) in params and (m.group(2) or "").lstrip().startswith("IRI"))
    window = tuple(header.get("window", "").split())
    in_graph = tuple(header.get("in-graph", "").split())
    if set(in_graph) - set(params) or (in_graph and not window):
        raise QueryError(f"{path}: '# in-graph: {' '.join(in_graph)}' names parameters of a "
                         "windowed query (see resgraph.windows)")
    if window:
        order = _ORDER_BY.search(text)
        keys = order.group(1).split() if order else []
        if keys[: len(window)] != [f"?{v}" for v in window]:
            raise QueryError(f"{path}: '# window: {' '.join(window)}' needs the query to be "
                             f"ordered by {' '.join('?' + v for v in window)} first")
    return StoredQuery(
        name=path.stem,
        title=header.get("title", path.stem),
        description=header.get("description", ""),
        parameters=params,
        text=text,
        path=path,
        window=window,
        in_graph=in_graph,
        required=required,
        iris=iris,
    )


def stored_queries() -> dict[str, StoredQuery]:
    return {p.stem: _read(p) for p in sorted(data_dir("queries").glob("*.rq"))}


def get_query(name: str) -> StoredQuery:
    queries = stored_queries()
    if name not in queries:
        raise QueryError(
            f"no stored query {name!r}; known: {', '.join(queries) or 'none'} "
            "(see 'resgraph queries')"
        )
    return queries[name]


def _sparql_term(value: str) -> str:
    if re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value, re.IGNORECASE) and (
        "/" in value or value.startswith("urn:")
    ):
        return f"<{value}>"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


# An absolute IRI (RFC 3987 §2.2: a scheme, a colon, then no character IRIs exclude).
_ABSOLUTE_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$')


def _check_value(query: StoredQuery, key: str, value: str) -> None:
    """A parameter's value, checked before anything runs: not empty, and an IRI where the
    query's header declares one (without the angle brackets of SPARQL's syntax)."""
    if not value.strip():
        raise QueryError(f"{key}=: empty; give a value or leave {key} out")
    if key not in query.iris:
        return
    if value.startswith("<") and value.endswith(">"):
        raise QueryError(f"{key}={value}: give the IRI without angle brackets: "
                         f"{key}={value[1:-1]}")
    if not _ABSOLUTE_IRI.match(value) or ("/" not in value and not value.startswith("urn:")):
        raise QueryError(f"{key}={value}: not an IRI; expected an absolute IRI such as "
                         "https://w3id.org/resgraph/id/2022-2505-RSP/joint-motion (resgraph "
                         "queries lists what each query takes)")


# Paging, accepted by every stored query: a result's rows from `offset`, at most `limit`.
PAGING = ("limit", "offset")


def bind(query: StoredQuery, params: dict[str, str], graphs: Sequence[str] = ()) -> str:
    """The query text with `params` bound: IRIs as IRIs, anything else as a string; `limit`
    and `offset` page the rows (in the query's own order). `graphs`, when given, are the
    only named graphs the query reads (a window of resolutions, resgraph.windows)."""
    paging = {k: params[k] for k in PAGING if k in params}
    params = {k: v for k, v in params.items() if k not in PAGING}
    for key, value in paging.items():
        if not value.isdigit():
            raise QueryError(f"{key}={value!r}: expected a whole number of rows, such as 100")
    unknown = sorted(set(params) - set(query.parameters))
    if unknown:
        accepted = ", ".join((*query.parameters, *PAGING))
        raise QueryError(
            f"query {query.name!r} has no parameter {unknown[0]!r} (it accepts: {accepted})"
        )
    for key in sorted(params):
        _check_value(query, key, params[key])
    text = query.text.rstrip() + "\n"
    # LIMIT and OFFSET end the query; a trailing VALUES would come after them (SPARQL 1.1 §19)
    text += "".join(f"{k.upper()} {int(paging[k])}\n" for k in PAGING if k in paging)
    if graphs:
        graph = _GRAPH_BLOCK.search(text)
        if not graph:
            raise QueryError(f"query {query.name!r} has no GRAPH ?g block to read graphs from")
        named = " ".join(f"({_sparql_term(g)})" for g in graphs)
        text = f"{text[:graph.start()]}VALUES (?g) {{ {named} }}\n  {text[graph.start():]}"
    if params:
        keys = sorted(params)
        variables = " ".join(f"?{k}" for k in keys)
        values = " ".join(_sparql_term(params[k]) for k in keys)
        clause = f"VALUES ({variables}) {{ ({values}) }}"
        graph = _GRAPH_BLOCK.search(text)
        if graph:
            # Inside the named-graph block, joined first there; and a resolution's own graph,
            # {resolution}/graph (graph.iri.Minter.graph), named before the block so that the
            # engine reads that graph alone. Oxigraph pushes neither a trailing VALUES into
            # the graph nor one inside it into an OPTIONAL; with both clauses every stored
            # query answers for one resolution of a 5,000-resolution store in under 10 ms
            # (issue 12; `demands` took 360 ms with the inner clause alone). Plain SPARQL 1.1.
            outer = ""
            if "resolution" in params and not graphs:
                named = _sparql_term(params["resolution"].rstrip("/") + "/graph")
                outer = f"VALUES (?g) {{ ({named}) }}\n  "
            text = (f"{text[:graph.start()]}{outer}{text[graph.start():graph.end()]}\n"
                    f"    {clause}{text[graph.end():]}")
        else:
            # SPARQL allows one trailing VALUES clause, so all parameters share it.
            text += clause + "\n"
    return text


_GRAPH_BLOCK = re.compile(r"GRAPH \?g \{")
