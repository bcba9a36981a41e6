"""Logging in to a registry, and where Docker keeps the credentials; Docker Hub when chosen.

`login()` runs the real `docker login ADDRESS --username USER --password-stdin`: the password
goes to the command's standard input, so it appears neither in the command shown, nor in the
shell history, nor in the machine's process list. `show_credentials()` reads the file Docker
writes (~/.docker/config.json, or $DOCKER_CONFIG/config.json) and shows the registry's entry
with the secret masked. The course's local registry is the default; Docker Hub is used only
when the student chooses it (DOCKER_COURSE_HUB_USER, or `choose_hub("name")`)."""
import base64
import getpass
import json
import os
import re
import socket
import time
import urllib.error
import urllib.request
import warnings
from dataclasses import dataclass
from pathlib import Path

from . import live, registry
from .engine import CourseError
from .messages import say
from .paths import state_dir

HUB_KEY = "https://index.docker.io/v1/"       # Docker Hub's key in config.json's "auths"
HUB_REGISTRY = "https://registry-1.docker.io/v2/"
HUB_TOKEN = "https://auth.docker.io/token"
PROBE_SECONDS = 5                              # every call to Docker Hub gives up after this
_PUSHED = re.compile(r"^(\S+): digest: (sha256:[0-9a-f]{64}) size: (\d+)$", re.MULTILINE)


# logging in and out

def login(address: str = None, user: str = None, password: str = None, echo: bool = True):
    """`docker login` with the password on standard input. Defaults: the course's registry.

    address=None with a user logs in to Docker Hub (docker login's default registry)."""
    if address is None and user is None:
        values = registry.settings()
        address, user, password = registry.address(), values["user"], values["password"]
    if not password:
        raise CourseError(say("publish.no_password", where=address or "Docker Hub"))
    command = f"docker login {address + ' ' if address else ''}--username {user} --password-stdin"
    return live.run(command, input=password, echo=echo, timeout=60)


def logout(address: str = None, echo: bool = True):
    """`docker logout` from a registry (default: the course's); Docker Hub when address == "hub"."""
    target = "" if address == "hub" else " " + (address or registry.address())
    return live.run(f"docker logout{target}", echo=echo, timeout=60)


# where the credentials end up

def config_path() -> Path:
    """The docker CLI's config file: $DOCKER_CONFIG/config.json, else ~/.docker/config.json."""
    folder = os.environ.get("DOCKER_CONFIG") or Path.home() / ".docker"
    return Path(folder) / "config.json"


def read_config() -> dict:
    path = config_path()
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text() or "{}")
    except ValueError as exc:
        raise CourseError(say("publish.bad_config", path=path, reason=exc)) from None


def _key(address):
    return HUB_KEY if address in (None, "hub") else address


def stored_login(address: str = None):
    """(user, password) as kept in the config file for a registry, or None (no entry, or the
    secret is kept by a credential helper instead). For assertions: never print it."""
    entry = (read_config().get("auths") or {}).get(_key(address or registry.address())) or {}
    if not entry.get("auth"):
        return None
    user, _, password = base64.b64decode(entry["auth"]).decode(errors="replace").partition(":")
    return user, password


def helper_for(address: str = None):
    """The credential helper that keeps this registry's secret ("desktop", "pass"...), or None."""
    config = read_config()
    key = _key(address or registry.address())
    return (config.get("credHelpers") or {}).get(key) or config.get("credsStore")


def _shown_path(path: Path) -> str:
    home = str(Path.home())
    return "~" + str(path)[len(home):] if str(path).startswith(home + os.sep) else str(path)


def credentials_report(address: str = None) -> str:
    """What the config file holds for a registry, with the secret masked."""
    address = address or registry.address()
    config, key = read_config(), _key(address)
    entry = (config.get("auths") or {}).get(key)
    lines = [f"Docker's config file: {_shown_path(config_path())}"]
    if entry is None:
        lines.append(f'  "auths": no entry for {key}: not logged in there')
    elif entry.get("auth"):
        user = base64.b64decode(entry["auth"]).decode(errors="replace").partition(":")[0]
        lines.append(f'  "auths": {{"{key}": {{"auth": "<base64 of \'{user}:\' + the password, hidden>"}}}}')
    else:
        lines.append(f'  "auths": {{"{key}": {{}}}}  (an empty entry: the secret is with the helper below)')
    lines.append(f'  "credsStore": {json.dumps(config["credsStore"]) if config.get("credsStore") else "not set"}')
    helpers = config.get("credHelpers") or {}
    lines.append(f'  "credHelpers": {json.dumps(helpers) if helpers else "not set"}')
    helper = helper_for(address)
    if entry is not None and entry.get("auth"):
        lines.append(say("publish.in_file"))
    elif helper:
        lines.append(say("publish.in_helper", helper=helper))
    return "\n".join(lines)


