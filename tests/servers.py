"""Real triple stores for the tests, started on a free loopback port and stopped after:
`oxigraph serve` (the `oxigraph` PyPI package of the test extra) and OpenLink Virtuoso 7
(Debian's `virtuoso-opensource`, which .ci/run installs). How each starts here is written up in
../shared/reference/triple-stores.md.

A store whose program is missing skips the test with the reason, and fails it under CI
(CI=true), so that a CI run never passes by skipping."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

STARTUP_SECONDS = 60.0
VIRTUOSO_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")

# Only loopback is ever contacted, and never through an environment proxy.
HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass(frozen=True)
class Store:
    """A running store: where to query it and where to send graphs."""

    query: str  # SPARQL query endpoint
    graph_store: str  # Graph Store Protocol service
    folder: Path
    sql_port: int = 0  # Virtuoso's ISQL port


def missing(message: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_binary() -> Path:
    candidate = Path(sys.executable).parent / "oxigraph"
    if candidate.is_file():
        return candidate
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    pytest.fail("the `oxigraph` server executable was not found next to "
                f"{sys.executable} nor on PATH; install the test extra: pip install -e "
                "'.[test]'", pytrace=False)


def _wait_until_answering(process: subprocess.Popen, url: str, log: Path, name: str) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        if process.poll() is not None:
            pytest.fail(f"{name} exited with status {process.returncode} before it was ready:"
                        f"\n{log.read_text(errors='replace')[-3000:]}", pytrace=False)
        try:
            with HTTP.open(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{name} was not answering {url} after {STARTUP_SECONDS:.0f} s:\n"
                        f"{log.read_text(errors='replace')[-3000:]}", pytrace=False)
        time.sleep(0.1)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _ask(base: str) -> str:
    return f"{base}?" + urllib.parse.urlencode({"query": "ASK {}"})


@contextmanager
def oxigraph(folder: Path) -> Iterator[Store]:
    """`oxigraph serve` on an empty database in `folder`."""
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(oxigraph_binary()), "serve", "--location", str(folder / "db"), "--bind",
             f"127.0.0.1:{port}"], stdin=subprocess.DEVNULL, stdout=out,
            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(process, _ask(f"{base}/query"), log, "oxigraph")
        yield Store(f"{base}/query", f"{base}/store", folder)
    finally:
        _stop(process)


def _virtuoso_ini(folder: Path, sql_port: int, http_port: int, max_rows: int) -> str:
    """Debian's virtuoso.ini with the database in `folder`, both servers on loopback, the
    folder allowed to the bulk loader and the result cap set."""
    text = VIRTUOSO_INI.read_text()
    text = re.sub(r"/var/lib/virtuoso-opensource-7/db", str(folder), text)
    section = ""
    lines = []
    for line in text.splitlines():
        if line.startswith("["):
            section = line.strip()
        key = line.split("=")[0].strip()
        if key == "ServerPort" and section == "[Parameters]":
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif key == "ServerPort" and section == "[HTTPServer]":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif key == "DirsAllowed":
            line = f"DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad, {folder}"
        elif key == "ResultSetMaxRows":
            line = f"ResultSetMaxRows = {max_rows}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def isql(store: Store, command: str) -> str:
    """Run ISQL `command` on a Virtuoso store as dba; its output."""
    done = subprocess.run(["isql-vt", f"127.0.0.1:{store.sql_port}", "dba", "dba",
                           f"exec={command}"], capture_output=True, text=True, timeout=300,
                          check=False)
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise AssertionError(f"isql-vt {command!r}: {done.stdout}{done.stderr}")
    return done.stdout


@contextmanager
def virtuoso(folder: Path, max_rows: int = 1_000_000) -> Iterator[Store]:
    """Virtuoso 7 on a new database in `folder`, its result cap `max_rows`."""
    binary = shutil.which("virtuoso-t")
    if binary is None or not VIRTUOSO_INI.is_file() or shutil.which("isql-vt") is None:
        missing("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_virtuoso_ini(folder, sql_port, http_port, max_rows))
    log = folder / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen([str(binary), "+foreground", "+configfile", str(ini)],
                                   cwd=folder, stdin=subprocess.DEVNULL, stdout=out,
                                   stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    store = Store(f"{base}/sparql", f"{base}/sparql-graph-crud-auth", folder, sql_port)
    try:
        _wait_until_answering(process, _ask(f"{base}/sparql"), log, "virtuoso")
        yield store
    finally:
        try:
            subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba",
                            "exec=shutdown;"], capture_output=True, timeout=30, check=False)
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            _stop(process)


@contextmanager
def _loopback(handle: Callable[[socket.socket], None]) -> Iterator[str]:
    """A server on loopback giving each connection it accepts to `handle`, in a thread;
    yields its URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            handle(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()


@contextmanager
def silent() -> Iterator[str]:
    """A server on loopback that accepts connections and never answers; yields its URL."""
    held: list[socket.socket] = []
    try:
        with _loopback(held.append) as url:
            yield url
    finally:
        for conn in held:
            conn.close()


@contextmanager
def refusing(status: str = "401 Unauthorized") -> Iterator[str]:
    """A server on loopback that answers every request with `status` as soon as it has read
    the request's head, and closes the connection without reading a body (as Virtuoso does
    to an unauthenticated PUT); yields its URL."""
    def refuse(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(2)
            head = b""
            try:
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    head += chunk
                conn.sendall(f"HTTP/1.1 {status}\r\nContent-Length: 0\r\n"
                             "Connection: close\r\n\r\n".encode())
            except OSError:
                pass

    with _loopback(refuse) as url:
        yield url


@contextmanager
def canary() -> Iterator[tuple[str, list[bytes]]]:
    """A server on loopback that records what each connection sends and answers 200 with an
    empty SPARQL result; yields its URL and the list of requests it received."""
    received: list[bytes] = []

    def record(conn: socket.socket) -> None:
        with conn:
            conn.settimeout(2)
            try:
                received.append(conn.recv(65536))
                body = b'{"head":{"vars":[]},"results":{"bindings":[]}}'
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+"
                             b"json\r\nContent-Length: " + str(len(body)).encode()
                             + b"\r\nConnection: close\r\n\r\n" + body)
            except OSError:
                pass

    with _loopback(record) as url:
        yield url, received


@contextmanager
def serving(store: Path, *options: str) -> Iterator[str]:
    """`resgraph serve` on the store, on a free loopback port, with `options`; yields its root
    URL once it answers, and stops it after."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "resgraph.cli", "serve", "--store",
                                str(store), "--port", str(port), *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            try:
                HTTP.open(root + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield root
    finally:
        process.terminate()
        process.wait(timeout=10)
