"""`resgraph serve` (resgraph.serve): IRIs that dereference by content negotiation, pages a
person reads, the stored queries as URLs and a guarded SPARQL endpoint; through the ASGI
client, and against the real server on 127.0.0.1 for the deadline."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal
from servers import HTTP, canary, serving
from starlette.testclient import TestClient

from resgraph.corpus import build_corpus
from resgraph.serve.app import ServeConfig, create_app
from resgraph.serve.conneg import choose, parse_accept

from conftest import SEED, corpus

BASE = "https://w3id.org/resgraph/id/"
RESOLUTION = f"{BASE}2022-2505-RSP/joint-motion"
TOKAYEV = f"{BASE}person/kassym-jomart-tokayev"
COUNCIL = f"{BASE}entity/council-eu"
PARAGRAPH = f"{RESOLUTION}/paragraph/1"
GRAPH = f"{RESOLUTION}/graph"
KINDS = {"resolution": RESOLUTION, "person": TOKAYEV, "body": COUNCIL, "paragraph": PARAGRAPH,
         "graph": GRAPH}
FORMATS = {  # name: (Accept, extension, rdflib format or None, holds graphs)
    "turtle": ("text/turtle", "ttl", "turtle", False),
    "ntriples": ("application/n-triples", "nt", "nt", False),
    "rdfxml": ("application/rdf+xml", "rdf", "xml", False),
    "nquads": ("application/n-quads", "nq", "nquads", True),
    "trig": ("application/trig", "trig", "trig", True),
    "jsonld": ("application/ld+json", "jsonld", "json-ld", True),
}


def path(iri: str) -> str:
    return urllib.parse.urlsplit(iri).path


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """The seed and a motion of 2024, built into one store."""
    folder = tmp_path_factory.mktemp("serve") / "out"
    build_corpus([SEED, corpus("B-9-2024-0216.txt")], folder, base=BASE, formats=("nquads",),
                 jobs=1)
    return folder


@pytest.fixture(scope="module")
def client(out: Path):
    app = create_app(ServeConfig(store=out / "store", base=BASE, row_cap=50,
                                 deadline=5.0, budget=1000.0))
    with TestClient(app) as c:
        yield c


def _expected(out: Path, iri: str) -> set[tuple[str, str, str, str]]:
    """What the store holds for `iri`: its statements in every graph, or a graph's content,
    as (graph, subject, predicate, object), read with a query of the test's own."""
    store = ox.Store.read_only(str(out / "store"))
    if iri == GRAPH:
        rows = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}")
        return {(iri, str(r["s"]), str(r["p"]), str(r["o"])) for r in rows}
    rows = store.query(f"SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }} }}")
    return {(str(r["g"].value), f"<{iri}>", str(r["p"]), str(r["o"])) for r in rows}


def _nt(term) -> str:
    """An rdflib term in canonical N-Triples, as the store writes it."""
    if isinstance(term, Literal):
        if term.language:
            return str(ox.Literal(str(term), language=term.language))
        datatype = term.datatype or "http://www.w3.org/2001/XMLSchema#string"
        return str(ox.Literal(str(term), datatype=ox.NamedNode(str(datatype))))
    return f"<{term}>"


def _parsed(body: bytes, rdflib_format: str, quads: bool) -> set[tuple[str, ...]]:
    """The statements of a response, parsed by rdflib (not by the server's own library)."""
    if quads:
        graph = Dataset()
        graph.parse(data=body, format=rdflib_format)
        return {(str(c), _nt(s), _nt(p), _nt(o)) for s, p, o, c in graph.quads()}
    graph = Graph()
    graph.parse(data=body, format=rdflib_format)
    return {(_nt(s), _nt(p), _nt(o)) for s, p, o in graph}


