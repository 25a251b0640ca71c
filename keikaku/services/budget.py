"""Importing a budget workbook into a plan: row by row, all or nothing, previewed before it is stored.

``import_budget`` reads the workbook (keikaku.services.budget_sheet), matches every row to a
project of the plan (by 事業名, compared after NFKC without spaces, or by 事業ID), to a measure
(施策: its key, printed number, 施策 N or title) or to the plan's municipality (人件費単価), and
checks it. Any problem rejects the whole file (``BudgetRejected``, every problem with its
``sheet!cell``), and nothing changes. Otherwise it returns what would change (new / changed /
unchanged rows, each field before → after) and, with ``apply``, stores it in the same transaction,
each change audited (project_budget, staff_cost, budget_frame).

A column the sheet does not have leaves the stored value as it is (a sheet of budgets without
settlements keeps the settlements); an empty cell in a column it has clears it. An unknown name is
never matched by similarity: rapidfuzz only suggests the nearest name in the message.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from rapidfuzz import fuzz, process
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from keikaku.domain.errors import KeikakuError
from keikaku.domain.money import FundingSource, ProjectYear
from keikaku.domain.permissions import Action, require
from keikaku.services import audit
from keikaku.services.accounts import UserInfo
from keikaku.services.cycle_common import touch_plan
from keikaku.services.budget_sheet import BUDGET_AMOUNTS, STAFF, CellProblem, SheetRow, fold, read_workbook, shown
from keikaku.services.formatting import node_label
from keikaku.storage import budget_store as store
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.budget_models import BudgetFrame, ProjectBudget, StaffCostRate
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow

SUGGEST_SCORE = 60.0  # the least rapidfuzz ratio at which a name is offered as "did you mean"
BUDGET_FIELDS = (*BUDGET_AMOUNTS, *STAFF)
_Row = ProjectBudget | StaffCostRate | BudgetFrame
OBJECT_TYPES: dict[type[_Row], str] = {ProjectBudget: "project_budget", StaffCostRate: "staff_cost",
                                       BudgetFrame: "budget_frame"}  # as the audit trail names them

ERRORS: dict[str, tuple[str, str]] = {
    "unreadable": ("Excel ファイルとして読めません（{reason}）", "not a readable Excel (.xlsx) file ({reason})"),
    "not_xlsx": ("Excel (.xlsx) ファイルを指定してください", "give an Excel (.xlsx) file"),
    "file_too_large": ("ファイルが大きすぎます（上限 {limit} バイト）", "the file is too large (limit {limit} bytes)"),
    "too_many_rows": ("行が多すぎます（上限 {limit} 行）。分けてください", "more than {limit} rows: split the sheet"),
    "no_sheet": ("予算・人件費単価・財政フレームの表が見つかりません（見出し行に 年度 と 事業名 などが必要です）",
                 "no budget, staff cost or financial frame sheet (its header row needs 年度 and 事業名 or the like)"),
    "missing_column": ("列がありません: {columns}", "missing column: {columns}"),
    "no_unit": ("{column} の単位がありません（「単位：千円」か「単位：円」と書いてください）",
                "no unit for {column}: state 単位：千円 or 単位：円"),
    "bad_unit": ("単位「{unit}」は読めません（金額は千円か円、職員は人工）",
                 "unit {unit} is not read (amounts in 千円 or 円, staff in 人工)"),
    "unit_conflict": ("見出しの単位「{unit}」が表の単位「{stated}」と違います", "the header's unit {unit} differs from the sheet's {stated}"),
    "not_a_number": ("数値ではありません: {value}", "not a number: {value}"),
    "negative": ("負の金額・人工は入力できません: {value}", "a negative figure is not accepted: {value}"),
    "fraction_of_yen": ("{value}{unit} は1円未満の端数になります", "{value} {unit} is not a whole number of yen"),
    "too_large": ("金額が大きすぎます: {value}", "the amount is too large: {value}"),
    "bad_person_years": ("人工は0以上、小数第2位までです: {value}", "person-years are 0 or more with at most two decimals: {value}"),
    "bad_year": ("年度として読めません: {value}", "not a fiscal year: {value}"),
    "missing": ("{column} が空です", "{column} is empty"),
    "outside_period": ("{year}年度は計画期間（{start}〜{end}年度）の外です", "FY{year} is outside the plan period FY{start}–FY{end}"),
    "missing_project": ("事業名・事業IDが空です", "the project (事業名 or 事業ID) is empty"),
    "unknown_project": ("この計画に事業「{name}」はありません", "no project {name} in this plan"),
    "unknown_project_suggest": ("この計画に事業「{name}」はありません。「{suggestion}」のことですか",
                                "no project {name} in this plan; did you mean {suggestion}?"),
    "unknown_project_id": ("この計画に事業ID {id} はありません", "no project with id {id} in this plan"),
    "ambiguous_project": ("事業「{name}」はこの計画に{count}件あります。事業IDで指定してください（{ids}）",
                          "{count} projects of this plan are named {name}: give its 事業ID ({ids})"),
    "project_mismatch": ("事業ID {id} は「{actual}」で、「{name}」ではありません", "project id {id} is {actual}, not {name}"),
    "no_amount": ("当初予算・補正後予算・決算額のいずれもありません", "none of 当初予算, 補正後予算 and 決算額 is given"),
    "funding_mismatch": ("財源の合計 {funding}円 が事業費（{basis}）{spending}円 と合いません",
                         "the funding adds up to {funding} yen, not the spending ({basis}) of {spending} yen"),
    "duplicate": ("{label} は {first} にもあります", "{label} is also given at {first}"),
    "unknown_measure": ("この計画に施策「{name}」はありません", "no measure {name} in this plan"),
    "unknown_measure_suggest": ("この計画に施策「{name}」はありません。「{suggestion}」のことですか",
                                "no measure {name} in this plan; did you mean {suggestion}?"),
    "ambiguous_measure": ("施策「{name}」はこの計画に{count}件あります。キーで指定してください（{keys}）",
                          "{count} nodes of this plan match {name}: give its key ({keys})"),
}
BASIS_WORDS = {"settlement": ("決算額", "settlement"), "revised": ("補正後予算", "revised budget"),
               "initial": ("当初予算", "initial budget")}


def problem_text(problem: CellProblem, lang: str = "ja") -> str:
    """A problem in Japanese or English, after its place: ``事業別予算!C7: 数値ではありません: 未定``."""
    ja, en = ERRORS.get(problem.code, (problem.code, problem.code))
    params = dict(problem.params)
    if "basis" in params:
        params["basis"] = BASIS_WORDS.get(params["basis"], (params["basis"],) * 2)[1 if lang == "en" else 0]
    try:
        text = (en if lang == "en" else ja).format(**params)
    except KeyError:
        text = problem.code
    return f"{problem.where}: {text}"


class BudgetRejected(KeikakuError):
    """A budget workbook with problems: nothing of it was stored. ``problems`` in file order."""

    exit_code = 2
    http_status = 422

    def __init__(self, filename: str, problems: list[CellProblem]):
        self.filename = filename
        self.problems = problems
        super().__init__(self.text("en"))

    def text(self, lang: str = "ja") -> str:
        head = (f"{self.filename}: {len(self.problems)} problem(s), nothing was stored:" if lang == "en"
                else f"{self.filename}: {len(self.problems)} 件の問題があるため、何も登録していません:")
        return head + "".join(f"\n  {problem_text(p, lang)}" for p in self.problems)


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object

    def to_json(self) -> dict[str, object]:
        return {"field": self.field, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class RowChange:
    """What one row would do: ``kind`` project_budget, staff_cost or budget_frame; ``outcome`` new,
    changed or unchanged; ``fields`` the fields that differ (all of them for a new row)."""

    kind: str
    where: str
    label: str
    year: int
    outcome: str
    fields: tuple[FieldChange, ...]

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "where": self.where, "label": self.label, "year": self.year, "outcome": self.outcome,
                "fields": [f.to_json() for f in self.fields]}


@dataclass(frozen=True)
class BudgetImport:
    """The preview of a workbook (``stored`` False) or what was stored (True)."""

    filename: str
    plan_id: int
    plan_key: str
    stored: bool
    changes: tuple[RowChange, ...]

    def count(self, outcome: str) -> int:
        return sum(c.outcome == outcome for c in self.changes)

    def to_json(self) -> dict[str, object]:
        return {"filename": self.filename, "plan": {"id": self.plan_id, "key": self.plan_key}, "stored": self.stored,
                "new": self.count("new"), "changed": self.count("changed"), "unchanged": self.count("unchanged"),
                "changes": [c.to_json() for c in self.changes]}


# --- snapshots -------------------------------------------------------------------------------

def _centi(value: Decimal | None) -> int | None:
    return None if value is None else int(value * 100)


def _decimal(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _from_centi(value: int | None) -> str | None:
    return None if value is None else str((Decimal(value) / 100).quantize(Decimal("0.01")))


def budget_snapshot(row: ProjectBudget | None) -> dict[str, object]:
    """A budget row's fields as JSON-ready values: yen as int, person-years as text ('1.50')."""
    if row is None:
        return {}
    out: dict[str, object] = {key: getattr(row, key) for key in BUDGET_AMOUNTS}
    out["regular_staff"] = _from_centi(row.regular_staff_centi)
    out["fixed_term_staff"] = _from_centi(row.fixed_term_staff_centi)
    return out


