"""HTML input: the EP's doceo pages (current and 2020 layouts) and the Official Journal's
HTML, laid out as lines.

The OJ (reference/ep-sources.md, markup 3) sets a part's marker and its text in two cells of
a table row and links footnotes as "(1)" to `#ntr1-...` bodies that link back to `#ntc1-...`;
a cell holding only a marker joins the next cell's line, and an OJ page declares a text
adopted.

A doceo page holds one document in `<div class="red:section_MainContent">`: one `<p>` per
part, the marker ("–", "A.", "1.", or U+F02D in the 2020 layout) in its own span followed by
an inline-block spacer, footnote references as `<a href="#_ftnN">[N]</a>` and footnote bodies
after the content in `<div id="_ftnN">`. The 2020 layout also keeps the source's own tags as
text in `display:none` spans (reference/ep-sources.md, markup 4).

The reader keeps what the markup says and never re-guesses it from a flattened string:

- every block element starts a line; inline elements join into it;
- hidden elements (`display:none`, `<script>`, `<style>`, `<head>`) give no text;
- a footnote reference is a marker at its column, not text; a footnote body is a line that
  says which footnote it is;
- lines outside the main content are furniture when the page has a main content block
  (the header before it still serves as front matter: document number, date, procedure).

Offsets: the source text is the decoded page; every column of every line maps back to it,
entities included (an entity maps to the position of its "&").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from resgraph.errors import InputError
from resgraph.model import LaidLine, SourceText
from resgraph.text.hazards import normalise
from resgraph.text.layout import LineBuilder

# Elements whose start or end breaks a line (HTML's block-level and table elements).
_BLOCK = frozenset(
    "address article aside blockquote body br dd div dl dt figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead "
    "title tr ul".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_INVISIBLE = frozenset("head script style noscript template svg".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# A marker in the text links to the body: doceo "#_ftn1", the OJ "#ntr1-C_2022...-E0001".
_FOOTNOTE_REF = re.compile(r"^#(?:_ftn|ntr)(\d+)(?:$|-)")
# The body links back (doceo "#_ftnref1", the OJ "#ntc1-...") or is a doceo "_ftn1" block.
_FOOTNOTE_BODY = re.compile(r"^(?:#(?:_ftnref|ntc)(\d+)(?:$|-)|_ftn(\d+)$)")
# A part's marker alone in a table cell: a dash, "A.", "1.", "(a)", "(iv)", "(1)".
_CELL_MARKER = re.compile(
    r"^\s*(?:[–—‒-]|[A-Z]{1,3}\.|\d{1,3}\.|\((?:[a-z]{1,2}|[ivxl]{1,6}|\d{1,3})\))\s*$"
)
# The OJ's page header ("Official Journal of the European Union", the series and date) and
# its trailer (the act's ELI and the ISSN) are publication data, not the text.
_OJ_FURNITURE = ("oj-hd-", "oj-doc-end")
_MAIN_CONTENT = "red:section_MainContent"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def decode_html(name: str, data: bytes) -> str:
    """The page's text, in the encoding its <meta charset> names (UTF-8 when none)."""
    m = _CHARSET.search(data[:4096])
    encoding = m.group(1).decode("ascii").lower() if m else "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(name, f"declares an unknown character set {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"is not {encoding} as it declares (undecodable byte at offset {exc.start})"
        ) from None


@dataclass
class _Open:
    tag: str
    hidden: bool
    footnote: int | None = None  # inside a footnote reference link
    body: int | None = None  # inside a footnote body container
    main: bool = False
    furniture: bool = False  # the OJ's page header and its ELI/ISSN trailer


