"""Commands of the evaluation sheets and API tokens: ``sheet show|edit|submit|approve|return``,
``cycle list|close`` and ``token create|list|revoke``.

Thin wrappers over ``keikaku.services.cycle`` and ``keikaku.services.api_tokens``, with the same
permission checks as the staff pages. The local shell is trusted (as for ``cycle open``):
``--user NAME`` acts as that user without a password. A sheet is named by its plan, fiscal year
and the measure's printed number (``--node 8`` for 施策 8; the node's key works too), or
``--node plan`` for the plan-wide sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from keikaku.cli.sheet_common import (FORMAT, NONE, PLAN, USER, VERSION, YEAR, CommandFailed, Format, acting_cycle, done,
                                      print_sheet)
from keikaku.cli.sheet_common import translating as _translating  # also the name other command modules import
from keikaku.domain.errors import NotFoundError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from keikaku.services.accounts import UserInfo
    from keikaku.services.cycle import SheetView

sheet_app = typer.Typer(help="施策評価シート / Evaluation sheets of a cycle.", no_args_is_help=True)
token_app = typer.Typer(help="API トークン / Tokens for the JSON API.", no_args_is_help=True)

NODE = Annotated[str, typer.Option("--node", help="施策の番号 (施策 8 → 8)、キー、または plan (計画全体の指標) / The measure's printed number or key, or plan (the plan-wide sheet).",
                                   show_default=False)]


def _target(plan: str, year: int, node: str, user: str) -> tuple[Engine, UserInfo, int, int | None]:
    """The engine, the acting user, the cycle's id and the measure's id (None for ``--node plan``)."""
    from keikaku.cli.messages import t
    from keikaku.services import cycle

    engine, acting, found = acting_cycle(plan, year, user)
    try:
        node_id = cycle.find_measure(engine, cycle_id=found.id, ref=node)
    except NotFoundError:
        raise CommandFailed(t("unknown_node", node=node, plan=found.plan_title, year=year), 1) from None
    return engine, acting, found.id, node_id


def _done(key: str, view: SheetView) -> None:
    done(key, view.node_label, view)


def _current(engine: Engine, acting: UserInfo, cycle_id: int, node_id: int | None, version: int | None) -> tuple[SheetView, int]:
    from keikaku.services import cycle

    view = cycle.sheet(engine, user=acting, cycle_id=cycle_id, node_id=node_id)
    return view, view.version if version is None else version


@_translating
def sheet_show(plan: PLAN, year: YEAR, node: NODE, user: USER, format: FORMAT = Format.table) -> None:  # noqa: A002
    """評価シートを表示 / Show a measure's evaluation sheet with its indicators and projects.

    --format json prints the sheet as the API gives it: {cycle, node, sheet, indicators,
    projects, rollup, grades, next_directions, allowed_actions}.
    """
    from keikaku.cli.messages import t
    from keikaku.services import cycle

    engine, acting, cycle_id, node_id = _target(plan, year, node, user)
    view = cycle.sheet(engine, user=acting, cycle_id=cycle_id, node_id=node_id)
    details = [f"{t('indicators')}:"]
    for ind in view.indicators:
        value = NONE if ind.value is None else f"{ind.value}{ind.unit or ''}"
        draft = f" ({t('draft')})" if ind.draft else ""
        details.append(f"  {ind.name}: {value}{draft} {ind.grade or NONE}")
    details.append(f"{t('projects')}:")
    for p in view.projects:
        details.append(f"  {p.name}: {p.planned_stage or NONE} → {p.stage or NONE} {p.progress or ''}".rstrip())
    print_sheet(view, format, title=t("sheet_title", node=view.node_label, year=view.year, cycle=view.cycle_id),
                about=[f"{t('departments')}: {'、'.join(view.departments) or NONE}"],
                written=[f"{t('sheet_grade')}: {view.self_grade or NONE}", f"{t('sheet_reasons')}: {view.reasons or NONE}",
                         f"{t('sheet_issues')}: {view.issues or NONE}",
                         f"{t('sheet_direction')}: {view.next_direction or NONE}"],
                details=details)


@_translating
def sheet_edit(
    plan: PLAN, year: YEAR, node: NODE, user: USER,
    grade: Annotated[str | None, typer.Option("--grade", help="自己評価 (A, B …) / Self grade.")] = None,
    reasons: Annotated[str | None, typer.Option("--reasons", help="評価の理由 / Reasons.")] = None,
    issues: Annotated[str | None, typer.Option("--issues", help="課題 / Issues.")] = None,
    direction: Annotated[str | None, typer.Option("--direction", help="次年度の方向性 (拡充/継続/改善/縮小/廃止) / Next direction.")] = None,
    version: VERSION = None,
) -> None:
    """評価シートを保存 / Save the written part of a draft or returned sheet.

    Only the fields given change; an empty text ('') clears a field. With --version, the save is
    refused (version conflict) when someone saved the sheet since that version.
    """
    from keikaku.cli.messages import t
    from keikaku.services import cycle

    if grade is None and reasons is None and issues is None and direction is None:
        raise CommandFailed(t("sheet_edit_nothing"), 2)
    engine, acting, cycle_id, node_id = _target(plan, year, node, user)
    view, read = _current(engine, acting, cycle_id, node_id, version)

    def pick(given: str | None, stored: str | None) -> str | None:
        return stored if given is None else given

    saved = cycle.save_sheet(engine, user=acting, cycle_id=cycle_id, node_id=node_id, version=read,
                             self_grade=pick(grade, view.self_grade), reasons=pick(reasons, view.reasons),
                             issues=pick(issues, view.issues), next_direction=pick(direction, view.next_direction))
    _done("sheet_saved", saved)


@_translating
def sheet_submit(plan: PLAN, year: YEAR, node: NODE, user: USER, version: VERSION = None) -> None:
    """評価シートを提出 / Hand a saved sheet in for review (it needs a grade, reasons and a direction)."""
    from keikaku.services import cycle

    engine, acting, cycle_id, node_id = _target(plan, year, node, user)
    _view, read = _current(engine, acting, cycle_id, node_id, version)
    _done("sheet_submitted_done", cycle.submit_sheet(engine, user=acting, cycle_id=cycle_id, node_id=node_id, version=read))


@_translating
def sheet_approve(
    plan: PLAN, year: YEAR, node: NODE, user: USER, version: VERSION = None,
    comment: Annotated[str | None, typer.Option("--comment", help="審査コメント / Reviewer's comment.")] = None,
) -> None:
    """評価シートを承認 / Approve a submitted sheet: it is locked and its measure's actuals are published."""
    from keikaku.services import cycle

    engine, acting, cycle_id, node_id = _target(plan, year, node, user)
    _view, read = _current(engine, acting, cycle_id, node_id, version)
    _done("sheet_approved_done", cycle.review_sheet(engine, user=acting, cycle_id=cycle_id, node_id=node_id, version=read,
                                               approve=True, comment=comment))


