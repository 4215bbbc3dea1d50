"""The drawn chart: a one-page vector PDF, its size and its alt text."""

from __future__ import annotations

import hashlib
from concurrent.futures import Future


class Chart:
    """A chart: a one-page vector PDF of exactly width × height points, and its alt text.

    The size is known before the chart is drawn, so layout can run while a worker process
    still draws it: `pdf` may be given as a Future, and reading `pdf` waits for it. `key`
    names the chart's inputs (its cache key); the PDF form it becomes is named after it, so
    a document's bytes never depend on whether or when a chart was drawn.
    """

    __slots__ = ("_pdf", "width", "height", "alt", "key")

    def __init__(self, pdf: bytes | Future[bytes], width: float, height: float, alt: str,
                 key: str | None = None) -> None:
        self._pdf = pdf
        self.width = width
        self.height = height
        self.alt = alt
        if key is None:
            key = hashlib.sha256(self.pdf).hexdigest()
        self.key = key

    @property
    def pdf(self) -> bytes:
        """Return the chart's PDF, waiting for its worker when it is still being drawn."""
        if isinstance(self._pdf, Future):
            self._pdf = self._pdf.result()
        return self._pdf

    @property
    def ready(self) -> bool:
        """Return whether the PDF is there (drawn or failed) without waiting."""
        return not isinstance(self._pdf, Future) or self._pdf.done()

    def cancel(self) -> None:
        """Give up on a chart still waiting for a worker (nothing will read it)."""
        if isinstance(self._pdf, Future):
            self._pdf.cancel()

    def __repr__(self) -> str:
        return f"Chart(key={self.key[:12]}, {self.width:.1f}×{self.height:.1f})"
