"""Instructor mode: `./course prepare` before class, `./course reset` between two groups.

prepare: set-up, then a rehearsal that runs every chapter for real on this machine (so nothing is
built, pulled or fixed for the first time in front of the class), timing each chapter, then a list
of the steps that still reach outside this machine (packages from Debian's mirror).
reset: removes what students made (only course-labelled objects), empties the course's registry,
logs out of it, and gives every student a fresh set of exercises (old copies backed up)."""
import datetime
import re
import shutil
import time
from pathlib import Path

import nbformat

from . import exercises, provision, publish, registry
from .cleanup import clean
from .engine import connect
from .refresh import execute
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


_LOCAL_LINKS = ("lo", "docker", "veth", "br-", "ifb", "virbr", "tap")


def outside_bytes():
    """Bytes this machine has received from outside it so far (its external interfaces), or None
    where that cannot be read (not Linux; on Docker Desktop the engine's traffic is in its VM)."""
    try:
        lines = Path("/proc/net/dev").read_text().splitlines()[2:]
    except OSError:
        return None
    total = 0
    for line in lines:
        name, counters = line.split(":", 1)
        if not name.strip().startswith(_LOCAL_LINKS):
            total += int(counters.split()[0])
    return total


def rehearse(log=print) -> dict:
    """Run every chapter for real (outputs are not saved); returns {chapter: (seconds, bytes
    received from outside the machine meanwhile, or None where unmeasurable)}."""
    timings = {}
    for path in chapter_notebooks():
        notebook = nbformat.read(path, as_version=4)
        before = outside_bytes()
        started = time.perf_counter()
        execute(notebook, path.parent, name=f"The rehearsal of {path.name} failed; fix this before class")
        seconds, after = time.perf_counter() - started, outside_bytes()
        received = after - before if None not in (before, after) else None
        timings[path.stem] = (seconds, received)
        fetched = "" if received is None else f", {received / 1e6:.1f} MB received from outside this machine"
        log(f"  {path.stem}: ran in {seconds:.0f} s{fetched}")
    return timings


# below this, what a chapter receives from outside is background noise (DNS, NTP...), not a download
OFFLINE_BYTES = 1_000_000


def prepare(log=print):
    """Set-up, a rehearsal of every chapter, then the check: which chapters still needed the
    network (measured), and which of their steps reach outside (read from the cells)."""
    provision.setup(log)
    log("Rehearsal: every chapter, for real, on this machine...")
    timings = rehearse(log)
    log(f"All {len(timings)} chapters ran; {sum(t for t, _ in timings.values()) / 60:.1f} min in all.")
    online = [name for name, (_, received) in timings.items() if received is not None and received > OFFLINE_BYTES]
    steps = [step for step in network_steps() if step[0][:-len(".ipynb")] in online]
    if online:
        log("These chapters still download from outside this machine; the room's network must allow it:")
        for name, number, need in steps:
            log(f"  {name}, cell {number}: {need}")
    elif any(received is None for _, received in timings.values()):
        log("What the chapters download could not be measured here (the engine is not on this machine).")
    else:
        log("No chapter downloaded anything: the class can run offline.")
    return timings, online


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
    publish.logout(echo=False)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    progress = exercises.progress_file()
    if progress.exists():
        shutil.move(progress, progress.with_name(f"progress.{stamp}.json"))
    for exercise_id in exercises.all_ids():
        if exercises.student_path(exercise_id).exists():
            exercises.reset(exercise_id, log=lambda *_: None)
    log(f"Reset done: students' containers and images removed, the registry emptied, exercises fresh "
        f"(previous copies in {exercises.BACKUPS.relative_to(REPO)}/, progress archived).")
