"""Importing matplotlib for drawing charts, without the help text only interactive use reads."""

from __future__ import annotations


def import_matplotlib() -> None:
    """Import matplotlib's artists, skipping the `set()` docstrings they build when defined.

    Each Artist subclass inspects all its setters and their docstrings, as it is defined, to
    write the signature and help text of its `set()` method: about 0.15 s of the ~1 s
    matplotlib takes to import here, for text a chart never reads. `set()` itself works the
    same without them.
    """
    from matplotlib.artist import Artist

    if "_update_set_signature_and_docstring" in vars(Artist):
        Artist._update_set_signature_and_docstring = classmethod(  # noqa: SLF001
            lambda cls: None)
