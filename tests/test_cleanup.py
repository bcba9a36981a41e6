"""`python -m course_lib clean` removes what the course made, and nothing else."""
import subprocess
import sys

from course_lib import live, naming, registry
from course_lib.paths import REPO


def test_clean_spares_what_the_course_did_not_make(client):
    outside = "outside-the-course-" + naming.run_id()
    # a student's own things, made without the course's helper
    client.images.build(fileobj=__import__("io").BytesIO(b"FROM busybox\nCMD [\"true\"]\n"), tag=f"{outside}:1",
                        rm=True)
    theirs = {
        "container": client.containers.create("busybox", "true", name=outside).id,
        "volume": client.volumes.create(outside).name,
        "network": client.networks.create(outside).id,
    }
    # and the course's, made through the helper as a notebook would
    ours = naming.name("clean-me")
    live.run(f"docker create --name {ours} busybox true", echo=False)
    live.run(f"docker volume create {ours}", echo=False)
    live.run(f"docker network create {ours}", echo=False)
    live.run(f"docker tag busybox {ours}:1", echo=False)
    live.run(f"docker build -t {ours}-built:1 -", input="FROM busybox\nRUN touch /made\n", echo=False)
    try:
        done = subprocess.run([sys.executable, "-m", "course_lib", "clean"], cwd=REPO,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        # the student's things are all still there
        client.containers.get(theirs["container"])
        client.volumes.get(theirs["volume"])
        client.networks.get(theirs["network"])
        client.images.get(f"{outside}:1")
        for base in ("busybox:latest", "python:3.11-slim", registry.IMAGE):
            client.images.get(base)
        assert client.containers.get(registry.CONTAINER).status == "running"
        # the course's are gone
        names = [c.name for c in client.containers.list(all=True)]
        assert ours not in names
        assert ours not in [v.name for v in client.volumes.list()]
        assert ours not in [n.name for n in client.networks.list()]
        tags = [t for image in client.images.list() for t in image.tags]
        assert f"{ours}:1" not in tags and f"{ours}-built:1" not in tags
        assert "Removed what the course made" in done.stdout
    finally:
        client.containers.get(theirs["container"]).remove()
        client.volumes.get(theirs["volume"]).remove()
        client.networks.get(theirs["network"]).remove()
        client.images.remove(f"{outside}:1")


def test_a_notebooks_clean_up_removes_only_its_own_run(client):
    mine = naming.name("mine")
    other_run = "dc-ffff-other"
    live.run(f"docker create --name {mine} busybox true", echo=False)
    client.containers.create("busybox", "true", name=other_run,
                             labels={naming.LABEL: "lesson", naming.RUN_LABEL: "ffff"})
    try:
        from course_lib.cleanup import clean
        clean(run=naming.run_id(), log=lambda *_: None)
        names = [c.name for c in client.containers.list(all=True)]
        assert mine not in names and other_run in names
    finally:
        client.containers.get(other_run).remove(force=True)
