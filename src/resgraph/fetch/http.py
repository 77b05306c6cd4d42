"""HTTP as a polite client: a descriptive User-Agent, a minimum interval between requests to
one host, timeouts, retries with exponential backoff that honour Retry-After (RFC 9110,
section 10.2.3), and Basic or Digest authentication (RFC 7617, RFC 7616) for the stores
resgraph writes to. Every failure is one FetchError line.

Only the standard library: urllib has both authentication schemes, and its errors are
enough.
"""

from __future__ import annotations

import base64
import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from resgraph import __version__
from resgraph.errors import ResgraphError

USER_AGENT = (
    f"resgraph/{__version__} (linked data from European Parliament resolutions; "
    "https://github.com/resgraph/resgraph)"
)
# Answers worth another try: rate limiting and a server's passing trouble.
_RETRY = frozenset({429, 500, 502, 503, 504})


class FetchError(ResgraphError):
    """A download failed: the message names the URL and what happened."""


@dataclass(frozen=True)
class HttpSettings:
    user_agent: str = USER_AGENT
    timeout: float = 30.0  # seconds without an answer before a request is given up
    attempts: int = 4
    backoff: float = 2.0  # the first wait between attempts; it doubles
    max_wait: float = 300.0  # a longer Retry-After is an error, not a wait
    # The ODP's cited limit is 500 requests in 5 minutes (reference/ep-sources.md): 0.6 s.
    min_interval: float = 0.6


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str
    scheme: str = "basic"  # or "digest"


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    media_type: str  # the Content-Type without parameters
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass
class Http:
    settings: HttpSettings = field(default_factory=HttpSettings)
    credentials: Credentials | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: dict[str, float] = field(default_factory=dict)  # host -> time of its last request
    _challenges: dict[str, dict[str, str]] = field(default_factory=dict)  # host -> Digest

    def get(self, url: str, accept: str, language: str | None = None) -> Response | None:
        """The body at `url`, or None when the server says it has no such resource (404,
        410). Retries what may pass; raises FetchError for everything else."""
        headers = {"Accept": accept}
        if language:
            headers["Accept-Language"] = language
        return self.send("GET", url, headers, missing=(404, 410))

    def send(self, method: str, url: str, headers: dict[str, str], body: bytes | None = None,
             missing: tuple[int, ...] = ()) -> Response | None:
        """`method` on `url`; None when the answer's status is one of `missing`. Retries what
        may pass; raises FetchError for everything else."""
        headers = {"User-Agent": self.settings.user_agent, **headers}
        try:
            if urlsplit(url).scheme not in ("http", "https"):
                raise ValueError("only http and https")
        except ValueError as exc:
            raise FetchError(f"{url}: not a URL resgraph can fetch ({exc})") from None
        last_problem = ""
        made = 0
        for attempt in range(1, self.settings.attempts + 1):
            self._wait_turn(url)
            made = attempt
            wait = self.settings.backoff * 2 ** (attempt - 1)
            try:
                return self._once(method, url, headers, body)
            except urllib.error.HTTPError as exc:
                if exc.code in missing:
                    return None
                last_problem = f"HTTP {exc.code} {exc.reason}"
                if exc.code not in _RETRY:
                    break
                asked = _retry_after(exc.headers.get("Retry-After"))
                if asked is not None:
                    if asked > self.settings.max_wait:
                        raise FetchError(
                            f"{url}: {last_problem}, asks to wait {asked:.0f} s (more than "
                            f"the {self.settings.max_wait:.0f} s resgraph waits)"
                        ) from None
                    wait = asked
            except TimeoutError:
                last_problem = f"no answer within {self.settings.timeout:g} s"
            except http.client.IncompleteRead as exc:
                expected = len(exc.partial) + (exc.expected or 0)
                last_problem = f"truncated body ({len(exc.partial)} of {expected} bytes)"
            except ValueError as exc:  # urllib's word for a malformed URL
                raise FetchError(f"{url}: not a URL resgraph can fetch ({exc})") from None
            except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                if isinstance(reason, TimeoutError):
                    last_problem = f"no answer within {self.settings.timeout:g} s"
                else:
                    last_problem = f"cannot connect ({reason})"
            if attempt < self.settings.attempts:
                self.sleep(wait)
        raise FetchError(f"{url}: {last_problem} after {made} attempt{'s' if made != 1 else ''}")

    def _once(self, method: str, url: str, headers: dict[str, str],
              body: bytes | None) -> Response:
        headers = dict(headers)
        c = self.credentials
        if c is not None and c.scheme == "basic":
            # sent with the first request (RFC 7617 allows it): some stores never ask
            token = base64.b64encode(f"{c.user}:{c.password}".encode()).decode("ascii")
            headers["Authorization"] = f"Basic {token}"
        if c is not None and c.scheme == "digest":
            return self._digest(method, url, headers, body, c)
        try:
            return self._open(urllib.request.Request(url, body, headers, method=method))
        except (urllib.error.URLError, BrokenPipeError, ConnectionResetError) as exc:
            # urllib wraps an error met while sending in URLError (not an HTTPError: those
            # are answers, and go up as they are)
            reason = getattr(exc, "reason", exc)
            if (body is None or isinstance(exc, urllib.error.HTTPError)
                    or not isinstance(reason, (BrokenPipeError, ConnectionResetError))):
                raise
            # A store may refuse before it has read the body, and close the connection while
            # the body is still being sent (Virtuoso answering 401 to a large PUT): ask again
            # without one, to say what it refused with.
            self._open(urllib.request.Request(url, None, headers, method="HEAD"))
            raise

    def _digest(self, method: str, url: str, headers: dict[str, str], body: bytes | None,
                c: Credentials) -> Response:
        """Digest authentication (RFC 7616) computed before the request is sent: urllib's
        handler would send every request unauthenticated first, and a store refusing a large
        body closes the connection before its 401 can be read. The challenge comes from a
        request without a body (HEAD) and is kept per host; a stale nonce is renewed from the
        401 that says so."""
        host = urlsplit(url).netloc
        for _ in range(2):
            if host not in self._challenges:
                try:
                    self._open(urllib.request.Request(url, None, headers, method="HEAD"))
                except urllib.error.HTTPError as exc:
                    if exc.code != 401:
                        raise
                    self._challenges[host] = _digest_challenge(exc.headers)
                else:
                    return self._open(urllib.request.Request(url, body, headers,
                                                             method=method))
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, url, c.user, c.password)  # type: ignore[arg-type]
            signer = urllib.request.HTTPDigestAuthHandler(passwords)
            request = urllib.request.Request(url, body, headers, method=method)
            authorization = signer.get_authorization(request, self._challenges[host])
            if authorization:
                request.add_unredirected_header("Authorization", f"Digest {authorization}")
            try:
                return self._open(request)
            except urllib.error.HTTPError as exc:
                if exc.code != 401:
                    raise
                self._challenges.pop(host, None)  # a stale nonce: ask for a new one, once
                last = exc
        raise last

    def _open(self, request: urllib.request.Request) -> Response:
        with urllib.request.urlopen(request, timeout=self.settings.timeout) as answer:
            data = answer.read()  # http.client raises IncompleteRead on a short body
            media = (answer.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            return Response(answer.geturl(), answer.status, media, data,
                            tuple(answer.headers.items()))

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        now = self.clock()
        last = self._last.get(host)
        if last is not None and now - last < self.settings.min_interval:
            self.sleep(self.settings.min_interval - (now - last))
        self._last[host] = self.clock()


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: delay-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _digest_challenge(headers) -> dict[str, str]:
    """The parameters of a `WWW-Authenticate: Digest …` header (RFC 7616, section 3.3)."""
    for value in headers.get_all("WWW-Authenticate") or ():
        scheme, _, rest = value.partition(" ")
        if scheme.lower() == "digest":
            items = urllib.request.parse_http_list(rest)
            return urllib.request.parse_keqv_list([i.strip() for i in items if i.strip()])
    raise urllib.error.HTTPError("", 401, "Unauthorized (no Digest challenge)", headers, None)
