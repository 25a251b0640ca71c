"""Shared set-up of the evaluation-cycle tests: the fictional city かえで市, its staff and a cycle.

かえで市's plan (keikaku/data/example) runs FY2021–2030 with baselines in FY2019 and actuals up
to FY2024; the cycle under test is FY2025, deadline 2026-06-30.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, select

from keikaku.services import accounts, cycle
from keikaku.services.accounts import UserInfo
from keikaku.services.plans import EXAMPLE_DIR, load_plan_file
from keikaku.storage import models as m
from keikaku.storage.database import transaction

PASSWORD = "correct horse battery staple"
PLAN_KEY = "990019:comprehensive-2"
YEAR = 2025
DEADLINE = date(2026, 6, 30)
WAITING = "保育所等待機児童数"  # m1, 人, 保育課 (m1: 子育て支援課, 保育課), baseline 24 (2019) → 0 (2025)
CHILDCARE_SHARE = "子育てしやすいまちだと感じる市民の割合"  # m1, %, 子育て支援課
RECYCLING = "資源化率"  # m10, %, ごみ対策課 (m10: ごみ対策課, 環境政策課)
WASTE = "1人1日当たりのごみ排出量"  # m10, g/人日, ごみ対策課
NURSERY_PROJECT = "認定こども園整備事業"  # m1, 保育課, 2025: 継続
FOOD_LOSS_PROJECT = "食品ロス削減推進事業"  # m10, ごみ対策課, 2025: 継続


def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters, so that tests creating many users stay fast."""
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def load_kaede(engine: Engine) -> int:
    return load_plan_file(engine, EXAMPLE_DIR / "kaede-comprehensive-plan.json").plan_id


@dataclass
class World:
    engine: Engine
    plan_id: int
    admin: UserInfo
    reviewer: UserInfo
    hoiku: UserInfo  # editor of 保育課
    gomi: UserInfo  # editor of ごみ対策課
    viewer: UserInfo
    cycle: cycle.CycleInfo | None = None


def make_world(engine: Engine, *, open_cycle: bool = True) -> World:
    plan_id = load_kaede(engine)

    def user(name: str, role: str, *departments: str) -> UserInfo:
        return accounts.create_user(engine, name=name, role=role, password=PASSWORD, departments=departments)

    world = World(engine, plan_id, user("kikaku", "admin"), user("shinsa", "reviewer"), user("hoiku", "editor", "保育課"),
                  user("gomi", "editor", "ごみ対策課"), user("etsuran", "viewer"))
    if open_cycle:
        world.cycle = cycle.open_cycle(engine, user=world.admin, plan=plan_id, year=YEAR, deadline=DEADLINE)
    return world


def node_id(engine: Engine, key: str) -> int:
    with transaction(engine) as s:
        return s.scalar(select(m.Node.id).where(m.Node.key == key))


def indicator_id(engine: Engine, name: str) -> int:
    with transaction(engine) as s:
        return s.scalar(select(m.Indicator.id).where(m.Indicator.name == name))


def project_id(engine: Engine, name: str) -> int:
    with transaction(engine) as s:
        return s.scalar(select(m.Project.id).where(m.Project.name == name))


def observation(engine: Engine, name: str, year: int) -> m.Observation | None:
    with transaction(engine) as s:
        return s.scalar(select(m.Observation).join(m.Indicator).where(m.Indicator.name == name, m.Observation.year == year))


def audit_count(engine: Engine) -> int:
    with transaction(engine) as s:
        return len(s.scalars(select(m.AuditEntry.id)).all())


def xlsx(rows: list[list[object]], *, percent_cells: tuple[tuple[int, int], ...] = ()) -> bytes:
    """An Excel file with ``rows`` on its first sheet; ``percent_cells`` (row, column, from 1) get a % format."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for r, c in percent_cells:
        sheet.cell(row=r, column=c).number_format = "0.0%"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
