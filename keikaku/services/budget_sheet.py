"""Reading the budget workbook a finance division keeps: its sheets, headers, units and cells.

A workbook holds up to three kinds of sheet, told apart by their header row (within the first ten
rows), whatever their titles:

- project budgets (事業別予算): 年度, 事業名 and/or 事業ID, 当初予算 / 補正後予算 / 決算額, the five
  funding sources, 正規職員・会計年度任用職員 (人工), 備考;
- staff cost per person (人件費単価): 年度, 正規職員, 会計年度任用職員;
- the financial frame (財政フレーム): 年度, 施策, 計画額.

Amounts are in the unit the sheet states: a cell 「単位：千円」 (or 円) above or in the header row,
or the header's own bracket (当初予算（千円）). An amount must come to whole yen (0.1千円 = 100円
is read; 0.0001千円 is refused), be 0 or more, and below 10^15 yen. This module only reads; the
rules that need the plan (projects, measures, the period) are in keikaku.services.budget.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from keikaku.domain.money import MAX_AMOUNT, person_years
from keikaku.importer.readers.base import DocumentError
from keikaku.importer.readers.xlsx import workbook_values
from keikaku.importer.values import parse_year

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 10
Cell = str | int | float | bool | None

# header words (compared after NFKC, without spaces, case-folded, without a trailing bracket)
COLUMNS: dict[str, tuple[str, ...]] = {
    "year": ("年度", "year", "fiscal year"),
    "project": ("事業名", "事業", "project", "project name"),
    "project_id": ("事業id", "事業番号", "project id"),
    "initial_budget": ("当初予算", "当初予算額", "initial budget"),
    "revised_budget": ("補正後予算", "補正後予算額", "予算現額", "最終予算額", "revised budget"),
    "settlement": ("決算額", "決算", "settlement"),
    "national": ("国庫支出金", "national grants"),
    "prefectural": ("都道府県支出金", "県支出金", "都支出金", "道支出金", "府支出金", "prefectural grants"),
    "bonds": ("地方債", "市債", "町債", "村債", "bonds"),
    "other_earmarked": ("その他特定財源", "その他", "other earmarked revenue", "other earmarked"),
    "general": ("一般財源", "general revenue"),
    "regular_staff": ("正規職員", "正規職員人工", "正規職員数", "regular staff"),
    "fixed_term_staff": ("会計年度任用職員", "会計年度任用職員人工", "会計年度任用職員数", "fixed-term staff"),
    "measure": ("施策", "measure"),
    "planned": ("計画額", "財政フレーム", "planned"),
    "note": ("備考", "note"),
}
HEADER_NAMES = {"year": "年度", "project": "事業名", "project_id": "事業ID", "initial_budget": "当初予算",
                "revised_budget": "補正後予算", "settlement": "決算額", "national": "国庫支出金",
                "prefectural": "都道府県支出金", "bonds": "地方債", "other_earmarked": "その他特定財源",
                "general": "一般財源", "regular_staff": "正規職員", "fixed_term_staff": "会計年度任用職員",
                "measure": "施策", "planned": "計画額", "note": "備考"}
BUDGET_AMOUNTS = ("initial_budget", "revised_budget", "settlement", "national", "prefectural", "bonds",
                  "other_earmarked", "general")
STAFF = ("regular_staff", "fixed_term_staff")
UNITS = {"円": 1, "yen": 1, "千円": 1000, "thousandyen": 1000}
PERSON_UNITS = {"人工", "人", "person-years", "personyears"}
TOTAL_WORDS = {"合計", "計", "小計", "総計", "total"}
DASHES = {"-", "ー", "―", "—", "‐", "−"}
_UNIT_CELL = re.compile(r"(?:単位|unit)\s*[:：]?\s*(.+)", re.I)
_BRACKET = re.compile(r"^(.*?)[(（\[【]([^()（）]*)[)）\]】]$")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


@dataclass(frozen=True)
class CellProblem:
    """One problem of the file: the place (``sheet!B7``, or the sheet or file alone), a stable
    ``code`` and the values its message is made of (keikaku.services.budget words them)."""

    where: str
    code: str
    params: tuple[tuple[str, str], ...] = ()

    def param(self, key: str) -> str:
        return dict(self.params).get(key, "")


@dataclass(frozen=True)
class SheetRow:
    """A data row of a recognised sheet: its values by column key, and the address of each cell."""

    sheet: str
    row: int
    values: dict[str, object]
    cells: dict[str, str]  # column key → sheet!A1

    def where(self, key: str | None = None) -> str:
        if key is not None and key in self.cells:
            return self.cells[key]
        return f"{self.sheet}!{self.row}:{self.row}"  # the whole row, as Excel names it


@dataclass
class ReadSheets:
    """The rows of every recognised sheet, the columns each kind had, and the problems found."""

    budgets: list[SheetRow] = field(default_factory=list)
    rates: list[SheetRow] = field(default_factory=list)
    frames: list[SheetRow] = field(default_factory=list)
    budget_columns: set[str] = field(default_factory=set)
    problems: list[CellProblem] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    def in_file_order(self, problems: list[CellProblem]) -> list[CellProblem]:
        """``problems`` by sheet, row and column (a problem of a whole row after its cells)."""
        def key(problem: CellProblem) -> tuple[int, int, int]:
            sheet, _, cell = problem.where.rpartition("!")
            if sheet not in self.titles:
                return (-1, 0, 0)
            found = re.fullmatch(r"([A-Z]+)(\d+)|(\d+):\d+", cell)
            if found is None:
                return (self.titles.index(sheet), 0, 0)
            if found.group(3):
                return (self.titles.index(sheet), int(found.group(3)), 10**6)
            column = 0
            for letter in found.group(1):
                column = column * 26 + ord(letter) - 64
            return (self.titles.index(sheet), int(found.group(2)), column)
        return sorted(problems, key=key)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def fold(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _header(cell: Cell) -> tuple[str | None, str | None]:
    """(column key, the unit in its bracket) of a header cell: 当初予算（千円） → (initial_budget, 千円)."""
    if not isinstance(cell, str) or not cell.strip():
        return None, None
    text = fold(cell)
    unit = None
    found = _BRACKET.match(text)
    if found:
        text, unit = found.group(1), found.group(2) or None
    text = text.rstrip(":：")
    for key, names in COLUMNS.items():
        if text in {fold(n) for n in names}:
            return key, unit
    return None, None


def _kind(keys: set[str]) -> str | None:
    if "year" not in keys:
        return None
    if keys & {"project", "project_id"}:
        return "budget"
    if {"measure", "planned"} <= keys:
        return "frame"
    if set(STAFF) <= keys:
        return "rate"
    return None


def _sheet_unit(rows: list[list[Cell]], last: int) -> tuple[str | None, str | None]:
    """(unit text, its cell) stated in a 単位 cell in rows 1..last."""
    for r, cells in enumerate(rows[:last], start=1):
        for c, cell in enumerate(cells):
            if isinstance(cell, str):
                found = _UNIT_CELL.search(unicodedata.normalize("NFKC", cell).strip())
                if found:
                    return fold(found.group(1)).strip("()（）"), f"{column_letter(c)}{r}"
    return None, None


def blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and (not cell.strip() or cell.strip() in DASHES))


def shown(cell: Cell) -> str:
    text = cell.strip() if isinstance(cell, str) else str(cell)
    return text if len(text) <= 24 else text[:20] + "…"


def _decimal(cell: Cell) -> Decimal | None:
    """The number a cell holds (3,000 / ３０００ / 1.5 / △20 as -20), or None when it is not one."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return Decimal(cell)
    if isinstance(cell, float):
        return Decimal(repr(cell)) if cell == cell and cell not in (float("inf"), float("-inf")) else None
    text = unicodedata.normalize("NFKC", str(cell)).replace(",", "").replace(" ", "").replace("円", "")
    if text[:1] in {"△", "▲"}:
        text = "-" + text[1:]
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def read_amount(cell: Cell, scale: int, where: str, unit: str) -> tuple[int | None, CellProblem | None]:
    """An amount cell in yen (None when empty), or the problem with it."""
    if blank(cell):
        return None, None
    number = _decimal(cell)
    if number is None:
        return None, CellProblem(where, "not_a_number", (("value", shown(cell)),))
    if number < 0:
        return None, CellProblem(where, "negative", (("value", shown(cell)),))
    yen = number * scale
    if yen != yen.to_integral_value():
        return None, CellProblem(where, "fraction_of_yen", (("value", shown(cell)), ("unit", unit)))
    if yen >= MAX_AMOUNT:
        return None, CellProblem(where, "too_large", (("value", shown(cell)),))
    return int(yen), None


