"""Plain text input: UTF-8 (with or without a byte-order mark), any line endings."""

from __future__ import annotations

from resgraph.errors import InputError
from resgraph.model import SourceText
from resgraph.text.hazards import normalise


def read(name: str, data: bytes, digest: str) -> SourceText:
    if b"\x00" in data:
        raise InputError(name, "is a binary file, expected UTF-8 text or a PDF")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"is not UTF-8 text (undecodable byte at offset {exc.start})"
        ) from None
    return SourceText(name=name, text=normalise(text), media_type="text/plain", sha256=digest)
