"""The permission matrix, cell by cell: every role (and the anonymous public) × every action."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from keikaku.domain.enums import Role
from keikaku.domain.permissions import PERMISSIONS, Action, PermissionDenied, Scope, can, require

DOC = Path(__file__).resolve().parent.parent / "docs" / "evaluation.md"

# The matrix as docs/evaluation.md states it; "own" = only objects of the editor's departments.
EXPECTED = """
action           admin  reviewer  editor  viewer  anonymous
view_drafts      all    all       all     all     -
open_cycle       all    -         -       -       -
enter_actual     all    -         own     -       -
record_progress  all    -         own     -       -
edit_sheet       all    -         own     -       -
submit_sheet     all    -         own     -       -
review_sheet     all    all       -       -       -
view_audit       all    all       -       -       -
export           all    all       -       -       -
manage_users     all    -         -       -       -
correct_approved all    -         -       -       -
edit_plan        all    -         -       -       -
send_reminders   all    -         -       -       -
backfill_actuals all    -         -       -       -
manage_comments  all    -         -       -       -
"""


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    department_ids: frozenset[int]


MINE, OTHER = 7, 8
PEOPLE = {
    "admin": Person("kikaku", "admin", frozenset()),
    "reviewer": Person("shinsa", "reviewer", frozenset()),
    "editor": Person("hoiku", "editor", frozenset({MINE})),
    "viewer": Person("etsuran", "viewer", frozenset()),
    "anonymous": None,
}


def expected_cells() -> list[tuple[str, str, str]]:
    lines = [line.split() for line in EXPECTED.strip().splitlines()]
    roles = lines[0][1:]
    return [(row[0], role, cell) for row in lines[1:] for role, cell in zip(roles, row[1:])]


def test_the_expected_table_covers_every_action_and_role() -> None:
    cells = expected_cells()
    assert sorted({a for a, _, _ in cells}) == sorted(a.value for a in Action)
    assert sorted({r for _, r, _ in cells}) == sorted([*(r.value for r in Role), "anonymous"])
    assert len(cells) == len(Action) * (len(Role) + 1) == 75


@pytest.mark.parametrize(("action", "role", "cell"), expected_cells())
def test_matrix_cell(action: str, role: str, cell: str) -> None:
    user = PEOPLE[role]
    if cell == "all":
        assert can(user, action) is True
        assert can(user, action, department_ids=set()) is True
        assert can(user, action, department_ids={OTHER}) is True
        require(user, action, department_ids={OTHER})
    elif cell == "own":
        assert can(user, action, department_ids={MINE}) is True
        assert can(user, action, department_ids={OTHER, MINE}) is True
        assert can(user, action, department_ids={OTHER}) is False
        assert can(user, action, department_ids=set()) is False
        assert can(user, action) is False  # no object: refused
        with pytest.raises(PermissionDenied):
            require(user, action, department_ids={OTHER})
    else:
        assert cell == "-"
        for depts in (None, set(), {MINE}, {OTHER}):
            assert can(user, action, department_ids=depts) is False
        with pytest.raises(PermissionDenied) as info:
            require(user, action, department_ids={MINE})
        assert info.value.exit_code == 2 and info.value.http_status == 403 and info.value.action == action


def test_the_table_in_code_is_the_expected_one() -> None:
    table = {
        (a.value, r.value): PERMISSIONS[r].get(a) for r in Role for a in Action
    }
    want = {(a, r): {"all": Scope.ALL, "own": Scope.OWN_DEPARTMENTS, "-": None}[c] for a, r, c in expected_cells() if r != "anonymous"}
    assert table == want


def test_the_documented_matrix_is_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| (\S+) \| (\S+) \| (\S+) \| (\S+) \| (\S+) \|$", text, flags=re.M)
    documented = {(a, role): cell for a, *cells in rows for role, cell in zip(("admin", "reviewer", "editor", "viewer", "anonymous"), cells)}
    assert documented == {(a, r): c.replace("-", "—") for a, r, c in expected_cells()}


def test_messages_say_who_and_what() -> None:
    with pytest.raises(PermissionDenied, match=r"^hoiku \(editor\) may enter_actual only for their own departments, not on indicator 資源化率$"):
        require(PEOPLE["editor"], "enter_actual", department_ids={OTHER}, what="indicator 資源化率")
    with pytest.raises(PermissionDenied, match=r"^shinsa \(reviewer\) may not open_cycle$"):
        require(PEOPLE["reviewer"], Action.OPEN_CYCLE)
    with pytest.raises(PermissionDenied, match=r"^sign in to view_drafts$"):
        require(None, Action.VIEW_DRAFTS)


def test_an_unknown_role_may_do_nothing_and_an_unknown_action_is_a_bug() -> None:
    stranger = Person("x", "superuser", frozenset({MINE}))
    assert not any(can(stranger, a, department_ids={MINE}) for a in Action)
    with pytest.raises(ValueError):
        can(PEOPLE["admin"], "fly")
