"""The Registry HTTP API v2, by hand: what `docker push` and `docker pull` say to a registry.

Each call shows the request (`>` lines) and the answer (`<` lines, then the body), the way
`curl -v` would, so a notebook can read them. The password never appears: the Authorization
header is shown as hidden. Requests go through course_lib.registry.request (it adds the course
user's Basic auth) and every one has a timeout."""
import hashlib
import json
from dataclasses import dataclass, field

from . import registry
from .engine import CourseError
from .messages import say

# What `docker pull` sends: "I understand image indexes (multi-platform) and single manifests,
# OCI or Docker". Without it a registry may answer an old format, or refuse.
MANIFEST_TYPES = (
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.v2+json",
)
ACCEPT_MANIFESTS = ", ".join(MANIFEST_TYPES)

# Answer headers worth reading; the rest (Date, X-Content-Type-Options...) only add noise.
SHOWN_HEADERS = ("Content-Type", "Docker-Content-Digest", "WWW-Authenticate", "Location")
BODY_LINES = 40  # longer JSON bodies are cut, with a note saying so


@dataclass
class Reply:
    method: str
    path: str
    status: int
    headers: dict = field(repr=False)
    body: bytes = field(repr=False)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    def header(self, name: str):
        """A header's value, whatever its case, or None."""
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)

    @property
    def digest(self):
        """Docker-Content-Digest: the registry's name for what it answered (sha256 of the bytes)."""
        return self.header("Docker-Content-Digest")

    def json(self):
        return json.loads(self.body)

    def __repr__(self):
        return f"Reply({self.method} {self.path} -> {self.status})"


def split(ref: str):
    """("student/app", "v1") from "127.0.0.1:5000/student/app:v1" (or "...@sha256:...")."""
    prefix = registry.address() + "/"
    if ref.startswith(prefix):
        ref = ref[len(prefix):]
    if "@" in ref:
        return tuple(ref.split("@", 1))
    name, _, tag = ref.rpartition(":")
    return (name, tag) if name and "/" not in tag else (ref, "latest")


def _show_body(reply: Reply):
    kind = (reply.header("Content-Type") or "").split(";")[0]
    if not reply.body or reply.method == "HEAD":
        return
    if "json" in kind:
        try:
            lines = json.dumps(json.loads(reply.body), indent=2).splitlines()
        except ValueError:
            lines = reply.body.decode(errors="replace").splitlines()
        print("\n".join(lines[:BODY_LINES]))
        if len(lines) > BODY_LINES:
            print(f"... ({len(lines) - BODY_LINES} more lines)")
    else:
        # in kB, like docker's own sizes (a byte more or less is no news)
        print(f"({len(reply.body) / 1000:.2f} kB of {kind or 'data'})")


def call(method: str, path: str, accept: str = None, auth: bool = True, show: bool = True,
         timeout: float = 10) -> Reply:
    """One request to the course's registry; shows it and its answer when `show`."""
    headers = {"Accept": accept} if accept else {}
    if show:
        print(f"> {method} {path}")
        for name, value in headers.items():
            print(f"> {name}: {value}")
        print("> Authorization: Basic (the course user and password, hidden)" if auth
              else "> (no Authorization header)")
    try:
        status, answer, body = registry.request(path, method=method, auth=auth, headers=headers, timeout=timeout)
    except OSError as exc:  # refused, reset or timed out: say which registry, and what to do
        raise CourseError(say("api.unreachable", address=registry.address(),
                               reason=getattr(exc, "reason", exc))) from None
    reply = Reply(method, path, status, answer, body)
    if show:
        print(f"< {status} {_REASONS.get(status, '')}".rstrip())
        for name in SHOWN_HEADERS:
            if reply.header(name):
                print(f"< {name}: {reply.header(name)}")
        _show_body(reply)
    return reply


_REASONS = {200: "OK", 201: "Created", 202: "Accepted", 401: "Unauthorized", 404: "Not Found",
            405: "Method Not Allowed"}


def catalog(show=True, page=100) -> list:
    """Every repository the registry holds (GET /v2/_catalog), `page` names per request.

    A long catalog comes in pages: the answer's Link header says where the next one starts.
    Only the first request is shown; the others are the same with `&last=`."""
    found, path = [], f"/v2/_catalog?n={page}"
    for _ in range(10000):  # a bound, so a registry that loops cannot hang us
        reply = call("GET", path, show=show and not found)
        if not reply.ok:
            return found
        found += reply.json().get("repositories") or []
        link = reply.header("Link")
        if not link:
            return found
        path = link.split(";")[0].strip("<> ")
    return found


def tags(repository: str, show=True) -> list:
    """The tags of one repository (GET /v2/<name>/tags/list); [] when it has none."""
    reply = call("GET", f"/v2/{repository}/tags/list", show=show)
    return (reply.json().get("tags") or []) if reply.ok else []


def manifest(repository: str, reference: str, show=True) -> Reply:
    """The manifest of a tag or digest, asked for with the Accept header `docker pull` uses."""
    return call("GET", f"/v2/{repository}/manifests/{reference}", accept=ACCEPT_MANIFESTS, show=show)


def digest(repository: str, reference: str, show=False):
    """The manifest digest a tag points to now (HEAD: headers only), or None when there is none."""
    reply = call("HEAD", f"/v2/{repository}/manifests/{reference}", accept=ACCEPT_MANIFESTS, show=show)
    return reply.digest if reply.ok else None


def blob(repository: str, blob_digest: str, show=True) -> Reply:
    """A blob (a layer, or the image's config) by its digest; its bytes must hash to that digest."""
    reply = call("GET", f"/v2/{repository}/blobs/{blob_digest}", show=show)
    if reply.ok and sha256(reply.body) != blob_digest:
        raise CourseError(say("api.blob_mismatch", digest=blob_digest))
    return reply


def delete_manifest(repository: str, manifest_digest: str, show=True) -> Reply:
    """Delete a manifest by digest (a tag cannot be deleted by name; every tag on it goes too)."""
    return call("DELETE", f"/v2/{repository}/manifests/{manifest_digest}", show=show)


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()
