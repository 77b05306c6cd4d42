"""Where the development corpus is: the `shared` folder beside the checkout.

The real EP documents, Open Data Portal files and authority tables that tests and benchmarks
read come from other public repositories. They are never copied into resgraph; every
development machine and CI have them in `../shared` (beside the repository root), or in the
folder named by the environment variable RESGRAPH_SHARED. This module only finds that folder
and the documents in it; what to do when something is missing (skip, fail, print) is the
caller's decision.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "RESGRAPH_SHARED"

# ../shared/corpus keeps each markup in a folder of its own.
_CORPUS_FOLDER = {".txt": "text", ".pdf": "pdf", ".html": "html", ".htm": "html", ".xml": "xml"}


class SharedMissing(LookupError):
    """A document of the shared folder is not there; the message names what was expected."""


def shared_folder(checkout: Path) -> Path:
    """The shared folder as configured: $RESGRAPH_SHARED, else `shared` beside `checkout`.

    The path is returned whether or not it exists, so that messages can name it."""
    configured = os.environ.get(ENV_VAR)
    return Path(configured).expanduser() if configured else checkout.resolve().parent / "shared"


def shared_file(folder: Path, relative: str) -> Path:
    """A file of the shared folder, such as 'odp/data_v1_meetings-by-year_2022.ttl'."""
    path = folder / relative
    if not path.is_file():
        raise SharedMissing(_missing(path))
    return path


def corpus_file(folder: Path, name: str) -> Path:
    """A corpus document by file name ('B-9-2024-0216.pdf'): the folder follows the suffix."""
    kind = _CORPUS_FOLDER.get(Path(name).suffix.lower())
    if kind is None:
        raise ValueError(f"no corpus folder for documents named like {name!r}")
    return shared_file(folder, f"corpus/{kind}/{name}")


def corpus_files(folder: Path, suffix: str) -> list[Path]:
    """Every corpus document with this suffix ('.txt', '.pdf', '.html'), sorted by name."""
    documents = folder / "corpus" / _CORPUS_FOLDER[suffix]
    if not documents.is_dir():
        raise SharedMissing(_missing(documents))
    return sorted(p for p in documents.iterdir() if p.suffix.lower() == suffix)


def _missing(path: Path) -> str:
    return (f"{path} is missing: put the shared folder beside the checkout "
            f"(../shared) or name it in ${ENV_VAR}")
