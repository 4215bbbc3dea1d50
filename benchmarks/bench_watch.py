"""Save-to-PDF latency of `briefing watch`: `python benchmarks/bench_watch.py [SPEC] [-n EDITS]`.

Copies the spec (default: the bundled default brief) and the data beside it into a temporary
folder, starts the watcher in this process with a fresh chart cache, then saves a text edit
(the title) several times the way an editor does (write a temporary file, rename it over the
spec) and times each save until the watcher has written the new PDF. Prints the median.
"""

from __future__ import annotations

import argparse
import os
import queue
import shutil
import statistics
import sys
import tempfile
import threading
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
    from briefing.watch import Rebuild, watch

    done: queue.Queue[tuple[float, Rebuild]] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=(spec, out),
        kwargs={"on_build": lambda e: done.put((time.perf_counter(), e)), "stop_event": stop})
    thread.start()
    try:
        _, first = done.get(timeout=120)
        if not first.ok:
            sys.exit("the spec does not build:\n" + "\n".join(e.format() for e in first.errors))
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
            finished, event = done.get(timeout=60)
            if not event.ok:
                sys.exit("an edit did not build: " + "; ".join(e.format() for e in event.errors))
            latencies.append(finished - saved)
            builds.append(event.seconds)
            time.sleep(0.3)  # an editor's saves are seconds apart
        return latencies, builds
    finally:
        stop.set()
        thread.join()


if __name__ == "__main__":
    raise SystemExit(main())
