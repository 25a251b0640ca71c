"""Tables as plain ``pdftotext`` (without ``-layout``) leaves them: cells one per line, in the PDF's
drawing order, grouped by its blocks — a whole-document reading (``wholedoc.py``).

From a lone name header (指標名, 成果指標) up to the next heading, sentence or name header, every
line is a header cell, a name, a unit, a figure or a piece to pass over; the grid is recovered
from the order and the counts of its cells, never from their places on the page:

- **Header cells in the order printed** give the value columns: a role with its year (現状値 /
  令和4年度), roles first and their years after them in the same order (現状値 / 目標値 /
  (令和4年 / (令和7年 / 度) / 度)), a year alone after an 実績 column another actual column; years
  more than the roles before them, with an 実績 role among them, give one year to each role before
  it, one to each after it from the end, and the rest to the actuals. A 年度 word without a year
  (基準年度) is a column of years, which its figures print beside them (``52.8% 令和4年度``).
- **Rows printed across** (a figure between two names): each name, its unit and its figures; a
  name followed by another name with no unit or figure between is another text column's cell
  (所管課). Rows whose first columns are printed across and the rest column after column keep the
  same number of figures each and take one run of figures per further column.
- **Columns printed down**: the first run of names, then its units and runs of figures, one run
  per value column. A column's cells parted by blank lines are one run while they add up to the
  rows; first rows printed beside the header and the rest below (``46.2`` / 目標値 / ``60.0`` /
  the other rows of both columns) are put back together when every column splits the same way.
  Names wrapped over two lines are joined where the runs of figures count fewer rows than lines.
- Group cells (``4-1 学校教`` / ``育``), ``※`` notes and a header word's lone tail (``度``) are
  passed over.
- **Two tables side by side**: their header printed twice in a row is one header; a name's head
  broken mid-word after the row before's figures joins the next piece (when no text column follows
  the figures); a short piece taken for a unit right before a unit is a name's tail; rows across
  are kept up to one holding more figures than the columns (the other table's rows run into it).

A table of fewer than two value columns or two rows, value columns whose years or roles run backwards
(目標値 printed before 現状値), or any count that does not fit, gives nothing;
a figure labelled with a colon (``現状値:4,021人``) is running text, which ends the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from keikaku.importer.known import NewRows
from keikaku.importer.lexicon import fold_key, header_words, name_endings, structure, value_units
from keikaku.importer.normalize import Line, make_line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in
from keikaku.importer.width import fold

MAX_LINES = 160  # lines a table may run over
MAX_UNIT = 4
MAX_JOINS = 3  # wrapped names joined at most
VALUE_ROLES = ("baseline", "interim", "target", "actual")
_ORDER = {"baseline": 0, "actual": 1, "interim": 1, "target": 2}
_GROUP = re.compile(r"^[0-9]{1,2}(?:-[0-9]{1,2})+\s*\S{1,8}$")
_WORDY = re.compile(r"[\u3040-\u30ff\u4e00-\u9fffA-Za-z]")
_KANA_START = re.compile(r"^[\u3041-\u3096]")
_LABELLED = re.compile(r":\s*[0-9]")  # a figure labelled in running text (現状値:4,021人): no cell
_MARKED = re.compile(r"^[【〔\[].*[】〕\]]$")  # a section title printed among the cells
_TAIL = re.compile(r"^[(（]?年?度[)）]?$")
_ROW_LETTER = re.compile(r"[A-Z]")  # a row's letter (A, B under 成果指標): no piece of a name
_BRACKETED = re.compile(r"^[(（][^()（）]{1,10}[)）]$")
_OPEN_ENDS = ("の", "を", "に", "が", "と", "や", "、", "・")  # a name's head wrapped before its end


@cache
def _heading() -> re.Pattern[str]:
    """A chapter or a level word with its number and a title: the table has ended."""
    return re.compile(rf"^(?:第\s*[0-9一二三四五六七八九十]+\s*[章節]|(?:{structure().level_pattern()})"
                      r"\s*[0-9ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ][0-9\-.・]*\s+\S)")


@dataclass
class _Item:
    kind: str  # head, name, unit, figure, skip
    line: Line
    role: str | None = None
    year: int | None = None
    year_column: bool = False


def plain_block_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of tables left one cell per line in drawing order, but those ``known``."""
    kept = NewRows(known)
    i = 0
    while i < len(lines):
        if not _lone_name_header(lines[i]):
            i += 1
            continue
        start = i
        while start > 0 and i - start < 4 and _header(lines[start - 1]) is not None \
                and _header(lines[start - 1])[0] in VALUE_ROLES:  # type: ignore[index]
            start -= 1  # value headers printed before the name header (基準値 / 実績値 / 指標名)
        items, end = _items(lines, start, i)
        rows = _read(items)
        for row in rows:
            if row.name and kept.add(row):
                infer(row)
        i = end if rows else i + 1
    return kept.rows


