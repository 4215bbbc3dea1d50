"""The build: spec → brief → charts → story → PDF bytes → file, one call per stage."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .epoch import source_date_epoch
from .errors import Diagnostic, InputError, as_errors
from .write import CHOOSE_AN_OUTPUT, write_output

if TYPE_CHECKING:
    from .loader import Brief


@dataclass
class BuildResult:
    """What a build produced."""

    spec: Path
    pdf: Path
    pages: int
    size: int
    seconds: float
    warnings: list[Diagnostic] = field(default_factory=list)
    sha256: str = ""


def output_path(spec: Path, out: str | Path | None) -> Path:
    """Return where the PDF of spec goes: out if it names a .pdf, else out/<spec name>.pdf."""
    out = Path("out") if out is None else Path(out)
    return out if out.suffix.lower() == ".pdf" else out / f"{spec.stem}.pdf"


def compile_brief(spec: str | Path | Brief, out: str | Path | None = None, *,
                  theme: str | None = None, strict: bool = False,
                  cache_dir: str | Path | None = None, jobs: int | None = None) -> BuildResult:
    """Build the brief and write its PDF; return what was built.

    out is a folder (default ./out) or a .pdf path; theme overrides the spec's, so it needs
    spec as a path (a loaded Brief has its theme: pass theme to `load_spec` instead).
    cache_dir is the cache folder (drawn charts, parsed fonts, the validated spec and the
    line breaks of the last build; default: `workers.cache_dir()`); jobs is how many
    processes draw the charts not cached.
    """
    from .workers import cache_dir as user_cache_dir
    from .workers import configured_jobs, spec_record, start_early

    epoch = source_date_epoch()  # a wrong value is refused before chart workers read it
    if theme is not None and not isinstance(spec, str | Path):
        raise ValueError("theme applies only when spec is a path; a loaded Brief has its "
                         "theme already (pass theme to load_spec instead)")
    started = time.perf_counter()
    cache = Path(cache_dir) if cache_dir is not None else user_cache_dir()
    if isinstance(spec, str | Path) and configured_jobs(jobs) > 1:
        # before the imports below: chart workers warm up while this process works
        start_early(Path(spec), cache)
    from .loader import Brief, load_spec

    brief = spec if isinstance(spec, Brief) else load_spec(
        spec, theme=theme, kept=spec_record(Path(spec), cache).with_suffix(".spec"))
    # only a spec that loads needs layout and rendering (ReportLab, markdown-it)
    from .quick_imports import import_platypus

    import_platypus()
    from . import kept_lines, memo
    from .charts.pipeline import draw_charts
    from .layout import build_story
    from .parsed_fonts import keep_in
    from .render import render_pdf

    keep_in(cache)
    lines = spec_record(brief.path, cache).with_suffix(".layout")  # see kept_lines
    memo.start_build()
    kept_lines.load(lines)  # before the charts: their cached pages are parsed there already
    charts = draw_charts(brief, cache_dir=cache, jobs=jobs)
    try:  # charts not drawn yet are drawn by workers meanwhile; render waits for them
        story = build_story(brief, charts)
        rendered = render_pdf(brief, story, epoch)
    except BaseException:
        from .charts.pipeline import abandon

        abandon(charts)
        raise
    if strict and brief.warnings:  # all of them: layout warns too (page budget, glyphs)
        raise InputError(as_errors(brief.warnings))
    target = write_output(output_path(brief.path, out), rendered.pdf, "the PDF",
                          CHOOSE_AN_OUTPUT)
    kept_lines.save(lines)
    return BuildResult(brief.path, target, rendered.pages, len(rendered.pdf),
                       time.perf_counter() - started, list(brief.warnings),
                       hashlib.sha256(rendered.pdf).hexdigest())


def warm_up() -> None:
    """Import every stage now, so later builds (or forked workers) start warm."""
    from .quick_imports import import_platypus

    import_platypus()
    from .charts import draw, pipeline  # noqa: F401
    from .layout import build_story  # noqa: F401
    from .render import render_pdf  # noqa: F401


def build(spec: str | Path, out: str | Path | None = None, **options: object) -> Path:
    """Build the brief at spec and return the path of its PDF."""
    return compile_brief(spec, out, **options).pdf  # type: ignore[arg-type]
