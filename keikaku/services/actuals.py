"""Entering actuals (実績値) in an open cycle: one value, or a CSV/Excel file all-or-nothing.

An entered actual is stored as a draft Observation (hidden from the public pages) until the
evaluation sheet of its measure is approved. Every rule is checked the same way for one value
and for each row of a file; see docs/evaluation.md for the rules and their messages.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from keikaku.domain.enums import ObservationStatus
from keikaku.domain.figures import figure_problem, typed_figure_problem
from keikaku.domain.permissions import Action, can, require
from keikaku.importer.readers.base import DocumentError
from keikaku.importer.readers.xlsx import sheet_values
from keikaku.importer.values import parse_year
from keikaku.services import audit
from keikaku.services.accounts import UserInfo
from keikaku.services.cycle_common import (
    OBSERVATION_FIELDS,
    PLAN_WIDE_LABEL,
    Ownership,
    RowError,
    SheetLocked,
    UploadRejected,
    ValidationFailed,
    approved,
    label_of,
    require_some,
    snapshot,
    tidy_number,
    touch_plan,
)
from keikaku.storage import models as m
from keikaku.storage import repository as repo
from keikaku.storage.database import transaction
from keikaku.storage.models import utcnow

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UPLOAD_ROWS = 5000
HEADER_SEARCH_ROWS = 10  # the header may sit below a title row or two
PERCENT_UNITS = frozenset({"%"})
COLUMNS: dict[str, tuple[str, ...]] = {
    "indicator": ("指標", "indicator", "指標名"),
    "year": ("年度", "year"),
    "value": ("値", "value", "実績値"),
    "note": ("備考", "note"),
    "sample_size": ("標本数", "sample_size", "回答数"),  # a survey indicator's (市民意識調査) sample …
    "margin_of_error": ("誤差", "margin_of_error"),  # … or the margin of error printed for it (± points)
}
SAMPLE_FIELDS = ("sample_size", "margin_of_error")  # audited for a survey indicator's actual
MAX_SAMPLE_SIZE = 100_000_000
REQUIRED = ("indicator", "year", "value")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_PLAIN_YEAR = re.compile(r"(?:FY)?\s*(\d{4})(?:\s*年度?)?", re.I)

Cell = str | int | float | None


@dataclass(frozen=True)
class ActualInfo:
    """An actual as stored after an entry; ``outcome`` is created, updated or unchanged."""

    indicator_id: int
    indicator: str
    node_id: int | None
    unit: str | None
    year: int
    value: float | int | None
    text: str | None
    note: str | None
    status: str
    entered_by: str | None
    entered_at: datetime | None
    outcome: str
    sample_size: int | None = None  # a survey indicator's sample (標本数) …
    margin_of_error: float | None = None  # … or its printed margin of error (± points)

    def to_json(self) -> dict[str, object]:
        return {
            "indicator": {"id": self.indicator_id, "name": self.indicator, "node_id": self.node_id, "unit": self.unit},
            "year": self.year, "value": self.value, "text": self.text, "note": self.note, "status": self.status,
            "entered_by": self.entered_by, "entered_at": audit.iso(self.entered_at), "outcome": self.outcome,
            "sample_size": self.sample_size, "margin_of_error": self.margin_of_error,
        }


@dataclass(frozen=True)
class UploadResult:
    """A file of actuals that was saved: the actual of every row (in file order), and the numbers
    of the rows skipped for an empty value."""

    filename: str
    rows: tuple[ActualInfo, ...]
    skipped: tuple[int, ...] = ()

    @property
    def created(self) -> int:
        return sum(a.outcome == "created" for a in self.rows)

    @property
    def updated(self) -> int:
        return sum(a.outcome == "updated" for a in self.rows)

    @property
    def unchanged(self) -> int:
        return sum(a.outcome == "unchanged" for a in self.rows)

    def to_json(self) -> dict[str, object]:
        return {"filename": self.filename, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "skipped_rows": list(self.skipped), "actuals": [a.to_json() for a in self.rows]}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _echo(cell: Cell) -> str:
    """A cell as shown in a message, cut short (a 400-digit number is not repeated back)."""
    text = _shown(cell)
    return text if len(text) <= 24 else text[:20] + "…"


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _shown(cell: Cell) -> str:
    return cell.strip() if isinstance(cell, str) else str(cell)


class ActualEntry:
    """The rules for actuals of one plan, checked within one transaction for the acting user."""

    def __init__(self, session: Session, plan: m.Plan, user: UserInfo):
        self.session, self.plan, self.user = session, plan, user
        self.indicators = session.scalars(select(m.Indicator).where(m.Indicator.plan_id == plan.id).order_by(m.Indicator.position)).all()
        self.by_id = {i.id: i for i in self.indicators}
        self.by_name: dict[str, list[m.Indicator]] = {}
        for ind in self.indicators:
            self.by_name.setdefault(_fold(ind.name), []).append(ind)
        self.owners = Ownership(session, plan.id)
        self.cycles = {c.year: c for c in session.scalars(select(m.EvaluationCycle).where(m.EvaluationCycle.plan_id == plan.id))}

    def indicator(self, ref: Cell) -> m.Indicator:
        """By id, or by exact name (compared after NFKC) when it is unique in the plan."""
        if isinstance(ref, bool) or ref is None:
            raise ValidationFailed("the indicator is empty", code="missing", field="indicator")
        if isinstance(ref, float) and ref.is_integer():
            ref = int(ref)
        text = _fold(str(ref))
        if not text:
            raise ValidationFailed("the indicator is empty", code="missing", field="indicator")
        found = self.by_name.get(text, [])
        if not found and text.isdigit() and int(text) in self.by_id:
            found = [self.by_id[int(text)]]
        if len(found) > 1:
            ids = ", ".join(str(i.id) for i in found)
            raise ValidationFailed(f"{len(found)} indicators of this plan are named {text!r}: give its id ({ids})",
                                   code="ambiguous_indicator", field="indicator")
        if not found:
            raise ValidationFailed(f"no indicator {text!r} in this plan", code="unknown_indicator", field="indicator")
        return found[0]

    def departments(self, ind: m.Indicator) -> frozenset[int]:
        return self.owners.indicator(ind)

    def allowed(self, ind: m.Indicator) -> bool:
        return can(self.user, Action.ENTER_ACTUAL, department_ids=self.departments(ind))

    def require_allowed(self, ind: m.Indicator) -> None:
        require(self.user, Action.ENTER_ACTUAL, department_ids=self.departments(ind), what=f"indicator {ind.name}")

    def year(self, ind: m.Indicator | None, raw: Cell) -> int:
        """A fiscal year of the plan, not before the indicator's baseline, with an open cycle."""
        year = self.parse_year(raw)
        self.check_in_plan(ind, year)
        cycle = self.cycles.get(year)
        if cycle is None:
            raise ValidationFailed(f"no evaluation cycle is open for FY{year} (`keikaku cycle open`)", code="no_cycle", field="year")
        if cycle.status != "open":
            raise ValidationFailed(f"the evaluation cycle of FY{year} is {cycle.status}", code="cycle_closed", field="year")
        return year

    @staticmethod
    def parse_year(raw: Cell) -> int:
        """A fiscal year as written: 2025, "2025年度", "FY2025", "令和7年度" (1900–2200)."""
        year: int | None = None
        if isinstance(raw, int) and not isinstance(raw, bool):
            year = raw
        elif isinstance(raw, float) and raw.is_integer():
            year = int(raw)
        elif isinstance(raw, str):
            text = _fold(raw)
            plain = _PLAIN_YEAR.fullmatch(text)
            year = int(plain.group(1)) if plain else parse_year(text)
        if year is None or not 1900 <= year <= 2200:
            raise ValidationFailed(f"not a fiscal year: {_shown(raw)!r}" if not _blank(raw) else "the year is empty",
                                   code="bad_year" if not _blank(raw) else "missing", field="year")
        return year

    def check_in_plan(self, ind: m.Indicator | None, year: int) -> None:
        """That ``year`` is inside the plan period and not before the indicator's baseline year."""
        start, end = self.plan.period_start, self.plan.period_end
        if (start is not None and year < start) or (end is not None and year > end):
            raise ValidationFailed(f"FY{year} is outside the plan period FY{start}–FY{end}", code="outside_period", field="year")
        if ind is not None and ind.baseline_year is not None and year < ind.baseline_year:
            raise ValidationFailed(f"FY{year} is before the baseline year FY{ind.baseline_year} of {ind.name}",
                                   code="before_baseline", field="year")

    def number(self, ind: m.Indicator | None, raw: Cell) -> float:
        """A finite number; within 0–100 for a percentage (a trailing % is allowed there)."""
        percent = ind is not None and _fold(ind.unit or "") in PERCENT_UNITS
        if isinstance(raw, bool) or _blank(raw):
            raise ValidationFailed("the value is empty", code="missing", field="value")
        if isinstance(raw, (int, float)):
            if isinstance(raw, float) and not math.isfinite(raw):
                raise ValidationFailed(f"not a number: {_shown(raw)!r}", code="not_a_number", field="value")
            problem = figure_problem(raw)
            if problem is not None:
                raise ValidationFailed(f"{_echo(raw)}: {problem}", code="out_of_range", field="value")
            text, value = repr(raw), float(raw)
        else:
            text = _fold(str(raw)).replace(",", "").replace(" ", "")
            if percent and text.endswith("%"):
                text = text[:-1]
            if not _NUMBER.fullmatch(text):
                raise ValidationFailed(f"not a number: {_shown(raw)!r}", code="not_a_number", field="value")
            value = float(text)
        if not math.isfinite(value):
            raise ValidationFailed(f"not a number: {_shown(raw)!r}", code="not_a_number", field="value")
        problem = typed_figure_problem(text, value)
        if problem is not None:
            raise ValidationFailed(f"{_echo(raw)}: {problem}", code="out_of_range", field="value")
        if percent and not 0 <= value <= 100:
            raise ValidationFailed(f"{value:g}% is outside 0–100 for a percentage", code="percent_range", field="value")
        return value

    def sample(self, ind: m.Indicator | None, size: Cell, margin: Cell) -> tuple[int | None, float | None]:
        """A survey indicator's sample size (a whole number from 1) and printed margin of error
        (± points, above 0 and below 100), each None when blank; refused for any other indicator."""
        if _blank(size) and _blank(margin):
            return None, None
        if ind is not None and ind.survey_confidence is None:
            raise ValidationFailed(f"{ind.name} is not a survey indicator: it takes no sample size or margin of error",
                                   code="not_survey", field="sample_size", label=ind.name)
        n = None if _blank(size) else self._whole(size)
        e = None if _blank(margin) else self._margin(margin)
        return n, e

    @staticmethod
    def _whole(raw: Cell) -> int:
        text = _fold(str(raw)).replace(",", "") if not isinstance(raw, (int, float)) else repr(raw)
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if isinstance(raw, bool) or not math.isfinite(number) or not number.is_integer() or not 1 <= number <= MAX_SAMPLE_SIZE:
            raise ValidationFailed(f"a sample size is a whole number from 1 to {MAX_SAMPLE_SIZE:,}, not {_echo(raw)!r}",
                                   code="bad_sample_size", field="sample_size", value=_echo(raw))
        return int(number)

    @staticmethod
    def _margin(raw: Cell) -> float:
        text = _fold(str(raw)).lstrip("±").replace(" ", "") if not isinstance(raw, (int, float)) else repr(raw)
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if isinstance(raw, bool) or not math.isfinite(number) or not 0 < number < 100:
            raise ValidationFailed(f"a margin of error is a number of points above 0 and below 100, not {_echo(raw)!r}",
                                   code="bad_margin", field="margin_of_error", value=_echo(raw))
        return number

    def locked(self, ind: m.Indicator, year: int) -> bool:
        return approved(self.session, self.cycles[year].id, ind.node_id)

    def row_problem(self, ind: m.Indicator, year: int, value: float | None, note: str | None) -> tuple[str, str] | None:
        """What else stops a file's row for ``ind`` and ``year`` (``value`` None when it is not valid): (message, code)."""
        return (str(self.lock_error(ind, year)), "locked") if self.locked(ind, year) else None

    def lock_error(self, ind: m.Indicator, year: int) -> SheetLocked:
        node = self.owners.nodes.get(ind.node_id) if ind.node_id is not None else None
        what = label_of(node) if node else PLAN_WIDE_LABEL if ind.node_id is None else "this measure"
        return SheetLocked(f"the FY{year} sheet of {what} is approved: the actuals of {ind.name} are locked")

    def write(self, ind: m.Indicator, year: int, value: float, *, text: str | None, note: str | None,
              correction: bool = False, backfill: bool = False,
              sample: tuple[int | None, float | None] | None = None) -> ActualInfo:
        """Insert or replace the draft actual of ``ind`` for ``year``, with its audit record.

        A ``correction`` (an admin's, once the measure's sheet is approved) stays published and is
        audited as ``correct``. A ``backfill`` (a past year's actual, keikaku.services.backfill) is
        stored published and audited as ``backfill`` (new) or ``backfill_replace``; an equal draft
        is published, not left unchanged. ``sample`` (sample size, margin of error) replaces those
        of a survey indicator's actual; None keeps what is stored.
        """
        s = self.session
        fields = OBSERVATION_FIELDS + SAMPLE_FIELDS if ind.survey_confidence is not None else OBSERVATION_FIELDS
        rows = s.scalars(select(m.Observation).where(m.Observation.indicator_id == ind.id)).all()
        obs = next((o for o in rows if o.year == year), None)
        text = text.strip() or None if text else None
        note = note.strip() or None if note else None
        status = (ObservationStatus.PUBLISHED if correction or backfill else ObservationStatus.DRAFT).value
        size, margin = sample if sample is not None else (obs.sample_size, obs.margin_of_error) if obs else (None, None)
        if (obs is not None and (obs.value, obs.text, obs.note, obs.sample_size, obs.margin_of_error) == (value, text, note, size, margin)
                and (not backfill or obs.status == status)):
            return self._info(ind, obs, "unchanged")
        now = utcnow()
        label = f"{ind.name} FY{year}"
        if obs is None:
            obs = m.Observation(indicator_id=ind.id, position=max((o.position for o in rows), default=-1) + 1, year=year,
                                value=value, text=text, note=note, status=status,
                                entered_by_id=self.user.id, entered_at=now, sample_size=size, margin_of_error=margin)
            s.add(obs)
            if any(o.year > year for o in rows):  # keep the actuals in year order
                for i, o in enumerate(sorted([*rows, obs], key=lambda o: o.year)):
                    o.position = i
            s.flush()
            audit.record(s, user_name=self.user.name, action="backfill" if backfill else "correct" if correction else "create",
                         object_type="observation", object_id=obs.id,
                         label=label, before=None, after=snapshot(obs, fields))
            outcome = "created"
        else:
            before = snapshot(obs, fields)
            if obs.value != value:
                obs.reported_rate = None  # a printed rate of the old value no longer holds
            obs.value, obs.text, obs.note, obs.sample_size, obs.margin_of_error = value, text, note, size, margin
            obs.status, obs.entered_by_id, obs.entered_at = status, self.user.id, now
            s.flush()
            audit.record(s, user_name=self.user.name,
                         action="backfill_replace" if backfill else "correct" if correction else "update",
                         object_type="observation", object_id=obs.id,
                         label=label, before=before, after=snapshot(obs, fields))
            outcome = "updated"
        touch_plan(s, self.plan.id)
        return self._info(ind, obs, outcome)

    def _info(self, ind: m.Indicator, obs: m.Observation, outcome: str) -> ActualInfo:
        entered_by = self.user.name if obs.entered_by_id == self.user.id else (
            self.session.scalar(select(m.User.name).where(m.User.id == obs.entered_by_id)) if obs.entered_by_id else None)
        return ActualInfo(
            indicator_id=ind.id, indicator=ind.name, node_id=ind.node_id, unit=ind.unit, year=obs.year,
            value=tidy_number(obs.value) if obs.value is not None else None, text=obs.text, note=obs.note, status=obs.status,
            entered_by=entered_by, entered_at=audit.as_utc(obs.entered_at) if obs.entered_at else None, outcome=outcome,
            sample_size=obs.sample_size, margin_of_error=obs.margin_of_error,
        )


