"""Chapter 1's figures: the two architectures side by side, and the measured comparison.

Figures are made with matplotlib's Figure class (not pyplot), so a notebook shows each one once,
where the cell returns it, and its text form is always "<Figure size ... with N Axes>"."""
import statistics

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

# colours by role, the same in every stack, so the eye matches "the same layer" across them
COLOURS = {"hardware": "#8d99ae", "os": "#ffd166", "hypervisor": "#ef8354", "guest": "#f4a261",
           "engine": "#06d6a0", "app": "#118ab2", "libs": "#a8dadc"}

# Each stack: (title, layers bottom-up); a layer is (label, role, number of side-by-side boxes)
STACKS = [
    ("Virtual machines,\ntype 1 hypervisor (bare metal)",
     [("Hardware", "hardware", 1), ("Hypervisor (e.g. KVM, ESXi, Hyper-V)", "hypervisor", 1),
      ("Guest OS\n+ kernel", "guest", 3), ("Bins/libs", "libs", 3), ("App", "app", 3)]),
    ("Virtual machines,\ntype 2 hypervisor (hosted)",
     [("Hardware", "hardware", 1), ("Host OS + kernel", "os", 1),
      ("Hypervisor (e.g. QEMU, VirtualBox)", "hypervisor", 1),
      ("Guest OS\n+ kernel", "guest", 3), ("Bins/libs", "libs", 3), ("App", "app", 3)]),
    ("Containers",
     [("Hardware", "hardware", 1), ("Host OS + its one kernel", "os", 1),
      ("Container engine (Docker)", "engine", 1), ("Bins/libs", "libs", 3), ("App", "app", 3)]),
]


def _box(ax, x, y, w, h, label, role):
    ax.add_patch(FancyBboxPatch((x + 0.02, y + 0.02), w - 0.04, h - 0.04, boxstyle="round,pad=0,rounding_size=0.05",
                                facecolor=COLOURS[role], edgecolor="#333333", linewidth=1))
    ax.text(x + w / 2, y + h / 2, label, ha="center", va="center", fontsize=8)


def architecture() -> Figure:
    """Hardware, hypervisor (type 1 and type 2), guest OS and apps, beside hardware, host OS,
    container engine and apps. Each guest OS carries its own kernel; containers share one."""
    fig = Figure(figsize=(12, 4.6))
    axes = fig.subplots(1, len(STACKS))
    height = max(len(layers) for _, layers in STACKS)
    for ax, (title, layers) in zip(axes, STACKS):
        for level, (label, role, count) in enumerate(layers):
            width = 3 / count
            for i in range(count):
                _box(ax, i * width, level, width, 1, label, role)
        ax.set_title(title, fontsize=10)
        ax.set_xlim(0, 3)
        ax.set_ylim(0, height)
        ax.axis("off")
    fig.suptitle("Where the operating system lives: one per VM, one for all containers", fontsize=11)
    fig.tight_layout()
    return fig


def _mb(n):
    return n / 1e6


def comparison(container: dict, vm: dict) -> Figure:
    """Four measured panels: start-up, memory, size on disk, save + copy + load.

    container: startup_seconds (list), process_bytes, shim_bytes, size_bytes, move (dict)
    vm: startup_seconds (list), peak_rss_bytes, size_bytes, move (dict), source (where it comes from)"""
    fig = Figure(figsize=(13, 4.2))
    axes = fig.subplots(1, 4)
    names = ["container", "VM"]
    colours = [COLOURS["app"], COLOURS["guest"]]
    vm_label = "VM" if vm["source"] == "measured in this run" else "VM (reference)"
    names[1] = vm_label

    ax = axes[0]
    medians = [statistics.median(container["startup_seconds"]), statistics.median(vm["startup_seconds"])]
    ax.bar(names, medians, color=colours)
    for i, runs in enumerate([container["startup_seconds"], vm["startup_seconds"]]):
        ax.scatter([i] * len(runs), runs, color="#333333", s=12, zorder=3)
    ax.set_title("Start, run, stop (median; dots: each run)", fontsize=9)
    ax.set_ylabel("seconds")

    ax = axes[1]
    ax.bar(names[0], _mb(container["process_bytes"]), color=colours[0], label="container's process")
    ax.bar(names[0], _mb(container["shim_bytes"]), bottom=_mb(container["process_bytes"]),
           color=COLOURS["engine"], label="its containerd-shim")
    ax.bar(names[1], _mb(vm["peak_rss_bytes"]), color=colours[1], label="QEMU (guest kernel + memory)")
    ax.set_title("Memory held (peak resident)", fontsize=9)
    ax.set_ylabel("MB")
    ax.legend(fontsize=7, loc="upper left")

    ax = axes[2]
    ax.bar(names, [_mb(container["size_bytes"]), _mb(vm["size_bytes"])], color=colours)
    ax.set_title("Size on disk (image vs kernel + root fs)", fontsize=9)
    ax.set_ylabel("MB")

    ax = axes[3]
    bottoms = [0.0, 0.0]
    for step, colour in [("save", "#ffd166"), ("copy", "#8d99ae"), ("load", "#06d6a0")]:
        values = [container["move"][f"{step}_seconds"], vm["move"][f"{step}_seconds"]]
        ax.bar(names, values, bottom=bottoms, color=colour, label=step)
        bottoms = [b + v for b, v in zip(bottoms, values)]
    ax.set_title("Save, copy elsewhere, load", fontsize=9)
    ax.set_ylabel("seconds")
    ax.legend(fontsize=7)

    fig.suptitle(f"Container: measured in this run.   VM: {vm['source']}.", fontsize=9)
    fig.tight_layout()
    return fig
