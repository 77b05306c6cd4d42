"""Every stored query, run on built graphs, with the rows a reader of the text expects."""

from __future__ import annotations

from pathlib import Path

import pytest

from resgraph.corpus import build_corpus
from resgraph.errors import QueryError
from resgraph.queries import bind, get_query, stored_queries
from resgraph.store import query_files, query_store
from resgraph.vocab import DEFAULT_BASE

from conftest import REPO, SEED, SEED_IRI, corpus

CONTRACT = {  # reference/competency-questions.md: names and columns are a public contract
    "resolutions": ("resolution", "title", "procedure", "procedureIri", "kind", "date"),
    "citations": ("resolution", "citation", "number", "text"),
    "recitals": ("resolution", "recital", "label", "text"),
    "paragraphs": ("resolution", "paragraph", "number", "text"),
    "footnotes": ("resolution", "footnote", "number", "text", "anchor"),
}
MOTION = "https://w3id.org/resgraph/id/2024-2686-DEA/B-9-2024-0216"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("out")
    build_corpus([SEED, corpus("B-9-2024-0216.pdf")], directory, base=DEFAULT_BASE,
                 formats=["nquads"], jobs=1)
    return directory


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory) -> Path:
    """The seed alone: what runs without the shared folder."""
    directory = tmp_path_factory.mktemp("seed-out")
    build_corpus([SEED], directory, base=DEFAULT_BASE, formats=["nquads"], jobs=1)
    return directory


def run(out: Path, name: str, **params: str):
    text = bind(get_query(name), params)
    from_files = query_files([out / "resgraph.nq"], text)
    from_store = query_store(out / "store", text)
    assert from_files == from_store  # the same answer from memory and from disk
    return from_files


def rows(result) -> list[dict[str, str | None]]:
    return [dict(zip(result.columns, r, strict=True)) for r in result.rows]


def test_every_contract_query_is_shipped_with_a_header() -> None:
    queries = stored_queries()
    assert set(CONTRACT) <= set(queries)
    # questions across resolutions aggregate over them: a resolution parameter means nothing
    across = {"repeated-demands", "persons-across"}
    for name, q in queries.items():
        assert q.text.startswith("# title:"), name
        assert q.description and ("resolution" in q.parameters or name in across), name


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_columns_follow_the_contract(out: Path, name: str) -> None:
    result = run(out, name)
    assert result.columns == CONTRACT[name]
    assert result.rows
    for row in rows(result):
        for column, value in row.items():
            if column != "date":
                assert value, (name, column)
        assert row["resolution"] in (SEED_IRI, MOTION)


def test_resolutions(out: Path) -> None:
    assert rows(run(out, "resolutions")) == [
        {"resolution": SEED_IRI,
         "title": "European Parliament resolution on the situation in Kazakhstan",
         "procedure": "2022/2505(RSP)",
         "procedureIri": "https://data.europarl.europa.eu/eli/dl/proc/2022-2505",
         "kind": "joint motion for a resolution", "date": None},
        {"resolution": MOTION,
         "title": "European Parliament resolution on the Commission delegated regulation of "
                  "14 March 2024 amending Regulation (EC) No 810/2009 as regards the amount of "
                  "the visa fees",
         "procedure": "2024/2686(DEA)",
         "procedureIri": "https://data.europarl.europa.eu/eli/dl/proc/2024-2686",
         "kind": "motion for a resolution", "date": "2024-04-09"},
    ]


def test_citations_in_document_order(seed_out: Path) -> None:
    found = rows(run(seed_out, "citations", resolution=SEED_IRI))
    assert [r["number"] for r in found] == [str(i) for i in range(1, 11)]
    assert found[9]["text"] == "having regard to Rule 144(5) and 132(4) of its Rules of Procedure,"
    assert found[0]["citation"] == f"{SEED_IRI}/citation/1"
    # no footnote markers in text columns: '20192' is printed 2019 plus footnote 2
    assert "14 March 2019, 18 April 2013" in found[0]["text"]


def test_recitals(seed_out: Path) -> None:
    found = rows(run(seed_out, "recitals", resolution=SEED_IRI))
    assert [r["label"] for r in found] == list("ABCDEFGHIJKLMNOPQR")
    assert found[4]["text"].endswith(
        "were shot dead by the military in Taldykorgan on 8 January 2022;")


def test_paragraphs(out: Path) -> None:
    found = rows(run(out, "paragraphs", resolution=MOTION))
    assert found == [
        {"resolution": MOTION, "paragraph": f"{MOTION}/paragraph/1", "number": "1",
         "text": "Objects to the Commission delegated regulation;"},
        {"resolution": MOTION, "paragraph": f"{MOTION}/paragraph/2", "number": "2",
         "text": "Instructs its President to forward this resolution to the Commission and to "
                 "notify it that the delegated regulation cannot enter into force;"},
        {"resolution": MOTION, "paragraph": f"{MOTION}/paragraph/3", "number": "3",
         "text": "Instructs its President to forward this resolution to the Council and to the "
                 "governments and parliaments of the Member States."},
    ]


def test_footnotes_with_anchors(out: Path) -> None:
    found = rows(run(out, "footnotes", resolution=MOTION))
    assert [(r["number"], r["anchor"]) for r in found] == [
        ("1", f"{MOTION}/citation/3"), ("2", f"{MOTION}/recital/A"), ("3", f"{MOTION}/recital/I")
    ]
    assert found[2]["text"] == (
        "FTE means full-time equivalent (one person assigned at 100 % to a task equals 1 FTE).")


def test_unknown_query_and_parameter() -> None:
    with pytest.raises(QueryError, match="no stored query 'nope'"):
        get_query("nope")
    with pytest.raises(QueryError, match="has no parameter 'colour'"):
        bind(get_query("paragraphs"), {"colour": "red"})


def test_queries_directory_is_the_one_shipped() -> None:
    assert {p.stem for p in (REPO / "queries").glob("*.rq")} == set(stored_queries())


def test_parameters_are_bound_inside_the_graph_block_and_the_graph_before_it() -> None:
    """Oxigraph joins a VALUES inside GRAPH first, and reads one graph when it is named before
    the block; a trailing VALUES it applies last (issue 12)."""
    from resgraph.queries import bind, get_query

    text = bind(get_query("demands"), {"resolution": "https://w3id.org/resgraph/id/x",
                                       "limit": "10", "offset": "20"})
    assert ("  VALUES (?g) { (<https://w3id.org/resgraph/id/x/graph>) }\n  GRAPH ?g {\n"
            "    VALUES (?resolution) { (<https://w3id.org/resgraph/id/x>) }\n") in text
    assert text.endswith("ORDER BY ?resolution ?partOrder ?order ?addresseeName\n"
                         "LIMIT 10\nOFFSET 20\n")


def test_paging_takes_whole_numbers_only() -> None:
    from resgraph.errors import QueryError
    from resgraph.queries import bind, get_query

    with pytest.raises(QueryError, match=r"^limit='ten': expected a whole number of rows"):
        bind(get_query("demands"), {"limit": "ten"})
