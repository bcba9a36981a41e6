"""Reading what `docker build` printed (the legacy builder): its steps, which ones came from the
cache, the size of the build context, and, when a build fails, which instruction failed, on
which line of the Dockerfile, and what the engine said.

The legacy builder numbers its steps (`Step 3/7 : RUN ...`), one per instruction of the
Dockerfile, in order; the course's `--label` options add LABEL steps at the end. So step k is the
k-th instruction of the Dockerfile, and we read the Dockerfile to find its line."""
import re
from dataclasses import dataclass, field
from pathlib import Path

import docker

from .engine import connect
from .messages import say

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_STEP = re.compile(r"^Step (\d+)/(\d+) : (.*)$")
_ARROW = re.compile(r"^ ---> (.*)$")
_SHORT_ID = re.compile(r"^[0-9a-f]{12}$")
_CONTEXT = re.compile(r"Sending build context to Docker daemon\s+([\d.]+)\s*([kMG]?B)")
_PARSE_ERROR = re.compile(r"dockerfile parse error(?: on)? line (\d+): (.*)", re.IGNORECASE)
_UNITS = {"B": 1, "kB": 1000, "MB": 1000 ** 2, "GB": 1000 ** 3}  # docker prints decimal units

# `docker build` options that take a value (to find the context among the arguments)
_WITH_VALUE = {"-t", "--tag", "-f", "--file", "--build-arg", "--label", "--target", "--network",
               "--platform", "--cache-from", "--iidfile", "-m", "--memory", "--memory-swap",
               "--shm-size", "--ulimit", "--add-host", "--cpu-shares", "-c", "--cpu-period",
               "--cpu-quota", "--cpuset-cpus", "--cpuset-mems", "--cgroup-parent", "--isolation",
               "--security-opt", "--output", "-o", "--secret", "--ssh", "--progress"}


def _clean(text: str) -> list:
    """The output's lines, without colour codes and progress carriage returns."""
    text = _ANSI.sub("", text)
    return [line.split("\r")[-1] if "\r" in line.rstrip("\r") else line.rstrip("\r")
            for line in text.splitlines()]


@dataclass
class Step:
    number: int
    total: int
    instruction: str              # as the builder printed it
    cached: bool = False          # "Using cache": nothing ran, the layer was reused
    image: str = None             # the short id of the image this step produced
    containers: list = field(default_factory=list)  # the containers the step ran in
    output: list = field(default_factory=list)      # what the step's command printed

    @property
    def keyword(self) -> str:
        return self.instruction.split(None, 1)[0].upper() if self.instruction else ""


def steps(result) -> list:
    """The build's steps, in order, from a Result of `%docker build` (or the output text)."""
    found = []
    for line in _clean(getattr(result, "stdout", result)):
        match = _STEP.match(line)
        if match:
            found.append(Step(int(match.group(1)), int(match.group(2)), match.group(3)))
            continue
        if not found:
            continue
        step = found[-1]
        arrow = _ARROW.match(line)
        if arrow:
            said = arrow.group(1).strip()
            if said == "Using cache":
                step.cached = True
            elif said.startswith("Running in "):
                step.containers.append(said.split()[-1])
            elif _SHORT_ID.match(said):
                step.image = said
            continue
        if line.startswith(("Removing intermediate container", "Successfully built", "Successfully tagged")):
            continue
        if line.strip():
            step.output.append(line)
    return found


def cache_hits(result) -> int:
    """How many steps reused a cached layer instead of running."""
    return sum(step.cached for step in steps(result))


def context_size(result) -> int:
    """The build context's size in bytes, as the builder reported sending it."""
    matches = _CONTEXT.findall(_ANSI.sub("", getattr(result, "stdout", result)))
    if not matches:
        return None
    number, unit = matches[-1]
    return round(float(number) * _UNITS[unit])


# ---- the Dockerfile's instructions, with their line numbers -------------------------------

@dataclass
class Instruction:
    line: int        # first line, counted from 1
    end_line: int    # last line (an instruction can go on with a backslash)
    text: str        # as written, its lines joined

    @property
    def keyword(self) -> str:
        return self.text.split(None, 1)[0].upper()


def instructions(dockerfile) -> list:
    """The instructions of a Dockerfile, in order, with the lines they are written on."""
    lines = Path(dockerfile).read_text().splitlines()
    escape = "\\"
    for line in lines:  # parser directives come first: `# escape=`` changes the continuation mark
        directive = re.match(r"^#\s*escape\s*=\s*(\S)\s*$", line)
        if directive:
            escape = directive.group(1)
        elif not re.match(r"^#\s*\w+\s*=", line):
            break
    found, current = [], None
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue  # blank lines and comments, also inside a continued instruction
        continues = stripped.endswith(escape)
        body = stripped[:-1].rstrip() if continues else stripped
        if current is None:
            current = Instruction(number, number, body)
        else:
            current.end_line = number
            current.text += " " + body
        if not continues:
            found.append(current)
            current = None
    if current is not None:
        found.append(current)
    return found


# ---- a failed build, explained --------------------------------------------------------------

