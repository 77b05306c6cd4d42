"""The resgraph command line: thin click wrappers over the library's verbs.

Heavy libraries (rdflib, pySHACL, pypdf, SPARQLWrapper) are imported inside the commands that
need them so that `resgraph build` starts fast.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from resgraph import __version__
from resgraph.errors import ResgraphError
from resgraph.table import Layout
from resgraph.table import render as render_table
from resgraph.vocab import DEFAULT_BASE

if TYPE_CHECKING:
    from resgraph.fetch import Fetcher
    from resgraph.store import Endpoint

DEFAULT_OUT = Path("resgraph-out")


def _store_path(store: Path | None) -> Path:
    """The store a command reads: --store, else the last build's in ./resgraph-out."""
    return store or DEFAULT_OUT / "store"
FORMAT_NAMES = ("nquads", "trig", "turtle", "ntriples", "jsonld", "rdfxml")


class _Group(click.Group):
    """Turns every resgraph error into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ResgraphError as exc:
            click.echo(f"resgraph: error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("resgraph: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # the reader stopped early (`| head`): not an error to report; the rest of the
            # output goes nowhere, and the status is the shell's for a closed pipe (128 + 13)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:
            # A bug, not bad input: still one line, unless RESGRAPH_DEBUG asks for the trace.
            if os.environ.get("RESGRAPH_DEBUG"):
                raise
            click.echo(
                f"resgraph: internal error: {type(exc).__name__}: {exc} "
                "(set RESGRAPH_DEBUG=1 for the traceback and please report it)",
                err=True,
            )
            sys.exit(2)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="resgraph")
def main() -> None:
    """resgraph turns European Parliament resolutions into linked data.

    It reads a resolution (plain text or the EP's PDF), finds its structure (title, procedure,
    citations, recitals, numbered paragraphs, points, sub-headings, footnotes), writes it as
    RDF in six serialisations plus an embedded SPARQL store, validates it against SHACL
    shapes and answers stored SPARQL queries.

    \b
    Typical session:
      resgraph build                      # the bundled seed resolution -> ./resgraph-out
      resgraph build motion.pdf -o out    # your own resolution
      resgraph validate                   # check ./resgraph-out against the shapes
      resgraph queries                    # what can I ask?
      resgraph query paragraphs           # ask it
    """


_CACHE_OPTION = click.option(
    "--cache", "cache_dir", type=click.Path(path_type=Path), default=None,
    help="Download cache (default: $RESGRAPH_CACHE, else ~/.cache/resgraph).",
)
_REFRESH_OPTION = click.option(
    "--refresh", is_flag=True, help="Fetch again even what the cache holds."
)
_TIMEOUT_OPTION = click.option(
    "--timeout", type=float, default=30.0, show_default=True,
    help="Seconds to wait for a service's answer before trying again.",
)


def _fetcher(cache_dir: Path | None, refresh: bool, timeout: float) -> Fetcher:
    from resgraph.fetch import Cache, Fetcher, Http, HttpSettings, Services, default_cache

    http = Http(HttpSettings(timeout=timeout))
    return Fetcher(http, Cache(cache_dir or default_cache()), Services.from_environment(),
                   refresh=refresh)


def _resolve_inputs(
    inputs: tuple[str, ...], cache_dir: Path | None, refresh: bool, timeout: float
) -> list[Path]:
    """Files stay files, and so does anything that looks like a file name; a reference (a
    URL, or a whole document number) is fetched through the cache and built from the fetched
    file, kept in the cache's documents/ under the reference's name."""
    from resgraph.fetch import is_reference, parse_reference, save

    paths: list[Path] = []
    fetcher = None
    for given in inputs:
        path = Path(given)
        if path.exists() or not is_reference(given):
            paths.append(path)  # the reader says "no such file" when it is missing
            continue
        fetcher = fetcher or _fetcher(cache_dir, refresh, timeout)
        fetched = fetcher.fetch(parse_reference(given))
        paths.append(save(fetched, fetcher.cache.folder / "documents"))
    return paths


@main.command()
@click.argument("references", nargs=-1, required=True)
@click.option(
    "-o", "--out", "out", type=click.Path(path_type=Path), default=Path("."),
    show_default=True, help="Directory for the fetched files.",
)
@_CACHE_OPTION
@_REFRESH_OPTION
@_TIMEOUT_OPTION
def fetch(
    references: tuple[str, ...], out: Path, cache_dir: Path | None, refresh: bool,
    timeout: float,
) -> None:
    """Download EP documents by reference into OUT.

    A REFERENCE is a number in any printed form (P9_TA(2022)0012, T9-0012/2022,
    B9-0065/2022, RC-B9-0065/2022, A9-0150/2024), an ODP identifier (TA-9-2022-0012), a CELEX
    number (52022IP0012) or an EP, ODP or EUR-Lex URL holding one. The ODP's record is
    followed to the EP's XML (else XHTML, else PDF); then the doceo page or PDF; then Formex
    from Cellar. Downloads are cached by content; --refresh fetches again. The services'
    base URLs come from RESGRAPH_ODP_API, RESGRAPH_ODP_DATA, RESGRAPH_DOCEO, RESGRAPH_CELLAR.
    """
    from resgraph.fetch import parse_reference, save

    refs = [parse_reference(r) for r in references]  # every reference checked first
    fetcher = _fetcher(cache_dir, refresh, timeout)
    fetched = [fetcher.fetch(ref) for ref in refs]  # every download done before writing
    for item in fetched:
        path = save(item, out)
        size = path.stat().st_size
        click.echo(
            f"{item.reference.printed} -> {path} ({item.document.media_type or 'unknown type'}, "
            f"{size} bytes, from {item.source}{', cached' if item.from_cache else ''}: "
            f"{item.document.url})"
        )


@main.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "-o", "--out", "out", type=click.Path(path_type=Path), default=DEFAULT_OUT,
    show_default=True, help="Directory for the serialisations and the store.",
)
@click.option(
    "--format", "formats", multiple=True, type=click.Choice(FORMAT_NAMES),
    help="Serialisation to write (repeatable). Default: all six. N-Quads is always written.",
)
@click.option(
    "--base", default=DEFAULT_BASE, show_default=True,
    help="Base IRI for minted resources; must end in '/' or '#'.",
)
@click.option("--no-store", is_flag=True, help="Skip the embedded pyoxigraph store.")
@click.option(
    "--from-list", "from_list", type=click.Path(path_type=Path),
    help="A file of inputs, one per line (files, directories or references; # comments).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Documents converted at once, in separate processes. Default: one per core.",
)
@click.option("--strict", is_flag=True,
              help="Stop at the first input that cannot be built (and write nothing).")
@click.option("--dask", "dask", is_flag=True,
              help="Convert on a local Dask cluster of --jobs processes (the dask extra).")
@click.option("--dask-address", metavar="ADDRESS",
              help="Convert on the Dask scheduler at ADDRESS; its workers must share OUT's "
                   "file system.")
@_CACHE_OPTION
@_REFRESH_OPTION
@_TIMEOUT_OPTION
def build(
    inputs: tuple[str, ...], out: Path, formats: tuple[str, ...], base: str, no_store: bool,
    from_list: Path | None, jobs: int | None, strict: bool, dask: bool,
    dask_address: str | None, cache_dir: Path | None, refresh: bool, timeout: float,
) -> None:
    """Build the graph of one or more resolutions: files (.txt, .pdf, .html, .xml, a Formex
    .zip), directories (every such file in them, recursively) or references, which are fetched
    as 'resgraph fetch' does.

    With no INPUTS, builds the bundled seed: the European Parliament resolution on the
    situation in Kazakhstan, 2022/2505(RSP). Writes resgraph.nq (every named graph),
    resgraph.trig, resgraph.jsonld, one .ttl/.nt/.rdf per resolution, manifest.json and
    store/ (an embedded pyoxigraph store that 'resgraph query' reads) into OUT.

    OUT is replaced as a whole when the build ends, and left as it was if it fails or is
    interrupted; an input whose bytes did not change since the last build into OUT is not
    converted again. An input that cannot be built is listed with its reason and the rest is
    built (exit status 1); --strict stops at the first (exit status 2).
    """
    from resgraph.corpus import build_corpus, dask_executor
    from resgraph.resources import default_seed

    given = list(inputs) + (_read_list(from_list) if from_list else [])
    paths = _expand_directories(_resolve_inputs(tuple(given), cache_dir, refresh, timeout))
    paths = paths or [default_seed()]
    progress = _progress(len(paths))
    try:
        report = build_corpus(paths, out, base=base, formats=formats or FORMAT_NAMES,
                              store=not no_store, jobs=jobs, strict=strict,
                              on_outcome=progress.step,
                              executor=(lambda n: dask_executor(n, dask_address))
                              if dask or dask_address else None)
    finally:
        progress.close()
    for lines in report.described:
        click.echo("\n".join(lines))
    if report.resolutions > len(report.described):
        click.echo(f"… and {report.resolutions - len(report.described)} more resolutions")
    for failure in report.failed:
        click.echo(f"failed: {failure.source}: {failure.message}", err=True)
    rate = report.resolutions / report.seconds if report.seconds else 0.0
    click.echo(
        f"{report.resolutions} resolution{'s' if report.resolutions != 1 else ''}, "
        f"{report.triples} triples in {report.resolutions} named "
        f"graph{'s' if report.resolutions != 1 else ''}; wrote " + _written(report.written)
    )
    if report.inputs > 1:
        for name, value in (("inputs", report.inputs), ("converted", report.built),
                            ("unchanged, reused", report.reused),
                            ("failed", len(report.failed)),
                            ("time", f"{report.seconds:.1f} s ({rate:.1f} resolutions/s)")):
            click.echo(f"  {name:<18} {value}")
    if report.failed:
        sys.exit(1)


def _read_list(path: Path) -> list[str]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise ResgraphError(f"--from-list {path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ResgraphError(f"--from-list {path}: is not UTF-8 text") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _expand_directories(paths: list[Path]) -> list[Path]:
    """A directory stands for every input file under it, in path order."""
    from resgraph.text import READERS

    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*")
                              if p.is_file() and p.suffix.lower() in READERS
                              and not any(part.startswith(".") for part in p.parts)))
        else:
            out.append(path)
    return out


def _written(paths: tuple[Path, ...]) -> str:
    """The files a build wrote; the per-resolution ones counted rather than named when many."""
    if len(paths) <= 8:
        return ", ".join(str(p) for p in paths)
    shared = [p for p in paths if p.name.startswith("resgraph.") or p.name == "store"]
    return ", ".join(str(p) for p in shared) + f" and {len(paths) - len(shared)} files of " \
        "single resolutions"


class _Progress:
    """A progress bar with counts and time left on a terminal (tqdm, on stderr); nothing when
    stderr is not a terminal, or for one input."""

    def __init__(self, total: int) -> None:
        self.bar = None
        if total > 1 and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True)
        self.failed = 0

    def step(self, outcome) -> None:
        if self.bar is not None:
            self.failed += outcome.status == "failed"
            self.bar.set_postfix_str(f"{self.failed} failed" if self.failed else "")
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _progress(total: int) -> _Progress:
    return _Progress(total)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o", "--out", "out", type=click.Path(path_type=Path), default=DEFAULT_OUT,
    show_default=True, help="Output directory whose resgraph.nq is validated when no FILES.",
)
@click.option("--shapes", type=click.Path(path_type=Path), help="Other SHACL shapes (Turtle).")
@click.option("--engine", type=click.Choice(["turbo", "pyshacl"]), default="turbo",
              show_default=True,
              help="The SHACL engine: pyshacl-turbo (fast) or pySHACL (the reference).")
def validate(files: tuple[Path, ...], out: Path, shapes: Path | None, engine: str) -> None:
    """Validate graph files against resgraph's SHACL shapes.

    FILES may be N-Quads, TriG, JSON-LD, Turtle, N-Triples or RDF/XML; with none, validates
    OUT/resgraph.nq. Prints one line per problem (graph, node, shape, property, message).
    Exit status: 0 conforms, 1 does not conform, 2 could not run.
    """
    from resgraph.validate import validate_files

    paths = list(files) or [out / "resgraph.nq"]
    try:
        report = validate_files(paths, shapes, engine)
    except ResgraphError as exc:
        click.echo(f"resgraph: error: {exc}", err=True)
        sys.exit(2)
    for v in report.violations:
        path = f" {v.path}" if v.path else ""
        value = f" (value: {v.value[:60]})" if v.value else ""
        click.echo(f"{v.severity}: {v.focus} [{v.shape}{path}] {v.message}{value}")
    count = sum(1 for v in report.violations if v.severity == "Violation")
    status = "conforms" if report.conforms else f"does not conform: {count} violations"
    click.echo(f"{len(report.graphs)} graph{'s' if len(report.graphs) != 1 else ''} {status}")
    sys.exit(0 if report.conforms else 1)


def _render(columns: tuple[str, ...], rows: tuple[tuple[str | None, ...], ...], fmt: str,
            layout: Layout) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(columns, row, strict=True)) for row in rows],
                          ensure_ascii=False, indent=2)
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t",
                            lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        return buffer.getvalue().rstrip("\n")
    return render_table(columns, rows, layout)


_ENDPOINT_TIMEOUT = click.option(
    "--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
    help="Seconds to wait for the endpoint's answer before giving up.")
_DIALECT = click.option(
    "--dialect", type=click.Choice(["sparql11", "virtuoso"]), default="sparql11",
    show_default=True, help="virtuoso: let Virtuoso keep each query's join order (it answers "
    "in milliseconds instead of compiling for up to seconds; not SPARQL 1.1).")
_ROW_CAP = click.option(
    "--row-cap", type=click.IntRange(min=1), default=None,
    help="The endpoint's result cap, when it does not say it cut a result: as many rows as "
    "this is an error.")


def _endpoint(url: str | None, timeout: float, row_cap: int | None,
              dialect: str = "sparql11") -> Endpoint | None:
    from resgraph.store import Endpoint

    return Endpoint(url, timeout, row_cap, dialect) if url else None


def _run_federated(stored, params: dict[str, str], store: Path | None,
                   graph_files: tuple[Path, ...], endpoint: Endpoint | None):
    """A query that asks another endpoint: its local part runs here (the store or graph
    files), and this engine makes the SERVICE call with the local bindings pushed into it."""
    from resgraph.federation import run_federated
    from resgraph.store import load_files, run_on, with_store_object

    if endpoint:
        raise ResgraphError(f"query {stored.name!r} asks another endpoint itself: run it on "
                            "the store or graph files, with --param service=URL")

    def use(opened):
        return run_on(opened, run_federated(stored, params, opened.query))

    if graph_files:
        return use(load_files(list(graph_files)))
    return with_store_object(_store_path(store), use)


def _run_stored(name: str, params: dict[str, str], store: Path | None,
                graph_files: tuple[Path, ...], endpoint: Endpoint | None):
    """Run a stored query on the one data source given: an endpoint, graph files, or the
    store (by default ./resgraph-out/store)."""
    from resgraph.federation import is_federated
    from resgraph.queries import get_query
    from resgraph.store import query_endpoint, with_files, with_store
    from resgraph.windows import answer

    if sum(bool(x) for x in (graph_files, store, endpoint)) > 1:
        raise ResgraphError("give one of --store, --endpoint or graph files, not several")
    stored = get_query(name)
    if is_federated(stored):
        return _run_federated(stored, params, store, graph_files, endpoint)

    def use(run):
        return answer(stored, params, run)

    if endpoint:
        remote = endpoint
        return use(lambda text: query_endpoint(remote, text))
    if graph_files:
        return with_files(list(graph_files), use)
    return with_store(_store_path(store), use)


@main.command()
@click.argument("name")
@click.argument("graph_files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--store", type=click.Path(path_type=Path), help="A store written by 'build'.")
@click.option("--endpoint", help="A SPARQL endpoint URL, e.g. http://127.0.0.1:7878/query.")
@_ENDPOINT_TIMEOUT
@_ROW_CAP
@_DIALECT
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="Bind a query parameter, e.g. resolution=IRI (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]),
              default="table", show_default=True)
@click.option("--width", type=click.IntRange(min=0), default=None,
              help="Fit the table in this many characters, cutting text cells, never IRIs "
              "(default: the terminal's width; not cut when the output is not a terminal; "
              "0: never). Other formats are never cut.")
@click.option("--full-iris", is_flag=True,
              help="Write IRIs whole in the table, not shortened with prefixes.")
def query(name: str, graph_files: tuple[Path, ...], store: Path | None, endpoint: str | None,
          timeout: float, row_cap: int | None, dialect: str, params: tuple[str, ...],
          fmt: str, width: int | None, full_iris: bool) -> None:
    """Run the stored query NAME (see 'resgraph queries').

    Against the store written by 'resgraph build' (--store DIR/store, or by default
    ./resgraph-out/store), against GRAPH_FILES loaded into memory, or against a remote SPARQL
    endpoint (--endpoint URL). Give exactly one of these.
    """
    bound: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise ResgraphError(f"--param {item!r}: expected KEY=VALUE")
        if key in bound:
            raise ResgraphError(f"--param {key}: given more than once (one value each)")
        bound[key] = value
    from resgraph.queries import get_query
    from resgraph.table import declared_prefixes, prefixes_for
    from resgraph.vocab import PREFIXES

    result = _run_stored(name, bound, store, graph_files,
                         _endpoint(endpoint, timeout, row_cap, dialect))
    if width is None:
        width = shutil.get_terminal_size((0, 0)).columns if sys.stdout.isatty() else 0
    prefixes = () if full_iris else prefixes_for(
        declared_prefixes(get_query(name).text), PREFIXES, {"id": DEFAULT_BASE})
    click.echo(_render(result.columns, result.rows, fmt, Layout(width, prefixes)))


@main.command()
@click.argument("resolution", required=False)
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), default=Path("timeline.svg"),
              show_default=True, help="The SVG file to write.")
@click.option("--store", type=click.Path(path_type=Path), help="A store written by 'build'.")
@click.option("--graph", "graph_files", multiple=True, type=click.Path(path_type=Path),
              help="A graph file written by 'build' (repeatable), instead of the store.")
@click.option("--endpoint", help="A SPARQL endpoint URL, instead of the store.")
@_ENDPOINT_TIMEOUT
@_ROW_CAP
@_DIALECT
def timeline(resolution: str | None, out: Path, store: Path | None,
             graph_files: tuple[Path, ...], endpoint: str | None, timeout: float,
             row_cap: int | None, dialect: str) -> None:
    """Draw the events of RESOLUTION (its IRI) on a time axis, as SVG.

    Reads the store written by 'build' (by default ./resgraph-out/store), graph files or an
    endpoint, through the stored 'events' query. RESOLUTION may be left out when the data
    holds one resolution.
    """
    from resgraph.extract.events import event_type_labels
    from resgraph.pipeline import atomic_write
    from resgraph.timeline import TimelineEvent, timeline_svg

    if out.suffix.lower() != ".svg":
        raise ResgraphError(f"{out}: the timeline is written as SVG; give a .svg file name")

    def run(name: str, params: dict[str, str]):
        return _run_stored(name, params, store, graph_files,
                           _endpoint(endpoint, timeout, row_cap, dialect))

    found = run("resolutions", {"resolution": resolution} if resolution else {})
    titles = {row[0]: row[1] for row in found.rows}
    if not titles:
        raise ResgraphError(f"no resolution {resolution} in the data" if resolution
                            else "the data holds no resolution")
    if len(titles) > 1:
        raise ResgraphError("the data holds several resolutions; name one: "
                            + ", ".join(sorted(titles)))
    (iri, title), = titles.items()
    result = run("events", {"resolution": iri})
    col = {c: i for i, c in enumerate(result.columns)}
    events = [TimelineEvent(row[col["label"]], row[col["type"]], row[col["date"]],
                            row[col["endDate"]], row[col["placeName"]]) for row in result.rows]
    atomic_write(out, timeline_svg(title or iri, events, event_type_labels()).encode("utf-8"))
    dated = sum(1 for e in events if e.date)
    click.echo(f"wrote {out}: {len(events)} events ({dated} dated) of {iri}")


def _credentials(user: str | None, password: str | None, auth: str, url: str):
    """From the options, else $RESGRAPH_USER and $RESGRAPH_PASSWORD, else ~/.netrc (or
    $NETRC) for the URL's host; none when nothing names a user."""
    import netrc
    from urllib.parse import urlsplit

    from resgraph.fetch.http import Credentials

    user = user or os.environ.get("RESGRAPH_USER")
    password = password if password is not None else os.environ.get("RESGRAPH_PASSWORD")
    if not user:
        try:
            found = netrc.netrc(os.environ.get("NETRC")).authenticators(
                urlsplit(url).hostname or "")
        except FileNotFoundError:
            found = None
        except (netrc.NetrcParseError, OSError) as exc:
            raise ResgraphError(f"netrc: cannot read it ({exc})") from None
        if found:
            user, password = found[0], found[2]
    if not user:
        return None
    if password is None:
        raise ResgraphError("--user: no password (give --password or $RESGRAPH_PASSWORD)")
    return Credentials(user, password, auth)


