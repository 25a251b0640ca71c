"""Who may do what in the yearly evaluation cycle: one table, read by ``can`` and ``require``.

Pure: no database. A user is anything with a ``role`` and the ``department_ids`` it belongs to
(``keikaku.services.accounts.UserInfo``); ``None`` is the anonymous public, who may do nothing.
The matrix is documented in docs/evaluation.md; tests/test_permissions.py checks every cell.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from typing import Protocol

from keikaku.domain.enums import Role
from keikaku.domain.errors import KeikakuError


class Action(StrEnum):
    VIEW_DRAFTS = "view_drafts"  # see unpublished actuals, sheets, the progress board
    OPEN_CYCLE = "open_cycle"  # open the yearly review of a plan
    ENTER_ACTUAL = "enter_actual"  # 実績値 of an indicator (one value, or a CSV/Excel upload)
    RECORD_PROGRESS = "record_progress"  # a project's stage and progress for the year
    EDIT_SHEET = "edit_sheet"  # write a measure's evaluation sheet (施策評価シート)
    SUBMIT_SHEET = "submit_sheet"  # hand the sheet in for review
    REVIEW_SHEET = "review_sheet"  # approve it (publishing its actuals) or return it
    VIEW_AUDIT = "view_audit"  # read the audit trail
    EXPORT = "export"  # download exports of the cycle
    MANAGE_USERS = "manage_users"  # create accounts
    CORRECT_APPROVED = "correct_approved"  # correct an actual whose sheet is approved (audited as a correction)
    EDIT_PLAN = "edit_plan"  # correct a stored plan: nodes, indicators, projects, departments, SDGs, links
    SEND_REMINDERS = "send_reminders"  # mail the departments' editors what is left to do (from the board)
    BACKFILL_ACTUALS = "backfill_actuals"  # store past years' actuals as published, outside any cycle (a city starting out)
    MANAGE_COMMENTS = "manage_comments"  # open a draft's comment period, sort and answer the opinions (パブリックコメント)


class Scope(StrEnum):
    ALL = "all"  # any object
    OWN_DEPARTMENTS = "own_departments"  # only objects whose departments meet the user's


PERMISSIONS: dict[Role, dict[Action, Scope]] = {
    Role.ADMIN: {action: Scope.ALL for action in Action},
    Role.REVIEWER: {
        Action.VIEW_DRAFTS: Scope.ALL,
        Action.REVIEW_SHEET: Scope.ALL,
        Action.VIEW_AUDIT: Scope.ALL,
        Action.EXPORT: Scope.ALL,
    },
    Role.EDITOR: {
        Action.VIEW_DRAFTS: Scope.ALL,
        Action.ENTER_ACTUAL: Scope.OWN_DEPARTMENTS,
        Action.RECORD_PROGRESS: Scope.OWN_DEPARTMENTS,
        Action.EDIT_SHEET: Scope.OWN_DEPARTMENTS,
        Action.SUBMIT_SHEET: Scope.OWN_DEPARTMENTS,
    },
    Role.VIEWER: {
        Action.VIEW_DRAFTS: Scope.ALL,
    },
}


class Actor(Protocol):
    @property
    def role(self) -> str: ...

    @property
    def department_ids(self) -> Collection[int]: ...


class PermissionDenied(KeikakuError):
    """The user (or the anonymous public) may not take this action on this object."""

    exit_code = 2
    http_status = 403

    def __init__(self, message: str, *, action: str, user: str | None):
        super().__init__(message)
        self.action = action
        self.user = user


def scope(user: Actor | None, action: Action | str) -> Scope | None:
    """How far the user's role reaches for ``action``: everything, own departments, or nothing (None)."""
    act = Action(action)  # ValueError for an action that does not exist: a programming error
    if user is None:
        return None
    try:
        role = Role(user.role)
    except ValueError:
        return None
    return PERMISSIONS[role].get(act)


def can(user: Actor | None, action: Action | str, *, department_ids: Collection[int] | None = None) -> bool:
    """Whether ``user`` may take ``action`` on an object owned by ``department_ids``.

    An action scoped to the user's own departments needs the object's departments: without them
    (None) or without a shared department the answer is no. To ask "may this editor enter actuals
    at all", pass the editor's own departments.
    """
    reach = scope(user, action)
    if reach is None:
        return False
    if reach is Scope.ALL:
        return True
    assert user is not None
    return department_ids is not None and not set(department_ids).isdisjoint(user.department_ids)


def require(user: Actor | None, action: Action | str, *, department_ids: Collection[int] | None = None,
            what: str | None = None) -> None:
    """``can`` or raise PermissionDenied; ``what`` names the object in the message."""
    if can(user, action, department_ids=department_ids):
        return
    act = Action(action)
    name = getattr(user, "name", None)
    target = f" on {what}" if what else ""
    if user is None:
        message = f"sign in to {act.value}{target}"
    elif scope(user, act) is Scope.OWN_DEPARTMENTS:
        message = f"{name} ({user.role}) may {act.value} only for their own departments, not{target or ' here'}"
    else:
        message = f"{name} ({user.role}) may not {act.value}{target}"
    raise PermissionDenied(message, action=act.value, user=name)
