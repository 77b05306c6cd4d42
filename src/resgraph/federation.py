"""Stored queries that ask another endpoint (`SERVICE ?service { … }`), with the local bindings
pushed inside the SERVICE block as a VALUES clause.

An engine that meets `SERVICE <url> { P }` sends P as it stands: every row of P comes back
and the join happens here (for an ODP calendar, every sitting ever; for Cellar or Wikidata,
far more). So a federated stored query runs in two steps (SPARQL 1.1 Federated Query, section
2.4 describes the same VALUES hand-over):

1. the query without its SERVICE block, projected on the variables the block shares with the
   rest (`SELECT DISTINCT ?shared … WHERE { local part }`), runs here;
2. the whole query runs with `SERVICE <url>` given those rows as `VALUES` at the start of the
   block, so the remote endpoint answers for them alone.

The endpoint is the query's `service` parameter, an IRI; the local part runs on the store or
graph files, whose engine (Oxigraph) makes the SERVICE call.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from resgraph.errors import QueryError
from resgraph.queries import PAGING, StoredQuery, bind

SERVICE_PARAMETER = "service"
_SERVICE = re.compile(r"SERVICE\s+\?service\s*\{")
_VARIABLE = re.compile(r"[?$]([A-Za-z_][A-Za-z0-9_]*)")
_COMMENT = re.compile(r"#[^\n]*")


@dataclass(frozen=True)
class Split:
    """A federated query's text around its SERVICE block."""

    prologue: str  # PREFIX lines and SELECT … up to the WHERE clause's opening brace
    before: str  # the WHERE clause before the SERVICE block
    block: str  # the block's content, without its braces
    after: str  # the rest of the WHERE clause (before its closing brace)
    tail: str  # from the WHERE clause's closing brace on (GROUP BY, ORDER BY, LIMIT)

    @property
    def shared(self) -> tuple[str, ...]:
        """Variables of the block also used outside it, in the WHERE clause."""
        inside = set(_VARIABLE.findall(_COMMENT.sub("", self.block)))
        outside = set(_VARIABLE.findall(_COMMENT.sub("", self.before + self.after)))
        return tuple(sorted((inside & outside) - {SERVICE_PARAMETER}))


def is_federated(query: StoredQuery) -> bool:
    return _SERVICE.search(query.text) is not None


_IRI = re.compile(r"<[^\s<>\"{}|\\^`]*>")


def _closing(text: str, opening: int) -> int:
    """The index of the brace closing the one at `opening` (IRIs, quoted strings and comments
    skipped)."""
    depth, i = 0, opening
    while i < len(text):
        c = text[i]
        iri = _IRI.match(text, i) if c == "<" else None
        if iri:
            i = iri.end()
            continue
        if c == "#":
            i = text.find("\n", i)
            if i < 0:
                break
        elif c in "\"'":
            i = text.find(c, i + 1)
            if i < 0:
                break
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise QueryError("unbalanced braces in a federated query")


def split(text: str) -> Split:
    service = _SERVICE.search(text)
    where = re.search(r"\bWHERE\s*\{", text)
    if service is None or where is None:
        raise QueryError("a federated query needs WHERE { … SERVICE ?service { … } … }")
    where_open = where.end() - 1
    where_close = _closing(text, where_open)
    block_open = service.end() - 1
    block_close = _closing(text, block_open)
    return Split(text[:where_open + 1], text[where_open + 1:service.start()],
                 text[block_open + 1:block_close], text[block_close + 1:where_close],
                 text[where_close:])


def _term(term: object) -> str:
    return "UNDEF" if term is None else str(term)


def run_federated(
        query: StoredQuery, params: dict[str, str],
        local: Callable[[str], ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples]) -> str:
    """The query text to run: `query` with `params` bound, its SERVICE block sent to the
    `service` parameter's endpoint with the local part's bindings as VALUES. `local` runs a
    query here and gives its solutions (their terms keep their datatypes)."""
    service = params.get(SERVICE_PARAMETER, "").strip()
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", service):
        raise QueryError(f"query {query.name!r} asks another endpoint: give its URL with "
                         "--param service=http://…")
    inner = {k: v for k, v in params.items() if k != SERVICE_PARAMETER}
    text = bind(query, {k: v for k, v in inner.items() if k not in PAGING})
    parts = split(text)
    shared = parts.shared
    if shared:
        projection = " ".join(f"?{v}" for v in shared)
        local_text = (f"{parts.prologue[:parts.prologue.rfind('SELECT')]}"
                      f"SELECT DISTINCT {projection} WHERE {{{parts.before}{parts.after}}}")
        solutions = local(local_text)
        assert isinstance(solutions, ox.QuerySolutions)  # a SELECT query
        rows = [tuple(_term(solution[v]) for v in shared) for solution in solutions]
        values = " ".join(f"({' '.join(row)})" for row in sorted(set(rows)))
        pushed = f"\n    VALUES ({projection}) {{ {values} }}"
    else:
        pushed = ""
    full = (f"{parts.prologue}{parts.before}SERVICE <{service}> {{{pushed}{parts.block}}}"
            f"{parts.after}{parts.tail}")
    return bind(_with_text(query, full), {k: v for k, v in inner.items() if k in PAGING})


def _with_text(query: StoredQuery, text: str) -> StoredQuery:
    from dataclasses import replace

    return replace(query, text=text, parameters=())
