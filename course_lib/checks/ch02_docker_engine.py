"""Checks for the exercises of notebooks/02_docker_engine: they ask the engine for the containers
by name, and look at their labels, state, exit code and output."""
import time

import docker

from .. import naming
from ..engine import connect
from . import check

BY_HAND_LABEL = ("made-with", "raw-http")
BY_HAND_OUTPUT = "made by hand"
EXIT_CODE = 3


def _container(name):
    """The container called `name`, or None when the engine has none by that name."""
    try:
        return connect().containers.get(name)
    except docker.errors.NotFound:
        return None


def _labelled_for(ex, box) -> bool:
    return (box.labels or {}).get(naming.EXERCISE_LABEL) == ex.id


def _settled(box, seconds=5.0):
    """The container's state, after giving a running one a few seconds to finish its command."""
    deadline = time.monotonic() + seconds
    while box.attrs["State"]["Status"] == "running" and time.monotonic() < deadline:
        time.sleep(0.2)
        box.reload()
    return box.attrs["State"]


@check("02_docker_engine/rest_by_hand")
def rest_by_hand(ex, verdict):
    name = ex.name("by-hand")
    box = verdict.require(
        _container(name), f"The engine has a container called {name}.",
        hint='Send POST /containers/create with params={"name": ex.name("by-hand")} (rest.request returns '
             "the answer: .show() prints it; HTTP 201 means created).")
    labels = box.labels or {}
    key, value = BY_HAND_LABEL
    verdict.expect(labels.get(key) == value, f"It carries the label {key}={value}.",
                   hint=f'Labels go in the JSON body: "Labels": {{**course_lib.naming.labels(), "{key}": "{value}"}}.')
    verdict.expect(_labelled_for(ex, box), "It carries the course's labels (so the course can clean it up).",
                   hint='Add the course\'s labels to "Labels": course_lib.naming.labels(). Then remove this '
                        f'container (DELETE /containers/{name}?force=1, or %docker rm -f {name}) and make it again.')
    verdict.expect(any(tag.startswith("busybox") for tag in box.image.tags), "It was made from busybox.",
                   hint='"Image": "busybox" in the body.')
    state = _settled(box)
    started = not state.get("StartedAt", "").startswith("0001-")  # the engine's "never" date
    verdict.require(started, "It was started.",
                    hint="A second request starts it: POST /containers/NAME/start (the answer is HTTP 204).")
    verdict.expect(state["Status"] == "exited" and state["ExitCode"] == 0, "It ran to the end, with exit code 0.",
                   hint='Give it a command that ends: "Cmd": ["echo", "made by hand"].')
    verdict.expect(ex.logs(box).strip() == BY_HAND_OUTPUT, f"It printed exactly: {BY_HAND_OUTPUT}",
                   hint=f'"Cmd": ["echo", "{BY_HAND_OUTPUT}"]: one list item per word of the command line.')


@check("02_docker_engine/container_states")
def container_states(ex, verdict):
    frozen_name, failed_name = ex.name("frozen"), ex.name("failed")
    frozen = _container(frozen_name)
    failed = _container(failed_name)
    verdict.expect(frozen is not None, f"The engine has a container called {frozen_name}.",
                   hint=f"Start one that keeps running: %docker run -d --name {frozen_name} busybox sleep 600")
    verdict.expect(failed is not None, f"The engine has a container called {failed_name}.",
                   hint=f'Make one whose command exits with code {EXIT_CODE}: sh -c "exit {EXIT_CODE}".')
    if frozen is not None:
        status = frozen.attrs["State"]["Status"]
        verdict.expect(status == "paused", f"{frozen_name} is paused (it is {status}).",
                       hint="`docker pause NAME` freezes a running container; it must be running first.")
    if failed is not None:
        state = _settled(failed)
        verdict.expect(state["Status"] == "exited", f"{failed_name} has exited (it is {state['Status']}).",
                       hint="A created container has not run yet: start it, and let its command end.")
        verdict.expect(state["Status"] == "exited" and state["ExitCode"] == EXIT_CODE,
                       f"{failed_name} exited with code {EXIT_CODE} (it has {state['ExitCode']}).",
                       hint=f'The exit code is the last command\'s: sh -c "exit {EXIT_CODE}".')
    for box in (b for b in (frozen, failed) if b is not None):
        verdict.expect(_labelled_for(ex, box), f"{box.name} was made in this exercise.",
                       hint="Make it with %docker in this notebook, after the first cell.")
