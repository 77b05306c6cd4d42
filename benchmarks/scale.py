"""How does a corpus build scale? Builds synthetic corpora of N resolutions made from the real
texts (benchmarks/synthetic.py: the seed and the shared corpus's texts, under distinct
procedure numbers) with `resgraph build DIR` in a subprocess, as a user would, and prints:
wall time, resolutions/s, peak memory of the build's whole process tree (the sum of its
processes' proportional set sizes, sampled from /proc every --sample seconds, 0.5 by
default), store size, and the p50/p95 of every stored query: for one resolution, for the
first page of 100 rows over the whole corpus, and for all its rows over the whole corpus
(each as `resgraph query` runs it).

    python benchmarks/scale.py                      # N = 1,000
    python benchmarks/scale.py --n 1000 5000 20000  # the issue's three sizes
    python benchmarks/scale.py --n 200 --quick      # a smoke run

The synthetic files and the outputs go to a temporary folder (--work to choose it), removed
at the end unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synthetic import variants

from resgraph import shared
from resgraph.federation import is_federated
from resgraph.queries import StoredQuery, stored_queries
from resgraph.resources import default_seed
from resgraph.store import with_store
from resgraph.windows import answer

ROOT = Path(__file__).resolve().parents[1]
PAGE = 100  # rows in the first page timed over the whole corpus
# An IRI for each `# in-graph` parameter, named in many of the synthetic corpus's texts: the
# first page of a query narrowed by it is timed too.
NARROWING = {"entity": "https://w3id.org/resgraph/id/entity/council-eu",
             "addressee": "https://w3id.org/resgraph/id/entity/council-eu",
             "target": "http://data.europa.eu/eli/treaty/teu_2016/art_21/oj"}


def texts() -> list[Path]:
    """The seed and the corpus's plain texts (read from the shared folder, never copied)."""
    found = [default_seed()]
    try:
        found += shared.corpus_files(shared.shared_folder(ROOT), ".txt")
    except shared.SharedMissing as missing:
        print(f"{missing}; the synthetic corpus is made from the seed alone", file=sys.stderr)
    return found


