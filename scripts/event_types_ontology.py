"""Rewrite the event-type concepts of ontology/resgraph.ttl from their source,
src/resgraph/data/event_types.json: label, notation, the ACLED and HURIDOCS types each
corresponds to, and a definition made from them (tests/test_ontology.py checks that they
agree).

    python scripts/event_types_ontology.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "resgraph.ttl"
TYPES = ROOT / "src" / "resgraph" / "data" / "event_types.json"


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
    lines = [f"rg:event-{kind['id']} a skos:Concept , rg:EventType ;",
             "    skos:inScheme rg:EventTypes ;",
             f'    skos:prefLabel "{kind["label"]}"@en ;',
             f'    rdfs:label "{kind["label"]}"@en ;',
             f'    skos:definition "{definition(kind)}"@en ;',
             f'    skos:notation "{kind["id"]}" ;']
    if kind.get("acled"):
        lines.append(f'    rg:acledType "{kind["acled"]}" ;')
    if kind.get("huridocs"):
        lines.append(f'    rg:huridocsType "{kind["huridocs"]}" ;')
    lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines)


def main() -> None:
    text = ONTOLOGY.read_text("utf-8")
    start = text.index("rg:event-")
    end = re.compile(r"\n(?!rg:event-|    |\n(?:rg:event-))").search(text, start).start() + 1
    kinds = json.loads(TYPES.read_text("utf-8"))["types"]
    concepts = "\n\n".join(concept(kind) for kind in kinds)
    ONTOLOGY.write_text(text[:start] + concepts + "\n" + text[end:], "utf-8")
    print(f"{ONTOLOGY}: {len(kinds)} event types")


if __name__ == "__main__":
    main()
