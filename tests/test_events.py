"""Events, dates and figures: what the seed and the corpus say happened, and the numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from resgraph.cli import main
from resgraph.dates import YearContext, find_dates
from resgraph.extract.events import event_types
from resgraph.extract.figures import find_figures, number_value
from resgraph.pipeline import build_one

from conftest import REPO, SEED, SEED_IRI, corpus, seed_with

XSD = "http://www.w3.org/2001/XMLSchema#"
RG = "https://w3id.org/resgraph/ontology#"


@pytest.fixture(scope="module")
def seed_facts(seed_built):
    facts = seed_built.facts
    names = {e.key: e.name for e in facts.entities}
    return facts, names


def _event(facts, names, type_id: str, date: str | None):
    found = [e for e in facts.events if e.type == type_id and e.date == date]
    assert len(found) == 1, [(e.type, e.date, e.label) for e in facts.events]
    return found[0]


# --- the seed's events ---------------------------------------------------------------------------


def test_protests_began_on_2_january_in_zhanaozen(seed_facts) -> None:
    facts, names = seed_facts
    protest = _event(facts, names, "protest", "2022-01-02")
    assert names[protest.place] == "Zhanaozen"
    assert (protest.part.kind, protest.part.label) == ("recital", "A")
    assert protest.trigger == "protesting" and not protest.background


def test_year_less_day_takes_its_year_from_context(seed_facts) -> None:
    """'on 5 January President ... declared a nationwide state of emergency' follows
    '5 January 2022' earlier in the text."""
    facts, names = seed_facts
    emergency = _event(facts, names, "state-of-emergency", "2022-01-05")
    assert emergency.date_text == "5 January"
    assert [(names[k], role) for k, role in emergency.participants] == [
        ("Kassym-Jomart Tokayev", "actor")]
    deployment = _event(facts, names, "deployment", "2022-01-06")
    assert deployment.date_text == "6 January"
    assert names[deployment.place] == "Kazakhstan"
    assert ("Collective Security Treaty Organization", "actor") in [
        (names[k], r) for k, r in deployment.participants]


def test_a_repeated_day_month_takes_the_year_printed_with_it(seed_facts) -> None:
    """Paragraph 19's 'his declaration of 8 January' is the VP/HR declaration of 8 January
    2022 (citation 6), not 2021 (the year of the last full date before it, '11 January 2021'):
    one event, stated in both places."""
    facts, names = seed_facts
    declaration = _event(facts, names, "statement", "2022-01-08")
    assert [(s.part.kind, s.part.label or str(s.part.order)) for s in declaration.spans] == [
        ("citation", "6"), ("paragraph", "19")]
    assert not any(e.date == "2021-01-08" for e in facts.events)


def test_relative_date_is_resolved_from_its_anchor(seed_facts) -> None:
    facts, names = seed_facts
    ban = _event(facts, names, "trade-measure", "2022-01-12")
    assert ban.date_text == "a day after President Tokayev’s January 11 announcement"
    assert ban.date_role == "relative"
    assert [names[k] for k, _ in ban.participants] == ["Government of Russia"]


def test_killings_in_taldykorgan_with_their_victims(seed_facts) -> None:
    facts, names = seed_facts
    killing = _event(facts, names, "killing", "2022-01-08")
    assert names[killing.place] == "Taldykorgan"
    assert [(names[k], r) for k, r in killing.participants] == [
        ("Nurbolat Seitkulov", "affected"), ("Altynai Yetayeva", "affected")]


def test_past_events_are_marked_as_background(seed_facts) -> None:
    facts, names = seed_facts
    massacre = _event(facts, names, "killing", "2011")
    assert massacre.label == "the 2011 Zhanaozen massacre"
    assert massacre.background and names[massacre.place] == "Zhanaozen"
    assert _event(facts, names, "protest", "2011").background
    assert _event(facts, names, "agreement-signed", "2015-12-21").background
    # the month of the current protests is not background
    rallies = _event(facts, names, "protest", "2022-01")
    assert rallies.label == "the January 2022 rallies" and not rallies.background


def test_citation_3_gives_three_meetings(seed_facts) -> None:
    facts, _ = seed_facts
    meetings = [(e.date, e.end_date, e.label) for e in facts.events
                if e.part.kind == "citation" and e.part.order == 3]
    assert meetings == [
        ("2021-05-10", None,
         "the 18th meeting of the EU-Kazakhstan Cooperation Council of 10 May 2021"),
        ("2021-12-02", "2021-12-03",
         "the 13th EU-Kazakhstan Human Rights Dialogue meeting held on 2 and 3 December 2021"),
        ("2021-10-11", None, "the 18th meeting of the EU-Kazakhstan Parliamentary Cooperation "
                             "Committee held on 11 October 2021"),
    ]


def test_epca_signed_and_in_force(seed_facts) -> None:
    facts, names = seed_facts
    signed = _event(facts, names, "agreement-signed", "2015-12-21")
    assert names[signed.place] == "Astana"
    in_force = _event(facts, names, "agreement-in-force", "2020-03-01")
    assert [(s.part.kind, s.part.label or str(s.part.order)) for s in in_force.spans] == [
        ("citation", "2"), ("recital", "R")]


def test_deadlines_and_purpose_clauses_are_not_events(seed_facts) -> None:
    facts, _ = seed_facts
    # "the full withdrawal of CSTO forces from the country by 23 January 2022"
    assert not any(e.date == "2022-01-23" for e in facts.events)
    # "in order to ..." (paragraphs 7, 11, 24) is no order; only the 'shoot to kill' order is
    assert [e.date for e in facts.events if e.type == "order"] == ["2022-01-07"]
    # directive clauses ask, they do not report: a paragraph's event comes from an expressive
    # clause ("Recalls the recently approved ... Sanctions Regime", "Notes President Tokayev’s
    # announcement"); the VP/HR's declaration in paragraph 19 is citation 6's, stated again
    assert sorted({e.part.label for e in facts.events
                   if e.part.kind == "paragraph"}) == ["23", "24"]


def test_counted_subjects_and_passives_make_undated_events(seed_facts) -> None:
    """A count that is the subject of a violent or repressive trigger, or such a trigger in
    the passive ("have been detained or harassed", "was shot"), or a trigger in the past
    tense right after a named actor ("President Tokayev accused"), or a statement or visit
    owned by an actor ("President Tokayev’s announcement", "the visit ... by the EU Special
    Representative"), is an undated event."""
    facts, _ = seed_facts
    undated = [(e.part.label, e.type, e.trigger) for e in facts.events if e.date is None]
    assert undated == [
        ("E", "detention", "detained"), ("E", "killing", "killed"),
        ("E", "killing", "shot dead"),
        ("F", "communications-restriction", "internet blackout"),
        ("L", "detention", "detained"), ("L", "persecution", "harassed"),
        ("M", "sentencing", "convicted"),
        ("M", "meeting", "visit"), ("N", "statement", "accused"),
        ("N", "persecution", "harassment"),
        ("O", "detention", "pre-trial detention"), ("O", "injury", "shot"),
        ("P", "statement", "declarations"), ("P", "agreement-signed", "signed"),
        ("23", "legal-act", "approved"), ("24", "statement", "announcement"),
    ]
    isenova = next(e for e in facts.events if e.trigger == "shot" and e.part.label == "O")
    assert isenova.label.startswith("human rights defender Aliya Isenova was shot in the arm")
    assert len(facts.events) == 45


def test_an_elaboration_in_the_same_clause_is_the_same_event(seed_facts) -> None:
    """"13 activists ... have been convicted, including the political prisoners Kairat
    Klyshev, ..., who were sentenced to five years": one sentencing, read from both spans,
    with the persons the second names."""
    facts, _ = seed_facts
    (sentencing,) = [e for e in facts.events if e.type == "sentencing"]
    assert [s.part.text[s.start : s.end].split()[-1] for s in sentencing.spans] == [
        "convicted", "Rights"]
    assert {("person:kairat-klyshev", "affected"), ("person:abai-begimbetov", "affected"),
            ("organisation:koshe-partiyasy", "affected")} <= set(sentencing.participants)


def test_a_by_phrase_names_its_agent_among_others(seed_facts) -> None:
    """"a memorandum signed by the penitentiary system of Kazakhstan and human rights
    defender Elena Semenova": the first actor of the by-phrase is enough."""
    facts, _ = seed_facts
    (signed,) = [e for e in facts.events if e.type == "agreement-signed" and e.date is None]
    assert signed.label == ("a memorandum signed by the penitentiary system of Kazakhstan and "
                            "human rights defender Elena Semenova")
    assert ("person:elena-semenova", "actor") in signed.participants


def test_coordinated_nouns_and_their_relative_clause_share_a_date(seed_facts) -> None:
    """"the arrests, intimidation and torture of civil activists ... that began during the
    January 2022 rallies": three events of January 2022 beside the rallies."""
    facts, _ = seed_facts
    recital_e = [(e.type, e.trigger, e.date) for e in facts.events
                 if e.part.label == "E" and e.date == "2022-01"]
    assert recital_e == [("protest", "rallies", "2022-01"), ("detention", "arrests", "2022-01"),
                         ("persecution", "intimidation", "2022-01"),
                         ("torture", "torture", "2022-01")]


def test_coordination_stops_at_a_word_that_is_no_trigger(tmp_path) -> None:
    assert _events_of_recital_a(
        tmp_path, "whereas on 4 January 2022 the arrests and beatings of protesters began; "
                  "whereas the deaths, dismissals and torture of workers that began during "
                  "the 2021 strike continue") == [
        ("detention", "arrests"), ("protest", "strike"), ("torture", "torture")]


def test_a_legal_act_is_made_by_its_participle_or_by_the_act_before_it(tmp_path) -> None:
    assert _events_of_recital_a(
        tmp_path, "whereas the newly adopted Regulation (EU) 2023/2667 applies; whereas "
                  "under Directive (EU) 2019/1937 new duties were introduced; whereas with "
                  "Regulation (EU) 2020/1998 new fees could be introduced") == [
        ("legal-act", "adopted"), ("legal-act", "introduced")]


def _events_of_recital_a(tmp_path: Path, recital: str) -> list[tuple[str, str]]:
    """(type, trigger) of the events of the seed with its recital A replaced."""
    path = seed_with(tmp_path / "recital-a.txt", start="A. whereas on 2 January 2022",
                     end="B. whereas the human rights", by=f"A. {recital};\n\n")
    return [(e.type, e.trigger) for e in build_one(path).facts.events if e.part.label == "A"]


def test_a_modal_or_a_negation_states_no_event(tmp_path) -> None:
    assert _events_of_recital_a(tmp_path, "whereas journalists may be arrested at any time; "
                                          "whereas the lawyer was not detained") == []


# --- the seed's figures --------------------------------------------------------------------------

SEED_FIGURES = [
    # text, value, qualifier, counts, kind, type of the event it belongs to
    ("18th meeting", "18", None, "meeting", "ordinal", "meeting"),
    ("13th EU-Kazakhstan Human Rights Dialogue meeting", "13", None,
     "EU-Kazakhstan Human Rights Dialogue meeting", "ordinal", "meeting"),
    ("over 60 cities", "60", "over", "cities", "count", "protest"),
    ("at least 206 cases of political persecution", "206", "at least",
     "cases of political persecution", "count", "persecution"),
    ("nearly 10 000 people", "10000", "nearly", "people", "count", "detention"),
    ("at least 225 people", "225", "at least", "people", "count", "killing"),
    ("19 law enforcement officers", "19", None, "law enforcement officers", "count", None),
    ("at least 12 others", "12", "at least", "others", "count", "killing"),
    ("five-day", "5", None, "days", "count", "communications-restriction"),
    ("155th out of 180 countries", "155", None, "countries", "rank", None),
    ("13 activists", "13", None, "activists", "count", "sentencing"),
    ("five years imprisonment", "5", None, "years imprisonment", "count", "sentencing"),
    ("more than 25 years", "25", "more than", "years", "count", None),
    ("around 20 000", "20000", "around", "numbers", "count", None),
    ("two weeks of rallies", "2", None, "weeks of rallies", "count", None),
]


def test_seed_figures(seed_facts) -> None:
    facts, _ = seed_facts
    got = [(f.text, f.value, f.qualifier, f.counts, f.kind,
            facts.events[f.event].type if f.event is not None else None)
           for f in facts.figures]
    assert [g for g in got if g[0] != "18th meeting"] == [
        f for f in SEED_FIGURES if f[0] != "18th meeting"]
    assert sum(1 for g in got if g[0] == "18th meeting") == 2
    rank = next(f for f in facts.figures if f.kind == "rank")
    assert rank.out_of == 180
    # numbers that name things are not figures
    texts = " | ".join(f.text for f in facts.figures)
    for naming in ("144", "405", "2021", "15-year-old", "29 and"):
        assert naming not in texts


# --- the corpus ----------------------------------------------------------------------------------


def test_visa_fee_motion_figures_and_dates() -> None:
    facts = build_one(corpus("B-9-2024-0216.txt")).facts
    got = [(f.text, f.value, f.qualifier, f.counts, f.unit, f.kind) for f in facts.figures]
    assert got == [
        ("up to EUR 76.6 million", "76600000", "up to", "EUR", "EUR", "money"),
        ("up to EUR 521.6 million", "521600000", "up to", "EUR", "EUR", "money"),
        ("up to EUR 3.3 million", "3300000", "up to", "EUR", "EUR", "money"),
        ("up to 576 FTEs", "576", "up to", "FTEs", None, "count"),
        ("EUR 20", "20", None, "EUR", "EUR", "money"),
    ]
    # "with Regulation (EU) 2023/2667 a new visa fee of EUR 20 was introduced": an act made,
    # undated, holding its figure
    assert [(e.type, e.date) for e in facts.events] == [("legal-act", "2023-11-22"),
                                                        ("legal-act", None)]
    assert [f.event for f in facts.figures] == [None, None, None, None, 1]


def test_text_and_pdf_give_the_same_events_and_figures() -> None:
    def summary(path: Path):
        facts = build_one(path).facts
        return ([(e.type, e.date, e.end_date, e.label) for e in facts.events],
                [(f.value, f.counts, f.kind) for f in facts.figures])

    for stem in ("B-9-2024-0216", "A-9-2024-0071"):
        text = corpus(f"{stem}.txt" if stem.startswith("B") else f"{stem}-motion.txt")
        assert summary(text) == summary(corpus(f"{stem}.pdf"))


def test_council_discharge_figures_and_events() -> None:
    facts = build_one(corpus("A-9-2024-0071-motion.txt")).facts
    names = {e.key: e.name for e in facts.entities}
    by_text = {f.text: f for f in facts.figures}
    assert (by_text["EUR 11,6 billion"].value, by_text["EUR 11,6 billion"].integer) == (
        "11600000000", True)
    assert (by_text["5,9 %"].value, by_text["5,9 %"].integer, by_text["5,9 %"].unit) == (
        "5.9", False, "percent")
    assert by_text["EUR 611 473 556"].value == "611473556"
    assert (by_text["3 029 posts"].value, by_text["3 029 posts"].counts) == ("3029", "posts")
    assert by_text["more than 24,5 million visits"].value == "24500000"
    events = [(e.type, e.date, e.label) for e in facts.events]
    assert ("court-ruling", "2023-01-25", "its judgment of 25 January 2023") in events
    assert ("meeting", "2023-10-25", "the hearing which was arranged for 25 October 2023") in events
    ruling = next(e for e in facts.events if e.type == "court-ruling")
    assert [names[k] for k, _ in ruling.participants] == ["General Court"]
    # tallies by year are not events: "official meetings in 2022", "42 contracts were signed"
    assert not any(e.date and len(e.date) == 4 for e in facts.events)


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("on 2 January 2022", [("2022-01-02", None, "on")]),
    ("held on 2 and 3 December 2021", [("2021-12-02", "2021-12-03", "on")]),
    ("from 2 to 27 March 2015", [("2015-03-02", "2015-03-27", "on")]),
    ("from 30 January to 2 February 2015", [("2015-01-30", "2015-02-02", "on")]),
    ("the January 2022 rallies", [("2022-01", None, "on")]),
    ("a protest took place in 2011", [("2011", None, "on")]),
    ("the 2011 Zhanaozen massacre", [("2011", None, "on")]),
    ("withdrawal by 23 January 2022", [("2022-01-23", None, "deadline")]),
    ("as of 4 January 2022 the authorities", [("2022-01-04", None, "start")]),
    ("on 31 February 2021", [(None, None, "on")]),  # no such day: never a guess
    ("two weeks after 1 March 2020", [("2020-03-15", None, "relative")]),
    ("a day after the March 2020 summit", [(None, None, "relative")]),  # anchor not a day
    ("Article 21, Regulation (EU) 2023/2667 and the period 2025-2029", []),
])
def test_find_dates(text: str, expected: list) -> None:
    found = find_dates(text, YearContext())
    assert [(d.value, d.end_value, d.role) for d in found] == expected


