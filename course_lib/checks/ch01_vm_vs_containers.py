"""Checks for the exercises of notebooks/01_vm_vs_containers."""
import re

from . import check

MEMORY_BYTES = 128 * 1024 * 1024   # --memory 128m
CPUS = 0.5                          # --cpus 0.5
PERIOD_US = 100_000                 # the kernel's default CPU period: 100 ms
HOSTNAME = "lab-1"


def _numbers(text: str) -> set:
    return {int(n) for n in re.findall(r"\b\d+\b", text)}


def _cpus(host_config: dict) -> float:
    """The CPU limit a container was given, however it was written (--cpus or --cpu-quota)."""
    if host_config.get("NanoCpus"):
        return host_config["NanoCpus"] / 1e9
    if host_config.get("CpuQuota") and host_config.get("CpuPeriod"):
        return host_config["CpuQuota"] / host_config["CpuPeriod"]
    return 0.0


def _finished_ok(ex, verdict, box):
    state = box.attrs["State"]
    verdict.expect(state["Status"] == "exited" and state["ExitCode"] == 0,
                   "It finished on its own, with exit code 0.",
                   hint="Give it a command that ends (`cat`, `hostname`...), and check the paths you read exist.")


@check("01_vm_vs_containers/limits")
def limits(ex, verdict):
    box = verdict.require(
        ex.newest_container(), "You ran a container in this exercise.",
        hint="Write a `%docker run ...` line in the cell above, without --rm so the container stays to be checked.")
    host = box.attrs["HostConfig"]
    verdict.expect(host.get("Memory") == MEMORY_BYTES, "The engine gave it a memory limit of 128 MiB.",
                   hint="Add `--memory 128m` before the image name.")
    verdict.expect(abs(_cpus(host) - CPUS) < 1e-9, "The engine gave it a limit of half a CPU.",
                   hint="Add `--cpus 0.5` before the image name.")
    _finished_ok(ex, verdict, box)
    seen = _numbers(ex.logs(box))
    verdict.expect(MEMORY_BYTES in seen, f"From inside, it printed its memory limit ({MEMORY_BYTES} bytes).",
                   hint="Print the cgroup file that holds the memory limit: on cgroup v1 "
                        "`/sys/fs/cgroup/memory/memory.limit_in_bytes`, on v2 `/sys/fs/cgroup/memory.max`.")
    verdict.expect(int(CPUS * PERIOD_US) in seen,
                   f"From inside, it printed its CPU quota ({int(CPUS * PERIOD_US)} µs of CPU time per {PERIOD_US} µs).",
                   hint="Print the cgroup file that holds the CPU quota: on cgroup v1 "
                        "`/sys/fs/cgroup/cpu/cpu.cfs_quota_us`, on v2 `/sys/fs/cgroup/cpu.max`. "
                        "`sh -c \"cat FILE1 FILE2\"` prints two files from one container.")


@check("01_vm_vs_containers/own_hostname")
def own_hostname(ex, verdict):
    box = verdict.require(
        ex.newest_container(), "You ran a container in this exercise.",
        hint="Write a `%docker run ...` line in the cell above, without --rm so the container stays to be checked.")
    verdict.expect(box.attrs["Config"].get("Hostname") == HOSTNAME, f"Its hostname was set to {HOSTNAME}.",
                   hint=f"`--hostname {HOSTNAME}` (before the image name) gives a container its own hostname.")
    _finished_ok(ex, verdict, box)
    lines = [line.strip() for line in ex.logs(box).splitlines() if line.strip()]
    verdict.expect(lines[:1] == [HOSTNAME], f"The first line it printed is its hostname, {HOSTNAME}.",
                   hint='Run two commands in one container with a shell: `sh -c "hostname; ps"`.')
    processes = [line.split() for line in lines[1:] if line.split()[0].isdigit()]
    verdict.expect(bool(processes) and processes[0][0] == "1",
                   "It listed its processes, and the first one is PID 1.",
                   hint="`ps` lists the processes the container can see; the PID column comes first.")
