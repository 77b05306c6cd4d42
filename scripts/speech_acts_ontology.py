"""Rewrite the speech-act concepts of ontology/resgraph.ttl from their sources,
src/resgraph/data/speech_acts.json and the English forms in src/resgraph/lang/en/acts.json
(tests/test_graph.py checks that they agree).

    python scripts/speech_acts_ontology.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "resgraph.ttl"
ACTS = ROOT / "src" / "resgraph" / "data" / "speech_acts.json"
FORMS = ROOT / "src" / "resgraph" / "lang" / "en" / "acts.json"


def concept(act: dict, forms: list[str]) -> str:
    lines = [f"rg:act-{act['id']} a skos:Concept , rg:SpeechAct ;",
             "    skos:inScheme rg:SpeechActs ;",
             f'    skos:prefLabel "{act["label"]}"@en ;',
             f'    rdfs:label "{act["label"]}"@en ;',
             f'    skos:notation "{act["id"]}" ;',
             f'    rg:actType "{act["type"]}" ;']
    lines += [f'    skos:altLabel "{form}"@en ;' for form in forms if form != act["label"]]
    if act.get("strength") is not None:
        lines.append(f"    rg:strength {act['strength']} ;")
    lines[-1] = lines[-1][:-2] + " ."
    return "\n".join(lines)


def main() -> None:
    text = ONTOLOGY.read_text("utf-8")
    start = text.index("rg:act-")
    end = re.compile(r"\n(?!rg:act-|    )").search(text, start).start() + 1
    acts = json.loads(ACTS.read_text("utf-8"))["acts"]
    forms = json.loads(FORMS.read_text("utf-8"))["forms"]
    concepts = "\n".join(concept(act, forms[act["id"]]) for act in acts)
    ONTOLOGY.write_text(text[:start] + concepts + "\n" + text[end:], "utf-8")
    print(f"{ONTOLOGY}: {len(acts)} speech acts")


if __name__ == "__main__":
    main()
