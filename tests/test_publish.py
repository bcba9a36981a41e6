"""course_lib.publish against the real docker CLI, engine and local registry.

Each test gets its own docker config folder (DOCKER_CONFIG), so logging in and out here never
touches the machine's ~/.docker/config.json, and its own course state folder."""
import base64
import json
import socket
import threading
import time

import pytest

from course_lib import live, publish, registry
from course_lib.engine import CourseError


@pytest.fixture
def docker_config(tmp_path, monkeypatch):
    folder = tmp_path / "docker-config"
    folder.mkdir()
    monkeypatch.setenv("DOCKER_CONFIG", str(folder))
    return folder / "config.json"


@pytest.fixture
def course_home(tmp_path, monkeypatch):
    # the registry's settings stay where they are; only the hub choice goes to a fresh folder
    monkeypatch.setattr(publish, "state_dir", lambda: tmp_path)
    monkeypatch.delenv("DOCKER_COURSE_HUB_USER", raising=False)
    return tmp_path


def test_login_keeps_the_password_out_of_the_command_and_output(docker_config, client):
    values = registry.settings()
    result = publish.login(echo=False)
    assert result.ok and "Login Succeeded" in result.stdout
    assert "--password-stdin" in result.command
    assert values["password"] not in result.command + result.output
    assert publish.config_path() == docker_config
    assert publish.stored_login() == (values["user"], values["password"])


def test_credentials_report_masks_the_secret(docker_config, client):
    publish.login(echo=False)
    stored = json.loads(docker_config.read_text())["auths"][registry.address()]["auth"]
    report = publish.credentials_report()
    assert registry.settings()["password"] not in report and stored not in report
    assert "base64 of 'student:'" in report and "not encryption" in report
    publish.logout(echo=False)
    assert publish.stored_login() is None
    assert "not logged in" in publish.credentials_report()


def test_wrong_password_is_refused_and_nothing_is_saved(docker_config, client):
    with pytest.raises(live.CommandFailed) as failed:
        publish.login(registry.address(), "student", "not-the-password", echo=False)
    assert "401" in str(failed.value)
    assert publish.stored_login() is None


def test_credential_helpers_are_reported(docker_config):
    docker_config.write_text(json.dumps({
        "auths": {registry.address(): {}}, "credsStore": "desktop",
        "credHelpers": {"ghcr.io": "pass"}}))
    assert publish.helper_for() == "desktop"
    assert publish.helper_for("ghcr.io") == "pass"        # credHelpers wins for its registry
    report = publish.credentials_report()
    assert "docker-credential-desktop" in report and '"ghcr.io": "pass"' in report
    assert publish.stored_login() is None


def test_a_broken_config_file_gets_a_clear_message(docker_config):
    docker_config.write_text("{not json")
    with pytest.raises(CourseError, match="not valid JSON"):
        publish.read_config()


def test_stored_login_decodes_what_docker_writes(docker_config):
    docker_config.write_text(json.dumps({"auths": {"example.test:5000": {
        "auth": base64.b64encode(b"ann:pa:ss").decode()}}}))
    assert publish.stored_login("example.test:5000") == ("ann", "pa:ss")


def test_pushed_digest_needs_a_digest_line():
    result = live.Result("docker push x", ["docker", "push", "x"], 1, "denied\n", "", 0.1)
    with pytest.raises(CourseError, match="did not report a digest"):
        publish.pushed_digest(result)


def test_hub_is_opt_in(course_home, monkeypatch):
    assert publish.hub_user() is None
    publish.choose_hub("alice2026")
    assert publish.hub_user() == "alice2026"
    monkeypatch.setenv("DOCKER_COURSE_HUB_USER", "bobby")
    assert publish.hub_user() == "bobby"                  # the environment wins
    monkeypatch.delenv("DOCKER_COURSE_HUB_USER")
    publish.forget_hub()
    assert publish.hub_user() is None
    with pytest.raises(CourseError, match="not a Docker Hub user name"):
        publish.choose_hub("Not A Name!")


def test_hub_login_without_a_choice_or_a_token_says_what_to_do(course_home, monkeypatch):
    with pytest.raises(CourseError, match="not chosen"):
        publish.hub_login()
    monkeypatch.delenv("DOCKER_COURSE_HUB_TOKEN", raising=False)
    with pytest.raises(CourseError, match="DOCKER_COURSE_HUB_TOKEN"):
        publish.hub_token()                               # pytest gives no terminal to ask on


def test_hub_probe_is_bounded():
    started = time.monotonic()
    probe = publish.hub_probe(timeout=5)
    assert time.monotonic() - started < 6
    assert probe.reachable or probe.detail                # on this machine: DNS fails at once


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_hub_probe_reports_a_refused_and_a_silent_server(monkeypatch):
    monkeypatch.setattr(publish, "HUB_REGISTRY", f"http://127.0.0.1:{_free_port()}/v2/")
    refused = publish.hub_probe(timeout=2)
    assert not refused.reachable and "refused" in refused.detail.lower()

    silent = socket.socket()              # a real server that accepts and never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    accepted = []
    threading.Thread(target=lambda: accepted.append(silent.accept()), daemon=True).start()
    monkeypatch.setattr(publish, "HUB_REGISTRY", f"http://127.0.0.1:{silent.getsockname()[1]}/v2/")
    started = time.monotonic()
    quiet = publish.hub_probe(timeout=1)
    assert time.monotonic() - started < 3
    assert not quiet.reachable and "no answer within 1 s" in quiet.detail
    silent.close()


def test_hub_probe_counts_a_401_as_reachable(monkeypatch, client):
    # the course's registry answers /v2/ with 401 to a client without a password, as Hub does
    monkeypatch.setattr(publish, "HUB_REGISTRY", f"http://{registry.address()}/v2/")
    probe = publish.hub_probe(timeout=5)
    assert probe.reachable and "401" in probe.detail


def test_exercise_check_catches_a_wrong_message(tmp_path, monkeypatch, client):
    """A pushed image that prints the wrong text fails the check, on that point only."""
    from course_lib.checks import Exercise
    from course_lib.checks.ch05_docker_hub import TAG, repository

    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path))
    ex = Exercise("05_docker_hub/publish")
    ex.start_over(log=lambda *_: None)
    (ex.folder / "Dockerfile").write_text('FROM busybox\nCMD ["echo", "published and pulled back"]\n')
    ref = f"{repository(ex)}:{TAG}"
    publish.login(echo=False)
    live.run(f"docker build -t {ref} {ex.folder}", echo=False)
    live.run(f"docker push {ref}", echo=False)
    try:
        verdict = ex.verdict()
        failed = [text for ok, text, _ in verdict.items if not ok]
        assert failed == ["It prints exactly: Published and pulled back"]
        assert verdict.hints() and "CMD" in verdict.hints()[0]
    finally:
        ex.start_over(log=lambda *_: None)


def test_hub_login_fails_fast_and_plainly(course_home, docker_config, monkeypatch):
    # here Docker Hub does not resolve; elsewhere this token is refused: either way, a short failure
    publish.choose_hub("alice2026")
    monkeypatch.setenv("DOCKER_COURSE_HUB_TOKEN", "not-a-real-token")
    started = time.monotonic()
    with pytest.raises(live.CommandFailed) as failed:
        publish.hub_login(echo=False)
    assert time.monotonic() - started < 61
    assert "docker login --username alice2026 --password-stdin" in str(failed.value)
    assert "not-a-real-token" not in str(failed.value)
    assert publish.stored_login("hub") is None
