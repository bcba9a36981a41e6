"""The course's own registry: a real CNCF distribution server on 127.0.0.1, with a password.

It runs as a container (registry:2, pulled or built from Debian's docker-registry), so the
engine restarts it and `docker ps` shows it. Its user and password live in the course's state
folder, never in a notebook's output."""
import base64
import io
import json
import secrets
import socket
import tarfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import bcrypt
import docker

from . import baseimages, naming
from .engine import CourseError
from .messages import say
from .paths import state_dir

IMAGE = "registry:2"
CONTAINER = "docker-course-registry"
VOLUME = "docker-course-registry-data"
USER = "student"
PORTS = range(5000, 5100)
CONFIG = Path(__file__).parent / "recipes" / "registry-config.yml"


def _settings_file():
    return state_dir() / "registry.json"


def settings() -> dict:
    """{"user", "password", "port"}; made once per machine, kept private to its owner."""
    path = _settings_file()
    if path.exists():
        return json.loads(path.read_text())
    values = {"user": USER, "password": secrets.token_urlsafe(12), "port": None}
    _save(values)
    return values


def _save(values):
    path = _settings_file()
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(json.dumps(values))


def address() -> str:
    """host:port of the local registry, as used in image names (127.0.0.1:5000/student/app)."""
    return f"127.0.0.1:{settings()['port'] or PORTS[0]}"


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        # as docker-proxy does: connections lately closed (TIME_WAIT) do not make a port busy
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def _choose_port(log, preferred: int = None) -> int:
    """The port the registry had before when it is free (a just-removed container may hold it for
    a moment), else the first free one from PORTS[0]."""
    if preferred:
        for _ in range(10):
            if _port_free(preferred):
                return preferred
            time.sleep(0.3)
    for port in PORTS:
        if _port_free(port):
            if port != PORTS[0]:
                log(say("registry.port_taken", port=PORTS[0], new_port=port))
            return port
    raise CourseError(say("registry.no_port", first=PORTS[0], last=PORTS[-1]))


def _tar(files: dict) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _create(client, values, log):
    port = _choose_port(log, preferred=values.get("port"))
    client.volumes.create(VOLUME, labels=naming.labels("infra"))
    container = client.containers.create(
        IMAGE, name=CONTAINER, labels=naming.labels("infra"),
        ports={"5000/tcp": ("127.0.0.1", port)}, restart_policy={"Name": "unless-stopped"},
        volumes={VOLUME: {"bind": "/var/lib/registry", "mode": "rw"}})
    hashed = bcrypt.hashpw(values["password"].encode(), bcrypt.gensalt(rounds=10))
    container.put_archive("/", _tar({
        "etc/docker/registry/config.yml": CONFIG.read_bytes(),
        "auth/htpasswd": f"{values['user']}:".encode() + hashed + b"\n"}))
    values["port"] = port
    _save(values)
    return container


def ensure(client, log=print):
    """The registry container running and answering; returns its address."""
    values = settings()
    baseimages.ensure(client, log, refs=[IMAGE])
    try:
        container = client.containers.get(CONTAINER)
    except docker.errors.NotFound:
        container = _create(client, values, log)
    if container.status != "running":
        try:
            container.start()
        except docker.errors.APIError as exc:  # its port was taken while it was stopped
            if "address already in use" not in str(exc):
                raise
            container.remove()
            container = _create(client, values, log)
            container.start()
    _wait_ready(container)
    log(say("registry.started", address=address(), user=values["user"]))
    return address()


def _wait_ready(container, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if answers():
            return
        time.sleep(0.3)
    tail = container.logs(tail=15).decode(errors="replace")
    raise CourseError(say("registry.not_ready", address=address(), tail=tail))


def request(path: str, method: str = "GET", auth: bool = True, headers: dict = None, timeout: float = 10):
    """(status, headers, body bytes) of one Registry HTTP API v2 request."""
    req = urllib.request.Request(f"http://{address()}{path}", method=method, headers=dict(headers or {}))
    if auth:
        values = settings()
        token = base64.b64encode(f"{values['user']}:{values['password']}".encode()).decode()
        req.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as reply:
            return reply.status, dict(reply.headers), reply.read()
    except urllib.error.HTTPError as reply:
        return reply.code, dict(reply.headers), reply.read()


def answers() -> bool:
    """True when a registry with the course's password answers at address()."""
    try:
        return request("/v2/")[0] == 200
    except OSError:
        return False


def tags(repository: str) -> list:
    status, _, body = request(f"/v2/{repository}/tags/list")
    return (json.loads(body).get("tags") or []) if status == 200 else []
