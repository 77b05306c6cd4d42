"""Resolution -> facts: actors and their mentions, demands, legal references, events, figures."""

from __future__ import annotations

from resgraph.extract.actors import extract_actors
from resgraph.extract.demands import extract_demands
from resgraph.extract.events import extract_events
from resgraph.extract.legal import extract_legal_references
from resgraph.kb import KnowledgeBase, load_kb
from resgraph.lang import lexicon_for
from resgraph.model import Demand, Entity, Facts, LegalReference, Mention, Resolution


def extract_facts(resolution: Resolution, kb: KnowledgeBase | None = None) -> Facts:
    """Facts of one resolution, read with the lexicon of its language and the knowledge base
    (by default, the one shipped: kb.load_kb)."""
    lexicon_for(resolution.metadata.language)  # English only for now: anything else is refused
    kb = kb or load_kb()
    entities, mentions = extract_actors(resolution, kb.gazetteer)
    demands, more_entities, more_mentions = extract_demands(
        resolution.paragraphs, entities, mentions
    )
    order = {p.path: p.span.start for p in (resolution.title, *resolution.citations,
                                            *resolution.recitals, *resolution.paragraphs)}
    all_mentions = sorted(
        {(m.part.path, m.start, m.end): m for m in (*mentions, *more_mentions)}.values(),
        key=lambda m: (order[m.part.path], m.start, m.end),
    )
    all_entities = sorted({e.key: e for e in (*entities, *more_entities)}.values(),
                          key=lambda e: e.key)
    references = extract_legal_references(resolution)
    all_mentions, all_entities = _outside_instrument_names(all_mentions, all_entities,
                                                            references, demands)
    events, figures = extract_events(resolution, tuple(all_entities), tuple(all_mentions),
                                     demands, references)
    return Facts(tuple(all_entities), tuple(all_mentions), demands, references, events,
                 figures)


# References whose printed words are an instrument's name: "the Treaty on the Functioning of
# the European Union", "Official Journal of the European Union", "the UN Convention against
# Torture" name no actor. An agreement "between the EU and Kazakhstan" names its parties.
_NAMES_NO_ACTOR = frozenset({"treaty", "treaty-article", "un-instrument", "coe-instrument",
                             "eu-act", "eu-act-article", "official-journal", "rule-of-procedure",
                             "rules-of-procedure"})


def _outside_instrument_names(
    mentions: list[Mention], entities: list[Entity], references: tuple[LegalReference, ...],
    demands: tuple[Demand, ...],
) -> tuple[list[Mention], list[Entity]]:
    """Mentions inside an instrument's printed name are no mention of an actor; an entity
    left with no mention, named by no demand and no member's organisation, goes too."""
    names: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for ref in references:
        if ref.kind in _NAMES_NO_ACTOR:
            names.setdefault(ref.part.path, []).append((ref.start, ref.end))
    kept = [m for m in mentions if not any(s <= m.start and m.end <= e
                                           for s, e in names.get(m.part.path, ()))]
    used = {m.entity for m in kept}
    used |= {k for d in demands for k in (*d.addressees, *d.targets)}
    used |= {e.member_of for e in entities if e.member_of}
    return kept, [e for e in entities if e.key in used]


__all__ = ["extract_facts"]