@main.command()
@click.option("--graph-store", "url", required=True, metavar="URL",
              help="The store's Graph Store Protocol service, e.g. "
              "http://127.0.0.1:7878/store (Oxigraph) or "
              "http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso).")
@click.option("--store", type=click.Path(path_type=Path),
              help="A store written by 'build' (default: ./resgraph-out/store).")
@click.option("--user", help="User name ($RESGRAPH_USER, else ~/.netrc).")
@click.option("--password", help="Password ($RESGRAPH_PASSWORD, else ~/.netrc).")
@click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic",
              show_default=True, help="Authentication scheme (Virtuoso's service: digest).")
@click.option("--timeout", type=float, default=60.0, show_default=True,
              help="Seconds to wait for the store's answer to one request.")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True,
              help="Further tries of a request that timed out or met a server error.")
@click.option("--query-endpoint", metavar="URL",
              help="Where to count graphs back (default: the store's SPARQL endpoint for "
              "Oxigraph's and Virtuoso's layouts, else the graph read back).")
@click.option("--dry-run", is_flag=True, help="Say what would be sent; send nothing.")
@click.option("--force", is_flag=True, help="Send every graph, changed or not.")
@click.option("--state", "state", type=click.Path(path_type=Path),
              help="The push state file (default: one per URL under ~/.local/state/resgraph).")
