"""A time axis that says which year it is: ticks at whole months or years for data written
to the month, and the year beside the first month named and the first of each new year; an
axis of one date shows that date in full, a month or a day either side.

Imported only while drawing, after `mpl.import_matplotlib`.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import matplotlib.dates as mdates

from ..data import Month

_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
"""Months between ticks on an axis of monthly data: the first that fits is used."""


def date_axis(axis: Any, values: list[dt.date], room: int) -> None:
    """Put at most room ticks on axis (a matplotlib x axis) for the dates in values."""
    if values and all(isinstance(value, Month) for value in values):
        locator = _month_locator(min(values), max(values), room)
    else:
        locator = mdates.AutoDateLocator(maxticks=max(3, min(8, room)))
    axis.set_major_locator(locator)
    axis.set_major_formatter(DatedFormatter(locator, show_offset=False))


def one_date_axis(axes: Any, value: dt.date) -> None:
    """Centre the x axis of axes on its one date, ticked and written in full there ('Mar
    2024', '1 Mar 2024'), a month or a day either side: matplotlib would span four years."""
    from matplotlib.ticker import FixedLocator, FuncFormatter

    if isinstance(value, Month):
        before = dt.date(value.year - (value.month == 1), (value.month - 2) % 12 + 1, 1)
        after = dt.date(value.year + (value.month == 12), value.month % 12 + 1, 1)
        label = f"{value:%b %Y}"
    else:
        before, after = value - dt.timedelta(days=1), value + dt.timedelta(days=1)
        label = f"{value.day} {value:%b %Y}"
    axes.set_xlim(before, after)
    axes.xaxis.set_major_locator(FixedLocator([mdates.date2num(value)]))
    axes.xaxis.set_major_formatter(FuncFormatter(lambda *_: label))


def _month_locator(first: dt.date, last: dt.date, room: int) -> Any:
    months = (last.year - first.year) * 12 + last.month - first.month
    step = next((s for s in _MONTH_STEPS if math.ceil(months / s) + 1 <= max(room, 2)), None)
    if step is None:  # centuries of months: matplotlib picks years that fit
        return mdates.AutoDateLocator(maxticks=max(3, room))
    if step >= 12:
        return mdates.YearLocator(base=step // 12)
    return mdates.MonthLocator(bymonth=range(1, 13, step), bymonthday=1)


class DatedFormatter(mdates.ConciseDateFormatter):
    """matplotlib's concise labels ('Nov', '15', '2025'), with the year added where no
    label would tell it (an axis within one year, or days across a new year)."""

    def format_ticks(self, values: Any) -> list[str]:
        labels = super().format_ticks(values)
        return dated_labels(labels, [mdates.num2date(v).date() for v in values])


def dated_labels(labels: list[str], dates: list[dt.date]) -> list[str]:
    """Add its year to the first month label, and to the first of each later year, unless a
    label of that year shows it already; write days without a leading zero ('8', not '08',
    which reads as a month)."""
    shown: int | None = None
    dated = []
    for label, date in zip(labels, dates, strict=True):
        if label.isdigit() and len(label) == 2 and label.startswith("0"):
            label = label[1:]  # a day: years have four digits
        if str(date.year) in label:
            shown = date.year
        elif date.year != shown and label and not label.isdigit():  # a month, not a day
            label, shown = f"{label} {date.year}", date.year
        dated.append(label)
    return dated
