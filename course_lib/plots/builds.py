"""Figures for chapter 4: build times with and without the cache, and image sizes."""
import matplotlib.pyplot as plt


def build_times(labels, seconds, colours=None, title="Build time"):
    """One bar per build: how long it took, in seconds (measured in this run)."""
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(labels) + 1.2))
    bars = ax.barh(range(len(labels)), seconds, color=colours or "tab:blue")
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("seconds")
    ax.set_title(title)
    for bar, value in zip(bars, seconds):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {value:.1f} s", va="center")
    ax.set_xlim(0, max(seconds) * 1.2)
    fig.tight_layout()
    return fig


def image_sizes(labels, sizes_bytes, notes=None, title="Image size"):
    """One bar per image: its size in MB (as `docker images` counts: 1 MB = 1,000,000 bytes)."""
    mb = [size / 1e6 for size in sizes_bytes]
    fig, ax = plt.subplots(figsize=(9, 0.6 * len(labels) + 1.2))
    bars = ax.barh(range(len(labels)), mb, color="tab:green")
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlabel("MB")
    ax.set_title(title)
    for i, (bar, value) in enumerate(zip(bars, mb)):
        extra = f"  ({notes[i]})" if notes and notes[i] else ""
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {value:.0f} MB{extra}",
                va="center", fontsize=9)
    ax.set_xlim(0, max(mb) * 1.9)
    fig.tight_layout()
    return fig


def contents(parts: dict, title="What the smallest image holds"):
    """A stacked bar of an image's parts, in MB: e.g. {"interpreter": 6.6e6, ...}."""
    fig, ax = plt.subplots(figsize=(9, 1.9))
    left = 0
    for i, (label, size) in enumerate(parts.items()):
        width = size / 1e6
        ax.barh([0], [width], left=left, color=plt.cm.tab10(i), label=f"{label}: {width:.1f} MB")
        left += width
    ax.set_yticks([])
    ax.set_xlabel("MB")
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.45), ncol=min(4, len(parts)), fontsize=8)
    fig.tight_layout()
    return fig
