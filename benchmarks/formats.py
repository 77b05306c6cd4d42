"""Which documents resgraph reads exactly, in which format: a table anyone can rerun.

    python benchmarks/formats.py

It then reads the seed in every format (its text, and the hand-written fixtures of the EP's
XML, Formex and the OJ's HTML in tests/fixtures) and says whether each gives the text's parts.

For every document of the shared folder's corpus (../shared/corpus, or $RESGRAPH_SHARED) that
has a hand-annotated structure in tests/gold/structure.json, or whose text and PDF are both
there, it prints one row per file: the format, the time to read and parse it, and "exact"
when kind, procedure, document number, date and the counts of citations, recitals,
paragraphs, sub-headings, points and footnotes all equal the annotation (for a text/PDF pair
without an annotation: when both give the same parts). Otherwise it names what differs.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from markups import seed_formats

from resgraph import shared
from resgraph.errors import ResgraphError
from resgraph.parse import parse_resolution
from resgraph.text import read_source

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((ROOT / "tests" / "gold" / "structure.json").read_text("utf-8"))
KIND = {"motion for a resolution": "motion", "proposal for a decision": "decision",
        "draft legislative resolution": "draft-legislative-resolution"}


def structure(path: Path) -> tuple[dict[str, object], float]:
    t0 = time.perf_counter()
    r = parse_resolution(read_source(path))
    elapsed = time.perf_counter() - t0
    m = r.metadata
    return {
        "kind": m.kind, "procedure": m.procedure.reference,
        "document_number": m.document_number, "date": m.date,
        "citations": len(r.citations), "recitals": len(r.recitals),
        "paragraphs": len(r.paragraphs), "headings": len(r.headings),
        "points": sum(len(p.parts) for p in (*r.recitals, *r.paragraphs)),
        "footnotes": len(r.footnotes),
        "parts": [p.text for p in (*r.citations, *r.recitals, *r.paragraphs)],
        "footnote_texts": [(n.number, n.text) for n in r.footnotes],
    }, elapsed


def main() -> int:
    folder = shared.shared_folder(ROOT)
    try:
        files = [p for suffix in (".txt", ".pdf", ".html")
                 for p in shared.corpus_files(folder, suffix)]
    except shared.SharedMissing as missing:
        print(f"formats.py: {missing}", file=sys.stderr)
        return 2
    print(f"{'document':42} {'format':6} {'ms':>8}  verdict")
    results: dict[str, tuple[dict[str, object], float]] = {}
    for path in files:
        try:
            results[path.name] = structure(path)
        except ResgraphError as error:
            print(f"{path.name:42} {path.suffix[1:]:6} {'':>8}  refused: {error}")
    exact = 0
    for path in files:
        if path.name not in results:
            continue
        got, elapsed = results[path.name]
        gold = GOLD.get(path.name)
        twin = _twin(path, files)
        if gold is not None:
            expected = {**{k: gold[k] for k in got if k in gold}, "kind": KIND[gold["kind"]]}
            diffs = [f"{k} {got[k]!r} != {v!r}" for k, v in expected.items() if got[k] != v]
            verdict = "exact" if not diffs else "NOT exact: " + "; ".join(diffs)
        elif twin is not None and twin.name in results:
            # Counts of these are asserted in tests/test_parse.py; here: do both formats agree?
            diffs = [] if results[twin.name][0]["parts"] == got["parts"] else ["parts differ"]
            verdict = (f"same parts as {twin.name}" if not diffs
                       else f"NOT the same parts as {twin.name}")
        else:
            print(f"{path.name:42} {path.suffix[1:]:6} {elapsed * 1000:8.1f}  (no annotation)")
            continue
        exact += not diffs
        print(f"{path.name:42} {path.suffix[1:]:6} {elapsed * 1000:8.1f}  {verdict}")
    print(f"{exact} of {len(files)} files exact or the same as their other format")
    print()
    _seed_in_every_format()
    return 0


def _seed_in_every_format() -> None:
    """The seed's hand-written markups (tests/fixtures) against the seed's text: the same
    parts and footnotes, word for word (tests/test_markup.py compares the whole graphs)."""
    print(f"{'the seed, in':42} {'format':6} {'ms':>8}  verdict")
    with tempfile.TemporaryDirectory() as folder:
        formats = seed_formats(Path(folder))
        reference, _ = structure(formats[0][1])
        same = 0
        for label, path in formats:
            got, elapsed = structure(path)
            agree = all(got[k] == reference[k] for k in ("parts", "footnote_texts", "procedure"))
            same += agree
            verdict = "reference" if path == formats[0][1] else (
                "same parts and footnotes as the text" if agree else "NOT the same as the text")
            print(f"{label:42} {path.suffix[1:]:6} {elapsed * 1000:8.1f}  {verdict}")
    print(f"{same} of {len(formats)} formats of the seed give the text's parts")


def _twin(path: Path, files: list[Path]) -> Path | None:
    """The same document in another format: its name starts with the other's name, as
    A-9-2024-0071-motion.txt (the section) and A-9-2024-0071.pdf (the whole report) do."""
    return next((f for f in files if f.suffix != path.suffix
                 and (f.stem.startswith(path.stem) or path.stem.startswith(f.stem))), None)

if __name__ == "__main__":
    sys.exit(main())
