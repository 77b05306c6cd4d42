"""Source text -> clean text: page furniture out, footnotes out, lines rejoined, offsets kept.

The EP's PDFs (and text extracted from them) interleave the resolution with running headers
and footers, a lone language code, cover pages, tables of contents and footnote bodies at the
bottom of each page, and glue footnote markers to the word before them ("Kazakhstan1",
"20192"). This module finds the resolution inside such a text, removes all of that, rejoins
lines into logical blocks (one per citation, recital, paragraph, point, heading or footnote),
and records for every clean character where it came from in the source.

The clean text holds one block per line, labels as printed ("A. whereas ..."); a block's span
covers the text after its label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import cast

from resgraph.errors import InputError
from resgraph.model import (
    Block,
    BlockKind,
    CleanText,
    FootnoteMarker,
    LaidLine,
    OffsetMap,
    SourceText,
    Span,
)
from resgraph.text.hazards import INVISIBLE, LIGATURES

# EU official language codes: a line holding only one of them is the page's language mark.
LANGUAGE_CODES = frozenset(
    ("BG", "CS", "DA", "DE", "EL", "EN", "ES", "ET", "FI", "FR", "GA", "HR",
     "HU", "IT", "LT", "LV", "MT", "NL", "PL", "PT", "RO", "SK", "SL", "SV")
)

# What `copy` skips or spells out, found by one scan of each piece: testing each character
# took 0.14 s of the cleanup's 0.82 s under cProfile, for 50 of scale.py's documents
_SPECIAL = re.compile("[" + "".join(map(re.escape, sorted(INVISIBLE | LIGATURES.keys()))) + "]")

# Running headers and footers of EP documents. The Word file name names the document family
# (RC joint motion, RE motion, RR report, TA text adopted, AM amendments ...), the PE number
# identifies the document in the EP's registry, "n/m" is the page.
_FURNITURE = (
    re.compile(r"^[A-Z]{2}\\\d+[A-Z]{2}\.docx\b"),
    re.compile(r"^PE\s?\d{3}\.\d{3}(?:v\d{2}-\d{2})?(?:\s|$|\})"),
    re.compile(r"^[A-Z]{2} United in diversity [A-Z]{2}$"),
    re.compile(r"^\d{1,3}\s*/\s*\d{1,3}$"),
    re.compile(r"^-?\s*\d{1,3}\s*-?$"),
    re.compile(r"^(?:RC|AM)\d{0,2}$"),
    re.compile(r"^[{}\s]+$"),
    re.compile(r"^PR_[A-Za-z0-9_]+$"),
)

# A text's title: "European Parliament resolution on ...", "MOTION FOR A EUROPEAN PARLIAMENT
# RESOLUTION", "DRAFT EUROPEAN PARLIAMENT LEGISLATIVE RESOLUTION", "PROPOSAL FOR A EUROPEAN
# PARLIAMENT DECISION", "European Parliament decision of ... on ...", "European Parliament
# recommendation to the Council ..." (the EP adopts these three kinds with one skeleton).
_TITLE = re.compile(
    r"^(?:\d{1,2}\.\s+)?"
    r"(?:(?:joint\s+)?motion\s+for\s+an?\s+(?:european\s+parliament\s+)?"
    r"|(?:draft|proposal\s+for\s+an?)\s+(?:european\s+parliament\s+)?"
    r"|european\s+parliament\s+)"
    r"(?:legislative\s+|non-legislative\s+)?(?:resolution|decision|recommendation)\b",
    re.IGNORECASE,
)
_HEADING_NUMBER = re.compile(r"^\d{1,2}\.\s+")
_OPENER = re.compile(r"^The European Parliament\s*,?$")
_DOT_LEADERS = re.compile(r"\.{4,}")
_TRAILING_PROCEDURE = re.compile(r"\s\(\d{4}/\d{4}\s*\([A-Z]{3}\)\)$")
_PROCEDURE = re.compile(r"\d{4}/\d{4}\s*\([A-Z]{3}\)")
# An annex of the text itself, not of the report around it: "ANNEX TO THE RESOLUTION",
# "Annex to the motion for a resolution", "ANNEX TO THE DECISION", and, in capitals, "ANNEX",
# "ANNEXES", "ANNEX I", "ANNEX: RECOMMENDATIONS AS TO THE CONTENT OF THE PROPOSAL REQUESTED".
# Not the report's own "ANNEX: ENTITIES OR PERSONS FROM WHOM THE RAPPORTEUR HAS RECEIVED
# INPUT" (its legislative footprint), and not "Annex I." where a sentence wraps.
_ANNEX_TO = re.compile(
    r"^annex(?:es)?(?:\s+[ivx]+)?\s+to\s+the\s+(?:[a-z]+\s+)*"
    r"(?:resolution|decision|recommendation)\b",
    re.IGNORECASE,
)
_ANNEX_HEADING = re.compile(r"^ANNEX(?:ES)?(?:\s+[IVX]+)?\s*(?:[.:]|:\s*(?!.*RAPPORTEUR).+)?$")
_AMENDMENT = re.compile(r"^Amendment\s+\d+\s*$")

_CITATION = re.compile(r"^[–—‒-]\s*(?=\S)")
_RECITAL = re.compile(r"^([A-Z]{1,3})\.\s+(?=\S)")
_PARAGRAPH = re.compile(r"^(\d{1,3})\.\s+(?=\S)")
# Points: "(a)", "(ii)"; some texts letter them "a." (the EP's 2020 web pages).
_POINT = re.compile(r"^(?:\(([a-z]{1,2}|[ivxl]{1,6})\)|([a-z])\.)\s+(?=\S)")
_FOOTNOTE = re.compile(r"^(\d{1,3})\s+(?=\S)")
_ABBREVIATION_END = re.compile(r"(?:\bp|\bpp|\bNo|\bArt|\bpara|\be\.g|\bi\.e)\.$")

_BLOCK_END = (";", ".", ":", ",")


@dataclass(frozen=True)
class _Line:
    index: int
    start: int  # of the first non-blank character, in the source
    end: int  # after the last non-blank character
    raw_end: int  # end of the line before its line break (trailing blanks included)
    text: str  # source[start:end] for text and PDF lines
    # Markup lines: where each column came from, (column, source start, length); None when
    # the line is the contiguous slice source[start:end].
    runs: tuple[tuple[int, int, int], ...] | None = None
    laid: LaidLine | None = None  # what a markup reader said about the line
    markers: tuple[tuple[int, int], ...] = ()  # markup's footnote links: (number, column)


def _split_lines(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for i, m in enumerate(re.finditer(r"\r\n|\r|\n|$", text)):
        raw = text[pos : m.start()]
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        start = pos + lead
        lines.append(_Line(i, start, start + len(stripped), m.start(), stripped))
        pos = m.end()
        if m.end() == len(text):
            break
    return lines


def _laid_lines(lines: tuple[LaidLine, ...]) -> list[_Line]:
    """A markup reader's lines as cleanup lines: blanks trimmed, columns re-based."""
    out: list[_Line] = []
    for laid in lines:
        lead = len(laid.text) - len(laid.text.lstrip())
        text = laid.text.strip()
        runs = tuple((c - lead, s, n) for c, s, n in laid.runs)
        markers = tuple((n, min(max(c - lead, 0), len(text))) for n, c in laid.markers)
        first = _source_of(runs, 0)
        last = _source_of(runs, max(len(text) - 1, 0)) + 1
        out.append(_Line(len(out), first, last, last, text, runs, laid, markers))
    return out


