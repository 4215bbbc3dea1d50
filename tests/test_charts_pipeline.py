"""Chart workers: charts drawn while the text is laid out, and the same bytes either way."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from concurrent.futures import Future
from pathlib import Path

import pytest

from briefing.charts.artefact import Chart
from briefing.charts.embed import ChartFlowable
from briefing.charts.pipeline import abandon, draw_charts, used_columns
from briefing.compiler import compile_brief
from briefing.loader import load_spec
from briefing.workers import probably_cached

SPECS = Path(__file__).parent / "specs" / "charts"
ALL_KINDS = SPECS / "all-kinds.yaml"


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The PDF of all-kinds with every chart drawn in the build process, from an empty cache."""
    folder = tmp_path_factory.mktemp("alone")
    return compile_brief(ALL_KINDS, folder / "alone.pdf", cache_dir=folder / "cache",
                         jobs=1).pdf.read_bytes()


def test_workers_and_one_process_write_the_same_pdf(tmp_path: Path, alone: bytes) -> None:
    pooled = compile_brief(ALL_KINDS, tmp_path / "pooled.pdf", cache_dir=tmp_path / "b", jobs=2)
    cached = compile_brief(ALL_KINDS, tmp_path / "cached.pdf", cache_dir=tmp_path / "b", jobs=2)
    assert alone == pooled.pdf.read_bytes() == cached.pdf.read_bytes()


def test_charts_come_back_before_they_are_drawn_and_land_in_the_cache(tmp_path: Path) -> None:
    brief = load_spec(ALL_KINDS)
    charts = draw_charts(brief, cache_dir=tmp_path, jobs=2)
    for (s, b), chart in charts.items():  # sizes are known at once, drawn or not
        figure = brief.spec.sections[s].blocks[b].figure
        dataset = used_columns(figure, brief.datasets[figure.data])
        assert chart.height == pytest.approx(
            figure.height(dataset, chart.width, brief.theme))
        assert chart.width == pytest.approx(brief.theme.frame_width)
    assert all(chart.pdf.startswith(b"%PDF") for chart in charts.values())
    assert len(list(tmp_path.glob("??/*.pdf"))) == len({c.key for c in charts.values()})
    assert probably_cached(ALL_KINDS, tmp_path)
    next(tmp_path.glob("??/*.pdf")).unlink()
    assert not probably_cached(ALL_KINDS, tmp_path)


def test_form_names_come_from_the_inputs_not_from_when_a_chart_was_drawn() -> None:
    pending: Future[bytes] = Future()
    chart = Chart(pending, 300, 150, "alt", key="ab" * 32)
    assert ChartFlowable(chart).form == "chart" + "ab" * 8
    assert not chart.ready
    pending.set_result(b"%PDF-1.4")
    assert chart.ready and chart.pdf == b"%PDF-1.4"


def test_abandoned_charts_are_cancelled() -> None:
    pending: Future[bytes] = Future()
    abandon({(0, 0): Chart(pending, 300, 150, "", key="cd" * 32)})
    assert pending.cancelled()


def test_warm_build_imports_neither_matplotlib_nor_pypdf_nor_starts_workers(
        tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from briefing.cli import main\n"
        f"code = main(['build', {str(ALL_KINDS)!r}, '-o', {str(tmp_path / 'out.pdf')!r}])\n"
        "from multiprocessing import forkserver\n"
        "started = forkserver._forkserver._forkserver_pid is not None\n"
        "print(code, 'matplotlib' in sys.modules, 'pypdf' in sys.modules, started)\n"
    )
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache"), "BRIEFING_JOBS": "2"}
    run = [sys.executable, "-c", script]
    cold = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    warm = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    assert cold.stdout.split()[-4:] == ["0", "False", "False", "True"]
    assert warm.stdout.split()[-4:] == ["0", "False", "False", "False"]


def _build_with_workers(tmp_path: Path, temporary: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(tmp_path / "cache"), "BRIEFING_JOBS": "2",
           "TMPDIR": str(temporary)}
    return subprocess.run([sys.executable, "-m", "briefing", "build", str(ALL_KINDS), "-o",
                           str(tmp_path / "out.pdf")], env=env, capture_output=True, text=True,
                          timeout=300)


def test_python_dash_m_with_workers_builds_once_and_leaves_no_temporary_folder(
        tmp_path: Path) -> None:
    # workers started by the forkserver import the main module; it must not run the CLI
    with tempfile.TemporaryDirectory(dir="/tmp") as temporary:  # short: the socket lives here
        done = _build_with_workers(tmp_path, Path(temporary))
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == [str(tmp_path / "out.pdf")]
        assert done.stderr == ""
        assert list(Path(temporary).iterdir()) == []  # multiprocessing's pymp-* is removed


