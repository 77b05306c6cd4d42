"""Lines of a laid-out document, built from pieces of text read at known source offsets.

Every markup reader (HTML, the EP's XML, Formex) walks its markup and hands the pieces of
visible text it meets to a `LineBuilder`, saying where each came from; a block element ends a
line. The builder keeps, for every column of every line, the source offset it was read from
(model.LaidLine.runs), so a part found in the line points back to its words in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from resgraph.model import LaidLine
from resgraph.text.hazards import normalise

Tag = TypeVar("Tag")  # what the reader wants to remember about a line (main content, footnote)


@dataclass
class _Pending:
    text: list[str] = field(default_factory=list)
    runs: list[tuple[int, int, int]] = field(default_factory=list)
    markers: list[tuple[int, int]] = field(default_factory=list)
    length: int = 0


class LineBuilder(Generic[Tag]):
    """Accumulates one line at a time; `lines` holds the finished ones with their tags."""

    def __init__(self) -> None:
        self.lines: list[tuple[LaidLine, Tag]] = []
        self._line = _Pending()
        self._tag: Tag | None = None

    @property
    def empty(self) -> bool:
        return not self._line.text

    @property
    def pending(self) -> str:
        """The text of the line being built."""
        return "".join(self._line.text)

    def _open(self, tag: Tag) -> None:
        if self.empty:
            self._tag = tag  # a line's tag is what held its first piece

    def text(self, piece: str, source_start: int, literal: bool, tag: Tag) -> None:
        """Add text read at `source_start`. A literal piece is the source's own characters; a
        reference (an entity, a character reference) is its replacement text, every character
        of it mapping to the reference's '&'."""
        if not piece:
            return
        self._open(tag)
        piece = re.sub(r"[\t\r\n]", " ", piece)  # white space inside a line is a space
        if literal:
            self._line.runs.append((self._line.length, source_start, len(piece)))
        else:
            self._line.runs.extend((self._line.length + i, source_start, 1)
                                   for i in range(len(piece)))
        self._line.text.append(piece)
        self._line.length += len(piece)

    def supply(self, piece: str, source_at: int, tag: Tag) -> None:
        """Add text the markup implies but does not spell (a list's dash, the space between a
        marker and its text); it maps to `source_at`, the element that implies it."""
        self._open(tag)
        for ch in piece:
            self._line.runs.append((self._line.length, source_at, 1))
            self._line.text.append(ch)
            self._line.length += 1

    def marker(self, number: int, tag: Tag) -> None:
        """A footnote reference at the current column (its label is not text)."""
        self._open(tag)
        self._line.markers.append((number, self._line.length))

    def end_line(self) -> None:
        text = "".join(self._line.text)
        if text.strip() and self._tag is not None:
            self.lines.append((LaidLine(text=normalise(text), runs=tuple(self._line.runs),
                                        markers=tuple(self._line.markers)), self._tag))
        self._line = _Pending()
        self._tag = None
