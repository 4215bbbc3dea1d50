"""Drawing every figure of a brief: from the cache, in this process, or in a process pool."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..data import Dataset
from ..errors import BuildFailure
from ..loader import Brief
from ..theme import Theme
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
    """Return the chart of every figure, keyed by (section index, block index)."""
    directory = cache_dir or cache.cache_dir()
    width = brief.theme.frame_width
    charts: dict[tuple[int, int], Chart] = {}
    misses: dict[str, tuple[Request, list[tuple[int, int]]]] = {}
    for s, section in enumerate(brief.spec.sections):
        for b, block in enumerate(section.blocks):
            figure = getattr(block, "figure", None)
            if not isinstance(figure, FigureBase):
                continue
            request = Request(figure, used_columns(figure, brief.datasets[figure.data]),
                              brief.theme, width, directory / "fonts")
            key = request.key()
            pdf = cache.load(directory, key)
            if pdf is not None:
                charts[(s, b)] = _chart(pdf, request)
            elif key in misses:
                misses[key][1].append((s, b))
            else:
                misses[key] = (request, [(s, b)])
    for key, pdf in zip(misses, _draw_all([r for r, _ in misses.values()], jobs), strict=True):
        request, places = misses[key]
        cache.store(directory, key, pdf)
        for place in places:
            charts[place] = _chart(pdf, brief_figure(brief, place))
    return dict(sorted(charts.items()))


def used_columns(options: FigureBase, dataset: Dataset) -> Dataset:
    """Return the dataset cut down to the columns the chart draws."""
    names: list[str] = []
    for option in options.data_columns:
        value = getattr(options, option)
        names += [value] if isinstance(value, str) else list(value)
    columns = {name: dataset.columns[name] for name in dict.fromkeys(names)}
    rows = [{name: row.get(name) for name in columns} for row in dataset.rows]
    return Dataset(dataset.name, columns, rows, dataset.source)


def brief_figure(brief: Brief, place: tuple[int, int]) -> Request:
    s, b = place
    figure = brief.spec.sections[s].blocks[b].figure  # type: ignore[union-attr]
    return Request(figure, Dataset("", {}, [], ""), brief.theme, brief.theme.frame_width)


def _chart(pdf: bytes, request: Request) -> Chart:
    width = request.width
    return Chart(pdf, width, width * request.options.aspect, request.options.alt or "")


def worker_count(jobs: int | None, charts: int) -> int:
    """Return how many processes draw `charts` charts: 1 means in this process."""
    if jobs is None:
        env = os.environ.get("BRIEFING_JOBS", "").strip()
        jobs = int(env) if env.isdigit() and int(env) > 0 else (os.cpu_count() or 1)
    if charts < POOL_THRESHOLD:
        return 1
    return max(1, min(jobs, charts))


def _draw_all(requests: list[Request], jobs: int | None) -> list[bytes]:
    workers = worker_count(jobs, len(requests))
    if workers == 1:
        return [draw_request(r) for r in requests]
    context = multiprocessing.get_context(_start_method())
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return list(pool.map(draw_request, requests))
    except OSError as exc:
        raise BuildFailure(f"could not start chart workers: {exc}") from exc


def _start_method() -> str:
    # fork is cheapest, and safe while this process runs no other threads
    import threading

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def draw_request(request: Request) -> bytes:
    """Return the PDF of one chart (run in a worker process or in this one)."""
    from .draw import draw_pdf

    return draw_pdf(request.options, request.dataset, request.theme, request.width,
                    request.fonts_dir)
