"""Remove what the course made, and nothing else.

An object is the course's when it carries the course's label (containers, volumes, networks,
images built or committed by the course), or when its image name is in the ledger that live
commands keep of the names they created. Base images and the registry stay unless asked."""
import json

import docker

from . import baseimages, naming, registry
from .engine import connect
from .messages import say
from .paths import state_dir


def _filters(kind, run):
    labels = [f"{naming.LABEL}={kind}"] + ([f"{naming.RUN_LABEL}={run}"] if run else [])
    return {"label": labels}


def _ours(image, kind) -> bool:
    """Labels are inherited by images built FROM ours, so a label alone does not make an image
    the course's: its names must be ones the course gives (dc-xxxx-... or a base image's)."""
    if kind == "lesson":
        return all(tag.rsplit("/", 1)[-1].startswith("dc-") for tag in image.tags)
    known = set(baseimages.BASE_IMAGES) | {registry.IMAGE}
    return bool(image.tags) and set(image.tags) <= known


def _ledger(run):
    path = state_dir() / "ledger.jsonl"
    if not path.exists():
        return [], []
    entries = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    mine = [e for e in entries if run is None or e["run"] == run]
    return mine, [e for e in entries if e not in mine]


def clean(run: str = None, kinds=("lesson",), log=print, client=None) -> dict:
    """Remove the course's objects of these kinds (of one run, or of all runs when run is None)."""
    client = client or connect()
    removed = {"containers": 0, "images": 0, "volumes": 0, "networks": 0}
    for kind in kinds:
        for container in client.containers.list(all=True, filters=_filters(kind, run)):
            container.remove(force=True, v=False)
            removed["containers"] += 1
    mine, others = _ledger(run)
    if "lesson" in kinds:
        for entry in mine:
            removed["images"] += _remove_image(client, entry["ref"])
        (state_dir() / "ledger.jsonl").write_text("".join(json.dumps(e) + "\n" for e in others))
    for kind in kinds:
        for image in client.images.list(filters=_filters(kind, run)):
            if _ours(image, kind):
                removed["images"] += _remove_image(client, image.id)
        for volume in client.volumes.list(filters=_filters(kind, run)):
            volume.remove(force=True)
            removed["volumes"] += 1
        for network in client.networks.list(filters=_filters(kind, run)):
            network.remove()
            removed["networks"] += 1
    if any(removed.values()):
        log(say("clean.removed", **removed))
    else:
        log(say("clean.nothing"))
    return removed


def _remove_image(client, ref) -> int:
    try:
        client.images.remove(ref, noprune=False)
        return 1
    except docker.errors.ImageNotFound:
        return 0
    except docker.errors.APIError as exc:
        if exc.status_code == 409:  # still used by a container that is not the course's: keep it
            return 0
        raise
