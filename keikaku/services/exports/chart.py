"""A compact SVG line chart of one indicator for the PDF report: actuals, the straight expected
path from baseline to target, and the target line, labelled in Japanese. Vector, no scripts."""

from __future__ import annotations

import html
import math

from keikaku.domain import planfile as pf
from keikaku.services.exports.wording import era_short, number

W, H = 360.0, 200.0
LEFT, RIGHT, TOP, BOTTOM = 48.0, 346.0, 44.0, 172.0
ACTUAL, EXPECTED, TARGET, AXIS = "#1f4e99", "#6b6b6b", "#a34f00", "#8c8c8c"


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def ticks(lo: float, hi: float) -> list[float]:
    """Round, evenly spaced values covering [lo, hi] (3 to 6 of them)."""
    if hi - lo < 1e-9:
        pad = abs(lo) * 0.1 or 1.0
        lo, hi = (lo - pad if lo else 0.0), hi + pad
    raw = (hi - lo) / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw - 1e-12)
    first, last = math.floor(lo / step + 1e-9), math.ceil(hi / step - 1e-9)
    return [round(k * step, 10) for k in range(first, last + 1)]


def _point(value: pf.Value | None) -> tuple[int, float] | None:
    return (value.year, float(value.value)) if value and value.year is not None and value.value is not None else None


def indicator_svg(ind: pf.Indicator, *, year: int) -> str | None:
    """The chart of ``ind`` (its actuals up to ``year``), or None when it has no number to draw."""
    acts = sorted((a.year, float(a.value)) for a in ind.actuals if a.value is not None and a.year <= year)
    base, tgt = _point(ind.baseline), _point(ind.target)
    words = (ind.target.text or "") if ind.target else ""
    keep = tgt is None and base is not None and (ind.direction == "maintain" or "維持" in words)  # the target is the baseline
    # The target line: the target, a target printed without a year, or the baseline to maintain.
    level = tgt[1] if tgt else base[1] if keep and base else None
    if level is None and ind.target and ind.target.value is not None:
        level = float(ind.target.value)
    values = [v for _, v in acts] + [p[1] for p in (base, tgt) if p] + ([level] if level is not None else [])
    if not values:
        return None
    years = [y for y, _ in acts] + [p[0] for p in (base, tgt) if p]
    if keep and ind.target and ind.target.year is not None:
        years.append(ind.target.year)
    y0, y1 = min(years), max(years)
    pad = (max(values) - min(values)) * 0.08  # room for the labels above the highest and below the lowest
    low = min(values) - pad if min(values) < 0 else max(0.0, min(values) - pad)  # counts never go below 0
    scale = ticks(low, max(values) + pad)
    unit = ind.unit or ""

    def sx(y: float) -> float:
        return (LEFT + RIGHT) / 2 if y1 == y0 else LEFT + 14 + (y - y0) / (y1 - y0) * (RIGHT - LEFT - 28)

    def sy(v: float) -> float:
        return BOTTOM - (v - scale[0]) / (scale[-1] - scale[0]) * (BOTTOM - TOP)

    def line(x1: float, yy1: float, x2: float, yy2: float, colour: str, width: float, dash: str = "") -> str:
        d = f' stroke-dasharray="{dash}"' if dash else ""
        return (f'<line x1="{x1:.1f}" y1="{yy1:.1f}" x2="{x2:.1f}" y2="{yy2:.1f}" stroke="{colour}" '
                f'stroke-width="{width}"{d}/>')

    def text(x: float, y: float, content: str, anchor: str = "start", extra: str = "") -> str:
        return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{_esc(content)}</text>'

    title = f"{ind.name}（単位: {unit}）" if unit else ind.name
    summary = "、".join(f"{y}年度 {number(v)}{unit}" for y, v in acts) or "実績なし"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart" viewBox="0 0 {W:.0f} {H:.0f}" '
        f'role="img" font-family="Noto Sans CJK JP, sans-serif" font-size="9" fill="#333">',
        f"<title>{_esc(title)}</title><desc>実績: {_esc(summary)}</desc>",
        text(4, 13, title if len(title) <= 34 else title[:33] + "…", extra=' font-size="10.5" font-weight="bold"'),
    ]
    path = base is not None and tgt is not None and tgt[0] > base[0]
    legend = [("実績", ACTUAL, "", bool(acts)), ("想定推移", EXPECTED, "5 3", path), ("目標", TARGET, "2 2", level is not None)]
    x = 4.0
    for label, colour, dash, shown in legend:
        if not shown:
            continue
        out.append(line(x, 27, x + 18, 27, colour, 2, dash) + text(x + 22, 30, label))
        x += 30 + 9 * len(label)
    for v in scale:
        out.append(line(LEFT, sy(v), RIGHT, sy(v), "#e3e3e3", 0.6) + text(LEFT - 4, sy(v) + 3, number(v), "end"))
    out.append(line(LEFT, TOP, LEFT, BOTTOM, AXIS, 0.8) + line(LEFT, BOTTOM, RIGHT, BOTTOM, AXIS, 0.8))
    every = max(1, math.ceil((y1 - y0 + 1) / 10))
    for y in range(y0, y1 + 1):
        out.append(line(sx(y), BOTTOM, sx(y), BOTTOM + 3, AXIS, 0.8))
        if (y1 - y) % every == 0:
            out.append(text(sx(y), BOTTOM + 13, era_short(y), "middle") + text(sx(y), BOTTOM + 23, str(y), "middle",
                                                                                ' font-size="7.5" fill="#666"'))
    if path and base and tgt:
        out.append(line(sx(base[0]), sy(base[1]), sx(tgt[0]), sy(tgt[1]), EXPECTED, 1.2, "5 3"))
    if base:
        bx, by = sx(base[0]), sy(base[1])
        out.append(f'<polygon points="{bx:.1f},{by - 5:.1f} {bx + 5:.1f},{by:.1f} {bx:.1f},{by + 5:.1f} '
                   f'{bx - 5:.1f},{by:.1f}" fill="#fff" stroke="#333" stroke-width="1.2"/>')
        rising = tgt is not None and tgt[1] > base[1]  # keep the label off the expected path
        out.append(text(bx + 7, by + (12 if rising else -6), f"基準 {number(base[1])}{unit}", extra=' font-size="8"'))
    if level is not None:
        ty = sy(level)
        out.append(line(LEFT, ty, RIGHT, ty, TARGET, 1.2, "2 2"))
        below = ty - 14 < TOP or any(sy(v) < ty and sx(y) > RIGHT - 90 for y, v in acts)
        label = f"目標 維持 ({number(level)}{unit})" if keep else f"目標 {number(level)}{unit}"
        out.append(text(RIGHT, ty + 10 if below else ty - 4, label, "end", f' fill="{TARGET}" font-weight="bold"'))
    if len(acts) > 1:
        points = " ".join(f"{sx(y):.1f},{sy(v):.1f}" for y, v in acts)
        out.append(f'<polyline points="{points}" fill="none" stroke="{ACTUAL}" stroke-width="2"/>')
    for y, v in acts:
        out.append(f'<circle cx="{sx(y):.1f}" cy="{sy(v):.1f}" r="3" fill="{ACTUAL}" stroke="#fff" stroke-width="1"/>')
        out.append(text(sx(y), sy(v) - 6, number(v), "middle", f' fill="{ACTUAL}" font-size="8"'))
    out.append("</svg>")
    return "".join(out)