def show_credentials(address: str = None):
    print(credentials_report(address))


def pushed_digest(result) -> str:
    """The manifest digest `docker push` reported on its last line ("TAG: digest: sha256:... size: N")."""
    found = _PUSHED.findall(result.stdout)
    if not found:
        raise CourseError(say("publish.no_digest", command=result.command))
    return found[-1][1]


# Docker Hub, only when chosen

def _hub_file() -> Path:
    return state_dir() / "hub.json"


def hub_user():
    """The Docker Hub account the student chose, or None (then the local registry is used)."""
    if os.environ.get("DOCKER_COURSE_HUB_USER"):
        return os.environ["DOCKER_COURSE_HUB_USER"]
    path = _hub_file()
    return json.loads(path.read_text()).get("user") if path.exists() else None


def choose_hub(user: str):
    """Opt in: use Docker Hub as `user` in chapter 5 (kept in the course's state folder)."""
    if not re.fullmatch(r"[a-z0-9]{4,30}", user or ""):
        raise CourseError(say("publish.bad_hub_user", user=user))
    _hub_file().write_text(json.dumps({"user": user}))
    return user


def forget_hub():
    """Opt out again: back to the course's local registry only."""
    _hub_file().unlink(missing_ok=True)


@dataclass
class Probe:
    reachable: bool
    detail: str
    seconds: float

    def __str__(self):
        return say("publish.hub_answers" if self.reachable else "publish.hub_silent",
                   detail=self.detail, seconds=self.seconds)


def hub_probe(timeout: float = PROBE_SECONDS) -> Probe:
    """Does Docker Hub's registry answer from here? One request, never longer than `timeout`."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(HUB_REGISTRY, timeout=timeout) as reply:
            status = reply.status
    except urllib.error.HTTPError as reply:  # 401 is the normal answer: "log in first"
        status = reply.code
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, socket.gaierror):
            detail = say("publish.hub_dns")
        elif isinstance(reason, (socket.timeout, TimeoutError)):
            detail = say("publish.hub_timeout", seconds=timeout)
        else:
            detail = str(reason)
        return Probe(False, detail, time.monotonic() - started)
    except (socket.timeout, TimeoutError):
        return Probe(False, say("publish.hub_timeout", seconds=timeout), time.monotonic() - started)
    except OSError as exc:
        return Probe(False, str(exc), time.monotonic() - started)
    return Probe(True, f"HTTP {status}", time.monotonic() - started)


def hub_rate_limit(user: str = None, token: str = None, timeout: float = PROBE_SECONDS):
    """Docker Hub's pull limit for this IP address (or this account), as its own headers state:
    {"limit": "100;w=21600", "remaining": "..."}; None when Hub sends no such header."""
    url = f"{HUB_TOKEN}?service=registry.docker.io&scope=repository:ratelimitpreview/test:pull"
    req = urllib.request.Request(url)
    if user and token:
        req.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{token}".encode()).decode())
    with urllib.request.urlopen(req, timeout=timeout) as reply:
        bearer = json.loads(reply.read())["token"]
    head = urllib.request.Request(HUB_REGISTRY + "ratelimitpreview/test/manifests/latest", method="HEAD",
                                  headers={"Authorization": f"Bearer {bearer}"})
    with urllib.request.urlopen(head, timeout=timeout) as reply:
        limit, remaining = reply.headers.get("ratelimit-limit"), reply.headers.get("ratelimit-remaining")
    return {"limit": limit, "remaining": remaining} if limit else None


def hub_token() -> str:
    """The Docker Hub access token: DOCKER_COURSE_HUB_TOKEN, else asked for (never echoed)."""
    if os.environ.get("DOCKER_COURSE_HUB_TOKEN"):
        return os.environ["DOCKER_COURSE_HUB_TOKEN"]
    try:
        with warnings.catch_warnings():
            # without a terminal, getpass would read the token with echo on: refuse instead
            warnings.simplefilter("error", getpass.GetPassWarning)
            return getpass.getpass("Docker Hub access token (not shown): ")
    except Exception:  # no way to ask (a notebook run by a script): say what to set instead
        raise CourseError(say("publish.hub_no_token")) from None


def hub_login(user: str = None, echo: bool = True):
    """`docker login --username USER --password-stdin` to Docker Hub (docker login's default)."""
    user = user or hub_user()
    if not user:
        raise CourseError(say("publish.hub_not_chosen"))
    return login(None, user, hub_token(), echo=echo)
