"""The registry of chart kinds, filled by `@chart` in each chart module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..data import ColumnKind, Dataset

Problem = tuple[str, str, str | None]
"""(option name, message, hint) for a chart whose options do not fit its data."""


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
    aspect: float = Field(0.5, gt=0.1, le=3, description="Height of the chart as a fraction of "
                          "its width.")

    data_columns: ClassVar[dict[str, ColumnKind | None]] = {}
    """Options that name dataset columns, with the kind of column each needs (None: any)."""

    def check(self, dataset: Dataset) -> list[Problem]:
        """Return problems with how these options fit the dataset (beyond column kinds)."""
        return []


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


def kind_literal(name: str) -> Any:
    """Return the Literal type for a chart kind's `chart:` field."""
    return Literal[name]  # type: ignore[valid-type]
