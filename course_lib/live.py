"""Run docker commands as a student types them: output streams while it arrives, and the result
can be checked in the next cell.

The only change made to a command is the course's label (``--label dockercourse=lesson ...``),
added to the commands that create something, so `./course clean` can find it later; image
names a command creates (build -t, tag, pull, commit, import, load) are noted in a ledger."""
import json
import os
import re
import selectors
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass, field

from . import naming, replay
from .engine import CourseError, cli_path
from .messages import say
from .paths import state_dir

DEFAULT_TIMEOUT = 900  # seconds: long enough for a build that installs packages

# docker's global options that take a value, as in `docker -H tcp://... run`
_GLOBAL_WITH_VALUE = {"-H", "--host", "-c", "--context", "--config", "-l", "--log-level",
                      "--tlscacert", "--tlscert", "--tlskey"}
_MANAGEMENT = {"container", "image", "volume", "network", "builder", "buildx"}
_BUILDS = {("build",), ("image", "build"), ("builder", "build")}
_LABELLED = {("run",), ("create",), ("container", "run"), ("container", "create"),
             ("volume", "create"), ("network", "create")} | _BUILDS
_LABEL_AS_CHANGE = {("commit",), ("container", "commit"), ("import",), ("image", "import")}
_MAKES_IMAGE_NAMES = _BUILDS | {("tag",), ("image", "tag"),
                      ("pull",), ("image", "pull"), ("commit",), ("container", "commit"),
                      ("import",), ("image", "import"), ("load",), ("image", "load")}
_HEX_ID = re.compile(r"^(?:sha256:)?([0-9a-f]{64})$")
_BUILT = re.compile(r"Successfully built ([0-9a-f]{12,64})")


class CommandFailed(CourseError):
    def __init__(self, message, result=None):
        super().__init__(message)
        self.result = result


@dataclass
class Result:
    command: str                 # as typed
    argv: list                   # as run (with the course's labels)
    exit_code: int
    stdout: str
    stderr: str
    seconds: float
    created: list = field(default_factory=list)  # container/image ids and image names made

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    @property
    def lines(self) -> list:
        return self.stdout.splitlines()

    def __repr__(self):
        return f"Result(exit_code={self.exit_code}, command={self.command!r})"

    def _ipython_display_(self):
        pass  # the output was already streamed above; printing it again would only repeat it


def _split(command: str) -> list:
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise CommandFailed(say("live.bad_quotes", reason=exc)) from None
    if not argv or argv[0] != "docker":
        raise CommandFailed(say("live.not_docker", command=command))
    return argv


def _subcommand(argv: list):
    """(index after the subcommand, subcommand words) for a docker argv."""
    i = 1
    while i < len(argv) and argv[i].startswith("-"):
        i += 2 if argv[i] in _GLOBAL_WITH_VALUE else 1
    words = []
    if i < len(argv):
        words.append(argv[i])
        i += 1
        if words[0] in _MANAGEMENT and i < len(argv) and not argv[i].startswith("-"):
            words.append(argv[i])
            i += 1
    return i, tuple(words)


def with_labels(argv: list, kind: str = "lesson") -> list:
    """The argv with the course's labels added where the command creates something."""
    at, words = _subcommand(argv)
    if words in _LABELLED:
        return argv[:at] + naming.label_args(kind) + argv[at:]
    if words in _LABEL_AS_CHANGE:
        pairs = " ".join(f"{k}={v}" for k, v in naming.labels(kind).items())
        return argv[:at] + ["--change", f"LABEL {pairs}"] + argv[at:]
    return argv


def _image_names() -> set:
    """Every image name the engine holds, through the same CLI the student uses."""
    out = subprocess.run(["docker", "images", "--format", "{{.Repository}}:{{.Tag}}"],
                         capture_output=True, text=True, timeout=60)
    return {line for line in out.stdout.split() if "<none>" not in line}


