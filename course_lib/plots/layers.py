"""The layer stack of one or more images, drawn from `docker history` (course_lib.layers.history).

Each step is a box, oldest at the bottom. Box heights grow with the bytes a step added, on a
square-root scale with a floor, so a 3-byte COPY and a 120 MB base both stay visible; the real
size is written in each box. Steps that only change settings (CMD, LABEL) are drawn grey and hatched."""
import math
import re
import textwrap

import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

from ..layers import human

_FLOOR = 0.35   # height of a box that adds nothing
_SCALE = 2.6    # height of the biggest box, on top of the floor
_FILES = "#4c72b0"
_SETTINGS = "#dddddd"


def _label(step, width=52) -> str:
    """The step's command (short), its comment when it has one, and its measured size."""
    said = step.created_by.replace("/bin/sh -c #(nop) ", "").replace("/bin/sh -c ", "RUN ")
    said = re.sub(r"^(\s*(?:COPY|ADD)) \w+:[0-9a-f]+ in ", r"\1 ", said)  # drop the content hash
    lines = [textwrap.shorten(" ".join(said.split()), width, placeholder="…")] if said.strip() else []
    if step.comment:
        lines.append(textwrap.shorten(f"“{step.comment}”", width, placeholder="…"))
    return "\n".join(lines + [human(step.size)])


def stack(images: dict, title: str = ""):
    """A figure with one column per image: {"label shown under the column": [Layer, ...]}."""
    if not images or not all(images.values()):
        raise ValueError("stack() needs at least one image with at least one layer")
    biggest = max(step.size for steps in images.values() for step in steps) or 1
    fig, axes = plt.subplots(1, len(images), figsize=(5.2 * len(images), 5.5), squeeze=False)
    tallest = max(sum(_FLOOR + _SCALE * math.sqrt(s.size / biggest) for s in steps) + 0.1 * len(steps)
                  for steps in images.values())
    for ax, (name, steps) in zip(axes[0], images.items()):
        bottom = 0.0
        for step in steps:  # oldest first: the base at the bottom
            height = _FLOOR + _SCALE * math.sqrt(step.size / biggest)
            settings_only = step.metadata_only
            ax.add_patch(Rectangle((0, bottom), 1, height, facecolor=_SETTINGS if settings_only else _FILES,
                                   edgecolor="black", hatch="//" if settings_only else None, alpha=0.9))
            ax.text(0.5, bottom + height / 2, _label(step), ha="center", va="center", fontsize=8,
                    color="black" if settings_only else "white",
                    bbox={"facecolor": _SETTINGS, "edgecolor": "none", "pad": 1} if settings_only else None)
            bottom += height + 0.1
        total = sum(step.size for step in steps)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, tallest)
        ax.axis("off")
        ax.set_title(f"{name}\n{len(steps)} step{'' if len(steps) == 1 else 's'}, {human(total)}", fontsize=10)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    plt.close(fig)  # the notebook shows the returned figure once, not twice
    return fig
