"""The one loader of the knowledge files shipped in resgraph/data: gazetteer.json (actors and
places), instruments.json (legal instruments), speech_acts.json (acts), event_types.json
(event types), given_names.json (given names). Each file is read once per process; a file that
cannot be read or is not the JSON object it should be is a one-line KnowledgeError naming
it."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from resgraph.errors import ResgraphError

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = ("gazetteer.json", "geonames.json", "instruments.json", "speech_acts.json",
         "event_types.json", "given_names.json")


class KnowledgeError(ResgraphError):
    """A knowledge file shipped with resgraph is missing or malformed (a broken install)."""


LANG = DATA.parent / "lang"


@cache
def read_lexicon(language: str, name: str) -> dict[str, Any]:
    """The JSON object in resgraph/lang/`language`/`name`: a language's words (act forms,
    event triggers), beside the language-neutral records in resgraph/data."""
    return read_path(LANG / language / name)


@cache
def read(name: str) -> dict[str, Any]:
    """The JSON object in resgraph/data/`name`."""
    return read_path(DATA / name)


def read_path(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot be read ({exc.strerror})") from None
    except ValueError as exc:
        raise KnowledgeError(f"{path}: is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a JSON object")
    return data
