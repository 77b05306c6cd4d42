"""Web Annotation text spans: where in a part's text a fact was read."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from resgraph.graph.terms import TYPE, oa


def add_span(q, base: str, part: NamedNode, start: int, end: int, exact: str) -> NamedNode:
    """A Web Annotation specific resource: the part, a position and a quote selector."""
    target = NamedNode(base + "/target")
    position, quote = NamedNode(base + "/position"), NamedNode(base + "/quote")
    q.add(target, TYPE, oa("SpecificResource"))
    q.add(target, oa("hasSource"), part)
    q.add(target, oa("hasSelector"), position)
    q.add(target, oa("hasSelector"), quote)
    q.add(position, TYPE, oa("TextPositionSelector"))
    q.integer(position, oa("start"), start)
    q.integer(position, oa("end"), end)
    q.add(quote, TYPE, oa("TextQuoteSelector"))
    q.add(quote, oa("exact"), Literal(exact))
    return target
