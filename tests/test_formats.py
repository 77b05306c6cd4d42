"""Markups and text hazards: the EP's web pages, whole committee reports, decisions, every
term's document numbers, and look-alike characters.

The expected structure of the corpus documents (tests/gold/structure.json) was annotated by
reading each document before resgraph was run on it."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from resgraph.errors import InputError
from resgraph.model import SourceText
from resgraph.parse import parse_resolution
from resgraph.parse.metadata import KINDS, odp_document_id
from resgraph.pipeline import build_many, build_one
from resgraph.serialize import serialize
from resgraph.text import read_source
from resgraph.text.hazards import normalise
from resgraph.validate import validate_files

from conftest import REPO, SEED, corpus, triples_of

GOLD = json.loads((REPO / "tests" / "gold" / "structure.json").read_text("utf-8"))
# The gold names kinds as the documents print them; resgraph keys them by slug.
GOLD_KIND = {"motion for a resolution": "motion", "proposal for a decision": "decision",
             "draft legislative resolution": "draft-legislative-resolution"}


@pytest.fixture(scope="module", params=sorted(GOLD), ids=str)
def document(request):
    return request.param, GOLD[request.param], parse_resolution(read_source(corpus(request.param)))


def test_structure_is_exact(document) -> None:
    _, gold, r = document
    m = r.metadata
    assert m.kind == GOLD_KIND[gold["kind"]]
    assert KINDS[m.kind] in gold["kind"]
    assert m.procedure.reference == gold["procedure"]
    assert m.document_number == gold["document_number"]
    assert m.date == gold["date"]
    assert (len(r.citations), len(r.recitals), len(r.paragraphs), len(r.headings),
            len(r.footnotes)) == (gold["citations"], gold["recitals"], gold["paragraphs"],
                                  gold["headings"], gold["footnotes"])
    assert sum(len(p.parts) for p in (*r.recitals, *r.paragraphs)) == gold["points"]
    assert (r.recitals[-1].label if r.recitals else None) == gold["last_recital"]
    assert [p.label for p in r.paragraphs] == [str(i) for i in range(1, gold["paragraphs"] + 1)]
    assert r.citations[0].text.startswith(gold["first_citation"].rstrip())
    assert r.paragraphs[-1].text.startswith(gold["last_paragraph"].rstrip())
    # The gold says where each footnote's marker stands, "citation 4", with a note after it.
    expected = {n: where.split(" (")[0] for n, where in gold.get("footnote_markers", {}).items()}
    assert {str(f.number): f"{f.anchor.kind} {f.anchor.label or f.anchor.order}"
            for f in r.footnotes} == expected


def test_every_part_points_back_to_its_words_in_the_page() -> None:
    """A part's source span, with its tags dropped and its entities decoded, is its text."""
    r = parse_resolution(read_source(corpus("B-9-2020-0220_EN.html")))
    for part in (*r.citations, *r.recitals, *r.paragraphs, *r.footnotes):
        raw = r.source.text[part.source.start : part.source.end]
        visible = re.sub(r"<span[^>]*display:none[^>]*>[^<]*</span>", "", raw)
        visible = re.sub(r"<a [^>]*href=\"#_ftn\d+\"[^>]*>.*?</a>", "", visible, flags=re.S)
        visible = normalise(html.unescape(re.sub(r"<[^>]+>", "", visible)))
        assert " ".join(visible.split()) == " ".join(part.text.split()), part.label


def test_web_page_2020_layout() -> None:
    """Citations opened by U+F02D, footnotes [n] at their markers, points lettered 'a.'."""
    r = parse_resolution(read_source(corpus("B-9-2020-0220_EN.html")))
    assert r.citations[5].text.startswith("having regard to Rule 132(2)")
    assert [(f.number, f.anchor.kind, f.anchor.label or str(f.anchor.order))
            for f in r.footnotes[:3]] == [(1, "citation", "4"), (2, "citation", "5"),
                                          (3, "recital", "J")]
    assert r.footnotes[0].text == "Texts adopted, P9_TA(2020)0054."
    b = next(x for x in r.recitals if x.label == "B")
    assert [p.label for p in b.parts] == list("abcdef")
    assert r.title.text == ("European Parliament resolution on the EU’s public health strategy "
                            "post-COVID-19")


