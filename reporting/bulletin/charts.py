"""Charts as server-rendered SVG: plain functions that take rows and return markup.

The same markup goes into the dashboard page and into the bulletin's PDF (WeasyPrint draws inline SVG), so
both show the same picture with no JavaScript and no chart library. Only presentation attributes are used,
never `style`, so the Content-Security-Policy has nothing to forbid. Colours print legibly in grey too.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..selectors.figures import PeriodFigures

FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif'
RED = "#a61b1b"
BLUE = "#2f5d8a"
GREEN = "#3b7d4f"
AMBER = "#c07a12"
GREY = "#8a8a8a"
GRID = "#dddddd"
TEXT = "#333333"

Number = int | float | Decimal


def _nice_ceiling(value: float) -> float:
    """The next "round" number (1, 2, 2.5, 5 × 10ⁿ) at or above `value`, for the top of an axis."""
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return candidate
    return 10 ** (exponent + 1)


def _short(value: Number) -> str:
    """A number short enough to print above a bar: 12,345 → 1.2万; 3.5 → 3.5; 1,200,000 → 120万."""
    number = float(value)
    if abs(number) >= 10000:
        text = f"{number / 10000:.1f}".rstrip("0").rstrip(".")
        return f"{text}万"
    if number == int(number):
        return f"{int(number):,}"
    return f"{number:,.1f}"


def _text(x: float, y: float, content: str, *, size: int = 11, anchor: str = "middle", **attrs) -> str:
    extra = "".join(f' {key.replace("_", "-")}="{escape(value)}"' for key, value in attrs.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{TEXT}"{extra}>'
        f"{escape(content)}</text>"
    )


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{escape(FONT)}"><title>{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def _legend(series: Sequence[tuple[str, str]], x: float, y: float) -> list[str]:
    parts = []
    for name, color in series:
        parts.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{color}"/>')
        parts.append(_text(x + 14, y, name, anchor="start"))
        x += 14 + 12 * len(name) + 16
    return parts


def bar_chart(
    rows: Sequence[tuple[str, Sequence[Number]]],
    *,
    title: str,
    series: Sequence[tuple[str, str]] = (("", RED),),
    unit: str = "",
    width: int = 640,
    height: int = 240,
) -> SafeString:
    """Vertical bars, one group per row (a month), one bar per series (new and closed cases; paid and
    recovered money). `rows` are (label, values in the order of `series`)."""
    top, bottom, left, right = 34, 28, 52, 12
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((float(v) for _label, values in rows for v in values), default=0)
    ceiling = _nice_ceiling(peak)
    body = [_text(left, 16, title, size=13, anchor="start", font_weight="bold")]
    if len(series) > 1 or series[0][0]:
        body += _legend(series, width - right - sum(30 + 12 * len(n) for n, _c in series), 16)
    for step in range(5):
        value = ceiling * step / 4
        y = top + plot_h - plot_h * step / 4
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y + 4, _short(value), size=10, anchor="end"))
    if unit:
        body.append(_text(left - 6, top - 8, unit, size=10, anchor="end"))
    if not rows:
        body.append(_text(left + plot_w / 2, top + plot_h / 2, "—", size=14))
        return _svg(width, height, title, body)
    group_w = plot_w / len(rows)
    bar_w = min(28, group_w * 0.7 / len(series))
    for index, (label, values) in enumerate(rows):
        x0 = left + group_w * index + (group_w - bar_w * len(series)) / 2
        for position, (value, (_name, color)) in enumerate(zip(values, series, strict=True)):
            h = plot_h * float(value) / ceiling if ceiling else 0
            x = x0 + bar_w * position
            y = top + plot_h - h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{color}"/>'
            )
            if value:
                body.append(_text(x + (bar_w - 2) / 2, y - 3, _short(value), size=9))
        body.append(_text(left + group_w * index + group_w / 2, height - 10, label, size=10))
    body.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{GREY}"/>'
    )
    return _svg(width, height, title, body)


def horizontal_bar_chart(
    rows: Sequence[tuple[str, Number]],
    *,
    title: str,
    unit: str = "",
    maximum: Number | None = None,
    color: str = BLUE,
    width: int = 640,
    percent: bool = False,
    low: Number | None = None,
) -> SafeString:
    """One bar per row (an industry, a member unit), longest first as given. With `percent`, values are
    0–100 and print with a % sign; bars under `low` are drawn in red (a unit reporting late)."""
    label_w, right, top, bar_h, gap = 130, 70, 30, 16, 6
    height = top + len(rows) * (bar_h + gap) + 12
    plot_w = width - label_w - right
    peak = float(maximum) if maximum is not None else max((float(v) for _l, v in rows), default=0)
    peak = peak or 1
    body = [_text(0, 16, title, size=13, anchor="start", font_weight="bold")]
    if unit:
        body.append(_text(width, 16, unit, size=10, anchor="end"))
    if not rows:
        body.append(_text(width / 2, top + 14, "—", size=14))
        return _svg(width, top + 30, title, body)
    for index, (label, value) in enumerate(rows):
        y = top + index * (bar_h + gap)
        w = plot_w * min(float(value), peak) / peak
        fill = RED if low is not None and float(value) < float(low) else color
        body.append(_text(label_w - 8, y + bar_h - 4, label, size=11, anchor="end"))
        body.append(f'<rect x="{label_w}" y="{y}" width="{plot_w:.1f}" height="{bar_h}" fill="#f1f1f1"/>')
        body.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{fill}"/>')
        shown = f"{float(value):.0f}%" if percent else _short(value)
        body.append(_text(label_w + plot_w + 6, y + bar_h - 4, shown, size=11, anchor="start"))
    return _svg(width, height, title, body)


def rate_chart(rate: Number | None, *, title: str, caption: str = "", width: int = 220) -> SafeString:
    """A ring showing a share (the recovery rate: wages paid of wages owed in the cases closed)."""
    height = width * 0.8
    cx, cy, r = width / 2, height / 2 + 10, width * 0.28
    circumference = 2 * math.pi * r
    body = [_text(width / 2, 16, title, size=13, font_weight="bold")]
    body.append(
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="none" stroke="#eeeeee" stroke-width="16"/>'
    )
    if rate is None:
        body.append(_text(cx, cy + 6, "—", size=18))
    else:
        share = max(0.0, min(float(rate), 100.0)) / 100
        body.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="none" stroke="{GREEN}" stroke-width="16" '
            f'stroke-dasharray="{circumference * share:.1f} {circumference:.1f}" '
            f'transform="rotate(-90 {cx:.1f} {cy:.1f})"/>'
        )
        body.append(_text(cx, cy + 7, f"{float(rate):.1f}%", size=18, font_weight="bold"))
    if caption:
        body.append(_text(cx, height - 2, caption, size=10))
    return _svg(width, int(height + 6), title, body)


def period_charts(figures: PeriodFigures) -> dict[str, str]:
    """The charts the dashboard and the bulletin share."""
    return {
        "cases_by_month": bar_chart(
            [(f"{m.month}月", (new, closed)) for m, new, closed in figures.cases_by_month],
            title=_("案件受理和办结（按月）"),
            series=((_("新受理"), RED), (_("办结"), BLUE)),
            unit=_("件"),
        ),
        "cases_by_industry": horizontal_bar_chart(
            [(row.label, row.windows[0].new) for row in figures.industries],
            title=_("新受理案件（按行业）"),
            unit=_("件"),
            color=RED,
        ),
        "recovery_rate": rate_chart(
            figures.cases[0].recovery_rate, title=_("追回率"), caption=_("办结案件追回工资 / 欠薪金额")
        ),
        "reporting": horizontal_bar_chart(
            [(row.unit_name, row.timeliness) for row in figures.reporting if row.timeliness is not None],
            title=_("成员单位报送及时率"),
            maximum=100,
            percent=True,
            color=GREEN,
            low=80,
        ),
        "fund_by_month": bar_chart(
            [(f"{m.month}月", (paid, recovered)) for m, paid, recovered in figures.fund_by_month],
            title=_("周转金垫付和追回（按月）"),
            series=((_("垫付"), AMBER), (_("追回"), GREEN)),
            unit=_("元"),
        ),
    }
