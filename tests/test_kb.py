"""Knowledge from authoritative sources (issue 11): the gazetteer's countries get their names and
ISO 3166-1 codes from pycountry and their IRIs from the Publications Office country table, which
is read from the shared folder (vocabularies/countries-skos.rdf), never copied here."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pyoxigraph as ox
import pytest

from resgraph.extract.gazetteer import load_gazetteer
from resgraph.kb import countries
from resgraph.kb.countries import OP_COUNTRY, Country, resolve
from resgraph.kb.data import DATA

from conftest import shared_file, triples_of

SKOS = "http://www.w3.org/2004/02/skos/core#"
AT = "http://publications.europa.eu/ontology/authority/"
# Entries without an ISO 3166-1 code, each with the reason.
NOT_IN_ISO = {
    "kosovo": "ISO 3166-1 has no Kosovo (XK/XKX are user-assigned); the OP table codes it 1A0",
}


def _raw_countries() -> list[dict]:
    """The country entries as the file has them, before anything is added at load time."""
    data = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    return [e for e in data["entries"] if e["type"] == "place" and e["category"] == "country"]


def _named(label: str, *aliases: str, id: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(id=id or label, label=label, aliases=aliases)


def _as_named(raw: dict) -> SimpleNamespace:
    return _named(raw["label"], *raw["aliases"], id=raw["id"])


def _key(name: str) -> str:
    return name.replace("’", "'")


@pytest.fixture(scope="module")
def found() -> countries.Countries:
    return resolve(map(_as_named, _raw_countries()))


def test_every_country_entry_resolves_to_an_iso_code(found) -> None:
    raw = _raw_countries()
    assert len(raw) == 90
    assert (found.unmatched, found.ambiguous) == ((), {})
    assert list(found.by_entry) == [e["id"] for e in raw]
    for entry_id, c in found.by_entry.items():
        if entry_id in NOT_IN_ISO:
            assert (c.iso2, c.iso3, c.source) == (None, None, countries.OUTSIDE_ISO_SOURCE)
        else:
            assert len(c.iso2) == 2 and len(c.iso3) == 3, entry_id
            assert c.op == OP_COUNTRY + c.iso3 and c.source == countries.SOURCE
    codes = [c.op for c in found.by_entry.values()]
    assert len(codes) == len(set(codes))  # no two entries are one country


def test_concrete_countries(found) -> None:
    kz = found.by_entry["kazakhstan"]
    assert (kz.iso2, kz.iso3, kz.op) == (
        "KZ", "KAZ", "http://publications.europa.eu/resource/authority/country/KAZ")
    assert kz.official_name == "Republic of Kazakhstan"
    assert found.by_entry["russia"].iso3 == "RUS"
    assert found.by_entry["russia"].matched == "Russian Federation"  # pycountry's short name
    assert found.by_entry["turkiye"].iso3 == "TUR"
    assert found.by_entry["dr-congo"].iso3 == "COD"
    assert found.by_entry["kosovo"].op == OP_COUNTRY + "1A0"
    gaz = load_gazetteer()
    for name, iso3 in [("Kazakhstan", "KAZ"), ("Russia", "RUS"), ("Türkiye", "TUR"),
                       ("Turkey", "TUR"), ("Republic of Turkey", "TUR"), ("Viet Nam", "VNM")]:
        entry = gaz.entries[gaz.by_alias[name]]
        assert entry.iso3 == iso3, name
        assert entry.op == OP_COUNTRY + iso3


@pytest.mark.parametrize(("name", "iso3"), [
    ("Russian Federation", "RUS"),
    ("Iran, Islamic Republic of", "IRN"), ("Islamic Republic of Iran", "IRN"), ("Iran", "IRN"),
    ("Korea, Republic of", "KOR"), ("Republic of Korea", "KOR"), ("South Korea", "KOR"),
    ("Democratic People’s Republic of Korea", "PRK"),
    ("Moldova, Republic of", "MDA"), ("Republic of Moldova", "MDA"), ("Moldova", "MDA"),
    ("Türkiye", "TUR"), ("Republic of Türkiye", "TUR"),
    ("Palestine, State of", "PSE"), ("State of Palestine", "PSE"),
    ("Taiwan, Province of China", "TWN"), ("Taiwan", "TWN"),
    ("Congo, The Democratic Republic of the", "COD"), ("Democratic Republic of the Congo", "COD"),
    ("Congo", "COG"), ("State of Eritrea", "ERI"), ("bolivia", "BOL"),
])
def test_pycountry_forms(name: str, iso3: str) -> None:
    found = resolve([_named(name)])
    assert found.by_entry[name].iso3 == iso3


def test_what_matches_nothing_is_reported_not_guessed() -> None:
    found = resolve([
        _named("Atlantis"),
        _named("Palestine"),  # pycountry has 'Palestine, State of', not 'Palestine'
        _named("Turkey"),  # pycountry has 'Türkiye' only: the gazetteer entry has both
        _named("Congo", "Democratic Republic of the Congo", id="both-congos"),
        _named("Kosovo"),
    ])
    assert found.unmatched == ("Atlantis", "Palestine", "Turkey")
    assert found.ambiguous == {"both-congos": ("COD", "COG")}
    assert list(found.by_entry) == ["Kosovo"]


def test_readable_names() -> None:
    iran = resolve([_named("Iran")]).by_entry["Iran"]
    assert iran.names == ("Iran", "Islamic Republic of Iran")
    taiwan = resolve([_named("Taiwan")]).by_entry["Taiwan"]
    assert taiwan.names == ("Taiwan",)  # 'Taiwan, Province of China' is no inversion
    dprk = resolve([_named("North Korea")]).by_entry["North Korea"]
    assert dprk.names == ("North Korea", "Democratic People's Republic of Korea",
                          "Democratic People’s Republic of Korea")


def test_loaded_country_entries_keep_theirs_and_gain_iso(found) -> None:
    gaz = load_gazetteer()
    raw = {e["id"]: e for e in _raw_countries()}
    first_entry: dict[str, str] = {}  # every alias of the file -> the entry it found before
    for e in json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))["entries"]:
        for alias in (e["label"], *e["aliases"]):
            first_entry.setdefault(alias, e["id"])
    assert {a: gaz.by_alias[a] for a in first_entry} == first_entry
    for entry_id, r in raw.items():
        entry, c = gaz.entries[entry_id], found.by_entry[entry_id]
        assert (entry.label, entry.demonyms, entry.wikidata) == (
            r["label"], tuple(r["demonyms"]), r["wikidata"])
        assert entry.aliases[: len(r["aliases"])] == tuple(r["aliases"])
        added = entry.aliases[len(r["aliases"]):]
        assert set(added) <= set(c.names) and set(c.names) <= set(gaz.by_alias)
        assert (entry.iso2, entry.iso3, entry.op) == (c.iso2, c.iso3, c.op)
        assert entry.source.startswith(c.source) and "common EP usage" not in entry.source
        assert all(gaz.country_by_name[n] == entry_id for n in added)
    assert gaz.entries["kazakhstan"].source == (
        "ISO 3166-1 via pycountry; Publications Office country table; "
        "reference/linked-data.md (Wikidata seen in two or more sources)")
    assert "Rwandese Republic" in gaz.entries["rwanda"].aliases  # pycountry's official name
    assert gaz.entries["council-eu"].iso3 is None and gaz.entries["brussels"].op is None


def _op_table() -> dict[str, dict[str, list[str]]]:
    """IRI -> property -> values (English literals, IRIs, plain literals) of the OP table."""
    path = shared_file("vocabularies/countries-skos.rdf")
    table: dict[str, dict[str, list[str]]] = {}
    with path.open("rb") as f:
        for t in ox.parse(f, format=ox.RdfFormat.RDF_XML):
            if isinstance(t.subject, ox.NamedNode) and getattr(t.object, "language", "en") in (
                    None, "en"):
                table.setdefault(t.subject.value, {}).setdefault(
                    t.predicate.value, []).append(t.object.value)
    return table


def test_op_iris_exist_in_the_publications_office_table(found: countries.Countries) -> None:
    table = _op_table()
    assert len(table) > 250  # the whole table was read
    assert OP_COUNTRY + "XKX" not in table  # Kosovo is 1A0 there, see countries.OUTSIDE_ISO
    gaz = load_gazetteer()
    mismatches = []
    for c in found.by_entry.values():
        concept = table.get(c.op)
        assert concept is not None, f"{c.entry_id}: {c.op} is not in the OP table"
        assert SKOS + "Concept" in concept["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"]
        assert concept[AT + "deprecated"] == ["false"], c.entry_id
        assert concept[SKOS + "inScheme"] == [OP_COUNTRY.rstrip("/")]
        entry = gaz.entries[c.entry_id]
        ours = {_key(n) for n in (entry.label, *entry.aliases)}
        # Stricter than "prefLabel or altLabel": the OP's English name is one of ours.
        if {_key(n) for n in concept[SKOS + "prefLabel"]} - ours:
            mismatches.append((c.entry_id, concept[SKOS + "prefLabel"]))
    assert mismatches == []


def test_country_record_is_frozen(found) -> None:
    with pytest.raises(AttributeError):
        found.by_entry["kazakhstan"].iso3 = "XXX"  # type: ignore[misc]
    assert isinstance(found.by_entry["kazakhstan"], Country)


def test_a_country_in_the_graph_is_the_publications_offices(seed_built) -> None:
    triples = triples_of(seed_built.quads)
    assert ("https://w3id.org/resgraph/id/entity/kazakhstan",
            "http://www.w3.org/2004/02/skos/core#exactMatch",
            "http://publications.europa.eu/resource/authority/country/KAZ") in triples


def test_one_knowledge_base_from_one_loader() -> None:
    from resgraph.kb import load_kb

    kb = load_kb()
    assert len(kb.acts) == 54 and kb.acts["insists"].type == "directive"
    assert "geneva-conventions" in kb.instruments and "tfeu" in kb.instruments
    assert "statement" in kb.event_types and kb.kinds["joint-motion"].startswith("joint")
    assert kb.gazetteer.entries["kazakhstan"].iso3 == "KAZ"


def test_a_language_without_a_lexicon_is_one_line_naming_those_there_are() -> None:
    import pytest

    from resgraph.lang import UnknownLanguage, lexicon_for

    assert lexicon_for("en").CODE == "en"
    with pytest.raises(UnknownLanguage, match=r"^no lexicon for language 'fr': facts can be "
                                              r"read in en$"):
        lexicon_for("fr")


def _instruments() -> list[dict]:
    return json.loads((DATA / "instruments.json").read_text(encoding="utf-8"))["instruments"]


def _bodies() -> list[dict]:
    entries = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))["entries"]
    return [e for e in entries if e["type"] != "place"]


def test_every_identifier_names_where_it_was_seen() -> None:
    """A QID, a UNTS citation, a CETS number or a corporate-body code is kept only with the
    source it was seen in; their shapes are those their registries use."""
    import re

    missing = []
    for e in _instruments() + _bodies():
        source = e["source"]
        if e.get("wikidata"):
            assert re.fullmatch(r"Q[1-9][0-9]*", e["wikidata"]), e["id"]
            if e["wikidata"] not in source and "linked-data.md" not in source:
                missing.append((e["id"], "wikidata"))
        for citation in e.get("unts") or ():
            assert re.fullmatch(r"[0-9]+ UNTS [0-9IVXLC]+", citation), e["id"]
            if "UNTS" not in source:
                missing.append((e["id"], "unts"))
        if e.get("untsRegistration"):
            assert re.fullmatch(r"I-[0-9]+", e["untsRegistration"]), e["id"]
        if e.get("cets"):
            assert re.fullmatch(r"[0-9]{3}", e["cets"]), e["id"]
            if "CETS" not in source:
                missing.append((e["id"], "cets"))
        if e.get("corporateBody") and f"corporate body {e['corporateBody']}" not in source:
            missing.append((e["id"], "corporateBody"))
    assert missing == []


def test_identifiers_known_for_the_main_instruments_and_bodies() -> None:
    instruments = {i["id"]: i for i in _instruments()}
    assert instruments["echr"]["cets"] == "005"
    assert instruments["istanbul-convention"]["cets"] == "210"
    assert instruments["iccpr"]["unts"] == ["999 UNTS 171"]
    assert instruments["rome-statute"]["untsRegistration"] == "I-38544"
    assert sum(1 for i in instruments.values() if i.get("cets")) == 11
    assert sum(1 for i in instruments.values() if i.get("unts")) == 16
    bodies = {b["id"]: b for b in _bodies()}
    assert bodies["european-parliament"]["corporateBody"] == "EP"
    assert (bodies["icc"]["wikidata"], bodies["icc"]["wikidataChecked"]) == ("Q47488", True)
    # 27, and OHCHR's and the UN Secretary-General's, promoted with a second source (issue 13)
    assert sum(1 for b in bodies.values() if b.get("wikidataChecked")) == 29
    assert bodies["ohchr"]["wikidataChecked"] and bodies["un-secretary-general"]["wikidataChecked"]


def test_the_parliaments_corporate_body_is_the_one_its_open_data_uses(seed_built) -> None:
    """The EP Open Data Portal names the Parliament by the Publications Office's corporate-body
    IRI (odp/samples, read from the shared folder); the graph links its Parliament there."""
    iri = "http://publications.europa.eu/resource/authority/corporate-body/EP"
    sample = shared_file("odp/samples/europarl-open-data-beta-testing/data/"
                         "plenary-session-documents/data_v1_plenary-session-docs-by-session_"
                         "2022-03-01.ttl")
    assert f"<{iri}>" in sample.read_text("utf-8")
    triples = triples_of(seed_built.quads)
    assert ("https://w3id.org/resgraph/id/entity/european-parliament",
            "http://www.w3.org/2004/02/skos/core#exactMatch", iri) in triples
