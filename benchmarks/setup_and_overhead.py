"""Benchmarks (not tests): set-up time, the helper's overhead, the whole suite.

    .venv/bin/python benchmarks/setup_and_overhead.py            warm set-up and helper overhead
    .venv/bin/python benchmarks/setup_and_overhead.py --cold     also cold provisioning: removes the
        course's base images and registry first (never anything else), then times set-up
    .venv/bin/python benchmarks/setup_and_overhead.py --suite    also times `./course test`

Targets: warm set-up under 5 s, cold provisioning under 2 min, helper overhead under 5 %.
Cold provisioning here starts from an installed engine; installing Debian's docker.io is timed by
the first `./course setup` on a fresh machine (its log says 'Ready ... (N s)')."""
import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course_lib import live, provision  # noqa: E402
from course_lib.cleanup import clean  # noqa: E402
from course_lib.paths import REPO  # noqa: E402

COMMAND = "docker run --rm busybox true"


def timed(func):
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def overhead(rounds: int):
    bare, helper = [], []
    for _ in range(rounds):  # interleaved, so drift in the engine's speed hits both alike
        bare.append(timed(lambda: subprocess.run(COMMAND.split(), check=True, capture_output=True)))
        helper.append(timed(lambda: live.run(COMMAND, echo=False)))
    b, h = statistics.median(bare), statistics.median(helper)
    return b, h, (h - b) / b * 100


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--suite", action="store_true")
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    quiet = lambda *_: None
    if args.cold:
        clean(kinds=("lesson", "base", "infra"), log=quiet)
        print(f"cold set-up (engine installed, images and registry from nothing): {timed(lambda: provision.setup(log=quiet)):.1f} s")
    warm = [timed(lambda: provision.setup(log=quiet)) for _ in range(5)]
    print(f"warm set-up: median {statistics.median(warm):.2f} s over 5 runs")
    b, h, pct = overhead(args.rounds)
    print(f"`{COMMAND}`: bare CLI median {b * 1000:.0f} ms, through course_lib {h * 1000:.0f} ms, "
          f"overhead {pct:+.1f} % ({args.rounds} rounds each)")
    if args.suite:
        seconds = timed(lambda: subprocess.run([str(REPO / "course"), "test", "-q"], cwd=REPO))
        print(f"whole suite (./course test): {seconds / 60:.1f} min")


if __name__ == "__main__":
    main()
