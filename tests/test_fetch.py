"""resgraph fetch and build REF against a real HTTP server on 127.0.0.1 serving recorded
responses: the ODP's API record of RC-9-2021-0068 as the ODP sent it (from the shared
folder), and the seed in the EP's XML and in Formex (tests/fixtures) as the files behind them.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from resgraph.fetch import (
    BadReference,
    Cache,
    Fetcher,
    FetchError,
    Http,
    HttpSettings,
    Services,
    parse_reference,
    save,
)
from resgraph.pipeline import build_one

from conftest import REPO, shared_file

FIXTURES = REPO / "tests" / "fixtures"
QUICK = HttpSettings(timeout=1.0, attempts=3, backoff=0.05, max_wait=5.0, min_interval=0.0)
TA_RECORD = "/api/adopted-texts/TA-9-2022-0012"
TA_XML = "/distribution/doc/TA-9-2022-0012_en.xml"


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a hang, when longer than the timeout)
    truncate: bool = False  # promise more bytes than are sent, then close


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


class Recorded:
    """A real HTTP server on 127.0.0.1: each path answers its recorded responses in turn (the
    last one repeats); any other path is a 404."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Answer]] = {}
        self.seen: list[Seen] = []
        recorded = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                recorded.seen.append(Seen(self.path, dict(self.headers), time.monotonic()))
                path = self.path.split("?")[0]
                answers = recorded.routes.get(path) or [Answer(404, b"not found")]
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                time.sleep(answer.delay)
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                length = len(answer.body) * (2 if answer.truncate else 1)
                self.send_header("Content-Length", str(length))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(answer.body)
                self.close_connection = True

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def services(self) -> Services:
        return Services(odp_api=f"{self.url}/api", odp_data=self.url,
                        doceo=f"{self.url}/doceo", cellar=f"{self.url}/celex")

    def paths(self) -> list[str]:
        return [s.path.split("?")[0] for s in self.seen]


@pytest.fixture
def server():
    recorded = Recorded()
    recorded.thread.start()
    yield recorded
    recorded.server.shutdown()
    recorded.server.server_close()


def ta_record(path: str) -> bytes:
    """An adopted-texts record in the shape of the recorded plenary-documents one: work ->
    /en expression -> manifestations (ids relative to the API's @base)."""
    return json.dumps({"data": [{
        "id": "eli/dl/doc/TA-9-2022-0012", "type": "Work",
        "is_realized_by": [
            {"id": "eli/dl/doc/TA-9-2022-0012/fr", "is_embodied_by": [
                {"id": "eli/dl/doc/TA-9-2022-0012/fr/xml",
                 "is_exemplified_by": "distribution/doc/TA-9-2022-0012_fr.xml"}]},
            {"id": "eli/dl/doc/TA-9-2022-0012/en", "is_embodied_by": [
                {"id": "eli/dl/doc/TA-9-2022-0012/en/pdf",
                 "is_exemplified_by": "distribution/doc/TA-9-2022-0012_en.pdf"},
                {"id": "eli/dl/doc/TA-9-2022-0012/en/xml", "is_exemplified_by": path}]},
        ]}]}).encode()


def fetcher(server: Recorded, tmp_path: Path, refresh: bool = False,
            settings: HttpSettings = QUICK) -> Fetcher:
    return Fetcher(Http(settings), Cache(tmp_path / "cache"), server.services(), refresh)


def formex_zip() -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member in sorted((FIXTURES / "seed.formex").iterdir()):
            archive.write(member, member.name)
    return buffer.getvalue()


# -- references ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "odp_id", "celex"), [
    ("P9_TA(2022)0012", "TA-9-2022-0012", None),
    ("T9-0012/2022", "TA-9-2022-0012", None),
    ("P10_TA(2025)0096", "TA-10-2025-0096", None),
    ("B10\u20110249/2025", "B-10-2025-0249", None),
    ("RC-B9-0065/2022", "RC-9-2022-0065", None),
    ("A9-0150/2024", "A-9-2024-0150", None),
    ("TA-9-2022-0012", "TA-9-2022-0012", None),
    ("https://www.europarl.europa.eu/doceo/document/TA-9-2022-0012_EN.html",
     "TA-9-2022-0012", None),
    ("https://data.europarl.europa.eu/eli/dl/doc/RC-9-2022-0065", "RC-9-2022-0065", None),
    ("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:52022IP0012", None,
     "52022IP0012"),
])
def test_references_in_every_form(given: str, odp_id: str | None, celex: str | None) -> None:
    ref = parse_reference(given)
    assert (ref.odp_id, ref.celex) == (odp_id, celex)


