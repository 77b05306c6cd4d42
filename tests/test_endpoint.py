"""`resgraph query --endpoint` against a real SPARQL server.

The module starts the `oxigraph` server (from the `oxigraph` PyPI package, part of the `test`
extra) on a free loopback port, uploads the bundled seed's N-Quads to it over HTTP, and checks
that every stored query answers the same rows through the endpoint as through the embedded
store that `build` writes, and that those rows are the seed's actual content.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import servers
from click.testing import CliRunner

from resgraph.cli import main
from resgraph.corpus import build_corpus
from resgraph.federation import is_federated
from resgraph.queries import stored_queries
from resgraph.resources import default_seed
from resgraph.vocab import DEFAULT_BASE

RESOLUTION = "https://w3id.org/resgraph/id/2022-2505-RSP/joint-motion"
GRAPH = f"{RESOLUTION}/graph"

_HTTP = servers.HTTP  # loopback only, never through an environment proxy
_free_port = servers.free_port


def _ask_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": "ASK {}"})


def _sparql_json(port: int, query: str) -> dict:
    url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with _HTTP.open(request, timeout=5) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled seed built with the library: resgraph.nq and store/ in a fresh directory."""
    out = tmp_path_factory.mktemp("seed-out")
    build_corpus([default_seed()], out, base=DEFAULT_BASE, formats=["nquads"], jobs=1)
    assert (out / "resgraph.nq").is_file() and (out / "store" / "CURRENT").is_file()
    return out


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory, seed_out: Path) -> Iterator[str]:
    """A running oxigraph server holding the seed; yields its query URL."""
    with servers.oxigraph(tmp_path_factory.mktemp("oxigraph-db")) as store:
        upload = urllib.request.Request(
            store.graph_store, method="POST", data=(seed_out / "resgraph.nq").read_bytes(),
            headers={"Content-Type": "application/n-quads"},
        )
        with _HTTP.open(upload, timeout=10) as response:
            assert response.status in (200, 201, 204), response.status
        yield store.query


