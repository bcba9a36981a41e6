"""Checks for the exercises of notebooks/03_docker_commit."""
from ..engine import connect
from ..layers import human
from . import check, probes

GREETING = "Hello from an image I committed myself"
GREETING_FILE = "/etc/greeting.txt"
LEAN_LIMIT = 5_000_000  # bytes: tree adds about 0.1 MB; apt's lists and caches add over 100 MB


def _pick(ex, client, wanted):
    """The image named `wanted` when it was made in this exercise, else the newest one made here."""
    made = ex.images(client)
    for image in made:
        if any(tag.split(":")[0] == wanted for tag in image.tags):
            return image
    return made[0] if made else None


def _newest_step(image):
    steps = probes.layers(image)
    return steps[-1] if steps else {}


def _made_by_commit(image) -> bool:
    """`docker commit -m` writes its message as the newest step's comment; a build writes none
    (or "buildkit.dockerfile.v0") and an import writes "Imported from ..."."""
    comment = (_newest_step(image).get("Comment") or "").strip()
    return bool(comment) and not comment.startswith(("Imported from", "buildkit"))


def _require_commit(ex, verdict, client, wanted, kind):
    image = verdict.require(
        _pick(ex, client, wanted), f"You made {kind} in this exercise.",
        hint=f"Start a container, change it, then `%docker commit -m \"...\" -a \"...\" CONTAINER {wanted}`.")
    verdict.expect(any(tag.split(":")[0] == wanted for tag in image.tags), f"It is called {wanted}.",
                   hint=f"Give the image name as the last argument of `docker commit`: `$img` is {wanted}.")
    verdict.require(_made_by_commit(image), "It was made by `docker commit`, with a message (-m).",
                    hint="Use `%docker commit -m \"what you changed\" ...`; a Dockerfile build is chapter 4's job.")
    verdict.expect((image.attrs.get("Author") or "").strip(), "It names its author (-a).",
                   hint="Add `-a \"Your Name\"` to the commit command.")
    return image


@check("03_docker_commit/greeting_image")
def greeting_image(ex, verdict):
    client = connect()
    image = _require_commit(ex, verdict, client, ex.name("greeter"), "a committed image")
    content = probes.file_in_image(client, image.id, GREETING_FILE)
    verdict.expect(content is not None, f"It contains the file {GREETING_FILE}.",
                   hint=f"In the container, before committing: `echo \"{GREETING}\" > {GREETING_FILE}`.")
    verdict.expect(content is not None and content.decode(errors="replace").strip() == GREETING,
                   f"That file holds exactly: {GREETING}",
                   hint="Check the text for typos and put it in quotes in the echo command.")
    cmd = probes.config(image).get("Cmd") or []
    code, output = probes.run_image(client, image.id, timeout=30)
    verdict.expect(code == 0 and output.strip() == GREETING,
                   f"Its default command prints exactly: {GREETING}",
                   hint=f"Its default command is {cmd}; set it with "
                        f"`--change 'CMD [\"cat\", \"{GREETING_FILE}\"]'` in the commit command.")


@check("03_docker_commit/lean_commit")
def lean_commit(ex, verdict):
    client = connect()
    image = _require_commit(ex, verdict, client, ex.name("lean"), "a committed image")
    installed = probes.file_in_image(client, image.id, "/var/lib/dpkg/info/tree.list")
    verdict.require(installed is not None, "The tree package is installed in it (with apt-get).",
                    hint="In the container: `apt-get update && apt-get install -y --no-install-recommends tree`.")
    code, output = probes.run_image(client, image.id, ["tree", "--version"], timeout=30)
    verdict.expect(code == 0 and output.startswith("tree"), "`tree --version` runs in it.",
                   hint="Install tree in the container before committing it.")
    added = int(_newest_step(image).get("Size") or 0)
    verdict.expect(added < LEAN_LIMIT,
                   f"Its own layer is lean: under {human(LEAN_LIMIT)} (it is {human(added)}).",
                   hint="Before committing, remove apt's leftovers in the container: "
                        "`apt-get clean && rm -rf /var/lib/apt/lists/*`.")
