"""A corpus build (issue 12): streaming and parallel, incremental, the output directory as a
unit. Real processes: the interrupt and concurrency tests run `resgraph build` as a user
would and signal it."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from resgraph.cli import main
from resgraph.corpus import NothingBuilt, build_corpus
from resgraph.errors import StoreError
from resgraph.store import query_store

from conftest import REPO, SEED, corpus

sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import variants

if TYPE_CHECKING:
    import pyoxigraph as ox

BASE = "https://w3id.org/resgraph/id/"
ALL = ("nquads", "trig", "jsonld", "turtle", "ntriples", "rdfxml")


def _texts() -> list[Path]:
    return [SEED, corpus("B-9-2024-0216.txt"), corpus("B-9-2024-0218.txt")]


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def _build(sources, out: Path, **options):
    return build_corpus(sources, out, base=BASE, formats=options.pop("formats", ALL),
                        **options)


def test_one_worker_or_two_write_the_same_bytes(tmp_path: Path) -> None:
    one = _build(_texts(), tmp_path / "one", jobs=1, store=False)
    two = _build(_texts(), tmp_path / "two", jobs=2, store=False)
    assert (one.resolutions, one.built, one.triples) == (3, 3, two.triples)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    manifest = json.loads((tmp_path / "two" / "manifest.json").read_text())
    assert [r["stem"] for r in manifest["resolutions"]] == [
        "2022-2505-RSP_joint-motion", "2024-2686-DEA_B-9-2024-0216",
        "2024-2694-DEA_B-9-2024-0218"]


def test_a_corpus_file_is_its_graphs_in_iri_order(tmp_path: Path) -> None:
    """resgraph.nq is each graph's sorted lines, graph after graph; TriG and JSON-LD hold
    every graph once."""
    _build(list(reversed(_texts())), tmp_path / "o", jobs=2, store=False)
    lines = (tmp_path / "o" / "resgraph.nq").read_bytes().splitlines()
    graphs = [line.rsplit(b" ", 2)[-2] for line in lines]
    assert graphs == sorted(graphs)
    trig = (tmp_path / "o" / "resgraph.trig").read_text()
    assert trig.count("/graph> {") == 3 and trig.count("/corpus/across> {") == 1
    document = json.loads((tmp_path / "o" / "resgraph.jsonld").read_text())
    assert [g["@id"].rsplit("/", 1)[-1] for g in document["@graph"]] == [
        "graph", "graph", "graph", "across"]  # the three texts share one demand, not a person


def test_a_rebuild_converts_only_what_changed_and_leaves_nothing_stale(tmp_path: Path) -> None:
    sources = variants([SEED], tmp_path / "in", 3)
    out = tmp_path / "out"
    first = _build(sources, out, jobs=1)
    assert (first.built, first.reused) == (3, 0)
    again = _build(sources, out, jobs=1)
    assert (again.built, again.reused) == (0, 3)
    # one input changed, one dropped: one conversion, and the dropped one's files are gone
    sources[0].write_text(sources[0].read_text() + "\n", "utf-8")
    dropped = _build(sources[:2], out, jobs=1)
    assert (dropped.built, dropped.reused, dropped.resolutions) == (1, 1, 2)
    stems = sorted(p.stem for p in out.glob("*.ttl"))
    assert stems == ["2022-5000-RSP_joint-motion", "2022-5001-RSP_joint-motion"]
    assert sorted(p.name for p in (out / ".parts").iterdir()) == [
        f"2022-500{n}-RSP_joint-motion.{ext}" for n in (0, 1)
        for ext in ("across.json", "jsonld", "nq", "trig")]
    rows = query_store(out / "store", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g {"
                                      " ?r a <https://w3id.org/resgraph/ontology#Resolution> }}")
    assert rows.rows == (("2",),)
    assert list(tmp_path.glob(".out.*-*")) == []


def test_another_build_holding_the_lock_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with open(tmp_path / ".out.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(StoreError, match=r"another resgraph build is writing it"):
            _build([SEED], out, jobs=1)
    assert not out.exists()


def test_an_interrupted_build_leaves_the_previous_output_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build([SEED], out, jobs=1, formats=("nquads",))
    before = _files(out)

    def interrupt(outcome) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _build(_texts(), out, jobs=1, formats=("nquads",), on_outcome=interrupt)
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]


def test_every_input_failing_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(NothingBuilt, match=r"missing\.txt: no such file \(and 1 other"):
        _build([tmp_path / "missing.txt", tmp_path / "gone.pdf"], tmp_path / "out", jobs=2)
    assert not (tmp_path / "out").exists()


def test_a_directory_that_is_not_an_output_is_never_replaced(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    with pytest.raises(StoreError, match=r"holds files that are not a resgraph output"):
        _build([SEED], mine, jobs=1)
    assert (mine / "notes.txt").read_text() == "keep me"


def test_build_walks_a_directory_and_reads_a_list(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    variants([SEED], folder / "sub", 2)
    (folder / ".hidden.txt").write_text("not an input")
    listed = tmp_path / "list.txt"
    listed.write_text(f"# the corpus\n{corpus('B-9-2024-0216.txt')}\n\n", "utf-8")
    result = CliRunner().invoke(main, ["build", str(folder), "--from-list", str(listed),
                                       "-o", str(tmp_path / "out"), "--format", "nquads",
                                       "--no-store", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "3 resolutions, " in result.output
    assert "  inputs             3" in result.output and "  failed             0" in \
        result.output


def _cli(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "resgraph.cli", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(path_glob: str, folder: Path, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not list(folder.glob(path_glob)):
        assert time.monotonic() < deadline, f"no {path_glob} in {folder}"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def many(tmp_path_factory) -> Path:
    """Forty resolutions: long enough a build to interrupt."""
    folder = tmp_path_factory.mktemp("many")
    variants([SEED], folder, 40)
    return folder


def test_ctrl_c_on_a_real_build_keeps_the_previous_output(tmp_path: Path, many: Path) -> None:
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(SEED), "-o", str(out), "--format",
                                     "nquads"]).exit_code == 0
    before = _files(out)
    build = _cli("build", str(many), "-o", "out", "--format", "nquads", "-j", "2", cwd=tmp_path)
    _wait_for(".out.building-*/.parts/*.nq", tmp_path)
    build.send_signal(signal.SIGINT)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 130, err
    assert err.strip().splitlines()[-1] == "resgraph: interrupted"
    assert _files(out) == before
    assert list(tmp_path.glob(".out.building-*")) == []


def test_two_builds_at_once_the_second_is_refused_and_queries_go_on(tmp_path: Path,
                                                                    many: Path) -> None:
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(SEED), "-o", str(out), "--format",
                                     "nquads"]).exit_code == 0
    first = _cli("build", str(many), "-o", "out", "--format", "nquads", "-j", "2", cwd=tmp_path)
    _wait_for(".out.building-*", tmp_path)
    second = _cli("build", str(SEED), "-o", "out", cwd=tmp_path)
    _, err = second.communicate(timeout=60)
    assert second.returncode == 2
    assert err == ("resgraph: error: out: another resgraph build is writing it; run this "
                   "one when it has finished\n")
    # the store answers throughout the rebuild: the old one, then the new one
    answers = set()
    while first.poll() is None:
        rows = query_store(out / "store", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g "
                                          "{ ?s ?p ?o } }").rows
        answers.add(rows[0][0])
    assert first.wait(timeout=120) == 0, first.stderr.read() if first.stderr else ""
    answers.add(query_store(out / "store", "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g"
                                           " { ?s ?p ?o } }").rows[0][0])
    # 1 resolution and the ontology; or 40, the ontology and what they say across them
    assert answers <= {"2", "42"} and "42" in answers
    assert os.listdir(tmp_path).count("out") == 1


@pytest.fixture(scope="module")
def two(tmp_path_factory) -> Path:
    """The seed and a copy of it under another procedure: two resolutions naming the same
    people and asking the same things."""
    folder = tmp_path_factory.mktemp("two")
    copy = variants([SEED], folder / "in", 1)[0]
    build_corpus([SEED, copy], folder / "out", base=BASE, formats=("nquads",), jobs=1)
    return folder / "out"


def _rows(out: Path, name: str, **params: str) -> list[dict]:
    from resgraph.queries import bind, get_query

    result = query_store(out / "store", bind(get_query(name), params))
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def test_one_person_named_in_two_resolutions_is_one_node(two: Path) -> None:
    rows = _rows(two, "persons-across")
    assert len(rows) == 31 and {r["resolutions"] for r in rows} == {"2"}
    tokayev = next(r for r in rows if r["name"] == "Kassym-Jomart Tokayev")
    assert tokayev["person"] == f"{BASE}person/kassym-jomart-tokayev"
    assert tokayev["roles"] == "President"


# The two aggregates as they were asked of every resolution's graph at query time, before
# corpus.across computed them once per build: the definition the across graph must meet.
_LIVE = {
    "persons-across": """
