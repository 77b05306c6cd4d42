"""Resolution -> legal references, resolved to canonical identifiers where one exists.

Treaty articles are expanded one reference per article ("Articles 2, 3(5) and 21 of the
Treaty on European Union" is three), EU acts get their ELI and CELEX from their number,
earlier EP resolutions take the identifier their footnote gives (texts adopted number or
Official Journal issue), Official Journal references become OJ issue IRIs, Rules of Procedure
get resgraph's own IRIs. A reference nothing identifies is kept with its text and instrument
name and no target: never a guessed IRI.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from resgraph import dates
from resgraph.dates import MONTH_PATTERN
from resgraph.kb.data import read as read_knowledge
from resgraph.kb.table import Table
from resgraph.model import Footnote, LegalReference, Part, Resolution
from resgraph.numbers import (
    COMMISSION_DOCUMENT,
    EP_DOCUMENT_PARTS,
    INTERINSTITUTIONAL,
    TEXT_ADOPTED_PARTS,
    odp_document_id,
)
from resgraph.patterns import alternatives

DATE = r"\d{1,2} (?:" + MONTH_PATTERN + r") \d{4}"
ART = r"\d+[a-z]?(?:\(\d+[a-z]?\))?(?:\([a-z]\))?(?: to \(\d+\))?"
_SUBPARAGRAPH = (r"(?:,? (?:first|second|third|fourth|fifth)(?: and (?:first|second|third|fourth|"
                 r"fifth))? (?:subparagraphs?|paragraphs?),?)?")
# "Article 82(1), points (b) and (d)", "Article 218(6), second subparagraph, point (a),"
_POINTS = r"(?:,? points? \([a-z]\)(?:(?:, |,? and )\([a-z]\))*,?)?"
_ART_LIST = (rf"Articles? {ART}{_SUBPARAGRAPH}{_POINTS}(?:(?: |, |,? and |,? or )(?:Articles? )?"
             rf"{ART}{_SUBPARAGRAPH}{_POINTS})*")

OJ_ISSUE = "http://publications.europa.eu/resource/oj/JO{series}_{year}_{number}_R"
OJ_ACT_ELI = "http://data.europa.eu/eli/{series}/{year}/{number}/oj"  # act by act, since 10.2023
ODP_DOC = "https://data.europarl.europa.eu/eli/dl/doc/"
ELI = "http://data.europa.eu/eli/"
WIKIDATA = "http://www.wikidata.org/entity/"

_ACT = re.compile(
    r"(?P<issuer>(?:Commission|Council|European Parliament and Council) )?"
    r"(?P<sub>Delegated |Implementing |delegated |implementing )?"
    r"(?P<type>Regulation|Directive|Decision)s? "
    r"(?:(?:\((?P<dom1>EU|EC|EEC|EU, Euratom|Euratom|CFSP)\) "
    r"(?:No (?P<num1>\d+)/(?P<year1>\d{4}|\d{2}(?!\d))|(?P<year2>\d{4})/(?P<num2>\d+)))"
    r"|(?:No )?(?P<year3>\d{4}|\d{2})/(?P<num3>\d+)/(?P<dom3>EC|EEC|EU|JHA|CFSP)"
    r"|No (?P<num4>\d+)/(?P<year4>\d{4})/(?P<dom4>EC|EEC|EU|JHA|CFSP))"
)
# "Article 16(9) ... thereof", "Annex IX to that Directive", "Article 28(6) of <act>"
_ACT_PARTS = re.compile(
    rf"(?P<list>{_ART_LIST}|Annex [IVXL]+|recital \d+|point \d+){_SUBPARAGRAPH} "
    r"(?P<rel>thereof|(?:of|to) (?:that|this) (?:Regulation|Directive|Decision)|(?:of|to) )"
)
_IN_PARTICULAR = re.compile(rf",? (?:and )?in particular (?P<list>{_ART_LIST}) thereof")
# Short titles: "Clinical Trials Regulation", "Public Procurement Directive" (capitalised words
# before the type) and "Directive on cross-border healthcare", "Decision on serious
# cross-border threats to health" (the type, then "on" and a lower-case topic).
_ACT_BY_TITLE = re.compile(
    r"(?<![\w’'-])(?:the |The )?(?:(?:[A-Z][a-z][\w’'-]*|EU) ){1,4}(?:Regulation|Directive)"
    r"(?![\w-])(?! \((?:EU|EC|EEC|EU, Euratom|Euratom|CFSP)\)| \d| No )"
    r"|(?<![\w-])(?:the |The )?(?:Regulation|Directive|Decision) on (?:the )?[a-z][\w-]*"
    r"(?: (?:[a-z][\w-]*|of|to|and|in|for|the)){0,6}?(?= \(|,|;|\.| which| that| and (?:the|to)|$)"
)
# A numbered act just before a bracketed short title names the same act.
_NUMBERED_ACT_BEFORE = re.compile(r"(?:\d{2,4}/\d+(?:/[A-Z]+)?|No \d+/\d{2,4}) \($")
# Words that make a capitalised run something else: the issuer of a numbered act ("Council
# Regulation (EU) ..." is read above), a procedure word, a proposal ("a proposal for a
# Regulation"), a sentence opening.
_ACT_TITLE_NOT = re.compile(
    r"^(?:Council|Commission|Implementing|Delegated|European Parliament|Parliament|Proposal|"
    r"Draft|This|That|Such|Any|A|An|Its|Their|Whereas|Calls|Welcomes|Notes|Stresses|"
    r"Regulation|Directive|Decision)\b(?! on)"
    r"|^EU (?:Regulation|Directive)$"  # "an EU Regulation": no title at all
)
_ACT_CONTINUED = re.compile(
    r"(?:, |,? and )(?P<item>\((?:EU|EC|EEC|EU, Euratom|Euratom)\) "
    r"(?:No (?P<num1>\d+)/(?P<year1>\d{4})|(?P<year2>\d{4})/(?P<num2>\d+)))"
)
_ELI_IN_TEXT = re.compile(r"ELI: (?P<eli>http://data\.europa\.eu/eli/[^\s)]+)")
_OJ = re.compile(
    r"OJ (?P<series>[LC])(?: (?P<number>\d+)(?: (?P<edition>[A-Z]))?)?,"
    r"(?: (?P<new>(?:[LC]/)?\d{4}/\d+),)? (?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})"
    r"(?:, p\. (?P<page>\d+))?"
)
_TEXTS_ADOPTED = TEXT_ADOPTED_PARTS
_EP_RESOLUTION = re.compile(
    r"(?:its|Parliament’s|the European Parliament’s|European Parliament) (?:previous |earlier )?"
    r"resolutions?(?P<topic1> on [^;,]+?)?"
    rf" of (?P<dates>{DATE}(?:(?:, |,? and ){DATE})*)"
    r"(?P<topic2> on [^;]+?)?(?=,|;|\.|$| and )"
)
_RULES = re.compile(
    r"Rules? (?P<list>\d+(?:\(\d+\))?(?:(?:, |,? and )\d+(?:\(\d+\))?)*)"
    r"(?P<annex> of and Annex [IVXL]+ to)? of (?:its|the) Rules of Procedure"
)
_COMMISSION_DOC = re.compile(COMMISSION_DOCUMENT)
_EP_DOC = EP_DOCUMENT_PARTS
_INTERINSTITUTIONAL = re.compile(rf"\b{INTERINSTITUTIONAL}\b")
_COUNCIL_CONCLUSIONS = re.compile(rf"Council conclusions of (?P<date>{DATE})(?P<topic> on [^,;]+)?")
_IIA = re.compile(
    rf"Interinstitutional Agreement of (?P<date>{DATE})(?P<topic> (?:on|between) [^,;(]+?)?"
    r"(?=,|;|\.|$| and | is )"
)
_CASE = re.compile(r"\bCase (?P<case>[CTF]-\d+/\d{2})\b")
_NATIONAL_CODE = re.compile(
    r"Article (?P<article>\d+[a-z]?) of the (?P<dem>[A-Z][\w-]+) "
    r"(?P<code>Criminal|Penal|Civil|Administrative|Labour|Electoral) Code"
)
_NATIONAL_LAW = re.compile(r"\bthe (?P<name>law on [a-z][a-z ]+?)(?= in order| to |,|;|\.|$)")
# Agreements named by type, with whichever country the text gives; a known one (the EU-Kazakhstan
# EPCA) is matched from instruments.json first and resolved there.
_AGREEMENT = re.compile(
    r"(?P<name>(?:(?:Enhanced |Comprehensive and Enhanced )?Partnership and Cooperation|"
    r"Stabilisation and Association|Association|Trade and Cooperation|Free Trade|"
    r"Readmission|Visa Facilitation|Framework) Agreement)"
    r"(?: between the (?:European Union|EU)(?: and its Member States)?(?:, of the one part,)?"
    r" and (?:the )?(?P<party>[A-Z][\w ]+?)(?=,|;|\.| which| signed| of the other part|$))?"
)
_SIGNED = re.compile(rf"signed (?:in [A-Z][\w-]+ )?on (?P<date>{DATE})")
_IN_FORCE = re.compile(rf"entered into (?:full )?force on (?P<date>{DATE})")


@dataclass(frozen=True)
class Instrument:
    id: str
    kind: str
    label: str
    aliases: tuple[str, ...]
    party: str | None
    eli: str | None
    article_eli: str | None
    celex: str | None
    wikidata: str | None
    wikidata_checked: bool
    unts: tuple[str, ...] = ()  # United Nations Treaty Series citations ("999 UNTS 171")
    unts_registration: str | None = None  # the UN Secretariat's registration ("I-14668")
    cets: str | None = None  # Council of Europe Treaty Series number ("005")

    def identifiers(self) -> tuple[tuple[str, str], ...]:
        """The instrument's identifiers beside its target, as a reference's details: its
        treaty-series numbers, and a Wikidata entity seen only once (a lead, never a
        target)."""
        out = [("untsCitation", c) for c in self.unts]
        if self.unts_registration:
            out.append(("untsRegistration", self.unts_registration))
        if self.cets:
            out.append(("cetsNumber", self.cets))
        if self.wikidata and not self.wikidata_checked:
            out.append(("wikidataCandidate", WIKIDATA + self.wikidata))
        return tuple(out)


@dataclass(frozen=True, eq=False)
class Instruments(Table[Instrument]):
    """The named instruments by id, with the patterns that find them in a text: their names,
    articles cited by an instrument's name ("Article 21 of the TEU"), and "the Charter ...,
    in particular Article 35 thereof"."""

    by_alias: dict[str, str]  # name as printed -> id
    named: re.Pattern[str]
    articles: re.Pattern[str]
    in_particular: re.Pattern[str]


