"""Legal references: the table of printed references -> (instrument, article, IRI) is the heart
of it; then the seed's and the corpus texts' references with their footnotes."""

from __future__ import annotations

import pytest

from resgraph.extract.legal import extract_legal_references
from resgraph.graph import Minter
from resgraph.graph.facts import reference_target
from resgraph.model import SourceText
from resgraph.parse.structure import parse_resolution
from resgraph.pipeline import build_one, parse_file

from conftest import SEED, corpus

TEU = "http://data.europa.eu/eli/treaty/teu_2016/art_{}/oj"
TFEU = "http://data.europa.eu/eli/treaty/tfeu_2016/art_{}/oj"
TEU_NAME = "Treaty on European Union"
TFEU_NAME = "Treaty on the Functioning of the European Union"
RULES = "Rules of Procedure of the European Parliament"
RULE = "https://w3id.org/resgraph/id/rules-of-procedure/rule/{}"


def _resolve(citation: str, footnote: str | None = None):
    """The references of a one-citation resolution, with graph-layer targets."""
    marker = "1" if footnote else ""
    lines = ["European Parliament resolution on references", "(2024/0001(RSP))",
             "The European Parliament,", f"– having regard to {citation}{marker},",
             "1. Instructs its President to forward this resolution to the Council."]
    if footnote:
        lines.append(f"1 {footnote}")
    resolution = parse_resolution(SourceText("t.txt", "\n".join(lines), "text/plain", "0" * 64))
    minter = Minter.for_resolution(resolution)
    return [(r.kind, r.instrument, r.article, reference_target(minter, r))
            for r in extract_legal_references(resolution)
            if getattr(r.part, "kind", "footnote") == "citation"]