def _lone_name_header(line: Line) -> bool:
    part = _header(line)
    return part is not None and part[0] == "name" and " " not in line.key.strip()


def _header(line: Line) -> tuple[str | None, int | None] | None:
    """(role, year) of a header cell, or None."""
    key = fold_key(line.key)
    if not key or len(key) > 16 or "。" in key:
        return None
    rest, year = parse_year_in(line.key)
    if year is None and line.key.startswith("("):
        rest, year = parse_year_in(line.key[1:])  # a bracketed year broken before its closing bracket
    words = fold_key(rest).strip("()[]【】〔〕 ")
    if year is not None and any(ch.isdigit() for ch in words):
        return None
    role = header_words().role_of(words) if words else None
    if words and (role is None or len(words) > 8):
        return None
    if role is None and year is None:
        return None
    return role, year


def _side_by_side(line: Line) -> list[tuple[Line, tuple[str | None, int | None]]]:
    """Header cells of narrow columns printed on one line a space apart (``単位 基準値``), each with
    its (role, year); empty unless every piece is a header cell and one names a role."""
    pieces = line.text.split()
    if len(pieces) < 2:
        return []
    out = []
    for piece in pieces:
        cell = make_line(piece, line.index, line.page, source=line.source)
        part = _header(cell)
        if part is None:
            return []
        out.append((cell, part))
    return out if any(role is not None for _, (role, _) in out) else []


def _figure(line: Line) -> bool:
    head = line.text.split(" ")[0]
    q = parse_quantity(head)
    if q.kind not in ("number", "empty"):
        return False
    rest = line.text[len(head):].strip()
    return not rest or parse_year_in(rest)[1] is not None or not _WORDY.search(rest)


def _unit(line: Line) -> bool:
    key = fold(line.text.strip())
    if key in _units():
        return True
    if _BRACKETED.fullmatch(key):
        return key[1:-1] in _units()  # (人) is a unit, (年間) a name's qualifier
    if fold_key(key) in name_endings():
        return False  # 数, 者数: a name's wrapped end
    return len(key) <= MAX_UNIT and not _KANA_START.match(key) and _WORDY.search(key) is not None and not any(c.isdigit() for c in key)


def _wrapped_end(piece: str) -> bool:
    """A name's piece that ends the name before it: a bracketed qualifier or a name's ending alone."""
    key = fold_key(piece)
    return bool(_BRACKETED.fullmatch(key)) or key in name_endings()


def _named_from(items: list[_Item], s: int) -> tuple[str, Line]:
    """The name of the row opening at item ``s``, with the pieces of it wrapped onto the names before
    (a head ending with a particle, ``…講座の`` over ``修了者数``; a tail, ``数`` or ``(年間)``)."""
    text, line = items[s].line.text.strip(), items[s].line
    j = s
    while j > 0 and s - j < MAX_JOINS and items[j - 1].kind == "name":
        before = items[j - 1].line.text.strip()
        if not (_wrapped_end(items[j].line.text.strip()) or before.endswith(_OPEN_ENDS) or _head_piece(items, j - 1)):
            break
        text, line = before + text, items[j - 1].line
        j -= 1
    return text, line


