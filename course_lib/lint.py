"""hadolint's findings about a Dockerfile, made readable: each one with its line as written and
a sentence on why it matters. hadolint itself runs through checks.probes.hadolint."""
from dataclasses import dataclass
from pathlib import Path

from .checks.probes import hadolint
from .messages import MESSAGES, say

SERIOUS = ("error", "warning")  # `info` and `style` are advice; these two make a Dockerfile fail


@dataclass
class Finding:
    code: str
    level: str
    line: int
    message: str     # hadolint's own words
    written: str     # the Dockerfile line it points at
    why: str         # the course's sentence on why it matters

    def __str__(self):
        return (f"line {self.line} [{self.level}] {self.code}: {self.message}\n"
                f"    {self.line:>3} | {self.written}\n"
                f"    why: {self.why}")


def _why(code: str) -> str:
    if f"lint.{code}" in MESSAGES:
        return say(f"lint.{code}")
    if code.startswith("SC"):
        return say("lint.SC", code=code)
    return say("lint.other", code=code)


def findings(dockerfile) -> list:
    """hadolint's findings for this Dockerfile, in line order."""
    path = Path(dockerfile)
    lines = path.read_text().splitlines()
    found = []
    for raw in hadolint(path):
        line = raw.get("line") or 0
        written = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        found.append(Finding(raw["code"], raw["level"], line, raw["message"], written, _why(raw["code"])))
    return sorted(found, key=lambda f: (f.line, f.code))


def passes(found) -> bool:
    """True when no finding is an error or a warning."""
    return not [f for f in found if f.level in SERIOUS]


def codes(found) -> set:
    return {f.code for f in found}


def report(dockerfile) -> list:
    """Print hadolint's findings, readable, and return them."""
    found = findings(dockerfile)
    name = Path(dockerfile).name if Path(dockerfile).name != "Dockerfile" else \
        f"{Path(dockerfile).parent.name}/Dockerfile"
    if not found:
        print(say("lint.clean", dockerfile=name))
        return found
    levels = ", ".join(f"{sum(f.level == lv for f in found)} {lv}"
                       for lv in ("error", "warning", "info", "style") if any(f.level == lv for f in found))
    print(say("lint.summary", count=len(found), dockerfile=name, levels=levels))
    for finding in found:
        print(finding)
    return found