def project_year(year: int, fields: dict[str, object]) -> ProjectYear:
    """The domain record of a budget snapshot."""
    def staff(key: str) -> Decimal | None:
        value = fields.get(key)
        return None if value is None else Decimal(str(value))

    return ProjectYear(
        year=year, initial_budget=fields.get("initial_budget"), revised_budget=fields.get("revised_budget"),  # type: ignore[arg-type]
        settlement=fields.get("settlement"),  # type: ignore[arg-type]
        funding=tuple((s, fields.get(s.value)) for s in FundingSource),  # type: ignore[misc]
        regular_staff=staff("regular_staff"), fixed_term_staff=staff("fixed_term_staff"),
    )


def _diff(before: dict[str, object], after: dict[str, object], new: bool) -> tuple[FieldChange, ...]:
    return tuple(FieldChange(k, before.get(k), after.get(k)) for k in after if new or before.get(k) != after.get(k))


# --- matching --------------------------------------------------------------------------------

def _key(text: str) -> str:
    return fold(text)


def _suggest(name: str, choices: list[str]) -> str | None:
    found = process.extractOne(name, choices, scorer=fuzz.ratio, score_cutoff=SUGGEST_SCORE)
    return found[0] if found else None


class PlanMatcher:
    """Finds a plan's projects and measures by what a sheet writes."""

    def __init__(self, session: Session, plan: m.Plan):
        self.projects = list(store.plan_projects(session, plan_id=plan.id))
        self.by_id = {p.id: p for p in self.projects}
        self.by_name: dict[str, list[m.Project]] = {}
        for p in self.projects:
            self.by_name.setdefault(_key(p.name), []).append(p)
        self.nodes = list(repo.plan_nodes(session, plan_id=plan.id))
        with_projects = {p.node_id for p in self.projects}
        self.measures = [n for n in self.nodes if n.id in with_projects]  # looked at first: 1 is 施策 1, not 政策 1

    def project(self, row: SheetRow) -> tuple[m.Project | None, CellProblem | None]:
        name, ref = row.values.get("project"), row.values.get("project_id")
        by_name = by_id = None
        if ref is not None:
            text = unicodedata.normalize("NFKC", str(int(ref) if isinstance(ref, float) and ref.is_integer() else ref)).strip()
            by_id = self.by_id.get(int(text)) if text.isdigit() else None
            if by_id is None:
                return None, CellProblem(row.where("project_id"), "unknown_project_id", (("id", shown(ref)),))
        if name is not None:
            found = self.by_name.get(_key(str(name)), [])
            if by_id is not None:
                if by_id not in found:
                    return None, CellProblem(row.where("project"), "project_mismatch",
                                             (("id", str(by_id.id)), ("actual", by_id.name), ("name", str(name))))
                return by_id, None
            if len(found) > 1:
                return None, CellProblem(row.where("project"), "ambiguous_project", (
                    ("name", str(name)), ("count", str(len(found))), ("ids", ", ".join(str(p.id) for p in found))))
            if not found:
                suggestion = _suggest(str(name), [p.name for p in self.projects])
                params = (("name", shown(name)),) + ((("suggestion", suggestion),) if suggestion else ())
                return None, CellProblem(row.where("project"), "unknown_project_suggest" if suggestion else "unknown_project", params)
            by_name = found[0]
        if by_id is None and by_name is None:
            return None, CellProblem(row.where("project"), "missing_project")
        return by_id or by_name, None

    def measure(self, row: SheetRow) -> tuple[m.Node | None, CellProblem | None]:
        raw = row.values.get("measure")
        where = row.where("measure")
        if raw is None:
            return None, CellProblem(where, "missing", (("column", "施策"),))
        text = _key(str(int(raw) if isinstance(raw, float) and raw.is_integer() else raw))
        for nodes, test in ((pool, test) for pool in (self.measures, self.nodes) for test in (lambda n: _key(n.key) == text,
                     lambda n: _key(f"{n.level}{n.number or ''}") == text,
                     lambda n: n.number is not None and _key(n.number) == text,
                     lambda n: _key(n.title) == text or _key(node_label(n)) == text)):
            found = [n for n in nodes if test(n)]
            if len(found) == 1:
                return found[0], None
            if len(found) > 1:
                return None, CellProblem(where, "ambiguous_measure", (
                    ("name", shown(raw)), ("count", str(len(found))), ("keys", ", ".join(n.key for n in found))))
        suggestion = _suggest(str(raw), [node_label(n) for n in self.nodes])
        params = (("name", shown(raw)),) + ((("suggestion", suggestion),) if suggestion else ())
        return None, CellProblem(where, "unknown_measure_suggest" if suggestion else "unknown_measure", params)