def _source_of(runs: tuple[tuple[int, int, int], ...], column: int) -> int:
    """Source offset of a column of a markup line (an entity's characters all map to its '&')."""
    best = runs[0]
    for run in runs:
        if run[0] <= column:
            best = run
        else:
            break
    col, start, length = best
    return start + min(max(column - col, 0), max(length - 1, 0))


def is_furniture(text: str) -> bool:
    if not text:
        return True
    if text in LANGUAGE_CODES:
        return True
    return any(p.match(text) for p in _FURNITURE)


def _is_caps_heading(text: str) -> bool:
    # A lower-case letter, or no cased one: not all capitals. Tested first because listing
    # every line's letters took 0.11 s of the cleanup's 0.82 s (cProfile, 50 documents).
    if not text.isupper():
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 10 and " " in text and all(c.isupper() for c in letters)


def _roman(label: str) -> bool:
    return bool(re.fullmatch(r"[ivxl]+", label))


def _next_recital(label: str) -> str:
    """A, B, ... Z, AA, AB ... as the EP numbers recitals."""
    value = 0
    for c in label:
        value = value * 26 + (ord(c) - 64)
    value += 1
    out = ""
    while value:
        value, rem = divmod(value - 1, 26)
        out = chr(65 + rem) + out
    return out