def test_charts_are_drawn_in_the_build_process_when_no_worker_can_start(tmp_path: Path,
                                                                          alone: bytes
                                                                          ) -> None:
    # a socket path may be at most 107 bytes: the forkserver cannot listen under this TMPDIR
    temporary = tmp_path / ("t" * 110)
    temporary.mkdir()
    done = _build_with_workers(tmp_path, temporary)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert (tmp_path / "out.pdf").read_bytes() == alone


def test_charts_drawn_in_the_build_process_are_drawn_with_the_collector_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`briefing build` turns the garbage collector off; matplotlib's figures are reference
    cycles, so drawing many charts in one process must turn it back on, then off again."""
    import gc

    from briefing.charts import pipeline

    collecting: list[bool] = []
    draw = pipeline.draw_request
    monkeypatch.setattr(pipeline, "draw_request",
                        lambda request: collecting.append(gc.isenabled()) or draw(request))
    gc.disable()
    try:
        draw_charts(load_spec(ALL_KINDS), cache_dir=tmp_path, jobs=1)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert collecting and all(collecting)


def test_a_rebuild_from_the_cache_does_not_work_out_chart_heights_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alone: bytes) -> None:
    """A cached chart's height is read from its page: planning one (a timeline of 40 events,
    0.3 s) is not paid on every rebuild."""
    from briefing.charts import CHARTS

    cache = tmp_path / "cache"
    compile_brief(ALL_KINDS, tmp_path / "cold.pdf", cache_dir=cache, jobs=1)

    def planned(*_: object) -> float:
        raise AssertionError("a chart's height was worked out again")

    for kind in CHARTS.values():
        monkeypatch.setattr(kind.options, "natural_height", planned)
    warm = compile_brief(ALL_KINDS, tmp_path / "warm.pdf", cache_dir=cache, jobs=1)
    assert warm.pdf.read_bytes() == alone


def test_drawing_in_the_build_process_stops_at_the_first_chart_that_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build fails with that chart's error: the charts after it are not drawn for
    nothing."""
    from briefing.charts import pipeline

    drawn: list[str] = []

    def fail(request: pipeline.Request) -> bytes:
        drawn.append(request.options.title)
        raise RuntimeError("the first chart failed")

    monkeypatch.setattr(pipeline, "draw_request", fail)
    with pytest.raises(RuntimeError, match="the first chart failed"):
        draw_charts(load_spec(ALL_KINDS), cache_dir=tmp_path, jobs=1)
    assert len(drawn) == 1


def test_chart_workers_write_only_to_the_cache_folder_the_build_was_given(tmp_path: Path,
                                                                           alone: bytes
                                                                           ) -> None:
    code = ("import sys; from pathlib import Path; from briefing.compiler import compile_brief\n"
            "compile_brief(Path(sys.argv[1]), Path(sys.argv[2]), cache_dir=Path(sys.argv[3]),"
            " jobs=2)\n")
    default = tmp_path / "default"
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(default)}
    subprocess.run([sys.executable, "-c", code, str(ALL_KINDS), str(tmp_path / "pooled.pdf"),
                    str(tmp_path / "given")], env=env, check=True, timeout=300)
    assert not default.exists()
    assert len(list((tmp_path / "given" / "fonts").glob("*.ttf"))) >= 4
    assert (tmp_path / "pooled.pdf").read_bytes() == alone


def test_the_chart_server_makes_the_font_copies_of_the_build_that_started_it(
        tmp_path: Path) -> None:
    # made once before the workers fork, not by every worker on its first chart (~140 ms)
    from briefing.workers import SERVER_FONTS

    default = tmp_path / "default"
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(default),
           SERVER_FONTS: str(tmp_path / "given" / "fonts")}
    subprocess.run([sys.executable, "-c", "import briefing.chart_server"], env=env,
                   check=True, timeout=120)
    copies = sorted((tmp_path / "given" / "fonts").glob("*.ttf"))
    assert len(copies) == 4
    from briefing.charts.draw import intact_copy

    assert all(intact_copy(copy) for copy in copies)
    assert not default.exists()