# --- the import ------------------------------------------------------------------------------

@dataclass
class _Pending:
    change: RowChange
    write: Callable[[], None]  # stores the row, run only when applying


def _year(row: SheetRow, plan: m.Plan, problems: list[CellProblem]) -> int | None:
    year = row.values.get("year")
    if not isinstance(year, int):
        return None  # already a problem of reading (bad or empty year)
    start, end = plan.period_start, plan.period_end
    if (start is not None and year < start) or (end is not None and year > end):
        problems.append(CellProblem(row.where("year"), "outside_period",
                                    (("year", str(year)), ("start", str(start or "")), ("end", str(end or "")))))
        return None
    return year


def import_budget(engine: Engine, *, user: UserInfo, plan: str | int, content: bytes, filename: str,
                  apply: bool = False) -> BudgetImport:
    """Check a budget workbook against the plan and preview it, or (``apply``) store it.

    Raises BudgetRejected (every problem; nothing stored), NotFoundError (plan) or
    PermissionDenied (budgets are the plan's: an admin's to import, as other plan corrections).
    """
    require(user, Action.EDIT_PLAN, what="the budgets of the plan")
    read = read_workbook(content, filename)
    problems = list(read.problems)
    with transaction(engine) as session:
        target = repo.get_plan(session, ref=plan)
        matcher = PlanMatcher(session, target)
        pending: list[_Pending] = []
        pending += _budget_rows(session, target, matcher, read.budgets, read.budget_columns, problems, user)
        pending += _rate_rows(session, target, read.rates, problems, user)
        pending += _frame_rows(session, target, matcher, read.frames, problems, user)
        if problems:
            raise BudgetRejected(filename, read.in_file_order(problems))
        if apply:
            for p in pending:
                if p.change.outcome != "unchanged":
                    p.write()
            if any(p.change.outcome != "unchanged" for p in pending):
                touch_plan(session, target.id)  # the plan's cached pages show its money: rebuilt
        return BudgetImport(filename=filename, plan_id=target.id, plan_key=target.key, stored=apply,
                            changes=tuple(p.change for p in pending))


