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


def apt_install(*packages: str, recommends: bool = False):
    """Install Debian packages that are missing; nothing when all are there."""
    global _apt_updated
    missing = [p for p in packages if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p],
                                                      capture_output=True, text=True).stdout
               != "install ok installed"]
    if not missing:
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    steps = ([] if _apt_updated else [["apt-get", "update", "-q"]]) + \
            [["apt-get", "install", "-y", "-q", *([] if recommends else ["--no-install-recommends"]), *missing]]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, env=env, timeout=900)
        if done.returncode != 0:
            tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-8:])
            raise CourseError(say("setup.apt_failed", packages=" ".join(missing), tail=tail))
    _apt_updated = True