PREFIX rg: <https://w3id.org/resgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT ?person (MIN(STR(?n)) AS ?name) (COUNT(DISTINCT ?resolution) AS ?resolutions)
       (MIN(?date) AS ?firstDate) (MAX(?date) AS ?lastDate)
       (GROUP_CONCAT(DISTINCT ?role; separator="; ") AS ?roles)
WHERE {
  GRAPH ?g {
    ?person a rg:Person ;
        rg:name ?n .
    ?resolution a rg:Resolution .
    OPTIONAL { ?resolution dcterms:date ?date }
    OPTIONAL { ?person rg:role ?role }
  }
}
GROUP BY ?person
HAVING (COUNT(DISTINCT ?resolution) > 1)
ORDER BY DESC(?resolutions) ?name
""",
    "repeated-demands": """
PREFIX rg: <https://w3id.org/resgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT ?addressee (MIN(STR(?name)) AS ?addresseeName) ?act ?actionOpening
       (COUNT(DISTINCT ?resolution) AS ?resolutions) (MIN(?date) AS ?firstDate)
       (MAX(?date) AS ?lastDate) (MIN(?action) AS ?example)
WHERE {
  GRAPH ?g {
    ?demand rg:addressee ?addressee ;
        rg:part ?part ;
        rg:act ?actConcept ;
        rg:action ?action .
    ?addressee rg:name ?name .
    ?part eli:is_part_of ?resolution .
    ?resolution a rg:Resolution .
    ?actConcept skos:prefLabel ?act .
    OPTIONAL { ?resolution dcterms:date ?date }
  }
  BIND (LCASE(SUBSTR(?action, 1, 40)) AS ?actionOpening)
}
GROUP BY ?addressee ?act ?actionOpening
HAVING (COUNT(DISTINCT ?resolution) > 1)
ORDER BY DESC(?resolutions) ?addressee ?act ?actionOpening
""",
}


@pytest.fixture(scope="module")
def five(tmp_path_factory) -> Path:
    """The seed, two copies of it, and two motions of 2024: persons and demands named or
    made in two or three resolutions, dated and not."""
    folder = tmp_path_factory.mktemp("five")
    copies = variants([SEED], folder / "in", 2)
    sources = [SEED, *copies, corpus("B-9-2024-0216.txt"), corpus("B-9-2024-0218.txt")]
    build_corpus(sources, folder / "out", base=BASE, formats=("nquads",), jobs=1)
    return folder / "out"


@pytest.mark.parametrize("name", sorted(_LIVE))
def test_the_across_graph_answers_as_the_live_aggregate(five: Path, name: str) -> None:
    """persons-across and repeated-demands read the across graph; their rows are the rows of
    the aggregate over every resolution's graph, in the same order (roles, concatenated in
    no defined order, compared as sets)."""
    def rows(result) -> list[tuple]:
        return [tuple(frozenset(v.split("; ")) if c == "roles" and v else v
                      for c, v in zip(result.columns, row, strict=True))
                for row in result.rows]

    from resgraph.queries import bind, get_query

    stored = query_store(five / "store", bind(get_query(name), {}))
    live = query_store(five / "store", _LIVE[name])
    assert stored.columns == live.columns
    assert rows(stored) == rows(live)
    counts = {r[stored.columns.index("resolutions")] for r in stored.rows}
    dated = [r for r in stored.rows if r[stored.columns.index("firstDate")]]
    if name == "persons-across":  # the seed's 31 persons, in its three copies
        assert len(stored.rows) == 31 and counts == {"3"} and not dated
    else:  # the seed's demands thrice, and the two "instructs its President" of 2024
        assert counts == {"2", "3"} and len(dated) == 2 and len(stored.rows) == 56


def test_demands_repeated_across_resolutions_and_over_time(two: Path) -> None:
    council = f"{BASE}entity/council-eu"
    repeated = _rows(two, "repeated-demands", addressee=council)
    assert repeated and {r["resolutions"] for r in repeated} == {"2"}
    assert {r["addresseeName"] for r in repeated} == {"Council of the European Union"}
    over_time = _rows(two, "demands-over-time", addressee=council)
    assert len({r["resolution"] for r in over_time}) == 2
    assert len(over_time) == 2 * len(repeated)
    page = _rows(two, "demands-over-time", addressee=council, limit="2", offset="1")
    assert page == over_time[1:3]


def test_resolutions_citing_one_instrument(two: Path) -> None:
    teu21 = "http://data.europa.eu/eli/treaty/teu_2016/art_21/oj"
    rows = _rows(two, "citing-resolutions", target=teu21)
    assert [r["resolution"] for r in rows] == [f"{BASE}2022-2505-RSP/joint-motion",
                                               f"{BASE}2022-5000-RSP/joint-motion"]


def test_a_citation_of_a_text_in_the_corpus_links_to_its_node(tmp_path: Path) -> None:
    """A resolution citing the motion B9-0216/2024 in a footnote, built beside that motion,
    points to it in the corpus's links graph."""
    citing = variants([SEED], tmp_path / "in", 1)[0]
    citing.write_text(citing.read_text("utf-8").replace("Texts adopted, P9_TA(2021)0056.",
                                                        "B9-0216/2024."), "utf-8")
    out = tmp_path / "out"
    _build([citing, corpus("B-9-2024-0216.txt")], out, jobs=1, formats=("nquads", "trig"))
    links = [line for line in (out / "resgraph.nq").read_text().splitlines()
             if line.endswith(f"<{BASE}corpus/links> .")]
    assert len(links) == 1 and links[0].startswith(
        f"<{BASE}2022-5000-RSP/joint-motion/footnote/1/reference/")
    assert links[0].endswith(
        "<https://w3id.org/resgraph/ontology#citesResolution> "
        f"<{BASE}2024-2686-DEA/B-9-2024-0216> <{BASE}corpus/links> .")
    assert json.loads((out / "manifest.json").read_text())["links"] == 1
    assert f"<{BASE}corpus/links> {{" in (out / "resgraph.trig").read_text()
    rows = query_store(out / "store", "SELECT ?r WHERE { GRAPH ?g { ?x <https://w3id.org/"
                                      "resgraph/ontology#citesResolution> ?r } }").rows
    assert rows == ((f"{BASE}2024-2686-DEA/B-9-2024-0216",),)


