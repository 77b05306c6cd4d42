"""The code stays ruff-clean: a lint failure fails the suite, so CI catches it."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_ruff_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--output-format", "concise", "src", "tests",
         "benchmarks", "scripts"],
        cwd=REPO, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    marker = readme.index("<!-- test-command -->")
    command = next(line for line in readme[marker:].splitlines() if line.startswith("python3 "))
    assert "pytest" in command and "-m venv .venv" in command
    assert "<!-- test-command -->" in (REPO / ".ci" / "run").read_text("utf-8")
