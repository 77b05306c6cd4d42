"""Loading the corpus store while the documents are still being converted.

The store's bulk loader and the conversions each leave part of the machine idle when they run
one after the other: the workers keep every core busy, the loader about one and a half of two
(benchmarks/store_load.py). So the writer hands each accepted graph's N-Quads file to a
thread that loads them in pieces of whole files as they arrive (pyoxigraph releases the GIL
while it loads), and only the links and across graphs, the ontology and the compaction are
left for the end. A store is a set of quads: the order graphs arrive in changes nothing in it.

A graph accepted a second time (a document given twice, the first in input order arriving
last) is dropped from the store before its new file is loaded, in the order the writer saw
them, so the store holds what the manifest says.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

import pyoxigraph as ox

from resgraph.errors import StoreError

# Bytes of N-Quads per bulk load. 16 MB pieces load the 1,000-resolution corpus's 995 MB
# file faster than 64 MB ones (19.1 s against 27.1 s, 179 MiB against 376 MiB;
# benchmarks/store_load.py), but the 20,000-resolution build took 28.3 min with them
# against 25.4 min with 64 MB pieces (benchmarks/scale.py, 2026-12-01): at scale the larger
# pieces win. Larger ones still load faster (512 MB: 39.5 s against 48.3 s for the
# 1,000-resolution file, 2026-12-02) but peak at 2.4 GB, over the 2 GB bound.
PIECE = 64 << 20

_DROP = "drop"
_LOAD = "load"
_END = "end"


class StoreLoader:
    """A pyoxigraph store at `path`, filled by a thread of its own: `load` a file of whole
    N-Quads lines, `drop` a graph, then `finish` (or `abort`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._store: ox.Store | None = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot write the store ({exc})") from None
        self._queue: queue.SimpleQueue[tuple[str, object]] = queue.SimpleQueue()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="resgraph-store-loader",
                                        daemon=True)
        self._thread.start()

    def load(self, nquads: Path) -> None:
        self._queue.put((_LOAD, nquads))

    def drop(self, graph: str) -> None:
        self._queue.put((_DROP, graph))

    def _run(self) -> None:
        store = self._store
        assert store is not None
        pending: list[bytes] = []
        size = 0

        def flush() -> None:
            nonlocal size
            if pending:
                # lenient: the files are resgraph's own N-Quads, made from checked terms
                store.bulk_load(input=b"".join(pending), format=ox.RdfFormat.N_QUADS,
                                lenient=True)
                pending.clear()
                size = 0

        while True:
            kind, value = self._queue.get()
            if kind == _END:
                break
            if self._error is not None:
                continue  # drain: finish reports the first error
            try:
                if kind == _LOAD:
                    data = Path(str(value)).read_bytes()
                    pending.append(data)
                    size += len(data)
                    if size >= PIECE:
                        flush()
                elif kind == _DROP:
                    flush()
                    store.remove_graph(ox.NamedNode(str(value)))
            except BaseException as exc:  # reported by finish, in the build's thread
                self._error = exc
        if self._error is None:
            try:
                flush()
            except BaseException as exc:
                self._error = exc

    def _stop(self) -> None:
        self._queue.put((_END, None))
        self._thread.join()

    def finish(self, extra: bytes, ontology: Path, ontology_graph: str) -> None:
        """Load what is still queued, `extra` N-Quads and the ontology (Turtle, into its own
        graph), compact the store and close it."""
        self._stop()
        store, self._store = self._store, None
        assert store is not None
        try:
            if self._error is not None:
                raise self._error
            if extra:
                store.bulk_load(input=extra, format=ox.RdfFormat.N_QUADS, lenient=True)
            store.bulk_load(path=str(ontology), format=ox.RdfFormat.TURTLE,
                            to_graph=ox.NamedNode(ontology_graph))
            # Compacting is kept: one-resolution queries are 2-5x slower without it
            # (benchmarks/store_load.py, "before -> after compaction").
            store.optimize()
            store.flush()
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot write the store ({exc})") from None
        finally:
            del store
            _release()

    def abort(self) -> None:
        """Stop loading (the build failed or was interrupted) and close the store; its
        folder is the staging directory's, removed with it."""
        if self._store is None:
            return
        self._error = self._error or StoreError("aborted")
        self._stop()
        self._store = None
        _release()


def _release() -> None:
    """Collect the store object now: RocksDB's lock on the folder goes with it, before the
    staging directory is swapped in or removed."""
    import gc

    gc.collect()
