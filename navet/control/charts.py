"""Bar charts drawn on the server as SVG geometry (no JavaScript): groups of bars side by
side, a scale with three ticks, and the numbers kept for the table that goes with every
chart (the chart is a picture of the table, never the only place a number is)."""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH = 720
HEIGHT = 260
LEFT = 44  # room for the scale's numbers
BOTTOM = 28  # room for the group labels
TOP = 12


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    value: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    labels: list[tuple[float, str]]  # x of a group's middle, its label
    ticks: list[tuple[float, int]]  # y, value
    baseline: float
    series: list[str]


def nice_max(value: int) -> int:
    """A round top for the scale, at least the largest value."""
    if value <= 0:
        return 1
    magnitude: int = 10 ** int(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def bar_chart(groups: list[tuple[str, list[int | None]]], series: list[str]) -> Chart:
    """`groups`: a label and one value per series (None: no bar)."""
    top = nice_max(max((v for _label, values in groups for v in values if v), default=0))
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    group_width = (WIDTH - LEFT) / max(1, len(groups))
    bar_width = group_width * 0.8 / max(1, len(series))
    bars, labels = [], []
    for index, (label, values) in enumerate(groups):
        left = LEFT + index * group_width + group_width * 0.1
        labels.append((round(left + group_width * 0.4, 1), label))
        for n, value in enumerate(values):
            if value is None:
                continue
            height = plot_height * value / top
            bars.append(
                Bar(
                    round(left + n * bar_width, 1),
                    round(baseline - height, 1),
                    round(bar_width - 2, 1),
                    round(height, 1),
                    n,
                    value,
                )
            )
    ticks = [
        (round(baseline - plot_height * share, 1), round(top * share)) for share in (0, 0.5, 1)
    ]
    return Chart(WIDTH, HEIGHT, bars, labels, ticks, baseline, series)
