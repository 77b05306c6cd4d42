"""`resgraph export --bulk DIR`: a store's named graphs as N-Quads in chunks, with the
commands that load them into stores too big to fill over HTTP.

- `resgraph-00001.nq` …: whole graphs in the order of their IRIs, each graph's lines sorted,
  a chunk closed once it passes the chunk size: the same store gives the same bytes.
- `load-virtuoso.sql`: for Virtuoso's bulk loader (`ld_dir`, `rdf_loader_run`, OpenLink's
  "Bulk Loading RDF Source Files into one or more Graph IRIs"). N-Quads carry their graph,
  so the loader's default graph is never used. Each graph is cleared first and the folder's
  earlier entries are dropped from `DB.DBA.load_list`, so loading again replaces the data
  instead of adding a second copy (which would double every row of the stored queries).
- `Qleverfile`: for QLever's `qlever index` (FORMAT nq, one input stream per chunk).
- `bulk.json`: what was written: the graphs, the chunks and their SHA-256.

The folder is written beside its final place and swapped in whole (corpus.outdir)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from resgraph.corpus.outdir import BULK_MANIFEST, staged
from resgraph.store import named_graph_lines

CHUNK = 256 << 20  # bytes of N-Quads per chunk, whole graphs
UNNAMED = "https://w3id.org/resgraph/unnamed"  # ld_dir's graph for triples without one


@dataclass(frozen=True)
class Bulk:
    folder: Path
    chunks: tuple[str, ...]
    graphs: int
    quads: int


def _graph_lines(store: ox.Store) -> Iterator[tuple[str, list[bytes]]]:
    """Each named graph's N-Quads lines: its sorted N-Triples, each given the graph term
    before the final dot (the order stays that of the N-Triples lines)."""
    for name, triples in named_graph_lines(store):
        term = f" <{name}> .".encode()
        yield name, [line.rstrip()[:-1].rstrip() + term for line in triples]


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def virtuoso_script(folder: Path, graphs: list[str]) -> str:
    where = str(folder.resolve())
    lines = [
        "-- resgraph bulk export, for Virtuoso 7's bulk loader. Run it with",
        f"--   isql-vt HOST:PORT dba PASSWORD {where}/load-virtuoso.sql",
        f"-- with {where} listed in DirsAllowed of virtuoso.ini.",
        "-- Each graph is cleared first, so loading again replaces the data.",
        *(f"SPARQL CLEAR GRAPH <{g}>;" for g in graphs),
        f"DELETE FROM DB.DBA.load_list WHERE ll_file LIKE {_sql_text(where + '/%')};",
        f"ld_dir({_sql_text(where)}, 'resgraph-*.nq', {_sql_text(UNNAMED)});",
        "rdf_loader_run();",
        "checkpoint;",
        "-- files the loader could not read (none, when all went well):",
        "SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_file LIKE "
        f"{_sql_text(where + '/%')} AND ll_error IS NOT NULL;",
    ]
    return "\n".join(lines) + "\n"


def qleverfile(chunks: list[str]) -> str:
    inputs = " ".join(chunks)
    return "\n".join([
        "# resgraph bulk export, for QLever's command line (pip install qlever):",
        "#   qlever index && qlever start",
        "[data]",
        "NAME = resgraph",
        "DESCRIPTION = European Parliament resolutions as linked data (resgraph)",
        "FORMAT = nq",
        "",
        "[index]",
        f"INPUT_FILES = {inputs}",
        'MULTI_INPUT_JSON = { "cmd": "cat {}", "format": "nq", "for-each": "resgraph-*.nq", '
        '"parallel": "true" }',
        "",
        "[server]",
        "PORT = 7001",
        "",
        "[runtime]",
        "SYSTEM = native",
        "",
    ])


def export_bulk(store: ox.Store, folder: Path, chunk_bytes: int = CHUNK) -> Bulk:
    """Write the bulk export of `store` to `folder` (replacing an earlier one)."""
    chunks: list[str] = []
    digests: dict[str, str] = {}
    graphs: list[str] = []
    quads = 0
    with staged(folder) as staging:
        handle = None
        size = 0
        digest = hashlib.sha256()
        try:
            for name, lines in _graph_lines(store):
                if handle is None or size >= chunk_bytes:
                    if handle is not None:
                        handle.close()
                        digests[chunks[-1]] = digest.hexdigest()
                    chunks.append(f"resgraph-{len(chunks) + 1:05d}.nq")
                    handle = open(staging / chunks[-1], "wb")  # noqa: SIM115 (rolled over)
                    size, digest = 0, hashlib.sha256()
                for line in lines:
                    handle.write(line + b"\n")
                    digest.update(line + b"\n")
                    size += len(line) + 1
                graphs.append(name)
                quads += len(lines)
        finally:
            if handle is not None:
                handle.close()
                digests[chunks[-1]] = digest.hexdigest()
        (staging / "load-virtuoso.sql").write_text(virtuoso_script(folder, graphs), "utf-8")
        (staging / "Qleverfile").write_text(qleverfile(chunks), "utf-8")
        manifest = {"graphs": graphs, "quads": quads,
                    "chunks": [{"file": c, "sha256": digests[c]} for c in chunks]}
        (staging / BULK_MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return Bulk(folder, tuple(chunks), len(graphs), quads)
