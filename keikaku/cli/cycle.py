"""Commands of the evaluation cycle: ``user add``, ``cycle open``, ``observe`` and ``audit``.

Thin wrappers over ``keikaku.services.accounts``, ``cycle`` and ``audit``. The local shell is
trusted: ``--user NAME`` acts as that user without a password (the web asks for one).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from keikaku.domain.errors import KeikakuError

user_app = typer.Typer(help="利用者の管理 / Manage user accounts.", no_args_is_help=True)
cycle_app = typer.Typer(help="評価サイクル / The yearly evaluation cycle.", no_args_is_help=True)


class AuditFormat(StrEnum):
    json = "json"
    table = "table"


def user_add(
    name: Annotated[str, typer.Argument(help="ログイン名 / Sign-in name.", show_default=False)],
    role: Annotated[str, typer.Option("--role", help="admin, reviewer, editor または viewer / Role.", show_default=False)],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="パスワードを標準入力から読む / Read the password from stdin.")] = False,
    department: Annotated[list[str] | None, typer.Option("--department", "-d", help="所管課 (繰り返し可) / Department (repeatable).", show_default=False)] = None,
    municipality: Annotated[str | None, typer.Option("--municipality", "-m", help="部署を探す自治体 / Municipality of the departments.")] = None,
    display_name: Annotated[str | None, typer.Option("--display-name", help="表示名 / Display name.")] = None,
    email: Annotated[str | None, typer.Option("--email", help="督促メールの宛先 / E-mail address for reminders.")] = None,
) -> None:
    """利用者を作成 / Create a user account (the password comes from standard input).

    There is no default password: --password-stdin reads it (its first line, at least 10
    characters). An editor needs at least one --department, named as in the loaded plans.
    """
    from keikaku.cli.main import open_database, out
    from keikaku.cli.messages import t
    from keikaku.services import accounts

    if not password_stdin:
        raise KeikakuError(t("password_stdin"))
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise KeikakuError(t("password_empty"))
    from keikaku.cli.users import check_departments

    engine = open_database()
    check_departments(engine, department, municipality)  # a name several cities use: say which, in the user's words
    info = accounts.create_user(engine, name=name, role=role, password=password, departments=department or (),
                                municipality=municipality, display_name=display_name, email=email)
    departments = f"; {', '.join(info.department_names)}" if info.department_names else ""
    out().print(t("user_created", name=info.name, role=info.role, departments=departments), highlight=False)


def cycle_open(
    plan: Annotated[str, typer.Option("--plan", help="計画の ID またはキー / Plan id or key.", show_default=False)],
    year: Annotated[int, typer.Option("--year", help="評価する年度 (西暦) / Fiscal year.", show_default=False)],
    user: Annotated[str, typer.Option("--user", envvar="KEIKAKU_USER", help="操作する利用者 (admin) / Acting user (an admin).", show_default=False)],
    deadline: Annotated[str | None, typer.Option("--deadline", help="提出期限 YYYY-MM-DD / Last day for submitting sheets.")] = None,
    scale: Annotated[str, typer.Option("--scale", help="評価の尺度: abcd (既定), sabc, achieved / Grade scale.")] = "abcd",
) -> None:
    """評価サイクルを開始 / Open the yearly evaluation of a plan for a fiscal year."""
    from keikaku.cli.main import open_database, out
    from keikaku.cli.messages import t
    from keikaku.services import accounts, cycle

    engine = open_database()
    day = _date(deadline) if deadline else None
    info = cycle.open_cycle(engine, user=accounts.get_user(engine, user), plan=plan, year=year, deadline=day, scale=scale)
    out().print(t("cycle_opened", plan=info.plan_title, year=info.year, id=info.id, scale=info.scale,
                  deadline=info.deadline.isoformat() if info.deadline else "—"), highlight=False)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise typer.BadParameter(f"YYYY-MM-DD, not {text!r}", param_hint="--deadline") from None


def observe(
    plan: Annotated[str, typer.Option("--plan", help="計画の ID またはキー / Plan id or key.", show_default=False)],
    user: Annotated[str, typer.Option("--user", envvar="KEIKAKU_USER", help="操作する利用者 / Acting user.", show_default=False)],
    indicator: Annotated[str | None, typer.Option("--indicator", help="指標名または ID / Indicator name or id.")] = None,
    year: Annotated[str | None, typer.Option("--year", help="年度 (2025, 令和7年度) / Fiscal year.")] = None,
    value: Annotated[str | None, typer.Option("--value", help="実績値 / The actual value.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="表示する文字列 (例: 15人) / Printed text.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="備考 / Note.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="実績値の CSV または Excel / A CSV or XLSX file of actuals.")] = None,
    sample_size: Annotated[str | None, typer.Option("--sample-size", help="標本数 (市民意識調査の指標) / A survey indicator's sample size.")] = None,
    margin: Annotated[str | None, typer.Option("--margin-of-error", help="誤差 ±ポイント (標本数の代わり) / Its printed margin of error (± points).")] = None,
) -> None:
    """実績値を登録 (下書き) / Enter an actual, or a file of actuals, as drafts.

    Either --indicator, --year and --value, or --file (columns 指標, 年度, 値 and optionally
    備考, and 標本数 or 誤差 for a survey indicator). A file with any problem is reported row by
    row and nothing of it is saved. A survey indicator's actual takes --sample-size (or
    --margin-of-error); without them, the stored ones are kept.
    """
    from keikaku.cli.main import open_database, out
    from keikaku.cli.messages import t
    from keikaku.services import accounts, cycle

    single = (indicator, year, value)
    if (file is None) == (None in single) or (file is not None and any(v is not None for v in single)):
        raise KeikakuError(t("observe_args"))
    engine = open_database()
    acting = accounts.get_user(engine, user)
    if file is not None:
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise KeikakuError(f"{file}: {exc.strerror}") from None
        result = cycle.upload_actuals(engine, user=acting, plan=plan, content=content, filename=file.name)
        out().print(t("uploaded", file=file.name, created=result.created, updated=result.updated,
                      unchanged=result.unchanged), highlight=False)
        return
    info = cycle.enter_actual(engine, user=acting, plan=plan, indicator=indicator or "", year=year or "", value=value or "",
                              text=text, note=note, sample_size=sample_size, margin_of_error=margin)
    out().print(t("observed", outcome=t(info.outcome), indicator=info.indicator, year=info.year,
                  value=f"{info.value}{info.unit or ''}"), highlight=False)


def audit(
    object: Annotated[str | None, typer.Option("--object", help="TYPE:ID または TYPE (例: sheet:3) / One object or one kind.")] = None,  # noqa: A002
    format: Annotated[AuditFormat, typer.Option("--format", "-f", help="json または table / Output format.")] = AuditFormat.json,
    limit: Annotated[int, typer.Option("--limit", help="件数の上限 / At most this many changes.")] = 500,
) -> None:
    """変更履歴 / The audit trail: who changed what, when, before and after (newest first).

    --format json prints {"changes": [{at, user, action, object, label, before, after}]}.
    """
    from keikaku.cli.main import open_database, out, print_json
    from keikaku.cli.messages import t
    from keikaku.services import audit as audit_service

    changes = audit_service.list_changes(open_database(), object=object, limit=limit)
    if format is AuditFormat.json:
        print_json({"changes": [c.to_json() for c in changes]})
        return
    if not changes:
        out().print(t("no_changes"))
        return
    from rich.table import Table

    table = Table()
    for key in ("col_at", "col_user", "col_action", "col_object", "col_label"):
        table.add_column(t(key), overflow="fold")
    for c in changes:
        table.add_row(c.at, c.user or "—", c.action, c.object, c.label or "")
    out().print(table)


def register(app: typer.Typer, handle_errors: Callable[[Any], Any]) -> None:
    """Add the commands to the ``keikaku`` app (with its error handling)."""
    user_app.command("add")(handle_errors(user_add))
    cycle_app.command("open")(handle_errors(cycle_open))
    app.add_typer(user_app, name="user")
    app.add_typer(cycle_app, name="cycle")
    app.command("observe")(handle_errors(observe))
    app.command("audit")(handle_errors(audit))
