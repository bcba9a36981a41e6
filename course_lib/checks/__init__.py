"""Exercise checks: they ask the engine, the registry and the files what the student made.

A chapter adds a module here (chNN_topic.py) with one function per exercise:

    @check("00_setup/hello_container")
    def hello_container(ex, verdict):
        box = verdict.require(ex.newest_container(), "You ran a container in this exercise.",
                              hint="Run `%docker run busybox echo ...` in the cell above.")
        verdict.expect(ex.logs(box).strip() == "Hello", "It printed Hello.", hint="...")

`require` stops the check when it fails (what follows would make no sense); `expect` goes on.
Modules here are found by themselves: no list to keep in step."""
import importlib
import pkgutil
from pathlib import Path

import docker

from .. import naming
from ..engine import EngineUnavailable, connect
from ..exercises import EXERCISES, all_ids, record
from ..messages import say
from . import probes

_CHECKS = {}


def check(exercise_id):
    def register(func):
        _CHECKS[exercise_id] = func
        return func
    return register


def _load_all():
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("ch"):
            importlib.import_module(f"{__name__}.{module.name}")


class _Stop(Exception):
    pass


class Verdict:
    def __init__(self):
        self.items = []  # (passed, text, hint)

    def expect(self, condition, text, hint=""):
        self.items.append((bool(condition), text, hint))
        return condition

    def require(self, value, text, hint=""):
        self.expect(value, text, hint)
        if not value:
            raise _Stop()
        return value

    @property
    def passed(self):
        return bool(self.items) and all(ok for ok, _, _ in self.items)

    def text(self):
        lines = [f"{'✔' if ok else '✘'} {text}" for ok, text, _ in self.items]
        failed = sum(1 for ok, _, _ in self.items if not ok)
        lines.append("" if not lines else "")
        lines.append("Well done: every check passes." if self.passed
                     else f"Not yet: {failed} thing(s) to fix. Ask for a hint below if you are stuck.")
        return "\n".join(lines)

    def hints(self):
        return [hint for ok, _, hint in self.items if not ok and hint]


class Exercise:
    """One exercise, as seen from its notebook: its names, its folder, what it made, its check."""

    def __init__(self, exercise_id: str):
        _load_all()
        if exercise_id not in _CHECKS:
            raise KeyError(f"No check for exercise {exercise_id!r}.")
        self.id = exercise_id
        self.chapter, self.slug = exercise_id.split("/")
        naming.set_exercise(exercise_id)

    def name(self, what: str) -> str:
        """A stable name for this exercise's things (the same after a kernel restart)."""
        return f"dc-ex-{self.slug.replace('_', '-')}-{what}"

    @property
    def folder(self) -> Path:
        """A work folder for this exercise's files (a build context, a Dockerfile...)."""
        path = EXERCISES / self.chapter / "work" / self.slug
        path.mkdir(parents=True, exist_ok=True)
        return path

    def _filters(self):
        return {"label": [f"{naming.EXERCISE_LABEL}={self.id}"]}

    def containers(self, client=None):
        """Containers made while doing this exercise, newest first."""
        client = client or connect()
        found = client.containers.list(all=True, filters=self._filters())
        return sorted(found, key=lambda c: c.attrs["Created"], reverse=True)

    def newest_container(self, client=None):
        found = self.containers(client)
        return found[0] if found else None

    def images(self, client=None):
        """Images built or committed while doing this exercise, newest first."""
        client = client or connect()
        found = client.images.list(filters=self._filters())
        return sorted(found, key=lambda i: i.attrs["Created"], reverse=True)

    @staticmethod
    def logs(container) -> str:
        return container.logs().decode(errors="replace")

    def start_over(self, log=print):
        """Remove the containers and images this exercise made, to try again from scratch."""
        client = connect()
        gone = 0
        for container in self.containers(client):
            container.remove(force=True)
            gone += 1
        for image in self.images(client):
            for tag in image.tags or [image.id]:
                try:
                    client.images.remove(tag, force=False)
                except docker.errors.APIError:
                    pass  # still used, or named by someone else: leave it
            gone += 1
        log(f"Removed {gone} thing(s) made for {self.id}; you can start again.")

    def verdict(self) -> Verdict:
        """Run the check and return its Verdict, without recording or showing it."""
        verdict = Verdict()
        try:
            _CHECKS[self.id](self, verdict)
        except _Stop:
            pass
        except docker.errors.APIError as exc:  # e.g. an image removed while we looked at it
            verdict.expect(False, f"The engine answered an error: {exc.explanation or exc}")
        return verdict

    def check(self):
        """Grade the exercise from what the engine holds, record it, and show the verdict."""
        from ..widgets import show_verdict
        try:
            connect().close()  # grade only against a live engine: no engine is not a failed attempt
            verdict = self.verdict()
        except EngineUnavailable as exc:
            print(f"{say('replay.cannot_grade')}\n({str(exc).splitlines()[0]})")
            return None
        record(self.id, verdict.passed, verdict.text().splitlines()[-1])
        show_verdict(verdict)
        return verdict.passed


def exercise(exercise_id: str) -> Exercise:
    return Exercise(exercise_id)


__all__ = ["check", "exercise", "Exercise", "Verdict", "probes", "all_ids"]
