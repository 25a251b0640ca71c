"""Indicators listed down the page, each field's word on a line of its own over its content.

A measure page may print its indicators not as a table but as one record after another, every
header word alone on its line and the cell under it on the next::

    指標名
    公民館講座の年間受講者数
    現状値
    3,215人（令和2年度）
    目標値
    4,000人（令和8年度）

A record opens at a line that is only a name word of ``lexicon/headers.toml`` (指標名, KPI) and
takes the next line as its name; then each line that is only a value word (現状値, 目標値,
実績値, 中間目標: a year in the word, 目標値（令和8年度）, dates its figure) gives the next line
its role; a unit or direction word its line likewise. Any other line ends the record. Read only
when at least two records hold a figure each, so a lone heading over a table gives nothing.
"""

from __future__ import annotations

from keikaku.importer.lexicon import fold_key, header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in

FIELD_ROLES = ("baseline", "target", "actual", "interim", "unit", "direction")
MAX_NAME = 60  # characters of a name line


def _word(line: Line) -> tuple[str | None, int | None]:
    """The role of a line that is only a header word (maybe with a year), and that year."""
    rest, year = parse_year_in(line.key)
    key = fold_key(rest)
    lex = header_words()
    role = lex.role_of(rest)
    if role is None or key not in lex.words(role):
        return None, None
    return role, year


def vertical_rows(lines: list[Line]) -> list[IndicatorRow]:
    """The indicators of records printed one field word and one content line after another."""
    rows: list[IndicatorRow] = []
    row: IndicatorRow | None = None
    i = 0
    while i < len(lines) - 1:
        role, year = _word(lines[i])
        content = lines[i + 1]
        if role == "name" and _word(content)[0] is None and len(content.key) <= MAX_NAME \
                and parse_quantity(content.key).kind == "word":
            row = IndicatorRow(name="", origin=origin_of(content))
            set_name(content.text, row)
            rows.append(row)
            i += 2
        elif row is not None and role in FIELD_ROLES and _word(content)[0] is None:
            put_value(row, role, year, content.text, origin=origin_of(content))
            i += 2
        else:
            row = None
            i += 1
    read = [r for r in rows if r.name and (r.baseline is not None or r.target is not None or r.actuals)]
    for r in read:
        infer(r)
    return read if len(read) >= 2 else []
