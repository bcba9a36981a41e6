"""Reading mode: with no engine (Binder), every notebook and exercise runs without an error,
showing recorded output under a banner; checks say they cannot grade. Recordings stay fresh."""
import os
import subprocess
import sys
import venv

import nbformat
import pytest

from course_lib import exercises, replay
from course_lib.paths import REPO, chapter_notebooks
from notebook_runner import execute, text_of

NOWHERE = "tcp://127.0.0.1:1"  # refused at once: nothing listens on port 1


@pytest.fixture
def no_engine(monkeypatch, tmp_path):
    monkeypatch.setenv("DOCKER_HOST", NOWHERE)
    monkeypatch.setenv("DOCKER_COURSE_PROGRESS", str(tmp_path / "progress.json"))


@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_recordings_are_fresh(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.metadata.get("dockercourse", {}).get("engine"), \
        f"{path.name} was never recorded: run ./course refresh {path.relative_to(REPO)}"
    stale = replay.stale_cells(notebook)
    assert not stale, f"{path.name}: cells {stale} changed since the last recording: run ./course refresh"


def test_every_chapter_passes_nbval_with_no_engine():
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-o", "addopts=", "-p", "no:cacheprovider", "-q", "--nbval-lax",
         "--nbval-current-env", *[str(p) for p in chapter_notebooks()]],
        cwd=REPO, env={**os.environ, "DOCKER_HOST": NOWHERE}, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:]


def test_replayed_cells_say_they_are_recordings(no_engine):
    ran = execute(REPO / "notebooks" / "00_setup.ipynb")
    outputs = [text_of(nbformat.v4.new_notebook(cells=[c])) for c in ran.cells if c.cell_type == "code"]
    assert "Reading mode" in outputs[0]
    recorded = [o for o in outputs[1:] if o.strip()]
    assert recorded and all(o.lstrip().startswith("▶ recorded on Docker") for o in recorded)
    assert "Hello from a container" in "".join(recorded)


@pytest.mark.parametrize("exercise_id", exercises.all_ids())
def test_exercises_run_and_say_they_cannot_grade(exercise_id, no_engine, tmp_path):
    for name, notebook in (("starter", exercises.starter(exercise_id)),
                           ("solution", nbformat.read(exercises.solution_path(exercise_id), as_version=4))):
        path = tmp_path / f"{name}.ipynb"
        nbformat.write(notebook, path)
        ran = execute(path, cwd=exercises.student_path(exercise_id).parent)
        assert "cannot be graded without a Docker engine" in text_of(ran)
    assert exercises.progress() == {}  # nothing was recorded as failed


def test_a_fresh_environment_from_environment_yml_opens_the_course(tmp_path):
    """What Binder does: only environment.yml's packages, then the course itself (postBuild)."""
    text = (REPO / "environment.yml").read_text().split("- pip:", 1)[1]
    packages = [line.strip()[2:] for line in text.splitlines() if line.strip().startswith("- ")]
    env_dir = tmp_path / "binder-env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, *packages], check=True, timeout=900)
    subprocess.run([*pip, "--no-deps", "-e", str(REPO)], check=True, timeout=300)
    probe = (
        "import course_lib, nbformat, nbclient\n"
        "from course_lib.paths import chapter_notebooks\n"
        "notebooks = chapter_notebooks()\n"
        "for path in notebooks: nbformat.read(path, as_version=4)\n"
        "nb = nbformat.read(notebooks[0], as_version=4)\n"
        "nbclient.NotebookClient(nb, kernel_name='python3', timeout=300).execute()\n"
        "print('opened', len(notebooks), 'notebooks; ran', notebooks[0].name)\n")
    done = subprocess.run([str(python), "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "DOCKER_HOST": NOWHERE, "PATH": f"{env_dir / 'bin'}:{os.environ['PATH']}"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert "opened" in done.stdout
