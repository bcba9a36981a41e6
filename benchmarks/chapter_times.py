"""How long each chapter takes to run top to bottom on this machine, for planning a class.

    .venv/bin/python benchmarks/chapter_times.py

Runs every chapter for real (the same rehearsal as `./course prepare`) and prints a Markdown
table for the README."""
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from course_lib.instructor import rehearse  # noqa: E402


def main():
    timings = rehearse(log=lambda *_: None)
    print(f"| Chapter | Run time on {platform.system()} {platform.machine()}, {__import__('os').cpu_count()} cores |")
    print("|---|---|")
    for chapter, (seconds, received) in timings.items():
        print(f"| `{chapter}` | {seconds:.0f} s |")
    print(f"| all chapters | {sum(t for t, _ in timings.values()) / 60:.1f} min |")


if __name__ == "__main__":
    main()
