"""Commands of the plan editor: ``node update|assign|add|move|delete`` and ``indicator update|delete``.

Thin wrappers over ``keikaku.services.plan_edit`` (and ``plan_edit_items``). As in the cycle
commands, ``--user NAME`` acts as that user (an admin) without a password. Each command is one
versioned edit: ``--expect-version`` (the plan's version as a script read it, printed by every
edit) makes it fail with a conflict when the plan changed since; without it the command edits
the plan as it is now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from keikaku.domain.errors import KeikakuError

node_app = typer.Typer(help="計画のノードの編集 / Edit the nodes of a stored plan.", no_args_is_help=True)
indicator_app = typer.Typer(help="指標の編集 / Edit the indicators of a stored plan.", no_args_is_help=True)

PlanArg = Annotated[str, typer.Argument(help="計画の ID またはキー / Plan id or key.", show_default=False)]
NodeArg = Annotated[str, typer.Argument(help="ノードのキーまたは番号 / Node key or printed number.", show_default=False)]
UserOpt = Annotated[str, typer.Option("--user", envvar="KEIKAKU_USER", help="操作する利用者 (admin) / Acting user (an admin).", show_default=False)]
VersionOpt = Annotated[str | None, typer.Option("--expect-version", help="読んだときの計画の版 / The plan version you read.")]


def _run(user: str, plan: str, expect_version: str | None, what: str, call: Callable[..., Any], **kwargs: Any) -> None:
    from keikaku.cli.main import open_database, out
    from keikaku.cli.messages import t
    from keikaku.services import accounts, plan_edit

    engine = open_database()
    acting = accounts.get_user(engine, user)
    version = expect_version or plan_edit.plan_version(engine, plan)
    result = call(engine, user=acting, plan=plan, version=version, **kwargs)
    out().print(t("plan_edited", what=what, version=result.version), highlight=False)


def _keep(value: Any) -> Any:
    from keikaku.services.plan_edit import KEEP

    return KEEP if value is None else value


def node_update(
    plan: PlanArg, node: NodeArg, user: UserOpt,
    title: Annotated[str | None, typer.Option("--title", help="名称 / Title.")] = None,
    number: Annotated[str | None, typer.Option("--number", help="番号 (空で消す) / Printed number ('' clears it).")] = None,
    level: Annotated[str | None, typer.Option("--level", help="階層の名 (施策, 基本施策 …) / Level word.")] = None,
    department: Annotated[list[str] | None, typer.Option("--department", "-d", help="所管課 (繰り返し可、全体を置き換え) / Department (repeatable; replaces them).")] = None,
    clear_departments: Annotated[bool, typer.Option("--clear-departments", help="所管課をすべて外す / Remove every department.")] = False,
    sdg: Annotated[list[str] | None, typer.Option("--sdg", help="SDGs の目標番号 (繰り返し可、全体を置き換え) / SDG goal (repeatable; replaces them).")] = None,
    clear_sdgs: Annotated[bool, typer.Option("--clear-sdgs", help="SDGs の関連をすべて外す / Remove every SDG link.")] = False,
    expect_version: VersionOpt = None,
) -> None:
    """ノードを修正 / Change a node's title, number, level, departments or SDG goals."""
    from keikaku.cli.messages import t
    from keikaku.services import plan_edit

    departments = [] if clear_departments else department
    sdgs = [] if clear_sdgs else sdg
    if all(v is None for v in (title, number, level, departments, sdgs)):
        raise KeikakuError(t("plan_edit_nothing"))
    _run(user, plan, expect_version, node, plan_edit.update_node, node=node, title=_keep(title), number=_keep(number),
         level=_keep(level), departments=_keep(departments), sdgs=_keep(sdgs))


def node_assign(
    plan: PlanArg,
    nodes: Annotated[list[str], typer.Argument(help="ノードのキーまたは番号 (複数) / Nodes.", show_default=False)],
    user: UserOpt,
    department: Annotated[list[str], typer.Option("--department", "-d", help="所管課 (繰り返し可) / Department (repeatable).", show_default=False)],
    replace: Annotated[bool, typer.Option("--replace", help="既存の所管課を置き換える / Replace the nodes' departments.")] = False,
    expect_version: VersionOpt = None,
) -> None:
    """複数のノードに所管課を一括で設定 / Assign departments to several nodes at once."""
    from keikaku.services import plan_edit

    _run(user, plan, expect_version, ", ".join(nodes), plan_edit.assign_departments, nodes=nodes, departments=department,
         replace=replace)