def read_person_years(cell: Cell, where: str) -> tuple[Decimal | None, CellProblem | None]:
    if blank(cell):
        return None, None
    number = _decimal(cell)
    if number is None:
        return None, CellProblem(where, "not_a_number", (("value", shown(cell)),))
    try:
        return person_years(number), None
    except ValueError:
        return None, CellProblem(where, "bad_person_years", (("value", shown(cell)),))


def read_year(cell: Cell) -> int | None:
    if isinstance(cell, bool) or blank(cell):
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int):
        return cell if 1900 <= cell <= 2200 else None
    text = unicodedata.normalize("NFKC", str(cell)).strip()
    plain = re.fullmatch(r"(?:FY)?\s*(\d{4})(?:\s*年度?)?", text, re.I)
    year = int(plain.group(1)) if plain else parse_year(text)
    return year if year is not None and 1900 <= year <= 2200 else None


def read_workbook(content: bytes, filename: str) -> ReadSheets:
    """Every recognised sheet's rows with amounts in yen; problems of reading are collected, not raised."""
    out = ReadSheets()
    if not content:
        out.problems.append(CellProblem(filename, "unreadable", (("reason", "empty file"),)))
        return out
    if len(content) > MAX_BYTES:
        out.problems.append(CellProblem(filename, "file_too_large", (("limit", f"{MAX_BYTES:,}"),)))
        return out
    if not (filename.lower().endswith((".xlsx", ".xlsm")) or content[:4] == b"PK\x03\x04"):
        out.problems.append(CellProblem(filename, "not_xlsx"))
        return out
    try:
        sheets = workbook_values(filename, content, max_rows=MAX_ROWS + HEADER_SEARCH_ROWS + 1)
    except DocumentError as exc:
        out.problems.append(CellProblem(filename, "unreadable", (("reason", exc.reason),)))
        return out
    for title, rows in sheets:
        out.titles.append(title)
        _read_sheet(out, title, rows)
    if not (out.budgets or out.rates or out.frames) and not out.problems:
        out.problems.append(CellProblem(filename, "no_sheet"))
    return out


