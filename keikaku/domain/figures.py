"""The figures keikaku stores: finite, of a size a plan can mean, and no more precise than printed.

Every entry point (the actuals form, uploads, the CLI, plan files, the importer) checks a figure
with ``figure_problem`` before it is stored, so that what is stored can always be computed with,
rendered and exported. The bound is wide: 10^15 holds any budget in yen with room (a
prefecture's is about 10^12). Figures typed by people are also held to 15 significant digits,
what a double keeps exactly (``typed_figure_problem``); figures computed by the importer (2.9万 →
29000) are not, since their last binary digit says nothing.
"""

from __future__ import annotations

import math
import re

MAX_ABS = 10**15  # exclusive: figures are smaller than 1,000兆 in size
MAX_DIGITS = 15  # significant digits of a typed figure


def figure_problem(value: float | int) -> str | None:
    """Why ``value`` cannot be stored as a figure, or None when it can."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "not a number"
    if isinstance(value, float) and not math.isfinite(value):
        return "not a finite number"
    if abs(value) >= MAX_ABS:
        return "too large: a figure must be smaller than 10^15 in size"
    return None


def significant_digits(text: str) -> int:
    """The significant digits of a typed number (``120`` → 3, ``0.0305`` → 3, ``1.50e3`` → 3)."""
    mantissa = re.split(r"[eE]", text.strip().lstrip("+-"))[0]
    digits = mantissa.replace(".", "").lstrip("0")
    return max(1, len(digits))


def typed_figure_problem(text: str, value: float) -> str | None:
    """``figure_problem`` for a number a person typed, which must also have at most 15 significant digits."""
    problem = figure_problem(value)
    if problem is None and significant_digits(text) > MAX_DIGITS:
        problem = f"too precise: at most {MAX_DIGITS} significant digits"
    return problem


def is_storable(value: float | int | None) -> bool:
    return value is None or figure_problem(value) is None
