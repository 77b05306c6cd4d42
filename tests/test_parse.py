"""The structure parser on the seed and every corpus text, in both layouts (text and PDF).

Expected counts were established by reading each document."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from resgraph.errors import InputError
from resgraph.pipeline import parse_file

from conftest import SEED, corpus


@dataclass(frozen=True)
class Expected:
    file: str
    procedure: str
    kind: str
    citations: int
    recitals: int
    paragraphs: int
    headings: int
    footnotes: int
    last_recital: str | None
    date: str | None
    number: str | None
    # (part kind, label or order, start of its text)
    samples: tuple[tuple[str, str, str], ...]
    # footnote number -> (anchor kind, anchor label or order)
    anchors: tuple[tuple[int, str, str], ...] = ()


SEED_EXPECTED = Expected(
    "seed", "2022/2505(RSP)", "joint-motion", 10, 18, 27, 0, 5, "R", None, None,
    (
        ("citation", "4", "having regard to Articles 2, 3(5), 21, 24, 29 and 31 of the Treaty"),
        ("citation", "10", "having regard to Rule 144(5) and 132(4) of its Rules of Procedure"),
        ("recital", "A", "whereas on 2 January 2022 thousands of people started protesting"),
        ("recital", "R", "whereas the European Union and Kazakhstan have been partners"),
        ("paragraph", "4", "Urges the Government of Kazakhstan to immediately release"),
        ("paragraph", "27", "Instructs its President to forward this resolution"),
    ),
    ((1, "citation", "1"), (2, "citation", "1"), (3, "citation", "1"), (4, "citation", "1"),
     (5, "citation", "1")),
)

B0216 = dict(
    procedure="2024/2686(DEA)", kind="motion", citations=5, recitals=13, paragraphs=3,
    headings=0, footnotes=3, last_recital="M", date="2024-04-09", number="B9-0216/2024",
    samples=(
        ("citation", "1", "having regard to the Commission delegated regulation (C(2024)01759)"),
        ("recital", "A", "whereas Regulation (EU) 2023/2667 of the European Parliament and of"),
        ("paragraph", "1", "Objects to the Commission delegated regulation;"),
        ("paragraph", "3", "Instructs its President to forward this resolution to the Council"),
    ),
    anchors=((1, "citation", "3"), (2, "recital", "A"), (3, "recital", "I")),
)
B0218 = dict(
    procedure="2024/2694(DEA)", kind="motion", citations=4, recitals=22, paragraphs=5,
    headings=0, footnotes=5, last_recital="V", date="2024-04-15", number="B9-0218/2024",
    samples=(
        ("recital", "V", "whereas the assessment report identifies land properties"),
        ("paragraph", "3", "Considers that the Commission is exceeding the power delegated"),
    ),
    anchors=((1, "citation", "3"), (2, "recital", "E"), (3, "recital", "F"),
             (4, "recital", "J"), (5, "recital", "S")),
)
A0071 = dict(
    procedure="2023/2131(DEC)", kind="motion", citations=4, recitals=11, paragraphs=67,
    headings=11, footnotes=4, last_recital="K",
    samples=(
        ("citation", "2", "having regard to Rule 100 of and Annex V to its Rules of Procedure"),
        ("paragraph", "5", "Deeply regrets that since 2009 and again for the financial year"),
        ("paragraph", "67", "Encourages the Council to engage with the European Data Protection"),
        ("heading", "1", "State of play of the discharge procedure"),
        ("heading", "11", "Communication"),
    ),
    anchors=((1, "recital", "K"), (2, "paragraph", "21"), (3, "paragraph", "25"),
             (4, "paragraph", "29")),
)
A0004 = dict(
    procedure="2021/0244(COD)", kind="draft-legislative-resolution", citations=6, recitals=0,
    paragraphs=3, headings=0, footnotes=0, last_recital=None,
    samples=(
        ("citation", "6", "having regard to the report of the Committee on Civil Liberties"),
        ("paragraph", "1", "Adopts its position at first reading hereinafter set out;"),
        ("paragraph", "3", "Instructs its President to forward its position to the Council"),
    ),
)

CASES = [
    SEED_EXPECTED,
    Expected("B-9-2024-0216.txt", **B0216),
    Expected("B-9-2024-0216.pdf", **B0216),
    Expected("B-9-2024-0218.txt", **B0218),
    Expected("B-9-2024-0218.pdf", **B0218),
    # The text file holds only the motion; the PDF is the whole report, with its cover.
    Expected("A-9-2024-0071-motion.txt", date=None, number=None, **A0071),
    Expected("A-9-2024-0071.pdf", date="2024-03-06", number="A9-0071/2024", **A0071),
    Expected("A-9-2023-0004-legislative-resolution.txt", date=None, number=None, **A0004),
    Expected("A-9-2023-0004.pdf", date="2023-01-17", number="A9-0004/2023", **A0004),
]


def _path(case: Expected):
    return SEED if case.file == "seed" else corpus(case.file)


def _find(resolution, kind: str, key: str):
    parts = {
        "citation": resolution.citations,
        "recital": resolution.recitals,
        "paragraph": resolution.paragraphs,
        "heading": resolution.headings,
    }[kind]
    return next(p for p in parts if (p.label or str(p.order)) == key)


@pytest.fixture(scope="module", params=CASES, ids=lambda c: c.file)
def case(request):
    return request.param, parse_file(_path(request.param))


def test_metadata(case) -> None:
    expected, r = case
    m = r.metadata
    assert m.procedure.reference == expected.procedure
    assert m.kind == expected.kind
    assert m.date == expected.date
    assert m.document_number == expected.number
    assert m.language == "en"


def test_counts(case) -> None:
    expected, r = case
    assert (len(r.citations), len(r.recitals), len(r.paragraphs), len(r.headings),
            len(r.footnotes)) == (expected.citations, expected.recitals, expected.paragraphs,
                                  expected.headings, expected.footnotes)
    assert [p.label for p in r.paragraphs] == [str(i) for i in range(1, expected.paragraphs + 1)]
    if expected.last_recital:
        assert r.recitals[-1].label == expected.last_recital


def test_specific_texts(case) -> None:
    expected, r = case
    for kind, key, start in expected.samples:
        assert _find(r, kind, key).text.startswith(start), (kind, key)


def test_footnote_anchors(case) -> None:
    expected, r = case
    got = tuple(
        (f.number, f.anchor.kind, f.anchor.label or str(f.anchor.order)) for f in r.footnotes
    )
    assert got == expected.anchors


def test_every_span_slices_back(case) -> None:
    _, r = case
    text = r.clean.text
    parts = [r.title, *r.citations, *r.recitals, *r.paragraphs, *r.headings, *r.footnotes]
    parts += [sub for p in (*r.recitals, *r.paragraphs) for sub in p.parts]
    for part in parts:
        assert text[part.span.start : part.span.end] == part.text
        assert part.text == part.text.strip() and part.text


def test_text_and_pdf_layouts_agree() -> None:
    """The same document read from pypdf's text and from the PDF gives the same parts."""
    for stem in ("B-9-2024-0216", "B-9-2024-0218"):
        a, b = parse_file(corpus(f"{stem}.txt")), parse_file(corpus(f"{stem}.pdf"))
        assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]
        assert [p.text for p in a.recitals] == [p.text for p in b.recitals]
        assert [f.text for f in a.footnotes] == [f.text for f in b.footnotes]


