"""Countries: the gazetteer's country entries matched to ISO 3166-1 (through pycountry) and to
the Publications Office's country authority table (`OP_COUNTRY` + ISO alpha-3).

`resolve` is pure: given entries (anything with an id, a label and aliases) it returns one frozen
`Country` for each entry that an ISO 3166-1 country names exactly by the entry's label or one of
its aliases, and reports, without guessing, every entry that no country names ("unmatched") or
that two countries name ("ambiguous").

pycountry writes some names the way ISO sorts them ("Iran, Islamic Republic of", "Congo, The
Democratic Republic of the"); they are also read in running order ("Islamic Republic of Iran",
"Democratic Republic of the Congo"), and an official name's leading "the" is dropped ("the State
of Eritrea"). Names are compared ignoring case, with ’ and ' as one character.

A few places the EU names as countries have no ISO 3166-1 code. Those the Publications Office
table codes are listed in `OUTSIDE_ISO` with that code: they get the OP IRI and no ISO codes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import pycountry

OP_COUNTRY = "http://publications.europa.eu/resource/authority/country/"
SOURCE = "ISO 3166-1 via pycountry; Publications Office country table"
OUTSIDE_ISO_SOURCE = "Publications Office country table (not in ISO 3166-1)"

# name -> the Publications Office country table's code, for places outside ISO 3166-1. Kosovo:
# ISO 3166-1 has no code (XK/XKX are user-assigned codes, which the OP table does not use); the
# table (version 20221214-0) has it as country/1A0, EUR-Lex legacy code KOSOVO.
OUTSIDE_ISO = {"Kosovo": "1A0"}


class Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Country:
    """What ISO 3166-1 and the OP table say of one gazetteer entry."""

    entry_id: str
    matched: str  # the entry's label or alias that named the country
    iso2: str | None  # None outside ISO 3166-1
    iso3: str | None
    op: str  # the Publications Office country IRI
    name: str  # pycountry's name, the ISO short name ("Iran, Islamic Republic of")
    official_name: str | None  # as pycountry gives it ("Islamic Republic of Iran")
    common_name: str | None  # ("Iran")
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        """pycountry's names as running text prints them, each once: the common name, the short
        name (in running order), the official name ("the" dropped); a name with an apostrophe
        also with the typographic one."""
        out: list[str] = []
        for raw in (self.common_name, self.name, self.official_name):
            readable = _readable(raw) if raw else None
            if readable:
                for form in (readable, readable.replace("'", "’")):
                    if form not in out:
                        out.append(form)
        return tuple(out)


@dataclass(frozen=True)
class Countries:
    """The outcome of `resolve`: every entry is in exactly one of the three."""

    by_entry: dict[str, Country]  # entry id -> its country, in the order given
    unmatched: tuple[str, ...]  # entry ids that no country names
    ambiguous: dict[str, tuple[str, ...]]  # entry id -> the alpha-3 codes its names match


def resolve(entries: Iterable[Named]) -> Countries:
    """Each entry's ISO 3166-1 country, by an exact name, or the entry reported."""
    index = _index()
    found: dict[str, Country] = {}
    unmatched: list[str] = []
    ambiguous: dict[str, tuple[str, ...]] = {}
    for entry in entries:
        hits: dict[str, str] = {}  # alpha-2 -> the entry's first name that matched it
        for name in (entry.label, *entry.aliases):
            for alpha2 in index.get(name_key(name), ()):
                hits.setdefault(alpha2, name)
        if len(hits) > 1:
            ambiguous[entry.id] = tuple(sorted(_by_alpha2(a).alpha_3 for a in hits))
        elif hits:
            [(alpha2, matched)] = hits.items()
            found[entry.id] = _country(entry.id, matched, _by_alpha2(alpha2))
        elif outside := next((n for n in (entry.label, *entry.aliases) if n in OUTSIDE_ISO), None):
            found[entry.id] = Country(entry.id, outside, None, None,
                                      OP_COUNTRY + OUTSIDE_ISO[outside], outside, None, None,
                                      OUTSIDE_ISO_SOURCE)
        else:
            unmatched.append(entry.id)
    return Countries(found, tuple(unmatched), ambiguous)


def _country(entry_id: str, matched: str, c) -> Country:
    return Country(entry_id, matched, c.alpha_2, c.alpha_3, OP_COUNTRY + c.alpha_3, c.name,
                   getattr(c, "official_name", None), getattr(c, "common_name", None), SOURCE)


def _by_alpha2(alpha2: str):
    return pycountry.countries.get(alpha_2=alpha2)


def _readable(name: str) -> str | None:
    """`name` in running order: 'Congo, The Democratic Republic of the' -> 'Democratic Republic
    of the Congo', 'the State of Eritrea' -> 'State of Eritrea'; None for a name whose comma is
    not ISO's inversion ('Taiwan, Province of China', 'Virgin Islands, British')."""
    if ", " in name:
        head, _, tail = name.partition(", ")
        if not (tail.endswith(" of") or tail.endswith(" of the")) or ", " in tail:
            return None
        name = f"{tail} {head}"
    if name[:4].lower() == "the ":
        name = name[4:]
    return name


def name_key(name: str) -> str:
    """A name as compared: spaces collapsed, ’ as ', case folded."""
    return " ".join(name.replace("’", "'").split()).casefold()


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """Every ISO 3166-1 name, as pycountry gives it and in running order -> alpha-2 codes."""
    index: dict[str, set[str]] = {}
    for c in pycountry.countries:
        for raw in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if raw:
                for name in {raw, _readable(raw)} - {None}:
                    assert name is not None  # taken out of the set
                    index.setdefault(name_key(name), set()).add(c.alpha_2)
    return {k: tuple(sorted(v)) for k, v in index.items()}
