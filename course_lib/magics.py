"""IPython magics: `%docker ...` runs a docker command; `%docker_fails ...` shows one failing on purpose.

Like a shell, the line may use Python values: `$name` and `{expression}`. Docker's own Go templates
(`--format "{{.State.Status}}"`) are left exactly as typed, unlike IPython's usual expansion:
    web = course.name("web")
    %docker run -d --name $web python:3.11-slim python -m http.server
    %docker inspect --format "{{.State.Status}}" $web
"""
import re

from IPython.core.magic import no_var_expand

from .live import run

_GO_TEMPLATE = re.compile(r"\{\{.*?\}\}")


def expand(ipython, line: str) -> str:
    """IPython's $name/{expr} expansion, with {{ Go templates }} kept verbatim."""
    templates = []

    def keep(match):
        templates.append(match.group(0))
        return f"\x00{len(templates) - 1}\x00"

    expanded = ipython.var_expand(_GO_TEMPLATE.sub(keep, line), depth=2)
    return re.sub("\x00(\\d+)\x00", lambda m: templates[int(m.group(1))], expanded)


def register(ipython):
    @no_var_expand
    def docker(line):
        return run("docker " + expand(ipython, line))

    @no_var_expand
    def docker_fails(line):
        return run("docker " + expand(ipython, line), expect_failure=True)

    ipython.register_magic_function(docker, "line", "docker")
    ipython.register_magic_function(docker_fails, "line", "docker_fails")
