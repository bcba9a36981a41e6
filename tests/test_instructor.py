"""Instructor mode: reset between two groups removes only what the course made; prepare knows
which steps reach outside the machine."""
import nbformat
import pytest

from course_lib import exercises, instructor, live, naming, registry


def test_network_steps_are_found_in_the_chapters(tmp_path):
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("%docker run --rm debian:bookworm-slim sh -c 'apt-get update && apt-get install -y curl'"),
        nbformat.v4.new_code_cell("%docker run --rm busybox echo offline"),
        nbformat.v4.new_code_cell("%docker run --rm python:3.11-slim pip install requests")])
    path = tmp_path / "99_example.ipynb"
    nbformat.write(notebook, path)
    assert instructor.network_steps([path]) == [
        ("99_example.ipynb", 1, "packages from Debian's mirror"), ("99_example.ipynb", 3, "packages from PyPI")]


def test_reset_between_two_groups(client, tmp_path, monkeypatch):
    monkeypatch.setattr(exercises, "EXERCISES", tmp_path)
    monkeypatch.setattr(exercises, "BACKUPS", tmp_path / ".backups")
    monkeypatch.setattr(exercises, "REPO", tmp_path)
    monkeypatch.setattr(instructor, "REPO", tmp_path)
    monkeypatch.setenv("DOCKER_COURSE_PROGRESS", str(tmp_path / "progress.json"))
    exercise_id = exercises.all_ids()[0]
    student_copy = exercises.write_starter(exercise_id)
    student_copy.write_text(student_copy.read_text().replace("# YOUR CODE HERE", "# a student's attempt"))
    exercises.record(exercise_id, True, "Well done")
    # a student's work, made through the course, and something of the machine's owner
    group = naming.name("group-one")
    live.run(f"docker create --name {group} busybox true", echo=False)
    owners = client.containers.create("busybox", "true", name=f"owners-{naming.run_id()}")
    repo = f"student/{group}"
    live.run(f"docker tag busybox {registry.address()}/{repo}:1", echo=False)
    values = registry.settings()
    live.run(f"docker login {registry.address()} -u {values['user']} --password-stdin", input=values["password"],
             echo=False)
    live.run(f"docker push {registry.address()}/{repo}:1", echo=False)
    assert registry.tags(repo) == ["1"]
    try:
        instructor.reset(log=lambda *_: None)
        names = [c.name for c in client.containers.list(all=True)]
        assert group not in names and owners.name in names
        assert registry.answers() and registry.tags(repo) == []
        assert "# a student's attempt" not in student_copy.read_text()
        assert list((tmp_path / ".backups").rglob("*.ipynb"))
        assert exercises.progress() == {}
    finally:
        owners.remove(force=True)


def test_what_a_chapter_downloads_is_measured(client):
    """The counter prepare reads: a download from outside the machine shows in it; local work does not."""
    if instructor.outside_bytes() is None:
        pytest.skip("this machine does not show its network counters (/proc/net/dev)")
    before = instructor.outside_bytes()
    live.run("docker run --rm busybox true", echo=False)
    local = instructor.outside_bytes() - before
    before = instructor.outside_bytes()
    live.run("docker run --rm debian:bookworm-slim apt-get update -q", echo=False, timeout=300)
    downloaded = instructor.outside_bytes() - before
    assert downloaded > instructor.OFFLINE_BYTES > local
