"""course_lib.layers, its figure and chapter 3's checks, against the real engine (no mocks)."""
import subprocess

import matplotlib
import pytest

from course_lib import layers, live, naming
from course_lib.checks import Exercise
from course_lib.checks.ch03_docker_commit import GREETING, GREETING_FILE
from course_lib.engine import CourseError
from course_lib.plots.layers import stack

matplotlib.use("Agg")


def quiet(command):
    return live.run(command, echo=False)


@pytest.fixture
def made(client):
    """Names for one test's container and images; whatever exists under them is removed after."""
    names = {"box": naming.name("t03-box"), "img": naming.name("t03-img"), "built": naming.name("t03-built")}
    yield names
    subprocess.run(["docker", "rm", "-f", names["box"]], capture_output=True, timeout=60)
    subprocess.run(["docker", "rmi", names["img"], names["built"]], capture_output=True, timeout=60)


@pytest.fixture
def committed(made):
    """A busybox container with a file added and one deleted, committed with -m, -a and a CMD."""
    quiet(f"docker run --name {made['box']} busybox sh -c 'echo hi > /etc/hi.txt && rm /bin/arp'")
    quiet(f"docker commit -m 'add hi, drop arp' -a 'Tester' --change 'CMD [\"cat\", \"/etc/hi.txt\"]' "
          f"{made['box']} {made['img']}")
    return made


def test_human_uses_docker_decimal_units():
    assert layers.human(0) == "0 B"
    assert layers.human(999) == "999 B"
    assert layers.human(1_500) == "1.5 kB"
    assert layers.human(120_700_000) == "120.7 MB"
    assert layers.human(2_000_000_000) == "2.0 GB"


def test_diff_reads_added_changed_deleted(committed):
    changes = layers.diff(committed["box"])
    assert layers.Change("A", "/etc/hi.txt") in changes
    assert layers.Change("D", "/bin/arp") in changes
    assert layers.Change("C", "/etc") in changes
    assert layers.Change("C", "/bin") in changes
    assert layers.kinds(changes) == {"A": 1, "C": 2, "D": 1}
    cli = subprocess.run(["docker", "diff", committed["box"]], capture_output=True, text=True, timeout=60)
    assert sorted(map(str, changes)) == sorted(cli.stdout.splitlines())


def test_facts_of_a_commit(committed):
    base = layers.facts("busybox")
    mine = layers.facts(committed["img"])
    assert mine.layers == base.layers + 1
    assert len(mine.history) == len(base.history) + 1
    top = mine.history[-1]
    assert top.comment == "add hi, drop arp" and not top.metadata_only
    assert top.created_by.startswith("sh -c")  # the container's command, not a recipe
    assert mine.author == "Tester" and mine.cmd == ["cat", "/etc/hi.txt"]
    assert mine.labels[naming.RUN_LABEL] == naming.run_id()  # %docker's label went in via --change
    assert mine.size == base.size + top.size


def test_save_and_export_tars(committed, tmp_path):
    saved, exported = tmp_path / "saved.tar", tmp_path / "exported.tar"
    quiet(f"docker save -o {saved} {committed['img']}")
    quiet(f"docker export -o {exported} {committed['box']}")
    archive = layers.saved_image(saved)
    assert archive.tags == [f"{committed['img']}:latest"]
    assert archive.config["config"]["Cmd"] == ["cat", "/etc/hi.txt"]
    assert len(archive.layers) == layers.facts(committed["img"]).layers
    assert archive.layers[-1].whiteouts == ["/bin/arp"]
    names = layers.tar_names(exported)
    assert "etc/hi.txt" in names and "bin/arp" not in names and "manifest.json" not in names
    with pytest.raises(CourseError, match="docker save"):
        layers.saved_image(exported)


def test_clear_errors_for_missing_things(tmp_path):
    with pytest.raises(CourseError, match="no container called"):
        layers.diff(naming.name("t03-never-made"))
    with pytest.raises(CourseError, match="no image called"):
        layers.facts(naming.name("t03-never-made"))
    with pytest.raises(CourseError, match="no file"):
        layers.tar_names(tmp_path / "missing.tar")
    (tmp_path / "junk.tar").write_text("not a tar")
    with pytest.raises(CourseError, match="not a tar file"):
        layers.tar_names(tmp_path / "junk.tar")


def test_stack_draws_one_column_per_image(committed):
    fig = stack({"base": layers.history("busybox"), "mine": layers.history(committed["img"])}, "t")
    assert len(fig.axes) == 2
    texts = [t.get_text() for t in fig.axes[1].texts]
    assert any("add hi, drop arp" in t for t in texts)
    with pytest.raises(ValueError):
        stack({})


@pytest.fixture
def greeting_exercise(client, tmp_path, monkeypatch):
    monkeypatch.setenv("DOCKER_COURSE_PROGRESS", str(tmp_path / "progress.json"))
    ex = Exercise("03_docker_commit/greeting_image")
    ex.start_over(log=lambda *_: None)
    yield ex
    ex.start_over(log=lambda *_: None)
    naming.set_exercise(None)


def _failed(verdict):
    return [text for ok, text, _ in verdict.items if not ok]


def test_greeting_without_a_default_command_is_told_so(greeting_exercise):
    ex = greeting_exercise
    quiet(f"docker run --name {ex.name('box')} busybox sh -c 'echo \"{GREETING}\" > {GREETING_FILE}'")
    quiet(f"docker commit -m 'greet' -a 'Tester' {ex.name('box')} {ex.name('greeter')}")
    verdict = ex.verdict()
    assert _failed(verdict) == [f"Its default command prints exactly: {GREETING}"]
    assert "CMD" in verdict.hints()[0]


def test_greeting_built_from_a_dockerfile_is_not_a_commit(greeting_exercise, tmp_path):
    ex = greeting_exercise
    (tmp_path / "Dockerfile").write_text(
        f"FROM busybox\nRUN echo \"{GREETING}\" > {GREETING_FILE}\nCMD [\"cat\", \"{GREETING_FILE}\"]\n")
    quiet(f"docker build -q -t {ex.name('greeter')} {tmp_path}")
    verdict = ex.verdict()
    assert not verdict.passed
    assert _failed(verdict) == ["It was made by `docker commit`, with a message (-m)."]
