"""Property-based tests on synthetic resolutions: whatever the wrapping and page furniture,
the parser finds the parts, their text is the words as written, and every span slices back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from resgraph.graph import Minter, build_quads
from resgraph.model import SourceText
from resgraph.parse.structure import parse_resolution

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäéő", min_size=1, max_size=9)
SENTENCE = st.lists(WORD, min_size=3, max_size=40).map(" ".join)
FURNITURE = st.sampled_from([
    ["RC\\1247433EN.docx 5/11 PE702.845v01-00 }", "PE702.852v01-00 } RC1", "", "EN"],
    ["PE760.990v01-00 2/3 RE\\1300952EN.docx", "EN"],
    ["", "", ""],
])


def _wrap(text: str, width: int) -> list[str]:
    """Break like pypdf does: a wrapped line keeps the blank after its last word."""
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + len(word) > width:
            lines.append(current)
            current = ""
        current += word + " "
    lines.append(current.rstrip())
    return lines


@st.composite
def documents(draw):
    citations = draw(st.lists(SENTENCE, min_size=1, max_size=4))
    recitals = draw(st.lists(SENTENCE, min_size=0, max_size=5))
    paragraphs = draw(st.lists(SENTENCE, min_size=1, max_size=6))
    width = draw(st.integers(min_value=20, max_value=90))
    blocks = [["European Parliament resolution on synthetic matters"], ["(2024/1234(RSP))"],
              ["The European Parliament,"]]
    blocks += [_wrap(f"– having regard to {c},", width) for c in citations]
    blocks += [_wrap(f"{chr(65 + i)}. whereas {r};", width) for i, r in enumerate(recitals)]
    blocks += [_wrap(f"{i}. {p};", width) for i, p in enumerate(paragraphs, start=1)]
    lines = [line for block in blocks for line in block]
    # page furniture after some lines, anywhere after the opener
    for at in sorted(draw(st.lists(st.integers(3, len(lines)), max_size=3)), reverse=True):
        lines[at:at] = draw(FURNITURE)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return citations, recitals, paragraphs, newline.join(lines)


@settings(max_examples=60, deadline=None)
@given(documents())
def test_synthetic_resolutions_parse_exactly(doc) -> None:
    citations, recitals, paragraphs, text = doc
    source = SourceText("synthetic.txt", text, "text/plain", "0" * 64)
    r = parse_resolution(source)
    assert [p.text for p in r.citations] == [f"having regard to {c}," for c in citations]
    assert [p.text for p in r.recitals] == [f"whereas {x};" for x in recitals]
    assert [p.text for p in r.paragraphs] == [f"{p};" for p in paragraphs]
    for part in (*r.citations, *r.recitals, *r.paragraphs):
        assert r.clean.text[part.span.start : part.span.end] == part.text
        assert text[part.source.start] == part.text[0]
        assert text[part.source.end - 1] == part.text[-1]
    # the same input always gives the same IRIs and triples
    minter = Minter.for_resolution(r)
    assert build_quads(r, minter) == build_quads(parse_resolution(source), minter)
