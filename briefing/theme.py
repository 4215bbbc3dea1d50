"""Themes: page geometry, fonts, colours and type scale, validated from the theme files
(`theme_files`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from .errors import InputError
from .fonts import FAMILY_NAMES
from .models import BaseModel, ConfigDict, Field, model_validator
from .theme_files import MergedTheme, read_theme

MM = 72 / 25.4
PAGE_SIZES = {"A4": (210 * MM, 297 * MM), "Letter": (612.0, 792.0)}

FontName = Literal[FAMILY_NAMES]  # type: ignore[valid-type]
COLOR_PATTERN = r"^#[0-9A-Fa-f]{6}$"
Color = Annotated[str, Field(pattern=COLOR_PATTERN)]
"""A colour as #RRGGBB: what ReportLab, matplotlib and the PDF all read the same way."""
Margin = Annotated[float, Field(ge=0, le=80)]
TextSize = Annotated[float, Field(ge=4, le=24)]
DisplaySize = Annotated[float, Field(ge=4, le=72)]


class ThemeModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Page(ThemeModel):
    size: Literal["A4", "Letter"] = Field("A4", description="Paper size.")
    top: Margin = Field(24.0, description="Top margin in mm.")
    bottom: Margin = Field(22.0, description="Bottom margin in mm.")
    inner: Margin = Field(22.0, description="Left margin in mm.")
    outer: Margin = Field(22.0, description="Right margin in mm.")
    columns: Literal[1, 2] = Field(1, description="Body text columns.")
    gap: float = Field(7.0, ge=0, le=30, description="Gap between columns in mm.")

    @property
    def text_width(self) -> float:
        """Return the width between the page margins in points."""
        return PAGE_SIZES[self.size][0] - (self.inner + self.outer) * MM

    @property
    def frame_width(self) -> float:
        """Return the width of one body column in points."""
        return (self.text_width - self.gap * MM * (self.columns - 1)) / self.columns

    @property
    def frame_height(self) -> float:
        """Return the height of a body column in points."""
        return PAGE_SIZES[self.size][1] - (self.top + self.bottom) * MM

    @model_validator(mode="after")
    def _room_for_text(self) -> Page:
        if self.frame_width < 60 * MM or self.frame_height < 120 * MM:
            raise ValueError(f"the margins leave too little of the {self.size} page for text "
                             "(at least 60 mm across each column and 120 mm down)")
        return self


class Fonts(ThemeModel):
    body: FontName = Field("Source Sans Pro", description="Family of body text.")
    heading: FontName = Field("Source Sans Pro", description="Family of headings and cover.")
    mono: FontName = Field("DejaVu Sans Mono", description="Family of inline code.")
    chart: FontName = Field("Source Sans Pro", description="Family of chart text.")


class Sizes(ThemeModel):
    body: TextSize = Field(10.0, description="Body text size in points.")
    leading: float = Field(1.38, ge=1, le=3, description="Line height as a multiple of the size.")
    small: TextSize = Field(8.0, description="Captions, sources, notes, chart text.")
    h1: DisplaySize = Field(16.0, description="Section headings.")
    h2: DisplaySize = Field(12.0, description="Subheadings.")
    h3: TextSize = Field(10.5, description="Minor headings.")
    title: DisplaySize = Field(28.0, description="Title on the cover.")
    subtitle: DisplaySize = Field(14.0, description="Subtitle on the cover.")
    key_figure: DisplaySize = Field(22.0, description="Values on stat cards.")
    space: float = Field(6.0, ge=0, le=36, description="Space between paragraphs in points.")


class Colors(ThemeModel):
    text: Color = Field("#1d2733", description="Body text.")
    muted: Color = Field("#5b6775", description="Captions, sources, secondary labels.")
    accent: Color = Field("#0b4f8a", description="Headings, rules, the cover band.")
    highlight: Color = Field("#d0582a", description="The one highlight colour in charts.")
    tint: Color = Field("#edf2f8", description="Background of boxes and zebra rows.")
    rule: Color = Field("#c5cfdb", description="Hairlines and grid lines.")
    palette: list[Color] = Field(
        default_factory=lambda: ["#0b4f8a", "#6b8fb5", "#a9bdd3", "#44546a", "#8a9bb0"],
        min_length=1, description="Muted series colours, most important first.")


class ChartStyle(ThemeModel):
    line_width: float = Field(1.6, gt=0, le=6, description="Line width of line charts in points.")
    axis_width: float = Field(0.6, ge=0, le=3, description="Axis and tick width in points.")
    bar_width: float = Field(0.62, gt=0, le=1,
                             description="Bar width as a fraction of the category step.")
    grid: bool = Field(True, description="Light value-axis grid lines.")


class Cover(ThemeModel):
    style: Literal["band", "plain"] = Field(
        "band", description="'band': title on a full-width band of colour; 'plain': title on "
        "white under an accent rule.")
    band: Color | None = Field(None, description="Colour of the band; defaults to the accent.")
    band_text: Color = Field("#ffffff", description="Text colour on the band.")


class Theme(ThemeModel):
    """A resolved theme; every value has a default, so a theme file gives only what differs."""

    name: str = Field("policy", description="Theme name.")
    extends: str | None = Field(None, description="Theme this one starts from.")
    page: Page = Field(default_factory=Page)
    fonts: Fonts = Field(default_factory=Fonts)
    sizes: Sizes = Field(default_factory=Sizes)
    colors: Colors = Field(default_factory=Colors)
    chart: ChartStyle = Field(default_factory=ChartStyle)
    cover: Cover = Field(default_factory=Cover)

    @property
    def page_size(self) -> tuple[float, float]:
        """Return (width, height) of the page in points."""
        return PAGE_SIZES[self.page.size]

    @property
    def frame_width(self) -> float:
        """Return the width of one body column in points."""
        return self.page.frame_width

    @property
    def frame_height(self) -> float:
        """Return the height of a body column in points."""
        return self.page.frame_height

    @property
    def text_width(self) -> float:
        """Return the width between the page margins in points."""
        return self.page.text_width


def load_theme(name: str, relative_to: Path | None = None) -> Theme:
    """Return the theme, with what it extends merged under it; bad themes are InputErrors."""
    return validated_theme(read_theme(name, relative_to))


def validated_theme(merged: MergedTheme) -> Theme:
    """Return the theme a read theme file gives; a bad one is an InputError."""
    from pydantic import ValidationError

    try:
        return Theme.model_validate(merged.data)
    except ValidationError as exc:
        from .validation import model_diagnostics

        raise InputError(model_diagnostics(Theme, exc, merged)) from None
