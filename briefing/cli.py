"""The command line: parses arguments, runs one command, maps errors to exit codes.

Exit codes: 0 built or valid; 1 the build failed for a reason that is not the input;
2 the input is wrong (spec, data, theme, path or command-line usage).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import __version__, kept_compiles
from .errors import BriefingError, Diagnostic, InputError, as_errors, spec_not_found
from .quick_imports import as_program, runs_as_program

if TYPE_CHECKING:
    from .batch import Outcome

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


class UsageError(BriefingError):
    """The command line itself is wrong."""


def run() -> NoReturn:
    """Run the command line as a program (the console script and `python -m briefing`).

    A build is a short-lived process: the cyclic garbage collector only costs it time, and so
    does tearing down hundreds of modules at exit, so both are skipped (the long-running
    `watch` turns the collector back on, and so does drawing charts in this process). Chart
    workers, if any were started, are stopped first, multiprocessing's temporary folder is
    removed, and output is flushed. This process being briefing's own, the chart server may
    be a fork of it (see `quick_imports.runs_as_program`).
    """
    gc.disable()
    # the only models this process validates are briefing's own: pydantic need not search
    # every installed distribution for plugins (unless the user asks for them)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    as_program()
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    kept_compiles.save()
    if "briefing.workers" in sys.modules:
        from .workers import shutdown

        shutdown()
    if "multiprocessing.util" in sys.modules:
        # what os._exit skips of multiprocessing's exit: removing its /tmp/pymp-* folder
        from multiprocessing import util

        util._exit_function()  # noqa: SLF001
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = _parser()
    try:
        args, unknown = parser.parse_known_args(argv)
        if unknown:  # shown with the usage of the command they were given to
            getattr(args, "command_parser", parser).error(
                f"unrecognized arguments: {' '.join(unknown)}")
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_INPUT
    if not getattr(args, "command", None):
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    try:
        return int(args.run(args) or EXIT_OK)
    except InputError as exc:
        report(exc.diagnostics)
        return EXIT_INPUT
    except UsageError as exc:
        print(f"briefing: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BriefingError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"briefing: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as exc:  # noqa: BLE001 - the one place that turns crashes into exit 1
        if args.debug:
            traceback.print_exc()
        else:
            print(f"briefing: internal error: {type(exc).__name__}: {exc}\n"
                  "  hint: run again with --debug to see the traceback, and report it",
                  file=sys.stderr)
        return EXIT_FAILED


def report(diagnostics: Sequence[Diagnostic]) -> None:
    """Print diagnostics to stderr, one line each (plus hints), then a count."""
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    if errors > 1:
        print(f"{errors} errors", file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from .batch import BatchOptions, build_many
    from .resources import default_spec

    specs = [Path(s) for s in args.specs] or [default_spec()]
    out = Path(args.output) if args.output else None
    _check_outputs(specs, out)
    _check_source_date_epoch()
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be 1 or more; got {args.jobs}")
    options = BatchOptions(out, args.theme, args.strict, args.png)
    if len(specs) == 1 and runs_as_program():
        from .models import allow_standins

        allow_standins()
    outcomes = build_many(specs, options, args.jobs,
                          on_outcome=lambda outcome: _progress(args, outcome, len(specs) > 1))
    if args.manifest:
        from .manifest import write_manifest

        write_manifest(Path(args.manifest), outcomes)
    if any(o.status == "failed" for o in outcomes):
        return EXIT_FAILED  # a crash is never reported as the user's fault
    return EXIT_INPUT if any(o.status == "invalid" for o in outcomes) else EXIT_OK


def _check_source_date_epoch() -> None:
    from .epoch import source_date_epoch

    try:
        source_date_epoch()
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _check_outputs(specs: Sequence[Path], out: Path | None) -> None:
    if out is not None and out.is_file() and (len(specs) > 1 or out.suffix.lower() != ".pdf"):
        raise UsageError(f"-o {str(out)!r} is a file; give a folder"
                         + (" for several specs" if len(specs) > 1 else ""))
    if len(specs) == 1:
        return
    if out is not None and out.suffix.lower() == ".pdf":
        raise UsageError("-o must be a folder when several specs are given")
    seen: dict[str, Path] = {}
    for spec in specs:
        if spec.stem in seen:
            raise UsageError(f"{seen[spec.stem]} and {spec} would both be built to "
                             f"{spec.stem}.pdf; build them in separate calls")
        seen[spec.stem] = spec


def _progress(args: argparse.Namespace, outcome: Outcome, batch: bool) -> None:
    """Print how one brief of a build went: its PDF, or its errors."""
    name = outcome.spec.name
    if outcome.result is not None:
        report([*outcome.result.warnings, *outcome.errors])  # errors: the PDF's previews
        if args.quiet:
            return
        if batch:
            result = outcome.result
            print(f"{name}: {result.pages} page{'s' if result.pages != 1 else ''}, "
                  f"{result.seconds:.2f} s -> {result.pdf}", flush=True)
        else:
            print(outcome.result.pdf, flush=True)
    elif outcome.failure is not None:
        _print_failure(args, f"{outcome.spec}: build failed", outcome.failure)
    else:
        report(outcome.errors)
        if batch and not args.quiet:
            count = sum(1 for d in outcome.errors if d.severity == "error")
            print(f"{name}: not built ({count} error{'s' if count != 1 else ''})",
                  file=sys.stderr, flush=True)


def _print_failure(args: argparse.Namespace, what: str, failure: str) -> None:
    summary, _, trace = failure.partition("\n")
    if args.debug and trace:
        print(trace.rstrip(), file=sys.stderr)
    print(f"briefing: internal error: {what}: {summary}", file=sys.stderr, flush=True)
    if not args.debug:
        print("  hint: run again with --debug to see the traceback, and report it",
              file=sys.stderr, flush=True)


def _validate(args: argparse.Namespace) -> int:
    from .loader import load_spec

    failed = 0
    for spec in args.specs:
        try:
            brief = load_spec(spec, theme=args.theme)
        except InputError as exc:
            report(exc.diagnostics)
            failed += 1
            continue
        if args.strict and brief.warnings:
            report(as_errors(brief.warnings))
            failed += 1
            continue
        report(brief.warnings)
        print(f"{spec}: ok")
    return EXIT_INPUT if failed else EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    text = schema_text()
    if args.output:
        from .starter import SCHEMA_FILE
        from .write import write_output

        output = Path(args.output)
        hint = (f"give a file name, e.g. -o {output / SCHEMA_FILE}" if output.is_dir()
                else "choose a file you can write to (-o)")
        write_output(output, text.encode(), "the schema", hint)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _charts(args: argparse.Namespace) -> int:
    from .charts.catalog import describe_charts

    sys.stdout.write(describe_charts(args.kind))
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from .starter import FolderNotEmpty, create_starter

    folder = Path(args.folder)
    try:
        files = create_starter(folder)
    except FolderNotEmpty as exc:
        raise UsageError(str(exc)) from None
    for path in files:
        print(path)
    spec = next((p for p in files if p.suffix == ".yaml"), folder)
    print(f"next: briefing watch {spec}", file=sys.stderr)
    return EXIT_OK


def _watch(args: argparse.Namespace) -> int:
    gc.enable()  # a watcher runs for hours: its garbage must be collected
    import time

    from .watch import Rebuild, watch, watched_files

    spec = Path(args.spec)
    if not spec.is_file():  # a typo at the start is an error; a spec renamed away later is not
        raise spec_not_found(spec)
    _check_source_date_epoch()

    def show(event: Rebuild) -> None:
        stamp = time.strftime("%H:%M:%S")
        if event.result is not None:
            report(event.result.warnings)
            pages = event.result.pages
            print(f"{stamp} {event.result.pdf}: {pages} page{'s' if pages != 1 else ''}, "
                  f"{event.seconds:.2f} s", flush=True)
        elif event.failure is not None:
            _print_failure(args, f"{event.spec}: build failed", event.failure)
        else:
            report(event.errors)
            kept = (f"kept {event.pdf} from the last good build" if event.pdf.exists()
                    else "no PDF yet")
            print(f"{stamp} not rebuilt; {kept}", file=sys.stderr, flush=True)

    others = len(watched_files(spec, args.theme)) - 1
    print(f"watching {spec} and {others} file{'s' if others != 1 else ''} it uses; "
          "Ctrl-C to stop", file=sys.stderr, flush=True)
    code = watch(spec, Path(args.output) if args.output else None, theme=args.theme,
                 strict=args.strict, on_build=show)
    print("stopped", file=sys.stderr)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Compile a YAML brief spec into a typeset PDF.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show Python tracebacks")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, run: Callable[[argparse.Namespace], int], help: str
                ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help, parents=[common])
        sub.set_defaults(run=run, command_parser=sub)
        return sub

    build = command("build", _build, "build briefs into PDFs (default: the bundled brief)")
    build.add_argument("specs", nargs="*", metavar="SPEC", help="spec files to build")
    build.add_argument("-o", "--output", metavar="OUT",
                       help="output folder (default ./out), or a .pdf path for one spec")
    build.add_argument("--theme", metavar="T", help="theme name or file, overriding the spec's")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    build.add_argument("-j", "--jobs", type=int, metavar="N",
                       help="build N briefs at once (default: one per core)")
    build.add_argument("--manifest", metavar="FILE",
                       help="write a JSON manifest of what was built (sha256, pages, warnings)")
    build.add_argument("--png", action="store_true",
                       help="also write a PNG preview of every page beside the PDF")

    validate = command("validate", _validate, "check specs without building; prints ok or errors")
    validate.add_argument("specs", nargs="+", metavar="SPEC")
    validate.add_argument("--theme", metavar="T", help="theme name or file to check against")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")

    schema = command("schema", _schema, "print the JSON Schema of the spec, for editors")
    schema.add_argument("-o", "--output", metavar="FILE", help="write it to FILE")

    charts = command("charts", _charts, "list the chart kinds with their options and an example")
    charts.add_argument("kind", nargs="?", help="show only this chart kind")

    new = command("new", _new, "create a starter brief that builds as it is")
    new.add_argument("folder", metavar="DIR")

    watch = command("watch", _watch, "rebuild whenever the spec, its data or its theme change")
    watch.add_argument("spec", metavar="SPEC")
    watch.add_argument("-o", "--output", metavar="OUT", help="output folder or .pdf path")
    watch.add_argument("--theme", metavar="T", help="theme name or file, overriding the spec's")
    watch.add_argument("--strict", action="store_true", help="treat warnings as errors")
    return parser
