"""Labels and names: how the course recognises what it made, and only that.

Everything the course creates carries LABEL (its kind: lesson, base or infra) and RUN_LABEL (the
run that made it). Names get a per-run prefix, so two notebooks on one engine never collide."""
import os
import secrets

LABEL = "dockercourse"            # value: lesson | base | infra
RUN_LABEL = "dockercourse.run"    # value: the run id
SOURCE_LABEL = "dockercourse.source"  # on base images: pulled | local-build
EXERCISE_LABEL = "dockercourse.exercise"  # the exercise a student was doing when it was made

_run_id = os.environ.get("DOCKER_COURSE_RUN") or secrets.token_hex(2)
_exercise = None  # set by course_lib.exercise(...): what the student makes is labelled with it


def run_id() -> str:
    """This process's run id: four hex digits, the same for a whole notebook."""
    return _run_id


def name(what: str) -> str:
    """A per-run name for something the course makes, e.g. name("web") -> "dc-3f2a-web"."""
    return f"dc-{_run_id}-{what}"


def set_exercise(exercise_id):
    global _exercise
    _exercise = exercise_id


def labels(kind: str = "lesson") -> dict:
    """The labels for an object the course makes (pass them to the SDK or the CLI)."""
    found = {LABEL: kind, RUN_LABEL: _run_id}
    if _exercise and kind == "lesson":
        found[EXERCISE_LABEL] = _exercise
    return found


def label_args(kind: str = "lesson") -> list:
    """The same labels as docker CLI arguments."""
    args = []
    for key, value in labels(kind).items():
        args += ["--label", f"{key}={value}"]
    return args
