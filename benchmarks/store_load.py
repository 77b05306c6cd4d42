"""How should the corpus store be loaded? Bulk-loads an N-Quads file (a corpus build's
resgraph.nq) into a new pyoxigraph store in pieces of whole lines with the corpus writer's
own function, for each piece size and number of pieces loaded at once given, and prints:
load time, compaction (`optimize`) time, processor time (user and system, the process's
start included, the timed queries left out), the process's peak resident memory during the
load, and the p50 of stored queries for one resolution before and after compaction.

    python benchmarks/scale.py --n 1000 --work /tmp/scale --keep --no-queries
    python benchmarks/store_load.py /tmp/scale/out-1000/resgraph.nq --pieces 16 64
    python benchmarks/store_load.py /tmp/scale/out-1000/resgraph.nq --pieces 32 --loaders 1 2 3

Each run is a subprocess of its own, so that peak memory is that load's alone.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from resgraph.corpus.writer import load_nquads
from resgraph.queries import bind, stored_queries

QUERIES = ("demands", "mentions", "legal-references", "persons")
RUNS = 9


def _one_resolution_p50(store: ox.Store, resolutions: list[str]) -> dict[str, float]:
    out = {}
    for name in QUERIES:
        query = stored_queries()[name]
        times = []
        for iri in resolutions:
            started = time.perf_counter()
            list(store.query(bind(query, {"resolution": iri})))  # type: ignore[arg-type]
            times.append((time.perf_counter() - started) * 1000)
        out[name] = statistics.median(times)
    return out


def measure(nquads: Path, piece_mb: int, loaders: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="resgraph-load-"))
    try:
        started = time.perf_counter()
        if piece_mb < 0:  # the `oxigraph load` command (the oxigraph package), by its path
            here = str(Path(sys.executable).parent)
            command = shutil.which("oxigraph", path=here) or "oxigraph"
            subprocess.run([command, "load", "--location", str(folder / "store"), "--file",
                            str(nquads), "--lenient"], check=True, capture_output=True)
        store = ox.Store(str(folder / "store"))
        if piece_mb == 0:  # the whole file by its path: the loader reads it itself
            store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS, lenient=True)
        elif piece_mb > 0:
            load_nquads(store, nquads, piece=piece_mb << 20, loaders=loaders)
        loaded = time.perf_counter() - started
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) << 10
        rows = store.query("PREFIX rg: <https://w3id.org/resgraph/ontology#> SELECT ?r "
                           "WHERE { GRAPH ?g { ?r a rg:Resolution } }")
        resolutions = random.Random(1).sample(sorted(r["r"].value for r in rows), RUNS)  # type: ignore[union-attr]
        mark = resource.getrusage(resource.RUSAGE_SELF)
        before = _one_resolution_p50(store, resolutions)
        done = resource.getrusage(resource.RUSAGE_SELF)
        queried = done.ru_utime + done.ru_stime - mark.ru_utime - mark.ru_stime
        started = time.perf_counter()
        store.optimize()
        compacted = time.perf_counter() - started
        used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                    resource.RUSAGE_CHILDREN)]
        cpu = sum(u.ru_utime + u.ru_stime for u in used) - queried
        after = _one_resolution_p50(store, resolutions)
        return {"piece_mb": piece_mb, "loaders": loaders, "load_s": loaded,
                "optimize_s": compacted, "cpu_s": cpu, "peak_mib": peak / 2**20,
                "before_ms": before, "after_ms": after}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("nquads", type=Path)
    parser.add_argument("--pieces", type=int, nargs="+", default=[16, 64], metavar="MB",
                        help="piece sizes in MB; 0 loads the whole file by its path, "
                             "-1 with the `oxigraph load` command")
    parser.add_argument("--loaders", type=int, nargs="+", default=[1], metavar="N",
                        help="pieces loaded at once (threads), each tried with each size "
                             "of pieces")
    parser.add_argument("--one", type=int, nargs=2, help=argparse.SUPPRESS)  # one run's
    args = parser.parse_args()
    if not args.nquads.is_file():
        raise SystemExit(f"{args.nquads}: no such file (build a corpus with scale.py --keep)")
    if args.one is not None:
        print(json.dumps(measure(args.nquads, *args.one)))
        return
    size = args.nquads.stat().st_size / 2**20
    print(f"{args.nquads}: {size:.0f} MiB of N-Quads")
    for mb, loaders in itertools.product(args.pieces, args.loaders):
        if mb <= 0 and loaders > 1:
            continue  # the whole file is one call
        done = subprocess.run([sys.executable, __file__, str(args.nquads), "--one", str(mb),
                               str(loaders)], capture_output=True, text=True, check=True)
        r = json.loads(done.stdout)
        queries = ", ".join(f"{q} {r['before_ms'][q]:.1f} -> {r['after_ms'][q]:.1f} ms"
                            for q in QUERIES)
        how = (f"pieces of {mb} MB, {loaders} at once" if mb > 0
               else "the whole file by path" if mb == 0 else "oxigraph load")
        print(f"{how}: load {r['load_s']:.1f} s, optimize {r['optimize_s']:.1f} s, "
              f"processor {r['cpu_s']:.1f} s (user + system, load and optimize), "
              f"peak {r['peak_mib']:.0f} MiB; one resolution p50 before -> after optimize: "
              f"{queries}", flush=True)


if __name__ == "__main__":
    main()
