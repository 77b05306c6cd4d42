"""How fast is resgraph? A plain script (stdlib + resgraph only) that prints figures.

    python benchmarks/bench.py            # full run (a minute or two)
    python benchmarks/bench.py --quick    # small counts, for smoke testing

Four parts:

1. in-process pipeline on the bundled seed: read -> clean+parse -> build quads -> N-Quads
   bytes, end to end and stage by stage;
2. cold `resgraph build` in a fresh subprocess (interpreter start, imports, all six
   serialisations and the store), via `python -m resgraph.cli` and the console script;
3. throughput over the development corpus (../shared/corpus, or $RESGRAPH_SHARED):
   resolutions/s and triples/s,
   text files and PDFs separately;
4. each reader (text, PDF, HTML) on each corpus file: read and parse times.

Timings use time.perf_counter with the garbage collector left on, as in real use.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from markups import seed_formats

import resgraph
from resgraph import shared
from resgraph.errors import ResgraphError
from resgraph.extract import extract_facts
from resgraph.graph import Minter, build_quads
from resgraph.parse import parse_resolution
from resgraph.parse.structure import parse_clean
from resgraph.pipeline import build_one
from resgraph.resources import default_seed
from resgraph.serialize import serialize
from resgraph.text import read_source
from resgraph.text.cleanup import clean

ROOT = Path(__file__).resolve().parents[1]
# The corpus is read where tests read it; it is never copied into the repository.
SHARED = shared.shared_folder(ROOT)

LABEL = 44  # width of the label column

FULL = {"runs": 200, "warmup": 5, "cold_runs": 5, "repeat": 100, "pdf_repeat": 5}
QUICK = {"runs": 10, "warmup": 2, "cold_runs": 2, "repeat": 3, "pdf_repeat": 1}


# --- helpers -----------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100), like numpy's default."""
    data = sorted(values)
    if not data:
        raise ValueError("no values")
    k = (len(data) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def line(label: str, text: str) -> None:
    print(f"  {label:<{LABEL}}{text}".rstrip())


def section(title: str) -> None:
    print()
    print(title)
    print("-" * len(title))


def machine() -> str:
    cpu = platform.processor()
    if not cpu or cpu == platform.machine():
        try:
            for row in Path("/proc/cpuinfo").read_text().splitlines():
                if row.startswith("model name"):
                    cpu = row.split(":", 1)[1].strip()
                    break
        except OSError:
            pass
    u = platform.uname()
    return f"{cpu or u.machine} ({u.system} {u.release} {u.machine})"


def nquads(path: Path) -> tuple[int, int]:
    """The unit of work: one file -> N-Quads bytes. Returns (triples, bytes)."""
    built = build_one(path)
    data = serialize(list(built.quads), "nquads")
    return len(built.quads), len(data)


# --- 1. in-process pipeline on the seed --------------------------------------------------


def bench_seed(seed: Path, runs: int, warmup: int) -> None:
    section(f"1. In-process pipeline on the seed ({seed.name})")
    for _ in range(warmup):
        nquads(seed)
    triples, size = nquads(seed)
    line("unit of work", "build_one(seed) -> serialize(quads, 'nquads')")
    line("output", f"{triples} triples, {size:,} bytes of N-Quads")
    line("runs", f"{runs} timed after {warmup} warm-up")

    totals = []
    for _ in range(runs):
        t0 = time.perf_counter()
        nquads(seed)
        totals.append(time.perf_counter() - t0)
    ms = [t * 1000 for t in totals]
    line("end to end", f"median {statistics.median(ms):8.3f} ms   p10 {percentile(ms, 10):8.3f} ms"
         f"   p90 {percentile(ms, 90):8.3f} ms")

    # Stage by stage, each timed on its own within the same run.
    stages: dict[str, list[float]] = {
        "read_source": [],
        "clean+parse (parse_resolution)": [],
        "extract_facts (actors, demands)": [],
        "build_quads (incl. Minter)": [],
        "serialize nquads": [],
    }
    sub: dict[str, list[float]] = {
        "clean (text.cleanup)": [],
        "parse_clean (structure)": [],
    }
    names = list(stages)
    for _ in range(warmup):
        parse_clean(read_source(seed), clean(read_source(seed)))
    for _ in range(runs):
        t0 = time.perf_counter()
        source = read_source(seed)
        t1 = time.perf_counter()
        resolution = parse_resolution(source)
        t2 = time.perf_counter()
        facts = extract_facts(resolution)
        t2b = time.perf_counter()
        quads = build_quads(resolution, Minter.for_resolution(resolution), facts)
        t3 = time.perf_counter()
        serialize(quads, "nquads")
        t4 = time.perf_counter()
        for name, dt in zip(names, (t1 - t0, t2 - t1, t2b - t2, t3 - t2b, t4 - t3),
                            strict=True):
            stages[name].append(dt * 1000)
        # The two halves of parse_resolution, separately.
        t5 = time.perf_counter()
        clean_text = clean(source)
        t6 = time.perf_counter()
        parse_clean(source, clean_text)
        t7 = time.perf_counter()
        sub["clean (text.cleanup)"].append((t6 - t5) * 1000)
        sub["parse_clean (structure)"].append((t7 - t6) * 1000)

    medians = {name: statistics.median(v) for name, v in stages.items()}
    total = sum(medians.values())
    print()
    line("stage (median of each)", "")
    for name, med in medians.items():
        line(f"  {name}", f"{med:8.3f} ms  {100 * med / total:5.1f} %")
        subs = {"clean+parse": ("clean (text.cleanup)", "parse_clean (structure)")}
        for prefix, snames in subs.items():
            if not name.startswith(prefix):
                continue
            for sname in snames:
                values = sub[sname]
                line(f"      {sname}", f"{statistics.median(values):8.3f} ms")
    line("  sum of stage medians", f"{total:8.3f} ms")


# --- 2. cold CLI ---------------------------------------------------------------------------


def time_command(argv: list[str], runs: int) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory(prefix="resgraph-bench-") as tmp:
        for i in range(runs):
            out = Path(tmp) / f"run{i}"
            cmd = [a.replace("{out}", str(out)) for a in argv]
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, cwd=tmp)
            times.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                raise SystemExit(
                    f"bench: {shlex.join(cmd)} failed with exit code {proc.returncode}:\n"
                    + proc.stderr.decode(errors="replace")
                )
    return times


