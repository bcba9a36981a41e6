"""Connecting to the Docker engine the way the docker CLI does, with bounded waits."""
import os
import shutil

import docker
from docker.context import ContextAPI

from .messages import say

CONNECT_TIMEOUT = 5  # seconds; an engine that is up answers a ping in milliseconds


class CourseError(Exception):
    """An error a person can act on. Shown as its message only, without a traceback."""

    def _render_traceback_(self):  # IPython shows this instead of a traceback
        return [f"\033[1;31m{type(self).__name__}\033[0m: {self}"]


class EngineUnavailable(CourseError):
    pass


def engine_host() -> str:
    """The address the CLI would use: DOCKER_HOST, else the current context's endpoint."""
    if os.environ.get("DOCKER_HOST"):
        return os.environ["DOCKER_HOST"]
    try:
        context = ContextAPI.get_current_context()
        if context is not None and context.Host:
            return context.Host
    except Exception:  # a broken config.json must not stop the course: fall back as the CLI does
        pass
    return "unix:///var/run/docker.sock"


def _tls_for(host: str):
    if os.environ.get("DOCKER_HOST"):
        return None  # docker.from_env reads DOCKER_TLS_VERIFY / DOCKER_CERT_PATH itself
    try:
        context = ContextAPI.get_current_context()
        return context.TLSConfig if context is not None else None
    except Exception:
        return None


def connect(timeout: int = 60) -> docker.DockerClient:
    """A client for the engine, API version negotiated; EngineUnavailable when none answers.

    The ping uses CONNECT_TIMEOUT so a dead address fails fast; later calls get ``timeout``."""
    host = engine_host()
    try:
        if os.environ.get("DOCKER_HOST"):
            client = docker.from_env(version="auto", timeout=CONNECT_TIMEOUT)
        else:
            client = docker.DockerClient(base_url=host, version="auto", timeout=CONNECT_TIMEOUT, tls=_tls_for(host))
        client.ping()
    except Exception as exc:  # the SDK raises many kinds; the student needs one clear sentence
        key = "engine.docker_host_dead" if os.environ.get("DOCKER_HOST") else "engine.unreachable"
        raise EngineUnavailable(say(key, host=host, reason=_short_reason(exc))) from None
    client.api.timeout = timeout
    return client


def available() -> bool:
    try:
        connect().close()
        return True
    except EngineUnavailable:
        return False


def cli_path():
    return shutil.which("docker")


def _short_reason(exc: Exception) -> str:
    text = str(exc)
    for marker in ("No such file or directory", "Connection refused", "timed out", "Permission denied",
                   "Name or service not known", "nodename nor servname"):
        if marker in text:
            return marker.lower()
    return text.splitlines()[0][:160] if text else type(exc).__name__
