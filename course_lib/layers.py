"""What the engine knows about a container's changes and an image's layers, as plain data.

Chapter 3 reads `docker diff`, `docker history`, `docker inspect` and the tar files of
`docker save` / `docker export` through these functions, so the notebook can assert on them and
the layer figure (course_lib.plots.layers) can be drawn from the same numbers."""
import json
import tarfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import docker

from .engine import CourseError, connect
from .messages import say

# docker diff's one-letter kinds; the API sends them as numbers
KINDS = {"A": "added", "C": "changed", "D": "deleted"}
_API_KIND = {0: "C", 1: "A", 2: "D"}
WHITEOUT = ".wh."  # a file named .wh.NAME in a layer means "NAME was deleted here"


@dataclass(frozen=True)
class Change:
    kind: str   # A, C or D
    path: str

    def __str__(self):
        return f"{self.kind} {self.path}"


@dataclass
class Layer:
    """One line of `docker history`."""
    created_by: str
    size: int        # bytes this step added to the image
    comment: str
    image_id: str    # "<missing>" for steps that are not images of their own here

    @property
    def metadata_only(self) -> bool:
        """A step that changed only settings (CMD, LABEL...): it adds no files."""
        return self.size == 0 and "#(nop)" in self.created_by


@dataclass
class ImageFacts:
    """What `docker inspect` says about an image, in the words the chapter uses."""
    ref: str
    id: str
    size: int
    layers: int          # filesystem layers (RootFS.Layers)
    history: list        # Layer, oldest first
    author: str
    comment: str
    cmd: list
    labels: dict = field(default_factory=dict)


def human(nbytes: int) -> str:
    """A size the way docker prints it: decimal units (1 MB = 1,000,000 bytes)."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if nbytes >= scale:
            return f"{nbytes / scale:.1f} {unit}"
    return f"{nbytes} B"


def _client(client):
    return client or connect()


def _container(client, name):
    try:
        return client.containers.get(name)
    except docker.errors.NotFound:
        raise CourseError(say("layers.no_container", name=name)) from None


def _image(client, ref):
    try:
        return client.images.get(ref)
    except docker.errors.ImageNotFound:
        raise CourseError(say("layers.no_image", ref=ref)) from None


def diff(container_name: str, client=None) -> list:
    """`docker diff`: the container's changes to its image's files, as Change items."""
    found = _container(_client(client), container_name).diff() or []
    return [Change(_API_KIND.get(item["Kind"], "?"), item["Path"]) for item in found]


def kinds(changes) -> dict:
    """How many changes of each kind: {"A": n, "C": n, "D": n}."""
    counted = Counter(change.kind for change in changes)
    return {kind: counted.get(kind, 0) for kind in KINDS}


def history(ref: str, client=None) -> list:
    """`docker history`, oldest step first."""
    image = _image(_client(client), ref)
    return [Layer(step.get("CreatedBy") or "", int(step.get("Size") or 0), step.get("Comment") or "",
                  step["Id"] if step.get("Id", "").startswith("sha256:") else "<missing>")
            for step in reversed(image.history())]


def facts(ref: str, client=None) -> ImageFacts:
    """`docker inspect` and `docker history` of one image, together."""
    client = _client(client)
    attrs = _image(client, ref).attrs
    config = attrs.get("Config") or {}
    return ImageFacts(ref=ref, id=attrs["Id"], size=int(attrs.get("Size") or 0),
                      layers=len((attrs.get("RootFS") or {}).get("Layers") or []),
                      history=history(ref, client), author=attrs.get("Author") or "",
                      comment=attrs.get("Comment") or "", cmd=config.get("Cmd") or [],
                      labels=config.get("Labels") or {})


def _open_tar(path):
    path = Path(path)
    if not path.is_file():
        raise CourseError(say("layers.no_tar", path=path))
    try:
        return tarfile.open(path)
    except tarfile.TarError as exc:
        raise CourseError(say("layers.bad_tar", path=path, reason=exc)) from None


def tar_names(path) -> list:
    """The names inside a tar file, in order."""
    with _open_tar(path) as tar:
        return tar.getnames()


@dataclass
class SavedLayer:
    name: str         # its path inside the saved tar (…/layer.tar)
    size: int         # bytes of that layer's tar
    files: int        # entries in it
    whiteouts: list   # paths this layer deletes (from .wh. markers)


@dataclass
class SavedImage:
    """What a `docker save` tar holds: a manifest, the image's config, one tar per layer."""
    tags: list
    config_name: str  # the image's config file inside the tar (<image id>.json)
    config: dict      # its content: Config (Cmd...), history, rootfs
    layers: list      # SavedLayer, oldest first


def saved_image(path) -> SavedImage:
    """Read a `docker save` tar (docker's own format, or OCI layout with a manifest.json)."""
    with _open_tar(path) as tar:
        try:
            manifest = json.load(tar.extractfile("manifest.json"))[0]
        except KeyError:
            raise CourseError(say("layers.not_saved_image", path=path)) from None
        config = json.load(tar.extractfile(manifest["Config"]))
        layers = []
        for name in manifest["Layers"]:
            member = tar.getmember(name)
            with tarfile.open(fileobj=tar.extractfile(member)) as layer:
                names = layer.getnames()
            gone = ["/" + str(Path(n).parent / Path(n).name[len(WHITEOUT):])
                    for n in names if Path(n).name.startswith(WHITEOUT)
                    and not Path(n).name.startswith(WHITEOUT + WHITEOUT)]  # .wh..wh..opq: a directory replaced
            layers.append(SavedLayer(name, member.size, len(names), gone))
    return SavedImage(manifest.get("RepoTags") or [], manifest["Config"], config, layers)