@_translating
def sheet_return(
    plan: PLAN, year: YEAR, node: NODE, user: USER,
    comment: Annotated[str, typer.Option("--comment", help="差し戻す理由 / Why the sheet is returned.", show_default=False)],
    version: VERSION = None,
) -> None:
    """評価シートを差し戻す / Return a submitted sheet with a comment; it becomes editable again."""
    from keikaku.services import cycle

    engine, acting, cycle_id, node_id = _target(plan, year, node, user)
    _view, read = _current(engine, acting, cycle_id, node_id, version)
    _done("sheet_returned_done", cycle.review_sheet(engine, user=acting, cycle_id=cycle_id, node_id=node_id, version=read,
                                               approve=False, comment=comment))


@_translating
def cycle_list(
    plan: Annotated[str | None, typer.Option("--plan", help="計画の ID またはキー / Only this plan's cycles.")] = None,
    format: FORMAT = Format.table,  # noqa: A002
) -> None:
    """評価サイクルの一覧 / List evaluation cycles, newest year first.

    --format json prints {"cycles": [{id, plan: {id, key, title}, year, deadline, scale, status,
    opened_by, opened_at}]}.
    """
    from keikaku.cli.main import open_database, out, print_json
    from keikaku.cli.messages import t
    from keikaku.services import cycle

    cycles = cycle.list_cycles(open_database(), plan=plan)
    if format is Format.json:
        print_json({"cycles": [c.to_json() for c in cycles]})
        return
    if not cycles:
        out().print(t("no_cycles"), highlight=False)
        return
    from rich.table import Table

    table = Table()
    for key in ("col_id", "col_title", "col_year", "col_status", "col_deadline", "col_scale"):
        table.add_column(t(key), overflow="fold")
    for c in cycles:
        table.add_row(str(c.id), f"{c.plan_title} ({c.plan_key})", str(c.year), t(f"cycle_{c.status}"),
                      c.deadline.isoformat() if c.deadline else "—", c.scale)
    out().print(table)