# --- Locating the resolution ------------------------------------------------------------------


@dataclass(frozen=True)
class _Section:
    title: int  # line index of the title heading
    opener: int  # line index of "The European Parliament,"
    end: int  # line index after the last line of the resolution


def _locate(source: SourceText, lines: list[_Line], furniture: list[bool]) -> _Section:
    content = [ln for ln in lines if not furniture[ln.index]]
    openers = [ln.index for ln in content if _OPENER.match(ln.text)]
    if not openers:
        raise InputError(
            source.name,
            "not an EP resolution: no line 'The European Parliament,' opens its citations",
        )
    titles = [
        ln.index for ln in content if _TITLE.match(ln.text) and not _DOT_LEADERS.search(ln.text)
    ]
    previous = -1
    sections = []
    for opener in openers:
        before = [t for t in titles if previous < t < opener]
        previous = opener
        if before:
            sections.append((before[-1], opener))
    # A report may hold a proposal for a decision beside its motion for a resolution (discharge
    # reports do): the resolution is the text, the decision its formal companion.
    resolutions = [s for s in sections if "resolution" in lines[s[0]].text.lower()]
    chosen = resolutions or sections
    if len(chosen) > 1:  # never a silent cut: one text per file
        second = lines[chosen[1][0]]
        raise InputError(
            source.name,
            f"holds more than one text: a second begins at line "
            f"{source.text.count(chr(10), 0, second.start) + 1} ({second.text[:60]!r}); "
            "give each text in a file of its own",
        )
    if chosen:
        title, opener = chosen[0]
        return _Section(title, opener, _find_end(lines, furniture, opener))
    raise InputError(
        source.name,
        "not an EP resolution: no title such as 'European Parliament resolution on ...' "
        "before 'The European Parliament,'",
    )


def _find_end(lines: list[_Line], furniture: list[bool], opener: int) -> int:
    """The resolution ends where the next part of a report begins: an all-capitals heading
    (EXPLANATORY STATEMENT, ANNEX, OPINION OF ...), an amendment, or another text's opener."""
    for ln in lines[opener + 1 :]:
        if furniture[ln.index]:
            continue
        if _ends_text(ln):
            return ln.index
    return len(lines)


def _ends_text(ln: _Line) -> bool:
    return bool(_is_caps_heading(ln.text) or _AMENDMENT.match(ln.text) or _OPENER.match(ln.text)
                or _is_annex(ln))


def _is_annex(ln: _Line) -> bool:
    return bool(_ANNEX_TO.match(ln.text) or _ANNEX_HEADING.match(ln.text))


def _annexes(lines: list[_Line], furniture: list[bool], end: int) -> list[tuple[int, int]]:
    """The text's own annexes right after it, as line ranges: each runs from its heading to
    the next heading that ends a text (the report's next section) or the next annex."""
    ranges: list[tuple[int, int]] = []
    start = end
    while start < len(lines) and _is_annex(lines[start]):
        stop = next((ln.index for ln in lines[start + 1 :]
                     if not furniture[ln.index] and _ends_text(ln)), len(lines))
        ranges.append((start, stop))
        start = stop
    return ranges


# --- Footnotes --------------------------------------------------------------------------------


def _marker_patterns(number: int) -> tuple[re.Pattern[str], ...]:
    n = str(number)
    after = r"(?=[\s,.;:)\]’”]|$)"
    return (
        # glued to a word, a closing bracket or quote: "Kazakhstan1", "report’)4"
        re.compile(r"(?<=[^\W\d_]|[)\]’”\"])" + n + after),
        # glued to a year: "20192" is 2019 and footnote 2
        re.compile(r"(?<![\w/.])(?:19|20)\d\d(" + n + ")" + after),
        # glued to a court case number: "T-163/211" is T-163/21 and footnote 1
        re.compile(r"(?<![\w/])[CTF]-\d{1,4}/\d\d(" + n + ")" + after),
    )