def test_year_context_without_any_full_date_gives_no_date() -> None:
    context = YearContext()
    assert [d.value for d in find_dates("on 5 January the President", context)] == [None]
    find_dates("on 2 January 2022 protests began", context)
    assert [d.value for d in find_dates("on 5 January", context)] == ["2022-01-05"]


# --- figures -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "scale", "expected"), [
    ("10 000", None, ("10000", True)),
    ("10\u00a0000", None, ("10000", True)),
    ("10,000", None, ("10000", True)),
    ("611 473 556", None, ("611473556", True)),
    ("76.6", "million", ("76600000", True)),
    ("11,6", "billion", ("11600000000", True)),
    ("5,9", None, ("5.9", False)),
])
def test_number_value(number: str, scale: str | None, expected: tuple) -> None:
    assert number_value(number, scale) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("around 20 000 demonstrators were", [("20000", "around", "demonstrators", "count")]),
    ("nearly 10\u00a0000 people", [("10000", "nearly", "people", "count")]),
    ("over 1,500 prisoners", [("1500", "over", "prisoners", "count")]),
    ("a rise of 12 % in arrests", [("12", None, "percent", "percentage")]),
    ("ranked 155th out of 180 countries", [("155", None, "countries", "rank")]),
    ("EUR 2 million for victims", [("2000000", None, "EUR", "money")]),
    ("Articles 2, 3(5), 21, 24, 29 and 31 of", []),
    ("Rule 144(5) and 132(4) of its", []),
    ("their 15-year-old daughter", []),
    ("in the period 2025-2029", []),
    ("Regulation (EU) 2023/2667 was adopted", []),
])
def test_find_figures(text: str, expected: list) -> None:
    got = find_figures(text, 0, len(text), [])
    assert [(f.value, f.qualifier, f.counts, f.kind) for f in got] == expected


