"""The doctor is readable with an engine and without one, and says what to do."""
import os
import subprocess
import sys

from course_lib.paths import REPO


def _doctor(**env):
    return subprocess.run([sys.executable, "-m", "course_lib", "doctor"], cwd=REPO, capture_output=True,
                          text=True, timeout=60, env={**os.environ, **env})


def test_all_checks_pass_on_a_ready_machine(client):
    done = _doctor()
    assert done.returncode == 0, done.stdout
    for line in ("Docker CLI", "Docker engine", "Engine platform", "Storage driver", "Base images",
                 "Local registry", "hadolint"):
        assert any(line in l and l.startswith("✔") for l in done.stdout.splitlines()), line
    assert client.version()["Version"] in done.stdout
    assert "All checks pass" in done.stdout


def test_without_an_engine_it_says_what_to_do():
    done = _doctor(DOCKER_HOST="tcp://127.0.0.1:1")
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    out = done.stdout
    assert "✘ Docker engine" in out and "tcp://127.0.0.1:1" in out
    assert "→" in out  # the fix is given
    assert "not checked: no engine" in out
    assert "✔ Docker CLI" in out