def bench_cold(runs: int) -> None:
    section(f"2. Cold `resgraph build` of the seed in a fresh process ({runs} runs each)")
    exe = sys.executable
    script = Path(exe).parent / "resgraph"
    cases: list[tuple[str, list[str]]] = [
        ("python -c pass (baseline)", [exe, "-c", "pass"]),
        ("python -c 'import resgraph.cli'", [exe, "-c", "import resgraph.cli"]),
        ("python -m resgraph.cli build", [exe, "-m", "resgraph.cli", "build", "-o", "{out}"]),
    ]
    if script.is_file() and os.access(script, os.X_OK):
        cases.append(("resgraph build (console script)", [str(script), "build", "-o", "{out}"]))
    else:
        line("resgraph console script", f"not found next to {exe}; skipped")
    for label, argv in cases:
        times = time_command(argv, runs)
        line(label, f"median {statistics.median(times):7.3f} s   min {min(times):7.3f} s")


# --- 3. throughput -----------------------------------------------------------------------


def usable(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    ok, bad = [], []
    for p in paths:
        try:
            nquads(p)  # also the warm-up pass
            ok.append(p)
        except ResgraphError as exc:
            bad.append((p, str(exc)))
    return ok, bad


def throughput(label: str, paths: list[Path], repeat: int) -> None:
    print()
    print(f"  {label}: {len(paths)} files x {repeat} pass{'es' if repeat != 1 else ''}")
    paths, bad = usable(paths)
    for p, why in bad:
        line(f"  SKIPPED {p.name}", why)
    if not paths:
        line("  (nothing to time)", "")
        return
    per_file: dict[Path, list[float]] = {p: [] for p in paths}
    triples_of: dict[Path, int] = {}
    resolutions = triples = 0
    t_start = time.perf_counter()
    for _ in range(repeat):
        for p in paths:
            t0 = time.perf_counter()
            n, _ = nquads(p)
            per_file[p].append(time.perf_counter() - t0)
            triples_of[p] = n
            resolutions += 1
            triples += n
    elapsed = time.perf_counter() - t_start
    for p in paths:
        med = statistics.median(per_file[p]) * 1000
        line(f"  {p.name}", f"{triples_of[p]:6d} triples  median {med:9.3f} ms")
    line("  total", f"{resolutions} resolutions, {triples:,} triples in {elapsed:.3f} s")
    line("  resolutions/s", f"{resolutions / elapsed:12,.1f}")
    line("  triples/s", f"{triples / elapsed:12,.0f}")


def _time_reader(label: str, path: Path, repeat: int) -> None:
    read_times, parse_times = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        source = read_source(path)
        t1 = time.perf_counter()
        parse_clean(source, clean(source))
        t2 = time.perf_counter()
        read_times.append(t1 - t0)
        parse_times.append(t2 - t1)
    line(f"  {label}", f"read {statistics.median(read_times) * 1000:8.2f} ms  "
                       f"parse {statistics.median(parse_times) * 1000:7.2f} ms")


def bench_readers(repeat: int) -> None:
    """Each reader on each corpus file, and on the seed in every format: read (bytes ->
    laid-out text) and clean + parse."""
    section("4. Readers: read_source, then clean + parse, median per file")
    with tempfile.TemporaryDirectory() as folder:
        line("  the seed in each format", f"({max(repeat, 20)} runs each)")
        for label, path in seed_formats(Path(folder)):
            _time_reader(label, path, max(repeat, 20))
    try:
        files = [p for suffix in (".txt", ".pdf", ".html")
                 for p in shared.corpus_files(SHARED, suffix)]
    except shared.SharedMissing as missing:
        line("corpus", f"skipped: {missing}")
        return
    for path in files:
        _time_reader(path.name, path, repeat)


def bench_throughput(repeat: int, pdf_repeat: int, seed: Path) -> None:
    section("3. Throughput, in process: build_one + N-Quads per file")
    try:
        texts = shared.corpus_files(SHARED, ".txt")
        pdfs = shared.corpus_files(SHARED, ".pdf")
    except shared.SharedMissing as missing:
        line("corpus", f"skipped: {missing}")
        texts, pdfs = [], []
    throughput(f"text: {SHARED}/corpus/text/*.txt + seed", [*texts, seed], repeat)
    if pdfs:
        throughput(f"pdf: {SHARED}/corpus/pdf/*.pdf", pdfs, pdf_repeat)


# --- main --------------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small counts, for smoke testing")
    ap.add_argument("--runs", type=int, help=f"timed seed runs (default {FULL['runs']})")
    ap.add_argument("--warmup", type=int, help=f"warm-up seed runs (default {FULL['warmup']})")
    ap.add_argument("--cold-runs", type=int,
                    help=f"fresh-process CLI runs per command (default {FULL['cold_runs']})")
    ap.add_argument("--repeat", type=int,
                    help=f"passes over the text corpus (default {FULL['repeat']})")
    ap.add_argument("--pdf-repeat", type=int,
                    help=f"passes over the PDF corpus (default {FULL['pdf_repeat']})")
    ap.add_argument("--skip", action="append", default=[],
                    choices=["seed", "cold", "corpus", "readers"],
                    help="skip a part (repeatable)")
    args = ap.parse_args(argv)
    defaults = QUICK if args.quick else FULL
    for key, value in defaults.items():
        if getattr(args, key) is None:
            setattr(args, key, value)
        if getattr(args, key) < (0 if key == "warmup" else 1):
            ap.error(f"--{key.replace('_', '-')} must be at least {0 if key == 'warmup' else 1}")
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    seed = default_seed()
    command = shlex.join(getattr(sys, "orig_argv", [sys.executable, *sys.argv]))
    print(f"resgraph {resgraph.__version__} benchmark")
    print(f"machine: {machine()}, {os.cpu_count()} CPUs")
    print(f"python:  {platform.python_implementation()} {platform.python_version()} "
          f"({sys.executable})")
    print(f"command: {command}")
    print(f"counts:  runs={args.runs} warmup={args.warmup} cold-runs={args.cold_runs} "
          f"repeat={args.repeat} pdf-repeat={args.pdf_repeat}{' (quick)' if args.quick else ''}")
    parts: list[tuple[str, Callable[[], None]]] = [
        ("seed", lambda: bench_seed(seed, args.runs, args.warmup)),
        ("cold", lambda: bench_cold(args.cold_runs)),
        ("corpus", lambda: bench_throughput(args.repeat, args.pdf_repeat, seed)),
        ("readers", lambda: bench_readers(args.pdf_repeat)),
    ]
    t0 = time.perf_counter()
    for name, run in parts:
        if name not in args.skip:
            run()
    print()
    print(f"benchmark finished in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
