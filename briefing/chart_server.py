"""Imported by the chart forkserver before it forks workers: matplotlib, the chart kinds
and the chart fonts.

What every worker would otherwise pay for before its first chart (matplotlib and its PDF
backend, patched by `mpl.py`; the chart kinds' models; registering the default theme's
chart fonts, once their copies without layout tables exist) is paid once here
and inherited by every forked worker. A throwaway chart is not drawn: measured, a
first chart costs no more than a later one, and the server must be ready soon. A failure
here is ignored: the worker then pays for it itself.
"""

from __future__ import annotations

import contextlib
import gc

from . import kept_compiles
from .quick_imports import as_program

as_program()


def warm_up() -> None:
    """Import what drawing needs (its generated code compiled once, see `kept_compiles`)
    and register the default theme's chart fonts, if an earlier build made their copies in
    the user's cache folder.

    The server does not make font copies: it cannot know the cache folder a library caller
    gave the build, and must not write to another. Its workers make them in the build's
    folder.
    """
    from .charts.mpl import import_matplotlib

    import_matplotlib()  # with its PDF backend and, through it, matplotlib.figure

    from .charts import draw
    from .fonts import chart_font_name, font_family
    from .theme import load_theme
    from .workers import cache_dir

    family, folder = load_theme("policy").fonts.chart, cache_dir() / "fonts"
    if all(draw.intact_copy(folder / chart_font_name(face))
           for face in font_family(family).faces().values()):
        draw._register_fonts(family, folder)  # noqa: SLF001
    kept_compiles.save()


with contextlib.suppress(Exception):  # warming is an optimisation only
    warm_up()
# What the server imported stays alive in every worker: keep the workers' garbage collector
# from walking it (and from copying every page it touches), as for any pre-forking server.
gc.freeze()
