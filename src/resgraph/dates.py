"""Dates as EP texts print them ("11 February 2021"), with the month names of lang/en."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from resgraph.lang.en.dates import MONTHS

MONTH_PATTERN = "|".join(MONTHS)


def iso_date(day: int | str, month: str, year: int | str) -> str:
    """(11, "February", 2021) -> "2021-02-11"; month names in any case."""
    number = [m.lower() for m in MONTHS].index(month.lower()) + 1
    return f"{int(year):04d}-{number:02d}-{int(day):02d}"


# --- Dates in running text ----------------------------------------------------------------------

_M = MONTH_PATTERN
_DAY = r"\d{1,2}(?!\d)"
_YEAR = r"(?:19|20)\d\d(?![\d/])"
# Alternatives, longest first. Ranges: "2 and 3 December 2021", "from 2 to 27 March 2015",
# "3 January to 5 February 2022", "2-3 May 2020". Days: "5 January 2022", "5 January",
# "January 11", "January 11, 2022". Months: "January 2022". Years: "in 2011", and a year
# used as a modifier ("the 2011 Zhanaozen massacre", "the 2022 final report").
_DATE = re.compile(
    rf"(?P<d1>{_DAY})(?: (?P<m1>{_M}))?(?: (?P<y1>{_YEAR}))?"
    rf"(?: and | to | ?[-–] ?)(?P<d2>{_DAY}) (?P<m2>{_M})(?: (?P<y2>{_YEAR}))?"
    rf"|(?P<d>{_DAY}) (?P<m>{_M})(?: (?P<y>{_YEAR}))?"
    rf"|(?P<mu>{_M}) (?P<du>{_DAY})(?:, (?P<yu>{_YEAR}))?"
    rf"|(?P<mo>{_M}) (?P<yo>{_YEAR})"
    rf"|\bin (?P<yi>{_YEAR})(?![-–]\d)"
    rf"|\bthe (?P<ya>{_YEAR})(?= [\w‘'])",
)
# Where a date can start; _DATE is tried only there, which is ten times faster than letting
# it scan every character.
_CANDIDATE = re.compile(rf"(?<!\d)\d|\b(?:{_M}) \d|\b(?:in|the) (?:19|20)\d\d")


def _date_matches(text: str):
    """What `_DATE.finditer(text)` finds, leftmost first and without overlaps."""
    pos = 0
    for c in _CANDIDATE.finditer(text):
        if c.start() < pos:
            continue
        m = _DATE.match(text, c.start())
        if m:
            pos = m.end()
            yield m


# What a date is to the event it stands by: "by 23 January" is a deadline, not when
# something happened, and "since 2009" or "as of 4 January" mark a start.
_DEADLINE = re.compile(r"\b(?:by|until|till|before|after|no later than|not later than)\s+$")
_START = re.compile(r"\b(?:since|as of|as from|from)\s+$")
_RELATIVE = re.compile(
    r"\b(?P<n>a|one|two|three|four|five|six|seven|\d{1,2}) (?P<unit>day|days|week|weeks) "
    r"(?P<dir>after|before) (?P<what>[^;,.]+)"
)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@dataclass(frozen=True)
class DateMention:
    """A date as printed, as precise as the text: `value` is the lexical form of an xsd:date,
    xsd:gYearMonth or xsd:gYear; `end` is set for ranges. `value` is None when the text gives
    no year and none could be taken from context, or a relative date could not be resolved."""

    start: int  # span in the text searched
    end: int
    value: str | None
    end_value: str | None = None
    role: str = "on"  # on | start | deadline | relative
    as_printed_year: bool = True  # False when the year came from context
    attributive: bool = False  # "the 2011 Zhanaozen massacre": modifies the words after it


def _day(year: int | None, month: str, day: str) -> str | None:
    if year is None:
        return None
    try:
        return dt.date.fromisoformat(iso_date(day, month, year)).isoformat()
    except ValueError:  # "31 February": not a date, never a guess
        return None


class YearContext:
    """Supplies the year of a day printed without one. A day and month already printed with a
    year earlier in the document take that year ("his declaration of 8 January" after "the
    declaration ... of 8 January 2022"); otherwise the year of the last full date before it
    ("on 5 January" after "on 2 January 2022")."""

    def __init__(self) -> None:
        self.last: int | None = None
        self.seen: dict[tuple[int, str], int] = {}

    def year_for(self, day: str, month: str) -> int | None:
        return self.seen.get((int(day), month.lower()), self.last)

    def learn(self, day: str | None, month: str, year: str | None) -> None:
        if year is None:
            return
        self.last = int(year)
        if day is not None:
            self.seen[(int(day), month.lower())] = int(year)


def find_dates(text: str, context: YearContext) -> list[DateMention]:
    """Every date printed in `text`, in order; `context` is read and updated in document
    order so that later year-less days resolve against earlier full dates."""
    found: list[DateMention] = []
    relatives = [m for m in _RELATIVE.finditer(text) if _DATE.search(m.group("what"))] if (
        "after " in text or "before " in text) else []
    for m in _date_matches(text):
        start = m.start("yi") if m.group("yi") else m.start("ya") if m.group("ya") else m.start()
        inside = next((r for r in relatives if r.start() <= start < r.end()), None)
        date = _read(m, context)
        if inside is not None:
            found.append(_relative(inside, date))
            continue
        before = text[max(0, start - 25) : start]
        role = ("deadline" if _DEADLINE.search(before) else
                "start" if _START.search(before) and not m.group("d1") else "on")
        attributive = bool(m.group("ya")) or (
            before.endswith("the ") and not m.group("d1") and not m.group("d"))
        found.append(DateMention(start, m.end(), date.value, date.end_value, role,
                                 date.as_printed_year, attributive))
    unique: dict[tuple[int, int], DateMention] = {}
    for d in found:
        unique.setdefault((d.start, d.end), d)
    return sorted(unique.values(), key=lambda d: d.start)


def _read(m: re.Match[str], context: YearContext) -> DateMention:
    g = m.groupdict()
    if g["d1"]:
        month1 = g["m1"] or g["m2"]
        year2 = g["y2"] or None
        year = int(year2) if year2 else context.year_for(g["d2"], g["m2"])
        year1 = int(g["y1"]) if g["y1"] else year
        first, last = _day(year1, month1, g["d1"]), _day(year, g["m2"], g["d2"])
        context.learn(g["d2"], g["m2"], year2)
        if first is None or last is None or first >= last:
            return DateMention(m.start(), m.end(), None, None, as_printed_year=bool(year2))
        return DateMention(m.start(), m.end(), first, last, as_printed_year=bool(year2))
    if g["d"] or g["du"]:
        day, month, printed = (g["d"], g["m"], g["y"]) if g["d"] else (g["du"], g["mu"], g["yu"])
        value = _day(int(printed) if printed else context.year_for(day, month), month, day)
        context.learn(day, month, printed)
        return DateMention(m.start(), m.end(), value, as_printed_year=bool(printed))
    if g["mo"]:
        context.learn(None, g["mo"], g["yo"])
        number = [x.lower() for x in MONTHS].index(g["mo"].lower()) + 1
        return DateMention(m.start(), m.end(), f"{g['yo']}-{number:02d}")
    return DateMention(m.start(), m.end(), g["yi"] or g["ya"])


def _relative(m: re.Match[str], anchor: DateMention) -> DateMention:
    """'a day after President Tokayev's January 11 announcement' -> 12 January, when the phrase
    dates its anchor to the day; otherwise the date stays unresolved (kept as text)."""
    value = None
    if anchor.value and len(anchor.value) == 10:
        step = int(_NUMBERS.get(m.group("n"), m.group("n"))) * (
            7 if m.group("unit").startswith("week") else 1)
        delta = dt.timedelta(days=step if m.group("dir") == "after" else -step)
        value = (dt.date.fromisoformat(anchor.value) + delta).isoformat()
    anchor_end = m.start("what") + len(m.group("what"))
    return DateMention(m.start(), anchor_end, value, None, "relative", anchor.as_printed_year)
