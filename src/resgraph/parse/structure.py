"""Blocks of clean text -> the parts of a resolution, nested and anchored."""

from __future__ import annotations

from dataclasses import replace
from typing import cast, get_args

from resgraph.errors import InputError
from resgraph.model import (
    Block,
    CleanText,
    Footnote,
    Part,
    PartKind,
    Resolution,
    SourceText,
    Span,
)
from resgraph.parse.metadata import parse_metadata
from resgraph.text.cleanup import clean
from resgraph.text.language import require_english


def _part(
    clean_text: CleanText, block: Block, order: int, heading: int | None = None,
    parent: tuple[str, ...] = (),
) -> Part:
    text = clean_text.text[block.span.start : block.span.end]
    assert block.kind in get_args(PartKind), block.kind  # the title, a note: no part
    return Part(
        path=(*parent, block.kind, block.label or str(order)),
        kind=cast(PartKind, block.kind),
        label=block.label,
        order=order,
        text=text,
        span=block.span,
        source=clean_text.offsets.span_to_source(block.span),
        heading=heading,
    )


def _with_subparts(clean_text: CleanText, lead: Part, subparts: list[Part]) -> Part:
    """A paragraph or recital with points spans its lead text and all its points."""
    if not subparts:
        return lead
    span = Span(lead.span.start, subparts[-1].span.end)
    return replace(
        lead,
        parts=tuple(subparts),
        span=span,
        text=clean_text.text[span.start : span.end],
        source=clean_text.offsets.span_to_source(span),
    )


def _innermost(parts: list[Part], offset: int) -> Part | None:
    for part in parts:
        if part.span.start <= offset <= part.span.end:
            return _innermost(list(part.parts), offset) or part
    return None


def parse_clean(source: SourceText, clean_text: CleanText) -> Resolution:
    metadata = parse_metadata(source.name, clean_text, source.family)
    citations: list[Part] = []
    recitals: list[Part] = []
    paragraphs: list[Part] = []
    headings: list[Part] = []
    footnote_blocks: list[Block] = []
    annexes: list[Part] = []
    current: tuple[list[Part], Part, list[Part]] | None = None  # (container, lead, subparts)
    heading: int | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            container, lead, subparts = current
            container.append(_with_subparts(clean_text, lead, subparts))
            current = None

    for block in clean_text.blocks:
        if block.kind == "citation":
            close()
            citations.append(_part(clean_text, block, len(citations) + 1))
        elif block.kind == "recital":
            close()
            current = (recitals, _part(clean_text, block, len(recitals) + 1), [])
        elif block.kind == "paragraph":
            close()
            current = (paragraphs, _part(clean_text, block, len(paragraphs) + 1, heading), [])
        elif block.kind in ("point", "indent") and current is not None:
            subparts = current[2]
            order = sum(1 for p in subparts if p.kind == block.kind) + 1
            subparts.append(_part(clean_text, block, order, parent=current[1].path))
        elif block.kind == "heading":
            close()
            h = _part(clean_text, block, len(headings) + 1)
            headings.append(h)
            heading = h.order
        elif block.kind == "footnote":
            close()
            footnote_blocks.append(block)
        elif block.kind == "annex":
            close()
            annexes.append(_part(clean_text, block, len(annexes) + 1))
    close()

    if not citations and not recitals and not paragraphs:
        raise InputError(
            source.name, "not an EP resolution: no citations, recitals or numbered paragraphs"
        )
    if not paragraphs:
        raise InputError(source.name, "not an EP resolution: no numbered paragraph '1.' found")

    title_part = Part(
        path=("title",),
        kind="title",
        label="",
        order=1,
        text=metadata.title,
        span=metadata.title_span,
        source=clean_text.offsets.span_to_source(metadata.title_span),
    )
    anchorable = [title_part, *citations, *recitals, *paragraphs, *annexes]
    markers = {m.number: m.offset for m in clean_text.markers}
    footnotes = []
    for block in footnote_blocks:
        number = int(block.label)
        offset = markers.get(number)
        anchor = _innermost(anchorable, offset) if offset is not None else None
        footnotes.append(
            Footnote(
                number=number,
                text=clean_text.text[block.span.start : block.span.end],
                span=block.span,
                source=clean_text.offsets.span_to_source(block.span),
                anchor=anchor,
                anchor_offset=None if anchor is None or offset is None
                else offset - anchor.span.start,
            )
        )
    return Resolution(
        source=source,
        clean=clean_text,
        metadata=metadata,
        title=title_part,
        citations=tuple(citations),
        recitals=tuple(recitals),
        paragraphs=tuple(paragraphs),
        headings=tuple(headings),
        footnotes=tuple(footnotes),
        annexes=tuple(annexes),
    )


def parse_resolution(source: SourceText) -> Resolution:
    """Source text -> Resolution: the whole structure layer in one call."""
    require_english(source)
    return parse_clean(source, clean(source))
