"""Drawing every figure of a brief: from the cache, in this process, or in a process pool."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, InvalidStateError
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..data import Dataset
from ..errors import BuildFailure
from ..loader import Brief
from ..theme import Theme
from ..workers import cache_dir as default_cache_dir
from ..workers import configured_jobs, pool, remember
from . import cache
from .artefact import Chart
from .registry import FigureBase

__all__ = ["Chart", "draw_charts"]

POOL_THRESHOLD = 3
"""Fewest charts to draw that are worth starting worker processes for."""


@dataclass(frozen=True)
class Request:
    """One chart to draw: its options, the columns it uses, the theme and the width."""

    options: FigureBase
    dataset: Dataset
    theme: Theme
    width: float
    fonts_dir: Path | None = None

    def key(self) -> str:
        columns = {name: f"{c.kind}:{c.label}" for name, c in self.dataset.columns.items()}
        rows = [[row.get(name) for name in self.dataset.columns] for row in self.dataset.rows]
        return cache.chart_key(self.options.chart, self.options.model_dump(mode="json"),
                               columns, rows, self.theme, self.width)


def draw_charts(brief: Brief, cache_dir: Path | None = None, jobs: int | None = None
                ) -> dict[tuple[int, int], Chart]:
    """Return the chart of every figure, keyed by (section index, block index).

    Cached charts come back with their PDF. With more than one worker, the others come
    back at once with their size known and their PDF still being drawn in worker processes
    (reading `Chart.pdf` waits for it), so the caller can lay out the text meanwhile; each
    drawn chart is stored in the cache as soon as it arrives.
    """
    directory = cache_dir or default_cache_dir()
    width = brief.theme.frame_width
    charts: dict[tuple[int, int], Chart] = {}
    misses: dict[str, list[tuple[tuple[int, int], Request]]] = {}
    keys: list[str] = []
    for s, section in enumerate(brief.spec.sections):
        for b, block in enumerate(section.blocks):
            figure = getattr(block, "figure", None)
            if not isinstance(figure, FigureBase):
                continue
            request = Request(figure, used_columns(figure, brief.datasets[figure.data]),
                              brief.theme, width, directory / "fonts")
            key = request.key()
            keys.append(key)
            pdf = cache.load(directory, key)
            height = drawn_height(pdf) if pdf is not None else None
            if pdf is not None and height is not None:
                charts[(s, b)] = _chart(pdf, request, key, height)
            else:  # missing, damaged, or whole but not a PDF this build can read: drawn again
                misses.setdefault(key, []).append(((s, b), request))
    drawn = _draw_all(directory, {key: places[0][1] for key, places in misses.items()}, jobs)
    if misses:  # while the charts are drawn, and never on a rebuild that draws none
        cache.sweep(directory)
    for key, pdf in drawn.items():
        for place, request in misses[key]:  # one drawing; each place keeps its own alt text
            charts[place] = _chart(pdf, request, key)
    remember(brief.path, directory, keys)
    return dict(sorted(charts.items()))


def used_columns(options: FigureBase, dataset: Dataset) -> Dataset:
    """Return the dataset cut down to the columns the chart draws."""
    columns = {name: dataset.columns[name] for name in options.column_names()}
    rows = [{name: row.get(name) for name in columns} for row in dataset.rows]
    return Dataset(dataset.name, columns, rows, dataset.source)


def _chart(pdf: bytes | Future[bytes], request: Request, key: str,
           height: float | None = None) -> Chart:
    """Return the chart of request drawn as pdf; height is its page's, if already read."""
    if height is None and isinstance(pdf, bytes):
        height = drawn_height(pdf)
    if height is None:  # (a chart being drawn: its height is worked out as it will be drawn)
        height = request.options.height(request.dataset, request.width, request.theme)
    return Chart(pdf, request.width, height, request.options.alt or "", key)


def drawn_height(pdf: bytes) -> float | None:
    """Return the height of a drawn chart, from its PDF's page (parsed once per build, for
    embedding too): a cached chart's height is not worked out again (planning a crowded
    timeline's labels can take a tenth of a second)."""
    from .embed import parsed_page
    from .pdfread import PdfSyntaxError

    with contextlib.suppress(PdfSyntaxError):
        box = parsed_page(pdf).media_box
        return box[3] - box[1]
    return None


def worker_count(jobs: int | None, charts: int) -> int:
    """Return how many processes draw `charts` charts: 1 means in this process."""
    if charts < POOL_THRESHOLD:
        return 1
    return max(1, min(configured_jobs(jobs), charts))