# --- graph, ontology, timeline -------------------------------------------------------------------


def test_event_dates_are_typed_as_precisely_as_the_text(seed_built) -> None:
    dates = {(q.subject.value, q.object.value, q.object.datatype.value)
             for q in seed_built.quads if q.predicate.value == RG + "eventDate"}
    assert (f"{SEED_IRI}/recital/C/event/2", "2011", XSD + "gYear") in dates
    assert (f"{SEED_IRI}/recital/E/event/3", "2022-01", XSD + "gYearMonth") in dates
    assert (f"{SEED_IRI}/recital/A/event/1", "2022-01-02", XSD + "date") in dates


def test_every_event_type_is_a_concept_of_the_ontology() -> None:
    import rdflib

    g = rdflib.Graph().parse(REPO / "ontology" / "resgraph.ttl")
    skos = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
    scheme = rdflib.URIRef(RG + "EventTypes")
    in_ontology = {str(c).removeprefix(RG + "event-"): str(g.value(c, skos.prefLabel))
                   for c in g.subjects(skos.inScheme, scheme)}
    assert in_ontology == {t.id: t.label for t in event_types().values()}


def test_timeline_svg(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(SEED), "-o", str(out)]).exit_code == 0
    svg = tmp_path / "kazakhstan.svg"
    result = runner.invoke(main, ["timeline", "--store", str(out / "store"), "-o", str(svg)])
    assert result.exit_code == 0, result.output
    assert "45 events (29 dated)" in result.output
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    marks = [m for m in root.iter() if "mark" in (m.get("class") or "").split()]
    assert len(marks) == 45 + 19  # one a row, one a type in the legend (19 types)
    texts = ["".join(t.itertext()) for t in root.iter(ns + "text")]
    assert "2 Jan 2022" in texts and "2–3 Dec 2021" in texts and "2011" in texts
    assert "protest · Zhanaozen" in texts
    assert "… 4 years later" in texts  # the axis is broken where years are left out
    # the same data draws the same picture
    again = tmp_path / "again.svg"
    runner.invoke(main, ["timeline", "--store", str(out / "store"), "-o", str(again)])
    assert again.read_bytes() == svg.read_bytes()


