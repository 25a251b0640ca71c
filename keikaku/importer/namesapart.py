"""A table printed one cell per line whose figures run apart from its names.

Some extractors print a measure's indicator table column by column within a row band: the
header cells one per line, then every row's figures in one run, and the names — each opened by a
mark (○, ①) — before and after that run, with text columns (a placeholder, a row number) between:

    評価指標 / 目標の説明 / 現状値 / (基準年度) / 27年度実績 / 目標値 / (目標年度)
    ○name one
    122経営体 / (26年度) / 126経営体 / 132経営体 / (36年度) / 3法人 / (26年度) / 4法人 / …
    〔…〕 / ○name two / 〔…〕 / ○name three / …

A header cell names a value column when it ends with its value word (``27年度実績``; ``目標の説明`` is
text); a bracketed cell with a year word under a value column's cell (``(基準年度)``)
says each of its figures is followed by its time (on the next line, or glued on: ``122件(26年度)``). Each row's record is, column by column, a figure
(or a dash) and its time when the column has one. Names marked ①, ② printed together among names
marked otherwise are one row's parts: each cell of that row holds one figure per part (a part
may lack its figure in an undated column). The records are laid on the names in order, and the
table is read only when they use the whole run of figures exactly. A year without its era gives
no year (a figure of such a column stays undated; an undated actual is lost).
"""

from __future__ import annotations

import re

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import VALUE_ROLES, fold_key, header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year

_TIME = re.compile(r"[(（][^()（）]{0,6}(?:年度|年)(?:末)?[)）]")
_GLUED_TIME = re.compile(r"[(（][^()（）]{0,6}(?:年度|年)(?:末)?[)）]$")
_TIME_WORD = re.compile(r"[(（][^()（）\d]{0,6}(?:年度|年次|時点)[)）]")
_DASH = re.compile(r"[-‐－―ー−]+")
_MARK = re.compile(r"^[○●◎◇◆□■]\s*")
_CIRCLED = re.compile(r"^[①-⑳]\s*")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
MAX_HEADER = 10  # header cells
MAX_PIECE = 10  # characters of a name's last piece printed on a line of its own


