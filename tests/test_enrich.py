"""`resgraph enrich` on the EP Open Data Portal's own records (../shared/odp/samples): what they
say about resolutions in the graph, in a graph of its own that names the records."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from resgraph.cli import main
from resgraph.corpus import build_corpus
from resgraph.enrich import enrich, odp_context
from resgraph.vocab import DEFAULT_BASE, RG

from conftest import REPO, corpus, shared_file

SAMPLES = "odp/samples/HowTheyVote-howtheyvote/backend/tests/"
PROCEDURE = SAMPLES + "pipelines/data/odp-procedure_2024-2006.json"
JOINT_MOTION = SAMPLES + "scrapers/data/votes/odp-document_rc-9-2021-0068.json"
OTHER_PROCEDURE = SAMPLES + "scrapers/data/votes/odp-procedure_2018-2070.json"
SITTING_XML = SAMPLES + "scrapers/data/sessions/odp_mtg-pl-2024-07-16.xml"
ODP = "https://data.europarl.europa.eu/"
DECISION = f"{DEFAULT_BASE}2024-2006-REG/decision"
GRAPH = f"{DEFAULT_BASE}odp/enrichment"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """The report A9-0163/2024 (procedure 2024/2006(REG)) as the EP's HTML gives it, built."""
    folder = tmp_path_factory.mktemp("enrich") / "out"
    build_corpus([corpus("A-9-2024-0163_EN.html")], folder, base=DEFAULT_BASE,
                 formats=("nquads",), jobs=1)
    return folder


def _triples(path: Path) -> set[tuple[str, str, str, str]]:
    return {(q.subject.value, q.predicate.value, q.object.value, q.graph_name.value)
            for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)}


def test_a_procedure_record_gives_the_text_adopted_the_vote_and_the_sitting(out,
                                                                          tmp_path) -> None:
    target = tmp_path / "enrichment.nq"
    result = CliRunner().invoke(main, ["enrich", "--store", str(out / "store"), "-o",
                                       str(target), str(shared_file(PROCEDURE)),
                                       str(shared_file(OTHER_PROCEDURE)),
                                       str(shared_file(SITTING_XML))])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (f"wrote {target}: 5 statements about 1 resolution from "
                                     "3 records")
    assert _triples(target) == {
        (DECISION, RG + "textAdopted", f"{ODP}eli/dl/doc/TA-9-2024-0315", GRAPH),
        (DECISION, RG + "adoptedBy", f"{ODP}eli/dl/event/2024-2006-DEC-DCPL-2024-04-24", GRAPH),
        (DECISION, RG + "dateAdopted", "2024-04-24", GRAPH),
        (DECISION, RG + "vote", f"{ODP}eli/dl/event/MTG-PL-2024-04-24-VOT-ITM-946131", GRAPH),
        (DECISION, RG + "sitting", f"{ODP}eli/dl/event/MTG-PL-2024-04-24", GRAPH),
        # the records read, as provenance (the sitting file is about no procedure or work)
        (GRAPH, "http://www.w3.org/ns/prov#wasDerivedFrom", f"{ODP}eli/dl/proc/2018-2070",
         GRAPH),
        (GRAPH, "http://www.w3.org/ns/prov#wasDerivedFrom", f"{ODP}eli/dl/proc/2024-2006",
         GRAPH),
    }
    # queried with the corpus as graph files: the date adopted beside the resolution
    rows = CliRunner().invoke(main, ["query", "resolutions", str(out / "resgraph.nq"),
                                     str(target), "--format", "json"])
    assert json.loads(rows.output)[0]["resolution"] == DECISION


def test_a_joint_motion_record_names_the_motions_and_the_rule() -> None:
    """A resolution that replaces one of the motions the joint motion RC-9-2021-0068 derives
    from (the Hong Kong joint motion of 20 January 2021)."""
    store = ox.Store()
    ours = ox.NamedNode("https://example.org/id/hong-kong")
    graph = ox.NamedNode("https://example.org/id/hong-kong/graph")
    store.add(ox.Quad(ours, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                      ox.NamedNode(RG + "Resolution"), graph))
    store.add(ox.Quad(ours, ox.NamedNode("http://purl.org/dc/terms/replaces"),
                      ox.NamedNode(f"{ODP}eli/dl/doc/B-9-2021-0068"), graph))
    found = enrich(store, [shared_file(JOINT_MOTION)], "https://example.org/id/")
    said = {(q.predicate.value, q.object.value) for q in found.quads if q.subject == ours}
    assert said == {
        (RG + "odpDocument", f"{ODP}eli/dl/doc/RC-9-2021-0068"),
        ("http://data.europa.eu/eli/ontology#based_on",
         f"{ODP}eli/dl/doc/RULES-9-2021-01-18-ITM-A144"),
        *(("http://purl.org/dc/terms/replaces", f"{ODP}eli/dl/doc/B-9-2021-{n}")
          for n in ("0068", "0069", "0070", "0071", "0087")),
    }
    assert found.records == (f"{ODP}eli/dl/doc/RC-9-2021-0068",)


def test_a_record_about_nothing_in_the_graph_adds_nothing(out, tmp_path) -> None:
    target = tmp_path / "e.nq"
    result = CliRunner().invoke(main, ["enrich", "--store", str(out / "store"), "-o",
                                       str(target), str(shared_file(JOINT_MOTION))])
    assert result.exit_code == 0
    assert result.output.strip() == (f"wrote {target}: 0 statements about 0 resolutions "
                                     "from 1 record")
    assert target.read_bytes() == b""


def test_a_bad_record_is_one_line(out, tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"items": []}')
    target = tmp_path / "e.nq"
    result = CliRunner().invoke(main, ["enrich", "--store", str(out / "store"), "-o",
                                       str(target), str(bad)])
    assert result.exit_code == 2 and not target.exists()
    assert result.output.strip() == (f"resgraph: error: {bad}: not an EP Open Data Portal API "
                                     "record (no 'data')")


def test_the_shipped_context_is_the_one_the_shapes_give() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    import odp_context

    one = shared_file("odp/samples/europarl-eli-ep/dsd/procedures/eli-ep_procedures.shacl.ttl")
    shapes = sorted(one.parent.parent.glob("*/*.shacl.ttl"))
    assert len(shapes) == 4
    assert odp_context.context(shapes)["@context"] == odp_context_expected()


def odp_context_expected() -> dict:
    context = odp_context()
    assert context["decided_on_a_realization_of"] == {
        "@id": "http://data.europa.eu/eli/eli-draft-legislation-ontology#"
               "decided_on_a_realization_of", "@type": "@id"}
    assert "type" not in context and "document_date" not in context
    return context
