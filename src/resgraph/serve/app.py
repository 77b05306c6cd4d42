"""`resgraph serve`: the store published over HTTP, read-only by construction (the store is
opened read-only and no route writes).

- Every IRI resgraph mints answers at its path under the base, whatever host the server runs
  on: HTML for people, and Turtle, N-Triples, N-Quads, TriG, JSON-LD and RDF/XML by `Accept`
  (RFC 9110 §12.5.1, q-values; `Vary: Accept`; 406 listing the formats) or at the same path
  with the format's extension. The data is the IRI's concise bounded description (CBD), or
  a named graph's whole content when the IRI names one; strong ETags (a digest of the bytes)
  answer `If-None-Match` with 304.
- `/sparql`: the SPARQL 1.1 Protocol, read-only and guarded (serve.safety), each query in a
  worker process killed at the deadline (serve.worker), rows capped and the cap signalled.
- `/queries/NAME`: the stored queries as URLs, with their parameters from the query string.
Errors have one shape, in HTML or JSON, with the messages the command line gives.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import json
import re
import sys
import time
from collections import OrderedDict, defaultdict, deque
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit
from xml.sax.saxutils import escape

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route
from starlette.types import Send

from resgraph import __version__
from resgraph.dumps import FOLDER, INDEX, Dump, DumpsError, read_dumps
from resgraph.errors import QueryError, ResgraphError
from resgraph.extract.events import event_type_labels
from resgraph.federation import is_federated
from resgraph.queries import PAGING, StoredQuery, bind, stored_queries
from resgraph.serialize import FORMATS, serialize
from resgraph.serve import dcat, describe, pages, void
from resgraph.serve.conneg import BY_EXTENSION, REPRESENTATIONS, Representation, choose
from resgraph.serve.results import (
    MEDIA_TYPES,
    WRITERS,
    stream_head,
    stream_rows,
    stream_tail,
)
from resgraph.serve.safety import Refused, check_query, non_public
from resgraph.serve.worker import Answer, Deadline, Failed, Job, Pool
from resgraph.store import Reopening
from resgraph.table import prefixes_for, shorten
from resgraph.vocab import PREFIXES, RG
from resgraph.windows import Cursor

# What a path may hold to be an IRI's (RFC 3987 excludes these from IRIs).
_IRI_PATH = re.compile(r'^/[^\s<>"{}|\\^`]*$')
_HTTP_IRI = re.compile(r'^https?://[^\s<>"{}|\\^`]+$')
_SITEMAP = 50_000  # URLs in one sitemap (sitemaps.org: at most 50,000)
INVERSE_PAGE = 50
STATEMENTS_SHOWN = 300  # rows of a page's statements; the data has them all
RESOLUTIONS_PAGE = 50
# Query-string keys of a stored query's URL that are not the query's parameters.
_NOT_PARAMETERS = ("format", "cursor", "rows")


@dataclass(frozen=True)
class ServeConfig:
    store: Path
    base: str
    allowed_services: frozenset[str] = frozenset()
    deadline: float = 10.0  # seconds a query may run
    row_cap: int = 10_000  # rows (or triples) a query answers at most
    max_request: int = 64 << 10  # bytes of a query or request body
    budget: float = 60.0  # query seconds a client may use ...
    budget_window: float = 600.0  # ... in this many seconds, else 429
    workers: int = 2
    stream_page: int = 1000  # rows a streamed stored query reads at a time
    dumps: Path | None = None  # what `resgraph dumps` wrote; default: dumps/ beside the store
    # the catalogue's publisher: an IRI of the Publications Office's corporate-body table
    publisher: str = "http://publications.europa.eu/resource/authority/corporate-body/EP"
    publisher_name: str = "European Parliament"
    catalogue: str = "resgraph"  # the last segment of the catalogue's IRIs (serve.dcat)
    static: bool = False  # pages for `resgraph site`: no forms, which need a server


@dataclass
class _Budget:
    """Query seconds per client over a sliding window."""

    limit: float
    window: float
    spent: dict[str, deque[tuple[float, float]]] = field(
        default_factory=lambda: defaultdict(deque))

    def retry_after(self, client: str, now: float) -> int | None:
        used = self.spent[client]
        while used and used[0][0] < now - self.window:
            used.popleft()
        if sum(s for _, s in used) < self.limit:
            return None
        total, wait = sum(s for _, s in used), 0.0
        for at, seconds in used:  # until enough has left the window
            total -= seconds
            wait = at + self.window - now
            if total < self.limit:
                break
        return max(1, int(wait + 0.999))

    def add(self, client: str, now: float, seconds: float) -> None:
        self.spent[client].append((now, seconds))


@dataclass
class _Cache:
    """Representations already made, least recently used first out, within `limit` bytes. A
    store generation is part of every key, so a rebuilt store is never answered from it."""

    limit: int = 64 << 20
    size: int = 0
    entries: OrderedDict[tuple[object, ...], tuple[bytes, str, dict[str, str]]] = field(
        default_factory=OrderedDict)

    def get(self, key: tuple[object, ...]) -> tuple[bytes, str, dict[str, str]] | None:
        found = self.entries.get(key)
        if found is not None:
            self.entries.move_to_end(key)
        return found

    def put(self, key: tuple[object, ...], value: tuple[bytes, str, dict[str, str]]) -> None:
        if len(value[0]) > self.limit // 8:
            return
        self.entries[key] = value
        self.size += len(value[0])
        while self.size > self.limit:
            _, (body, _, _) = self.entries.popitem(last=False)
            self.size -= len(body)


class HTTPError(ResgraphError):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


class _Unfinished(Exception):
    """A streamed answer's later page failed (and was logged): the body ends unfinished."""


class _RowStream(StreamingResponse):
    """A streamed answer that can end unfinished: without its final chunk, which is how
    HTTP/1.1 tells the client a chunked body is incomplete (RFC 9112 section 7.1), and
    without the server logging a traceback for what was an expected refusal."""

    async def stream_response(self, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status_code,
                    "headers": self.raw_headers})
        try:
            async for chunk in self.body_iterator:
                body = chunk if isinstance(chunk, bytes | memoryview) else chunk.encode()
                await send({"type": "http.response.body", "body": body, "more_body": True})
        except _Unfinished:
            return
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("resgraph.serve", "templates"),
                      autoescape=select_autoescape(["html"], default=True))
    env.filters["short"] = short
    return env


