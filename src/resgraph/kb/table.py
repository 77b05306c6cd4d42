"""A knowledge table: records by id, read-only, with whatever compiled patterns its reader
needs beside them (kb.instruments' names, kb.acts' forms)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

V = TypeVar("V")


@dataclass(frozen=True, eq=False)
class Table(Mapping[str, V]):
    """Records by id. One table per source and language in a process: compared and hashed by
    identity, so that patterns compiled from it can be cached with it as their key (a Mapping
    would otherwise compare by value and not hash)."""

    by_id: dict[str, V]

    def __getitem__(self, key: str) -> V:
        return self.by_id[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_id)

    def __len__(self) -> int:
        return len(self.by_id)

    def __eq__(self, other: object) -> bool:
        return self is other

    __hash__ = object.__hash__