def test_timeline_marks_are_colour_blind_safe_and_the_same_in_every_timeline() -> None:
    """Okabe-Ito's eight colours, then the same colours in the next shape; a type's mark is
    fixed by its place among all the event types, not by the others present."""
    from resgraph.extract.events import event_types
    from resgraph.timeline import PALETTE, marks

    known = [kind.label for kind in event_types().values()]
    assert len(known) == 23 and len(PALETTE) == 8
    every = marks(known, known)
    assert len(set(every.values())) == 23  # no two types alike
    assert {shape for _, shape in every.values()} == {"circle", "square", "triangle"}
    assert marks(["killing"], known)["killing"] == marks(known[:5], known)["killing"] \
        == every["killing"]
    # a type the knowledge base does not have comes after all it has
    assert marks(["a type nobody knows"], known)["a type nobody knows"] == (PALETTE[23 % 8],
                                                                            "triangle")


def test_timeline_titles_and_labels_that_run_long_end_in_an_ellipsis() -> None:
    import xml.etree.ElementTree as ET

    from resgraph.timeline import TimelineEvent, timeline_svg

    title = "European Parliament resolution " + "on a very long matter " * 20
    label = "an event whose words go on " * 30
    svg = timeline_svg(title, [TimelineEvent(label, "protest", "2022-01-02", None, None)],
                       ["protest"])
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    spans = ["".join(t.itertext()) for t in root.iter(ns + "tspan")]
    title_lines = spans[:2]
    assert len(title_lines[1]) <= 120 and title_lines[1].endswith("…")
    label_lines = [s for s in spans if s.lower().startswith(("an event", "go on", "words"))
                   or "event whose" in s]
    assert label_lines and label_lines[-1].endswith("…")
    assert all(len(line) <= 110 for line in spans[2:])


