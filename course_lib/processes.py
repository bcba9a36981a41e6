"""The engine's parts seen as ordinary processes of this machine, read from /proc.

On Linux with a local engine, a running container is a chain of host processes:
    dockerd  ->  containerd            (the daemon you talk to, and the one that runs containers)
    containerd-shim-runc-v2 -id ID ->  the container's first process
runc, the tool that actually creates the container, exits once the container is started; what
it leaves behind is its state, in /run/docker/runtime-runc/moby/ID/.

Where the engine runs elsewhere (Docker Desktop's virtual machine, a remote DOCKER_HOST, a
Mac or Windows host with no /proc), none of this is visible from here: `where_is_the_engine()`
says so, and why."""
import json
import os
import platform
import shutil
import subprocess
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from .engine import engine_host
from .messages import say

PROC = Path("/proc")
RUNC_ROOT = Path("/run/docker/runtime-runc/moby")  # where dockerd tells runc to keep its state
ENGINE_PARTS = ("dockerd", "containerd", "containerd-shim", "containerd-shim-runc-v2", "runc", "docker-proxy")


@dataclass
class Proc:
    pid: int
    ppid: int
    name: str      # the command's name (/proc/PID/comm)
    args: list     # its full command line

    def short(self, width: int = 90) -> str:
        """The command line, cut to `width` characters, with long ids cut to 12 characters."""
        words = [w[:12] + "…" if len(w) == 64 and all(c in "0123456789abcdef" for c in w) else w
                 for w in self.args]
        text = " ".join(words) or self.name
        return text if len(text) <= width else text[:width - 1] + "…"


def read(pid: int):
    """The process `pid`, or None when it has gone (processes come and go while we read)."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
        args = (PROC / str(pid) / "cmdline").read_bytes().split(b"\0")
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # the name is in parentheses and may hold spaces; the fields after it are space-separated
    name = stat[stat.index("(") + 1:stat.rindex(")")]
    ppid = int(stat[stat.rindex(")") + 2:].split()[1])
    return Proc(pid, ppid, name, [a.decode(errors="replace") for a in args if a])


def all_processes() -> list:
    found = []
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            proc = read(int(entry.name))
            if proc:
                found.append(proc)
    return found


def _program(proc: Proc) -> str:
    """The program's file name (comm is cut at 15 characters: containerd-shim-runc-v2 is longer)."""
    return os.path.basename(proc.args[0]) if proc.args else proc.name


def where_is_the_engine(client=None):
    """(True, how) when the engine's processes can be read here; (False, why not) otherwise."""
    host = engine_host()
    scheme = urllib.parse.urlsplit(host).scheme
    if platform.system() != "Linux" or not PROC.is_dir():
        return False, say("processes.not_linux", system=platform.system())
    if scheme != "unix":
        return False, say("processes.remote", host=host)
    if client is not None:
        info = client.info()
        if "Docker Desktop" in (info.get("OperatingSystem") or ""):
            return False, say("processes.desktop", os=info.get("OperatingSystem"))
    daemons = [p for p in all_processes() if _program(p) == "dockerd"]
    if not daemons:
        return False, say("processes.no_dockerd", host=host)
    return True, say("processes.local", host=host, pid=daemons[0].pid)


@dataclass
class EngineView:
    """The processes behind one running container, and runc's record of it."""
    dockerd: Proc
    containerd: Proc
    shim: Proc
    container: Proc           # the container's first process, as the host sees it
    runc_running: list        # runc processes alive at the moment we looked (usually none)
    runc_state: Path          # runc's state folder for this container

    def chain(self) -> list:
        return [self.dockerd, self.containerd, self.shim, self.container]

    def show(self):
        """Print the two process trees: parent -> child, with PIDs and command lines."""
        print(say("processes.tree_daemon"))
        print(f"  {self.dockerd.pid:>7}  {self.dockerd.short()}")
        print(f"  {self.containerd.pid:>7}    └─ {self.containerd.short(80)}")
        print(say("processes.tree_container"))
        print(f"  {self.shim.pid:>7}  {self.shim.short()}")
        print(f"  {self.container.pid:>7}    └─ {self.container.short(80)}")
        print(say("processes.runc", running=len(self.runc_running), folder=self.runc_state,
                  exists="exists" if self.runc_state.is_dir() else "is missing"))


def engine_view(container_id: str, container_pid: int) -> EngineView:
    """Find dockerd, containerd, the container's shim and its first process in /proc."""
    procs = all_processes()
    by_pid = {p.pid: p for p in procs}
    dockerd = next((p for p in procs if _program(p) == "dockerd"), None)
    containerd = next((p for p in procs if _program(p) == "containerd"
                       and dockerd and p.ppid == dockerd.pid), None) \
        or next((p for p in procs if _program(p) == "containerd"), None)
    shim = next((p for p in procs if _program(p).startswith("containerd-shim")
                 and container_id in p.args), None)
    container = by_pid.get(container_pid)
    runc = [p for p in procs if _program(p) == "runc"]
    return EngineView(dockerd, containerd, shim, container, runc, RUNC_ROOT / container_id)


def runc_state(container_id: str) -> dict:
    """What `runc state ID` says about a container (runc reads its state folder, runs nothing).
    {} when the runc command is not on this machine."""
    runc = shutil.which("runc") or shutil.which("docker-runc")
    if not runc:
        return {}
    done = subprocess.run([runc, "--root", str(RUNC_ROOT), "state", container_id],
                          capture_output=True, text=True, timeout=10)
    if done.returncode != 0:
        return {"error": done.stderr.strip()}
    return json.loads(done.stdout)
