"""The course's command line: python -m course_lib setup|lab|test|doctor|clean (./course wraps it)."""
import argparse
import os
import sys

from .engine import CourseError
from .paths import REPO


def _setup(args):
    from .provision import setup
    setup()


def _doctor(args):
    from .doctor import checks, report
    found = checks()
    print(report(found))
    return 1 if any(c.ok is False for c in found) else 0


def _clean(args):
    from .cleanup import clean
    clean(kinds=("lesson", "base", "infra") if args.everything else ("lesson",))


def _exercises(args):
    from . import exercises
    if args.reset:
        exercises.reset(args.reset)
    else:
        exercises.generate()
        print(exercises.overview())


def _refresh(args):
    from .refresh import refresh
    refresh(args.notebooks)


def _prepare(args):
    from .instructor import prepare
    prepare()


def _reset(args):
    from .instructor import reset
    reset()


def _binder(args):
    from .binder import link
    print(link())


def _lab(args):
    from .provision import setup
    setup()
    command = [sys.executable, "-m", "jupyter", "lab", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.root_dir={REPO}", "notebooks/00_setup.ipynb", *args.rest]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    os.chdir(REPO)
    os.execv(sys.executable, command)


def _test(args):
    from .provision import setup
    from .system import apt_install, can_self_provision
    setup()
    if can_self_provision()[0]:
        apt_install("chromium")  # the browser test drives Debian's Chromium (no browser download)
    os.chdir(REPO)
    os.execv(sys.executable, [sys.executable, "-m", "pytest", *args.rest])


def main(argv=None):
    parser = argparse.ArgumentParser(prog="course", description="The interactive Docker course.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup", help="install and start what the course needs (idempotent)").set_defaults(func=_setup)
    sub.add_parser("doctor", help="check this machine and say what to fix").set_defaults(func=_doctor)
    clean = sub.add_parser("clean", help="remove what the course made, and nothing else")
    clean.add_argument("--everything", action="store_true",
                       help="also the locally built base images and the local registry")
    clean.set_defaults(func=_clean)
    ex = sub.add_parser("exercises", help="your progress; --reset ID gives a fresh starter (yours is backed up)")
    ex.add_argument("--reset", metavar="ID", help='e.g. "00_setup/hello_container"')
    ex.set_defaults(func=_exercises)
    sub.add_parser("prepare", help="instructors: set up and rehearse every chapter before class").set_defaults(func=_prepare)
    sub.add_parser("reset", help="instructors: clean state between two groups (only what the course made)").set_defaults(func=_reset)
    sub.add_parser("binder", help="the Binder link for where this repository is published").set_defaults(func=_binder)
    refresh = sub.add_parser("refresh", help="re-run chapter notebooks and save their outputs")
    refresh.add_argument("notebooks", nargs="*", help="default: every chapter")
    refresh.set_defaults(func=_refresh)
    for name, func, text in (("lab", _lab, "set up, then open the course in JupyterLab"),
                             ("test", _test, "set up, then run the whole test suite")):
        command = sub.add_parser(name, help=text)
        command.add_argument("rest", nargs=argparse.REMAINDER, help="passed on to JupyterLab / pytest")
        command.set_defaults(func=func)
    args, extra = parser.parse_known_args(argv)
    if extra and args.command not in ("lab", "test"):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    if args.command in ("lab", "test"):
        args.rest = [*args.rest, *extra]  # options for JupyterLab or pytest, passed on as they are
    try:
        return args.func(args) or 0
    except CourseError as exc:
        print(f"\n{exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
