"""Tables whose reader knows their geometry (Word, Excel, ruled PDF tables), read as cell grids.

A grid's header is its top rows whose cells are header words or years. Each column's header is
what every header row says above it, merged cells included (a 実績値 cell spanning three year
columns gives all three the role ``actual``; the years under it give each its year), so a header
merged over two rows reads the same as a one-row header. Roles come from the header vocabulary
(``lexicon/headers.toml``). Rows whose cells say 目標 / 実績 under a 区分 column give the role
of their year columns row by row.
"""

from __future__ import annotations

import re

from dataclasses import dataclass

from keikaku.importer.datecells import date_fiscal_year, is_time_column
from keikaku.importer.gridshapes import reshaped
from keikaku.importer.labelcolumn import label_column
from keikaku.importer.lexicon import VALUE_ROLES, fold_key, header_words, row_label_role, value_units
from keikaku.importer.records import Grid, GridCell
from keikaku.importer.tables import IndicatorRow, infer, is_year_header, put_value, set_name
from keikaku.importer.values import find_era, parse_quantity, parse_year, parse_year_in
from keikaku.importer.width import fold

MAX_HEADER_ROWS = 4
ROW_ROLES = frozenset({"target", "interim", "actual", "rate"})  # what a 区分 cell may say a row holds


@dataclass(frozen=True)
class GridColumn:
    index: int
    role: str | None
    year: int | None
    years_only: bool = False


def _is_header_cell(text: str, era: str | None) -> bool:
    if not text.strip():
        return True
    if header_words().role_of(text) is not None:
        return True
    rest, year = parse_year_in(text, default_era=era)
    if year is not None and not rest.strip(" ()（）"):
        return True
    q = parse_quantity(text)
    if (q.kind == "word" and len(fold_key(text)) <= 16 and parse_year(text, default_era=era) is not None
            and not re.search(r"[→⇒➡%％]", text)):
        return True  # 平成15年9月30日現在, 平成15年末見込
    return q.kind == "word" and len(fold_key(text)) <= 12 and not any(ch.isdigit() for ch in text)


def header_rows(grid: Grid) -> int:
    """How many rows at the top of the grid are header rows (0 when the grid has no header)."""
    rows = grid.row_texts()
    era = None
    count = 0
    for texts in rows[:MAX_HEADER_ROWS]:
        for t in texts:
            era = find_era(t) or era
        filled = [t for t in texts if t.strip()]
        known = [t for t in filled if _is_header_cell(t, era)]
        if not filled or 2 * len(known) <= len(filled) or any(parse_quantity(t).kind == "number" for t in filled if t not in known):
            break  # a header row: mostly header words, no figure (a long 目的 cell may sit among them)
        count += 1
    return count if count < len(rows) else 0


