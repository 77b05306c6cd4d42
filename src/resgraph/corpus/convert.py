"""One document -> what a corpus build writes of it: a pure function of the input file (and
the knowledge base the process has loaded), picklable both ways, so that a process pool or a
distributed engine can run it. Nothing here writes a file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from resgraph.corpus.across import summarise
from resgraph.errors import ResgraphError
from resgraph.serialize import FORMATS, jsonld_graph_chunks, serialize, split_prefixes


@dataclass(frozen=True)
class Job:
    source: str  # the input file
    base: str
    formats: tuple[str, ...]  # the serialisations asked for (N-Quads always)


@dataclass(frozen=True)
class Converted:
    """One resolution's named graph, serialised: `parts` are its pieces of the corpus-wide
    files (N-Quads lines, TriG body, JSON-LD graph object) and its summary for the aggregates
    across resolutions (corpus.across), `files` its own files (Turtle,
    N-Triples, RDF/XML), `summary` the lines the command line prints about it."""

    source: str
    resolution: str  # the resolution's IRI
    graph: str  # its named graph
    stem: str  # its file name stem: "2022-2505-RSP_joint-motion"
    parts: dict[str, bytes]  # format name -> this graph's piece of the corpus-wide file
    files: dict[str, bytes]  # file extension -> the resolution's own file
    summary: tuple[str, ...]
    triples: int


@dataclass(frozen=True)
class Failed:
    source: str
    message: str  # one line: what was expected and what was found


def digest(path: str | Path) -> str | None:
    """The SHA-256 of a file's bytes, or None if it cannot be read (convert says why)."""
    h = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def warm() -> None:
    """Load what every conversion reads (the knowledge base, the language model) once, in the
    process that starts the pool: forked workers share it instead of each loading its own."""
    from resgraph.kb import load_kb
    from resgraph.text.language import detect

    load_kb()
    detect("The European Parliament")


def convert(job: Job) -> Converted | Failed:
    from resgraph.pipeline import build_one, file_stem  # the pipeline imports this package

    try:
        built = build_one(job.source, job.base)
    except ResgraphError as exc:
        message = str(exc)
        prefix = f"{job.source}: "
        return Failed(job.source, message[len(prefix):] if message.startswith(prefix)
                      else message)
    quads = built.quads
    graph = built.minter.graph
    parts = {"nquads": serialize(quads, "nquads"), "across": summarise(quads)}
    if "trig" in job.formats:
        parts["trig"] = split_prefixes(serialize(quads, "trig"))[1]
    if "jsonld" in job.formats:
        parts["jsonld"] = jsonld_graph_chunks(quads)[graph].encode("utf-8")
    files = {FORMATS[f].extension: serialize(quads, f) for f in job.formats
             if not FORMATS[f].quads}
    return Converted(job.source, built.minter.resolution, graph, file_stem(built), parts, files,
                     describe(built), len(quads))


@dataclass(frozen=True)
class Staged:
    """A Converted whose bytes a worker has written to `folder` as `{key}.{extension}` (the
    pieces with the extensions of their formats): what the pool sends back is this, not the
    graph, so the parent process has little to receive and nothing to write."""

    converted: Converted  # its parts and files emptied
    folder: str
    key: str
    parts: tuple[str, ...]  # format names written
    files: tuple[str, ...]  # extensions written


# Every graph's pieces: N-Quads and its summary for the corpus-wide aggregates (across.py)
# always, TriG and JSON-LD when those formats are asked for.
PART_EXTENSIONS = {"nquads": "nq", "across": "across.json", "trig": "trig", "jsonld": "jsonld"}
ALWAYS = ("nquads", "across")


def convert_into(job: Job, folder: str, key: str) -> Staged | Failed:
    """`convert`, its bytes written to `folder` rather than returned."""
    result = convert(job)
    if isinstance(result, Failed):
        return result
    base = Path(folder)
    try:
        for name, data in result.parts.items():
            (base / f"{key}.part.{PART_EXTENSIONS[name]}").write_bytes(data)
        for extension, data in result.files.items():
            (base / f"{key}.{extension}").write_bytes(data)
    except OSError as exc:
        return Failed(job.source, f"cannot write its output to {folder} ({exc.strerror})")
    light = Converted(result.source, result.resolution, result.graph, result.stem, {}, {},
                      result.summary, result.triples)
    return Staged(light, folder, key, tuple(result.parts), tuple(result.files))


def describe(built) -> tuple[str, ...]:
    """What the command line says of one resolution: its procedure, title and IRI, its
    structure, its facts and the references nothing identifies."""
    from resgraph.graph.facts import reference_target

    r, facts = built.resolution, built.facts
    points = sum(len(p.parts) for p in (*r.recitals, *r.paragraphs))
    title = r.metadata.title[:70] + ("…" if len(r.metadata.title) > 70 else "")
    persons = sum(1 for e in facts.entities if e.kind == "person")
    lines = [
        f"{r.metadata.procedure.reference} {title}",
        f"  {built.minter.resolution}",
        f"  {len(r.citations)} citations, {len(r.recitals)} recitals, "
        f"{len(r.paragraphs)} paragraphs, {points} points/indents, {len(r.headings)} headings, "
        f"{len(r.footnotes)} footnotes; {len(built.quads)} triples",
        f"  {persons} persons, {len(facts.entities) - persons} organisations, offices and "
        f"places, {len(facts.mentions)} mentions, {len(facts.demands)} demands, "
        f"{len(facts.references)} legal references, {len(facts.events)} events "
        f"({sum(1 for e in facts.events if e.date)} dated), {len(facts.figures)} figures",
    ]
    unresolved = [ref for ref in facts.references
                  if reference_target(built.minter, ref) is None]
    if unresolved:
        names = list(dict.fromkeys(ref.instrument for ref in unresolved))
        more = f"; … ({len(names) - 6} more)" if len(names) > 6 else ""
        lines.append(f"  unresolved references: {len(unresolved)} "
                     f"({'; '.join(names[:6]) + more})")
    return tuple(lines)
