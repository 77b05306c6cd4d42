"""The RDF graph: golden comparison, determinism, serialisations, IRIs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, to_isomorphic

from resgraph.corpus import build_corpus
from resgraph.errors import ResgraphError
from resgraph.graph import Minter, build_quads
from resgraph.pipeline import build_one
from resgraph.serialize import FORMATS, context, serialize
from resgraph.vocab import DEFAULT_BASE

from conftest import REPO, SEED, SEED_IRI, corpus, triples_of

GOLDEN = REPO / "tests" / "golden" / "2022-2505-RSP-kazakhstan.nq"
# To accept a deliberate change: RESGRAPH_UPDATE_GOLDEN=1 pytest tests/test_graph.py,
# then review `git diff tests/golden` before committing.
UPDATE = os.environ.get("RESGRAPH_UPDATE_GOLDEN") == "1"


def _dataset(data: bytes, fmt: str) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(data=data.decode("utf-8"), format=fmt)
    return ds


def _quads(ds: rdflib.Dataset) -> set[tuple[str, str, str, str]]:
    return {(s.n3(), p.n3(), o.n3(), g.n3()) for s, p, o, g in ds.quads((None, None, None, None))}


def _triples(nquads: str) -> tuple[rdflib.Graph, set[str]]:
    """The triples of every named graph, as one rdflib graph, and the graph names."""
    ds = _dataset(nquads.encode("utf-8"), "nquads")
    graph = rdflib.Graph()
    names = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        graph.add((s, p, o))
        names.add(str(g))
    return graph, names


def test_seed_matches_golden_graph(seed_built) -> None:
    actual = serialize(seed_built.quads, "nquads")
    if UPDATE:
        GOLDEN.write_bytes(actual)
    expected_graph, expected_names = _triples(GOLDEN.read_text("utf-8"))
    actual_graph, actual_names = _triples(actual.decode("utf-8"))
    assert len(actual_graph) == len(seed_built.quads) > 5000  # the comparison is not vacuous
    assert actual_names == expected_names == {f"{SEED_IRI}/graph"}
    iso_expected, iso_actual = to_isomorphic(expected_graph), to_isomorphic(actual_graph)
    if iso_expected != iso_actual:
        _both, only_expected, only_actual = graph_diff(iso_expected, iso_actual)
        lines = ["graph differs from the golden file", "only in golden:"]
        lines += sorted(f"  {s.n3()} {p.n3()} {o.n3()}" for s, p, o in only_expected)[:40]
        lines += ["only in actual:"]
        lines += sorted(f"  {s.n3()} {p.n3()} {o.n3()}" for s, p, o in only_actual)[:40]
        pytest.fail("\n".join(lines))


def test_same_input_same_bytes() -> None:
    first = serialize(build_one(SEED).quads, "nquads")
    second = serialize(build_one(SEED).quads, "nquads")
    assert first == second
    for fmt in FORMATS:
        assert serialize(build_one(SEED).quads, fmt) == serialize(build_one(SEED).quads, fmt)


def test_iris_are_minted_from_stable_identifiers(seed_built) -> None:
    subjects = {q.subject.value for q in seed_built.quads}
    assert SEED_IRI in subjects
    for iri in (f"{SEED_IRI}/citation/4", f"{SEED_IRI}/recital/R",
                f"{SEED_IRI}/paragraph/27", f"{SEED_IRI}/footnote/5", f"{SEED_IRI}/title",
                f"{SEED_IRI}/source"):
        assert iri in subjects
    assert {q.graph_name.value for q in seed_built.quads} == {f"{SEED_IRI}/graph"}
    # a document number, when printed, names the document instead of its kind
    motion = build_one(corpus("B-9-2024-0216.txt"))
    assert motion.minter.resolution == "https://w3id.org/resgraph/id/2024-2686-DEA/B-9-2024-0216"


def test_links_to_the_ep_open_data_portal(seed_built) -> None:
    triples = triples_of(seed_built.quads)
    rg = "https://w3id.org/resgraph/ontology#"
    assert (SEED_IRI, rg + "procedure",
            "https://data.europarl.europa.eu/eli/dl/proc/2022-2505") in triples
    assert ("https://data.europarl.europa.eu/eli/dl/proc/2022-2505",
            "http://data.europa.eu/eli/eli-draft-legislation-ontology#process_type",
            "https://data.europarl.europa.eu/def/ep-procedure-types/RSP") in triples
    motion = triples_of(build_one(corpus("B-9-2024-0218.pdf")).quads)
    assert ("https://w3id.org/resgraph/id/2024-2694-DEA/B-9-2024-0218", rg + "odpDocument",
            "https://data.europarl.europa.eu/eli/dl/doc/B-9-2024-0218") in motion


def test_configurable_base(seed) -> None:
    minter = Minter.for_resolution(seed, "http://example.org/res/")
    quads = build_quads(seed, minter)
    assert quads[0].subject.value.startswith("http://example.org/res/2022-2505-RSP/")
    with pytest.raises(ResgraphError, match="ending in '/' or '#'"):
        Minter.for_resolution(seed, "not an iri")


@pytest.mark.parametrize("fmt", ["trig", "jsonld"])
def test_dataset_serialisations_round_trip(seed_built, fmt: str) -> None:
    """Parsed back by rdflib (an independent parser), the quads are the same."""
    reference = _quads(_dataset(serialize(seed_built.quads, "nquads"), "nquads"))
    other = _quads(_dataset(serialize(seed_built.quads, fmt),
                            {"trig": "trig", "jsonld": "json-ld"}[fmt]))
    assert len(reference) == len(seed_built.quads)
    assert other == reference
    assert {g for *_, g in other} == {f"<{SEED_IRI}/graph>"}


@pytest.mark.parametrize(("fmt", "parser"),
                         [("turtle", "turtle"), ("ntriples", "nt"), ("rdfxml", "xml")])
def test_triple_serialisations_round_trip(seed_built, fmt: str, parser: str) -> None:
    triples = {(q.subject.value, q.predicate.value, str(q.object)) for q in seed_built.quads}
    g = rdflib.Graph().parse(data=serialize(seed_built.quads, fmt).decode("utf-8"),
                             format=parser)
    assert len(g) == len(triples)
    assert to_isomorphic(g) == to_isomorphic(rdflib.Graph().parse(
        data=serialize(seed_built.quads, "ntriples").decode("utf-8"), format="nt"))


def test_jsonld_uses_the_shipped_context(seed_built) -> None:
    shipped = json.loads((REPO / "ontology" / "context.jsonld").read_text("utf-8"))
    assert shipped == context()
    doc = json.loads(serialize(seed_built.quads, "jsonld"))
    assert doc["@context"] == shipped["@context"]
    nodes = {n["@id"]: n for n in doc["@graph"][0]["@graph"]}
    paragraph = nodes[f"{SEED_IRI}/paragraph/4"]
    assert paragraph["@type"] == ["rg:Paragraph"]
    assert paragraph["rg:label"] == ["4"]


def test_build_writes_every_format_and_a_store(tmp_path: Path) -> None:
    report = build_corpus([SEED, corpus("B-9-2024-0216.txt")], tmp_path, base=DEFAULT_BASE,
                          formats=list(FORMATS), jobs=1)
    names = sorted(p.name for p in report.written)
    assert names == sorted([
        "resgraph.nq", "resgraph.trig", "resgraph.jsonld", "store",
        "2022-2505-RSP_joint-motion.ttl", "2022-2505-RSP_joint-motion.nt",
        "2022-2505-RSP_joint-motion.rdf", "2024-2686-DEA_B-9-2024-0216.ttl",
        "2024-2686-DEA_B-9-2024-0216.nt", "2024-2686-DEA_B-9-2024-0216.rdf",
    ])
    ds = rdflib.Dataset().parse(str(tmp_path / "resgraph.nq"), format="nquads")
    assert {str(g.identifier) for g in ds.graphs() if len(g)} == {
        f"{SEED_IRI}/graph",
        "https://w3id.org/resgraph/id/2024-2686-DEA/B-9-2024-0216/graph",
    }
    # no temporary files left: the one hidden entry is the pieces kept for the next build
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [".parts"]


def test_the_ontologys_speech_acts_are_the_repertoire() -> None:
    """ontology/resgraph.ttl lists every act of resgraph/data/speech_acts.json, with its
    class, strength and forms, and no other."""
    import pyoxigraph as ox

    from resgraph.extract.demands import speech_acts
    from resgraph.resources import ontology_file

    store = ox.Store()
    store.load(path=str(ontology_file()), format=ox.RdfFormat.TURTLE)
    rows = store.query("""
        PREFIX rg: <https://w3id.org/resgraph/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?id ?label ?type ?strength (GROUP_CONCAT(?alt; separator="|") AS ?alts)
        WHERE { ?act skos:inScheme rg:SpeechActs ; skos:notation ?id ; skos:prefLabel ?label ;
                     rg:actType ?type .
                OPTIONAL { ?act rg:strength ?strength } OPTIONAL { ?act skos:altLabel ?alt } }
        GROUP BY ?id ?label ?type ?strength""")
    in_ontology = {r["id"].value: (r["label"].value, r["type"].value,
                                   int(r["strength"].value) if r["strength"] else None,
                                   set(filter(None, (r["alts"].value if r["alts"] else "")
                                                 .split("|"))))
                   for r in rows}
    acts = speech_acts()
    assert in_ontology == {a.id: (a.label, a.type, a.strength, set(a.forms) - {a.label})
                           for a in acts.values()}
    assert acts["insists"].type == "directive" and acts["insists"].id != "demands"
    assert {a.id for a in acts.values() if a.type == "decision"} >= {"adopts", "decides",
                                                                      "objects"}