def push(url: str, store: Path | None, user: str | None, password: str | None, auth: str,
         timeout: float, retries: int, query_endpoint: str | None, dry_run: bool, force: bool,
         state: Path | None) -> None:
    """Send the store's named graphs to a triple store (SPARQL 1.1 Graph Store Protocol).

    Each graph is replaced whole (PUT) in the graph of the same name, so pushing twice
    changes nothing; only graphs changed since the last push to URL are sent, each is
    counted back, and graphs pushed before that the store no longer has are deleted there.
    """
    from resgraph.fetch.http import Http, HttpSettings
    from resgraph.gsp import GraphStore, query_service
    from resgraph.push import local_graphs, state_file
    from resgraph.push import push as send
    from resgraph.store import with_store_object

    http = Http(HttpSettings(timeout=timeout, attempts=retries + 1, backoff=0.5,
                             min_interval=0.0), _credentials(user, password, auth, url))
    target = GraphStore(url, http, query_endpoint or query_service(url))
    path = state or state_file(url)
    report = with_store_object(
        _store_path(store),
        lambda opened: send(local_graphs(opened), target, path, dry_run=dry_run, force=force))
    verb = "would send" if dry_run else "sent"
    size = f"{report.bytes_sent / 2**20:.1f} MB" if report.bytes_sent >= 2**20 else \
        f"{report.bytes_sent / 1024:.0f} kB"
    for iri in report.sent if dry_run else ():
        click.echo(f"put {iri}")
    for iri in report.deleted if dry_run else ():
        click.echo(f"delete {iri}")
    click.echo(f"{verb} {len(report.sent)} graph{'s' if len(report.sent) != 1 else ''} "
               f"({size}) to {url}, {report.unchanged} unchanged, {len(report.deleted)} "
               f"deleted" + ("" if dry_run or not report.sent else "; each counted back"))


