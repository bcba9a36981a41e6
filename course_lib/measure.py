"""Measurements for chapter 1, taken in the current run: start-up times, memory, sizes on disk,
the time to save and move, and what the host sees of a container (namespaces, cgroup limits).

Containers are started with the same docker CLI commands a student types (quietly); the VM is
the real one of course_lib.vm."""
import datetime
import json
import os
import shutil
import statistics
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import live, vm
from .engine import CourseError, connect
from .messages import say

# Reads a container's memory and CPU limits from inside, on cgroup v1 or v2, and prints them as
# three lines: memory_limit=BYTES, cpu_quota=MICROSECONDS (or max), cpu_period=MICROSECONDS.
# No double quotes, so it can be passed as `sh -c "$LIMITS_SCRIPT"`.
LIMITS_SCRIPT = (
    "if [ -f /sys/fs/cgroup/memory.max ]; then "
    "echo memory_limit=$(cat /sys/fs/cgroup/memory.max); "
    "set -- $(cat /sys/fs/cgroup/cpu.max); echo cpu_quota=$1; echo cpu_period=$2; "
    "else "
    "echo memory_limit=$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes); "
    "echo cpu_quota=$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us); "
    "echo cpu_period=$(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us); "
    "fi"
)


def parse_limits(text: str) -> dict:
    """{"memory_limit": int or None, "cpu_quota": int or None, "cpu_period": int} from LIMITS_SCRIPT's output.
    None means "no limit" (cgroup v2 writes `max`, v1 writes -1 or a huge number)."""
    found = {}
    for line in text.splitlines():
        key, _, value = line.strip().partition("=")
        if key in ("memory_limit", "cpu_quota", "cpu_period"):
            number = int(value) if value.lstrip("-").isdigit() else None
            if number is not None and (number < 0 or number >= 2**62):
                number = None
            found[key] = number
    return found


def median(values) -> float:
    return statistics.median(values)


def container_startups(image: str = "busybox", runs: int = 5) -> list:
    """Seconds for each of `runs` runs of `docker run --rm IMAGE true`: create, start, exit, remove."""
    return [live.run(f"docker run --rm {image} true", echo=False).seconds for _ in range(runs)]


def vm_boots(runs: int = 3) -> list:
    """`runs` real boots of the tiny VM (course_lib.vm.Boot each: times, peak memory, what it saw)."""
    return [vm.boot() for _ in range(runs)]


# ---- what the host sees of a container ------------------------------------------------------------

def host_pid(container_name: str) -> int:
    """The container's first process, as a process ID of this machine."""
    container = connect().containers.get(container_name)
    pid = container.attrs["State"]["Pid"]
    if not pid:
        raise CourseError(f"The container {container_name} is not running.")
    if not Path(f"/proc/{pid}").exists():
        raise CourseError(say("measure.remote_engine", pid=pid))
    return pid


NAMESPACES = ["pid", "mnt", "uts", "ipc", "net", "cgroup", "user"]


def namespaces(pid="self") -> dict:
    """{namespace kind: its identity, e.g. "pid:[4026532291]"} for a process of this machine."""
    return {kind: os.readlink(f"/proc/{pid}/ns/{kind}") for kind in NAMESPACES
            if os.path.exists(f"/proc/{pid}/ns/{kind}")}


def _status(pid, field_name) -> int:
    """A memory figure (bytes) from /proc/PID/status, e.g. VmHWM (peak resident memory)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field_name + ":"):
            return int(line.split()[1]) * 1024
    return 0


def _parent(pid) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("PPid:"):
            return int(line.split()[1])
    return 0


def _command(pid) -> str:
    return Path(f"/proc/{pid}/comm").read_text().strip()


@dataclass
class ContainerMemory:
    process_bytes: int   # peak resident memory of the container's own process
    shim_bytes: int      # peak resident memory of its containerd-shim, the engine's per-container helper

    @property
    def total_bytes(self) -> int:
        return self.process_bytes + self.shim_bytes


def container_memory(container_name: str) -> ContainerMemory:
    """What one running container costs in memory on this machine, read from /proc like for QEMU."""
    pid = host_pid(container_name)
    shim = _parent(pid)
    shim_bytes = _status(shim, "VmHWM") if _command(shim).startswith("containerd-shim") else 0
    return ContainerMemory(_status(pid, "VmHWM"), shim_bytes)


# ---- sizes, saving and moving -----------------------------------------------------------------------

def image_bytes(ref: str) -> int:
    """The image's size as the engine reports it (`docker images` SIZE, in bytes)."""
    return connect().images.get(ref).attrs["Size"]


