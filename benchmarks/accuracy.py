"""Precision and recall of actor and demand extraction against hand annotations.

    python benchmarks/accuracy.py

tests/gold/<document>.json holds what a reader finds in each text: the persons it names,
the places it names, (paragraph, addressee) for every directive clause, and (for the seed
and B-9-2024-0216) every legal reference as (part, kind, article or instrument). Prints, per
document and in total, precision and recall for each of the three.
"""

from __future__ import annotations

import json
from pathlib import Path

from resgraph.extract.demands import speech_acts
from resgraph.pipeline import build_one

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
INPUTS = {
    "2022-2505-RSP-kazakhstan": ROOT / "seeds" / "2022-2505-RSP-kazakhstan.txt",
    **{p.stem: p for p in sorted((ROOT / "tests" / "corpus").glob("*.txt"))},
}


def predicted(path: Path) -> dict[str, set]:
    facts = build_one(path).facts
    names = {e.key: e.name for e in facts.entities}
    kinds = {e.key: e.kind for e in facts.entities}
    acts = speech_acts()
    return {
        "persons": {names[k] for k in names if kinds[k] == "person"},
        "places": {names[k] for k in names if kinds[k] == "place"},
        "addressees": {(d.part.label, names[a]) for d in facts.demands
                       if acts[d.act].type == "directive" for a in d.addressees},
        "references": {(_part_key(r.part), r.kind, r.article or r.instrument)
                       for r in facts.references},
    }


def _part_key(part) -> str:
    if hasattr(part, "kind"):
        return f"{part.kind} {part.label or part.order}"
    return f"footnote {part.number}"


def score(found: set, gold: set) -> tuple[int, int, int]:
    return len(found & gold), len(found), len(gold)


def ratio(a: int, b: int) -> str:
    return f"{a / b:6.1%}" if b else "   n/a"


def main() -> None:
    totals: dict[str, list[int]] = {
        k: [0, 0, 0] for k in ("persons", "places", "addressees", "references")
    }
    print(f"{'document':40} {'what':11} {'right':>5} {'found':>5} {'gold':>5} "
          f"{'precision':>9} {'recall':>7}")
    for stem, path in INPUTS.items():
        gold_file = GOLD / f"{stem}.json"
        if not gold_file.exists():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        found = predicted(path)
        for what in totals:
            if what not in gold:
                continue  # not annotated for this document
            truth = {tuple(x) if isinstance(x, list) else x for x in gold[what]}
            right, n_found, n_gold = score(found[what], truth)
            for i, v in enumerate((right, n_found, n_gold)):
                totals[what][i] += v
            print(f"{stem:40} {what:11} {right:5} {n_found:5} {n_gold:5} "
                  f"{ratio(right, n_found):>9} {ratio(right, n_gold):>7}")
            for miss in sorted(truth - found[what], key=str):
                print(f"{'':40}   missed: {miss}")
            for wrong in sorted(found[what] - truth, key=str):
                print(f"{'':40}   wrong:  {wrong}")
    for what, (right, n_found, n_gold) in totals.items():
        print(f"{'TOTAL':40} {what:11} {right:5} {n_found:5} {n_gold:5} "
              f"{ratio(right, n_found):>9} {ratio(right, n_gold):>7}")


if __name__ == "__main__":
    main()
