"""Re-run chapter notebooks for real and save their outputs: what Binder and GitHub readers see,
and what nbval compares the next run against. `./course refresh [notebook ...]`."""
import datetime
import time
from pathlib import Path

import nbclient
import nbformat
from nbclient.exceptions import CellExecutionError

from . import replay, slides
from .engine import CourseError, EngineUnavailable, connect
from .messages import say
from .paths import REPO, chapter_notebooks

def _engine_facts() -> dict:
    try:
        client = connect()
    except EngineUnavailable as exc:
        raise CourseError(say("refresh.needs_engine", reason=str(exc).splitlines()[0])) from None
    version, info = client.version(), client.info()
    client.close()
    return {"version": version["Version"], "api": version["ApiVersion"],
            "os": info.get("OperatingSystem"), "arch": info.get("Architecture")}


def execute(notebook, folder: Path, timeout: float = 900, name: str = "the notebook"):
    """Run every cell of a notebook for real, in a kernel of this Python, from `folder` (as
    JupyterLab would); outputs land in `notebook`. CourseError naming the failing cell's error."""
    try:
        nbclient.NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(folder)}}).execute()
    except CellExecutionError as exc:
        raise CourseError(f"{name}: a cell failed.\n{str(exc).strip().splitlines()[-1]}") from None
    return notebook


def refresh(paths=None, log=print):
    engine = _engine_facts()
    for path in [Path(p).resolve() for p in paths] if paths else chapter_notebooks():
        started = time.perf_counter()
        notebook = nbformat.read(path, as_version=4)
        execute(notebook, path.parent, name=f"{path.relative_to(REPO)} was not saved")
        replay.stamp(notebook, engine, datetime.date.today().isoformat())
        slides.prepare(notebook)
        nbformat.write(notebook, path)
        log(f"{path.relative_to(REPO)}: outputs refreshed in {time.perf_counter() - started:.0f} s")
