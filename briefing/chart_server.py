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
import os
from pathlib import Path

from . import kept_compiles
from .quick_imports import as_program

as_program()


def warm_up() -> None:
    """Import what drawing needs (its generated code compiled once, see `kept_compiles`),
    make the default theme's chart font copies for the build that started the server, and
    register those in the user's cache folder.

    The build names its cache's fonts folder (`SERVER_FONTS`): the copies are made there
    once, rather than by each worker on its first chart (~140 ms each). Copies in another
    folder than the user's are not registered: the server outlives the build (a watcher, a
    library caller), and its workers register their own build's copies.
    """
    from .charts.mpl import import_matplotlib

    import_matplotlib()  # with its PDF backend and, through it, matplotlib.figure

    from .charts import draw
    from .fonts import chart_font_name, font_family
    from .theme import load_theme
    from .workers import SERVER_FONTS, cache_dir

    family = load_theme("policy").fonts.chart
    faces = font_family(family).faces().values()
    given = os.environ.pop(SERVER_FONTS, None)  # the workers need not see it
    folder = cache_dir() / "fonts"
    if given and Path(given) != folder:
        for face in faces:
            draw.chart_font(face, Path(given))
    elif given or all(draw.intact_copy(folder / chart_font_name(face)) for face in faces):
        draw.register_fonts(family, folder)  # (which makes the copies it lacks)
    kept_compiles.save()


with contextlib.suppress(Exception):  # warming is an optimisation only
    warm_up()
# What the server imported stays alive in every worker: keep the workers' garbage collector
# from walking it (and from copying every page it touches), as for any pre-forking server.
gc.freeze()
