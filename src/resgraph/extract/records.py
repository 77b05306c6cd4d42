"""Facts <-> JSON: facts saved, cached or sent to another process, and read back.

A fact refers to the part it was read from by the part's printed path (["paragraph", "4",
"point", "a"], ["footnote", "1"]) and to its words by offsets into that part's text, so the
record holds no text of its own and reading it back needs the document it was read from.
Everything else is the dataclasses' own fields; tuples become lists.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from resgraph.errors import ResgraphError
from resgraph.model import (
    Demand,
    Entity,
    Event,
    EventSpan,
    Facts,
    Figure,
    Footnote,
    LegalReference,
    Mention,
    Part,
    Resolution,
)

VERSION = 1
# Facts' fields and the record each holds.
_FIELDS: dict[str, type] = {
    "entities": Entity, "mentions": Mention, "demands": Demand,
    "references": LegalReference, "events": Event, "figures": Figure,
}
# Fields holding records of their own.
_NESTED: dict[tuple[type, str], type] = {(Event, "spans"): EventSpan}


class RecordError(ResgraphError):
    """A facts record that does not fit the document it is read against."""


def facts_to_json(facts: Facts) -> dict[str, Any]:
    return {"version": VERSION,
            **{name: [_record(item) for item in getattr(facts, name)] for name in _FIELDS}}


def facts_from_json(data: Mapping[str, Any], resolution: Resolution) -> Facts:
    if data.get("version") != VERSION:
        raise RecordError(f"facts record version {data.get('version')!r}, expected {VERSION}")
    parts = {p.path: p for p in _parts(resolution)}
    return Facts(**{name: tuple(_read(cls, item, parts) for item in data.get(name, ()))
                    for name, cls in _FIELDS.items()})


def _record(item: object) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in dataclasses.fields(item):  # type: ignore[arg-type]
        value = getattr(item, field.name)
        if isinstance(value, Part | Footnote):
            out[field.name] = list(value.path)
        elif isinstance(value, tuple):
            out[field.name] = [_record(v) if dataclasses.is_dataclass(v) else _plain(v)
                               for v in value]
        else:
            out[field.name] = value
    return out


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def _read(cls: type, data: Mapping[str, Any], parts: dict[tuple[str, ...], Part | Footnote]):
    values: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name not in data:
            continue  # a default
        value = data[field.name]
        if field.name == "part":
            path = tuple(value)
            if path not in parts:
                raise RecordError(f"the facts refer to {' '.join(path)!r}, which the "
                                  "document does not have")
            values["part"] = parts[path]
        elif (cls, field.name) in _NESTED:
            values[field.name] = tuple(_read(_NESTED[cls, field.name], v, parts) for v in value)
        elif isinstance(value, list):
            values[field.name] = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        else:
            values[field.name] = value
    return cls(**values)


def _parts(resolution: Resolution) -> Iterator[Part | Footnote]:
    def walk(part: Part) -> Iterator[Part]:
        yield part
        for child in part.parts:
            yield from walk(child)

    for part in (resolution.title, *resolution.citations, *resolution.recitals,
                 *resolution.paragraphs, *resolution.headings, *resolution.annexes):
        yield from walk(part)
    yield from resolution.footnotes
