"""Plain text input: UTF-8 (with or without a byte-order mark) or UTF-16, any line endings."""

from __future__ import annotations

from resgraph.model import SourceText
from resgraph.text.hazards import decode, normalise


def read(name: str, data: bytes, digest: str) -> SourceText:
    text = decode(name, data)
    return SourceText(name=name, text=normalise(text), media_type="text/plain", sha256=digest)
