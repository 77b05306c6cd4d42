"""A synthetic corpus made from real texts: each real document written again under distinct
procedure numbers, so that every copy is a resolution of its own (its own IRIs and named
graph) with the real document's structure and facts. For benchmarks/scale.py and the corpus
tests; the copies are written to a folder the caller gives, never into the repository."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

_PROCEDURE = re.compile(r"(\d{4})/(\d{4})\s*\(([A-Z]{3})\)")


def variants(texts: Iterable[Path], folder: Path, n: int, first_number: int = 5000) -> list[Path]:
    """`n` text files in `folder`, cycling through `texts` (plain-text resolutions that print
    their procedure as "2022/2505(RSP)"), each under its own procedure number: four digits
    from first_number to 9999, then the next year's (distinct for any n, as long as no two
    texts share a procedure)."""
    sources = [(p, p.read_text("utf-8")) for p in texts]
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for i in range(n):
        path, text = sources[i % len(sources)]
        match = _PROCEDURE.search(text)
        if match is None:
            raise ValueError(f"{path}: no procedure reference such as 2022/2505(RSP) in it")
        block = 10_000 - first_number  # procedure numbers have four digits
        year, number = int(match.group(1)) + i // block, first_number + i % block
        copy = text.replace(match.group(0), f"{year}/{number:04d}({match.group(3)})")
        target = folder / f"{i:06d}-{path.stem}.txt"
        target.write_text(copy, "utf-8")
        written.append(target)
    return written
