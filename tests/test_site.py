"""`resgraph site -o DIR`: the served pages and data as static files. Every internal link of
every page finds its file; a plain static server (Python's http.server, started on
127.0.0.1) answers the IRIs' paths with the pages and the data the live server gives; the
same store gives the same files."""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from servers import free_port

from resgraph.cli import main
from resgraph.corpus import build_corpus
from resgraph.dumps import write_dumps
from resgraph.site import file_for, link_for

from conftest import SEED

BASE = "https://w3id.org/resgraph/id/"
RESOLUTION = "/resgraph/id/2022-2505-RSP/joint-motion"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    build_corpus([SEED], out, base=BASE, formats=("nquads",), jobs=1)
    write_dumps(out, BASE)
    return out


@pytest.fixture(scope="module")
def site(built: Path) -> Path:
    folder = built.parent / "site"
    result = CliRunner().invoke(main, ["site", "-o", str(folder), "--store",
                                       str(built / "store")])
    assert result.exit_code == 0, result.output
    assert re.match(r"wrote .*site: [\d,]+ pages, [\d,]+ files, [\d,]+ bytes$",
                    result.output.strip())
    return folder


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_files_for_urls() -> None:
    assert file_for("/") == "index.html"
    assert file_for(RESOLUTION) == RESOLUTION.lstrip("/") + "/index.html"
    assert file_for(RESOLUTION + ".ttl") == RESOLUTION.lstrip("/") + ".ttl"
    assert file_for("/dumps/") == "dumps/index.html"
    asked = file_for("/queries/demands?resolution=x&limit=100")
    assert re.fullmatch(r"queries/demands/q-[0-9a-f]{16}\.html", asked)
    assert link_for(RESOLUTION) == RESOLUTION + "/"
    # a file whose name holds "?" or "%" is linked with them encoded, never as a query
    assert file_for("/id/a%3Fb%25c") == "id/a?b%c/index.html"
    assert link_for("/id/a%3Fb%25c") == "/id/a%3Fb%25c/"
    assert link_for("/id/Zhanaözen") == "/id/Zhana%C3%B6zen/"
    # data asked for with a query string keeps its extension, so a host serves its type
    assert file_for("/queries/demands.json?resolution=x").endswith(".json")
    assert file_for("/.well-known/void?format=ttl").endswith(".ttl")
    assert file_for("/about?iri=x&format=jsonld").endswith(".jsonld")
    assert file_for("/about?iri=x").endswith(".html")


def test_every_internal_link_finds_its_file(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert len(pages) > 1000
    broken = []
    for page in pages:
        text = page.read_text("utf-8")
        assert "<form" not in text and 'href="/sparql"' not in text, page
        for href in re.findall(r'(?:href|src)="(/[^"#]*)', text):
            href = html.unescape(href)
            target = site / href.lstrip("/")
            if href.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken.append((str(page.relative_to(site)), href))
    assert broken == []


def test_a_static_server_answers_the_iris_paths(site: Path, built: Path) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                               "127.0.0.1", "--directory", str(site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(root + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        # the IRI's path without the slash: redirected to the folder, then its page
        with urllib.request.urlopen(root + RESOLUTION, timeout=5) as answer:
            page = answer.read().decode("utf-8")
            assert answer.url.endswith(RESOLUTION + "/")
        assert "Kazakhstan" in page and 'lang="en"' in page
        with urllib.request.urlopen(root + RESOLUTION + ".ttl", timeout=5) as answer:
            served = {ox.Triple(q.subject, q.predicate, q.object)
                      for q in ox.parse(answer.read(), format=ox.RdfFormat.TURTLE)}
        store = ox.Store.read_only(str(built / "store"))
        iri = ox.NamedNode("https://w3id.org" + RESOLUTION)
        held = {ox.Triple(q.subject, q.predicate, q.object)
                for q in store.quads_for_pattern(iri, None, None, None)}
        assert held <= served and len(held) > 10
        with urllib.request.urlopen(root + "/dumps/resgraph.nq.gz", timeout=5) as answer:
            assert answer.read() == (built / "dumps/resgraph.nq.gz").read_bytes()
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(root + "/sparql", timeout=5)
    finally:
        server.terminate()
        server.wait()


def test_the_same_store_gives_the_same_site(site: Path, built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert CliRunner().invoke(main, ["site", "-o", str(again), "--store",
                                     str(built / "store")]).exit_code == 0
    assert _digests(again) == _digests(site)


def test_a_folder_of_other_files_is_not_replaced(built: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("mine", "utf-8")
    result = CliRunner().invoke(main, ["site", "-o", str(mine), "--store",
                                       str(built / "store")])
    assert result.exit_code == 2
    assert result.output.strip() == (f"resgraph: error: {mine}: exists and holds files that "
                                     "are not a resgraph output; choose another directory or "
                                     "empty this one")
    assert [p.name for p in mine.iterdir()] == ["thesis.tex"]



def test_a_site_never_replaces_a_build(built: Path) -> None:
    result = CliRunner().invoke(main, ["site", "-o", str(built), "--store",
                                       str(built / "store")])
    assert result.exit_code == 2
    assert "holds files that are not a resgraph output" in result.output
    assert (built / "store").is_dir() and (built / "manifest.json").is_file()


def test_a_missing_dumps_folder_is_one_line(built: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["site", "-o", str(tmp_path / "site"), "--store",
                                       str(built / "store"), "--dumps", str(tmp_path / "no")])
    assert result.exit_code == 2
    assert result.output.strip() == f"resgraph: error: --dumps {tmp_path / 'no'}: no such directory"
    assert not (tmp_path / "site").exists()
