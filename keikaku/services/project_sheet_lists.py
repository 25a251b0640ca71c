"""Where staff find the project evaluation sheets (事務事業評価シート) without typing an address:

- ``cycle_project_sheets``: on the cycle's board, every project of the plan with its measure, its
  department, the state of its sheet in the cycle and whether the reader may edit it now, and the
  cycle's viewpoint scale;
- ``project_sheets_to_review``: on the staff home page of a reviewer, the sheets of every cycle
  that are submitted and wait for a decision, the earliest handed in first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from keikaku.domain.permissions import Action, can
from keikaku.domain.project_evaluation import viewpoint_grades
from keikaku.services import audit, sheet_flow
from keikaku.services.accounts import UserInfo
from keikaku.services.cycle_common import Ownership, label_of, load_cycle
from keikaku.services.project_sheets import staff_url
from keikaku.storage.cycle_store import department_names_by_id
from keikaku.storage.database import transaction
from keikaku.storage.project_sheet_store import plan_projects_in_order, project_sheets_of, submitted_project_sheets


@dataclass(frozen=True)
class ProjectSheetLine:
    """A project of the plan on the cycle's board: its sheet's state and its address."""

    project_id: int
    name: str
    node_id: int
    node_label: str
    department: str | None
    status: str
    editable: bool  # the reader may write the sheet now
    url: str

    def to_json(self) -> dict[str, object]:
        return {"project_id": self.project_id, "name": self.name, "node_id": self.node_id, "node_label": self.node_label,
                "department": self.department, "status": self.status, "editable": self.editable, "url": self.url}


@dataclass(frozen=True)
class CycleProjectSheets:
    """The project sheets of a cycle (plan order) and its viewpoint scale, best first."""

    cycle_id: int
    grades: tuple[str, ...]
    lines: tuple[ProjectSheetLine, ...]

    @property
    def mine(self) -> tuple[ProjectSheetLine, ...]:
        return tuple(line for line in self.lines if line.editable)

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)


def cycle_project_sheets(engine: Engine, *, cycle_id: int, user: UserInfo | None) -> CycleProjectSheets:
    """Every project of the cycle's plan with the state of its sheet. Like the board itself it
    checks no permission: the caller shows it to staff who may view drafts."""
    with transaction(engine) as session:
        cycle = load_cycle(session, cycle_id)
        rows = plan_projects_in_order(session, cycle.plan_id)
        sheets = project_sheets_of(session, cycle.id, [p.id for p, _ in rows])
        names = department_names_by_id(session, [p.department_id for p, _ in rows])
        ownership: Ownership | None = None
        lines = []
        for project, node in rows:
            status = sheet_flow.status_of(sheets.get(project.id))
            if project.department_id is not None:  # as project_sheets.owners_of, with the plan's outline read once
                owners = frozenset({project.department_id})
            else:
                ownership = ownership or Ownership(session, cycle.plan_id)
                owners = ownership.node(project.node_id)
            editable = cycle.status == "open" and status in sheet_flow.EDITABLE and can(
                user, Action.EDIT_SHEET, department_ids=owners)
            lines.append(ProjectSheetLine(
                project_id=project.id, name=project.name, node_id=node.id, node_label=label_of(node),
                department=names.get(project.department_id) if project.department_id is not None else None,
                status=status, editable=editable, url=staff_url(cycle.id, project.id)))
        return CycleProjectSheets(cycle.id, viewpoint_grades(cycle.viewpoint_grades), tuple(lines))


@dataclass(frozen=True)
class SheetToReview:
    """A submitted project sheet waiting for a reviewer."""

    cycle_id: int
    year: int
    plan_title: str
    project_id: int
    name: str
    department: str | None
    submitted_at: datetime | None
    url: str


def project_sheets_to_review(engine: Engine, *, user: UserInfo | None) -> list[SheetToReview]:
    """The submitted project sheets of every cycle, for a user who may review them (else none)."""
    if not can(user, Action.REVIEW_SHEET):
        return []
    with transaction(engine) as session:
        waiting = submitted_project_sheets(session)
        names = department_names_by_id(session, [w.department_id for w in waiting])
        return [SheetToReview(
            cycle_id=w.cycle_id, year=w.year, plan_title=w.plan_title, project_id=w.project_id, name=w.project,
            department=names.get(w.department_id) if w.department_id is not None else None,
            submitted_at=audit.as_utc(w.submitted_at) if w.submitted_at else None,
            url=staff_url(w.cycle_id, w.project_id)) for w in waiting]