def _same_terms(found: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    """Literals written alike: the store omits xsd:string."""
    return {tuple(t.replace("^^<http://www.w3.org/2001/XMLSchema#string>", "") for t in row)
            for row in found}


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_iri_kind_in_every_format_is_what_the_store_holds(client, out, kind, fmt):
    iri = KINDS[kind]
    accept, extension, rdflib_format, quads = FORMATS[fmt]
    expected = _expected(out, iri)
    assert len(expected) >= 4
    by_accept = client.get(path(iri), headers={"Accept": accept})
    by_extension = client.get(f"{path(iri)}.{extension}")
    for response in (by_accept, by_extension):
        assert response.status_code == 200, response.text[:300]
        assert response.headers["content-type"].split(";")[0] == accept
        assert response.headers["access-control-allow-origin"] == "*"
    assert by_accept.content == by_extension.content
    assert by_accept.headers["vary"] == "Accept"
    assert by_accept.headers["content-location"] == f"{path(iri)}.{extension}"
    found = _same_terms(_parsed(by_accept.content, rdflib_format, quads))
    wanted = _same_terms(expected if quads else {row[1:] for row in expected})
    assert found == wanted


def test_accept_q_values_and_a_406_naming_the_formats(client) -> None:
    assert [m for m, _ in parse_accept("text/turtle;q=0.4, application/ld+json;q=0.9")] == [
        "text/turtle", "application/ld+json"]
    assert choose("text/turtle;q=0.4, application/ld+json;q=0.9").name == "jsonld"
    assert choose("text/html;q=0, */*;q=0.1").name == "turtle"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = client.get(path(TOKAYEV), headers={"Accept": browser})
    assert page.headers["content-type"].startswith("text/html")
    refused = client.get(path(TOKAYEV), headers={"Accept": "image/png"})
    assert refused.status_code == 406
    message = refused.json()["error"]["message"]
    assert "text/turtle" in message and "application/ld+json" in message


def test_strong_etags_answer_304(client) -> None:
    first = client.get(f"{path(TOKAYEV)}.ttl")
    tag = first.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', tag)
    again = client.get(f"{path(TOKAYEV)}.ttl", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    other = client.get(f"{path(COUNCIL)}.ttl", headers={"If-None-Match": tag})
    assert other.status_code == 200


def test_an_unknown_iri_is_a_404_in_one_shape(client) -> None:
    html = client.get(f"{path(BASE)}person/nobody", headers={"Accept": "text/html"})
    assert html.status_code == 404 and "nothing is known of this IRI" in html.text
    assert '<html lang="en">' in html.text
    data = client.get(f"{path(BASE)}person/nobody", headers={"Accept": "application/json"})
    assert data.json() == {"error": {"status": 404, "message": f"{BASE}person/nobody: "
                                     "nothing is known of this IRI here"}}


def test_the_resolution_page_reads_in_document_order(client) -> None:
    page = client.get(path(RESOLUTION), headers={"Accept": "text/html"}).text
    anchors = re.findall(r'<section class="part" id="([^"]+)"', page)
    assert anchors[:3] == ["title", "citation-1", "citation-2"]
    assert anchors.index("recital-A") < anchors.index("paragraph-1") < anchors.index(
        "paragraph-2")
    assert len(anchors) == len(set(anchors)) >= 60
    # a person's name on its words links to the person's page
    assert f'<a href="{path(TOKAYEV)}">' in page
    assert 'class="demand"' in page and 'class="reference"' in page
    # footnote markers where they stand, linking to the footnote
    assert '<sup><a href="#footnote-1">1</a></sup>' in page
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert jsonld and RESOLUTION in json.loads(jsonld.group(1).replace("<\\/", "</")).__repr__()


def test_links_here_are_counted_and_paged(client) -> None:
    page = client.get(path(RESOLUTION), headers={"Accept": "text/html"}).text
    total = int(re.search(r"Links here \((\d+)\)", page).group(1))
    assert total == 61  # its parts (eli:is_part_of), in its own graph
    assert 'href="?inverse=50" rel="next"' in page
    second = client.get(path(RESOLUTION) + "?inverse=50", headers={"Accept": "text/html"}).text
    assert 'href="?inverse=0" rel="prev"' in second and 'rel="next"' not in second
    links_here = second.split("<h2>Links here")[1]
    assert links_here.count(f'<td><a href="{path(RESOLUTION)}/') == 11
    council = client.get(path(COUNCIL), headers={"Accept": "text/html"}).text
    assert "Council of the European Union" in council


def test_an_actors_page_leads_to_its_demands_across_resolutions(client) -> None:
    page = client.get(path(COUNCIL), headers={"Accept": "text/html"}).text
    link = re.search(r'<a href="(/queries/demands-over-time\?[^"]+)">', page).group(1)
    demands = client.get(link.replace("&amp;", "&"), headers={"Accept": "text/html"}).text
    names = set(re.findall(r"<td>Council of the European Union</td>", demands))
    assert names and demands.count("<tr>") >= 2  # the header and its demands
    teu = "http://data.europa.eu/eli/treaty/teu_2016/art_21/oj"  # an instrument, not ours
    instrument = client.get("/about", params={"iri": teu}, headers={"Accept": "text/html"})
    assert instrument.status_code == 200
    citing = re.search(r'<a href="(/queries/citing-resolutions\?[^"]+)">', instrument.text)
    rows = client.get(citing.group(1).replace("&amp;", "&").replace(
        "citing-resolutions?", "citing-resolutions.json?")).json()["results"]["bindings"]
    assert [r["resolution"]["value"] for r in rows] == [RESOLUTION]
    person = client.get(path(TOKAYEV), headers={"Accept": "text/html"}).text
    assert "/queries/persons-across?person=" in person


def test_labels_in_the_requested_language_with_the_fallback_shown(client) -> None:
    english = client.get(path(RESOLUTION), headers={"Accept": "text/html"}).text
    assert '<h1 lang="en">European Parliament resolution on the situation in Kazakhstan</h1>' \
        in english and "No label in" not in english
    french = client.get(path(RESOLUTION), headers={"Accept": "text/html",
                                                   "Accept-Language": "fr-BE, en;q=0.5"}).text
    assert "No label in “fr”: shown in “en”." in french
    assert client.get(path(RESOLUTION) + "?lang=de", headers={"Accept": "text/html"}).text \
        .count("No label in “de”") == 1


def test_a_label_holding_a_script_renders_inert(tmp_path: Path) -> None:
    store = ox.Store(str(tmp_path / "store"))
    evil = ox.NamedNode(f"{BASE}person/evil")
    graph = ox.NamedNode(f"{BASE}evil/graph")
    store.add(ox.Quad(evil, ox.NamedNode("https://w3id.org/resgraph/ontology#name"),
                      ox.Literal("<script>alert(1)</script>"), graph))
    store.flush()
    del store
    with TestClient(create_app(ServeConfig(store=tmp_path / "store", base=BASE))) as c:
        page = c.get(path(str(evil.value)), headers={"Accept": "text/html"}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def _sparql(client, query: str, accept: str = "application/sparql-results+json", **kw):
    return client.get("/sparql", params={"query": query}, headers={"Accept": accept}, **kw)


def test_sparql_select_in_four_result_formats(client) -> None:
    query = ("SELECT ?name WHERE { ?p a <https://w3id.org/resgraph/ontology#Person> ; "
             "<https://w3id.org/resgraph/ontology#name> ?name } ORDER BY ?name LIMIT 3")
    as_json = _sparql(client, query).json()
    names = [b["name"]["value"] for b in as_json["results"]["bindings"]]
    assert names == ["Abai Begimbetov", "Aitbay Aliyev", "Aliya Isenova"]
    assert _sparql(client, query, "text/csv").text == (
        "name\r\nAbai Begimbetov\r\nAitbay Aliyev\r\nAliya Isenova\r\n")
    assert _sparql(client, query, "text/tab-separated-values").text.splitlines()[1] == (
        '"Abai Begimbetov"')
    assert "<literal>Abai Begimbetov</literal>" in _sparql(
        client, query, "application/sparql-results+xml").text
    posted = client.post("/sparql", content=query, headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert posted.text == _sparql(client, query, "text/csv").text


def test_a_cut_result_says_so_in_a_header_and_in_the_json(client) -> None:
    response = _sparql(client, "SELECT * WHERE { ?s ?p ?o }")
    assert response.headers["x-sparql-maxrows"] == "50"
    body = response.json()
    assert len(body["results"]["bindings"]) == 50 and body["truncated"]["rowCap"] == 50
    page = _sparql(client, "SELECT * WHERE { ?s ?p ?o }", "text/html").text
    assert "cut at the row cap" in page


@pytest.mark.parametrize("how", ["get-update", "post-update", "sparql-update", "insert-query",
                                 "load-query"])
def test_updates_are_refused_before_evaluation(client, how) -> None:
    insert = f"INSERT DATA {{ GRAPH <{BASE}x> {{ <{BASE}a> <{BASE}b> <{BASE}c> }} }}"
    if how == "get-update":
        response = client.get("/sparql", params={"update": insert})
    elif how == "post-update":
        response = client.post("/sparql", data={"update": insert})
    elif how == "sparql-update":
        response = client.post("/sparql", content=insert,
                               headers={"Content-Type": "application/sparql-update"})
    else:
        text = insert if how == "insert-query" else "LOAD <http://127.0.0.1:9/x>"
        response = client.get("/sparql", params={"query": text})
    assert response.status_code == 400
    assert "updates are refused: this endpoint is read-only" in response.text
    assert not _sparql(client, f"ASK {{ GRAPH ?g {{ <{BASE}a> ?p ?o }} }}").json()["boolean"]


def test_service_from_and_from_named_reach_no_canary(out) -> None:
    """Even allow-listed, a loopback endpoint is never called: the server refuses to start
    with it; and a query naming the canary in SERVICE, FROM or FROM NAMED is refused."""
    with canary() as (url, received):
        with pytest.raises(Exception, match="non-public address"):
            create_app(ServeConfig(store=out / "store", base=BASE,
                                   allowed_services=frozenset({url + "/sparql"})))
        app = create_app(ServeConfig(store=out / "store", base=BASE,
                                     allowed_services=frozenset({"https://1.1.1.1/sparql"})))
        with TestClient(app) as c:
            for query in (f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
                          f"SELECT * WHERE {{ SERVICE SILENT <{url}/x> {{ ?s ?p ?o }} }}",
                          "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
                          f"SELECT * FROM <{url}/g> WHERE {{ ?s ?p ?o }}",
                          f"SELECT * FROM NAMED <{url}/g> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                          f"PREFIX c: <{url}/> SELECT * WHERE {{ SERVICE c:s {{ ?s ?p ?o }} }}"):
                response = _sparql(c, query)
                assert response.status_code == 400, query
            assert _sparql(c, f"SELECT * FROM <{GRAPH}> WHERE {{ ?s ?p ?o }} LIMIT 1"
                           ).status_code == 200
        time.sleep(0.3)
        assert received == []


def test_a_request_over_the_size_limit_is_refused(client) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (70 << 10)
    response = client.post("/sparql", content=big,
                           headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


def test_a_client_over_its_query_time_budget_gets_429(out) -> None:
    app = create_app(ServeConfig(store=out / "store", base=BASE, budget=0.0001))
    with TestClient(app) as c:
        assert _sparql(c, "ASK { ?s ?p ?o }").status_code == 200
        refused = _sparql(c, "ASK { ?s ?p ?o }")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) >= 1


def test_a_service_description_on_a_bare_get(client) -> None:
    data = client.get("/sparql", headers={"Accept": "text/turtle"})
    graph = Graph().parse(data=data.content, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    features = {str(o) for o in graph.objects(None, ox_uri(sd + "feature"))}
    assert features == {sd + "UnionDefaultGraph"}
    page = client.get("/sparql", headers={"Accept": "text/html"}).text
    assert '<textarea id="query" name="query"' in page and "<script" not in page


def ox_uri(iri: str):
    from rdflib import URIRef

    return URIRef(iri)


def test_stored_queries_as_urls(client) -> None:
    rows = client.get("/queries/persons.json", params={"resolution": RESOLUTION,
                                                       "limit": "3"}).json()
    names = [b["name"]["value"] for b in rows["results"]["bindings"]]
    assert len(names) == 3 and rows["results"]["bindings"][0]["person"]["type"] == "uri"
    csv = client.get("/queries/demands.csv", params={"resolution": RESOLUTION}).text
    assert csv.startswith("resolution,demand,paragraph,act,") and csv.count("\r\n") == 51
    assert client.get("/queries/demands.rq").text.startswith("# title: demands")
    bad = client.get("/queries/demands.json", params={"colour": "red"})
    assert bad.status_code == 400 and "no parameter 'colour'" in bad.json()["error"]["message"]
    twice = client.get("/queries/demands.json?resolution=a&resolution=b")
    assert twice.status_code == 400
    page = client.get("/queries/mentions", params={"limit": "10"},
                      headers={"Accept": "text/html"}).text
    assert page.count("<tr>") == 11 and 'rel="next"' in page
    api = client.get("/openapi.json").json()
    assert "/queries/persons-across" in api["paths"] and api["openapi"] == "3.1.0"


def test_stored_query_pages_follow_their_cursors(client, out) -> None:
    """The `Link: rel="next"` header, the JSON's `next` and the page's Next link lead through
    the whole answer by cursor, each row once, in order; the last page has none."""
    whole = ox.Store.read_only(str(out / "store"))
    expected = len(list(whole.query(
        "SELECT ?m WHERE { GRAPH ?g { ?m a <https://w3id.org/resgraph/ontology#Mention> } }")))
    assert expected > 200
    streamed = client.get("/queries/mentions.json", params={"rows": "all"})
    assert streamed.status_code == 200
    every = streamed.json()["results"]["bindings"]
    assert len(every) == expected
    seen, url, pages = [], "/queries/mentions.json?limit=40", 0
    while url:
        answer = client.get(url)
        assert answer.status_code == 200
        doc = answer.json()
        seen += doc["results"]["bindings"]
        pages += 1
        url = doc.get("next")
        link = answer.headers.get("link")
        assert (link is None) == (url is None)
        if url:
            assert link == f'<{url}>; rel="next"' and "cursor=" in url and "offset" not in url
    assert seen == every and pages == expected // 40 + 1
    html = client.get("/queries/mentions.html", params={"limit": "10"}).text
    following = re.search(r'href="(\?[^"]*cursor=[^"]*)" rel="next"', html)
    assert following is not None
    second = client.get("/queries/mentions.html" + following.group(1).replace("&amp;", "&"))
    assert second.status_code == 200 and 'rel="first"' in second.text
    assert second.text.count("<tr>") == 11
    as_json = client.get("/queries/mentions.json" + following.group(1).replace("&amp;", "&"))
    assert as_json.json()["results"]["bindings"] == every[10:20]
    bad = client.get("/queries/mentions.json", params={"limit": "10", "cursor": "nonsense"})
    assert bad.status_code == 400 and "not a cursor" in bad.json()["error"]["message"]
    cursor = re.search(r"cursor=([^&]+)", following.group(1)).group(1)
    other = client.get("/queries/mentions.json", params={"limit": "11", "cursor": cursor})
    assert other.status_code == 400 and "another limit" in other.json()["error"]["message"]


def test_a_page_over_the_row_cap_and_a_malformed_cursor_are_refused(client) -> None:
    """A page the cap would cut would hand on a cursor past rows never given; a cursor
    made up to be deep is one line, not a worker's failure."""
    over = client.get("/queries/mentions.json", params={"limit": "51"})
    assert over.status_code == 400
    assert over.json()["error"]["message"] == ("limit=51: at most 50 rows a page (the row "
                                               "cap); rows=all gives every row")
    import base64
    deep = base64.urlsafe_b64encode(b"[" * 5000).decode().rstrip("=")
    bad = client.get("/queries/mentions.json", params={"limit": "10", "cursor": deep})
    assert bad.status_code == 400
    assert bad.json()["error"]["message"].startswith("cursor=")
    assert "not a cursor this server gave" in bad.json()["error"]["message"]


@pytest.mark.parametrize("fmt", ["json", "csv", "tsv", "xml"])
def test_whole_stored_query_answers_stream_in_pages(client, out, fmt) -> None:
    """rows=all: every row, past the row cap (50 here) and over several pages (of 60 here),
    as one document of the format (the pages' joins are where a streamed document breaks)."""
    store = ox.Store.read_only(str(out / "store"))
    expected = len(list(store.query(
        "SELECT ?m WHERE { GRAPH ?g { ?m a <https://w3id.org/resgraph/ontology#Mention> } }")))
    assert expected > 4 * 60
    capped = client.get(f"/queries/mentions.{fmt}")
    assert capped.headers["x-sparql-maxrows"] == "50"
    app = create_app(ServeConfig(store=out / "store", base=BASE, row_cap=50, stream_page=60,
                                 budget=1000.0))
    with TestClient(app) as streaming:
        answer = streaming.get(f"/queries/mentions.{fmt}", params={"rows": "all"})
    assert answer.status_code == 200 and "x-sparql-maxrows" not in answer.headers
    if fmt == "json":
        rows = len(answer.json()["results"]["bindings"])
    elif fmt == "csv":
        rows = answer.text.count("\r\n") - 1
        assert answer.text.startswith("resolution,entity,text,part,start,end\r\n")
    elif fmt == "tsv":
        rows = answer.text.count("\n") - 1
    else:
        from xml.etree import ElementTree
        tree = ElementTree.fromstring(answer.content)
        rows = len(tree.findall(".//{http://www.w3.org/2005/sparql-results#}result"))
    assert rows == expected


def test_rows_all_refuses_paging_and_pages(client) -> None:
    for params in ({"rows": "all", "limit": "5"}, {"rows": "all", "offset": "5"},
                   {"rows": "some"}):
        answer = client.get("/queries/mentions.json", params=params)
        assert answer.status_code == 400, params
    assert client.get("/queries/mentions.html", params={"rows": "all"}).status_code == 400


def test_search_by_title_procedure_and_actor(client) -> None:
    def hits(words: str) -> list[str]:
        page = client.get("/search", params={"q": words}, headers={"Accept": "text/html"})
        assert page.status_code == 200
        return re.findall(r"<li>(\w+): <a href=\"([^\"]+)\">", page.text)

    assert ("resolution", path(RESOLUTION)) in hits("situation in KAZAKHSTAN")
    assert hits("2022/2505") == [("procedure", path(RESOLUTION))]
    assert ("actor", path(TOKAYEV)) in hits("tokayev")
    assert hits('x" } } ; DROP ALL #') == []  # the words are a string, never SPARQL


def test_every_internal_link_answers(client) -> None:
    """A crawl from the home page through every internal link (resolution, actor, query and
    SPARQL pages), 400 pages at most: no broken link."""
    todo, seen, broken = ["/"], set(), []
    while todo and len(seen) < 400:
        url = todo.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, headers={"Accept": "text/html"})
        if response.status_code != 200:
            broken.append((url, response.status_code))
            continue
        if not response.headers["content-type"].startswith("text/html"):
            continue
        for href in re.findall(r'href="([^"#]+)', response.text):
            href = href.replace("&amp;", "&")
            if href.startswith("?"):
                href = url.split("?")[0] + href
            if href.startswith("/") and not href.startswith("//"):
                todo.append(href)
    assert len(seen) >= 100 and broken == []


def test_a_runaway_query_is_stopped_at_the_deadline_while_pages_answer(out) -> None:
    """The real server on 127.0.0.1: a cartesian product is stopped within the deadline and
    0.2 s; a resource page answers meanwhile."""
    with serving(out / "store", "--deadline", "1") as root:
        product = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        outcome: dict[str, object] = {}

        def runaway() -> None:
            started = time.monotonic()
            try:
                HTTP.open(f"{root}/sparql?query={urllib.parse.quote(product)}", timeout=10)
            except urllib.error.HTTPError as exc:
                outcome["status"] = exc.code
            outcome["seconds"] = time.monotonic() - started

        thread = threading.Thread(target=runaway)
        thread.start()
        time.sleep(0.3)
        started = time.monotonic()
        with HTTP.open(f"{root}{path(TOKAYEV)}.ttl", timeout=5) as page:
            assert page.status == 200 and b"Tokayev" in page.read()
        assert time.monotonic() - started < 0.5
        thread.join()
        assert outcome["status"] == 503
        assert 1.0 <= outcome["seconds"] <= 1.0 + 0.2  # the deadline, and 0.2 s


def test_void_is_counted_from_the_data(client, out) -> None:
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = Graph().parse(data=response.content, format="turtle")
    void = "http://rdfs.org/ns/void#"
    dataset = ox_uri(f"{BASE}dataset")
    store = ox.Store.read_only(str(out / "store"))
    triples = len(list(store.quads_for_pattern(None, None, None, None)))
    assert int(graph.value(dataset, ox_uri(void + "triples"))) == triples
    persons = {(str(p), int(n)) for p, n in graph.query(
        "SELECT ?part ?n WHERE { ?d <http://rdfs.org/ns/void#classPartition> ?part . ?part "
        "<http://rdfs.org/ns/void#class> <https://w3id.org/resgraph/ontology#Person> ; "
        "<http://rdfs.org/ns/void#entities> ?n }")}
    assert [n for _, n in persons] == [31 + len(list(store.quads_for_pattern(  # both texts
        None, None, ox.NamedNode("https://w3id.org/resgraph/ontology#Person"),
        ox.NamedNode(f"{BASE}2024-2686-DEA/B-9-2024-0216/graph"))))]
    links = {str(t): int(n) for t, n in graph.query(
        "SELECT ?title (SUM(?n) AS ?total) WHERE { ?l a <http://rdfs.org/ns/void#Linkset> ; "
        "<http://rdfs.org/ns/void#objectsTarget> ?t ; <http://rdfs.org/ns/void#triples> ?n . "
        "?t <http://purl.org/dc/terms/title> ?title } GROUP BY ?title")}
    assert links["Wikidata"] > 0 and links["EP Open Data Portal"] > 0
    assert client.get(f"{path(BASE)}dataset.ttl").content == response.content


def test_the_sitemap_lists_every_resolution_and_actor(client) -> None:
    body = client.get("/sitemap.xml").text
    locations = re.findall(r"<loc>http://testserver([^<]+)</loc>", body)
    assert path(RESOLUTION) in locations and path(TOKAYEV) in locations
    assert path(f"{BASE}2024-2686-DEA/B-9-2024-0216") in locations
    assert locations == sorted(locations) and len(locations) == len(set(locations)) > 60
    for location in locations[:: max(1, len(locations) // 20)]:
        assert client.get(location, headers={"Accept": "text/html"}).status_code == 200


@pytest.mark.parametrize("args, message", [
    (["--store", "/nonexistent/store"], "/nonexistent/store: no resgraph store here"),
    (["--allow-service", "http://127.0.0.1:9/sparql"],
     "--allow-service http://127.0.0.1:9/sparql: 127.0.0.1 is a non-public address"),
    (["--host", "10.255.255.1"], "--host 10.255.255.1 --port 8000: cannot listen there"),
    (["--dumps", "/nonexistent/dumps"], "--dumps /nonexistent/dumps: no such directory"),
    (["--publisher", "the EP"], "--publisher the EP: expected a corporate-body code"),
])
def test_serve_refuses_with_one_line(out, args, message) -> None:
    command = [sys.executable, "-m", "resgraph.cli", "serve", "--store", str(out / "store"),
               *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"resgraph: error: {message}")
    assert done.stderr.count("\n") == 1


def test_a_resolutions_events_on_a_timeline_page(client) -> None:
    page = client.get(path(RESOLUTION), headers={"Accept": "text/html"}).text
    link = re.search(r'<a href="(/timeline\?[^"]+)">timeline of its events</a>', page).group(1)
    timeline = client.get(link.replace("&amp;", "&"), headers={"Accept": "text/html"})
    assert timeline.status_code == 200
    assert re.search(r"<p>45 events, 29 of them dated", timeline.text)
    assert "<svg" in timeline.text and "<script" not in timeline.text
    missing = client.get("/timeline", params={"resolution": f"{BASE}nothing"},
                         headers={"Accept": "application/json"})
    assert missing.status_code == 404


def test_rows_all_whose_later_page_is_refused_ends_unfinished_with_one_line(out, capsys,
                                                                             ) -> None:
    """A client whose time budget runs out after the first page: the body stops where the
    refusal came, without its end (a JSON document that does not close), and the server
    writes one line saying so, not a traceback."""
    app = create_app(ServeConfig(store=out / "store", base=BASE, row_cap=50, stream_page=60,
                                 budget=0.0001))
    with TestClient(app) as streaming:
        answer = streaming.get("/queries/mentions.json", params={"rows": "all"})
    assert answer.status_code == 200
    assert answer.text.count('"resolution":') == 60  # the first page, then nothing
    with pytest.raises(json.JSONDecodeError):
        json.loads(answer.text)
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("resgraph serve: /queries/mentions.json: rows=all ended unfinished: "
                           "this client used its 0.0001 s of query time in "), line
