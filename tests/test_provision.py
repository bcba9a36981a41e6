"""Set-up: idempotent, base images usable, a real registry with a password on 127.0.0.1."""
import socket
import subprocess

import pytest

from course_lib import baseimages, provision, registry
from course_lib.engine import CourseError


def test_second_setup_changes_nothing(client):
    before = {ref: client.images.get(ref).id for ref in baseimages.BASE_IMAGES}
    registry_before = client.containers.get(registry.CONTAINER).id
    said = []
    provision.setup(log=said.append)
    assert {ref: client.images.get(ref).id for ref in baseimages.BASE_IMAGES} == before
    assert client.containers.get(registry.CONTAINER).id == registry_before
    assert not any("Building" in line or "Installing" in line for line in said)


def test_python_image_has_a_usable_standard_library(client):
    out = client.containers.run(
        "python:3.11-slim", ["python", "-c",
                             "import http.server, json, venv, sqlite3, ssl, sys; print(sys.version_info[:2])"],
        remove=True)
    assert out.decode().strip() == "(3, 11)"


def test_local_builds_are_labelled(client):
    for ref in baseimages.BASE_IMAGES:
        assert baseimages.source(client, ref) in ("pulled", "local-build")
    if baseimages.source(client, "busybox:latest") == "local-build":
        out = client.containers.run("busybox", ["sh", "-c", "wget --help 2>&1 | head -1; ls /bin | wc -l"],
                                    remove=True)
        assert int(out.decode().split()[-1]) > 100  # the applets are installed, not one bare binary


def test_registry_listens_on_loopback_only(client):
    container = client.containers.get(registry.CONTAINER)
    bindings = container.attrs["HostConfig"]["PortBindings"]["5000/tcp"]
    assert all(b["HostIp"] == "127.0.0.1" for b in bindings)


def test_registry_requires_its_password(client):
    assert registry.request("/v2/", auth=False)[0] == 401
    assert registry.request("/v2/")[0] == 200


def test_push_and_pull_through_the_registry(client, tmp_path):
    from course_lib import naming
    repo = f"{registry.address()}/student/{naming.name('roundtrip')}"
    config = tmp_path / "docker-config"  # a private client config: the student's stays untouched
    config.mkdir()
    env = {"DOCKER_CONFIG": str(config), "PATH": "/usr/local/bin:/usr/bin:/bin"}
    values = registry.settings()
    run = lambda *args, **kw: subprocess.run(["docker", *args], env=env, capture_output=True, text=True,
                                             timeout=120, **kw)
    assert run("tag", "busybox", f"{repo}:1").returncode == 0
    refused = run("push", f"{repo}:1")
    assert refused.returncode != 0 and "no basic auth credentials" in refused.stderr
    assert run("login", registry.address(), "-u", values["user"], "--password-stdin",
               input=values["password"]).returncode == 0
    assert run("push", f"{repo}:1").returncode == 0
    assert registry.tags(f"student/{naming.name('roundtrip')}") == ["1"]
    assert run("rmi", f"{repo}:1").returncode == 0
    assert run("pull", f"{repo}:1").returncode == 0
    assert run("run", "--rm", f"{repo}:1", "echo", "pulled").stdout == "pulled\n"
    run("rmi", f"{repo}:1")


@pytest.fixture
def listening_port():
    """A port on 127.0.0.1 that another program listens on."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_port_in_use_gets_another_port(monkeypatch, listening_port):
    port = listening_port
    monkeypatch.setattr(registry, "PORTS", range(port, port + 50))
    said = []
    chosen = registry._choose_port(said.append)
    assert chosen != port and chosen in range(port, port + 50)
    assert said and f"Port {port}" in said[0] and "in use" in said[0]


def test_no_free_port_is_a_clear_error(monkeypatch, listening_port):
    monkeypatch.setattr(registry, "PORTS", range(listening_port, listening_port + 1))
    with pytest.raises(CourseError, match="No free port"):
        registry._choose_port(lambda *_: None)
