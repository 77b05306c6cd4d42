"""Characters that look like plain ones but break matching: handled once, in the readers.

Seen in real EP files (reference/ep-sources.md, "Text hazards"): no-break and narrow spaces,
the non-breaking hyphen U+2011 in document numbers ("B10‑0249/2025"), the Symbol-font dash
U+F02D that opens citations in the EP's 2020 web layout, soft hyphens, byte-order marks and
ligatures from PDF fonts.

Every replacement is one character for one character, so offsets into the decoded input stay
valid; characters that must disappear (soft hyphens, zero-width characters) are left in the
source and skipped when the clean text is written (see `INVISIBLE`).
"""

from __future__ import annotations

from resgraph.errors import InputError

# Unicode category Zs (space separators) other than the ASCII space: all print as a space.
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
          "\u202f\u205f\u3000"
# U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN print as "-" and are typed as "-" in searches.
_HYPHENS = "\u2010\u2011"
# U+F02D is "-" in the Symbol font's private-use mapping; the EP's 2020 pages use it for the
# dash that opens a citation, which the EP prints elsewhere as an en dash.
_SYMBOL_DASH = "\uf02d"

_TABLE = str.maketrans(
    {**{c: " " for c in _SPACES}, **{c: "-" for c in _HYPHENS}, _SYMBOL_DASH: "\u2013"}
)

# Characters that carry no text: soft hyphen, zero-width space / joiners, word joiner, BOM.
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# Latin ligatures of the Alphabetic Presentation Forms block (U+FB00-U+FB06), as PDF fonts
# leave them in extracted text ("ﬁnancial"): spelt out when the clean text is written, the
# letters mapped to the ligature's one character. Their Unicode compatibility decompositions.
LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}


def normalise(text: str) -> str:
    """The same text with look-alike spaces, hyphens and dashes made plain, length kept."""
    return text.translate(_TABLE)


def decode(name: str, data: bytes) -> str:
    """Bytes of a text file -> text. UTF-8 (with or without a BOM) and UTF-16 (with a BOM, or
    recognised by its zero bytes) are read; Latin-1 and binary data are named in the error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(name, data, "utf-16")
    sample = data[:4096]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 > sample[0::2].count(0):
        return _utf16(name, data, "utf-16-le")
    if len(sample) >= 4 and sample[0::2].count(0) > len(sample) // 4 > sample[1::2].count(0):
        return _utf16(name, data, "utf-16-be")
    if b"\x00" in data:
        raise InputError(name, "is a binary file, expected UTF-8 text, HTML or a PDF")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if not any(0x80 <= b < 0xA0 for b in data):  # no C1 controls: Latin-1 reads cleanly
            raise InputError(name, f"is Latin-1 (ISO 8859-1) text, not UTF-8 (byte {exc.start}):"
                             " convert it to UTF-8") from None
        raise InputError(
            name, f"is not UTF-8 text (undecodable byte at offset {exc.start})"
        ) from None


def _utf16(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"is not UTF-8 text, and not the UTF-16 it looks like "
                         f"(undecodable bytes at offset {exc.start})") from None
