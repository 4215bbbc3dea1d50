"""Diagnostics and the errors that carry them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column are 1-based."""

    path: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem (or warning) found in the input."""

    location: Location
    where: str
    message: str
    hint: str | None = None
    severity: str = "error"

    def format(self) -> str:
        """Return the diagnostic as `PATH:LINE:COL: error: WHERE: WHAT` plus a hint line."""
        where = f"{self.where}: " if self.where else ""
        text = f"{self.location}: {self.severity}: {where}{self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


def as_errors(warnings: list[Diagnostic]) -> list[Diagnostic]:
    """Return warnings as errors, as --strict reports them."""
    return [Diagnostic(w.location, w.where, w.message,
                       (w.hint + "; " if w.hint else "") + "--strict makes warnings errors",
                       severity="error") for w in warnings]


class BriefingError(Exception):
    """Base class of every error the library raises on purpose."""


@dataclass
class InputError(BriefingError):
    """The user's input is wrong; carries every problem found (at least one)."""

    diagnostics: list[Diagnostic]

    def __post_init__(self) -> None:
        if not self.diagnostics:
            # An InputError with nothing to report would fail a command without a word.
            raise ValueError("an InputError needs at least one diagnostic")
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)


class BuildFailure(BriefingError):
    """The build failed for a reason that is not the user's input."""


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """Return a 'did you mean' hint for the closest choice, if one is close."""
    import difflib

    names = [str(c) for c in choices]
    by_case = {name.casefold(): name for name in names}
    close = difflib.get_close_matches(str(word).casefold(), list(by_case), n=1, cutoff=0.6)
    return f"did you mean {by_case[close[0]]!r}?" if close else None


def all_of(items: list[str]) -> str:
    """Return `a, b and c` for a list of items."""
    return _listing(items, "and")


def one_of(choices: list[str] | tuple[str, ...]) -> str:
    """Return `'a', 'b' or 'c'` for a list of choices."""
    return _listing([repr(c) for c in choices], "or")


def _listing(items: list[str], word: str) -> str:
    return "".join(items) if len(items) <= 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def spec_not_found(path: Path) -> InputError:
    """Return the error for a spec path that names no file."""
    return InputError([Diagnostic(Location(path), "", "spec not found",
                                  "check the path; 'briefing new DIR' makes a starter brief")])
