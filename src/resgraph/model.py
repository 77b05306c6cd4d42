"""Frozen dataclasses that carry a resolution from text to graph.

Offsets are Python string indices (Unicode code points, the unit SPARQL's STRLEN and SUBSTR use),
half-open: text[start:end].
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

# The kinds of things the model holds, closed sets a type checker can hold the code to.
BlockKind = Literal["title", "procedure", "note", "opener", "citation", "recital", "paragraph",
                    "point", "indent", "heading", "footnote", "annex"]
PartKind = Literal["title", "citation", "recital", "paragraph", "point", "indent", "heading",
                   "footnote", "annex"]
EntityKind = Literal["person", "organisation", "office", "place", "group"]
FigureKind = Literal["count", "money", "percentage", "rank", "ordinal"]
ActType = Literal["directive", "expressive", "decision"]


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


@dataclass(frozen=True)
class LaidLine:
    """One line of a laid-out document as a markup reader finds it: the visible text of one
    block element (a paragraph, a heading, a table cell), with what the markup says about it.

    `runs` maps the line's columns to the source: text[col:col + length] was read from
    source.text[start:start + length] (entities and hidden content make the two differ)."""

    text: str
    runs: tuple[tuple[int, int, int], ...]  # (column, source start, length)
    furniture: bool = False  # outside the document's content (navigation, page footer)
    footnote: int | None = None  # this line is (part of) the body of footnote N
    markers: tuple[tuple[int, int], ...] = ()  # (footnote number, column) of marker links


@dataclass(frozen=True)
class SourceText:
    """An input as text: a plain-text file decoded, the text pypdf extracts from a PDF, or a
    markup file decoded, with the lines its reader laid out."""

    name: str  # file name as given by the user, for messages and provenance
    text: str
    media_type: str  # "text/plain", "application/pdf", "text/html" ...
    sha256: str  # digest of the input bytes
    # Markup readers give the structure they read; None for text and PDF, whose lines,
    # furniture and footnotes the cleanup must find.
    lines: tuple[LaidLine, ...] | None = None
    # The document family the markup itself declares ("TA": SDOCTA and the OJ's Formex hold
    # texts adopted), for documents that print no number saying so.
    family: str | None = None


@dataclass(frozen=True)
class OffsetMap:
    """Maps offsets in the clean text back to offsets in the source text.

    Stored as runs: clean[clean_starts[i] : clean_starts[i] + lengths[i]] was copied from
    source[source_starts[i] : ...]. Characters the cleanup inserted (a joining space) belong
    to no run and map to the source position of the next copied character.
    """

    clean_starts: tuple[int, ...]
    source_starts: tuple[int, ...]
    lengths: tuple[int, ...]

    def to_source(self, offset: int) -> int:
        i = bisect.bisect_right(self.clean_starts, offset) - 1
        if i < 0:
            return self.source_starts[0] if self.source_starts else 0
        delta = offset - self.clean_starts[i]
        if delta < self.lengths[i]:
            return self.source_starts[i] + delta
        if i + 1 < len(self.source_starts):
            return self.source_starts[i + 1]
        return self.source_starts[i] + self.lengths[i]

    def span_to_source(self, span: Span) -> Span:
        """Source span from the first to just after the last character of a clean span."""
        if span.end <= span.start:
            at = self.to_source(span.start)
            return Span(at, at)
        return Span(self.to_source(span.start), self.to_source(span.end - 1) + 1)


@dataclass(frozen=True)
class Block:
    """One logical line of the clean text: a title, a citation, a recital, a paragraph's lead,
    a point, a heading or a footnote body. Its kind is decided by the cleanup."""

    kind: BlockKind
    label: str  # "A", "4", "a", footnote number; "" when the kind has none
    span: Span  # of the text after the label, in the clean text


@dataclass(frozen=True)
class FootnoteMarker:
    number: int
    offset: int  # position in the clean text where the (removed) marker stood


@dataclass(frozen=True)
class CleanText:
    text: str
    offsets: OffsetMap
    blocks: tuple[Block, ...]
    markers: tuple[FootnoteMarker, ...]
    front_matter: str  # what came before the title (cover page, contents), furniture removed
    furniture: tuple[str, ...]  # the page furniture lines that were removed, as printed


@dataclass(frozen=True)
class Part:
    """A citation, recital, paragraph, point, indent, heading or footnote."""

    kind: PartKind
    label: str  # as printed: "A", "4", "a"; citations and headings have none
    order: int  # 1-based position among the parts of the same kind and parent
    text: str
    span: Span  # in the clean text; clean.text[span.start:span.end] == text
    source: Span  # in the source text
    parts: tuple[Part, ...] = ()  # points and indents of a paragraph or recital
    heading: int | None = None  # order of the sub-heading a paragraph sits under
    # Where it is printed, the part's identity within the document: ("paragraph", "4",
    # "point", "a"); its IRI's path. Facts refer to parts by it.
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    span: Span
    source: Span
    anchor: Part | None  # the innermost part holding the marker (title, citation, recital,
    # paragraph or point); None when no marker was found
    anchor_offset: int | None  # where the marker stood, as an offset into that part's text

    @property
    def path(self) -> tuple[str, ...]:
        return ("footnote", str(self.number))


@dataclass(frozen=True)
class Procedure:
    year: int
    number: int
    type: str  # RSP, COD, DEA, DEC, INI ...

    @property
    def reference(self) -> str:
        return f"{self.year}/{self.number:04d}({self.type})"


@dataclass(frozen=True)
class Contributor:
    """Someone the cover or the web page's header names as having drawn the document up: a
    Member who tabled it (an author, on behalf of a political group or of a committee) or the
    rapporteur of a committee's report. Read from the front matter only, so a contributor is
    never one of the persons the resolution's text names."""

    name: str  # as printed, given name first: "Petra De Sutter"
    role: str  # "author" | "rapporteur"
    group: str | None = None  # political group on whose behalf, as printed: "Verts/ALE"
    committee: str | None = None  # "Committee on ...": on whose behalf, or whose rapporteur


