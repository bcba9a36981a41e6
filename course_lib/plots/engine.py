"""The container lifecycle drawn from events the engine sent in this run: a state diagram of the
transitions that happened, and a timeline of each container's states."""
from collections import Counter

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch

from ..events import STATE_AFTER, lifecycle, transitions

# where each state sits in the diagram, and its colour (also used by the timeline)
POSITIONS = {"created": (0, 0), "running": (2.2, 0), "paused": (4.4, 0),
             "exited": (2.2, -1.6), "removed": (0, -1.6)}
COLOURS = {"created": "#9ecae1", "running": "#74c476", "paused": "#fdd0a2",
           "exited": "#bdbdbd", "removed": "#f4f4f4"}


def state_diagram(events: list, ax=None, title="Transitions the engine reported in this run"):
    """States as boxes, every transition seen in `events` as an arrow labelled `action ×count`."""
    seen = Counter()
    for name in sorted({e.name for e in lifecycle(events)}):
        seen.update(transitions([e for e in events if e.name == name]))
    edges = {}  # (before, after) -> ["stop", "kill ×2"]: one arrow per pair of states
    for (before, action, after), count in sorted(seen.items()):
        edges.setdefault((before, after), []).append(action if count == 1 else f"{action} ×{count}")
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 3.6))
    ax.set_xlim(-1.2, 5.4)
    ax.set_ylim(-2.2, 0.7)
    ax.axis("off")
    ax.set_title(title)
    for state, (x, y) in POSITIONS.items():
        ax.text(x, y, state, ha="center", va="center", fontsize=11, zorder=3,
                bbox=dict(boxstyle="round,pad=0.5", fc=COLOURS[state], ec="#444"))
    for (before, after), actions in edges.items():
        label = "\n".join(actions)
        if before == "(none)":  # the arrow that brings a container into existence
            x, y = POSITIONS[after]
            ax.annotate(label, xy=(x - 0.45, y), xytext=(x - 1.15, y + 0.45), fontsize=9,
                        arrowprops=dict(arrowstyle="-|>", color="#333"))
            continue
        (x1, y1), (x2, y2) = POSITIONS[before], POSITIONS[after]
        ax.add_patch(FancyArrowPatch((x1, y1), (x2, y2), arrowstyle="-|>", mutation_scale=14,
                                     connectionstyle="arc3,rad=0.25", shrinkA=24, shrinkB=24,
                                     color="#333", zorder=2))
        # the label sits beside the middle of the curved arrow, on the side it bends to
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        dx, dy = x2 - x1, y2 - y1
        ax.text(mx + 0.22 * dy, my - 0.22 * dx, label, ha="center", va="center", fontsize=9,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none"), zorder=4)
    return ax


def timeline(events: list, ax=None, title="Each container's states, event by event"):
    """One bar per container, coloured by its state; one column per event, in the order the
    engine reported them (they are milliseconds apart: a true time scale would squash them),
    with the time since the first event written under each column."""
    life = sorted(lifecycle(events), key=lambda e: e.time_ns)
    if not life:
        raise ValueError("No container events to draw: record some with course_lib.events.Recorder.")
    names = []
    for event in life:
        if event.name not in names:
            names.append(event.name)
    start = life[0].time_ns
    column = {id(e): i for i, e in enumerate(life)}
    if ax is None:
        _, ax = plt.subplots(figsize=(max(6, 0.45 * len(life) + 2), 1.6 + 0.7 * len(names)))
    for row, name in enumerate(names):
        mine = [e for e in life if e.name == name]
        changes = []  # (column, state)
        current = None
        for event in mine:
            state = STATE_AFTER.get(event.verb)
            if state and state != current:
                changes.append((column[id(event)], state))
                current = state
        last = column[id(mine[-1])]
        if changes and changes[-1][1] != "removed":
            last += 0.6  # the state it is left in gets a stub of its own after the last event
        for (c0, state), (c1, _) in zip(changes, changes[1:] + [(last, None)]):
            if state != "removed" and c1 > c0:
                ax.barh(row, c1 - c0, left=c0, height=0.5, color=COLOURS[state], edgecolor="#444", label=state)
        for event in mine:
            c = column[id(event)]
            ax.plot([c, c], [row - 0.3, row + 0.3], color="#222", lw=0.8)
            ax.text(c, row - 0.33, event.verb, rotation=50, ha="left", va="bottom", fontsize=8)
    ax.set_xticks(range(len(life)))
    ax.set_xticklabels([f"+{(e.time_ns - start) / 1e9:.2f}" for e in life], rotation=90, fontsize=7)
    ax.set_xlabel("seconds since the first event (one column per event)")
    ax.set_yticks(range(len(names)))
    ax.set_yticklabels(names)
    ax.set_ylim(len(names) - 0.5, -1.4)
    ax.set_xlim(-0.5, len(life) + 0.2)
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles))
    ax.legend(unique.values(), unique.keys(), loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    ax.set_title(title)
    return ax
