"""Shared fixtures: the bundled seed and the test corpus, parsed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from resgraph.pipeline import Built, build_one
from resgraph.resources import default_seed

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"
SEED = default_seed()
SEED_IRI = "https://w3id.org/resgraph/id/2022-2505-RSP/joint-motion"


@pytest.fixture(scope="session")
def seed_built() -> Built:
    return build_one(SEED)


@pytest.fixture(scope="session")
def seed(seed_built: Built):
    return seed_built.resolution
