"""One small interface over the three places a query can run: the embedded on-disk store that
`resgraph build` writes, graph files loaded into memory, and a remote SPARQL endpoint."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from resgraph.errors import QueryError

T = TypeVar("T")

ONTOLOGY_GRAPH = "https://w3id.org/resgraph/ontology"

_PARSE_FORMATS = {
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}


@dataclass(frozen=True)
class Result:
    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]


class IRI(str):
    """A value that was an IRI in the store: a string everywhere, and known for an IRI where
    that matters (a link on a page, `"type": "uri"` in SPARQL JSON)."""

    __slots__ = ()


def _value(term: object) -> str | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return IRI(term.value)
    return term.value  # type: ignore[attr-defined]


def run_on(store: ox.Store, query: str) -> Result:
    """A SELECT query's rows from `store`."""
    try:
        solutions = store.query(query)
        if not isinstance(solutions, ox.QuerySolutions):
            raise QueryError("stored queries must be SELECT queries")
        columns = tuple(v.value for v in solutions.variables)
        # evaluation is lazy: a SERVICE call or a read fails while the rows are taken
        rows = tuple(tuple(_value(s[c]) for c in columns) for s in solutions)
    except (SyntaxError, OSError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from None
    return Result(columns, rows)


def named_graph_lines(store: ox.Store) -> Iterator[tuple[str, list[bytes]]]:
    """Every named graph of `store`, in IRI order, with its triples as sorted, distinct
    N-Triples lines (no line break): the same content gives the same lines."""
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    for name in names:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)) or b""
        yield name, sorted({line for line in data.splitlines() if line.strip()})


def query_store(path: Path, query: str) -> Result:
    """Run a query on the store at `path` (OUT/store); see `with_store`."""
    return with_store(path, lambda run: run(query))


# Written by a corpus build beside its store (resgraph.corpus.writer): every resolution's
# graph, IRI and date, so that whole-corpus queries need not list them from the store.
WINDOWS = "windows.tsv"


class StoreRun:
    """`run` for a store: a query's rows; and, read when first asked, the build's list of
    resolutions when the store has one beside it (resgraph.windows reads it)."""

    def __init__(self, store: ox.Store, folder: Path | None = None) -> None:
        self.store = store
        self.folder = folder
        self._listing: tuple[tuple[str, ...], ...] | None = None

    def __call__(self, query: str) -> Result:
        return run_on(self.store, query)

    def listing(self) -> tuple[tuple[str, ...], ...] | None:
        """graph, resolution, date, datatype of every resolution; None without the list."""
        if self._listing is None and self.folder is not None:
            try:
                text = (self.folder / WINDOWS).read_text("utf-8")
            except OSError:
                return None
            self._listing = tuple(tuple(line.split("\t")) for line in text.splitlines()
                                  if line)
        return self._listing


def with_store(path: Path, use: Callable[[Callable[[str], Result]], T]) -> T:
    """`use(run)`, where `run` runs a query on the store at `path` (see with_store_object)."""
    return _with_store(path, lambda store, folder: use(StoreRun(store, folder)))


def with_store_object(path: Path, use: Callable[[ox.Store], T]) -> T:
    """`use(store)` with the store at `path` (OUT/store) opened read-only, safely while a
    build replaces OUT: the output directory is opened first and the store read through that
    handle, so everything `use` reads comes from one generation; if the directory was swapped
    while the store was being opened (the old one is then removed), the new one is opened
    instead."""
    return _with_store(path, lambda store, folder: use(store))


def _with_store(path: Path, use: Callable[[ox.Store, Path], T]) -> T:
    """`use(store, folder)`: with_store_object's, with the output folder it was read from."""
    for _ in range(3):
        generation = _generation(path)
        with _pinned(path) as pinned:
            try:
                if not (pinned / "CURRENT").exists():
                    raise QueryError(f"{path}: no resgraph store here (run 'resgraph build -o "
                                     "DIR' first)")
                store = ox.Store.read_only(str(pinned))
            except (OSError, RuntimeError) as exc:
                if _generation(path) != generation:
                    continue  # swapped during the open: read the new one
                raise QueryError(f"{path}: cannot open the store ({exc})") from None
            try:
                return use(store, pinned.parent)
            except (OSError, RuntimeError) as exc:
                if _generation(path) != generation:
                    continue  # swapped while it was read: read the new one
                raise QueryError(f"query failed: {exc}") from None
    raise QueryError(f"{path}: the store kept being replaced while it was opened; try again")


