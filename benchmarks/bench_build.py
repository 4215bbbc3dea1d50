"""Build benchmarks: `python benchmarks/bench_build.py [--runs N]` prints a table of medians.

Cases: the default brief with an empty chart cache (cold), the same after a one-word text
edit with the cache warm, and a synthetic brief of 60 charts over ~100 pages drawn with one
worker and with two. Each build runs in its own process (the CLI, as a user runs it), so
times include interpreter start-up and imports; peak memory is the largest resident set of
the build process and of its chart workers.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "templates" / "briefs" / "china-pakistan-ict.yaml"

_RUNNER = """
import json, resource, sys, time
started = time.perf_counter()
from briefing.cli import main
code = main(["build", sys.argv[1], "-o", sys.argv[2]])
seconds = time.perf_counter() - started
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "seconds": seconds, "own_kb": own, "workers_kb": workers,
                  "matplotlib": "matplotlib" in sys.modules}))
"""


def build(spec: Path, out: Path, cache: Path, jobs: int | None = None) -> dict:
    """Run one build in a fresh process; return its wall time, memory and whether it drew."""
    env = {"BRIEFING_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    if jobs:
        env["BRIEFING_JOBS"] = str(jobs)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _RUNNER, str(spec), str(out)], env=env,
                          capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    if result["code"] != 0:
        raise SystemExit(f"build of {spec} failed:\n{done.stderr}")
    return result


def copy_default(folder: Path) -> Path:
    """Copy the default brief with its data and themes, keeping relative paths."""
    for name in ("templates", "data"):
        shutil.copytree(ROOT / name, folder / name)
    return folder / DEFAULT.relative_to(ROOT)


def edit_one_word(spec: Path) -> None:
    text = spec.read_text()
    spec.write_text(text.replace("Pakistan", "Pakistan's", 1).replace("Pakistan's's",
                                                                        "Pakistan", 1))


KINDS = [
    {"chart": "bar", "data": "countries", "x": "name", "y": "a", "highlight": "C3"},
    {"chart": "bar", "data": "countries", "x": "name", "y": "b", "horizontal": True},
    {"chart": "grouped_bar", "data": "years", "x": "year", "y": ["a", "b"]},
    {"chart": "stacked_bar", "data": "years", "x": "year", "y": ["a", "b"]},
    {"chart": "line", "data": "years", "x": "year", "y": ["a", "b"], "highlight": "a"},
    {"chart": "donut", "data": "countries", "x": "name", "y": "a", "center_label": "42%"},
    {"chart": "range", "data": "countries", "x": "name", "low": "b", "high": "a"},
    {"chart": "rank", "data": "ranks", "x": "name", "rank": "rank", "total": "total"},
    {"chart": "waffle", "data": "ranks", "x": "name", "y": "rank"},
    {"chart": "timeline", "data": "events", "date": "date", "label": "event"},
]


def synthetic(folder: Path, charts: int = 60, pages: int = 100) -> Path:
    """Write a spec of `charts` charts and enough text for about `pages` pages."""
    (folder / "countries.csv").write_text(
        "name,a,b\n" + "".join(f"C{i},{10 + 7 * i},{5 + 3 * i}\n" for i in range(6)))
    (folder / "years.csv").write_text(
        "year,a,b\n" + "".join(f"{2015 + i},{20 + 4 * i},{12 + 3 * i}\n" for i in range(8)))
    (folder / "ranks.csv").write_text("name,rank,total\nA,12,100\nB,40,100\nC,77,100\n")
    (folder / "events.csv").write_text(
        "date,event\n" + "".join(f"{2014 + i}-0{1 + i % 9},Milestone {i}\n" for i in range(6)))
    paragraph = ("Connectivity shapes what an economy can do. " * 24).strip()
    sections = []
    per_section = 6
    words_per_chart = max(1, (pages * 5 - charts) // charts)
    for s in range(charts // per_section):
        blocks = []
        for c in range(per_section):
            n = s * per_section + c
            kind = dict(KINDS[n % len(KINDS)])
            kind.update({"title": f"Finding number {n}", "alt": f"Chart {n}.",
                         "id": f"fig-{n}", "aspect": 0.45})
            blocks += [{"text": "\n\n".join([paragraph] * words_per_chart)}, {"figure": kind}]
        sections.append({"title": f"Section {s + 1}", "blocks": blocks})
    data = {name: {"file": f"{name}.csv", "source": "Synthetic"}
            for name in ("countries", "years", "ranks", "events")}
    spec = {"title": "Sixty charts", "date": "2025-05-15", "data": data, "sections": sections}
    path = folder / "sixty.yaml"
    path.write_text(json.dumps(spec, indent=1))  # JSON is YAML
    return path


def embedding_cost(runs: int) -> float:
    """Return seconds per chart to place a chart's PDF as a form XObject."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from briefing.charts.embed import register_form
    from briefing.charts.pipeline import draw_charts
    from briefing.loader import load_spec

    with tempfile.TemporaryDirectory() as cache:
        charts = list(draw_charts(load_spec(ROOT / "tests/specs/charts/all-kinds.yaml"),
                                  cache_dir=Path(cache)).values())
    times = []
    for _ in range(runs):
        canvas = Canvas(io.BytesIO())
        started = time.perf_counter()
        for i, chart in enumerate(charts):
            register_form(canvas._doc, f"c{i}", chart.pdf)
        times.append((time.perf_counter() - started) / len(charts))
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big-runs", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        spec = copy_default(folder / "brief")
        out = folder / "out.pdf"
        cold, warm = [], []
        for run in range(args.runs):
            cache = folder / f"cache-{run}"
            cold.append(build(spec, out, cache))
            edit_one_word(spec)
            warm.append(build(spec, out, cache))
        rows += [("default brief, cold cache", cold), ("after one-word edit, warm", warm)]
        big = synthetic(folder / "big" if (folder / "big").mkdir() is None else folder)
        for jobs in (1, 2):
            results = [build(big, out, folder / f"big-cache-{jobs}-{run}", jobs)
                       for run in range(args.big_runs)]
            rows.append((f"60 charts, {jobs} worker{'s' if jobs > 1 else ''}", results))
        pages = _pages(out)
    print(f"{'case':<30} {'median s':>9} {'min s':>7} {'peak MB':>8} {'matplotlib':>10}")
    for name, results in rows:
        walls = [r["wall"] for r in results]
        memory = max(max(r["own_kb"], r["workers_kb"]) for r in results) / 1024
        print(f"{name:<30} {statistics.median(walls):>9.2f} {min(walls):>7.2f} "
              f"{memory:>8.0f} {str(results[-1]['matplotlib']):>10}")
    print(f"(60-chart brief: {pages} pages)")
    print(f"embedding: {embedding_cost(args.runs) * 1000:.2f} ms per chart (parse + form XObject)")
    return 0


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


if __name__ == "__main__":
    sys.exit(main())
