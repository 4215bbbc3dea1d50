"""CSV datasets: typed columns, located cells, malformed files rejected with their place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.data import inline_dataset, parse_value, read_csv
from briefing.errors import InputError, Location


def csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "d.csv"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str, *blocks: str) -> list:
    """Return what loading a spec of blocks over the CSV text (dataset `d`) reports; [] if
    it loads."""
    from briefing.loader import load_spec

    csv(tmp_path, text)
    spec = tmp_path / "s.yaml"
    spec.write_text("title: T\ndate: 2025-05-15\ndata:\n  d: {file: d.csv, source: S}\n"
                    "sections:\n  - title: One\n    blocks:\n"
                    + "".join(f"      - {block}\n" for block in blocks))
    try:
        load_spec(spec)
    except InputError as exc:
        return list(exc.diagnostics)
    return []


def test_columns_are_typed_from_their_values(tmp_path: Path) -> None:
    dataset = read_csv("d", csv(tmp_path, "name,share,when\nA,0.16,2024-07\nB,5,2025-02-06\n"),
                       source="S", labels={"share": "Share of GDP"})
    kinds = {name: column.kind for name, column in dataset.columns.items()}
    assert kinds == {"name": "text", "share": "number", "when": "date"}
    assert dataset.values("share") == [0.16, 5]
    assert dataset.values("when") == [dt.date(2024, 7, 1), dt.date(2025, 2, 6)]
    assert dataset.columns["share"].label == "Share of GDP"
    assert dataset.columns["when"].label == "When"
    assert dataset.source == "S"


def test_cells_know_their_line_and_column(tmp_path: Path) -> None:
    path = csv(tmp_path, 'name,share\n"Korea, South",5.2\n')
    dataset = read_csv("d", path, source="S")
    assert dataset.locate(0, "share") == Location(path, 2, 16)


def test_a_mixed_column_is_text_and_the_odd_cell_is_found(tmp_path: Path) -> None:
    dataset = read_csv("d", csv(tmp_path, "a,b\nx,1\ny,2%\n"), source="S")
    assert dataset.columns["b"].kind == "text"
    assert dataset.values("b") == ["1", "2%"]
    assert dataset.first_not("b", "number") == (1, "2%")


def test_month_dates_keep_their_precision(tmp_path: Path) -> None:
    dataset = read_csv("d", csv(tmp_path, "when\n2024-07\n2025-02-06\n"), source="S")
    month, day = dataset.values("when")
    assert (str(month), str(day)) == ("2024-07", "2025-02-06")
    assert month == dt.date(2024, 7, 1) and type(day) is dt.date


@pytest.mark.parametrize(("text", "line", "column", "message"), [
    ("a,b\n1,2,3\n", 2, 5, "row has 3 fields, the header has 2"),
    ("a,b\n1\n", 2, 1, "row has 1 fields, the header has 2"),
    ("a,a\n1,2\n", 1, 3, "column 'a' appears twice"),
    ("a,b\n", 1, 1, "header but no data rows"),
    ("\n\n", 1, 1, "the data file is empty"),
])
def test_malformed_files_are_located(tmp_path: Path, text: str, line: int, column: int,
                                     message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_csv("d", csv(tmp_path, text), source="S")
    first = caught.value.diagnostics[0]
    assert (first.location.line, first.location.column) == (line, column)
    assert message in first.message


def test_values_parse_as_numbers_dates_or_text() -> None:
    assert [parse_value(v) for v in ["12", "-0.5", "1e3", "", "2025-02-30", "nan", "Rs 10"]] == [
        12, -0.5, 1000.0, None, "2025-02-30", "nan", "Rs 10"]


def test_inline_rows_are_typed_like_csv() -> None:
    dataset = inline_dataset("d", [{"a": "x", "b": 1}, {"a": "y", "b": "2.5"}], [{}, {}],
                             source="S")
    assert dataset.columns["b"].kind == "number"
    assert dataset.values("b") == [1, 2.5]


@pytest.mark.parametrize(("separator", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_a_file_not_separated_by_commas_is_one_error(tmp_path: Path, separator: str,
                                                     name: str) -> None:
    text = f"country{separator}share\nPakistan{separator}0.16\n"
    with pytest.raises(InputError) as caught:
        read_csv("d", csv(tmp_path, text), source="S")
    [problem] = caught.value.diagnostics
    assert problem.location == Location(tmp_path / "d.csv", 1, 8)
    assert problem.message == f"the columns are separated by {name}, not commas"


def test_inline_rows_may_leave_a_key_out(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from briefing.compiler import compile_brief

    spec = tmp_path / "gap.yaml"
    spec.write_text("title: Gap\ndate: 2025-05-15\ndata:\n  d:\n"
                    "    rows: [{cat: a, v: 1}, {cat: b}, {cat: c, v: 3}]\n    source: S\n"
                    "sections:\n  - title: One\n    blocks:\n      - table: {data: d}\n")
    pdf = compile_brief(spec, tmp_path, cache_dir=tmp_path / "cache", jobs=1).pdf
    assert "\nb\n–\nc\n" in PdfReader(pdf).pages[0].extract_text()  # empty, as in a CSV


@pytest.mark.parametrize(("cell", "hint"), [
    ('"2.65%"', "write 2.65 without the '%', and give the unit in the column's label or the "
     "chart's subtitle"),
    ('"1,000"', "write 1000 without thousands separators"),
    ("n/a", "fix the value, or name a column that holds numbers"),
])
def test_a_wrong_number_is_reported_once_with_how_to_write_it(
        tmp_path: Path, cell: str, hint: str) -> None:
    [problem] = problems(  # used twice, reported once
        tmp_path, f"country,share\nPakistan,0.16\nChina,{cell}\n",
        "figure: {chart: bar, data: d, x: country, y: share, title: T, alt: A}",
        "table: {data: d, columns: [country, {column: share, decimals: 1}]}")
    assert problem.location == Location(tmp_path / "d.csv", 3, 7)
    assert problem.hint == hint


@pytest.mark.parametrize(("chart", "fails"), [("bar", True), ("donut", True), ("line", False)])
def test_an_empty_cell_a_chart_would_draw_as_0_is_an_error(tmp_path: Path, chart: str,
                                                          fails: bool) -> None:
    found = problems(tmp_path, "year,share\n2023,0.16\n2024,\n2025,0.2\n",
                     f"figure: {{chart: {chart}, data: d, x: year, y: share, title: T, alt: A}}")
    if not fails:  # a line over an empty cell has a gap, not a point at 0
        assert found == []
        return
    [problem] = found
    assert problem.location == Location(tmp_path / "d.csv", 3, 6)
    assert problem.message == ("empty cell in column 'share' (used by "
                               f"sections[0].blocks[0].figure.y); a {chart} chart would show "
                               "it as 0")


def test_a_wrong_cell_does_not_hide_the_chart_s_other_problems(tmp_path: Path) -> None:
    found = problems(tmp_path, "country,share\nPakistan,0.16\nChina,2.65%\n",
                     "figure: {chart: bar, data: d, x: country, y: share, highlight: Pakistn, "
                     "title: T, alt: A}")
    assert {(p.where, p.message.split(";")[0]) for p in found} == {
        ("d.share", "expected numbers in column 'share' (used by sections[0].blocks[0].figure.y)"),
        ("sections[0].blocks[0].figure.highlight",
         "highlight 'Pakistn' names no category of the chart"),
    }


def test_a_column_wrong_for_two_uses_is_reported_for_each_and_an_empty_cell_once(
        tmp_path: Path) -> None:
    found = problems(
        tmp_path, "when,v,w\n2020-01-05,1,3\n2021-02-31,,4\n",
        "table: {data: d, columns: [{column: when, decimals: 0}]}",
        "figure: {chart: timeline, data: d, date: when, label: w, title: T, alt: A}",
        "figure: {chart: bar, data: d, x: w, y: v, title: T, alt: A}",
        "figure: {chart: donut, data: d, x: w, y: v, title: T, alt: A}")
    assert sorted(p.message.split(" (used by")[0] for p in found) == [
        "empty cell in column 'v'",  # once, though two charts draw it
        "expected dates (YYYY-MM-DD) in column 'when'",  # 2021-02-31
        "expected numbers in column 'when'"]


def test_a_quoted_column_name_may_hold_a_semicolon(tmp_path: Path) -> None:
    dataset = read_csv("d", csv(tmp_path, '"Country; region"\nPakistan; South Asia\n'),
                       source="S")
    assert list(dataset.columns) == ["Country; region"]
