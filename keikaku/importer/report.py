"""What an extraction found and what it could not read, so that it never stays silent.

The report is built from the stages' kept output (raw lines, normalised lines, blocks, plan)
without running any stage again: counts of what was read, tables seen but not understood,
header cells the header vocabulary does not know, figures without a fiscal year, indicators
without any figure, and warnings when a document gave no tree or no indicators.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass

from keikaku.cache import memo
from keikaku.domain import planfile as pf
from keikaku.importer.grid import header_rows
from keikaku.importer.lexicon import fold_key, header_words
from keikaku.importer.normalize import Line
from keikaku.importer.records import Grid, RawDocument, RawLine
from keikaku.importer.segment import Block
from keikaku.importer.values import parse_quantity, parse_year_in

NO_TREE = "no_tree"
NO_INDICATORS = "no_indicators"
WARNINGS = (NO_TREE, NO_INDICATORS)  # each makes `--strict` fail
MAX_HEADER_LINES = 4
_ERA_GAP = re.compile(r"(明治|大正|昭和|平成|令和|[HRS]\.?)\s+(?=[0-9０-９元])")
_BRACKETS = " ()（）[]［］【】<>〈〉・:：,、|"
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Counts:
    """How much was read: nodes (and per level word), indicators and their figures, the other lists."""

    nodes: int
    nodes_by_level: dict[str, int]
    indicators: int
    indicators_with_baseline: int
    indicators_with_target: int
    indicators_with_actuals: int
    projects: int
    actions: int
    individual_plans: int


@dataclass(frozen=True)
class TableSeen:
    """A table the document holds but the importer did not read.

    ``kind`` is what segmentation took it for (``indicators``, ``projects``, ``registry``) or
    None when its header was not recognised as a table header at all; ``location`` is where its
    first line is (``line 12``, ``p.3``, ``Sheet1!A1:F1``); ``header`` its first line's text.
    """

    kind: str | None
    location: str
    header: str
    reason: str  # "header not understood" or "no rows read"


@dataclass(frozen=True)
class HeaderCell:
    """A header cell of a table that no role of ``lexicon/headers.toml`` names."""

    cell: str
    location: str


@dataclass(frozen=True)
class FigureWithoutYear:
    """A baseline, target or interim target printed without a fiscal year."""

    indicator: str
    node: str | None  # the node's printed label (施策 25 防犯体制の強化), None for plan-wide indicators
    figure: str  # "baseline", "target" or "interim_targets[0]"
    text: str | None
    origin: str | None


@dataclass(frozen=True)
class IndicatorRef:
    indicator: str
    node: str | None
    origin: str | None


@dataclass(frozen=True)
class ExtractionReport:
    """The report of one document; ``warnings`` holds codes from ``WARNINGS``."""

    source: str
    format: str
    raw_lines: int
    counts: Counts
    tables_not_understood: list[TableSeen]
    unknown_header_cells: list[HeaderCell]
    figures_without_year: list[FigureWithoutYear]
    indicators_without_figures: list[IndicatorRef]
    warnings: list[str]

    @property
    def complete(self) -> bool:
        """Whether the document gave both a tree and indicators (what `--strict` asks for)."""
        return not self.warnings

    def to_json_dict(self) -> dict[str, object]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_json_dict(), ensure_ascii=False, indent=2) + "\n"


# --- figures ---------------------------------------------------------------------------------

def has_figure(value: pf.Value | pf.Actual | None) -> bool:
    """A number, or printed words that are not an empty mark (－, -, ―)."""
    if value is None:
        return False
    if value.value is not None:
        return True
    return bool(value.text and value.text.strip()) and parse_quantity(value.text).kind != "empty"


def node_label(node: pf.Node) -> str:
    return " ".join(x for x in (node.level, node.number, node.title) if x)


def _counts(plan: pf.PlanDocument) -> Counts:
    inds = plan.indicators
    return Counts(
        nodes=len(plan.nodes),
        nodes_by_level=dict(Counter(n.level for n in plan.nodes)),
        indicators=len(inds),
        indicators_with_baseline=sum(1 for i in inds if has_figure(i.baseline)),
        indicators_with_target=sum(1 for i in inds if has_figure(i.target)),
        indicators_with_actuals=sum(1 for i in inds if any(has_figure(a) for a in i.actuals)),
        projects=len(plan.projects),
        actions=len(plan.actions),
        individual_plans=len(plan.individual_plans),
    )


def _figures(plan: pf.PlanDocument) -> tuple[list[FigureWithoutYear], list[IndicatorRef]]:
    label = {n.id: node_label(n) for n in plan.nodes}
    without_year: list[FigureWithoutYear] = []
    without_figures: list[IndicatorRef] = []
    for ind in plan.indicators:
        node = label.get(ind.node) if ind.node else None
        named = [("baseline", ind.baseline), ("target", ind.target), *((f"interim_targets[{k}]", v) for k, v in enumerate(ind.interim_targets))]
        present = [(name, v) for name, v in named if v is not None and has_figure(v)]
        without_year += [FigureWithoutYear(ind.name, node, name, v.text, v.origin) for name, v in present if v.year is None]
        if not present and not any(has_figure(a) for a in ind.actuals):
            without_figures.append(IndicatorRef(ind.name, node, ind.origin))
    return without_year, without_figures


# --- tables ----------------------------------------------------------------------------------

def location(line: Line | RawLine, index: int) -> str:
    """Where a line is: its source's label, or its 1-based line number."""
    return line.source.label() if line.source is not None else f"line {index + 1}"


