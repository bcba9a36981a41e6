"""course_lib.localweb: a free port, and a bounded GET against a real container."""
import time

import pytest

from course_lib import live, localweb, naming
from course_lib.engine import CourseError


def test_a_web_server_in_a_container_answers():
    port = localweb.free_port()
    name = naming.name("web-test")
    live.run(f"docker run -d --name {name} -p 127.0.0.1:{port}:8000 python:3.11-slim "
             "python -m http.server 8000 --directory /etc", echo=False)
    try:
        assert "bookworm" in localweb.get(f"http://127.0.0.1:{port}/os-release", timeout=30)
        with pytest.raises(CourseError, match="HTTP 404"):
            localweb.get(f"http://127.0.0.1:{port}/no-such-page", timeout=5)
    finally:
        live.run(f"docker rm -f {name}", echo=False)


def test_nothing_listening_gives_up_in_time():
    port = localweb.free_port()
    started = time.monotonic()
    with pytest.raises(CourseError, match="Nothing answered"):
        localweb.get(f"http://127.0.0.1:{port}/", timeout=1)
    assert time.monotonic() - started < 3


def test_wait_for_log_sees_output_and_is_bounded(client):
    name = naming.name("log-test")
    live.run(f"docker run -d --name {name} busybox sh -c 'echo ready; sleep 30'", echo=False)
    try:
        box = client.containers.get(name)
        assert localweb.wait_for_log(box, "ready", timeout=10)
        started = time.monotonic()
        assert not localweb.wait_for_log(box, "never printed", timeout=0.5)
        assert time.monotonic() - started < 2
    finally:
        live.run(f"docker rm -f {name}", echo=False)
