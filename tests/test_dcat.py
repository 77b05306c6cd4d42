"""Dumps (`resgraph dumps`) and the dataset's DCAT catalogue (`/catalogue`): files whose sizes
and digests are what the index says, the same bytes from the same store, and a catalogue
that conforms to DCAT-AP 3.0.0 and to DCAT-EP 1.1, each in its profile, checked with the
profiles' own shapes (../shared/dcat)."""

from __future__ import annotations

import gzip
import hashlib
import json
import warnings
from pathlib import Path

import pyoxigraph as ox
import pyshacl_turbo
import pytest
from click.testing import CliRunner
from rdflib import Graph, Namespace
from starlette.testclient import TestClient

from resgraph.cli import main
from resgraph.corpus import build_corpus
from resgraph.dumps import read_dumps, write_dumps
from resgraph.serve.app import ServeConfig, create_app
from resgraph.serve.dcat import PROFILES

from conftest import SEED, corpus, shared_file

BASE = "https://w3id.org/resgraph/id/"
SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = {"dcat-ap": "dcat/dcat-ap-3.0.0-SHACL.ttl", "dcat-ep": "dcat/dcat-ep-1.1.shacl.ttl"}
TURTLE = {"Accept": "text/turtle"}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dcat") / "out"
    build_corpus([SEED, corpus("B-9-2024-0216.txt")], folder, base=BASE, formats=("nquads",),
                 jobs=1)
    write_dumps(folder, BASE)
    return folder


@pytest.fixture(scope="module")
def client(out: Path):
    with TestClient(create_app(ServeConfig(store=out / "store", base=BASE))) as c:
        yield c


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_index_names_each_file_with_its_size_and_digest(out: Path) -> None:
    dumps = read_dumps(out / "dumps")
    paths = [d.path for d in dumps]
    assert paths[0] == "resgraph.nq.gz" and paths[-2:] == ["ontology.ttl", "shapes.ttl"]
    resolutions = sorted(p for p in paths if p.startswith("resolutions/"))
    assert len(paths) == 5 and resolutions[0] == "resolutions/2022-2505-RSP_joint-motion.ttl"
    for dump in dumps:
        file = out / "dumps" / dump.path
        assert file.stat().st_size == dump.size and _sha(file) == dump.sha256, dump.path
    assert {d.media_type for d in dumps} == {"application/n-quads", "text/turtle"}


def test_the_corpus_dump_is_the_store_and_each_resolution_its_graph(out: Path) -> None:
    store = ox.Store.read_only(str(out / "store"))
    held = set(store.quads_for_pattern(None, None, None, None))
    dumped = set(ox.parse(gzip.decompress((out / "dumps/resgraph.nq.gz").read_bytes()),
                          format=ox.RdfFormat.N_QUADS))
    assert dumped == held and len(held) > 10_000
    for dump in read_dumps(out / "dumps"):
        if dump.graph:
            graph = ox.NamedNode(dump.graph)
            expected = {(q.subject, q.predicate, q.object)
                        for q in store.quads_for_pattern(None, None, None, graph)}
            got = {(t.subject, t.predicate, t.object) for t in ox.parse(
                path=str(out / "dumps" / dump.path), format=ox.RdfFormat.TURTLE)}
            assert got == expected and len(got) > 1000
    from resgraph.resources import ontology_file, shapes_file
    assert (out / "dumps/ontology.ttl").read_bytes() == ontology_file().read_bytes()
    assert (out / "dumps/shapes.ttl").read_bytes() == shapes_file().read_bytes()


def test_the_same_store_gives_the_same_bytes(out: Path) -> None:
    before = {d.path: d.sha256 for d in read_dumps(out / "dumps")}
    write_dumps(out, BASE)
    assert {d.path: d.sha256 for d in read_dumps(out / "dumps")} == before


def test_dumps_of_no_build_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["dumps", "-o", str(tmp_path / "nothing")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"resgraph: error: {tmp_path / 'nothing' / 'store'}: no store here (run 'resgraph "
        "build' first)"]
    assert not (tmp_path / "nothing").exists()


