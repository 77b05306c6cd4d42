"""resgraph: European Parliament resolutions as validated, queryable linked data.

Data flows one way: read (text/) -> clean (text/cleanup) -> parse (parse/) -> graph (graph/)
-> serialise / store / validate / query. Each stage is a pure function over frozen dataclasses.
"""

__version__ = "0.1.0"
