"""`resgraph push`: the named graphs of a built store, sent to a triple store with the Graph
Store Protocol (resgraph.gsp), each graph whole.

- A PUT replaces a graph, so a push is idempotent, and each resolution lands in the graph its
  data names (`{resolution}/graph`): a second copy under another name would double every row
  of the stored queries.
- Only what changed is sent: the push state (a JSON file per target, outside the output
  directory, which every build replaces) records the SHA-256 of each graph's sorted
  N-Triples as last sent there. A graph sent before and gone from the store is deleted from
  the target: the target mirrors the build, for the graphs resgraph put there.
- Each graph sent is counted back (GET) and must hold as many triples as were sent.
- The state is saved as graphs are sent, so an interrupted push resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from resgraph.errors import ResgraphError
from resgraph.gsp import GraphStore, GraphStoreError
from resgraph.pipeline import atomic_write
from resgraph.store import named_graph_lines

_SAVE_EVERY = 100  # graphs sent between two saves of the push state


@dataclass(frozen=True)
class LocalGraph:
    iri: str
    ntriples: bytes  # sorted lines: the same content gives the same bytes
    triples: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.ntriples).hexdigest()


@dataclass(frozen=True)
class PushReport:
    target: str
    sent: tuple[str, ...]
    unchanged: int
    deleted: tuple[str, ...]
    bytes_sent: int
    dry_run: bool


def local_graphs(store: ox.Store) -> Iterator[LocalGraph]:
    """Every named graph of `store`, in IRI order, as sorted N-Triples."""
    for name, lines in named_graph_lines(store):
        yield LocalGraph(name, b"".join(line + b"\n" for line in lines), len(lines))


def state_file(target: str, folder: Path | None = None) -> Path:
    """Where the push state for `target` lives: under $XDG_STATE_HOME/resgraph/push (by
    default ~/.local/state), one file per target URL."""
    if folder is None:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        folder = Path(base) / "resgraph" / "push"
    return folder / f"{hashlib.sha256(target.encode()).hexdigest()[:24]}.json"


def read_state(path: Path, target: str) -> dict[str, str]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ResgraphError(f"{path}: not a resgraph push state ({exc}); remove it or give "
                            "--force") from None
    if not isinstance(data, dict) or data.get("target") != target:
        raise ResgraphError(f"{path}: not the push state of {target}")
    graphs = data.get("graphs", {})
    return {str(k): str(v) for k, v in graphs.items()} if isinstance(graphs, dict) else {}


def write_state(path: Path, target: str, graphs: dict[str, str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ResgraphError(f"{path.parent}: cannot create ({exc.strerror})") from None
    data = {"target": target, "graphs": dict(sorted(graphs.items()))}
    atomic_write(path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


def push(graphs: Iterator[LocalGraph], target: GraphStore, state: Path, *,
         dry_run: bool = False, force: bool = False,
         on_graph: Callable[[str, str], None] | None = None) -> PushReport:
    """Send the graphs that changed since the last push to `target`, delete those gone, and
    count each sent graph back. `on_graph(action, iri)` hears of each graph sent or deleted."""
    note = on_graph or (lambda action, iri: None)
    previous = {} if force else read_state(state, target.url)
    pushed = dict(previous)
    sent: list[str] = []
    seen: set[str] = set()
    unchanged = size = 0
    try:
        for graph in graphs:
            seen.add(graph.iri)
            if previous.get(graph.iri) == graph.sha256:
                unchanged += 1
                continue
            sent.append(graph.iri)
            size += len(graph.ntriples)
            note("put", graph.iri)
            if dry_run:
                continue
            target.put(graph.iri, graph.ntriples)
            counted = target.count(graph.iri)
            if counted != graph.triples:
                raise GraphStoreError(f"PUT {graph.iri}: {target.url} holds {counted} triples "
                                      f"after the push, not the {graph.triples} sent")
            pushed[graph.iri] = graph.sha256
            if len(sent) % _SAVE_EVERY == 0:
                write_state(state, target.url, pushed)
        gone = sorted(set(previous) - seen)
        for iri in gone:
            note("delete", iri)
            if not dry_run:
                target.delete(iri)
                pushed.pop(iri, None)
    finally:
        if not dry_run and pushed != previous:
            write_state(state, target.url, pushed)
    return PushReport(target.url, tuple(sent), unchanged, tuple(gone), size, dry_run)
