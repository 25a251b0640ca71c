"""Grids in other shapes than one indicator per row, turned into that shape before they are read.

- **Fiscal years as rows** (a sheet that charts each indicator over the years): the first column
  holds a year in every body row (令和2年度, 2021年度), or rows of two roles or more each dated in
  its label under a corner that names the indicator column (指標名 | 現状値（令和4年度） | 目標値（…）)
  and two indicators or more,
  maybe a 区分 column beside it says what each
  row holds (基準値, 実績値, 目標値), and each other column is one indicator, named in its header
  cell (with its unit in brackets). The grid is turned over: the years become the header row, the
  区分 cells the role row under them, each indicator a row; the corner is left empty, so the first
  column is read as the names (``grid._names_below``).
- **Indicator blocks in a form** (施策評価シート: one grid holding the whole sheet): a row that
  labels a name (指標名 | name), maybe rows that label other fields (単位 | 人), then a header row of
  value words and years (基準値（令和2年度） | 令和3年度実績 | … | 目標値（…）) over one row of figures.
  Each block becomes a grid of its own: the name's label and the fields' labels, then the header's
  value columns, over the name, the fields and the figures. Rows of the form that are no block (the
  measure's name, the department, the evaluation) are not read. A figure labelled left of it in
  the block's rows (基準値 | 38,200 | 基準年度 | 令和2年度) is a field of the block too.
- **Indicators side by side** (two indicators to a row): the header prints the same columns twice
  or more across; the parts are read one under another.
"""

from __future__ import annotations

from keikaku.importer.gridtitle import without_titles
from keikaku.importer.lexicon import VALUE_ROLES, fold_key, header_words
from keikaku.importer.records import Grid, GridCell
from keikaku.importer.values import parse_quantity, parse_year_in

ROW_ROLES = ("target", "interim", "actual", "rate")  # what a row's label may say it holds (目標, 実績, 達成率)
FIELD_ROLES = ("unit", "direction")  # fields a form labels beside the name that an indicator keeps
VALUE_FIELD_ROLES = ("baseline", "target")  # figures a form labels beside the name (基準値 | 38,200), and their years
MAX_FIELD_ROWS = 3  # rows of other fields between a name row and its header row


def reshaped(grid: Grid) -> list[Grid]:
    """The grids to read for ``grid``: its indicator blocks, or the grid turned over, or itself
    (without its title rows, ``gridtitle``)."""
    grid = without_titles(grid)
    blocks = form_blocks(grid)
    if blocks:
        return blocks
    grid = side_by_side(grid) or grid
    turned = years_as_rows(grid)
    return [turned] if turned is not None else [grid]


# --- indicators side by side -------------------------------------------------------------------


