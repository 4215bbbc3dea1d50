"""The state layout shares while it walks a brief: styles, counters, anchors and glyph checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from reportlab.lib.colors import Color

from ..data import Dataset
from ..errors import Diagnostic, Location
from ..fonts import RegisteredFamily
from ..loader import Brief
from ..yamlsource import TreePath
from .styles import Styles
from .typography import smarten


def markup(text: str) -> str:
    """Return text escaped for ReportLab Paragraph markup, so that it prints literally."""
    return escape(text, quote=False)


def hex_color(color: Color) -> str:
    """Return a ReportLab colour as markup writes it: `#rrggbb`."""
    return color.hexval().replace("0x", "#")


def attribute(text: str) -> str:
    """Return text escaped for a double-quoted markup attribute."""
    return escape(text, quote=False).replace('"', "&quot;")


@dataclass(frozen=True)
class DataCell:
    """A cell of a dataset, as a place a warning points at."""

    location: Location
    name: str
    """How the warning names it: `dataset.column`."""

    @classmethod
    def at(cls, dataset: Dataset, row: int, column: str) -> DataCell:
        """Return the cell of dataset at (row, column)."""
        return cls(dataset.locate(row, column), f"{dataset.name}.{column}")


@dataclass
class Context:
    """Layout state of one brief."""

    brief: Brief
    styles: Styles
    anchors: set[str] = field(default_factory=set)
    figures: int = 0
    tables: int = 0
    section_key: str = ""
    subheadings: int = 0
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    cited: dict[str, list[str]] = field(default_factory=dict)
    _warned: set[tuple[TreePath | DataCell, str]] = field(default_factory=set)

    def text(self, text: str, where: TreePath | DataCell,
             font: RegisteredFamily | None = None) -> str:
        """Return text as Paragraph markup; characters the font lacks are warned about once and
        set in the fallback font when it has them. Prose (any font but the monospaced one)
        gets typographic quotes and dashes."""
        font = font or self.styles.body_font
        if font.family != self.styles.mono_family:
            text = smarten(text)
        missing = self.missing(text, where, font)
        if not missing:
            return markup(text)
        fallback = self.styles.fallback_font
        parts = []
        for char in text:
            if char in missing and fallback.covers(char):
                parts.append(f'<font name="{fallback.regular}">{markup(char)}</font>')
            else:
                parts.append(markup(char))
        return "".join(parts)

    def missing(self, text: str, where: TreePath | DataCell, font: RegisteredFamily
                ) -> set[str]:
        """Return the characters of text the font has no glyph for, warning about each once
        at where (a place in the spec, or a cell of a dataset)."""
        missing = {c for c in set(text) - font.coverage if c.isprintable() and not c.isspace()}
        for char in sorted(missing):
            if (where, char) in self._warned:
                continue
            self._warned.add((where, char))
            fallback = self.styles.fallback_font
            hint = (f"it is set in {fallback.family} instead" if fallback.covers(char)
                    else "no bundled font has it: it prints as an empty box; replace it")
            message = f"character {char!r} (U+{ord(char):04X}) has no glyph in {font.family}"
            if isinstance(where, DataCell):
                self.brief.warnings.append(Diagnostic(where.location, where.name, message, hint,
                                                      severity="warning"))
            else:
                self.brief.warn(where, message, hint)
        return missing

    def cite(self, dataset: str, label: str) -> None:
        """Record that label (e.g. 'Figure 2') uses the dataset, for the Sources section."""
        self.cited.setdefault(dataset, []).append(label)

    def link_target(self, href: str, where: TreePath) -> str | None:
        """Return the href to put in markup, or None (with a warning) for an unknown #anchor."""
        if href.startswith("#"):
            if href[1:] in self.anchors:
                return href
            self.brief.warn(where, f"link to unknown id {href!r}",
                            "link to the id of a section, figure or table")
            return None
        return href