@main.command()
@click.option("--bulk", "folder", required=True, type=click.Path(path_type=Path),
              metavar="DIR", help="Write N-Quads in chunks and the loaders' commands here.")
@click.option("--store", type=click.Path(path_type=Path),
              help="A store written by 'build' (default: ./resgraph-out/store).")
@click.option("--chunk-mb", type=click.IntRange(min=1), default=256, show_default=True,
              help="Close a chunk once it holds this many megabytes (graphs stay whole).")
def export(folder: Path, store: Path | None, chunk_mb: int) -> None:
    """Export the store for a big triple store's bulk loader.

    Writes the named graphs as N-Quads in chunks (resgraph-00001.nq, …), load-virtuoso.sql
    for Virtuoso's ld_dir/rdf_loader_run (run it with isql-vt), a Qleverfile for QLever,
    and bulk.json listing what was written.
    """
    from resgraph.export import export_bulk
    from resgraph.store import with_store_object

    bulk = with_store_object(_store_path(store),
                             lambda opened: export_bulk(opened, folder, chunk_mb << 20))
    click.echo(f"wrote {folder}: {bulk.quads:,} quads of {bulk.graphs} graphs in "
               f"{len(bulk.chunks)} chunk{'s' if len(bulk.chunks) != 1 else ''}, "
               "load-virtuoso.sql, Qleverfile")


