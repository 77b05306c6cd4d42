"""Deterministic IRIs, minted from stable identifiers only: the procedure number, the EP
document number (or the document kind), and part labels as printed. Never from counters over
a run, so the same resolution gets the same IRIs whatever else is built beside it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from resgraph.errors import ResgraphError
from resgraph.model import Resolution
from resgraph.numbers import number_family, odp_document_id
from resgraph.vocab import DEFAULT_BASE


def check_base(base: str) -> str:
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+[/#]$", base):
        raise ResgraphError(
            f"--base {base!r}: expected an http(s) IRI ending in '/' or '#', "
            f"such as {DEFAULT_BASE}"
        )
    return base


def resolution_slug(resolution: Resolution) -> str:
    """"2022-2505-RSP/joint-motion", "2024-2686-DEA/B-9-2024-0216".

    The document, not the file, is the identity. A motion's or a text adopted's number names
    it. A report's number ("A9-0071/2024") names the report, not the text read from it, and
    only the whole report prints it: the text's section alone (a .txt of the motion) does not.
    A text from a report is therefore named by its procedure and kind, whatever file holds it,
    and the report stays linked through rg:documentNumber and rg:odpDocument."""
    meta = resolution.metadata
    p = meta.procedure
    stem = f"{p.year}-{p.number:04d}-{p.type}"
    number = meta.document_number
    document = odp_document_id(number) if number and number_family(number) != "A" else None
    return f"{stem}/{document or meta.kind}"


@dataclass(frozen=True)
class Minter:
    base: str
    slug: str

    @classmethod
    def for_resolution(cls, resolution: Resolution, base: str = DEFAULT_BASE) -> Minter:
        return cls(check_base(base), resolution_slug(resolution))

    @property
    def resolution(self) -> str:
        return f"{self.base}{self.slug}"

    @property
    def graph(self) -> str:
        return f"{self.resolution}/graph"

    @property
    def source(self) -> str:
        return f"{self.resolution}/source"

    def part(self, *path: str) -> str:
        return self.resolution + "".join("/" + quote(p, safe="") for p in path)