@dataclass(frozen=True)
class Metadata:
    title: str
    title_span: Span
    procedure: Procedure
    kind: str  # a key of resgraph.parse.metadata.KINDS
    language: str  # ISO 639-1, lower case
    date: str | None  # ISO date printed on the cover, if any
    document_number: str | None  # "B9-0216/2024", "A9-0071/2024", "RC-B9-0065/2022"
    pe_numbers: tuple[str, ...] = field(default=())
    related_references: tuple[str, ...] = field(default=())  # COM(...), C9-..., C(...)
    contributors: tuple[Contributor, ...] = field(default=())  # authors, rapporteurs
    # The motions a joint motion replaces, as document numbers: "B9-0065/2022"
    replaces: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Resolution:
    source: SourceText
    clean: CleanText
    metadata: Metadata
    title: Part
    citations: tuple[Part, ...]
    recitals: tuple[Part, ...]
    paragraphs: tuple[Part, ...]
    headings: tuple[Part, ...]
    footnotes: tuple[Footnote, ...]
    annexes: tuple[Part, ...] = ()  # the text's own annexes, each one part (heading and text)


# --- What the text says ------------------------------------------------------------------------


class Quoted:
    """A fact read from text[start:end] of a part: its `text` is that slice, as printed."""

    part: Part | Footnote
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.part.text[self.start : self.end]


@dataclass(frozen=True)
class Entity:
    """An actor or place named in a resolution, once per resolution."""

    key: str  # stable: "gaz:<gazetteer id>", "person:<slug>", "national:<body>:<country>" ...
    kind: EntityKind
    name: str  # display name; persons given name first
    category: str | None = None  # eu-institution, national-authority, ngo, media, country ...
    role: str | None = None  # persons: the role the text gives ("human rights defender")
    member_of: str | None = None  # persons: key of their organisation, where stated
    wikidata: str | None = None  # QID, only from the gazetteer
    wikidata_checked: bool = False
    odp: str | None = None  # EP Open Data Portal IRI, only from the gazetteer
    # The Publications Office authority table's IRI (countries: .../authority/country/KAZ)
    authority: str | None = None
    geonames: str | None = None  # cities and regions: https://sws.geonames.org/<id>/
    gazetteer: bool = False  # a well-known entity with a shared IRI across resolutions