@main.command()
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="The output directory of 'build' whose store is dumped.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="The base the graph was built with (names the per-resolution files).")
def dumps(out: Path, base: str) -> None:
    """Write downloads of the store into OUT/dumps, for 'resgraph serve' to offer.

    resgraph.nq.gz (every graph, gzip-compressed N-Quads), resolutions/NAME.ttl (each
    resolution's graph as Turtle), ontology.ttl and shapes.ttl, and dumps.json with each
    file's byte size, SHA-256 and media type (listed in the dataset's VoID and DCAT
    descriptions). Replaces an earlier OUT/dumps; a rebuild of OUT removes it.
    """
    from resgraph.dumps import FOLDER, write_dumps

    written = write_dumps(out, base)
    size = sum(d.size for d in written)
    resolutions = sum(1 for d in written if d.graph)
    click.echo(f"wrote {out / FOLDER}: {len(written)} files, {size:,} bytes (the corpus "
               f"as N-Quads gzip, {resolutions} resolution{'s' if resolutions != 1 else ''} "
               "as Turtle, the ontology and the shapes)")


@main.command()
@click.argument("records", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", type=click.Path(path_type=Path),
              help="A store written by 'build' (default: ./resgraph-out/store).")
@click.option("-o", "--out", "out", type=click.Path(path_type=Path),
              default=Path("odp-enrichment.nq"), show_default=True,
              help="The N-Quads file to write the enrichment graph to.")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="The base the graph was built with (names the enrichment graph).")
