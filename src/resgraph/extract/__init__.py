"""Resolution -> facts: actors and their mentions, demands, legal references, events, figures."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from resgraph.extract.actors import extract_actors
from resgraph.extract.demands import extract_demands
from resgraph.extract.events import extract_events
from resgraph.extract.legal import extract_legal_references
from resgraph.kb import KnowledgeBase, load_kb
from resgraph.lang import lexicon_for
from resgraph.model import Demand, Entity, Facts, LegalReference, Mention, Resolution


@dataclass(frozen=True)
class Step:
    """One extraction stage: what it reads from the facts read so far, what it adds (or
    replaces), and the pure function that does it."""

    name: str
    needs: frozenset[str]
    makes: frozenset[str]
    run: Callable[[Mapping[str, Any]], dict[str, Any]]


def _actors(s: Mapping[str, Any]) -> dict[str, Any]:
    entities, mentions = extract_actors(s["resolution"], s["kb"].gazetteer,
                                        s["kb"].given_names, s["lexicon"].actors)
    return {"entities": entities, "mentions": mentions}


def _demands(s: Mapping[str, Any]) -> dict[str, Any]:
    """Demands, and the collective actors and mentions their addressees add, merged in
    document order."""
    resolution = s["resolution"]
    demands, more_entities, more_mentions = extract_demands(
        resolution.paragraphs, s["entities"], s["mentions"], s["lexicon"].demands, s["kb"].acts
    )
    order = {p.path: p.span.start for p in (resolution.title, *resolution.citations,
                                            *resolution.recitals, *resolution.paragraphs)}
    mentions = sorted(
        {(m.part.path, m.start, m.end): m for m in (*s["mentions"], *more_mentions)}.values(),
        key=lambda m: (order[m.part.path], m.start, m.end),
    )
    entities = sorted({e.key: e for e in (*s["entities"], *more_entities)}.values(),
                      key=lambda e: e.key)
    return {"demands": demands, "entities": entities, "mentions": mentions}


def _references(s: Mapping[str, Any]) -> dict[str, Any]:
    return {"references": extract_legal_references(s["resolution"], s["kb"].instruments)}


def _actors_outside_names(s: Mapping[str, Any]) -> dict[str, Any]:
    mentions, entities = _outside_instrument_names(s["mentions"], s["entities"],
                                                   s["references"], s["demands"])
    return {"mentions": mentions, "entities": entities}


def _events(s: Mapping[str, Any]) -> dict[str, Any]:
    events, figures = extract_events(s["resolution"], tuple(s["entities"]),
                                     tuple(s["mentions"]), s["demands"], s["references"],
                                     s["lexicon"], s["kb"].acts)
    return {"events": events, "figures": figures}


_GIVEN = frozenset({"resolution", "kb", "lexicon"})
STEPS = (
    Step("actors", frozenset({"resolution", "kb", "lexicon"}),
         frozenset({"entities", "mentions"}),
         _actors),
    Step("demands", frozenset({"resolution", "kb", "lexicon", "entities", "mentions"}),
         frozenset({"demands", "entities", "mentions"}), _demands),
    Step("legal references", frozenset({"resolution", "kb"}), frozenset({"references"}),
         _references),
    Step("actors outside instrument names",
         frozenset({"entities", "mentions", "references", "demands"}),
         frozenset({"entities", "mentions"}), _actors_outside_names),
    Step("events and figures",
         frozenset({"resolution", "kb", "lexicon", "entities", "mentions", "demands",
                    "references"}),
         frozenset({"events", "figures"}), _events),
)


def check_steps(steps: tuple[Step, ...]) -> None:
    """Every step's needs are given or made by an earlier step, and every fact is made: a
    missing step fails here, when the package is imported, not in a user's run."""
    available = set(_GIVEN)
    for step in steps:
        missing = step.needs - available
        if missing:
            raise ImportError(f"extraction step {step.name!r} needs {sorted(missing)}, "
                              "which no earlier step makes")
        available |= step.makes
    unmade = {f.name for f in fields(Facts)} - available
    if unmade:
        raise ImportError(f"no extraction step makes {sorted(unmade)}")


check_steps(STEPS)


def extract_facts(resolution: Resolution, kb: KnowledgeBase | None = None) -> Facts:
    """Facts of one resolution, read with the lexicon of its language and the knowledge base
    (by default, the one shipped: kb.load_kb), by the STEPS in order."""
    # English only for now: another language is refused with the languages there are
    state: dict[str, Any] = {"resolution": resolution, "kb": kb or load_kb(),
                             "lexicon": lexicon_for(resolution.metadata.language)}
    for step in STEPS:
        state.update(step.run(state))
    return Facts(tuple(state["entities"]), tuple(state["mentions"]), state["demands"],
                 state["references"], state["events"], state["figures"])


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


__all__ = ["STEPS", "Step", "check_steps", "extract_facts"]