def test_a_text_adopted_may_be_any_ep_act_type_in_cellar() -> None:
    assert parse_reference("P9_TA(2022)0012").celex_candidates() == (
        "52022IP0012", "52022AP0012", "52022DP0012", "52022BP0012", "52022XP0012")
    assert parse_reference("B9-0065/2022").celex_candidates() == ()


def test_a_reference_that_names_nothing_is_one_line() -> None:
    with pytest.raises(BadReference, match=r"^Kazakhstan: not a document reference"):
        parse_reference("Kazakhstan")


# -- sources, in order -------------------------------------------------------------------------


def test_odp_record_leads_to_the_eps_xml_and_build_gives_the_text_adopted(server, tmp_path):
    server.routes[TA_RECORD] = [Answer(body=ta_record(TA_XML.lstrip("/")),
                                       headers={"Content-Type": "application/ld+json"})]
    server.routes[TA_XML] = [Answer(body=(FIXTURES / "seed.sdocta.xml").read_bytes(),
                                    headers={"Content-Type": "application/xml"})]
    got = fetcher(server, tmp_path).fetch(parse_reference("P9_TA(2022)0012"))
    assert (got.source, got.from_cache, got.extension) == ("ODP", False, ".xml")
    assert server.paths() == [TA_RECORD, TA_XML]  # the English XML, not the PDF or French
    first = server.seen[0]
    assert first.path.endswith("?format=application%2Fld%2Bjson&language=en")
    assert first.headers["Accept"] == "application/ld+json"
    assert first.headers["User-Agent"].startswith("resgraph/")
    path = save(got, tmp_path / "out")
    assert path.name == "TA-9-2022-0012.xml"
    assert path.read_bytes() == (FIXTURES / "seed.sdocta.xml").read_bytes()
    built = build_one(path)
    assert built.resolution.metadata.kind == "text-adopted"
    assert len(built.resolution.paragraphs) == 27


def test_the_recorded_odp_record_of_a_joint_motion_leads_to_its_xhtml(server, tmp_path):
    record = shared_file("odp/samples/HowTheyVote-howtheyvote/backend/tests/scrapers/data/"
                         "votes/odp-document_rc-9-2021-0068.json")
    server.routes["/api/plenary-documents/RC-9-2021-0068"] = [Answer(body=record.read_bytes())]
    xhtml = "/distribution/reds_iPlRc/RC-9-2021-0068/RC-9-2021-0068_en.xhtml"
    server.routes[xhtml] = [Answer(body=(FIXTURES / "seed.oj.html").read_bytes(),
                                   headers={"Content-Type": "application/xhtml+xml"})]
    got = fetcher(server, tmp_path).fetch(parse_reference("RC-B9-0068/2021"))
    # The record lists pdf, docx and xhtml manifestations: the one with markup is chosen.
    assert server.paths() == ["/api/plenary-documents/RC-9-2021-0068", xhtml]
    assert got.document.url == server.url + xhtml
    assert save(got, tmp_path / "out").name == "RC-9-2021-0068.xhtml"


def test_without_an_odp_record_the_doceo_page_then_cellar_formex(server, tmp_path):
    server.routes["/celex/52022AP0012"] = [Answer(body=formex_zip(),
                                                  headers={"Content-Type": "application/zip"})]
    got = fetcher(server, tmp_path).fetch(parse_reference("T9-0012/2022"))
    assert server.paths() == [TA_RECORD, "/doceo/TA-9-2022-0012_EN.html",
                              "/doceo/TA-9-2022-0012_EN.pdf", "/celex/52022IP0012",
                              "/celex/52022AP0012"]
    cellar = server.seen[-1].headers
    assert cellar["Accept"] == "application/zip;mtype=fmx4" and cellar["Accept-Language"] == "eng"
    assert got.source == "Cellar Formex 52022AP0012"
    built = build_one(save(got, tmp_path / "out"))
    assert (len(built.resolution.recitals), len(built.resolution.footnotes)) == (18, 5)


def test_nothing_anywhere_is_one_line_naming_every_source(server, tmp_path) -> None:
    with pytest.raises(FetchError) as err:
        fetcher(server, tmp_path).fetch(parse_reference("B9-0065/2022"))
    assert str(err.value) == ("B9-0065/2022: not found (ODP record: 404; doceo HTML: 404; "
                              "doceo PDF: 404)")


# -- the cache ----------------------------------------------------------------------------------


