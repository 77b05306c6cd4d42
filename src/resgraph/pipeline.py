"""The library's main verbs: files -> resolutions -> quads -> files on disk.

No stage here prints; the CLI decides what to say.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from resgraph.errors import InputError, StoreError
from resgraph.extract import extract_facts
from resgraph.graph import Minter, build_quads
from resgraph.model import Facts, Resolution
from resgraph.parse import parse_resolution
from resgraph.text import read_source
from resgraph.vocab import DEFAULT_BASE

_UMASK = os.umask(0)
os.umask(_UMASK)


@dataclass(frozen=True)
class Built:
    resolution: Resolution
    minter: Minter
    quads: tuple[ox.Quad, ...]
    facts: Facts


def parse_file(path: str | Path) -> Resolution:
    return parse_resolution(read_source(path))


def build_one(path: str | Path, base: str = DEFAULT_BASE) -> Built:
    resolution = parse_file(path)
    minter = Minter.for_resolution(resolution, base)
    facts = extract_facts(resolution)
    return Built(resolution, minter, tuple(build_quads(resolution, minter, facts)), facts)


def build_many(paths: Sequence[str | Path], base: str = DEFAULT_BASE) -> list[Built]:
    """Parse every input before anything is written: one bad file stops the run cleanly."""
    built: list[Built] = []
    seen: dict[str, str] = {}
    for path in paths:
        item = build_one(path, base)
        iri = item.minter.resolution
        if iri in seen:
            raise InputError(
                str(path),
                f"is the same document as {seen[iri]} ({iri}); give each document once, "
                "in one format",
            )
        seen[iri] = str(path)
        built.append(item)
    return built


def file_stem(item: Built) -> str:
    return item.minter.slug.replace("/", "_")


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise StoreError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp creates 0600; published files are readable
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StoreError(f"{path}: cannot write ({exc.strerror})") from None
