"""Persons named by nothing but their names (issue 11): a given name from Faker's per-locale
lists (resgraph.kb.given_names, shipped as resgraph/data/given_names.json) and a name's shape,
with precision first."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from resgraph.extract.actors import extract_actors
from resgraph.kb.data import DATA
from resgraph.kb.given_names import load_given_names, name_shaped
from resgraph.model import SourceText
from resgraph.parse.structure import parse_resolution

ROOT = Path(__file__).resolve().parents[1]

TEXT = """European Parliament resolution on names
(2024/0001(RSP))
The European Parliament,
– having regard to the Nelson Mandela Rules,
A. whereas the International Criminal Court issued arrest warrants against Vladimir Putin and \
Maria Lvova-Belova on 17 March 2023;
B. whereas Jimmy Lai has been held since December 2020 and Alexei Navalny died in custody; \
whereas the Anna Politkovskaya Award went to a journalist;
C. whereas the press must be free; whereas Grace Kelly is named here but grace is a word; \
whereas Victoria Falls is a place;
1. Calls on Elena Semenova to speak; calls on the Commission to report back;
"""


def _persons(given_names: frozenset[str]) -> list[str]:
    resolution = parse_resolution(SourceText("names.txt", TEXT, "text/plain", "0" * 64))
    entities, _ = extract_actors(resolution, given_names=given_names)
    return sorted(e.name for e in entities if e.kind == "person")


def test_bare_full_names_with_a_given_name_are_persons() -> None:
    assert _persons(load_given_names()) == ["Alexei Navalny", "Elena Semenova", "Jimmy Lai",
                                            "Maria Lvova-Belova", "Vladimir Putin"]


def test_without_the_table_no_bare_name_is_a_person() -> None:
    # the knowledge is passed in: with no given names, only the names another cue reads
    # ("arrest warrants against ...") are persons
    assert _persons(frozenset()) == ["Maria Lvova-Belova", "Vladimir Putin"]


def test_the_table_holds_names_in_the_latin_script_only() -> None:
    names = load_given_names()
    assert {"Vladimir", "Maria", "Jimmy", "Alexei", "Elena", "Kassym"} - names == {"Kassym"}
    assert len(names) > 20_000
    assert all(name_shaped(n) for n in names)
    assert [name_shaped(n) for n in ("Jean-Pierre", "D'Arcy", "Łukasz", "MARIA", "Мария",
                                     "McDonald")] == [True, True, True, False, False, False]


def test_every_name_says_which_locales_list_it() -> None:
    data = json.loads((DATA / "given_names.json").read_text("utf-8"))
    assert data["source"].startswith("Faker ")
    assert "en" in data["names"]["Jimmy"].split() and "ru_RU" not in data["names"]["Maria"]
    assert all(locales for locales in data["names"].values())


def test_the_shipped_table_is_what_the_script_writes_today() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import given_names  # scripts/given_names.py
    finally:
        sys.path.pop(0)
    shipped = json.loads((DATA / "given_names.json").read_text("utf-8"))
    assert shipped == given_names.table()
