"""What the repository holds: our own files only. Documents of the shared folder come from other
public repositories and are read from there (issue 9); the seed is the one file ours to ship."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from conftest import REPO, SEED, corpus


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_no_tracked_file_is_a_copy_of_a_shared_file() -> None:
    shared_root = corpus("B-9-2024-0216.txt").parents[2]  # skips (or fails under CI) if absent
    theirs = {_digest(p): p for p in shared_root.rglob("*") if p.is_file()}
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                             check=True).stdout.decode().split("\0")
    copies = sorted(
        f"{name} = {theirs[d].relative_to(shared_root)}"
        for name in tracked
        if name and (REPO / name).is_file() and (REPO / name) != SEED
        and (d := _digest(REPO / name)) in theirs
    )
    assert copies == []
    assert len(theirs) > 20  # the corpus, ODP files, vocabularies and shapes were all read