def enter_actual(engine: Engine, *, user: UserInfo, plan: str | int, indicator: str | int, year: int | str,
                 value: float | int | str, text: str | None = None, note: str | None = None,
                 sample_size: Cell = None, margin_of_error: Cell = None) -> ActualInfo:
    """Enter (or correct) the actual of one indicator for one fiscal year, as a draft; a survey
    indicator's with its sample size or printed margin of error (neither given: those stored are kept).

    Raises NotFoundError (plan), ValidationFailed (indicator, year, value, cycle),
    PermissionDenied (not the user's department) or SheetLocked (the measure's sheet is approved).
    """
    require_some(user, Action.ENTER_ACTUAL)
    with transaction(engine) as session:
        entry = ActualEntry(session, repo.get_plan(session, ref=plan), user)
        ind = entry.indicator(indicator)
        entry.require_allowed(ind)
        fy = entry.year(ind, year)
        number = entry.number(ind, value)
        given = not (_blank(sample_size) and _blank(margin_of_error))
        sample = entry.sample(ind, sample_size, margin_of_error) if given else None
        if entry.locked(ind, fy):
            if not can(user, Action.CORRECT_APPROVED):
                raise entry.lock_error(ind, fy)
            return entry.write(ind, fy, number, text=text, note=note, correction=True, sample=sample)
        return entry.write(ind, fy, number, text=text, note=note, sample=sample)