def test_downloads_are_served_by_their_index_alone(client, out: Path) -> None:
    page = client.get("/dumps/").text
    assert "resgraph.nq.gz" in page and read_dumps(out / "dumps")[0].sha256 in page
    listed = client.get("/dumps/", headers={"Accept": "application/json"}).json()["dumps"]
    for entry in listed:
        answer = client.get(f"/dumps/{entry['path']}")
        assert answer.status_code == 200
        assert hashlib.sha256(answer.content).hexdigest() == entry["sha256"]
        assert answer.headers["etag"] == f'"{entry["sha256"]}"'
        again = client.get(f"/dumps/{entry['path']}",
                           headers={"If-None-Match": answer.headers["etag"]})
        assert again.status_code == 304
    assert client.get("/dumps/resgraph.nq.gz").headers["content-type"] == "application/gzip"
    for sneaky in ("/dumps/../store/CURRENT", "/dumps/%2e%2e/manifest.json",
                   "/dumps/dumps.json", "/dumps/resolutions/"):
        assert client.get(sneaky).status_code == 404, sneaky


def test_void_names_the_corpus_dump(client) -> None:
    void = client.get("/.well-known/void", headers=TURTLE).text
    assert "<http://rdfs.org/ns/void#dataDump> <http://testserver/dumps/resgraph.nq.gz>" in void


def _catalogue(client, profile: str) -> Graph:
    answer = client.get("/catalogue", params={"_profile": profile}, headers=TURTLE)
    assert answer.status_code == 200
    assert answer.headers["content-profile"] == f"<{PROFILES[profile]}>"
    return Graph().parse(data=answer.text, format="turtle")


def _violations(data: Graph, profile: str) -> set[tuple[str, str, str]]:
    """(focus node's IRI tail, path, constraint component) of each violation that is not
    only a consequence of another (sh:node, sh:or)."""
    shapes = Graph().parse(shared_file(SHAPES[profile]), format="turtle")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _, report, _ = pyshacl_turbo.validate(data, shacl_graph=shapes, inference="none",
                                              max_validation_depth=20)
    found = set()
    for result in report.subjects(SH.focusNode):
        component = str(report.value(result, SH.sourceConstraintComponent)).split("#")[1]
        if component not in ("NodeConstraintComponent", "OrConstraintComponent"):
            found.add((str(report.value(result, SH.focusNode)).rsplit("/", 1)[-1],
                       str(report.value(result, SH.resultPath)), component))
    return found


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_the_catalogue_conforms_to_its_profile(client, out: Path, profile: str) -> None:
    data = _catalogue(client, profile)
    assert _violations(data, profile) == set()
    # real content: the corpus dump with the file's size and digest, the endpoint
    text = data.serialize(format="nt")
    corpus_dump = read_dumps(out / "dumps")[0]
    assert f'"{corpus_dump.size}"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>' in text
    assert f'"{corpus_dump.sha256}"^^<http://www.w3.org/2001/XMLSchema#hexBinary>' in text
    assert ("<https://data.europarl.europa.eu/service/resgraph-sparql> <http://www.w3.org/ns/"
            "dcat#endpointURL> <http://testserver/sparql>") in text
    assert "<http://testserver/dumps/resgraph.nq.gz>" in text


def test_no_catalogue_can_conform_to_both_profiles(client) -> None:
    """Where the profiles contradict each other, and only there: DCAT-AP requires a name on
    the publisher (a foaf:Agent) and a label on the theme (a skos:Concept), which DCAT-EP's
    closed shapes forbid; DCAT-EP has no compressFormat."""
    assert _violations(_catalogue(client, "dcat-ep"), "dcat-ap") == {
        ("EP", "http://xmlns.com/foaf/0.1/name", "MinCountConstraintComponent"),
        ("GOVE", "http://www.w3.org/2004/02/skos/core#prefLabel", "MinCountConstraintComponent")}
    crossed = _violations(_catalogue(client, "dcat-ap"), "dcat-ep")
    assert {(f, p) for f, p, _ in crossed} == {
        ("EP", "http://xmlns.com/foaf/0.1/name"),
        ("GOVE", "http://www.w3.org/2004/02/skos/core#prefLabel"),
        next((f, "http://www.w3.org/ns/dcat#compressFormat") for f, p, _ in crossed
             if p.endswith("compressFormat"))}
    assert {c for _, _, c in crossed} == {"ClosedConstraintComponent"}


