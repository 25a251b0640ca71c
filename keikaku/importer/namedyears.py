"""An indicator named on a line of its own, over a small table of years with a row per kind of value.

Evaluation sheets often print one block per indicator::

    指標名：講座の参加者数 単位：人
    年度 令和2年度 令和3年度 令和4年度 令和7年度（目標）
    実績値 480 512 530
    目標値 500 520 540 600

or ``成果指標① 講座の参加者数（人）`` over ``区分 R2 R3 R4 R7`` and rows opened by 目標 / 実績. The
name line opens with a name word of the header lexicon (指標名, 成果指標, KPI …), maybe numbered,
maybe with a colon, and may end with the unit (``単位：人`` or in brackets). The next line names two
years or more (its first cell may be a label word such as 区分 or 年度); each row under it opens
with a value word (実績, 目標, 基準 …, or a row word of the lexicon: 計画, 予定) and holds figures, printed from the first year on (cells
left empty at the end are not printed). A year cell carrying a value word (``令和7年度（目標）``,
``R1基準``) says what its column holds. An actual row gives the actuals; a target row gives the
target at its last figure (or in the column marked as the target) and the earlier ones are the
yearly plan, not read; a baseline row or column gives the baseline.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import VALUE_ROLES, HeaderWords, fold_key, header_words, row_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in

_UNIT_TAIL = re.compile(r"\s+単位\s*[:：]?\s*(\S{1,8})\s*$")
_MARK = re.compile(r"^[①-⑳0-9０-９()（）]*\s*[:：]?\s*")
_LABEL_CELLS = frozenset({"区分", "年度", "項目", "指標", "年次"})
_ROWS = 4  # value rows under the years at most


@cache  # asked of every line
def _name_words(lex: HeaderWords) -> tuple[str, ...]:
    return tuple(sorted(lex.words("name"), key=len, reverse=True))


def _name_line(key: str) -> tuple[str, str | None] | None:
    """(name, unit) of a line that opens with a name word and names one indicator."""
    lex = header_words()
    first = key.split(" ")[0]
    opening, words = fold_key(first), _name_words(lex)
    word = next((w for w in words if opening.startswith(w)), None) if opening.startswith(words) else None
    if word is None or len(key) > 80 or "。" in key:
        return None
    rest = key[len(word):] if key.startswith(word) else key[len(first):]
    unit = None
    m = _UNIT_TAIL.search(rest)
    if m:
        unit, rest = m.group(1), rest[:m.start()]
    name = _MARK.sub("", rest, count=1).strip()
    if len(name) < 3 or lex.role_of(name) is not None or any(parse_quantity(w).kind == "number" for w in name.split()):
        return None
    return name, unit


def _years(key: str) -> list[tuple[int, str | None]] | None:
    """The years a header line names, each with the role its cell states (None when it states none)."""
    cells = key.split()
    if cells and cells[0] in _LABEL_CELLS:
        cells = cells[1:]
    out: list[tuple[int, str | None]] = []
    for cell in cells:
        rest, year = parse_year_in(cell)
        if year is None:
            return None
        word = rest.strip(" ()（）")
        role = header_words().role_of(word) if word else None
        if word and role not in VALUE_ROLES:
            return None
        out.append((year, role))
    return out if len(out) >= 2 and len({y for y, _ in out}) == len(out) else None


def _value_row(key: str, width: int) -> tuple[str, list[str]] | None:
    """(role, cells) of a row opened by a value word over the years."""
    cells = key.split()
    if len(cells) < 2:
        return None
    role = header_words().role_of(cells[0]) or row_words().get(fold_key(cells[0]))
    values = cells[1:]
    if role not in ("baseline", "target", "actual", "interim") or len(values) > width:
        return None
    if not all(parse_quantity(v).kind in ("number", "empty") for v in values):
        return None
    return role, values


def named_year_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators printed as a name line over a table of years (see the module's doc), but those ``known``."""
    taken = {fold_key(n) for n in known}
    rows: list[IndicatorRow] = []
    for i, line in enumerate(lines[:-2]):
        named = _name_line(line.key)
        years = _years(lines[i + 1].key) if named else None
        if named is None or years is None or fold_key(named[0]) in taken:
            continue
        body = []
        for below in lines[i + 2:i + 2 + _ROWS]:
            got = _value_row(below.key, len(years))
            if got is None:
                break
            body.append(got)
        row = _read(named, years, body, line)
        if row is not None:
            taken.add(fold_key(row.name))
            rows.append(row)
    return rows


def _read(named: tuple[str, str | None], years: list[tuple[int, str | None]], body: list[tuple[str, list[str]]],
          line: Line) -> IndicatorRow | None:
    if not body:
        return None
    row = IndicatorRow(name="", unit=named[1], origin=origin_of(line))
    set_name(named[0], row)
    if not row.name:
        return None
    for role, values in body:
        filled = [(years[k], v) for k, v in enumerate(values) if parse_quantity(v).kind == "number"]
        if role == "actual":
            for (year, column), value in filled:
                put_value(row, "baseline" if column == "baseline" else "target" if column == "target" else "actual",
                          year, value, origin=row.origin)
        elif role == "target" and filled:
            marked = [(y, v) for (y, column), v in filled if column == "target"]
            year, value = marked[-1] if marked else (filled[-1][0][0], filled[-1][1])
            put_value(row, "target", year, value, origin=row.origin)
        elif role in ("baseline", "interim") and filled:
            put_value(row, role, filled[0][0][0], filled[0][1], origin=row.origin)
    if row.target is None and not row.actuals and row.baseline is None:
        return None
    infer(row)
    return row