@dataclass
class Move:
    """Saving something to one file, copying the file elsewhere, and loading it back there."""
    what: str
    file_bytes: int
    save_seconds: float
    copy_seconds: float
    load_seconds: float

    @property
    def total_seconds(self) -> float:
        return self.save_seconds + self.copy_seconds + self.load_seconds


def _copy(source: Path, target: Path, runs: int = 3) -> float:
    """Median seconds to copy a file and flush it to disk (so the page cache does not hide the work)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        shutil.copyfile(source, target)
        with open(target, "rb+") as handle:
            os.fsync(handle.fileno())
        times.append(time.perf_counter() - started)
    return median(times)


def move_image(ref: str, workdir: Path) -> Move:
    """docker save the image to a file, copy the file to "another machine" (another folder),
    remove the image and docker load it back from the copy. `ref` must be a course-made name."""
    here, there = Path(workdir) / "here", Path(workdir) / "there"
    here.mkdir(parents=True, exist_ok=True)
    there.mkdir(parents=True, exist_ok=True)
    saved = live.run(f"docker save -o {here / 'image.tar'} {ref}", echo=False)
    copy_seconds = _copy(here / "image.tar", there / "image.tar")
    live.run(f"docker rmi {ref}", echo=False)
    loaded = live.run(f"docker load -i {there / 'image.tar'}", echo=False)
    return Move("container image", (there / "image.tar").stat().st_size, saved.seconds, copy_seconds, loaded.seconds)


def move_vm(workdir: Path) -> Move:
    """The same for the VM: its files into one archive, the archive copied, unpacked there."""
    here, there = Path(workdir) / "vm-here", Path(workdir) / "vm-there"
    here.mkdir(parents=True, exist_ok=True)
    there.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with tarfile.open(here / "vm.tar", "w") as archive:
        for path in vm.files():
            archive.add(path, arcname=path.name)
    save_seconds = time.perf_counter() - started
    copy_seconds = _copy(here / "vm.tar", there / "vm.tar")
    started = time.perf_counter()
    with tarfile.open(there / "vm.tar") as archive:
        archive.extractall(there, filter="data") if hasattr(tarfile, "data_filter") else archive.extractall(there)
    load_seconds = time.perf_counter() - started
    return Move("virtual machine", (there / "vm.tar").stat().st_size, save_seconds, copy_seconds, load_seconds)


def workdir() -> Path:
    """A scratch folder for this run's archives, removed by the caller (or by the OS: it is in /tmp)."""
    return Path(tempfile.mkdtemp(prefix="docker-course-ch01-"))


# ---- the VM side as data: measured now, or the course's recorded reference ---------------------------

REFERENCE = Path(__file__).parent / "recipes" / "ch01_vm_reference.json"


def machine() -> str:
    """One line that says which machine a measurement comes from."""
    system = "Linux"
    release = Path("/etc/os-release")
    if release.exists():
        for line in release.read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"')
    cpu = ""
    if Path("/proc/cpuinfo").exists():
        cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                    if l.startswith("model name")), "")
    return f"{system}, {cpu or 'unknown CPU'}, {os.cpu_count()} CPU(s), kernel {os.uname().release}"


def vm_side(boots: list, move: Move) -> dict:
    """The VM's figures, as the comparison figure and the reference file hold them."""
    return {"startup_seconds": [b.seconds_total for b in boots],
            "userspace_seconds": [b.seconds_to_userspace for b in boots],
            "peak_rss_bytes": max(b.peak_rss_bytes for b in boots),
            "size_bytes": vm.size_bytes(), "kernel": boots[0].kernel, "accel": boots[0].accel,
            "move": {"file_bytes": move.file_bytes, "save_seconds": move.save_seconds,
                     "copy_seconds": move.copy_seconds, "load_seconds": move.load_seconds},
            "source": "measured in this run"}


def reference() -> dict:
    """The VM figures the course recorded on a machine with QEMU, labelled with where and when."""
    data = json.loads(REFERENCE.read_text())
    data["source"] = f"reference figures, measured on {data['measured_on']} at {data['measured_at']}"
    return data


def record_reference():
    """Measure the VM here and write the reference file (for the course's maintainers)."""
    boots = vm_boots(3)
    folder = workdir()
    try:
        data = vm_side(boots, move_vm(folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    data.pop("source")
    data.update(measured_on=machine(), measured_at=datetime.datetime.now().isoformat(timespec="minutes"))
    REFERENCE.write_text(json.dumps(data, indent=1) + "\n")
    return data


if __name__ == "__main__":  # python -m course_lib.measure: re-record the reference VM figures
    print(json.dumps(record_reference(), indent=1))