def test_dask_builds_the_same_bytes(tmp_path: Path) -> None:
    """The per-document function on a local Dask cluster (two worker processes) gives the
    output of the local process pool, byte for byte."""
    from resgraph.corpus import dask_executor

    sources = variants([SEED], tmp_path / "in", 3)
    local = _build(sources, tmp_path / "local", jobs=2, store=False)
    dask = _build(sources, tmp_path / "dask", jobs=2, store=False,
                  executor=lambda n: dask_executor(n))
    assert (dask.built, dask.resolutions) == (local.built, local.resolutions) == (3, 3)
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


def test_the_store_holds_the_graph_of_the_input_first_in_order(tmp_path: Path) -> None:
    """The PDF first, its text second: with two workers the text is usually accepted first and
    then replaced by the PDF's graph; the store and the N-Quads then hold the PDF's graph
    alone."""
    pdf, txt = corpus("B-9-2024-0216.pdf"), corpus("B-9-2024-0216.txt")
    report = _build([pdf, txt], tmp_path / "o", jobs=2, formats=("nquads",))
    assert report.built == 1 and [f.source for f in report.failed] == [str(txt)]
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text())
    (entry,) = manifest["resolutions"]
    assert entry["source"] == str(pdf)
    count = query_store(tmp_path / "o" / "store", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH "
                        f"<{entry['graph']}> {{ ?s ?p ?o }} }}").rows[0][0]
    lines = (tmp_path / "o" / "resgraph.nq").read_text("utf-8").count("\n")
    assert int(count) == entry["triples"] == lines