_SHORT = prefixes_for(PREFIXES)


def short(iri: str) -> str:
    """An IRI in the prefixed form the data's prefixes give it, else whole (the command
    line's tables shorten the same way, resgraph.table)."""
    return shorten(iri, _SHORT)[0]


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _language(request: Request) -> str:
    """The language a request asks labels in: `?lang=`, else the first of Accept-Language
    (RFC 9110 §12.5.4), else English; its primary subtag, lower case."""
    asked = request.query_params.get("lang") or request.headers.get("accept-language", "")
    first = asked.split(",")[0].split(";")[0].strip().split("-")[0].lower()
    return first if re.fullmatch(r"[a-z]{2,3}", first) else "en"


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


class Site:
    """The application's state and handlers."""

    def __init__(self, config: ServeConfig) -> None:
        self.config = config
        self.base = config.base
        origin = urlsplit(config.base)
        self.origin = f"{origin.scheme}://{origin.netloc}"
        self.store = Reopening(config.store)
        self.pool = Pool(config.store, config.workers)
        self.budget = _Budget(config.budget, config.budget_window)
        self.made = _Cache()
        self.env = _environment()
        self.page_rows = min(100, config.row_cap)  # rows of a stored query's page
        self.env.globals["static"] = config.static
        self.queries = stored_queries()
        # every event type's label in the knowledge base's order: each its mark in timelines
        self.event_types = event_type_labels()
        self.dumps_folder = config.dumps or config.store.parent / FOLDER
        self._dumps: tuple[int, tuple[Dump, ...]] = (-1, ())
        self._void: tuple[int | None, void.Counts] | None = None
        self._counting: tuple[int | None, asyncio.Future[void.Counts]] | None = None
        for url in sorted(config.allowed_services):
            reason = non_public(url, unresolved_ok=True)
            if reason:
                raise ResgraphError(f"--allow-service {reason}: never allowed")

    # -- helpers ---------------------------------------------------------------------------

    def local(self, iri: str) -> str:
        """The path at which this server answers for `iri` (itself when not ours)."""
        if iri.startswith(self.origin + "/"):
            return iri[len(self.origin):]
        return iri

    def here(self, iri: str) -> str | None:
        """For an IRI that is not ours, the page of what this data says of it."""
        if iri.startswith(self.origin + "/") or not iri.startswith(("http://", "https://")):
            return None
        return f"/about?{urlencode({'iri': iri})}"

    def render(self, template: str, status: int = 200, **values: object) -> HTMLResponse:
        html = self.env.get_template(template).render(local=self.local, here=self.here,
                                                      **values)
        return HTMLResponse(html, status_code=status)

    def error(self, request: Request, status: int, message: str,
              headers: dict[str, str] | None = None) -> Response:
        accept = request.headers.get("accept", "")
        wants_html = choose(accept, (REPRESENTATIONS[0], Representation(
            "json", "json", "application/json"))) is REPRESENTATIONS[0]
        if wants_html and "json" not in request.url.path.rsplit(".", 1)[-1]:
            response: Response = self.render("error.html", status=status, code=status,
                                             message=message, title=f"Error {status}")
        else:
            response = JSONResponse({"error": {"status": status, "message": message}},
                                    status_code=status)
        for key, value in (headers or {}).items():
            response.headers[key] = value
        return response

    def cached(self, request: Request, body: bytes, media_type: str,
               extra: dict[str, str] | None = None) -> Response:
        tag = (extra or {}).get("ETag") or _etag(body)
        headers = {"ETag": tag, "Vary": "Accept", "Access-Control-Allow-Origin": "*",
                   "Cache-Control": "public, max-age=300", **(extra or {})}
        if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=media_type, headers=headers)

    # -- resources -------------------------------------------------------------------------

    async def resource(self, request: Request) -> Response:
        path = request.url.path
        representation: Representation | None = None
        iri = self.origin + path
        dataset = self.base + "dataset"
        if iri == dataset or (iri.startswith(dataset + ".") and iri[len(dataset) + 1:]
                              in BY_EXTENSION and iri[len(dataset) + 1:] != "html"):
            return await self.dataset(request, BY_EXTENSION.get(iri[len(dataset) + 1:]))
        if not _IRI_PATH.match(path):
            raise HTTPError(404, f"{iri}: not an IRI resgraph mints")
        stem, dot, extension = path.rpartition(".")
        store = self.store.get()
        if dot and extension in BY_EXTENSION and "/" not in extension:
            candidate = self.origin + stem
            if describe.known(store, candidate):
                iri, representation = candidate, BY_EXTENSION[extension]
        if not describe.known(store, iri):
            raise HTTPError(404, f"{iri}: nothing is known of this IRI here")
        if representation is None:
            representation = choose(request.headers.get("accept"))
            if representation is None:
                offered = ", ".join(r.media_type for r in REPRESENTATIONS)
                raise HTTPError(406, f"{iri}: none of the accepted formats is offered; "
                                f"offered: {offered}")
        key = (self.store.generation, iri, representation.name, request.url.query,
               _language(request) if representation.name == "html" else None)
        made = self.made.get(key)
        if made is None:
            # made in a thread: a page takes up to a few hundred milliseconds, which the event
            # loop would otherwise keep from every request already made and cached
            made = await asyncio.to_thread(self._make, request, store, iri, representation)
            self.made.put(key, made)
        return self.cached(request, *made)

    def _make(self, request: Request, store: ox.Store, iri: str,
              representation: Representation) -> tuple[bytes, str, dict[str, str]]:
        """A representation of `iri`: its bytes, media type and headers, the ETag among them
        (computed once, not at every request it is answered from the cache)."""
        graph = describe.graph_content(store, iri)
        quads = graph if graph is not None else describe.description(store, iri)
        if representation.name == "html":
            body, media, headers = self.page_bytes(request, store, iri, quads,
                                                   graph is not None)
        else:
            body, media = _serialise(quads, representation.name), _media(representation)
            headers = {"Content-Location": f"{self.local(iri)}.{representation.extension}",
                       "Link": _alternates(self.local(iri))}
        return body, media, {**headers, "ETag": _etag(body)}

    async def about(self, request: Request) -> Response:
        """The page of an IRI that is not ours (an ELI, a Wikidata entity, an ODP document):
        what this data says of it and which statements point to it."""
        iri = request.query_params.get("iri", "")
        if not _HTTP_IRI.match(iri):
            raise HTTPError(400, "iri=…: expected an http(s) IRI")
        if iri.startswith(self.origin + "/"):
            return Response(status_code=303, headers={"Location": self.local(iri)})
        store = self.store.get()
        if not describe.known(store, iri):
            raise HTTPError(404, f"{iri}: nothing is known of this IRI here")
        quads = describe.description(store, iri)
        wanted = request.query_params.get("format")
        if wanted:
            chosen = BY_EXTENSION.get(wanted)
            if chosen is None:
                raise HTTPError(404, f"format={wanted}: no such format ("
                                + ", ".join(BY_EXTENSION) + ")")
            if chosen.name != "html":
                return self.cached(request, _serialise(quads, chosen.name), _media(chosen))
        made = self.page_bytes(request, store, iri, quads, False)
        return self.cached(request, *made)

    def page_bytes(self, request: Request, store: ox.Store, iri: str, quads: list[ox.Quad],
                   is_graph: bool) -> tuple[bytes, str, dict[str, str]]:
        """A resource's page: its bytes, media type and headers."""
        try:
            offset = max(0, int(request.query_params.get("inverse", "0")))
        except ValueError:
            raise HTTPError(400, "inverse=…: expected a whole number of statements") from None
        inverse = describe.inverse(store, iri, INVERSE_PAGE, offset)
        about = [q for q in quads if _text(q.subject) == iri] if not is_graph else []
        types = tuple(sorted({_text(q.object) for q in about if q.predicate.value
                              == pages.RDF_TYPE}))
        # One row per property and value, with the graphs stating it counted: an actor
        # named in thousands of resolutions says the same in each.
        grouped: dict[tuple[str, str], list[ox.Quad]] = {}
        for q in about:
            if q.predicate.value != pages.RDF_TYPE:
                grouped.setdefault((q.predicate.value, str(q.object)), []).append(q)
        statements = tuple(pages.Statement(
            same[0].predicate.value, pages.value(same[0].object),
            same[0].graph_name.value if isinstance(same[0].graph_name, ox.NamedNode) else None,
            len(same)) for same in list(grouped.values())[:STATEMENTS_SHOWN])
        parts: tuple[pages.Part, ...] = ()
        if f"{RG}Resolution" in types:
            graph = next((q.graph_name.value for q in about
                          if isinstance(q.graph_name, ox.NamedNode)), None)
            if graph:
                parts = pages.document(store, iri, graph)
        named = {s.value.iri for s in statements if s.value.iri
                 and s.value.iri.startswith(self.origin)}
        named.update(_text(q.subject) for q in inverse.page)
        labels = {i: pages.quick_label(store, i) for i in sorted(named)}
        language = _language(request)
        label, label_language = pages.labelled(about, iri, language)
        page = pages.ResourcePage(iri, label, label_language, types, statements, inverse,
                                  parts)
        questions = self._questions(store, iri, types)
        jsonld = _serialise(quads[:2000], "jsonld").decode("utf-8").replace("</", "<\\/")
        body = self.env.get_template("resource.html").render(
            local=self.local, here=self.here, page=page, labels=labels, is_graph=is_graph,
            triples=len(quads), offset=offset, step=INVERSE_PAGE, jsonld=jsonld,
            questions=questions, language=language, hidden=max(0, len(grouped) - STATEMENTS_SHOWN),
            alternates=[(r, f"{self.local(iri)}.{r.extension}" if self.local(iri) != iri else
                         f"/about?{urlencode({'iri': iri, 'format': r.extension})}")
                        for r in REPRESENTATIONS],
            keep="".join(f"{urlencode({k: v})}&" for k, v in request.query_params.items()
                         if k != "inverse"),
            title=page.label).encode("utf-8")
        return (body, "text/html; charset=utf-8",
                {"Link": _alternates(self.local(iri)), "Vary": "Accept, Accept-Language"})

    def _questions(self, store: ox.Store, iri: str,
                   types: tuple[str, ...]) -> list[tuple[str, str]]:
        """Stored queries that answer about this resource, as (title, URL): for an actor its
        demands over time, repeated demands and mentions across the corpus; for a person the
        resolutions naming them; for what references target, the resolutions citing it; for
        a resolution every query that takes one."""
        asks: list[tuple[str, str]] = []
        actor = {f"{RG}{k}" for k in ("Person", "Organisation", "Office", "Group", "Place")}
        if f"{RG}Resolution" in types:
            asks += [(q.name, "resolution") for q in self.queries.values()
                     if "resolution" in q.parameters and not is_federated(q)]
            timeline = [("timeline of its events", f"/timeline?{urlencode({'resolution': iri})}")]
        else:
            timeline = []
        if actor & set(types):
            asks += [("demands-over-time", "addressee"), ("repeated-demands", "addressee"),
                     ("mentions", "entity")]
        if f"{RG}Person" in types:
            asks.append(("persons-across", "person"))
        target = ox.NamedNode(f"{RG}target")
        if next(iter(store.quads_for_pattern(None, target, ox.NamedNode(iri), None)), None):
            asks.append(("citing-resolutions", "target"))
        return timeline + [(f"{name} ({param})",
                            f"/queries/{name}?{urlencode({param: iri, 'limit': self.page_rows})}")
                           for name, param in asks if name in self.queries]

    async def home(self, request: Request) -> Response:
        store = self.store.get()
        try:
            offset = max(0, int(request.query_params.get("offset", "0")))
        except ValueError:
            raise HTTPError(400, "offset=…: expected a whole number") from None
        found = store.quads_for_pattern(None, ox.NamedNode(pages.RDF_TYPE),
                                        ox.NamedNode(f"{RG}Resolution"), None)
        rows = []
        for quad in _islice(found, offset, RESOLUTIONS_PAGE + 1):
            iri = _text(quad.subject)
            described = list(store.quads_for_pattern(quad.subject, None, None, None))
            rows.append((iri, pages.label_of(described, iri)))
        more = len(rows) > RESOLUTIONS_PAGE
        return self.render("home.html", title="resgraph", rows=rows[:RESOLUTIONS_PAGE],
                           offset=offset, more=more, step=RESOLUTIONS_PAGE,
                           queries=sorted(self.queries.values(), key=lambda q: q.name))

    async def timeline(self, request: Request) -> Response:
        """A resolution's events on a time axis (resgraph.timeline's SVG, drawn from the
        stored `events` query, inline in the page so that it needs no script)."""
        from resgraph.timeline import TimelineEvent, timeline_svg

        iri = request.query_params.get("resolution", "")
        if not _HTTP_IRI.match(iri):
            raise HTTPError(400, "resolution=…: expected a resolution's IRI")
        store = self.store.get()
        described = list(store.quads_for_pattern(ox.NamedNode(iri), None, None, None))
        if not any(q.predicate.value == pages.RDF_TYPE and _text(q.object) == f"{RG}Resolution"
                   for q in described):
            raise HTTPError(404, f"{iri}: no resolution of that IRI here")
        answer = await self._run(request, Job("", self.config.row_cap, stored="events",
                                              params=(("resolution", iri),)))
        assert answer.table is not None
        col = {c: i for i, c in enumerate(answer.table.variables)}

        def cell(row: tuple[object, ...], name: str) -> str | None:
            term = row[col[name]]
            return None if term is None else term.value  # type: ignore[attr-defined]

        events = [TimelineEvent(cell(r, "label") or "", cell(r, "type") or "", cell(r, "date"),
                                cell(r, "endDate"), cell(r, "placeName"))
                  for r in answer.table.rows]
        title = pages.label_of(described, iri)
        return self.render("timeline.html", title=f"Timeline: {title}", resolution=iri,
                           svg=timeline_svg(title, events, self.event_types),
                           events=len(events),
                           dated=sum(1 for e in events if e.date))

    async def search(self, request: Request) -> Response:
        """Resolutions by title or procedure, and actors by name, holding the words asked."""
        words = request.query_params.get("q", "").strip()
        if not words:
            return self.render("search.html", title="Search", words="", hits=())
        if len(words) > 200:
            raise HTTPError(400, "q=…: at most 200 characters")
        answer = await self._run(request, Job(_search_query(words), 100))
        assert answer.table is not None
        hits = tuple((row[0].value, row[1].value, row[2].value) for row in answer.table.rows
                     if row[0] is not None and row[1] is not None and row[2] is not None)
        return self.render("search.html", title=f"Search: {words}", words=words, hits=hits)

    # -- the dataset -------------------------------------------------------------------------

    async def void_counts(self) -> void.Counts | None:
        """The store's counts, computed once per generation in a thread (a large store takes
        a while); None while they are being computed after waiting a little."""
        store = self.store.get()
        generation = self.store.generation
        if self._void is not None and self._void[0] == generation:
            return self._void[1]
        if self._counting is None or self._counting[0] != generation:
            self._counting = (generation, asyncio.ensure_future(
                asyncio.to_thread(void.count, store)))
        task = self._counting[1]
        with contextlib.suppress(asyncio.TimeoutError):
            # a static site is written once: it waits for the figures however long they take
            await asyncio.wait_for(asyncio.shield(task),
                                   timeout=None if self.config.static else 5.0)
        if not task.done():
            return None
        self._void = (generation, task.result())
        return self._void[1]

    async def dataset(self, request: Request,
                      representation: Representation | None = None) -> Response:
        counts = await self.void_counts()
        if counts is None:
            raise HTTPError(503, "the dataset's figures are being counted; retry shortly",
                            {"Retry-After": "30"})
        root = str(request.base_url).rstrip("/")
        corpus = next((d for d in self.dumps() if d.path == "resgraph.nq.gz"), None)
        endpoint = None if self.config.static else f"{root}/sparql"  # a static host has none
        triples = void.description(counts, self.base + "dataset", endpoint,
                                   f"{root}/{FOLDER}/{corpus.path}" if corpus else None,
                                   self.base)
        return self.description(request, tuple(triples), "The dataset (VoID)", representation)

    def description(self, request: Request, triples: tuple[ox.Triple, ...], title: str,
                    representation: Representation | None = None,
                    extra: dict[str, str] | None = None,
                    alternates: tuple[tuple[str, str], ...] = ()) -> Response:
        """Triples the server computes (VoID, the catalogue) in the representation asked for
        by `?format=EXTENSION` or `Accept`: RDF, or a page showing their Turtle with links to
        the other formats and to `alternates` (label, query string)."""
        wanted = request.query_params.get("format")
        chosen = representation or (BY_EXTENSION.get(wanted) if wanted else choose(
            request.headers.get("accept"), (*REPRESENTATIONS[1:], REPRESENTATIONS[0])
            if "text/html" not in request.headers.get("accept", "") else REPRESENTATIONS))
        if chosen is None:
            raise HTTPError(406, "offered: " + ", ".join(r.media_type for r in REPRESENTATIONS))
        if chosen.name == "html":
            kept = {k: v for k, v in request.query_params.items() if k != "format"}
            formats = tuple((r.media_type, f"?{urlencode({**kept, 'format': r.extension})}")
                            for r in REPRESENTATIONS[1:])
            turtle = _serialise_triples(triples, "turtle").decode("utf-8")
            response: Response = self.render("description.html", title=title, turtle=turtle,
                                             formats=formats, alternates=alternates)
            response.headers["Vary"] = "Accept"
        else:
            response = self.cached(request, _serialise_triples(triples, chosen.name),
                                   _media(chosen))
        for key, value in (extra or {}).items():
            response.headers[key] = value
        return response

    def dumps(self) -> tuple[Dump, ...]:
        """The dumps beside the store (resgraph.dumps), read again when their index changes."""
        try:
            stamp = (self.dumps_folder / INDEX).stat().st_mtime_ns
        except OSError:
            return ()
        if self._dumps[0] != stamp:
            try:
                found = read_dumps(self.dumps_folder)
            except DumpsError as exc:  # offer none rather than fail every page naming them
                print(f"resgraph serve: {exc}", file=sys.stderr)
                found = ()
            self._dumps = (stamp, found)
        return self._dumps[1]

    async def dump_index(self, request: Request) -> Response:
        """The dumps, with their sizes, SHA-256 digests and media types: a page, or JSON."""
        found = self.dumps()
        if choose(request.headers.get("accept"), (REPRESENTATIONS[0], Representation(
                "json", "json", "application/json"))) is not REPRESENTATIONS[0]:
            return JSONResponse({"dumps": [dataclasses.asdict(d) for d in found]},
                                headers={"Access-Control-Allow-Origin": "*"})
        return self.render("dumps.html", title="Downloads", dumps=found, folder=FOLDER)

    async def dump_file(self, request: Request) -> Response:
        """One dump, by its path in the index (no other file is ever served): its digest is
        its strong ETag."""
        wanted = request.path_params["path"]
        dump = next((d for d in self.dumps() if d.path == wanted), None)
        if dump is None:
            raise HTTPError(404, f"/{FOLDER}/{wanted}: no such download (see /{FOLDER}/)")
        tag = f'"{dump.sha256}"'
        headers = {"ETag": tag, "Access-Control-Allow-Origin": "*",
                   "Cache-Control": "public, max-age=300"}
        if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers=headers)
        media = dcat.GZIP if dump.compressed else dump.media_type
        if not (self.dumps_folder / dump.path).is_file():
            raise HTTPError(404, f"/{FOLDER}/{wanted}: listed, but the file is gone; run "
                            "resgraph dumps again")
        return FileResponse(self.dumps_folder / dump.path, media_type=media, headers=headers)

    async def catalogue(self, request: Request) -> Response:
        """The DCAT catalogue in the profile asked for (serve.dcat): `?_profile=TOKEN` or
        `Accept-Profile: <IRI>` (W3C Content Negotiation by Profile §6.2 and §7.2), DCAT-AP
        when neither is given; the answer names its profile in `Content-Profile` and the
        other profiles in `Link` headers."""
        token = request.query_params.get("_profile") or _profile(
            request.headers.get("accept-profile"))
        if token not in dcat.PROFILES:
            raise HTTPError(406, f"profile {token}: offered " + ", ".join(
                f"{t} <{iri}>" for t, iri in dcat.PROFILES.items()))
        root = str(request.base_url).rstrip("/")
        manifest = self.config.store.parent / "manifest.json"
        try:
            built = manifest.stat().st_mtime
        except OSError:
            built = self.config.store.stat().st_mtime
        issued = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(built))
        about = dcat.Catalogue(self.config.catalogue, root, issued, self.config.publisher,
                               self.config.publisher_name, self.dumps(),
                               RG.rstrip("#"), __version__, service=not self.config.static)
        url = str(request.url.replace(query=""))
        links = ", ".join(f'<{url}?_profile={t}>; rel="alternate"; profile="{iri}"'
                          for t, iri in dcat.PROFILES.items())
        return self.description(
            request, tuple(dcat.catalogue(about, token)), f"The DCAT catalogue ({token})",
            extra={"Content-Profile": f"<{dcat.PROFILES[token]}>", "Link": links,
                   "Vary": "Accept, Accept-Profile"},
            alternates=tuple((f"{t} <{iri}>", f"?_profile={t}")
                             for t, iri in dcat.PROFILES.items() if t != token))

    async def sitemap(self, request: Request) -> Response:
        """The pages a crawler should visit (sitemaps.org protocol 0.9): every resolution and
        every actor, at most 50,000 URLs a sitemap, then `?page=2` and on."""
        try:
            page = max(1, int(request.query_params.get("page", "1")))
        except ValueError:
            raise HTTPError(400, "page=…: expected a whole number") from None
        store = self.store.get()
        kinds = ("Resolution", "Person", "Organisation", "Office", "Group", "Place")
        found: dict[str, None] = {}
        for kind in kinds:
            for quad in store.quads_for_pattern(None, ox.NamedNode(pages.RDF_TYPE),
                                                ox.NamedNode(RG + kind), None):
                if isinstance(quad.subject, ox.NamedNode):
                    found.setdefault(quad.subject.value, None)
        ours = sorted(i for i in found if i.startswith(self.origin + "/"))
        root = str(request.base_url).rstrip("/")
        chunk = ours[(page - 1) * _SITEMAP: page * _SITEMAP]
        if not chunk and page > 1:
            raise HTTPError(404, f"sitemap page {page}: there are {len(ours)} pages in all")
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        lines += [f"<url><loc>{escape(root + self.local(iri))}</loc></url>" for iri in chunk]
        lines.append("</urlset>\n")
        return self.cached(request, "\n".join(lines).encode("utf-8"), "application/xml")

    # -- SPARQL ----------------------------------------------------------------------------

    async def sparql(self, request: Request) -> Response:
        text = await self._query_text(request)
        if text is None:
            return self.service_description(request)
        checked = check_query(text, self.config.allowed_services,
                              lambda g: self.store.get().contains_named_graph(ox.NamedNode(g)))
        answer = await self._run(request, Job(text, self.config.row_cap))
        return self.respond(request, answer, checked.form, text)

    async def _query_text(self, request: Request) -> str | None:
        limit = self.config.max_request
        if request.method == "GET":
            if len(request.url.query) > limit:
                raise HTTPError(413, f"the query string is over {limit:,} bytes")
            params = request.query_params
            if "update" in params:
                raise Refused("updates are refused: this endpoint is read-only")
            return params.get("query")
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise HTTPError(413, f"the request body is over {limit:,} bytes")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise HTTPError(413, f"the request body is over {limit:,} bytes")
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-query":
            return body.decode("utf-8", "replace")
        if kind == "application/sparql-update":
            raise Refused("updates are refused: this endpoint is read-only")
        if kind == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"))
            if "update" in form:
                raise Refused("updates are refused: this endpoint is read-only")
            if "query" in form:
                return form["query"][0]
            raise Refused("no query= in the form")
        raise HTTPError(415, f"Content-Type {kind or 'missing'}: expected "
                        "application/sparql-query or application/x-www-form-urlencoded")

    async def _run(self, request: Request, job: Job) -> Answer:
        client = _client(request)
        now = time.monotonic()
        wait = self.budget.retry_after(client, now)
        if wait is not None:
            raise HTTPError(429, f"this client used its {self.config.budget:g} s of query "
                            f"time in {self.config.budget_window:g} s; retry in {wait} s",
                            {"Retry-After": str(wait)})
        started = time.monotonic()
        try:
            return await self.pool.run(job, self.config.deadline)
        except Deadline as exc:
            raise HTTPError(503, str(exc), {"Retry-After": "10"}) from None
        except Failed as exc:
            raise HTTPError(400, f"query failed: {exc}") from None
        finally:
            self.budget.add(client, now, time.monotonic() - started)

    def respond(self, request: Request, answer: Answer, form: str, text: str,
                title: str = "SPARQL results") -> Response:
        headers = {"Access-Control-Allow-Origin": "*", "Vary": "Accept"}
        if answer.truncated:
            headers["X-SPARQL-MaxRows"] = str(self.config.row_cap)
        wanted = request.query_params.get("format")
        if answer.table is not None:
            offered = (REPRESENTATIONS[0], *(Representation(n, n, m)
                                             for n, m in MEDIA_TYPES.items()))
            chosen = next((r for r in offered if r.name == wanted), None) or choose(
                request.headers.get("accept"), (*offered[1:], offered[0])
                if "text/html" not in request.headers.get("accept", "") else offered)
            if chosen is None:
                raise HTTPError(406, "offered: " + ", ".join(r.media_type for r in offered))
            if chosen.name == "html":
                return self.render("results.html", title=title, table=answer.table,
                                   query=text, cap=self.config.row_cap)
            body = WRITERS[chosen.name](answer.table)
            return Response(body, media_type=chosen.media_type, headers=headers)
        offered = tuple(r for r in REPRESENTATIONS if r.name != "html")
        chosen = next((r for r in offered if r.name == wanted), None) or choose(
            request.headers.get("accept"), offered) or offered[0]
        return Response(_serialise_triples(answer.triples, chosen.name),
                        media_type=_media(chosen), headers=headers)

    def service_description(self, request: Request) -> Response:
        endpoint = str(request.url.replace(query=""))
        offered = tuple(r for r in REPRESENTATIONS if r.name in ("html", "turtle",
                                                                 "ntriples", "jsonld"))
        chosen = choose(request.headers.get("accept"), offered) or offered[0]
        if chosen.name == "html":
            return self.render("sparql.html", title="SPARQL", endpoint=endpoint,
                               deadline=self.config.deadline, cap=self.config.row_cap,
                               allowed=sorted(self.config.allowed_services))
        sd = "http://www.w3.org/ns/sparql-service-description#"
        node = ox.NamedNode(endpoint)
        triples = [
            (node, ox.NamedNode(pages.RDF_TYPE), ox.NamedNode(sd + "Service")),
            (node, ox.NamedNode(sd + "endpoint"), node),
            (node, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + "SPARQL11Query")),
            (node, ox.NamedNode(sd + "feature"), ox.NamedNode(sd + "UnionDefaultGraph")),
            *((node, ox.NamedNode(sd + "resultFormat"), ox.NamedNode(iri)) for iri in (
                "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
                "http://www.w3.org/ns/formats/SPARQL_Results_XML",
                "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
                "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
                "http://www.w3.org/ns/formats/Turtle", "http://www.w3.org/ns/formats/N-Triples",
                "http://www.w3.org/ns/formats/JSON-LD")),
        ]
        body = _serialise_triples(tuple(ox.Triple(s, p, o) for s, p, o in triples), chosen.name)
        return Response(body, media_type=_media(chosen),
                        headers={"Access-Control-Allow-Origin": "*", "Vary": "Accept"})

    # -- stored queries --------------------------------------------------------------------

    async def query_list(self, request: Request) -> Response:
        return self.render("queries.html", title="Stored queries",
                           queries=sorted(self.queries.values(), key=lambda q: q.name))

    async def stored(self, request: Request) -> Response:
        name = request.path_params["name"]
        name, _, extension = name.rpartition(".") if "." in name else (name, "", "")
        query = self.queries.get(name)
        if query is None:
            raise HTTPError(404, f"no stored query {name!r}; known: {', '.join(self.queries)}")
        if extension == "rq":
            return Response(query.text, media_type="application/sparql-query",
                            headers={"Access-Control-Allow-Origin": "*"})
        params = {k: v for k, v in request.query_params.items()
                  if k not in _NOT_PARAMETERS and v != ""}
        for key in request.query_params:
            if len(request.query_params.getlist(key)) > 1:
                raise HTTPError(400, f"{key}=…: given more than once")
        if extension and extension not in MEDIA_TYPES and extension != "html":
            raise HTTPError(404, f"{name}.{extension}: no such format (json, csv, tsv, html, "
                            "rq)")
        cursor = request.query_params.get("cursor", "")
        everything = request.query_params.get("rows", "")
        if everything not in ("", "all"):
            raise HTTPError(400, f"rows={everything}: the only value is all")
        if is_federated(query):
            if "service" in params:
                self._check_service(params["service"])
            if cursor or everything:
                raise HTTPError(400, f"query {name!r} asks another endpoint: it pages by "
                                "limit and offset only")
        html = extension == "html" or (not extension and choose(
            request.headers.get("accept"), (REPRESENTATIONS[0], Representation(
                "json", "json", MEDIA_TYPES["json"]))) is REPRESENTATIONS[0])
        if everything:
            if html:
                raise HTTPError(400, "rows=all streams data: ask for .json, .csv, .tsv or .xml")
            if set(params) & set(PAGING) or cursor:
                raise HTTPError(400, "rows=all streams every row: give no limit, offset or "
                                "cursor")
        if html and "limit" not in params:
            params["limit"] = str(self.page_rows)
        bind(query, params)  # the parameters checked here, as the command line checks them
        if int(params.get("limit", "0")) > self.config.row_cap:
            # a page the row cap would cut would hand on a cursor past rows never given
            raise HTTPError(400, f"limit={params['limit']}: at most {self.config.row_cap:,} "
                            "rows a page (the row cap); rows=all gives every row")
        if cursor:
            Cursor.decode(cursor)  # one line here, not a worker's round trip
        missing = [p for p in query.required if p not in params]
        if missing and html:  # the form alone, for the person to fill in
            return self.render("query.html", title=query.title, query=query, table=None,
                               params=params, cap=self.config.row_cap, previous=None, first=None,
                               next=None, missing=missing)
        if missing:
            raise HTTPError(400, f"query {name!r} needs {', '.join(missing)}")
        kind = "html" if html else extension or (choose(request.headers.get("accept"), tuple(
            Representation(n, n, m) for n, m in MEDIA_TYPES.items())) or
            Representation("json", "json", "")).name
        if everything:
            return await self._stream(request, name, params, kind)
        answer = await self._run(request, Job("", self.config.row_cap, stored=name,
                                              params=tuple(sorted(params.items())),
                                              cursor=cursor))
        assert answer.table is not None
        rest = {k: v for k, v in params.items() if k != "offset"}
        following = (f"?{urlencode({**rest, 'cursor': answer.next})}" if answer.next
                     else None)
        if html:
            limit = int(params["limit"])
            offset = int(params.get("offset", "0"))
            first = rest  # the first page: the parameters without offset or cursor
            return self.render(
                "query.html", title=query.title, query=query, table=answer.table,
                params=params, cap=self.config.row_cap,
                previous=(f"?{urlencode({**first, 'offset': max(0, offset - limit)})}"
                          if offset and not cursor else None),
                first=f"?{urlencode(first)}" if cursor else None, next=following)
        headers = {"Access-Control-Allow-Origin": "*", "Vary": "Accept"}
        if answer.truncated:
            headers["X-SPARQL-MaxRows"] = str(self.config.row_cap)
        table = answer.table
        if following:
            url = str(request.url.replace(query="")) + following
            headers["Link"] = f'<{url}>; rel="next"'  # RFC 8288
            table = dataclasses.replace(table, next=url)
        return Response(WRITERS[kind](table), media_type=MEDIA_TYPES[kind], headers=headers)

    async def _stream(self, request: Request, name: str, params: dict[str, str],
                      kind: str) -> Response:
        """Every row of a stored query, written as it is read: page after page of
        `stream_page` rows, each run in a worker under the deadline and counted in the client's
        budget, joined by their cursors; memory holds one page whatever the total. The first
        page runs before the answer starts, so that its errors have their status; a later
        page that fails ends the body unfinished (no final chunk), which is how HTTP/1.1 says
        a body is incomplete."""
        size = self.config.stream_page
        job = Job("", size, stored=name,
                  params=tuple(sorted({**params, "limit": str(size)}.items())))
        first = await self._run(request, job)

        async def chunks() -> AsyncIterator[bytes]:
            answer, written = first, False
            assert answer.table is not None
            variables = answer.table.variables
            yield stream_head(kind, variables)
            while True:
                assert answer.table is not None
                yield stream_rows(kind, variables, answer.table.rows, not written)
                written = written or bool(answer.table.rows)
                if not answer.next:
                    break
                try:
                    answer = await self._run(request,
                                             dataclasses.replace(job, cursor=answer.next))
                except HTTPError as exc:  # an expected refusal: one line, not a traceback
                    print(f"resgraph serve: {request.url.path}: rows=all ended unfinished: "
                          f"{exc}", file=sys.stderr)
                    raise _Unfinished from None
            yield stream_tail(kind)

        return _RowStream(chunks(), media_type=MEDIA_TYPES[kind],
                          headers={"Access-Control-Allow-Origin": "*", "Vary": "Accept"})

    def _check_service(self, url: str) -> None:
        """A federated stored query's endpoint: allowed, and public (serve.safety)."""
        if url not in self.config.allowed_services:
            allowed = ", ".join(sorted(self.config.allowed_services)) or "none"
            raise Refused(f"service={url or '…'}: not an allowed endpoint (allowed: {allowed})")
        reason = non_public(url)
        if reason:
            raise Refused(f"service={reason}")

    async def openapi(self, request: Request) -> Response:
        return JSONResponse(openapi(self.queries.values()))


