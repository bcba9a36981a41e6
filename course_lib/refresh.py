"""Re-run chapter notebooks for real and save their outputs: what Binder and GitHub readers see,
and what nbval compares the next run against. `./course refresh [notebook ...]`."""
import time
from pathlib import Path

import nbclient
import nbformat
from nbclient.exceptions import CellExecutionError

from .engine import CourseError
from .paths import REPO

NOTEBOOKS = REPO / "notebooks"


def chapters() -> list:
    return sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def refresh(paths=None, log=print):
    for path in [Path(p).resolve() for p in paths] if paths else chapters():
        started = time.perf_counter()
        notebook = nbformat.read(path, as_version=4)
        try:
            nbclient.NotebookClient(notebook, timeout=900, kernel_name="python3",
                                    resources={"metadata": {"path": str(path.parent)}}).execute()
        except CellExecutionError as exc:  # keep the committed outputs; say which cell failed
            raise CourseError(f"{path.relative_to(REPO)} was not saved: a cell failed.\n"
                              f"{str(exc).strip().splitlines()[-1]}") from None
        nbformat.write(notebook, path)
        log(f"{path.relative_to(REPO)}: outputs refreshed in {time.perf_counter() - started:.0f} s")
