"""Where the data directories are: inside the installed package (the wheel copies them to
resgraph/_data/) or at the top of a source checkout (editable installs)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """`name` is one of: ontology, shapes, queries, seeds."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resgraph data directory {name!r} is missing from the install")


def default_seed() -> Path:
    return data_dir("seeds") / "2022-2505-RSP-kazakhstan.txt"


def ontology_file() -> Path:
    return data_dir("ontology") / "resgraph.ttl"


def shapes_file() -> Path:
    return data_dir("shapes") / "resgraph-shapes.ttl"
