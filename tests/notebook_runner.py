"""Execute a notebook for real, in a kernel of this Python, the way a student's JupyterLab would."""
import nbformat

from course_lib.refresh import execute as run_cells


def execute(path, cwd=None, timeout=900):
    cwd = cwd or path.parent
    cwd.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.read(path, as_version=4)
    return run_cells(notebook, cwd, timeout=timeout, name=path.name)


def text_of(notebook) -> str:
    """All the text a notebook's cells printed or displayed."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)