def test_timeline_bad_requests_are_one_line_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    runner.invoke(main, ["build", str(SEED), str(corpus("B-9-2024-0216.txt")), "-o", str(out)])
    png = tmp_path / "t.png"
    result = runner.invoke(main, ["timeline", "--store", str(out / "store"), "-o", str(png)])
    assert result.exit_code == 2 and not png.exists()
    assert result.output.count("\n") == 1 and "SVG" in result.output
    svg = tmp_path / "t.svg"
    result = runner.invoke(main, ["timeline", "--store", str(out / "store"), "-o", str(svg)])
    assert result.exit_code == 2 and not svg.exists()
    assert "several resolutions" in result.output and SEED_IRI in result.output
    result = runner.invoke(main, ["timeline", SEED_IRI, "--store", str(out / "store"),
                                  "-o", str(svg)])
    assert result.exit_code == 0 and svg.exists()


def test_a_deportation_with_its_count_and_start(tmp_path) -> None:
    # One more clause at the end of recital A, before its closing semicolon.
    path = seed_with(tmp_path / "deported.txt", start=";\n\nB. whereas the human rights",
                     end="\nB. whereas the human rights",
                     by="; whereas around 20 000 Ukrainian children have been forcibly "
                        "deported to Russia since February 2022;\n")
    facts = build_one(path).facts
    event = next(e for e in facts.events if e.type == "deportation")
    assert (event.part.label, event.date, event.date_role) == ("A", "2022-02", "start")
    figure = next(f for f in facts.figures if f.value == "20000")
    assert (figure.counts, figure.qualifier) == ("Ukrainian children", "around")
    assert facts.events[figure.event] is event


