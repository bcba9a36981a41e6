"""Record the engine's event stream while a notebook does things, then read what happened.

The engine announces every change (create, start, pause, die, destroy...) on GET /events, a
stream that never ends by itself. A recorder reads it in a background thread, and is bounded
twice: the request asks the engine to close the stream after `max_seconds` (the `until`
parameter), and stop() closes the socket itself. A cell never hangs on it.

    with events.Recorder(filters={"label": [f"dockercourse.run={course.run_id()}"]}) as rec:
        %docker run --rm busybox true
    rec.events        # what the engine said, in order
"""
import http.client
import json
import socket
import threading
import time
from dataclasses import dataclass

from . import rest
from .engine import CourseError, engine_host
from .messages import say

MAX_SECONDS = 120  # a recorder left running stops by itself after this long


@dataclass
class Event:
    type: str          # container, image, network, volume...
    action: str        # create, start, pause, die, exec_start: ls, ...
    id: str            # the object's id
    name: str          # its name (containers), or the id again
    attributes: dict   # labels, image, exitCode, signal...
    time_ns: int       # when the engine says it happened, in nanoseconds since 1970

    @classmethod
    def from_json(cls, raw: dict) -> "Event":
        actor = raw.get("Actor") or {}
        attrs = actor.get("Attributes") or {}
        return cls(raw.get("Type", ""), raw.get("Action", ""), actor.get("ID", ""),
                   attrs.get("name", actor.get("ID", "")[:12]), attrs, int(raw.get("timeNano", 0)))

    @property
    def verb(self) -> str:
        """The action without its details: "exec_start: ls" -> "exec_start"."""
        return self.action.split(":")[0]

    def __str__(self):
        extra = ""
        if "exitCode" in self.attributes:
            extra = f" (exit code {self.attributes['exitCode']})"
        elif "signal" in self.attributes:
            extra = f" (signal {self.attributes['signal']})"
        return f"{self.type:<9} {self.action:<10} {self.name}{extra}"


class Recorder:
    """Collects events from the engine in a background thread between start() and stop()."""

    def __init__(self, filters: dict = None, host: str = None, max_seconds: float = MAX_SECONDS):
        self.filters = filters or {}
        self.host = host or engine_host()
        self.max_seconds = max_seconds
        self.events = []
        self.error = None
        self._sock = None
        self._thread = None
        self._ready = threading.Event()
        self._lock = threading.RLock()  # wait_for may call of() from inside it

    # the stream ------------------------------------------------------------------------------
    def start(self):
        if self._thread is not None:
            raise CourseError(say("events.already_started"))
        version = rest.api_version(self.host)
        now = time.time()
        params = {"since": f"{now:.9f}", "until": f"{now + self.max_seconds:.9f}"}
        if self.filters:
            params["filters"] = self.filters
        raw = rest.build_request("GET", f"/v{version}/events", params)
        self._sock = rest.open_socket(self.host)
        self._sock.sendall(raw)
        self._thread = threading.Thread(target=self._read, name="docker-events", daemon=True)
        self._thread.start()
        # the engine sends its headers at once; wait for them so no early event is missed
        if not self._ready.wait(timeout=rest.TIMEOUT):
            self.stop()
            raise CourseError(say("events.no_stream", host=self.host))
        if self.error:
            raise CourseError(self.error)
        return self

    def _read(self):
        try:
            self._sock.settimeout(self.max_seconds + 5)  # the engine ends the stream at `until`
            answer = http.client.HTTPResponse(self._sock, method="GET")
            answer.begin()
            if answer.status != 200:
                self.error = say("events.refused", status=answer.status, body=answer.read()[:300].decode(errors="replace"))
                return
            self._ready.set()
            while True:
                line = answer.readline()
                if not line:
                    break
                if line.strip():
                    event = Event.from_json(json.loads(line))
                    with self._lock:
                        self.events.append(event)
        except (OSError, ValueError, http.client.HTTPException, AttributeError):
            pass  # the socket was closed by stop(), or the stream ended: either way we are done
        finally:
            self._ready.set()

    def wait_for(self, predicate, timeout: float = 10) -> "Event":
        """The first recorded event for which predicate(event) is true, waiting up to timeout s."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                for event in self.events:
                    if predicate(event):
                        return event
            if time.monotonic() >= deadline or not self._thread.is_alive():
                return None
            time.sleep(0.05)

    def wait_count(self, verb: str, count: int, name: str = None, timeout: float = 30) -> bool:
        """Wait (up to timeout s) until `count` events `verb` were recorded; True if they were."""
        def enough(_):
            return sum(1 for e in self.of(name=name) if e.verb == verb) >= count
        return self.wait_for(enough, timeout) is not None

    def stop(self, settle: float = 0.3):
        """Stop recording. `settle`: seconds to let the last events arrive first."""
        if self._thread is None:
            return self
        time.sleep(settle)
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()
        self._thread.join(timeout=5)
        return self

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False

    # reading what was recorded ---------------------------------------------------------------
    def of(self, type_: str = "container", name: str = None) -> list:
        """Events of one type (and one object name), in the order they happened."""
        with self._lock:
            found = [e for e in self.events if e.type == type_ and (name is None or e.name == name)]
        return sorted(found, key=lambda e: e.time_ns)


# What each container action leaves the container in. `kill` only sends a signal: the change
# comes with the `die` that follows; `stop` is reported after its `die`.
STATE_AFTER = {"create": "created", "start": "running", "restart": "running", "unpause": "running",
               "pause": "paused", "die": "exited", "destroy": "removed"}
LIFECYCLE = ["create", "start", "restart", "pause", "unpause", "kill", "die", "stop", "destroy"]


def lifecycle(events: list) -> list:
    """Only the lifecycle actions of container events (no attach, exec, resize...)."""
    return [e for e in events if e.type == "container" and e.verb in LIFECYCLE]


def states(events: list) -> list:
    """(time_ns, state) for each change of state, from a container's lifecycle events."""
    changes = []
    for event in lifecycle(events):
        state = STATE_AFTER.get(event.verb)
        if state and (not changes or changes[-1][1] != state):
            changes.append((event.time_ns, state))
    return changes


def transitions(events: list) -> list:
    """(state before, what did it, state after) for each change of a container's state.

    A `die` is put down to what caused it: `stop` (the engine reports it just after the die),
    `kill` (a kill came just before), or `ended` (the container's process finished by itself)."""
    found, current, killed = [], "(none)", False
    life = lifecycle(events)
    for i, event in enumerate(life):
        if event.verb == "kill":
            killed = True
            continue
        after = STATE_AFTER.get(event.verb)
        if not after or after == current:
            continue
        cause = event.verb
        if event.verb == "die":
            following = life[i + 1].verb if i + 1 < len(life) else None
            cause = "stop" if following == "stop" else "kill" if killed else "ended"
        found.append((current, cause, after))
        current, killed = after, False
    return found
