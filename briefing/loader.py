"""Loading a spec: YAML with locations, the typed model, its datasets, theme and cross-checks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import kept_spec
from .data import ColumnKind, Dataset, inline_dataset, read_csv, row_header
from .errors import Diagnostic, InputError, Location, did_you_mean, one_of, spec_not_found
from .locations import format_tree_path
from .theme_files import MergedTheme, read_theme, theme_path, unknown_theme
from .yamlsource import TreePath, YamlDocument, load_yaml

if TYPE_CHECKING:  # the model modules are imported once kept_spec chose what they are built on
    from .charts.registry import FigureBase
    from .spec import DatasetSpec, Spec
    from .theme import Theme


@dataclass
class Brief:
    """A validated spec with its datasets and theme: everything the later stages need."""

    spec: Spec
    path: Path
    document: YamlDocument
    datasets: dict[str, Dataset]
    theme: Theme
    warnings: list[Diagnostic] = field(default_factory=list)

    def locate(self, tree_path: TreePath) -> Location:
        """Return where the spec wrote the node at tree_path."""
        return self.document.locate(tree_path)

    def warn(self, tree_path: TreePath, message: str, hint: str | None = None) -> None:
        """Record a warning about the node at tree_path."""
        self.warnings.append(Diagnostic(self.locate(tree_path), format_tree_path(tree_path),
                                        message, hint, severity="warning"))


def load_spec(path: str | Path, *, theme: str | None = None, kept: Path | None = None
              ) -> Brief:
    """Return the brief the spec at path describes; every problem in it is one InputError.

    kept is the file where the models a load validates are kept for the next (see
    `kept_spec`); a one-spec program restores them from it when the spec differs only in
    free text."""
    path = Path(path)
    if not path.exists():
        raise spec_not_found(path)
    document = load_yaml(path, "spec")
    if not isinstance(document.data, dict):
        from .validation import describe

        got = describe(document.data)
        raise InputError([Diagnostic(document.locate(()), "",
                                     f"a spec must be a mapping of keys; got {got}",
                                     "start with 'title: ...', not '- '")])
    checker = _Checker(document)
    read = checker.read_theme(theme)
    if read is None:
        kept = None  # (no theme to validate, so none to keep)
    restored = kept_spec.restore(kept, document.data, read.data) if kept else None
    spec, loaded_theme = restored or (checker.validate(), checker.theme(read))
    datasets = checker.datasets(spec)
    checker.references(datasets, loaded_theme, spec)
    if checker.errors or spec is None or loaded_theme is None:
        raise InputError(sorted(checker.errors, key=_order))
    if kept and not restored:
        kept_spec.keep(kept, document.data, read.data, spec, loaded_theme)
    return Brief(spec, path, document, datasets, loaded_theme, sorted(checker.warnings,
                                                                      key=_order))


def theme_choice(data: dict[str, Any], override: str | None, folder: Path) -> tuple[Any, Path]:
    """Return the theme a spec uses and the folder a theme path in it is relative to.

    A --theme override wins and is relative to the working folder; else the spec's 'theme:'
    (default 'policy'), relative to the spec's folder.
    """
    if override:
        return override, Path.cwd()
    return data.get("theme", "policy"), folder


def _order(diagnostic: Diagnostic) -> tuple[str, int, int]:
    location = diagnostic.location
    return (str(location.path), location.line, location.column)


class _Checker:
    """Collects every problem of one spec."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.data: dict[str, Any] = document.data
        self.base = document.path.parent
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.theme_problems: list[Diagnostic] = []
        """What `read_theme` found wrong, reported by `theme` after the spec's own."""
        self.wrong_columns: set[tuple[str, str, str]] = set()
        """(dataset, column, what it should hold) of each wrong or empty cell reported: once,
        however many figures and tables use the column."""

    def error(self, tree_path: TreePath, message: str, hint: str | None = None,
              *, key: bool = False, location: Location | None = None) -> None:
        self.errors.append(Diagnostic(location or self.document.locate(tree_path, key=key),
                                      format_tree_path(tree_path), message, hint))

    def warn(self, tree_path: TreePath, message: str, hint: str | None = None) -> None:
        self.warnings.append(Diagnostic(self.document.locate(tree_path),
                                        format_tree_path(tree_path), message, hint,
                                        severity="warning"))

    def validate(self) -> Spec | None:
        from pydantic import ValidationError

        from .models import standins_chosen
        from .spec import Spec

        if standins_chosen():  # (see models.allow_standins: a one-spec process)
            raise RuntimeError("this process defined its models on stand-ins for a restored "
                               "spec; it cannot validate another")
        try:
            return Spec.model_validate(self.data)
        except ValidationError as exc:
            from .validation import model_diagnostics

            self.errors += model_diagnostics(Spec, exc, self.document)
            return None

    def datasets(self, validated: Spec | None) -> dict[str, Dataset]:
        """Return the spec's datasets that can be read; validated is the spec's model, if
        it validated."""
        result: dict[str, Dataset] = {}
        entries = self.data.get("data")
        if not isinstance(entries, dict):
            return result
        for name, entry in entries.items():
            if validated is not None:
                spec = validated.data[name]
            else:
                from .spec import DatasetSpec

                spec = _validated(DatasetSpec, entry)
            if spec is None:
                continue
            labels = {k: v.label for k, v in spec.columns.items() if v.label}
            try:
                if spec.file is not None:
                    result[name] = self._csv(name, spec, labels)
                else:
                    rows_path = ("data", name, "rows")
                    assert spec.rows is not None
                    locations = self._row_locations(rows_path, spec.rows)
                    result[name] = inline_dataset(
                        name, spec.rows, locations, source=spec.source, note=spec.note,
                        url=spec.url, labels=labels, origin=self.document.path)
            except InputError as exc:
                self.errors += exc.diagnostics
                continue
            for column in spec.columns:
                if column not in result[name].columns:
                    self._unknown_column(("data", name, "columns", column), result[name], column,
                                         key=True)
        return result

    def _row_locations(self, rows_path: TreePath, rows: list[dict[Any, Any]]
                       ) -> list[dict[str, Location]]:
        """Return where each cell of inline rows was written; a key a row leaves out (an
        empty cell) is located at the row."""
        header = row_header(rows)
        located = []
        for index, row in enumerate(rows):
            keys = {str(k): k for k in row}
            located.append({h: self.document.locate((*rows_path, index, keys[h]) if h in keys
                                                     else (*rows_path, index))
                            for h in header})
        return located

    def _csv(self, name: str, spec: DatasetSpec, labels: dict[str, str]) -> Dataset:
        assert spec.file is not None
        file = self.base / spec.file
        if not file.is_file():
            raise InputError([Diagnostic(
                self.document.locate(("data", name, "file")), f"data.{name}.file",
                f"data file not found: {spec.file!r} (looked for {file.resolve()})",
                "paths are relative to the spec's own folder")])
        return read_csv(name, file, source=spec.source, note=spec.note, url=spec.url,
                        labels=labels)

    def read_theme(self, override: str | None) -> MergedTheme | None:
        """Return the spec's theme file, merged over what it extends (None: a problem,
        reported by `theme`)."""
        before = len(self.errors)
        read = self._theme_file(override)
        self.theme_problems = self.errors[before:]
        del self.errors[before:]
        return read

    def _theme_file(self, override: str | None) -> MergedTheme | None:
        name, relative_to = theme_choice(self.data, override, self.base)
        if not isinstance(name, str):
            return None
        path = theme_path(name, relative_to)
        if not path.is_file():
            message, hint = unknown_theme(name, path)
            if override:
                self.error((), f"{message} (given with --theme)", hint,
                           location=Location(self.document.path))
            else:
                self.error(("theme",), message, hint)
            return None
        try:
            return read_theme(name, relative_to)
        except InputError as exc:
            self.errors += exc.diagnostics
            return None

    def theme(self, read: MergedTheme | None) -> Theme | None:
        """Return the theme read gives (None: a problem, or no theme read)."""
        self.errors += self.theme_problems
        if read is None:
            return None
        from .theme import validated_theme

        try:
            return validated_theme(read)
        except InputError as exc:
            self.errors += exc.diagnostics
            return None

    def references(self, datasets: dict[str, Dataset], theme: Theme | None,
                   validated: Spec | None) -> None:
        """Check what figures and tables name (datasets, columns, ids); validated is the
        spec's model, if it validated."""
        declared = self.data.get("data") if isinstance(self.data.get("data"), dict) else {}
        used: set[str] = set()
        ids: dict[str, TreePath] = {}
        sections = self.data.get("sections")
        for s, section in enumerate(sections if isinstance(sections, list) else []):
            if not isinstance(section, dict):
                continue
            self._unique_id(ids, section.get("id"), ("sections", s, "id"))
            blocks = section.get("blocks")
            for b, block in enumerate(blocks if isinstance(blocks, list) else []):
                if not isinstance(block, dict) or len(block) != 1:
                    continue
                (kind, body), = block.items()
                where = ("sections", s, "blocks", b, kind)
                if kind in ("figure", "table") and isinstance(body, dict):
                    self._unique_id(ids, body.get("id"), (*where, "id"))
                    name = body.get("data")
                    if isinstance(name, str):
                        used.add(name)
                        model = getattr(validated.sections[s].blocks[b], kind) \
                            if validated is not None else None
                        self._uses(where, body, kind, name, declared, datasets, theme, model)
                    if kind == "figure" and not body.get("alt"):
                        self.warn(where, "figure has no alt text",
                                  "add 'alt:' describing what the chart shows")
        for name in declared:
            if name not in used:
                self.warn(("data", name), f"dataset {name!r} is not used by any figure or "
                          "table", "remove it, or show it in a figure or table")

    def _unique_id(self, ids: dict[str, TreePath], value: Any, tree_path: TreePath) -> None:
        if not isinstance(value, str):
            return
        if value in ids:
            first = self.document.locate(ids[value])
            self.error(tree_path, f"duplicate id {value!r} (first used on line {first.line})",
                       "give every section, figure and table its own id")
        else:
            ids[value] = tree_path

    def _uses(self, where: TreePath, body: dict[str, Any], kind: str, name: str,
              declared: dict[str, Any], datasets: dict[str, Dataset], theme: Theme | None,
              model: Any) -> None:
        """Check a figure's or table's data; model is its validated options, if any."""
        if name not in declared:
            hint = did_you_mean(name, list(declared)) or (
                f"datasets: {one_of(list(declared))}" if declared else "declare it under 'data:'")
            self.error((*where, "data"), f"unknown dataset {name!r}", hint)
            return
        dataset = datasets.get(name)
        if dataset is None:
            return
        if not dataset.rows:
            self.error((*where, "data"), f"dataset {dataset.name!r} has no rows",
                       "add rows to the dataset")
            return
        if kind == "table":
            self._table_columns(where, body, dataset)
        else:
            self._figure_columns(where, body, dataset, theme, model)

    def _table_columns(self, where: TreePath, body: dict[str, Any], dataset: Dataset) -> None:
        columns = body.get("columns")
        for i, entry in enumerate(columns if isinstance(columns, list) else []):
            if isinstance(entry, str):
                self._column(( *where, "columns", i), dataset, entry, None)
            elif isinstance(entry, dict) and isinstance(entry.get("column"), str):
                needs = "number" if "decimals" in entry else None
                self._column((*where, "columns", i, "column"), dataset, entry["column"], needs)

    def _figure_columns(self, where: TreePath, body: dict[str, Any], dataset: Dataset,
                        theme: Theme | None, validated: FigureBase | None) -> None:
        """Check the columns a figure names against its dataset; validated is the figure's
        options, if the spec validated."""
        from .charts import CHARTS

        kind = CHARTS.get(body.get("chart"))  # type: ignore[arg-type]
        if kind is None:
            return
        wrong: dict[str, ColumnKind] = {}  # columns with a wrong cell, and what they need
        reported: set[str] = set()  # options whose problems are reported already
        missing = False
        for option, needs in kind.options.data_columns.items():
            value = body.get(option)
            names = value if isinstance(value, list) else [value]
            for i, column in enumerate(names):
                if not isinstance(column, str):
                    continue
                place = (*where, option, i) if isinstance(value, list) else (*where, option)
                missing = missing or column not in dataset.columns
                if not self._column(place, dataset, column, needs):
                    reported.add(option)
                    if needs is not None:
                        wrong[column] = needs
                elif needs == "number" and not kind.options.draws_gaps \
                        and not self._no_empty_cell(place, dataset, column, kind.name):
                    reported.add(option)
        if missing:
            return  # a chart over a column the data lacks cannot be checked further
        options = validated if validated is not None else _validated(kind.options, body)
        if options is None:
            return
        # the other options are still checked, against the data without its wrong cells
        errors = options.check(dataset.blanking(wrong))
        for option, message, hint in errors:
            if option not in reported:
                self.error((*where, option), message, hint)
        if theme is not None and not errors and not reported:  # warnings need data that draws
            for option, message, hint in [*options.colour_problems(len(theme.colors.palette)),
                                          *options.layout_problems(dataset, theme)]:
                self.warn((*where, option), message, hint)

    def _column(self, tree_path: TreePath, dataset: Dataset, column: str,
                needs: str | None) -> bool:
        if column not in dataset.columns:
            self._missing_column(tree_path, dataset, column)
            return False
        if needs and dataset.columns[column].kind != needs:
            found = dataset.first_not(column, needs)  # type: ignore[arg-type]
            where = format_tree_path(tree_path)
            if found is None:
                return True
            if not self._first_report(dataset, column, needs):
                return False
            row, value = found
            kind = "numbers" if needs == "number" else f"{needs}s (YYYY-MM-DD)"
            self.errors.append(Diagnostic(
                dataset.locate(row, column), f"{dataset.name}.{column}",
                f"expected {kind} in column {column!r} (used by {where}); got {value!r}",
                (_number_hint(value) if needs == "number" else None)
                or "fix the value, or name a column that holds " + kind))
            return False
        return True

    def _no_empty_cell(self, tree_path: TreePath, dataset: Dataset, column: str,
                       chart: str) -> bool:
        """Report the first empty cell of a number column a chart draws every row of."""
        for row, value in enumerate(dataset.values(column)):
            if value is None:
                if not self._first_report(dataset, column, "empty"):
                    return False
                self.errors.append(Diagnostic(
                    dataset.locate(row, column), f"{dataset.name}.{column}",
                    f"empty cell in column {column!r} (used by {format_tree_path(tree_path)}); "
                    f"a {chart} chart would show it as 0",
                    "fill in the value, or leave the row out of the data"))
                return False
        return True

    def _first_report(self, dataset: Dataset, column: str, problem: str) -> bool:
        """Return whether a problem of column (a wrong or an empty cell) is new, and note it."""
        key = (dataset.name, column, problem)
        new = key not in self.wrong_columns
        self.wrong_columns.add(key)
        return new

    def _unknown_column(self, tree_path: TreePath, dataset: Dataset, column: str,
                        *, key: bool = False) -> None:
        names = list(dataset.columns)
        origin = f" in {dataset.origin.name}" if dataset.origin else ""
        hint = did_you_mean(column, names) or f"columns{origin}: {one_of(names)}"
        self.error(tree_path, f"dataset {dataset.name!r} has no column {column!r}", hint, key=key)

    def _missing_column(self, tree_path: TreePath, dataset: Dataset, column: str) -> None:
        """Report a column the spec names but the dataset lacks.

        A near miss is most likely a typo in the spec, so it is reported there; otherwise
        the CSV header is what lacks the column, and the error points at it.
        """
        close = did_you_mean(column, list(dataset.columns))
        if close or dataset.origin is None or dataset.origin == self.document.path:
            self._unknown_column(tree_path, dataset, column)
            return
        needed_by = format_tree_path(tree_path)
        self.errors.append(Diagnostic(
            Location(dataset.origin, 1, 1), "header",
            f"no column {column!r}; {needed_by} needs it ({self.document.locate(tree_path)})",
            f"add the column to {dataset.origin.name}, or name one of "
            f"{one_of(list(dataset.columns))}"))


def _validated(model: type[Any], value: Any) -> Any:
    """Return value validated as model, or None if it is invalid: for the checks of a spec
    that did not validate as a whole."""
    from pydantic import ValidationError

    try:
        return model.model_validate(value)
    except ValidationError:
        return None


def _number_hint(value: Any) -> str | None:
    """Return how to write value as a plain number, if it is one written another way."""
    text = str(value).strip()
    if re.fullmatch(r"[+-]?\d+(\.\d+)?\s*%", text):
        return (f"write {text.rstrip('% ')} without the '%', and give the unit in the "
                "column's label or the chart's subtitle")
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text):
        return f"write {text.replace(',', '')} without thousands separators"
    return None