def _profile(header: str | None) -> str:
    """The profile token an `Accept-Profile` header asks for first (IRIs in angle brackets,
    q-values as in Accept), the default when it names none of ours."""
    if not header:
        return dcat.DEFAULT_PROFILE
    ranked = []
    for at, item in enumerate(header.split(",")):
        iri, _, rest = item.strip().partition(">")
        q = 1.0
        for param in rest.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                with contextlib.suppress(ValueError):
                    q = float(value)
        ranked.append((-q, at, iri.lstrip("<").strip()))
    by_iri = {iri: token for token, iri in dcat.PROFILES.items()}
    for q, _, iri in sorted(ranked):
        if q < 0 and iri in by_iri:
            return by_iri[iri]
    # none of ours asked for: the default, which Content-Profile names (the draft's §7.2
    # leaves the server to answer with a profile it has)
    return dcat.DEFAULT_PROFILE


def _text(term: object) -> str:
    """A term's value: an IRI's, a blank node's or a literal's text (an RDF-star triple, which
    resgraph never makes, as its N-Triples form)."""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term.value
    return str(term)


def _search_query(words: str) -> str:
    """Titles, procedure references and names holding `words` (any case), as a SPARQL
    string: the words escaped (SPARQL 1.1 §19.7), never spliced in raw."""
    needle = json.dumps(words.lower())  # a JSON string is a valid SPARQL string literal
    return f"""PREFIX rg: <{RG}>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?hit ?label ?kind WHERE {{
  {{ GRAPH ?g {{ ?hit a rg:Resolution ; dcterms:title ?label }} BIND ("resolution" AS ?kind) }}
  UNION {{ GRAPH ?g {{ ?hit a rg:Resolution ; rg:procedureReference ?label }}
          BIND ("procedure" AS ?kind) }}
  UNION {{ GRAPH ?g {{ ?hit rg:name ?label }} BIND ("actor" AS ?kind) }}
  FILTER (CONTAINS(LCASE(STR(?label)), {needle}))
}} ORDER BY ?kind ?label ?hit LIMIT 100"""


