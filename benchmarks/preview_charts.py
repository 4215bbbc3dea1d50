"""Preview every chart of a spec on plain pages: `python benchmarks/preview_charts.py SPEC OUT.pdf`.

Places the charts with ChartFlowable in a SimpleDocTemplate, independent of the layout engine,
so chart kinds can be looked at (with `pdftoppm -png -r 100 OUT.pdf /tmp/p`) in any theme.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path


def preview(spec: Path, theme: str | None = None, chart_font: str | None = None) -> bytes:
    """Return a PDF with every chart of spec under its title."""
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    from briefing.charts.embed import ChartFlowable
    from briefing.charts.pipeline import draw_charts
    from briefing.loader import load_spec

    brief = load_spec(spec, theme=theme)
    if chart_font:
        fonts = brief.theme.fonts.model_copy(update={"chart": chart_font})
        brief.theme = brief.theme.model_copy(update={"fonts": fonts})
    charts = draw_charts(brief)
    styles = getSampleStyleSheet()
    story: list = []
    for (s, b), chart in charts.items():
        figure = brief.spec.sections[s].blocks[b].figure
        story += [Paragraph(f"{figure.chart}: {figure.title}", styles["Heading4"]),
                  ChartFlowable(chart), Spacer(1, 12)]
    buffer = io.BytesIO()
    width, height = brief.theme.page_size
    margin = (width - brief.theme.frame_width) / 2
    SimpleDocTemplate(buffer, pagesize=(width, height), leftMargin=margin, rightMargin=margin,
                      invariant=1).build(story)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("spec", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--theme")
    parser.add_argument("--chart-font", help="override the theme's chart font family")
    args = parser.parse_args()
    args.out.write_bytes(preview(args.spec, args.theme, args.chart_font))
    return 0


if __name__ == "__main__":
    sys.exit(main())
