"""No secret reaches a committed notebook: not this machine's registry password, nor anything
shaped like a stored docker login or an HTTP Basic header."""
import base64
import re

import pytest

from course_lib import registry
from course_lib.paths import REPO

NOTEBOOKS = sorted(REPO.glob("notebooks/*.ipynb")) + sorted(REPO.glob("exercises/solutions/*/*.ipynb"))
SHAPES = [re.compile(r'\\"auth\\":\s*\\"[A-Za-z0-9+/=]{12,}'), re.compile(r"Basic (?=[A-Za-z0-9+/=]*\d)[A-Za-z0-9+/=]{12,}")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_secret_in_committed_outputs(path):
    text = path.read_text()
    values = registry.settings()
    for secret in (values["password"], base64.b64encode(f"{values['user']}:{values['password']}".encode()).decode()):
        assert secret not in text
    for shape in SHAPES:
        assert not shape.search(text), shape.pattern