@lru_cache(maxsize=1)
def instruments() -> Instruments:
    """The instruments of resgraph/data/instruments.json and their patterns."""
    data = read_knowledge("instruments.json")
    items = {
        i["id"]: Instrument(
            i["id"], i["kind"], i["label"], tuple(i["aliases"]), i.get("party"), i.get("eli"),
            i.get("articleEli"), i.get("celex"), i.get("wikidata"),
            bool(i.get("wikidataChecked")), tuple(i.get("unts") or ()),
            i.get("untsRegistration"), i.get("cets"),
        )
        for i in data["instruments"]
    }
    by_alias = {a: i.id for i in items.values() for a in i.aliases}
    # the names of the instruments whose articles are cited by name, longest first
    holders = "|".join(re.escape(a) for a in sorted(by_alias, key=len, reverse=True)
                       if items[by_alias[a]].kind != "rules-of-procedure")
    return Instruments(
        items, by_alias,
        named=re.compile(r"(?<![\w-])(?:" + alternatives(by_alias) + r")(?![\w-])"),
        # "Article(s) ... of the <named instrument>" and "Articles ... TFEU"
        articles=re.compile(rf"(?P<list>{_ART_LIST}|Title [IVXL]+) (?:of (?:the )?)?"
                            rf"(?P<name>{holders})(?![\w-])(?: \((?:TEU|TFEU)\))?"),
        # "the Charter ..., in particular Article 35 thereof": the instrument named first
        in_particular=re.compile(rf"(?P<name2>{holders})(?![\w-])(?: \((?:TEU|TFEU)\))?,? "
                                 rf"(?:and )?in particular (?P<list2>{_ART_LIST}) thereof"),
    )


