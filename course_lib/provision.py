"""Make a machine ready for the course: an engine, the base images, the local registry.

Idempotent: on a ready machine each step only looks, so a second run takes a few seconds."""
import os
import shutil
import subprocess
import time

from . import baseimages, exercises, registry, vm
from .engine import EngineUnavailable, connect
from .messages import say
from .paths import state_dir
from .system import apt_install, can_self_provision

ENGINE_START_WAIT = 60  # seconds for a fresh dockerd to answer (it takes about 2 here)


def ensure_engine(log=print):
    """A reachable engine: the one configured, or Debian's docker.io started here as root."""
    try:
        return connect()
    except EngineUnavailable as unreachable:
        if os.environ.get("DOCKER_HOST"):
            raise  # the student chose an engine; starting another one would hide the mistake
        ok, why = can_self_provision()
        if not ok:
            raise EngineUnavailable(f"{unreachable}\n\n{say('engine.cannot_install', why=why)}") from None
    if not shutil.which("dockerd"):
        log(say("engine.installing"))
        apt_install("docker.io", recommends=True)  # as measured in the design notes (cgroupfs-mount, xz-utils...)
    return _start_dockerd(log)


def _start_dockerd(log):
    logfile = state_dir() / "dockerd.log"
    log(say("engine.starting", log=logfile))
    with open(logfile, "ab") as out:
        # a session of its own, so the engine outlives the command that started it
        subprocess.Popen(["dockerd"], stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                         start_new_session=True)
    deadline = time.monotonic() + ENGINE_START_WAIT
    while time.monotonic() < deadline:
        try:
            client = connect()
            version = client.version()
            log(say("engine.started", version=version["Version"], api=version["ApiVersion"]))
            return client
        except EngineUnavailable:
            time.sleep(0.5)
    tail = "\n".join(logfile.read_text(errors="replace").splitlines()[-15:])
    raise EngineUnavailable(say("engine.start_failed", seconds=ENGINE_START_WAIT, log=logfile, tail=tail))


def setup(log=print):
    """Everything the course needs, in order; returns the seconds it took."""
    started = time.perf_counter()
    client = ensure_engine(log)
    baseimages.ensure(client, log)
    registry.ensure(client, log)
    vm.ensure(log)  # chapter 1's tiny VM; never fails set-up where QEMU cannot be had
    exercises.generate(log)
    seconds = time.perf_counter() - started
    log(say("setup.ok", seconds=seconds))
    return seconds
