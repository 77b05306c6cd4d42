"""Rewrite the event-type concepts of ontology/resgraph.ttl from their source,
src/resgraph/data/event_types.json: label, notation, the ACLED and HURIDOCS types each
corresponds to, and a definition made from them (tests/test_ontology.py checks that they
agree).

    python scripts/event_types_ontology.py
"""

from __future__ import annotations

import json

import concepts

TYPES = concepts.ROOT / "src" / "resgraph" / "data" / "event_types.json"


def definition(kind: dict) -> str:
    """What the type is, by the classifications it maps to (ACLED Codebook 2023, HURIDOCS
    Events Standard Formats), or resgraph's own where neither has it."""
    opening = f"An event the text reports as a {kind['label']}"
    acled, huridocs = kind.get("acled"), kind.get("huridocs")
    if acled and huridocs:
        return (f"{opening}: ACLED's event type '{acled}', HURIDOCS's act '{huridocs}'.")
    if acled:
        return f"{opening}: ACLED's event type '{acled}'."
    if huridocs:
        return f"{opening}: HURIDOCS's act '{huridocs}'."
    return f"{opening}, a type of resgraph's own: neither ACLED nor HURIDOCS has it."


def concept(kind: dict) -> str:
    more = [f'rg:acledType "{kind["acled"]}"'] if kind.get("acled") else []
    more += [f'rg:huridocsType "{kind["huridocs"]}"'] if kind.get("huridocs") else []
    return concepts.concept(f"rg:event-{kind['id']}", "rg:EventType", "rg:EventTypes",
                            kind["label"], definition(kind), kind["id"], more)


def main() -> None:
    kinds = json.loads(TYPES.read_text("utf-8"))["types"]
    concepts.rewrite("rg:event-", [concept(kind) for kind in kinds], "\n\n")
    print(f"{concepts.ONTOLOGY}: {len(kinds)} event types")


if __name__ == "__main__":
    main()
