"""Chapter 1's tiny VM and measurements, for real: QEMU boots, containers run on the engine."""
import gzip
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from course_lib import CourseError, live, measure, naming, vm
from course_lib.paths import REPO
from course_lib.refresh import execute
from course_lib.plots import vm_vs_containers as plots

needs_vm = pytest.mark.skipif(not vm.available(), reason=f"no VM here: {vm.reason()}")


def _qemus_of_ours() -> int:
    """QEMU processes booting the course's VM files right now."""
    count = 0
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(vm.folder()).encode() in cmdline.read_bytes() and b"qemu" in cmdline.read_bytes():
                count += 1
        except OSError:
            pass
    return count


def _python(code: str, **env) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=REPO, env=dict(os.environ, **env))
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_initramfs_is_an_archive_the_kernel_can_unpack(tmp_path):
    archive = gzip.decompress(vm.make_initramfs())
    assert archive.startswith(b"070701")  # cpio "newc", the format the kernel reads
    busybox = shutil.which("busybox") or str(vm.BUSYBOX)
    listing = subprocess.run([busybox, "cpio", "-t", "-v"], input=archive, capture_output=True, timeout=30).stdout.decode()
    names = {line.split()[-1] for line in listing.splitlines() if line.strip()}
    assert {"init", "bin/busybox", "dev/console", "proc"} <= names
    console = next(line for line in listing.splitlines() if line.endswith("dev/console"))
    assert console.startswith("c")  # a character device, where the guest's output goes
    assert vm.make_initramfs() == vm.make_initramfs()  # reproducible: no time stamps inside


@needs_vm
def test_ensure_a_second_time_only_looks():
    started = time.perf_counter()
    assert vm.ensure(log=lambda *_: None) is True
    assert time.perf_counter() - started < 1.0


@needs_vm
def test_the_vm_boots_its_own_kernel_and_powers_off():
    before = _qemus_of_ours()
    boot = vm.boot()
    assert boot.kernel == vm.settings()["kernel_release"] != os.uname().release
    assert boot.seen["pid"] == "1" and int(boot.seen["processes"]) > 5  # its own kernel's threads
    assert 0 < boot.seconds_to_userspace <= boot.seconds_total < vm.BOOT_TIMEOUT
    assert boot.peak_rss_bytes > 32 * 2**20  # QEMU holds the guest's memory
    assert _qemus_of_ours() == before


@needs_vm
def test_a_boot_that_runs_out_of_time_is_stopped():
    before = _qemus_of_ours()
    with pytest.raises(CourseError, match="did not power off within 0.3 s"):
        vm.boot(timeout=0.3)
    assert _qemus_of_ours() == before  # QEMU was killed, not left running


def test_without_prepared_files_the_vm_says_what_to_do(tmp_path):
    out = _python("from course_lib import vm, CourseError\n"
                  "print(vm.available()); print(vm.reason())\n"
                  "try:\n    vm.boot()\nexcept CourseError as e:\n    print('refused:', e)\n",
                  DOCKER_COURSE_HOME=str(tmp_path))
    lines = out.splitlines()
    assert lines[0] == "False"
    assert "./course setup" in lines[1] and lines[2].startswith("refused:")


def test_without_qemu_set_up_does_not_fail(tmp_path):
    # a PATH without QEMU (nor apt-get), as on a laptop that never installed it: no exception
    out = _python("from course_lib import vm\n"
                  "print(vm.ensure(log=lambda m: print('LOG', m)))",
                  DOCKER_COURSE_HOME=str(tmp_path), PATH=str(tmp_path))
    assert out.strip().endswith("False")
    assert "QEMU is not installed" in out and "apt-get install qemu-system-x86" in out


def test_limits_are_parsed_for_both_cgroup_versions():
    v1 = "memory_limit=67108864\ncpu_quota=50000\ncpu_period=100000\n"
    v2 = "memory_limit=max\ncpu_quota=max\ncpu_period=100000\n"
    assert measure.parse_limits(v1) == {"memory_limit": 67108864, "cpu_quota": 50000, "cpu_period": 100000}
    assert measure.parse_limits(v2) == {"memory_limit": None, "cpu_quota": None, "cpu_period": 100000}
    assert measure.parse_limits("memory_limit=9223372036854771712\ncpu_quota=-1")["cpu_quota"] is None


def test_a_container_seen_from_the_host(client):
    box = naming.name("test-vm-box")
    live.run(f"docker run -d --name {box} --memory 32m --cpus 0.5 busybox sleep 60", echo=False)
    try:
        pid = measure.host_pid(box)
        inside, here = measure.namespaces(pid), measure.namespaces()
        assert all(inside[k] != here[k] for k in ("pid", "mnt", "uts", "ipc", "net"))
        memory = measure.container_memory(box)
        assert 0 < memory.process_bytes < 32 * 2**20 and memory.shim_bytes > 0
        limits = live.run(f'docker exec {box} sh -c "{measure.LIMITS_SCRIPT}"', echo=False)
        assert measure.parse_limits(limits.stdout)["memory_limit"] == 32 * 2**20
    finally:
        live.run(f"docker rm -f {box}", echo=False)


def test_saving_and_moving_an_image_and_the_vm(client, tmp_path):
    copy = naming.name("test-vm-copy")
    live.run(f"docker tag busybox {copy}", echo=False)
    try:
        moved = measure.move_image(copy, tmp_path)
        assert client.images.get(copy).id == client.images.get("busybox").id  # loaded back, same image
        assert moved.file_bytes > 0 and moved.total_seconds > 0
    finally:
        live.run(f"docker rmi {copy}", echo=False)
    if vm.available():
        moved = measure.move_vm(tmp_path)
        assert moved.file_bytes >= vm.size_bytes()
        assert sorted(p.name for p in (tmp_path / "vm-there").iterdir()) == sorted(
            ["vm.tar"] + [p.name for p in vm.files()])


def test_figures_are_drawn_from_the_data_given():
    assert len(plots.architecture().axes) == 3
    container = {"startup_seconds": [0.3, 0.4], "process_bytes": 10**6, "shim_bytes": 10**7,
                 "size_bytes": 2 * 10**6, "move": {"save_seconds": 0.1, "copy_seconds": 0.01, "load_seconds": 0.1}}
    figure = plots.comparison(container, measure.reference())
    assert len(figure.axes) == 4
    assert "reference figures, measured on" in figure.texts[0].get_text()
    assert figure.axes[2].patches[1].get_height() == pytest.approx(measure.reference()["size_bytes"] / 1e6)


def test_the_chapter_runs_where_there_is_no_vm(tmp_path, monkeypatch, client):
    """A laptop without the VM: the notebook still runs, with reference figures said to be such."""
    monkeypatch.setenv("DOCKER_COURSE_HOME", str(tmp_path))  # no VM files prepared there
    notebook = nbformat.read(REPO / "notebooks" / "01_vm_vs_containers.ipynb", as_version=4)
    execute(notebook, REPO / "notebooks", timeout=300)
    text = "\n".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", []))
    assert "No VM on this machine: QEMU is installed, but" in text or "No VM on this machine: QEMU is not" in text
    assert "Not checked here: this machine has no VM" in text
    assert "VM figures: reference figures (no VM on this machine)" in text
