"""Where the course keeps its own state: never inside the student's other folders."""
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def state_dir() -> Path:
    """Per-user state (registry credentials, engine log, ledger, progress).

    DOCKER_COURSE_HOME moves it, which tests use to stay out of a student's state."""
    path = Path(os.environ.get("DOCKER_COURSE_HOME") or Path.home() / ".docker-course")
    path.mkdir(parents=True, exist_ok=True)
    return path


def chapter_notebooks() -> list:
    """The chapters, in order: notebooks/NN_topic.ipynb."""
    return sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
