"""The year's evaluation sheets as an Excel workbook: a 概要 sheet, then one sheet per measure laid
out like a measure page of the plan (header, 成果・活動指標 by year, 主な事業 schedule, 評価); the
plan-wide sheet (計画全体の指標: the plan's own indicators and their evaluation, no projects) first
when the plan has one."""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from keikaku.domain import planfile as pf
from keikaku.services.exports.cells import keep_as_text
from keikaku.services.exports.context import MeasureYear, YearReport
from keikaku.services.exports.survey_notes import SURVEY_NOTE, survey_line
from keikaku.services.exports.wording import (
    CYCLE_STATUS_LABELS, era_year, fiscal_year, node_label, sheet_status_text, status_label,
)

SUMMARY_SHEET = "概要"
SHEET_NAME_MAX = 31
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
SECTION = Font(bold=True, size=12)
HEAD_FILL = PatternFill("solid", fgColor="DDE4EE")
YEAR_FILL = PatternFill("solid", fgColor="FFF2CC")  # the fiscal year of the report
LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")
DRAFT_FILL = PatternFill("solid", fgColor="FCE4D6")  # a draft actual (staff exports only)
DRAFT_NOTE = "下書き（未承認）"
DRAFT_LEGEND = "網掛けの実績値は下書き（未承認）です"
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
INDICATOR_HEAD = ("指標名", "単位", "基準値", "基準年度")
INDICATOR_TAIL = ("目標値", "目標年度", "達成率(%)", "進捗率(%)", "状況", "評価")
EVALUATION_LABELS = ("自己評価", "評価の理由", "課題", "次年度の方向性", "審査状況", "審査コメント")


def sheet_title(node: pf.Node, taken: set[str]) -> str:
    """``8 防犯・交通安全の推進``: number and title, without []:*?/\\, at most 31 characters, unique
    (case-insensitively) among ``taken``, which it joins."""
    return _unique_title(" ".join(filter(None, [node.number, node.title])), node.id, taken)


def measure_sheet_title(measure: MeasureYear, taken: set[str]) -> str:
    """The worksheet's name of a measure (``sheet_title``), or of the plan-wide sheet (計画全体の指標)."""
    return sheet_title(measure.node, taken) if measure.node is not None else _unique_title(measure.label, measure.key, taken)


def _unique_title(raw: str, fallback: str, taken: set[str]) -> str:
    base = _SHEET_UNSAFE.sub("", raw or fallback).strip().strip("'") or fallback
    name, n = base[:SHEET_NAME_MAX].rstrip(), 1
    while name.casefold() in taken or name.casefold() == SUMMARY_SHEET:
        n += 1
        suffix = f"~{n}"
        name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
    taken.add(name.casefold())
    return name


