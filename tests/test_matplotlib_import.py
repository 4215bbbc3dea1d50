"""How chart processes import matplotlib (charts/mpl.py)."""

from __future__ import annotations

from .conftest import printed_by_new_python


def test_artists_are_defined_without_building_their_set_help_text() -> None:
    # a fresh process: the patch only helps if it comes before the artists are defined
    code = ("from briefing.charts.mpl import import_matplotlib; import_matplotlib()\n"
            "from matplotlib.patches import Rectangle\n"
            "from matplotlib.text import Text\n"
            "print(Rectangle.set.__doc__, Text.set.__doc__)\n"
            "box = Rectangle((0, 0), 1, 1); box.set(alpha=0.5, linewidth=2)\n"
            "print(box.get_alpha(), box.get_linewidth())\n")
    assert printed_by_new_python(code) == ["None None", "0.5 2.0"]
