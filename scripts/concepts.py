"""What the scripts that write the ontology's SKOS concepts share: one concept as a Turtle
block, and the block of all of them put in place of the old one in ontology/resgraph.ttl
(event_types_ontology.py, speech_acts_ontology.py)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "resgraph.ttl"


def concept(subject: str, kind: str, scheme: str, label: str, definition: str,
            notation: str, more: list[str]) -> str:
    """A SKOS concept of `kind` in `scheme`, labelled, defined and noted, then `more`
    (predicate and object, Turtle), as one statement."""
    lines = [f"{subject} a skos:Concept , {kind} ;",
             f"    skos:inScheme {scheme} ;",
             f'    skos:prefLabel "{label}"@en ;',
             f'    rdfs:label "{label}"@en ;',
             f'    skos:definition "{definition}"@en ;',
             f'    skos:notation "{notation}" ;',
             *(f"    {pair} ;" for pair in more)]
    lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines)


def rewrite(prefix: str, concepts: list[str], separator: str) -> None:
    """Replace the concepts whose subjects start with `prefix` (one block, each concept
    after `separator`) by `concepts`."""
    text = ONTOLOGY.read_text("utf-8")
    start = text.index(prefix)
    quoted = re.escape(prefix)
    between = rf"|\n(?:{quoted})" if separator == "\n\n" else ""
    end = re.compile(rf"\n(?!{quoted}|    {between})").search(text, start).start() + 1
    ONTOLOGY.write_text(text[:start] + separator.join(concepts) + "\n" + text[end:], "utf-8")
