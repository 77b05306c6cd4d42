"""Fetching EP documents by reference: refs (what the user typed -> identifiers), http (a
polite client), cache (downloads kept by content), sources (which service, in which order)."""

from resgraph.fetch.cache import Cache, default_cache
from resgraph.fetch.http import FetchError, Http, HttpSettings
from resgraph.fetch.refs import BadReference, Reference, is_reference, parse_reference
from resgraph.fetch.sources import Fetched, Fetcher, Services, save

__all__ = [
    "BadReference", "Cache", "FetchError", "Fetched", "Fetcher", "Http", "HttpSettings",
    "Reference", "Services", "default_cache", "is_reference", "parse_reference", "save",
]