def _find_marker(
    number: int, lines: list[_Line], since: tuple[int, int]
) -> tuple[int, int, int] | None:
    """First marker for footnote `number` after position `since` (line slot, column):
    (line slot, start column, end column)."""
    patterns = _marker_patterns(number)
    for slot in range(since[0], len(lines)):
        text = lines[slot].text
        lower = since[1] if slot == since[0] else 0
        best: tuple[int, int] | None = None
        for p in patterns:
            for m in p.finditer(text, lower):
                g = m.lastindex or 0
                span = (m.start(g), m.end(g))
                if best is None or span[0] < best[0]:
                    best = span
                break
        if best is not None:
            return slot, best[0], best[1]
    return None


def _footnote_label(line: _Line) -> int:
    """Length of the printed number that opens a footnote body; markup gives it apart."""
    m = _FOOTNOTE.match(line.text)
    return m.end() if m and line.laid is None else 0


def _footnote_complete(text: str) -> bool:
    """A footnote body ends with a full stop outside brackets (not "p." awaiting its page)."""
    text = text.rstrip()
    if not text.endswith("."):
        return False
    if _ABBREVIATION_END.search(text):
        return False
    return text.count("(") <= text.count(")")


@dataclass(frozen=True)
class _Footnote:
    number: int
    lines: tuple[_Line, ...]


def _split_footnotes(
    lines: list[_Line],
) -> tuple[list[_Line], list[_Footnote], dict[int, list[tuple[int, int, int]]]]:
    """Separate footnote bodies from body lines; find each footnote's marker.

    A footnote starts with a line "N text" where N is the next footnote number and a marker
    for N stands in the body since the previous marker; the footnote list decides which
    digits glued to a word are a marker. Returns the body lines, the footnotes, and the
    markers to delete per body line slot: number, start column, end column.
    """
    body: list[_Line] = []
    notes: list[_Footnote] = []
    markers: dict[int, list[tuple[int, int, int]]] = {}
    expected = 1
    since = (0, 0)
    i = 0
    while i < len(lines):
        ln = lines[i]
        m = _FOOTNOTE.match(ln.text)
        if m and int(m.group(1)) == expected:
            found = _find_marker(expected, body, since)
            if found is not None:
                slot, col_start, col_end = found
                markers.setdefault(slot, []).append((expected, col_start, col_end))
                since = (slot, col_end)
                taken = [ln]
                text = ln.text
                i += 1
                while i < len(lines) and not _footnote_complete(text):
                    nxt = lines[i]
                    nm = _FOOTNOTE.match(nxt.text)
                    if nm and int(nm.group(1)) == expected + 1:
                        break
                    taken.append(nxt)
                    text += " " + nxt.text
                    i += 1
                notes.append(_Footnote(expected, tuple(taken)))
                expected += 1
                continue
        body.append(ln)
        i += 1
    return body, notes, markers


def _laid_footnotes(
    lines: list[_Line],
) -> tuple[list[_Line], list[_Footnote], dict[int, list[tuple[int, int, int]]]]:
    """Footnotes as the markup gives them: bodies are the lines that say which footnote they
    belong to; markers are the reference links, at their columns (they are not in the text)."""
    body = [ln for ln in lines if ln.laid is None or ln.laid.footnote is None]
    bodies: dict[int, list[_Line]] = {}
    for ln in lines:
        if ln.laid is not None and ln.laid.footnote is not None:
            bodies.setdefault(ln.laid.footnote, []).append(ln)
    markers: dict[int, list[tuple[int, int, int]]] = {}
    referenced = set()
    for slot, ln in enumerate(body):
        for number, column in ln.markers:
            markers.setdefault(slot, []).append((number, column, column))
            referenced.add(number)
    notes = [_Footnote(n, tuple(bodies[n])) for n in sorted(bodies) if n in referenced]
    return body, notes, markers


# --- Building the clean text ------------------------------------------------------------------