def iso_date(text: str) -> str:
    """'11 February 2021' -> '2021-02-11'."""
    return dates.iso_date(*text.split())


def _articles(listing: str) -> list[str]:
    """The articles of a printed list, one per point where points are named:
    "Article 294(2) and Article 82(1), points (b) and (d)" -> 294(2), 82(1)(b), 82(1)(d)."""
    text = listing.replace("Articles", "").replace("Article", "")
    found = list(re.finditer(ART, text))
    articles: list[str] = []
    for i, m in enumerate(found):
        after = text[m.end() : found[i + 1].start() if i + 1 < len(found) else len(text)]
        points = re.search(r"points? ((?:\([a-z]\)(?:, |,? and )?)+)", after)
        if points:
            articles.extend(f"{m.group(0)}({p})" for p in re.findall(r"\(([a-z])\)",
                                                                     points.group(1)))
        else:
            articles.append(m.group(0))
    return articles


def _article_reference(part: Part | Footnote, start: int, end: int, inst: Instrument,
                       article: str) -> LegalReference:
    """An article of a named instrument: the article's ELI where the instrument has an
    article pattern, a treaty article's CELEX, and the paragraph and point printed."""
    number = _article_number(article)
    target = inst.article_eli.format(article=number) if inst.article_eli else inst.eli
    celex = inst.celex and (f"{inst.celex}{int(number.rstrip('abcdefgh')):03d}"
                            if inst.kind == "treaty" else inst.celex)
    return LegalReference(part, start, end, f"{inst.kind}-article", inst.label, article, target,
                          celex, _article_details(article))