@dataclass(frozen=True)
class Mention(Quoted):
    entity: str  # Entity.key
    part: Part  # the top-level part (title, citation, recital, paragraph) holding it
    start: int  # offsets into part.text
    end: int


@dataclass(frozen=True)
class Demand(Quoted):
    """One clause of an operative paragraph."""

    part: Part  # the paragraph
    order: int  # 1-based among the paragraph's clauses
    start: int  # the clause's span in part.text
    end: int
    act: str  # speech act id (resgraph/data/speech_acts.json)
    act_printed: str  # as printed, with its adverbs: "Deeply regrets", "strongly condemns"
    addressees: tuple[str, ...]  # Entity keys
    action: str  # what is asked for or stated, as printed
    action_start: int  # its span in part.text
    action_end: int
    targets: tuple[str, ...]  # Entity keys of persons and organisations the clause concerns
    inherited: bool = False  # act and addressees carried over from the previous clause


@dataclass(frozen=True)
class LegalReference(Quoted):
    part: Part | Footnote
    start: int  # span of the printed reference in part.text
    end: int
    kind: str  # treaty-article, treaty, agreement, un-instrument, eu-act, eu-act-article ...
    instrument: str  # the instrument's name
    article: str | None = None  # as printed: "21", "3(5)", "Annex IX", "point 13"
    target: str | None = None  # canonical IRI
    celex: str | None = None
    details: tuple[tuple[str, str], ...] = ()  # ("date", "2021-02-11"), ("ojSeries", "C") ...
    footnote: int | None = None  # the footnote that identifies it


@dataclass(frozen=True)
class EventSpan(Quoted):
    part: Part
    start: int  # offsets into part.text
    end: int


@dataclass(frozen=True)
class Event:
    """Something the text says happened, read from one or more spans (the same event stated
    twice is one event)."""

    part: Part  # where it is first stated
    order: int  # 1-based among the events first stated in that part
    type: str  # event type id (resgraph/data/event_types.json)
    label: str  # its words as printed, without the clause's opening
    date: str | None  # lexical xsd:date, xsd:gYearMonth or xsd:gYear; None when not given
    end_date: str | None  # ranges: the last day
    date_text: str | None  # the date as printed ("5 January", "a day after ...")
    date_role: str | None  # on | start ("as of 4 January") | relative
    place: str | None  # Entity.key of the place
    participants: tuple[tuple[str, str], ...]  # (Entity.key, "actor" | "affected")
    background: bool  # a past event the text refers back to ("the 2011 Zhanaozen massacre")
    trigger: str  # the word that names it, as printed
    spans: tuple[EventSpan, ...]


@dataclass(frozen=True)
class Figure(Quoted):
    """A number the text states: a count, an amount of money, a percentage, a rank or an
    ordinal."""

    part: Part
    order: int  # 1-based among the part's figures
    start: int  # offsets into part.text of the number and what it counts
    end: int
    value: str  # lexical xsd:integer, or xsd:decimal when not whole ("5.9")
    integer: bool
    qualifier: str | None  # at least, nearly, over, up to ...
    counts: str  # what is counted, as printed ("people", "cities"); the unit for money and %
    unit: str | None  # ISO 4217 currency code, or "percent"
    kind: FigureKind
    out_of: int | None  # ranks: "155th out of 180"
    event: int | None  # index into Facts.events


@dataclass(frozen=True)
class Facts:
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    demands: tuple[Demand, ...]
    references: tuple[LegalReference, ...] = ()
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
