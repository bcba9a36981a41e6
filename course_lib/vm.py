"""A tiny, real virtual machine beside the containers: QEMU boots Debian's kernel with a busybox
initramfs that the course makes itself, prints what it sees, and powers off.

`ensure(log)` provisions what it needs (set-up calls it; a second run only looks). Where that is
not possible (no QEMU, not Debian, not root) nothing fails: `available()` is False and `reason()`
says why and what to do. Every boot has a hard timeout and QEMU is killed when it expires."""
import gzip
import hashlib
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .engine import CourseError
from .messages import say
from .paths import state_dir
from .system import apt_install, apt_update, can_self_provision

QEMU = "qemu-system-x86_64"
KERNEL_PACKAGE = "linux-image-cloud-amd64"   # Debian's small kernel for virtual machines
BUSYBOX = Path("/bin/busybox")               # from busybox-static: one file, no libraries needed
BOOT_TIMEOUT = 60       # seconds; a software-emulated boot takes about 3 here
KVM_PROBE_TIMEOUT = 8   # seconds; a KVM boot that works is done in about 1
MEMORY_MB = 128
MARK = "COURSE-VM"      # lines the guest prints start with this, so we can find them among kernel messages

# The guest's first (and only) program. It uses busybox for every command, says what it sees,
# then powers the machine off (-no-reboot makes QEMU exit if poweroff turns into a reboot).
INIT = f"""#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
echo "{MARK} userspace"
echo "{MARK} kernel $(uname -r)"
echo "{MARK} pid $$"
echo "{MARK} hostname $(hostname)"
echo "{MARK} processes $(ls /proc | grep -c '^[0-9]')"
echo "{MARK} memtotal_kb $(grep MemTotal /proc/meminfo | tr -s ' ' | cut -d' ' -f2)"
echo "{MARK} done"
poweroff -f
"""


def folder() -> Path:
    return state_dir() / "vm"


def _settings_path() -> Path:
    return folder() / "vm.json"


def settings() -> dict:
    """What ensure() recorded: kernel file and version, initramfs, accelerator; {} before."""
    path = _settings_path()
    try:
        return json.loads(path.read_text()) if path.exists() else {}
    except ValueError:
        return {}


def _save(values: dict):
    folder().mkdir(parents=True, exist_ok=True)
    _settings_path().write_text(json.dumps(values, indent=1))


def qemu_path():
    return shutil.which(QEMU)


def files() -> list:
    """The VM's files (its kernel and its root filesystem), as Paths; [] when not provisioned."""
    values = settings()
    paths = [folder() / values[k] for k in ("kernel", "initramfs") if values.get(k)]
    return paths if len(paths) == 2 and all(p.exists() for p in paths) else []


def reason() -> str:
    """Why the VM cannot boot here, with what to do; "" when it can."""
    if not qemu_path():
        ok, why = can_self_provision()
        return say("vm.no_qemu") if ok else say("vm.no_qemu_elsewhere", why=why)
    if not files():
        return say("vm.not_provisioned")
    return ""


def available() -> bool:
    return reason() == ""


# ---- provisioning -------------------------------------------------------------------------------

def ensure(log=print) -> bool:
    """QEMU, a kernel and an initramfs in place, the accelerator chosen. Never fails set-up:
    returns available(), and logs the reason when the VM cannot be used."""
    try:
        if not available():
            ok, why = can_self_provision()
            if ok:
                _provision(log)
        elif settings().get("init") != _recipe():  # the course changed its guest program: remake it
            _write_initramfs(settings())
        if available() and "accel" not in settings():
            _choose_accel(log)
    except (CourseError, OSError, subprocess.SubprocessError) as exc:
        log(say("vm.provision_failed", reason=str(exc).strip()[-400:]))
    if available():
        values = settings()
        log(say("vm.ready", kernel=values["kernel_release"], accel=values["accel"]))
        return True
    log(say("vm.skipped", reason=reason()))
    return False


