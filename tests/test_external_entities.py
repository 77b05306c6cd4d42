"""XML input that declares external entities reads no file and calls no server (the "XXE"
attack, CWE-611): every reader of XML in resgraph — RDF/XML graphs given to `validate`,
`query` and `enrich`, and the EP's own XML given to `build` — is fed a document whose entity
names a local secret and a loopback canary, and neither the secret's text nor a request
ever appears."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from servers import canary

from resgraph.cli import main

SECRET = "resgraph-xxe-secret-7f3a"


def _rdfxml(secret: Path, url: str, inline: bool = False) -> str:
    """A resolution whose title holds an entity: a local file's text (or, with `inline`, a
    plain string, the control that the command does print the title)."""
    declared = ('<!ENTITY secret "inline words">' if inline else
                f'<!ENTITY secret SYSTEM "{secret.as_uri()}">\n'
                f'  <!ENTITY remote SYSTEM "{url}/entity">\n'
                f'  <!ENTITY % param SYSTEM "{url}/param">\n  %param;')
    remote = "" if inline else "&remote;"
    return f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  {declared}
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:rg="https://w3id.org/resgraph/ontology#"
         xmlns:dcterms="http://purl.org/dc/terms/"
         xmlns:skos="http://www.w3.org/2004/02/skos/core#">
  <rg:Resolution rdf:about="https://example.org/resolution">
    <dcterms:title>Title &secret; {remote} end</dcterms:title>
    <rg:procedureReference>2022/0001(RSP)</rg:procedureReference>
    <rg:procedure rdf:resource="https://example.org/procedure"/>
    <rg:kind><skos:Concept rdf:about="https://example.org/kind">
      <skos:prefLabel>resolution</skos:prefLabel></skos:Concept></rg:kind>
  </rg:Resolution>
</rdf:RDF>
"""


# Shapes that report every resolution's title as a violation's value, which `validate`
# prints: what the parser made of the entity shows.
TITLE_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rg: <https://w3id.org/resgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<https://example.org/shapes#Title> a sh:NodeShape ; sh:targetClass rg:Resolution ;
    sh:property [ sh:path dcterms:title ; sh:maxLength 1 ] .
"""


@pytest.fixture
def trap(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, "utf-8")
    with canary() as (url, received):
        yield tmp_path, secret, url, received


def _leaks(result, tmp_path: Path, received: list[bytes]) -> list[str]:
    """Where the secret or a request showed up: the command's output, any file it wrote, the
    canary."""
    found = []
    if SECRET in (result.output or ""):
        found.append("output")
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.name != "secret.txt" and SECRET.encode() in path.read_bytes():
            found.append(str(path.relative_to(tmp_path)))
    if received:
        found.append(f"{len(received)} request(s) to the canary")
    return found


def test_validate_reads_no_external_entity(trap, suffix: str = ".rdf") -> None:
    tmp_path, secret, url, received = trap
    shapes = tmp_path / "title-shapes.ttl"
    shapes.write_text(TITLE_SHAPES, "utf-8")
    control = tmp_path / f"control{suffix}"
    control.write_text(_rdfxml(secret, url, inline=True), "utf-8")
    shown = CliRunner().invoke(main, ["validate", "--shapes", str(shapes), str(control)])
    assert "(value: Title inline words  end)" in shown.output  # titles are printed
    graph = tmp_path / f"graph{suffix}"
    graph.write_text(_rdfxml(secret, url), "utf-8")
    result = CliRunner().invoke(main, ["validate", "--shapes", str(shapes), str(graph)])
    assert _leaks(result, tmp_path, received) == []
    assert "Traceback" not in result.output and result.exit_code in (1, 2)


@pytest.mark.parametrize("suffix", [".rdf", ".owl"])
def test_query_on_rdfxml_reads_no_external_entity(trap, suffix: str) -> None:
    tmp_path, secret, url, received = trap
    control = tmp_path / f"control{suffix}"
    control.write_text(_rdfxml(secret, url, inline=True), "utf-8")
    shown = CliRunner().invoke(main, ["query", "resolutions", str(control), "--format", "csv"])
    assert "Title inline words  end" in shown.output  # the command prints titles
    graph = tmp_path / f"graph{suffix}"
    graph.write_text(_rdfxml(secret, url), "utf-8")
    result = CliRunner().invoke(main, ["query", "resolutions", str(graph), "--format", "csv"])
    assert _leaks(result, tmp_path, received) == []
    assert "Traceback" not in result.output and result.exit_code in (0, 2)


def test_enrich_from_rdfxml_reads_no_external_entity(trap, tmp_path: Path) -> None:
    tmp_path, secret, url, received = trap
    out = tmp_path / "built"
    assert CliRunner().invoke(main, ["build", "-o", str(out)]).exit_code == 0
    record = tmp_path / "record.rdf"
    record.write_text(_rdfxml(secret, url), "utf-8")
    result = CliRunner().invoke(main, ["enrich", "--store", str(out / "store"), "-o",
                                       str(tmp_path / "enrichment.nq"), str(record)])
    assert _leaks(result, tmp_path, received) == []
    assert "Traceback" not in result.output


def test_ep_xml_reads_no_external_entity(trap) -> None:
    tmp_path, secret, url, received = trap
    document = tmp_path / "TA-9-2022-0001_EN.xml"
    document.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE TEXT [
  <!ENTITY secret SYSTEM "{secret.as_uri()}">
  <!ENTITY remote SYSTEM "{url}/entity">
]>
<TEXT><TITLE>European Parliament resolution of 20 January 2022 on &secret; &remote;</TITLE>
<P>The European Parliament,</P></TEXT>
""", "utf-8")
    result = CliRunner().invoke(main, ["build", str(document), "-o", str(tmp_path / "out")])
    assert _leaks(result, tmp_path, received) == []
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2)


def test_the_trap_would_catch_a_reader_that_resolves_entities(trap) -> None:
    """The control: an XML reader with external entities switched on does read the secret
    and call the canary with these very documents, so the tests above can fail."""
    import xml.sax
    from xml.sax.handler import ContentHandler, feature_external_ges

    tmp_path, secret, url, received = trap
    graph = tmp_path / "graph.rdf"
    graph.write_text(_rdfxml(secret, url).replace("  %param;\n", ""), "utf-8")
    text: list[str] = []

    class Collect(ContentHandler):
        def characters(self, content: str) -> None:
            text.append(content)

    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    parser.setContentHandler(Collect())
    parser.parse(str(graph))
    assert SECRET in "".join(text)
    assert len(received) == 1 and b"GET /entity" in received[0]
