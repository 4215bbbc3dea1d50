"""Timeline labels: every line on one baseline grid, however deep or tall its letters."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.compiler import compile_brief

EVENTS = {  # descenders (g, p, y, j) and parentheses, which reach below a plain line
    "Mar 2019": "Spring pilot (phase one) begins quietly",
    "14 Jul 2020": "Gigabyte programme (regional) approved by agency",
    "May 2021": "Typology of policy (draft) published",
    "Sep 2022": "Shipping gateway (Gwadar) opening party",
    "Nov 2023": "Yearly progress (July) report",
}
ROWS = ["2019-03", "2020-07-14", "2021-05", "2022-09", "2023-11"]
SPEC = """\
title: T
date: 2025-05-15
data:
  e:
    file: data/e.csv
    source: Test
sections:
  - title: S
    blocks:
      - figure:
          chart: timeline
          data: e
          date: date
          label: event
          label_width: 70
          highlight: Typology of policy (draft) published
          title: Timeline with descenders
          alt: Timeline.
"""
HEAD = re.compile(r"(\d{1,2} )?[A-Z][a-z]{2} \d{4}")


def label_lines(pdf: Path) -> list[list[tuple[str, float, float]]]:
    """Return the (text, baseline, size) of each line of each timeline label, top line first."""
    shown: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            shown.append((text.strip(), cm[5] + tm[5] * cm[3], size * tm[3] * cm[3]))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    labels: list[list[tuple[str, float, float]]] = []
    for at, (text, _, _) in enumerate(shown):
        if HEAD.fullmatch(text) and text in EVENTS:
            lines = [shown[at]]
            for following in shown[at + 1:]:
                if following[0] not in EVENTS[text]:
                    break
                lines.append(following)
            labels.append(lines)
    return labels


@pytest.mark.parametrize("theme", ["policy", "journal"])
def test_timeline_label_lines_are_one_leading_apart(tmp_path: Path, theme: str) -> None:
    (tmp_path / "data").mkdir()
    rows = [f"{day},{EVENTS[head]}" for day, head in zip(ROWS, EVENTS, strict=True)]
    (tmp_path / "data" / "e.csv").write_text("date,event\n" + "\n".join(rows) + "\n")
    (tmp_path / "t.yaml").write_text(SPEC)
    result = compile_brief(tmp_path / "t.yaml", tmp_path / "t.pdf", theme=theme, jobs=1)

    labels = label_lines(result.pdf)
    assert [lines[0][0] for lines in labels] == list(EVENTS)
    for lines in labels:  # every word of the label is drawn, in order
        head, *rest = (text for text, _, _ in lines)
        assert " ".join(rest) == EVENTS[head]
    wrapped = [text for lines in labels for text, _, _ in lines[1:-1]]
    assert any("(" in text for text in wrapped)
    assert any(set(text) & set("gpyj") for text in wrapped)

    steps = [above[1] - below[1] for lines in labels
             for above, below in pairwise(lines)]
    size = labels[0][0][2]
    assert {round(s, 3) for lines in labels for _, _, s in lines} == {round(size, 3)}
    assert steps == pytest.approx([steps[0]] * len(steps), abs=0.05)
    assert steps[0] == pytest.approx(size * 1.15, abs=0.05)
