"""Checks for the exercises of notebooks/05_docker_hub: they ask the registry, then pull and run."""
import docker

from .. import registry, registry_api
from ..engine import connect
from . import check, probes

MESSAGE = "Published and pulled back"
TAG = "1.0"


def repository(ex) -> str:
    """The exercise's repository in the course's registry, as an image name (no tag)."""
    return f"{registry.address()}/student/{ex.name('greeter')}"


def _fresh_run(client, ref):
    """Pull `ref` (a digest reference) from the registry and run it; remove only what we added.

    The pull uses the course user's credentials directly, so it works whether or not the
    student is logged in right now; the image is run as the registry serves it."""
    had_it = probes.image(client, ref) is not None
    values = registry.settings()
    client.images.pull(ref, auth_config={"username": values["user"], "password": values["password"]})
    try:
        return probes.run_image(client, ref, timeout=30)
    finally:
        if not had_it:
            try:
                client.images.remove(ref)  # the digest reference this check made, nothing else
            except docker.errors.APIError:
                pass


@check("05_docker_hub/publish")
def publish(ex, verdict):
    repo = repository(ex)
    name = repo.split("/", 1)[1]
    verdict.require(registry.answers(), f"The course's registry answers at {registry.address()}.",
                    hint="Run `./course setup` in a terminal: it starts the registry.")
    built = verdict.require(
        ex.images(), "You built an image in this exercise.",
        hint=f"Write the Dockerfile with %%writefile, then `%docker build -t {repo}:{TAG} {ex.folder}`.")
    tags = probes.registry_tags(name)
    verdict.require(TAG in tags, f"The registry holds the tag {name}:{TAG}.",
                    hint=f"Log in with `publish.login()`, then `%docker push {repo}:{TAG}`. "
                         "If the push says 'no basic auth credentials', the login is missing.")
    digest = registry_api.digest(name, TAG)
    verdict.require(digest, "The registry gives that tag's manifest digest.")
    ours = {d for image in built for d in image.attrs.get("RepoDigests") or []}
    verdict.expect(f"{repo}@{digest}" in ours,
                   f"The image under {TAG} is the one you built and pushed in this exercise.",
                   hint="Push again after your last build: the registry still has an older image.")
    code, output = _fresh_run(connect(), f"{repo}@{digest}")
    verdict.expect(code == 0, "A fresh pull by digest runs and exits with code 0.",
                   hint="The image's command must end by itself: CMD [\"echo\", \"...\"] does.")
    verdict.expect(output.strip() == MESSAGE, f"It prints exactly: {MESSAGE}",
                   hint=f"Check the text in your Dockerfile's CMD: it must be {MESSAGE!r}, "
                        "then build and push again.")

