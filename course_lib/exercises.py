"""Student copies of the exercises, their progress, and resetting one without losing anything.

Each exercise is written once, with its solution, in exercises/solutions/<chapter>/<slug>.ipynb.
The student copy, exercises/<chapter>/<slug>.ipynb, is generated from it: every region between
`### BEGIN SOLUTION` and `### END SOLUTION` becomes `# YOUR CODE HERE`. Student copies are never
overwritten: a reset first moves the student's version to exercises/.backups/."""
import datetime
import json
import os
import re
import shutil
from pathlib import Path

import nbformat

from .paths import REPO, state_dir

EXERCISES = REPO / "exercises"
SOLUTIONS = EXERCISES / "solutions"
BACKUPS = EXERCISES / ".backups"
PLACEHOLDER = "# YOUR CODE HERE"
_REGION = re.compile(r"^[ \t]*### BEGIN SOLUTION[^\n]*\n.*?^[ \t]*### END SOLUTION[^\n]*(\n|$)",
                     re.MULTILINE | re.DOTALL)


def all_ids() -> list:
    """Every exercise id ("00_setup/hello_container"), in course order."""
    return sorted(str(p.relative_to(SOLUTIONS).with_suffix("")) for p in SOLUTIONS.glob("*/*.ipynb"))


def solution_path(exercise_id: str) -> Path:
    return SOLUTIONS / f"{exercise_id}.ipynb"


def student_path(exercise_id: str) -> Path:
    return EXERCISES / f"{exercise_id}.ipynb"


def strip_solutions(source: str) -> str:
    return _REGION.sub(lambda m: PLACEHOLDER + "\n", source).rstrip("\n") if _REGION.search(source) else source


def starter(exercise_id: str):
    """The student's notebook made from the solution notebook (outputs cleared)."""
    notebook = nbformat.read(solution_path(exercise_id), as_version=4)
    for cell in notebook.cells:
        cell.source = strip_solutions(cell.source)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return notebook


def write_starter(exercise_id: str, path: Path = None) -> Path:
    path = path or student_path(exercise_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(starter(exercise_id), path)
    return path


def generate(log=print) -> list:
    """Write the student copies that are missing; existing ones are the student's and stay."""
    made = [write_starter(i) for i in all_ids() if not student_path(i).exists()]
    if made:
        log(f"Exercises: {len(made)} student notebook(s) written under {EXERCISES.relative_to(REPO)}/.")
    return made


def reset(exercise_id: str, log=print) -> Path:
    """Back up the student's version, then give them a fresh starter. Returns the backup's path."""
    if exercise_id not in all_ids():
        raise KeyError(f"No exercise called {exercise_id!r}. Known: {', '.join(all_ids())}")
    current = student_path(exercise_id)
    backup = None
    if current.exists():
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = BACKUPS / f"{exercise_id}.{stamp}.ipynb"
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(current, backup)
        log(f"Your version is kept in {backup.relative_to(REPO)}.")
    write_starter(exercise_id)
    log(f"{exercise_id} is back to its starter.")
    return backup


# progress: one small JSON file in the course's state folder

def progress_file() -> Path:
    # DOCKER_COURSE_PROGRESS moves it: the tests grade exercises without touching a student's record
    return Path(os.environ.get("DOCKER_COURSE_PROGRESS") or state_dir() / "progress.json")


def progress() -> dict:
    path = progress_file()
    return json.loads(path.read_text()) if path.exists() else {}


def record(exercise_id: str, passed: bool, summary: str):
    data = progress()
    entry = data.get(exercise_id, {"attempts": 0, "first_passed": None})
    now = datetime.datetime.now().isoformat(timespec="seconds")
    entry.update(attempts=entry["attempts"] + 1, status="passed" if passed else "failed",
                 last_checked=now, summary=summary)
    if passed and not entry["first_passed"]:
        entry["first_passed"] = now
    data[exercise_id] = entry
    progress_file().write_text(json.dumps(data, indent=1))


def overview() -> str:
    data = progress()
    lines = ["Your exercises", ""]
    marks = {"passed": "✔", "failed": "✘"}
    for exercise_id in all_ids():
        entry = data.get(exercise_id)
        if entry is None:
            lines.append(f"· {exercise_id}  not tried yet")
        else:
            lines.append(f"{marks[entry['status']]} {exercise_id}  {entry['status']} "
                         f"(last checked {entry['last_checked']}, {entry['attempts']} check(s))")
    done = sum(1 for e in data.values() if e.get("status") == "passed")
    lines += ["", f"{done} of {len(all_ids())} exercises passed."]
    return "\n".join(lines)
