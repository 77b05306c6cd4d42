"""The corpus's store, loaded while the corpus is still being converted.

Each graph's N-Quads are bulk-loaded as soon as the build accepts the graph, by a thread of
the building process (pyoxigraph's bulk loader releases the GIL and uses about one and a half
cores), so that loading overlaps with the workers' conversions instead of following them: on a
20,000-resolution corpus the load after the conversions took three quarters of the build.
Graphs go in whole, batched into pieces of whole files of about `PIECE` bytes: the bulk
loader's memory grows with what one call gives it (1.3 GB for a 386 MB file at once, 180 MB
in 16 MB pieces, measured here). The store holds a set of quads, so the order graphs arrive
in changes nothing in it.

A graph replaced during the build (a duplicate input earlier in the input order, accepted
after a later one) is cleared before its new file is loaded; operations run in the order they
were given, so the last file given for a graph is what the store holds."""

from __future__ import annotations

import contextlib
import gc
import queue
import threading
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from resgraph.errors import StoreError

PIECE = 16 << 20  # bytes of N-Quads per bulk load


@dataclass(frozen=True)
class _Load:
    path: Path


@dataclass(frozen=True)
class _Clear:
    graph: str


_Stop = None


class StoreLoader:
    """A store at `path`, filled by a thread from the files given to `load`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.store: ox.Store | None = ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot write the store ({exc})") from None
        self._queue: queue.Queue[_Load | _Clear | None] = queue.Queue(maxsize=256)
        self._error: BaseException | None = None
        self._abandoned = threading.Event()
        self._thread = threading.Thread(target=self._work, name="resgraph-store-loader",
                                        daemon=True)
        self._thread.start()

    def load(self, path: Path) -> None:
        """Load a graph's N-Quads file (read when its turn comes)."""
        self._put(_Load(path))

    def clear(self, graph: str) -> None:
        """Remove a graph loaded earlier (before its replacement is loaded)."""
        self._put(_Clear(graph))

    def _put(self, item: _Load | _Clear) -> None:
        self._raise()
        self._queue.put(item)

    def _raise(self) -> None:
        if self._error is not None:
            raise StoreError(f"{self.path}: cannot write the store ({self._error})")

    def finish(self) -> ox.Store:
        """The store with every file given loaded."""
        self._queue.put(_Stop)
        self._thread.join()
        self._raise()
        assert self.store is not None
        return self.store

    def abandon(self) -> None:
        """Stop loading (the build failed or was interrupted) and release the store, so that
        its folder can be removed."""
        self._abandoned.set()
        with contextlib.suppress(queue.Full):
            self._queue.put_nowait(_Stop)
        self._thread.join()
        self.close()

    def close(self) -> None:
        """Release the store (RocksDB's lock goes with the last reference)."""
        self.store = None
        gc.collect()

    def _work(self) -> None:
        pending: list[bytes] = []
        size = 0

        def flush() -> None:
            nonlocal size
            if pending and self.store is not None:
                # lenient: the files are resgraph's own, from checked terms
                self.store.bulk_load(input=b"".join(pending), format=ox.RdfFormat.N_QUADS,
                                     lenient=True)
            pending.clear()
            size = 0

        try:
            while not self._abandoned.is_set():
                item = self._queue.get()
                if item is _Stop:
                    flush()
                    return
                if isinstance(item, _Clear):
                    flush()
                    assert self.store is not None
                    self.store.clear_graph(ox.NamedNode(item.graph))
                    continue
                assert isinstance(item, _Load)
                data = item.path.read_bytes()
                pending.append(data if data.endswith(b"\n") or not data else data + b"\n")
                size += len(data)
                if size >= PIECE:
                    flush()
        except (OSError, ValueError, SyntaxError) as exc:
            self._error = exc
            # drain, so that a producer blocked on a full queue goes on and sees the error
            while not self._abandoned.is_set():
                if self._queue.get() is _Stop:
                    return