def _named_by(ref: str, argv: list, output: str) -> bool:
    short = ref[:-len(":latest")] if ref.endswith(":latest") else ref
    return ref in argv or short in argv or f"Loaded image: {ref}" in output


def _ledger_add(names):
    if not names:
        return
    with open(state_dir() / "ledger.jsonl", "a") as ledger:
        for ref in sorted(names):
            ledger.write(json.dumps({"run": naming.run_id(), "ref": ref}) + "\n")


def _stream(argv, stdin_text, timeout, echo, shown):
    """Run argv, copying its output to ours as it arrives; (exit code, stdout, stderr)."""
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if stdin_text is not None:
        proc.stdin.write(stdin_text.encode())
        proc.stdin.close()
    chunks = {proc.stdout: [], proc.stderr: []}
    sinks = {proc.stdout: sys.stdout, proc.stderr: sys.stderr}
    selector = selectors.DefaultSelector()
    for pipe in chunks:
        selector.register(pipe, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    try:
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CommandFailed(say("live.timeout", command=shown, seconds=timeout))
            for key, _ in selector.select(timeout=min(remaining, 1.0)):
                data = os.read(key.fileobj.fileno(), 65536)
                if not data:
                    selector.unregister(key.fileobj)
                    continue
                chunks[key.fileobj].append(data)
                if echo:
                    sinks[key.fileobj].write(data.decode(errors="replace"))
                    sinks[key.fileobj].flush()
    except BaseException:  # a timeout, or the student pressed stop: the command must not live on
        proc.kill()
        proc.wait()
        raise
    code = proc.wait()
    return code, b"".join(chunks[proc.stdout]).decode(errors="replace"), b"".join(chunks[proc.stderr]).decode(errors="replace")


def run(command: str, *, check: bool = True, expect_failure: bool = False, input: str = None,
        timeout: float = DEFAULT_TIMEOUT, echo: bool = True, kind: str = "lesson") -> Result:
    """Run one docker command line, as typed, and return its Result.

    check: raise CommandFailed (a short message, no traceback) when it fails.
    expect_failure: the command is shown failing on purpose; raise if it succeeds.
    input: text sent to the command's standard input (e.g. a password for --password-stdin).
    echo: print the command and stream its output (off for course_lib's own quiet calls)."""
    if replay.active():  # reading mode: nothing to run against; recorded cells never get here
        print(say("replay.not_run"))
        return Result(command, [], None, "", "", 0.0)
    if cli_path() is None:
        raise CommandFailed(say("engine.no_cli"))
    argv = with_labels(_split(command), kind)
    _, words = _subcommand(argv)
    makes_names = words in _MAKES_IMAGE_NAMES
    before = _image_names() if makes_names else set()
    if echo:
        print(f"$ {command}", flush=True)
    started = time.perf_counter()
    code, out, err = _stream(argv, input, timeout, echo, command)
    seconds = time.perf_counter() - started
    created = []
    if code == 0:
        last = out.strip().splitlines()[-1] if out.strip() else ""
        match = _HEX_ID.match(last) or _BUILT.search(out)
        if match:
            created.append(match.group(1))
        if makes_names:
            # names that appeared meanwhile and that this command named: another notebook's or
            # the student's own images, made at the same moment, are not ours to clean up
            new = {ref for ref in _image_names() - before if _named_by(ref, argv, out)}
            _ledger_add(new)
            created += sorted(new)
    result = Result(command, argv, code, out, err, seconds, created)
    if expect_failure and code == 0:
        raise CommandFailed(say("live.unexpected_success", command=command), result)
    if check and not expect_failure and code != 0:
        hint = _hint(err)
        if words in _BUILDS:
            from .buildlog import failure_hint  # a failed build: its instruction, line and message
            hint = failure_hint(result) or hint
        raise CommandFailed(say("live.failed", command=command, code=code, hint=hint), result)
    return result


def _hint(stderr: str) -> str:
    line = next((l for l in reversed(stderr.strip().splitlines()) if l.strip()), "")
    return f"\nThe engine said: {line}" if line else ""
