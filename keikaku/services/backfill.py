"""Back-filling past fiscal years' actuals (実績値) of a plan, outside any evaluation cycle.

A city that starts using keikaku has several past years of actuals to load at once. The planning
division (admin, ``Action.BACKFILL_ACTUALS``) stores them directly as published actuals: one
value, or a CSV/Excel file all-or-nothing. Files are read and every cell is checked exactly as
``keikaku.services.actuals`` checks an upload (same columns, same messages); only the year rule
differs, and stored values are protected:

- the year must be before the current fiscal year (``keikaku.domain.fiscal``), inside the plan
  period and not before the indicator's baseline year;
- a year with an open evaluation cycle is refused: its actuals go through the cycle;
- an actual already stored for the same indicator and year is a clash, refused by row, unless
  the caller asks to replace existing values (an equal published value is left unchanged);
- every stored or replaced value writes an audit entry (``backfill`` or ``backfill_replace``)
  with the actual before and after.

``save=False`` checks everything and reports what would happen (a preview) without writing.
The rules and messages are in docs/evaluation.md.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from dataclasses import replace as replace_row
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from keikaku.domain.enums import ObservationStatus
from keikaku.domain.fiscal import fiscal_year_of
from keikaku.domain.permissions import Action, can, require
from keikaku.services.accounts import UserInfo
from keikaku.services.actuals import ActualEntry, Cell, PendingActual, check_upload, read_upload
from keikaku.services.cycle_common import RowError, UploadRejected, ValidationFailed, tidy_number, today_jst
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.backfill_store import IndicatorChoice, StoredActual, cycle_years, indicator_choices, stored_actuals
from keikaku.storage.database import transaction

__all__ = ["BackfillForm", "BackfillResult", "BackfillRow", "ValuesRejected", "backfill_actual", "backfill_file",
           "backfill_form", "current_fiscal_year"]


class ValuesRejected(ValidationFailed):
    """One typed value with problems: ``problems`` holds each (its ``field`` names the input at fault)."""

    def __init__(self, problems: list[ValidationFailed]):
        super().__init__("; ".join(p.message for p in problems) + "; nothing was saved", code="invalid_values",
                         field=problems[0].field if problems else None)
        self.problems = problems


@dataclass(frozen=True)
class BackfillRow:
    """One actual back-filled (or, in a preview, to be): ``row`` is its row in the file (None for a
    typed value); ``before`` the value it replaces; ``outcome`` created, replaced or unchanged."""

    row: int | None
    indicator_id: int
    indicator: str
    unit: str | None
    year: int
    value: float | int
    note: str | None
    before: float | int | None
    before_status: str | None
    outcome: str

    def to_json(self) -> dict[str, object]:
        return {"row": self.row, "indicator": {"id": self.indicator_id, "name": self.indicator, "unit": self.unit},
                "year": self.year, "value": self.value, "note": self.note,
                "before": None if self.before_status is None else {"value": self.before, "status": self.before_status},
                "outcome": self.outcome}


@dataclass(frozen=True)
class BackfillResult:
    """What a back-fill stored (``saved``) or would store (a preview): every row in file order, and
    the numbers of the file's rows skipped for an empty value."""

    plan_id: int
    plan_title: str
    filename: str | None
    replace: bool
    saved: bool
    rows: tuple[BackfillRow, ...]
    skipped: tuple[int, ...] = ()

    def count(self, outcome: str) -> int:
        return sum(r.outcome == outcome for r in self.rows)

    @property
    def created(self) -> int:
        return self.count("created")

    @property
    def replaced(self) -> int:
        return self.count("replaced")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    def as_csv(self) -> str:
        """The rows as a file of actuals (indicator by id), read back by ``backfill_file`` exactly
        as checked: what a preview page carries to its confirmation."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["indicator", "year", "value", "note"])
        for r in self.rows:
            writer.writerow([r.indicator_id, r.year, repr(r.value), r.note or ""])
        return out.getvalue()

    def to_json(self) -> dict[str, object]:
        return {"plan": {"id": self.plan_id, "title": self.plan_title}, "filename": self.filename, "replace": self.replace,
                "saved": self.saved, "created": self.created, "replaced": self.replaced, "unchanged": self.unchanged,
                "skipped_rows": list(self.skipped), "actuals": [r.to_json() for r in self.rows]}


@dataclass(frozen=True)
class BackfillForm:
    """What the back-fill page offers: the plan, its indicators, the years that may be back-filled
    (past years of the plan period without an open cycle, newest first) and the open cycles' years."""

    plan_id: int
    plan_title: str
    current_year: int
    years: tuple[int, ...]
    open_cycle_years: tuple[int, ...]
    indicators: tuple[IndicatorChoice, ...]


