"""Writing a corpus as its documents arrive, in bounded memory: each graph's pieces go to disk
at once (`.parts/`), and the corpus-wide files are joined from them at the end, graph by graph
in the order of their IRIs, so the same inputs give the same bytes whatever order the workers
finish in. The store is bulk-loaded from the N-Quads in the pass that joins them.
`manifest.json` records what was built from what, for the next build to reuse."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph as ox

from resgraph import __version__
from resgraph.corpus.across import ACROSS, LINKS, aggregate
from resgraph.corpus.convert import ALWAYS, PART_EXTENSIONS, Staged
from resgraph.corpus.outdir import MANIFEST
from resgraph.errors import StoreError
from resgraph.serialize import (
    FORMATS,
    jsonld_document,
    jsonld_graph_chunks,
    serialize,
    split_prefixes,
)
from resgraph.store import ONTOLOGY_GRAPH, WINDOWS

PARTS = ".parts"
# How the store is loaded: 16 MB of N-Quads per bulk load, four at once. The load waits on
# the disk (37 % of the processors' time was I/O wait in /proc/stat during 50 minutes of
# such loads), and threads overlap one call's waits with another's work. Piece sizes and
# loader counts were measured (benchmarks/store_load.py and scale.py, 2026-12-02; figures in the
# README's "Smaller pieces" and "20,000 resolutions in 16 and 8 MB pieces"): larger pieces
# cost more time and memory, 8 MB pieces made the 20,000-resolution store slower, and six
# loaders at once stalled.
LOAD_PIECE = 16 << 20
LOADERS = 4
INCOMING = ".incoming"  # where workers write, before a document is accepted
_PART_EXTENSIONS = PART_EXTENSIONS


@dataclass(frozen=True)
class Entry:
    """One resolution of the manifest."""

    graph: str
    resolution: str
    stem: str
    source: str
    sha256: str
    triples: int
    summary: tuple[str, ...] = ()  # what the command line says of it


@cache
def code_version() -> str:
    """A fingerprint of the installed resgraph: its code, knowledge and words. A build reuses
    a graph only if it was made by the same (the version number alone does not change with
    every commit)."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".json")
                       and "__pycache__" not in p.parts):
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@cache
def _trig_prefixes() -> bytes:
    any_quad = ox.Quad(ox.NamedNode("urn:x"), ox.NamedNode("urn:x"), ox.NamedNode("urn:x"),
                       ox.NamedNode("urn:x"))
    return split_prefixes(serialize([any_quad], "trig"))[0]


def read_manifest(out: Path, base: str, formats: tuple[str, ...]) -> dict[str, Entry]:
    """The previous build's resolutions by input digest, if it was made by this resgraph with
    the same base and formats; else nothing to reuse."""
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if (data.get("resgraph"), data.get("code"), data.get("base"), data.get("formats")) != (
            __version__, code_version(), base, list(formats)):
        return {}
    try:
        return {e["sha256"]: Entry(**{**e, "summary": tuple(e.get("summary", ()))})
                for e in data["resolutions"]}
    except (KeyError, TypeError):
        return {}


