"""The package's type hints hold: mypy finds no error in src/ (the package ships py.typed,
so users' type checkers read these hints too)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_mypy_finds_no_error_in_the_package() -> None:
    assert (REPO / "src/resgraph/py.typed").is_file()
    checked = subprocess.run([sys.executable, "-m", "mypy", "src/resgraph"], cwd=REPO,
                             capture_output=True, text=True, timeout=900)
    assert checked.returncode == 0, checked.stdout[-3000:]
    assert checked.stdout.startswith("Success: no issues found")
