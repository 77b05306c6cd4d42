"""How long does SHACL validation of a resolution take with each engine resgraph offers
(`resgraph validate --engine`)? Builds the seed (or the files given), then validates its graph
with pyshacl-turbo and with pySHACL, RUNS times each, and prints the median and the verdicts.

    python benchmarks/validate.py              # the bundled seed, 3 runs
    python benchmarks/validate.py --runs 1 motion.pdf
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from pathlib import Path

from resgraph.pipeline import build_one
from resgraph.resources import default_seed
from resgraph.serialize import serialize
from resgraph.validate import ENGINES, validate_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}; median of {args.runs} runs")
    with tempfile.TemporaryDirectory() as work:
        for source in args.files or [default_seed()]:
            graph = Path(work) / "graph.nq"
            built = build_one(source)
            graph.write_bytes(serialize(built.quads, "nquads"))
            for engine in ENGINES:
                times, verdicts = [], set()
                for _ in range(args.runs):
                    started = time.perf_counter()
                    report = validate_files([graph], engine=engine)
                    times.append(time.perf_counter() - started)
                    verdicts.add((report.conforms, len(report.violations)))
                print(f"{source.name}: {len(built.quads):,} triples, {engine:8} "
                      f"{statistics.median(times):6.1f} s, verdicts {sorted(verdicts)}",
                      flush=True)


if __name__ == "__main__":
    main()
