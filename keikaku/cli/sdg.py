"""``keikaku sdg``: SDG goals suggested for a plan's nodes without SDG links, and staff's decisions on them.

Thin wrappers over ``keikaku.services.sdg``. The local shell is trusted (as for ``cycle open``):
``--user NAME`` names an admin account; without it the decision is recorded under the name of
the system user running the command.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer

sdg_app = typer.Typer(help="SDGs の候補 / SDG goals suggested for nodes without SDG links.", no_args_is_help=True)


class SuggestFormat(StrEnum):
    table = "table"
    json = "json"


PLAN_HELP = "計画の ID またはキー / Plan id or key."
NODE_HELP = "ノードのキー・番号・「施策 1」/ Node key, unique printed number, or level and number (施策1)."
GOAL_HELP = "ゴール (13) またはターゲット (13.2) / Goal (13) or target (13.2)."
USER_HELP = "操作する利用者 (admin) / Acting user (an admin)."


def suggest_command(
    plan: Annotated[str, typer.Argument(help=PLAN_HELP, show_default=False)],
    format: Annotated[SuggestFormat, typer.Option("--format", "-f", help="table または json / Output format.")] = SuggestFormat.table,
    every_node: Annotated[bool, typer.Option("--all", help="SDG のあるノードも含めすべて (測定用) / Every node, decisions ignored (for measuring).")] = False,
) -> None:
    """SDGs の候補を表示 / Suggest SDG goals for the plan's nodes without SDG links.

    --format json prints {"plan": {"id", "title"}, "suggestions": [{"node": {"id", "key",
    "level", "number", "title"}, "goal", "target", "score", "words"}]}. Goals already linked,
    accepted or rejected are not suggested again. The method is in docs/sdg.md.
    """
    from rich.table import Table

    from keikaku.cli.main import open_database, out, print_json
    from keikaku.cli.messages import t
    from keikaku.domain.sdg import SDG_BY_NUMBER
    from keikaku.services import sdg

    found = sdg.plan_suggestions(open_database(), plan, every_node=every_node)
    if format is SuggestFormat.json:
        print_json(found.to_json())
        return
    rows = [(n, s) for n in found.nodes for s in n.suggestions]
    if not rows:
        out().print(t("sdg_none"), highlight=False)
        return
    table = Table()
    for key in ("sdg_col_node", "sdg_col_goal", "sdg_col_score", "sdg_col_words"):
        table.add_column(t(key), overflow="fold")
    for n, s in rows:
        goal = f"{s.goal} {SDG_BY_NUMBER[s.goal].name_ja}" + (f" ({s.target})" if s.target else "")
        table.add_row(n.label, goal, f"{s.score:g}", "、".join(s.words))
    out().print(table)


def _decide(decision: str, plan: str, node: str, goal: str, user: str | None) -> None:
    from keikaku.cli.main import open_database, out
    from keikaku.cli.messages import t
    from keikaku.services import accounts, sdg

    engine = open_database()
    who = accounts.get_user(engine, user) if user else None
    done = sdg.decide(engine, plan=plan, node=node, suggested=goal, decision=decision, user=who,
                      user_name=None if who else f"cli:{getpass.getuser()}")
    out().print(t(f"sdg_{decision}", node=done.node_label, goal=done.suggested), highlight=False)


def accept_command(
    plan: Annotated[str, typer.Argument(help=PLAN_HELP, show_default=False)],
    node: Annotated[str, typer.Argument(help=NODE_HELP, show_default=False)],
    goal: Annotated[str, typer.Argument(help=GOAL_HELP, show_default=False)],
    user: Annotated[str | None, typer.Option("--user", envvar="KEIKAKU_USER", help=USER_HELP)] = None,
) -> None:
    """候補を採用し SDG を関連づける / Accept a suggestion: the node is linked to the goal (audited)."""
    _decide("accepted", plan, node, goal, user)


def reject_command(
    plan: Annotated[str, typer.Argument(help=PLAN_HELP, show_default=False)],
    node: Annotated[str, typer.Argument(help=NODE_HELP, show_default=False)],
    goal: Annotated[str, typer.Argument(help=GOAL_HELP, show_default=False)],
    user: Annotated[str | None, typer.Option("--user", envvar="KEIKAKU_USER", help=USER_HELP)] = None,
) -> None:
    """候補を不採用にする / Reject a suggestion: it is not suggested again (audited)."""
    _decide("rejected", plan, node, goal, user)


def register(app: typer.Typer, handle_errors: Callable[[Any], Any]) -> None:
    sdg_app.command("suggest")(handle_errors(suggest_command))
    sdg_app.command("accept")(handle_errors(accept_command))
    sdg_app.command("reject")(handle_errors(reject_command))
    app.add_typer(sdg_app, name="sdg")