def test_a_chart_server_outliving_its_first_cache_folder_draws_the_same(
        tmp_path: Path, alone: bytes) -> None:
    # the server (kept by a watcher or a library caller) used to register the font copies
    # of the first build's folder; once that was deleted, matplotlib rebuilt its font list
    # without them and later builds drew in its default font
    code = ("import shutil, sys; from pathlib import Path\n"
            "from briefing.compiler import compile_brief\n"
            "spec, out = Path(sys.argv[1]), Path(sys.argv[2])\n"
            "compile_brief(spec, out / 'a.pdf', cache_dir=out / 'A', jobs=2)\n"
            "shutil.rmtree(out / 'A')\n"
            "compile_brief(spec, out / 'b.pdf', cache_dir=out / 'B', jobs=3)\n")
    done = subprocess.run([sys.executable, "-c", code, str(ALL_KINDS), str(tmp_path)],
                          capture_output=True, text=True, check=True, timeout=300)
    assert "findfont" not in done.stderr
    assert (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes() == alone


def test_chart_fonts_registered_from_a_deleted_folder_are_forgotten(tmp_path: Path) -> None:
    code = ("import shutil, sys; from pathlib import Path\n"
            "from briefing.charts.mpl import import_matplotlib; import_matplotlib()\n"
            "from matplotlib import font_manager\n"
            "from briefing.charts import draw\n"
            "first, second = Path(sys.argv[1]) / 'A', Path(sys.argv[1]) / 'B'\n"
            "draw.register_fonts('Source Sans Pro', first)\n"
            "shutil.rmtree(first)\n"
            "draw.register_fonts('Source Sans Pro', second)\n"
            "print(font_manager.findfont('Source Sans Pro', rebuild_if_missing=False))\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True,
                          text=True, check=True, timeout=120)
    assert Path(done.stdout.strip()).parent == tmp_path / "B"


def test_starting_the_chart_server_leaves_the_environment_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from multiprocessing import forkserver

    from briefing import workers

    monkeypatch.setattr(forkserver, "ensure_running", lambda: None)
    monkeypatch.delenv(workers.SERVER_FONTS, raising=False)
    workers.start_server(tmp_path)
    assert workers.SERVER_FONTS not in os.environ
    monkeypatch.setenv(workers.SERVER_FONTS, "elsewhere")
    workers.start_server(tmp_path)
    assert os.environ[workers.SERVER_FONTS] == "elsewhere"


def test_a_chart_draws_the_same_bytes_whatever_was_drawn_before_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the bar chart measures its value labels after fitting its axes (with the PDF
    # writer); the range chart measures the same strings before fitting its own (with Agg)
    from briefing.charts import style
    from briefing.charts.pipeline import Request, draw_request

    (tmp_path / "v.csv").write_text("name,v\nAlpha,1234.5\nBeta,987.25\nGamma,55.5\n")
    figures = "".join(
        f"      - figure: {{chart: {kind}, data: v, x: name, {columns}, suffix: ' Mbps', "
        f"title: {kind}, alt: {kind}.}}\n"
        for kind, columns in (("bar", "y: v, horizontal: true"), ("range", "low: v, high: v")))
    spec = tmp_path / "spec.yaml"
    spec.write_text("title: T\ndate: 2025-05-15\ndata:\n  v: {file: v.csv, source: Test}\n"
                    "sections:\n  - title: S\n    blocks:\n" + figures)
    brief = load_spec(spec)
    bar, ranged = (Request(block.figure, used_columns(block.figure, brief.datasets["v"]),
                           brief.theme, brief.theme.frame_width, tmp_path / "fonts")
                   for block in brief.spec.sections[0].blocks)
    monkeypatch.setattr(style, "_MEASURED", {})
    alone = draw_request(ranged)
    monkeypatch.setattr(style, "_MEASURED", {})
    draw_request(bar)
    assert draw_request(ranged) == alone


_SERVER = (
    "import gc, os, sys, threading\n"
    "from pathlib import Path\n"
    "from multiprocessing import forkserver\n"
    "from briefing import workers\n"
    "gc.disable()\n"  # as `briefing build` does
    "if 'program' in sys.argv:\n"
    "    from briefing.quick_imports import as_program; as_program()\n"
    "if 'thread' in sys.argv:\n"
    "    threading.Thread(target=threading.Event().wait, daemon=True).start()\n"
    "workers.start_server(Path(sys.argv[1]))\n"
    "server = forkserver._forkserver._forkserver_pid\n"
    "forked = Path(f'/proc/{server}/cmdline').read_bytes() == Path('/proc/self/cmdline')"
    ".read_bytes()\n"
    "collects = workers.pool(2).submit(gc.isenabled).result()\n"
    "workers.shutdown()\n"
    "print(forked, collects, workers.SERVER_FONTS in os.environ)\n"
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")
@pytest.mark.parametrize(("how", "forked"), [
    (["program"], "True"),  # the CLI: no second interpreter to start and import again
    ([], "False"),  # a library caller's process is not copied
    (["program", "thread"], "False"),  # a fork would copy one thread, and others' locks
])
def test_the_cli_forks_its_chart_server_where_that_is_safe(tmp_path: Path, how: list[str],
                                                           forked: str) -> None:
    done = subprocess.run([sys.executable, "-c", _SERVER, str(tmp_path / "cache"), *how],
                          capture_output=True, text=True, check=True, timeout=120)
    # workers collect garbage (the build turned its collector off); the server made the
    # chart font copies in the build's cache; the build's environment is left as it was
    assert done.stdout.split() == [forked, "True", "False"]
    assert len(list((tmp_path / "cache" / "fonts").glob("*.ttf"))) == 4
