"""course_lib.rest against the real engine: requests written by hand, answers read in full."""
import os
import socket
import threading

import pytest

from course_lib import naming, rest
from course_lib.engine import EngineUnavailable, connect


def test_version_and_ping_answer():
    assert rest.api_version().startswith("1.")
    ping = rest.request("GET", "/_ping")
    assert ping.ok and ping.body == b"OK"
    assert ping.request_text.startswith(f"GET /v{rest.api_version()}/_ping HTTP/1.1\r\n")


def test_create_start_logs_by_hand(client):
    name = naming.name("rest-test")
    try:
        made = rest.request("POST", "/containers/create", params={"name": name},
                            body={"Image": "busybox", "Cmd": ["echo", "by hand"], "Labels": naming.labels()})
        assert made.status == 201 and len(made.json["Id"]) == 64
        assert '"Image": "busybox"' in made.request_text and "Content-Length:" in made.request_text
        assert rest.request("POST", f"/containers/{name}/start").status == 204
        assert rest.request("POST", f"/containers/{name}/wait").json["StatusCode"] == 0
        logs = rest.request("GET", f"/containers/{name}/logs", params={"stdout": 1})
        assert logs.body == b"\x01\x00\x00\x00\x00\x00\x00\x08by hand\n"
        box = client.containers.get(name)
        assert box.labels[naming.RUN_LABEL] == naming.run_id()
        # the JSON filter in the query string is understood by the engine
        listed = rest.request("GET", "/containers/json",
                              params={"all": 1, "filters": {"name": [name]}})
        assert [c["Names"][0] for c in listed.json] == [f"/{name}"]
    finally:
        rest.request("DELETE", f"/containers/{name}", params={"force": 1})
    gone = rest.request("GET", f"/containers/{name}/json")
    assert gone.status == 404 and "No such container" in gone.json["message"]


def test_show_prints_request_and_answer(capsys):
    rest.request("GET", "/version").show(max_lines=3)
    out = capsys.readouterr().out
    assert "--- request sent to" in out and "--- answer: HTTP 200 OK" in out and "more lines" in out


def test_nothing_listening_is_a_clear_error_fast():
    with pytest.raises(rest.RestError, match="Nothing answers at tcp://127.0.0.1:9"):
        rest.request("GET", "/_ping", host="tcp://127.0.0.1:9")


def test_tcp_address_speaks_plain_http():
    """A tiny HTTP server on 127.0.0.1 stands in for an engine on tcp://: the same code reaches it."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]

    def serve():
        conn, _ = listener.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\": true}")
        conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    answer = rest.request("GET", "/info", host=f"tcp://127.0.0.1:{port}", versioned=False)
    thread.join(5)
    listener.close()
    assert answer.json == {"a": True}


def test_bad_addresses_and_paths_are_explained():
    with pytest.raises(rest.RestError, match="ssh://"):
        rest.request("GET", "/_ping", host="ssh://someone@somewhere")
    with pytest.raises(rest.RestError, match="needs a host and a port"):
        rest.request("GET", "/_ping", host="tcp://127.0.0.1")
    with pytest.raises(rest.RestError, match="start with a slash"):
        rest.request("GET", "containers/json")


def test_docker_host_is_put_back():
    before = os.environ.get("DOCKER_HOST")
    with rest.docker_host("tcp://127.0.0.1:9"):
        with pytest.raises(EngineUnavailable, match="DOCKER_HOST is set to tcp://127.0.0.1:9"):
            connect()
    assert os.environ.get("DOCKER_HOST") == before


def test_reading_mode_sends_nothing(monkeypatch, capsys):
    from course_lib import replay
    monkeypatch.setitem(replay._state, "active", True)
    answer = rest.request("POST", "/containers/create", body={"Image": "busybox"}, host="tcp://127.0.0.1:9")
    assert answer.status == 0 and not answer.ok and '"Image": "busybox"' in answer.request_text
    assert "Not run" in capsys.readouterr().out
