"""Checks for the exercises of notebooks/00_setup."""
from . import check

MESSAGE = "Hello from my first container"


@check("00_setup/hello_container")
def hello_container(ex, verdict):
    box = verdict.require(
        ex.newest_container(), "You ran a container in this exercise.",
        hint="Write a `%docker run ...` line in the cell above, without --rm so the container stays to be checked.")
    verdict.expect(box.image.tags and box.image.tags[0].startswith("busybox"),
                   "It was made from the busybox image.",
                   hint="The image name comes right after the options: `%docker run busybox ...`.")
    state = box.attrs["State"]
    verdict.expect(state["Status"] == "exited" and state["ExitCode"] == 0,
                   "It finished on its own, with exit code 0.",
                   hint="Give it a command that ends, such as `echo`; `sh` alone waits for input.")
    verdict.expect(ex.logs(box).strip() == MESSAGE, f"It printed exactly: {MESSAGE}",
                   hint=f'Put the message in quotes: `%docker run busybox echo "{MESSAGE}"`.')
