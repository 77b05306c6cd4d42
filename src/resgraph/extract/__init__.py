"""Resolution -> facts: actors and their mentions, demands, legal references, events, figures."""

from __future__ import annotations

from resgraph.extract.actors import extract_actors
from resgraph.extract.demands import extract_demands
from resgraph.extract.events import extract_events
from resgraph.extract.legal import extract_legal_references
from resgraph.model import Facts, Resolution


def extract_facts(resolution: Resolution) -> Facts:
    entities, mentions = extract_actors(resolution)
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
    events, figures = extract_events(resolution, tuple(all_entities), tuple(all_mentions),
                                     demands, references)
    return Facts(tuple(all_entities), tuple(all_mentions), demands, references, events,
                 figures)


__all__ = ["extract_facts"]
