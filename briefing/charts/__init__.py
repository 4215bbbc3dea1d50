"""Chart kinds, registered by name; importing this module never imports matplotlib."""

from . import bar  # noqa: F401  (registers the chart kind)
from .registry import CHARTS, ChartKind, FigureBase

__all__ = ["CHARTS", "ChartKind", "FigureBase"]