def test_the_cache_answers_until_a_refresh_is_asked(server, tmp_path) -> None:
    server.routes["/doceo/B-9-2022-0065_EN.html"] = [
        Answer(body=(FIXTURES / "seed.oj.html").read_bytes(),
               headers={"Content-Type": "text/html; charset=UTF-8"})]
    ref = parse_reference("B9-0065/2022")
    first = fetcher(server, tmp_path).fetch(ref)
    requests = len(server.seen)
    assert requests == 2  # the ODP record (404), then the page
    again = fetcher(server, tmp_path).fetch(ref)
    assert len(server.seen) == requests  # the reference led to the page before: no request
    assert again.from_cache and again.source == "doceo HTML"
    assert again.document.sha256 == first.document.sha256
    assert again.document.path == first.document.path
    assert again.document.path.parent.parent.name == "objects"
    fetcher(server, tmp_path, refresh=True).fetch(ref)
    assert len(server.seen) > requests


# -- a polite client -----------------------------------------------------------------------------


def test_429_is_retried_after_the_time_retry_after_asks(server, tmp_path) -> None:
    server.routes["/doceo/B-9-2022-0065_EN.html"] = [
        Answer(429, b"slow down", {"Retry-After": "1"}),
        Answer(body=(FIXTURES / "seed.oj.html").read_bytes(),
               headers={"Content-Type": "text/html"}),
    ]
    got = fetcher(server, tmp_path).fetch(parse_reference("B9-0065/2022"))
    tries = [s for s in server.seen if s.path.startswith("/doceo/B-9-2022-0065_EN.html")]
    assert len(tries) == 2 and got.source == "doceo HTML"
    assert tries[1].at - tries[0].at >= 0.95  # the asked second, not the 0.05 s backoff


def test_429_for_ever_is_one_line_after_the_attempts(server, tmp_path) -> None:
    server.routes[TA_RECORD] = [Answer(429, b"slow down")]
    with pytest.raises(FetchError) as err:
        fetcher(server, tmp_path).fetch(parse_reference("P9_TA(2022)0012"))
    assert str(err.value) == (f"{server.url}{TA_RECORD}?format=application%2Fld%2Bjson&"
                              "language=en: HTTP 429 Too Many Requests after 3 attempts")
    assert server.paths() == [TA_RECORD] * 3


def test_a_retry_after_longer_than_resgraph_waits_is_an_error_at_once(server, tmp_path) -> None:
    server.routes[TA_RECORD] = [Answer(503, b"later", {"Retry-After": "3600"})]
    with pytest.raises(FetchError, match=r"HTTP 503 Service Unavailable, asks to wait 3600 s "
                                         r"\(more than the 5 s resgraph waits\)$"):
        fetcher(server, tmp_path).fetch(parse_reference("P9_TA(2022)0012"))
    assert len(server.seen) == 1


def test_a_hang_is_a_timeout(server, tmp_path) -> None:
    server.routes[TA_RECORD] = [Answer(body=b"{}", delay=2.0)]
    settings = HttpSettings(timeout=0.3, attempts=2, backoff=0.01, min_interval=0.0)
    with pytest.raises(FetchError, match=r"language=en: no answer within 0.3 s after 2 attempts$"):
        fetcher(server, tmp_path, settings=settings).fetch(parse_reference("P9_TA(2022)0012"))


def test_a_truncated_body_is_an_error_not_a_file(server, tmp_path) -> None:
    server.routes[TA_RECORD] = [Answer(body=ta_record(TA_XML.lstrip("/")))]
    server.routes[TA_XML] = [Answer(body=b"<SDOCTA><TI>half", truncate=True)]
    with pytest.raises(FetchError, match=r"_en\.xml: truncated body \(16 of 32 bytes\) "
                                         r"after 3 attempts$"):
        fetcher(server, tmp_path).fetch(parse_reference("P9_TA(2022)0012"))
    assert not list((tmp_path / "cache").glob("objects/*/*")) or all(
        p.read_bytes() != b"<SDOCTA><TI>half" for p in (tmp_path / "cache").glob("objects/*/*"))


def test_requests_to_one_host_keep_the_minimum_interval(server, tmp_path) -> None:
    settings = HttpSettings(timeout=1.0, attempts=1, backoff=0.01, min_interval=0.4)
    with pytest.raises(FetchError):
        fetcher(server, tmp_path, settings=settings).fetch(parse_reference("B9-0065/2022"))
    times = [s.at for s in server.seen]
    assert len(times) == 3
    assert all(b - a >= 0.35 for a, b in itertools.pairwise(times))


# -- the command line ----------------------------------------------------------------------------


def _cli(server: Recorded, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RESGRAPH_ODP_API": f"{server.url}/api", "RESGRAPH_ODP_DATA": server.url,
           "RESGRAPH_DOCEO": f"{server.url}/doceo", "RESGRAPH_CELLAR": f"{server.url}/celex",
           "RESGRAPH_CACHE": str(tmp_path / "cache")}
    return subprocess.run([sys.executable, "-m", "resgraph.cli", *args], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)


