"""A query's rows as a text table that fits a terminal: IRIs shortened with prefixes (the
query's own PREFIX declarations and resgraph's, the prefixes used listed under the table),
and text cells cut to share the terminal's width. IRIs are never cut, because a cut IRI is a
wrong IRI; a prefixed name expands back to the whole IRI."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_PREFIX_DECLARATION = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]+)>", re.I | re.M)
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")
_NARROWEST = 8  # characters a cut column keeps at least
_GAP = "  "


@dataclass(frozen=True)
class Layout:
    """How to lay a table out: `width` characters in all (0: as wide as the cells), and the
    prefixes to shorten IRIs with (none: IRIs whole)."""

    width: int = 0
    prefixes: tuple[tuple[str, str], ...] = ()


def declared_prefixes(query_text: str) -> dict[str, str]:
    """The PREFIX declarations of a SPARQL query, prefix -> namespace."""
    return {m.group(1) or "": m.group(2) for m in _PREFIX_DECLARATION.finditer(query_text)}


def prefixes_for(*tables: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Prefix tables merged (the first to name a namespace keeps it), longest namespace first
    so that the most specific prefix is chosen."""
    chosen: dict[str, str] = {}
    for table in tables:
        for prefix, namespace in table.items():
            if namespace not in chosen.values() and prefix not in chosen:
                chosen[prefix] = namespace
    return tuple(sorted(chosen.items(), key=lambda item: (-len(item[1]), item[0])))


def shorten(value: str, prefixes: Sequence[tuple[str, str]]) -> tuple[str, str | None]:
    """An IRI as prefix:rest with the prefix used, else the value unchanged and None."""
    if not _IRI.match(value):
        return value, None
    for prefix, namespace in prefixes:
        if value.startswith(namespace) and len(value) > len(namespace):
            return f"{prefix}:{value[len(namespace):]}", prefix
    return value, None


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render(columns: Sequence[str], rows: Sequence[Sequence[str | None]], layout: Layout) -> str:
    """The table: a header, a rule, a line a row, and the prefixes used."""
    used: dict[str, str] = {}
    namespaces = dict(layout.prefixes)
    body: list[list[str]] = []
    iris: list[list[bool]] = []
    for row in rows:
        cells, kinds = [], []
        for value in row:
            text = "" if value is None else value.replace("\n", " ")
            short, prefix = shorten(text, layout.prefixes)
            if prefix is not None:
                used[prefix] = namespaces[prefix]
            cells.append(short)
            kinds.append(prefix is not None or bool(_IRI.match(text)))
        body.append(cells)
        iris.append(kinds)
    # per column: what is never cut (its IRIs, its name) and its widest text
    iri_width = [max([len(c), *(len(r[i]) for r, k in zip(body, iris, strict=True) if k[i])])
                 for i, c in enumerate(columns)]
    text_width = [max([0, *(len(r[i]) for r, k in zip(body, iris, strict=True) if not k[i])])
                  for i in range(len(columns))]
    limit = _fit(iri_width, text_width, layout.width - len(_GAP) * (len(columns) - 1)) \
        if layout.width else None
    if limit is not None:
        body = [[c if k else _cut(c, limit) for c, k in zip(r, ks, strict=True)]
                for r, ks in zip(body, iris, strict=True)]
    header = list(columns)
    widths = [max([len(header[i]), *(len(r[i]) for r in body)]) for i in range(len(columns))]
    lines = [_GAP.join(v.ljust(w) for v, w in zip(header, widths, strict=True)).rstrip(),
             _GAP.join("-" * w for w in widths)]
    lines += [_GAP.join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip()
              for r in body]
    if used:
        lines.append("")
        lines.append("prefixes: " + ", ".join(f"{p}: <{n}>" for p, n in sorted(used.items())))
    return "\n".join(lines)


def _fit(iri_width: list[int], text_width: list[int], budget: int) -> int | None:
    """The widest a text cell may be for the columns to fit `budget` characters (never under
    _NARROWEST, however narrow the budget); None when they fit as they are."""
    def total(limit: int) -> int:
        return sum(max(i, min(t, limit)) for i, t in zip(iri_width, text_width, strict=True))

    if total(max(text_width, default=0)) <= budget:
        return None
    low, high = _NARROWEST, max(text_width)
    if total(low) > budget:
        return low
    while low < high:  # the widest limit that still fits
        middle = (low + high + 1) // 2
        if total(middle) <= budget:
            low = middle
        else:
            high = middle - 1
    return low