def _nquads_and_whole_store(tmp_path: Path) -> tuple[Path, ox.Store]:
    """The text corpus's N-Quads (built without a store), and a store that loaded them in
    one call: what the loaders' tests compare the pieces with."""
    import pyoxigraph as ox

    _build(_texts(), tmp_path / "o", jobs=1, store=False, formats=("nquads",))
    nquads = tmp_path / "o" / "resgraph.nq"
    whole = ox.Store(str(tmp_path / "whole"))
    whole.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    return nquads, whole


def test_pieces_loaded_at_once_give_the_store_every_quad_once(tmp_path: Path) -> None:
    """The corpus writer loads its N-Quads a few pieces at a time, in threads: cut at whole
    lines, none lost, whatever order the pieces finish in (that none is given twice is the
    next test's: a store is a set)."""
    import pyoxigraph as ox

    from resgraph.corpus.writer import load_nquads

    nquads, whole = _nquads_and_whole_store(tmp_path)
    lines = nquads.read_text("utf-8").count("\n")
    pieces = ox.Store(str(tmp_path / "pieces"))
    load_nquads(pieces, nquads, piece=1 << 16, loaders=3)
    assert nquads.stat().st_size > 20 << 16  # more than 20 pieces, three at a time
    manifest = json.loads((tmp_path / "o" / "manifest.json").read_text())
    assert len(pieces) == len(whole) == lines == (
        sum(r["triples"] for r in manifest["resolutions"]) + manifest["links"]
        + manifest["across"])
    seed = ox.NamedNode(manifest["resolutions"][0]["graph"])
    assert len(list(pieces.quads_for_pattern(None, None, None, seed))) == 7565  # the seed's
    assert sorted(map(str, pieces)) == sorted(map(str, whole))


