"""course_lib: the helper package of the interactive Docker course.

In a notebook:  %load_ext course_lib   then   %docker run --rm busybox echo hello
"""
from . import naming, widgets
from .engine import CourseError, EngineUnavailable, connect
from .live import CommandFailed, Result, run
from .naming import name, run_id

__all__ = ["CourseError", "EngineUnavailable", "CommandFailed", "Result", "connect", "run", "name",
           "run_id", "clean_up", "doctor", "exercise", "naming", "widgets", "load_ipython_extension"]


def clean_up():
    """Remove what this notebook's run made (the last cell of every chapter calls it)."""
    from .cleanup import clean
    clean(run=naming.run_id())


def doctor():
    """Print the machine's readiness report."""
    from .doctor import report
    print(report())


def exercise(exercise_id: str):
    """Open an exercise in its notebook: `ex = course_lib.exercise("00_setup/hello_container")`."""
    from .checks import exercise as open_exercise
    return open_exercise(exercise_id)


def load_ipython_extension(ipython):
    from . import replay
    from .magics import register
    register(ipython)
    ipython.run_line_magic("matplotlib", "inline")  # the course's figures show in the notebook
    try:
        connect().close()
    except EngineUnavailable as exc:  # Binder, or no Docker: show recorded runs instead of failing
        replay.activate(ipython, str(exc).splitlines()[0])
