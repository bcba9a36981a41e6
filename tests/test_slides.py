"""Every chapter can be shown as slides: settings for jupyterlab-rise and one slide per section."""
import nbformat
import pytest

from course_lib import slides
from course_lib.paths import REPO, chapter_notebooks


@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_chapter_is_a_slideshow(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.metadata.get("rise") == slides.RISE, "run ./course refresh"
    assert slides.slide_count(notebook) >= 3
    assert notebook.cells[0].metadata.get("slideshow", {}).get("slide_type") == "slide"


def test_slide_style_is_there():
    assert "font-size" in (REPO / "notebooks" / "rise.css").read_text()


@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_quiz_answers_are_not_on_show(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in filter(slides.is_quiz, notebook.cells):
        assert cell.metadata["jupyter"]["source_hidden"] is True
