"""Precision and recall of extraction against hand annotations.

    python benchmarks/accuracy.py

tests/gold/<document>.json holds what a reader finds in each text: the persons it names,
the places it names, (paragraph, addressee) for every directive clause, and (for the seed
and B-9-2024-0216) every legal reference as (part, kind, article or instrument), every event
as (part first stating it, type, date or null) and every figure as (part, value). Prints,
per document and in total, precision and recall for each; "events" counts all events,
"dated" only those the gold dates. Events and figures are scored as multisets: a part can
hold two undated killings.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from resgraph import shared
from resgraph.extract.demands import speech_acts
from resgraph.pipeline import build_one

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SEED = {"2022-2505-RSP-kazakhstan": ROOT / "seeds" / "2022-2505-RSP-kazakhstan.txt"}


def inputs() -> dict[str, Path]:
    """The seed and the corpus texts of the shared folder (never copied into the repository);
    without the folder, the seed alone, said on stderr."""
    try:
        folder = shared.shared_folder(ROOT)
        corpus = [p for suffix in (".txt", ".html", ".pdf")
                  for p in shared.corpus_files(folder, suffix)]
    except shared.SharedMissing as missing:
        print(f"accuracy.py: the seed only: {missing}", file=sys.stderr)
        corpus = []
    # A document annotated in one format is scored in that format (the PDF of a report whose
    # text section is annotated has its own stem, and no gold of its own).
    return {**SEED, **{p.stem: p for p in corpus}}


def predicted(path: Path) -> dict[str, Counter]:
    facts = build_one(path).facts
    names = {e.key: e.name for e in facts.entities}
    kinds = {e.key: e.kind for e in facts.entities}
    acts = speech_acts()
    # An organisation is known by its name and by every form it is printed in.
    printed: dict[str, set[str]] = {k: {names[k].casefold()} for k in names}
    for m in facts.mentions:
        printed[m.entity].add(m.text.casefold())
    events = Counter((_part_key(e.part), e.type, e.date) for e in facts.events)
    return {
        "persons": Counter({names[k] for k in names if kinds[k] == "person"}),
        "places": Counter({names[k] for k in names if kinds[k] == "place"}),
        "addressees": Counter({(d.part.label, names[a]) for d in facts.demands
                               if acts[d.act].type == "directive" for a in d.addressees}),
        "references": Counter({(_part_key(r.part), r.kind, r.article or r.instrument)
                               for r in facts.references}),
        "events": events,
        "dated": Counter({k: n for k, n in events.items() if k[2]}),
        "figures": Counter((_part_key(f.part), f.value) for f in facts.figures),
        "organisations": Counter({frozenset(printed[k]) for k in names
                                  if kinds[k] == "organisation"}),
        "acts": Counter((d.part.label, acts[d.act].label) for d in facts.demands
                        if not d.inherited),
    }


MULTISETS = ("events", "dated", "figures", "acts")


def _part_key(part) -> str:
    if hasattr(part, "kind"):
        return f"{part.kind} {part.label or part.order}"
    return f"footnote {part.number}"


def score(found: Counter, gold: Counter) -> tuple[int, int, int]:
    return (found & gold).total(), found.total(), gold.total()


def score_organisations(found: Counter, gold: list[list[str]]) -> tuple[int, int, int, list,
                                                                         list]:
    """Gold names organisations as printed at their first mention; an extracted one matches
    when that form is its name or one of the forms it was found in."""
    names = {name.casefold() for _, name in gold}
    right = sum(1 for forms in found if forms & names)
    missed = sorted(n for n in names if not any(n in forms for forms in found))
    wrong = sorted(min(forms) for forms in found if not forms & names)
    return right, found.total(), len(names), missed, wrong


def ratio(a: int, b: int) -> str:
    return f"{a / b:6.1%}" if b else "   n/a"


def main() -> None:
    totals: dict[str, list[int]] = {
        k: [0, 0, 0] for k in ("persons", "places", "organisations", "addressees", "acts",
                               "references", "events", "dated", "figures")
    }
    print(f"{'document':40} {'what':13} {'right':>5} {'found':>5} {'gold':>5} "
          f"{'precision':>9} {'recall':>7}")
    for stem, path in inputs().items():
        gold_file = GOLD / f"{stem}.json"
        if not gold_file.exists():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        found = predicted(path)
        if "events" in gold:
            gold["dated"] = [e for e in gold["events"] if e[2]]
        for what in totals:
            if what not in gold:
                continue  # not annotated for this document
            if what == "organisations":
                right, n_found, n_gold, missed, wrongs = score_organisations(
                    found[what], gold[what])
            else:
                items = [tuple(x) if isinstance(x, list) else x for x in gold[what]]
                truth = Counter(items if what in MULTISETS else set(items))
                right, n_found, n_gold = score(found[what], truth)
                missed = sorted((truth - found[what]).elements(), key=str)
                wrongs = sorted((found[what] - truth).elements(), key=str)
            for i, v in enumerate((right, n_found, n_gold)):
                totals[what][i] += v
            print(f"{stem:40} {what:13} {right:5} {n_found:5} {n_gold:5} "
                  f"{ratio(right, n_found):>9} {ratio(right, n_gold):>7}")
            for miss in missed:
                print(f"{'':40}   missed: {miss}")
            for wrong in wrongs:
                print(f"{'':40}   wrong:  {wrong}")
    for what, (right, n_found, n_gold) in totals.items():
        print(f"{'TOTAL':40} {what:13} {right:5} {n_found:5} {n_gold:5} "
              f"{ratio(right, n_found):>9} {ratio(right, n_gold):>7}")


if __name__ == "__main__":
    main()
