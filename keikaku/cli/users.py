"""Commands of user administration: ``user list``, ``disable``, ``enable``, ``reset`` and ``role``.

Thin wrappers over ``keikaku.services.accounts``, like the users page of the site. The local shell
is trusted (as for ``user add``): the changes are audited without a user name.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer

WORDS: dict[str, tuple[str, str]] = {
    "no_users": ("利用者はいません。`keikaku user add` で作成します。", "no users yet: `keikaku user add` creates one."),
    "col_name": ("ユーザー名", "name"),
    "col_role": ("役割", "role"),
    "col_departments": ("所管課", "departments"),
    "col_active": ("状態", "state"),
    "col_last": ("最終ログイン (UTC)", "last sign-in (UTC)"),
    "active": ("有効", "active"),
    "inactive": ("無効", "disabled"),
    "disabled": ("利用者を無効にしました: {name}（ログイン中の端末からもログアウトしました）",
                 "user disabled: {name} (signed out everywhere)"),
    "enabled": ("利用者を有効にしました: {name}", "user enabled: {name}"),
    "reset": ("パスワード再設定のリンク（{name} さんに直接渡してください。1 回だけ、{expires} (UTC) まで有効）:\n{url}",
              "password-reset link (hand it to {name} yourself; it works once, until {expires} UTC):\n{url}"),
    "role": ("役割と所管課を変更しました: {name} ({role}{departments})", "role and departments changed: {name} ({role}{departments})"),
    "signed_out": ("役割が変わったため、{count} 件のログインを終了しました", "the role changed: {count} session(s) ended"),
    "ambiguous_department": ("所管課「{name}」は複数の自治体にあります: {cities}。どの自治体の課かを --municipality（-m）に"
                             "自治体のコードか名前で指定してください（例: --municipality {example}）",
                             "the department {name} exists in several municipalities: {cities}; say which with --municipality "
                             "(-m) and the municipality's code or name (e.g. --municipality {example})"),
}


class ListFormat(StrEnum):
    table = "table"
    json = "json"


def _t(key: str, /, **values: object) -> str:
    from keikaku.cli.messages import lang

    ja, en = WORDS[key]
    return (en if lang() == "en" else ja).format(**values)


def user_list(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="table または json / Output format.")] = ListFormat.table,
) -> None:
    """利用者の一覧 / Every account: role, departments, state and last sign-in."""
    from keikaku.cli.main import open_database, out, print_json
    from keikaku.services import accounts, audit

    users = accounts.list_all_users(open_database(), actor=None)
    if format is ListFormat.json:
        print_json({"users": [u.to_json() for u in users]})
        return
    if not users:
        out().print(_t("no_users"))
        return
    from rich.table import Table

    table = Table()
    for key in ("col_name", "col_role", "col_departments", "col_active", "col_last"):
        table.add_column(_t(key), overflow="fold")
    for u in users:
        table.add_row(u.name, u.role, "、".join(u.department_names) or "—", _t("active" if u.active else "inactive"),
                      audit.iso(u.last_sign_in) or "—")
    out().print(table)


NameArgument = Annotated[str, typer.Argument(help="ログイン名 / Sign-in name.", show_default=False)]


def user_disable(name: NameArgument) -> None:
    """利用者を無効にする / Disable an account (its sessions and reset links end)."""
    from keikaku.cli.main import open_database, out
    from keikaku.services import accounts

    engine = open_database()
    row = accounts.set_active(engine, actor=None, user_id=accounts.user_id_by_name(engine, name), active=False)
    out().print(_t("disabled", name=row.name), highlight=False)


def user_enable(name: NameArgument) -> None:
    """利用者を有効にする / Enable a disabled account."""
    from keikaku.cli.main import open_database, out
    from keikaku.services import accounts

    engine = open_database()
    row = accounts.set_active(engine, actor=None, user_id=accounts.user_id_by_name(engine, name), active=True)
    out().print(_t("enabled", name=row.name), highlight=False)


def user_reset(
    name: NameArgument,
    base_url: Annotated[str, typer.Option("--base-url", help="サイトの URL / The site's address.")] = "http://127.0.0.1:8000",
) -> None:
    """パスワード再設定のリンクを発行 / Print a one-time link (24 hours) for the user to set a new password."""
    from keikaku.cli.main import open_database, out
    from keikaku.services import accounts, audit

    engine = open_database()
    link = accounts.create_reset_link(engine, actor=None, user_id=accounts.user_id_by_name(engine, name))
    out().print(_t("reset", name=link.user_name, expires=audit.iso(link.expires_at), url=base_url.rstrip("/") + link.path),
                highlight=False, soft_wrap=True)


def user_role(
    name: NameArgument,
    role: Annotated[str, typer.Option("--role", help="admin, reviewer, editor または viewer / Role.", show_default=False)],
    department: Annotated[list[str] | None, typer.Option("--department", "-d", help="所管課 (繰り返し可) / Department (repeatable).", show_default=False)] = None,
    municipality: Annotated[str | None, typer.Option("--municipality", "-m", help="部署を探す自治体 / Municipality of the departments.")] = None,
) -> None:
    """役割と所管課を変更 / Set a user's role and departments (a new role signs the user out everywhere).

    The departments given replace the user's departments; none given leaves the user without
    departments (an editor needs at least one).
    """
    from keikaku.cli.main import open_database, out
    from keikaku.services import accounts

    engine = open_database()
    check_departments(engine, department, municipality)
    row, ended = accounts.change_role(engine, actor=None, user_id=accounts.user_id_by_name(engine, name), role=role,
                                      departments=department or (), municipality=municipality)
    departments = f"; {', '.join(row.department_names)}" if row.department_names else ""
    out().print(_t("role", name=row.name, role=row.role, departments=departments), highlight=False)
    if ended:
        out().print(_t("signed_out", count=ended), highlight=False)


def check_departments(engine: Any, names: list[str] | None, municipality: str | None) -> None:
    """Refuse a department name that several municipalities use when --municipality does not say
    which, with a message that names the option and the candidates (code and name of each)."""
    if municipality or not names:
        return
    import unicodedata

    from keikaku.cli.messages import lang
    from keikaku.domain.errors import KeikakuError
    from keikaku.services import accounts
    from keikaku.services.plans import list_plans

    choices = accounts.department_choices(engine)  # (id, name, municipality name)
    codes: dict[str, set[str]] = {}
    for plan in list_plans(engine):
        codes.setdefault(plan.municipality.name, set()).add(plan.municipality.code)
    for raw in names:
        name = unicodedata.normalize("NFKC", raw).strip()
        cities = [city for _, department, city in choices if department == name]
        if len(cities) < 2:
            continue
        listed = [(sorted(codes.get(city, ())), city) for city in sorted(set(cities))]
        sep = "、" if lang() == "ja" else ", "
        shown = sep.join(f"{city} ({'/'.join(found)})" if found else city for found, city in listed)
        example = next((found[0] for found, _ in listed if found), listed[0][1])
        raise KeikakuError(_t("ambiguous_department", name=name, cities=shown, example=example))


def register(app: typer.Typer, handle_errors: Callable[[Any], Any]) -> None:
    """Add the commands to ``keikaku user`` (made by keikaku.cli.cycle)."""
    from keikaku.cli.cycle import user_app

    user_app.command("list")(handle_errors(user_list))
    user_app.command("disable")(handle_errors(user_disable))
    user_app.command("enable")(handle_errors(user_enable))
    user_app.command("reset")(handle_errors(user_reset))
    user_app.command("role")(handle_errors(user_role))

