"""The ontology under other people's reasoners: OWL-RL closure (owlrl) of a resolution's
graph gives no node a class its stated types do not imply, and SHACL gives the same verdicts
with the closure as without; HermiT (through owlready2, on Java) loads the ontology as
OWL 2 DL and finds it consistent."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import owlrl
import pytest
import rdflib
from pyshacl_turbo import validate
from rdflib import OWL, RDF, RDFS
from servers import missing

from resgraph.resources import ontology_file, shapes_file
from resgraph.serialize import serialize

from conftest import SEED_IRI

RG = "https://w3id.org/resgraph/ontology#"


def _graph(nquads: bytes) -> rdflib.Graph:
    dataset = rdflib.Dataset()
    dataset.parse(data=nquads, format="nquads")
    graph = rdflib.Graph()
    for named in dataset.graphs():
        for triple in named:
            graph.add(triple)
    return graph


def _closure(graph: rdflib.Graph) -> rdflib.Graph:
    """The OWL-RL closure of `graph` with the ontology, as RDF (owlrl also derives
    generalised triples, with literal subjects, which no RDF store or SHACL engine takes)."""
    closed = rdflib.Graph()
    for triple in graph:
        closed.add(triple)
    for triple in rdflib.Graph().parse(ontology_file()):
        closed.add(triple)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    proper = rdflib.Graph()
    for s, p, o in closed:
        if isinstance(s, rdflib.URIRef | rdflib.BNode) and isinstance(p, rdflib.URIRef):
            proper.add((s, p, o))
    return proper


def _conforms(graph: rdflib.Graph) -> bool:
    shapes = rdflib.Graph().parse(shapes_file())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return bool(validate(graph, shacl_graph=shapes, inference="none")[0])


@pytest.fixture(scope="module")
def seed_graph(seed_built) -> rdflib.Graph:
    return _graph(serialize(seed_built.quads, "nquads"))


@pytest.fixture(scope="module")
def seed_closed(seed_graph) -> rdflib.Graph:
    return _closure(seed_graph)


def test_owl_rl_gives_no_node_a_class_its_types_do_not_imply(seed_graph, seed_closed) -> None:
    """Domains and ranges that overreach would type nodes wrongly: an office addressed by a
    demand as an actor, a legal reference as a part. The classes a node ends up in must be
    its stated classes and their superclasses."""
    ontology = rdflib.Graph().parse(ontology_file())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(ontology)
    surprises = []
    nodes = set(seed_graph.subjects()) | {o for o in seed_graph.objects()
                                          if isinstance(o, rdflib.URIRef)}
    for node in nodes:
        # stated by the data, or by the ontology for its own terms (the classes the data
        # names, its concept schemes)
        stated = set(seed_graph.objects(node, RDF.type)) | set(ontology.objects(node, RDF.type))
        implied = stated | {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}
        for kind in stated:
            implied |= set(ontology.objects(kind, RDFS.subClassOf))
        for kind in set(seed_closed.objects(node, RDF.type)) - implied:
            if isinstance(kind, rdflib.URIRef):  # an anonymous union class is no surprise
                surprises.append((str(node), str(kind)))
    assert sorted(surprises) == [], "\n".join(f"{n} {k}" for n, k in sorted(surprises))
    assert len(set(seed_closed)) > len(set(seed_graph)) + 5000  # the closure did add


def test_shacl_verdicts_are_the_same_with_owl_rl(seed_graph, seed_closed) -> None:
    assert _conforms(seed_graph) and _conforms(seed_closed)
    broken = rdflib.Graph()
    for triple in seed_graph:
        if triple[:2] != (rdflib.URIRef(SEED_IRI), rdflib.URIRef("http://purl.org/dc/terms/title")):
            broken.add(triple)
    assert len(broken) == len(seed_graph) - 1
    assert not _conforms(broken) and not _conforms(_closure(broken))


def test_hermit_reads_the_ontology_as_owl2_dl_and_consistent(tmp_path: Path) -> None:
    if shutil.which("java") is None:
        missing("java is not installed (apt-get install default-jre-headless): HermiT runs on it")
    import owlready2

    path = tmp_path / "resgraph.nt"
    rdflib.Graph().parse(ontology_file()).serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    ontology = world.get_ontology(path.as_uri()).load()
    with ontology:
        # raises on what OWL 2 DL or HermiT refuses (a datatype outside the OWL 2 datatype
        # map, a property both object and annotation property) and on an inconsistency
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    classes = {c.iri for c in ontology.classes()}
    assert {RG + "Resolution", RG + "Demand", RG + "Actor", RG + "Office"} <= classes
    assert list(world.inconsistent_classes()) == []


def test_every_term_has_a_definition() -> None:
    ontology = rdflib.Graph().parse(ontology_file())
    terms = {s for s in ontology.subjects() if isinstance(s, rdflib.URIRef)
             and str(s).startswith(RG)}
    undefined = sorted(str(t)[len(RG):] for t in terms
                       if ontology.value(t, RDFS.comment) is None
                       and ontology.value(t, rdflib.SKOS.definition) is None)
    assert len(terms) > 200 and undefined == []


def test_every_predicate_the_data_uses_has_a_shape(seed_graph) -> None:
    shapes = rdflib.Graph().parse(shapes_file())
    paths = set(shapes.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#path")))
    used = {p for _, p, _ in seed_graph} - {RDF.type}
    assert len(used) > 80 and sorted(map(str, used - paths)) == []


def test_the_ontologys_event_types_are_the_sources() -> None:
    """ontology/resgraph.ttl has each type of resgraph/data/event_types.json, as
    scripts/event_types_ontology.py writes it: label, notation, ACLED and HURIDOCS types and
    a definition naming them."""
    import json

    from conftest import REPO

    kinds = json.loads((REPO / "src/resgraph/data/event_types.json").read_text("utf-8"))[
        "types"]
    ontology = rdflib.Graph().parse(ontology_file())
    skos = rdflib.SKOS
    concepts = set(ontology.subjects(skos.inScheme, rdflib.URIRef(RG + "EventTypes")))
    assert {str(c)[len(RG) + len("event-"):] for c in concepts} == {k["id"] for k in kinds}
    for kind in kinds:
        node = rdflib.URIRef(f"{RG}event-{kind['id']}")
        assert str(ontology.value(node, skos.prefLabel)) == kind["label"]
        definition = str(ontology.value(node, skos.definition))
        for source in ("acled", "huridocs"):
            value = ontology.value(node, rdflib.URIRef(f"{RG}{source}Type"))
            assert (None if value is None else str(value)) == kind[source]
            assert (kind[source] or "") in definition