def test_profiles_by_header_and_the_alternates_named(client) -> None:
    by_header = client.get("/catalogue", headers={
        **TURTLE, "Accept-Profile": f"<http://example.org/other>;q=1, <{PROFILES['dcat-ep']}>;"
                                    "q=0.5"})
    assert by_header.headers["content-profile"] == f"<{PROFILES['dcat-ep']}>"
    plain = client.get("/catalogue", headers=TURTLE)
    assert plain.headers["content-profile"] == f"<{PROFILES['dcat-ap']}>"
    assert plain.headers["vary"] == "Accept, Accept-Profile"
    assert f'profile="{PROFILES["dcat-ep"]}"' in plain.headers["link"]
    unknown = client.get("/catalogue", params={"_profile": "schema-org"},
                         headers={"Accept": "application/json"})
    assert unknown.status_code == 406 and "dcat-ep" in unknown.json()["error"]["message"]
    # a header naming none of ours gets the default, named as such
    other = client.get("/catalogue", headers={**TURTLE,
                                              "Accept-Profile": "<http://example.org/x>"})
    assert other.status_code == 200
    assert other.headers["content-profile"] == f"<{PROFILES['dcat-ap']}>"
    as_jsonld = client.get("/catalogue", headers={"Accept": "application/ld+json"})
    assert as_jsonld.status_code == 200 and json.loads(as_jsonld.text)


def test_a_person_reads_the_catalogue_as_a_page(client) -> None:
    page = client.get("/catalogue", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert 'href="?_profile=dcat-ep"' in page.text
    assert "&lt;http://www.w3.org/ns/dcat#Catalog&gt;" in page.text
    as_turtle = client.get("/catalogue?format=ttl")
    assert as_turtle.headers["content-type"].startswith("text/turtle")



def test_an_index_naming_files_outside_its_folder_is_refused(tmp_path: Path) -> None:
    from resgraph.dumps import DumpsError

    for path in ("../store/CURRENT", "/etc/passwd", "a/../../b"):
        (tmp_path / "dumps.json").write_text(json.dumps({"dumps": [{
            "path": path, "title": "t", "media_type": "text/turtle", "file_type": "RDF_TURTLE",
            "compressed": False, "size": 1, "sha256": "0" * 64}]}), "utf-8")
        with pytest.raises(DumpsError, match="is not a file in the folder"):
            read_dumps(tmp_path)


def test_a_broken_index_leaves_the_pages_answering(out: Path, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "dumps.json").write_text("{not json", "utf-8")
    app = create_app(ServeConfig(store=out / "store", base=BASE, dumps=folder))
    with TestClient(app) as broken:
        assert broken.get("/catalogue", headers=TURTLE).status_code == 200
        assert broken.get("/dumps/", headers={"Accept": "application/json"}).json() == {
            "dumps": []}
        assert broken.get("/dumps/resgraph.nq.gz").status_code == 404


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_a_static_copy_names_no_sparql_endpoint(out: Path, profile: str) -> None:
    """resgraph site's pages: no endpoint in VoID or in the catalogue, which still conforms."""
    app = create_app(ServeConfig(store=out / "store", base=BASE, static=True))
    with TestClient(app) as static:
        void = static.get("/.well-known/void", headers=TURTLE).text
        assert "sparqlEndpoint" not in void and "void#dataDump" in void
        answer = static.get("/catalogue", params={"_profile": profile}, headers=TURTLE)
        data = Graph().parse(data=answer.text, format="turtle")
    assert "DataService" not in answer.text and "sparql" not in answer.text
    assert _violations(data, profile) == set()