def _is_year_only(cell: str) -> bool:
    rest, year = parse_year_in(cell)
    return year is not None and not rest.strip(_BRACKETS)


# Header lines repeat (one indicator table per measure, each under the same header), so what
# a line's cells say is worked out once per process.
@memo(max_bytes=4 * 1024 * 1024)
def _unknown(cells: tuple[str, ...]) -> tuple[str, ...]:
    """The cells of a header that are neither years nor words of the header vocabulary."""
    lex = header_words()
    out = []
    for cell in cells:
        rest, _ = parse_year_in(cell.strip())
        rest = rest.strip(_BRACKETS)
        if not rest or not _LETTER.search(rest) or lex.role_of(rest) is not None:
            continue
        out.append(cell.strip())
    return tuple(out)


@memo(max_bytes=4 * 1024 * 1024)
def _header_kind(cells: tuple[str, ...]) -> str:
    """``years`` (a line of years only), ``header`` (at least half header words, no values) or ``row``."""
    if not cells:
        return "row"
    if all(_is_year_only(c) for c in cells):
        return "years"
    lex = header_words()
    known = sum(1 for c in cells if lex.role_of(parse_year_in(c)[0]) is not None)
    if 2 * known < len(cells) or any(parse_quantity(c).kind == "number" and not _is_year_only(c) for c in cells):
        return "row"
    return "header"


def _text_cells(line: Line) -> tuple[str, ...]:
    if line.cells:
        return tuple(c for c in line.cells if c.strip())
    if "|" in line.key:
        return tuple(c.strip() for c in line.text.strip("|").split("|") if c.strip())
    return tuple(c for c in _ERA_GAP.sub(r"\1", line.text).split(" ") if c)


def _header_lines(lines: list[Line]) -> list[Line]:
    """The first line of a table region, and the lines under it that are header lines too.

    A following line belongs to the header when it is all years, or when at least half of its
    cells are header words; a row of values ends the header.
    """
    out = lines[:1]
    for line in lines[1:MAX_HEADER_LINES]:
        if _header_kind(_text_cells(line)) == "row":
            break
        out.append(line)
    return out


def _grid_header_cells(grid: Grid, where: str) -> list[HeaderCell]:
    rows = header_rows(grid) or 1
    found: list[HeaderCell] = []
    for cell in grid.cells:
        if cell.row < rows:
            for text in _unknown((cell.text,)):
                found.append(HeaderCell(text, cell.source.label() if cell.source else where))
    return found