def openapi(queries: Iterable[StoredQuery]) -> dict[str, object]:
    """An OpenAPI 3.1 description of the stored queries as URLs, from their headers."""
    paths: dict[str, object] = {}
    for query in sorted(queries, key=lambda q: q.name):
        parameters = [{"name": p, "in": "query", "required": False,
                       "schema": {"type": "string"}} for p in query.parameters]
        parameters += [{"name": p, "in": "query", "required": False,
                        "schema": {"type": "integer", "minimum": 0}} for p in PAGING]
        parameters += [
            {"name": "cursor", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "where the next page starts: the `next` member (JSON), the "
                            "`Link: rel=\"next\"` header or the page's Next link of the page "
                            "before, given with the same parameters and limit"},
            {"name": "rows", "in": "query", "required": False,
             "schema": {"type": "string", "enum": ["all"]},
             "description": "every row, streamed (not with limit, offset or cursor)"}]
        paths[f"/queries/{query.name}"] = {"get": {
            "summary": query.title, "description": query.description,
            "operationId": query.name.replace("-", "_"), "parameters": parameters,
            "responses": {"200": {"description": "the rows", "content": {
                m: {} for m in (*MEDIA_TYPES.values(), "text/html")}, "headers": {
                "Link": {"description": 'the next page (rel="next"), when this one is full',
                         "schema": {"type": "string"}}}},
                "400": {"description": "a parameter is wrong"},
                "503": {"description": "the query ran past the deadline"}}}}
    return {"openapi": "3.1.0", "info": {"title": "resgraph stored queries",
                                         "version": "1"}, "paths": paths}


