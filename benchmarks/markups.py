"""The seed in every format resgraph reads: its text (the EP's PDF as text) and the hand-written
fixtures of tests/fixtures (the EP's XML, Formex as a zip and as one file, the OJ's HTML).
The Formex zip is made from the fixture's members, as Cellar serves them, in `folder`."""

from __future__ import annotations

import zipfile
from pathlib import Path

from resgraph.resources import default_seed

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"


def seed_formats(folder: Path) -> list[tuple[str, Path]]:
    archive_path = folder / "seed.formex.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        for member in sorted((FIXTURES / "seed.formex").iterdir()):
            archive.write(member, member.name)
    return [
        ("text (PDF extract)", default_seed()),
        ("EP XML (SDOCTA)", FIXTURES / "seed.sdocta.xml"),
        ("Formex zip", archive_path),
        ("Formex file", FIXTURES / "seed.formex" / "C_2022000EN.01000101.xml"),
        ("OJ HTML", FIXTURES / "seed.oj.html"),
    ]