def _provision(log):
    log(say("vm.provisioning"))
    apt_install("qemu-system-x86", "busybox-static")
    values = settings()
    target = folder()
    target.mkdir(parents=True, exist_ok=True)
    if not (values.get("kernel") and (target / values["kernel"]).exists()):
        values.update(_fetch_kernel(target))
    values.pop("accel", None)
    _write_initramfs(values)


def _recipe() -> str:
    return hashlib.sha256(INIT.encode()).hexdigest()[:16]


def _write_initramfs(values: dict):
    initramfs = folder() / "initramfs.cpio.gz"
    initramfs.write_bytes(make_initramfs())
    values.update(initramfs=initramfs.name, init=_recipe())
    _save(values)


def _kernel_package() -> str:
    """The versioned package the metapackage points to, e.g. linux-image-6.1.0-57-cloud-amd64."""
    for attempt in range(2):
        done = subprocess.run(["apt-cache", "depends", KERNEL_PACKAGE], capture_output=True, text=True, timeout=60)
        found = re.findall(r"Depends: (linux-image-\S+)", done.stdout)
        if found:
            return found[0]
        if attempt == 0:  # the package lists may be missing or old
            apt_update()
    raise CourseError(say("vm.no_kernel_package", package=KERNEL_PACKAGE))


def _fetch_kernel(target: Path) -> dict:
    """Download the kernel package and take only its vmlinuz: nothing is installed on the host."""
    package = _kernel_package()
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o777)  # apt downloads as its own user (_apt) when it can
        done = subprocess.run(["apt-get", "download", package], cwd=tmp, capture_output=True, text=True, timeout=300)
        debs = list(Path(tmp).glob("*.deb"))
        if done.returncode != 0 or not debs:
            raise CourseError(say("vm.download_failed", package=package, tail=done.stderr.strip()[-300:]))
        unpack = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(debs[0])], stdout=subprocess.PIPE)
        kernel = None
        with tarfile.open(fileobj=unpack.stdout, mode="r|") as tar:
            for member in tar:
                if re.fullmatch(r"\./boot/vmlinuz-.*", member.name) and member.isfile():
                    kernel = target / Path(member.name).name
                    kernel.write_bytes(tar.extractfile(member).read())
                    break
        unpack.kill()
        unpack.wait(timeout=30)
    if kernel is None:
        raise CourseError(say("vm.download_failed", package=package, tail="no boot/vmlinuz-* in the package"))
    return {"kernel": kernel.name, "kernel_release": kernel.name[len("vmlinuz-"):], "kernel_package": package}


def _cpio_entry(name: str, mode: int, data: bytes = b"", rdev=(0, 0), ino: int = 1) -> bytes:
    """One record of a "newc" cpio archive, the format the kernel unpacks an initramfs from."""
    fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name) + 1, 0]
    header = b"070701" + b"".join(b"%08X" % f for f in fields)
    pad = lambda n: b"\0" * (-n % 4)
    record = header + name.encode() + b"\0"
    record += pad(len(record)) + data
    return record + pad(len(record))


def make_initramfs() -> bytes:
    """A gzipped cpio archive: /init, /bin/busybox, empty /proc and /dev/console; made in memory."""
    if not BUSYBOX.exists():
        raise CourseError(say("vm.no_busybox"))
    entries = [("bin", 0o040755, b""), ("proc", 0o040755, b""), ("dev", 0o040755, b""),
               ("bin/busybox", 0o100755, BUSYBOX.read_bytes()), ("init", 0o100755, INIT.encode())]
    archive = b"".join(_cpio_entry(n, m, d, ino=i + 1) for i, (n, m, d) in enumerate(entries))
    # the kernel writes the guest's output to /dev/console: a character device, major 5 minor 1
    archive += _cpio_entry("dev/console", 0o020600, rdev=(5, 1), ino=len(entries) + 1)
    archive += _cpio_entry("TRAILER!!!", 0, ino=0)
    return gzip.compress(archive, compresslevel=9, mtime=0)


def _choose_accel(log):
    """KVM when it boots the VM quickly; otherwise software emulation (TCG), which always works."""
    values = settings()
    values["accel"] = "tcg"
    if os.access("/dev/kvm", os.R_OK | os.W_OK):
        try:
            boot(accel="kvm", timeout=KVM_PROBE_TIMEOUT)
            values["accel"] = "kvm"
        except CourseError:
            log(say("vm.kvm_slow", seconds=KVM_PROBE_TIMEOUT))
    _save(values)


