"""The seed in the EP's XML (SDOCTA), in Formex (a zip of members, and a single file) and in
the Official Journal's HTML gives the graph the seed's text gives.

The fixtures in tests/fixtures were written by hand from the seed's text, following the
element names in reference/ep-sources.md, before the readers existed. The seed's PDF is the
joint motion; the markups publish the text adopted, so the two documents differ in kind (and
so in IRI) and in nothing else: every part, footnote and fact is the same.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest

from resgraph.errors import InputError
from resgraph.pipeline import build_one
from resgraph.serialize import serialize
from resgraph.text import read_source
from resgraph.validate import validate_files

from conftest import REPO, SEED, seed_with, triples_of

FIXTURES = REPO / "tests" / "fixtures"
SDOCTA = FIXTURES / "seed.sdocta.xml"
FORMEX = FIXTURES / "seed.formex"
OJ_HTML = FIXTURES / "seed.oj.html"
RG = "https://w3id.org/resgraph/ontology#"
# What differs between two files of one text and says nothing about the text: where in the
# file each part sits, the file itself, and the PDF's page furniture (PE numbers).
_FILE_ONLY = {RG + p for p in ("sourceStart", "sourceEnd", "fileName", "sha256", "peNumber")}
_FILE_ONLY |= {"http://purl.org/dc/terms/format"}
# The seed's PDF is the joint motion, the markups the text adopted.
_KIND = {RG + "kind"}
_KIND_CONCEPTS = {RG + "JointMotionForResolution", RG + "TextAdopted"}


def formex_zip(folder: Path) -> Path:
    """The Formex members zipped as Cellar serves them (manifest first, as in Cellar's zips)."""
    path = folder / "seed.formex.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for member in sorted(FORMEX.iterdir(), key=lambda p: not p.name.endswith(".doc.xml")):
            archive.write(member, member.name)
    return path


def sdocta_2017(folder: Path) -> Path:
    """The 2017 drafting of the same schema: no GRCONS; the recitals are ACTION elements
    under DISPOSITIF beside the paragraphs (reference/ep-sources.md)."""
    text = SDOCTA.read_text("utf-8")
    start, end = text.index("<GRCONS>"), text.index("</GRCONS>") + len("</GRCONS>")
    recitals = text[start:end].replace("<GRCONS>", "").replace("</GRCONS>", "")
    recitals = recitals.replace("<CONS>", "<ACTION>").replace("</CONS>", "</ACTION>")
    text = text[:start] + text[end:]
    text = text.replace("<ACTLST>", "<ACTLST>" + recitals, 1)
    path = folder / "seed-2017.xml"
    path.write_text(text, "utf-8")
    return path


MARKUPS = {
    "sdocta": lambda folder: SDOCTA,
    "sdocta-2017-drafting": sdocta_2017,
    "formex-zip": formex_zip,
    "formex-single-file": lambda folder: FORMEX / "C_2022000EN.01000101.xml",
    "oj-html": lambda folder: OJ_HTML,
}


def comparable(path: Path) -> tuple[set[tuple[str, str, str]], str]:
    """The graph's triples with the document's IRI written as <DOC> and the file-only
    statements, the offsets and the kind left out; and the kind."""
    built = build_one(path)
    doc = built.minter.resolution
    kept, kind = set(), ""
    for q in built.quads:
        s, p, o = (str(t).replace(doc, "DOC") for t in (q.subject, q.predicate, q.object))
        predicate = q.predicate.value
        if predicate in _KIND:
            kind = q.object.value
        if (predicate in _FILE_ONLY or predicate in _KIND or predicate in (RG + "start", RG + "end")
                or predicate == RG + "cleanText" or q.subject.value in _KIND_CONCEPTS):
            continue
        kept.add((s, p, o))
    return kept, kind


@pytest.fixture(scope="module")
def seed_graph() -> tuple[set[tuple[str, str, str]], str]:
    return comparable(SEED)


@pytest.mark.parametrize("markup", sorted(MARKUPS))
def test_the_seed_in_every_markup_gives_the_seeds_graph(markup, seed_graph, tmp_path) -> None:
    graph, kind = comparable(MARKUPS[markup](tmp_path))
    seed, seed_kind = seed_graph
    assert seed_kind == RG + "JointMotionForResolution"
    assert kind == RG + "TextAdopted"
    assert len(seed) > 6500
    missing, extra = sorted(seed - graph), sorted(graph - seed)
    assert not missing and not extra, (missing[:5], extra[:5])


@pytest.mark.parametrize("markup", sorted(MARKUPS))
def test_every_part_points_back_to_its_words_in_the_markup(markup, tmp_path) -> None:
    r = build_one(MARKUPS[markup](tmp_path)).resolution
    assert (len(r.citations), len(r.recitals), len(r.paragraphs), len(r.footnotes)) == \
           (10, 18, 27, 5)
    for part in (*r.citations, *r.recitals, *r.paragraphs):
        raw = r.source.text[part.source.start : part.source.end]
        # The source span holds the part's markup: footnote elements, then tags, out.
        words = re.sub(r"<(NOTE|FOOTNOTE|a)\b.*?</\1>", "", raw, flags=re.DOTALL)
        words = html.unescape(re.sub(r"<[^>]+>", "", words))
        assert words.startswith(part.text[:30]), (part.label, raw[:60])
        assert words.endswith(part.text[-15:]), (part.label, raw[-60:])
    # The footnote's body points to its element's text in the file.
    note = r.footnotes[0]
    assert r.source.text[note.source.start : note.source.end] == "Texts adopted, P9_TA(2021)0056."
    assert (note.anchor.kind, note.anchor.order) == ("citation", 1)


def test_the_kind_comes_from_the_marker_not_the_element(tmp_path) -> None:
    r = build_one(sdocta_2017(tmp_path)).resolution
    assert [p.label for p in r.recitals][:3] == ["A", "B", "C"]
    assert r.recitals[0].text.startswith("whereas on 2 January 2022 thousands of people")
    assert [p.label for p in r.paragraphs][-1] == "27"


def test_an_xml_file_named_txt_is_read_as_xml(tmp_path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(SDOCTA.read_bytes())
    source = read_source(path)
    assert source.media_type == "application/xml" and source.family == "TA"


def test_a_zip_is_read_whatever_its_name(tmp_path) -> None:
    path = formex_zip(tmp_path).rename(tmp_path / "download")
    source = read_source(path)
    assert source.media_type == "application/zip"
    # The manifest holds no text; the body's text starts the source.
    assert source.text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<GENERAL>')


@pytest.mark.parametrize(("content", "problem"), [
    (b'<?xml version="1.0"?><SDOCTA><TI>unclosed</SDOCTA>', "is not well-formed XML"),
    (b"<SDOCTA><TI></TI></SDOCTA>", "is an XML file without visible text"),
    (b'<?xml version="1.0" encoding="ISO-8859-1"?><SDOCTA>\xff\xfe</SDOCTA>',
     "not an EP resolution"),
])
def test_bad_xml_is_one_line_naming_the_file(content, problem, tmp_path) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        build_one(path)
    assert str(err.value).startswith(f"{path}: ") and problem in str(err.value)
    assert "\n" not in str(err.value)


def test_a_zip_without_xml_is_one_line(tmp_path) -> None:
    path = tmp_path / "empty.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    with pytest.raises(InputError, match="is a zip without an XML text member"):
        read_source(path)


def test_formex_quotation_elements_and_implied_dashes(tmp_path) -> None:
    """Formex writes quotation marks as QUOT.START/QUOT.END with a character code, and a DASH
    list's items without their dash; the reader supplies both, mapped to their elements."""
    body = (FORMEX / "C_2022000EN.01000101.xml").read_text("utf-8")
    body = body.replace("‘shoot to kill’",
                        '<QUOT.START CODE="2018" ID="q1" REF.END="q2"/>shoot to kill'
                        '<QUOT.END CODE="2019" ID="q2" REF.START="q1"/>')
    path = tmp_path / "quoted.xml"
    path.write_text(body, "utf-8")
    r = build_one(path).resolution
    recital = next(p for p in r.recitals if p.label == "J")
    assert "a ‘shoot to kill’ order" in recital.text
    assert r.clean.text.splitlines()[3].startswith("– having regard to its resolution of")


@pytest.mark.parametrize(("opening", "language"), [
    ("Le Parlement européen,\n\n– vu sa résolution du 11 février 2021 sur la situation des "
     "droits de l’homme au Kazakhstan et ses résolutions précédentes sur le Kazakhstan,",
     "French (fr)"),
    ("Das Europäische Parlament,\n\n– unter Hinweis auf seine Entschließung vom 11. Februar "
     "2021 zur Menschenrechtslage in Kasachstan und seine früheren Entschließungen,",
     "German (de)"),
])
def test_a_text_in_another_language_is_refused_naming_it(opening, language, tmp_path) -> None:
    # The seed's words replaced by another language's, its layout kept.
    path = seed_with(tmp_path / "other.txt", start="The European Parliament,",
                     by=(opening + "\n\n") * 30)
    with pytest.raises(InputError) as err:
        build_one(path)
    assert str(err.value) == (f"{path}: is in {language}, not English: "
                              "resgraph reads English texts only for now")


ANNEX_TEXT = ("The Parliament’s delegation shall report on the trials of the detained protesters "
              "every six months.")


def test_an_sdocta_annex_is_its_own_part(tmp_path) -> None:
    """SDOCTA holds an annex as a second TXTLST/ANNEX (reference/ep-sources.md)."""
    text = SDOCTA.read_text("utf-8").replace(
        "</TXTLST>",
        '</TXTLST>\n<TXTLST><ANNEX><TI><STRING BOLD="on">ANNEX TO THE RESOLUTION</STRING></TI>'
        f"<P>{ANNEX_TEXT}</P></ANNEX></TXTLST>", 1)
    path = tmp_path / "annexed.xml"
    path.write_text(text, "utf-8")
    built = build_one(path)
    r = built.resolution
    assert [a.text for a in r.annexes] == [f"ANNEX TO THE RESOLUTION {ANNEX_TEXT}"]
    assert len(r.paragraphs) == 27 and r.paragraphs[-1].text.endswith("Parliament of Kazakhstan.")
    annex = r.annexes[0]
    assert r.source.text[annex.source.start : annex.source.end].endswith(ANNEX_TEXT)
    iri = built.minter.resolution + "/annex/1"
    assert (iri, RG + "text", annex.text) in triples_of(built.quads)
    out = tmp_path / "annexed.nq"
    out.write_bytes(serialize(built.quads, "nquads"))
    assert validate_files([out]).violations == ()


def test_a_formex_annex_member_follows_the_body(tmp_path) -> None:
    """Cellar's zip holds the annex as its own, smaller member; its name (the OJ page) puts it
    after the body, whatever order the zip lists the members in."""
    path = tmp_path / "annexed.zip"
    annex = ('<?xml version="1.0" encoding="UTF-8"?>\n<ANNEX><BIB.INSTANCE><NO.SEQ>0001.0001'
             '</NO.SEQ></BIB.INSTANCE><TITLE><TI><P><HT TYPE="BOLD">ANNEX TO THE RESOLUTION</HT>'
             f"</P></TI></TITLE><P>{ANNEX_TEXT}</P></ANNEX>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("C_2022000EN.01000501.xml", annex)
        for member in sorted(FORMEX.iterdir()):
            archive.write(member, member.name)
    r = build_one(path).resolution
    assert [a.text for a in r.annexes] == [f"ANNEX TO THE RESOLUTION {ANNEX_TEXT}"]
    assert (len(r.citations), len(r.recitals), len(r.paragraphs)) == (10, 18, 27)


@pytest.mark.parametrize("heading", [
    "ANNEX TO THE MOTION FOR A RESOLUTION", "Annex to the resolution", "ANNEX", "ANNEX I",
    "ANNEXES", "ANNEX: RECOMMENDATIONS AS TO THE CONTENT OF THE PROPOSAL REQUESTED",
])
def test_a_text_annex_ends_at_the_reports_next_section(heading, tmp_path) -> None:
    path = tmp_path / "annexed.txt"
    path.write_text(SEED.read_text("utf-8") + f"\n{heading}\n\n{ANNEX_TEXT}\n\n"
                    "EXPLANATORY STATEMENT\n\nThe rapporteur thinks so.\n", "utf-8")
    r = build_one(path).resolution
    assert [a.text for a in r.annexes] == [f"{heading} {ANNEX_TEXT}"]
    assert r.paragraphs[-1].text.endswith("Parliament of Kazakhstan.")
    assert "rapporteur thinks" not in r.clean.text


def test_the_reports_own_annex_is_not_the_texts(tmp_path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(SEED.read_text("utf-8") + "\nANNEX: ENTITIES OR PERSONS FROM WHOM THE "
                    "RAPPORTEUR HAS RECEIVED INPUT\n\nA delegation of experts.\n", "utf-8")
    r = build_one(path).resolution
    assert r.annexes == () and "delegation of experts" not in r.clean.text


def _formex_body(tmp_path: Path, change) -> Path:
    path = tmp_path / "changed.xml"
    path.write_text(change((FORMEX / "C_2022000EN.01000101.xml").read_text("utf-8")), "utf-8")
    return path


def test_an_inline_element_the_reader_does_not_know_stays_in_the_line(tmp_path) -> None:
    r = build_one(_formex_body(tmp_path, lambda t: t.replace(
        "<NO.P>1.</NO.P><TXT>Deeply", '<NO.P>1.</NO.P><EMPH TYPE="x"/><TXT><EMPH>Deeply</EMPH>')
    )).resolution
    assert r.paragraphs[0].text.startswith("Deeply regrets the loss of life")
    assert len(r.paragraphs) == 27


def test_a_dash_item_opening_with_a_quotation_keeps_its_dash(tmp_path) -> None:
    r = build_one(_formex_body(tmp_path, lambda t: t.replace(
        "<ITEM><P>having regard to the Council conclusions",
        '<ITEM><P><QUOT.START CODE="2018" ID="a" REF.END="b"/>having<QUOT.END CODE="2019" '
        'ID="b" REF.START="a"/> regard to the Council conclusions'))).resolution
    assert len(r.citations) == 10
    assert r.citations[4].text.startswith("‘having’ regard to the Council conclusions")


def test_footnotes_are_numbered_across_formex_members(tmp_path) -> None:
    path = tmp_path / "annexed.zip"
    annex = ('<?xml version="1.0" encoding="UTF-8"?>\n<ANNEX><TITLE><TI><P>ANNEX TO THE '
             'RESOLUTION</P></TI></TITLE><P>Reports<NOTE NOTE.ID="E0006" TYPE="FOOTNOTE"><P>OJ C '
             "1, 1.1.2022, p. 1.</P><P>Second line.</P></NOTE> follow.</P></ANNEX>")
    body = (FORMEX / "C_2022000EN.01000101.xml").read_text("utf-8").replace(
        "<P>OJ C 23, 21.1.2021, p. 83.</P>", "<P>OJ C 23, 21.1.2021,</P><P>p. 83.</P>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("C_2022000EN.01000101.xml", body)
        archive.writestr("C_2022000EN.01000501.xml", annex)
    r = build_one(path).resolution
    assert [n.number for n in r.footnotes] == [1, 2, 3, 4, 5, 6]
    assert r.footnotes[1].text == "OJ C 23, 21.1.2021, p. 83."
    assert r.footnotes[5].text == "OJ C 1, 1.1.2022, p. 1. Second line."
    assert r.footnotes[5].anchor.kind == "annex"


def test_an_entity_declared_in_the_file_is_its_whole_text(tmp_path) -> None:
    text = SDOCTA.read_text("utf-8")
    text = text.replace('<?xml version="1.0" encoding="UTF-8"?>',
                        '<?xml version="1.0" encoding="UTF-8"?>\n'
                        '<!DOCTYPE SDOCTA [<!ENTITY kz "Kazakhstan">]>', 1)
    text = text.replace("the situation in Kazakhstan</STRING>", "the situation in &kz;</STRING>")
    path = tmp_path / "entity.xml"
    path.write_text(text, "utf-8")
    source = read_source(path)
    assert source.media_type == "application/xml"
    assert build_one(path).resolution.metadata.title == (
        "European Parliament resolution on the situation in Kazakhstan")


def test_every_markup_of_the_text_adopted_gives_one_iri(tmp_path) -> None:
    iris = {build_one(make(tmp_path)).minter.resolution for make in MARKUPS.values()}
    assert iris == {"https://w3id.org/resgraph/id/2022-2505-RSP/text-adopted"}


def test_the_ojs_header_and_eli_trailer_are_furniture(tmp_path) -> None:
    page = OJ_HTML.read_text("utf-8")
    page = page.replace(
        '<div class="eli-container">',
        '<div class="eli-container"><table class="oj-table"><tr><td><p class="oj-hd-journal">'
        'Official Journal<br/>of the European Union</p></td><td><p class="oj-hd-lg">EN</p></td>'
        '<td><p class="oj-hd-oj">C series</p></td></tr></table>', 1)
    page = page.replace(
        "</div></body>",
        '<p class="oj-doc-end">ELI: http://data.europa.eu/eli/C/2022/0000/oj</p>'
        '<p class="oj-doc-end">ISSN 1977-091X (electronic edition)</p></div></body>', 1)
    assert "oj-doc-end" in page and "oj-hd-journal" in page
    path = tmp_path / "oj.html"
    path.write_text(page, "utf-8")
    r = build_one(path).resolution
    assert r.paragraphs[-1].text.endswith("Parliament of Kazakhstan.")
    assert "ISSN 1977-091X (electronic edition)" in r.clean.furniture
    assert r.metadata.title == "European Parliament resolution on the situation in Kazakhstan"


def test_greek_is_named_greek(tmp_path) -> None:
    path = tmp_path / "el.txt"
    path.write_text("Το Ευρωπαϊκό Κοινοβούλιο,\n\n– έχοντας υπόψη το ψήφισμά του της 11ης "
                    "Φεβρουαρίου 2021 σχετικά με την κατάσταση των ανθρωπίνων δικαιωμάτων στο "
                    "Καζακστάν και τα προηγούμενα ψηφίσματά του για το Καζακστάν,\n" * 10, "utf-8")
    with pytest.raises(InputError, match=r": is in Greek \(el\), not English"):
        build_one(path)


# Real files print the text adopted's number (reference/ep-sources.md); the seed, a joint
# motion's PDF, has none, so its fixtures leave it out. This one is filled in for the test.
NUMBER = "P9_TA(2022)0012"
NUMBERED = {
    "sdocta": (SDOCTA, '<IDENT><STRING BOLD="on"></STRING></IDENT>',
               f'<IDENT><STRING BOLD="on">{NUMBER}</STRING></IDENT>'),
    "formex": (FORMEX / "C_2022000EN.01000101.xml", "<TITLE><TI><P>The situation",
               f"<TITLE><TI><P>{NUMBER}</P><P>The situation"),
    "oj-html": (OJ_HTML, '<p class="oj-doc-ti">The situation',
                f'<p class="oj-doc-ti">{NUMBER}</p>\n<p class="oj-doc-ti">The situation'),
}


@pytest.mark.parametrize("markup", sorted(NUMBERED))
def test_a_numbered_text_adopted_is_named_by_its_number_in_every_markup(markup, tmp_path):
    fixture, old, new = NUMBERED[markup]
    text = fixture.read_text("utf-8")
    assert text.count(old) == 1
    path = tmp_path / f"numbered{fixture.suffix}"
    path.write_text(text.replace(old, new), "utf-8")
    built = build_one(path)
    assert built.resolution.metadata.document_number == NUMBER
    assert built.minter.resolution == "https://w3id.org/resgraph/id/2022-2505-RSP/TA-9-2022-0012"
    assert built.resolution.metadata.kind == "text-adopted"
