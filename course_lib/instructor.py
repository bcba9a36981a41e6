"""Instructor mode: `./course prepare` before class, `./course reset` between two groups.

prepare: set-up, then a rehearsal that runs every chapter for real on this machine (so nothing is
built, pulled or fixed for the first time in front of the class), timing each chapter, then a list
of the steps that still reach outside this machine (packages from Debian's mirror).
reset: removes what students made (only course-labelled objects), empties the course's registry,
logs out of it, and gives every student a fresh set of exercises (old copies backed up)."""
import datetime
import re
import shutil
import subprocess
import time

import nbclient
import nbformat
from nbclient.exceptions import CellExecutionError

from . import exercises, provision, registry
from .cleanup import clean
from .engine import CourseError, connect
from .paths import REPO, chapter_notebooks

# what in a chapter's cell reaches outside this machine, and what it needs
_NETWORK = [(re.compile(r"\bapt-get\b.*\binstall\b|\bapt-get update\b"), "packages from Debian's mirror"),
            (re.compile(r"\bpip3? install\b"), "packages from PyPI"),
            (re.compile(r"\b(curl|wget)\b\s+\S*https?://(?!127\.0\.0\.1|localhost)"), "a web download")]


def network_steps(paths=None) -> list:
    """(notebook, cell number, what it needs) for every cell that reaches outside this machine."""
    found = []
    for path in paths or chapter_notebooks():
        notebook = nbformat.read(path, as_version=4)
        for number, cell in enumerate(notebook.cells, 1):
            if cell.cell_type != "code":
                continue
            for pattern, need in _NETWORK:
                if pattern.search(cell.source):
                    found.append((path.name, number, need))
                    break
    return found


def rehearse(log=print) -> dict:
    """Run every chapter for real (outputs are not saved); returns seconds per chapter."""
    timings = {}
    for path in chapter_notebooks():
        notebook = nbformat.read(path, as_version=4)
        started = time.perf_counter()
        try:
            nbclient.NotebookClient(notebook, timeout=900, kernel_name="python3",
                                    resources={"metadata": {"path": str(path.parent)}}).execute()
        except CellExecutionError as exc:
            raise CourseError(f"The rehearsal of {path.name} failed; fix this before class:\n"
                              f"{str(exc).strip().splitlines()[-1]}") from None
        timings[path.stem] = time.perf_counter() - started
        log(f"  {path.stem}: ran in {timings[path.stem]:.0f} s")
    return timings


def prepare(log=print):
    provision.setup(log)
    log("Rehearsal: every chapter, for real, on this machine...")
    timings = rehearse(log)
    log(f"All {len(timings)} chapters ran; {sum(timings.values()) / 60:.1f} min in all.")
    steps = network_steps()
    if steps:
        log("These steps still reach outside this machine; check the room's network before class:")
        for name, number, need in steps:
            log(f"  {name}, cell {number}: {need}")
    else:
        log("No step reaches outside this machine: the class can run offline.")
    return timings, steps


def _docker_logout():
    subprocess.run(["docker", "logout", registry.address()], capture_output=True, timeout=30)


def reset(log=print):
    client = connect()
    clean(kinds=("lesson",), log=log, client=client)
    # the registry's content is the course's: start it again on an empty volume
    for remove in (lambda: client.containers.get(registry.CONTAINER).remove(force=True),
                   lambda: client.volumes.get(registry.VOLUME).remove(force=True)):
        try:
            remove()
        except Exception:  # already gone
            pass
    registry.ensure(client, log)
    _docker_logout()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    progress = exercises.progress_file()
    if progress.exists():
        shutil.move(progress, progress.with_name(f"progress.{stamp}.json"))
    for exercise_id in exercises.all_ids():
        if exercises.student_path(exercise_id).exists():
            exercises.reset(exercise_id, log=lambda *_: None)
    log(f"Reset done: students' containers and images removed, the registry emptied, exercises fresh "
        f"(previous copies in {exercises.BACKUPS.relative_to(REPO)}/, progress archived).")
