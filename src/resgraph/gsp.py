"""A client of the SPARQL 1.1 Graph Store HTTP Protocol (W3C Recommendation, 2013): replace
a named graph (PUT, section 5.3), read it back (GET, 5.2) and remove it (DELETE, 5.4).

The graph is named in the query string: `graph=` as the Recommendation says (section 4.2,
indirect graph identification; Oxigraph's `/store`), or `graph-uri=` for Virtuoso's
`/sparql-graph-crud` and `/sparql-graph-crud-auth` services, which read no other name.
Bodies are sent as N-Triples under the Turtle media type (every N-Triples document is a
Turtle document, RDF 1.1 Turtle section 1): Virtuoso 7 stores nothing from N-Quads and
answers 200 all the same, so one graph per request, in a syntax every store reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import pyoxigraph as ox

from resgraph.errors import ResgraphError
from resgraph.fetch.http import FetchError, Http

# What a store may answer a GET with, and how to read it.
_READ = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


class GraphStoreError(ResgraphError):
    """A store refused or failed: the message names the graph and the HTTP status."""


def graph_parameter(url: str) -> str:
    """The query-string name of the graph at the service `url`."""
    return "graph-uri" if "sparql-graph-crud" in urlsplit(url).path else "graph"


def query_service(url: str) -> str | None:
    """The SPARQL query endpoint beside the Graph Store service `url`, for the layouts known:
    Oxigraph's /store beside /query, Virtuoso's /sparql-graph-crud(-auth) beside /sparql."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if path.endswith("/store"):
        path = path[: -len("store")] + "query"
    elif path.endswith(("/sparql-graph-crud", "/sparql-graph-crud-auth")):
        path = path.rsplit("/", 1)[0] + "/sparql"
    else:
        return None
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


@dataclass(frozen=True)
class GraphStore:
    url: str
    http: Http
    # Where graphs are counted: a SPARQL endpoint answers one row, where a GET of a whole graph
    # is cut at a server's result cap (Virtuoso's ResultSetMaxRows applies to it too).
    query_url: str | None = None

    def _at(self, graph: str) -> str:
        joiner = "&" if "?" in self.url else "?"
        return f"{self.url}{joiner}{graph_parameter(self.url)}={quote(graph, safe='')}"

    def put(self, graph: str, ntriples: bytes) -> None:
        """Replace `graph` with the triples of `ntriples`."""
        self._send("PUT", graph, {"Content-Type": "text/turtle; charset=utf-8"}, ntriples)

    def delete(self, graph: str) -> None:
        self._send("DELETE", graph, {}, None, missing=(404,))

    def count(self, graph: str) -> int:
        """How many triples the store holds in `graph` (0 if it has no such graph): by a
        SPARQL COUNT where the query endpoint is known, else by reading the graph back."""
        if self.query_url:
            return self._count_by_query(graph)
        answer = self._send("GET", graph, {"Accept": "application/n-triples, text/turtle;q=0.9"},
                            None, missing=(404,))
        if answer is None or not answer.body.strip():
            return 0
        if answer.header("X-SPARQL-MaxRows"):
            raise GraphStoreError(f"GET {graph}: {self.url} cut the graph at "
                                  f"{answer.header('X-SPARQL-MaxRows')} triples")
        fmt = _READ.get(answer.media_type)
        if fmt is None:
            raise GraphStoreError(f"GET {graph}: {self.url} answered with {answer.media_type!r},"
                                  " not RDF")
        try:
            return sum(1 for _ in ox.parse(answer.body, format=fmt))
        except SyntaxError as exc:
            raise GraphStoreError(f"GET {graph}: {self.url} answered with broken "
                                  f"{fmt.name}: {exc}") from None

    def _count_by_query(self, graph: str) -> int:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        url = f"{self.query_url}?{urlencode({'query': query})}"
        try:
            answer = self.http.send("GET", url, {"Accept": "application/sparql-results+json"})
            assert answer is not None
            bindings = json.loads(answer.body)["results"]["bindings"]
            return int(float(bindings[0]["n"]["value"])) if bindings else 0
        except FetchError as exc:
            raise GraphStoreError(f"counting {graph}: {exc}") from None
        except (ValueError, KeyError, IndexError, TypeError):
            raise GraphStoreError(f"counting {graph}: {self.query_url} did not answer with "
                                  "SPARQL JSON results") from None

    def _send(self, method: str, graph: str, headers: dict[str, str], body: bytes | None,
              missing: tuple[int, ...] = ()):
        try:
            return self.http.send(method, self._at(graph), headers, body, missing=missing)
        except FetchError as exc:
            raise GraphStoreError(f"{method} {graph}: {exc}") from None
