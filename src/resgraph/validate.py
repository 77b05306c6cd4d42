"""Graphs + shapes -> a report. Non-conformance is data (a Report), not an exception.

Each resolution is validated in its own named graph: the graphs are self-contained (they carry
the rdf:type of everything they link to), so a graph conforms or fails on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from resgraph.errors import ResgraphError
from resgraph.resources import shapes_file
from resgraph.store import ONTOLOGY_GRAPH
from resgraph.vocab import PREFIXES, RG

_RDFLIB_FORMATS = {
    ".nq": "nquads",
    ".trig": "trig",
    ".ttl": "turtle",
    ".nt": "nt",
    ".rdf": "xml",
    ".jsonld": "json-ld",
}


@dataclass(frozen=True)
class Violation:
    graph: str
    focus: str
    shape: str
    path: str | None
    message: str
    severity: str
    value: str | None


@dataclass(frozen=True)
class Report:
    graphs: tuple[str, ...]
    violations: tuple[Violation, ...]

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)


SHAPES = "https://w3id.org/resgraph/shapes#"


def _short(term: object) -> str:
    text = str(term)
    for prefix, ns in (("rgsh", SHAPES), *PREFIXES.items()):
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


def load_dataset(paths: Sequence[Path]):  # -> rdflib.Dataset
    import rdflib

    dataset = rdflib.Dataset()
    for path in paths:
        fmt = _RDFLIB_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise ResgraphError(f"{path}: unknown graph file type")
        if not path.is_file():
            raise ResgraphError(f"{path}: no such file")
        try:
            if fmt in ("nquads", "trig", "json-ld"):
                dataset.parse(str(path), format=fmt)
            else:
                dataset.graph(rdflib.URIRef(path.resolve().as_uri())).parse(str(path), format=fmt)
        except Exception as exc:  # rdflib raises many unrelated types for bad syntax
            raise ResgraphError(f"{path}: not valid {fmt}: {exc}") from None
    return dataset


# SHACL engines: pyshacl-turbo (the default, fast) and pySHACL, the reference engine most
# users know; both implement SHACL Core and SHACL-SPARQL constraints, and the tests run every
# shape test on both and require the same verdicts (tests/test_shapes.py).
ENGINES = ("turbo", "pyshacl")


def validate_graph(graph, graph_name: str, shapes,
                   engine: str = "turbo") -> list[Violation]:  # rdflib graphs
    import rdflib

    if engine == "pyshacl":
        from pyshacl import validate as shacl_validate
    elif engine == "turbo":
        from pyshacl_turbo import validate as shacl_validate
    else:
        raise ResgraphError(f"--engine {engine}: expected one of {', '.join(ENGINES)}")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    _conforms, results, _text = shacl_validate(
        graph, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    violations = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        source = results.value(result, sh.sourceShape)
        parent = shapes.value(predicate=sh.property, object=source)
        shape = _short(parent) if isinstance(source, rdflib.BNode) and parent else _short(source)
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh.value)
        severity = results.value(result, sh.resultSeverity)
        violations.append(
            Violation(
                graph=graph_name,
                focus=str(results.value(result, sh.focusNode)),
                shape=shape,
                path=_short(path) if path is not None else None,
                message=str(results.value(result, sh.resultMessage) or ""),
                severity=_short(severity).removeprefix("http://www.w3.org/ns/shacl#"),
                value=str(value) if value is not None else None,
            )
        )
    return sorted(violations, key=lambda v: (v.graph, v.focus, v.shape, v.path or ""))


def validate_files(paths: Sequence[Path], shapes_path: Path | None = None,
                   engine: str = "turbo") -> Report:
    import rdflib

    shapes = _shapes(shapes_path)
    dataset = load_dataset(paths)
    names: list[str] = []
    violations: list[Violation] = []
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        name = str(graph.identifier)
        if len(graph) == 0 or name == ONTOLOGY_GRAPH:
            continue
        names.append(name)
        violations.extend(validate_graph(graph, name, shapes, engine))
    if not names:
        raise ResgraphError(f"{', '.join(map(str, paths))}: no triples to validate")
    if shapes_path is None and not any(
            (None, rdflib.RDF.type, rdflib.URIRef(RG + "Resolution")) in dataset.graph(
                rdflib.URIRef(name)) for name in names):
        # resgraph's shapes check resolutions: a graph without one would pass unchecked
        raise ResgraphError(f"{', '.join(map(str, paths))}: no rg:Resolution in it, so "
                            "nothing for resgraph's shapes to check")
    return Report(tuple(names), tuple(violations))


def _shapes(path: Path | None):  # -> rdflib.Graph
    """resgraph's shapes, or the SHACL shapes in the Turtle file `path`: one that holds none
    (no sh:NodeShape, sh:PropertyShape or target) is refused, as it would pass anything."""
    import rdflib

    if path is None:
        return rdflib.Graph().parse(str(shapes_file()), format="turtle")
    if not path.is_file():
        raise ResgraphError(f"--shapes {path}: no such file")
    try:
        shapes = rdflib.Graph().parse(str(path), format="turtle")
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        raise ResgraphError(f"--shapes {path}: not valid Turtle: "
                            f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
                            ) from None
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    kinds = (sh.NodeShape, sh.PropertyShape)
    targets = (sh.targetClass, sh.targetNode, sh.targetSubjectsOf, sh.targetObjectsOf)
    if not any((None, rdflib.RDF.type, kind) in shapes for kind in kinds) and not any(
            (None, target, None) in shapes for target in targets):
        raise ResgraphError(f"--shapes {path}: holds no SHACL shapes (no sh:NodeShape, "
                            "sh:PropertyShape or target)")
    return shapes
