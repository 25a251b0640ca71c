"""A bracketed era year alone on its line, printed with a space after the era: ``（令和 ９年度）``.

The seeds' extractor sets the era's name a space apart from its number (``令和 ９年度``). A figure's
year printed on the line under the figure in that form is one cell; with the space closed
(``（令和９年度）``) it reads as every year under a figure does. Only a line holding nothing but the
bracketed year (a date's month may follow: ``（令和 ５年４月）``) is rewritten.
"""

from __future__ import annotations

import re

_SPACED = re.compile(r"^(\s*[(（]\s*(?:令和|平成|昭和))\s+([0-9０-９]{1,2}|元)(\s*年(?:度(?:末|平均)?)?(?:\s*[0-9０-９]{1,2}\s*月(?:末|[0-9０-９]{1,2}日)?(?:現在|時点)?)?\s*[)）]\s*)$")


def closed_era_year(text: str) -> str:
    """``（令和 ９年度）`` → ``（令和９年度）`` when the line is that bracketed year; any other line as it is."""
    if "令和" not in text and "平成" not in text and "昭和" not in text:
        return text
    m = _SPACED.match(text)
    return f"{m.group(1)}{m.group(2)}{m.group(3)}" if m else text