def enter_actuals(engine: Engine, *, user: UserInfo, plan: str | int, year: int | str,
                  values: list[tuple[str | int, float | int | str]],
                  samples: dict[str | int, tuple[Cell, Cell]] | None = None) -> tuple[ActualInfo, ...]:
    """Enter several actuals of one year (a form with one field per indicator), all or none.
    ``samples``: by indicator reference as in ``values``, a survey indicator's (sample size, margin
    of error) as typed; an indicator not in it keeps the sample stored.

    Every value is checked first; any problem (ValidationFailed listing every one, or
    PermissionDenied / SheetLocked for the first indicator the user may not write) saves nothing.
    """
    require_some(user, Action.ENTER_ACTUAL)
    with transaction(engine) as session:
        entry = ActualEntry(session, repo.get_plan(session, ref=plan), user)
        pending: list[tuple[m.Indicator, int, float, bool, tuple[int | None, float | None] | None]] = []
        problems: list[str] = []
        by_field: list[tuple[str | int, ValidationFailed]] = []
        for ref, raw in values:
            try:
                ind = entry.indicator(ref)
                entry.require_allowed(ind)
                fy = entry.year(ind, year)
                number = entry.number(ind, raw)
                sample = entry.sample(ind, *samples[ref]) if samples and ref in samples else None
            except ValidationFailed as exc:
                problems.append(exc.message)
                by_field.append((ref, exc))
                continue
            locked = entry.locked(ind, fy)
            if locked and not can(user, Action.CORRECT_APPROVED):
                raise entry.lock_error(ind, fy)
            pending.append((ind, fy, number, locked, sample))
        if problems:
            failed = ValidationFailed("; ".join(problems) + "; nothing was saved", code="invalid_values", field="value")
            failed.problems = by_field  # type: ignore[attr-defined] - each value's own problem, for the form
            raise failed
        return tuple(entry.write(ind, fy, number, text=None, note=None, correction=locked, sample=sample)
                     for ind, fy, number, locked, sample in pending)


