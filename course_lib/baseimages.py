"""The images the course builds on, under the names students meet on Docker Hub.

Pulled when a registry answers; otherwise built here from Debian packages and labelled
dockercourse.source=local-build, so nobody mistakes them for Docker's own images."""
import shutil
import subprocess
import tempfile
from pathlib import Path

import docker

from . import naming
from .engine import CourseError
from .messages import say
from .system import apt_install, can_self_provision

RECIPES = Path(__file__).parent / "recipes"

# (name students use, how to build it locally); built in this order, each may use the ones before
BASE_IMAGES = ["busybox:latest", "debian:bookworm-slim", "python:3.11-slim"]


def _local_labels():
    return {naming.LABEL: "base", naming.SOURCE_LABEL: "local-build"}


def present(client, ref: str) -> bool:
    try:
        client.images.get(ref)
        return True
    except docker.errors.ImageNotFound:
        return False


def source(client, ref: str) -> str:
    """'pulled', 'local-build' or 'missing'."""
    try:
        image = client.images.get(ref)
    except docker.errors.ImageNotFound:
        return "missing"
    return (image.labels or {}).get(naming.SOURCE_LABEL, "pulled")


def _try_pull(client, ref: str) -> bool:
    try:
        client.images.pull(ref)
        return True
    except docker.errors.APIError:
        return False  # no registry (offline, Docker Hub blocked): build it instead


def _build_busybox(client, ref):
    apt_install("busybox-static")
    with tempfile.TemporaryDirectory() as context:
        shutil.copy("/bin/busybox", Path(context) / "busybox")
        shutil.copy(RECIPES / "busybox.Dockerfile", Path(context) / "Dockerfile")
        client.images.build(path=context, tag=ref, labels=_local_labels(), rm=True, forcerm=True)


def _build_debian(client, ref):
    apt_install("mmdebstrap")
    suite = ref.split(":")[1].split("-")[0]
    with tempfile.TemporaryDirectory() as workdir:
        rootfs = Path(workdir) / "rootfs.tar"
        # minbase: essential packages and apt, like Docker's own -slim images; no docs or man pages
        done = subprocess.run(
            ["mmdebstrap", "--variant=minbase", "--format=tar",
             "--dpkgopt=path-exclude=/usr/share/man/*", "--dpkgopt=path-exclude=/usr/share/doc/*",
             "--dpkgopt=path-exclude=/usr/share/locale/*", "--dpkgopt=path-exclude=/usr/share/info/*",
             "--aptopt=Acquire::Languages \"none\"", suite, str(rootfs)],
            capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            raise CourseError(say("images.build_failed", ref=ref, reason=done.stderr.strip()[-500:]))
        repository, tag = ref.split(":")
        labels = " ".join(f"{k}={v}" for k, v in _local_labels().items())
        client.api.import_image(src=str(rootfs), repository=repository, tag=tag,
                                changes=[f"LABEL {labels}", 'CMD ["bash"]'])


def _build_from_recipe(client, ref):
    recipe = RECIPES / (ref.split(":")[0] + ".Dockerfile")
    with tempfile.TemporaryDirectory() as context:
        shutil.copy(recipe, Path(context) / "Dockerfile")
        client.images.build(path=context, tag=ref, labels=_local_labels(), rm=True, forcerm=True)


_BUILDERS = {"busybox:latest": _build_busybox, "debian:bookworm-slim": _build_debian,
             "python:3.11-slim": _build_from_recipe,
             "registry:2": _build_from_recipe}  # the course's registry (see registry.py)


def ensure(client, log=print, refs=BASE_IMAGES):
    """Every base image present; returns the refs that had to be built locally."""
    built = []
    for ref in refs:
        if present(client, ref):
            continue
        if _try_pull(client, ref):
            log(say("images.pulled", ref=ref))
            continue
        ok, why = can_self_provision()
        if not ok:
            raise CourseError(say("images.need_root", ref=ref, why=why))
        log(say("images.building", ref=ref))
        try:
            _BUILDERS[ref](client, ref)
        except docker.errors.BuildError as exc:
            raise CourseError(say("images.build_failed", ref=ref, reason=exc.msg)) from None
        built.append(ref)
    if built:
        log(say("images.local_build", refs=", ".join(built), label=naming.SOURCE_LABEL))
    return built
