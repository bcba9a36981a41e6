"""Talk to the Docker engine's REST API by hand: an HTTP request written out in full, sent over
the same socket the docker CLI uses, and the engine's JSON answer.

The docker CLI and the Python SDK do exactly this underneath. Writing the request ourselves
shows that there is nothing more to it:

    answer = rest.request("GET", "/containers/json", params={"all": 1})
    answer.show()          # the request as sent, then the status line and the JSON body
    answer.json            # the decoded body

Addresses: unix:///path/to/docker.sock and tcp://HOST:PORT (plain HTTP), the two the CLI knows
without TLS. Every wait is bounded by `timeout`."""
import contextlib
import http.client
import json
import os
import socket
import urllib.parse
from dataclasses import dataclass, field

from . import replay
from .engine import CourseError, engine_host
from .messages import say

TIMEOUT = 10  # seconds for one request; the engine answers local requests in milliseconds


class RestError(CourseError):
    """The request could not be sent, or the answer could not be read."""


@dataclass
class Exchange:
    """One request and the engine's answer to it."""
    host: str
    request_text: str             # the request, byte for byte as sent (decoded for display)
    status: int
    reason: str
    headers: dict
    body: bytes
    json: object = field(default=None)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def show(self, max_lines: int = 40):
        """Print the request, then the answer: status line and pretty JSON (cut at max_lines)."""
        print(f"--- request sent to {self.host}")
        print(self.request_text.replace("\r\n", "\n").rstrip("\n"))
        print(f"--- answer: HTTP {self.status} {self.reason}")
        if self.json is not None:
            text = json.dumps(self.json, indent=2, sort_keys=False)
        else:
            text = self.body.decode(errors="replace")
        lines = text.splitlines()
        for line in lines[:max_lines]:
            print(line)
        if len(lines) > max_lines:
            print(f"... ({len(lines) - max_lines} more lines)")

    def __repr__(self):
        return f"Exchange(HTTP {self.status} {self.reason}, {len(self.body)} bytes)"


def parse_host(host: str):
    """(family, address) for a socket, from a DOCKER_HOST-style address."""
    parts = urllib.parse.urlsplit(host)
    if parts.scheme == "unix":
        return socket.AF_UNIX, parts.path
    if parts.scheme in ("tcp", "http"):
        if not parts.hostname or not parts.port:
            raise RestError(say("rest.bad_host", host=host))
        return socket.AF_INET6 if ":" in parts.hostname else socket.AF_INET, (parts.hostname, parts.port)
    raise RestError(say("rest.unsupported_host", host=host, scheme=parts.scheme or "(none)"))


def open_socket(host: str, timeout: float = TIMEOUT) -> socket.socket:
    """A socket connected to the engine at `host`; RestError (with what to do) when none answers."""
    family, address = parse_host(host)
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(address)
    except OSError as exc:
        sock.close()
        raise RestError(say("rest.no_answer", host=host, reason=exc.strerror or type(exc).__name__)) from None
    return sock


def build_request(method: str, path: str, params=None, body=None) -> bytes:
    """The HTTP/1.1 request, as bytes. Query values that are dicts or lists go as JSON (filters)."""
    query = ""
    if params:
        encoded = {k: (json.dumps(v, separators=(",", ":")) if isinstance(v, (dict, list)) else v)
                   for k, v in params.items()}
        query = "?" + urllib.parse.urlencode(encoded)
    lines = [f"{method.upper()} {path}{query} HTTP/1.1",
             "Host: docker",                    # required by HTTP/1.1; the engine ignores it
             "User-Agent: docker-course-by-hand",
             "Connection: close"]                # one request per connection: simple to read
    payload = b""
    if body is not None:
        payload = json.dumps(body, indent=1).encode()
        lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


def request(method: str, path: str, params=None, body=None, host: str = None,
            timeout: float = TIMEOUT, versioned: bool = True) -> Exchange:
    """Send one request to the engine and read its whole answer.

    path: an API path such as "/containers/json"; it is prefixed with the engine's API version
    (e.g. /v1.41) unless versioned is False. body: a JSON-able object sent as the request body."""
    host = host or engine_host()
    if not path.startswith("/"):
        raise RestError(say("rest.bad_path", path=path))
    if replay.active():  # reading mode (no engine): show what would be sent, send nothing
        print(say("replay.not_run"))
        raw = build_request(method, path, params, body)
        return Exchange(host, raw.decode(errors="replace"), 0, "(not sent: no engine)", {}, b"")
    if versioned and not path.startswith("/v1."):
        path = f"/v{api_version(host, timeout)}{path}"
    raw = build_request(method, path, params, body)
    sock = open_socket(host, timeout)
    try:
        sock.sendall(raw)
        answer = http.client.HTTPResponse(sock, method=method.upper())
        answer.begin()
        data = answer.read()
    except (OSError, http.client.HTTPException) as exc:
        raise RestError(say("rest.broken_answer", host=host, reason=str(exc) or type(exc).__name__)) from None
    finally:
        sock.close()
    decoded = None
    if "json" in (answer.getheader("Content-Type") or "") and data.strip():
        try:
            decoded = json.loads(data)
        except ValueError:
            decoded = None
    return Exchange(host, raw.decode(errors="replace"), answer.status, answer.reason,
                    dict(answer.getheaders()), data, decoded)


_versions = {}


def api_version(host: str = None, timeout: float = TIMEOUT) -> str:
    """The API version the engine speaks (asked once per address with GET /version)."""
    host = host or engine_host()
    if host not in _versions:
        answer = request("GET", "/version", host=host, timeout=timeout, versioned=False)
        if not answer.ok or not isinstance(answer.json, dict):
            raise RestError(say("rest.broken_answer", host=host, reason=f"HTTP {answer.status}"))
        _versions[host] = answer.json["ApiVersion"]
    return _versions[host]


@contextlib.contextmanager
def docker_host(address: str):
    """DOCKER_HOST set to `address` inside the `with` block, and put back as it was afterwards."""
    saved = os.environ.get("DOCKER_HOST")
    os.environ["DOCKER_HOST"] = address
    try:
        yield address
    finally:
        if saved is None:
            os.environ.pop("DOCKER_HOST", None)
        else:
            os.environ["DOCKER_HOST"] = saved
