"""SPARQL 1.1 query results written from a bounded list of rows: JSON (W3C SPARQL 1.1 Query
Results JSON Format), XML (SPARQL Query Results XML Format), CSV and TSV (SPARQL 1.1 Query
Results CSV and TSV Formats). Written here rather than by the store's serializer so that a
result cut at the row cap says so in the document itself."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Table:
    """A SELECT's variables and rows (terms or None), or an ASK's boolean; `truncated` when
    rows were cut at the cap."""

    variables: tuple[str, ...]
    rows: tuple[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...], ...]
    boolean: bool | None = None
    truncated: bool = False
    cap: int | None = None


def _json_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def to_json(table: Table) -> bytes:
    head: dict[str, object] = {"vars": list(table.variables)} if table.boolean is None else {}
    doc: dict[str, object] = {"head": head}
    if table.boolean is not None:
        doc["boolean"] = table.boolean
    else:
        doc["results"] = {"bindings": [
            {v: _json_term(t) for v, t in zip(table.variables, row, strict=True)
             if t is not None} for row in table.rows]}
    if table.truncated:
        # an extension member: SPARQL 1.1 JSON readers ignore members they do not know
        doc["truncated"] = {"rowCap": table.cap, "rows": len(table.rows)}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _xml_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return (f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}"
                "</literal>")
    return f"<literal>{escape(term.value)}</literal>"


def to_xml(table: Table) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
           "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in table.variables]
    if table.truncated:
        out.append(f'<link href="#truncated-at-{table.cap}"/>')
    out.append("</head>")
    if table.boolean is not None:
        out.append(f"<boolean>{'true' if table.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in table.rows:
            out.append("<result>")
            out += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                    for v, t in zip(table.variables, row, strict=True) if t is not None]
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out).encode("utf-8")


def to_csv(table: Table) -> bytes:
    """CSV: plain values (IRIs bare, literals without datatype or language), CRLF lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if table.boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if table.boolean else "false"])
    else:
        writer.writerow(table.variables)
        for row in table.rows:
            writer.writerow(["" if t is None else
                             f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value
                             for t in row])
    return buffer.getvalue().encode("utf-8")


def to_tsv(table: Table) -> bytes:
    """TSV: terms in their SPARQL/Turtle syntax, `?` before each variable name."""
    if table.boolean is not None:
        return f"?boolean\n{'true' if table.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in table.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in table.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


WRITERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}