@_translating
def cycle_close(plan: PLAN, year: YEAR, user: Annotated[str, typer.Option("--user", envvar="KEIKAKU_USER", help="操作する利用者 (admin) / Acting user (an admin).", show_default=False)]) -> None:
    """評価サイクルを締め切る / Close a cycle: no more entries, edits or submissions for its year."""
    from keikaku.cli.messages import t
    from keikaku.services import cycle

    engine, acting, found = acting_cycle(plan, year, user)
    closed = cycle.close_cycle(engine, user=acting, cycle_id=found.id)
    typer.echo(t("cycle_closed_done", plan=closed.plan_title, year=closed.year, id=closed.id))


def token_create(
    user: Annotated[str, typer.Option("--user", help="トークンの利用者 / The user the token acts as.", show_default=False)],
    name: Annotated[str | None, typer.Option("--name", help="用途の名前 / A name for what it is for.")] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="読み取り専用 / Read-only: every change is refused.")] = False,
) -> None:
    """API トークンを作成 / Create an API token for a user; it is shown this once (its last line)."""
    from keikaku.cli.main import open_database
    from keikaku.cli.messages import t
    from keikaku.services import api_tokens

    made = api_tokens.create_token(open_database(), user=user, name=name, read_only=read_only)
    info = made.info
    typer.echo(t("token_created", user=info.user, id=info.id, prefix=info.prefix, scope=t(f"scope_{info.scope}")))
    typer.echo(made.token)


def token_list(
    user: Annotated[str, typer.Option("--user", help="利用者 / Whose tokens.", show_default=False)],
    format: FORMAT = Format.table,  # noqa: A002
    revoked: Annotated[bool, typer.Option("--revoked", help="失効したものも表示 / Include revoked tokens.")] = False,
) -> None:
    """API トークンの一覧 / List a user's API tokens (never the tokens themselves).

    --format json prints {"tokens": [{id, user, name, prefix, scope, created_by, created_at,
    last_used_at, revoked_at}]}.
    """
    from keikaku.cli.main import open_database, out, print_json
    from keikaku.cli.messages import t
    from keikaku.services import api_tokens

    tokens = api_tokens.list_tokens(open_database(), user=user, include_revoked=revoked)
    if format is Format.json:
        print_json({"tokens": [k.to_json() for k in tokens]})
        return
    if not tokens:
        out().print(t("no_tokens", user=user), highlight=False, markup=False)
        return
    from rich.table import Table

    table = Table()
    for key in ("col_id", "col_prefix", "col_name", "col_scope", "col_created", "col_used"):
        table.add_column(t(key), overflow="fold")
    for k in tokens:
        used = k.to_json()["last_used_at"]
        scope = t(f"scope_{k.scope}") + (f" ({t('revoked')})" if k.revoked_at else "")
        table.add_row(str(k.id), k.prefix, k.name or "—", scope, str(k.to_json()["created_at"]), str(used or "—"))
    out().print(table)


def token_revoke(
    token: Annotated[str, typer.Argument(help="トークンの ID または接頭辞 / The token's id or prefix.", show_default=False)],
    user: Annotated[str, typer.Option("--user", help="トークンの利用者 / Whose token.", show_default=False)],
) -> None:
    """API トークンを失効 / Revoke a user's API token: it is refused from then on."""
    from keikaku.cli.main import open_database
    from keikaku.cli.messages import t
    from keikaku.services import api_tokens

    info = api_tokens.revoke_token(open_database(), user=user, token=token)
    typer.echo(t("token_revoked", user=info.user, id=info.id, prefix=info.prefix))


def register(app: typer.Typer, handle_errors: Callable[[Any], Any]) -> None:
    """Add the commands to the ``keikaku`` app (with its error handling)."""
    from keikaku.cli.cycle import cycle_app

    cycle_app.command("list")(handle_errors(cycle_list))
    cycle_app.command("close")(handle_errors(cycle_close))
    for name, func in (("show", sheet_show), ("edit", sheet_edit), ("submit", sheet_submit), ("approve", sheet_approve),
                       ("return", sheet_return)):
        sheet_app.command(name)(handle_errors(func))
    for name, func in (("create", token_create), ("list", token_list), ("revoke", token_revoke)):
        token_app.command(name)(handle_errors(func))
    app.add_typer(sheet_app, name="sheet")
    app.add_typer(token_app, name="token")