def test_a_decision_is_read_like_a_resolution() -> None:
    built = build_one(corpus("A-9-2024-0163_EN.html"))
    r = built.resolution
    assert r.metadata.kind == "decision"
    assert r.paragraphs[1].text == "Decides that the amendments shall enter into force on 16 " \
                                   "July 2024;"
    iri = "https://w3id.org/resgraph/id/2024-2006-REG/decision"
    triples = triples_of(built.quads)
    assert (iri, "https://w3id.org/resgraph/ontology#kind",
            "https://w3id.org/resgraph/ontology#Decision") in triples
    assert (iri, "https://w3id.org/resgraph/ontology#odpDocument",
            "https://data.europarl.europa.eu/eli/dl/doc/A-9-2024-0163") in triples


@pytest.mark.parametrize("name", ["B-9-2020-0220_EN.html", "A-9-2024-0163_EN.html",
                                  "A-9-2023-0180.pdf"])
def test_graphs_of_new_formats_conform(tmp_path: Path, name: str) -> None:
    out = tmp_path / "g.nq"
    out.write_bytes(serialize(build_one(corpus(name)).quads, "nquads"))
    report = validate_files([out])
    assert report.violations == ()


@pytest.mark.parametrize(("printed", "odp"), [
    ("B9-0216/2024", "B-9-2024-0216"),
    ("B10-0249/2025", "B-10-2025-0249"),
    ("RC-B9-0065/2022", "RC-9-2022-0065"),
    ("RC-B10-0249/2025", "RC-10-2025-0249"),
    ("A10-0012/2025", "A-10-2025-0012"),
    ("A9-0163/2024", "A-9-2024-0163"),
    ("P9_TA(2022)0012", "TA-9-2022-0012"),
    ("P10_TA(2025)0096", "TA-10-2025-0096"),
    ("T9-0012/2022", "TA-9-2022-0012"),
    ("P7_TA(2013)0123", "TA-7-2013-0123"),
    ("B1-0001/1979", "B-1-1979-0001"),
    ("COM(2022)0123", None),
])
def test_document_numbers_of_every_term(printed: str, odp: str | None) -> None:
    assert odp_document_id(printed) == odp


def test_non_breaking_hyphen_in_a_number_is_read() -> None:
    assert odp_document_id(normalise("B10\u20110249/2025")) == "B-10-2025-0249"


def _seed_with(transform, folder: Path) -> SourceText:
    """The seed changed by `transform`, written to a file and read as a user's file is."""
    path = folder / "seed-variant.txt"
    path.write_bytes(transform(SEED.read_text("utf-8")).encode("utf-8"))
    return read_source(path)


@pytest.mark.parametrize("hazard", [
    pytest.param(lambda t: t.replace("The European Parliament,\n",
                                     "The European Parliament,\u00a0\n"), id="nbsp-after-opener"),
    pytest.param(lambda t: t.replace(" ", "\u00a0"), id="every-space-nbsp"),
    pytest.param(lambda t: t.replace(" ", "\u202f"), id="every-space-narrow-nbsp"),
    pytest.param(lambda t: t.replace("–", "\uf02d"), id="symbol-font-dashes"),
    pytest.param(lambda t: t.replace("Kazakhstan", "Kazakh\u00adstan"), id="soft-hyphens"),
    pytest.param(lambda t: t.replace("\n", "\r\n"), id="crlf"),
    pytest.param(lambda t: t.replace("fi", "\ufb01").replace("ff", "\ufb00"), id="ligatures"),
])
def test_text_hazards_change_nothing(seed, hazard, tmp_path: Path) -> None:
    r = parse_resolution(_seed_with(hazard, tmp_path))
    assert r.clean.text == seed.clean.text
    assert [p.text for p in r.paragraphs] == [p.text for p in seed.paragraphs]
    assert [(f.number, f.anchor.label) for f in r.footnotes] == \
           [(f.number, f.anchor.label) for f in seed.footnotes]