def current_fiscal_year(today: date | None = None) -> int:
    """The fiscal year of ``today`` (default: today in Japan); back-filling is for the years before it."""
    return fiscal_year_of(today or today_jst())


def _shown(value: float | None, unit: str | None) -> str:
    return "—" if value is None else f"{tidy_number(value)}{unit or ''}"


class BackfillEntry(ActualEntry):
    """The actuals rules with the back-fill's year rule and clash check (see the module's docstring)."""

    def __init__(self, session: Session, plan: m.Plan, user: UserInfo, *, current_year: int, replace: bool):
        super().__init__(session, plan, user)
        self.current_year, self.replace = current_year, replace
        self.stored = stored_actuals(session, plan.id)
        self.cycle_status = cycle_years(session, plan.id)

    def allowed(self, ind: m.Indicator) -> bool:
        return can(self.user, Action.BACKFILL_ACTUALS)

    def year(self, ind: m.Indicator | None, raw: Cell) -> int:
        """A past fiscal year, without an open cycle, inside the plan period and not before the baseline."""
        year = self.parse_year(raw)
        if year >= self.current_year:
            raise ValidationFailed(f"FY{year} is not a past fiscal year: back-filling is for the years before FY{self.current_year}",
                                   code="not_past", field="year")
        if self.cycle_status.get(year) == "open":
            raise ValidationFailed(f"FY{year} has an open evaluation cycle: enter its actuals in the cycle", code="open_cycle",
                                   field="year")
        self.check_in_plan(ind, year)
        return year

    def unchanged(self, old: StoredActual, value: float, note: str | None) -> bool:
        """Whether storing ``value`` and ``note`` would change nothing (as ``ActualEntry.write`` decides)."""
        return (old.value, old.text, old.note, old.status) == (value, None, note, ObservationStatus.PUBLISHED.value)

    def row_problem(self, ind: m.Indicator, year: int, value: float | None, note: str | None) -> tuple[str, str] | None:
        old = self.stored.get((ind.id, year))
        if old is None or self.replace or (value is not None and self.unchanged(old, value, note)):
            return None
        shown = _shown(old.value, ind.unit) if old.value is not None else (old.text or "—")
        return (f"{ind.name}, FY{year} already has the actual {shown} ({old.status}): it is kept unless existing values are "
                f"replaced", "exists")

    def outcome(self, pending: PendingActual) -> BackfillRow:
        """The row as it would be stored."""
        ind = pending.indicator
        old = self.stored.get((ind.id, pending.year))
        outcome = "created" if old is None else "unchanged" if self.unchanged(old, pending.value, pending.note) else "replaced"
        return BackfillRow(row=pending.row, indicator_id=ind.id, indicator=ind.name, unit=ind.unit, year=pending.year,
                           value=tidy_number(pending.value), note=pending.note,
                           before=tidy_number(old.value) if old is not None and old.value is not None else None,
                           before_status=old.status if old is not None else None, outcome=outcome)

    def store(self, pending: list[PendingActual], *, save: bool) -> tuple[BackfillRow, ...]:
        rows = tuple(self.outcome(p) for p in pending)
        if save:
            for p in pending:
                self.write(p.indicator, p.year, p.value, text=None, note=p.note, backfill=True, sample=p.sample)
        return rows


