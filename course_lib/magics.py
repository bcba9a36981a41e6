"""IPython magics: `%docker ...` runs a docker command; `%docker_fails ...` shows one failing on purpose.

IPython expands $name and {expression} in the line first, so per-run names read naturally:
    web = course.name("web")
    %docker run -d --name $web python:3.11-slim python -m http.server
"""
from .live import run


def register(ipython):
    def docker(line):
        return run("docker " + line)

    def docker_fails(line):
        return run("docker " + line, expect_failure=True)

    ipython.register_magic_function(docker, "line", "docker")
    ipython.register_magic_function(docker_fails, "line", "docker_fails")
