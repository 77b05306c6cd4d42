"""Facts round-trip through JSON: parts by their printed paths, words by offsets."""

from __future__ import annotations

import json

import pytest

from resgraph.extract.records import RecordError, facts_from_json, facts_to_json
from resgraph.pipeline import build_one

from conftest import SEED, corpus


@pytest.mark.parametrize("name", ["seed", "B-9-2024-0216.txt", "A-9-2024-0071-motion.txt"])
def test_facts_round_trip_through_json(name: str) -> None:
    built = build_one(SEED if name == "seed" else corpus(name))
    text = json.dumps(facts_to_json(built.facts), sort_keys=True)
    back = facts_from_json(json.loads(text), built.resolution)
    assert back == built.facts


def test_a_record_names_parts_by_their_printed_path(seed_built) -> None:
    record = facts_to_json(seed_built.facts)
    paths = {tuple(m["part"]) for m in record["mentions"]}
    assert ("paragraph", "4") in paths and ("recital", "O") in paths
    demand = next(d for d in record["demands"] if d["part"] == ["paragraph", "27"])
    assert demand["act"] == "instructs"
    note_refs = [r for r in record["references"] if r["part"][0] == "footnote"]
    assert note_refs[0]["part"] == ["footnote", "1"]


def test_a_record_for_another_document_is_refused(seed_built) -> None:
    record = facts_to_json(seed_built.facts)
    record["mentions"][0]["part"] = ["paragraph", "99"]
    with pytest.raises(RecordError, match="'paragraph 99', which the document does not have"):
        facts_from_json(record, seed_built.resolution)


def test_a_missing_extraction_step_fails_when_the_steps_are_checked() -> None:
    from resgraph.extract import STEPS, check_steps

    check_steps(STEPS)  # the shipped order holds
    without_references = tuple(s for s in STEPS if s.name != "legal references")
    with pytest.raises(ImportError, match=r"'actors outside instrument names' needs "
                                          r"\['references'\], which no earlier step makes"):
        check_steps(without_references)
    with pytest.raises(ImportError, match=r"no extraction step makes \['events', 'figures'\]"):
        check_steps(STEPS[:-1])