def grid_columns(grid: Grid, *, default_era: str | None = None) -> tuple[list[GridColumn], int]:
    """Each column's role and year from the header rows above it, and the number of header rows."""
    n = header_rows(grid)
    matrix = grid.matrix()
    era = default_era
    for r in range(n):
        for cell in matrix[r]:
            if cell is not None:
                era = find_era(cell.text) or era
    lex = header_words()
    body = grid.row_texts()[n:]
    columns = []
    for c in range(grid.cols):
        seen: list[GridCell] = []
        for r in range(n):
            cell = matrix[r][c]
            if cell is not None and cell not in seen and cell.text.strip():
                seen.append(cell)
        role = None
        year = None
        for cell in seen:
            rest, found = parse_year_in(cell.text, default_era=era)
            if found is None:
                found = parse_year(cell.text, default_era=era)  # 平成13年実績: a year inside the words
            year = found or year
            role = lex.role_of(rest) or role if rest else role
        if role is None and year is not None:
            role = "year"  # a bare year: an actual, unless a 区分 column says otherwise row by row
        times = (role in VALUE_ROLES or (role is None and columns and columns[-1].role in ("baseline", "target"))) \
            and is_time_column([row[c] for row in body], era=era)  # 基準 | 基準日, 現況値 | 調査日: datecells
        role = role or (columns[-1].role if times else None)
        columns.append(GridColumn(c, role, year, times or any(is_year_header(cell.text) for cell in seen)))
    if columns and columns[0].role is None and columns[0].year is None and _names_below(grid, n, columns):
        columns[0] = GridColumn(0, "name", None)  # no header over the first column, text in it: the names
    for c in list(columns):  # no header over a column of 目標 / 実績 words: the rows' labels (labelcolumn)
        if c.role is None and c.year is None and label_column(matrix, c.index, n):
            columns[c.index] = GridColumn(c.index, "label", None)
    targets = [c for c in columns if c.role == "target" and c.year is not None and not c.years_only]
    for c in targets:  # 目標値(R4) beside 目標値(R7): the earlier is an interim target
        if c.year < max(t.year for t in targets):  # type: ignore[operator]
            columns[c.index] = GridColumn(c.index, "interim", c.year, False)
    baselines = [c.index for c in columns if c.role == "baseline" and not c.years_only]
    for k in baselines[1:]:  # 基準値 then 現状値: the later one is the latest actual
        columns[k] = GridColumn(k, "actual", columns[k].year, False)
    for c in list(columns):  # 直近値 then 直近値の年度: the years beside that actual go with it
        if c.years_only and c.role == "baseline" and c.index - 1 in baselines[1:]:
            columns[c.index] = GridColumn(c.index, "actual", c.year, True)
    roles = [c.role for c in columns]
    if "baseline" not in roles and "year" in roles and "actual" in roles[roles.index("year"):]:
        k = roles.index("year")  # a bare year before the yearly actuals: the base year
        columns[k] = GridColumn(k, "baseline", columns[k].year, False)
    roles = [c.role for c in columns]
    if "baseline" not in roles and roles.count("actual") == 1 and {"target", "interim"} & set(roles[roles.index("actual"):]) \
            and not {"target", "interim"} & set(roles[:roles.index("actual")]):
        k = roles.index("actual")  # one dated actual before the planned years: the base the plan starts from
        if columns[k].year is not None:
            columns[k] = GridColumn(k, "baseline", columns[k].year, False)
    return columns, n


def is_indicator_grid(grid: Grid) -> bool:
    return any(_names_values(shape) for shape in reshaped(grid))  # blocks of a form, years as rows: gridshapes


def _names_values(grid: Grid) -> bool:
    columns, n = grid_columns(grid)
    roles = {c.role for c in columns}
    return n > 0 and "name" in roles and bool(roles & (VALUE_ROLES | {"year"}))


_TRAILING_PLACEHOLDER = re.compile(r"\s+〔[^〔〕\d]{1,12}〕$")  # 名前 〔説明文〕: a description in the name's cell


