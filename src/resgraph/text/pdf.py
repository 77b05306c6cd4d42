"""PDF input, as the EP publishes it: pypdf's text of each page, pages joined by a newline.

Offsets into a PDF source are offsets into that extracted text, which is deterministic for a
given file and pypdf version.
"""

from __future__ import annotations

import logging

from resgraph.errors import InputError
from resgraph.model import SourceText
from resgraph.text.hazards import normalise


def read(name: str, data: bytes, digest: str) -> SourceText:
    import io

    # Imported here: pypdf costs ~0.1 s to import and plain-text runs never need it.
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        # an owner password alone (printing, copying restricted) leaves the text readable
        # with an empty user password (ISO 32000-1 §7.6.3.3); any other needs the password
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(name, "is an encrypted PDF: its text needs a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise InputError(name, f"is not a readable PDF ({type(exc).__name__}: {exc})") from None
    text = normalise("\n".join(pages))
    if not text.strip():
        raise InputError(name, "is a PDF without extractable text (scanned image?)")
    return SourceText(name=name, text=text, media_type="application/pdf", sha256=digest)