def _link(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


class CorpusWriter:
    def __init__(self, directory: Path, base: str, formats: tuple[str, ...]) -> None:
        self.directory = directory
        self.base = base
        self.formats = formats
        self.parts = directory / PARTS
        self.parts.mkdir()
        self.incoming = directory / INCOMING
        self.incoming.mkdir()
        self.entries: dict[str, Entry] = {}  # graph -> entry

    def _files(self, stem: str) -> list[str]:
        return ([f"{PARTS}/{stem}.{_PART_EXTENSIONS[f]}" for f in _PART_EXTENSIONS
                 if f in ALWAYS or f in self.formats]
                + [f"{stem}.{FORMATS[f].extension}" for f in self.formats
                   if not FORMATS[f].quads])

    def accept(self, staged: Staged, sha256: str) -> None:
        """A document a worker wrote to the incoming folder, moved into place."""
        c = staged.converted
        folder = Path(staged.folder)
        try:
            for name in staged.parts:
                os.replace(folder / f"{staged.key}.part.{_PART_EXTENSIONS[name]}",
                           self.parts / f"{c.stem}.{_PART_EXTENSIONS[name]}")
            for extension in staged.files:
                os.replace(folder / f"{staged.key}.{extension}",
                           self.directory / f"{c.stem}.{extension}")
        except OSError as exc:
            raise StoreError(f"{self.directory}: cannot write ({exc.strerror})") from None
        self.entries[c.graph] = Entry(c.graph, c.resolution, c.stem, c.source, sha256,
                                      c.triples, c.summary)

    def discard(self, staged: Staged) -> None:
        for path in Path(staged.folder).glob(f"{staged.key}.*"):
            path.unlink(missing_ok=True)

    def reuse(self, entry: Entry, previous: Path, source: str) -> bool:
        """Take a resolution's files from the previous output unchanged; False if any is
        missing there (the resolution is then converted again)."""
        names = self._files(entry.stem)
        if not all((previous / n).is_file() for n in names):
            return False
        for name in names:
            _link(previous / name, self.directory / name)
        self.entries[entry.graph] = Entry(entry.graph, entry.resolution, entry.stem, source,
                                          entry.sha256, entry.triples, entry.summary)
        return True

    def _write_windows(self, order: list[Entry]) -> None:
        """Every resolution's graph, IRI and date, one line each in graph order, beside the
        store (resgraph.store.WINDOWS): whole-corpus queries read it instead of listing the
        resolutions from the store (about 1 s at 20,000)."""
        lines = []
        for e in order:
            summary = json.loads((self.parts / f"{e.stem}.across.json").read_bytes())
            for resolution, dates in summary["resolutions"]:
                for date in dates:
                    value, _, datatype = date if date else ("", "", "")
                    lines.append(f"{e.graph}\t{resolution}\t{value}\t{datatype}\n")
        (self.directory / WINDOWS).write_text("".join(lines), "utf-8")

    def _join_nquads(self, order: list[Entry], added: list[ox.Quad],
                     handle: BinaryIO) -> Iterator[bytes]:
        """Each graph's N-Quads in graph order, then the quads across them, as they are
        appended to `handle` (the corpus's N-Quads): blocks of whole lines. Its own errors
        name the output, not the store it feeds."""
        blocks: Iterable[Callable[[], bytes]] = (
            (self.parts / f"{e.stem}.nq").read_bytes for e in order)
        if added:
            blocks = itertools.chain(blocks, [lambda: serialize(added, "nquads")])
        for block in blocks:
            try:
                data = block()
                handle.write(data)
            except OSError as exc:
                raise StoreError(f"{self.directory}: cannot write ({exc.strerror})") from None
            yield data

    def finish(self, store: bool, ontology: Path) -> list[Path]:
        """Join the corpus-wide files in graph order, with the links between resolutions and
        what the corpus says across them last (corpus.across: graphs of their own, made from
        the graphs' summaries), load the store from the N-Quads, write the manifest."""
        shutil.rmtree(self.incoming, ignore_errors=True)
        order = [self.entries[g] for g in sorted(self.entries)]
        written: list[Path] = []
        try:
            added = aggregate(((self.parts / f"{e.stem}.across.json").read_bytes()
                               for e in order), self.base, self.directory / ".across.sqlite")
            self._write_windows(order)
            nquads = self.directory / "resgraph.nq"
            with open(nquads, "wb") as handle:
                # One pass over the parts: each is appended to the joined file and handed to
                # the store's loaders, which work while the next parts are read and written.
                joined = self._join_nquads(order, added, handle)
                if store:
                    _load_store(self.directory / "store", joined, ontology)
                else:
                    for _ in joined:
                        pass
            written.append(nquads)
            if "trig" in self.formats:
                path = self.directory / "resgraph.trig"
                with open(path, "wb") as handle:
                    handle.write(_trig_prefixes())
                    for e in order:
                        handle.write((self.parts / f"{e.stem}.trig").read_bytes())
                    if added:
                        handle.write(split_prefixes(serialize(added, "trig"))[1])
                written.append(path)
            if "jsonld" in self.formats:
                path = self.directory / "resgraph.jsonld"
                with open(path, "wb") as handle:
                    chunks = ((self.parts / f"{e.stem}.jsonld").read_text("utf-8")
                              for e in order)
                    extra = list(jsonld_graph_chunks(added).values()) if added else []
                    for piece in jsonld_document(itertools.chain(chunks, extra)):
                        handle.write(piece)
                written.append(path)
            for f in self.formats:
                if not FORMATS[f].quads:
                    written.extend(self.directory / f"{e.stem}.{FORMATS[f].extension}"
                                   for e in order)
            if store:
                written.append(self.directory / "store")
            # aggregate's quads are in the links and across graphs: named graphs
            graph_names = [cast(ox.NamedNode, q.graph_name).value for q in added]
            manifest = {
                "resgraph": __version__, "code": code_version(), "base": self.base,
                "formats": list(self.formats),
                "links": sum(g == self.base + LINKS for g in graph_names),
                "across": sum(g == self.base + ACROSS for g in graph_names),
                "resolutions": [{**asdict(e), "summary": list(e.summary)} for e in order],
            }
            (self.directory / MANIFEST).write_text(
                json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", "utf-8")
        except OSError as exc:
            raise StoreError(f"{self.directory}: cannot write ({exc.strerror})") from None
        return written


def load_nquads(store: ox.Store, nquads: Path, *, piece: int, loaders: int) -> None:
    """Bulk-load an N-Quads file into `store` (load_pieces) in pieces of `piece` bytes of
    whole lines, `loaders` pieces at a time."""
    with open(nquads, "rb") as handle:
        load_pieces(store, iter(lambda: handle.read(piece) + handle.readline(), b""),
                    piece=piece, loaders=loaders)


def load_pieces(store: ox.Store, blocks: Iterable[bytes], *, piece: int,
                loaders: int) -> None:
    """Bulk-load N-Quads given as blocks of whole lines into `store`, the blocks gathered
    into pieces of at least `piece` bytes, `loaders` pieces at a time.

    In pieces: the bulk loader's memory grows with what one call gives it (1.3 GB for a
    386 MB file at once, 0.7 GB in pieces, measured here), and a corpus's N-Quads grow with
    the corpus. lenient: they are resgraph's own, from checked terms. Several pieces can load
    at once: pyoxigraph releases the GIL, and each call writes files of its own that RocksDB
    ingests atomically, so the store holds the same quads whatever order they finish in."""
    with ThreadPoolExecutor(loaders) as pool:
        loading: deque[Future[None]] = deque()

        def submit(gathered: list[bytes]) -> None:
            if len(loading) >= loaders:  # at most `loaders` pieces held at once
                loading.popleft().result()
            loading.append(pool.submit(store.bulk_load, input=b"".join(gathered),
                                       format=ox.RdfFormat.N_QUADS, lenient=True))

        gathered: list[bytes] = []
        size = 0
        for block in blocks:
            gathered.append(block)
            size += len(block)
            if size >= piece:
                submit(gathered)
                gathered, size = [], 0
        if gathered:
            submit(gathered)
        while loading:
            loading.popleft().result()


def _load_store(path: Path, nquads: Iterable[bytes], ontology: Path) -> None:
    """The embedded store, bulk-loaded from the corpus's N-Quads (blocks of whole lines)
    and the ontology, then compacted."""
    import gc

    try:
        store = ox.Store(str(path))
        load_pieces(store, nquads, piece=LOAD_PIECE, loaders=LOADERS)
        store.bulk_load(path=str(ontology), format=ox.RdfFormat.TURTLE,
                        to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
        store.optimize()
        store.flush()
        del store
        gc.collect()  # releases the RocksDB lock before the directory is swapped in
    except OSError as exc:
        raise StoreError(f"{path}: cannot write the store ({exc})") from None
