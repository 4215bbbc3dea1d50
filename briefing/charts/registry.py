"""The registry of chart kinds, filled by `@chart` in each chart module."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from ..data import ColumnKind, Dataset
from ..models import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from ..theme import Theme

Problem = tuple[str, str, str | None]
"""(option name, message, hint) for a chart whose options do not fit its data."""


ASPECT_MOST = 3
"""The most a chart's aspect may be."""


class FigureBase(BaseModel):
    """Options every figure has, whatever its chart kind."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, description="Unique id of the figure, for links and tests.")
    chart: str = Field(description="Chart kind; `briefing charts` lists them.")
    data: str = Field(description="Name of the dataset (a key under `data:`) the chart draws.")
    title: str = Field(description="Title stating the finding, e.g. 'Pakistan spends least "
                       "on R&D'.")
    subtitle: str | None = Field(None, description="The measure and its unit, e.g. '% of GDP'.")
    caption: str | None = Field(None, description="Caption under the figure (Markdown).")
    alt: str | None = Field(None, description="Alternative text describing the chart for readers "
                            "who cannot see it. Missing alt text is a warning.")
    source: str | None = Field(None, description="Source line; defaults to the dataset's source.")
    note: str | None = Field(None, description="Note under the figure, e.g. how a number was "
                             "derived.")
    aspect: float | None = Field(None, gt=0.1, le=ASPECT_MOST, description="Height of the "
                                 "chart as a fraction of its width; empty: the height its "
                                 "content needs (rows, events, labels) at the width of the "
                                 "theme's frame.")

    data_columns: ClassVar[dict[str, ColumnKind | None]] = {}
    """Options that name dataset columns, with the kind of column each needs (None: any)."""
    labelled_columns: ClassVar[tuple[str, ...]] = ()
    """Options whose columns the chart names by their labels (in a legend, beside a line)."""
    draws_gaps: ClassVar[bool] = False
    """Whether an empty cell in a number column is drawn as a gap; if not, it is an error
    (a bar, slice or square of nothing would read as 0)."""
    max_aspect: ClassVar[float] = 0.9
    """The most height of a chart sized by its content, as a fraction of its width."""

    def column_names(self) -> list[str]:
        """Return the dataset columns the chart draws, each once, in the options' order."""
        return self._columns(self.data_columns)

    def labelled_column_names(self) -> list[str]:
        """Return the dataset columns whose labels the chart draws."""
        return self._columns(self.labelled_columns)

    def _columns(self, options: Iterable[str]) -> list[str]:
        names: list[str] = []
        for option in options:
            value = getattr(self, option)
            names += [value] if isinstance(value, str) else list(value or ())
        return list(dict.fromkeys(names))

    def check(self, dataset: Dataset) -> list[Problem]:
        """Return problems with how these options fit the dataset (beyond column kinds)."""
        if not dataset.rows:
            return [("data", f"dataset {dataset.name!r} has no rows", "add rows to the dataset")]
        return self.row_problems(dataset)

    def row_problems(self, dataset: Dataset) -> list[Problem]:
        """Return problems with how these options fit a dataset that has rows."""
        return []

    def colour_problems(self, colours: int) -> list[Problem]:
        """Return a problem if the chart draws more series in their own colours than a
        palette of that many colours tells apart (a warning: it still draws)."""
        series = getattr(self, "y", None)
        if not isinstance(series, list) or len(series) <= colours \
                or getattr(self, "highlight", None):
            return []
        hint = ("highlight the series that matter (the others are drawn muted), or split the "
                "chart" if "highlight" in type(self).model_fields else
                "split the chart, or add colours to the theme's palette")
        return [("y", f"{len(series)} series but the theme's palette has {colours} colours: "
                 f"series {colours + 1} and 1 share a colour", hint)]

    def aspect_problems(self, dataset: Dataset, theme: Theme) -> list[Problem]:
        """Return a problem if the chart's aspect leaves its content well under the height it
        needs (a warning: it still draws, its text crowded or overprinting)."""
        if self.aspect is None or not dataset.rows:
            return []
        width = theme.frame_width
        return self.aspect_problems_for(self.needed_height(dataset, width, theme), width)

    def aspect_problems_for(self, need: float, width: float) -> list[Problem]:
        """Return `aspect_problems`' problem for a chart with an aspect, width points wide,
        whose content needs need points of height."""
        assert self.aspect is not None
        given = width * self.aspect
        if given >= ASPECT_LEAST * need:
            return []
        raised = min(need / width, ASPECT_MOST)
        if need <= width * self.max_aspect:
            hint = f"raise it to {raised:.2f}, or leave it out and the chart is as tall as " \
                "its content needs"
        elif raised < need / width:
            hint = f"raise it to {raised:g}, the most it can be, or show less in the chart"
        else:  # without an aspect the chart would stop at max_aspect
            hint = f"raise it to {raised:.2f}"
        return [("aspect", f"aspect {self.aspect:g} makes the chart {given:.0f}pt tall, "
                 f"{given / need:.0%} of the {need:.0f}pt its content needs: its text may "
                 "crowd or overprint", hint)]

    def layout_problems(self, dataset: Dataset, theme: Theme) -> list[Problem]:
        """Return problems with what the chart can show of this data in theme (warnings: it
        still draws, leaving something out or laid out as best it can): here the aspect's
        problem, if any, which a kind that plans its own layout gives in its place."""
        return self.aspect_problems(dataset, theme)

    def height(self, dataset: Dataset | None, width: float, theme: Theme) -> float:
        """Return the chart's height in points when drawn width points wide in theme.

        `width * aspect` when aspect is given; otherwise the height the chart's content needs
        (see natural_height), between MIN_HEIGHT and max_aspect × width. Computed by
        arithmetic, without matplotlib: the layout and the chart cache need it before drawing.
        """
        if self.aspect is not None:
            return aspect_height(width, self.aspect)
        if dataset is None or not dataset.rows:
            natural = proportional(width, 0.5, 120, 220)
        else:
            natural = self.needed_height(dataset, width, theme)
        return self.height_without_aspect(natural, width)

    def height_without_aspect(self, need: float, width: float) -> float:
        """Return the height of the chart without an aspect when its content needs need
        points of height at width points wide."""
        return round(min(self.tallest_sized(width), max(MIN_HEIGHT, need)), 1)

    def tallest_sized(self, width: float) -> float:
        """Return the most height of the chart sized by its content at width, in points."""
        return max(MIN_HEIGHT, width * self.max_aspect)

    def needed_height(self, dataset: Dataset, width: float, theme: Theme) -> float:
        """Return the height the chart's content needs, its numbers printed as drawn."""
        from .options import printed  # (which imports this module)

        return printed(self, dataset).natural_height(dataset, width, theme.sizes.small, theme)

    def natural_height(self, dataset: Dataset, width: float, size: float, theme: Theme
                       ) -> float:
        """Return the height the chart's content needs; size is the chart text size."""
        return proportional(width, 0.5, 120, 220)


