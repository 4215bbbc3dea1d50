"""Batch builds: several briefs in parallel processes, each failure kept to its own brief."""

from __future__ import annotations

import os
import signal
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .compiler import BuildResult, output_path
from .errors import Diagnostic, InputError


@dataclass
class Outcome:
    """What became of one spec in a batch: a build result, or why there is none."""

    spec: Path
    pdf: Path
    result: BuildResult | None = None
    errors: list[Diagnostic] = field(default_factory=list)
    failure: str | None = None
    """Why the build failed when the input is not to blame (with a traceback, for --debug)."""
    pngs: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    """Wall time from the start of the build to its end, whatever the outcome."""

    @property
    def ok(self) -> bool:
        """Return whether this build wrote a new PDF."""
        return self.result is not None

    @property
    def status(self) -> str:
        """Return 'ok', 'invalid' (the input is wrong) or 'failed' (the tool is).

        Only a build that made its PDF is 'ok': one that made none without saying why is
        'invalid', never a silent success.
        """
        if self.failure is not None:
            return "failed"
        return "ok" if self.ok and not self.errors else "invalid"


@dataclass(frozen=True)
class BatchOptions:
    """How every brief of a batch is built."""

    out: Path | None = None
    theme: str | None = None
    strict: bool = False
    png: bool = False
    chart_jobs: int | None = None
    """Processes each brief may draw its charts with (1 inside a parallel batch)."""


def default_jobs(specs: int) -> int:
    """Return the number of worker processes for a batch: one per core, at most one per spec."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, specs))


def build_one(spec: Path, options: BatchOptions) -> Outcome:
    """Build one brief (and its previews); never raises for a bad input or a failed build."""
    from .compiler import compile_brief

    started = time.perf_counter()
    outcome = Outcome(spec, output_path(spec, options.out))
    try:
        outcome.result = compile_brief(spec, options.out, theme=options.theme,
                                       strict=options.strict, jobs=options.chart_jobs)
        if options.png:
            from .preview import write_previews

            outcome.pngs = write_previews(outcome.result.pdf)
    except InputError as exc:
        outcome.errors = list(exc.diagnostics)
    except Exception as exc:  # noqa: BLE001 - one crash must not stop a batch or a watch
        outcome.failure = f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"
    outcome.seconds = time.perf_counter() - started
    return outcome


def build_many(specs: Sequence[Path], options: BatchOptions, jobs: int | None = None,
               on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Build every spec; return their outcomes in the order of specs.

    on_outcome is called in this process as each brief finishes, in the order they finish.
    """
    outcomes: dict[Path, Outcome] = {}
    for outcome in _run(specs, options, jobs or default_jobs(len(specs))):
        outcomes[outcome.spec] = outcome
        if on_outcome is not None:
            on_outcome(outcome)
    return [outcomes[spec] for spec in specs]


def _run(specs: Sequence[Path], options: BatchOptions, jobs: int) -> Iterator[Outcome]:
    if jobs <= 1 or len(specs) <= 1:
        for spec in specs:
            yield build_one(spec, options)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from .compiler import warm_up

    warm_up()  # forked workers inherit the imports instead of each paying for them
    options = replace(options, chart_jobs=1)  # the briefs already share the cores
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts)
    try:
        futures = {pool.submit(build_one, spec, options): spec for spec in specs}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - e.g. a worker killed by the OS
                spec = futures[future]
                yield Outcome(spec, output_path(spec, options.out),
                              failure=f"{type(exc).__name__}: {exc}")
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)  # Ctrl-C: start no more briefs
        raise
    pool.shutdown()


def _ignore_interrupts() -> None:
    # Ctrl-C reaches the whole process group; only the parent should act on it, so that
    # workers finish the brief in hand (writes are atomic) instead of printing tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