CASES = [
    ("Articles 2, 3(5), 21, 24, 29 and 31 of the Treaty on European Union and Articles 10 and "
     "215 of the Treaty on the Functioning of the European Union",
     [("treaty-article", TEU_NAME, a, TEU.format(a.split("(")[0]))
      for a in ("2", "3(5)", "21", "24", "29", "31")]
     + [("treaty-article", TFEU_NAME, a, TFEU.format(a)) for a in ("10", "215")]),
    ("Articles 235(4) and 240(2) TFEU",
     [("treaty-article", TFEU_NAME, "235(4)", TFEU.format(235)),
      ("treaty-article", TFEU_NAME, "240(2)", TFEU.format(240))]),
    ("Article 294(2) and Article 87(2) of the Treaty on the Functioning of the European Union",
     [("treaty-article", TFEU_NAME, "294(2)", TFEU.format(294)),
      ("treaty-article", TFEU_NAME, "87(2)", TFEU.format(87))]),
    ("Article 15(1) of the Treaty on European Union (TEU)",
     [("treaty-article", TEU_NAME, "15(1)", TEU.format(15))]),
    ("Article 47 of the Charter of Fundamental Rights of the European Union",
     [("treaty-article", "Charter of Fundamental Rights of the European Union", "47",
       "http://data.europa.eu/eli/treaty/char_2012/oj")]),
    ("Regulation (EC) No 810/2009 of the European Parliament and of the Council",
     [("eu-act", "Regulation (EC) No 810/2009", None, "http://data.europa.eu/eli/reg/2009/810/oj")]),
    ("Directive (EU) 2018/2001",
     [("eu-act", "Directive (EU) 2018/2001", None, "http://data.europa.eu/eli/dir/2018/2001/oj")]),
    ("Regulation (EU) 2023/2667",
     [("eu-act", "Regulation (EU) 2023/2667", None,
       "http://data.europa.eu/eli/reg/2023/2667/oj")]),
    ("European Council Decision (EU) 2023/2061",
     [("eu-act", "Council Decision (EU) 2023/2061", None,
       "http://data.europa.eu/eli/dec/2023/2061/oj")]),
    ("Directive 2008/98/EC",
     [("eu-act", "Directive 2008/98/EC", None, "http://data.europa.eu/eli/dir/2008/98/oj")]),
    ("Commission Implementing Regulation (EU) 2022/996",
     [("eu-act", "Commission Implementing Regulation (EU) 2022/996", None,
       "http://data.europa.eu/eli/reg_impl/2022/996/oj")]),
    ("Regulation (EC) No 810/2009, and in particular Article 16(9) and Article 51a(6) thereof",
     [("eu-act", "Regulation (EC) No 810/2009", None, "http://data.europa.eu/eli/reg/2009/810/oj"),
      ("eu-act-article", "Regulation (EC) No 810/2009", "16(9)",
       "http://data.europa.eu/eli/reg/2009/810/oj"),
      ("eu-act-article", "Regulation (EC) No 810/2009", "51a(6)",
       "http://data.europa.eu/eli/reg/2009/810/oj")]),
    ("Article 28(6), second subparagraph, of Directive (EU) 2018/2001",
     [("eu-act-article", "Directive (EU) 2018/2001", "28(6)",
       "http://data.europa.eu/eli/dir/2018/2001/oj"),
      ("eu-act", "Directive (EU) 2018/2001", None, "http://data.europa.eu/eli/dir/2018/2001/oj")]),
    ("Rule 144(5) and 132(4) of its Rules of Procedure",
     [("rule-of-procedure", RULES, "Rule 144(5)", RULE.format(144)),
      ("rule-of-procedure", RULES, "Rule 132(4)", RULE.format(132))]),
    ("Rule 59 of its Rules of Procedure",
     [("rule-of-procedure", RULES, "Rule 59", RULE.format(59))]),
    ("the Universal Declaration of Human Rights",
     [("un-instrument", "Universal Declaration of Human Rights", None,
       "http://www.wikidata.org/entity/Q7813")]),
    ("the International Covenant on Civil and Political Rights",  # QID seen in two sources
     [("un-instrument", "International Covenant on Civil and Political Rights", None,
       "http://www.wikidata.org/entity/Q392119")]),
    ("the International Covenant on Economic, Social and Cultural Rights",  # seen once: none
     [("un-instrument", "International Covenant on Economic, Social and Cultural Rights", None,
       None)]),
    ("Article 405 of the Kazakh Criminal Code",
     [("national-law", "Kazakh Criminal Code", "405", None)]),
    ("the Commission proposal (COM(2021)0429)",
     [("commission-document", "COM(2021)0429", None, None)]),
    ("the report of the Committee on Budgetary Control (A9-0071/2024)",
     [("ep-report", "A9-0071/2024", None,
       "https://data.europarl.europa.eu/eli/dl/doc/A-9-2024-0071")]),
    ("the EU Global Human Rights Sanctions Regime",
     [("sanctions-regime", "EU Global Human Rights Sanctions Regime", None,
       "http://data.europa.eu/eli/reg/2020/1998/oj")]),
    ("the Geneva Conventions of 1949 and the Additional Protocols thereto and the Convention on "
     "the Prevention and Punishment of the Crime of Genocide",
     [("un-instrument", "Geneva Conventions of 12 August 1949", None,
       "http://www.wikidata.org/entity/Q133536"),
      ("un-instrument", "Additional Protocols to the Geneva Conventions", None, None),
      ("un-instrument", "Convention on the Prevention and Punishment of the Crime of Genocide",
       None, None)]),
    ("the Directive on cross-border healthcare and the Clinical Trials Regulation",
     [("eu-act", "Directive on cross-border healthcare", None, None),
      ("eu-act", "Clinical Trials Regulation", None, None)]),
    (f"Articles 4 and 9 of the {TFEU_NAME} (TFEU), in particular Article 168 thereof",
     [("treaty-article", TFEU_NAME, "4", TFEU.format(4)),
      ("treaty-article", TFEU_NAME, "9", TFEU.format(9)),
      ("treaty-article", TFEU_NAME, "168", TFEU.format(168))]),
    ("Article 106a of the Treaty establishing the European Atomic Energy Community",
     [("treaty-article", "Treaty establishing the European Atomic Energy Community", "106a",
       None)]),
    ("the General Data Protection Regulation (GDPR) and the Victims’ Rights Directive",
     [("eu-act", "General Data Protection Regulation", None, None),
      ("eu-act", "Victims’ Rights Directive", None, None)]),
    ("Regulation (EU) 2016/679 (General Data Protection Regulation)",
     [("eu-act", "Regulation (EU) 2016/679", None, "http://data.europa.eu/eli/reg/2016/679/oj")]),
    ("the ICC Pre-Trial Chamber’s Decision on the arrest warrants", []),
    # The 10th term's procedure numbers, as the 9th's.
    ("the Commission proposal to Parliament (C10-0123/2024)",
     [("interinstitutional-number", "C10-0123/2024", None, None)]),
    # Acts numbered before 1999 print two-digit years.
    ("Council Regulation (EC) No 1467/97 of 7 July 1997",
     [("eu-act", "Council Regulation (EC) No 1467/97", None,
       "http://data.europa.eu/eli/reg/1997/1467/oj")]),
    ("Directive 95/46/EC of the European Parliament and of the Council",
     [("eu-act", "Directive 95/46/EC", None, "http://data.europa.eu/eli/dir/1995/46/oj")]),
    # Consent and consultation articles, points named after the article.
    (f"Article 212 and Article 218(6), second subparagraph, point (a), of the {TFEU_NAME}",
     [("treaty-article", TFEU_NAME, "212", TFEU.format(212)),
      ("treaty-article", TFEU_NAME, "218(6)(a)", TFEU.format(218))]),
    (f"Article 294(2) and Article 82(1), points (b) and (d) of the {TFEU_NAME}",
     [("treaty-article", TFEU_NAME, "294(2)", TFEU.format(294)),
      ("treaty-article", TFEU_NAME, "82(1)(b)", TFEU.format(82)),
      ("treaty-article", TFEU_NAME, "82(1)(d)", TFEU.format(82))]),
    ("the Charter of Fundamental Rights of the European Union, in particular Article 35 thereof",
     [("treaty", "Charter of Fundamental Rights of the European Union", None,
       "http://data.europa.eu/eli/treaty/char_2012/oj"),
      ("treaty-article", "Charter of Fundamental Rights of the European Union", "35",
       "http://data.europa.eu/eli/treaty/char_2012/oj")]),
    # The OJ C series act by act, with its ELI; issue numbers of five digits since 2024.
    ("the notice in OJ C, C/2025/1022, 20.2.2025",
     [("official-journal", "Official Journal of the European Union, OJ C, C/2025/1022, "
       "20.2.2025", None, "http://data.europa.eu/eli/C/2025/1022/oj")]),
    ("OJ L 88, 4.4.2024, p. 1",
     [("official-journal", "Official Journal of the European Union, OJ L 88, 4.4.2024, p. 1",
       None, "http://publications.europa.eu/resource/oj/JOL_2024_00088_R")]),
]


