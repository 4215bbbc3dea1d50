"""Paragraphs that remember their line breaks."""

from __future__ import annotations

from reportlab.platypus import Paragraph as _ReportLabParagraph


class Paragraph(_ReportLabParagraph):
    """A ReportLab Paragraph that keeps the line breaks of the last width it was wrapped at.

    Keep-with-next groups, floats and frame fitting wrap most paragraphs three times or more
    at the same width; breaking lines is most of the layout's time, and its result depends
    on the width alone (not the available height), so it is computed once.
    """

    _breaks: tuple[float, float, list[float], object, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        breaks = self._breaks
        if breaks is not None and breaks[0] == availWidth:
            _, self.width, self._wrapWidths, self.blPara, self.height = breaks
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        if hasattr(self, "blPara"):
            self._breaks = (availWidth, self.width, self._wrapWidths, self.blPara, self.height)
        return size