def node_add(
    plan: PlanArg, user: UserOpt,
    level: Annotated[str, typer.Option("--level", help="階層の名 / Level word.", show_default=False)],
    title: Annotated[str, typer.Option("--title", help="名称 / Title.", show_default=False)],
    parent: Annotated[str | None, typer.Option("--parent", help="親ノード (省略で最上位) / Parent node (top level if omitted).")] = None,
    number: Annotated[str | None, typer.Option("--number", help="番号 / Printed number.")] = None,
    index: Annotated[int | None, typer.Option("--index", help="兄弟の中の位置 (0 から、省略で末尾) / Place among siblings.")] = None,
    department: Annotated[list[str] | None, typer.Option("--department", "-d", help="所管課 / Department.")] = None,
    expect_version: VersionOpt = None,
) -> None:
    """ノードを追加 / Add a node."""
    from keikaku.services import plan_edit

    _run(user, plan, expect_version, title, plan_edit.add_node, parent=parent, level=level, title=title, number=number,
         index=index, departments=department or [])


def node_move(
    plan: PlanArg, node: NodeArg, user: UserOpt,
    parent: Annotated[str | None, typer.Option("--parent", help="新しい親ノード (省略で最上位) / New parent (top level if omitted).")] = None,
    index: Annotated[int | None, typer.Option("--index", help="兄弟の中の位置 (0 から、省略で末尾) / Place among siblings.")] = None,
    expect_version: VersionOpt = None,
) -> None:
    """ノードを移動 / Move a node (with everything under it)."""
    from keikaku.services import plan_edit

    _run(user, plan, expect_version, node, plan_edit.move_node, node=node, parent=parent, index=index)


def node_delete(
    plan: PlanArg, node: NodeArg, user: UserOpt,
    confirm: Annotated[bool, typer.Option("--confirm", help="実績値・評価シートがあっても削除する / Delete even with actuals or sheets.")] = False,
    expect_version: VersionOpt = None,
) -> None:
    """ノードを削除 / Delete a node with everything under it."""
    from keikaku.services import plan_edit

    _run(user, plan, expect_version, node, plan_edit.delete_node, node=node, confirm=confirm)


def indicator_update(
    plan: PlanArg,
    name: Annotated[str, typer.Argument(help="指標名 / Indicator name.", show_default=False)],
    user: UserOpt,
    new_name: Annotated[str | None, typer.Option("--name", help="新しい指標名 / New name.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="単位 / Unit.")] = None,
    direction: Annotated[str | None, typer.Option("--direction", help="increase, decrease, maintain, qualitative")] = None,
    baseline: Annotated[str | None, typer.Option("--baseline", help="現状値 (空で消す) / Baseline value.")] = None,
    baseline_year: Annotated[str | None, typer.Option("--baseline-year", help="現状値の年度 / Baseline fiscal year.")] = None,
    target: Annotated[str | None, typer.Option("--target", help="目標値 (空で消す) / Target value.")] = None,
    target_year: Annotated[str | None, typer.Option("--target-year", help="目標年度 / Target fiscal year.")] = None,
    interim: Annotated[list[str] | None, typer.Option("--interim", help="中間目標 YEAR=VALUE (繰り返し可、全体を置き換え) / Interim target.")] = None,
    expect_version: VersionOpt = None,
) -> None:
    """指標を修正 / Change an indicator's name, unit, direction, baseline, target or interim targets."""
    from keikaku.cli.messages import t
    from keikaku.services import plan_edit_items

    pairs = None
    if interim is not None:
        pairs = []
        for item in interim:
            y, sep, v = item.partition("=")
            if not sep:
                raise typer.BadParameter(f"YEAR=VALUE, not {item!r}", param_hint="--interim")
            pairs.append((y, v))
    given = (new_name, unit, direction, baseline, baseline_year, target, target_year, pairs)
    if all(v is None for v in given):
        raise KeikakuError(t("plan_edit_nothing"))
    _run(user, plan, expect_version, name, plan_edit_items.update_indicator, indicator=name, name=_keep(new_name),
         unit=_keep(unit), direction=_keep(direction), baseline_value=_keep(baseline), baseline_year=_keep(baseline_year),
         target_value=_keep(target), target_year=_keep(target_year), interim_targets=_keep(pairs))


def indicator_delete(
    plan: PlanArg,
    name: Annotated[str, typer.Argument(help="指標名 / Indicator name.", show_default=False)],
    user: UserOpt,
    confirm: Annotated[bool, typer.Option("--confirm", help="実績値があっても削除する / Delete even with actuals.")] = False,
    expect_version: VersionOpt = None,
) -> None:
    """指標を削除 / Delete an indicator."""
    from keikaku.services import plan_edit_items

    _run(user, plan, expect_version, name, plan_edit_items.delete_indicator, indicator=name, confirm=confirm)


def register(app: typer.Typer, handle_errors: Callable[[Any], Any]) -> None:
    """Add ``node …`` and ``indicator …`` to the ``keikaku`` app (with its error handling)."""
    for name, func in (("update", node_update), ("assign", node_assign), ("add", node_add), ("move", node_move),
                       ("delete", node_delete)):
        node_app.command(name)(handle_errors(func))
    indicator_app.command("update")(handle_errors(indicator_update))
    indicator_app.command("delete")(handle_errors(indicator_delete))
    app.add_typer(node_app, name="node")
    app.add_typer(indicator_app, name="indicator")
