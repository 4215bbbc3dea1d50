"""The spec model: every key a brief spec may hold, declared once with its description."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from .charts import CHARTS
from .models import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
"""A BCP 47 language tag, as the PDF's /Lang wants it: 'en', 'en-GB'."""


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Author(Model):
    """An author of the brief."""

    name: str = Field(description="Full name as it should appear on the cover.")
    affiliation: str | None = Field(None, description="Institution the author belongs to.")
    bio: str | None = Field(None, description="One or two sentences for 'About the authors'.")


class ColumnSpec(Model):
    """How a dataset column is shown to readers."""

    label: str | None = Field(None, description="Label in tables and on chart axes.")


class DatasetSpec(Model):
    """A dataset: a CSV file or inline rows, and the source it comes from."""

    file: str | None = Field(None, description="CSV file, relative to the spec's folder.")
    rows: list[dict[str, Any]] | None = Field(
        None, description="Rows written inline, as a list of mappings.")
    source: str = Field(description="Where the numbers come from; printed under every figure "
                        "and table that uses the dataset and in the Sources section.")
    note: str | None = Field(None, description="A note on the data, e.g. how it was derived.")
    url: str | None = Field(None, description="Link to the source.")
    columns: dict[str, ColumnSpec] = Field(
        default={}, description="Labels for columns, keyed by column name.")

    @model_validator(mode="after")
    def _file_or_rows(self) -> DatasetSpec:
        if (self.file is None) == (self.rows is None):
            raise ValueError("give either 'file' or 'rows'")
        return self


class TableColumn(Model):
    """A table column with its label and number format."""

    column: str = Field(description="Dataset column shown.")
    label: str | None = Field(None, description="Header text; defaults to the column's label.")
    decimals: int | None = Field(None, ge=0, le=6, description="Digits after the decimal point.")
    prefix: str = Field("", description="Text before each number, e.g. '$'.")
    suffix: str = Field("", description="Text after each number, e.g. '%'.")
    align: Literal["left", "center", "right"] | None = Field(
        None, description="Alignment; numbers default to right, text to left.")


def _column_form(value: Any) -> str:
    """Tell a column given with options (a mapping) from one given by name, so a mistake in
    the options is reported once, not also as 'expected text'."""
    return "options" if isinstance(value, dict | TableColumn) else "name"


TableColumnEntry = Annotated[
    Union[Annotated[str, Tag("name")], Annotated[TableColumn, Tag("options")]],  # noqa: UP007
    Discriminator(_column_form),
]


class TableSpec(Model):
    """A table drawn from a dataset."""

    id: str | None = Field(None, description="Unique id of the table.")
    data: str = Field(description="Name of the dataset (a key under `data:`).")
    columns: list[TableColumnEntry] | None = Field(
        None, description="Columns to show, by name or with options; default all.")
    title: str | None = Field(None, description="Title stating what the table shows.")
    caption: str | None = Field(None, description="Caption under the table (Markdown).")
    source: str | None = Field(None, description="Source line; defaults to the dataset's.")
    note: str | None = Field(None, description="Note under the table.")


class KeyFigure(Model):
    """A stat card: a big value and a short label."""

    value: str = Field(description="The number as printed, e.g. '$3.223bn'.")
    label: str = Field(description="What the number is, in a few words.")
    note: str | None = Field(None, description="Source or date in small type.")


class CalloutSpec(Model):
    """A titled, tinted box."""

    title: str | None = Field(None, description="Heading of the box.")
    text: str = Field(description="Content (Markdown).")


class QuoteSpec(Model):
    """A pull quote."""

    text: str = Field(description="The quoted words, without quotation marks.")
    attribution: str | None = Field(None, description="Who said or wrote it.")


def _figure_union() -> Any:
    members = tuple(kind.options for kind in CHARTS.values())
    if len(members) == 1:
        return members[0]
    return Annotated[Union[members], Field(discriminator="chart")]  # noqa: UP007


FigureSpec = _figure_union()


class TextBlock(Model):
    text: str = Field(description="CommonMark text: paragraphs, emphasis, links, lists, "
                      "footnotes. HTML is shown literally.")


class FigureBlock(Model):
    figure: FigureSpec = Field(description="A numbered chart with caption and source.")


class TableBlock(Model):
    table: TableSpec = Field(description="A numbered table with caption and source.")


class KeyFiguresBlock(Model):
    key_figures: list[KeyFigure] = Field(min_length=1, description="A row of stat cards.")


class CalloutBlock(Model):
    callout: CalloutSpec = Field(description="A titled, tinted box of Markdown text.")


class QuoteBlock(Model):
    quote: QuoteSpec = Field(description="A pull quote with attribution.")


class PageBreakBlock(Model):
    page_break: bool = Field(description="`true` starts a new page here.")


BLOCK_MODELS: dict[str, type[Model]] = {
    "text": TextBlock,
    "figure": FigureBlock,
    "table": TableBlock,
    "key_figures": KeyFiguresBlock,
    "callout": CalloutBlock,
    "quote": QuoteBlock,
    "page_break": PageBreakBlock,
}


def block_kind(value: Any) -> str | None:
    """Return the kind of a block: the one key of its mapping."""
    if isinstance(value, dict) and len(value) == 1:
        (key,) = value
        return key if key in BLOCK_MODELS else None
    if isinstance(value, BaseModel):
        return next(iter(type(value).model_fields))
    return None


Block = Annotated[
    Union[tuple(Annotated[model, Tag(kind)] for kind, model in BLOCK_MODELS.items())],  # noqa: UP007
    Discriminator(block_kind),
]


class Section(Model):
    """A numbered section of the brief."""

    title: str = Field(description="Section heading, also shown in the PDF outline.")
    id: str | None = Field(None, description="Anchor for links, e.g. [see](#challenges).")
    numbered: bool = Field(True, description="Number the heading (1, 2, …).")
    blocks: list[Block] = Field(default=[], description="The section's content, in "
                                "order; each block is a one-key mapping naming its kind.")


class Spec(Model):
    """A policy brief."""

    title: str = Field(description="Title on the cover and in the PDF metadata.")
    subtitle: str | None = Field(None, description="Subtitle on the cover.")
    short_title: str | None = Field(None, description="Running header; defaults to the title.")
    series: str | None = Field(None, description="Series label on the cover, e.g. 'Policy Brief'.")
    number: str | None = Field(None, description="Issue number in the series, e.g. 'No. 7'.")
    date: dt.date = Field(description="Publication date (YYYY-MM-DD).")
    language: str = Field("en", pattern=LANGUAGE_PATTERN,
                          description="Language of the text, as a BCP 47 tag.")
    authors: list[Author] = Field(default=[], description="Authors, in order.")
    organisation: str | None = Field(None, description="Publisher shown on the cover.")
    theme: str = Field("policy", description="Theme name under templates/themes/, or a path "
                       "to a theme file.")
    data: dict[str, DatasetSpec] = Field(default={}, description="Datasets by name.")
    key_messages: list[str] = Field(default=[], max_length=8,
                                    description="Key messages boxed on the first page (Markdown).")
    sections: list[Section] = Field(min_length=1, description="The body of the brief.")
    about: str | None = Field(None, description="Text of 'About the authors' (Markdown); "
                              "defaults to the authors' bios and affiliations.")
    toc: bool = Field(False, description="Print a table of contents after the cover.")
    max_pages: int | None = Field(None, ge=1, description="Page budget; a longer brief is a "
                                  "warning (an error under --strict).")
    keywords: list[str] = Field(default=[], description="PDF keywords.")
    subject: str | None = Field(None, description="PDF subject; defaults to the subtitle.")