def _width(text: object) -> float:
    """Excel column units a text needs: full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1.1 for c in str(text))


def _number_format(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return "#,##0" if float(value).is_integer() else "#,##0.0##"


def _figure(value: pf.Value | pf.Actual | None) -> object:
    if value is None:
        return None
    return value.value if value.value is not None else value.text


class _Sheet:
    """A worksheet written row by row, remembering how wide each column must be."""

    def __init__(self, ws: Worksheet, columns: int) -> None:
        self.ws, self.columns, self.row = ws, columns, 0
        self.widths = [8.0] * columns

    def put(self, values: Sequence[object], *, font: Font | None = None, fill: PatternFill | None = None,
            boxed: bool = False, rates: Sequence[int] = (), fit: bool = True) -> int:
        self.row += 1
        for c, value in enumerate(values, start=1):
            cell = self.ws.cell(row=self.row, column=c, value=value)
            keep_as_text(cell)
            cell.alignment = CENTRE if fill is HEAD_FILL else WRAP
            if font:
                cell.font = font
            if fill:
                cell.fill = fill
            if boxed:
                cell.border = BOX
            fmt = "0.0" if c - 1 in rates and isinstance(value, float) else _number_format(value)
            if fmt:
                cell.number_format = fmt
            if fit and value is not None:
                self.widths[c - 1] = max(self.widths[c - 1], min(_width(value) + 2, 40))
        return self.row

    def labelled(self, label: str, text: object) -> int:
        """A label in column A and its text (or number) across the other columns, wrapped, tall enough to read."""
        row = self.put([label, text], fit=False, rates=(1,))
        self.ws.cell(row=row, column=1).font = BOLD
        self.ws.cell(row=row, column=1).fill = LABEL_FILL
        for c in (1, 2):
            self.ws.cell(row=row, column=c).border = BOX
        if self.columns > 2:
            self.ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=self.columns)
        self.widths[0] = max(self.widths[0], _width(label) + 2)
        return row

    def blank(self) -> None:
        self.row += 1

    def finish(self, *, first_width: float = 34) -> None:
        self.widths[0] = max(self.widths[0], first_width)
        for c, width in enumerate(self.widths, start=1):
            self.ws.column_dimensions[get_column_letter(c)].width = width
        span = sum(self.widths[1:]) or 1
        for merged in self.ws.merged_cells.ranges:  # merged text does not grow its row in Excel
            text = str(self.ws.cell(row=merged.min_row, column=merged.min_col).value or "")
            lines = sum(max(1, math.ceil(_width(part) / span)) for part in text.split("\n"))
            if lines > 1:
                self.ws.row_dimensions[merged.min_row].height = 15 * lines + 3
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.paperSize = self.ws.PAPERSIZE_A4
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.page_setup.fitToHeight = 0


def _measure_sheet(ws: Worksheet, report: YearReport, measure: MeasureYear) -> None:
    years, schedule = report.years, measure.schedule_years
    columns = max(len(INDICATOR_HEAD) + len(years) + len(INDICATOR_TAIL), 2 + len(schedule) + 3, 4)
    s = _Sheet(ws, columns)
    doc = report.doc
    s.put([measure.label], font=TITLE, fit=False)
    s.labelled("計画", doc.title)
    s.labelled("自治体", f"{doc.municipality or ''} ({doc.municipality_code})" if doc.municipality_code else doc.municipality)
    if measure.path:
        s.labelled("体系", measure.path_label)
    if measure.node is not None:
        s.labelled(measure.node.level, node_label(measure.node))
    s.labelled("所管課", "、".join(measure.departments))
    s.labelled("年度", fiscal_year(report.year))

    s.blank()
    s.put(["成果・活動指標"], font=SECTION, fit=False)
    if any(item.draft_years for item in measure.indicators):
        s.put([f"※ {DRAFT_LEGEND}"], fit=False)
    head = [*INDICATOR_HEAD, *(era_year(y) for y in years), *INDICATOR_TAIL]
    s.put(head, font=BOLD, fill=HEAD_FILL, boxed=True)
    if report.year in years:
        ws.cell(row=s.row, column=len(INDICATOR_HEAD) + years.index(report.year) + 1).fill = YEAR_FILL
    first_rate = len(INDICATOR_HEAD) + len(years) + 2
    for item in measure.indicators:
        ind, row = item.indicator, item.current.to_json()
        s.put([
            ind.name, ind.unit, _figure(ind.baseline), ind.baseline.year if ind.baseline else None,
            *(_figure(item.actual(y)) for y in years),
            _figure(ind.target), ind.target.year if ind.target else None,
            row["achievement_rate"], row["progress_rate"], item.status_label, item.current.grade,
        ], boxed=True, rates=(first_rate, first_rate + 1))
        for y in item.draft_years & set(years):
            cell = ws.cell(row=s.row, column=len(INDICATOR_HEAD) + years.index(y) + 1)
            cell.fill = DRAFT_FILL
            cell.comment = Comment(DRAFT_NOTE, "keikaku")
    if not measure.indicators:
        s.put(["(指標なし)"], fit=False)
    survey = [line for item in measure.indicators if item.current.year is not None
              and (line := survey_line(item, era_year(item.current.year))) is not None]
    if survey:
        s.blank()  # the notes stand apart from the indicator table
    for line in survey:
        s.put([f"※ {line}"], fit=False)
    if survey:
        s.put([f"※ {SURVEY_NOTE}"], fit=False)

    if not measure.plan_wide:  # the plan-wide sheet has indicators only
        _projects(s, report, measure)

    s.blank()
    s.put(["評価"], font=SECTION, fit=False)
    sheet = measure.sheet
    values = (
        (sheet.self_grade, sheet.reasons, sheet.issues, sheet.next_direction,
         sheet_status_text(sheet, report.audience.value), sheet.review_comment) if sheet
        else (None, None, None, None, sheet_status_text(None, report.audience.value), None)
    )
    for label, text in zip(EVALUATION_LABELS, values):
        s.labelled(label, text)
    s.finish()


def _projects(s: _Sheet, report: YearReport, measure: MeasureYear) -> None:
    schedule = measure.schedule_years
    s.blank()
    s.put(["主な事業"], font=SECTION, fit=False)
    s.put(["事業名", "所管課", *(era_year(y) for y in schedule), "今年度の計画", "今年度の段階", "進捗状況"],
          font=BOLD, fill=HEAD_FILL, boxed=True)
    if report.year in schedule:
        s.ws.cell(row=s.row, column=3 + schedule.index(report.year)).fill = YEAR_FILL
    for p in measure.projects:
        s.put([p.project.name, p.project.department, *(p.project.schedule.get(y) for y in schedule), p.planned,
               p.stage, p.progress], boxed=True)
    if not measure.projects:
        s.put(["(事業なし)"], fit=False)


def _summary_sheet(ws: Worksheet, report: YearReport, names: list[str]) -> None:
    doc, cycle = report.doc, report.cycle
    s = _Sheet(ws, 9)
    s.put([f"{doc.title} {era_year(report.year)} 施策評価 概要"], font=TITLE, fit=False)
    s.labelled("自治体", f"{doc.municipality or ''} ({doc.municipality_code})" if doc.municipality_code else doc.municipality)
    s.labelled("年度", fiscal_year(report.year))
    s.labelled("評価の尺度", f"{report.scale.name}: " + "、".join(f"{lv.grade} {lv.label}" for lv in report.scale.levels))
    if cycle is not None:
        deadline = f"、締切 {cycle.deadline.isoformat()}" if cycle.deadline else ""
        s.labelled("評価サイクル", CYCLE_STATUS_LABELS.get(cycle.status, cycle.status) + deadline)
    else:
        s.labelled("評価サイクル", "なし")
    s.labelled("平均達成率(%)", report.rollup.score)
    if report.audience == "staff":
        s.labelled("実績値", f"下書きを含む（{DRAFT_LEGEND}）")
    s.blank()
    s.put(["体系", "番号", "施策", "所管課", "指標数", "平均達成率(%)", "指標の状況", "自己評価", "審査状況"],
          font=BOLD, fill=HEAD_FILL, boxed=True)
    header_row = s.row
    for m, name in zip(report.measures, names):
        counts = "、".join(f"{status_label(report.scale, k)} {n}" for k, n in m.rollup.counts.items() if n)
        row = s.put([
            m.path[-1].title if m.path else None, m.number, m.title, "、".join(m.departments),
            len(m.indicators), m.rollup.score, counts, m.sheet.self_grade if m.sheet else None,
            sheet_status_text(m.sheet, report.audience.value),
        ], boxed=True, rates=(5,))
        link = ws.cell(row=row, column=3)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{name}'!A1")
        link.font = Font(color="1F4E99", underline="single")
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    s.finish(first_width=16)


def render_xlsx(report: YearReport) -> bytes:
    wb = Workbook()
    summary = wb.active
    summary.title = SUMMARY_SHEET
    taken: set[str] = set()
    names = [measure_sheet_title(m, taken) for m in report.measures]  # the plan-wide sheet first, if any
    _summary_sheet(summary, report, names)
    for m, name in zip(report.measures, names):
        _measure_sheet(wb.create_sheet(name), report, m)
    from keikaku.services.exports.costs import add_cost_sheet

    add_cost_sheet(wb, report)  # the year's project money, when the plan has any
    wb.properties.title = f"{report.doc.title} {era_year(report.year)}"
    wb.properties.creator = "keikaku"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
