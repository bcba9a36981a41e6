"""A free port on 127.0.0.1 for a container to publish, and a bounded way to ask it for a page."""
import socket
import time
import urllib.error
import urllib.request

from .engine import CourseError
from .messages import say


def free_port() -> int:
    """A TCP port nobody listens on at 127.0.0.1 right now (the kernel picks it for us)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, timeout: float = 20, pause: float = 0.2) -> str:
    """The body of `url`, retried until `timeout` seconds: a server in a fresh container needs a
    moment before it answers. CourseError (with the last error seen) when it never does."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=max(0.5, min(5, deadline - time.monotonic()))) as answer:
                return answer.read().decode(errors="replace")
        except urllib.error.HTTPError as exc:  # the server is up and said no: retrying won't help
            raise CourseError(say("web.http_error", url=url, status=exc.code, reason=exc.reason)) from None
        except (urllib.error.URLError, ConnectionError, OSError) as exc:
            last = getattr(exc, "reason", exc)
            time.sleep(pause)
    raise CourseError(say("web.no_answer", url=url, seconds=timeout, reason=last))


def wait_for_log(container, text: str, timeout: float = 10) -> bool:
    """True once `text` is in the container's log, waiting up to `timeout` seconds: what a
    container prints reaches `docker logs` through the engine a moment later."""
    deadline = time.monotonic() + timeout
    while True:
        if text in container.logs().decode(errors="replace"):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
