"""The Binder link points at this repository's configuration and its first chapter."""
import pytest

from course_lib import binder
from course_lib.engine import CourseError
from course_lib.paths import REPO


@pytest.mark.parametrize("remote", ["https://github.com/someone/docker-course.git",
                                    "git@github.com:someone/docker-course.git"])
def test_link_from_the_origin_remote(remote):
    url = binder.link(remote)
    assert url == ("https://mybinder.org/v2/gh/someone/docker-course/HEAD"
                   "?urlpath=lab/tree/notebooks/00_setup.ipynb")
    assert (REPO / binder.FIRST).exists()


def test_binder_configuration_is_at_the_root():
    assert (REPO / "environment.yml").exists() and (REPO / "postBuild").exists()
    assert not (REPO / "Dockerfile").exists()


def test_no_origin_says_what_to_do():
    with pytest.raises(CourseError, match="publish the repository on GitHub"):
        binder.link("")
