"""Chart builders: every kind draws, embeds as selectable vector text, is cached and repeatable."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.charts import CHARTS
from briefing.charts import cache as cache_module
from briefing.charts.embed import ChartFlowable
from briefing.charts.pipeline import draw_charts
from briefing.loader import load_spec

SPECS = Path(__file__).parent / "specs" / "charts"
ALL_KINDS = SPECS / "all-kinds.yaml"


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("chart-cache")


@pytest.fixture(scope="module")
def brief():
    return load_spec(ALL_KINDS)


@pytest.fixture(scope="module")
def charts(brief, cache):
    return draw_charts(brief, cache_dir=cache, jobs=1)


def document(charts, width: float | None = None) -> bytes:
    """Return a plain PDF holding the charts one after another."""
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build(
        [ChartFlowable(chart, width) for chart in charts])
    return buffer.getvalue()


def xobjects(resources) -> list:
    """Return every XObject reachable from a resources dictionary."""
    found = []
    for _, ref in (resources or {}).get("/XObject", {}).items():
        obj = ref.get_object()
        found.append(obj)
        found += xobjects(obj.get("/Resources"))
    return found


def test_every_kind_draws_at_the_frame_width(brief, charts):
    kinds = {brief.spec.sections[s].blocks[b].figure.chart for s, b in charts}
    assert kinds == set(CHARTS)
    for (s, b), chart in charts.items():
        figure = brief.spec.sections[s].blocks[b].figure
        assert chart.width == pytest.approx(brief.theme.frame_width)
        assert chart.height == pytest.approx(
            figure.height(brief.datasets[figure.data], chart.width, brief.theme))
        box = PdfReader(io.BytesIO(chart.pdf)).pages[0].mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(
            (chart.width, chart.height), abs=0.01)
        assert chart.alt == figure.alt


def test_chart_text_is_selectable_in_the_document(charts):
    pdf = PdfReader(io.BytesIO(document(list(charts.values()))))
    text = " ".join(page.extract_text() for page in pdf.pages)
    for label in ("Pakistan", "0.16%", "World average", "Computer services", "Broadband 135.0m",
                  "Huawei", "63%", "CPEC launched", "Apr 2015", "International standard",
                  "2–8 Mbps", "100th of 111", "Rural"):
        assert label in text


def test_charts_are_vector_forms_with_text_in_the_documents_truetype_fonts(charts):
    pdf = PdfReader(io.BytesIO(document(list(charts.values()))))
    forms = [x for page in pdf.pages for x in xobjects(page.get("/Resources"))]
    assert forms and all(x["/Subtype"] == "/Form" for x in forms)
    fonts = {f.indirect_reference.idnum: f.get_object() for x in forms
             for f in x.get("/Resources", {}).get("/Font", {}).values()}
    assert len({f["/BaseFont"].split("+")[1] for f in fonts.values()}) >= 3
    assert {f["/Subtype"] for f in fonts.values()} == {"/TrueType"}
    assert all("SourceSansPro" in f["/BaseFont"] and "/ToUnicode" in f
               and "/FontFile2" in f["/FontDescriptor"] for f in fonts.values())
    # each face is embedded once for the whole document, not once per chart
    files = [f["/FontDescriptor"].raw_get("/FontFile2").idnum for f in fonts.values()]
    assert len(files) == len(set(files)) == len(fonts)
    assert len(forms) > len(fonts)


def test_flowable_scales_keeping_aspect_and_registers_its_form_once(charts):
    chart = next(iter(charts.values()))
    flowable = ChartFlowable(chart, width=200)
    assert flowable.wrap(500, 800) == pytest.approx((200, 200 * chart.height / chart.width))
    assert ChartFlowable(chart).wrap(10, 10) == (chart.width, chart.height)
    pdf = PdfReader(io.BytesIO(document([chart, chart, chart], 150)))
    forms = {id(x) for page in pdf.pages for x in xobjects(page.get("/Resources"))}
    names = [n for page in pdf.pages for n in page["/Resources"]["/XObject"]]
    assert len(set(names)) == 1 and len(forms) == 1


def test_same_input_same_bytes(brief, charts, tmp_path):
    again = draw_charts(brief, cache_dir=tmp_path, jobs=1)
    assert [c.pdf for c in again.values()] == [c.pdf for c in charts.values()]
    assert document(list(again.values())) == document(list(charts.values()))


def test_worker_processes_draw_the_same_bytes(brief, charts, tmp_path):
    parallel = draw_charts(brief, cache_dir=tmp_path, jobs=2)
    assert [c.pdf for c in parallel.values()] == [c.pdf for c in charts.values()]


def test_corrupt_cache_entry_is_redrawn(brief, charts, cache):
    entries = sorted(cache.glob("??/*.pdf"))
    assert len(entries) == len(charts)
    entries[0].write_bytes(entries[0].read_bytes()[:100])
    entries[1].write_bytes(b"garbage")
    unreadable = b"%PDF-1.4 not a page"  # whole, with a matching digest, but not a PDF
    entries[2].write_bytes(cache_module.MAGIC + hashlib.sha256(unreadable).hexdigest().encode()
                           + b"\n" + unreadable)
    redrawn = draw_charts(brief, cache_dir=cache, jobs=1)
    assert [c.pdf for c in redrawn.values()] == [c.pdf for c in charts.values()]


@pytest.mark.parametrize("damage", [lambda blob: blob[:1000], lambda blob: b"x" * len(blob)],
                         ids=["truncated", "overwritten"])
def test_a_damaged_chart_font_copy_is_made_again(damage, tmp_path):
    spec, cache = SPECS / "bar-only.yaml", tmp_path / "cache"
    build = [sys.executable, "-m", "briefing", "build", str(spec), "-o", str(tmp_path), "-q"]
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache), "BRIEFING_JOBS": "1"}
    subprocess.run(build, env=env, check=True)
    first = (tmp_path / "bar-only.pdf").read_bytes()
    copies = sorted((cache / "fonts").glob("*.ttf"))
    assert copies
    originals = {copy: copy.read_bytes() for copy in copies}
    for copy in copies:
        copy.write_bytes(damage(copy.read_bytes()))
    for entry in cache.glob("??/*.pdf"):  # so the charts are drawn again with the copies
        entry.unlink()
    done = subprocess.run(build, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "bar-only.pdf").read_bytes() == first
    assert {copy: copy.read_bytes() for copy in copies} == originals


def test_warm_rebuild_hits_the_cache_without_importing_matplotlib(tmp_path):
    script = (
        "import sys\n"
        "from briefing.loader import load_spec\n"
        "from briefing.charts.pipeline import draw_charts\n"
        f"charts = draw_charts(load_spec({str(SPECS / 'bar-only.yaml')!r}))\n"
        "print(len(charts), 'matplotlib' in sys.modules)\n"
    )
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path), "BRIEFING_JOBS": "1"}
    run = [sys.executable, "-c", script]
    cold = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert cold.stdout.split() == ["2", "True"]
    assert warm.stdout.split() == ["2", "False"]


def test_text_edit_keeps_the_cache_key(tmp_path):
    from briefing.charts.pipeline import Request, used_columns

    brief = load_spec(SPECS / "bar-only.yaml")
    figure = brief.spec.sections[0].blocks[1].figure
    dataset = used_columns(figure, brief.datasets[figure.data])
    key = Request(figure, dataset, brief.theme, 400).key()
    retitled = figure.model_copy(update={"title": "Another title", "caption": "New words"})
    assert Request(retitled, dataset, brief.theme, 400).key() == key
    recoloured = figure.model_copy(update={"highlight": ["India"]})
    assert Request(recoloured, dataset, brief.theme, 400).key() != key
    assert Request(figure, dataset, brief.theme, 401).key() != key


def test_serif_theme_restyles_chart_text(tmp_path):
    brief = load_spec(SPECS / "bar-only.yaml")
    fonts = brief.theme.fonts.model_copy(update={"chart": "Source Serif Pro"})
    brief.theme = brief.theme.model_copy(update={"fonts": fonts})
    charts = draw_charts(brief, cache_dir=tmp_path, jobs=1)
    pdf = PdfReader(io.BytesIO(document(list(charts.values()))))
    fonts_used = {f.get_object()["/BaseFont"] for x in xobjects(pdf.pages[0]["/Resources"])
                  for f in x.get("/Resources", {}).get("/Font", {}).values()}
    assert fonts_used and all("SourceSerifPro" in name for name in fonts_used)
    assert "Pakistan" in pdf.pages[0].extract_text()


def test_jobs_come_from_the_environment(monkeypatch):
    from briefing.charts.pipeline import worker_count

    monkeypatch.setenv("BRIEFING_JOBS", "1")
    assert worker_count(None, 60) == 1
    monkeypatch.setenv("BRIEFING_JOBS", "4")
    assert worker_count(None, 60) == 4
    assert worker_count(None, 2) == 1
    assert worker_count(2, 3) == 2


def test_timeline_labels_are_drawn_as_they_are_checked(tmp_path):
    """Labels in a column of numbers ("2015.0", "0") are the categories "2015" and "0" both
    for `highlight` and on the chart, so the highlight that passed the check is drawn."""
    from briefing.compiler import compile_brief

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "e.csv").write_text("date,event\n2015-04-20,2015.0\n2016-01-01,0\n")
    (tmp_path / "t.yaml").write_text(
        "title: T\ndate: 2025-05-15\ndata:\n  e:\n    file: data/e.csv\n    source: Test\n"
        "sections:\n  - title: S\n    blocks:\n      - figure:\n          chart: timeline\n"
        "          data: e\n          date: date\n          label: event\n"
        "          highlight: '2015'\n          title: T\n          alt: Timeline.\n")
    result = compile_brief(tmp_path / "t.yaml", tmp_path / "t.pdf", jobs=1)
    text = " ".join(p.extract_text() for p in PdfReader(result.pdf).pages)
    assert "Apr 2015\n2015\n" in text and "2015.0" not in text
    assert "Jan 2016\n0" in text
