"""The one formatter of figures, rates and node labels: pages, charts, the CSV/Excel/PDF exports and
the static site all print numbers through here, so 1,070件 reads the same everywhere.

- ``number``: thousands separated, the decimals the figure has (1,070 / 12.5 / 1.36); a figure with
  more than three decimals is cut to two significant figures after the point (0.0123), never "-0".
- ``rate``: a published rate with one decimal (99.4, 100.0).
- ``figure``: a baseline, target or actual as printed: its printed text when the document gave one
  (3億1,100万円, 維持), else the number and its unit (1,070件).
- ``node_label``: 施策 8 防犯・交通安全の推進.
"""

from __future__ import annotations

import math
from typing import Any


def decimals(value: float) -> int:
    """The decimals a figure is printed with (see ``number``)."""
    for d in range(4):  # exact values keep their decimals: 1,070 / 12.5 / 1.36 (a fertility rate)
        if abs(round(value, d) - value) <= 1e-9 * max(1.0, abs(value)):
            return d
    return 1 if abs(value) >= 1 else min(6, 1 - math.floor(math.log10(abs(value))))  # else 2 significant figures


def number(value: float | int | None, places: int | None = None) -> str:
    """1070 → 1,070; 38.9 → 38.9; 12.34567 → 12.3; None or a non-finite value → ""."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    text = f"{value:,.{decimals(float(value)) if places is None else places}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.,") else text


def rate(value: float | None) -> str:
    """A published rate (one decimal): 99.4 → 99.4, 100 → 100.0; None → ""."""
    return "" if value is None else f"{value:,.1f}"


def figure(value: Any, unit: str | None) -> str:
    """A ``Value`` or ``Actual`` as a person reads it: the printed text (3億1,100万円, 維持) when there
    is one, else the number with its unit (1,070件); "" for none."""
    if value is None:
        return ""
    if getattr(value, "text", None):
        return value.text
    if value.value is not None:
        return number(value.value) + (unit or "")
    return ""


def node_label(node: Any) -> str:
    """施策 8 防犯・交通安全の推進: level word, printed number and title."""
    return " ".join(filter(None, [node.level, node.number, node.title]))
