"""XML input: the EP's own XML ("SDOCTA", schema TA.xsd) and the Publications Office's Formex,
laid out as lines for the structure parser (reference/ep-sources.md, markups 1 and 2).

Both markups hold a part as one element whose marker is a `NO.P` child ("–", "A.", "1.")
followed by the text, and a footnote as an element inside the text (`FOOTNOTE` in SDOCTA,
`NOTE` in Formex). The reader keeps what the markup says and nothing more:

- a block element starts a line; the inline ones below join into it, so a part is one line
  holding its marker, a space and its text; the structure parser reads the kind from the
  marker, never from the element (the EP's 2017 drafting puts recitals in `ACTION`);
- a Formex `LIST TYPE="DASH"` implies its items' dash without spelling it: the reader supplies
  it, mapped to the `ITEM` element; `QUOT.START`/`QUOT.END` supply the quotation mark their
  `CODE` names (Formex manual, "Quotations");
- a footnote's element is a marker at its column in the line and its content a body line
  numbered in document order;
- what the markups mark as not printed (`HIDDEN`) or as publication data (`BIB.INSTANCE`,
  `BIB.DOC`) is furniture.

A Formex work from Cellar may come as a zip: its members are read in name order (the names
carry the OJ page, so the annex member follows the body) and the manifest (`DOC`) is skipped.
The source text of a zip is its XML members' texts joined by a line break; offsets refer to it.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

from resgraph.errors import InputError
from resgraph.model import LaidLine, SourceText
from resgraph.text.hazards import decode, normalise
from resgraph.text.layout import LineBuilder

# Elements that hold lines: SDOCTA's (reference/ep-sources.md, markup 1) and Formex's
# (markup 2), tables included. Every other element sits inside a line (STRING, HT, DATE, TXT,
# emphasis, references ...): a new inline element must not cut a part from its marker, while
# an unknown block at worst joins two lines that the structure parser then tells apart.
_BLOCK = frozenset(
    # SDOCTA
    "SDOCTA IDENT TI HIDDEN TXTLST RESOL TEXT PREAMBLE PRINIT GRVISA VISA GRCONS CONS "
    "DISPOSITIF ACTLST ACTINIT ACTION ANNEX P "
    # Formex
    "GENERAL DOC BIB.DOC BIB.INSTANCE TITLE STI CONTENTS PREAMBLE.GEN PREAMBLE.INIT "
    "PREAMBLE.FINAL GR.VISA GR.CONSID CONSID LIST ITEM NP GR.SEQ ALINEA PARAG ARTICLE "
    "TI.ART STI.ART DIVISION NO.DOC.C FINAL SIGNATURE PL.DATE TBL CORPUS ROW CELL "
    "GR.NOTES PAGE.HEADER".split()
)
# A part's printed marker ("–", "A.", "1."): SDOCTA and Formex paragraphs use NO.P, Formex
# articles' paragraphs NO.PARAG. The marker and the text after it make one line.
_MARKER = frozenset({"NO.P", "NO.PARAG"})
_NOTE = frozenset({"FOOTNOTE", "NOTE"})
_QUOTE = frozenset({"QUOT.START", "QUOT.END"})
_FURNITURE = frozenset({"HIDDEN", "BIB.INSTANCE", "BIB.DOC", "PAGE.HEADER"})
_DASH_LISTS = frozenset({"DASH", "NDASH", "MDASH", "BULLET"})
_MANIFEST = "DOC"  # a Formex package's list of members: no text
# Roots of members that hold text: SDOCTA; Formex's GENERAL (an OJ C document) and ANNEX.
_TEXT_ROOTS = frozenset({"SDOCTA", "GENERAL", "ANNEX"})
# SDOCTA holds texts adopted. GENERAL is any OJ C document, but the only ones holding a
# resolution's skeleton (citations, recitals, paragraphs) are the EP's texts adopted.
_FAMILY = {"SDOCTA": "TA", "GENERAL": "TA"}
_DECLARED = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.-]+)""")
_ROOT = re.compile(rb"<([A-Za-z][\w.-]*)[\s/>]")
# What may stand before the root: declarations, comments, a DOCTYPE with an internal subset.
_PROLOGUE = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>|\s+", re.DOTALL)
_MAX_UNZIPPED = 512 * 2**20  # an OJ C issue's Formex is a few MB; more is no text to read


