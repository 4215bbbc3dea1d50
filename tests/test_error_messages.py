"""Error messages say what was expected in the spec's terms, with a hint, not a validator's."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cli import main

SPEC = """\
title: Messages
date: {date}
language: English
key_messages: [a, b, c, d, e, f, g, h, i]
sections:
  - title: One
    blocks:
      - figure: {{chart: bar, data: d, x: a, y: b, aspect: 5, title: T, alt: A}}
data:
  d:
    rows: [{{a: x, b: 1}}]
    source: S
"""


def errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], date: str) -> list[str]:
    spec = tmp_path / "m.yaml"
    spec.write_text(SPEC.format(date=date))
    assert main(["validate", str(spec)]) == 2
    return [line.replace(f"{spec}:", "") for line in capsys.readouterr().err.splitlines()]


def test_values_out_of_bounds_and_patterns_are_said_in_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = errors(tmp_path, capsys, "2025-05-15")
    assert lines[:5] == [
        "3:11: error: language: expected a language tag such as 'en' or 'en-GB'; got 'English'",
        "4:15: error: key_messages: expected at most 8 items; got 9",
        "  hint: remove some items",
        "8:59: error: sections[0].blocks[0].figure.aspect: expected at most 3; got 5",
        "  hint: use a smaller value",
    ]


@pytest.mark.parametrize(("date", "expected", "hint"), [
    ("yesterday", "expected a date (YYYY-MM-DD); got 'yesterday'",
     "write the date as YYYY-MM-DD, e.g. 2025-05-15"),
    ("2025-02-30", "expected a real date (YYYY-MM-DD); got '2025-02-30'",
     "check the month and the day of the month"),
])
def test_a_date_that_is_no_date_gets_the_format_as_its_hint(
        date: str, expected: str, hint: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    lines = errors(tmp_path, capsys, date)
    assert lines[:2] == [f"2:7: error: date: {expected}", f"  hint: {hint}"]
