"""Chart kinds, registered by name; importing this module never imports matplotlib."""

from . import bar, donut, line, multibar, range, rank, timeline, waffle  # noqa: F401, A004
from .registry import CHARTS, ChartKind, FigureBase

__all__ = ["CHARTS", "ChartKind", "FigureBase"]