def _budget_rows(session: Session, plan: m.Plan, matcher: PlanMatcher, rows: list[SheetRow], columns: set[str],
                 problems: list[CellProblem], user: UserInfo) -> list[_Pending]:
    stored = store.plan_budgets(session, plan_id=plan.id)
    unread = {p.where for p in problems}
    seen: dict[tuple[int, int], str] = {}
    out: list[_Pending] = []
    for row in rows:
        project, problem = matcher.project(row)
        if problem is not None:
            problems.append(problem)
        year = _year(row, plan, problems)
        if project is None or year is None:
            continue
        label = f"{project.name} {year}年度"
        first = seen.setdefault((project.id, year), row.where())
        if first != row.where():
            problems.append(CellProblem(row.where("project"), "duplicate", (("label", label), ("first", first))))
            continue
        if any(cell in unread for cell in row.cells.values()):
            continue  # a cell that could not be read: its row is not checked further
        existing = stored.get((project.id, year))
        before = budget_snapshot(existing)
        after = dict(before) if existing is not None else {k: None for k in BUDGET_FIELDS}
        for key in BUDGET_FIELDS:
            if key in columns:
                value = row.values.get(key)
                after[key] = str(value) if isinstance(value, Decimal) else value
        record = project_year(year, after)
        if record.spending is None:
            problems.append(CellProblem(row.where(), "no_amount"))
            continue
        funding = record.funding_total
        if funding is not None and funding != record.spending:
            problems.append(CellProblem(row.where(), "funding_mismatch", (
                ("funding", f"{funding:,}"), ("basis", str(record.spending_basis)), ("spending", f"{record.spending:,}"))))
            continue
        outcome = "new" if existing is None else ("unchanged" if after == before else "changed")
        change = RowChange("project_budget", row.where(), label, year, outcome, _diff(before, after, existing is None))
        values = {**{k: after[k] for k in BUDGET_AMOUNTS}, "updated_by": user.name,
                  "regular_staff_centi": _centi(_decimal(after["regular_staff"])),
                  "fixed_term_staff_centi": _centi(_decimal(after["fixed_term_staff"]))}
        out.append(_Pending(change, partial(_upsert, session, user, model=ProjectBudget, existing=existing,
                                            key={"project_id": project.id, "year": year}, values=values,
                                            label=label, before=before, after=after)))
    return out