def test_soft_hyphens_keep_source_offsets(tmp_path: Path) -> None:
    r = parse_resolution(_seed_with(lambda t: t.replace("Kazakhstan", "Kazakh\u00adstan"),
                                    tmp_path))
    for part in r.recitals:
        raw = r.source.text[part.source.start : part.source.end]
        assert raw.replace("\u00ad", "").startswith(part.text[:40])


def test_utf16_is_read_and_undeclared_bytes_are_named(tmp_path: Path) -> None:
    utf16 = tmp_path / "seed-utf16.txt"
    utf16.write_bytes(SEED.read_text("utf-8").encode("utf-16"))
    assert parse_resolution(read_source(utf16)).metadata.procedure.reference == "2022/2505(RSP)"
    latin1 = tmp_path / "seed-latin1.txt"
    latin1.write_bytes(SEED.read_text("utf-8").replace("–", "-").replace("’", "'")
                       .encode("latin-1", errors="replace") + "é".encode("latin-1"))
    with pytest.raises(InputError, match=r"is Latin-1 \(ISO 8859-1\) text, not UTF-8"):
        read_source(latin1)


def test_two_texts_in_one_file_are_refused_with_where_the_second_begins(tmp_path: Path) -> None:
    text = SEED.read_text("utf-8")
    both = tmp_path / "two.txt"
    both.write_text(text + "\n" + text, encoding="utf-8")
    second = text.count("\n") + 2  # the first line of the second copy
    with pytest.raises(InputError, match=rf"holds more than one text: a second begins at line "
                                         rf"{second} \('European Parliament resolution on the"):
        parse_resolution(read_source(both))


def test_markup_line_breaks_and_entities_become_the_readers_text(tmp_path: Path) -> None:
    """A line break inside a <p> is a space, an entity its character: the clean text holds
    what the reader read, never the raw source characters."""
    seed = SEED.read_text("utf-8").splitlines()
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in seed if line.strip())
    body = body.replace("having regard to", "having\nregard&#32;to", 1)
    page = tmp_path / "seed.html"
    page.write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")
    r = parse_resolution(read_source(page))
    assert r.citations[0].text.startswith("having regard to its resolution of 11 February 2021")
    assert "\n" not in r.citations[0].text
    # One <p> per printed line of the seed: parts the same in number as the text gives.
    plain = parse_resolution(read_source(SEED))
    assert (len(r.citations), len(r.recitals), len(r.paragraphs)) == \
           (len(plain.citations), len(plain.recitals), len(plain.paragraphs)) == (10, 18, 27)


@pytest.mark.parametrize(("section", "report", "number", "iri"), [
    ("A-9-2024-0071-motion.txt", "A-9-2024-0071.pdf", "A9-0071/2024",
     "https://w3id.org/resgraph/id/2023-2131-DEC/motion"),
    ("A-9-2023-0004-legislative-resolution.txt", "A-9-2023-0004.pdf", "A9-0004/2023",
     "https://w3id.org/resgraph/id/2021-0244-COD/draft-legislative-resolution"),
])
def test_a_reports_text_is_one_document_whatever_the_file(section, report, number, iri) -> None:
    """The section alone (no cover, no number) and the whole report (cover: A9-...) give one
    IRI; the report stays linked by its number. Both at once are the same document twice."""
    from_section, from_report = build_one(corpus(section)), build_one(corpus(report))
    assert from_section.minter.resolution == from_report.minter.resolution == iri
    assert from_report.resolution.metadata.document_number == number
    assert from_section.resolution.metadata.document_number is None
    with pytest.raises(InputError) as err:
        build_many([corpus(section), corpus(report)])
    assert str(err.value) == (f"{corpus(report)}: is the same document as {corpus(section)} "
                              f"({iri}); give each document once, in one format")
