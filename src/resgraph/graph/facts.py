"""Facts -> quads: actors, mentions (Web Annotation), demands, and the SKOS concepts they use.

Actors have one IRI across the corpus, so that the same person or body named in two
resolutions is one node:
- well-known actors from the gazetteer, keyed by its id, which carries their authority
  identifiers (Publications Office country or corporate body, Wikidata): {base}entity/<id>;
- national bodies, keyed by body and country: {base}entity/<body>-of-<country>
  ("authorities-of-kazakhstan");
- actors found only in the text, keyed by their normalised name (given name first, lower
  case, ASCII letters and digits joined by hyphens: extract.actors.slug):
  {base}person/<name>, {base}organisation/<name>, {base}group/<name>, {base}office/<name>.
Mentions, demands, references, events and figures are facts of one resolution: they are
minted under their part, numbered in order there, never by character offsets (which a
cleanup rule may move).
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode

from resgraph.extract.demands import speech_acts
from resgraph.graph.events import add_events
from resgraph.graph.iri import Minter
from resgraph.graph.spans import add_span
from resgraph.graph.terms import LABEL, TYPE, oa, rg
from resgraph.model import Entity, Facts, LegalReference, Mention
from resgraph.vocab import CELLAR_CELEX, ORG, RDFS, SKOS, XSD

_DATE = NamedNode(XSD + "date")

WIKIDATA = "http://www.wikidata.org/entity/"

ENTITY_CLASSES = {
    "person": "Person",
    "organisation": "Organisation",
    "group": "Group",
    "office": "Office",
    "place": "Place",
}


def entity_iri(minter: Minter, key: str) -> str:
    kind, _, rest = key.partition(":")
    if kind == "gaz":
        return f"{minter.base}entity/{rest}"
    if kind == "national":
        body, _, country = rest.partition(":")
        return f"{minter.base}entity/{body}-of-{country}"
    return f"{minter.base}{kind}/{rest}"


def act_iri(act_id: str) -> NamedNode:
    return rg(f"act-{act_id}")


def add_facts(q, minter: Minter, facts: Facts, nodes: dict[tuple[str, ...], NamedNode]) -> None:
    """`q` is the builder's quad collector; `nodes` maps parts (by path) to their IRIs."""
    iris = {e.key: NamedNode(entity_iri(minter, e.key)) for e in facts.entities}
    for entity in facts.entities:
        _add_entity(q, entity, iris)
    numbers: dict[tuple[str, ...], int] = {}
    for mention in facts.mentions:
        numbers[mention.part.path] = numbers.get(mention.part.path, 0) + 1
        _add_mention(q, mention, iris[mention.entity], nodes[mention.part.path],
                     numbers[mention.part.path])
    used_acts = sorted({d.act for d in facts.demands})
    acts = speech_acts()
    for act_id in used_acts:
        act = acts[act_id]
        node = act_iri(act_id)
        q.add(node, TYPE, NamedNode(SKOS + "Concept"))
        q.add(node, TYPE, rg("SpeechAct"))
        q.add(node, NamedNode(SKOS + "prefLabel"), Literal(act.label, language="en"))
        q.add(node, NamedNode(SKOS + "inScheme"), rg("SpeechActs"))
        q.text(node, rg("actType"), act.type)
        if act.strength is not None:
            q.integer(node, rg("strength"), act.strength)
    add_references(q, minter, facts.references, nodes)
    add_events(q, facts, iris, nodes)
    for demand in facts.demands:
        part_node = nodes[demand.part.path]
        node = NamedNode(f"{part_node.value}/demand/{demand.order}")
        q.add(node, TYPE, rg("Demand"))
        q.add(node, rg("part"), part_node)
        q.integer(node, rg("order"), demand.order)
        q.add(node, rg("act"), act_iri(demand.act))
        q.text(node, rg("actAsPrinted"), demand.act_printed)
        q.add(node, rg("textSpan"), add_span(q, node.value, part_node, demand.start,
                                              demand.end, demand.text))
        q.text(node, rg("action"), demand.action)
        q.integer(node, rg("actionStart"), demand.action_start)
        q.integer(node, rg("actionEnd"), demand.action_end)
        if demand.inherited:
            q.add(node, rg("continues"), NamedNode(f"{part_node.value}/demand/{demand.order - 1}"))
        for key in demand.addressees:
            q.add(node, rg("addressee"), iris[key])
        for key in demand.targets:
            q.add(node, rg("concerns"), iris[key])
        q.add(node, LABEL, Literal(f"Paragraph {demand.part.label}, clause {demand.order}",
                                    language="en"))


_DATE_DETAILS = {"date": "date", "signedOn": "signedOn", "inForceFrom": "inForceFrom",
                 "ojDate": "ojDate"}
_TEXT_DETAILS = {"ojSeries": "ojSeries", "ojNumber": "ojNumber", "ojPage": "ojPage",
                 "ojActNumber": "ojActNumber", "paragraph": "paragraphNumber",
                 "point": "pointLetter", "untsCitation": "untsCitation",
                 "untsRegistration": "untsRegistration", "cetsNumber": "cetsNumber"}
