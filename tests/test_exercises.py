"""Every exercise's check fails on the untouched starter and passes on the solution, for real."""
import shutil

import nbformat
import pytest

from course_lib import exercises, live
from course_lib.checks import Exercise
from notebook_runner import execute, text_of


@pytest.fixture
def private_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKER_COURSE_PROGRESS", str(tmp_path / "progress.json"))
    return tmp_path


@pytest.mark.parametrize("exercise_id", exercises.all_ids())
def test_check_fails_on_starter_and_passes_on_solution(exercise_id, private_progress, client):
    ex = Exercise(exercise_id)
    ex.start_over(log=lambda *_: None)
    starter = exercises.write_starter(exercise_id, private_progress / "starter.ipynb")
    ran = execute(starter, cwd=exercises.student_path(exercise_id).parent)
    assert exercises.progress()[exercise_id]["status"] == "failed", text_of(ran)
    assert "Not yet" in text_of(ran)

    ex.start_over(log=lambda *_: None)
    solution = private_progress / "solution.ipynb"
    shutil.copy(exercises.solution_path(exercise_id), solution)
    ran = execute(solution, cwd=exercises.student_path(exercise_id).parent)
    assert exercises.progress()[exercise_id]["status"] == "passed", text_of(ran)
    assert "Well done" in text_of(ran)
    ex.start_over(log=lambda *_: None)


def test_starters_contain_no_solution():
    for exercise_id in exercises.all_ids():
        for cell in exercises.starter(exercise_id).cells:
            assert "BEGIN SOLUTION" not in cell.source and "END SOLUTION" not in cell.source


def test_broken_attempt_gets_a_verdict_with_hints(private_progress, client):
    ex = Exercise("00_setup/hello_container")
    ex.start_over(log=lambda *_: None)
    live.run('docker run busybox echo "hello, my first container"', echo=False)
    verdict = ex.verdict()
    assert not verdict.passed
    failed = [text for ok, text, _ in verdict.items if not ok]
    assert failed == ["It printed exactly: Hello from my first container"]
    assert verdict.hints() and "quotes" in verdict.hints()[0]
    ex.start_over(log=lambda *_: None)


def test_reset_keeps_the_students_version(tmp_path, monkeypatch):
    monkeypatch.setattr(exercises, "EXERCISES", tmp_path)
    monkeypatch.setattr(exercises, "BACKUPS", tmp_path / ".backups")
    monkeypatch.setattr(exercises, "REPO", tmp_path)
    exercise_id = "00_setup/hello_container"
    path = exercises.write_starter(exercise_id)
    notebook = nbformat.read(path, as_version=4)
    notebook.cells[3].source = "%docker run busybox echo my own attempt"
    nbformat.write(notebook, path)

    assert path not in exercises.generate(log=lambda *_: None)  # never overwrites a student's copy
    assert "my own attempt" in path.read_text()
    backup = exercises.reset(exercise_id, log=lambda *_: None)
    assert "my own attempt" in backup.read_text()
    assert "my own attempt" not in path.read_text()
    assert exercises.PLACEHOLDER in path.read_text()


def test_progress_records_and_summarises(private_progress):
    exercises.record("00_setup/hello_container", False, "Not yet")
    exercises.record("00_setup/hello_container", True, "Well done")
    entry = exercises.progress()["00_setup/hello_container"]
    assert entry["status"] == "passed" and entry["attempts"] == 2 and entry["first_passed"]
    assert "✔ 00_setup/hello_container" in exercises.overview()
