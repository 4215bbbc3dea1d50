"""Placing a chart's PDF page into a ReportLab document as a vector form XObject."""

from __future__ import annotations

import hashlib
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.platypus import Flowable

from ..memo import Memo
from .artefact import Chart
from .pdfread import Name, Page, Ref, Stream, String, read_page, resolve
from .text import font_reference, set_in_document_fonts


class ChartFlowable(Flowable):
    """A chart drawn from its PDF as a form XObject, scaled to width with its aspect kept."""

    def __init__(self, chart: Chart, width: float | None = None) -> None:
        super().__init__()
        self.chart = chart
        self.width = chart.width if width is None else width
        self.height = self.width * chart.height / chart.width
        self.form = "chart" + chart.key[:16]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        if not canvas.hasForm(self.form):
            # The form's content is only needed when the document is written, so a chart
            # still being drawn by a worker does not hold up the layout; the form is always
            # added this way, so the bytes never depend on when a chart was ready.
            document = canvas._doc
            form = _LazyForm(self.chart)
            document.Reference(form, document.getXObjectName(self.form))
            _waiting_forms(document).append(form)
        canvas.saveState()
        canvas.scale(self.width / self.chart.width, self.height / self.chart.height)
        canvas.doForm(self.form)
        canvas.restoreState()


class _LazyForm(pdfdoc.PDFObject):
    """A chart's form XObject, converted from its PDF once the pages are drawn."""

    def __init__(self, chart: Chart) -> None:
        self.chart = chart
        self.stream: Any = None

    def prepare(self, document: Any) -> None:
        """Convert the chart (waiting for it if a worker still draws it)."""
        if self.stream is None:
            self.stream = form_stream(document, self.chart.pdf)

    def format(self, document: Any) -> bytes:
        self.prepare(document)
        return self.stream.format(document)


class _ChartForms:
    """Converts a document's chart forms when ReportLab realises its fonts, before it
    writes them: chart text adds characters to the document's font subsets, so it must be
    set before the subsets are frozen, and always at this point and in drawing order, so the
    bytes never depend on when a chart arrived."""

    def __init__(self) -> None:
        self.forms: list[_LazyForm] = []

    def addObjects(self, document: Any) -> None:  # noqa: N802 - ReportLab's font protocol
        for form in self.forms:
            form.prepare(document)


def _waiting_forms(document: Any) -> list[_LazyForm]:
    """Return the list of forms converted before document's fonts (made on first use)."""
    forms = getattr(document, "_briefing_chart_forms", None)
    if forms is None:
        forms = _ChartForms()
        document._briefing_chart_forms = forms
        # ReportLab realises "delayed fonts" in this order just before writing; fonts that
        # chart text uses for the first time are appended, and realised after it
        document.delayedFonts.insert(0, forms)
    return forms.forms


def register_form(document: Any, name: str, pdf: bytes) -> None:
    """Add the first page of pdf to the ReportLab document as the form XObject `name`."""
    document.Reference(form_stream(document, pdf), document.getXObjectName(name))


_pages = Memo("chart pages", 256)
"""Hash of a chart's PDF → its parsed page: a rebuild parses each chart once (parsing is
pure), and `kept_lines` keeps them for the next process."""


def parsed_page(pdf: bytes) -> Page:
    """Return the page of a chart's PDF, parsed once per build."""
    return _pages.recall_or_make(hashlib.sha256(pdf).digest(), lambda: read_page(pdf))


