"""`python -m course_lib doctor`: is this machine ready, and if not, what to do."""
import platform
import shutil
import subprocess
from dataclasses import dataclass

from . import baseimages, registry
from .engine import EngineUnavailable, connect, engine_host
from .messages import say


@dataclass
class Check:
    name: str
    ok: bool          # None: not checked (shown, but not counted as failed)
    detail: str
    fix: str = ""


def _client_check():
    if not shutil.which("docker"):
        return Check(say("doctor.client"), False, "not found", say("doctor.client.fix"))
    out = subprocess.run(["docker", "version", "--format", "{{.Client.Version}}"],
                         capture_output=True, text=True, timeout=20)
    version = out.stdout.strip() or "unknown version"
    return Check(say("doctor.client"), True,
                 f"{version} ({platform.system()} {platform.machine()}, {shutil.which('docker')})")


def checks() -> list:
    found = [_client_check()]
    try:
        client = connect()
    except EngineUnavailable as exc:
        found.append(Check(say("doctor.engine"), False, str(exc).splitlines()[0], say("doctor.engine.fix")))
        skipped = say("doctor.skipped_no_engine")
        found += [Check(say(key), None, skipped) for key in
                  ("doctor.platform", "doctor.storage", "doctor.images", "doctor.registry")]
    else:
        version, info = client.version(), client.info()
        found.append(Check(say("doctor.engine"), True,
                           f"{version['Version']}, API {version['ApiVersion']} at {engine_host()}"))
        found.append(Check(say("doctor.platform"), True,
                           f"{info.get('OperatingSystem')}, {info.get('Architecture')}, "
                           f"kernel {info.get('KernelVersion')}"))
        found.append(Check(say("doctor.storage"), True,
                           f"{info.get('Driver')}, cgroup v{info.get('CgroupVersion', '1')}"))
        sources = {ref: baseimages.source(client, ref) for ref in baseimages.BASE_IMAGES}
        missing = [ref for ref, src in sources.items() if src == "missing"]
        found.append(Check(say("doctor.images"), not missing,
                           ", ".join(f"{ref} ({src})" for ref, src in sources.items()),
                           say("doctor.images.fix") if missing else ""))
        client.close()
        up = registry.answers()
        found.append(Check(say("doctor.registry"), up,
                           f"{registry.address()} {'answers' if up else 'does not answer'}",
                           "" if up else say("doctor.registry.fix")))
    from . import vm  # optional: a laptop without QEMU reads recorded VM figures instead
    found.append(Check(say("doctor.vm"), True if vm.available() else None,
                       f"kernel {vm.settings().get('kernel_release')}, {vm.settings().get('accel')}" if vm.available() else vm.reason()))
    from .checks.probes import hadolint_binary
    hadolint = hadolint_binary()
    found.append(Check(say("doctor.hadolint"), bool(hadolint), hadolint or "not found",
                       "" if hadolint else say("doctor.hadolint.fix")))
    return found


def report(found=None) -> str:
    found = checks() if found is None else found
    marks = {True: "✔", False: "✘", None: "–"}
    width = max(len(c.name) for c in found)
    lines = [say("doctor.title"), ""]
    for c in found:
        lines.append(f"{marks[c.ok]} {c.name.ljust(width)}  {c.detail}")
        if c.ok is False and c.fix:
            lines.append(f"  {' ' * width}  → {c.fix}")
    failed = sum(1 for c in found if c.ok is False)
    lines += ["", say("doctor.some_failed", failed=failed) if failed else say("doctor.all_ok")]
    return "\n".join(lines)
