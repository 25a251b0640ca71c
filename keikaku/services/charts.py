"""Server-side SVG charts, the one chart maker of the web pages and the PDF report: indicator trends,
status bars, SDG badges, and money (cost per year by funding source, cost per unit over time).

Every function is pure and returns an SVG markup string (stdlib only, no scripts, no external
assets). Charts are meant to be readable without colour and by screen readers: the root has
``role="img"`` and ``aria-labelledby`` pointing at a ``<title>`` and a ``<desc>`` text summary,
series differ by marker shape and dash pattern (bar segments by fill pattern), labels are
Japanese unless ``lang="en"``, fonts are inherited from the page and a ``viewBox`` with
``width="100%"`` lets them scale. Plan text is untrusted: every text value goes through
:func:`_clean`. Element ids are ``{chart_id}-title``, ``{chart_id}-desc`` and ``{chart_id}-p{n}``
(``chart_id`` reduced to ``[A-Za-z0-9_-]``), so give each chart on a page its own ``chart_id``.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from keikaku.domain.sdg import SDG_BY_NUMBER
from keikaku.services.formatting import decimals, number
from keikaku.services.survey_working import baseline_interval, sample_of
from keikaku.domain.fiscal import era_label, era_short, fiscal_year_ja  # noqa: F401 (era_label is part of this module's API)

SVG_NS = "http://www.w3.org/2000/svg"
FONT_SIZE = 12
WIDTH = 640

# (first fiscal year, calendar year of 元年, name, initial). A fiscal year (April–March) takes the
# era in force for most of it: FY2019 is 令和元年度, FY1988 昭和63年度, FY1926 大正15年度.

_TEXT = {
    "ja": {
        "actual": "実績", "expected": "想定推移", "baseline": "基準値", "target": "目標",
        "no_data": "データなし", "unit": "単位: {}", "missing": "値なし", "total": "計 {}",
        "status_title": "状況別の件数", "sep": "、", "end": "。",
        "interval": "{}%信頼区間", "interval_at": "{} から {}",
    },
    "en": {
        "actual": "Actual", "expected": "Expected path", "baseline": "Baseline", "target": "Target",
        "no_data": "No data", "unit": "Unit: {}", "missing": "no value", "total": "total {}",
        "status_title": "Count by status", "sep": ", ", "end": ". ",
        "interval": "{}% confidence interval", "interval_at": "{} to {}",
    },
}

# Indicator series: (colour, stroke-dasharray).
_SERIES = {
    "actual": ("#1f4e99", None),
    "expected": ("#6b6b6b", "7 4"),
    "target": ("#a34f00", "2 3"),
    "baseline": ("#333333", None),
    "interval": ("#1f4e99", None),  # a survey share's confidence interval: a light band with error bars
}
INTERVAL_FILL = "#d6e2f5"
# Legend items wrap before this x: a 390-px phone shows the first ~395 of the drawing's 640 units
# without scrolling (the drawing keeps a 37rem minimum width there, style.css), so no item is cut.
LEGEND_RIGHT = 380
AXIS, GRID, MUTED = "#595959", "#dddddd", "#444444"

# Status segments: colours by position, and a fill pattern each so that hue is never the only cue.
_PALETTE = ("#1b7837", "#2166ac", "#d37a0c", "#b2182b", "#6a3d9a", "#6b6b6b", "#8c510a")
_PATTERNS = {  # 8×8 tile drawn over a light tint of the colour ({c}); None: no texture
    "solid": None,
    "hatch": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{c}" stroke-width="2"/>',
    "dots": '<circle cx="2" cy="2" r="1.6" fill="{c}"/><circle cx="6" cy="6" r="1.6" fill="{c}"/>',
    "cross": '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="{c}" stroke-width="1.5"/>',
    "blank": "",
    "hlines": '<path d="M0,2 h8 M0,6 h8" stroke="{c}" stroke-width="1.5"/>',
    "vlines": '<path d="M2,0 v8 M6,0 v8" stroke="{c}" stroke-width="1.5"/>',
}

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def fiscal_year_label(year: int, lang: str = "ja") -> str:
    """令和3年度 (2021) in Japanese, FY2021 in English."""
    return f"FY{year}" if _lang(lang) == "en" else fiscal_year_ja(year)


format_number = number  # the one formatter (services/formatting.py)


def _with_unit(value: float, unit: str | None, lang: str) -> str:
    number = format_number(value)
    if not unit:
        return number
    return f"{number}{unit}" if lang == "ja" or unit in ("%", "％") else f"{number} {unit}"


def nice_ticks(lo: float, hi: float) -> list[float]:
    """4–6 evenly spaced round values covering [lo, hi]; 0 is included for wide one-signed ranges."""
    lo, hi = min(lo, hi), max(lo, hi)
    if lo == hi:
        pad = abs(lo) * 0.2
        lo, hi = (0.0, 1.0) if pad == 0 else (lo - pad, hi + pad)
    elif 0 < lo < hi / 2:
        lo = 0.0
    elif lo / 2 < hi < 0:
        hi = 0.0
    exp = math.floor(math.log10((hi - lo) / 6))
    fallback = None
    for multipliers in ((1, 2, 5), (1, 2, 2.5, 5)):  # 2.5 steps only when nothing rounder fits
        for e in range(exp - 1, exp + 3):
            for m in multipliers:
                step = m * 10.0**e
                first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
                if last - first + 1 <= 6:
                    ticks = [round(k * step, 10) for k in range(first, last + 1)]
                    if len(ticks) >= 4:
                        return ticks
                    fallback = fallback or ticks
    return fallback or [lo, hi]


def _lang(lang: str) -> str:
    if lang not in _TEXT:
        raise ValueError(f"unsupported chart language {lang!r}; use 'ja' or 'en'")
    return lang


def _clean(text: object) -> str:
    """Untrusted text → inert character data: XML-illegal characters dropped, markup escaped."""
    return html.escape(_CONTROL.sub("", str(text)), quote=True)


def _safe_id(chart_id: str) -> str:
    cid = _ID_UNSAFE.sub("-", str(chart_id))
    return cid if cid[:1].isalpha() else f"c-{cid}"


def _f(v: float) -> str:
    """A coordinate with at most one decimal."""
    text = f"{v:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def _text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimated rendered width: full-width characters 1em, others 0.6em."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def _truncate(text: str, max_width: float) -> str:
    if _text_width(text) <= max_width:
        return text
    out, width = "", _text_width("…")
    for c in text:
        width += _text_width(c)
        if width > max_width:
            break
        out += c
    return out.rstrip() + "…"


def _open(cid: str, cls: str, size: tuple[float, float], lang: str, title: str, desc: str, extra: str = "") -> str:
    return (
        f'<svg xmlns="{SVG_NS}" class="{cls}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'viewBox="0 0 {_f(size[0])} {_f(size[1])}" width="100%" font-family="inherit" '
        f'font-size="{FONT_SIZE}" lang="{lang}"{extra}><title id="{cid}-title">{_clean(title)}</title>'
        f'<desc id="{cid}-desc">{_clean(desc)}</desc>'
    )


def _empty(cid: str, cls: str, lang: str, title: str) -> str:
    message = _TEXT[lang]["no_data"]
    return (
        _open(cid, f"{cls} chart-empty", (320, 60), lang, title or message, message, ' data-points="0"')
        + '<rect x="0.5" y="0.5" width="319" height="59" fill="none" stroke="#bbbbbb" stroke-dasharray="4 3"/>'
        + f'<text x="160" y="34" text-anchor="middle" fill="#555555">{message}</text></svg>'
    )


def _text(x: float, y: float, content: str, anchor: str = "start", extra: str = "") -> str:
    return f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}"{extra}>{_clean(content)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1, dash: str | None = None,
          extra: str = "") -> str:
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<line{extra} x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{stroke}" '
            f'stroke-width="{width}"{d}/>')


def _polyline(points: list[tuple[float, float]], kind: str, width: float) -> str:
    colour, dash = _SERIES[kind]
    d = f' stroke-dasharray="{dash}"' if dash else ""
    coords = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
    return (f'<polyline class="series {kind}" points="{coords}" fill="none" stroke="{colour}" '
            f'stroke-width="{width}" stroke-linejoin="round"{d}/>')


def _marker(kind: str, x: float, y: float, tooltip: str | None = None, cls: str = "marker") -> str:
    """Circle (actual), diamond (baseline) or square (target); the hollow shapes are drawn first
    and are larger, so an actual value in the same year shows inside them."""
    tip = f"<title>{_clean(tooltip)}</title>" if tooltip else ""
    colour = _SERIES[kind][0]
    if kind == "actual":
        return (f'<circle class="{cls} actual" cx="{_f(x)}" cy="{_f(y)}" r="4.5" fill="{colour}" stroke="#fff" '
                f'stroke-width="1.5">{tip}</circle>')
    if kind == "baseline":
        pts = f"{_f(x)},{_f(y - 7.5)} {_f(x + 7.5)},{_f(y)} {_f(x)},{_f(y + 7.5)} {_f(x - 7.5)},{_f(y)}"
        return (f'<polygon class="{cls} baseline" points="{pts}" fill="#fff" stroke="{colour}" '
                f'stroke-width="2">{tip}</polygon>')
    return (f'<rect class="{cls} target" x="{_f(x - 6.5)}" y="{_f(y - 6.5)}" width="13" height="13" fill="#fff" '
            f'stroke="{colour}" stroke-width="2">{tip}</rect>')


def _legend_rows(widths: list[float], left: float, right: float) -> list[list[tuple[int, float]]]:
    """Lay legend items out left to right, wrapping: rows of (item index, x)."""
    rows: list[list[tuple[int, float]]] = [[]]
    x = left
    for i, width in enumerate(widths):
        if rows[-1] and x + width > right:
            rows.append([])
            x = left
        rows[-1].append((i, x))
        x += width + 18
    return rows


def _value(v: float | None) -> float | None:
    return float(v) if v is not None and math.isfinite(v) else None


def _point(p: tuple[int, float] | None) -> tuple[int, float] | None:
    return (int(p[0]), float(p[1])) if p is not None and _value(p[1]) is not None else None


def _interp(line: list[tuple[int, float]], year: float) -> float | None:
    for (ya, va), (yb, vb) in zip(line, line[1:]):
        if ya <= year <= yb:
            return va + (vb - va) * (year - ya) / (yb - ya) if yb > ya else va
    return None


def indicator_chart(
    *,
    chart_id: str,
    name: str,
    unit: str | None,
    actuals: list[tuple[int, float | None]],
    baseline: tuple[int, float] | None,
    target: tuple[int, float] | None,
    expected: Iterable[tuple[int, float]] = (),
    lang: str = "ja",
    marks: Iterable[tuple[str, int, float | None, str]] = (),
    intervals: Iterable[tuple[int, float, float]] = (),
    confidence: float | None = None,
    baseline_interval: tuple[float, float] | None = None,
) -> str:
    """Line chart of an indicator over fiscal years.

    ``intervals`` are a survey share's confidence intervals, (year, low, high) at ``confidence``:
    drawn as a light band between the years' bounds with an error bar at each year
    (``data-intervals`` on the root counts them), named in the legend and the summary. The band
    is broken at an actual year without an interval (no sample), so that year never looks covered.
    ``baseline_interval`` (low, high) is the baseline's own interval: an error bar on the baseline
    point (``class="error-bar baseline-interval"``), in the summary too.

    ``marks`` are more baselines and targets, each (``"baseline"`` or ``"target"``, year, value,
    label), drawn with their symbol and named in the summary: another plan's, for an indicator
    that continues over generations.

    Actual values: solid line with circles (a ``None`` value leaves a gap). Expected path: dashed
    line through baseline, ``expected`` points and target (straight baseline → target if none are
    given). Target: dotted horizontal line, square at the target year and the label 目標.
    Baseline: diamond. ``data-points`` on the root counts the actual values drawn; with no value
    at all the result is a small "データなし" / "No data" box.
    """
    lang = _lang(lang)
    t = _TEXT[lang]
    cid = _safe_id(chart_id)
    acts = sorted({int(y): _value(v) for y, v in actuals}.items())  # one value a year, the last given
    pts = [(y, v) for y, v in acts if v is not None]
    base, tgt = _point(baseline), _point(target)
    given = [(int(y), float(v)) for y, v in expected if _value(v) is not None]
    path_by_year = dict([base] if base else []) | dict(given) | dict([tgt] if tgt else [])
    path = sorted(path_by_year.items()) if len(path_by_year) >= 2 else []
    more = [(k, int(y), float(v), str(lb)) for k, y, v, lb in marks if k in ("baseline", "target") and _value(v) is not None]
    bands = sorted({int(y): (float(lo), float(hi)) for y, lo, hi in intervals
                    if _value(lo) is not None and _value(hi) is not None and lo <= hi}.items())
    values = [v for _, v in pts] + [v for _, v in path] + [p[1] for p in (base, tgt) if p] + [v for _, _, v, _ in more]
    values += [v for _, b in bands for v in b]
    base_band = None
    if base and baseline_interval is not None and all(_value(v) is not None for v in baseline_interval) \
            and baseline_interval[0] <= baseline_interval[1]:
        base_band = (float(baseline_interval[0]), float(baseline_interval[1]))
        values += list(base_band)
    title = f"{name} ({t['unit'].format(unit)})" if unit else str(name)
    if not values:
        return _empty(cid, "chart indicator-chart", lang, title)

    def at(year: int, v: float | None) -> str:
        return f"{fiscal_year_label(year, lang)} {t['missing'] if v is None else _with_unit(v, unit, lang)}"

    summary = [f"{t[k]} {fiscal_year_label(p[0], lang)}: {_with_unit(p[1], unit, lang)}"
               for k, p in (("baseline", base), ("target", tgt)) if p]
    summary += [f"{lb} {t[k]} {fiscal_year_label(y, lang)}: {_with_unit(v, unit, lang)}" for k, y, v, lb in more]
    if between := [p for p in path if p not in (base, tgt)]:
        summary.append(f"{t['expected']}: " + t["sep"].join(at(*p) for p in between))
    if acts:
        summary.append(f"{t['actual']}: " + t["sep"].join(at(*p) for p in acts))
    band_name = t["interval"].format(format_number(round((confidence or 0.95) * 100, 1), None))
    if bands or base_band:
        base_text = ([f"{t['baseline']} {fiscal_year_label(base[0], lang)} "  # type: ignore[index]
                      + t["interval_at"].format(*(_with_unit(v, unit, lang) for v in base_band))] if base_band else [])
        summary.append(f"{band_name}: " + t["sep"].join(base_text + [
            f"{fiscal_year_label(y, lang)} " + t["interval_at"].format(_with_unit(lo, unit, lang), _with_unit(hi, unit, lang))
            for y, (lo, hi) in bands]))
    desc = "".join(s + t["end"] for s in summary).rstrip()

    # Legend rows at the top, a row for the unit, the plot, then two-line year labels.
    kinds = {k for k, *_ in more}
    keys = [k for k, present in (("actual", pts), ("expected", path), ("baseline", base or "baseline" in kinds),
                                 ("target", tgt or "target" in kinds), ("interval", bands or base_band)) if present]
    names = {k: band_name if k == "interval" else t[k] for k in keys}
    rows = _legend_rows([34 + _text_width(names[k]) for k in keys], 12, LEGEND_RIGHT)
    top = 8 + 20 * len(rows) + 28
    ticks = nice_ticks(min(values), max(values))
    places = max(decimals(v) for v in ticks)  # one number of decimals for the whole axis
    tick_labels = [format_number(v, places) for v in ticks]
    left, right = 12 + max(_text_width(s) for s in tick_labels) + 8, WIDTH - 16
    bottom = top + 200
    height = bottom + (43 if lang == "ja" else 29)
    years = [y for y, _ in acts] + [y for y, _ in path] + [p[0] for p in (base, tgt) if p] + [y for _, y, _, _ in more]
    years += [y for y, _ in bands]
    y0, y1 = min(years), max(years)

    def sx(year: float) -> float:
        return (left + right) / 2 if y1 == y0 else left + 20 + (year - y0) / (y1 - y0) * (right - left - 40)

    def sy(v: float) -> float:
        return bottom - (v - ticks[0]) / (ticks[-1] - ticks[0]) * (bottom - top)

    extra = f' data-points="{len(pts)}"' + (f' data-intervals="{len(bands)}"' if bands else "")
    out = [_open(cid, "chart indicator-chart", (WIDTH, height), lang, title, desc, extra)]
    out.append('<g class="legend">')
    for r, row in enumerate(rows):
        ly = 18 + 20 * r
        for i, x in row:
            key = keys[i]
            if key == "interval":
                out.append(f'<rect x="{_f(x)}" y="{_f(ly - 6)}" width="26" height="12" fill="{INTERVAL_FILL}" '
                           f'stroke="{_SERIES["interval"][0]}" stroke-width="0.75"/>')
                out.append(_line(x + 13, ly - 6, x + 13, ly + 6, _SERIES["interval"][0], 1.5))
                out.append(_text(x + 34, ly + 4, names[key]))
                continue
            if key != "baseline":
                out.append(_line(x, ly, x + 26, ly, _SERIES[key][0], 1.5 if key == "target" else 2, _SERIES[key][1]))
            if key != "expected":
                out.append(_marker(key, x + 13, ly, cls="symbol"))
            out.append(_text(x + 34, ly + 4, t[key]))
    out.append("</g>")
    if unit:
        out.append(_text(12, top - 12, t["unit"].format(unit), extra=f' class="unit" fill="{MUTED}"'))

    out.append(f'<g class="y-axis" fill="{MUTED}">')
    for v, label in zip(ticks, tick_labels):
        y = sy(v)
        out.append(f'<g class="y-tick" data-value="{v!r}">' + _line(left, y, right, y, "#8c8c8c" if v == 0 else GRID)
                   + _text(left - 6, y + 4, label, "end") + "</g>")
    out.append("</g>" + _line(left, top, left, bottom, AXIS) + _line(left, bottom, right, bottom, AXIS))

    spacing = sx(y0 + 1) - sx(y0) if y1 > y0 else WIDTH
    every = max(1, math.ceil((46 if lang == "ja" else 36) / spacing))  # label every n-th year, the last one always
    out.append(f'<g class="x-axis" fill="{MUTED}">')
    for year in range(y0, y1 + 1):
        x = sx(year)
        out.append(_line(x, bottom, x, bottom + 4, AXIS))
        if (y1 - year) % every == 0 and lang == "ja":
            out.append(f'<text x="{_f(x)}" y="{_f(bottom + 20)}" text-anchor="middle" data-year="{year}">'
                       f'<tspan x="{_f(x)}">{era_short(year)}</tspan>'
                       f'<tspan x="{_f(x)}" dy="14">({year})</tspan></text>')
        elif (y1 - year) % every == 0:
            out.append(_text(x, bottom + 20, str(year), "middle", f' data-year="{year}"'))
    out.append("</g>")

    if bands:
        uncovered = {y for y, _ in acts} - {y for y, _ in bands}  # actual years without an interval break the band
        out.append(_interval_band([(sx(y), sy(lo), sy(hi)) for y, (lo, hi) in bands],
                                  [f"{band_name} {fiscal_year_label(y, lang)} "
                                   + t["interval_at"].format(_with_unit(lo, unit, lang), _with_unit(hi, unit, lang))
                                   for y, (lo, hi) in bands],
                                  breaks=[any(a < y < b for y in uncovered) for (a, _), (b, _) in zip(bands, bands[1:])]))
    if base_band and base:
        tip = (f"{band_name} {t['baseline']} {fiscal_year_label(base[0], lang)} "
               + t["interval_at"].format(*(_with_unit(v, unit, lang) for v in base_band)))
        out.append(_error_bar(sx(base[0]), sy(base_band[0]), sy(base_band[1]), tip, "error-bar baseline-interval"))
    if path:
        out.append(_polyline([(sx(y), sy(v)) for y, v in path], "expected", 2))
    if tgt:
        xt, yt = sx(tgt[0]), sy(tgt[1])
        out.append(_line(left, yt, right, yt, _SERIES["target"][0], 1.5, _SERIES["target"][1], ' class="target-line"'))
    out.extend(_marker(k, sx(y), sy(v), f"{lb} {t[k]} {at(y, v)}", cls="marker generation-mark") for k, y, v, lb in more)
    for kind, p in (("baseline", base), ("target", tgt)):
        if p:
            out.append(_marker(kind, sx(p[0]), sy(p[1]), f"{t[kind]} {at(*p)}"))
    # Lines join actual values of consecutive listed years; a year given as None leaves a gap.
    runs = [run for has, g in groupby(acts, key=lambda p: p[1] is not None) if has and len(run := list(g)) > 1]
    out.extend(_polyline([(sx(y), sy(v)) for y, v in run], "actual", 2.5) for run in runs)
    out.extend(_marker("actual", sx(y), sy(v), f"{t['actual']} {at(y, v)}") for y, v in pts)

    if tgt:
        label = f"{t['target']} {_with_unit(tgt[1], unit, lang)}"
        width = _text_width(label)
        anchor, lx = (("end", xt + 6) if xt + width / 2 > right else ("start", xt - 6) if xt - width / 2 < left
                      else ("middle", xt))
        x_from = lx - {"end": width, "start": 0, "middle": width / 2}[anchor]
        # Above or below the target line: the side the other series cross less under the label.
        near = [v for y, v in pts if x_from - 6 <= sx(y) <= x_from + width + 6]
        for k in range(5):
            year = y0 + (x_from + k * width / 4 - left - 20) / max(1, right - left - 40) * (y1 - y0)
            near += [v for line in [path, *runs] if (v := _interp(line, year)) is not None]
        above = sum(v > tgt[1] for v in near) <= sum(v < tgt[1] for v in near)
        unit_right = 20 + _text_width(t["unit"].format(unit)) if unit else 0
        if (above and yt - 22 < top and x_from < unit_right) or (not above and yt + 26 > bottom):
            above = not above
        out.append(_text(lx, yt - 12 if above else yt + 22, label, anchor,
                         f' class="target-label" fill="{_SERIES["target"][0]}" font-weight="bold" '
                         'stroke="#fff" stroke-width="3" paint-order="stroke"'))
    out.append("</svg>")
    return "".join(out)


def _interval_band(points: list[tuple[float, float, float]], tips: list[str], breaks: list[bool] | None = None) -> str:
    """A survey share's confidence intervals: (x, y of the low end, y of the high end) a year, as a
    band through consecutive years' bounds and an error bar with caps at each. ``breaks[i]`` cuts
    the band between points i and i + 1 (a year between them has no interval); a run of one point
    has no band, only its bar."""
    out = ['<g class="interval">']
    runs: list[list[tuple[float, float, float]]] = [[]]
    for i, point in enumerate(points):
        if i and breaks and breaks[i - 1]:
            runs.append([])
        runs[-1].append(point)
    for run in runs:
        if len(run) > 1:
            outline = [(x, hi) for x, _, hi in run] + [(x, lo) for x, lo, _ in reversed(run)]
            out.append(f'<polygon class="interval-band" points="{" ".join(f"{_f(x)},{_f(y)}" for x, y in outline)}" '
                       f'fill="{INTERVAL_FILL}" fill-opacity="0.8" stroke="none"/>')
    out.extend(_error_bar(x, lo, hi, tip) for (x, lo, hi), tip in zip(points, tips))
    out.append("</g>")
    return "".join(out)


def _error_bar(x: float, lo: float, hi: float, tip: str, cls: str = "error-bar") -> str:
    colour = _SERIES["interval"][0]
    return (f'<g class="{cls}"><title>{_clean(tip)}</title>' + _line(x, lo, x, hi, colour, 1.5)
            + _line(x - 5, lo, x + 5, lo, colour, 1.5) + _line(x - 5, hi, x + 5, hi, colour, 1.5) + "</g>")


MAINTAIN_WORDS = ("維持",)  # a target printed as these words aims at the baseline


def _plan_points(ind: Any, year: int | None) -> tuple[list[tuple[int, float | None]], tuple[int, float] | None,
                                                    tuple[int, float] | None, list[tuple[int, float]]]:
    """(actuals up to ``year``, baseline point, target point, expected path) of a plan indicator."""
    base = (ind.baseline.year, ind.baseline.value) if ind.baseline and ind.baseline.year and ind.baseline.value is not None else None
    words = (ind.target.text or "") if ind.target else ""
    keep = ind.direction == "maintain" or any(w in words for w in MAINTAIN_WORDS)
    target_value = ind.target.value if ind.target and ind.target.value is not None else (base[1] if base and keep else None)
    target = (ind.target.year, target_value) if ind.target and ind.target.year and target_value is not None else None
    interim = [(v.year, v.value) for v in ind.interim_targets if v.year and v.value is not None]
    path = [p for p in [base, *interim, target] if p] if base and target else []
    actuals = [(a.year, a.value) for a in ind.actuals if year is None or a.year <= year]
    return actuals, base, target, path


def has_figures(ind: Any, *, year: int | None = None) -> bool:
    """Whether a plan indicator has any number to draw (a worded target alone has none)."""
    actuals, base, target, _ = _plan_points(ind, year)
    return any(v is not None for _, v in actuals) or base is not None or target is not None


def plan_indicator_chart(ind: Any, *, chart_id: str, lang: str = "ja", year: int | None = None,
                         intervals: Iterable[tuple[int, float, float]] | None = None) -> str:
    """The chart of a plan indicator (a plan file's ``Indicator`` or a page's view of one): its
    actuals up to ``year``, the path from baseline through interim targets to the target, and the
    target line; a target worded 維持 (or a 維持 direction) aims at the baseline. A survey
    indicator's confidence intervals come from ``intervals``, else from its actuals' ``ci_low`` and
    ``ci_high`` (a page's view has them)."""
    actuals, base, target, path = _plan_points(ind, year)
    survey = getattr(ind, "survey", None)
    if intervals is None:
        intervals = [(a.year, a.ci_low, a.ci_high) for a in ind.actuals if (year is None or a.year <= year)
                     and getattr(a, "ci_low", None) is not None and getattr(a, "ci_high", None) is not None]
    base_band = baseline_interval(survey.confidence, sample_of(ind.baseline)) if survey and base else None
    return indicator_chart(chart_id=chart_id, name=ind.name, unit=ind.unit, actuals=actuals, baseline=base,
                           target=target, expected=path, lang=lang, intervals=intervals if survey else (),
                           confidence=survey.confidence if survey else None, baseline_interval=base_band)


def _tint(colour: str, amount: float = 0.78) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in (r, g, b))