@dataclass(frozen=True)
class _Tag:
    furniture: bool
    footnote: int | None


class _Layout:
    """Walks one XML member with expat, handing its text to two line builders: the text's and
    its footnotes'."""

    def __init__(self, name: str, text: str, base: int, first_note: int) -> None:
        self.name = name
        self.text = text
        self.base = base  # where this member starts in the source text
        self.encoded = text.encode("utf-8")
        # expat reports byte positions, in increasing order: the character offset follows
        # by decoding only the bytes since the last position asked.
        self._at = (0, 0)  # (byte, character)
        self.body: LineBuilder[_Tag] = LineBuilder()
        self.notes: LineBuilder[_Tag] = LineBuilder()
        self.stack: list[str] = []
        self.dash_lists: list[bool] = []  # per open LIST: are its items' dashes implied?
        self.note: int | None = None  # the footnote being read
        self.notes_seen = first_note
        self.implied_dash: int | None = None  # source offset of an ITEM whose dash is implied
        self.root: str | None = None
        self.parser = expat.ParserCreate(encoding="UTF-8")
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.data

    def run(self) -> None:
        try:
            self.parser.Parse(self.encoded, True)
        except expat.ExpatError as exc:
            raise InputError(self.name, f"is not well-formed XML ({exc})") from None
        self.body.end_line()

    # -- positions and state --
    def _offset(self) -> int:
        byte = self.parser.CurrentByteIndex
        last_byte, last_char = self._at
        if byte < last_byte:  # not expected from expat; count from the start again
            last_byte, last_char = 0, 0
        char = last_char + len(self.encoded[last_byte:byte].decode("utf-8", "replace"))
        self._at = (byte, char)
        return self.base + char

    def _tag(self) -> _Tag:
        return _Tag(any(e in _FURNITURE for e in self.stack), self.note)

    def _out(self) -> LineBuilder[_Tag]:
        return self.notes if self.note is not None else self.body

    # -- expat callbacks --
    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.root = self.root or name
        at = self._offset()
        if name in _NOTE and self.note is None:
            self.notes_seen += 1
            self.body.marker(self.notes_seen, self._tag())
            self.note = self.notes_seen
        elif name in _QUOTE:
            code = attrs.get("CODE", "")
            if re.fullmatch(r"[0-9A-Fa-f]{2,6}", code):
                self._implied_dash()
                self._out().supply(chr(int(code, 16)), at, self._tag())
        elif name in _MARKER:
            self.implied_dash = None  # the item spells its own marker
        elif name in _BLOCK:
            self._out().end_line()
        if name == "LIST":
            self.dash_lists.append(attrs.get("TYPE", "").upper() in _DASH_LISTS)
        elif name == "ITEM" and self.dash_lists and self.dash_lists[-1]:
            self.implied_dash = at
        self.stack.append(name)

    def end(self, name: str) -> None:
        self.stack.pop()
        if name in _NOTE and self.note is not None and not _NOTE & set(self.stack):
            self.notes.end_line()
            self.note = None
        elif name in _MARKER:
            self._out().supply(" ", self._offset(), self._tag())
        elif name in _BLOCK:
            self._out().end_line()
        if name == "LIST" and self.dash_lists:
            self.dash_lists.pop()

    def data(self, piece: str) -> None:
        if piece.strip():
            self._implied_dash()
        start = self.parser.CurrentByteIndex
        raw = piece.encode("utf-8")
        literal = self.encoded[start : start + len(raw)] == raw
        self._out().text(piece, self._offset(), literal, self._tag())

    def _implied_dash(self) -> None:
        """A DASH list's item gets its dash before the first thing written into it."""
        if self.implied_dash is not None:
            self._out().supply("– ", self.implied_dash, self._tag())
            self.implied_dash = None


