"""Numbers in charts and tables: as few digits as the data needs, a minus sign, own ticks."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.charts import CHARTS
from briefing.compiler import compile_brief

from .conftest import page_texts, write_brief

BASE = {"chart": "bar", "data": "d", "x": "a", "y": "b", "title": "t"}


def number_format(**options: object):
    return CHARTS["bar"].options.model_validate({**BASE, **options})


@pytest.mark.parametrize(("value", "printed"), [
    (0.16, "0.16"),
    (3223, "3,223"),
    (0.00003, "0.00003"),  # not 3e-05
    (21699.8, "21,699.8"),  # as typed
    (100 / 3, "33.33"),  # a computed share, not 33.3333
    (1.2345678, "1.23"),
    (0.123456, "0.123"),
    (-1.23456789e-05, "\N{MINUS SIGN}0.0000123"),
    (2_500_000.4, "2,500,000"),
])
def test_a_value_prints_as_few_digits_as_it_needs(value: float, printed: str) -> None:
    assert number_format().format_value(value) == printed


def test_a_negative_value_takes_a_minus_sign_before_its_prefix() -> None:
    money = number_format(prefix="$", suffix="bn", decimals=1)
    assert money.format_value(3.223) == "$3.2bn"
    assert money.format_value(-3.223) == "\N{MINUS SIGN}$3.2bn"
    assert money.format_value(-0.04) == "$0.0bn"  # no sign on a printed zero


def _chart_text(tmp_path: Path, theme: str) -> str:
    blocks = """\
      - figure:
          chart: line
          data: d
          x: year
          y: change
          decimals: 1
          suffix: '%'
          title: Growth fell in one country
          alt: Growth by country
"""
    data = """\
  d:
    rows:
      - {year: 2020, change: 20}
      - {year: 2021, change: 12.5}
      - {year: 2022, change: -15.5}
    source: Test data
"""
    result = compile_brief(write_brief(tmp_path, blocks, data=data, theme=theme),
                           tmp_path / "out.pdf")
    return page_texts(result.pdf)[0]


@pytest.mark.parametrize("theme", ["policy", "journal"])
def test_chart_labels_print_a_minus_sign_and_ticks_only_the_decimals_they_need(
        tmp_path: Path, theme: str) -> None:
    text = _chart_text(tmp_path, theme)
    words = text.split()
    assert "\N{MINUS SIGN}15.5%" in words and "-15.5%" not in text  # the end label: decimals: 1
    ticks = [w for w in words if w.endswith("%") and w != "\N{MINUS SIGN}15.5%"]
    assert len(ticks) >= 2 and "\N{MINUS SIGN}" in "".join(ticks), text
    assert all("." not in tick for tick in ticks), ticks  # 10%, not 10.0%


def test_a_table_prints_negative_numbers_with_a_minus_sign(tmp_path: Path) -> None:
    blocks = """\
      - table:
          data: d
          columns: [country, change, {column: share, decimals: 1, suffix: '%'}]
"""
    data = """\
  d:
    rows:
      - {country: Alpha, change: -2.5, share: -0.04}
      - {country: Beta, change: 3, share: -12.25}
    source: Test data
"""
    result = compile_brief(write_brief(tmp_path, blocks, data=data), tmp_path / "out.pdf")
    words = page_texts(result.pdf)[0].split()
    assert "\N{MINUS SIGN}2.5" in words and "\N{MINUS SIGN}12.2%" in words
    assert "0.0%" in words  # -0.04 printed as zero takes no sign
    assert not any(word.startswith("-") for word in words)


def test_halves_round_up_as_an_editor_rounds() -> None:
    assert number_format(decimals=2).format_value(1.125) == "1.13"  # not 1.12 (half-even)
    assert number_format(decimals=2).format_value(-2.675) == "\N{MINUS SIGN}2.68"
    assert number_format(decimals=0).format_value(0.5) == "1"


@pytest.mark.parametrize(("values", "printed"), [
    ([20.01, 19.9, 19.88], ["20.01", "19.90", "19.88"]),  # not 19.9 beside 19.88
    ([3, 5, 12], ["3", "5", "12"]),
    ([1.5, 2.25, -0.333], ["1.50", "2.25", "\N{MINUS SIGN}0.33"]),
    ([0.5, 0.125], ["0.500", "0.125"]),
])
def test_the_values_of_one_chart_print_with_the_same_decimals(
        tmp_path: Path, values: list[float], printed: list[str]) -> None:
    rows = "".join(f"      - {{name: N{n}, value: {v}}}\n" for n, v in enumerate(values))
    block = ("      - figure: {chart: bar, data: d, x: name, y: value, title: Values, "
             "alt: Bars.}\n")
    spec = write_brief(tmp_path, block, data=f"  d:\n    source: Test\n    rows:\n{rows}")
    words = page_texts(compile_brief(spec, tmp_path / "out.pdf").pdf)[0].split()
    assert all(text in words for text in printed), words
    assert not {f"{v:g}" for v in values} - set(printed) & set(words), words
