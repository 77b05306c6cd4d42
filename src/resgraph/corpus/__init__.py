"""A corpus build: many documents -> one output directory, streaming and in parallel.

Each document is converted by a pure function (`convert.convert`) in a pool of processes
(`jobs`, by default one per core); its pieces are written as they arrive (`writer`), the
corpus-wide files are joined at the end and the store is bulk-loaded from them, all inside a
staged copy of the output directory swapped in at the end (`outdir`). Memory holds one index
entry per resolution, not its graph. An input whose bytes, resgraph and settings are those of
the previous build is not converted again: its files are taken over (`manifest.json`).

One bad document does not stop a corpus: it is reported with its one-line reason and the
rest is built; `strict` stops at the first, leaving the previous output as it was.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from resgraph.corpus.convert import Failed, Job, Staged, convert_into, digest, warm
from resgraph.corpus.outdir import staged
from resgraph.corpus.writer import CorpusWriter, read_manifest
from resgraph.errors import InputError, ResgraphError
from resgraph.resources import ontology_file

SHOWN = 20  # resolutions described one by one; beyond, the summary says how many


@dataclass(frozen=True)
class Outcome:
    """What became of one input, as it happens (for a progress display)."""

    source: str
    status: str  # built | reused | failed
    message: str | None = None
    triples: int = 0


@dataclass(frozen=True)
class Report:
    out: Path
    inputs: int
    built: int
    reused: int
    failed: tuple[Failed, ...]
    resolutions: int
    triples: int
    written: tuple[Path, ...]
    described: tuple[tuple[str, ...], ...]  # the first SHOWN resolutions' lines, input order
    seconds: float


class NothingBuilt(ResgraphError):
    """Every input failed: nothing was written."""

    def __init__(self, failed: tuple[Failed, ...]) -> None:
        first = failed[0]
        more = f" (and {len(failed) - 1} other inputs failed)" if len(failed) > 1 else ""
        super().__init__(f"{first.source}: {first.message}{more}")
        self.failed = failed


@contextmanager
def _processes(workers: int) -> Iterator[Executor]:
    warm()
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def dask_executor(workers: int, address: str | None = None) -> Iterator[Executor]:
    """The same conversions on Dask (the `dask` extra): a local cluster of `workers`
    processes, or the scheduler at `address`. Its workers write into the output's staging
    folder, so a cluster needs a file system shared with the machine that runs the build."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ResgraphError("--dask needs the dask extra: pip install 'resgraph[dask]'") \
            from None
    cluster = None if address else LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(address or cluster)
    try:
        yield client.get_executor()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _run(jobs: list[Job], workers: int, folder: Path,
         executor: Callable[[int], AbstractContextManager[Executor]] | None = None,
         ) -> Iterator[tuple[int, Staged | Failed]]:
    """(index in `jobs`, result) as results come, each document's bytes written to `folder`
    by the worker that converted it; at most a few jobs per worker in flight, so that
    finished results never pile up. In this process for one worker, else in a pool of
    processes or the `executor` given (Dask)."""
    if executor is None and (workers <= 1 or len(jobs) <= 1):
        for i, job in enumerate(jobs):
            yield i, convert_into(job, str(folder), f"{i:07d}")
        return
    with (executor or _processes)(workers) as pool:
        yield from _stream(pool, jobs, workers, folder)


def _stream(pool: Executor, jobs: list[Job], workers: int,
            folder: Path) -> Iterator[tuple[int, Staged | Failed]]:
    pending: dict[Future[Staged | Failed], int] = {}
    queue = iter(enumerate(jobs))
    while True:
        while len(pending) < 2 * workers:
            nxt = next(queue, None)
            if nxt is None:
                break
            pending[pool.submit(convert_into, nxt[1], str(folder), f"{nxt[0]:07d}")] = nxt[0]
        if not pending:
            return
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield pending.pop(future), future.result()


def build_corpus(
    sources: Sequence[str | Path], out: Path, *, base: str, formats: Sequence[str],
    store: bool = True, jobs: int | None = None, strict: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
    executor: Callable[[int], AbstractContextManager[Executor]] | None = None,
) -> Report:
    """Build `sources` into `out` (see the module's description). `executor`, given the
    number of workers, opens the executor to convert in (by default a local process pool;
    `dask_executor` runs them on Dask); the output is the same bytes whichever runs them."""
    started = time.monotonic()
    wanted = tuple(dict.fromkeys(["nquads", *formats]))
    workers = jobs or os.cpu_count() or 1
    note = on_outcome or (lambda outcome: None)
    failed: list[tuple[int, Failed]] = []
    described: dict[int, tuple[str, ...]] = {}
    owner: dict[str, int] = {}  # graph -> the input index it was built from
    status: dict[str, str] = {}  # graph -> built | reused
    with staged(out) as staging:
        previous = read_manifest(out, base, wanted)
        writer = CorpusWriter(staging, base, wanted)
        todo: list[Job] = []
        index: list[tuple[int, str | None]] = []  # job -> (input index, digest)
        for i, source in enumerate(map(str, sources)):
            sha = digest(source)
            entry = previous.get(sha) if sha else None
            if entry is not None and entry.graph not in owner and writer.reuse(entry, out,
                                                                               source):
                owner[entry.graph] = i
                status[entry.graph] = "reused"
                if i < SHOWN:
                    described[i] = entry.summary
                note(Outcome(source, "reused", triples=entry.triples))
                continue
            todo.append(Job(source, base, wanted))
            index.append((i, sha))
        for j, result in _run(todo, workers, writer.incoming, executor):
            i, sha = index[j]
            if isinstance(result, Staged) and result.converted.graph in owner:
                c = result.converted
                first, dup = sorted((owner[c.graph], i))
                if dup == owner[c.graph]:  # this one came first in the input order
                    writer.accept(result, sha or "")
                    owner[c.graph] = first
                    status[c.graph] = "built"
                    described.pop(dup, None)
                    if i < SHOWN:
                        described[i] = c.summary
                else:
                    writer.discard(result)
                result = Failed(str(sources[dup]),
                                f"is the same document as {sources[first]} "
                                f"({c.resolution}); give each document once, in one format")
                i = dup
            if isinstance(result, Failed):
                if strict:
                    raise InputError(result.source, result.message)
                failed.append((i, result))
                note(Outcome(result.source, "failed", result.message))
                continue
            c = result.converted
            writer.accept(result, sha or "")
            owner[c.graph] = i
            status[c.graph] = "built"
            if i < SHOWN:
                described[i] = c.summary
            note(Outcome(c.source, "built", triples=c.triples))
        failures = tuple(f for _, f in sorted(failed, key=lambda x: x[0]))
        if not writer.entries:
            raise NothingBuilt(failures)
        written = writer.finish(store, ontology_file())
    final = [out / p.relative_to(staging) for p in written]
    return Report(
        out=out, inputs=len(sources), built=sum(1 for s in status.values() if s == "built"),
        reused=sum(1 for s in status.values() if s == "reused"), failed=failures,
        resolutions=len(writer.entries), triples=sum(e.triples for e in writer.entries.values()),
        written=tuple(final), described=tuple(described[i] for i in sorted(described)),
        seconds=time.monotonic() - started)


__all__ = ["NothingBuilt", "Outcome", "Report", "build_corpus", "dask_executor"]