def _islice(iterator: object, offset: int, count: int) -> list[ox.Quad]:
    import itertools

    return list(itertools.islice(iterator, offset, offset + count))  # type: ignore[call-overload]


def _media(representation: Representation) -> str:
    if representation.name == "html":
        return "text/html; charset=utf-8"
    return representation.media_type + ("; charset=utf-8" if representation.name in (
        "turtle", "trig", "ntriples", "nquads") else "")


_PLACEHOLDER = ox.NamedNode("urn:resgraph:triples")  # a graph name triple formats drop


def _serialise(quads: list[ox.Quad], fmt: str) -> bytes:
    """Statements of named graphs in `fmt` (triple formats: their union)."""
    if FORMATS[fmt].quads:
        return serialize(quads, fmt)
    seen: dict[ox.Triple, None] = {}
    for q in quads:
        seen.setdefault(q.triple, None)
    return serialize([ox.Quad(t.subject, t.predicate, t.object, _PLACEHOLDER)
                      for t in seen], fmt)


def _serialise_triples(triples: tuple[ox.Triple, ...], fmt: str) -> bytes:
    """A CONSTRUCT's or DESCRIBE's triples (the default graph) in `fmt`."""
    if fmt == "jsonld":
        data = ox.serialize(list(triples), format=ox.RdfFormat.JSON_LD)
    elif FORMATS[fmt].quads:
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
        data = ox.serialize(quads, format=_OX[fmt])
    else:
        return _serialise([ox.Quad(t.subject, t.predicate, t.object, _PLACEHOLDER)
                           for t in triples], fmt)
    assert data is not None  # serialize returns the bytes when not given a file to write
    return data


