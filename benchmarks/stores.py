"""How fast do real triple stores answer the stored queries? Builds the seed and the shared
corpus's plain texts (read from ../shared, never copied), starts Virtuoso 7 and `oxigraph
serve` on loopback (tests/servers.py, as the tests do), pushes the build to both with
`resgraph push`, and prints for every stored query, over the whole build and as `resgraph
query` runs it:

- Virtuoso, first run: the query text never seen before (a comment makes it new), so its
  compilation is included; then the p50 of 5 runs of the same text (compiled once, cached);
- the same with `--dialect virtuoso` (`DEFINE sql:select-option "order"`);
- Oxigraph server: p50 of 5 runs.

    python benchmarks/stores.py
"""

from __future__ import annotations

import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from resgraph.cli import main as cli
from resgraph.corpus import build_corpus
from resgraph.federation import is_federated
from resgraph.queries import stored_queries
from resgraph.store import Endpoint, query_endpoint
from resgraph.vocab import DEFAULT_BASE
from resgraph.windows import answer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import servers  # noqa: E402  (the tests' way of starting the stores)
from scale import texts as scale_texts  # noqa: E402  (the same real texts)

RUNS = 5


def _push(url: str, out: Path, state: Path, *auth: str) -> None:
    result = CliRunner().invoke(cli, ["push", "--graph-store", url, "--store",
                                      str(out / "store"), "--state", str(state), *auth])
    if result.exit_code != 0:
        raise SystemExit(f"push to {url} failed: {result.output.strip()}")


def _ms(endpoint: Endpoint, name: str, salt: str) -> float:
    query = stored_queries()[name]
    started = time.perf_counter()
    answer(query, {}, lambda text: query_endpoint(endpoint, f"{text}\n# {salt}"))
    return (time.perf_counter() - started) * 1000


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="resgraph-stores-"))
    texts = scale_texts()
    out = work / "out"
    report = build_corpus(texts, out, base=DEFAULT_BASE, formats=("nquads",), jobs=2)
    print(f"machine: {platform.machine()}, Python {platform.python_version()}; "
          f"{report.resolutions} resolutions, {report.triples:,} triples")
    (work / "v").mkdir()
    (work / "o").mkdir()
    try:
        with servers.virtuoso(work / "v") as virtuoso, servers.oxigraph(work / "o") as oxi:
            _push(virtuoso.graph_store, out, work / "v.json", "--user", "dba", "--password",
                  "dba", "--auth", "digest")
            _push(oxi.graph_store, out, work / "o.json")
            print(f"{'query':<20} {'virtuoso':>20} {'virtuoso dialect':>20} {'oxigraph':>9}")
            print(f"{'':<20} {'first':>9} {'p50':>10} {'first':>9} {'p50':>10} {'p50':>9}")
            for name in (n for n, q in stored_queries().items() if not is_federated(q)):
                cells = []
                for dialect in ("sparql11", "virtuoso"):
                    endpoint = Endpoint(virtuoso.query, dialect=dialect)
                    first = _ms(endpoint, name, f"{time.time_ns()}")
                    runs = [_ms(endpoint, name, "cached") for _ in range(RUNS)]
                    cells.append(f"{first:7.0f}ms {statistics.median(runs):8.0f}ms")
                oxigraph = statistics.median(_ms(Endpoint(oxi.query), name, "x")
                                             for _ in range(RUNS))
                print(f"{name:<20} {cells[0]:>20} {cells[1]:>20} {oxigraph:7.0f}ms",
                      flush=True)
    except BaseException as exc:  # pytest's skip or fail, from servers.py
        if type(exc).__module__.startswith("_pytest"):
            raise SystemExit(f"cannot start the stores: {exc}") from None
        raise


if __name__ == "__main__":
    main()
