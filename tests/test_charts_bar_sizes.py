"""Bars of every kind at awkward sizes: one or two categories, names wrapped down the side or
under the bars, values that are all 0; and value axes whose ticks print fewer decimals than
the chart's labels. Measured on the drawn figure, as the build draws it."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from .test_charts_rank_bar import THEMES, build_figure, value_axis_ticks


def tick_label_boxes(figure: Any, horizontal: bool) -> list[Any]:
    """Return the boxes in points of the value axis' tick labels a reader sees, in order."""
    axes = figure.axes[0]
    axis = axes.xaxis if horizontal else axes.yaxis
    low, high = sorted(axis.get_view_interval())
    renderer = figure._get_renderer()
    scale = 72 / figure.dpi
    return [tick.label1.get_window_extent(renderer).transformed(_scaled(scale))
            for tick in axis.get_major_ticks()
            if low - 1e-9 <= tick.get_loc() <= high + 1e-9 and tick.label1.get_text()]


def _scaled(scale: float) -> Any:
    from matplotlib.transforms import Affine2D

    return Affine2D().scale(scale)


# value axis ticks ------------------------------------------------------------------------

MBPS = [{"x": "Pakistan", "y": 45.678}, {"x": "India", "y": 70.12}, {"x": "China", "y": 90.5}]


@pytest.mark.parametrize("theme", THEMES)
def test_a_value_axis_gets_the_ticks_its_own_labels_leave_room_for(tmp_path: Path,
                                                                   theme: str) -> None:
    # The ticks print '25 Mbps', but their room was measured as '90.500 Mbps' (the chart's
    # three decimals): the journal column's axis showed only 0 and 50 Mbps.
    options = {"chart": "bar", "x": "x", "y": "y", "horizontal": True, "labels": False,
               "suffix": " Mbps", "decimals": 3}
    chart = build_figure(tmp_path, theme, options, MBPS)
    ticks = value_axis_ticks(chart.figure, True)
    assert len(ticks) >= 4, ticks
    assert all("." not in tick for tick in ticks), ticks  # whole ticks print no decimals
    size = chart.brief.theme.sizes.small
    boxes = tick_label_boxes(chart.figure, True)
    assert all(right.x0 - left.x1 >= size for left, right in itertools.pairwise(boxes))

