"""Content negotiation (RFC 9110 §12.5.1): which representation of a resource a request
asks for, by its `Accept` header with q-values or by a per-format extension on the path."""

from __future__ import annotations

from dataclasses import dataclass

from resgraph.serialize import FORMATS


@dataclass(frozen=True)
class Representation:
    name: str  # "html" or a resgraph.serialize format name
    extension: str
    media_type: str


# In the order preferred when a request accepts several equally (`*/*`: a person's page).
_PREFERENCE = ("turtle", "jsonld", "ntriples", "nquads", "trig", "rdfxml")
REPRESENTATIONS: tuple[Representation, ...] = (
    Representation("html", "html", "text/html"),
    *(Representation(FORMATS[n].name, FORMATS[n].extension, FORMATS[n].media_type)
      for n in _PREFERENCE),
)
BY_EXTENSION = {r.extension: r for r in REPRESENTATIONS}
# Older media types some clients still send for the same formats.
_ALIASES = {"application/x-turtle": "text/turtle", "application/xhtml+xml": "text/html",
            "application/json": "application/ld+json", "text/n3": "text/turtle",
            "application/xml": "application/rdf+xml"}


def parse_accept(header: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q-values, in the order given; a range
    whose q-value does not parse counts as q=1 (RFC 9110 §12.4.2 allows 0 to 1, three
    decimals)."""
    ranges = []
    for item in header.split(","):
        parts = [p.strip() for p in item.split(";")]
        media = parts[0].lower()
        if not media:
            continue
        q = 1.0
        for param in parts[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 1.0
        ranges.append((_ALIASES.get(media, media), q))
    return ranges


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> tuple[float, int]:
    """The q-value the most specific matching range gives `media_type`, and how specific it
    was (2 exact, 1 type/*, 0 */*; -1 none)."""
    kind = media_type.split("/")[0]
    best = (0.0, -1)
    for media, q in ranges:
        specificity = (2 if media == media_type else 1 if media == f"{kind}/*"
                       else 0 if media == "*/*" else -1)
        if specificity > best[1]:
            best = (q, specificity)
    return best


def choose(accept: str | None,
           offered: tuple[Representation, ...] = REPRESENTATIONS) -> Representation | None:
    """The representation `accept` prefers among `offered`: the highest q-value of its most
    specific matching range, ties to the order of `offered`; None when every one is refused
    (a 406). No header, or an empty one, accepts anything."""
    if not accept or not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)
    scored = [(_quality(r.media_type, ranges)[0], -i, r) for i, r in enumerate(offered)]
    q, _, best = max(scored, key=lambda s: (s[0], s[1]))
    return best if q > 0 else None
