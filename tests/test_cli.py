"""The command line, through click's runner, as a user would type it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from resgraph.cli import main

from conftest import REPO, SEED_IRI, corpus


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "out"
    result = CliRunner().invoke(main, ["build", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_build_defaults_to_the_seed_and_summarises(built: Path) -> None:
    result = CliRunner().invoke(main, ["build", "-o", str(built)])
    assert result.exit_code == 0
    assert "2022/2505(RSP) European Parliament resolution on the situation in Kazakhstan" in (
        result.output)
    assert ("10 citations, 18 recitals, 27 paragraphs, 0 points/indents, 0 headings, "
            "5 footnotes") in result.output
    assert SEED_IRI in result.output
    assert (built / "resgraph.nq").is_file() and (built / "store").is_dir()


def test_validate_exit_codes(built: Path, tmp_path: Path) -> None:
    ok = CliRunner().invoke(main, ["validate", "-o", str(built)])
    assert ok.exit_code == 0, ok.output
    assert ok.output.strip() == "1 graph conforms"
    broken = tmp_path / "broken.nq"
    broken.write_text("\n".join(
        ln for ln in (built / "resgraph.nq").read_text("utf-8").splitlines()
        if "/paragraph/7> <https://w3id.org/resgraph/ontology#order>" not in ln) + "\n")
    bad = CliRunner().invoke(main, ["validate", str(broken)])
    assert bad.exit_code == 1
    assert f"Violation: {SEED_IRI}/paragraph/7 [rgsh:PartShape rg:order]" in bad.output
    missing = CliRunner().invoke(main, ["validate", str(tmp_path / "none.nq")])
    assert missing.exit_code == 2
    assert "no such file" in missing.output


def test_query_formats(built: Path) -> None:
    store = str(built / "store")
    as_json = CliRunner().invoke(main, ["query", "recitals", "--store", store, "--format",
                                        "json"])
    assert as_json.exit_code == 0
    data = json.loads(as_json.output)
    assert [r["label"] for r in data][:3] == ["A", "B", "C"]
    as_csv = CliRunner().invoke(main, ["query", "footnotes", "--store", store, "--format", "csv"])
    lines = as_csv.output.splitlines()
    assert lines[0] == "resolution,footnote,number,text,anchor"
    assert lines[2] == (f"{SEED_IRI},{SEED_IRI}/footnote/2,2,\"OJ C 23, 21.1.2021, p. 83.\","
                        f"{SEED_IRI}/citation/1")
    table = CliRunner().invoke(main, ["query", "paragraphs", str(built / "resgraph.nq")])
    assert table.exit_code == 0
    lines = table.output.splitlines()
    assert len(lines) == 2 + 27 + 2  # header, rule, the paragraphs, a blank line, the prefixes
    assert lines[-1] == "prefixes: id: <https://w3id.org/resgraph/id/>"
    assert lines[2].split()[:4] == ["id:2022-2505-RSP/joint-motion",
                                    "id:2022-2505-RSP/joint-motion/paragraph/1", "1", "Deeply"]


def test_tables_fit_the_width_without_cutting_an_iri(built: Path) -> None:
    args = ["query", "demands", "--store", str(built / "store"), "--param", "limit=5"]
    narrow = CliRunner().invoke(main, [*args, "--width", "160"])
    lines = narrow.output.splitlines()
    assert lines[0].split() == ["resolution", "demand", "paragraph", "act", "actType",
                                "addressee", "addresseeName", "action"]
    assert 150 <= max(len(line) for line in lines[:7]) <= 160
    assert "id:2022-2505-RSP/joint-motion/paragraph/1/demand/1" in lines[2]
    assert "…" in lines[2]  # the action, cut
    tiny = CliRunner().invoke(main, [*args, "--width", "10"]).output.splitlines()
    assert "…" in tiny[2] and {len(c.strip()) for c in tiny[2].split("  ") if "…" in c} == {8}
    whole = CliRunner().invoke(main, [*args, "--full-iris", "--width", "0"])
    first = whole.output.splitlines()[2]
    assert first.split()[:4] == [SEED_IRI, f"{SEED_IRI}/paragraph/1/demand/1", "1", "regrets"]
    assert "…" not in whole.output and "prefixes:" not in whole.output


def test_query_parameters(built: Path) -> None:
    args = ["query", "paragraphs", "--store", str(built / "store"), "--format", "tsv"]
    one = CliRunner().invoke(main, [*args, "--param", f"resolution={SEED_IRI}"])
    assert len(one.output.splitlines()) == 28
    none = CliRunner().invoke(main, [*args, "--param", "resolution=https://example.org/x"])
    assert none.output.splitlines() == ["resolution\tparagraph\tnumber\ttext"]
    bad = CliRunner().invoke(main, [*args, "--param", "resolution"])
    assert bad.exit_code == 2 and "expected KEY=VALUE" in bad.output


def test_queries_lists_descriptions() -> None:
    result = CliRunner().invoke(main, ["queries"])
    lines = result.output.splitlines()
    names = [line.split()[0] for line in lines[:-1]]
    assert names == ["cellar-acts", "citations", "citing-resolutions", "demand-targets",
                     "demands-over-time", "demands", "events", "figures", "footnotes",
                     "legal-references", "mentions", "odp-part-sessions", "organisations",
                     "paragraphs", "persons-across", "persons", "places", "recitals",
                     "repeated-demands", "resolutions", "wikidata-entities"]
    assert lines[-1] == "Every query also takes limit and offset (whole numbers) to page its rows."


def test_parse_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", "--json", str(corpus("B-9-2024-0218.txt"))])
    data = json.loads(result.output)
    assert data["metadata"]["procedure"] == "2024/2694(DEA)"
    assert len(data["recitals"]) == 22
    assert data["footnotes"][3]["anchor"] == {"kind": "recital", "label": "J", "order": 10}


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary"),
        (b"Dear colleagues,\nplease find attached the agenda.\n", "not an EP resolution"),
    ],
)
def test_bad_input_one_line_exit_2_no_output(tmp_path: Path, content: bytes,
                                             fragment: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("resgraph: error: ")
    assert str(bad) in lines[0] and fragment in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists()  # nothing written


def test_one_bad_file_among_good_ones_is_listed_and_the_rest_built(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus("B-9-2024-0216.txt")),
                                       str(tmp_path / "missing.pdf"), "-o", str(out)])
    assert result.exit_code == 1  # some inputs failed
    assert f"failed: {tmp_path / 'missing.pdf'}: no such file" in result.output
    assert "Traceback" not in result.output
    assert (out / "2024-2686-DEA_B-9-2024-0216.ttl").is_file()
    assert [r["graph"] for r in json.loads((out / "manifest.json").read_text())[
        "resolutions"]] == ["https://w3id.org/resgraph/id/2024-2686-DEA/B-9-2024-0216/graph"]


def test_strict_stops_at_the_first_bad_file_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(corpus("B-9-2024-0216.txt")),
                                       str(tmp_path / "missing.pdf"), "-o", str(out),
                                       "--strict"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines == [f"resgraph: error: {tmp_path / 'missing.pdf'}: no such file"]
    assert not out.exists() and list(tmp_path.glob(".out.building-*")) == []


def test_same_resolution_twice_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(corpus("B-9-2024-0216.txt")),
                                       str(corpus("B-9-2024-0216.pdf")), "-o",
                                       str(tmp_path / "o")])
    assert result.exit_code == 1
    assert (f"failed: {corpus('B-9-2024-0216.pdf')}: is the same document as "
            f"{corpus('B-9-2024-0216.txt')}") in result.output


def test_every_command_has_help() -> None:
    assert set(main.commands) >= {"build", "validate", "query", "queries", "parse", "push",
                                  "export", "fetch", "timeline"}
    for command in main.commands:
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert len(result.output.splitlines()) > 4, command


def test_readme_documents_every_command() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    for command in (f"resgraph {name}" for name in main.commands):
        assert command in readme, command


def _one_line(result) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def test_ordinary_io_problems_are_one_line_not_internal_errors(built: Path,
                                                                tmp_path: Path) -> None:
    """A missing folder for an output, a file where a folder is expected, a missing shapes
    file: each named, exit 2, nothing written."""
    store = str(built / "store")
    cases = [
        (["timeline", "--store", store, "-o", str(tmp_path / "missing/dir/t.svg")],
         f"resgraph: error: {tmp_path / 'missing/dir/t.svg'}: cannot write (No such file or "
         "directory)"),
        (["validate", "--shapes", str(tmp_path / "missing.ttl"), str(built / "resgraph.nq")],
         f"resgraph: error: --shapes {tmp_path / 'missing.ttl'}: no such file"),
    ]
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    cases.append((["build", "-o", str(blocker / "out")],
                   f"resgraph: error: {blocker / 'out'}: cannot create the output directory "
                   f"({blocker} is a file, not a directory)"))
    for args, message in cases:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert _one_line(result) == message
    assert not (tmp_path / "missing").exists()


def test_validate_refuses_shapes_that_are_not_shapes_and_graphs_without_a_resolution(
        built: Path, tmp_path: Path) -> None:
    no_shapes = tmp_path / "plain.ttl"
    no_shapes.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n", "utf-8")
    result = CliRunner().invoke(main, ["validate", "--shapes", str(no_shapes),
                                       str(built / "resgraph.nq")])
    assert result.exit_code == 2
    assert _one_line(result) == (f"resgraph: error: --shapes {no_shapes}: holds no SHACL "
                                 "shapes (no sh:NodeShape, sh:PropertyShape or target)")
    bad_turtle = tmp_path / "bad.ttl"
    bad_turtle.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle\n")
    result = CliRunner().invoke(main, ["validate", "--shapes", str(bad_turtle),
                                       str(built / "resgraph.nq")])
    assert result.exit_code == 2 and _one_line(result).startswith(
        f"resgraph: error: --shapes {bad_turtle}: not valid Turtle")
    other = tmp_path / "other.nt"
    other.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    result = CliRunner().invoke(main, ["validate", str(other)])
    assert result.exit_code == 2
    assert _one_line(result) == (f"resgraph: error: {other}: no rg:Resolution in it, so "
                                 "nothing for resgraph's shapes to check")


@pytest.mark.parametrize("args", [["queries"], ["query", "mentions", "--format", "json"]])
def test_output_piped_into_a_reader_that_has_gone(built: Path, args: list[str]) -> None:
    """`resgraph queries | head -c 1`: the reader gone before the output is written (its end
    of the pipe closed as soon as the command starts) is no error to report."""
    import subprocess
    import sys

    if args[0] == "query":
        args = [*args, "--store", str(built / "store")]
    process = subprocess.Popen([sys.executable, "-m", "resgraph.cli", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    errors = process.stderr.read().decode("utf-8")
    assert (process.wait(timeout=60), errors) == (141, "")


@pytest.mark.parametrize("param, message", [
    ("resolution=IRI", "resgraph: error: resolution=IRI: not an IRI; expected an absolute IRI "
     "such as https://w3id.org/resgraph/id/2022-2505-RSP/joint-motion (resgraph queries lists "
     "what each query takes)"),
    (f"resolution=<{SEED_IRI}>", f"resgraph: error: resolution=<{SEED_IRI}>: give the IRI "
     f"without angle brackets: resolution={SEED_IRI}"),
    ("resolution=", "resgraph: error: resolution=: empty; give a value or leave resolution out"),
    ("resolution=joint motion", "resgraph: error: resolution=joint motion: not an IRI; "
     "expected an absolute IRI such as https://w3id.org/resgraph/id/2022-2505-RSP/joint-motion "
     "(resgraph queries lists what each query takes)"),
    ("colour=red", "resgraph: error: query 'demands' has no parameter 'colour' (it accepts: "
     "resolution, limit, offset)"),
    ("limit=ten", "resgraph: error: limit='ten': expected a whole number of rows, such as 100"),
])
def test_params_are_checked_before_anything_runs(built: Path, param: str, message: str) -> None:
    result = CliRunner().invoke(main, ["query", "demands", "--store", str(built / "store"),
                                       "--param", param])
    assert result.exit_code == 2
    assert _one_line(result) == message


def test_a_param_given_twice_is_refused(built: Path) -> None:
    result = CliRunner().invoke(main, ["query", "demands", "--store", str(built / "store"),
                                       "--param", f"resolution={SEED_IRI}",
                                       "--param", f"resolution={SEED_IRI}/x"])
    assert result.exit_code == 2
    assert _one_line(result) == ("resgraph: error: --param resolution: given more than once "
                                 "(one value each)")
    right = CliRunner().invoke(main, ["query", "demands", "--store", str(built / "store"),
                                      "--param", f"resolution={SEED_IRI}", "--format", "csv"])
    assert right.exit_code == 0 and len(right.output.splitlines()) == 73  # header + rows
