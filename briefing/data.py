"""Datasets: CSV files or inline rows, with typed columns and a source line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from .errors import Diagnostic, InputError, Location
from .yamlsource import read_text

ColumnKind = Literal["number", "date", "text"]
Value = float | int | dt.date | str | None

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


class Month(dt.date):
    """A date written to the month (YYYY-MM); it reads 'Jul 2024', never '1 Jul 2024'."""

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"Month({self.year}, {self.month})"


@dataclass(frozen=True)
class Column:
    """A dataset column: its name, the kind of every value in it and a label for readers."""

    name: str
    kind: ColumnKind
    label: str


@dataclass
class Dataset:
    """Rows of typed values, where they came from, and the source to cite."""

    name: str
    columns: dict[str, Column]
    rows: list[dict[str, Value]]
    source: str
    note: str | None = None
    url: str | None = None
    origin: Path | None = None
    cell_locations: list[dict[str, Location]] = field(default_factory=list)
    written: list[dict[str, str]] = field(default_factory=list)
    """Each cell as the file wrote it (numbers keep their digits: '0.80' stays '0.80')."""

    def text(self, row: int, column: str) -> str:
        """Return the cell at (row, column) as written in the file or spec."""
        return self.written[row][column]

    def values(self, column: str) -> list[Value]:
        """Return the column's values in row order."""
        return [row.get(column) for row in self.rows]

    def locate(self, row: int, column: str) -> Location:
        """Return where the cell at (row, column) was written."""
        return self.cell_locations[row][column]

    def blanking(self, wrong: dict[str, ColumnKind]) -> Dataset:
        """Return a copy whose cells of the columns in wrong that are not of the column's
        kind are empty: what checks can still look at once those cells are reported."""
        if not wrong:
            return self
        rows = [{name: None if name in wrong and _cell_kind(value) not in (None, wrong[name])
                 else value for name, value in row.items()} for row in self.rows]
        return replace(self, rows=rows)

    def first_not(self, column: str, kind: ColumnKind) -> tuple[int, Value] | None:
        """Return (row, raw value) of the first cell in column that is not of kind."""
        for index, row in enumerate(self.rows):
            value = row.get(column)
            if _cell_kind(value) not in (None, kind):
                return index, parse_value(value) if isinstance(value, str) else value
        return None


def row_header(rows: list[dict[Any, Any]]) -> list[str]:
    """Return the column names of inline rows: every key any row has, in first-seen order."""
    return list(dict.fromkeys(str(k) for row in rows for k in row))


def parse_value(text: str) -> Value:
    """Return a CSV cell as a number, a date, text, or None when empty."""
    stripped = text.strip()
    if not stripped:
        return None
    if _NUMBER.match(stripped):
        number = float(stripped)
        if math.isfinite(number):
            return int(number) if re.match(r"^[+-]?\d+$", stripped) else number
    match = _DATE.match(stripped)
    if match:
        year, month = int(match[1]), int(match[2])
        try:
            return dt.date(year, month, int(match[3])) if match[3] else Month(year, month, 1)
        except ValueError:
            return stripped
    return stripped


def read_csv(name: str, path: Path, *, source: str, note: str | None = None,
             url: str | None = None, labels: dict[str, str] | None = None) -> Dataset:
    """Return the dataset in the CSV file at path; malformed files are InputErrors."""
    text = read_text(path, "data file")
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise InputError([Diagnostic(Location(path, 1, 1), "", "the data file is empty",
                                     "give a header row and at least one data row")])
    reader = csv.reader(io.StringIO(text))
    problems: list[Diagnostic] = []
    header: list[str] | None = None
    records: list[tuple[int, list[str]]] = []
    try:
        for fields in reader:
            line = reader.line_num
            if not fields or all(not f.strip() for f in fields):
                continue
            if header is None:
                header = [f.strip() for f in fields]
                _check_separator(path, line, lines[line - 1], header)
                problems += _header_problems(path, lines[line - 1], header)
                continue
            records.append((line, fields))
    except csv.Error as exc:
        raise InputError([Diagnostic(Location(path, reader.line_num, 1), "",
                                     f"malformed CSV: {exc}", "check the quotes on this line")
                          ]) from None
    assert header is not None
    if not records:
        problems.append(Diagnostic(Location(path, 1, 1), "", "the data file has a header but "
                                   "no data rows", "add at least one row below the header"))
    rows: list[dict[str, Value]] = []
    written: list[dict[str, str]] = []
    cells: list[dict[str, Location]] = []
    for line, fields in records:
        offsets = _field_columns(lines[line - 1] if line - 1 < len(lines) else "")
        if len(fields) != len(header):
            extra = len(header) if len(fields) > len(header) else len(fields) - 1
            column = offsets[extra] if extra < len(offsets) else len(lines[line - 1]) + 1
            problems.append(Diagnostic(
                Location(path, line, column), "",
                f"row has {len(fields)} fields, the header has {len(header)}",
                "add or remove commas so every row matches the header; quote text with commas"))
            continue
        rows.append({h: parse_value(f) for h, f in zip(header, fields, strict=True)})
        written.append({h: f.strip() for h, f in zip(header, fields, strict=True)})
        cells.append({h: Location(path, line, offsets[i] if i < len(offsets) else 1)
                      for i, h in enumerate(header)})
    if problems:
        raise InputError(problems)
    return _dataset(name, header, rows, written, cells, source=source, note=note, url=url,
                    labels=labels or {}, origin=path)


