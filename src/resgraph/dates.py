"""English month names and dates as EP texts print them ("11 February 2021")."""

from __future__ import annotations

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_PATTERN = "|".join(MONTHS)


def iso_date(day: int | str, month: str, year: int | str) -> str:
    """(11, "February", 2021) -> "2021-02-11"; month names in any case."""
    number = [m.lower() for m in MONTHS].index(month.lower()) + 1
    return f"{int(year):04d}-{number:02d}-{int(day):02d}"
