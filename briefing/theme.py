"""Themes: page geometry, fonts, colours and type scale, read from YAML with `extends:`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import Diagnostic, InputError, Location, did_you_mean, one_of
from .fonts import FAMILY_NAMES
from .resources import themes_dir
from .yamlsource import TreePath, YamlDocument, load_yaml

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
    top: Margin = Field(24, description="Top margin in mm.")
    bottom: Margin = Field(22, description="Bottom margin in mm.")
    inner: Margin = Field(22, description="Left margin in mm.")
    outer: Margin = Field(22, description="Right margin in mm.")
    columns: Literal[1, 2] = Field(1, description="Body text columns.")
    gap: float = Field(7, ge=0, le=30, description="Gap between columns in mm.")

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
    body: TextSize = Field(10, description="Body text size in points.")
    leading: float = Field(1.38, ge=1, le=3, description="Line height as a multiple of the size.")
    small: TextSize = Field(8, description="Captions, sources, notes, chart text.")
    h1: DisplaySize = Field(16, description="Section headings.")
    h2: DisplaySize = Field(12, description="Subheadings.")
    h3: TextSize = Field(10.5, description="Minor headings.")
    title: DisplaySize = Field(28, description="Title on the cover.")
    subtitle: DisplaySize = Field(14, description="Subtitle on the cover.")
    key_figure: DisplaySize = Field(22, description="Values on stat cards.")
    space: float = Field(6, ge=0, le=36, description="Space between paragraphs in points.")


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


def names_a_file(name: str) -> bool:
    """Return whether a theme is given by its file's path rather than by a shipped name."""
    return name.endswith((".yaml", ".yml")) or "/" in name


def theme_path(name: str, relative_to: Path | None) -> Path:
    """Return the file of a theme given by name or by a path (relative to relative_to)."""
    if names_a_file(name):
        path = Path(name)
        return path if path.is_absolute() or relative_to is None else relative_to / path
    return themes_dir() / f"{name}.yaml"


def theme_names() -> list[str]:
    """Return the names of the shipped themes."""
    return sorted(p.stem for p in themes_dir().glob("*.yaml"))


def load_theme(name: str, relative_to: Path | None = None) -> Theme:
    """Return the theme, with what it extends merged under it; bad themes are InputErrors."""
    merged = _merged(theme_path(name, relative_to), seen=())
    try:
        return Theme.model_validate({**merged.data, "name": merged.data.get("name", name)})
    except ValidationError as exc:
        from .validation import model_diagnostics

        raise InputError(model_diagnostics(Theme, exc, merged)) from None


@dataclass
class _MergedTheme(YamlDocument):
    """A theme file with the themes it extends merged under it.

    data is the merged data; locate() finds each node in the file that wrote it (the most
    derived one, as that is the value the merge keeps), so that a problem in a theme that
    is extended is reported in that theme's file.
    """

    layers: tuple[YamlDocument, ...] = ()
    """The theme files, the one given first, then what it extends, and so on."""

    def locate(self, tree_path: TreePath, *, key: bool = False) -> Location:
        """Return the location of the value (or key) at tree_path, or of its nearest parent."""
        probe = tuple(tree_path)
        while probe:
            for layer in self.layers:
                if probe in layer.value_marks:
                    return layer.locate(tree_path, key=key)
            probe = probe[:-1]
        return self.layers[0].locate((), key=key)  # _merged makes at least one layer


def _merged(path: Path, seen: tuple[Path, ...]) -> _MergedTheme:
    document = load_yaml(path, "theme")
    if not isinstance(document.data, dict):
        raise InputError([Diagnostic(document.locate(()), "", "a theme must be a mapping", None)])
    parent = document.data.get("extends")
    if parent is None:
        return _MergedTheme(document.path, document.data, layers=(document,))
    parent_path = theme_path(str(parent), path.parent)
    chain = (*seen, path.resolve())
    if parent_path.resolve() in chain:
        loop = " → ".join(p.name for p in (*chain, parent_path.resolve()))
        raise InputError([Diagnostic(document.locate(("extends",)), "extends",
                                     f"themes extend each other in a loop: {loop}",
                                     "make one of them extend a shipped theme instead")])
    if not parent_path.exists():
        raise InputError([Diagnostic(document.locate(("extends",)), "extends",
                                     *unknown_theme(str(parent), parent_path))])
    base = _merged(parent_path, chain)
    return _MergedTheme(document.path, _deep_merge(base.data, document.data),
                       layers=(document, *base.layers))


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _deep_merge(result[key], value)
        else:
            result[key] = value
    return result


def unknown_theme(name: str, path: Path) -> tuple[str, str]:
    """Return the message and hint for a theme that names no file: a path, or a name."""
    if names_a_file(name):
        return (f"theme file {str(path)!r} not found",
                "check the path: it is relative to the spec or theme that names it "
                "(to the current folder for --theme)")
    return f"unknown theme {name!r}", theme_hint(name)


def theme_hint(name: str) -> str:
    """Return the hint for an unknown theme name: the closest shipped one, or all of them."""
    names = theme_names()
    return did_you_mean(name, names) or f"shipped themes: {one_of(names)}"