def inline_dataset(name: str, rows: list[dict[str, Any]], locations: list[dict[str, Location]],
                   *, source: str, note: str | None = None, url: str | None = None,
                   labels: dict[str, str] | None = None, origin: Path | None = None) -> Dataset:
    """Return a dataset from rows written in the spec itself."""
    header = row_header(rows)
    typed = [{h: _typed(row.get(h)) for h in header} for row in rows]
    written = [{h: "" if row.get(h) is None else _written(row[h]) for h in header}
               for row in rows]
    return _dataset(name, header, typed, written, locations, source=source, note=note, url=url,
                    labels=labels or {}, origin=origin)


def _check_separator(path: Path, line: int, raw: str, header: list[str]) -> None:
    """Stop at a file whose columns are separated by something other than commas (a
    spreadsheet's ';' or tab export): every column the spec names would be missing. A
    single quoted column name may hold either."""
    if len(header) != 1 or raw.lstrip().startswith('"'):
        return
    for separator, name in ((";", "semicolons"), ("\t", "tabs")):
        if separator in raw:
            raise InputError([Diagnostic(
                Location(path, line, raw.index(separator) + 1), "",
                f"the columns are separated by {name}, not commas",
                "save the file as comma-separated CSV (in a spreadsheet: CSV, comma-delimited)")])


def _written(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _typed(value: Any) -> Value:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float, dt.date)) or value is None:
        return value
    return parse_value(str(value))


def _dataset(name: str, header: list[str], rows: list[dict[str, Value]],
             written: list[dict[str, str]], cells: list[dict[str, Location]], *, source: str,
             note: str | None, url: str | None, labels: dict[str, str],
             origin: Path | None) -> Dataset:
    columns = {
        h: Column(h, _column_kind([r.get(h) for r in rows]), labels.get(h, _label(h)))
        for h in header
    }
    for h, column in columns.items():
        if column.kind == "text":  # a stray number in a text column stays as written
            for row, text in zip(rows, written, strict=True):
                if row.get(h) is not None:
                    row[h] = text[h]
    return Dataset(name, columns, rows, source, note, url, origin, cells, written)


def _column_kind(values: list[Value]) -> ColumnKind:
    kinds = {_kind_of(v) for v in values if v is not None}
    return kinds.pop() if len(kinds) == 1 else "text"


def _cell_kind(value: Value) -> ColumnKind | None:
    """Return the kind of a cell as a value or as written (None: empty)."""
    if isinstance(value, str):
        value = parse_value(value)
    return None if value is None else _kind_of(value)


def _kind_of(value: Value) -> ColumnKind:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    return "text"


def _label(name: str) -> str:
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _header_problems(path: Path, line_text: str, header: list[str]) -> list[Diagnostic]:
    problems = []
    offsets = _field_columns(line_text)
    seen: set[str] = set()
    for index, name in enumerate(header):
        column = offsets[index] if index < len(offsets) else 1
        if not name:
            problems.append(Diagnostic(Location(path, 1, column), "header",
                                       f"column {index + 1} has no name", "name every column"))
        elif name in seen:
            problems.append(Diagnostic(Location(path, 1, column), "header",
                                       f"column {name!r} appears twice", "rename one of them"))
        seen.add(name)
    return problems


def _field_columns(line: str) -> list[int]:
    """Return the 1-based column where each field of a CSV line starts."""
    starts = [1]
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            starts.append(index + 2)
    return starts
