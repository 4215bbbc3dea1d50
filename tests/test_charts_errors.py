"""Chart options that do not fit their data are located errors (exit 2), and the catalogue."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.charts import CHARTS
from briefing.charts.catalog import describe_charts
from briefing.cli import main
from briefing.errors import InputError
from briefing.theme import Theme

from .conftest import line_of, write_brief

INVALID = Path(__file__).parent / "specs" / "charts" / "invalid"


@pytest.mark.parametrize("spec", sorted(INVALID.glob("*.yaml")), ids=lambda p: p.stem)
def test_bad_chart_input_is_a_located_error(spec: Path, capsys, monkeypatch):
    expected = spec.read_text().splitlines()[0].removeprefix("# error: ")
    monkeypatch.chdir(INVALID)
    assert main(["validate", spec.name]) == 2
    assert expected in capsys.readouterr().err.splitlines()


def test_catalogue_lists_every_kind_with_options_and_example():
    text = describe_charts()
    for name in CHARTS:
        assert f"\n{name}: " in f"\n{text}"
    bar = describe_charts("bar")
    assert "    reference   {value, label} | none, default: none" in bar
    assert "    highlight   name or list of names, default: none" in bar
    assert "        chart: bar" in bar
    assert "donut:" not in bar


def test_unknown_kind_in_catalogue_suggests_the_closest():
    with pytest.raises(InputError) as caught:
        describe_charts("barr")
    assert str(caught.value) == ("<command line>:1:1: error: charts: unknown chart kind 'barr'"
                                 "\n  hint: did you mean 'bar'?")


def test_every_kind_has_an_example_that_validates():
    for kind in CHARTS.values():
        kind.options.model_validate(kind.example)
        assert all(f.description for f in kind.options.model_fields.values())


def test_highlight_accepts_a_name_or_a_list():
    bar = CHARTS["bar"].options
    base = {"chart": "bar", "data": "d", "x": "a", "y": "b", "title": "t"}
    assert bar.model_validate({**base, "highlight": "Pakistan"}).highlight == ["Pakistan"]
    assert bar.model_validate({**base, "highlight": ["A", "B"]}).highlight == ["A", "B"]


def test_timeline_labels_never_overlap():
    from matplotlib.figure import Figure

    from briefing.charts.style import Style
    from briefing.data import Column, Dataset

    days = [dt.date(2020, 1, 1) + dt.timedelta(days=45 * i) for i in range(14)]
    rows = [{"date": d, "event": f"Event number {i} with a longish label"}
            for i, d in enumerate(days)]
    dataset = Dataset("e", {"date": Column("date", "date", "Date"),
                            "event": Column("event", "text", "Event")}, rows, "test")
    options = CHARTS["timeline"].options.model_validate(
        {"chart": "timeline", "data": "e", "date": "date", "label": "event", "title": "t",
         "aspect": 0.6})
    theme = Theme()
    figure = Figure(figsize=(theme.frame_width / 72, theme.frame_width * 0.6 / 72), dpi=72,
                    layout="constrained")
    CHARTS["timeline"].draw(figure, options, dataset, Style(theme))
    figure.draw_without_rendering()
    renderer = figure._get_renderer()
    boxes = [t.get_window_extent(renderer) for t in figure.axes[0].texts]
    assert len(boxes) == 14
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


@pytest.mark.parametrize(("chart", "highlight", "warned"), [
    ("line", "", True), ("line", "highlight: s1\n          ", False),
    ("grouped_bar", "", True)])
def test_more_series_than_the_palette_has_colours_is_a_located_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], chart: str, highlight: str,
        warned: bool) -> None:
    series = [f"s{n}" for n in range(1, 7)]  # the policy palette has five colours
    rows = "".join("      - {x: " + str(2020 + r) + ", "
                   + ", ".join(f"{s}: {r + n}" for n, s in enumerate(series)) + "}\n"
                   for r in range(3))
    block = (f"      - figure:\n          chart: {chart}\n          data: d\n          x: x\n"
             f"          {highlight}y: [{', '.join(series)}]\n          title: Six series\n"
             "          alt: Six series.\n")
    spec = write_brief(tmp_path, block, data=f"  d:\n    source: Test\n    rows:\n{rows}")
    assert main(["build", str(spec), "-o", str(tmp_path / "out.pdf"), "-q"]) == 0
    err = capsys.readouterr().err
    y_line = line_of(spec, "y")
    expected = (f"{spec}:{y_line}:14: warning: sections[0].blocks[0].figure.y: 6 series but "
                "the theme's palette has 5 colours: series 6 and 1 share a colour")
    assert (expected in err) == warned, err
    if warned:
        assert main(["build", str(spec), "-o", str(tmp_path / "out.pdf"), "--strict"]) == 2
