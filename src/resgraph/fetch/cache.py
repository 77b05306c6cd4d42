"""A disk cache of downloads, keyed by content: each body is stored once under its SHA-256,
and an index maps each request (URL and Accept) to the body it got, and each document reference
to the document it led to. What the index holds is answered from disk; it goes to the network
again only when the caller asks for a refresh.

Layout: objects/<sha256[:2]>/<sha256> and index.json. Writes are atomic.
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
        self._index_path = folder / "index.json"

    def _index(self) -> dict[str, dict[str, str]]:
        try:
            return json.loads(self._index_path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self._index_path}: unreadable cache index ({exc})") from None

    def lookup(self, key: str) -> Cached | None:
        entry = self._index().get(key)
        if entry is None:
            return None
        path = self._object(entry["sha256"])
        if not path.is_file():
            return None
        return Cached(entry["url"], entry["media_type"], entry["sha256"], path,
                      entry.get("source", ""))

    def store(
        self, key: str, url: str, media_type: str, body: bytes, source: str = ""
    ) -> Cached:
        digest = hashlib.sha256(body).hexdigest()
        path = self._object(digest)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: cannot create the cache ({exc.strerror})") from None
        if not path.is_file():
            atomic_write(path, body)
        index = self._index()
        index[key] = {"url": url, "media_type": media_type, "sha256": digest}
        if source:
            index[key]["source"] = source
        atomic_write(self._index_path, json.dumps(index, indent=1, sort_keys=True).encode())
        return Cached(url, media_type, digest, path, source)

    def _object(self, digest: str) -> Path:
        return self.folder / "objects" / digest[:2] / digest