def test_report_pdf_ignores_the_decision_and_the_annexes() -> None:
    """A-9-2024-0071 holds a proposal for a decision before the motion; A-9-2023-0004
    continues with amendments. Neither belongs to the resolution."""
    r = parse_file(corpus("A-9-2024-0071.pdf"))
    assert r.citations[0].text.startswith("having regard to its decision on discharge")
    assert r.paragraphs[-1].text.endswith("such as Mastodon.")
    legislative = parse_file(corpus("A-9-2023-0004.pdf"))
    assert legislative.paragraphs[-1].text == (
        "Instructs its President to forward its position to the Council, the Commission and "
        "the national parliaments."
    )


def test_seed_title_and_metadata(seed) -> None:
    m = seed.metadata
    assert m.title == "European Parliament resolution on the situation in Kazakhstan"
    assert m.pe_numbers == ("PE702.845v01-00", "PE702.852v01-00", "PE702.854v01-00",
                            "PE702.857v01-00", "PE702.859v01-00")


def test_headings_attach_to_following_paragraphs() -> None:
    r = parse_file(corpus("A-9-2024-0071-motion.txt"))
    by_label = {p.label: p for p in r.paragraphs}
    assert by_label["4"].heading is None
    assert by_label["5"].heading == 1  # State of play of the discharge procedure
    assert by_label["17"].heading == 2  # Political priorities
    assert by_label["67"].heading == 11  # Communication


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x00\x01\x02binary\xff", "binary"),
        (b"\xff\xfe\xfa not utf-8", "not UTF-8"),
        (b"Minutes of the meeting\nNothing to see here.\n", "no line 'The European Parliament,'"),
        (b"Some title\nThe European Parliament,\n- having regard to x,\n1. Notes;\n",
         "no title"),
        (b"European Parliament resolution on nothing\nThe European Parliament,\n"
         b"- having regard to x,\n1. Notes;\n", "no procedure number"),
        (b"%PDF-1.7 broken", "not a readable PDF"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path, content: bytes, message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        parse_file(tmp_path / "nope.txt")


POINTS = """European Parliament resolution on points and indents
(2024/0001(INI))
The European Parliament,
– having regard to Rule 54 of its Rules of Procedure,
A. whereas texts have points;
1. Calls on the Commission:
(a) to publish data;
(b) to keep identifiers
stable;
– in every language;
2. Instructs its President to forward this resolution to the Council.
"""


def test_points_and_indents_nest_under_their_paragraph(tmp_path) -> None:
    from resgraph.graph import Minter, build_quads

    path = tmp_path / "points.txt"
    path.write_text(POINTS, encoding="utf-8")
    r = parse_file(path)
    first = r.paragraphs[0]
    assert [(p.kind, p.label or str(p.order), p.text) for p in first.parts] == [
        ("point", "a", "to publish data;"),
        ("point", "b", "to keep identifiers stable;"),
        ("indent", "1", "in every language;"),
    ]
    assert first.text.startswith("Calls on the Commission:\n(a) to publish data;")
    assert r.paragraphs[1].label == "2"
    subjects = {q.subject.value for q in build_quads(r, Minter.for_resolution(r))}
    base = "https://w3id.org/resgraph/id/2024-0001-INI/resolution"
    assert {f"{base}/paragraph/1/point/a", f"{base}/paragraph/1/point/b",
            f"{base}/paragraph/1/indent/1"} <= subjects
