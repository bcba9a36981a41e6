"""environment.yml (Binder) and pyproject.toml name the same dependencies."""
import re
import tomllib

from course_lib.paths import REPO


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_binder_environment_matches_the_package():
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    text = (REPO / "environment.yml").read_text()
    pip_section = text.split("- pip:", 1)[1]
    binder = [line.strip()[2:] for line in pip_section.splitlines() if line.strip().startswith("- ")]
    assert sorted(_name(r) for r in declared) == sorted(_name(r) for r in binder if not r.startswith("-e"))


def test_no_dockerfile_at_the_root():
    assert not (REPO / "Dockerfile").exists()  # Binder would build it instead of environment.yml
