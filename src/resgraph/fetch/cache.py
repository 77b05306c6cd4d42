"""A disk cache of downloads, keyed by content: each body is stored once under its SHA-256,
and one small index file per request (URL and Accept) or per document reference says which
body it led to. What the index holds is answered from disk; it goes to the network again
only when the caller asks for a refresh.

Layout: objects/<sha256[:2]>/<sha256>, index/<sha256 of the key>.json and documents/, the
fetched documents under their references' names for `resgraph build REF`. Every write is
atomic and no file is ever read, changed and written back, so two runs sharing the cache
cannot lose each other's entries.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from resgraph.errors import StoreError
from resgraph.pipeline import atomic_write


def default_cache() -> Path:
    """$RESGRAPH_CACHE, else the XDG cache directory (~/.cache/resgraph)."""
    if os.environ.get("RESGRAPH_CACHE"):
        return Path(os.environ["RESGRAPH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "resgraph"


@dataclass(frozen=True)
class Cached:
    url: str
    media_type: str
    sha256: str
    path: Path
    source: str = ""  # which service gave it, when the key is a document reference


class Cache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def lookup(self, key: str) -> Cached | None:
        """The entry for `key`; None when there is none, or it is unreadable or its body is
        gone (the network is asked again and the entry rewritten)."""
        try:
            entry = json.loads(self._entry(key).read_text("utf-8"))
            cached = Cached(str(entry["url"]), str(entry["media_type"]), str(entry["sha256"]),
                            self._object(str(entry["sha256"])), str(entry.get("source", "")))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return cached if cached.path.is_file() else None

    def store(
        self, key: str, url: str, media_type: str, body: bytes, source: str = ""
    ) -> Cached:
        digest = hashlib.sha256(body).hexdigest()
        path = self._object(digest)
        if not path.is_file():
            self._mkdir(path.parent)
            atomic_write(path, body)
        return self.alias(key, Cached(url, media_type, digest, path, source))

    def alias(self, key: str, cached: Cached) -> Cached:
        """Make `key` lead to a body already stored."""
        entry = {"key": key, "url": cached.url, "media_type": cached.media_type,
                 "sha256": cached.sha256}
        if cached.source:
            entry["source"] = cached.source
        self._mkdir(self.folder / "index")
        atomic_write(self._entry(key), json.dumps(entry, indent=1, sort_keys=True).encode())
        return cached

    def _entry(self, key: str) -> Path:
        return self.folder / "index" / (hashlib.sha256(key.encode()).hexdigest() + ".json")

    def _object(self, digest: str) -> Path:
        return self.folder / "objects" / digest[:2] / digest

    @staticmethod
    def _mkdir(folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{folder}: cannot create the cache ({exc.strerror})") from None
