"""Clean text -> Resolution: the structure layer (metadata, citations, recitals, paragraphs,
points, headings, footnotes)."""

from resgraph.parse.structure import parse_resolution

__all__ = ["parse_resolution"]
