"""How fast does `resgraph serve` answer? Starts the real server on 127.0.0.1 on a store (a
corpus build's OUT/store), then for each kind of request runs CLIENTS concurrent clients
(threads, one keep-alive connection each) for REQUESTS requests in all, and prints requests/s,
p50/p95/p99 latency and the errors. Loopback only; bounded by --requests.

    python benchmarks/scale.py --n 10000 --keep --no-queries --work /tmp/scale
    python benchmarks/serve.py /tmp/scale/out-10000/store --clients 16 --requests 2000
    python benchmarks/serve.py STORE --stream mentions demands --only-stream
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

RG = "https://w3id.org/resgraph/ontology#"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _paths(store_path: Path, sample: int) -> dict[str, list[str]]:
    """Request paths of each kind, for resolutions and actors picked at random (seeded)."""
    store = ox.Store.read_only(str(store_path))
    pick = random.Random(1)
    resolutions = sorted(q.subject.value for q in store.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode(RG + "Resolution"), None))
    actors = sorted({q.subject.value for q in store.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        ox.NamedNode(RG + "Person"), None)})
    chosen = pick.sample(resolutions, min(sample, len(resolutions)))
    people = pick.sample(actors, min(sample, len(actors)))
    local = lambda iri: urllib.parse.urlsplit(iri).path  # noqa: E731
    sparql = ("SELECT ?name WHERE { ?p a <https://w3id.org/resgraph/ontology#Person> ; "
              "<https://w3id.org/resgraph/ontology#name> ?name } LIMIT 10")
    return {
        "resolution page": [local(r) for r in chosen],
        "actor page": [local(a) for a in people],
        "stored query": [f"/queries/demands.json?{urllib.parse.urlencode({'resolution': r})}"
                         for r in chosen],
        "sparql query": [f"/sparql?{urllib.parse.urlencode({'query': sparql})}"],
    }


def _client(port: int, paths: list[str], count: int, times: list[float],
            errors: list[str], accept: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for i in range(count):
        started = time.perf_counter()
        try:
            connection.request("GET", paths[i % len(paths)], headers={"Accept": accept})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(str(response.status))
                if len(errors) == 1:
                    print(f"  first error: {response.status} {paths[i % len(paths)]}",
                          file=sys.stderr)
        except OSError as exc:
            errors.append(type(exc).__name__)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        times.append(time.perf_counter() - started)


def measure(port: int, paths: list[str], clients: int, requests: int,
            accept: str) -> dict[str, float]:
    times: list[float] = []
    errors: list[str] = []
    each = max(1, requests // clients)
    threads = [threading.Thread(target=_client, args=(port, paths[i::clients] or paths, each,
                                                      times, errors, accept))
               for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    cuts = statistics.quantiles(times, n=100)
    return {"rps": len(times) / wall, "p50": cuts[49] * 1000, "p95": cuts[94] * 1000,
            "p99": cuts[98] * 1000, "errors": len(errors), "requests": len(times)}


def _rss(pid: int, field: str = "VmRSS") -> int:
    """Resident bytes of a process and its children (the query workers): all of them
    (VmRSS, the store's mapped files included), or the anonymous ones alone (RssAnon: what
    the processes hold themselves)."""
    total = 0
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):  # workers start from any thread
        with contextlib.suppress(OSError):
            pids += [int(c) for c in (task / "children").read_text().split()]
    for one in pids:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith(field + ":"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def stream(port: int, pid: int, name: str) -> dict[str, float]:
    """One whole stored-query answer streamed (rows=all, CSV): rows, seconds, and the
    server's resident memory (with its workers) before and at most during it."""
    peak = before = _rss(pid)
    anon_peak = anon_before = _rss(pid, "RssAnon")
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, anon_peak
        while not done.is_set():
            peak = max(peak, _rss(pid))
            anon_peak = max(anon_peak, _rss(pid, "RssAnon"))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    rows = 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        connection.request("GET", f"/queries/{name}.csv?rows=all")
        response = connection.getresponse()
        while chunk := response.read(1 << 16):
            rows += chunk.count(b"\r\n")
    finally:
        done.set()
        sampler.join()
    return {"rows": rows - 1, "seconds": time.perf_counter() - started,
            "before": before / 2**20, "peak": peak / 2**20,
            "anon_before": anon_before / 2**20, "anon_peak": anon_peak / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000, help="per kind of request")
    parser.add_argument("--workers", type=int, default=2, help="the server's query workers")
    parser.add_argument("--stream", nargs="*", default=[], metavar="QUERY",
                        help="also stream these stored queries' whole answers (rows=all)")
    parser.add_argument("--only-stream", action="store_true", help="skip the request kinds")
    args = parser.parse_args()
    if not (args.store / "CURRENT").is_file():
        raise SystemExit(f"{args.store}: no store here (build one with scale.py --keep)")
    paths = _paths(args.store, 200)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "resgraph.cli", "serve", "--store",
                               str(args.store), "--port", str(port), "--workers",
                               str(args.workers), "--budget", "1000000"],
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        time.sleep(1.0)
        print(f"{args.store}: {args.clients} clients, {args.requests} requests a kind, "
              f"server with {args.workers} query workers")
        for name in args.stream:
            r = stream(port, server.pid, name)
            print(f"stream {name}: {r['rows']:,.0f} rows in {r['seconds']:.1f} s "
                  f"({r['rows'] / r['seconds']:,.0f} rows/s); server and workers resident "
                  f"{r['before']:,.0f} MiB before, at most {r['peak']:,.0f} MiB during; "
                  f"anonymous {r['anon_before']:,.0f} MiB before, at most "
                  f"{r['anon_peak']:,.0f} MiB during",
                  flush=True)
        for kind, some in (() if args.only_stream else paths.items()):
            accept = "application/sparql-results+json" if "query" in kind else "text/html"
            measure(port, some, args.clients, min(200, args.requests), accept)  # warm up
            r = measure(port, some, args.clients, args.requests, accept)
            print(f"{kind:16} {r['rps']:7.1f} requests/s  p50 {r['p50']:7.1f} ms  "
                  f"p95 {r['p95']:7.1f} ms  p99 {r['p99']:7.1f} ms  errors {r['errors']:.0f}"
                  f" of {r['requests']:.0f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
