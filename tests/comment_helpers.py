"""Shared set-up of the tests of opinions on a draft: かえで市's plan stored as a draft (素案) and
as its adopted final revision, and an admin."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import Engine, select

from keikaku.domain.planfile import parse_plan_document
from keikaku.services import accounts
from keikaku.services.accounts import UserInfo
from keikaku.services.plans import EXAMPLE_DIR, load_plan
from keikaku.storage import models as m
from keikaku.storage.database import transaction

PASSWORD = "correct horse battery staple"
DRAFT_KEY = "990019:comprehensive-2-draft"
FINAL_TITLE = "かえで市第2次総合計画（架空の例）"
DRAFT_TITLE = "かえで市第2次総合計画 素案（架空の例）"


@dataclass
class Drafts:
    draft: int
    final: int
    admin: UserInfo


def draft_doc():  # noqa: ANN201
    data = json.loads((EXAMPLE_DIR / "kaede-comprehensive-plan.json").read_text(encoding="utf-8"))
    data.update(key=DRAFT_KEY, status="draft", status_label="素案", title=DRAFT_TITLE)
    return parse_plan_document(data)


def store_drafts(engine: Engine, *, admin_name: str = "kikaku") -> Drafts:
    final = load_plan(engine, parse_plan_document(json.loads((EXAMPLE_DIR / "kaede-comprehensive-plan.json").read_text(encoding="utf-8"))))
    draft = load_plan(engine, draft_doc())
    admin = accounts.create_user(engine, name=admin_name, role="admin", password=PASSWORD)
    return Drafts(draft.plan_id, final.plan_id, admin)


def node_of(engine: Engine, plan_id: int, key: str) -> int:
    with transaction(engine) as s:
        return s.scalar(select(m.Node.id).where(m.Node.plan_id == plan_id, m.Node.key == key))
