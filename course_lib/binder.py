"""The Binder link for where this copy of the course is published (read from git's `origin`).

Binder builds from environment.yml and postBuild at the repository's root and opens JupyterLab
on the first chapter, in reading mode (no Docker engine there)."""
import re
import subprocess

from .engine import CourseError
from .paths import REPO

FIRST = "notebooks/00_setup.ipynb"


def link(remote: str = None) -> str:
    if remote is None:
        done = subprocess.run(["git", "remote", "get-url", "origin"], cwd=REPO, capture_output=True, text=True)
        remote = done.stdout.strip()
    match = re.search(r"github\.com[:/]([^/]+)/([^/]+?)(?:\.git)?/?$", remote or "")
    if not match:
        raise CourseError("This copy of the course has no GitHub `origin` remote, so there is no Binder link "
                          "to give. What to do: publish the repository on GitHub (git remote add origin ...), "
                          "then run `./course binder` again.")
    owner, repo = match.groups()
    return f"https://mybinder.org/v2/gh/{owner}/{repo}/HEAD?urlpath=lab/tree/{FIRST}"