def _article_details(article: str) -> tuple[tuple[str, str], ...]:
    """The paragraph and point of an article as printed: "82(1)(b)" -> paragraph 1, point b."""
    m = re.fullmatch(r"\d+[a-z]?(?:\((?P<paragraph>\d+[a-z]?)\))?(?:\((?P<point>[a-z])\))?"
                     r"(?: to \(\d+\))?", article)
    if not m:
        return ()
    return tuple((key, m.group(key)) for key in ("paragraph", "point") if m.group(key))


def _article_number(article: str) -> str:
    m = re.match(r"\d+[a-z]?", article)
    assert m is not None  # an article or rule number as printed starts with its digits
    return m.group(0)


def act_identifiers(m: re.Match[str]) -> tuple[str, str, str, str | None, str | None]:
    """(label, ELI type, year, number, CELEX) of an EU act number."""
    type_ = m.group("type")
    year = full_year(m.group("year1") or m.group("year2") or m.group("year3")
                     or m.group("year4"))
    number = m.group("num1") or m.group("num2") or m.group("num3") or m.group("num4")
    eli, celex = act_iri(type_, (m.group("sub") or "").strip().lower(), year, number)
    label = re.sub(r"\s+", " ", m.group(0))
    # "Regulations (EC) No 767/2008" in a list names one regulation
    label = re.sub(r"^(.*?)(Regulation|Directive|Decision)s ", r"\1\2 ", label)
    return label, eli, year, number, celex


def full_year(year: str) -> str:
    """Acts numbered before 1999 print two-digit years ("No 1467/97", "95/46/EC"); the
    series began in 1952 (ECSC), so 52-99 are 19xx and the rest 20xx."""
    if len(year) == 2:
        return ("19" if int(year) >= 52 else "20") + year
    return year


