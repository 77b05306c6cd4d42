"""Text cleanup: furniture, footnote markers, line joining, offsets back to the source."""

from __future__ import annotations

import pytest

from resgraph.model import SourceText
from resgraph.text.cleanup import clean, is_furniture

from conftest import corpus


def _source(text: str, name: str = "t.txt") -> SourceText:
    return SourceText(name=name, text=text, media_type="text/plain", sha256="0" * 64)


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("RC\\1247433EN.docx 5/11 PE702.845v01-00 }", True),
        ("PE702.852v01-00 }", True),
        ("PE702.859v01-00 } RC1", True),
        ("RE\\1300952EN.docx PE760.990v01-00", True),
        ("PE760.990v01-00 2/3 RE\\1300952EN.docx", True),
        ("EN", True),
        ("RC1", True),
        ("EN United in diversity EN", True),
        ("3/3", True),
        ("PR_DEC_Other", True),
        ("", True),
        ("2. Stands together with the people of Kazakhstan", False),
        ("ENVI", False),
        ("EU", False),
        ("2022;", False),
    ],
)
def test_furniture_lines(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


def test_seed_clean_text_has_no_furniture_or_markers(seed) -> None:
    text = seed.clean.text
    for junk in ("RC\\1247433EN.docx", "PE702.8", "RC1", "\nEN\n", "Kazakhstan1", "20192"):
        assert junk not in text
    # words split across a page are rejoined, real hyphens kept
    assert "peaceful crisis resolution and other tools" in text
    assert "anti-corruption legislation" in text
    assert "decision-making processes" in text
    # a page break inside recital E is invisible in the clean text
    assert "whereas peaceful civilians Nurbolat Seitkulov, Altynai Yetayeva" in text


def test_year_glued_footnote_marker_is_year_plus_footnote(seed) -> None:
    """'14 March 20192' is 14 March 2019 with footnote 2."""
    citation = seed.citations[0]
    assert "of 14 March 2019, 18 April 2013, 15 March 2012 and 17 September 2009," in (
        citation.text
    )
    notes = {f.number: f for f in seed.footnotes}
    assert notes[2].text == "OJ C 23, 21.1.2021, p. 83."
    assert citation.text[: notes[2].anchor_offset].endswith("14 March 2019")
    assert citation.text[: notes[1].anchor_offset].endswith("human rights situation in Kazakhstan")
    assert citation.text[: notes[5].anchor_offset].endswith("17 September 2009")


def test_offsets_map_back_to_the_source(seed) -> None:
    source = seed.source.text
    for part in (*seed.citations, *seed.recitals, *seed.paragraphs, *seed.footnotes):
        first, last = part.text[0], part.text[-1]
        assert source[part.source.start] == first
        assert source[part.source.end - 1] == last


def test_crlf_and_bom_give_the_same_clean_text() -> None:
    text = (corpus("B-9-2024-0216.txt")).read_text(encoding="utf-8")
    unix = clean(_source(text))
    windows = clean(_source("\ufeff" + text.replace("\n", "\r\n").lstrip("\ufeff")))
    assert unix.text == windows.text
    assert [b.kind for b in unix.blocks] == [b.kind for b in windows.blocks]


def test_multi_line_footnote_with_open_bracket_continues() -> None:
    """B-9-2024-0218 footnote 5 ends 'p.' on one line and '1).' on the next."""
    c = clean(_source((corpus("B-9-2024-0218.txt")).read_text(encoding="utf-8")))
    notes = [c.text[b.span.start : b.span.end] for b in c.blocks if b.kind == "footnote"]
    assert notes[4].endswith("(OJ L 168, 27.6.2022, p. 1).")
    assert "1)." not in c.text.split("\n")[-6]  # not left in the body


def test_case_number_marker() -> None:
    """'Case T-163/211' is case T-163/21 with footnote 1."""
    c = clean(_source((corpus("A-9-2024-0071-motion.txt")).read_text(encoding="utf-8")))
    assert "in Case T-163/21, De Capitani v Council" in c.text
    assert c.markers[0].number == 1
    assert c.text[: c.markers[0].offset].endswith("Case T-163/21")
