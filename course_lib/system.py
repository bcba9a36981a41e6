"""The host machine: is it one the course may set up by itself, and installing Debian packages."""
import os
import platform
import shutil
import subprocess
from pathlib import Path

from .engine import CourseError
from .messages import say


def can_self_provision():
    """(True, "") on Debian/Ubuntu as root with apt-get; else (False, why not)."""
    if platform.system() != "Linux":
        return False, f"{platform.system()}, not Linux"
    if not Path("/etc/debian_version").exists():
        return False, "not Debian or Ubuntu"
    if os.geteuid() != 0:
        return False, "not running as root"
    if not shutil.which("apt-get"):
        return False, "apt-get is missing"
    return True, ""


_apt_updated = False


def _apt(step: list, what: str):
    done = subprocess.run(step, capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-8:])
        raise CourseError(say("setup.apt_failed", packages=what, tail=tail))


def apt_update():
    """Fresh package lists, once per process."""
    global _apt_updated
    if not _apt_updated:
        _apt(["apt-get", "update", "-q"], "updating the package lists")
        _apt_updated = True


def apt_install(*packages: str, recommends: bool = False):
    """Install Debian packages that are missing; nothing when all are there."""
    missing = [p for p in packages if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p],
                                                      capture_output=True, text=True).stdout
               != "install ok installed"]
    if not missing:
        return
    apt_update()
    _apt(["apt-get", "install", "-y", "-q", *([] if recommends else ["--no-install-recommends"]), *missing],
         f"installing {' '.join(missing)}")
