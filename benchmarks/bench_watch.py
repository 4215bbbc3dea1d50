"""Save-to-PDF latency of `briefing watch`: `python benchmarks/bench_watch.py [SPEC] [-n EDITS]`.

Copies the spec (default: the bundled default brief) and the data beside it into a temporary
folder, starts `python -m briefing watch` as a user would (its own process, a fresh chart
cache), then saves a text edit (the title) several times the way an editor does (write a
temporary file, rename it over the spec) and times each save until the watcher reports the
new PDF on its standard output, which it prints once the file is written. Prints the median.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("spec", nargs="?", type=Path,
                        default=ROOT / "templates" / "briefs" / "china-pakistan-ict.yaml")
    parser.add_argument("-n", "--edits", type=int, default=10, help="edits to time")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-watch-") as scratch:
        os.environ["BRIEFING_CACHE_DIR"] = str(Path(scratch) / "cache")
        spec = _copy(args.spec.resolve(), Path(scratch))
        latencies, builds = _measure(spec, Path(scratch) / "out", args.edits)
    print(f"spec: {args.spec}")
    print(f"edits: {len(latencies)}")
    print(f"save -> PDF, median: {statistics.median(latencies):.3f} s "
          f"(min {min(latencies):.3f}, max {max(latencies):.3f})")
    print(f"build alone, median: {statistics.median(builds):.3f} s")
    return 0


def _copy(spec: Path, scratch: Path) -> Path:
    """Copy spec with the repository folders it may point into, keeping relative paths."""
    relative = spec.relative_to(ROOT) if spec.is_relative_to(ROOT) else Path(spec.name)
    for folder in ("data", "templates"):
        if (ROOT / folder).is_dir() and spec.is_relative_to(ROOT):
            shutil.copytree(ROOT / folder, scratch / folder)
    target = scratch / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(spec, target)
    return target


def _measure(spec: Path, out: Path, edits: int) -> tuple[list[float], list[float]]:
    command = [sys.executable, "-m", "briefing", "watch", str(spec), "-o", str(out)]
    watcher = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert watcher.stdout is not None
    try:
        first = watcher.stdout.readline()
        if ".pdf:" not in first:
            sys.exit(f"the spec does not build: {first!r}")
        time.sleep(1.0)  # let the watcher arm, so the first edit is seen as an event
        original = spec.read_text(encoding="utf-8")
        title = next(line for line in original.splitlines() if line.startswith("title:"))
        latencies, builds = [], []
        for number in range(edits):
            text = original.replace(title, f"{title} ({number})", 1)
            temporary = spec.with_name(f".{spec.name}.swp")
            temporary.write_text(text, encoding="utf-8")
            saved = time.perf_counter()
            os.replace(temporary, spec)
            line = watcher.stdout.readline()  # "HH:MM:SS PATH: N pages, S.SS s"
            latencies.append(time.perf_counter() - saved)
            if ".pdf:" not in line:
                sys.exit(f"an edit did not build: {line!r}")
            builds.append(float(line.rsplit(",", 1)[1].split()[0]))
            time.sleep(0.3)  # an editor's saves are seconds apart
        return latencies, builds
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=30)


if __name__ == "__main__":
    raise SystemExit(main())