@pytest.fixture(autouse=True)
def _empty_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from an empty directory, so a CLI that ignored --endpoint/--store could not quietly
    fall back to some ./resgraph-out/store lying around."""
    monkeypatch.chdir(tmp_path)


def _run(args: list[str]) -> list[dict]:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, (
        f"resgraph {' '.join(args)} exited {result.exit_code}\n"
        f"stdout: {result.stdout}\nstderr: {result.stderr}\nexception: {result.exception!r}"
    )
    return json.loads(result.stdout)


def _via_endpoint(url: str, name: str, *extra: str) -> list[dict]:
    return _run(["query", name, "--endpoint", url, "--format", "json", *extra])


def _via_store(out: Path, name: str, *extra: str) -> list[dict]:
    return _run(["query", name, "--store", str(out / "store"), "--format", "json", *extra])


# --- what each stored query must answer for the seed (2022/2505(RSP), Kazakhstan) ------------

def _check_paragraphs(rows: list[dict]) -> None:
    assert len(rows) == 27
    assert [r["number"] for r in rows] == [str(n) for n in range(1, 28)]
    assert [r["paragraph"] for r in rows] == [f"{RESOLUTION}/paragraph/{n}" for n in range(1, 28)]
    by_number = {r["number"]: r for r in rows}
    assert by_number["4"]["text"].startswith(
        "Urges the Government of Kazakhstan to immediately release"
    )
    assert by_number["1"]["text"].startswith("Deeply regrets the loss of life")
    assert by_number["27"]["text"].startswith("Instructs its President to forward this resolution")


def _check_citations(rows: list[dict]) -> None:
    assert len(rows) == 10
    # rg:order is an xsd:integer, so 10 sorts after 9, not after 1.
    assert [r["number"] for r in rows] == [str(n) for n in range(1, 11)]
    assert [r["citation"] for r in rows] == [f"{RESOLUTION}/citation/{n}" for n in range(1, 11)]
    assert all(r["text"].startswith("having regard to ") for r in rows)
    assert rows[0]["text"].startswith(
        "having regard to its resolution of 11 February 2021 on the human rights situation in "
        "Kazakhstan"
    )
    assert rows[9]["text"] == "having regard to Rule 144(5) and 132(4) of its Rules of Procedure,"


def _check_recitals(rows: list[dict]) -> None:
    assert len(rows) == 18
    labels = "ABCDEFGHIJKLMNOPQR"
    assert [r["label"] for r in rows] == list(labels)
    assert [r["recital"] for r in rows] == [f"{RESOLUTION}/recital/{c}" for c in labels]
    assert all(r["text"].startswith("whereas ") for r in rows)
    assert rows[0]["text"].startswith(
        "whereas on 2 January 2022 thousands of people started protesting peacefully in the city "
        "of Zhanaozen"
    )


def _check_footnotes(rows: list[dict]) -> None:
    assert len(rows) == 5
    assert [r["number"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert [r["footnote"] for r in rows] == [f"{RESOLUTION}/footnote/{n}" for n in range(1, 6)]
    texts = {r["number"]: r["text"] for r in rows}
    assert texts == {
        "1": "Texts adopted, P9_TA(2021)0056.",
        "2": "OJ C 23, 21.1.2021, p. 83.",
        "3": "OJ C 45, 5.2.2016, p. 85.",
        "4": "OJ C 251 E, 31.8.2013, p. 93.",
        "5": "OJ C 224 E, 19.8.2010, p. 30.",
    }
    # All five markers sit in the first citation ("its resolution of 11 February 2021 ... and
    # its previous resolutions on Kazakhstan of 14 March 2019, 18 April 2013, ...").
    assert {r["anchor"] for r in rows} == {f"{RESOLUTION}/citation/1"}


def _check_resolutions(rows: list[dict]) -> None:
    assert rows == [{
        "resolution": RESOLUTION,
        "title": "European Parliament resolution on the situation in Kazakhstan",
        "procedure": "2022/2505(RSP)",
        "procedureIri": "https://data.europarl.europa.eu/eli/dl/proc/2022-2505",
        "kind": "joint motion for a resolution",
        "date": None,  # the joint motion's text carries no adoption date
    }]


ENTITY = "https://w3id.org/resgraph/id/entity/"


def _check_persons(rows: list[dict]) -> None:
    assert len(rows) == 31
    names = [r["name"] for r in rows]
    assert names == sorted(names)
    tokayev = next(r for r in rows if r["name"] == "Kassym-Jomart Tokayev")
    assert tokayev == {"resolution": RESOLUTION, "person": "https://w3id.org/resgraph/id/person/"
                       "kassym-jomart-tokayev", "name": "Kassym-Jomart Tokayev",
                       "role": "President"}
    assert {"Askhat Zheksebayev", "Saltanat Kusmankyzy", "Vasilyi Polonskyi"} <= set(names)
    assert "Zheksebayev Askhat" not in names


def _check_organisations(rows: list[dict]) -> None:
    by_name = {r["name"]: r for r in rows}
    assert by_name["Collective Security Treaty Organization"]["wikidata"] == (
        "http://www.wikidata.org/entity/Q318693")
    # a QID seen in two sources is published in this column (one seen once is a candidate)
    assert by_name["European Commission"]["wikidata"] == "http://www.wikidata.org/entity/Q8880"
    assert by_name["Authorities of Kazakhstan"]["organisation"] == (
        f"{ENTITY}authorities-of-kazakhstan")
    assert {"TV Rain", "Koshe Partiyasy", "Democratic Choice of Kazakhstan",
            "Government of Kazakhstan", "Bostandyq Kz"} <= set(by_name)


def _check_places(rows: list[dict]) -> None:
    by_name = {r["name"]: r for r in rows}
    assert by_name["Kazakhstan"] == {"resolution": RESOLUTION, "place": f"{ENTITY}kazakhstan",
                                     "name": "Kazakhstan",
                                     "wikidata": "http://www.wikidata.org/entity/Q232"}
    assert by_name["Almaty"]["wikidata"] == "http://www.wikidata.org/entity/Q35493"
    assert {"Zhanaozen", "Taldykorgan", "Semey"} <= set(by_name)


def _check_demands(rows: list[dict]) -> None:
    release = [r for r in rows if r["demand"] == f"{RESOLUTION}/paragraph/4/demand/2"]
    assert release == [{
        "resolution": RESOLUTION, "demand": f"{RESOLUTION}/paragraph/4/demand/2",
        "paragraph": "4", "act": "urges", "actType": "directive",
        "addressee": f"{ENTITY}authorities-of-kazakhstan",
        "addresseeName": "Authorities of Kazakhstan",
        "action": release[0]["action"],
    }]
    assert release[0]["action"].startswith("immediately release and fully rehabilitate")
    first = rows[0]
    assert (first["paragraph"], first["act"], first["actType"], first["addressee"]) == (
        "1", "regrets", "expressive", None)
    instructs = [r for r in rows if r["paragraph"] == "27"]
    assert [(r["act"], r["addressee"]) for r in instructs] == [
        ("instructs", f"{ENTITY}president-european-parliament")]


def _check_demand_targets(rows: list[dict]) -> None:
    release = [r for r in rows if r["demand"] == f"{RESOLUTION}/paragraph/4/demand/2"]
    assert len(release) == 17
    assert "Raigul Sadyrbayeva" in {r["targetName"] for r in release}


def _check_mentions(rows: list[dict]) -> None:
    tokayev = [r for r in rows
               if r["entity"] == "https://w3id.org/resgraph/id/person/kassym-jomart-tokayev"]
    assert tokayev[0] == {"resolution": RESOLUTION,
                          "entity": "https://w3id.org/resgraph/id/person/kassym-jomart-tokayev",
                          "text": "President Kassym-Jomart Tokayev",
                          "part": f"{RESOLUTION}/recital/F", "start": "131", "end": "162"}
    # "him" (paragraph 5) is resolved in the demand's addressee, not tagged as a mention
    assert {r["text"] for r in tokayev} == {"President Kassym-Jomart Tokayev",
                                            "President Tokayev", "President"}


def _check_legal_references(rows: list[dict]) -> None:
    teu = [(r["article"], r["target"]) for r in rows
           if r["instrumentName"] == "Treaty on European Union"]
    assert teu == [(a, f"http://data.europa.eu/eli/treaty/teu_2016/art_{a.split('(')[0]}/oj")
                   for a in ("2", "3(5)", "21", "24", "29", "31")]
    first = rows[0]
    assert first["part"] == f"{RESOLUTION}/citation/1"
    assert first["target"] == "https://data.europarl.europa.eu/eli/dl/doc/TA-9-2021-0056"
    assert first["text"] == "11 February 2021"


def _check_events(rows: list[dict]) -> None:
    assert len(rows) == 45
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated) and len(dated) == 29  # a timeline; undated rows come last
    assert all(r["date"] is None for r in rows[29:])
    assert (rows[0]["date"], rows[0]["type"], rows[0]["placeName"]) == ("2011", "protest",
                                                                         "Zhanaozen")
    protest = next(r for r in rows if r["date"] == "2022-01-02")
    assert protest == {
        "resolution": RESOLUTION, "event": f"{RESOLUTION}/recital/A/event/1",
        "label": "on 2 January 2022 thousands of people started protesting peacefully in the "
                 "city of Zhanaozen",
        "type": "protest", "date": "2022-01-02", "endDate": None,
        "place": "https://w3id.org/resgraph/id/place/zhanaozen", "placeName": "Zhanaozen"}
    dialogue = next(r for r in rows if r["endDate"] == "2021-12-03")
    assert (dialogue["date"], dialogue["type"]) == ("2021-12-02", "meeting or dialogue")
    assert [r["date"] for r in rows if r["type"] == "state of emergency"] == ["2022-01-05"]
    assert [r["date"] for r in rows if r["type"] == "trade measure"] == ["2022-01-12"]
    assert ("2022-01-08", "Taldykorgan") in {(r["date"], r["placeName"]) for r in rows
                                             if r["type"] == "killing"}


def _check_figures(rows: list[dict]) -> None:
    by_text = {(r["value"], r["counts"]): r for r in rows}
    detained = by_text[("10000", "people")]
    assert detained["qualifier"] == "nearly"
    assert detained["event"] == f"{RESOLUTION}/recital/E/event/1"
    assert by_text[("225", "people")]["qualifier"] == "at least"
    assert by_text[("19", "law enforcement officers")]["qualifier"] is None
    assert by_text[("60", "cities")]["event"] == f"{RESOLUTION}/recital/A/event/1"
    assert by_text[("155", "countries")]["figure"] == f"{RESOLUTION}/recital/M/figure/1"
    assert rows[0]["figure"] == f"{RESOLUTION}/citation/3/figure/1"  # document order
    assert by_text[("5", "days")]["figure"] == f"{RESOLUTION}/recital/F/figure/1"
    assert by_text[("20000", "numbers")]["qualifier"] == "around"
    assert len(rows) == 16


def _check_demands_over_time(rows: list[dict]) -> None:
    assert len(rows) == 54  # every clause with an addressee
    council = [r for r in rows if r["addressee"] == f"{ENTITY}council-eu"]
    assert [(r["paragraph"], r["act"], r["addresseeName"]) for r in council] == [
        ("23", "calls on", "Council of the European Union")]
    assert (rows[0]["paragraph"], rows[0]["act"], rows[0]["addressee"]) == (
        "2", "urges", f"{ENTITY}authorities-of-kazakhstan")


def _check_citing_resolutions(rows: list[dict]) -> None:
    by_target = {r["target"]: r for r in rows}
    teu21 = by_target["http://data.europa.eu/eli/treaty/teu_2016/art_21/oj"]
    assert (teu21["resolution"], teu21["instrumentName"]) == (RESOLUTION,
                                                              "Treaty on European Union")
    assert teu21["firstPart"] == f"{RESOLUTION}/citation/4"
    assert int(teu21["references"]) == 1


def _check_nothing_across_one_resolution(rows: list[dict]) -> None:
    assert rows == []  # one resolution: nothing repeats across resolutions


EXPECTED: dict[str, Callable[[list[dict]], None]] = {
    "demands-over-time": _check_demands_over_time,
    "citing-resolutions": _check_citing_resolutions,
    "repeated-demands": _check_nothing_across_one_resolution,
    "persons-across": _check_nothing_across_one_resolution,
    "events": _check_events,
    "figures": _check_figures,
    "legal-references": _check_legal_references,
    "persons": _check_persons,
    "organisations": _check_organisations,
    "places": _check_places,
    "demands": _check_demands,
    "demand-targets": _check_demand_targets,
    "mentions": _check_mentions,
    "paragraphs": _check_paragraphs,
    "citations": _check_citations,
    "recitals": _check_recitals,
    "footnotes": _check_footnotes,
    "resolutions": _check_resolutions,
}
# Those that ask another endpoint themselves run on the store (tests/test_federated.py).
QUERY_NAMES = sorted(n for n, q in stored_queries().items() if not is_federated(q))


def _columns(name: str) -> list[str]:
    """The columns a stored query's header promises."""
    header = next(line for line in stored_queries()[name].text.splitlines()
                  if line.startswith("# columns:"))
    return [c.split()[0] for c in header.split(":", 1)[1].split(",")]


