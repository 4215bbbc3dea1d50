"""Natural chart heights: sized from content, width and theme, without matplotlib."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from briefing.charts import CHARTS
from briefing.loader import load_spec
from briefing.resources import default_spec
from briefing.theme import load_theme

ROOT = Path(__file__).parent.parent
BRIEF = default_spec()
ALL_KINDS = Path(__file__).parent / "specs" / "charts" / "all-kinds.yaml"


def figures(brief):
    return [b.figure for s in brief.spec.sections for b in s.blocks
            if getattr(b, "figure", None) is not None]


def test_aspect_given_is_width_times_aspect():
    brief = load_spec(ALL_KINDS)
    figure = figures(brief)[0].model_copy(update={"aspect": 0.37})
    assert figure.height(brief.datasets[figure.data], 400, brief.theme) == 0.37 * 400


def test_natural_heights_are_bounded_and_deterministic():
    brief = load_spec(ALL_KINDS)
    for name in ("policy", "journal", "letter"):
        theme = load_theme(name)
        width = theme.frame_width
        for figure in figures(brief):
            dataset = brief.datasets[figure.data]
            height = figure.height(dataset, width, theme)
            assert 60 <= height <= 0.9 * width, (figure.chart, name, height)
            assert height == figure.height(dataset, width, theme)
            assert figure.height(None, width, theme) > 0


def test_rows_and_narrow_columns_make_charts_taller():
    brief = load_spec(BRIEF)
    policy, journal = load_theme("policy"), load_theme("journal")
    by_id = {f.id: f for f in figures(brief)}
    rd, talent = by_id["fig-rd"], by_id["fig-talent"]
    assert rd.height(brief.datasets["rd_spending"], 450, policy) > talent.height(
        brief.datasets["talent_pipeline"], 450, policy)
    timeline = by_id["fig-timeline"]
    milestones = brief.datasets["milestones"]
    wide = timeline.height(milestones, policy.frame_width, policy) / policy.frame_width
    narrow = timeline.height(milestones, journal.frame_width, journal) / journal.frame_width
    assert narrow > wide * 1.5


def test_natural_heights_need_no_matplotlib():
    code = ("import sys\nfrom briefing.loader import load_spec\n"
            f"brief = load_spec({str(BRIEF)!r})\n"
            "for s in brief.spec.sections:\n"
            "    for b in s.blocks:\n"
            "        f = getattr(b, 'figure', None)\n"
            "        if f is not None:\n"
            "            f.height(brief.datasets[f.data], brief.theme.frame_width, brief.theme)\n"
            "assert 'matplotlib' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_examples_use_the_default_briefs_data():
    spec = yaml.safe_load(BRIEF.read_text(encoding="utf-8"))
    data = spec["data"]
    for kind in CHARTS.values():
        example = kind.example
        assert example["data"] in data, kind.name
        header = (BRIEF.parent / data[example["data"]]["file"]).read_text(
            encoding="utf-8").splitlines()[0].split(",")
        for option in kind.options.data_columns:
            if option in example:
                names = example[option]
                for name in [names] if isinstance(names, str) else names:
                    assert name in header, (kind.name, option, name)


def test_every_example_validates_against_the_default_briefs_data(tmp_path: Path) -> None:
    spec = yaml.safe_load(BRIEF.read_text(encoding="utf-8"))
    data = {name: {**entry, "file": str((BRIEF.parent / entry["file"]).resolve())}
            for name, entry in spec["data"].items()}
    figures = [{"figure": {**kind.example, "alt": f"Example of {kind.name}."}}
               for kind in CHARTS.values()]
    examples = {"title": "Examples", "date": "2025-05-15", "data": data,
                "sections": [{"title": "Every example", "blocks": figures}]}
    path = tmp_path / "examples.yaml"
    path.write_text(yaml.safe_dump(examples, allow_unicode=True), encoding="utf-8")
    brief = load_spec(path)
    assert len(brief.spec.sections[0].blocks) == len(CHARTS)