def test_small_blocks_are_gathered_into_pieces_each_line_once(tmp_path: Path) -> None:
    """The build hands the loaders each graph's N-Quads as it joins them: blocks much smaller
    than a piece, gathered until a piece is full. Every line reaches the store once (a store
    is a set, so what the loader was given is recorded too), in pieces of whole lines."""
    import pyoxigraph as ox

    from resgraph.corpus.writer import load_pieces

    class Recording:  # the store, and every piece given to it
        def __init__(self, store: ox.Store) -> None:
            self.store, self.given = store, []

        def bulk_load(self, **options) -> None:
            self.given.append(options["input"])
            self.store.bulk_load(**options)

    nquads, whole = _nquads_and_whole_store(tmp_path)
    lines = nquads.read_bytes().splitlines(keepends=True)
    blocks = [b"".join(lines[i:i + 50]) for i in range(0, len(lines), 50)]
    piece = 1 << 16
    assert max(map(len, blocks)) < piece
    gathered = Recording(ox.Store(str(tmp_path / "gathered")))
    load_pieces(gathered, iter(blocks), piece=piece, loaders=3)  # type: ignore[arg-type]
    assert len(gathered.given) > 20
    assert all(len(p) >= piece for p in gathered.given[:-1])
    assert all(p.endswith(b"\n") for p in gathered.given)
    assert sorted(b"".join(gathered.given).splitlines(keepends=True)) == sorted(lines)
    assert len(gathered.store) == len(whole) == len(lines)
    assert sorted(map(str, gathered.store)) == sorted(map(str, whole))