def _open(session: Session, user: UserInfo, plan: str | int, *, replace: bool, today: date | None) -> BackfillEntry:
    return BackfillEntry(session, repo.get_plan(session, ref=plan), user, current_year=current_fiscal_year(today),
                         replace=replace)


def backfill_file(engine: Engine, *, user: UserInfo, plan: str | int, content: bytes, filename: str, replace: bool = False,
                  save: bool = True, today: date | None = None) -> BackfillResult:
    """Store the actuals of a CSV or XLSX file (columns 指標, 年度, 値 and optionally 備考) as
    published actuals of past years, all or nothing.

    Raises PermissionDenied (not an admin), NotFoundError (plan) or UploadRejected listing every
    problem by row and column (the upload's, plus ``not_past``, ``open_cycle`` and ``exists``).
    Rows whose value is empty are skipped. ``save=False`` writes nothing (a preview).
    """
    require(user, Action.BACKFILL_ACTUALS, what="past years' actuals")
    rows, header, columns = read_upload(content, filename)
    with transaction(engine) as session:
        entry = _open(session, user, plan, replace=replace, today=today)
        pending, skipped = check_upload(entry, filename, rows, header, columns)
        if not pending:
            raise UploadRejected(filename, [RowError(header, None, "no row below the header has a value", "no_rows")])
        stored = entry.store(pending, save=save)
        return BackfillResult(plan_id=entry.plan.id, plan_title=entry.plan.title, filename=filename, replace=replace,
                              saved=save, rows=stored, skipped=tuple(skipped))


def backfill_actual(engine: Engine, *, user: UserInfo, plan: str | int, indicator: str | int, year: int | str,
                    value: float | int | str, note: str | None = None, replace: bool = False, save: bool = True,
                    today: date | None = None) -> BackfillResult:
    """Store one past year's actual of one indicator as published.

    Raises PermissionDenied, NotFoundError (plan), or ValuesRejected with every problem of the
    indicator, year and value (and ``exists`` when the year has an actual and ``replace`` is off).
    """
    require(user, Action.BACKFILL_ACTUALS, what="past years' actuals")
    with transaction(engine) as session:
        entry = _open(session, user, plan, replace=replace, today=today)
        problems: list[ValidationFailed] = []
        ind = fy = number = None
        try:
            ind = entry.indicator(indicator)
        except ValidationFailed as exc:
            problems.append(exc)
        try:
            fy = entry.year(ind, year)
        except ValidationFailed as exc:
            problems.append(exc)
        try:
            number = entry.number(ind, value)
        except ValidationFailed as exc:
            problems.append(exc)
        text = (note or "").strip() or None
        if ind is not None and fy is not None and (clash := entry.row_problem(ind, fy, number, text)) is not None:
            problems.append(ValidationFailed(clash[0], code=clash[1], field="year"))
        if problems:
            raise ValuesRejected(problems)
        assert ind is not None and fy is not None and number is not None
        stored = entry.store([PendingActual(0, ind, fy, number, text)], save=save)
        return BackfillResult(plan_id=entry.plan.id, plan_title=entry.plan.title, filename=None, replace=replace, saved=save,
                              rows=tuple(replace_row(r, row=None) for r in stored))


def backfill_form(engine: Engine, *, user: UserInfo, plan: str | int, today: date | None = None) -> BackfillForm:
    """What the back-fill page of ``plan`` offers (PermissionDenied for anyone but an admin)."""
    require(user, Action.BACKFILL_ACTUALS, what="past years' actuals")
    current = current_fiscal_year(today)
    with transaction(engine) as session:
        row = repo.get_plan(session, ref=plan)
        cycles = cycle_years(session, row.id)
        start, end = row.period_start, row.period_end
        last = current - 1 if end is None else min(end, current - 1)
        first = start if start is not None else last - 9
        open_years = tuple(sorted(y for y, status in cycles.items() if status == "open"))
        years = tuple(y for y in range(last, first - 1, -1) if y not in open_years)
        return BackfillForm(plan_id=row.id, plan_title=row.title, current_year=current, years=years,
                            open_cycle_years=open_years, indicators=tuple(indicator_choices(session, row.id)))