def enrich(records: tuple[Path, ...], store: Path | None, out: Path, base: str) -> None:
    """Add what EP Open Data Portal RECORDS say about the resolutions in the store.

    RECORDS are ODP API v2 JSON-LD responses, Turtle or RDF/XML dumps. Written as one named
    graph ({base}odp/enrichment) naming the records it came from: the text adopted, the
    decision, its date, the vote and the sitting from a procedure; the joint motion, the
    motions it replaces and its Rules of Procedure item from a document. Query it with the
    corpus's files (resgraph query NAME OUT/resgraph.nq FILE).
    """
    from resgraph.enrich import enrich as find
    from resgraph.pipeline import atomic_write
    from resgraph.serialize import serialize
    from resgraph.store import with_store_object

    found = with_store_object(_store_path(store),
                              lambda opened: find(opened, list(records), base))
    atomic_write(out, serialize(list(found.quads), "nquads"))
    facts = len(found.quads) - (len(found.records) if found.quads else 0)
    click.echo(f"wrote {out}: {facts} statements about {len(found.resolutions)} resolution"
               f"{'s' if len(found.resolutions) != 1 else ''} from {len(records)} record"
               f"{'s' if len(records) != 1 else ''}")


@main.command()
@click.option("--store", type=click.Path(path_type=Path),
              help="A store written by 'build' (default: ./resgraph-out/store).")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="The base the graph was built with: its IRIs answer at their paths.")