def form_stream(document: Any, pdf: bytes) -> Any:
    """Return the first page of pdf as a form XObject stream of the ReportLab document."""
    page = parsed_page(pdf)
    converter = _Converter(document, page.objects)
    resources = dict(resolve(page.resources, page.objects))
    fonts = dict(resolve(resources.get("Font", {}), page.objects))
    references = {name: reference for name, font in fonts.items()
                  if (reference := font_reference(resolve(font, page.objects))) is not None}
    contents = resolve(page.contents, page.objects)
    dictionary: dict[str, Any] = {}
    if isinstance(contents, list):
        data = b"\n".join(_decoded(resolve(part, page.objects)) for part in contents)
    elif references:
        data = _decoded(contents)
    else:
        data = contents.data
        dictionary = {k: v for k, v in contents.dictionary.items()
                      if k in ("Filter", "DecodeParms")}
    if references:
        data, used = set_in_document_fonts(data, references, document)
        fonts = {name: font for name, font in fonts.items() if name not in references}
        resources["Font"] = {**{name: converter.convert(font) for name, font in fonts.items()},
                             **{name: pdfdoc.PDFObjectReference(name) for name in sorted(used)}}
    x0, y0, x1, y1 = page.media_box
    form = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("XObject"),
        "Subtype": pdfdoc.PDFName("Form"),
        "FormType": 1,
        "BBox": pdfdoc.PDFArray([x0, y0, x1, y1]),
        "Matrix": pdfdoc.PDFArray([1, 0, 0, 1, -x0, -y0]),
        "Resources": converter.convert(resources),
        **{key: converter.convert(value) for key, value in dictionary.items()},
    })
    return pdfdoc.PDFStream(form, data)


def _decoded(stream: Stream) -> bytes:
    import zlib

    flate = stream.dictionary.get("Filter") in ("FlateDecode", ["FlateDecode"])
    return zlib.decompress(stream.data) if flate else stream.data


class _Literal(pdfdoc.PDFObject):
    """A PDF token written as it is (strings keep their exact bytes)."""

    def __init__(self, token: bytes) -> None:
        self.token = token

    def format(self, document: Any) -> bytes:
        return self.token


class _Converter:
    """Turns parsed PDF objects into ReportLab objects, each indirect object once."""

    def __init__(self, document: Any, objects: dict[int, Any]) -> None:
        self.document = document
        self.objects = objects
        self.done: dict[int, Any] = {}

    def convert(self, value: Any) -> Any:
        if isinstance(value, Ref):
            return self._indirect(value.number)
        if isinstance(value, Name):
            return pdfdoc.PDFName(str(value))
        if isinstance(value, dict):
            return pdfdoc.PDFDictionary({k: self.convert(v) for k, v in value.items()})
        if isinstance(value, list):
            return pdfdoc.PDFArray([self.convert(v) for v in value])
        if isinstance(value, String):
            return _Literal(value.token)
        if isinstance(value, bool):
            return _Literal(b"true" if value else b"false")
        if value is None:
            return _Literal(b"null")
        if isinstance(value, Stream):
            raise ValueError("a stream must be an indirect object")
        return value

    def _indirect(self, number: int) -> Any:
        if number in self.done:
            return self.done[number]
        value = self.objects.get(number)
        if isinstance(value, Stream):
            dictionary = pdfdoc.PDFDictionary({})
            # without a Filter of its own, ReportLab compresses it like its own streams
            entries = {k: v for k, v in value.dictionary.items() if k != "Length"}
            return self._keep(number, pdfdoc.PDFStream(dictionary, value.data), dictionary,
                              entries)
        if isinstance(value, dict) and value.get("Type") == "Font":
            # fonts stay indirect objects: readers such as poppler look a font's /ToUnicode
            # up through the font's reference (an inline font reads as having none)
            dictionary = pdfdoc.PDFDictionary({})
            return self._keep(number, dictionary, dictionary, value)
        # other plain objects are written inline; matplotlib's graph has no cycles through them
        converted = self.convert(value)
        self.done[number] = converted
        return converted

    def _keep(self, number: int, obj: Any, dictionary: Any, entries: dict[str, Any]) -> Any:
        """Add obj as an indirect object and fill its dictionary with entries, converted
        after the reference is recorded (so a cycle back to it ends there)."""
        reference = self.document.Reference(obj)
        self.done[number] = reference
        for key, item in entries.items():
            dictionary[key] = self.convert(item)
        return reference
