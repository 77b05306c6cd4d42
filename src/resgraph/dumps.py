"""Downloads of a built corpus (`resgraph dumps`), each with its byte size, SHA-256 and media
type, as the VoID "Describing Linked Datasets" note (§3.3, data dumps) and DCAT 3
(dcat:byteSize, spdx:checksum) describe them:

- `resgraph.nq.gz`: everything the store holds, every named graph, as gzip-compressed
  N-Quads;
- `resolutions/NAME.ttl`: each resolution's named graph as Turtle;
- `ontology.ttl` and `shapes.ttl`: the ontology and the SHACL shapes the graph follows.

They are written into OUT/dumps, beside the store they come from, as one unit (staged and
swapped in like a build's output, corpus.outdir), with `dumps.json` listing them. A rebuild
of OUT replaces OUT whole, so dumps never outlive the store they were made from.
Deterministic: the same store gives the same bytes (gzip without a time stamp, graphs and
quads in a fixed order).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, BinaryIO, cast

import pyoxigraph as ox

from resgraph.corpus.outdir import staged
from resgraph.errors import ResgraphError, StoreError
from resgraph.resources import ontology_file, shapes_file
from resgraph.serialize import serialize, sort_quads
from resgraph.vocab import RG

FOLDER = "dumps"
INDEX = "dumps.json"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class Dump:
    """One downloadable file: its path under the dumps folder, what it is, and the IANA media
    type and Publications Office file type (authority table "file-type") of its content."""

    path: str
    title: str
    media_type: str  # of the content, once uncompressed
    file_type: str  # code in http://publications.europa.eu/resource/authority/file-type
    compressed: bool  # gzip around the content
    size: int  # bytes of the file as served
    sha256: str
    graph: str = ""  # the named graph it holds, for one resolution's


class DumpsError(ResgraphError):
    """A dumps folder that cannot be read (the one-line reason is the message)."""


class _Hashing:
    """A binary file that keeps the size and SHA-256 of what is written to it, so that a dump
    is not read again to describe it."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.size, self.digest = raw, 0, hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()

    def described(self) -> tuple[int, str]:
        return self.size, self.digest.hexdigest()


def _written(path: Path, data: bytes) -> tuple[int, str]:
    path.write_bytes(data)
    return len(data), hashlib.sha256(data).hexdigest()


def _resolution_graphs(store: ox.Store) -> list[str]:
    found = {q.graph_name.value for q in store.quads_for_pattern(
        None, RDF_TYPE, ox.NamedNode(RG + "Resolution"), None)
        if isinstance(q.graph_name, ox.NamedNode)}
    return sorted(found)


def _file_name(graph: str, base: str) -> str:
    """A resolution graph's file: its IRI's path under the base, `/` as `_`
    (…/id/2022-2505-RSP/joint-motion/graph -> 2022-2505-RSP_joint-motion.ttl)."""
    tail = graph[len(base):] if graph.startswith(base) else graph.split("://", 1)[-1]
    tail = tail.removesuffix("/graph")
    safe = "".join(c if c.isalnum() or c in "-." else "_" for c in tail.replace("/", "_"))
    return f"{safe.strip('._') or 'graph'}.ttl"


def _write(folder: Path, store: ox.Store, base: str) -> Iterator[Dump]:
    with open(folder / "resgraph.nq.gz", "wb") as raw:
        hashing = _Hashing(raw)
        with gzip.GzipFile(fileobj=cast("IO[bytes]", hashing), mode="wb", mtime=0,
                           filename="") as packed:
            # the store's own writer, in its index order: Python would take minutes at scale
            store.dump(cast("IO[bytes]", packed), ox.RdfFormat.N_QUADS)  # a binary file
    yield Dump("resgraph.nq.gz", "Every named graph, N-Quads, gzip-compressed",
               "application/n-quads", "RDF_N_QUADS", True, *hashing.described())
    (folder / "resolutions").mkdir()
    names: set[str] = set()
    for graph in _resolution_graphs(store):
        name = _file_name(graph, base)
        while name in names:  # two graphs whose paths differ only in punctuation
            name = name.removesuffix(".ttl") + "_.ttl"
        names.add(name)
        quads = sort_quads(store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        # a triple format: the graph name goes
        described = _written(folder / "resolutions" / name, serialize(quads, "turtle"))
        yield Dump(f"resolutions/{name}", f"The graph {graph}, Turtle", "text/turtle",
                   "RDF_TURTLE", False, *described, graph=graph)
    for name, source, title in (("ontology.ttl", ontology_file(), "The resgraph ontology (OWL)"),
                                ("shapes.ttl", shapes_file(), "The resgraph SHACL shapes")):
        yield Dump(name, f"{title}, Turtle", "text/turtle", "RDF_TURTLE", False,
                   *_written(folder / name, source.read_bytes()))


def write_dumps(out: Path, base: str) -> tuple[Dump, ...]:
    """The dumps of the store in OUT, written to OUT/dumps (replacing the folder there)."""
    path = out / "store"
    if not path.is_dir():
        raise StoreError(f"{path}: no store here (run 'resgraph build' first)")
    try:
        store = ox.Store.read_only(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({exc})") from None
    try:
        with staged(out / FOLDER, replaceable=(INDEX,)) as folder:
            dumps = tuple(_write(folder, store, base))
            (folder / INDEX).write_text(json.dumps(
                {"dumps": [asdict(d) for d in dumps]}, indent=1) + "\n", "utf-8")
    except OSError as exc:
        raise StoreError(f"{out / FOLDER}: cannot write ({exc.strerror or exc})") from None
    return dumps


def read_dumps(folder: Path) -> tuple[Dump, ...]:
    """What `write_dumps` wrote into `folder`, from its index; () when there is none."""
    index = folder / INDEX
    if not index.is_file():
        return ()
    try:
        entries = json.loads(index.read_text("utf-8"))["dumps"]
        found = tuple(Dump(**entry) for entry in entries)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DumpsError(f"{index}: not a dumps index resgraph wrote ({exc})") from None
    for dump in found:
        # only files in the folder: the server serves and the site copies what this names
        parts = Path(dump.path).parts
        if not parts or Path(dump.path).is_absolute() or ".." in parts:
            raise DumpsError(f"{index}: {dump.path!r} is not a file in the folder")
    return found
