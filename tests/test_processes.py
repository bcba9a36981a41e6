"""course_lib.processes: the engine's parts found in /proc while a real container runs."""
from course_lib import live, naming, processes


def test_engine_here_is_local(client):
    local, why = processes.where_is_the_engine(client)
    assert local, why


def test_a_running_container_is_a_chain_of_host_processes(client):
    name = naming.name("proc-test")
    live.run(f"docker run -d --name {name} busybox sleep 30", echo=False)
    try:
        box = client.containers.get(name)
        view = processes.engine_view(box.id, box.attrs["State"]["Pid"])
        assert view.dockerd.name == "dockerd"
        assert view.containerd is not None
        assert view.shim.args[0].endswith("containerd-shim-runc-v2") and box.id in view.shim.args
        assert view.container.args == ["sleep", "30"] and view.container.ppid == view.shim.pid
        assert view.runc_state.is_dir()
        state = processes.runc_state(box.id)
        assert state["status"] == "running" and state["pid"] == view.container.pid
        assert "…" in view.shim.short()  # the 64-digit id is cut for display
    finally:
        live.run(f"docker rm -f {name}", echo=False)


def test_a_remote_engine_is_explained(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", "tcp://192.0.2.1:2375")
    local, why = processes.where_is_the_engine()
    assert not local and "tcp://192.0.2.1:2375" in why


def test_a_vanished_process_reads_as_none():
    assert processes.read(2 ** 22 + 12345) is None