@click.option("--allow-service", "services", multiple=True, metavar="URL",
              help="An endpoint URL SPARQL queries may call in SERVICE (exactly; repeat).")
@click.option("--deadline", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="Seconds a query may run before its worker is stopped.")
@click.option("--row-cap", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Rows a query answers at most (the cut is signalled).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Query worker processes.")
@click.option("--budget", type=click.FloatRange(min=0.001), default=60.0, show_default=True,
              help="Seconds of query time a client may use in 10 minutes (then 429).")
@click.option("--dumps", "dumps_folder", type=click.Path(path_type=Path), metavar="DIR",
              help="What 'resgraph dumps' wrote (default: dumps/ beside the store).")
@click.option("--publisher", default="EP", show_default=True, metavar="CODE",
              help="The catalogue's publisher: a code of the Publications Office's "
                   "corporate-body table.")
@click.option("--publisher-name", default="European Parliament", show_default=True,
              help="The publisher's name, as DCAT-AP asks.")
def serve(store: Path | None, host: str, port: int, base: str, services: tuple[str, ...],
          deadline: float, row_cap: int, workers: int, budget: float,
          dumps_folder: Path | None, publisher: str, publisher_name: str) -> None:
    """Publish the store: its IRIs, pages, stored queries and a SPARQL endpoint.

    Open http://HOST:PORT/ in a browser. Read-only: the store is opened read-only and no
    route writes.
    """
    import socket

    import uvicorn

    from resgraph.dumps import read_dumps
    from resgraph.graph.iri import check_base
    from resgraph.serve.app import ServeConfig, create_app
    from resgraph.store import with_store_object

    path = _store_path(store)
    with_store_object(path, lambda opened: None)  # one line, exit 2, if it is no store
    if dumps_folder is not None and not dumps_folder.is_dir():
        raise ResgraphError(f"--dumps {dumps_folder}: no such directory")
    read_dumps(dumps_folder or path.parent / "dumps")  # one line, exit 2, if it is broken
    if not re.fullmatch(r"[A-Z0-9_]+", publisher):
        raise ResgraphError(f"--publisher {publisher}: expected a corporate-body code such as "
                            "EP or PUBL")
    config = ServeConfig(store=path, base=check_base(base),
                         allowed_services=frozenset(services), deadline=deadline,
                         row_cap=row_cap, workers=workers, budget=budget, dumps=dumps_folder,
                         publisher="http://publications.europa.eu/resource/authority/"
                                   f"corporate-body/{publisher}",
                         publisher_name=publisher_name)
    app = create_app(config)
    # bound here, so that a port in use or a wrong address is one line and exit 2
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(128)
    except OSError as exc:
        listener.close()
        raise ResgraphError(f"--host {host} --port {port}: cannot listen there "
                            f"({exc.strerror or exc})") from None
    click.echo(f"serving {path} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[listener])


@main.command()
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), required=True,
              help="The directory to write the site into (replaced as a whole).")
