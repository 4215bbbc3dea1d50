"""Drawing one chart with matplotlib into a one-page PDF of exact size."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..data import Dataset
from ..fonts import chart_font_name
from ..theme import Theme
from ..workers import cache_dir
from ..write import write_atomic
from .registry import CHARTS, FigureBase

PDF_METADATA = {"Creator": None, "Producer": None, "CreationDate": None}


def draw_pdf(options: FigureBase, dataset: Dataset, theme: Theme, width_pt: float,
             fonts_dir: Path | None = None) -> bytes:
    """Return the one-page PDF of the chart."""
    buffer = io.BytesIO()
    with drawn_figure(options, dataset, theme, width_pt, fonts_dir) as figure:
        figure.savefig(buffer, format="pdf", metadata=PDF_METADATA, bbox_inches=None,
                       transparent=True)
    return buffer.getvalue()


@contextlib.contextmanager
def drawn_figure(options: FigureBase, dataset: Dataset, theme: Theme, width_pt: float,
                 fonts_dir: Path | None = None) -> Iterator[Any]:
    """Yield the matplotlib figure of the chart, drawn width_pt wide in the theme's chart
    fonts and style (which hold while it is saved), its numbers printed as charts print
    them."""
    from .mpl import import_matplotlib

    import_matplotlib()
    import matplotlib
    from matplotlib.figure import Figure

    from .options import printed
    from .style import Style

    register_fonts(theme.fonts.chart, fonts_dir or cache_dir() / "fonts")
    options = printed(options, dataset)
    style = Style(theme)
    with matplotlib.rc_context(style.rc()), warnings.catch_warnings():
        # reported by the layout, located at the cell or option the character is in
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
        height = options.height(dataset, width_pt, theme)
        # no layout engine: each kind places its axes itself (style.fit_axes or point_axes)
        figure = Figure(figsize=(width_pt / 72, height / 72), dpi=72)
        CHARTS[options.chart].draw(figure, options, dataset, style)
        yield figure


_registered: dict[str, tuple[Path, list[str]]] = {}
"""The copies registered with matplotlib for each chart font family, and their folder."""


def register_fonts(family: str, folder: Path) -> None:
    """Register family's chart font copies in folder (made if need be) with matplotlib,
    unless the copies registered last are these and are still there.

    This process (or the chart server it was forked from) outlives builds, and a cache
    folder may be deleted meanwhile: matplotlib, finding a registered file missing, would
    rebuild its font list without any registered font and draw in its default font. So
    fonts whose files are gone are forgotten before registering again."""
    known = _registered.get(family)
    if known is not None and known[0] == folder and all(map(os.path.isfile, known[1])):
        return
    from matplotlib import font_manager

    from ..fonts import font_family

    manager = font_manager.fontManager
    manager.ttflist = [entry for entry in manager.ttflist if os.path.isfile(entry.fname)]
    copies = [str(chart_font(path, folder)) for path in font_family(family).faces().values()]
    for copy in copies:
        manager.addfont(copy)  # (which also forgets what findfont found before)
    _registered[family] = folder, copies


# OpenType layout tables matplotlib never reads (it kerns from 'kern' only); without them
# subsetting a face for a chart's PDF takes 20 ms instead of 130 ms.
_UNUSED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "DSIG", "JSTF", "MATH")


def chart_font(path: Path, folder: Path) -> Path:
    """Return a copy of the font at path without the tables charts do not use (made once).

    The copy is checked against the digest written beside it, so a damaged or truncated
    copy is made again instead of failing every chart drawn with it."""
    target = folder / chart_font_name(path)
    if intact_copy(target):
        return target
    from fontTools.ttLib import TTFont

    # lazy: tables are copied as they are, not decompiled and compiled again (same bytes,
    # 28 ms instead of 110 ms for four faces; it is on the critical path of a first build)
    font = TTFont(str(path), recalcTimestamp=False, lazy=True)
    for tag in _UNUSED_TABLES:
        if tag in font:
            del font[tag]
    copy = io.BytesIO()
    font.save(copy)
    try:
        write_atomic(target, copy.getvalue())
        write_atomic(_digest_file(target), _digest(copy.getvalue()).encode("ascii"))
    except OSError:
        return path
    return target


def intact_copy(target: Path) -> bool:
    """Return whether the chart font copy at target is there and matches its digest."""
    with contextlib.suppress(OSError):
        return _digest_file(target).read_text("ascii") == _digest(target.read_bytes())
    return False


def _digest_file(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def _digest(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()