@pytest.mark.parametrize(("printed", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_reference_table(printed: str, expected: list) -> None:
    assert _resolve(printed) == expected


def test_an_articles_paragraph_and_point_are_recorded_apart() -> None:
    from resgraph.extract.legal import _article_details

    assert _article_details("82(1)(b)") == (("paragraph", "1"), ("point", "b"))
    assert _article_details("218(6)(a)") == (("paragraph", "6"), ("point", "a"))
    assert _article_details("3(5)") == (("paragraph", "5"),)
    assert _article_details("21") == ()


def test_footnote_identifies_earlier_resolution() -> None:
    found = _resolve("its resolution of 11 February 2021 on the human rights situation",
                     "Texts adopted, P9_TA(2021)0056.")
    assert found == [("ep-resolution", "European Parliament resolution of 11 February 2021 on "
                      "the human rights situation", None,
                      "https://data.europarl.europa.eu/eli/dl/doc/TA-9-2021-0056")]


def test_oj_footnote_identifies_issue_and_act_keeps_its_eli() -> None:
    r = parse_file(corpus("B-9-2024-0216.txt"))
    refs = extract_legal_references(r)
    act = next(x for x in refs if getattr(x.part, "kind", "") == "citation" and x.kind == "eu-act")
    assert act.target == "http://data.europa.eu/eli/reg/2009/810/oj"
    assert act.footnote == 1
    assert ("publishedIn", "http://publications.europa.eu/resource/oj/JOL_2009_243_R") in (
        act.details)
    assert ("ojPage", "1") in act.details


@pytest.fixture(scope="module")
def seed_refs():
    return extract_legal_references(parse_file(SEED))


def test_seed_earlier_resolutions_each_with_its_footnote(seed_refs) -> None:
    earlier = [(dict(r.details)["date"], r.footnote, r.target) for r in seed_refs
               if r.kind == "ep-resolution"]
    assert earlier == [
        ("2021-02-11", 1, "https://data.europarl.europa.eu/eli/dl/doc/TA-9-2021-0056"),
        ("2019-03-14", 2, "http://publications.europa.eu/resource/oj/JOC_2021_023_R"),
        ("2013-04-18", 3, "http://publications.europa.eu/resource/oj/JOC_2016_045_R"),
        # OJ C 251 E and C 224 E are special editions with no confirmed IRI: kept as data
        ("2012-03-15", 4, None),
        ("2009-09-17", 5, None),
    ]


def test_seed_epca(seed_refs) -> None:
    epca = [r for r in seed_refs if r.kind == "agreement"]
    assert {r.target for r in epca} == {"http://data.europa.eu/eli/agree_internation/2016/123/oj"}
    first = epca[0]
    assert first.part.kind == "citation" and first.part.order == 2
    assert dict(first.details) == {"signedOn": "2015-12-21", "inForceFrom": "2020-03-01"}
    assert first.celex == "22016A0204(01)"


def test_seed_counts_and_graph_links(seed_built) -> None:
    refs = seed_built.facts.references
    assert sum(1 for r in refs if r.kind == "treaty-article") == 8
    assert sum(1 for r in refs if r.kind == "rule-of-procedure") == 2
    cites = {(q.subject.value, q.object.value) for q in seed_built.quads
             if q.predicate.value == "https://w3id.org/resgraph/ontology#cites"}
    base = "https://w3id.org/resgraph/id/2022-2505-RSP/joint-motion"
    assert (f"{base}/citation/4", TEU.format(21)) in cites
    assert (f"{base}/citation/10", RULE.format(144)) in cites
    assert (f"{base}/paragraph/16",
            "http://data.europa.eu/eli/agree_internation/2016/123/oj") in cites


@pytest.mark.parametrize(
    ("file", "kind", "article", "target"),
    [
        ("B-9-2024-0218.pdf", "treaty-article", "290", TFEU.format(290)),
        ("B-9-2024-0218.pdf", "eu-act-article", "35(7)", "http://data.europa.eu/eli/dir/2018/2001/oj"),
        ("A-9-2023-0004.pdf", "treaty-article", "294(3)", TFEU.format(294)),
        ("A-9-2023-0004.pdf", "rule-of-procedure", "Rule 59", None),
        ("A-9-2024-0071-motion.txt", "eu-act", None, "http://data.europa.eu/eli/dec/2023/2061/oj"),
        ("A-9-2024-0071-motion.txt", "treaty-article", "14(2)", TEU.format(14)),
    ],
)
def test_corpus_references(file, kind, article, target) -> None:
    refs = build_one(corpus(file)).facts.references
    assert any(r.kind == kind and r.article == article and r.target == target for r in refs)


def test_interinstitutional_agreement_shares_its_footnote_identity() -> None:
    refs = extract_legal_references(parse_file(corpus("B-9-2024-0218.txt")))
    iia = [r for r in refs if r.kind == "interinstitutional-agreement"]
    assert [r.part.label for r in iia] == ["F", "4"]
    assert {r.target for r in iia} == {"http://publications.europa.eu/resource/oj/JOL_2016_123_R"}


def test_other_agreements_are_found_and_left_unresolved() -> None:
    found = _resolve("the Association Agreement between the European Union and Georgia")
    assert found == [("agreement", "Association Agreement between the European Union and "
                      "Georgia", None, None)]
    # an EPCA with another country is not the EU-Kazakhstan EPCA
    found = _resolve("the Enhanced Partnership and Cooperation Agreement between the European "
                     "Union and the Kyrgyz Republic")
    assert found == [("agreement", "Enhanced Partnership and Cooperation Agreement between the "
                      "European Union and Kyrgyz Republic", None, None)]


def test_instruments_carry_their_treaty_series_numbers(tmp_path) -> None:
    """UNTS and CETS numbers, the Council of Europe's page of a convention, and a Wikidata
    entity seen only once as a candidate, never as the target."""
    path = tmp_path / "instruments.txt"
    path.write_text("\n".join([
        "European Parliament resolution on instruments", "(2024/0001(RSP))",
        "The European Parliament,",
        "– having regard to the European Convention on Human Rights,",
        "– having regard to the International Covenant on Economic, Social and Cultural Rights,",
        "– having regard to the Geneva Conventions of 1949,",
        "– having regard to the Optional Protocol to the Convention on the Rights of the Child on "
        "the involvement of children in armed conflict and the Convention on Cybercrime,",
        "1. Instructs its President to forward this resolution to the Council."]), "utf-8")
    built = build_one(path)
    rg = "https://w3id.org/resgraph/ontology#"
    by_ref: dict[str, dict[str, set[str]]] = {}
    for q in built.quads:
        by_ref.setdefault(q.subject.value, {}).setdefault(
            q.predicate.value.removeprefix(rg), set()).add(q.object.value)
    refs = {next(iter(p["instrumentName"])): p for p in by_ref.values() if "instrumentName" in p}
    echr = refs["European Convention on Human Rights"]
    assert echr["cetsNumber"] == {"005"} and echr["untsCitation"] == {"213 UNTS 221"}
    assert echr["http://www.w3.org/2000/01/rdf-schema#seeAlso"] == {
        "https://www.coe.int/en/web/conventions/full-list/-/conventions/treaty/005"}
    icescr = refs["International Covenant on Economic, Social and Cultural Rights"]
    assert icescr["untsRegistration"] == {"I-14531"} and "target" not in icescr
    assert icescr["wikidataCandidate"] == {"http://www.wikidata.org/entity/Q457862"}
    geneva = refs["Geneva Conventions of 12 August 1949"]
    assert geneva["target"] == {"http://www.wikidata.org/entity/Q133536"}
    assert geneva["untsCitation"] == {"75 UNTS 31", "75 UNTS 85", "75 UNTS 135", "75 UNTS 287"}
    # the protocol is not the Convention on the Rights of the Child its title contains
    assert "Convention on the Rights of the Child" not in refs
    assert refs["Optional Protocol to the Convention on the Rights of the Child on the "
                "involvement of children in armed conflict"]["untsCitation"] == {"2173 UNTS 222"}
    assert refs["Convention on Cybercrime"]["cetsNumber"] == {"185"}