def _head_piece(items: list[_Item], j: int) -> bool:
    """Whether the name piece at ``j`` (no figure in it) follows the row before's figures, in a table with
    no text column after its figures (所管課, 備考): a name's head broken mid-word (``…式典の参`` / ``列者数``)."""
    if any(it.kind == "head" and it.role not in (*VALUE_ROLES, "name", "unit", None) for it in items):
        return False
    before = next((it for it in reversed(items[:j]) if it.kind != "skip"), None)
    return before is not None and before.kind == "figure" and not any(ch.isdigit() for ch in items[j].line.text)


_UNITS: set[str] = set()


def _units() -> set[str]:
    if not _UNITS:
        _UNITS.update(fold(u) for u in value_units())
    return _UNITS


def _items(lines: list[Line], start: int, name_at: int) -> tuple[list[_Item], int]:
    """The table's lines from ``start`` classified, and the index after them."""
    out: list[_Item] = []
    k = start
    data = False
    while k < len(lines) and k - start < MAX_LINES:
        line = lines[k]
        text = line.text.strip()
        if line.cells or line.grid is not None or "。" in text or _heading().search(line.key) or _LABELLED.search(line.key):
            break
        if k > name_at and data and _lone_name_header(line):
            break
        part = _header(line) if not _figure(line) else None
        side = _side_by_side(line) if part is None and not _figure(line) else None
        if side:
            out += [_Item("head", piece, role, year, False) for piece, (role, year) in side]
            k += 1
            continue
        if text.startswith(("※", "*", "■", "◆", "●", "○", "◇", "□")) or _TAIL.match(fold_key(text)) or _MARKED.match(text) \
                or (_ROW_LETTER.fullmatch(fold(text)) and fold(text) not in _units()):
            out.append(_Item("skip", line))
        elif _GROUP.match(line.key):
            out.append(_Item("skip", line))
            if k + 1 < len(lines) and len(lines[k + 1].key.strip()) <= 2 and lines[k + 1].index == line.index + 1 \
                    and not _figure(lines[k + 1]):
                k += 1
                out.append(_Item("skip", lines[k]))
        elif part is not None and not (data and part[0] == "name"):
            role, year = part
            year_column = year is None and fold_key(text).endswith("年度") and role != "name"
            out.append(_Item("head", line, role, year, year_column))
        elif _figure(line):
            out.append(_Item("figure", line))
            data = True
        elif _unit(line):
            out.append(_Item("unit", line))
            data = True
        else:
            out.append(_Item("name", line))
            data = True
        k += 1
    for j in range(len(out) - 1):  # 列者数 / 人: a name's wrapped tail before its unit, not a unit
        if out[j].kind == "unit" and out[j + 1].kind == "unit" and fold(out[j].line.text.strip()) not in _units():
            out[j].kind = "name"
    return out, k


def _columns(items: list[_Item]) -> list[tuple[str, int | None]]:
    """The value columns (role, year) the header cells give, in order."""
    cols: list[list] = []  # [role, year]
    pending: list[int] = []  # columns waiting for their year
    batch: list[int] = []
    heads = [it for it in items if it.kind == "head" and not it.year_column]

    def flush() -> None:
        if not batch:
            return
        years = list(batch)
        batch.clear()
        waiting = list(pending)
        pending.clear()
        if len(years) > len(waiting) and any(cols[c][0] == "actual" for c in waiting):
            a = next(j for j, c in enumerate(waiting) if cols[c][0] == "actual")
            before, after = waiting[:a], waiting[a + 1:]
            spread = len(years) - len(before) - len(after)
            for c, y in zip(before, years):
                cols[c][1] = y
            for c, y in zip(after, years[len(years) - len(after):]):
                cols[c][1] = y
            mid = years[len(before): len(before) + spread]
            cols[waiting[a]][1] = mid[0]
            at = waiting[a] + 1
            for y in mid[1:]:
                cols.insert(at, ["actual", y])
                at += 1
            return
        for c, y in zip(waiting, years):
            cols[c][1] = y
        last = cols[-1][0] if cols else None
        for y in years[len(waiting):]:
            cols.append(["actual" if last in (None, "actual") else last, y])
            last = "actual"

    for it in heads:
        if it.role in VALUE_ROLES:
            flush()
            cols.append([it.role, it.year])
            if it.year is None:
                pending.append(len(cols) - 1)
        elif it.role is None and it.year is not None:
            batch.append(it.year)
        else:
            flush()
    flush()
    half = len(cols) // 2
    if half >= 2 and len(cols) == 2 * half and cols[:half] == cols[half:]:
        cols = cols[:half]  # two tables side by side, their headers printed one after the other
    return [(r, y) for r, y in cols]