def _draw_all(directory: Path, requests: dict[str, Request], jobs: int | None
              ) -> dict[str, bytes | Future[bytes]]:
    """Return the PDF of every request (by key): drawn here, or futures of worker results."""
    if not requests:
        return {}
    futures: dict[str, Future[bytes]] = {key: Future() for key in requests}
    workers = worker_count(jobs, len(requests))
    if workers == 1:
        _draw_here(directory, requests, futures, list(requests))
        return {key: future.result() for key, future in futures.items()}
    # Starting workers waits for the forkserver to finish warming up, so it is done from
    # a thread: this one goes on to lay out the text.
    # Not a daemon: on exit it stops submitting (abandon cancels what is left) and returns.
    threading.Thread(target=_submit, args=(directory, requests, futures, workers),
                     name="briefing-charts").start()
    return dict(futures)


@contextlib.contextmanager
def _collecting_garbage() -> Iterator[None]:
    """Turn the garbage collector on while charts are drawn here, if it was off.

    `briefing build` turns it off (see `cli.run`), but every matplotlib figure leaves
    reference cycles behind: with the collector off, 60 charts drawn in one process peaked
    at 143 MB instead of 111 MB, and the garbage grows with every chart."""
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()


def abandon(charts: dict[tuple[int, int], Chart]) -> None:
    """Stop drawing the charts still pending (the build failed; nobody will read them)."""
    for chart in charts.values():
        chart.cancel()


def _submit(directory: Path, requests: dict[str, Request], futures: dict[str, Future[bytes]],
            workers: int) -> None:
    # the slowest kinds first, so no worker is left with a long chart at the end
    order = sorted(requests, key=lambda k: SLOW_KINDS.get(requests[k].options.chart, 0),
                   reverse=True)
    submitted = 0
    try:
        executor = pool(workers)
        for key in order:
            ours = futures[key]
            if not ours.cancelled():
                theirs = executor.submit(draw_request, requests[key])
                ours.add_done_callback(partial(_cancel, theirs))
                theirs.add_done_callback(partial(_arrived, directory, key, ours))
            submitted += 1
    except OSError:
        # a worker process could not start (e.g. TMPDIR is too long a path for the
        # forkserver's socket): the charts not handed to a worker yet are drawn here
        _draw_here(directory, requests, futures, order[submitted:])
    except BaseException as exc:  # noqa: BLE001 - handed to whoever reads the chart
        failure = BuildFailure(f"could not start chart workers: {exc}")
        failure.__cause__ = exc
        for future in futures.values():
            with contextlib.suppress(InvalidStateError):
                future.set_exception(failure)


def _draw_here(directory: Path, requests: dict[str, Request],
               futures: dict[str, Future[bytes]], keys: list[str]) -> None:
    """Draw the charts of keys in this process, resolving their futures (unless abandoned);
    after a chart that fails, the others are not drawn but fail with it."""
    with _collecting_garbage():
        for index, key in enumerate(keys):
            future = futures[key]
            if not future.done():
                _settle(directory, key, future, partial(draw_request, requests[key]))
            failure = None if future.cancelled() else future.exception()
            if failure is not None:
                for rest in keys[index + 1:]:
                    with contextlib.suppress(InvalidStateError):
                        futures[rest].set_exception(failure)
                return


def _cancel(theirs: Future[bytes], ours: Future[bytes]) -> None:
    if ours.cancelled():
        theirs.cancel()


def _arrived(directory: Path, key: str, future: Future[bytes], done: Future[bytes]) -> None:
    if not done.cancelled():
        _settle(directory, key, future, done.result)


def _settle(directory: Path, key: str, future: Future[bytes], pdf_of: Callable[[], bytes]
            ) -> None:
    """Resolve future with the PDF pdf_of returns (and cache it), or with its error."""
    try:
        pdf = pdf_of()
    except BaseException as exc:  # noqa: BLE001 - raised again where the chart is read
        with contextlib.suppress(InvalidStateError):
            future.set_exception(exc)
        return
    cache.store(directory, key, pdf)
    with contextlib.suppress(InvalidStateError):  # abandoned meanwhile
        future.set_result(pdf)


SLOW_KINDS = {"timeline": 3, "range": 2, "donut": 2}
"""Chart kinds that take longest to draw (they measure their labels), submitted first."""


def draw_request(request: Request) -> bytes:
    """Return the PDF of one chart (run in a worker process or in this one)."""
    from .draw import draw_pdf

    return draw_pdf(request.options, request.dataset, request.theme, request.width,
                    request.fonts_dir)