def side_by_side(grid: Grid) -> Grid | None:
    """A grid whose header prints the same columns twice or more across (指標名 | 現状値 | 目標値 |
    指標名 | 現状値 | 目標値), each row holding one indicator in each part, as one part over all the
    rows: the header once, then each row's parts one under another; None for any other grid."""
    corner = next((c.text for c in grid.cells if c.row == 0 and c.col == 0), "")
    if grid.rows < 2 or grid.cols < 4 or header_words().role_of(corner) != "name":
        return None
    texts = grid.row_texts()
    first = [fold_key(t) for t in texts[0]]
    period = next((p for p in range(2, grid.cols // 2 + 1) if grid.cols % p == 0 and _repeats(first, p)), None)
    if period is None or any(c.col // period != (c.col + c.colspan - 1) // period for c in grid.cells):
        return None  # a cell across two parts: no repeated parts
    parts = grid.cols // period
    head = next((r for r in range(grid.rows) if not _repeats([fold_key(t) for t in texts[r]], period)), grid.rows)
    if head == grid.rows or any(c.row < head < c.row + c.rowspan or (c.row >= head and c.rowspan > 1) for c in grid.cells):
        return None
    cells = [c for c in grid.cells if c.row < head and c.col < period]
    by_part: dict[tuple[int, int], list[GridCell]] = {}
    for c in grid.cells:
        by_part.setdefault((c.row, c.col // period), []).append(c)
    out_row = head
    for r in range(head, grid.rows):
        for part in range(parts):
            mine = by_part.get((r, part), [])
            if not any(c.text.strip() for c in mine):
                continue
            cells += [GridCell(text=c.text, row=out_row, col=c.col - part * period, rowspan=1, colspan=c.colspan,
                               percent=c.percent, source=c.source) for c in mine]
            out_row += 1
    return Grid(cells=tuple(cells), rows=out_row, cols=period, source=grid.source)


def _repeats(keys: list[str], period: int) -> bool:
    """Whether a row's cells repeat every ``period`` columns."""
    return keys[period:] == keys[:len(keys) - period]


# --- fiscal years as rows -----------------------------------------------------------------------


def _bare_year(text: str) -> bool:
    rest, year = parse_year_in(text)
    return year is not None and not rest.strip(" ()（）")


def _is_figure(text: str) -> bool:
    return parse_quantity(text).kind == "number"


def _role_dated(text: str) -> bool:
    """A value word with its year (基準値（令和元年度）, 目標値(R9)): a row of one role in one year."""
    rest, year = parse_year_in(text)
    return year is not None and header_words().role_of(rest.strip(" ()（）")) in VALUE_ROLES


def years_as_rows(grid: Grid) -> Grid | None:
    """The grid turned over when its first column holds a year in every body row and its other
    columns are indicators named in the header row (see the module's doc); else None."""
    rows = grid.row_texts()
    if grid.rows < 3 or grid.cols < 2 or any(c.rowspan > 1 or c.colspan > 1 for c in grid.cells if c.row > 0):
        return None
    lex = header_words()
    head, body = rows[0], [r for r in rows[1:] if any(t.strip() for t in r)]
    fields = [r for r in body if lex.role_of(r[0]) in FIELD_ROLES]  # a 単位 row under the names
    dated = [r for r in body if r not in fields]
    if len(dated) < 2 or len(fields) > len(FIELD_ROLES) or _bare_year(head[0]):
        return None
    if not all(_bare_year(r[0]) or _role_dated(r[0]) for r in dated):
        return None
    years_listed = sum(map(_bare_year, (r[0] for r in dated))) >= 2
    if not years_listed and not _roles_as_rows(head[0], dated):
        return None
    label = 1 if all(lex.role_of(r[1]) in VALUE_ROLES for r in dated) else None
    first = 2 if label else 1
    named = [k for k in range(first, grid.cols) if head[k].strip()]
    if not years_listed and len(named) < 2:
        return None  # one name beside dated rows: a form's block (指標名 | name), not indicators as columns
    if not named or any(lex.role_of(head[k]) is not None or _bare_year(head[k]) for k in named):
        return None
    if not all(_is_figure(r[k]) for r in dated for k in named if r[k].strip()):
        return None
    cells = []
    for cell in grid.cells:
        if cell.col >= first and cell.col not in named:
            continue
        text = cell.text
        if cell.row == 0 and cell.col < first:
            text = ""  # the corner, over the names once turned: an empty header cell over text is the names
        cells.append(GridCell(text=text, row=cell.col, col=cell.row, rowspan=cell.colspan, colspan=cell.rowspan,
                              percent=cell.percent, source=cell.source))
    keep = sorted({c.row for c in cells})
    new_row = {r: i for i, r in enumerate(keep)}
    cells = [GridCell(text=c.text, row=new_row[c.row], col=c.col, rowspan=c.rowspan, colspan=c.colspan,
                      percent=c.percent, source=c.source) for c in cells]
    return Grid(cells=tuple(sorted(cells, key=lambda c: (c.row, c.col))), rows=len(keep), cols=grid.rows, source=grid.source)


def _roles_as_rows(corner: str, dated: list[list[str]]) -> bool:
    """Rows of two roles or more, each dated in its label (現状値（令和4年度）, 目標値（令和10年度）),
    under a header row whose corner names the indicator column (指標名): indicators as columns."""
    lex = header_words()
    roles = {lex.role_of(parse_year_in(r[0])[0].strip(" ()（）")) for r in dated if _role_dated(r[0])}
    return lex.role_of(corner) == "name" and len(roles - {None}) >= 2


# --- indicator blocks in a form -----------------------------------------------------------------


def _labelled(row: list[GridCell | None], role: str) -> tuple[GridCell, GridCell] | None:
    """(label, field) of a form row holding a cell that labels ``role`` (指標名, 単位, 方向性: the
    word alone) and, right after it, a cell of text that is no header word (指標名 | name,
    単位 | 人 | 方向性 | 増加)."""
    seen: list[GridCell] = []
    for cell in row:
        if cell is not None and cell.text.strip() and cell not in seen:
            seen.append(cell)
    lex = header_words()
    for label, field in zip(seen, seen[1:]):
        if fold_key(label.text) in lex.words(role) and lex.role_of(label.text) == role and lex.role_of(field.text) is None:
            return label, field
    return None


def _value_fields(row: list[GridCell | None]) -> list[tuple[GridCell, GridCell]]:
    """(label, field) pairs of a form row that labels a figure or its year left of it (基準値 | 38,200 |
    基準年度 | 令和2年度): the block keeps them as columns of their own, read as a table's 基準値 | 基準年度."""
    seen: list[GridCell] = []
    for cell in row:
        if cell is not None and cell.text.strip() and cell not in seen:
            seen.append(cell)
    lex = header_words()
    return [(label, field) for label, field in zip(seen, seen[1:])
            if lex.role_of(label.text) in VALUE_FIELD_ROLES and not any(ch.isdigit() for ch in label.text)
            and lex.role_of(field.text) is None and (_is_figure(field.text) or _bare_year(field.text))]


def _header_start(row: list[GridCell | None]) -> int | None:
    """The first column of a form row that heads value columns (value words and years, two at least)."""
    lex = header_words()
    cells: list[tuple[int, GridCell]] = []
    for k, cell in enumerate(row):
        if cell is not None and cell.col == k and cell.text.strip():
            cells.append((k, cell))
    valued = [k for k, cell in cells if lex.role_of(parse_year_in(cell.text)[0]) in VALUE_ROLES
              or (_bare_year(cell.text) and not _is_figure(cell.text))]
    if len(valued) < 2 or any(_is_figure(cell.text) and not _bare_year(cell.text) for _, cell in cells):
        return None
    return valued[0]


def form_blocks(grid: Grid) -> list[Grid]:
    """One grid per indicator block of a form (see the module's doc); [] when the grid has none."""
    matrix = grid.matrix()
    blocks: list[Grid] = []
    r = 0
    while r < grid.rows:
        name = _labelled(matrix[r], "name")
        if name is None:
            r += 1
            continue
        fields: list[tuple[GridCell, GridCell]] = []
        k = r + 1
        while k < grid.rows and k - r <= MAX_FIELD_ROWS and _header_start(matrix[k]) is None:
            if _labelled(matrix[k], "name") is not None:
                break
            fields += [found for role in FIELD_ROLES if (found := _labelled(matrix[k], role)) is not None]
            fields += _value_fields(matrix[k])
            k += 1
        start = _header_start(matrix[k]) if k < grid.rows else None
        if start is None or k + 1 >= grid.rows or not any(
                c is not None and c.col >= start and _is_figure(c.text) for c in matrix[k + 1]):
            r = k if k > r + 1 else r + 1
            continue
        roles = _role_rows(matrix, k + 1, start)
        blocks.append(_block_grid(grid, matrix, name, fields, k, start, roles))
        r = k + 1 + max(1, len(roles))
    return blocks


def _role_rows(matrix: list[list[GridCell | None]], first: int, start: int) -> list[tuple[int, GridCell]]:
    """Rows from ``first`` whose label left of the value columns says what they hold (目標 | 実績 |
    達成率 under a 区分 row of years), with those labels; [] unless two such rows follow each other."""
    lex = header_words()
    found: list[tuple[int, GridCell]] = []
    for r in range(first, len(matrix)):
        labels: list[GridCell] = []  # a label merged over two columns once; not a group's label merged
        for c in matrix[r][:start]:  # down from above the block's header (成果指標 beside the whole block)
            if c is not None and c.text.strip() and c.row == r and c not in labels:
                labels.append(c)
        if len(labels) != 1 or lex.role_of(labels[0].text) not in ROW_ROLES:
            break
        found.append((r, labels[0]))
    return found if len(found) >= 2 else []


def _block_grid(grid: Grid, matrix: list[list[GridCell | None]], name: tuple[GridCell, GridCell],
                fields: list[tuple[GridCell, GridCell]], header: int, start: int,
                roles: list[tuple[int, GridCell]] = ()) -> Grid:  # type: ignore[assignment]
    """Header row (the name's label, the fields' labels, the value columns from ``start``) over the
    block's row (the name, the fields, the figures); with role rows (目標 | 実績), one row each
    under a 区分 column, the name and fields merged down them (a rate row is left out)."""
    lead = [name, *fields]
    body = [(r, label) for r, label in roles if header_words().role_of(label.text) != "rate"] or [(header + 1, None)]
    labelled = 1 if roles else 0
    cells = []
    for k, (label, value) in enumerate(lead):
        cells.append(GridCell(text=label.text, row=0, col=k, source=label.source))
        cells.append(GridCell(text=value.text, row=1, col=k, rowspan=len(body), source=value.source))
    if roles:
        cells.append(GridCell(text="区分", row=0, col=len(lead), source=matrix[header][0].source if matrix[header][0] else None))
    for out_row, (r, label) in enumerate(((header, None), *body)):
        if label is not None:
            cells.append(GridCell(text=label.text, row=out_row, col=len(lead), source=label.source))
        for k in range(start, grid.cols):
            cell = matrix[r][k]
            if cell is None or cell.row != r or cell.col != k:
                continue  # a merged cell once, at its first position
            cells.append(GridCell(text=cell.text, row=out_row, col=len(lead) + labelled + cell.col - start, colspan=cell.colspan,
                                  percent=cell.percent, source=cell.source))
    return Grid(cells=tuple(cells), rows=1 + len(body), cols=len(lead) + labelled + grid.cols - start, source=grid.source)