_LINK_DETAILS = {"publishedIn": "publishedIn", "wikidataCandidate": "wikidataCandidate"}
# The Council of Europe Treaty Office's page of a treaty, by its CETS number.
COE_TREATY = "https://www.coe.int/en/web/conventions/full-list/-/conventions/treaty/"


def reference_target(minter: Minter, ref: LegalReference) -> str | None:
    """The canonical IRI: resolved by extraction, or resgraph's own for a Rule of Procedure
    (the EP publishes none; reference/linked-data.md)."""
    if ref.target:
        return ref.target
    rule = dict(ref.details).get("rule")
    return f"{minter.base}rules-of-procedure/rule/{rule}" if rule else None


def add_references(q, minter: Minter, references: tuple[LegalReference, ...],
                   nodes: dict[tuple[str, ...], NamedNode]) -> None:
    order: dict[tuple[str, ...], int] = {}
    for ref in references:
        part = nodes[ref.part.path]
        order[ref.part.path] = order.get(ref.part.path, 0) + 1
        iri = f"{part.value}/reference/{order[ref.part.path]}"
        node = NamedNode(iri)
        q.add(node, TYPE, rg("LegalReference"))
        q.add(node, rg("part"), part)
        q.integer(node, rg("order"), order[ref.part.path])
        q.text(node, rg("referenceKind"), ref.kind)
        q.text(node, rg("instrumentName"), ref.instrument)
        q.add(node, LABEL, Literal(ref.instrument + (f", {ref.article}" if ref.article else ""),
                                   language="en"))
        if ref.article:
            q.text(node, rg("article"), ref.article)
        target = reference_target(minter, ref)
        if target:
            q.add(node, rg("target"), NamedNode(target))
            q.add(part, rg("cites"), NamedNode(target))
        if ref.celex:
            q.text(node, rg("celex"), ref.celex)
            # The Cellar work of that CELEX number, where EUR-Lex's metadata lives.
            q.add(node, NamedNode(RDFS + "seeAlso"), NamedNode(cellar_iri(ref.celex)))
        for key, value in ref.details:
            if key in _DATE_DETAILS:
                q.add(node, rg(_DATE_DETAILS[key]), Literal(value, datatype=_DATE))
            elif key in _TEXT_DETAILS:
                q.text(node, rg(_TEXT_DETAILS[key]), value)
            elif key in _LINK_DETAILS:
                q.add(node, rg(_LINK_DETAILS[key]), NamedNode(value))
            if key == "cetsNumber":
                q.add(node, NamedNode(RDFS + "seeAlso"), NamedNode(COE_TREATY + value))
        if ref.footnote is not None:
            q.add(node, rg("footnote"), NamedNode(minter.part("footnote", str(ref.footnote))))
        q.add(node, rg("textSpan"), add_span(q, iri, part, ref.start, ref.end, ref.text))


def cellar_iri(celex: str) -> str:
    """The Cellar resource of a CELEX number, its parentheses percent-encoded as Cellar
    writes them (reference/linked-data.md): 22016A0204(01) -> …/celex/22016A0204%2801%29."""
    return CELLAR_CELEX + celex.replace("(", "%28").replace(")", "%29")


def _add_entity(q, entity: Entity, iris: dict[str, NamedNode]) -> None:
    node = iris[entity.key]
    q.add(node, TYPE, rg(ENTITY_CLASSES[entity.kind]))
    q.text(node, rg("name"), entity.name)
    q.add(node, LABEL, Literal(entity.name, language="en"))
    if entity.category:
        q.text(node, rg("category"), entity.category)
    if entity.role:
        q.text(node, rg("role"), entity.role)
    if entity.member_of and entity.member_of in iris:
        q.add(node, NamedNode(ORG + "memberOf"), iris[entity.member_of])
    if entity.wikidata:
        # Only QIDs the gazetteer marks as checked are published as identity; the others
        # stay candidates (reference/linked-data.md: never publish an unchecked identifier).
        prop = "wikidata" if entity.wikidata_checked else "wikidataCandidate"
        q.add(node, rg(prop), NamedNode(WIKIDATA + entity.wikidata))
        if entity.wikidata_checked:
            # stated as SKOS too: a consumer without RDFS inference reads no subproperty
            q.add(node, NamedNode(SKOS + "exactMatch"), NamedNode(WIKIDATA + entity.wikidata))
    if entity.odp:
        q.add(node, NamedNode(SKOS + "exactMatch"), NamedNode(entity.odp))
    if entity.authority:  # the EU's own identifier for it, which the EP's open data uses
        q.add(node, NamedNode(SKOS + "exactMatch"), NamedNode(entity.authority))
    if entity.geonames:  # a city's or region's GeoNames feature
        q.add(node, NamedNode(SKOS + "exactMatch"), NamedNode(entity.geonames))


def _add_mention(q, mention: Mention, entity: NamedNode, part: NamedNode, number: int) -> None:
    node = NamedNode(f"{part.value}/mention/{number}")
    q.add(node, TYPE, rg("Mention"))
    q.add(node, oa("motivatedBy"), oa("identifying"))
    q.add(node, oa("hasBody"), entity)
    q.add(node, oa("hasTarget"), add_span(q, node.value, part, mention.start, mention.end,
                                           mention.text))