# ---- booting --------------------------------------------------------------------------------------

@dataclass
class Boot:
    """What one boot of the VM showed and cost."""
    accel: str
    seconds_to_userspace: float   # QEMU started -> the guest's first program printed its first line
    seconds_total: float          # QEMU started -> the VM powered off and QEMU exited
    peak_rss_bytes: int           # the most memory the QEMU process held at once
    seen: dict = field(default_factory=dict)   # what the guest reported: kernel, pid, hostname...
    console: str = ""

    @property
    def kernel(self) -> str:
        return self.seen.get("kernel", "")


def command(accel: str = None, memory_mb: int = MEMORY_MB) -> list:
    """The QEMU command line: no disk, no network, no screen; the serial console on stdout."""
    values = settings()
    return [qemu_path(), "-accel", accel or values.get("accel", "tcg"), "-m", str(memory_mb), "-smp", "1",
            "-nodefaults", "-no-user-config", "-display", "none", "-serial", "stdio", "-no-reboot",
            "-kernel", str(folder() / values["kernel"]), "-initrd", str(folder() / values["initramfs"]),
            "-append", "console=ttyS0 quiet panic=-1"]


def boot(accel: str = None, timeout: float = BOOT_TIMEOUT, memory_mb: int = MEMORY_MB) -> Boot:
    """Boot the VM once, for real, and return what it reported. Raises CourseError (QEMU killed)
    when it does not power off within `timeout` seconds."""
    if not available():
        raise CourseError(reason())
    argv = command(accel, memory_mb)
    accel = argv[2]
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    chunks, userspace_at = [], None
    deadline = started + timeout
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    try:
        while selector.get_map():
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise CourseError(say("vm.timeout", seconds=timeout, accel=accel,
                                      tail=_tail(b"".join(chunks))))
            for key, _ in selector.select(timeout=min(remaining, 0.5)):
                data = os.read(key.fileobj.fileno(), 65536)
                if not data:
                    selector.unregister(key.fileobj)
                    break
                chunks.append(data)
                if userspace_at is None and f"{MARK} userspace".encode() in b"".join(chunks):
                    userspace_at = time.perf_counter()
        # wait4 reports this child's own peak memory (ru_maxrss, in KiB on Linux)
        _, status, usage = _wait4(proc.pid, deadline, timeout, accel)
        proc.returncode = os.waitstatus_to_exitcode(status)
        total = time.perf_counter() - started
    except BaseException:
        _kill(proc)
        raise
    finally:
        selector.close()
        proc.stdout.close()
    console = b"".join(chunks).decode(errors="replace").replace("\r", "")
    seen = {}
    for line in console.splitlines():
        if line.startswith(MARK + " ") and len(line.split(" ", 2)) == 3:
            _, key, value = line.split(" ", 2)
            seen[key] = value.strip()
    if "done" not in console or userspace_at is None:
        raise CourseError(say("vm.no_report", accel=accel, tail=_tail(console.encode())))
    return Boot(accel, userspace_at - started, total, usage.ru_maxrss * 1024, seen, console)


def _wait4(pid, deadline, timeout, accel):
    while True:
        found, status, usage = os.wait4(pid, os.WNOHANG)
        if found:
            return found, status, usage
        if time.perf_counter() > deadline:
            raise CourseError(say("vm.timeout", seconds=timeout, accel=accel, tail="(QEMU did not exit)"))
        time.sleep(0.02)


def _kill(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(proc.pid, 0)
    except ChildProcessError:
        pass
    proc.returncode = -9


def _tail(data: bytes, lines: int = 8) -> str:
    return "\n".join(data.decode(errors="replace").replace("\r", "").strip().splitlines()[-lines:])


def size_bytes() -> int:
    """Bytes on disk of everything the VM needs to boot (kernel + root filesystem)."""
    return sum(p.stat().st_size for p in files())
