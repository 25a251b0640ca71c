"""A figure printed a space apart from its unit on a line of its own: one cell, not two.

Text extractors print a table cell such as ``2,044 人(2022 年)`` or ``20 万人`` with a space where the
PDF set the unit a little apart from its figure. When the line holds nothing but that figure, its unit
(a unit of the lexicon), maybe a bracketed year or date, and maybe a bound (以上, 以下), it is one cell:
the space goes. Lines holding anything else (a name, a second figure) are left as printed.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import value_units


@cache
def _alone() -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in sorted(value_units(), key=len, reverse=True))
    return re.compile(rf"^\s*([△▲]?[0-9０-９][0-9０-９,，.．]*) +({units})\s*((?:[(（][^()（）]{{1,20}}[)）])?\s*(?:以上|以下|未満|超)?)\s*$")


def glue_cell_unit(text: str) -> str:
    """``2,044 人(2022 年)`` → ``2,044人(2022 年)`` when the line is that one cell; any other line as it is."""
    if " " not in text or len(text) > 40:
        return text
    m = _alone().match(text)
    return f"{m.group(1)}{m.group(2)}{m.group(3)}" if m else text