def _runs(items: list[_Item]) -> list[list[_Item]]:
    """Figures in runs: consecutive lines, nothing between them."""
    runs: list[list[_Item]] = []
    prev: _Item | None = None
    for it in items:
        if it.kind == "figure":
            if prev is not None and prev.kind == "figure" and it.line.index == prev.line.index + 1 and runs:
                runs[-1].append(it)
            else:
                runs.append([it])
        prev = it
    return runs


def _into_columns(runs: list[list[_Item]], n: int, m: int) -> list[list[_Item]] | None:
    """m columns of n figures from the runs: runs adding up to the rows, or first rows printed apart."""
    out: list[list[_Item]] = []
    acc: list[_Item] = []
    for run in runs:
        acc += run
        if len(acc) == n:
            out.append(acc)
            acc = []
        elif len(acc) > n:
            break
    else:
        if not acc and len(out) == m:
            return out
    if len(runs) == 2 * m and len({len(r) for r in runs[:m]}) == 1 and len({len(r) for r in runs[m:]}) == 1 \
            and len(runs[0]) + len(runs[m]) == n:
        return [runs[j] + runs[m + j] for j in range(m)]
    return None


def _read(items: list[_Item]) -> list[IndicatorRow]:
    cols = _columns(items)
    m = len(cols)
    if m < 2 or any(y is None for r, y in cols if r == "actual"):
        return []
    years = [y for _, y in cols if y is not None]
    if years != sorted(years) or _ORDER[cols[0][0]] > _ORDER[cols[-1][0]]:
        return []  # columns printed out of their order (目標値 before 現状値): the header is not the rows' order
    names = [j for j, it in enumerate(items) if it.kind == "name"]
    if len(names) < 1:
        return []
    starts = _row_starts(items)
    across = len(starts) >= 2
    return _read_across(items, cols, starts) if across else _read_down(items, cols)


def _row_starts(items: list[_Item]) -> list[int]:
    """Names followed by a unit or a figure, with a figure before the next name: in rows printed
    across, each opens a row."""
    starts = []
    for j, it in enumerate(items):
        if it.kind != "name":
            continue
        nxt = next((x for x in items[j + 1:] if x.kind != "skip"), None)
        stop = next((i for i in range(j + 1, len(items)) if items[i].kind == "name"), len(items))
        if nxt is not None and nxt.kind in ("unit", "figure") and any(x.kind == "figure" for x in items[j + 1:stop]):
            starts.append(j)
    return starts


def _read_down(items: list[_Item], cols: list[tuple[str, int | None]]) -> list[IndicatorRow]:
    first = next(j for j, it in enumerate(items) if it.kind == "name")
    end = first
    while end < len(items) and items[end].kind in ("name", "skip"):
        end += 1
    name_lines = [it for it in items[first:end] if it.kind == "name"]
    after = items[end:]
    figures = [it for it in after if it.kind == "figure"]
    m = len(cols)
    if not figures or len(figures) % m:
        return []
    n = len(figures) // m
    if not 2 <= n <= len(name_lines) or len(name_lines) - n > MAX_JOINS:
        return []
    columns = _into_columns(_runs(after), n, m)
    if columns is None:
        return []
    names = _joined([it.line for it in name_lines], n)
    units = [it for it in after if it.kind == "unit"]
    units = units[:n] if len(units) >= n else []
    return _rows(names, units, cols, columns)


