"""Server-side SVG charts for the web pages: indicator trends, status bars and SDG badges.

Every function is pure and returns an SVG markup string (stdlib only, no scripts, no external
assets). Charts are meant to be readable without colour and by screen readers: the root has
``role="img"`` and ``aria-labelledby`` pointing at a ``<title>`` and a ``<desc>`` text summary,
series differ by marker shape and dash pattern (bars by fill pattern), labels are Japanese unless
``lang="en"``, fonts are inherited from the page and a ``viewBox`` with ``width="100%"`` lets
them scale. Plan text is untrusted: every text value goes through :func:`_clean`.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Iterable

from keikaku.domain.sdg import SDG_BY_NUMBER

SVG_NS = "http://www.w3.org/2000/svg"
FONT_SIZE = 12
WIDTH = 640

# (first fiscal year, calendar year of 元年, name, initial). A fiscal year (April–March) takes the
# era in force for most of it: FY2019 is 令和元年度, FY1988 昭和63年度, FY1926 大正15年度.
_ERAS = (
    (2019, 2019, "令和", "R"),
    (1989, 1989, "平成", "H"),
    (1927, 1926, "昭和", "S"),
    (1912, 1912, "大正", "T"),
    (1868, 1868, "明治", "M"),
)

_TEXT = {
    "ja": {
        "actual": "実績", "expected": "想定推移", "baseline": "基準値", "target": "目標",
        "no_data": "データなし", "unit": "単位: {}", "missing": "値なし", "total": "計 {}",
        "status_title": "状況別の件数", "sep": "、", "end": "。",
    },
    "en": {
        "actual": "Actual", "expected": "Expected path", "baseline": "Baseline", "target": "Target",
        "no_data": "No data", "unit": "Unit: {}", "missing": "no value", "total": "total {}",
        "status_title": "Count by status", "sep": ", ", "end": ".",
    },
}

# Indicator series: colour, stroke-dasharray.
_ACTUAL = ("#1f4e99", None)
_EXPECTED = ("#6b6b6b", "7 4")
_TARGET = ("#a34f00", "2 3")
_BASELINE = ("#333333", None)

# Status segments: colours by position; patterns cycle independently so shape never relies on hue.
_PALETTE = ("#1b7837", "#2166ac", "#d37a0c", "#b2182b", "#6a3d9a", "#6b6b6b", "#8c510a")
_PATTERNS = ("solid", "hatch", "dots", "cross", "blank", "hlines", "vlines")

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


# ---------------------------------------------------------------- labels and numbers


def _era(year: int) -> tuple[str, str, int] | None:
    for first_fy, gannen, name, initial in _ERAS:
        if year >= first_fy:
            return name, initial, year - gannen + 1
    return None


def era_label(year: int) -> str:
    """Japanese fiscal-year name: 2021 → 令和3年度, 2019 → 令和元年度, 1988 → 昭和63年度."""
    era = _era(year)
    if era is None:
        return f"{year}年度"
    name, _, n = era
    return f"{name}{'元' if n == 1 else n}年度"


def era_short(year: int) -> str:
    """Short era form for axis labels: 2021 → R3, 2019 → R元, 2018 → H30."""
    era = _era(year)
    if era is None:
        return str(year)
    _, initial, n = era
    return f"{initial}{'元' if n == 1 else n}"


def fiscal_year_label(year: int, lang: str = "ja") -> str:
    """令和3年度 (2021) in Japanese, FY2021 in English."""
    return f"FY{year}" if _lang(lang) == "en" else f"{era_label(year)} ({year})"


def _decimals(value: float) -> int:
    for d in range(4):  # exact values as entered: 1,070 / 12.5 / 1.36 (a fertility rate) / 0.125
        if abs(round(value, d) - value) <= 1e-9 * max(1.0, abs(value)):
            return d
    if abs(value) >= 1:
        return 1
    return min(6, 1 - math.floor(math.log10(abs(value))))  # two significant figures


def format_number(value: float, decimals: int | None = None) -> str:
    """1070 → 1,070; 12.34567 → 12.3; values entered with 2–3 decimals keep them; no "-0"."""
    text = f"{value:,.{_decimals(value) if decimals is None else decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


def _with_unit(value: float, unit: str | None, lang: str) -> str:
    number = format_number(value)
    if not unit:
        return number
    return f"{number}{unit}" if lang == "ja" or unit in ("%", "％") else f"{number} {unit}"


def nice_ticks(lo: float, hi: float) -> list[float]:
    """4–6 evenly spaced round tick values covering [lo, hi]; 0 is included for wide one-signed ranges."""
    lo, hi = min(lo, hi), max(lo, hi)
    if lo == hi:
        pad = abs(lo) * 0.2
        lo, hi = (0.0, 1.0) if pad == 0 else (lo - pad, hi + pad)
    elif lo > 0 and lo < hi / 2:
        lo = 0.0
    elif hi < 0 and hi > lo / 2:
        hi = 0.0
    exp = math.floor(math.log10((hi - lo) / 6))
    fallback = None
    for multipliers in ((1, 2, 5), (1, 2, 2.5, 5)):
        for e in range(exp - 1, exp + 3):
            for m in multipliers:
                step = m * 10.0**e
                first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
                n = last - first + 1
                if n <= 6:
                    ticks = [round(k * step, 10) for k in range(first, last + 1)]
                    if n >= 4:
                        return ticks
                    fallback = fallback or ticks
    return fallback or [lo, hi]


# ---------------------------------------------------------------- SVG helpers


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
    text = f"{v:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _text_width(text: str, size: float = FONT_SIZE) -> float:
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


def _truncate(text: str, max_width: float, size: float = FONT_SIZE) -> str:
    if _text_width(text, size) <= max_width:
        return text
    out, width = "", _text_width("…", size)
    for c in text:
        width += _text_width(c, size)
        if width > max_width:
            break
        out += c
    return out.rstrip() + "…"


def _open(cid: str, cls: str, width: float, height: float, lang: str, title: str, desc: str, extra: str = "") -> str:
    return (
        f'<svg xmlns="{SVG_NS}" class="{cls}" role="img" aria-labelledby="{cid}-title {cid}-desc" '
        f'viewBox="0 0 {_f(width)} {_f(height)}" width="100%" font-family="inherit" font-size="{FONT_SIZE}" '
        f'lang="{lang}"{extra}><title id="{cid}-title">{_clean(title)}</title>'
        f'<desc id="{cid}-desc">{_clean(desc)}</desc>'
    )


def _empty(cid: str, cls: str, lang: str, title: str) -> str:
    message = _TEXT[lang]["no_data"]
    return (
        _open(cid, f"{cls} chart-empty", 320, 60, lang, title or message, message, ' data-points="0"')
        + '<rect x="0.5" y="0.5" width="319" height="59" fill="none" stroke="#bbbbbb" stroke-dasharray="4 3"/>'
        + f'<text x="160" y="34" text-anchor="middle" fill="#555555">{message}</text></svg>'
    )


def _text(x: float, y: float, content: str, *, anchor: str = "start", cls: str = "", extra: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<text{c} x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}"{extra}>{_clean(content)}</text>'


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 1, dash: str | None = None, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    d = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<line{c} x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" stroke="{stroke}" stroke-width="{width}"{d}/>'


def _polyline(points: list[tuple[float, float]], stroke: str, width: float, dash: str | None, cls: str) -> str:
    d = f' stroke-dasharray="{dash}"' if dash else ""
    coords = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
    return (
        f'<polyline class="{cls}" points="{coords}" fill="none" stroke="{stroke}" stroke-width="{width}" '
        f'stroke-linejoin="round"{d}/>'
    )


def _marker(kind: str, x: float, y: float, tooltip: str | None = None) -> str:
    tip = f"<title>{_clean(tooltip)}</title>" if tooltip else ""
    if kind == "actual":
        return f'<circle class="marker actual" cx="{_f(x)}" cy="{_f(y)}" r="4.5" fill="{_ACTUAL[0]}" stroke="#fff" stroke-width="1.5">{tip}</circle>'
    if kind == "baseline":
        pts = f"{_f(x)},{_f(y - 7.5)} {_f(x + 7.5)},{_f(y)} {_f(x)},{_f(y + 7.5)} {_f(x - 7.5)},{_f(y)}"
        return f'<polygon class="marker baseline" points="{pts}" fill="#fff" stroke="{_BASELINE[0]}" stroke-width="2">{tip}</polygon>'
    return (  # target: a square
        f'<rect class="marker target" x="{_f(x - 6.5)}" y="{_f(y - 6.5)}" width="13" height="13" fill="#fff" '
        f'stroke="{_TARGET[0]}" stroke-width="2">{tip}</rect>'
    )


def _legend_rows(items: list[tuple[str, float]], left: float, right: float) -> list[list[tuple[str, float, float]]]:
    """Lay legend items (key, width) out left to right, wrapping: rows of (key, x, width)."""
    rows: list[list[tuple[str, float, float]]] = [[]]
    x = left
    for key, width in items:
        if rows[-1] and x + width > right:
            rows.append([])
            x = left
        rows[-1].append((key, x, width))
        x += width + 18
    return rows


# ---------------------------------------------------------------- indicator chart


def _value(v: float | None) -> float | None:
    return float(v) if v is not None and math.isfinite(v) else None


def _point(p: tuple[int, float] | None) -> tuple[int, float] | None:
    if p is None or _value(p[1]) is None:
        return None
    return int(p[0]), float(p[1])


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
) -> str:
    """Line chart of an indicator over fiscal years.

    Actual values: solid line with circles (a ``None`` value leaves a gap). Expected path:
    dashed line through baseline, ``expected`` points and target (straight baseline → target if
    none are given). Target: dotted horizontal line, square at the target year, label 目標.
    Baseline: diamond. ``data-points`` on the root counts the actual values drawn.
    """
    lang = _lang(lang)
    t = _TEXT[lang]
    cid = _safe_id(chart_id)
    acts = sorted(((int(y), _value(v)) for y, v in actuals), key=lambda p: p[0])
    pts = [(y, v) for y, v in acts if v is not None]
    base, tgt = _point(baseline), _point(target)
    path_by_year = dict([base] if base else [])
    path_by_year.update((int(y), float(v)) for y, v in expected if _value(v) is not None)
    if tgt:
        path_by_year[tgt[0]] = tgt[1]
    path = sorted(path_by_year.items()) if len(path_by_year) >= 2 else []
    values = [v for _, v in pts] + [v for _, v in path] + [p[1] for p in (base, tgt) if p]
    title = f"{name} ({t['unit'].format(unit)})" if unit else str(name)
    if not values:
        return _empty(cid, "chart indicator-chart", lang, title)

    def fy(year: int) -> str:
        return fiscal_year_label(year, lang)

    summary = [str(name) + (f" ({t['unit'].format(unit)})" if unit else "")]
    if base:
        summary.append(f"{t['baseline']} {_with_unit(base[1], unit, lang)} ({fy(base[0])})")
    if tgt:
        summary.append(f"{t['target']} {_with_unit(tgt[1], unit, lang)} ({fy(tgt[0])})")
    if acts:
        listed = t["sep"].join(
            f"{fy(y)} {t['missing'] if v is None else _with_unit(v, unit, lang)}" for y, v in acts
        )
        summary.append(f"{t['actual']}: {listed}")
    desc = t["end"].join(summary) + t["end"]

    # Legend (top), unit label, then the plot area.
    legend_items = [
        (key, 34 + _text_width(t[key]))
        for key, present in (("actual", pts), ("expected", path), ("baseline", base), ("target", tgt))
        if present
    ]
    rows = _legend_rows(legend_items, 12, WIDTH - 12)
    top = 8 + 20 * len(rows) + (28 if unit else 16)
    ticks = nice_ticks(min(values), max(values))
    tick_decimals = max(_decimals(v) for v in ticks)
    tick_labels = [format_number(v, tick_decimals) for v in ticks]
    left = 12 + max(_text_width(s) for s in tick_labels) + 8
    right = WIDTH - 16
    bottom = top + 200
    height = bottom + (40 if lang == "ja" else 26)
    years = [y for y, _ in acts] + [y for y, _ in path] + [p[0] for p in (base, tgt) if p]
    y0, y1 = min(years), max(years)

    def sx(year: float) -> float:
        if y1 == y0:
            return (left + right) / 2
        return left + 20 + (year - y0) / (y1 - y0) * (right - left - 40)

    def sy(v: float) -> float:
        return bottom - (v - ticks[0]) / (ticks[-1] - ticks[0]) * (bottom - top)

    out = [_open(cid, "chart indicator-chart", WIDTH, height, lang, title, desc, f' data-points="{len(pts)}"')]
    out.append('<g class="legend">')
    for r, row in enumerate(rows):
        ly = 18 + 20 * r
        for key, x, _ in row:
            colour, dash = {"actual": _ACTUAL, "expected": _EXPECTED, "baseline": _BASELINE, "target": _TARGET}[key]
            if key != "baseline":
                out.append(_line(x, ly, x + 26, ly, colour, 2 if key != "target" else 1.5, dash))
            if key != "expected":
                out.append(_marker(key, x + 13, ly))
            out.append(_text(x + 34, ly + 4, t[key]))
    out.append("</g>")
    if unit:
        out.append(_text(12, top - 12, t["unit"].format(unit), cls="unit", extra=' fill="#444444"'))

    out.append('<g class="y-axis" fill="#444444">')
    for v, label in zip(ticks, tick_labels):
        y = sy(v)
        out.append(
            f'<g class="y-tick" data-value="{v!r}">'
            + _line(left, y, right, y, "#8c8c8c" if v == 0 else "#dddddd")
            + _text(left - 6, y + 4, label, anchor="end")
            + "</g>"
        )
    out.append("</g>")
    out.append(_line(left, top, left, bottom, "#595959") + _line(left, bottom, right, bottom, "#595959"))

    spacing = (sx(y0 + 1) - sx(y0)) if y1 > y0 else WIDTH
    every = max(1, math.ceil((46 if lang == "ja" else 36) / spacing))
    out.append('<g class="x-axis" fill="#444444">')
    for year in range(y0, y1 + 1):
        x = sx(year)
        out.append(_line(x, bottom, x, bottom + 4, "#595959"))
        if (y1 - year) % every == 0:
            if lang == "ja":
                out.append(
                    f'<text x="{_f(x)}" y="{_f(bottom + 17)}" text-anchor="middle" data-year="{year}">'
                    f'<tspan x="{_f(x)}">{era_short(year)}</tspan>'
                    f'<tspan x="{_f(x)}" dy="14">({year})</tspan></text>'
                )
            else:
                out.append(_text(x, bottom + 17, str(year), anchor="middle", extra=f' data-year="{year}"'))
    out.append("</g>")

    if path:
        out.append(_polyline([(sx(y), sy(v)) for y, v in path], _EXPECTED[0], 2, _EXPECTED[1], "series expected"))
    if tgt:
        yt = sy(tgt[1])
        out.append(_line(left, yt, right, yt, _TARGET[0], 1.5, _TARGET[1], "target-line"))
    if base:
        out.append(_marker("baseline", sx(base[0]), sy(base[1]), f"{t['baseline']} {fy(base[0])}: {_with_unit(base[1], unit, lang)}"))
    if tgt:
        xt, yt = sx(tgt[0]), sy(tgt[1])
        out.append(_marker("target", xt, yt, f"{t['target']} {fy(tgt[0])}: {_with_unit(tgt[1], unit, lang)}"))
    segment: list[tuple[float, float]] = []
    for year, v in acts + [(y1, None)]:
        if v is None:
            if len(segment) > 1:
                out.append(_polyline(segment, _ACTUAL[0], 2.5, None, "series actual"))
            segment = []
        else:
            segment.append((sx(year), sy(v)))
    for y, v in pts:
        out.append(_marker("actual", sx(y), sy(v), f"{t['actual']} {fy(y)}: {_with_unit(v, unit, lang)}"))
    if tgt:
        label = f"{t['target']} {_with_unit(tgt[1], unit, lang)}"
        width = _text_width(label)
        # Label above or below the line, whichever side has fewer other points near the target year.
        near = [v for y, v in pts + path + ([base] if base else []) if abs(sx(y) - xt) < width + 20 and y != tgt[0]]
        above = sum(v > tgt[1] for v in near) <= sum(v < tgt[1] for v in near)
        if (above and yt - 22 < top) or (not above and yt + 26 > bottom):
            above = not above
        ly = yt - 12 if above else yt + 22
        anchor, lx = ("end", xt + 6) if xt + width / 2 > right else ("start", xt - 6) if xt - width / 2 < left else ("middle", xt)
        out.append(
            _text(lx, ly, label, anchor=anchor, cls="target-label",
                  extra=f' fill="{_TARGET[0]}" font-weight="bold" stroke="#fff" stroke-width="3" paint-order="stroke"')
        )
    out.append("</svg>")
    return "".join(out)


# ---------------------------------------------------------------- status bars


def _tint(colour: str, amount: float = 0.78) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in (r, g, b))


def _pattern(pid: str, kind: str, colour: str) -> str:
    tint = _tint(colour)
    body = {
        "solid": f'<rect width="8" height="8" fill="{colour}"/>',
        "hatch": f'<rect width="8" height="8" fill="{tint}"/><path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{colour}" stroke-width="2"/>',
        "dots": f'<rect width="8" height="8" fill="{tint}"/><circle cx="2" cy="2" r="1.6" fill="{colour}"/><circle cx="6" cy="6" r="1.6" fill="{colour}"/>',
        "cross": f'<rect width="8" height="8" fill="{tint}"/><path d="M0,0 l8,8 M8,0 l-8,8" stroke="{colour}" stroke-width="1.5"/>',
        "blank": '<rect width="8" height="8" fill="#ffffff"/>',
        "hlines": f'<rect width="8" height="8" fill="{tint}"/><path d="M0,2 h8 M0,6 h8" stroke="{colour}" stroke-width="1.5"/>',
        "vlines": f'<rect width="8" height="8" fill="{tint}"/><path d="M2,0 v8 M6,0 v8" stroke="{colour}" stroke-width="1.5"/>',
    }[kind]
    return f'<pattern id="{pid}" class="fill-{kind}" patternUnits="userSpaceOnUse" width="8" height="8">{body}</pattern>'


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
    total is written at the end of each bar. Counts under keys missing from ``order`` are ignored.
    """
    lang = _lang(lang)
    t = _TEXT[lang]
    cid = _safe_id(chart_id)
    title = title or t["status_title"]
    counts = [(str(label), [max(0, int(c.get(key, 0) or 0)) for key, _ in order]) for label, c in rows]
    if not counts or not order:
        return _empty(cid, "chart status-chart", lang, title)

    summary = [
        f"{label}: "
        + t["sep"].join(f"{s} {format_number(n)}" for (_, s), n in zip(order, ns) if n)
        + f" ({t['total'].format(format_number(sum(ns)))})"
        for label, ns in counts
    ]
    desc = t["end"].join(summary) + t["end"]
    totals = [sum(ns[i] for _, ns in counts) for i in range(len(order))]
    legend_items = [(str(i), 26 + _text_width(f"{s} ({format_number(n)})")) for i, ((_, s), n) in enumerate(zip(order, totals))]
    legend_rows = _legend_rows(legend_items, 12, WIDTH - 12)
    top = 8 + 22 * len(legend_rows) + 8
    label_width = min(170.0, max(_text_width(label) for label, _ in counts))
    x0 = 12 + label_width + 10
    x1 = WIDTH - 12 - 56
    row_h, bar_h = 30, 20
    height = top + row_h * len(counts) + 8
    max_total = max(sum(ns) for _, ns in counts) or 1
    colours = [_PALETTE[i % len(_PALETTE)] for i in range(len(order))]
    pids = [f"{cid}-p{i}" for i in range(len(order))]

    out = [_open(cid, "chart status-chart", WIDTH, height, lang, title, desc, f' data-rows="{len(counts)}"')]
    out.append("<defs>" + "".join(_pattern(pids[i], _PATTERNS[i % len(_PATTERNS)], colours[i]) for i in range(len(order))) + "</defs>")
    out.append('<g class="legend">')
    for r, row in enumerate(legend_rows):
        ly = 8 + 22 * r
        for key, x, _ in row:
            i = int(key)
            out.append(
                f'<g class="legend-item" data-status="{_clean(order[i][0])}">'
                f'<rect x="{_f(x)}" y="{_f(ly + 2)}" width="18" height="14" fill="url(#{pids[i]})" stroke="{colours[i]}" stroke-width="1.5"/>'
                + _text(x + 24, ly + 14, f"{order[i][1]} ({format_number(totals[i])})")
                + "</g>"
            )
    out.append("</g>")
    for r, (label, ns) in enumerate(counts):
        yc = top + row_h * r + row_h / 2
        out.append(f'<g class="row" data-total="{sum(ns)}">')
        out.append(f"<g class=\"row-label\"><title>{_clean(label)}</title>" + _text(x0 - 8, yc + 4, _truncate(label, label_width), anchor="end") + "</g>")
        x = x0
        for i, n in enumerate(ns):
            if not n:
                continue
            w = n / max_total * (x1 - x0)
            tip = f"{label}: {order[i][1]} {format_number(n)}"
            out.append(
                f'<g class="segment" data-status="{_clean(order[i][0])}" data-count="{n}"><title>{_clean(tip)}</title>'
                f'<rect x="{_f(x)}" y="{_f(yc - bar_h / 2)}" width="{_f(w)}" height="{bar_h}" fill="url(#{pids[i]})" stroke="{colours[i]}" stroke-width="1.5"/>'
            )
            text = format_number(n)
            tw = _text_width(text)
            if w >= tw + 10:
                out.append(
                    f'<rect x="{_f(x + w / 2 - tw / 2 - 3)}" y="{_f(yc - 8)}" width="{_f(tw + 6)}" height="16" rx="3" fill="#fff" fill-opacity="0.9"/>'
                    + _text(x + w / 2, yc + 4, text, anchor="middle", cls="count")
                )
            out.append("</g>")
            x += w
        if x == x0:
            out.append(_line(x0, yc - bar_h / 2, x0, yc + bar_h / 2, "#8c8c8c"))
        out.append(_text(x + 6, yc + 4, t["total"].format(format_number(sum(ns))), cls="total", extra=' fill="#444444"') + "</g>")
    out.append("</svg>")
    return "".join(out)


# ---------------------------------------------------------------- SDG badge


def sdg_badge(number: int, *, size: int = 28, lang: str = "ja") -> str:
    """A square in the goal's official colour with its number in white (not the licensed icon)."""
    goal = SDG_BY_NUMBER.get(number)
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