def _read_sheet(out: ReadSheets, title: str, rows: list[list[Cell]]) -> None:
    for header_at, cells in enumerate(rows[:HEADER_SEARCH_ROWS], start=1):
        columns: dict[str, tuple[int, str | None]] = {}
        for i, cell in enumerate(cells):
            key, unit = _header(cell)
            if key is not None and key not in columns:
                columns[key] = (i, unit)
        kind = _kind(set(columns))
        if kind is not None:
            break
    else:
        return  # not a sheet of this import (a cover or notes sheet)
    if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
        out.problems.append(CellProblem(title, "too_many_rows", (("limit", f"{MAX_ROWS:,}"),)))
        return
    problems = out.problems
    money = {"budget": BUDGET_AMOUNTS, "rate": STAFF, "frame": ("planned",)}[kind]
    required = {"budget": (), "rate": ("year", *STAFF), "frame": ("year", "measure", "planned")}[kind]
    if kind == "budget" and not columns.keys() & {"initial_budget", "revised_budget", "settlement"}:
        problems.append(CellProblem(f"{title}!{header_at}:{header_at}", "missing_column",
                                    (("columns", "当初予算 / 補正後予算 / 決算額"),)))
        return
    stated, stated_at = _sheet_unit(rows, header_at)
    scales: dict[str, int] = {}
    for key in money:
        if key not in columns:
            continue
        index, bracket = columns[key]
        where = f"{title}!{column_letter(index)}{header_at}"
        unit = bracket or stated
        if unit is None:
            problems.append(CellProblem(where, "no_unit", (("column", HEADER_NAMES[key]),)))
        elif unit not in UNITS:
            problems.append(CellProblem(where if bracket else f"{title}!{stated_at}", "bad_unit", (("unit", unit),)))
        elif bracket and stated and stated in UNITS and UNITS[stated] != UNITS[bracket]:
            problems.append(CellProblem(where, "unit_conflict", (("unit", bracket), ("stated", stated))))
        else:
            scales[key] = UNITS[unit]
    if kind == "budget":
        for key in STAFF:
            if key in columns and columns[key][1] is not None and columns[key][1] not in PERSON_UNITS:
                index = columns[key][0]
                problems.append(CellProblem(f"{title}!{column_letter(index)}{header_at}", "bad_unit",
                                            (("unit", columns[key][1] or ""),)))
        out.budget_columns |= set(columns)
    missing = [HEADER_NAMES[k] for k in required if k not in columns]
    if missing:
        problems.append(CellProblem(f"{title}!{header_at}:{header_at}", "missing_column", (("columns", " / ".join(missing)),)))
        return
    if any(p.where.startswith(f"{title}!") and p.code in {"no_unit", "bad_unit", "unit_conflict"} for p in problems):
        return  # amounts in an unknown unit are not read at all
    target = {"budget": out.budgets, "rate": out.rates, "frame": out.frames}[kind]
    for number, cells in enumerate(rows[header_at:], start=header_at + 1):
        if all(blank(c) for c in cells):
            continue
        values: dict[str, object] = {}
        addresses: dict[str, str] = {}
        for key, (index, _) in columns.items():
            cell = cells[index] if index < len(cells) else None
            where = f"{title}!{column_letter(index)}{number}"
            addresses[key] = where
            if key in scales:
                value, problem = read_amount(cell, scales[key], where, _unit_name(scales[key]))
            elif key in STAFF:
                value, problem = read_person_years(cell, where)
            elif key == "year":
                value = read_year(cell)
                problem = None if value is not None or blank(cell) else CellProblem(where, "bad_year", (("value", shown(cell)),))
                if value is None and blank(cell):
                    problem = CellProblem(where, "missing", (("column", HEADER_NAMES[key]),))
            else:
                value, problem = (None if blank(cell) else (cell.strip() if isinstance(cell, str) else cell)), None
            if problem is not None:
                problems.append(problem)
            values[key] = value
        label = values.get("project") if kind == "budget" else values.get("measure")
        if isinstance(label, str) and fold(label) in TOTAL_WORDS and values.get("project_id") is None:
            problems[:] = [p for p in problems if not p.where.startswith(f"{title}!") or not _in_row(p.where, number)]
            continue  # a total row (合計): the rows are summed by keikaku itself
        target.append(SheetRow(sheet=title, row=number, values=values, cells=addresses))


def _in_row(where: str, row: int) -> bool:
    cell = where.rsplit("!", 1)[-1]
    return re.fullmatch(rf"[A-Z]+{row}", cell) is not None


def _unit_name(scale: int) -> str:
    return "千円" if scale == 1000 else "円"
