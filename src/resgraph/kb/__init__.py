"""kb: knowledge of what the EU names, from authoritative sources, as frozen records with their
sources.

`load_kb()` gathers it in one `KnowledgeBase`, read once through `kb.data`: the gazetteer
(actors and places; its countries completed from ISO 3166-1 and the Publications Office table
by `kb.countries`, its cities and regions from GeoNames by `kb.places`), the legal instruments,
the speech acts, the event types, the document kinds and the given names (from Faker's
per-locale lists, by `kb.given_names`). Extractors take it as an argument,
with this as the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class KnowledgeBase:
    gazetteer: Any  # extract.gazetteer.Gazetteer
    instruments: Any  # extract.legal.Instruments: id -> Instrument, with their patterns
    acts: Any  # extract.demands.SpeechActs: id -> Act, with their forms
    event_types: dict[str, Any]  # id -> the type's record
    kinds: dict[str, str]  # document kind -> its printed form
    given_names: frozenset[str] = frozenset()  # kb.given_names: names in any locale


@cache
def load_kb() -> KnowledgeBase:
    # Imported here: the extractors' record types live with the extractors that read them.
    from resgraph.extract.demands import speech_acts
    from resgraph.extract.gazetteer import load_gazetteer
    from resgraph.extract.legal import instruments
    from resgraph.kb.data import read
    from resgraph.kb.given_names import load_given_names
    from resgraph.parse.metadata import KINDS

    return KnowledgeBase(
        gazetteer=load_gazetteer(),
        instruments=instruments(),
        acts=speech_acts(),
        event_types={t["id"]: t for t in read("event_types.json")["types"]},
        kinds=dict(KINDS),
        given_names=load_given_names(),
    )
