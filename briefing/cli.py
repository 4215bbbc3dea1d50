"""The command line: parses arguments, runs one command, maps errors to exit codes.

Exit codes: 0 built or valid; 1 the build failed for a reason that is not the input;
2 the input is wrong (spec, data, theme, path or command-line usage).
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .errors import BriefingError, Diagnostic, InputError

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


class UsageError(BriefingError):
    """The command line itself is wrong."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
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
    from .build import compile_brief
    from .resources import default_spec

    specs = [Path(s) for s in args.specs] or [default_spec()]
    if len(specs) > 1 and args.output and Path(args.output).suffix.lower() == ".pdf":
        raise UsageError("-o must be a folder when several specs are given")
    if len(specs) > 1 and args.output and Path(args.output).is_file():
        raise UsageError(f"-o {args.output!r} is a file; give a folder for several specs")
    out = Path(args.output) if args.output else None
    failed = 0
    for spec in specs:
        try:
            result = compile_brief(spec, out, theme=args.theme, strict=args.strict)
        except InputError as exc:
            report(exc.diagnostics)
            failed += 1
            continue
        report(result.warnings)
        if not args.quiet:
            print(result.pdf)
    return EXIT_INPUT if failed else EXIT_OK


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
            from .build import _as_error

            report([_as_error(w) for w in brief.warnings])
            failed += 1
            continue
        report(brief.warnings)
        print(f"{spec}: ok")
    return EXIT_INPUT if failed else EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from .schema import spec_schema

    text = json.dumps(spec_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        from .write import write_atomic

        write_atomic(Path(args.output), text.encode())
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _charts(args: argparse.Namespace) -> int:
    from .charts.catalog import describe_charts

    sys.stdout.write(describe_charts(args.kind))
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from .starter import create_starter

    for path in create_starter(Path(args.folder)):
        print(path)
    return EXIT_OK


def _watch(args: argparse.Namespace) -> int:
    from .watch import watch

    return watch(Path(args.spec), Path(args.output) if args.output else None,
                 theme=args.theme, strict=args.strict)


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
        sub.set_defaults(run=run)
        return sub

    build = command("build", _build, "build briefs into PDFs (default: the bundled brief)")
    build.add_argument("specs", nargs="*", metavar="SPEC", help="spec files to build")
    build.add_argument("-o", "--output", metavar="OUT",
                       help="output folder (default ./out), or a .pdf path for one spec")
    build.add_argument("--theme", metavar="T", help="theme name or file, overriding the spec's")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("-q", "--quiet", action="store_true", help="print only problems")

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
