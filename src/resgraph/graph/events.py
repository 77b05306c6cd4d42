"""Events and figures -> quads.

An event is a sem:Event (via rg:Event) with a type from the rg:EventTypes SKOS scheme, a date
typed as precisely as the text gives it (xsd:date, xsd:gYearMonth or xsd:gYear), a place,
participants as actors or affected, and a Web Annotation span for every place the text
states it. A figure carries its value (xsd:integer, or xsd:decimal when not whole), what it
counts, its qualifier and unit, and the event it belongs to.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from resgraph.extract.events import event_types
from resgraph.graph.spans import add_span
from resgraph.graph.terms import LABEL, TYPE, rg
from resgraph.model import Event, Facts, Figure
from resgraph.vocab import EU_CURRENCY, SKOS, XSD

FIGURE_CLASSES = {"count": "Count", "money": "MoneyAmount", "percentage": "Percentage",
                  "rank": "Rank", "ordinal": "Ordinal"}


def date_literal(value: str) -> Literal:
    """'2022-01-05' -> xsd:date, '2022-01' -> xsd:gYearMonth, '2011' -> xsd:gYear."""
    datatype = {10: "date", 7: "gYearMonth", 4: "gYear"}[len(value)]
    return Literal(value, datatype=NamedNode(XSD + datatype))


def event_type_iri(type_id: str) -> NamedNode:
    return rg(f"event-{type_id}")


def add_events(q, facts: Facts, iris: dict[str, NamedNode],
               nodes: dict[tuple[str, ...], NamedNode]) -> None:
    """`iris` maps entity keys to their IRIs; `nodes` maps parts (by path) to theirs."""
    types = event_types()
    for type_id in sorted({e.type for e in facts.events}):
        node = event_type_iri(type_id)
        q.add(node, TYPE, NamedNode(SKOS + "Concept"))
        q.add(node, TYPE, rg("EventType"))
        q.add(node, NamedNode(SKOS + "prefLabel"), Literal(types[type_id].label, language="en"))
        q.add(node, NamedNode(SKOS + "inScheme"), rg("EventTypes"))
    event_nodes = [_add_event(q, event, n, iris, nodes)
                   for n, event in enumerate(facts.events, start=1)]
    for figure in facts.figures:
        _add_figure(q, figure, event_nodes, nodes)


def _add_event(q, event: Event, number: int, iris: dict[str, NamedNode],
               nodes: dict[tuple[str, ...], NamedNode]) -> NamedNode:
    """`number` is its place among the resolution's events in the order the text first
    states them (rg:order), which breaks ties in the timeline."""
    node = NamedNode(f"{nodes[event.part.path].value}/event/{event.order}")
    q.add(node, TYPE, rg("Event"))
    q.integer(node, rg("order"), number)
    q.add(node, rg("eventType"), event_type_iri(event.type))
    q.tagged(node, LABEL, event.label)  # the document's words, in its language
    q.text(node, rg("trigger"), event.trigger)
    if event.date:
        q.add(node, rg("eventDate"), date_literal(event.date))
    if event.end_date:
        q.add(node, rg("eventEndDate"), date_literal(event.end_date))
    if event.date_text:
        q.text(node, rg("dateAsPrinted"), event.date_text)
        q.text(node, rg("dateRole"), event.date_role or "on")
    if event.place:
        q.add(node, rg("place"), iris[event.place])
    for key, role in event.participants:
        q.add(node, rg(role), iris[key])  # rg:actor or rg:affected
    q.add(node, rg("background"), Literal("true" if event.background else "false",
                                           datatype=NamedNode(XSD + "boolean")))
    for n, span in enumerate(event.spans, start=1):
        part = nodes[span.part.path]
        q.add(node, rg("part"), part)
        q.add(node, rg("textSpan"), add_span(q, f"{node.value}/span/{n}", part, span.start,
                                             span.end, span.text))
    return node


def _add_figure(q, figure: Figure, events: list[NamedNode],
                nodes: dict[tuple[str, ...], NamedNode]) -> None:
    part = nodes[figure.part.path]
    node = NamedNode(f"{part.value}/figure/{figure.order}")
    q.add(node, TYPE, rg("Figure"))
    q.add(node, TYPE, rg(FIGURE_CLASSES[figure.kind]))
    q.tagged(node, LABEL, figure.text)  # the document's words, in its language
    q.add(node, rg("value"), Literal(figure.value, datatype=NamedNode(
        XSD + ("integer" if figure.integer else "decimal"))))
    q.text(node, rg("counts"), figure.counts)
    if figure.qualifier:
        q.text(node, rg("qualifier"), figure.qualifier)
    if figure.unit:
        q.text(node, rg("unit"), figure.unit)
    if figure.kind == "money" and figure.unit:
        q.add(node, rg("currency"), NamedNode(EU_CURRENCY + figure.unit))
    if figure.out_of is not None:
        q.integer(node, rg("outOf"), figure.out_of)
    if figure.event is not None:
        q.add(node, rg("event"), events[figure.event])
    q.add(node, rg("part"), part)
    q.integer(node, rg("order"), figure.order)
    q.add(node, rg("textSpan"), add_span(q, node.value, part, figure.start, figure.end,
                                         figure.text))