def _rate_rows(session: Session, plan: m.Plan, rows: list[SheetRow], problems: list[CellProblem],
               user: UserInfo) -> list[_Pending]:
    stored = store.staff_rates(session, municipality_id=plan.municipality_id)
    seen: dict[int, str] = {}
    out: list[_Pending] = []
    for row in rows:
        year = _year(row, plan, problems)
        missing = [k for k in STAFF if row.values.get(k) is None]
        for key in missing:
            if not any(p.where == row.where(key) for p in problems):
                problems.append(CellProblem(row.where(key), "missing", (("column", "正規職員" if key == "regular_staff" else "会計年度任用職員"),)))
        if year is None or missing:
            continue
        label = f"{year}年度"
        first = seen.setdefault(year, row.where())
        if first != row.where():
            problems.append(CellProblem(row.where("year"), "duplicate", (("label", label), ("first", first))))
            continue
        existing = stored.get(year)
        before = {} if existing is None else {"regular": existing.regular, "fixed_term": existing.fixed_term}
        after = {"regular": row.values["regular_staff"], "fixed_term": row.values["fixed_term_staff"]}
        outcome = "new" if existing is None else ("unchanged" if after == before else "changed")
        change = RowChange("staff_cost", row.where(), label, year, outcome, _diff(before, after, existing is None))

        out.append(_Pending(change, partial(_upsert, session, user, model=StaffCostRate, existing=existing,
                                            key={"municipality_id": plan.municipality_id, "year": year}, values=after,
                                            label=label, before=before, after=after)))
    return out


def _frame_rows(session: Session, plan: m.Plan, matcher: PlanMatcher, rows: list[SheetRow],
                problems: list[CellProblem], user: UserInfo) -> list[_Pending]:
    stored = store.plan_frames(session, plan_id=plan.id)
    seen: dict[tuple[int, int], str] = {}
    out: list[_Pending] = []
    for row in rows:
        node, problem = matcher.measure(row)
        if problem is not None:
            problems.append(problem)
        year = _year(row, plan, problems)
        planned = row.values.get("planned")
        if planned is None and not any(p.where == row.where("planned") for p in problems):
            problems.append(CellProblem(row.where("planned"), "missing", (("column", "計画額"),)))
        if node is None or year is None or planned is None:
            continue
        label = f"{node_label(node)} {year}年度"
        first = seen.setdefault((node.id, year), row.where())
        if first != row.where():
            problems.append(CellProblem(row.where("measure"), "duplicate", (("label", label), ("first", first))))
            continue
        existing = stored.get((node.id, year))
        before = {} if existing is None else {"planned": existing.planned}
        after = {"planned": planned}
        outcome = "new" if existing is None else ("unchanged" if after == before else "changed")
        change = RowChange("budget_frame", row.where(), label, year, outcome, _diff(before, after, existing is None))

        out.append(_Pending(change, partial(_upsert, session, user, model=BudgetFrame, existing=existing,
                                            key={"node_id": node.id, "year": year}, row_only={"plan_id": plan.id},
                                            values=after, label=label, before=before, after=after)))
    return out


def _upsert(session: Session, user: UserInfo, *, model: type[_Row], existing: _Row | None, key: dict[str, int],
            values: dict[str, object], label: str, before: dict[str, object], after: dict[str, object],
            row_only: dict[str, int] | None = None) -> None:
    """Store one row of the workbook, new (``model`` made from ``key`` and ``row_only``) or ``existing``,
    with ``values`` written to its columns, and audit it: ``key`` and ``after`` are what the trail records."""
    row = existing or model(**key, **(row_only or {}))
    for column, value in values.items():
        setattr(row, column, value)
    row.updated_at = utcnow()
    store.save(session, row)
    audit.record(session, user_name=user.name, action="create" if existing is None else "update",
                 object_type=OBJECT_TYPES[model], object_id=row.id, label=label, before=before or None,
                 after={**key, **after})
