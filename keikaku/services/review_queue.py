"""What waits for a reviewer on the staff home page: every submitted measure evaluation sheet
(施策評価シート, plan-wide sheets included) of every cycle, the earliest handed in first. The project
evaluation sheets waiting beside them come from ``keikaku.services.project_sheet_lists``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from keikaku.domain.permissions import Action, can
from keikaku.services import audit
from keikaku.services.accounts import UserInfo
from keikaku.services.cycle_common import PLAN_WIDE_LABEL
from keikaku.storage.cycle_store import submitted_sheets
from keikaku.storage.database import transaction


@dataclass(frozen=True)
class MeasureSheetToReview:
    """A submitted measure sheet: its cycle, its measure (or the plan-wide sheet) and its address."""

    cycle_id: int
    year: int
    plan_title: str
    node_id: int | None
    label: str
    submitted_at: datetime | None
    url: str

    def to_json(self) -> dict[str, object]:
        return {"cycle_id": self.cycle_id, "year": self.year, "plan_title": self.plan_title, "node_id": self.node_id,
                "label": self.label, "submitted_at": self.submitted_at.isoformat() if self.submitted_at else None,
                "url": self.url}


def measure_sheets_to_review(engine: Engine, *, user: UserInfo | None) -> list[MeasureSheetToReview]:
    """The submitted measure sheets of every cycle, for a user who may review them (else none)."""
    if not can(user, Action.REVIEW_SHEET):
        return []
    with transaction(engine) as session:
        waiting = submitted_sheets(session)
    out = []
    for w in waiting:
        label = " ".join(filter(None, [w.level, w.number, w.title])) if w.node_id is not None else PLAN_WIDE_LABEL
        where = f"/nodes/{w.node_id}" if w.node_id is not None else "/plan"
        out.append(MeasureSheetToReview(
            cycle_id=w.cycle_id, year=w.year, plan_title=w.plan_title, node_id=w.node_id, label=label,
            submitted_at=audit.as_utc(w.submitted_at) if w.submitted_at else None,
            url=f"/staff/cycles/{w.cycle_id}{where}"))
    return out