class _Layout(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)]
        self.stack: list[_Open] = []
        self.out: LineBuilder[tuple[bool, int | None, bool]] = LineBuilder()
        self.has_main = False
        self.official_journal = False  # the OJ's classes ("oj-normal", "oj-note") were seen

    # -- positions --
    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    # -- state --
    def _hidden(self) -> bool:
        return any(o.hidden for o in self.stack)

    def _in_reference(self) -> int | None:
        return next((o.footnote for o in reversed(self.stack) if o.footnote is not None), None)

    def _body(self) -> int | None:
        return next((o.body for o in reversed(self.stack) if o.body is not None), None)

    def _main(self) -> bool:
        return any(o.main for o in self.stack)

    def _tag(self) -> tuple[bool, int | None, bool]:
        """What a line remembers: in the main content, footnote body number, furniture."""
        return self._main(), self._body(), any(o.furniture for o in self.stack)

    def _break(self) -> None:
        self.out.end_line()

    def _emit(self, text: str, source_start: int, literal: bool) -> None:
        if self._hidden() or self._in_reference() is not None:
            return
        self.out.text(text, source_start, literal, self._tag())

    # -- parser callbacks --
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if any(c.startswith("oj-") for c in classes):
            self.official_journal = True
        if self._breaks(tag):
            self._break()
        elif tag in ("td", "th") and not self.out.pending.endswith(" "):
            self.out.supply(" ", self._offset(), self._tag())
        if tag in _VOID:
            return
        hidden = tag in _INVISIBLE or bool(_HIDDEN_STYLE.search(a.get("style", "")))
        opened = _Open(tag, hidden, furniture=any(c.startswith(_OJ_FURNITURE) for c in classes))
        if tag == "a":
            ref = _FOOTNOTE_REF.match(a.get("href", ""))
            back = _FOOTNOTE_BODY.match(a.get("href", ""))
            if ref and not self._body():
                opened.footnote = int(ref.group(1))
                self.out.marker(opened.footnote, self._tag())
            elif back:
                opened.hidden = True  # "[1]" before a footnote body is its label, not text
                self._break()
                opened.body = int(back.group(1))
                self._start_body(opened.body)
        if tag == "div":
            body = _FOOTNOTE_BODY.match(a.get("id", ""))
            if body:
                opened.body = int(body.group(1) or body.group(2))
            if _MAIN_CONTENT in a.get("class", "").split():
                opened.main = True
                self.has_main = True
        self.stack.append(opened)

    def _breaks(self, tag: str) -> bool:
        """Block elements break lines, except after a table cell that holds only a part's
        marker: the OJ sets the marker ("—", "A.", "1.") and the part's text in two cells of
        one row (reference/ep-sources.md, markup 3), so the marker joins the next cell."""
        if tag not in _BLOCK:
            return False
        in_cell = any(o.tag in ("td", "th", "tr") for o in self.stack)
        return not (in_cell and _CELL_MARKER.match(self.out.pending))

    def _start_body(self, number: int) -> None:
        # The body runs from the back link to the end of its container.
        for o in reversed(self.stack):
            if o.tag in ("p", "div"):
                o.body = number
                return

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._breaks(tag):
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            if self._breaks(tag):
                self._break()
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                if any(self._breaks(o.tag) for o in self.stack[i:]):
                    self._break()
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self._emit(data, self._offset(), literal=True)

    def handle_entityref(self, name: str) -> None:
        self._emit(unescape(f"&{name};"), self._offset(), literal=False)

    def handle_charref(self, name: str) -> None:
        self._emit(unescape(f"&#{name};"), self._offset(), literal=False)

    def close(self) -> None:
        super().close()
        self._break()


def read(name: str, data: bytes, digest: str) -> SourceText:
    text = normalise(decode_html(name, data))
    layout = _Layout(text)
    layout.feed(text)
    layout.close()
    lines = []
    seen_main = False
    for line, (main, body, oj_furniture) in layout.out.lines:
        seen_main = seen_main or main
        # Before the main content: the page header (front matter). After it: furniture.
        furniture = oj_furniture or (layout.has_main and not main and seen_main and body is None)
        lines.append(LaidLine(text=line.text, runs=line.runs, furniture=furniture,
                              footnote=body, markers=line.markers))
    if not lines:
        raise InputError(name, "is an HTML page without visible text")
    # The OJ prints texts adopted (reference/ep-sources.md, markup 3).
    return SourceText(name=name, text=text, media_type="text/html", sha256=digest,
                      lines=tuple(lines), family="TA" if layout.official_journal else None)

