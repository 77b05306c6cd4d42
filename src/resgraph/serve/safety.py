"""What a SPARQL request may ask, decided before anything is evaluated.

The embedded store (pyoxigraph) and rdflib both send a request to any URL a query names in
`SERVICE`, and an update could change the store, so a request is parsed first (rdflib's
SPARQL 1.1 parser and algebra, which resolves prefixed names) and refused with 400 when it:
- is an update (INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD), or is no query;
- names a `SERVICE` that is not one of the exact endpoint URLs allowed, or a variable one;
- reads a graph (`FROM`, `FROM NAMED`) that the store does not hold: nothing is ever fetched.
An endpoint URL whose host is a private, loopback, link-local or otherwise non-public address
(or a name resolving to one) is never allowed, even when listed: the server must not become a
way into the network it runs in (OWASP, Server-Side Request Forgery).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from resgraph.errors import ResgraphError

FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
         "DescribeQuery": "DESCRIBE"}


class Refused(ResgraphError):
    """A request refused before evaluation, with the HTTP status to answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Checked:
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    services: tuple[str, ...]  # the endpoints it calls, each allowed


def non_public(url: str, resolve: Callable[[str], list[str]] | None = None,
               unresolved_ok: bool = False) -> str | None:
    """Why an endpoint URL may never be called (its host not public), or None. A host name
    that does not resolve now is refused, unless `unresolved_ok` (checking a list at start-up
    on a machine without DNS: each call is checked again)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{url}: not an http(s) URL"
    host = parts.hostname
    try:
        addresses = [host] if _is_ip(host) else (resolve or _resolve)(host)
    except OSError as exc:
        return None if unresolved_ok else f"{url}: cannot resolve {host} ({exc.strerror or exc})"
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            return f"{url}: {host} is a non-public address ({ip})"
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _resolve(host: str) -> list[str]:
    addresses: set[str] = set()
    for info in socket.getaddrinfo(host, None):
        address = info[4][0]
        assert isinstance(address, str)  # an IP address ((int, bytes) only without IPv6 support)
        addresses.add(address)
    return sorted(addresses)


def _walk(node: object, found: list[object]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name == "ServiceGraphPattern":
            found.append(node.get("term"))
        for value in node.values():
            _walk(value, found)
    elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
        for value in node:  # type: ignore[attr-defined]
            _walk(value, found)


def check_query(text: str, allowed: frozenset[str], holds_graph: Callable[[str], bool],
                resolve: Callable[[str], list[str]] | None = None) -> Checked:
    """The query's form and the endpoints it calls, or Refused."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.term import URIRef

    try:
        algebra = translateQuery(parseQuery(text)).algebra
    except Exception as query_error:  # rdflib raises pyparsing's and its own errors
        try:
            parseUpdate(text)
        except Exception:
            reason = str(query_error).splitlines()[0][:200] if str(query_error) else "syntax"
            raise Refused(f"not a SPARQL 1.1 query: {reason}") from None
        raise Refused("updates are refused: this endpoint is read-only") from None
    form = FORMS.get(algebra.name)
    if form is None:
        raise Refused(f"not a query form this endpoint answers: {algebra.name}")
    services: list[object] = []
    _walk(algebra, services)
    called = []
    for term in services:
        if not isinstance(term, URIRef):
            raise Refused(f"SERVICE {term.n3() if hasattr(term, 'n3') else term}: only "
                          "SERVICE with one of the allowed endpoint URLs is answered")
        url = str(term)
        if url not in allowed:
            raise Refused(f"SERVICE <{url}>: not an allowed endpoint (allowed: "
                          f"{', '.join(sorted(allowed)) or 'none'})")
        unsafe = non_public(url, resolve)
        if unsafe:
            raise Refused(f"SERVICE {unsafe}")
        called.append(url)
    for clause in algebra.get("datasetClause") or ():
        iri = clause.get("default") or clause.get("named")
        keyword = "FROM" if clause.get("default") is not None else "FROM NAMED"
        if not isinstance(iri, URIRef) or not holds_graph(str(iri)):
            raise Refused(f"{keyword} <{iri}>: the store holds no such graph, and graphs are "
                          "never fetched")
    return Checked(form, tuple(called))
