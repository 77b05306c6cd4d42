"""Rewrite the speech-act concepts of ontology/resgraph.ttl from their sources,
src/resgraph/data/speech_acts.json and the English forms in src/resgraph/lang/en/acts.json
(tests/test_graph.py checks that they agree).

    python scripts/speech_acts_ontology.py
"""

from __future__ import annotations

import json

import concepts

ACTS = concepts.ROOT / "src" / "resgraph" / "data" / "speech_acts.json"
FORMS = concepts.ROOT / "src" / "resgraph" / "lang" / "en" / "acts.json"


def definition(act: dict, strongest: int) -> str:
    """What the act is, from its class (speech_acts.json's description of the classes)."""
    opening = f"The act of an operative clause that opens with '{act['label']}'"
    if act["type"] == "directive":
        asked = "asks its addressees to act" if act.get("addressee") else "asks for action"
        return (f"{opening}: the Parliament {asked}, a directive act of strength "
                f"{act['strength']} on a scale of 1 to {strongest}.")
    if act["type"] == "expressive":
        return f"{opening}: the Parliament states its position, an expressive act."
    return f"{opening}: the Parliament itself decides, a decision act."


def concept(act: dict, forms: list[str], strongest: int) -> str:
    more = [f'rg:actType "{act["type"]}"']
    more += [f'skos:altLabel "{form}"@en' for form in forms if form != act["label"]]
    if act.get("strength") is not None:
        more.append(f"rg:strength {act['strength']}")
    return concepts.concept(f"rg:act-{act['id']}", "rg:SpeechAct", "rg:SpeechActs",
                            act["label"], definition(act, strongest), act["id"], more)


def main() -> None:
    acts = json.loads(ACTS.read_text("utf-8"))["acts"]
    forms = json.loads(FORMS.read_text("utf-8"))["forms"]
    strongest = max(a["strength"] for a in acts if a.get("strength") is not None)
    concepts.rewrite("rg:act-", [concept(act, forms[act["id"]], strongest) for act in acts],
                     "\n")
    print(f"{concepts.ONTOLOGY}: {len(acts)} speech acts")


if __name__ == "__main__":
    main()
