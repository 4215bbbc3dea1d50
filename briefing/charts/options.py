"""Options shared by several chart kinds: number formats, highlights, reference lines."""

from __future__ import annotations

from typing import Annotated, Any

from ..data import Dataset, Value
from ..models import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from .registry import Problem


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Names = Annotated[
    list[str], BeforeValidator(_as_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]
"""A name or a list of names, always a list once validated."""


class Marker(BaseModel):
    """A labelled line across the chart at one value."""

    model_config = ConfigDict(extra="forbid")

    value: float = Field(description="Where the line is drawn, in the units of the values.")
    label: str = Field(description="Text beside the line, e.g. 'International average, 100 Mbps'.")


class NumberFormat(BaseModel):
    """How a chart prints its values."""

    decimals: int | None = Field(None, ge=0, le=6, description="Decimal places of printed "
                                 "values; empty: those the data needs, the same for all its "
                                 "values, at most two unless all are below 1. Axis ticks "
                                 "print only the places they need.")
    prefix: str = Field("", description="Text before every printed value, e.g. '$'.")
    suffix: str = Field("", description="Text after every printed value, e.g. '%' or ' Mbps'.")

    def format_value(self, value: float | int | None, decimals: int | None = None) -> str:
        """Return value as printed on the chart: with `decimals` places if given, else the
        chart's `decimals`, else as typed up to two places (three significant digits below
        1), so a computed share prints "33.33", not "33.3333". Negatives take a minus sign
        before the prefix ("−$5")."""
        if value is None:
            return ""
        digits = _digits(abs(value), self.decimals if decimals is None else decimals)
        sign = "\N{MINUS SIGN}" if value < 0 and digits.strip("0.,") else ""
        return f"{sign}{self.prefix}{digits}{self.suffix}"


def printed(options: Any, dataset: Dataset) -> Any:
    """Return a chart's options with the decimal places its values need between them, where
    it gives none: '20.01', '19.90' and '19.88', not '19.9' beside '19.88' (at most two,
    unless every value is below 1)."""
    if not isinstance(options, NumberFormat) or options.decimals is not None:
        return options
    numbers = [name for name, kind in options.data_columns.items() if kind == "number"]
    values = [abs(v) for option in numbers for name in _names(getattr(options, option))
              if name in dataset.columns
              for v in dataset.values(name) if isinstance(v, int | float) and v == v]
    if not values:
        return options
    places = max(len(_digits(v, None).partition(".")[2]) for v in values)
    return options.model_copy(update={"decimals": places if max(values) < 1 else min(places, 2)})


def _names(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value or ())


def _digits(value: float, places: int | None) -> str:
    """Return a value ≥ 0 written out with places decimals (halves rounded up, as an editor
    rounds: 1.125 to 1.13), else as few as it needs."""
    if places is not None:
        from decimal import ROUND_HALF_UP, Decimal

        return format(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places),
                                                          rounding=ROUND_HALF_UP), f",.{places}f")
    if float(value).is_integer():
        return f"{int(value):,}"
    if value >= 1:
        return _digits(value, 2).rstrip("0").rstrip(".") if value < 1e6 else _digits(value, 0)
    from decimal import Decimal  # a small share written out, never as 3e-05

    return format(Decimal(f"{value:.3g}"), "f")


def tick_decimals(values: list[float]) -> int:
    """Return the fewest decimal places that print every tick value exactly."""
    return next((places for places in range(7)
                 if all(abs(round(v, places) - v) <= 1e-9 * max(1.0, abs(v)) for v in values)),
                6)


def category(value: Value) -> str:
    """Return a category cell as text."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def categories(dataset: Dataset, column: str) -> list[str]:
    """Return the column's cells as category names."""
    return [category(v) for v in dataset.values(column)]


def font_weights(names: list[str], highlight: list[str]) -> list[str]:
    """Return the font weight of each name's text: bold if highlighted."""
    return ["bold" if name in highlight else "normal" for name in names]


def highlight_problems(names: list[str], known: list[str], what: str = "category"
                       ) -> list[Problem]:
    """Return a problem for every highlighted name that is not one of the known names."""
    from ..errors import did_you_mean, one_of

    problems: list[Problem] = []
    for name in names:
        if name not in known:
            hint = did_you_mean(name, known) or f"{what} names: {one_of(known[:12])}"
            problems.append(("highlight", f"highlight {name!r} names no {what} of the chart",
                             hint))
    return problems