@dataclass
class BuildFailure:
    dockerfile: str
    message: str                   # the engine's own words
    line: int = None
    end_line: int = None
    written: list = field(default_factory=list)  # the Dockerfile lines of the failing instruction
    step: int = None
    total: int = None
    instruction: str = None
    output: list = field(default_factory=list)   # the last lines the failing step printed
    exit_code: int = None                        # of the failing RUN command
    advice: str = ""

    @property
    def keyword(self) -> str:
        """The failing instruction's keyword (RUN, COPY...), as written in the Dockerfile."""
        if self.written:
            return self.written[0][1].split(None, 1)[0].upper()
        return self.instruction.split(None, 1)[0].upper() if self.instruction else None

    def __str__(self):
        where = say("build.where_line", line=self.line, dockerfile=self.dockerfile) if self.line \
            else say("build.where_unknown", dockerfile=self.dockerfile)
        head = say("build.failed_step", step=self.step, total=self.total, where=where) if self.step \
            else say("build.failed_before", where=where)
        parts = [head]
        for number, text in self.written:
            parts.append(f"  {number:>3} | {text}")
        parts.append(say("build.engine_said", message=self.message))
        if self.output:
            parts.append(say("build.step_printed"))
            parts += [f"      {line}" for line in self.output]
        if self.advice:
            parts.append(self.advice)
        return "\n".join(parts)

    def _repr_pretty_(self, printer, cycle):
        printer.text(str(self))


def _engine_message(result) -> str:
    lines = [l.strip() for l in _clean(result.stderr) if l.strip()]
    useful = [l for l in lines if not l.startswith(("DEPRECATED:", "Install the buildx", "https://docs.docker.com/go/buildx"))]
    return useful[-1] if useful else (lines[-1] if lines else say("build.no_message"))


def _advice(message: str, exit_code) -> str:
    if "returned a non-zero code" in message:
        if exit_code == 127:
            return say("build.advice_127")
        if exit_code == 100 and "apt-get" in message:
            return say("build.advice_apt")
        return say("build.advice_run")
    if "COPY failed" in message or "ADD failed" in message:
        return say("build.advice_copy")
    if "parse error" in message or "unknown instruction" in message:
        return say("build.advice_parse")
    if "pull access denied" in message or "not found: manifest" in message or "No such image" in message:
        return say("build.advice_from")
    return ""


def explain(result, dockerfile) -> BuildFailure:
    """What went wrong in a failed `docker build`: the instruction, its line, the engine's words.

    result: the Result of `%docker_fails build ...`; dockerfile: the path of the Dockerfile built."""
    if getattr(result, "exit_code", 0) == 0:
        raise ValueError(say("build.not_failed"))
    dockerfile = Path(dockerfile)
    message = _engine_message(result)
    failure = BuildFailure(dockerfile.name, message)
    written = dockerfile.read_text().splitlines() if dockerfile.exists() else []
    parse = _PARSE_ERROR.search(message)
    done = steps(result)
    if parse:  # the Dockerfile could not be read: no step ran, the engine names the line
        failure.line = failure.end_line = int(parse.group(1))
    elif done:
        last = done[-1]
        failure.step, failure.total, failure.instruction = last.number, last.total, last.instruction
        failure.output = last.output[-6:]
        ours = instructions(dockerfile) if dockerfile.exists() else []
        if last.number <= len(ours):
            failure.line, failure.end_line = ours[last.number - 1].line, ours[last.number - 1].end_line
    code = re.search(r"returned a non-zero code: (\d+)", message)
    failure.exit_code = int(code.group(1)) if code else None
    if failure.line and written:
        failure.written = [(n, written[n - 1]) for n in range(failure.line, min(failure.end_line, len(written)) + 1)]
    failure.advice = _advice(message, failure.exit_code)
    return failure


def build_dockerfile(argv) -> Path:
    """The Dockerfile a `docker build` command line builds, or None (stdin, a URL, no context)."""
    args = list(argv)
    try:
        at = args.index("build") + 1
    except ValueError:
        return None
    named, context, i = None, None, at
    while i < len(args):
        arg = args[i]
        if arg in ("-f", "--file"):
            named = args[i + 1] if i + 1 < len(args) else None
            i += 2
        elif arg.startswith("--file="):
            named = arg.split("=", 1)[1]
            i += 1
        elif arg in _WITH_VALUE:
            i += 2
        elif arg.startswith("-") and arg != "-":
            i += 1
        else:
            context = context or arg
            i += 1
    if not context or context == "-" or named == "-" or "://" in context or context.startswith("git@"):
        return None
    if named:
        return Path(named) if Path(named).is_absolute() or Path(named).exists() else Path(context) / named
    return Path(context) / "Dockerfile"


def failure_hint(result) -> str:
    """For live.run: the explanation of a failed `docker build`, or "" when there is none."""
    try:
        path = build_dockerfile(result.argv)
        if path is None or not path.exists():
            return ""
        return "\n" + str(explain(result, path))
    except Exception:  # an explanation is a bonus: never let it hide the failure itself
        return ""


# ---- leftovers ------------------------------------------------------------------------------

def tidy(results, client=None) -> int:
    """Remove what these builds left behind untagged: a failed step's container, and the images of
    steps that ran (not cached) and that no tag uses, such as a multi-stage build's first stage.
    Images that carry a name or are still used are kept. Returns how many objects were removed."""
    client = client or connect()
    removed = 0
    for result in results:
        built = steps(result)
        for step in built:
            for short in step.containers:
                try:
                    container = client.containers.get(short)
                except docker.errors.NotFound:
                    continue
                if container.status != "running":
                    container.remove()
                    removed += 1
        for step in reversed(built):
            if step.cached or step.keyword == "FROM" or not step.image:
                continue
            try:
                image = client.images.get(step.image)
                if image.tags:
                    continue
                client.images.remove(image.id, noprune=False)
                removed += 1
            except docker.errors.ImageNotFound:
                pass
            except docker.errors.APIError:
                pass  # still the parent of another image, or used by a container: keep it
    return removed