def names_apart_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of every such table (see the module's doc), but those ``known``."""
    kept = NewRows(known)
    k = 0
    while k < len(lines):
        header = _header(lines, k)
        if header is None:
            k += 1
            continue
        columns, start = header
        rows, k = _table(lines, start, columns)
        for row in rows:
            if kept.add(row):
                infer(row)
    return kept.rows


def _kind(text: str) -> str:
    """fig, dash, time, figtime (a figure with its time glued on), name, circled or text."""
    glued = _GLUED_TIME.search(text)
    if glued and glued.start() > 0 and _kind(text[: glued.start()]) == "fig":
        return "figtime"
    if _DASH.fullmatch(text):
        return "dash"
    if _TIME.fullmatch(text):
        return "time"
    if _MARK.match(text):
        return "name"
    if _CIRCLED.match(text):
        return "circled"
    if parse_quantity(text).kind == "number" and len(_DIGITS.findall(text)) == 1 and not re.fullmatch(r"\d+", text):
        return "fig"
    return "text"


def _header(lines: list[Line], k: int) -> tuple[list[tuple[str, int | None, bool]], int] | None:
    """The value columns (role, year, timed) of a header opened at ``k`` by a name cell, and the
    line after it; None when there is none or no column is timed."""
    lex = header_words()
    if lex.role_of(lines[k].text.strip()) != "name" or len(lines[k].text.strip()) > 8:
        return None
    columns: list[list] = []
    j, after_value = k + 1, False
    while j < len(lines) and j <= k + MAX_HEADER:
        cell = lines[j].text.strip()
        if _TIME_WORD.fullmatch(cell):
            if after_value:  # the time of the value column right above; under a text column, nothing
                columns[-1][2] = True
            after_value = False
        elif (role := lex.role_of(cell)) is not None and len(cell) <= 12:
            bare = fold_key(re.sub(r"[(（].*?[)）]", "", cell))
            after_value = role in VALUE_ROLES and role != "rate" and any(bare.endswith(fold_key(w)) for w in lex.words(role))
            if after_value:
                columns.append([role, parse_year(cell), False])
        else:
            break
        j += 1
    if len(columns) < 2 or not any(c[2] for c in columns):
        return None
    return [tuple(c) for c in columns], j  # type: ignore[misc]


def _table(lines: list[Line], start: int, columns: list[tuple[str, int | None, bool]]) -> tuple[list[IndicatorRow], int]:
    kinds = [_kind(ln.text.strip()) for ln in lines]
    run_at, run_end, i = None, None, start
    while i < len(lines):  # the longest run of figures, dashes and times
        j = i
        while j < len(lines) and kinds[j] in ("fig", "dash", "time", "figtime"):
            j += 1
        if j - i > (run_end - run_at if run_at is not None else 0):
            run_at, run_end = i, j
        i = j + 1
        if i < len(lines) and _header(lines, i - 1) is not None:
            break
    if run_at is None or run_end - run_at < 2 * len(columns):
        return [], start + 1
    names = _names(lines, kinds, start, run_at, run_end, i)
    cells: list[tuple[str, str]] = []  # (kind, text), a figure with its time glued on as two cells
    for n in range(run_at, run_end):
        text = lines[n].text.strip()
        if kinds[n] == "figtime":
            at = _GLUED_TIME.search(text).start()  # type: ignore[union-attr]
            cells += [("fig", text[:at]), ("time", text[at:])]
        else:
            cells.append((kinds[n], text))
    for grouped in (True, False):
        groups = _groups(names, grouped=grouped)
        records = _records(cells, columns, groups)
        if records is not None:
            return _rows(groups, records, columns), run_end
    return [], run_end


def _names(lines: list[Line], kinds: list[str], start: int, run_at: int, run_end: int, end: int) -> list[tuple[str, str, Line]]:
    """(kind, name, line) of the marked names around the run, a short unmarked piece after a name joined."""
    out: list[tuple[str, str, Line]] = []
    for n in range(start, min(end, len(lines))):
        if run_at <= n < run_end:
            continue
        text = lines[n].text.strip()
        if kinds[n] in ("name", "circled"):
            out.append((kinds[n], text, lines[n]))
        elif (kinds[n] == "text" and out and len(text) <= MAX_PIECE and not text.startswith(("〔", "(", "（"))
              and not re.fullmatch(r"\d+", text) and n - 1 >= 0 and (kinds[n - 1] in ("name", "circled") or re.fullmatch(r"\d+", lines[n - 1].text.strip()))):
            kind, name, line = out[-1]
            out[-1] = (kind, name + text, line)
    return out


def _groups(names: list[tuple[str, str, Line]], *, grouped: bool) -> list[list[tuple[str, Line]]]:
    mixed = grouped and any(k == "name" for k, _, _ in names)
    groups: list[list[tuple[str, Line]]] = []
    previous = None
    for kind, name, line in names:
        text = (_MARK if kind == "name" else _CIRCLED).sub("", name).strip()
        if mixed and kind == "circled" and previous == "circled":
            groups[-1].append((text, line))
        else:
            groups.append([(text, line)])
        previous = kind
    return groups


def _records(cells: list[tuple[str, str]], columns: list[tuple[str, int | None, bool]],
             groups: list[list[tuple[str, Line]]]) -> list[list[list[tuple[str, int | None]]]] | None:
    """Per group, per column, the (figure, year) of each part in order; None unless the groups use
    every cell."""
    i, out = 0, []
    for group in groups:
        record = []
        for _, year, timed in columns:
            values: list[tuple[str, int | None]] = []
            while len(values) < len(group) and i < len(cells) and cells[i][0] in ("fig", "dash"):
                followed = i + 1 < len(cells) and cells[i + 1][0] == "time"
                if timed != followed:
                    break
                values.append(("" if cells[i][0] == "dash" else cells[i][1], parse_year(cells[i + 1][1]) if timed else year))
                i += 2 if timed else 1
            if not values or (len(group) == 1 and len(values) != 1):
                return None
            record.append(values)
        out.append(record)
    return out if i == len(cells) else None


def _rows(groups: list[list[tuple[str, Line]]], records: list, columns: list[tuple[str, int | None, bool]]) -> list[IndicatorRow]:
    out = []
    for group, record in zip(groups, records):
        for p, (name, line) in enumerate(group):
            row = IndicatorRow(name="", origin=origin_of(line))
            set_name(name, row)
            for (role, _, _), values in zip(columns, record):
                if p < len(values) and values[p][0]:
                    put_value(row, role, values[p][1], values[p][0], origin=origin_of(line))
            if row.name and (row.baseline or row.target or row.actuals):
                out.append(row)
    return out