@click.option("--store", type=click.Path(path_type=Path),
              help="A store written by 'build' (default: ./resgraph-out/store).")
@click.option("--base", default=DEFAULT_BASE, show_default=True,
              help="The base the graph was built with: the site's paths are its IRIs'.")
@click.option("--dumps", "dumps_folder", type=click.Path(path_type=Path), metavar="DIR",
              help="What 'resgraph dumps' wrote (default: dumps/ beside the store).")
def site(out: Path, store: Path | None, base: str, dumps_folder: Path | None) -> None:
    """Write the pages and data 'resgraph serve' publishes as static files into OUT.

    For any static host, at the root of the host (the paths are the IRIs'): each page as
    PATH/index.html, each data file under its own name, pages with a query string as
    q-DIGEST.html with the links to them rewritten; no search or SPARQL forms.
    """
    from resgraph.dumps import FOLDER, read_dumps
    from resgraph.graph.iri import check_base
    from resgraph.serve.app import ServeConfig, create_app
    from resgraph.site import write_site
    from resgraph.store import with_store_object

    path = _store_path(store)
    with_store_object(path, lambda opened: None)  # one line, exit 2, if it is no store
    if dumps_folder is not None and not dumps_folder.is_dir():
        raise ResgraphError(f"--dumps {dumps_folder}: no such directory")
    folder = dumps_folder or path.parent / FOLDER
    dumps = {f"/{FOLDER}/{d.path}": folder / d.path for d in read_dumps(folder)}
    app = create_app(ServeConfig(store=path, base=check_base(base), dumps=dumps_folder,
                                 static=True, deadline=60.0, budget=1e9))
    report = write_site(app, out, base, dumps)
    click.echo(f"wrote {out}: {report.pages:,} pages, {report.files:,} files, "
               f"{report.size:,} bytes")
    for url, status in report.failed:
        click.echo(f"{url}: answered {status}, not written", err=True)
    if report.failed:
        sys.exit(1)


@main.command()
def queries() -> None:
    """List the stored queries with their descriptions and parameters."""
    from resgraph.queries import stored_queries

    for q in stored_queries().values():
        params = f" [parameters: {', '.join(q.parameters)}]" if q.parameters else ""
        click.echo(f"{q.name:<18} {q.description}{params}")
    click.echo("Every query also takes limit and offset (whole numbers) to page its rows.")


@main.command()
@click.argument("input_file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the structure as JSON.")
def parse(input_file: Path, as_json: bool) -> None:
    """Parse one resolution and print its structure (for debugging the parser)."""
    from resgraph.pipeline import parse_file

    r = parse_file(input_file)
    if as_json:
        data = {
            "source": {"name": r.source.name, "media_type": r.source.media_type,
                       "sha256": r.source.sha256},
            "metadata": asdict(r.metadata) | {"procedure": r.metadata.procedure.reference},
            "title": asdict(r.title),
            "citations": [asdict(p) for p in r.citations],
            "recitals": [asdict(p) for p in r.recitals],
            "headings": [asdict(p) for p in r.headings],
            "paragraphs": [asdict(p) for p in r.paragraphs],
            "footnotes": [
                {"number": f.number, "text": f.text, "span": asdict(f.span),
                 "source": asdict(f.source),
                 "anchor": None if f.anchor is None else
                 {"kind": f.anchor.kind, "label": f.anchor.label, "order": f.anchor.order},
                 "anchor_offset": f.anchor_offset}
                for f in r.footnotes
            ],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    m = r.metadata
    click.echo(f"{m.title}\n{m.procedure.reference} · {m.kind} · {m.language}"
               f"{' · ' + m.date if m.date else ''}"
               f"{' · ' + m.document_number if m.document_number else ''}")
    for label, parts in (("citation", r.citations), ("recital", r.recitals),
                         ("paragraph", r.paragraphs)):
        for p in parts:
            click.echo(f"{label} {p.label or p.order}: {p.text[:90]}")
            for sub in p.parts:
                click.echo(f"    {sub.kind} {sub.label or sub.order}: {sub.text[:80]}")
    for f in r.footnotes:
        where = f"{f.anchor.kind} {f.anchor.label or f.anchor.order}" if f.anchor else "?"
        click.echo(f"footnote {f.number} (at {where}): {f.text[:80]}")


if __name__ == "__main__":  # pragma: no cover
    main()
