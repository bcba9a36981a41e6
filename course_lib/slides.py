"""Chapters as slides (jupyterlab-rise): the settings that make them readable from the back of a room.

Each section heading is a slide (cell metadata slideshow.slide_type); `./course refresh` keeps
the notebook-level settings in step, and marks headings as slides where an author set none."""

# reveal.js lays a slide out at this size, then scales it to the screen: a small logical size
# means large text on a projector
RISE = {"width": 1024, "height": 768, "scroll": True, "theme": "simple", "transition": "none",
        "controls": True, "progress": True, "slideNumber": True, "start_slideshow_at": "beginning",
        "autolaunch": False}


def is_quiz(cell) -> bool:
    return cell.cell_type == "code" and "quiz(" in cell.source


def prepare(notebook):
    notebook.metadata["rise"] = dict(RISE)
    cells = notebook.cells
    for cell in filter(is_quiz, cells):
        # the code of a quiz holds its answer: JupyterLab shows the question, not the code
        cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    if any(c.metadata.get("slideshow", {}).get("slide_type") for c in cells):
        return
    for cell in cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith(("# ", "## ")):
            cell.metadata["slideshow"] = {"slide_type": "slide"}


def slide_count(notebook) -> int:
    return sum(1 for c in notebook.cells if c.metadata.get("slideshow", {}).get("slide_type") == "slide")