def _expectation(name: str) -> Callable[[list[dict]], None]:
    if name not in EXPECTED:
        pytest.fail(f"stored query {name!r} has no expected seed answer in {__file__}; add one",
                    pytrace=False)
    return EXPECTED[name]


# --- tests -------------------------------------------------------------------------------------

def test_endpoint_holds_exactly_the_seed_graph(endpoint: str, seed_out: Path) -> None:
    port = int(urllib.parse.urlsplit(endpoint).port or 0)
    data = _sparql_json(
        port, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    )
    counts = {b["g"]["value"]: int(b["n"]["value"]) for b in data["results"]["bindings"]}
    lines = [ln for ln in (seed_out / "resgraph.nq").read_text(encoding="utf-8").splitlines() if ln]
    assert counts == {GRAPH: len(lines)}
    assert len(lines) > 600


def test_every_stored_query_is_covered() -> None:
    assert set(QUERY_NAMES) >= set(EXPECTED), "an expected stored query disappeared"
    missing = sorted(set(QUERY_NAMES) - set(EXPECTED))
    assert not missing, f"stored queries without an expected seed answer: {missing}"


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_endpoint_matches_store(name: str, endpoint: str, seed_out: Path) -> None:
    check = _expectation(name)
    remote = _via_endpoint(endpoint, name)
    local = _via_store(seed_out, name)
    assert remote == local
    check(remote)
    if "resolution" in _columns(name):
        assert {r["resolution"] for r in remote} == {RESOLUTION}


@pytest.mark.parametrize(
    "name", [n for n in QUERY_NAMES if "resolution" in stored_queries()[n].parameters]
)
def test_endpoint_resolution_parameter(name: str, endpoint: str, seed_out: Path) -> None:
    check = _expectation(name)
    everything = _via_endpoint(endpoint, name)
    bound = _via_endpoint(endpoint, name, "--param", f"resolution={RESOLUTION}")
    assert bound == everything
    check(bound)
    assert _via_store(seed_out, name, "--param", f"resolution={RESOLUTION}") == bound
    assert _via_endpoint(endpoint, name, "--param", "resolution=https://example.org/none") == []


def test_unreachable_endpoint_is_a_one_line_error() -> None:
    port = _free_port()  # bound then released: nothing listens there now
    url = f"http://127.0.0.1:{port}/query"
    result = CliRunner().invoke(main, ["query", "paragraphs", "--endpoint", url,
                                       "--format", "json"])
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"resgraph: error: {url}: the endpoint failed:"), lines[0]
    assert "refused" in lines[0].lower()
