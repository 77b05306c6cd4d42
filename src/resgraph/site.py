"""`resgraph site -o DIR`: the pages and data `resgraph serve` publishes, as static files for
any static host.

The server itself makes them: its application runs in this process (no socket), in static
mode (no search or SPARQL forms, which need a server), and is crawled from its home page, the
sitemap, the dataset's descriptions and the downloads, following every internal link of
every page (`href` and `src`), data files included. Each answer is written where a static
host finds it:

- a page at a path, `/id/…/joint-motion`, as `id/…/joint-motion/index.html` (hosts answer a
  directory with its index.html, and redirect the path to the one ending in `/`);
- a file with an extension (`….ttl`, `/dumps/resgraph.nq.gz`) under its own name;
- a URL with a query string (`/queries/demands?resolution=…`, `?offset=50`) as `q-DIGEST.html`
  in its path's folder, the links to it rewritten to that file.

The site is for the root of a host, its paths the IRIs' own (served at the base's host, the
IRIs resolve to it). Written into a staged directory swapped in at the end (corpus.outdir).
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import re
import shutil
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from resgraph.corpus.outdir import staged
from resgraph.errors import StoreError

_LINK = re.compile(r'(?P<attr>\b(?:href|src|action))="(?P<url>[/?][^"]*)"')
# Pages with a path but no extension of a file are written as PATH/index.html.
_FILE = re.compile(r"\.[A-Za-z0-9]{1,8}$")
SITE_MARK = "resgraph-site.txt"  # written in every site, so that a rebuild may replace it

Asgi = Callable[[MutableMapping[str, Any], Callable[[], Awaitable[Any]],
                 Callable[[MutableMapping[str, Any]], Awaitable[None]]], Awaitable[None]]


@dataclass(frozen=True)
class SiteReport:
    pages: int  # HTML files
    files: int  # every file written
    size: int  # bytes
    failed: tuple[tuple[str, int], ...]  # URLs that did not answer 200, with their status


def file_for(url: str) -> str:
    """Where the answer at `url` (a path, with or without a query) is written, relative to
    the site's root. A URL with a query keeps the extension of the data it asks for (the
    path's, or its `format=`), so that a static host serves it with its media type."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if ".." in path.split("/"):
        raise StoreError(f"{url}: a path that leaves its folder is not written")
    if parts.query:
        folder = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/" if (
            _FILE.search(path)) else path + "/"
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
        named = _FILE.search(path.rsplit("/", 1)[-1])
        asked = parse_qs(parts.query).get("format", [""])[0]
        extension = named.group(0) if named else f".{asked}" if _FILE.match(
            f".{asked}") and asked != "html" else ".html"
        return f"{folder.lstrip('/')}q-{digest}{extension}"
    if path.endswith("/"):
        return f"{path.lstrip('/')}index.html"
    if _FILE.search(path.rsplit("/", 1)[-1]):
        return path.lstrip("/")
    return f"{path.lstrip('/')}/index.html"


def link_for(url: str) -> str:
    """The link a static page gives for `url`: the file's path, a folder's with its `/`,
    percent-encoded again where a character would not stand for itself in a path (RFC 3986
    section 3.3: "?", "#", "%", spaces, non-ASCII), as the host decodes it to the file."""
    target = "/" + file_for(url)
    return quote(target.removesuffix("index.html"), safe="/:@!$&'()*+,;=")


async def _get(app: Asgi, url: str, host: str, scheme: str) -> tuple[int, str, bytes]:
    parts = urlsplit(url)
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": scheme, "path": unquote(parts.path), "raw_path": parts.path.encode(),
        "query_string": parts.query.encode(), "root_path": "",
        "headers": [(b"host", host.encode()), (b"accept", b"text/html")],
        "client": ("127.0.0.1", 0), "server": (host, 443 if scheme == "https" else 80),
    }
    status, kind, body = 500, "", bytearray()
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)  # the request has no more to give
        sent = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: MutableMapping[str, Any]) -> None:
        nonlocal status, kind
        if message["type"] == "http.response.start":
            status = message["status"]
            kind = next((v.decode() for k, v in message.get("headers", [])
                         if k.lower() == b"content-type"), "")
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    try:
        await app(scope, receive, send)
    except Exception:  # the server's own error: the URL is listed as failed
        return 500, "", b""
    return status, kind, bytes(body)


def _rewrite(page: str, at: str) -> tuple[str, list[str]]:
    """A page (found at the URL `at`) with its internal links pointing at the site's files,
    and the URLs they were."""
    found: list[str] = []

    def replace(match: re.Match[str]) -> str:
        url = html.unescape(match.group("url"))
        if url.startswith("//"):
            return match.group(0)
        if url.startswith("?"):  # a query on the page's own path
            url = urlsplit(at).path + url
        url = url.split("#", 1)[0] or "/"
        try:
            target = html.escape(link_for(url))
        except StoreError:  # a path leaving its folder: neither followed nor rewritten
            return match.group(0)
        found.append(url)
        anchor = match.group("url").partition("#")[2]
        target += f"#{anchor}" if anchor else ""
        return f'{match.group("attr")}="{target}"'

    return _LINK.sub(replace, page), found


async def _crawl(app: Asgi, folder: Path, host: str, scheme: str,
                 starts: tuple[str, ...], copies: dict[str, Path]) -> SiteReport:
    todo = deque(starts)
    seen: set[str] = set()
    written: dict[str, str] = {}
    pages = size = 0
    failed = []
    while todo:
        url = todo.popleft()
        if url in seen:
            continue
        seen.add(url)
        if url in copies:  # a download: copied, not read into memory (it may be gigabytes)
            target = file_for(url)
            (folder / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copies[url], folder / target)
            written[target] = url
            size += (folder / target).stat().st_size
            continue
        status, kind, body = await _get(app, url, host, scheme)
        if status != 200:
            failed.append((url, status))
            continue
        target = file_for(url)
        if target in written and written[target] != url:
            raise StoreError(f"{url} and {written[target]} would both be {target}")
        written[target] = url
        if kind.startswith("text/html"):
            text, links = _rewrite(body.decode("utf-8"), url)
            body = text.encode("utf-8")
            todo.extend(link for link in links if link not in seen)
            pages += 1
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
        size += len(body)
    return SiteReport(pages, len(written), size, tuple(failed))


def write_site(app: Asgi, out: Path, base: str, dumps: dict[str, Path]) -> SiteReport:
    """The site of `app` (resgraph.serve.app in static mode) written to OUT, crawled from its
    home page, sitemap, dataset descriptions and downloads; `dumps` are the downloads' URLs
    and files, copied as they are."""
    origin = urlsplit(base)
    starts = ("/", "/sitemap.xml", "/.well-known/void", "/catalogue", "/dumps/", "/queries",
              "/openapi.json")

    async def run() -> SiteReport:
        async with app.router.lifespan_context(app):  # type: ignore[attr-defined]
            sitemap = await _get(app, "/sitemap.xml", origin.netloc, origin.scheme)
            listed = tuple(urlsplit(html.unescape(u)).path for u in re.findall(
                r"<loc>([^<]+)</loc>", sitemap[2].decode("utf-8", "replace")))
            return await _crawl(app, folder, origin.netloc, origin.scheme, starts + listed,
                                dumps)

    try:
        with staged(out, replaceable=(SITE_MARK,)) as folder:
            report = asyncio.run(run())
            (folder / SITE_MARK).write_text(
                f"A static copy of a resgraph server's pages and data ({report.files} files)."
                "\n", "utf-8")
    except OSError as exc:
        raise StoreError(f"{out}: cannot write ({exc.strerror or exc})") from None
    return report