def test_cli_fetch_then_build_the_reference(server, tmp_path) -> None:
    server.routes[TA_RECORD] = [Answer(body=ta_record(TA_XML.lstrip("/")))]
    server.routes[TA_XML] = [Answer(body=(FIXTURES / "seed.sdocta.xml").read_bytes(),
                                    headers={"Content-Type": "application/xml"})]
    done = _cli(server, tmp_path, "fetch", "P9_TA(2022)0012", "-o", "docs")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("P9_TA(2022)0012 -> docs/TA-9-2022-0012.xml (application/xml, ")
    assert (tmp_path / "docs" / "TA-9-2022-0012.xml").is_file()
    built = _cli(server, tmp_path, "build", "T9-0012/2022", "-o", "out", "--no-store")
    assert built.returncode == 0, built.stderr
    assert "https://w3id.org/resgraph/id/2022-2505-RSP/text-adopted" in built.stdout
    assert len(server.seen) == 2  # build found both answers in the cache


def test_cli_errors_are_one_line_and_exit_2(server, tmp_path) -> None:
    done = _cli(server, tmp_path, "fetch", "B9-0065/2022")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == ("resgraph: error: B9-0065/2022: not found (ODP record: 404; "
                           "doceo HTML: 404; doceo PDF: 404)\n")
    bad = _cli(server, tmp_path, "fetch", "Kazakhstan")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert not (tmp_path / "B-9-2022-0065.html").exists()


def test_a_status_not_worth_retrying_is_one_attempt(server, tmp_path) -> None:
    server.routes[TA_RECORD] = [Answer(403, b"no")]
    with pytest.raises(FetchError, match=r"HTTP 403 Forbidden after 1 attempt$"):
        fetcher(server, tmp_path).fetch(parse_reference("P9_TA(2022)0012"))
    assert len(server.seen) == 1


def test_retry_after_as_an_http_date_is_honoured(server, tmp_path) -> None:
    from email.utils import formatdate

    server.routes[TA_RECORD] = [Answer(503, b"later", {"Retry-After": formatdate(time.time() + 2,
                                                                                 usegmt=True)}),
                                Answer(404, b"gone")]
    settings = HttpSettings(timeout=1.0, attempts=2, backoff=0.01, min_interval=0.0)
    with pytest.raises(FetchError):  # the record is a 404 the second time; doceo has nothing
        fetcher(server, tmp_path, settings=settings).fetch(parse_reference("P9_TA(2022)0012"))
    tries = [s.at for s in server.seen if s.path.startswith(TA_RECORD)]
    assert len(tries) == 2 and tries[1] - tries[0] >= 0.9  # an HTTP date has whole seconds


def test_a_malformed_service_url_is_one_line(tmp_path) -> None:
    services = Services(odp_api="http://[::1", odp_data="x", doceo="x", cellar="x")
    with pytest.raises(FetchError, match=r"not a URL resgraph can fetch"):
        Fetcher(Http(QUICK), Cache(tmp_path), services).fetch(parse_reference("B9-0065/2022"))


def test_runs_sharing_a_cache_keep_every_entry(tmp_path) -> None:
    cache = Cache(tmp_path / "cache")

    def store(n: int) -> None:
        for k in range(20):
            cache.store(f"key {n} {k}", f"http://x/{n}/{k}", "text/plain", f"{n}-{k}".encode())

    threads = [threading.Thread(target=store, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    found = [cache.lookup(f"key {n} {k}") for n in range(8) for k in range(20)]
    assert all(c is not None and c.path.read_bytes() == f"{c.url.split('/')[-2]}-"
               f"{c.url.split('/')[-1]}".encode() for c in found)
    assert len(found) == 160


def test_an_unreadable_index_entry_is_asked_again(server, tmp_path) -> None:
    server.routes["/doceo/B-9-2022-0065_EN.html"] = [
        Answer(body=(FIXTURES / "seed.oj.html").read_bytes(),
               headers={"Content-Type": "text/html"})]
    fetcher(server, tmp_path).fetch(parse_reference("B9-0065/2022"))
    for entry in (tmp_path / "cache" / "index").iterdir():
        entry.write_text("[]")
    again = fetcher(server, tmp_path).fetch(parse_reference("B9-0065/2022"))
    assert not again.from_cache and again.source == "doceo HTML"


def test_cli_build_of_a_missing_file_named_like_a_document_does_not_fetch(server, tmp_path):
    done = _cli(server, tmp_path, "build", "docs/TA-9-2022-0012_EN.pdf")
    assert done.returncode == 2
    assert done.stderr == "resgraph: error: docs/TA-9-2022-0012_EN.pdf: no such file\n"
    assert server.seen == []
