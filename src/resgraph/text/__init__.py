"""Input formats -> SourceText, and SourceText -> CleanText (text.cleanup).

A new input format is one small module here with a `read(name, data) -> SourceText` function,
registered in READERS by file-name suffix and in `sniff` by its magic bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from resgraph.errors import InputError
from resgraph.model import SourceText
from resgraph.text import html, pdf, plain, xmldoc

Reader = Callable[[str, bytes, str], SourceText]

READERS: dict[str, Reader] = {
    ".txt": plain.read,
    ".text": plain.read,
    ".pdf": pdf.read,
    ".html": html.read,
    ".htm": html.read,
    ".xml": xmldoc.read,
    ".zip": xmldoc.read,
}


def sniff(data: bytes) -> Reader:
    """Choose a reader by content, so a PDF saved as .txt is still read as a PDF."""
    if data.startswith(b"%PDF-"):
        return pdf.read
    if html.looks_like_html(data):
        return html.read
    if xmldoc.looks_like_zip(data) or xmldoc.looks_like_xml(data):
        return xmldoc.read
    return plain.read


def read_source(path: str | Path) -> SourceText:
    """Read one input file; every failure is an InputError naming the file."""
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a directory, expected a .txt, .pdf, .html, .xml or .zip file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(name, "is empty")
    # Content decides for PDFs and HTML (a page saved as .txt is still a page); else the suffix.
    sniffed = sniff(data)
    reader = sniffed if sniffed is not plain.read else READERS.get(p.suffix.lower(), sniffed)
    return reader(name, data, hashlib.sha256(data).hexdigest())
