"""Property-based tests on synthetic resolutions: whatever the wrapping and page furniture,
the parser finds the parts, their text is the words as written, and every span slices back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from resgraph.graph import Minter, build_quads
from resgraph.model import SourceText
from resgraph.parse.structure import parse_clean
from resgraph.text.cleanup import clean


def _structure(source: SourceText):
    """The structure layer alone: random words are no language, and the language check
    (tests/test_markup.py) is not what these properties are about."""
    return parse_clean(source, clean(source))


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
    r = _structure(source)
    assert [p.text for p in r.citations] == [f"having regard to {c}," for c in citations]
    assert [p.text for p in r.recitals] == [f"whereas {x};" for x in recitals]
    assert [p.text for p in r.paragraphs] == [f"{p};" for p in paragraphs]
    for part in (*r.citations, *r.recitals, *r.paragraphs):
        assert r.clean.text[part.span.start : part.span.end] == part.text
        assert text[part.source.start] == part.text[0]
        assert text[part.source.end - 1] == part.text[-1]
    # the same input always gives the same IRIs and triples
    minter = Minter.for_resolution(r)
    assert build_quads(r, minter) == build_quads(_structure(source), minter)


GIVEN = st.sampled_from(["Amina", "Bolat", "Dana", "Erlan", "Farida", "Galym"])
FAMILY = st.sampled_from(["Nurlanova", "Sadykov", "Temirova", "Zhakupov", "Omarov"])
ROLE = st.sampled_from(["activists", "journalists", "human rights defenders"])
ADDRESSEE = st.sampled_from(["the Commission", "the Council", "the EEAS and the Member States",
                             "the Kazakh authorities", "the authorities of Kazakhstan"])


@st.composite
def paragraphs_with_names(draw):
    people = draw(st.lists(st.tuples(GIVEN, FAMILY), min_size=1, max_size=4, unique=True))
    names = [f"{g} {f}" for g, f in people]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    role = draw(ROLE)
    addressee = draw(ADDRESSEE)
    words = draw(SENTENCE)
    paragraph = (f"1. Condemns the detention of {role} {listed}; urges {addressee} to "
                 f"release them and {words};")
    text = "\n".join([
        "European Parliament resolution on synthetic matters", "(2024/1234(RSP))",
        "The European Parliament,", "– having regard to the situation in Kazakhstan,",
        paragraph, "2. Instructs its President to forward this resolution to the Council.",
    ])
    return names, text


@settings(max_examples=40, deadline=None)
@given(paragraphs_with_names())
def test_mentions_and_demands_slice_back(doc) -> None:
    from resgraph.extract import extract_facts

    names, text = doc
    r = _structure(SourceText("synthetic.txt", text, "text/plain", "0" * 64))
    facts = extract_facts(r)
    assert {e.name for e in facts.entities if e.kind == "person"} == set(names)
    for m in facts.mentions:
        assert m.part.text[m.start : m.end] == m.text
    condemn, urge = facts.demands[0], facts.demands[1]
    assert (condemn.act, urge.act) == ("condemns", "urges")
    assert urge.addressees and urge.action.startswith("release them")
    for d in facts.demands:
        assert d.part.text[d.action_start : d.action_end] == d.action
        assert d.part.text[d.start : d.end] == d.text


# The trie alternation matches what a longest-first alternation matches, wherever it stands:
# a word, a longer word sharing its start ("calls", "calls upon"), one that fails the boundary
# after it and falls back to a shorter one.
PHRASE = st.lists(st.text(alphabet="abc -", min_size=1, max_size=6), min_size=1, max_size=12)


@given(words=PHRASE, text=st.text(alphabet="abc -.", max_size=80))
@settings(max_examples=300, deadline=None)
def test_trie_alternation_matches_as_longest_first(words: list[str], text: str) -> None:
    import re

    from resgraph.patterns import alternatives, longest_first

    def spans(alternation: str) -> list[tuple[int, int]]:
        pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")
        return [m.span() for m in pattern.finditer(text)]

    assert spans(alternatives(words)) == spans(longest_first(words))
