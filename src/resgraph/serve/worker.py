"""Queries run in worker processes that are killed at the deadline.

pyoxigraph has no query timeout in Python, and a thread cannot be stopped, so a SPARQL or
stored query runs in a separate process holding its own read-only handle on the store; when
the deadline passes the process is killed and another started, and the server, which never
ran the query itself, goes on answering resource pages from its own handle.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import multiprocessing
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from resgraph.errors import ResgraphError
from resgraph.serve.results import Table

T = TypeVar("T")


@dataclass(frozen=True)
class Job:
    """A SPARQL query text (`stored` empty), or a stored query's name with its parameters."""

    text: str
    cap: int
    stored: str = ""
    params: tuple[tuple[str, str], ...] = ()
    cursor: str = ""  # where a stored query's page starts (resgraph.windows.page)


@dataclass(frozen=True)
class Answer:
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    table: Table | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False
    seconds: float = 0.0
    next: str | None = None  # the cursor of a stored query's next page


class Deadline(ResgraphError):
    """A query still running at the deadline; its worker was killed."""


class Failed(ResgraphError):
    """The store could not answer (the one-line reason is the message)."""


def _answer(store: ox.Store, job: Job, folder: Path | None = None) -> Answer:
    started = time.perf_counter()
    if job.stored:
        from resgraph.federation import is_federated, run_federated
        from resgraph.queries import get_query
        from resgraph.store import StoreRun, run_on
        from resgraph.windows import page

        stored = get_query(job.stored)
        following = None
        if is_federated(stored):  # its `service` was checked against the allow-list
            result = run_on(store, run_federated(stored, dict(job.params), store.query))
        else:
            # the build's list of resolutions beside the store spares listing them
            result, following = page(stored, dict(job.params), StoreRun(store, folder),
                                     job.cursor or None)
        from resgraph.store import IRI

        rows = tuple(tuple(None if v is None else ox.NamedNode(v) if isinstance(v, IRI)
                           else ox.Literal(v) for v in row)
                     for row in result.rows[: job.cap])
        table = Table(result.columns, rows, truncated=len(result.rows) > job.cap, cap=job.cap)
        return Answer("SELECT", table, truncated=table.truncated,
                      seconds=time.perf_counter() - started, next=following)
    solutions = store.query(job.text, use_default_graph_as_union=True)
    if isinstance(solutions, ox.QueryBoolean):
        return Answer("ASK", Table((), (), boolean=bool(solutions)),
                      seconds=time.perf_counter() - started)
    if isinstance(solutions, ox.QuerySolutions):
        variables = tuple(v.value for v in solutions.variables)
        found, truncated = _take(solutions, job.cap)
        rows = tuple(tuple(solution[v] for v in variables) for solution in found)
        table = Table(variables, rows, truncated=truncated, cap=job.cap)
        return Answer("SELECT", table, truncated=truncated,
                      seconds=time.perf_counter() - started)
    triples, truncated = _take(solutions, job.cap)
    return Answer("CONSTRUCT", triples=tuple(triples), truncated=truncated,
                  seconds=time.perf_counter() - started)


def _take(items: Iterator[T], cap: int) -> tuple[list[T], bool]:
    """At most `cap` of `items`, and whether there were more (one more is read to know)."""
    taken = list(itertools.islice(items, cap + 1))
    return taken[:cap], len(taken) > cap


def _serve(connection: Connection, path: str) -> None:
    """A worker: answers jobs from `connection` on the store at `path`, reopened when a build
    has replaced the output directory."""
    from resgraph.store import Reopening

    handle = Reopening(Path(path))
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        try:
            connection.send(("ok", _answer(handle.get(), job, handle.path.parent)))
        except (OSError, RuntimeError, SyntaxError, ValueError, ResgraphError) as exc:
            connection.send(("error", str(exc).splitlines()[0] if str(exc) else type(exc).__name__))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection


@dataclass
class Pool:
    """`size` workers on the store at `path`; `run` hands a job to a free one."""

    path: Path
    size: int = 2
    _free: asyncio.Queue[_Worker] | None = field(default=None, init=False)
    _replacing: set[asyncio.Future[None]] = field(default_factory=set, init=False)
    _context: object = field(default_factory=lambda: multiprocessing.get_context("spawn"))

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()  # type: ignore[attr-defined]
        process = self._context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child, str(self.path)), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    async def start(self) -> None:
        self._free = asyncio.Queue()
        for _ in range(self.size):
            self._free.put_nowait(await asyncio.to_thread(self._start))

    async def run(self, job: Job, deadline: float) -> Answer:
        """The answer to `job`, or Deadline after `deadline` seconds (the worker killed and
        replaced), or Failed with the store's reason."""
        assert self._free is not None, "Pool.start() first"
        worker = await self._free.get()
        try:
            worker.connection.send(job)
            ready = await asyncio.to_thread(worker.connection.poll, deadline)
            if not ready:
                worker.process.kill()
                self._replace(worker)
                raise Deadline(f"the query ran past the deadline of {deadline:g} s and was "
                               "stopped")
            status, value = worker.connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise Failed("the query worker stopped; try again") from None
        self._free.put_nowait(worker)
        if status == "error":
            raise Failed(value)
        return value  # type: ignore[no-any-return]

    def _replace(self, worker: _Worker) -> None:
        """A new worker in place of a killed one, started in the background so that the
        answer saying why does not wait for it (a process takes about half a second)."""
        async def replace() -> None:
            await asyncio.to_thread(worker.process.join)
            with contextlib.suppress(OSError):
                worker.connection.close()
            assert self._free is not None
            self._free.put_nowait(await asyncio.to_thread(self._start))

        self._replacing.add(task := asyncio.ensure_future(replace()))
        task.add_done_callback(self._replacing.discard)

    def close(self) -> None:
        if self._free is None:
            return
        while not self._free.empty():
            worker = self._free.get_nowait()
            with contextlib.suppress(OSError):
                worker.connection.close()
            worker.process.kill()
            worker.process.join(timeout=5)
