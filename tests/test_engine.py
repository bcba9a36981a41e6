"""Connecting to the engine as the docker CLI does, and failing clearly and fast when none answers."""
import subprocess
import sys
import time

import pytest

from course_lib import engine


def test_connects_and_negotiates_the_api_version(client):
    version = client.version()
    # the client speaks the engine's version, whatever it is: nothing is pinned
    assert client.api.api_version == version["ApiVersion"]


def test_uses_docker_host_like_the_cli(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "unix:///var/run/docker.sock")
    assert engine.engine_host() == "unix:///var/run/docker.sock"
    engine.connect().ping()


@pytest.mark.parametrize("dead", ["tcp://127.0.0.1:1", "unix:///nonexistent/docker.sock"])
def test_dead_docker_host_gives_a_clear_error_fast(monkeypatch, dead):
    monkeypatch.setenv("DOCKER_HOST", dead)
    started = time.monotonic()
    with pytest.raises(engine.EngineUnavailable) as raised:
        engine.connect()
    assert time.monotonic() - started < engine.CONNECT_TIMEOUT + 2
    message = str(raised.value)
    assert dead in message and "What to do" in message and "unset DOCKER_HOST" in message


def test_errors_render_without_a_traceback():
    lines = engine.EngineUnavailable("the engine is gone")._render_traceback_()
    assert len(lines) == 1 and "the engine is gone" in lines[0]


def test_cli_setup_with_dead_docker_host_says_what_to_do():
    done = subprocess.run([sys.executable, "-m", "course_lib", "setup"], capture_output=True, text=True,
                          env={"DOCKER_HOST": "tcp://127.0.0.1:1", "PATH": "/usr/local/bin:/usr/bin:/bin",
                               "HOME": str(__import__("pathlib").Path.home())}, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "nothing answers there" in done.stderr
