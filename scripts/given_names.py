"""Regenerate src/resgraph/data/given_names.json: the given names of Faker's person providers
(resgraph.kb.given_names), each with the locales that list it, and the Faker version as the
source.

    pip install faker && python scripts/given_names.py

tests/test_given_names.py checks that the shipped table is what this script writes today.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

from resgraph.kb.given_names import from_faker

OUT = Path(__file__).resolve().parents[1] / "src" / "resgraph" / "data" / "given_names.json"


def table() -> dict:
    return {
        "source": f"Faker {version('faker')}, faker.providers.person.<locale>.Provider "
                  "first-name lists (MIT licence)",
        "generatedBy": "scripts/given_names.py",
        # one line per name: name -> the locales that list it, space-separated
        "names": {name: " ".join(locales) for name, locales in from_faker().items()},
    }


def main() -> None:
    written = table()
    OUT.write_text(json.dumps(written, indent=0, ensure_ascii=False) + "\n", "utf-8")
    print(f"{OUT}: {len(written['names'])} given names")


if __name__ == "__main__":
    main()