class Reopening:
    """A long-lived read-only handle on the store at `path` (OUT/store), reopened when a build
    has swapped the output directory in (its generation changed): what a server and its
    query workers hold."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store: ox.Store | None = None
        self.generation: int | None = None

    def get(self) -> ox.Store:
        generation = _generation(self.path)
        if self.store is None or generation != self.generation:
            self.store = ox.Store.read_only(str(self.path))
            self.generation = generation
        return self.store


def _generation(path: Path) -> int | None:
    try:
        return os.stat(path.parent).st_ino
    except OSError:
        return None


@contextmanager
def _pinned(path: Path) -> Iterator[Path]:
    """`path` reached through an open handle on its directory (Linux /proc/self/fd), so that
    renaming the directory does not change what is read; `path` itself elsewhere."""
    try:
        fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield path
        return
    try:
        through = Path(f"/proc/self/fd/{fd}") / path.name
        yield through if through.parent.exists() else path
    finally:
        os.close(fd)


def load_files(paths: Sequence[Path]) -> ox.Store:
    """Graph files into an in-memory store. Triples from triple formats go into a named graph
    named after the file, so the stored queries (which match inside GRAPH) see them."""
    store = ox.Store()
    for path in paths:
        fmt = _PARSE_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise QueryError(
                f"{path}: unknown graph file type (expected one of "
                f"{', '.join(sorted(_PARSE_FORMATS))})"
            )
        if not path.is_file():
            raise QueryError(f"{path}: no such file")
        graph = None if fmt.supports_datasets else ox.NamedNode(path.resolve().as_uri())
        try:
            store.load(path=str(path), format=fmt, to_graph=graph)
        except (SyntaxError, OSError, ValueError) as exc:
            raise QueryError(f"{path}: not valid {fmt.name}: {exc}") from None
    return store


def query_files(paths: Sequence[Path], query: str) -> Result:
    return with_files(paths, lambda run: run(query))


def with_files(paths: Sequence[Path], use: Callable[[Callable[[str], Result]], T]) -> T:
    """`use(run)`, where `run` runs a query on the graph files loaded once into memory."""
    store = load_files(paths)
    return use(lambda query: run_on(store, query))


@dataclass(frozen=True)
class Endpoint:
    """A remote SPARQL endpoint and how resgraph talks to it."""

    url: str
    timeout: float = 30.0  # seconds without an answer before the query is given up
    row_cap: int | None = None  # the server's result cap, when it does not say it cut
    dialect: str = "sparql11"  # or "virtuoso": see DIALECTS


# Opt-in lines a dialect puts before every query. Virtuoso spends up to seconds choosing a join
# order for the stored queries (1.3 s for `demands` at two resolutions); `sql:select-option
# "order"` keeps the order they are written in, and each then answers in under 20 ms with the
# same rows (benchmarks/stores.py). Not SPARQL 1.1: other engines refuse it.
DIALECTS = {"sparql11": "", "virtuoso": 'DEFINE sql:select-option "order"\n'}


def query_endpoint(endpoint: Endpoint | str, query: str) -> Result:
    """A SELECT query's rows from a remote endpoint. A result the server cut is an error,
    never a short answer: Virtuoso says so only in its X-SPARQL-MaxRows header (with HTTP
    200), and a row count equal to a declared `row_cap` says the same."""
    import urllib.error

    from SPARQLWrapper import JSON, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    if isinstance(endpoint, str):
        endpoint = Endpoint(endpoint)
    url = endpoint.url
    client = SPARQLWrapper(url)
    # Without the stored query's comment header: SPARQLWrapper tells a query from an update by
    # the first keyword it finds anywhere, comments included ("addressee" reads as ADD).
    lines = query.splitlines()
    while lines and lines[0].lstrip().startswith("#"):
        lines.pop(0)
    client.setQuery(DIALECTS[endpoint.dialect] + "\n".join(lines))
    client.setReturnFormat(JSON)
    client.setMethod("POST")
    # setTimeout() rounds to whole seconds. SPARQLWrapper annotates `timeout` as an int, but
    # only hands it to urlopen, which takes a float: its annotation is too narrow.
    client.timeout = endpoint.timeout  # type: ignore[assignment]
    try:
        answer = client.query()
        cap = answer.response.info().get("X-SPARQL-MaxRows")
        data = answer.convert()
    except TimeoutError:
        raise QueryError(f"{url}: no answer within {endpoint.timeout:g} s") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise QueryError(f"{url}: no answer within {endpoint.timeout:g} s") from None
        raise QueryError(f"{url}: the endpoint failed: {exc}") from None
    except (SPARQLWrapperException, OSError, ValueError) as exc:
        raise QueryError(f"{url}: the endpoint failed: {exc}") from None
    if not isinstance(data, dict) or "head" not in data:
        raise QueryError(f"{url}: the endpoint did not answer with SPARQL JSON results")
    columns = tuple(data["head"]["vars"])
    rows = tuple(
        tuple(b[c]["value"] if c in b else None for c in columns)
        for b in data["results"]["bindings"]
    )
    if cap is not None:
        raise QueryError(f"{url}: the endpoint cut the result at {cap} rows (its "
                         "X-SPARQL-MaxRows header); page it with --param limit=N "
                         "--param offset=M")
    if endpoint.row_cap is not None and len(rows) >= endpoint.row_cap:
        raise QueryError(f"{url}: {len(rows)} rows, as many as the endpoint's cap of "
                         f"{endpoint.row_cap} (--row-cap): the result may be cut; page it with "
                         "--param limit=N --param offset=M")
    return Result(columns, rows)
