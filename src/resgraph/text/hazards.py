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


def normalise(text: str) -> str:
    """The same text with look-alike spaces, hyphens and dashes made plain, length kept."""
    return text.translate(_TABLE)


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). UTF-8 (with or without BOM), UTF-16 with a BOM; else the
    caller's error names the file. Latin-1 is recognised only by the HTML/XML readers, which
    are told their encoding by the markup."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    return data.decode("utf-8-sig"), "UTF-8"