def indicator_rows(grid: Grid, *, default_era: str | None = None) -> list[IndicatorRow]:
    """The indicators of a grid whose header names an indicator column and value columns (of each
    of its blocks, or of the grid turned over, when ``gridshapes`` reshapes it)."""
    shapes = reshaped(grid)
    if shapes != [grid]:
        return [row for shape in shapes for row in indicator_rows(shape, default_era=default_era)]
    columns, n = grid_columns(grid, default_era=default_era)
    names = [c for c in columns if c.role == "name"]
    if not names or n == 0:
        return []
    named = [c for c in names if not _values_below(grid, c.index, n) and not _numbered_labels(grid, c.index, n)]
    name_col = named[0].index if named else next((c.index for c in names if not _values_below(grid, c.index, n)), names[0].index)
    matrix = grid.matrix()
    lex = header_words()
    labels = [c.index for c in columns if c.role == "label"]  # 区分 over 活動指標 and 区分 over 目標/実績: the latter
    label = max(labels, key=lambda k: (_row_words_below(matrix, k, n), -k)) if labels else None
    rows: list[IndicatorRow] = []
    by_name: dict[int, IndicatorRow] = {}  # a name cell merged over several rows: one indicator
    era = default_era  # the era the table named last: a bare year in a cell (50.0%(32年度)) takes it
    for r in range(n):
        era = next((e for cell in reversed(matrix[r]) if cell is not None and (e := find_era(cell.text))), era)
    units = _unit_columns(matrix, n, grid.rows)
    for r in range(n, grid.rows):
        name_cell = matrix[r][name_col]
        if (name_cell is None or not name_cell.text.strip()) and rows and label is not None and matrix[r][label] is not None \
                and row_label_role(matrix[r][label].text) in ROW_ROLES:
            name_cell = matrix[r - 1][name_col]  # an 実績 row under its 目標 row, the name printed once (merged)
        if name_cell is None or not name_cell.text.strip():
            continue
        if lex.role_of(name_cell.text) == "name" and fold_key(name_cell.text) in lex.words("name"):
            continue  # the header repeated (a table continued on a new page)
        described = _DESCRIBED.match(name_cell.text.strip())
        if rows and described and lex.role_of(described.group(1)) == "definition":
            rows[-1].definition = rows[-1].definition or described.group(2).strip()  # 説明：… under the name's row
            continue
        if name_cell.colspan > 1 and name_cell.col + name_cell.colspan >= grid.cols and name_cell.rowspan == 1:
            continue  # a group's heading merged across the row (施策2-1 …): no indicator of its own
        row = by_name.get(id(name_cell))
        if row is None:
            row = IndicatorRow(name="", origin=_where(name_cell))
            set_name(_TRAILING_PLACEHOLDER.sub("", name_cell.text), row)
            by_name[id(name_cell)] = row
            rows.append(row)
        row_role = row_label_role(matrix[r][label].text) if label is not None and matrix[r][label] is not None else None
        row_role = row_role if row_role in ROW_ROLES else None
        for col in columns:
            if col.index == name_col or col.index in units:
                continue
            cell = matrix[r][col.index]
            if cell is None or cell.col != col.index or cell.row != r:
                continue  # a merged cell is read once, at its top-left position
            role = col.role
            spans_labels = (cell.rowspan > 1 or _printed_once(matrix, r, col.index, name_col)) \
                and role in VALUE_ROLES and role != "actual"  # 基準値 merged over 目標/実績
            if role == "year" or (row_role in VALUE_ROLES and role in VALUE_ROLES and not spans_labels
                                  and (role, row_role) != ("baseline", "actual")):
                role = row_role or "actual"
            if role is None or role in ("name", "label") or (role == "actual" and col.years_only):
                continue
            text = cell.text.strip()
            if not text:
                continue
            year = col.year if role != "actual" or col.year is not None else _year_beside(matrix[r], columns, col.index, era)
            if col.years_only and role in ("baseline", "target") and (fiscal := date_fiscal_year(text)) is not None:
                text = f"{fiscal}年度"  # a date under 基準日: the fiscal year it falls in
            if cell.percent and not text.endswith("%"):
                text += "%"
            if col.index + 1 in units and (unit := matrix[r][col.index + 1]) is not None and unit.text.strip():
                text += unit.text.strip()  # 1,284 | 千人 under one 現状値 heading: the figure's unit beside it
            era = find_era(text) or era  # 45.0%(平成28年度) then 50.0%(32年度): the era named last
            if row_role == "target" == role and row.target is not None and row.target.kind == "number" \
                    and year is not None and row.target_year is not None and year > row.target_year:
                # a 目標 row across the years: each year's aim but the last is an interim target
                put_value(row, "interim", row.target_year, row.target.text, origin=row.origins.get("target"))
            put_value(row, role, year, text, origin=_where(cell), era=era)
    for row in rows:
        infer(row)
    return [r for r in rows if r.name]


