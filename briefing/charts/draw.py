"""Drawing one chart with matplotlib into a one-page PDF of exact size."""

from __future__ import annotations

import io
from functools import cache

from ..data import Dataset
from ..theme import Theme
from .artefact import Chart
from .registry import CHARTS, FigureBase

PDF_METADATA = {"Creator": None, "Producer": None, "CreationDate": None}


def draw_chart(options: FigureBase, dataset: Dataset, theme: Theme, width_pt: float) -> Chart:
    """Return the chart of options over dataset, width_pt wide, styled by theme."""
    return Chart(draw_pdf(options, dataset, theme, width_pt), width_pt,
                 width_pt * options.aspect, options.alt or "")


def draw_pdf(options: FigureBase, dataset: Dataset, theme: Theme, width_pt: float) -> bytes:
    """Return the one-page PDF of the chart."""
    import matplotlib
    from matplotlib.figure import Figure

    from .style import Style

    _register_fonts(theme.fonts.chart)
    style = Style(theme)
    with matplotlib.rc_context(style.rc()):
        figure = Figure(figsize=(width_pt / 72, width_pt * options.aspect / 72), dpi=72,
                        layout="constrained")
        figure.get_layout_engine().set(w_pad=1 / 72, h_pad=1 / 72, wspace=0, hspace=0)
        CHARTS[options.chart].draw(figure, options, dataset, style)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="pdf", metadata=PDF_METADATA, bbox_inches=None,
                       transparent=True)
    return buffer.getvalue()


@cache
def _register_fonts(family: str) -> None:
    from matplotlib import font_manager

    from ..fonts import font_family

    for path in font_family(family).faces().values():
        font_manager.fontManager.addfont(str(path))
