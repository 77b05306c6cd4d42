"""Document metadata from the title block, the cover page and the page furniture."""

from __future__ import annotations

import re

from resgraph import numbers
from resgraph.dates import MONTH_PATTERN, iso_date
from resgraph.errors import InputError
from resgraph.model import CleanText, Metadata, Procedure, Span
from resgraph.numbers import number_family
from resgraph.numbers import odp_document_id as odp_document_id  # its old home
from resgraph.parse.authors import contributors, replaced_motions
from resgraph.text.cleanup import LANGUAGE_CODES

# Document kinds, keyed by the slug used in IRIs; the ontology has one SKOS concept for each.
KINDS: dict[str, str] = {
    "motion": "motion for a resolution",
    "joint-motion": "joint motion for a resolution",
    "draft-legislative-resolution": "draft legislative resolution",
    "text-adopted": "text adopted",
    "legislative-resolution": "legislative resolution",
    "resolution": "resolution",
    # Parliament's decisions (on an appointment, the Rules, an objection, a discharge) and
    # recommendations have a resolution's skeleton: citations, recitals, numbered paragraphs.
    "decision": "decision",
    "recommendation": "recommendation",
}

# A document's family, from the Word file name in EP page footers (RC, RE, RR, TA) or from its
# number's prefix (number_family: RC, B, A, C, TA). A reports' family says nothing of the kind.
_FAMILY_KIND = {"RC": "joint-motion", "RE": "motion", "RR": "motion", "TA": "text-adopted",
                "B": "motion"}

_PROCEDURE = numbers.PROCEDURE
_RELATED = re.compile(numbers.RELATED)
# EP document numbers as printed, alone on their line (resgraph.numbers: every term and form).
_DOCUMENT_NUMBER = re.compile(r"^(" + numbers.DOCUMENT_NUMBER + r")$", re.MULTILINE)
# A cover date "17.1.2023", alone on its line or opening it ("4.4.2024 - (A9-0163/2024 - ...").
_COVER_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:$|\s+-\s)", re.MULTILINE)
# "PROPOSAL FOR A EUROPEAN PARLIAMENT DECISION", "European Parliament recommendation of ...":
# the two kinds the EP adopts with a resolution's skeleton; the group is the KINDS key.
_DECISION_TITLE = re.compile(
    r"^(?:(?:proposal\s+for\s+an?|draft)\s+)?european\s+parliament\s+"
    r"(decision|recommendation)\b",
    re.IGNORECASE,
)
_PE_NUMBER = re.compile(r"PE\s?(\d{3}\.\d{3})(v\d{2}-\d{2})?")
_DOCX = re.compile(r"^([A-Z]{2})\\\d+([A-Z]{2})\.docx")
_TITLE_DATE = re.compile(
    r"\bresolution of (\d{1,2}) (" + MONTH_PATTERN + r") (\d{4})\b", re.IGNORECASE
)


def _kind(title: str, front: str, families: list[str], number: str | None) -> str:
    """The title says most; then the document number's family; then the cover's words; then
    the Word file name in the page furniture."""
    lowered = title.lower()
    if lowered.startswith("draft european parliament legislative resolution"):
        return "draft-legislative-resolution"
    if m := _DECISION_TITLE.match(title):
        return m.group(1).lower()
    if _TITLE_DATE.search(title):
        return "legislative-resolution" if "legislative resolution" in lowered else "text-adopted"
    if lowered.startswith(("joint motion for a", "motion for a")):
        return "joint-motion" if lowered.startswith("joint") else "motion"
    if number is not None:
        family = number_family(number)
        if family in _FAMILY_KIND:
            return _FAMILY_KIND[family]
    front_upper = front.upper()
    if "JOINT MOTION FOR A RESOLUTION" in front_upper:
        return "joint-motion"
    if "motion for a" in lowered or "MOTION FOR A RESOLUTION" in front_upper:
        return "motion"
    for family in families:
        if family in _FAMILY_KIND:
            return _FAMILY_KIND[family]
    return "resolution"


def parse_metadata(name: str, clean: CleanText, family: str | None = None) -> Metadata:
    """`family` is what the markup declares (SDOCTA: a text adopted); numbers and titles
    printed in the text say more and come first."""
    title_block = next(b for b in clean.blocks if b.kind == "title")
    title = clean.text[title_block.span.start : title_block.span.end]
    procedure_text = " ".join(
        clean.text[b.span.start : b.span.end] for b in clean.blocks if b.kind == "procedure"
    )
    found = list(_PROCEDURE.finditer(procedure_text)) or list(
        _PROCEDURE.finditer(clean.front_matter)
    )
    if not found:
        raise InputError(
            name, "no procedure number such as '(2022/2505(RSP))' under the resolution's title"
        )
    y, n, t = found[-1].groups()
    procedure = Procedure(int(y), int(n), t)

    families = [family] if family else []
    language = None
    for line in clean.furniture:
        m = _DOCX.match(line)
        if m:
            families.append(m.group(1))
            language = language or m.group(2).lower()
    if language is None:
        # a lone code of an EU language ("EN" on every page), not any two capitals ("ID")
        codes = [ln for ln in clean.furniture if ln in LANGUAGE_CODES]
        language = codes[0].lower() if codes else "en"

    pe_numbers: list[str] = []
    for line in clean.furniture:
        for m in _PE_NUMBER.finditer(line):
            value = "PE" + m.group(1) + (m.group(2) or "")
            if value not in pe_numbers:
                pe_numbers.append(value)

    date = None
    m = _TITLE_DATE.search(title)
    if m:
        date = iso_date(m.group(1), m.group(2), m.group(3))
    else:
        d = _COVER_DATE.search(clean.front_matter)
        if d:
            date = f"{int(d.group(3)):04d}-{int(d.group(2)):02d}-{int(d.group(1)):02d}"

    # A page header names related documents too (the joint motion, the text adopted): the
    # document's own number is the one printed most often, the nearest the title on a tie.
    numbers = _DOCUMENT_NUMBER.findall(clean.front_matter)
    number = max(reversed(numbers), key=numbers.count) if numbers else None
    related = tuple(dict.fromkeys(re.sub(r"\s", "", m.group(0))
                                  for m in _RELATED.finditer(procedure_text)))
    return Metadata(
        title=title,
        title_span=Span(title_block.span.start, title_block.span.end),
        procedure=procedure,
        kind=_kind(title, clean.front_matter, families, number),
        language=language,
        date=date,
        document_number=number,
        pe_numbers=tuple(pe_numbers),
        related_references=related,
        contributors=contributors(clean.front_matter),
        replaces=replaced_motions(clean.front_matter),
    )