def _joined(lines: list[Line], n: int) -> list[tuple[str, Line]]:
    """n names of the lines, the likeliest wrapped lines joined to the line above."""
    extra = len(lines) - n
    scores = []
    for j in range(1, len(lines)):
        text = lines[j].text.strip()
        score = 2 * bool(_KANA_START.match(text)) + (len(text) <= 3)  # a particle opens it, or a short tail
        scores.append((score, -j, j))
    joins = {j for _, _, j in sorted(scores, reverse=True)[:extra]} if extra else set()
    out: list[tuple[str, Line]] = []
    for j, line in enumerate(lines):
        if j in joins:
            out[-1] = (out[-1][0] + line.text.strip(), out[-1][1])
        else:
            out.append((line.text.strip(), line))
    return out


def _read_across(items: list[_Item], cols: list[tuple[str, int | None]], starts: list[int]) -> list[IndicatorRow]:
    per_row: list[list[_Item]] = []
    units: list[_Item] = []
    for r, s in enumerate(starts):
        stop = starts[r + 1] if r + 1 < len(starts) else len(items)
        seg = items[s + 1: stop]
        unit = next((x for x in seg if x.kind == "unit"), None)
        if unit is not None:
            units.append(unit)
        per_row.append([x for x in seg if x.kind == "figure"])
    k0 = len(per_row[0])
    misfit = next((r for r, f in enumerate(per_row[:-1]) if len(f) != k0), None)
    if misfit is not None and misfit >= 2 and k0 == len(cols) and len(per_row[misfit]) > k0:
        starts, per_row = starts[:misfit], per_row[:misfit]  # rows of another column's table printed into the rows: the rows before them
        return _rows([_named_from(items, s) for s in starts], units[:misfit] if len(units) >= misfit else [], cols,
                     [[row[c] for row in per_row] for c in range(k0)])
    if misfit is not None or k0 == 0:
        return []
    rest_items = items[starts[-1] + 1:]
    last_figs = [x for x in rest_items if x.kind == "figure"]
    if len(last_figs) < k0:
        return []
    if k0 == len(cols) and len(last_figs) > k0 and len(starts) > 2:  # more figures than the columns after the last
        starts, units = starts[:-1], units[:len(starts) - 1]  # row: another table's, printed into this one
        return _rows([_named_from(items, s) for s in starts], units if len(units) == len(starts) else [], cols,
                     [[row[c] for row in per_row[:-1]] for c in range(k0)])
    per_row[-1] = last_figs[:k0]
    n, m = len(starts), len(cols)
    tail = last_figs[k0:]
    columns = [[row[c] for row in per_row] for c in range(k0)]
    if tail:
        cut = rest_items.index(last_figs[k0])
        more = _into_columns(_runs(rest_items[cut:]), n, m - k0)
        if more is None:
            return []
        columns += more
    if len(columns) != m:
        return []
    names = [_named_from(items, s) for s in starts]
    return _rows(names, units if len(units) == n else [], cols, columns)


def _rows(names: list[tuple[str, Line]], units: list, cols: list[tuple[str, int | None]],
          columns: list[list[_Item]]) -> list[IndicatorRow]:
    rows = []
    for r, (name, line) in enumerate(names):
        row = IndicatorRow(name="")
        set_name(name, row)
        for (role, year), column in zip(cols, columns):
            cell = column[r].line.text.strip()
            head = cell.split(" ")[0]
            rest = cell[len(head):].strip()
            if parse_quantity(head).kind == "empty":
                continue
            put_value(row, role, year, head if not rest or parse_year_in(rest)[1] is None else cell,
                      origin=origin_of(column[r].line))
        if units:
            row.unit = row.unit or fold(units[r].line.text.strip())
        row.origin = origin_of(line)
        rows.append(row)
    return rows
