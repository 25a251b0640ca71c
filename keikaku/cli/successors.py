"""``keikaku successors OLD NEW``: the successor map between a plan and its next generation.

A thin wrapper over ``keikaku.services.successors``. ``--accept`` stores, for each old measure
with no accepted successor yet, its best suggestion scoring above the threshold (0.40, see
keikaku/domain/successors.py) that staff have not rejected: a decision and a successor_of link.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer

from keikaku.cli.messages import MESSAGES

MESSAGES.update({
    "successors_accepted": ("後継の候補を採用しました: {count}件 (しきい値 {threshold})",
                            "successor suggestions accepted: {count} (threshold {threshold})"),
    "col_old_measure": ("旧施策", "old measure"),
    "col_new_measure": ("新施策", "new measure"),
    "col_score": ("スコア", "score"),
    "col_reasons": ("理由", "reasons"),
    "col_decision": ("判断", "decision"),
    "decision_accepted": ("採用", "accepted"),
    "decision_rejected": ("却下", "rejected"),
})


class SuccessorFormat(StrEnum):
    table = "table"
    json = "json"


def successors(
    plan_old: Annotated[str, typer.Argument(help="前の世代の計画 (ID またはキー) / The earlier plan (id or key).", show_default=False)],
    plan_new: Annotated[str, typer.Argument(help="次の世代の計画 (ID またはキー) / The next generation (id or key).", show_default=False)],
    format: Annotated[SuccessorFormat, typer.Option("--format", "-f", help="table または json / Output format.")] = SuccessorFormat.table,  # noqa: A002
    accept: Annotated[bool, typer.Option("--accept", help="しきい値を超える最良の候補を採用 / Accept the best suggestion of each old measure above the threshold.")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, max=50, help="旧施策ごとの候補数 / Suggestions per old measure.")] = 3,
    user: Annotated[str | None, typer.Option("--user", envvar="KEIKAKU_USER", help="操作する利用者 (admin, 変更履歴に記録) / Acting user (an admin), recorded in the audit trail.")] = None,
) -> None:
    """後継施策の対応表 / Suggest which measures of the next plan continue each measure of the earlier one.

    Each old measure is listed with its best new measures (text similarity of titles and
    sections, shared indicators, same department), best first, with the reasons.
    """
    from keikaku.cli.main import open_database, out, print_json
    from keikaku.cli.messages import t
    from keikaku.domain.successors import ACCEPT_THRESHOLD
    from keikaku.services import accounts
    from keikaku.services import successors as service

    engine = open_database()
    actor: Any = accounts.get_user(engine, user) if user else None
    if accept:
        result, accepted = service.accept_best(engine, plan_old, plan_new, user=actor, limit=limit)
    else:
        result, accepted = service.successor_map(engine, plan_old, plan_new, limit=limit), None
    if format is SuccessorFormat.json:
        data = result.to_json()
        if accepted is not None:
            data["accepted"] = [{"old": p.old.to_json(), "new": p.new.to_json(), "score": p.score} for p in accepted]
        print_json(data)
        return
    from rich.table import Table

    table = Table()
    for key in ("col_old_measure", "col_new_measure", "col_score", "col_reasons", "col_decision"):
        table.add_column(t(key))
    for row in result.rows:
        for i, c in enumerate(row.candidates):
            table.add_row(row.old.label if i == 0 else "", c.new.label, f"{c.score:.3f}", ", ".join(c.reasons),
                          t(f"decision_{c.decision}") if c.decision else "")
        if not row.candidates:
            table.add_row(row.old.label, "—", "", "", "")
    out().print(table)
    if accepted is not None:
        out().print(t("successors_accepted", count=len(accepted), threshold=ACCEPT_THRESHOLD), highlight=False)


def register(app: typer.Typer, handle_errors: Callable[[Any], Any]) -> None:
    """Add ``successors`` to the ``keikaku`` app (with its error handling)."""
    app.command("successors")(handle_errors(successors))