def act_iri(type_: str, sub: str, year: str, number: str) -> tuple[str, str]:
    """ELI and CELEX of an EU act: ("Regulation", "", "2009", "810") ->
    (http://data.europa.eu/eli/reg/2009/810/oj, 32009R0810)."""
    eli_type = {"Regulation": "reg", "Directive": "dir", "Decision": "dec"}[type_]
    if sub:
        eli_type += {"delegated": "_del", "implementing": "_impl"}[sub]
    celex_type = {"Regulation": "R", "Directive": "L", "Decision": "D"}[type_]
    return f"{ELI}{eli_type}/{year}/{int(number)}/oj", f"3{year}{celex_type}{int(number):04d}"


class _Finder:
    def __init__(self, resolution: Resolution, instruments: Instruments) -> None:
        self.resolution = resolution
        self.instruments = instruments
        self.refs: list[LegalReference] = []
        title = resolution.title.text
        self.context = title + " " + " ".join(c.text for c in resolution.citations)

    def add(self, ref: LegalReference) -> None:
        self.refs.append(ref)

    def run(self) -> tuple[LegalReference, ...]:
        r = self.resolution
        for part in (r.title, *r.citations, *r.recitals, *r.paragraphs):
            self.scan(part)
        for note in r.footnotes:
            self.scan(note)
        self.attach_footnotes()
        self.share_targets()
        # document order; references sharing a span ("Articles 2, 3(5) and 21 of ...") keep
        # the order in which they are printed
        ordered = sorted(enumerate(self.refs),
                         key=lambda ir: (ir[1].part.span.start, ir[1].start, ir[0]))
        return tuple(ref for _, ref in ordered)

    def scan(self, part: Part | Footnote) -> None:
        text = part.text
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in taken)

        items = self.instruments
        named, by_alias = items.named, items.by_alias
        # Articles of named instruments (treaties first), one reference per article.
        # Cheap substring tests first: most parts cite nothing, and each pattern below would
        # otherwise scan every part.
        has = text.__contains__
        named_articles = [*(items.articles.finditer(text) if has("Article") or has("Title ")
                            else ()),
                          *(items.in_particular.finditer(text) if has("in particular")
                            else ())]
        for m in sorted(named_articles, key=lambda m: m.start()):
            if not free(m.start(), m.end()):
                continue
            groups = m.groupdict()
            inst = items[by_alias[groups.get("name") or groups["name2"]]]
            if groups.get("name2"):  # the instrument itself is cited too
                self.add(LegalReference(part, m.start("name2"), m.end("name2"), inst.kind,
                                        inst.label, None, inst.eli, inst.celex))
            for article in _articles(groups.get("list") or groups["list2"]):
                self.add(_article_reference(part, m.start(), m.end(), inst, article))
            taken.append((m.start(), m.end()))
            # "Articles 4, 6 ... of the TFEU, in particular Article 168 thereof"
            more = _IN_PARTICULAR.match(text, m.end())
            if more:
                for article in _articles(more.group("list")):
                    self.add(_article_reference(part, more.start("list"), more.end(), inst,
                                                article))
                taken.append((more.start(), more.end()))
        # EU acts, and articles or annexes of them.
        acts: list[tuple[int, int, LegalReference]] = []
        for m in (_ACT.finditer(text) if has("Regulation") or has("Directive") or has("Decision")
                  else ()):
            label, eli, _year, _number, celex = act_identifiers(m)
            ref = LegalReference(part, m.start(), m.end(), "eu-act", label, None, eli, celex)
            self.add(ref)
            acts.append((m.start(), m.end(), ref))
            taken.append((m.start(), m.end()))
            # "Regulations (EC) No 767/2008, (EC) No 810/2009 and (EU) 2017/2226": one each
            pos = m.end()
            while re.search(r"(?:Regulation|Directive|Decision)s ", m.group(0)):
                more = _ACT_CONTINUED.match(text, pos)
                if not more:
                    break
                kind = m.group("type")
                year = more.group("year1") or more.group("year2")
                number = more.group("num1") or more.group("num2")
                eli, celex = act_iri(kind, "", year, number)
                start = more.start("item")
                self.add(LegalReference(part, start, more.end(), "eu-act",
                                        f"{kind} {more.group('item')}", None, eli, celex))
                taken.append((start, more.end()))
                pos = more.end()
        # EU acts cited by their short title, with no number: "the Clinical Trials Regulation",
        # "the Directive on cross-border healthcare". No identifier: the title names no act
        # number, and guessing one would be wrong when two acts share a topic.
        for m in (_ACT_BY_TITLE.finditer(text) if has("Regulation") or has("Directive")
                  or has("Decision") else ()):
            name = re.sub(r"^(?:the|The) ", "", m.group(0)).strip()
            if (not free(m.start(), m.end()) or _ACT_TITLE_NOT.search(name)
                    or re.search(r"[’']s $", text[max(0, m.start() - 3) : m.start()])
                    or _NUMBERED_ACT_BEFORE.search(text[max(0, m.start() - 40) : m.start()])):
                continue  # "the Chamber’s Decision on", "Regulation (EU) 2016/679 (General ..."
            self.add(LegalReference(part, m.end() - len(name), m.end(), "eu-act", name))
            taken.append((m.start(), m.end()))
        for m in _ACT_PARTS.finditer(text) if acts else ():
            if not free(m.start(), m.end()):
                continue
            act = None
            if m.group("rel").strip() in ("of", "to"):
                after = [a for a in acts if a[0] == m.end()]
                act = after[0][2] if after else None
            else:
                before = [a for a in acts if a[1] <= m.start()]
                act = before[-1][2] if before else None
            if act is None:
                continue
            listing = m.group("list")
            articles = _articles(listing) if listing.startswith("Article") else [listing]
            end = m.end() if m.group("rel").strip() not in ("of", "to") else m.end() + len(
                act.text)
            for article in articles:
                self.add(LegalReference(part, m.start(), end, "eu-act-article", act.instrument,
                                        article, act.target, act.celex))
            taken.append((m.start(), m.end()))
        # Named instruments: treaties as wholes, conventions, agreements, regimes.
        for m in named.finditer(text):
            if not free(m.start(), m.end()):
                continue
            inst = items[by_alias[m.group(0)]]
            if inst.kind == "rules-of-procedure":
                continue  # rules are numbered below
            previous = [r for r in self.refs if r.part is part and r.instrument == inst.label]
            if previous and text[previous[-1].end : m.start()] == " (":
                continue  # "Enhanced Partnership and Cooperation Agreement (EPCA)": one reference
            if inst.party and inst.party not in (part.text + " " + self.context).lower():
                continue  # an EPCA with another country is not this one
            target = inst.eli or (WIKIDATA + inst.wikidata if inst.wikidata and
                                  inst.wikidata_checked else None)
            details = list(inst.identifiers())
            if inst.kind == "agreement":
                signed = _SIGNED.search(text, m.end())
                force = _IN_FORCE.search(text, m.end())
                if signed:
                    details.append(("signedOn", iso_date(signed.group("date"))))
                if force:
                    details.append(("inForceFrom", iso_date(force.group("date"))))
            self.add(LegalReference(part, m.start(), m.end(), inst.kind, inst.label, None, target,
                                    inst.celex, tuple(details)))
            taken.append((m.start(), m.end()))
        for m in _AGREEMENT.finditer(text) if has("Agreement") else ():
            if not free(m.start(), m.end()):
                continue
            name = m.group("name") + (f" between the European Union and {m.group('party')}"
                                      if m.group("party") else "")
            self.add(LegalReference(part, m.start(), m.end(), "agreement", name))
            taken.append((m.start(), m.end()))
        # Earlier EP resolutions, one per date.
        for m in _EP_RESOLUTION.finditer(text) if has("resolution") else ():
            topic = (m.group("topic1") or m.group("topic2") or "").strip()
            for d in re.finditer(DATE, m.group("dates")):
                start = m.start("dates") + d.start()
                name = f"European Parliament resolution of {d.group(0)}"
                if topic:
                    name += f" {topic}"
                self.add(LegalReference(part, start, start + len(d.group(0)), "ep-resolution",
                                        name, details=(("date", iso_date(d.group(0))),)))
        # Rules of Procedure, one per rule.
        for m in _RULES.finditer(text) if has("Rules of Procedure") else ():
            for rule in re.findall(r"\d+(?:\(\d+\))?", m.group("list")):
                number = _article_number(rule)
                paragraph = (("paragraph", rule[len(number):].strip("()")),) if rule != number \
                    else ()
                # resgraph mints the rule's IRI in the graph layer (no stable IRI exists)
                self.add(LegalReference(
                    part, m.start(), m.end(), "rule-of-procedure",
                    "Rules of Procedure of the European Parliament", f"Rule {rule}", None, None,
                    (("rule", number), *paragraph)))
        # Official Journal references.
        for m in _OJ.finditer(text) if has("OJ ") else ():
            details = [("ojSeries", m.group("series")),
                       ("ojDate", f"{m.group('year')}-{int(m.group('month')):02d}-"
                                  f"{int(m.group('day')):02d}")]
            target = None
            if m.group("number"):
                details.append(("ojNumber", m.group("number") + (
                    f" {m.group('edition')}" if m.group("edition") else "")))
                if not m.group("edition"):  # special editions ("C 251 E") have no known IRI
                    # Issue numbers have three digits up to 2023, five since (ep-sources.md).
                    width = 5 if int(m.group("year")) >= 2024 else 3
                    target = OJ_ISSUE.format(series=m.group("series"), year=m.group("year"),
                                             number=f"{int(m.group('number')):0{width}d}")
            if m.group("page"):
                details.append(("ojPage", m.group("page")))
            if m.group("new"):
                details.append(("ojActNumber", m.group("new")))
                # The C series is published act by act with an ELI of its own number.
                year, number = m.group("new").split("/")[-2:]
                if m.group("series") == "C":
                    target = OJ_ACT_ELI.format(series="C", year=year, number=int(number))
            eli_in_text = _ELI_IN_TEXT.search(text, m.end())
            if target is None and eli_in_text:
                target = eli_in_text.group("eli")
            self.add(LegalReference(part, m.start(), m.end(), "official-journal",
                                    f"Official Journal of the European Union, {m.group(0)}",
                                    None, target, None, tuple(details)))
        for m in _TEXTS_ADOPTED.finditer(text) if has("_TA") else ():
            doc = odp_document_id(m.group(0))
            assert doc is not None  # the pattern is odp_document_id's own
            # No CELEX: the number does not say whether it is an IP, AP or DP work.
            self.add(LegalReference(part, m.start(), m.end(), "ep-text-adopted",
                                    f"Texts adopted {m.group(0)}", None, ODP_DOC + doc))
        own = self.resolution.metadata.document_number
        for m in _EP_DOC.finditer(text):
            if m.group(0) == own:
                continue  # the report holding this text cites itself: its number is metadata
            doc = odp_document_id(m.group(0))
            assert doc is not None  # an A or B document number as odp_document_id reads them
            kind = "ep-report" if m.group("letter") == "A" else "ep-motion"
            self.add(LegalReference(part, m.start(), m.end(), kind, m.group(0), None,
                                    ODP_DOC + doc))
        for m in _COMMISSION_DOC.finditer(text) if has("(20") else ():
            self.add(LegalReference(part, m.start(), m.end(), "commission-document", m.group(0)))
        for m in _INTERINSTITUTIONAL.finditer(text):
            self.add(LegalReference(part, m.start(), m.end(), "interinstitutional-number",
                                    m.group(0)))
        for m in _COUNCIL_CONCLUSIONS.finditer(text) if has("conclusions") else ():
            name = f"Council conclusions of {m.group('date')}{m.group('topic') or ''}"
            self.add(LegalReference(part, m.start(), m.end(), "council-conclusions", name,
                                    details=(("date", iso_date(m.group("date"))),)))
        for m in _IIA.finditer(text) if has("Interinstitutional") else ():
            name = f"Interinstitutional Agreement of {m.group('date')}{m.group('topic') or ''}"
            self.add(LegalReference(part, m.start(), m.end(), "interinstitutional-agreement",
                                    name, details=(("date", iso_date(m.group("date"))),)))
        for m in _CASE.finditer(text) if has("Case ") else ():
            self.add(LegalReference(part, m.start(), m.end(), "case-law",
                                    f"Case {m.group('case')}"))
        for m in _NATIONAL_CODE.finditer(text) if has(" Code") else ():
            name = f"{m.group('dem')} {m.group('code')} Code"
            self.add(LegalReference(part, m.start(), m.end(), "national-law", name,
                                    m.group("article")))
        for m in _NATIONAL_LAW.finditer(text) if has("law on ") else ():
            self.add(LegalReference(part, m.start("name"), m.end("name"), "national-law",
                                    m.group("name")))

    def share_targets(self) -> None:
        """The same instrument cited again without its footnote is still the same instrument:
        'the Interinstitutional Agreement of 13 April 2016 on Better Law-Making'."""
        known: dict[tuple[str, str], str] = {}
        for ref in self.refs:
            if ref.target and ref.kind not in ("official-journal",):
                known.setdefault((ref.kind, ref.instrument), ref.target)
        self.refs = [
            LegalReference(r.part, r.start, r.end, r.kind, r.instrument, r.article,
                           known[(r.kind, r.instrument)], r.celex, r.details, r.footnote)
            if r.target is None and (r.kind, r.instrument) in known else r
            for r in self.refs
        ]

    def attach_footnotes(self) -> None:
        """A footnote identifies the reference its marker follows: an EP resolution's date, an
        act's number, an agreement's name. Its texts-adopted number or OJ issue becomes that
        reference's target when the reference has none."""
        notes = {f.number: f for f in self.resolution.footnotes}
        by_part: dict[tuple[str, ...], list[int]] = {}
        for i, ref in enumerate(self.refs):
            by_part.setdefault(ref.part.path, []).append(i)
        for number, note in notes.items():
            if note.anchor is None or note.anchor_offset is None:
                continue
            candidates = [i for i in by_part.get(note.anchor.path, [])
                          if self.refs[i].start <= note.anchor_offset
                          and self.refs[i].kind not in ("official-journal", "ep-text-adopted",
                                                        "treaty-article", "eu-act-article",
                                                        "rule-of-procedure")]
            if not candidates:
                continue
            i = max(candidates, key=lambda k: (self.refs[k].end, self.refs[k].start))
            ref = self.refs[i]
            if note.anchor_offset - ref.end > 400:
                continue
            inside = [r for r in self.refs if r.part is note]
            identified = next((r for r in inside if r.kind == "ep-text-adopted"), None) or next(
                (r for r in inside if r.kind == "official-journal"), None)
            extra: list[tuple[str, str]] = []
            target = ref.target
            if identified is not None:
                if identified.kind == "official-journal":
                    extra = [d for d in identified.details if d[0].startswith("oj")]
                    if identified.target and identified.target.startswith(
                            "http://publications.europa.eu/resource/oj/"):
                        extra.append(("publishedIn", identified.target))
                if target is None:
                    target = identified.target
            self.refs[i] = LegalReference(ref.part, ref.start, ref.end, ref.kind,
                                          ref.instrument, ref.article, target, ref.celex,
                                          ref.details + tuple(extra), number)


def extract_legal_references(resolution: Resolution, known: Instruments | None = None,
                             ) -> tuple[LegalReference, ...]:
    """Legal references, the named instruments among them from `known` (kb.instruments; by
    default those shipped)."""
    return _Finder(resolution, instruments() if known is None else known).run()