def _decode_xml(name: str, data: bytes) -> str:
    """An XML member's text, in the encoding its declaration names (UTF-8 when none)."""
    m = _DECLARED.match(data.lstrip(b"\xef\xbb\xbf"))
    if m and m.group(1).lower() not in (b"utf-8", b"utf8"):
        try:
            return data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            raise InputError(
                name, f"is not {m.group(1).decode('ascii')} as its XML declaration says"
            ) from None
    # expat reads the decoded text as UTF-8 whatever the declaration says (_Layout).
    return decode(name, data)


def root_element(data: bytes) -> str | None:
    """The name of an XML document's root element, or None when it is not XML."""
    head = data[:65536].lstrip(b"\xef\xbb\xbf").lstrip()
    if not head.startswith(b"<"):
        return None
    while (prologue := _PROLOGUE.match(head)) and prologue.end():
        head = head[prologue.end():]
    m = _ROOT.match(head)
    return m.group(1).decode("ascii") if m else None


def looks_like_xml(data: bytes) -> bool:
    root = root_element(data)
    return root is not None and root.lower() != "html"


def looks_like_zip(data: bytes) -> bool:
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))  # a member, or an empty zip


def _members(name: str, data: bytes) -> list[tuple[str, bytes]]:
    """The zip's members that hold text, in name order: XML whose root is a text root, not
    the manifest, not a file system's side files (__MACOSX/, ._name)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = [
                info for info in sorted(archive.infolist(), key=lambda i: i.filename)
                if not info.is_dir() and info.filename.lower().endswith(".xml")
                and not info.filename.startswith("__MACOSX/")
                and not info.filename.rsplit("/", 1)[-1].startswith("._")
            ]
            if sum(info.file_size for info in infos) > _MAX_UNZIPPED:
                raise InputError(name, f"unzips to more than {_MAX_UNZIPPED // 2**20} MB of XML")
            members = [(info.filename, archive.read(info)) for info in infos]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, RuntimeError,
            NotImplementedError, EOFError, OSError) as exc:
        raise InputError(name, f"is not a readable zip ({exc})") from None
    texts = [(n, d) for n, d in members if root_element(d) in _TEXT_ROOTS]
    if not texts:
        raise InputError(name, "is a zip without an XML text member (Formex expected)")
    return texts


def read(name: str, data: bytes, digest: str) -> SourceText:
    """One XML file, or a zip of Formex members, as laid-out lines."""
    zipped = looks_like_zip(data)
    members = _members(name, data) if zipped else [(name, data)]
    texts: list[str] = []
    body: list[tuple[LaidLine, _Tag]] = []
    notes: list[tuple[LaidLine, _Tag]] = []
    family = None
    base = 0
    notes_seen = 0  # footnotes are numbered across members, in document order
    for member, raw in members:
        where = name if member == name else f"{name} ({member})"
        text = normalise(_decode_xml(where, raw))
        layout = _Layout(where, text, base, notes_seen)
        layout.run()
        notes_seen = layout.notes_seen
        family = family or _FAMILY.get(layout.root or "")
        body.extend(layout.body.lines)
        notes.extend(layout.notes.lines)
        texts.append(text)
        base += len(text) + 1
    lines = tuple(
        LaidLine(text=ln.text, runs=ln.runs, furniture=tag.furniture, footnote=tag.footnote,
                 markers=ln.markers)
        for ln, tag in body + notes
    )
    if not any(not ln.furniture for ln in lines):
        raise InputError(name, "is an XML file without visible text")
    return SourceText(name=name, text="\n".join(texts),
                      media_type="application/zip" if zipped else "application/xml",
                      sha256=digest, lines=lines, family=family)
