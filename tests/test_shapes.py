"""SHACL shapes: every graph resgraph builds conforms; broken graphs fail on the right shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from resgraph.pipeline import build_one
from resgraph.serialize import serialize
from resgraph.validate import Report, validate_files

from conftest import SEED, SEED_IRI, corpus

RG = "https://w3id.org/resgraph/ontology#"
GRAPH = f"<{SEED_IRI}/graph>"


def _found(report: Report) -> set[tuple[str, str, str, str | None, str, str | None]]:
    # the messages the engines make up themselves differ in wording; what was found may not
    return {(v.graph, v.focus, v.shape, v.path, v.severity, v.value) for v in report.violations}


def validate_both(paths: list[Path]) -> Report:
    """The report of pyshacl-turbo (resgraph's default engine), which pySHACL, the reference
    engine, must give too: the same violations, one by one."""
    turbo = validate_files(paths, engine="turbo")
    reference = validate_files(paths, engine="pyshacl")
    assert _found(reference) == _found(turbo)
    assert reference.graphs == turbo.graphs and reference.conforms == turbo.conforms
    return turbo


@pytest.mark.parametrize(
    "name",
    ["seed", "B-9-2024-0216.txt", "B-9-2024-0218.pdf", "A-9-2024-0071-motion.txt",
     "A-9-2023-0004.pdf"],
)
def test_built_graphs_conform(tmp_path: Path, name: str) -> None:
    path = SEED if name == "seed" else corpus(name)
    out = tmp_path / "g.nq"
    out.write_bytes(serialize(build_one(path).quads, "nquads"))
    report = validate_both([out])
    assert report.violations == ()
    assert report.conforms


def _broken(tmp_path: Path, seed_built, drop: str = "", add: str = "") -> Path:
    lines = serialize(seed_built.quads, "nquads").decode("utf-8").splitlines()
    kept = [ln for ln in lines if not (drop and drop in ln)]
    assert len(kept) < len(lines) or not drop, f"nothing matched {drop!r}"
    path = tmp_path / "broken.nq"
    path.write_text("\n".join(kept + ([add] if add else [])) + "\n", encoding="utf-8")
    return path


# (what to drop, what to add, expected shape, expected path, focus node)
BROKEN = [
    (f"<{SEED_IRI}> <http://purl.org/dc/terms/title>", "", "rgsh:ResolutionShape",
     "dcterms:title", SEED_IRI),
    (f"<{SEED_IRI}/paragraph/4> <{RG}text>", "", "rgsh:PartShape", "rg:text",
     f"{SEED_IRI}/paragraph/4"),
    ("", f'<{SEED_IRI}/recital/B> <{RG}label> "b2" {GRAPH} .', "rgsh:RecitalShape", "rg:label",
     f"{SEED_IRI}/recital/B"),
    ("", f'<{SEED_IRI}> <{RG}procedureReference> "2022/2505" {GRAPH} .',
     "rgsh:ResolutionShape", "rg:procedureReference", SEED_IRI),
    (f"<{SEED_IRI}/footnote/3> <{RG}anchor>", "", "rgsh:FootnoteShape", "rg:anchor",
     f"{SEED_IRI}/footnote/3"),
    ("", f'<{SEED_IRI}/paragraph/2> <{RG}start> "x" {GRAPH} .', "rgsh:PartShape", "rg:start",
     f"{SEED_IRI}/paragraph/2"),
    ("", f'<{SEED_IRI}> <http://purl.org/dc/terms/date> "2022-02-30"^^'
     f'<http://www.w3.org/2001/XMLSchema#date> {GRAPH} .', "rgsh:ResolutionShape",
     "dcterms:date", SEED_IRI),
]


@pytest.mark.parametrize(("drop", "add", "shape", "path", "focus"), BROKEN)
def test_broken_graph_fails_on_expected_shape(tmp_path, seed_built, drop, add, shape, path,
                                              focus) -> None:
    report = validate_both([_broken(tmp_path, seed_built, drop, add)])
    assert not report.conforms
    assert any(v.shape == shape and v.path == path and v.focus == focus
               for v in report.violations), report.violations


def test_span_that_does_not_slice_back_is_caught(tmp_path, seed_built) -> None:
    """The SPARQL constraint checks that cleanText[start:end] is the part's text."""
    lines = serialize(seed_built.quads, "nquads").decode("utf-8").splitlines()
    target = f"<{SEED_IRI}/recital/C> <{RG}start> "
    shifted = []
    for ln in lines:
        if ln.startswith(target):
            value = int(ln.split('"')[1])
            ln = ln.replace(f'"{value}"', f'"{value + 1}"')
        shifted.append(ln)
    path = tmp_path / "shifted.nq"
    path.write_text("\n".join(shifted) + "\n", encoding="utf-8")
    report = validate_both([path])
    assert [(v.focus, v.shape) for v in report.violations] == [
        (f"{SEED_IRI}/recital/C", "rgsh:PartShape")
    ]
    assert "cleanText" in report.violations[0].message


def test_mention_quote_that_does_not_match_is_caught(tmp_path, seed_built) -> None:
    lines = serialize(seed_built.quads, "nquads").decode("utf-8").splitlines()
    quote = f"<{SEED_IRI}/recital/F/mention/2/quote> <http://www.w3.org/ns/oa#exact> "
    assert any(ln.startswith(quote) for ln in lines)
    tampered = [ln.replace("Kassym-Jomart", "Kasym-Jomart") if ln.startswith(quote) else ln
                for ln in lines]
    path = tmp_path / "tampered.nq"
    path.write_text("\n".join(tampered) + "\n", encoding="utf-8")
    report = validate_both([path])
    assert [(v.focus, v.shape) for v in report.violations] == [
        (f"{SEED_IRI}/recital/F/mention/2/target", "rgsh:SpecificResourceShape")
    ]


def test_demand_without_act_fails(tmp_path, seed_built) -> None:
    path = _broken(tmp_path, seed_built,
                   drop=f"<{SEED_IRI}/paragraph/4/demand/2> <{RG}act> ")
    report = validate_both([path])
    assert any(v.focus == f"{SEED_IRI}/paragraph/4/demand/2" and v.shape == "rgsh:DemandShape"
               and v.path == "rg:act" for v in report.violations)


EVENT = f"{SEED_IRI}/recital/C/event/2"
FIGURE = f"{SEED_IRI}/recital/M/figure/1"
XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.mark.parametrize(("drop", "add", "shape", "path", "focus"), [
    # an event date must be a day, a month or a year, typed as such
    (f"<{EVENT}> <{RG}eventDate>", f'<{EVENT}> <{RG}eventDate> "2011-xx"^^<{XSD}string> '
     f"{GRAPH} .", "rgsh:EventShape", "rg:eventDate", EVENT),
    (f"<{EVENT}> <{RG}eventType>", "", "rgsh:EventShape", "rg:eventType", EVENT),
    (f"<{EVENT}> <{RG}background>", "", "rgsh:EventShape", "rg:background", EVENT),
    (f"<{FIGURE}> <{RG}counts>", "", "rgsh:FigureShape", "rg:counts", FIGURE),
    (f"<{FIGURE}> <{RG}outOf>", "", "rgsh:RankShape", "rg:outOf", FIGURE),
])
def test_broken_events_and_figures_fail(tmp_path, seed_built, drop, add, shape, path,
                                        focus) -> None:
    report = validate_both([_broken(tmp_path, seed_built, drop, add)])
    assert any(v.shape == shape and v.path == path and v.focus == focus
               for v in report.violations), report.violations


def test_event_range_ending_before_it_starts_fails(tmp_path, seed_built) -> None:
    event = f"{SEED_IRI}/citation/3/event/2"  # 2 and 3 December 2021
    path = _broken(tmp_path, seed_built, drop=f"<{event}> <{RG}eventEndDate>",
                   add=f'<{event}> <{RG}eventEndDate> "2021-12-01"^^<{XSD}date> {GRAPH} .')
    report = validate_both([path])
    assert [(v.focus, v.shape) for v in report.violations] == [(event, "rgsh:EventShape")]
