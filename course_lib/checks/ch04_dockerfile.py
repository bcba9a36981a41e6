"""Checks for the exercises of notebooks/04_dockerfile."""
from . import check, probes
from .. import buildlog, lint
from ..engine import connect

SIZE_BUDGET = 300_000_000  # bytes, as `docker images` counts MB: python:3.11-slim plus a script fits
EXPECTED = "running as a regular user"


def _is_root(user: str) -> bool:
    name = (user or "").split(":")[0]
    return name in ("", "root", "0")


@check("04_dockerfile/nonroot_script")
def nonroot_script(ex, verdict):
    dockerfile = ex.folder / "Dockerfile"
    verdict.require(dockerfile.exists() and buildlog.instructions(dockerfile),
                    "You wrote a Dockerfile in the exercise's folder.",
                    hint="Use the cell that starts with `%%writefile {ex.folder}/Dockerfile`.")
    found = lint.findings(dockerfile)
    serious = [f for f in found if f.level in lint.SERIOUS]
    verdict.expect(not serious, "hadolint finds no error or warning in it.",
                   hint=(f"hadolint says, line {serious[0].line}: {serious[0].message} ({serious[0].why})"
                         if serious else ""))
    image = verdict.require(ex.images()[0] if ex.images() else None,
                            "You built an image in this exercise.",
                            hint="Build it: `%docker build -t {ex.name('app')} {ex.folder}`.")
    config = probes.config(image)
    verdict.expect(not _is_root(config.get("User")),
                   f"The image runs as a non-root user (USER is {config.get('User') or 'not set, so root'}).",
                   hint="Add a USER instruction before CMD: `USER nobody` exists in Debian-based images.")
    command = " ".join((config.get("Entrypoint") or []) + (config.get("Cmd") or []))
    verdict.expect("report.py" in command, "Its start command runs report.py.",
                   hint='End the Dockerfile with CMD ["python", "/path/to/report.py"] (the JSON form).')
    size = image.attrs["Size"]
    verdict.expect(size < SIZE_BUDGET,
                   f"It stays under the size budget ({size / 1e6:.0f} MB of {SIZE_BUDGET / 1e6:.0f} MB).",
                   hint="Start FROM python:3.11-slim and copy only report.py: no extra packages are needed.")
    code, output = probes.run_image(connect(), image.id)
    verdict.expect(code == 0 and EXPECTED in output,
                   "A container of it runs the script as a regular user.",
                   hint=f"It printed: {output.strip()[-200:] or '(nothing)'} (exit code {code}).")
