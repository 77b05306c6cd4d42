"""Rows of the `events` query -> an SVG timeline.

Dated events run down a vertical time axis in date order, one row each, with the date on the
left and the label, type and place on the right. Resolutions mix years-old background with
day-by-day reports, so the axis is not to scale: where more than two months pass between two
rows it is drawn broken and says how much time was left out. Undated events follow under
their own heading. The SVG is written by hand (no plotting dependency) and is the same for
the same rows.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from resgraph.dates import MONTHS

# Okabe & Ito's eight colours ("Color Universal Design", 2008), told apart with the common
# kinds of colour blindness; a type beyond the eighth takes the next shape in the same
# colours, so no two types look alike. Each type keeps its mark in every timeline: its place
# in the list of event types (resgraph/data/event_types.json) picks it, not which others
# are present.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
           "#F0E442")
SHAPES = ("circle", "square", "triangle", "diamond")
WIDTH = 1100
DATE_X, AXIS_X, TEXT_X = 150, 175, 195
ROW, LINE = 44, 16
WRAP = 110
BREAK_DAYS = 62


@dataclass(frozen=True)
class TimelineEvent:
    label: str
    type: str
    date: str | None  # lexical xsd:date, gYearMonth or gYear
    end_date: str | None
    place: str | None


def _first_day(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2
                   else 1)


def date_text(start: str, end: str | None = None) -> str:
    """'2022-01-02' -> '2 Jan 2022', '2022-01' -> 'Jan 2022', '2011' -> '2011', a range of
    days in one month -> '2–3 Dec 2021'."""

    def short(value: str, year: bool = True) -> str:
        parts = value.split("-")
        month = MONTHS[int(parts[1]) - 1][:3] if len(parts) > 1 else ""
        shown = [str(int(parts[2])) if len(parts) > 2 else "", month,
                 parts[0] if year else ""]
        return " ".join(p for p in shown if p)

    if not end:
        return short(start)
    if start[:7] == end[:7]:
        return f"{int(start[8:])}–{short(end)}"
    return f"{short(start, year=start[:4] != end[:4])} – {short(end)}"


def _gap_text(days: int) -> str:
    if days >= 730:
        return f"{days // 365} years later"
    if days >= 365:
        return "a year later"
    return f"{days // 30} months later"


def marks(types: Sequence[str], known: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Each of `types` with its colour and shape, by its place among the `known` types (the
    knowledge base's, in its order); a type not known comes after them, in name order."""
    order = list(dict.fromkeys(known))
    order += sorted(t for t in set(types) if t not in order)
    return {t: (PALETTE[order.index(t) % len(PALETTE)],
                SHAPES[order.index(t) // len(PALETTE) % len(SHAPES)]) for t in types}


def _mark(x: float, y: float, size: float, mark: tuple[str, str]) -> str:
    """A type's mark centred on (x, y): its shape filled with its colour, outlined so that
    the light colours stand out on white."""
    colour, shape = mark
    paint = f'fill="{colour}" stroke="#222" stroke-width="1" class="mark {shape}"'
    if shape == "circle":
        return f'<circle cx="{x}" cy="{y}" r="{size}" {paint}/>'
    if shape == "square":
        return (f'<rect x="{x - size * 0.85}" y="{y - size * 0.85}" width="{size * 1.7}" '
                f'height="{size * 1.7}" {paint}/>')
    if shape == "triangle":
        points = f"{x},{y - size} {x + size},{y + size * 0.8} {x - size},{y + size * 0.8}"
    else:  # diamond
        points = f"{x},{y - size} {x + size},{y} {x},{y + size} {x - size},{y}"
    return f'<polygon points="{points}" {paint}/>'


def _wrapped(text: str, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines of `width` characters, the last ending in an ellipsis
    when the text goes on."""
    found = textwrap.wrap(text, width)
    if len(found) <= lines:
        return found
    kept = found[:lines]
    kept[-1] = kept[-1][: width - 1].rstrip(" ,;:") + "…"
    return kept


def timeline_svg(title: str, events: list[TimelineEvent], known: Sequence[str] = ()) -> str:
    """The SVG; `known` are every event type's labels in the knowledge base's order, which
    fixes each type's mark across timelines."""
    dated = [e for e in events if e.date]
    undated = [e for e in events if not e.date]
    types = sorted({e.type for e in events})
    mark = marks(types, known)
    body: list[str] = []
    y = 70
    legend_rows = (len(types) + 3) // 4
    for i, t in enumerate(types):
        lx, ly = 20 + (i % 4) * 265, y + (i // 4) * 20
        body.append(_mark(lx + 6, ly - 4, 6, mark[t])
                    + f'<text x="{lx + 18}" y="{ly}" class="legend">{escape(t)}</text>')
    y += legend_rows * 20 + 30
    axis_top = y - 20
    previous: TimelineEvent | None = None
    for event in dated:
        assert event.date is not None  # `dated` holds the events with a date
        if previous is not None:
            assert previous.date is not None  # an event of `dated` too
            gap = (_first_day(event.date) - _first_day(previous.end_date or previous.date)).days
            if gap > BREAK_DAYS:
                body.append(_axis_break(y - 8, _gap_text(gap)))
                y += 26
        body.append(_row(event, y, mark[event.type], date_text(event.date, event.end_date)))
        y += _height(event)
        previous = event
    if dated:
        body.insert(0, f'<line x1="{AXIS_X}" y1="{axis_top}" x2="{AXIS_X}" y2="{y - ROW + 14}" '
                       'class="axis"/>')
    if undated:
        y += 10
        body.append(f'<text x="20" y="{y}" class="heading">Undated: the text gives no date'
                    '</text>')
        y += 28
        for event in undated:
            body.append(_row(event, y, mark[event.type], "no date"))
            y += _height(event)
    if not events:
        body.append(f'<text x="20" y="{y}" class="meta">The resolution states no events.</text>')
        y += ROW
    height = y + 10
    head = "\n".join(_wrapped(title, 120, 2))
    title_lines = "".join(
        f'<tspan x="20" dy="{0 if i == 0 else 20}">{escape(line)}</tspan>'
        for i, line in enumerate(head.split("\n")))
    style = (
        "text{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;font-size:13px;fill:#222}"
        ".title{font-size:16px;font-weight:bold}.date{text-anchor:end;font-weight:bold}"
        ".meta{font-size:11px;fill:#555}.legend{font-size:12px}"
        ".heading{font-size:14px;font-weight:bold}.axis{stroke:#999;stroke-width:2}"
        ".gap{font-size:11px;fill:#777;font-style:italic}"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img">\n'
        f"<title>{escape(title)}: timeline</title>\n<style>{style}</style>\n"
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>\n'
        f'<text x="20" y="30" class="title">{title_lines}</text>\n'
        + "\n".join(body) + "\n</svg>\n"
    )


def _lines(event: TimelineEvent) -> list[str]:
    return _wrapped(event.label[:1].upper() + event.label[1:], WRAP, 3)


def _height(event: TimelineEvent) -> int:
    return ROW + (len(_lines(event)) - 1) * LINE


def _row(event: TimelineEvent, y: int, mark: tuple[str, str], when: str) -> str:
    meta = event.type + (f" · {event.place}" if event.place else "")
    text = "".join(f'<tspan x="{TEXT_X}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>'
                   for i, line in enumerate(_lines(event)))
    meta_y = y + len(_lines(event)) * LINE
    return (f'<g><text x="{DATE_X}" y="{y}" class="date">{escape(when)}</text>'
            + _mark(AXIS_X, y - 4, 7, mark) +
            f'<text x="{TEXT_X}" y="{y}">{text}</text>'
            f'<text x="{TEXT_X}" y="{meta_y}" class="meta">{escape(meta)}</text></g>')


def _axis_break(y: int, text: str) -> str:
    """Two short slashes across the axis: time left out."""
    return (f'<rect x="{AXIS_X - 9}" y="{y - 7}" width="18" height="12" fill="#fff"/>'
            f'<line x1="{AXIS_X - 8}" y1="{y - 2}" x2="{AXIS_X + 8}" y2="{y - 8}" class="axis"/>'
            f'<line x1="{AXIS_X - 8}" y1="{y + 4}" x2="{AXIS_X + 8}" y2="{y - 2}" class="axis"/>'
            f'<text x="{TEXT_X}" y="{y + 2}" class="gap">… {escape(text)}</text>')
