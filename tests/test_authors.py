"""Who drew a document up, and which motions a joint motion replaces: read from the cover or the
web page's header, they are the document's contributors and never persons its text names.

The expected contributors of every corpus document were written, by reading each cover, into
tests/gold/structure.json (keys "authors", "rapporteurs", "replaces") and, for the files that
file does not annotate, tests/gold/contributors.json, before resgraph read them. No corpus
document is a joint motion: the replaced motions are tested on hand-written covers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resgraph import shared
from resgraph.model import Contributor
from resgraph.parse import parse_resolution
from resgraph.parse.authors import contributors, replaced_motions
from resgraph.pipeline import build_one
from resgraph.serialize import serialize
from resgraph.text import read_source
from resgraph.validate import validate_files

from conftest import REPO, SEED, SHARED, corpus, triples_of

GOLD_DIR = REPO / "tests" / "gold"
STRUCTURE = json.loads((GOLD_DIR / "structure.json").read_text("utf-8"))
OTHERS = json.loads((GOLD_DIR / "contributors.json").read_text("utf-8"))["files"]
GOLD = {**STRUCTURE, **OTHERS}

RG = "https://w3id.org/resgraph/ontology#"
DCTERMS = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ROLE = "http://publications.europa.eu/resource/authority/role/"
ODP_DOC = "https://data.europarl.europa.eu/eli/dl/doc/"


def _on_behalf(c: Contributor) -> str | None:
    return c.group or c.committee


# --- the corpus, against the gold ----------------------------------------------------------


def test_the_two_gold_files_annotate_every_corpus_document_once() -> None:
    corpus("B-9-2020-0220_EN.html")  # skips (or fails under CI) without the shared folder
    files = {p.name for suffix in (".txt", ".pdf", ".html")
             for p in shared.corpus_files(SHARED, suffix)}
    assert not set(STRUCTURE) & set(OTHERS)
    assert set(GOLD) == files
    assert all({"authors", "rapporteurs", "replaces"} <= set(GOLD[name]) for name in GOLD)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_contributors_are_those_the_cover_names(name: str) -> None:
    gold = GOLD[name]
    meta = parse_resolution(read_source(corpus(name))).metadata
    authors = [c for c in meta.contributors if c.role == "author"]
    rapporteurs = [c for c in meta.contributors if c.role == "rapporteur"]
    assert len(meta.contributors) == len(gold["authors"]) + len(gold["rapporteurs"])
    assert [[c.name, _on_behalf(c)] for c in authors] == gold["authors"]
    assert [[c.name, c.committee] for c in rapporteurs] == gold["rapporteurs"]
    assert all(c.group is None for c in rapporteurs)
    assert list(meta.replaces) == gold["replaces"]


def test_a_motion_by_a_group_and_one_by_a_committee() -> None:
    """The group is printed as "the Verts/ALE Group" or "the Greens/EFA group"; a committee's
    motion is tabled by its chair on behalf of the committee, with no group."""
    (petra,) = parse_resolution(read_source(corpus("B-9-2020-0220_EN.html"))).metadata.contributors
    assert petra == Contributor("Petra De Sutter", "author", group="Verts/ALE")
    (chair,) = parse_resolution(read_source(corpus("B-9-2024-0216.pdf"))).metadata.contributors
    assert chair == Contributor("Juan Fernando López Aguilar", "author",
                                committee="Committee on Civil Liberties, Justice and Home Affairs")


def test_rapporteurs_of_a_joint_committee_report_have_no_committee() -> None:
    """Two committees above "Rapporteurs:", and a note glued to the last name by the PDF."""
    meta = parse_resolution(read_source(corpus("A-9-2023-0180.pdf"))).metadata
    assert meta.contributors == (Contributor("Nils Ušakovs", "rapporteur"),
                                 Contributor("Monika Hohlmeier", "rapporteur"))


# --- the graph -----------------------------------------------------------------------------


def test_an_author_is_a_contributor_of_the_document_and_no_person_it_names() -> None:
    built = build_one(corpus("B-9-2020-0220_EN.html"))
    doc = "https://w3id.org/resgraph/id/2020-2691-RSP/B-9-2020-0220"
    node = f"{doc}/contributor/petra-de-sutter"
    triples = triples_of(built.quads)
    assert {
        (doc, DCTERMS + "contributor", node),
        (node, RDF_TYPE, RG + "Contributor"),
        (node, RDF_TYPE, FOAF + "Person"),
        (node, FOAF + "name", "Petra De Sutter"),
        (node, RDFS_LABEL, "Petra De Sutter"),
        (node, RG + "contributorRole", ROLE + "AUT"),
        (node, RG + "politicalGroup", "Verts/ALE"),
    } <= triples
    assert [o for s, p, o in triples if p == DCTERMS + "contributor"] == [node]
    assert (node, RDF_TYPE, RG + "Person") not in triples
    assert not [e for e in built.facts.entities if "Sutter" in e.name]
    assert not [t for t in triples if t[1] == RG + "name" and "Sutter" in t[2]]


def test_a_rapporteur_is_a_contributor_with_the_rapporteur_role() -> None:
    built = build_one(corpus("A-9-2024-0163_EN.html"))
    doc = "https://w3id.org/resgraph/id/2024-2006-REG/decision"
    node = f"{doc}/contributor/gabriele-bischoff"
    assert {
        (doc, DCTERMS + "contributor", node),
        (node, FOAF + "name", "Gabriele Bischoff"),
        (node, RG + "contributorRole", ROLE + "RAPP"),
        (node, RG + "committee", "Committee on Constitutional Affairs"),
    } <= triples_of(built.quads)


def test_the_seed_names_no_contributor(seed) -> None:
    """The seed starts at its title: no cover, so its golden graph is unchanged."""
    assert seed.clean.front_matter == ""
    assert (seed.metadata.contributors, seed.metadata.replaces) == ((), ())


# --- joint motions: hand-written covers ---------------------------------------------------

# A joint motion's cover as the EP prints it (the names are invented, the numbers term 10's).
JOINT_COVER = """European Parliament
2024-2029
Plenary sitting
RC-B10-0249/2025
9.4.2025
JOINT MOTION FOR A RESOLUTION
pursuant to Rules 150(5) and 136(4) of the Rules of Procedure
to replace the motions by the following groups:
B10-0249/2025 (Renew)
B10-0251/2025 (PPE)
B10-0252/2025 (S&D)
on an invented subject
(2025/2600(RSP))
Anna Example, Jan de Vries, Lluís Exemple i Puig,
Marie-Claire d'Ancona
on behalf of the PPE Group
Ana Exemplo
on behalf of the S&D Group
Bea Beispiel, Cecilia Exempel, on behalf of the Renew Group
Dora Esimerkki
on behalf of The Left Group
RC-B10-0249/2025"""


def test_a_joint_motion_lists_the_motions_it_replaces() -> None:
    assert replaced_motions(JOINT_COVER) == ("B10-0249/2025", "B10-0251/2025", "B10-0252/2025")


@pytest.mark.parametrize("listing", [
    "replacing the following motions:\nB9-0065/2022 (Renew)\nB9-0072/2022 (Verts/ALE)\n"
    "on the situation",
    "to replace the motions by the following\ngroups:\nRenew (B9-0065/2022)\n"
    "Verts/ALE (B9-0072/2022)\non the situation",
    "replacing the following motions: B9-0065/2022 (Renew), B9-0072/2022 (Verts/ALE)\n"
    "on the situation\nB9-0099/2022",
])
def test_replaced_motions_in_every_printed_layout(listing: str) -> None:
    assert replaced_motions(f"JOINT MOTION FOR A RESOLUTION\n{listing}") == \
        ("B9-0065/2022", "B9-0072/2022")


def test_a_joint_motion_number_or_a_see_also_is_no_replaced_motion() -> None:
    header = "B9-0220/2020\nSee also joint motion for a resolution\nRC-B9-0216/2020\nB9-0220/2020"
    assert replaced_motions(header) == ()
    assert replaced_motions("replacing the following motions:\nRC-B9-0065/2022") == ()


def test_authors_of_a_joint_motion_by_group() -> None:
    assert [(c.name, c.group) for c in contributors(JOINT_COVER)] == [
        ("Anna Example", "PPE"), ("Jan de Vries", "PPE"), ("Lluís Exemple i Puig", "PPE"),
        ("Marie-Claire d'Ancona", "PPE"), ("Ana Exemplo", "S&D"), ("Bea Beispiel", "Renew"),
        ("Cecilia Exempel", "Renew"), ("Dora Esimerkki", "The Left"),
    ]
    assert {c.role for c in contributors(JOINT_COVER)} == {"author"}


@pytest.mark.parametrize(("front", "expected"), [
    # A committee's name printed over two lines.
    ("Someone Example\non behalf of the Committee on Civil Liberties, Justice and\nHome Affairs",
     [Contributor("Someone Example", "author",
                  committee="Committee on Civil Liberties, Justice and Home Affairs")]),
    # Not names: the line above is the title; an annex title; an opinion's rapporteur.
    ("on the situation in Kazakhstan\non behalf of the PPE Group", []),
    ("ANNEX: ENTITIES OR PERSONS FROM WHOM THE RAPPORTEUR HAS RECEIVED INPUT", []),
    ("Rapporteur for the opinion: Anna Example", []),
    # A text before the resolution (a report's proposal for a decision) is no cover.
    ("Rapporteur: Anna Example\nThe European Parliament,\n– having regard to the statement of"
     "\nJan de Vries\non behalf of the Council,",
     [Contributor("Anna Example", "rapporteur")]),
    # Co-rapporteurs joined by "and", one committee above them.
    ("(2025/0001(COD))\nCommittee on Budgets\nCo-rapporteurs: Anna Example and Jan de Vries",
     [Contributor("Anna Example", "rapporteur", committee="Committee on Budgets"),
      Contributor("Jan de Vries", "rapporteur", committee="Committee on Budgets")]),
])
def test_contributor_rules(front: str, expected: list[Contributor]) -> None:
    assert list(contributors(front)) == expected


# The five motions reference/linked-data.md says the seed's joint motion replaced; the names
# are invented.
SEED_COVER = """European Parliament
2019-2024
Plenary sitting
RC-B9-0065/2022
19.1.2022
JOINT MOTION FOR A RESOLUTION
pursuant to Rules 144(5) and 132(4) of the Rules of Procedure
replacing the following motions:
B9-0065/2022
B9-0072/2022
B9-0074/2022
B9-0077/2022
B9-0079/2022
on the situation in Kazakhstan
(2022/2505(RSP))
Anna Example, Jan de Vries
on behalf of the PPE Group
Bea Beispiel
on behalf of the Renew Group
RC-B9-0065/2022
"""


def test_a_joint_motion_graph_replaces_the_motions_and_conforms(seed_built,
                                                                tmp_path: Path) -> None:
    path = tmp_path / "joint-motion.txt"
    path.write_text(SEED_COVER + SEED.read_text("utf-8").lstrip(), encoding="utf-8")
    built = build_one(path)
    meta = built.resolution.metadata
    assert (meta.kind, meta.document_number) == ("joint-motion", "RC-B9-0065/2022")
    doc = "https://w3id.org/resgraph/id/2022-2505-RSP/RC-9-2022-0065"
    triples = triples_of(built.quads)
    assert {o for s, p, o in triples if (s, p) == (doc, DCTERMS + "replaces")} == {
        ODP_DOC + f"B-9-2022-{n}" for n in ("0065", "0072", "0074", "0077", "0079")}
    names = {o for s, p, o in triples if p == FOAF + "name"}
    assert names == {"Anna Example", "Jan de Vries", "Bea Beispiel"}
    # The cover adds no person, mention or actor: the extract layer reads the parts only.
    persons = sorted(e.name for e in built.facts.entities if e.kind == "person")
    assert persons == sorted(e.name for e in seed_built.facts.entities if e.kind == "person")
    assert len(built.facts.mentions) == len(seed_built.facts.mentions)
    out = tmp_path / "g.nq"
    out.write_bytes(serialize(built.quads, "nquads"))
    report = validate_files([out])
    assert report.violations == ()


def test_shapes_reject_a_contributor_named_as_a_person(tmp_path: Path) -> None:
    built = build_one(corpus("B-9-2020-0220_EN.html"))
    doc = "https://w3id.org/resgraph/id/2020-2691-RSP/B-9-2020-0220"
    graph = f"<{doc}/graph>"
    extra = [
        f"<{doc}/contributor/petra-de-sutter> <{RDF_TYPE}> <{RG}Person> {graph} .",
        f"<{doc}> <{DCTERMS}replaces> <https://example.org/motion> {graph} .",
    ]
    out = tmp_path / "broken.nq"
    out.write_text(serialize(built.quads, "nquads").decode("utf-8") + "\n".join(extra) + "\n",
                   encoding="utf-8")
    report = validate_files([out])
    assert {(v.shape, v.path) for v in report.violations} >= {
        ("rgsh:ContributorShape", None), ("rgsh:ResolutionShape", "dcterms:replaces")}
