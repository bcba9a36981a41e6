"""course_lib.registry_api against the course's real local registry: push a tiny image, read it
back through the HTTP API, delete it. Logins go to a private DOCKER_CONFIG folder."""
import socket

import pytest

from course_lib import live, naming, publish, registry
from course_lib import registry_api as api
from course_lib.engine import CourseError


def _push(monkeypatch, config, what, tag):
    """(repository, image name, digest) of busybox pushed as student/<per-run name>:<tag>."""
    monkeypatch.setenv("DOCKER_CONFIG", str(config))
    name = f"student/{naming.name(what)}"
    ref = f"{registry.address()}/{name}:{tag}"
    publish.login(echo=False)
    live.run(f"docker tag busybox {ref}", echo=False)
    return name, ref, publish.pushed_digest(live.run(f"docker push {ref}", echo=False))


@pytest.fixture
def pushed(tmp_path, monkeypatch, client):
    """(repository, digest) of busybox pushed under a per-run name; removed afterwards."""
    name, ref, digest = _push(monkeypatch, tmp_path, "api-test", "t1")
    yield name, digest
    live.run(f"docker rmi {ref}", echo=False, check=False)
    api.delete_manifest(name, digest, show=False)


def test_manifest_digest_matches_the_push(pushed, capsys):
    name, digest = pushed
    reply = api.manifest(name, "t1")
    shown = capsys.readouterr().out
    assert reply.status == 200 and reply.digest == digest == api.sha256(reply.body)
    assert f"> GET /v2/{name}/manifests/t1" in shown and "> Accept: application/vnd.oci.image.index.v1+json" in shown
    assert f"< Docker-Content-Digest: {digest}" in shown
    assert registry.settings()["password"] not in shown and "hidden" in shown
    assert reply.json()["mediaType"] in api.MANIFEST_TYPES
    assert api.digest(name, "t1") == digest and api.digest(name, "no-such-tag") is None


def test_tags_catalog_and_blobs(pushed):
    name, digest = pushed
    assert api.tags(name, show=False) == ["t1"]
    assert name in api.catalog(show=False)
    assert name in api.catalog(show=False, page=1)        # follows the Link header page by page
    body = api.manifest(name, digest, show=False).json()  # by digest, as well as by tag
    config = api.blob(name, body["config"]["digest"], show=False)
    assert api.sha256(config.body) == body["config"]["digest"]
    assert "rootfs" in config.json()


def test_without_a_password_the_registry_says_401(pushed):
    name, _ = pushed
    reply = api.call("GET", f"/v2/{name}/tags/list", auth=False, show=False)
    assert reply.status == 401 and reply.header("www-authenticate").startswith("Basic")


def test_delete_by_digest_removes_the_tag(tmp_path, monkeypatch, client):
    name, ref, digest = _push(monkeypatch, tmp_path, "api-delete", "gone")
    live.run(f"docker rmi {ref}", echo=False)
    assert api.delete_manifest(name, digest, show=False).status == 202
    assert api.tags(name, show=False) == []
    assert api.manifest(name, digest, show=False).status == 404


def test_split_names():
    address = registry.address()
    assert api.split(f"{address}/student/app:v1") == ("student/app", "v1")
    assert api.split(f"{address}/student/app") == ("student/app", "latest")
    assert api.split("student/app@sha256:abc") == ("student/app", "sha256:abc")


def test_an_unreachable_registry_gets_a_clear_message(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(registry, "address", lambda: f"127.0.0.1:{port}")
    with pytest.raises(CourseError, match="(?s)did not answer.*course setup"):
        api.tags("student/anything", show=False)
