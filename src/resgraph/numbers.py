"""The numbers of EP and EU documents, one place for every form (reference/ep-sources.md):
how they are printed, how the EP Open Data Portal and CELEX spell them, and the conversions
between them. The readers, the extractors, the graph and fetch all read numbers from here.

Terms run from 1 to 10 (one or two digits); hyphens are plain after the text readers.
"""

from __future__ import annotations

import re

TERM = r"\d{1,2}"
# Tabled documents as printed: motions "B9-0065/2022", reports "A9-0150/2024", Commission
# transmissions "C9-0128/2023", joint motions "RC-B10-0249/2025".
TABLED = rf"[ABC]{TERM}-\d{{4}}/\d{{4}}"
# Texts adopted as printed: "P9_TA(2022)0012" (provisional: "P9_TA-PROV(2022)0012") and, older,
# "T9-0012/2022".
TEXT_ADOPTED = rf"P{TERM}_TA(?:-PROV)?\(\d{{4}}\)\d{{4}}"
TEXT_ADOPTED_OLD = rf"T{TERM}-\d{{4}}/\d{{4}}"
DOCUMENT_NUMBER = rf"(?:RC-)?{TABLED}|{TEXT_ADOPTED}|{TEXT_ADOPTED_OLD}"
# The same number, its parts named: "P9_TA(2022)0012", "RC-B9-0065/2022".
TEXT_ADOPTED_PARTS = re.compile(
    rf"P(?P<term>{TERM})_TA(?:-PROV)?\((?P<year>\d{{4}})\)(?P<num>\d{{4}})")
EP_DOCUMENT_PARTS = re.compile(
    rf"\b(?P<rc>RC-)?(?P<letter>[AB])(?P<term>{TERM})-(?P<num>\d{{4}})/(?P<year>\d{{4}})\b")
# A tabled document's number standing alone, not the "B9-..." inside "RC-B9-...".
TABLED_ALONE = re.compile(rf"(?<![\w-])({TABLED})\b")
# Interinstitutional numbers of consultations and transmissions: "C9-0128/2023", "N9-...".
INTERINSTITUTIONAL = rf"[CN]{TERM}-\d{{4}}/\d{{4}}"
# Commission documents: "COM(2021)0429", "SWD(2020) 123", "C(2023) 8040", "JOIN(2015) 32".
COMMISSION_DOCUMENT = r"\b(?:COM|SWD|JOIN|C)\(\d{4}\) ?\d{3,5}\b"
# Documents related to a procedure, in the procedure line of a cover.
RELATED = (r"COM\(\d{4}\)\s?\d{3,4}|SWD\(\d{4}\)\s?\d{3,4}|C\(\d{4}\)\s?\d{3,5}"
           rf"|\b{INTERINSTITUTIONAL}")
# Procedure references: "2022/2505(RSP)".
PROCEDURE = re.compile(r"(\d{4})/(\d{4})\s*\(([A-Z]{3})\)")
# EP Open Data Portal identifiers: "TA-9-2022-0012", "RC-9-2022-0065", "B-9-2024-0216".
ODP_ID = re.compile(rf"(?<![A-Za-z0-9])(TA|RC|A|B|C)-({TERM})-(\d{{4}})-(\d{{4}})(?!\d)")
# CELEX sector 5 (preparatory acts), EP documents: IP non-legislative resolutions, AP
# legislative resolutions, DP decisions, BP budget, XP other.
CELEX_EP = re.compile(r"(?<!\d)(5\d{4}[IADBX]P\d{4})(?!\d)")
CELEX_TYPES = ("IP", "AP", "DP", "BP", "XP")


def number_family(number: str) -> str:
    """"RC" for a joint motion, "B", "A" or "C" for tabled documents, "TA" for a text adopted."""
    if number.startswith("RC-"):
        return "RC"
    if number.startswith(("P", "T")):
        return "TA"
    return number[0]


def odp_document_id(number: str) -> str | None:
    """EP document number -> ODP document identifier, as the ODP spells it:
    "B9-0216/2024" -> "B-9-2024-0216", "RC-B9-0065/2022" -> "RC-9-2022-0065" (the ODP drops
    the B of joint motions), "P10_TA(2025)0096" and "T9-0012/2022" -> "TA-10-2025-0096" and
    "TA-9-2022-0012"."""
    m = re.fullmatch(rf"(RC-)?([ABC])({TERM})-(\d{{4}})/(\d{{4}})", number)
    if m:
        rc, letter, term, num, year = m.groups()
        return f"{'RC' if rc else letter}-{term}-{year}-{num}"
    m = TEXT_ADOPTED_PARTS.fullmatch(number)
    if m:
        return f"TA-{m['term']}-{m['year']}-{m['num']}"
    m = re.fullmatch(rf"T({TERM})-(\d{{4}})/(\d{{4}})", number)
    if m:
        term, num, year = m.groups()
        return f"TA-{term}-{year}-{num}"
    return None