def _header_cells(lines: list[Line], grid: Grid | None) -> list[HeaderCell]:
    if not lines:
        return []
    if grid is not None:
        return _grid_header_cells(grid, location(lines[0], lines[0].index))
    return [HeaderCell(c, location(line, line.index)) for line in _header_lines(lines) for c in _unknown(_text_cells(line))]


def _folded(lines: list[Line]) -> str:
    return "".join(fold_key(line.text) for line in lines)


def _items_of(kind: str, plan: pf.PlanDocument) -> list[tuple[str, str | None]]:
    """(name, origin) of what a table region of ``kind`` yields."""
    if kind == "indicators":
        return [(i.name, i.origin) for i in plan.indicators]
    if kind == "projects":
        return [(p.name, p.origin) for p in plan.projects]
    return [(r.name, None) for r in plan.individual_plans]


def _yielded(block: Block, items: list[tuple[str, str | None]]) -> bool:
    """Whether any item of the plan came from this table region (by its origin, else by its name)."""
    labels = {location(line, line.index) for line in block.body}
    if any(origin in labels for _, origin in items if origin):
        return True
    text = _folded(block.body)
    return any((key := fold_key(name)) and key in text for name, _ in items)


def _reader_tables(raw: RawDocument, inside: set[int]) -> list[tuple[int, int]]:
    """Tables the reader saw (a grid, or a run of lines with cells) outside every table region: (first, end)."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(raw.lines)
    while i < n:
        line = raw.lines[i]
        if line.grid is not None:
            end = min(n, i + max(1, line.grid.rows))
        elif line.cells:
            end = i + 1
            while end < n and raw.lines[end].cells and raw.lines[end].grid is None:
                end += 1
        else:
            i += 1
            continue
        if not any(k in inside for k in range(i, end)):
            spans.append((i, end))
        i = end
    return spans


def _tables(raw: RawDocument, lines: list[Line], blocks: list[Block], plan: pf.PlanDocument) -> tuple[list[TableSeen], list[HeaderCell]]:
    seen: list[TableSeen] = []
    cells: list[HeaderCell] = []
    inside: set[int] = set()
    for block in blocks:
        if not block.table:
            continue
        inside.update(line.index for line in block.body)
        if block.table == "indicators":
            cells += _header_cells(block.body, block.grid)
        if block.body and not _yielded(block, _items_of(block.table, plan)):
            first = block.body[0]
            seen.append(TableSeen(block.table, location(first, first.index), first.text, "no rows read"))
    if any(line.cells or line.grid is not None for line in raw.lines):
        by_index = {line.index: line for line in lines}
        for start, end in _reader_tables(raw, inside):
            first = raw.lines[start]
            header = " | ".join(c for c in first.cells if c) if first.cells else first.text
            seen.append(TableSeen(None, location(first, start), header, "header not understood"))
            if first.grid is not None:
                cells += _grid_header_cells(first.grid, location(first, start))
            else:
                cells += _header_cells([by_index[k] for k in range(start, end) if k in by_index], None)
    return seen, cells


# --- the report ------------------------------------------------------------------------------

def build_report(raw: RawDocument, lines: list[Line], blocks: list[Block], plan: pf.PlanDocument) -> ExtractionReport:
    """The report of one extraction, from the stages' kept output."""
    tables, header_cells = _tables(raw, lines, blocks, plan)
    without_year, without_figures = _figures(plan)
    warnings = []
    if not plan.nodes:
        warnings.append(NO_TREE)
    if not plan.indicators:
        warnings.append(NO_INDICATORS)
    return ExtractionReport(
        source=raw.name, format=raw.format, raw_lines=len(raw.lines), counts=_counts(plan),
        tables_not_understood=tables, unknown_header_cells=header_cells,
        figures_without_year=without_year, indicators_without_figures=without_figures, warnings=warnings,
    )
