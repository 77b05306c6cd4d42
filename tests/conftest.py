"""Shared fixtures: the bundled seed, parsed once per session, and the documents of the shared
folder (../shared, or $RESGRAPH_SHARED), which are never copied into the repository.

A test that needs a shared document skips, with a reason naming the folder, when the folder is
missing; under CI (CI=true) it fails instead, so that a CI run never passes by skipping."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from resgraph import shared
from resgraph.pipeline import Built, build_one
from resgraph.resources import default_seed

REPO = Path(__file__).resolve().parents[1]
SHARED = shared.shared_folder(REPO)
SKIP_PREFIX = "needs the shared folder: "
SEED = default_seed()
SEED_IRI = "https://w3id.org/resgraph/id/2022-2505-RSP/joint-motion"


def _without_shared(message: str) -> NoReturn:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and {message}", pytrace=False)
    pytest.skip(SKIP_PREFIX + message)


def corpus(name: str) -> Path:
    """A real EP document of ../shared/corpus by file name ('B-9-2024-0216.pdf')."""
    try:
        return shared.corpus_file(SHARED, name)
    except shared.SharedMissing as missing:
        _without_shared(str(missing))


def shared_file(relative: str) -> Path:
    """Any other file of the shared folder ('odp/data_v1_meetings-by-year_2022.ttl')."""
    try:
        return shared.shared_file(SHARED, relative)
    except shared.SharedMissing as missing:
        _without_shared(str(missing))


def seed_with(path: Path, *, start: str, by: str, end: str | None = None) -> Path:
    """Write to `path` the seed with its text from `start` up to `end` replaced by `by`, and
    return `path`. `start` and `end` are strings the seed holds, each taken where it first
    stands; `end` itself is kept, and without it the text is replaced to its end."""
    text = SEED.read_text("utf-8")
    rest = "" if end is None else text[text.index(end):]
    path.write_text(text[: text.index(start)] + by + rest, "utf-8")
    return path


def triples_of(quads) -> set[tuple[str, str, str]]:
    """The (subject, predicate, object) values of `quads`, their graphs left out."""
    return {(q.subject.value, q.predicate.value, q.object.value) for q in quads}


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Name every skipped test, one per line. pytest's own summary groups skips by the line that
    raised them, which hides the test names; pyproject.toml turns that summary off for skips."""
    skipped = terminalreporter.stats.get("skipped", [])
    if not skipped:
        return
    terminalreporter.section(f"{len(skipped)} tests skipped")
    for report in skipped:
        reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else ""
        if SKIP_PREFIX in reason:
            reason = f"no shared folder at {SHARED}"
        terminalreporter.line(f"{report.nodeid}: {reason}")


@pytest.fixture(scope="session")
def seed_built() -> Built:
    return build_one(SEED)


@pytest.fixture(scope="session")
def seed(seed_built: Built):
    return seed_built.resolution