def _tree_memory(pid: int) -> int:
    """Memory (bytes) of a process and all its descendants: the sum of their proportional
    set sizes (PSS, /proc/PID/smaps_rollup), which counts the pages forked workers share with
    their parent once, not once per process as a sum of resident sizes would."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            rollup = Path(f"/proc/{p}/smaps_rollup").read_text()
            total += next(int(line.split()[1]) for line in rollup.splitlines()
                          if line.startswith("Pss:")) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def build(folder: Path, out: Path, jobs: int, every: float) -> tuple[float, int, str]:
    """Wall seconds, peak tree memory (sampled every `every` seconds) and the last line of
    the build."""
    command = [sys.executable, "-m", "resgraph.cli", "build", str(folder), "-o", str(out),
               "--format", "nquads", "-j", str(jobs)]
    started = time.monotonic()
    # to files, not pipes: a build that prints much (a failure per line) must never block on a
    # pipe nobody reads while the memory is sampled
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        process = subprocess.Popen(command, stdout=out_file, stderr=err_file, text=True)
        peak = 0
        while process.poll() is None:
            peak = max(peak, _tree_memory(process.pid))
            time.sleep(every)
        seconds = time.monotonic() - started
        out_file.seek(0)
        err_file.seek(0)
        output, errors = out_file.read(), err_file.read()
    if process.returncode != 0:
        raise SystemExit(f"build failed ({process.returncode}): {errors.strip()[-2000:]}")
    return seconds, peak, output.strip().splitlines()[-1]


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _timed(store: Path, query: StoredQuery, params: dict[str, str]) -> tuple[float, int]:
    """Milliseconds and rows of a stored query as `resgraph query` runs it (by windows of
    resolutions where the query allows, resgraph.windows)."""
    started = time.perf_counter()
    rows = len(with_store(store, lambda run: answer(query, params, run)).rows)
    return (time.perf_counter() - started) * 1000, rows


def _p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile (with 9 runs, the slowest)."""
    return sorted(values)[max(0, -(-95 * len(values) // 100) - 1)]


def time_queries(store: Path, resolutions: list[str], runs: int,
                 all_rows: bool = True) -> dict[str, tuple]:
    """name -> (p50 and p95 ms for one resolution; p50 ms of the first page of 100 rows over
    the corpus; p50 and p95 ms of all rows over the corpus; rows)."""
    out = {}
    for name, query in stored_queries().items():
        if is_federated(query):  # asks another endpoint: not this store's speed
            continue
        one = [_timed(store, query, {"resolution": iri})[0]
               for iri in (resolutions[:runs] if "resolution" in query.parameters else ())]
        page = [_timed(store, query, {"limit": str(PAGE)})[0] for _ in range(runs)]
        whole: list[float] = []
        rows = 0
        for _ in range(max(1, runs // 3) if all_rows else 0):
            ms, rows = _timed(store, query, {})
            whole.append(ms)
        out[name] = (statistics.median(one) if one else None, _p95(one) if one else None,
                     statistics.median(page), statistics.median(whole) if whole else None,
                     _p95(whole) if whole else None, rows if whole else None)
        for param in query.in_graph:
            narrowed = {param: NARROWING[param], "limit": str(PAGE)}
            times = [_timed(store, query, narrowed) for _ in range(runs)]
            out[f"{name} ({param})"] = (None, None, statistics.median(t for t, _ in times),
                                        None, None, None)
    return out


def print_queries(timings: dict[str, tuple]) -> None:
    print(f"  {'query':<18} {'one p50':>9} {'one p95':>9} {'page p50':>9} {'all p50':>9} "
          f"{'all p95':>9} {'rows':>9}")
    for name, (p50, p95, page, a50, a95, rows) in timings.items():
        one = f"{p50:>7.1f}ms {p95:>7.1f}ms" if p50 is not None else f"{'–':>9} {'–':>9}"
        whole = (f"{a50:>7.0f}ms {a95:>7.0f}ms {rows:>9,}" if a50 is not None
                 else f"{'–':>9} {'–':>9} {'–':>9}")
        print(f"  {name:<18} {one} {page:>7.0f}ms {whole}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runs", type=int, default=9, help="query runs (one resolution each)")
    parser.add_argument("--quick", action="store_true", help="3 query runs")
    parser.add_argument("--work", type=Path)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--no-queries", action="store_true", help="time the builds only")
    # Reading smaps_rollup walks a process's page tables: sampled every 0.1 s, the sampler
    # took 12-19 % of a core during a 20,000-resolution build (top, 2026-12-02). At 1,000
    # resolutions 0.1 s and 0.5 s gave the same times and peaks within the noise.
    parser.add_argument("--sample", type=float, default=0.5, metavar="S",
                        help="seconds between memory samples (default 0.5)")
    parser.add_argument("--pages-only", action="store_true",
                        help="time one resolution and the first page, not all rows")
    parser.add_argument("--queries-on", type=Path, metavar="OUT",
                        help="only time the stored queries on an existing build output")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    if args.queries_on:
        manifest = json.loads((args.queries_on / "manifest.json").read_text())
        iris = [r["resolution"] for r in manifest["resolutions"]]
        print(f"{args.queries_on}: {len(iris)} resolutions")
        print_queries(time_queries(args.queries_on / "store",
                                   random.Random(len(iris)).sample(iris, min(len(iris), runs)),
                                   runs, not args.pages_only))
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="resgraph-scale-"))
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; build -j {args.jobs} --format nquads; "
          f"work folder {work}")
    sources = texts()
    print(f"synthetic corpus cycles through {len(sources)} real texts: "
          + ", ".join(p.name for p in sources))
    try:
        for n in args.n:
            folder = work / f"in-{n}"
            shutil.rmtree(folder, ignore_errors=True)
            variants(sources, folder, n)
            out = work / f"out-{n}"
            seconds, peak, last = build(folder, out, args.jobs, args.sample)
            manifest = json.loads((out / "manifest.json").read_text())
            iris = [r["resolution"] for r in manifest["resolutions"]]
            triples = sum(r["triples"] for r in manifest["resolutions"])
            print(f"\nN = {n}: {seconds:.1f} s, {n / seconds:.1f} resolutions/s, "
                  f"peak memory {peak / 2**20:.0f} MiB (PSS of the build's process tree), "
                  f"{triples:,} triples, store {_size(out / 'store') / 2**20:.0f} MiB, "
                  f"resgraph.nq {(out / 'resgraph.nq').stat().st_size / 2**20:.0f} MiB")
            print(f"  {last}")
            if args.no_queries:
                if not args.keep:
                    shutil.rmtree(folder, ignore_errors=True)
                    shutil.rmtree(out, ignore_errors=True)
                continue
            picked = random.Random(n).sample(iris, min(len(iris), runs))
            print_queries(time_queries(out / "store", picked, runs, not args.pages_only))
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
                shutil.rmtree(out, ignore_errors=True)
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