@pytest.mark.parametrize("recital", [
    "whereas nobody was detained during the rally",
    "whereas no arrests have been reported",
    "whereas none of the perpetrators have been sentenced",
    "whereas the agreement should be signed by the Member States",
    "whereas on 5 May 2023 the authorities restricted freedom of opinion",
    "whereas the Council concluded that the situation had worsened",
])
def test_negations_modals_and_look_alikes_state_no_event(recital, tmp_path) -> None:
    assert _events_of_recital_a(tmp_path, recital) == []


def test_what_is_reported_is_the_last_trigger_before_it(tmp_path) -> None:
    assert _events_of_recital_a(tmp_path, "whereas despite the state of emergency, a rise in "
                                          "torture has been reported") == [("torture", "torture")]


def test_a_label_cut_down_to_its_verb_keeps_what_the_event_is_about(seed_built) -> None:
    """A long event is cut to the comma-delimited stretch holding its trigger; when that
    stretch begins with the verb, the event's first words lead the label, the cut marked,
    so that a timeline row says what was signed."""
    labels = {e.label for e in seed_built.facts.events}
    assert ("the Enhanced Partnership and Cooperation Agreement … signed in Astana on "
            "21 December 2015") in labels
    # up to the first comma: "the Russian Government, citing the spread of ..."
    assert any(label.startswith("the Russian Government … imposed a ban") for label in labels)
    assert "the 2011 Zhanaozen massacre" in labels  # a noun phrase keeps its own words


