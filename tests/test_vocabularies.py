"""The honorifics and titles that say a name is a person's are the Publications Office's own
(the authority tables in ../shared/vocabularies, read here, never copied)."""

from __future__ import annotations

import re

from resgraph.lang.en.actors import HONORIFICS, TITLES_FROM_ROLES

from conftest import shared_file


def _english_labels(path) -> set[str]:
    return set(re.findall(r'xml:lang="en">([^<]*)<', path.read_text("utf-8")))


def test_honorifics_are_the_publications_offices() -> None:
    labels = _english_labels(shared_file("vocabularies/honorifics-skos.rdf"))
    assert set(HONORIFICS) <= labels
    assert {"Mr", "Ms", "Dr"} <= set(HONORIFICS)


def test_titles_are_roles_of_the_publications_offices_table() -> None:
    labels = _english_labels(shared_file("vocabularies/roles-skos.rdf"))
    assert set(TITLES_FROM_ROLES) <= labels
