"""The live-command helper: runs what the student typed, streams it, labels what it creates."""
import json
import time

import pytest

from course_lib import live, naming
from course_lib.paths import state_dir


def test_result_of_a_real_run(client, capsys):
    result = live.run("docker run --rm busybox sh -c 'echo out; echo err >&2; exit 0'")
    assert result.ok and result.exit_code == 0
    assert result.stdout == "out\n" and result.stderr == "err\n"
    printed = capsys.readouterr()
    assert printed.out.startswith("$ docker run --rm busybox") and "out" in printed.out
    assert "err" in printed.err


def test_output_streams_while_it_arrives(client, monkeypatch):
    arrivals = []

    class Clock:
        def write(self, text):
            arrivals.append((time.monotonic(), text))

        def flush(self):
            pass

    monkeypatch.setattr("sys.stdout", Clock())
    live.run("docker run --rm busybox sh -c 'echo first; sleep 2; echo second'")
    first = next(t for t, text in arrivals if text.startswith("first"))
    second = next(t for t, text in arrivals if "second" in text and not text.startswith("$"))
    assert second - first > 1.5  # the first line was shown before the command ended


def test_labels_what_it_creates(client):
    name = naming.name("labelled")
    live.run(f"docker create --name {name} busybox true", echo=False)
    container = client.containers.get(name)
    try:
        assert container.labels[naming.LABEL] == "lesson"
        assert container.labels[naming.RUN_LABEL] == naming.run_id()
    finally:
        container.remove()


def test_label_injection_keeps_the_students_command():
    argv = live.with_labels(["docker", "-H", "unix:///x", "container", "run", "--rm", "busybox", "echo", "run"])
    assert argv[:5] == ["docker", "-H", "unix:///x", "container", "run"]
    assert argv[-4:] == ["--rm", "busybox", "echo", "run"] and "--label" in argv
    assert live.with_labels(["docker", "ps", "-a"]) == ["docker", "ps", "-a"]
    commit = live.with_labels(["docker", "commit", "box", "img"])
    assert commit[2] == "--change" and commit[3].startswith("LABEL dockercourse=lesson")


def test_names_it_creates_go_to_the_ledger(client):
    ref = f"{naming.name('tagged')}:1"
    result = live.run(f"docker tag busybox {ref}", echo=False)
    try:
        assert ref in result.created
        ledger = [json.loads(l) for l in (state_dir() / "ledger.jsonl").read_text().splitlines()]
        assert {"run": naming.run_id(), "ref": ref} in ledger
    finally:
        client.images.remove(ref)


def test_failure_raises_a_short_error(client):
    with pytest.raises(live.CommandFailed) as raised:
        live.run("docker run --rm busybox sh -c 'echo broken >&2; exit 3'", echo=False)
    assert "exit code 3" in str(raised.value) and "broken" in str(raised.value)
    assert raised.value.result.exit_code == 3
    assert len(raised.value._render_traceback_()) == 1


def test_expected_failure(client):
    result = live.run("docker inspect no-such-container-here", expect_failure=True, echo=False)
    assert result.exit_code != 0 and "No such" in result.stderr
    with pytest.raises(live.CommandFailed, match="expected to fail"):
        live.run("docker version --format '{{.Client.Version}}'", expect_failure=True, echo=False)


def test_timeout_stops_the_command(client):
    name = naming.name("sleeper")
    started = time.monotonic()
    with pytest.raises(live.CommandFailed, match="did not finish within 2 s"):
        live.run(f"docker run --rm --name {name} busybox sleep 30", timeout=2, echo=False)
    assert time.monotonic() - started < 10
    client.containers.get(name).remove(force=True)


def test_standard_input(client):
    result = live.run("docker run --rm -i busybox cat", input="from stdin\n", echo=False)
    assert result.stdout == "from stdin\n"


def test_only_docker_commands_and_readable_quotes():
    with pytest.raises(live.CommandFailed, match="does not start with `docker`"):
        live.run("rm -rf /tmp/x")
    with pytest.raises(live.CommandFailed, match="quotes"):
        live.run("docker run 'unclosed")


def test_magic_expands_python_values_but_keeps_go_templates(client):
    from IPython.testing.globalipapp import start_ipython
    ipython = start_ipython()
    ipython.run_line_magic("load_ext", "course_lib")
    ipython.user_ns["greeting"] = "hello"
    result = ipython.run_line_magic("docker", 'run --rm busybox echo $greeting {1 + 1}')
    assert result.stdout == "hello 2\n"
    result = ipython.run_line_magic("docker", 'version --format "{{.Client.Os}} $greeting"')
    assert result.stdout.strip() == "linux hello"


def test_a_failed_build_names_its_instruction_and_line(client, tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM busybox\n# a comment\nRUN echo fine\nRUN no-such-command --now\n")
    with pytest.raises(live.CommandFailed) as raised:
        live.run(f"docker build -t {naming.name('broken')} {tmp_path}", echo=False)
    message = str(raised.value)
    assert "line 4" in message and "no-such-command" in message


def test_ledger_keeps_only_names_this_command_made(client):
    mine, meanwhile = f"{naming.name('mine')}:1", f"someone-else-{naming.run_id()}:1"
    assert live._named_by(mine, ["docker", "tag", "busybox", mine], "")
    assert live._named_by("busybox:latest", ["docker", "pull", "busybox"], "")
    assert live._named_by("x:2", ["docker", "load", "-i", "x.tar"], "Loaded image: x:2\n")
    assert not live._named_by(meanwhile, ["docker", "tag", "busybox", mine], "")
