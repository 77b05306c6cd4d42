"""Where a document is fetched from, in order (reference/ep-sources.md, "Services"):

1. the ODP API record (`adopted-texts` for texts adopted, `plenary-documents` for motions,
   joint motions and reports), following its English expression to a manifestation: the EP's
   XML first, then its XHTML, then the PDF;
2. the doceo page, then the doceo PDF;
3. for texts adopted, Formex from Cellar (content negotiation on the CELEX work), which
   holds older texts the ODP does not.

A 404 moves on to the next source; any other failure stops with its one-line error. The base
URLs are settings, so tests point them at a server on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from resgraph.errors import StoreError
from resgraph.fetch.cache import Cache, Cached
from resgraph.fetch.http import FetchError, Http
from resgraph.fetch.refs import Reference
from resgraph.pipeline import atomic_write

_JSON_LD = "application/ld+json"
# Manifestations in order of preference: the markup with the most structure first.
_PREFERRED = (".xml", ".xhtml", ".html", ".pdf")
_FORMEX_ZIP = "application/zip;mtype=fmx4"  # Cellar's name for a Formex 4 package


@dataclass(frozen=True)
class Services:
    odp_api: str = "https://data.europarl.europa.eu/api/v2"
    odp_data: str = "https://data.europarl.europa.eu"  # @base of the API's relative ids
    doceo: str = "https://www.europarl.europa.eu/doceo/document"
    cellar: str = "http://publications.europa.eu/resource/celex"

    @classmethod
    def from_environment(cls) -> Services:
        """Defaults, each overridden by RESGRAPH_ODP_API, RESGRAPH_ODP_DATA, RESGRAPH_DOCEO
        and RESGRAPH_CELLAR."""
        default = cls()
        return cls(**{
            name: os.environ.get(f"RESGRAPH_{name.upper()}", getattr(default, name)).rstrip("/")
            for name in ("odp_api", "odp_data", "doceo", "cellar")
        })


@dataclass(frozen=True)
class Fetched:
    reference: Reference
    source: str  # which service answered, for the user
    document: Cached
    from_cache: bool

    @property
    def extension(self) -> str:
        return _extension(self.document.url, self.document.media_type)


class Fetcher:
    def __init__(self, http: Http, cache: Cache, services: Services, refresh: bool = False):
        self.http, self.cache, self.services, self.refresh = http, cache, services, refresh
        self.hits = 0  # answers the cache gave

    def fetch(self, ref: Reference) -> Fetched:
        """The document `ref` names: from the cache when it led to one before (no request at
        all), else from the first source that has it."""
        key = f"document {ref.name}"
        if not self.refresh:
            known = self.cache.lookup(key)
            if known is not None:
                self.hits += 1
                return Fetched(ref, known.source, known, True)
        found = self._search(ref)
        self.cache.alias(key, replace(found.document, source=found.source))
        return found

    def _search(self, ref: Reference) -> Fetched:
        tried: list[str] = []
        s = self.services
        if ref.odp_id:
            endpoint = "adopted-texts" if ref.family == "TA" else "plenary-documents"
            record_url = (f"{s.odp_api}/{endpoint}/{quote(ref.odp_id)}"
                          f"?format={quote(_JSON_LD, safe='')}&language=en")
            record = self._get(record_url, _JSON_LD)
            if record is None:
                tried.append("ODP record: 404")
            else:
                path = _manifestation(record[0].path.read_bytes(), record_url)
                if path is None:
                    tried.append("ODP record: no English XML, XHTML or PDF")
                else:
                    url = f"{s.odp_data}/{path.lstrip('/')}"
                    got = self._get(url, "*/*")
                    if got is not None:
                        return Fetched(ref, "ODP", *got)
                    tried.append(f"ODP file {path}: 404")
            for suffix, label in (("_EN.html", "doceo HTML"), ("_EN.pdf", "doceo PDF")):
                got = self._get(f"{s.doceo}/{ref.odp_id}{suffix}", "*/*")
                if got is not None:
                    return Fetched(ref, label, *got)
                tried.append(f"{label}: 404")
        for celex in ref.celex_candidates():
            got = self._get(f"{s.cellar}/{celex}", _FORMEX_ZIP, language="eng")
            if got is not None:
                return Fetched(ref, f"Cellar Formex {celex}", *got)
        if ref.celex_candidates():
            tried.append("Cellar Formex: 404")
        raise FetchError(f"{ref.printed}: not found ({'; '.join(tried)})")

    def _get(
        self, url: str, accept: str, language: str | None = None
    ) -> tuple[Cached, bool] | None:
        """The cached answer to this request, else the network's (stored); None for a 404."""
        key = f"{accept} {language or ''} {url}"
        if not self.refresh:
            cached = self.cache.lookup(key)
            if cached is not None:
                self.hits += 1
                return cached, True
        answer = self.http.get(url, accept, language)
        if answer is None:
            return None
        return self.cache.store(key, url, answer.media_type, answer.body), False


def _manifestation(body: bytes, url: str) -> str | None:
    """The path of the English manifestation to fetch, from an ODP API record (JSON-LD read as
    JSON: ids are relative to the API's @base): work -> is_realized_by (the /en expression)
    -> is_embodied_by -> is_exemplified_by."""
    try:
        record = json.loads(body)
    except ValueError:
        raise FetchError(f"{url}: the ODP record is not JSON") from None
    works = record.get("data", record) if isinstance(record, dict) else record
    works = works if isinstance(works, list) else [works]
    paths: list[str] = []
    for work in works:
        if not isinstance(work, dict):
            continue
        for expression in _as_list(work.get("is_realized_by")):
            if not (isinstance(expression, dict)
                    and str(expression.get("id", "")).endswith("/en")):
                continue
            for manifestation in _as_list(expression.get("is_embodied_by")):
                if isinstance(manifestation, dict):
                    paths.extend(str(p) for p in _as_list(manifestation.get("is_exemplified_by")))
    for suffix in _PREFERRED:
        for path in sorted(paths):
            if path.lower().endswith(suffix):
                return path
    return None


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _extension(url: str, media_type: str) -> str:
    by_type = {"application/pdf": ".pdf", "application/zip": ".zip", "text/html": ".html",
               "application/xhtml+xml": ".xhtml", "application/xml": ".xml", "text/xml": ".xml"}
    if media_type in by_type:
        return by_type[media_type]
    tail = url.rsplit("/", 1)[-1].split("?")[0]
    return "." + tail.rsplit(".", 1)[-1].lower() if "." in tail else ".bin"


def save(fetched: Fetched, folder: Path) -> Path:
    """Write a fetched document into `folder` under its reference's name ("TA-9-2022-0012.xml"),
    atomically; the cache keeps its own copy."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{folder}: cannot create the directory ({exc.strerror})") from None
    path = folder / f"{fetched.reference.name}{fetched.extension}"
    atomic_write(path, fetched.document.path.read_bytes())
    return path