def all_zero_problems(option: str, columns: list[str], dataset: Dataset) -> list[Problem]:
    """Return a problem at option if every number in the dataset's columns is 0 (a chart of
    them shows nothing to compare)."""
    numbers = [value for column in columns if column in dataset.columns
               for value in dataset.values(column) if isinstance(value, (int, float))]
    if not numbers or any(numbers):
        return []
    what = f"column {columns[0]!r}" if len(columns) == 1 else \
        f"columns {', '.join(map(repr, columns))}"
    return [(option, f"every value of {what} is 0: the chart shows nothing to compare",
             "check the data; if it is all 0, say so in the text rather than in a chart")]


ASPECT_LEAST = 0.6
"""The least share of the height a chart's content needs that a given aspect may leave it
without a warning."""

MIN_HEIGHT = 60.0
"""The least height of a chart sized by its content, in points."""


def proportional(width: float, share: float, least: float, most: float) -> float:
    """Return share × width, kept between least and most points."""
    return max(least, min(most, width * share))


WIDTH_MARGIN = 1.005
"""How much wider than its advances `text_width` makes text: a little on the safe side, so
that what is laid out by it fits as drawn. Over the ~1,000 labels of the shipped specs and
data, matplotlib sets the Source families' text within 0.17% of their advances either way
(its rounding to 1/64 of a pixel; they have no `kern` table, so it kerns nothing), and the
kerning it applies for DejaVu only narrows text (by up to 8%: 'Yes'). A wider margin buys
no safety and moves the layouts further from the text they lay out."""


def text_width(text: str, size: float, font: str, bold: bool = False) -> float:
    """Return how wide text's longest line is in points at size, set in the chart font
    family font (a theme's `fonts.chart`), bold or regular: the sum of its characters'
    advances (see `metrics`), WIDTH_MARGIN wider. No matplotlib needed."""
    from .metrics import line_ems

    longest = max((line_ems(line, font, bold) for line in text.split("\n")), default=0.0)
    return longest * size * WIDTH_MARGIN


def text_height(lines: int, size: float, linespacing: float = 1.2) -> float:
    """Return the height in points of lines of text at size, as matplotlib sets them."""
    return max(1, lines) * size * linespacing


def text_box(text: str, size: float, font: str, bold: bool = False,
             linespacing: float = 1.2) -> tuple[float, float]:
    """Return the (width, height) in points of text, its lines linespacing apart, set at size
    in the chart font family font (see text_width and text_height)."""
    return text_width(text, size, font, bold), text_height(text.count("\n") + 1, size,
                                                           linespacing)


def aspect_height(width: float, aspect: float) -> float:
    """Return the height of a chart width points wide at aspect (rounded, so that it reads
    back the same from the page)."""
    return round(width * aspect, 4)


Draw = Callable[[Any, Any, Dataset, Any], None]


@dataclass(frozen=True)
class ChartKind:
    """A registered chart kind: its options model, its drawing function and an example."""

    name: str
    options: type[FigureBase]
    draw: Draw
    summary: str
    example: dict[str, Any]


CHARTS: dict[str, ChartKind] = {}


def chart(options: type[FigureBase], summary: str, example: dict[str, Any]
          ) -> Callable[[Draw], Draw]:
    """Register draw as the drawing function of the chart kind named by options.chart."""
    annotation = options.model_fields["chart"].annotation
    (name,) = getattr(annotation, "__args__", (None,))

    def register(draw: Draw) -> Draw:
        CHARTS[name] = ChartKind(name, options, draw, summary, example)
        return draw

    return register
