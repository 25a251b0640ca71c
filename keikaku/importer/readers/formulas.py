"""Formulas a workbook saved without their results, worked out from the cells they refer to.

Excel and LibreOffice keep each formula's last result in the file, and the Excel reader reads that
cached value. Workbooks written by programs (a city's own system, a script) often leave it out:
the cell then has a formula and no value. For those cells the formula is worked out here when it
is plain arithmetic: references to cells of the workbook (``B5``, ``$C$7``, ``'入力'!C4``), numbers,
``+ - * /``, brackets and ``SUM(range)``. Any other formula (a function, a link to another file,
an error) stays without a value, as a reader without a spreadsheet engine must leave it.
"""

from __future__ import annotations

import ast
import io
import operator
import re
import zipfile

_UNCACHED = re.compile(rb"<f(?:\s[^>]*)?>[^<]*</f>\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>")
_REF = re.compile(r"(?:(?:'((?:[^']|'')+)'|([^\s'!=+\-*/(),:&<>^]+))!)?\$?([A-Z]{1,3})\$?([0-9]{1,7})(?![0-9(])")
_SUM = re.compile(r"SUM\(([^()]*)\)", re.IGNORECASE)
_RANGE = re.compile(r"(?:(?:'((?:[^']|'')+)'|([^\s'!=+\-*/(),:&<>^]+))!)?\$?([A-Z]{1,3})\$?([0-9]{1,7}):\$?([A-Z]{1,3})\$?([0-9]{1,7})")
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
MAX_DEPTH = 20
_FAILED = object()  # a formula that could not be worked out (or refers to one, or to itself)
MAX_CELLS = 200_000  # a workbook larger than this is not worked out


def has_uncached_formulas(data: bytes) -> bool:
    """Whether a workbook's sheets hold a formula saved without its result."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(_UNCACHED.search(archive.read(name)) for name in archive.namelist()
                       if name.startswith("xl/worksheets/") and name.endswith(".xml"))
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def fill_uncached(values_book, formulas_book) -> None:  # type: ignore[no-untyped-def]
    """Give each formula cell of ``values_book`` (loaded with cached values) that has no value the
    result of its formula in ``formulas_book`` (the same file loaded with its formulas), when plain."""
    sheets = {ws.title: ws for ws in formulas_book.worksheets}
    if sum(len(getattr(ws, "_cells", ())) for ws in sheets.values()) > MAX_CELLS:
        return
    solver = _Solver(sheets, {ws.title: ws for ws in values_book.worksheets})
    for title, ws in sheets.items():
        for (r, c), cell in list(getattr(ws, "_cells", {}).items()):
            if isinstance(cell.value, str) and cell.value.startswith("="):
                target = solver.values[title].cell(r, c)
                if target.value is None:
                    result = solver.value(title, r, c, 0)
                    if result is not None and result is not _FAILED:
                        target.value = result


class _Solver:
    def __init__(self, formulas: dict, values: dict) -> None:  # type: ignore[type-arg]
        self.formulas, self.values = formulas, values
        self.done: dict[tuple[str, int, int], object] = {}

    def value(self, sheet: str, row: int, col: int, depth: int) -> object:
        key = (sheet, row, col)
        if key in self.done:
            return self.done[key]
        self.done[key] = _FAILED  # a cycle: its formulas are not worked out
        ws = self.formulas.get(sheet)
        raw = ws._cells.get((row, col)).value if ws is not None and (row, col) in ws._cells else None
        if isinstance(raw, str) and raw.startswith("="):
            cached = self.values[sheet].cell(row, col).value if sheet in self.values else None
            result = cached if cached is not None else (self._formula(sheet, raw[1:], depth) if depth < MAX_DEPTH else _FAILED)
        else:
            result = raw
        self.done[key] = result
        return result

    def _formula(self, sheet: str, text: str, depth: int) -> object:
        from openpyxl.utils import column_index_from_string

        def cell(name: str | None, letters: str, digits: str) -> object:
            return self.value(name.replace("''", "'") if name else sheet, int(digits), column_index_from_string(letters), depth + 1)

        def total(m: re.Match[str]) -> str:
            name = m.group(1) or m.group(2)
            c1, c2 = sorted((column_index_from_string(m.group(3)), column_index_from_string(m.group(5))))
            r1, r2 = sorted((int(m.group(4)), int(m.group(6))))
            if (r2 - r1 + 1) * (c2 - c1 + 1) > 10_000:
                raise ValueError("range too large")
            from openpyxl.utils import get_column_letter

            found = [cell(name, get_column_letter(c), str(r)) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]
            if any(v is _FAILED for v in found):
                raise ValueError("refers to a formula not worked out")
            return repr(sum(v for v in found if isinstance(v, (int, float)) and not isinstance(v, bool)))

        try:
            text = _SUM.sub(lambda m: "(" + "+".join(_RANGE.sub(total, part) if ":" in part else part
                                                     for part in m.group(1).split(",")) + ")", text.strip())
            refs: list[object] = []

            def ref(m: re.Match[str]) -> str:
                refs.append(cell(m.group(1) or m.group(2), m.group(3), m.group(4)))
                return f"_{len(refs) - 1}"

            expression = _REF.sub(ref, text)
            if expression.startswith("_") and expression[1:].isdigit():
                return refs[int(expression[1:])]  # a reference alone: the cell's value, text too
            return _evaluate(ast.parse(expression, mode="eval").body, refs)
        except (ValueError, SyntaxError, ZeroDivisionError, TypeError, KeyError, IndexError):
            return _FAILED


def _evaluate(node: ast.AST, refs: list[object]) -> float | int:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.Name) and node.id.startswith("_") and node.id[1:].isdigit():
        value = refs[int(node.id[1:])]
        if value is _FAILED:
            raise ValueError("refers to a formula not worked out")
        if value is None:
            return 0  # an empty cell counts as 0, as Excel counts it
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("not a number")
        return value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_evaluate(node.left, refs), _evaluate(node.right, refs))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _evaluate(node.operand, refs)
        return -value if isinstance(node.op, ast.USub) else value
    raise ValueError("not plain arithmetic")