class _Writer:
    """Accumulates clean text and the runs that map it back to the source."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.chunks: list[str] = []
        self.pos = 0
        self.clean_starts: list[int] = []
        self.source_starts: list[int] = []
        self.lengths: list[int] = []

    def copy_columns(self, line: _Line, first: int, last: int) -> None:
        """Copy columns first..last of a line, through its runs for a markup line."""
        if line.runs is None:
            self.copy(line.start + first, line.start + last)
            return
        for col, start, length in line.runs:
            lo, hi = max(first, col), min(last, col + length)
            if hi <= lo:
                continue
            piece, at = line.text[lo:hi], start + lo - col
            if self.source[at : at + hi - lo] == piece:
                self.copy(at, at + hi - lo)
            else:  # the reader's text, not the source's: an entity, a line break made a space
                self._append(piece, at, hi - lo)

    def copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        piece = self.source[start:end]
        special = [m.start() for m in _SPECIAL.finditer(piece)]
        if special:  # soft hyphens and zero-width characters skipped, ligatures spelt out
            cursor = start
            for i in special:
                self.copy(cursor, start + i)
                letters = LIGATURES.get(piece[i])
                if letters:  # the first letter is the ligature's character, the rest added
                    self._append(letters[0], start + i, 1)
                    self.insert(letters[1:])
                cursor = start + i + 1
            self.copy(cursor, end)
            return
        self._append(piece, start, end - start)

    def _append(self, piece: str, start: int, length: int) -> None:
        end = start + length
        if self.lengths and self.source_starts[-1] + self.lengths[-1] == start and (
            self.clean_starts[-1] + self.lengths[-1] == self.pos
        ):
            self.lengths[-1] += end - start
        else:
            self.clean_starts.append(self.pos)
            self.source_starts.append(start)
            self.lengths.append(end - start)
        self.chunks.append(piece)
        self.pos += end - start

    def insert(self, text: str) -> None:
        self.chunks.append(text)
        self.pos += len(text)

    def offsets(self) -> OffsetMap:
        return OffsetMap(tuple(self.clean_starts), tuple(self.source_starts), tuple(self.lengths))


def _marks_wrapped_lines(lines: list[_Line]) -> bool:
    """Does this text end wrapped lines with a blank (as pypdf's output does)? Only then is a
    line without one a word cut in two; hand-wrapped text without blanks joins with spaces."""
    wrapped = [a for a, b in pairwise(lines) if b.text[:1].islower()]
    return bool(wrapped) and sum(a.raw_end > a.end for a in wrapped) * 2 > len(wrapped)


def _separator(previous: _Line, following: _Line, blanks_mark_wraps: bool) -> str:
    """How two lines of one block join: a space, or nothing inside a word.

    pypdf ends a wrapped line with a blank where a word ended, so a line that ends in a
    lowercase letter with no blank, followed by one that starts in lowercase, is a word split
    across lines or pages ("resolu" / "tion"). A hyphen at the end of a line is printed, not
    inserted by line breaking (EP texts are not hyphenated), so it stays and joins directly:
    "anti-" / "corruption" -> "anti-corruption".
    """
    trailing_blank = previous.raw_end > previous.end
    last = previous.text[-1:]
    first = following.text[:1]
    if last in "-‐" and not previous.text.endswith(" -"):
        return ""
    if blanks_mark_wraps and not trailing_blank and last.islower() and first.islower():
        return ""
    return " "


@dataclass
class _OpenBlock:
    kind: BlockKind
    label: str
    label_length: int
    lines: list[_Line]


def _classify(lines: list[_Line]) -> list[_OpenBlock]:
    """Group body lines (after the opener) into blocks by the labels that start them."""
    blocks: list[_OpenBlock] = []
    phase = "citations"
    next_recital = "A"
    next_paragraph = 1

    def ends_block(ln: _Line | None) -> bool:
        return ln is None or ln.text.endswith(_BLOCK_END)

    for i, ln in enumerate(lines):
        text = ln.text
        previous = lines[i - 1] if i else None
        following = lines[i + 1] if i + 1 < len(lines) else None
        m_rec = _RECITAL.match(text)
        m_par = _PARAGRAPH.match(text)
        m_pt = _POINT.match(text)
        m_dash = _CITATION.match(text)
        if m_dash and phase == "citations":
            blocks.append(_OpenBlock("citation", "", m_dash.end(), [ln]))
        elif m_rec and m_rec.group(1) == next_recital and phase != "paragraphs":
            phase = "recitals"
            blocks.append(_OpenBlock("recital", m_rec.group(1), m_rec.end(), [ln]))
            next_recital = _next_recital(next_recital)
        elif m_par and int(m_par.group(1)) == next_paragraph:
            phase = "paragraphs"
            blocks.append(_OpenBlock("paragraph", m_par.group(1), m_par.end(), [ln]))
            next_paragraph += 1
        elif m_pt and blocks and phase != "citations" and ends_block(previous):
            label = m_pt.group(1) or m_pt.group(2)
            blocks.append(_OpenBlock("point", label, m_pt.end(), [ln]))
        elif m_dash and blocks and phase != "citations" and ends_block(previous):
            blocks.append(_OpenBlock("indent", "", m_dash.end(), [ln]))
        elif (
            blocks
            and ends_block(previous)
            and text[:1].isupper()
            and not text.endswith(_BLOCK_END)
            and following is not None
            and (m := _PARAGRAPH.match(following.text)) is not None
            and int(m.group(1)) == next_paragraph
        ):
            blocks.append(_OpenBlock("heading", "", 0, [ln]))
        elif blocks:
            blocks[-1].lines.append(ln)
        else:
            # Text between the opener and the first citation: keep it as a note.
            blocks.append(_OpenBlock("note", "", 0, [ln]))
    return blocks


def _split_line(ln: _Line, column: int) -> tuple[_Line, _Line]:
    """A line cut in two at a column, each half keeping where its characters came from."""
    head_text, tail_text = ln.text[:column].rstrip(), ln.text[column:]
    if ln.runs is None:
        tail_start = ln.start + column
        return (_Line(ln.index, ln.start, ln.start + len(head_text), ln.start + len(head_text),
                      head_text),
                _Line(ln.index, tail_start, ln.end, ln.raw_end, tail_text))
    head_runs, tail_runs = [], []
    for c, s, n in ln.runs:
        if c + n <= column:
            head_runs.append((c, s, n))
        elif c >= column:
            tail_runs.append((c - column, s, n))
        else:  # the run holds the cut
            head_runs.append((c, s, column - c))
            tail_runs.append((0, s + column - c, n - (column - c)))
    head_end = _source_of(tuple(head_runs), len(head_text) - 1) + 1
    head = _Line(ln.index, ln.start, head_end, head_end, head_text, tuple(head_runs), ln.laid,
                 tuple(m for m in ln.markers if m[1] <= len(head_text)))
    tail = _Line(ln.index, _source_of(tuple(tail_runs), 0), ln.end, ln.raw_end, tail_text,
                 tuple(tail_runs), ln.laid,
                 tuple((n, c - column) for n, c in ln.markers if c >= column))
    return head, tail


def _procedure_apart(lines: list[_Line]) -> list[_Line]:
    """A title printed on one line with its procedure ("... in Kazakhstan (2022/2505(RSP))",
    as the EP's XML and the OJ print it) becomes the title line and the procedure line."""
    out: list[_Line] = []
    for ln in lines:
        m = _TRAILING_PROCEDURE.search(ln.text)
        if m and m.start() > 0:
            out.extend(_split_line(ln, m.start() + 1))
        else:
            out.append(ln)
    return out


def _title_blocks(lines: list[_Line]) -> list[_OpenBlock]:
    """Title lines, then the procedure line(s) in brackets, then any bracketed notes."""
    blocks: list[_OpenBlock] = []
    for ln in _procedure_apart(lines):
        if not blocks:
            number = _HEADING_NUMBER.match(ln.text)
            blocks.append(_OpenBlock("title", "", number.end() if number else 0, [ln]))
            continue
        current = blocks[-1]
        open_brackets = sum(x.text.count("(") - x.text.count(")") for x in current.lines)
        if current.kind == "procedure" and open_brackets > 0:
            current.lines.append(ln)
        elif ln.text.startswith("(") and _PROCEDURE.search(ln.text):
            blocks.append(_OpenBlock("procedure", "", 0, [ln]))
        elif (ln.text.startswith("(") and current.kind != "title") or current.kind == "note":
            blocks.append(_OpenBlock("note", "", 0, [ln]))
        elif current.kind == "title":
            current.lines.append(ln)
        else:
            blocks.append(_OpenBlock("note", "", 0, [ln]))
    return blocks


def clean(source: SourceText) -> CleanText:
    """Find the resolution in `source` and return its clean text with blocks and offsets."""
    text = source.text
    if source.lines is None:
        lines = _split_lines(text)
        furniture = [is_furniture(ln.text) for ln in lines]
    else:  # a markup reader said which lines are furniture
        lines = _laid_lines(source.lines)
        furniture = [not ln.text or bool(ln.laid and ln.laid.furniture) for ln in lines]
    section = _locate(source, lines, furniture)

    front = [ln.text for ln in lines[: section.title] if not furniture[ln.index]]
    removed = tuple(ln.text for ln in lines if furniture[ln.index] and ln.text)
    title_lines = [
        ln for ln in lines[section.title : section.opener] if not furniture[ln.index]
    ]
    annexes = _annexes(lines, furniture, section.end)
    end = annexes[-1][1] if annexes else section.end
    if source.lines is None:
        body_lines = [ln for ln in lines[section.opener + 1 : end] if not furniture[ln.index]]
        body_lines, notes, marker_cols = _split_footnotes(body_lines)
    else:  # footnote bodies stand after the content: take them wherever they are
        # (every line from _laid_lines has its LaidLine)
        body_lines = [
            ln for ln in lines[section.opener + 1 :]
            if not furniture[ln.index] and (ln.index < end or cast(LaidLine, ln.laid).footnote)
        ]
        body_lines, notes, marker_cols = _laid_footnotes(body_lines)

    blocks = _title_blocks(title_lines)
    opener = lines[section.opener]
    blocks.append(_OpenBlock("opener", "", 0, [opener]))
    # Body blocks keep their index into body_lines so the marker deletions can be found.
    slot_of = {ln.index: slot for slot, ln in enumerate(body_lines)}
    blocks.extend(_classify([ln for ln in body_lines if ln.index < section.end]))
    # An annex is one part: its heading and its text, lines joined as a paragraph's are.
    for number, (first, stop) in enumerate(annexes, 1):
        annex_lines = [ln for ln in body_lines if first <= ln.index < stop]
        blocks.append(_OpenBlock("annex", str(number), 0, annex_lines))
    blocks.extend(
        _OpenBlock("footnote", str(n.number), _footnote_label(n.lines[0]), list(n.lines))
        for n in notes
    )

    blanks_mark_wraps = _marks_wrapped_lines(body_lines)
    writer = _Writer(text)
    out_blocks: list[Block] = []
    markers: list[FootnoteMarker] = []
    for b_index, block in enumerate(blocks):
        if b_index:
            writer.insert("\n")
        label_end = None
        for l_index, ln in enumerate(block.lines):
            if l_index:
                writer.insert(_separator(block.lines[l_index - 1], ln, blanks_mark_wraps))
            cuts = []
            slot = slot_of.get(ln.index) if block.kind not in ("title", "procedure", "opener",
                                                                "footnote") else None
            if slot is not None:
                cuts = sorted(marker_cols.get(slot, []), key=lambda c: c[1])
            if l_index == 0 and block.kind == "footnote" and ln.laid is not None:
                # Markup gives a footnote's number apart from its body: print it as the
                # text and PDF readers find it ("1 OJ C 23 ..."), so every format gives
                # the same clean text.
                writer.insert(f"{block.label} ")
            if l_index == 0:
                label_end = writer.pos + block.label_length
            cursor = 0
            for number, col_start, col_end in cuts:
                writer.copy_columns(ln, cursor, col_start)
                markers.append(FootnoteMarker(number, writer.pos))
                cursor = col_end
            writer.copy_columns(ln, cursor, len(ln.text))
        assert label_end is not None
        out_blocks.append(Block(block.kind, block.label, Span(label_end, writer.pos)))

    clean_text = "".join(writer.chunks)
    return CleanText(
        text=clean_text,
        offsets=writer.offsets(),
        blocks=tuple(out_blocks),
        markers=tuple(markers),
        front_matter="\n".join(front),
        furniture=removed,
    )