def _unit_columns(matrix: list, n: int, rows: int) -> set[int]:  # type: ignore[type-arg]
    """Columns of units beside figures under one header cell merged over both (現状値 over 1,284 | 千人):
    every filled body cell a unit word, the column to the left holding a figure on each of those rows."""
    if n == 0:
        return set()
    units = value_units()
    out = set()
    for c in range(1, len(matrix[n - 1])):
        head = matrix[n - 1][c]
        if head is None or head is not matrix[n - 1][c - 1] or head.colspan < 2:
            continue
        filled = [r for r in range(n, rows) if matrix[r][c] is not None and matrix[r][c].text.strip()]
        if filled and all(fold(matrix[r][c].text.strip()) in units and matrix[r][c - 1] is not None
                          and parse_quantity(matrix[r][c - 1].text).kind == "number" for r in filled):
            out.add(c)
    return out


_DESCRIBED = re.compile(r"^([^：:\s]{1,8})\s*[：:]\s*(\S.*)$", re.S)  # 説明：…, 定義: … in the name column
_NUMBERED_LABEL = re.compile(r"^[^\d０-９\s]{0,4}\s*[-‐.．]?\s*(?:[\d０-９]{1,3}|[①-⑳])$")  # 指標1, No.2, 3, ①


def _printed_once(matrix: list, r: int, col: int, name_col: int) -> bool:  # type: ignore[type-arg]
    """Whether the row below continues row ``r``'s indicator (no name of its own) and leaves column
    ``col`` empty: a cell merged over both rows, drawn as two."""
    if r + 1 >= len(matrix):
        return False
    below, name = matrix[r + 1][col], matrix[r + 1][name_col]
    return below is not None and not below.text.strip() and (name is None or not name.text.strip())


def _row_words_below(matrix: list, col: int, n: int) -> int:  # type: ignore[type-arg]
    """Body cells of column ``col`` holding a row's value word (目標, 実績)."""
    return sum(1 for row in matrix[n:] if row[col] is not None and row_label_role(row[col].text) in ROW_ROLES)


def _numbered_labels(grid: Grid, col: int, n: int) -> bool:
    """Whether a column's body cells only number the rows (指標1, 指標2 …): a label column, not the names."""
    texts = [cell.text.strip() for cell in grid.cells if cell.col == col and cell.row >= n and cell.text.strip()]
    return bool(texts) and all(_NUMBERED_LABEL.match(t) for t in texts)


def _names_below(grid: Grid, n: int, columns: list[GridColumn]) -> bool:
    """Whether a first column with an empty header cell holds the names: no column is named, the
    other columns are value columns, and each body row has text in the first column and a figure."""
    if n == 0 or any(c.role == "name" for c in columns) or not any(c.role in VALUE_ROLES for c in columns[1:]):
        return False
    rows = grid.row_texts()
    if any(texts[0].strip() for texts in rows[:n]):
        return False
    body = [texts for texts in rows[n:] if any(t.strip() for t in texts)]
    return bool(body) and all(
        texts[0].strip() and parse_quantity(texts[0]).kind == "word"
        and any(parse_quantity(parse_year_in(t)[0]).kind == "number" for t in texts[1:]) for texts in body)


def _year_beside(cells: list[GridCell | None], columns: list[GridColumn], index: int, era: str | None) -> int | None:
    """The year of an undated actual printed in the column of years right after it (直近値 | 直近値の年度)."""
    after = columns[index + 1] if index + 1 < len(columns) else None
    if after is None or not (after.years_only and after.role == "actual") or cells[index + 1] is None:
        return None
    return parse_year(cells[index + 1].text, default_era=era)


def _where(cell: GridCell) -> str:
    return cell.source.label() if cell.source is not None else f"r{cell.row + 1}c{cell.col + 1}"


def _values_below(grid: Grid, col: int, start: int) -> bool:
    """Whether a column holds numbers under its header (then it is not the name column)."""
    texts = [row[col] for row in grid.row_texts()[start:]]
    return any(parse_quantity(t).kind == "number" for t in texts if t)
