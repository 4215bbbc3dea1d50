"""Font families the themes can name, as TrueType files that ship with our dependencies."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import BuildFailure


@dataclass(frozen=True)
class FontFamily:
    """The four TrueType faces of a family."""

    name: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    def faces(self) -> dict[str, Path]:
        """Return the faces keyed by 'regular', 'bold', 'italic', 'bold_italic'."""
        return {"regular": self.regular, "bold": self.bold, "italic": self.italic,
                "bold_italic": self.bold_italic}

    def stamps(self) -> list[tuple[str, int]]:
        """Return (file name, size) of each face: what caches key the installed files by."""
        return [(path.name, path.stat().st_size) for path in self.faces().values()]


@cache
def _package_dir(package: str) -> Path:
    found = importlib.util.find_spec(package)
    if found is None or not found.submodule_search_locations:
        raise BuildFailure(f"the font package {package!r} is not installed; "
                           "reinstall briefing with pip")
    return Path(next(iter(found.submodule_search_locations)))


def matplotlib_font(file_name: str) -> Path:
    """Return the path of one of the TrueType fonts that ship with matplotlib."""
    return _package_dir("matplotlib") / "mpl-data" / "fonts" / "ttf" / file_name


def _dejavu(stem: str, bold: str, italic: str, bold_italic: str) -> tuple[Path, ...]:
    return tuple(matplotlib_font(f"{name}.ttf") for name in (stem, bold, italic, bold_italic))


def _source(package: str, stem: str, italic: str) -> tuple[Path, ...]:
    folder = _package_dir(package) / "files"
    return tuple(folder / f"{stem}-{face}.ttf" for face in ("Regular", "Bold", italic,
                                                             "BoldIt"))


_FAMILIES = {
    "Source Sans Pro": lambda: _source("font_source_sans_pro", "SourceSansPro", "It"),
    "Source Serif Pro": lambda: _source("font_source_serif_pro", "SourceSerifPro", "It"),
    "DejaVu Sans": lambda: _dejavu("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique",
                                   "DejaVuSans-BoldOblique"),
    "DejaVu Serif": lambda: _dejavu("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic",
                                    "DejaVuSerif-BoldItalic"),
    "DejaVu Sans Mono": lambda: _dejavu("DejaVuSansMono", "DejaVuSansMono-Bold",
                                        "DejaVuSansMono-Oblique", "DejaVuSansMono-BoldOblique"),
}

FAMILY_NAMES = tuple(_FAMILIES)
FALLBACK_FAMILY = "DejaVu Sans"
"""Where characters a theme's families lack are set from, in text and in charts."""


def chart_font_name(path: Path) -> str:
    """Return the file name of the chart copy of the font at path (see `charts.draw`)."""
    return f"{path.stem}-{path.stat().st_size}.ttf"


@cache
def font_family(name: str) -> FontFamily:
    """Return the named family; the name must be one of FAMILY_NAMES."""
    regular, bold, italic, bold_italic = _FAMILIES[name]()
    return FontFamily(name, regular, bold, italic, bold_italic)


@dataclass(frozen=True)
class RegisteredFamily:
    """ReportLab font names of a registered family, and the characters its faces cover."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str
    coverage: frozenset[str]
    """The characters the regular face has a glyph for."""

    def covers(self, char: str) -> bool:
        """Return whether the family has a glyph for char."""
        return char in self.coverage


def face_names(name: str) -> dict[str, str]:
    """Return the ReportLab font names the family's faces get when registered."""
    stem = name.replace(" ", "")
    return {face: stem if face == "regular" else f"{stem}-{face}"
            for face in ("regular", "bold", "italic", "bold_italic")}


@cache
def register_family(name: str) -> RegisteredFamily:
    """Register the family's faces with ReportLab (once per process) and return their names."""
    from reportlab.pdfbase import pdfmetrics

    from .parsed_fonts import truetype

    family = font_family(name)
    names = face_names(name)
    coverage: frozenset[str] = frozenset()
    for face, path in family.faces().items():
        if not path.is_file():
            raise BuildFailure(f"font file missing: {path}; reinstall briefing with pip")
        font = truetype(names[face], path)
        pdfmetrics.registerFont(font)
        if face == "regular":
            coverage = frozenset(map(chr, font.face.charToGlyph))
    pdfmetrics.registerFontFamily(names["regular"], normal=names["regular"], bold=names["bold"],
                                  italic=names["italic"], boldItalic=names["bold_italic"])
    return RegisteredFamily(name, names["regular"], names["bold"], names["italic"],
                            names["bold_italic"], coverage)
