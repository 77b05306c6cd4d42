"""The gazetteer of well-known actors and places (resgraph/data/gazetteer.json).

Data, not code: labels, aliases, demonyms, and identifiers with their source and whether they
were checked. An unknown Wikidata QID is left out of the file, never guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Entry:
    id: str
    type: str  # organisation | office | place
    category: str
    label: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    wikidata: str | None
    wikidata_checked: bool
    odp: str | None
    source: str


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per data file
class Gazetteer:
    entries: dict[str, Entry]
    by_alias: dict[str, str]  # alias as printed -> entry id
    alias_pattern: re.Pattern[str]  # every alias, longest first, on word boundaries
    country_by_demonym: dict[str, str]  # "Kazakh" -> "kazakhstan"
    country_by_name: dict[str, str]  # "Kazakhstan", "Republic of Kazakhstan" -> "kazakhstan"

    def country_names(self) -> list[str]:
        return sorted(self.country_by_name, key=len, reverse=True)


def _entry(raw: dict) -> Entry:
    return Entry(
        id=raw["id"],
        type=raw["type"],
        category=raw["category"],
        label=raw["label"],
        aliases=tuple(raw.get("aliases") or ()),
        demonyms=tuple(raw.get("demonyms") or ()),
        wikidata=raw.get("wikidata"),
        wikidata_checked=bool(raw.get("wikidataChecked")),
        odp=raw.get("odp"),
        source=raw.get("source", ""),
    )


@lru_cache(maxsize=1)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    data = json.loads((path or DATA / "gazetteer.json").read_text(encoding="utf-8"))
    entries = {e.id: e for e in map(_entry, data["entries"])}
    by_alias: dict[str, str] = {}
    for entry in entries.values():
        for alias in (entry.label, *entry.aliases):
            by_alias.setdefault(alias, entry.id)
    aliases = sorted(by_alias, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, aliases)) + r")(?![\w-])")
    demonyms: dict[str, str] = {}
    names: dict[str, str] = {}
    for entry in entries.values():
        if entry.type == "place" and entry.category == "country":
            for d in entry.demonyms:
                demonyms.setdefault(d, entry.id)
            for n in (entry.label, *entry.aliases):
                names.setdefault(n, entry.id)
    return Gazetteer(entries, by_alias, pattern, demonyms, names)