_OX = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}


def _alternates(path: str) -> str:
    return ", ".join(f'<{quote(path)}.{r.extension}>; rel="alternate"; type="{r.media_type}"'
                     for r in REPRESENTATIONS)


def create_app(config: ServeConfig) -> Starlette:
    site = Site(config)

    def guarded(handler):  # type: ignore[no-untyped-def]
        async def run(request: Request) -> Response:
            try:
                return await handler(request)
            except HTTPError as exc:
                return site.error(request, exc.status, str(exc), exc.headers)
            except Refused as exc:
                return site.error(request, exc.status, str(exc))
            except QueryError as exc:
                return site.error(request, 400, str(exc))
            except (OSError, RuntimeError) as exc:
                return site.error(request, 503, f"the store cannot be read ({exc})")
        return run

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await site.pool.start()
        # rdflib's SPARQL parser builds its grammar on first use (about half a second): once
        # here, not in the first request's time
        await asyncio.to_thread(check_query, "ASK {}", frozenset(), lambda graph: False)
        try:
            yield
        finally:
            site.pool.close()

    routes = [
        Route("/", guarded(site.home)),
        Route("/sparql", guarded(site.sparql), methods=["GET", "POST"]),
        Route("/search", guarded(site.search)),
        Route("/about", guarded(site.about)),
        Route("/timeline", guarded(site.timeline)),
        Route("/.well-known/void", guarded(site.dataset)),
        Route("/catalogue", guarded(site.catalogue)),
        Route(f"/{FOLDER}/", guarded(site.dump_index)),
        Route(f"/{FOLDER}/{{path:path}}", guarded(site.dump_file)),
        Route("/sitemap.xml", guarded(site.sitemap)),
        Route("/queries", guarded(site.query_list)),
        Route("/queries/{name}", guarded(site.stored)),
        Route("/openapi.json", guarded(site.openapi)),
        Route("/{path:path}", guarded(site.resource)),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.site = site
    return app


__all__ = ["ServeConfig", "create_app"]
