"""Reading mode: with no engine (Binder, a locked-down lab machine), notebooks show what a real
run printed, under a banner that says so, instead of failing.

The recordings are the chapters' own committed outputs. `./course refresh` runs each chapter for
real and stamps every code cell with a fingerprint of its source (cell metadata
`dockercourse.source_sha1`) and the notebook with the engine and date of the run. In reading mode
a cell whose source matches a stamped cell shows that cell's outputs; a cell that drew a widget (a
quiz) runs for real, since widgets need no engine; a command with no recording says it cannot run."""
import hashlib
import sys

import nbformat
from IPython.display import display

from .messages import say
from .paths import chapter_notebooks

WIDGET = "application/vnd.jupyter.widget-view+json"
_state = {"active": False, "index": None, "current": None}


def fingerprint(source: str) -> str:
    return hashlib.sha1(source.strip().encode()).hexdigest()


def active() -> bool:
    return _state["active"]


def stamp(notebook, engine: dict, date: str):
    """Mark a freshly executed notebook as a recording (called by refresh)."""
    notebook.metadata["dockercourse"] = {"engine": engine, "recorded": date}
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.metadata.setdefault("dockercourse", {})["source_sha1"] = fingerprint(cell.source)


def stale_cells(notebook) -> list:
    """Indexes of code cells edited since the notebook was last recorded."""
    return [i for i, cell in enumerate(notebook.cells) if cell.cell_type == "code"
            and cell.metadata.get("dockercourse", {}).get("source_sha1") != fingerprint(cell.source)]


def _index():
    if _state["index"] is None:
        index = {}
        for path in chapter_notebooks():
            notebook = nbformat.read(path, as_version=4)
            about = notebook.metadata.get("dockercourse", {})
            for cell in notebook.cells:
                stamped = cell.metadata.get("dockercourse", {}).get("source_sha1")
                if cell.cell_type == "code" and stamped == fingerprint(cell.source):
                    index.setdefault(fingerprint(cell.source), []).append((path.stem, about, cell.outputs))
        _state["index"] = index
    return _state["index"]


def _find(key):
    """The recording for a cell; where several chapters share a cell, the current chapter's."""
    found = _index().get(key, [])
    if len(found) == 1:
        _state["current"] = found[0][0]
    for chapter, about, outputs in found:
        if chapter == _state["current"]:
            return about, outputs
    return (found[0][1], found[0][2]) if found else None


def _transform(lines):
    source = "".join(lines)
    key = fingerprint(source)
    found = _find(key)
    if not found or any(WIDGET in o.get("data", {}) for o in found[1]):
        return lines  # not recorded, or a widget: run it for real
    return [f"__import__('course_lib.replay').replay.play({key!r})\n"]


def play(key):
    about, outputs = _find(key)
    engine = about.get("engine", {})
    print(say("replay.cell", version=engine.get("version", "?"), date=about.get("recorded", "?")))
    for output in outputs:
        kind = output.get("output_type")
        if kind == "stream":
            stream = sys.stderr if output.get("name") == "stderr" else sys.stdout
            stream.write(output.get("text", ""))
            stream.flush()
        elif kind in ("display_data", "execute_result"):
            display(dict(output.get("data", {})), raw=True, metadata=dict(output.get("metadata", {})))
        elif kind == "error":
            print("\n".join(output.get("traceback", [])), file=sys.stderr)


def activate(ipython, reason: str):
    """Switch this kernel to reading mode (called by %load_ext course_lib when no engine answers)."""
    if not _state["active"]:
        ipython.input_transformers_cleanup.insert(0, _transform)
        _state["active"] = True
    print(say("replay.banner", reason=reason))