def _pattern(pid: str, kind: str, colour: str) -> str:
    overlay = _PATTERNS[kind]
    background = colour if overlay is None else "#ffffff" if kind == "blank" else _tint(colour)
    return (f'<pattern id="{pid}" class="fill-{kind}" patternUnits="userSpaceOnUse" width="8" height="8">'
            f'<rect width="8" height="8" fill="{background}"/>{(overlay or "").format(c=colour)}</pattern>')


def status_bars(
    *,
    chart_id: str,
    rows: list[tuple[str, dict[str, int]]],
    order: list[tuple[str, str]],
    lang: str = "ja",
    title: str | None = None,
) -> str:
    """Horizontal stacked bars, one per row, a segment per status of ``order`` ((key, label)).

    Bars share one scale (the largest row total fills the width), so rows compare by size; the
    total is written after each bar. Counts under keys missing from ``order`` are ignored.
    """
    lang = _lang(lang)
    t = _TEXT[lang]
    cid = _safe_id(chart_id)
    title = title or t["status_title"]
    counts = [(str(label), [max(0, int(c.get(key) or 0)) for key, _ in order]) for label, c in rows]
    if not counts or not order:
        return _empty(cid, "chart status-chart", lang, title)

    def total(n: int) -> str:
        return t["total"].format(format_number(n))

    def summary(label: str, ns: list[int]) -> str:
        parts = t["sep"].join(f"{s} {format_number(n)}" for (_, s), n in zip(order, ns) if n)
        return f"{label}: {parts + ' ' if parts else ''}({total(sum(ns))}){t['end']}"

    desc = "".join(summary(label, ns) for label, ns in counts).rstrip()
    totals = [sum(ns[i] for _, ns in counts) for i in range(len(order))]
    legend = [f"{s} ({format_number(n)})" for (_, s), n in zip(order, totals)]
    legend_rows = _legend_rows([26 + _text_width(s) for s in legend], 12, WIDTH - 12)
    top = 8 + 22 * len(legend_rows) + 8
    label_width = min(170.0, max(_text_width(label) for label, _ in counts))
    x0, x1 = 12 + label_width + 10, WIDTH - 12 - 6 - max(_text_width(total(sum(ns))) for _, ns in counts)
    row_h, bar_h = 30, 20
    max_total = max(sum(ns) for _, ns in counts) or 1
    colours = [_PALETTE[(i + i // len(_PATTERNS)) % len(_PALETTE)] for i in range(len(order))]  # no repeated pair
    pids = [f"{cid}-p{i}" for i in range(len(order))]

    size = (WIDTH, top + row_h * len(counts) + 8)
    out = [_open(cid, "chart status-chart", size, lang, title, desc, f' data-rows="{len(counts)}"'), "<defs>"]
    out.extend(_pattern(pids[i], list(_PATTERNS)[i % len(_PATTERNS)], colours[i]) for i in range(len(order)))
    out.append('</defs><g class="legend">')
    for r, row in enumerate(legend_rows):
        ly = 8 + 22 * r
        for i, x in row:
            out.append(f'<g class="legend-item" data-status="{_clean(order[i][0])}"><rect x="{_f(x)}" y="{_f(ly + 2)}" '
                       f'width="18" height="14" fill="url(#{pids[i]})" stroke="{colours[i]}" stroke-width="1.5"/>'
                       + _text(x + 24, ly + 14, legend[i]) + "</g>")
    out.append("</g>")
    for r, (label, ns) in enumerate(counts):
        yc = top + row_h * r + row_h / 2
        out.append(f'<g class="row" data-total="{sum(ns)}"><g class="row-label"><title>{_clean(label)}</title>'
                   + _text(x0 - 8, yc + 4, _truncate(label, label_width), "end") + "</g>")
        x = x0
        for i, n in enumerate(ns):
            if not n:
                continue
            w, text = n / max_total * (x1 - x0), format_number(n)
            out.append(f'<g class="segment" data-status="{_clean(order[i][0])}" data-count="{n}">'
                       f'<title>{_clean(f"{label}: {order[i][1]} {text}")}</title>'
                       f'<rect x="{_f(x)}" y="{_f(yc - bar_h / 2)}" width="{_f(w)}" height="{bar_h}" '
                       f'fill="url(#{pids[i]})" stroke="{colours[i]}" stroke-width="1.5"/>')
            tw = _text_width(text)
            if w >= tw + 14:  # the count on a white chip, legible over any pattern
                out.append(f'<rect x="{_f(x + w / 2 - tw / 2 - 3)}" y="{_f(yc - 8)}" width="{_f(tw + 6)}" height="16" '
                           'rx="3" fill="#fff" fill-opacity="0.9"/>'
                           + _text(x + w / 2, yc + 4, text, "middle", ' class="count"'))
            out.append("</g>")
            x += w
        if x == x0:
            out.append(_line(x0, yc - bar_h / 2, x0, yc + bar_h / 2, "#8c8c8c"))
        out.append(_text(x + 6, yc + 4, total(sum(ns)), extra=f' class="total" fill="{MUTED}"') + "</g>")
    out.append("</svg>")
    return "".join(out)


def sdg_badge(number: int, *, size: int = 28, lang: str = "ja") -> str:
    """A square in the goal's official colour with its number in white (not the licensed icon)."""
    goal = SDG_BY_NUMBER.get(number) if isinstance(number, int) and not isinstance(number, bool) else None
    if goal is None:
        raise ValueError(f"no SDG number {number!r}; goals are 1–17")
    label = _clean(f"SDG {goal.number} {goal.name_en if _lang(lang) == 'en' else goal.name_ja}")
    return (
        f'<svg xmlns="{SVG_NS}" class="sdg-badge" width="{int(size)}" height="{int(size)}" viewBox="0 0 40 40" '
        f'role="img" aria-label="{label}" lang="{lang}" data-sdg="{goal.number}"><title>{label}</title>'
        f'<rect width="40" height="40" rx="3" fill="{goal.colour}"/>'
        f'<text x="20" y="27.5" text-anchor="middle" font-family="inherit" font-size="21" font-weight="bold" '
        f'fill="#ffffff">{goal.number}</text></svg>'
    )


# --- money: cost per year stacked by funding source, and a cost per unit over the years -----------
# One colour and one fill pattern per part of a cost, the same in every chart: a colour means one thing.
MONEY_PARTS = {  # key: (colour, pattern)
    "national": ("#283593", "solid"),
    "prefectural": ("#00695c", "hatch"),
    "bonds": ("#8d5a00", "dots"),
    "other_earmarked": ("#6a1b9a", "cross"),
    "general": ("#455a64", "hlines"),
    "unspecified": ("#6b6b6b", "blank"),
    "staff": ("#ad1457", "vlines"),
}
UNIT_COST_COLOUR = "#00574b"  # the line of a cost per unit
_MONEY_TEXT = {
    "ja": {"unit": "単位: 千円", "yen": "単位: 円", "total": "計", "cost": "コスト"},
    "en": {"unit": "Unit: ¥1,000", "yen": "Unit: yen", "total": "total", "cost": "Cost"},
}


def _yen_text(amount: int, lang: str) -> str:
    from keikaku.services.formatting import yen_words

    return yen_words(amount) if lang == "ja" else f"¥{amount:,}"


def money_bars(*, chart_id: str, title: str, years: list[tuple[int, list[tuple[str, str, int]]]], lang: str = "ja") -> str:
    """Vertical bars, one per fiscal year, stacked by part of the cost: ``years`` is
    [(year, [(part key of MONEY_PARTS, label, yen), …])]. The axis is in 千円; the summary and
    each segment's tooltip give exact amounts in words (3億1,235万円). Segments of 0 are left out."""
    lang = _lang(lang)
    t, mt = _TEXT[lang], _MONEY_TEXT[lang]
    cid = _safe_id(chart_id)
    rows = [(int(y), [(k, str(lb), int(v)) for k, lb, v in parts if v]) for y, parts in years]
    if not rows or not any(parts for _, parts in rows):
        return _empty(cid, "chart money-chart", lang, title)
    keys: list[tuple[str, str]] = []
    for _, parts in rows:
        keys += [(k, lb) for k, lb, _ in parts if (k, lb) not in keys]
    keys.sort(key=lambda kl: list(MONEY_PARTS).index(kl[0]))
    totals = [sum(v for _, _, v in parts) for _, parts in rows]

    def line(year: int, parts: list[tuple[str, str, int]], amount: int) -> str:
        inner = t["sep"].join(f"{lb} {_yen_text(v, lang)}" for _, lb, v in parts)
        return f"{fiscal_year_label(year, lang)}: {inner}（{mt['total']} {_yen_text(amount, lang)}）{t['end']}"

    desc = "".join(line(y, parts, n) for (y, parts), n in zip(rows, totals)).rstrip()
    legend_rows = _legend_rows([26 + _text_width(lb) for _, lb in keys], 12, WIDTH - 12)
    top = 8 + 22 * len(legend_rows) + 30
    ticks = nice_ticks(0, max(totals) / 1000)
    labels = [format_number(v, max(decimals(v) for v in ticks)) for v in ticks]
    left, right, bottom = 12 + max(_text_width(s) for s in labels) + 8, WIDTH - 12, top + 200
    height = bottom + (43 if lang == "ja" else 29)
    slot = (right - left) / len(rows)
    bar = min(64.0, slot * 0.6)
    pids = {k: f"{cid}-p{i}" for i, (k, _) in enumerate(keys)}

    def sy(yen: float) -> float:
        return bottom - (yen / 1000 - ticks[0]) / (ticks[-1] - ticks[0]) * (bottom - top)

    out = [_open(cid, "chart money-chart", (WIDTH, height), lang, title, desc, f' data-years="{len(rows)}"'), "<defs>"]
    out += [_pattern(pids[k], MONEY_PARTS[k][1], MONEY_PARTS[k][0]) for k, _ in keys]
    out.append('</defs><g class="legend">')
    for r, row in enumerate(legend_rows):
        ly = 8 + 22 * r
        for i, x in row:
            k, lb = keys[i]
            out.append(f'<g class="legend-item" data-part="{k}"><rect x="{_f(x)}" y="{_f(ly + 2)}" width="18" height="14" '
                       f'fill="url(#{pids[k]})" stroke="{MONEY_PARTS[k][0]}" stroke-width="1.5"/>' + _text(x + 24, ly + 14, lb) + "</g>")
    out.append("</g>" + _text(12, top - 12, mt["unit"], extra=f' class="unit" fill="{MUTED}"'))
    out.append(f'<g class="y-axis" fill="{MUTED}">')
    for v, label in zip(ticks, labels):
        y = sy(v * 1000)
        out.append(f'<g class="y-tick" data-value="{v!r}">' + _line(left, y, right, y, GRID) + _text(left - 6, y + 4, label, "end") + "</g>")
    out.append("</g>" + _line(left, top, left, bottom, AXIS) + _line(left, bottom, right, bottom, AXIS))
    for i, ((year, parts), amount) in enumerate(zip(rows, totals)):
        xc = left + slot * (i + 0.5)
        out.append(f'<g class="year" data-year="{year}" data-total="{amount}">')
        base = 0
        for k, lb, v in parts:
            y0, y1 = sy(base + v), sy(base)
            out.append(f'<rect class="segment" data-part="{k}" data-yen="{v}" x="{_f(xc - bar / 2)}" y="{_f(y0)}" '
                       f'width="{_f(bar)}" height="{_f(max(0.5, y1 - y0))}" fill="url(#{pids[k]})" stroke="{MONEY_PARTS[k][0]}" '
                       f'stroke-width="1.2"><title>{_clean(f"{fiscal_year_label(year, lang)} {lb} {_yen_text(v, lang)}")}</title></rect>')
            base += v
        label = _yen_text(amount, lang)
        if _text_width(label) <= slot - 4:
            out.append(_text(xc, sy(amount) - 6, label, "middle", f' class="total" fill="{MUTED}"'))
        if lang == "ja":
            out.append(f'<text x="{_f(xc)}" y="{_f(bottom + 20)}" text-anchor="middle" fill="{MUTED}">'
                       f'<tspan x="{_f(xc)}">{era_short(year)}</tspan><tspan x="{_f(xc)}" dy="14">({year})</tspan></text>')
        else:
            out.append(_text(xc, bottom + 20, str(year), "middle", f' fill="{MUTED}"'))
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def unit_cost_chart(*, chart_id: str, title: str, points: list[tuple[int, Any]], lang: str = "ja",
                    provisional: dict[int, str] | None = None) -> str:
    """A cost per unit (yen, a Decimal or None) over fiscal years: one line with circles; a year
    without a value leaves a gap. The axis is in yen, the summary gives each year's amount.

    ``provisional`` names the years whose cost rests on a budget, not a settlement (year → the
    basis in words): their points are hollow, the line to them dashed, and the summary says so."""
    provisional = provisional or {}
    from keikaku.services.formatting import unit_cost

    lang = _lang(lang)
    t, mt = _TEXT[lang], _MONEY_TEXT[lang]
    cid = _safe_id(chart_id)
    pts = sorted((int(y), None if v is None else float(v)) for y, v in points)
    given = [(y, v) for y, v in pts if v is not None]
    if not given:
        return _empty(cid, "chart unit-cost-chart", lang, title)
    exact = {int(y): v for y, v in points}
    def basis(year: int) -> str:
        return f"（{provisional[year]}）" if lang == "ja" else f" ({provisional[year]})"

    desc = "".join(f"{fiscal_year_label(y, lang)}: {t['missing'] if exact[y] is None else unit_cost(exact[y]) + ('円' if lang == 'ja' else ' yen')}"
                   f"{basis(y) if y in provisional and exact[y] is not None else ''}{t['end']}" for y, _ in pts).rstrip()
    ticks = nice_ticks(0, max(v for _, v in given))
    labels = [format_number(v, max(decimals(v) for v in ticks)) for v in ticks]
    top = 40
    left, right, bottom = 12 + max(_text_width(s) for s in labels) + 8, WIDTH - 16, top + 180
    height = bottom + (43 if lang == "ja" else 29)
    y0, y1 = pts[0][0], pts[-1][0]

    def sx(year: float) -> float:
        return (left + right) / 2 if y1 == y0 else left + 30 + (year - y0) / (y1 - y0) * (right - left - 60)

    def sy(v: float) -> float:
        return bottom - (v - ticks[0]) / (ticks[-1] - ticks[0]) * (bottom - top)

    out = [_open(cid, "chart unit-cost-chart", (WIDTH, height), lang, title, desc, f' data-points="{len(given)}"')]
    out.append(_text(12, top - 14, mt["yen"], extra=f' class="unit" fill="{MUTED}"'))
    out.append(f'<g class="y-axis" fill="{MUTED}">')
    for v, label in zip(ticks, labels):
        out.append(f'<g class="y-tick" data-value="{v!r}">' + _line(left, sy(v), right, sy(v), GRID)
                   + _text(left - 6, sy(v) + 4, label, "end") + "</g>")
    out.append("</g>" + _line(left, top, left, bottom, AXIS) + _line(left, bottom, right, bottom, AXIS))
    out.append(f'<g class="x-axis" fill="{MUTED}">')
    for year in range(y0, y1 + 1):
        x = sx(year)
        out.append(_line(x, bottom, x, bottom + 4, AXIS))
        if lang == "ja":
            out.append(f'<text x="{_f(x)}" y="{_f(bottom + 20)}" text-anchor="middle" data-year="{year}">'
                       f'<tspan x="{_f(x)}">{era_short(year)}</tspan><tspan x="{_f(x)}" dy="14">({year})</tspan></text>')
        else:
            out.append(_text(x, bottom + 20, str(year), "middle", f' data-year="{year}"'))
    out.append("</g>")
    runs = [run for has, g in groupby(pts, key=lambda p: p[1] is not None) if has and len(run := list(g)) > 1]
    for run in runs:
        for (ya, va), (yb, vb) in zip(run, run[1:]):
            dashed = yb in provisional
            dash = ' stroke-dasharray="6 5"' if dashed else ""
            out.append(f'<line class="series unit-cost{" provisional" if dashed else ""}" x1="{_f(sx(ya))}" y1="{_f(sy(va))}" '
                       f'x2="{_f(sx(yb))}" y2="{_f(sy(vb))}" stroke="{UNIT_COST_COLOUR}" stroke-width="2.5" '
                       f'stroke-linecap="round"{dash}/>')
    for y, v in given:
        tip = f"{fiscal_year_label(y, lang)} {unit_cost(exact[y])}{'円' if lang == 'ja' else ' yen'}{basis(y) if y in provisional else ''}"
        hollow = y in provisional
        out.append(f'<circle class="marker unit-cost{" provisional" if hollow else ""}" cx="{_f(sx(y))}" cy="{_f(sy(v))}" '
                   f'r="4.5" fill="{"#fff" if hollow else UNIT_COST_COLOUR}" stroke="{UNIT_COST_COLOUR if hollow else "#fff"}" '
                   f'stroke-width="{"2" if hollow else "1.5"}"><title>{_clean(tip)}</title></circle>')
    out.append("</svg>")
    return "".join(out)
