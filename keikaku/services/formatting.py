"""The one formatter of figures, rates and node labels: pages, charts, the CSV/Excel/PDF exports and
the static site all print numbers through here, so 1,070件 reads the same everywhere.

- ``number``: thousands separated, the decimals the figure has (1,070 / 12.5 / 1.36); a figure with
  more than three decimals is cut to two significant figures after the point (0.0123), never "-0".
- ``rate``: a published rate with one decimal (99.4, 100.0).
- ``figure``: a baseline, target or actual as printed: its printed text when the document gave one
  (3億1,100万円, 維持), else the number and its unit (1,070件).
- ``node_label``: 施策 8 防犯・交通安全の推進.
- ``thousand_yen``: an amount of yen in a 千円 table: 1,234,567 → 1,235 (half up; △ for a negative).
- ``yen_words``: an amount in prose with 億 and 万: 312,345,678 → 3億1,235万円 (half up to 万円).
- ``unit_cost``: a cost per unit (a Decimal of yen): 12345.5 → 12,345.50.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
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


def _signed(text: str, negative: bool) -> str:
    return "△" + text if negative else text  # a city's tables mark a negative amount with △


def thousand_yen(amount: int | None) -> str:
    """An amount of yen as a 千円 table prints it: rounded half up to 千円, thousands separated,
    △ before a negative figure (1,234,567 → 1,235; 499 → 0; -1,500 → △2); None → ""."""
    if amount is None:
        return ""
    thousands = int((Decimal(abs(amount)) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return _signed(f"{thousands:,}", amount < 0 and thousands != 0)


def yen_words(amount: int | None) -> str:
    """An amount in prose: below 1万円 exact (9,800円); from 1万円 rounded half up to 万円
    (12,345,678 → 1,235万円); from 1億円 with 億 (312,345,678 → 3億1,235万円; 500,000,000 → 5億円);
    △ before a negative amount; None → ""."""
    if amount is None:
        return ""
    size = abs(amount)
    if size < 10_000:
        return _signed(f"{size:,}円", amount < 0 and size != 0)
    man = int((Decimal(size) / 10_000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    oku, rest = divmod(man, 10_000)
    text = (f"{oku:,}億" if oku else "") + (f"{rest:,}万" if rest else "") + "円"
    return _signed(text, amount < 0)


def unit_cost(value: Decimal | None) -> str:
    """A cost per unit in yen with its two decimals: Decimal('12345.5') → 12,345.50; None → ""."""
    return "" if value is None else f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"