def test_a_span_that_begins_with_its_verb_is_led_by_its_clause_subject(seed_built) -> None:
    """A span opening on a relative pronoun ("which entered into full force") or an
    auxiliary ("has been placed") takes the first words of its clause, up to a comma."""
    labels = {e.label for e in seed_built.facts.events}
    assert ("the Enhanced Partnership and Cooperation Agreement … entered into full force on "
            "1 March 2020") in labels
    assert any(label.startswith("human rights defender Raigul Sadyrbayeva … has been placed in "
                                "pre-trial detention") for label in labels)


@pytest.mark.parametrize(("text", "span", "trigger", "expected"), [
    # after a date opening the label, a lower-case word with the past ending is its verb
    ("Notes that the services, on request, on 28 September 2023 forwarded a questionnaire",
     "on 28 September 2023 forwarded a questionnaire", "questionnaire",
     "the services … on 28 September 2023 forwarded a questionnaire"),
    # a capitalised name is the subject, not a verb
    ("whereas in the capital, on 3 January 2022 United Nations experts denounced arrests",
     "on 3 January 2022 United Nations experts denounced arrests", "denounced",
     "on 3 January 2022 United Nations experts denounced arrests"),
    # without a date first, a word with the past ending may be an adjective
    ("whereas the media reported, alleged torture of detainees", "alleged torture of detainees",
     "torture", "alleged torture of detainees"),
    ("whereas the agreement, which entered into force on 1 March 2020",
     "which entered into force on 1 March 2020", "entered into force",
     "the agreement … entered into force on 1 March 2020"),
])
def test_which_labels_are_led_by_their_clause_subject(text, span, trigger, expected) -> None:
    from resgraph.extract.events import _label, _Trigger, cues_for
    from resgraph.lang import en

    cues = cues_for(en.events)
    start = text.index(span)
    dates = find_dates(text, YearContext())
    date = next((d for d in dates if start <= d.start), None)
    at = text.index(trigger)
    assert _label(cues, text, start, len(text), _Trigger(at, at + len(trigger), "x"),
                  date) == expected


def test_a_label_opening_on_its_date_and_verb_names_the_subject_after_that() -> None:
    """"Notes that X, on behalf of Y, on DATE forwarded ...": the label is led by X, the
    words after the subordinator and before the first comma."""
    labels = [e.label for e in build_one(corpus("A-9-2024-0071-motion.txt")).facts.events]
    assert any(label.startswith("the relevant Parliament services … on 28 September 2023 "
                                "forwarded a questionnaire") for label in labels), labels
