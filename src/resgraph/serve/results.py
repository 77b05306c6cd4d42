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
    next: str | None = None  # the URL of the page after this one, when there is one


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


Row = tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...]


def _json_row(variables: tuple[str, ...], row: Row) -> dict[str, dict[str, str]]:
    return {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}


def to_json(table: Table) -> bytes:
    head: dict[str, object] = {"vars": list(table.variables)} if table.boolean is None else {}
    doc: dict[str, object] = {"head": head}
    if table.boolean is not None:
        doc["boolean"] = table.boolean
    else:
        doc["results"] = {"bindings": [_json_row(table.variables, row) for row in table.rows]}
    # extension members: SPARQL 1.1 JSON readers ignore members they do not know
    if table.truncated:
        doc["truncated"] = {"rowCap": table.cap, "rows": len(table.rows)}
    if table.next:
        doc["next"] = table.next
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
    if table.next:  # the head's links are for metadata about the results (§2.3.1)
        out.append(f"<link href={quoteattr(table.next)}/>")
    out.append("</head>")
    if table.boolean is not None:
        out.append(f"<boolean>{'true' if table.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        out += [_xml_row(table.variables, row) for row in table.rows]
        out.append("</results>")
    out.append("</sparql>\n")
    return "\n".join(out).encode("utf-8")


def _xml_row(variables: tuple[str, ...], row: Row) -> str:
    return "\n".join(["<result>", *(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                                    for v, t in zip(variables, row, strict=True)
                                    if t is not None), "</result>"])


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
            writer.writerow(_csv_cells(row))
    return buffer.getvalue().encode("utf-8")


def _csv_cells(row: Row) -> list[str]:
    return ["" if t is None else f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value
            for t in row]


def _tsv_line(row: Row) -> str:
    return "\t".join("" if t is None else str(t) for t in row)


def to_tsv(table: Table) -> bytes:
    """TSV: terms in their SPARQL/Turtle syntax, `?` before each variable name."""
    if table.boolean is not None:
        return f"?boolean\n{'true' if table.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in table.variables)]
    lines += [_tsv_line(row) for row in table.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


WRITERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}


# -- streamed: a whole result written page by page, in constant memory, as one document of
# the same format (the head once, then each page's rows, then the end) ----------------------

def stream_head(kind: str, variables: tuple[str, ...]) -> bytes:
    if kind == "json":
        return (b'{"head":' + json.dumps({"vars": list(variables)}).encode()
                + b',"results":{"bindings":[\n')
    if kind == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                "\n<head>\n" + "".join(f"<variable name={quoteattr(v)}/>\n" for v in variables)
                + "</head>\n<results>\n").encode("utf-8")
    if kind == "csv":
        return to_csv(Table(variables, ()))
    return to_tsv(Table(variables, ()))


def stream_rows(kind: str, variables: tuple[str, ...], rows: tuple[Row, ...],
                first: bool) -> bytes:
    """One page's rows; `first` when no row was written before them (JSON's commas)."""
    if not rows:
        return b""
    if kind == "json":
        text = ",\n".join(json.dumps(_json_row(variables, row), ensure_ascii=False)
                          for row in rows)
        return (text if first else ",\n" + text).encode("utf-8")
    if kind == "xml":
        return ("\n".join(_xml_row(variables, row) for row in rows) + "\n").encode("utf-8")
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerows(_csv_cells(row) for row in rows)
        return buffer.getvalue().encode("utf-8")
    return "".join(_tsv_line(row) + "\n" for row in rows).encode("utf-8")


def stream_tail(kind: str) -> bytes:
    return {"json": b"\n]}}\n", "xml": b"</results>\n</sparql>\n"}.get(kind, b"")
