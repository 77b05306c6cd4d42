"""A document reference in any form a user meets it -> the identifiers the services use.

Printed numbers of every term and form (P10_TA(2025)0096, T9-0012/2022, B10-0249/2025,
RC-B9-0065/2022, A9-0150/2024), the ODP's own identifiers (TA-9-2022-0012), EP, ODP and doceo
URLs holding one, and EUR-Lex/Cellar CELEX numbers of EP resolutions (52022IP0012).
Identifier forms: reference/ep-sources.md, "Identifiers of one text".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resgraph.errors import ResgraphError
from resgraph.numbers import CELEX_EP, CELEX_TYPES, ODP_ID, odp_document_id
from resgraph.text.hazards import normalise

_ODP_ID = ODP_ID
_CELEX = CELEX_EP


class BadReference(ResgraphError):
    """A reference that names no EP document."""


@dataclass(frozen=True)
class Reference:
    printed: str  # as the user gave it
    odp_id: str | None  # "TA-9-2022-0012"; None for a CELEX number given alone
    celex: str | None  # "52022IP0012" when given

    @property
    def family(self) -> str | None:
        return self.odp_id.split("-", 1)[0] if self.odp_id else None

    @property
    def name(self) -> str:
        """The name the fetched file gets: the ODP identifier, else the CELEX number."""
        return self.odp_id or self.celex or self.printed

    def celex_candidates(self) -> tuple[str, ...]:
        """CELEX numbers this document may have in Cellar: only texts adopted are there, and
        the number does not say which type of act it is, so every EP type is tried in turn."""
        if self.celex:
            return (self.celex,)
        if self.family != "TA" or self.odp_id is None:
            return ()
        _, _, year, number = self.odp_id.split("-")
        return tuple(f"5{year}{kind}{number}" for kind in CELEX_TYPES)


def is_reference(text: str) -> bool:
    """Does `text` read as a reference rather than a file name: a URL, or a whole printed
    number, ODP identifier or CELEX number? ("docs/TA-9-2022-0012_EN.pdf" is a file name.)"""
    value = normalise(text).strip()
    if re.match(r"^https?://", value):
        return True
    if _ODP_ID.fullmatch(value) or _CELEX.fullmatch(value):
        return True
    return odp_document_id(re.sub(r"\s+", "", value)) is not None


def parse_reference(text: str) -> Reference:
    value = normalise(text).strip()
    m = _ODP_ID.search(value)
    if m:
        return Reference(text, m.group(0), None)
    m = _CELEX.search(value)
    if m:
        return Reference(text, None, m.group(1))
    number = odp_document_id(re.sub(r"\s+", "", value))
    if number:
        return Reference(text, number, None)
    raise BadReference(
        f"{text}: not a document reference (expected a number such as P9_TA(2022)0012, "
        "B9-0065/2022, RC-B9-0065/2022 or TA-9-2022-0012, a CELEX number such as "
        "52022IP0012, or an EP, ODP or EUR-Lex URL holding one)"
    )
