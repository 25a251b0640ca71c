"""A goal stated as the figure an indicator is to reach, the figure glued after the name.

A plan's summary page often states its headline goal as a phrase, not in a table::

    港の再整備による交流の拡大 →  年間来訪者数120万人を達成
    令和9年度までに移住者数300人の実現

The phrase is a name, a figure with its unit right after it (a scale such as 万 included), and a
closing word (``[achieved] words`` of ``lexicon/figures.toml``). The figure is the
target; a year with まで before the name is its year. The name is the text
between the figure and the cell before it (a space, a punctuation mark, an arrow, a figure) and
must end like an indicator's name (``name_endings`` in ``lexicon/sheets.toml``: 数, 率 …) and be
four characters or more; a figure without a unit, or a closing word that goes on as another word
(達成率, 達成度, a particle after the word), gives nothing.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import figure_words, fold_key, name_endings
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import ERA, parse_quantity, parse_year

MIN_NAME = 4


@cache
def _phrase() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(figure_words()["achieved"]["words"], key=len, reverse=True))
    return re.compile(
        rf"(?:(?P<year>{ERA}(?:元|[0-9]{{1,2}})年度?|[0-9]{{4}}年度?)末?(?:までに|まで)[、,]?)?"
        r"(?P<name>[^\s0-9、。,，.:：;→⇒「」『』()（）【】〔〕]{%d,60}?)" % MIN_NAME
        + r"(?P<figure>[0-9][0-9,]*(?:\.[0-9]+)?[^\s0-9、。の]{1,6}?)"
        r"(?:" + words + r")(?![率度状に])")


def achieved_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The goals stated as phrases on ``lines`` (see the module's description), but those ``known``."""
    new = NewRows(known)
    for line in lines:
        for m in _phrase().finditer(line.key):
            name, figure = m.group("name"), m.group("figure")
            quantity = parse_quantity(figure)
            if quantity.kind != "number" or not quantity.unit or not fold_key(name).endswith(name_endings()):
                continue
            row = IndicatorRow(name="", origin=origin_of(line))
            set_name(name, row)
            year = parse_year(m.group("year")) if m.group("year") else None
            put_value(row, "target", year, figure, origin=row.origin)
            infer(row)
            if row.name and row.target is not None:
                new.add(row)
    return new.rows