# --- files -----------------------------------------------------------------------------------

def _decode(content: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _csv_rows(content: bytes) -> Iterator[list[Cell]]:
    text = _decode(content)
    if text is None:
        raise ValueError("the file is neither UTF-8 nor Shift_JIS (CP932) text; save it as CSV UTF-8 or as .xlsx")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx_rows(content: bytes) -> list[list[Cell]]:
    """The first sheet's rows, read by the importer's Excel reader (a 58.9% cell reads 58.9)."""
    try:
        return sheet_values("upload.xlsx", content, max_rows=MAX_UPLOAD_ROWS + HEADER_SEARCH_ROWS + 1)
    except DocumentError as exc:
        raise ValueError(f"not a readable Excel (.xlsx) file: {exc.reason}") from None


def read_rows(content: bytes, filename: str) -> list[tuple[int, list[Cell]]]:
    """The rows of a CSV or XLSX file, numbered as the file numbers them (from 1).

    Raises ValueError with a message for a file that cannot be read.
    """
    if not content:
        raise ValueError("the file is empty")
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValueError(f"the file is {len(content)} bytes; the limit is {MAX_UPLOAD_BYTES}")
    name = filename.lower()
    if name.endswith(".xls") or content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValueError("old Excel (.xls) files are not read: save it as .xlsx or CSV")
    is_xlsx = name.endswith((".xlsx", ".xlsm")) or content[:4] == b"PK\x03\x04"
    rows = _xlsx_rows(content) if is_xlsx else _csv_rows(content)
    out = []
    for number, row in enumerate(rows, start=1):
        if number > MAX_UPLOAD_ROWS + HEADER_SEARCH_ROWS:
            raise ValueError(f"the file has more than {MAX_UPLOAD_ROWS} rows; split it")
        out.append((number, row))
    return out


def _header_key(cell: Cell) -> str | None:
    if not isinstance(cell, str):
        return None
    text = _fold(cell).replace(" ", "").casefold()
    return next((key for key, names in COLUMNS.items() if text in {n.casefold() for n in names}), None)


def find_header(rows: list[tuple[int, list[Cell]]]) -> tuple[int, dict[str, tuple[int, str]]]:
    """The header row's number and {column key: (index, header as written)}; raises UploadRejected."""
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        columns: dict[str, tuple[int, str]] = {}
        for i, cell in enumerate(cells):
            key = _header_key(cell)
            if key is not None and key not in columns:
                columns[key] = (i, _fold(str(cell)))
        if columns:
            missing = [k for k in REQUIRED if k not in columns]
            if missing:
                names = "; ".join(" / ".join(COLUMNS[k]) for k in missing)
                raise UploadRejected("", [RowError(number, None, f"missing column: {names}", "missing_column")])
            return number, columns
    first = rows[0][0] if rows else 1
    raise UploadRejected("", [RowError(first, None, "no header row: name the columns 指標, 年度 and 値 (or indicator, year, value)",
                                       "no_header")])


@dataclass(frozen=True)
class PendingActual:
    """A valid row of a file of actuals, not yet written: its row number in the file and its figures."""

    row: int
    indicator: m.Indicator
    year: int
    value: float
    note: str | None
    sample: tuple[int | None, float | None] | None = None  # None: the file has no sample columns


def read_upload(content: bytes, filename: str) -> tuple[list[tuple[int, list[Cell]]], int, dict[str, tuple[int, str]]]:
    """The numbered rows of a file of actuals, its header row's number and its columns; raises UploadRejected."""
    try:
        rows = read_rows(content, filename)
    except ValueError as exc:
        raise UploadRejected(filename, [RowError(0, None, str(exc), "unreadable_file")]) from None
    try:
        header, columns = find_header(rows)
    except UploadRejected as exc:
        raise UploadRejected(filename, exc.errors) from None
    return rows, header, columns


def check_upload(entry: ActualEntry, filename: str, rows: list[tuple[int, list[Cell]]], header: int,
                 columns: dict[str, tuple[int, str]]) -> tuple[list[PendingActual], list[int]]:
    """Every row below the header checked by ``entry``'s rules (and ``entry.row_problem``): the rows
    to write and the numbers of the rows skipped for an empty value. Any problem raises
    UploadRejected listing every one by row and column."""

    def cell(cells: list[Cell], key: str) -> Cell:
        if key not in columns:
            return None
        index = columns[key][0]
        return cells[index] if index < len(cells) else None

    errors: list[RowError] = []
    skipped: list[int] = []
    pending: list[PendingActual] = []
    seen: dict[tuple[int, int], int] = {}
    for number, cells in rows:
        if number <= header or all(_blank(c) for c in cells):
            continue
        if _blank(cell(cells, "value")):
            skipped.append(number)
            continue
        found: list[tuple[str, str, str]] = []  # (column key, message, code)
        ind = year = value = None
        note = None if _blank(cell(cells, "note")) else _shown(cell(cells, "note"))
        try:
            ind = entry.indicator(cell(cells, "indicator"))
        except ValidationFailed as exc:
            found.append(("indicator", exc.message, exc.code))
        try:
            year = entry.year(ind, cell(cells, "year"))
        except ValidationFailed as exc:
            found.append(("year", exc.message, exc.code))
        try:
            value = entry.number(ind, cell(cells, "value"))
        except ValidationFailed as exc:
            found.append(("value", exc.message, exc.code))
        sample = None
        if "sample_size" in columns or "margin_of_error" in columns:
            try:
                sample = entry.sample(ind, cell(cells, "sample_size"), cell(cells, "margin_of_error"))
            except ValidationFailed as exc:
                found.append((exc.field if exc.field in columns else next(k for k in SAMPLE_FIELDS if k in columns),
                              exc.message, exc.code))
        if ind is not None:
            if not entry.allowed(ind):
                found.append(("indicator", f"{entry.user.name} may not enter actuals of {ind.name}: not one of your departments",
                              "not_your_department"))
            elif year is not None:
                first = seen.setdefault((ind.id, year), number)
                if first != number:
                    found.append(("indicator", f"{ind.name}, FY{year} is also given in row {first}", "duplicate"))
                elif (problem := entry.row_problem(ind, year, value, note)) is not None:
                    found.append(("indicator", *problem))
        if not found and ind is not None and year is not None and value is not None:
            pending.append(PendingActual(number, ind, year, value, note, sample))
        found.sort(key=lambda f: columns[f[0]][0])  # in the file's column order
        errors += [RowError(number, columns[key][1], message, code) for key, message, code in found]
    if errors:
        raise UploadRejected(filename, errors)
    return pending, skipped


def upload_actuals(engine: Engine, *, user: UserInfo, plan: str | int, content: bytes, filename: str) -> UploadResult:
    """Enter the actuals of a CSV (UTF-8 with or without BOM, or CP932) or XLSX file.

    Every row is checked as ``enter_actual`` checks one value, and duplicates (the same
    indicator and year twice) are refused. A file with any problem raises UploadRejected with
    every problem by row and column, and nothing is saved; otherwise all rows are saved in one
    transaction. Rows whose value is empty are skipped (a template may list every indicator).
    """
    require_some(user, Action.ENTER_ACTUAL)
    rows, header, columns = read_upload(content, filename)
    with transaction(engine) as session:
        entry = ActualEntry(session, repo.get_plan(session, ref=plan), user)
        pending, skipped = check_upload(entry, filename, rows, header, columns)
        saved = tuple(entry.write(p.indicator, p.year, p.value, text=None, note=p.note, sample=p.sample) for p in pending)
    return UploadResult(filename=filename, rows=saved, skipped=tuple(skipped))
