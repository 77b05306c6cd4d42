"""Given names: the first names of Faker's person providers, one table per locale, gathered with
the locales that list each name. Faker is a maintained package (MIT licence) whose per-locale
lists its contributors keep; resgraph reads them only to say "this capitalised word is used as a
given name somewhere", never to guess a sex or a nationality.

`from_faker` builds the table from the installed package (scripts/given_names.py writes it to
resgraph/data/given_names.json); `load_given_names` reads the shipped table at run time, so
Faker is needed only to regenerate it.

Only names in the Latin script whose shape is a name's (a capital, then lower-case letters, an
optional hyphen or apostrophe) are kept: EP texts print names in Latin transliteration, and
extract/actors.py matches only that shape.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from resgraph.kb.data import read

_PIECES = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)?")


def name_shaped(name: str) -> bool:
    """A name's shape in the Latin script: "Maria", "Jean-Pierre", "D'Arcy", "Łukasz", "Zoë";
    not "MARIA", "McDonald" (read as two words by the name pattern) or "Мария"."""
    return (bool(_PIECES.fullmatch(name)) and name[0].isupper()
            and all(p[1:] == "" or p[1:].islower() for p in re.split(r"['’-]", name))
            and all("LATIN" in unicodedata.name(c, "") for c in name if c.isalpha()))


def _names_of(provider: type) -> Iterable[str]:
    """Every first name a person provider lists, in any of its attributes (first_names,
    first_names_male, first_names_female, ..., a tuple or a weighted mapping)."""
    for attribute in dir(provider):
        if not attribute.startswith("first_names"):
            continue
        value = getattr(provider, attribute)
        if isinstance(value, dict):
            yield from value
        elif isinstance(value, (list, tuple)):
            yield from (v for v in value if isinstance(v, str))


def from_faker() -> dict[str, list[str]]:
    """name -> the Faker locales whose person provider lists it, sorted."""
    import faker.providers.person as person  # only to regenerate the table

    table: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"),
                           "Provider", None)
        if provider is None:
            continue
        for name in _names_of(provider):
            name = name.strip()
            if name_shaped(name):
                table.setdefault(name, set()).add(module.name)
    return {name: sorted(locales) for name, locales in sorted(table.items())}


@cache
def load_given_names() -> frozenset[str]:
    """The given names of the shipped table (resgraph/data/given_names.json)."""
    return frozenset(read("given_names.json")["names"])
