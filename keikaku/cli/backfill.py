"""``keikaku actuals backfill``: past fiscal years' actuals of a plan, stored as published.

A thin wrapper over ``keikaku.services.backfill`` (admins only; the rules in docs/evaluation.md).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from keikaku.domain.errors import KeikakuError

actuals_app = typer.Typer(help="実績値 / Actuals outside the evaluation cycle.", no_args_is_help=True)

WORDS: dict[str, tuple[str, str]] = {
    "args": ("FILE を指定するか、--indicator, --year, --value を指定してください",
             "give FILE, or --indicator, --year and --value"),
    "row": ("  {row}{indicator} {year}年度: {before}{value}{unit}（{outcome}）", "  {row}{indicator} FY{year}: {before}{value}{unit} ({outcome})"),
    "created": ("新規", "new"),
    "replaced": ("置き換え", "replaced"),
    "unchanged": ("変更なし", "unchanged"),
    "saved": ("{plan}: 過去の年度の実績値を公開値として登録しました: 新規 {created}・置き換え {replaced}・変更なし {unchanged}",
              "{plan}: past years' actuals stored as published: {created} new, {replaced} replaced, {unchanged} unchanged"),
    "dry": ("{plan}: 確認のみ（--dry-run: 何も登録していません）: 新規 {created}・置き換え {replaced}・変更なし {unchanged}",
            "{plan}: checked only (--dry-run: nothing stored): {created} new, {replaced} replaced, {unchanged} unchanged"),
    "skipped": ("値が空欄のため読み飛ばした行: {rows}", "rows skipped for an empty value: {rows}"),
}


def _w(key: str, **values: object) -> str:
    from keikaku.cli.messages import lang

    return WORDS[key][1 if lang() == "en" else 0].format(**values)


def backfill(
    plan: Annotated[str, typer.Option("--plan", help="計画の ID またはキー / Plan id or key.", show_default=False)],
    user: Annotated[str, typer.Option("--user", envvar="KEIKAKU_USER", help="操作する利用者 (admin) / Acting user (an admin).", show_default=False)],
    file: Annotated[Path | None, typer.Argument(help="実績値の CSV または Excel (列: 指標, 年度, 値, 備考) / A CSV or XLSX file of actuals.",
                                                show_default=False)] = None,
    replace: Annotated[bool, typer.Option("--replace", help="登録済みの実績値を置き換える / Replace actuals already stored.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="確認のみで登録しない / Check and show, store nothing.")] = False,
    indicator: Annotated[str | None, typer.Option("--indicator", help="指標名または ID (1件のとき) / Indicator name or id.")] = None,
    year: Annotated[str | None, typer.Option("--year", help="年度 (2023, 令和5年度) / Fiscal year.")] = None,
    value: Annotated[str | None, typer.Option("--value", help="実績値 / The actual value.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="備考 / Note.")] = None,
) -> None:
    """過去の年度の実績値を登録 (公開) / Store past fiscal years' actuals as published, outside any cycle.

    Admins only. Either FILE (columns 指標, 年度, 値 and optionally 備考; all or nothing) or
    --indicator, --year and --value. Years before the current fiscal year only, and not a year
    whose evaluation cycle is open. An actual already stored for the same indicator and year is
    refused by row unless --replace is given. Every stored value is in the audit trail.
    """
    from keikaku.cli.main import open_database, out
    from keikaku.services import accounts
    from keikaku.services import backfill as service

    single = (indicator, year, value)
    if (file is None) == (None in single) or (file is not None and any(v is not None for v in single)):
        raise KeikakuError(_w("args"))
    engine = open_database()
    acting = accounts.get_user(engine, user)
    if file is not None:
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise KeikakuError(f"{file}: {exc.strerror}") from None
        result = service.backfill_file(engine, user=acting, plan=plan, content=content, filename=file.name, replace=replace,
                                       save=not dry_run)
    else:
        result = service.backfill_actual(engine, user=acting, plan=plan, indicator=indicator or "", year=year or "",
                                         value=value or "", note=note, replace=replace, save=not dry_run)
    console = out()
    for r in result.rows:
        before = f"{r.before}{r.unit or ''} → " if r.before_status is not None and r.outcome == "replaced" else ""
        console.print(_w("row", row=f"{r.row}: " if r.row is not None else "", indicator=r.indicator, year=r.year, before=before,
                         value=r.value, unit=r.unit or "", outcome=_w(r.outcome)), highlight=False)
    if result.skipped:
        console.print(_w("skipped", rows=", ".join(map(str, result.skipped))), highlight=False)
    console.print(_w("saved" if result.saved else "dry", plan=result.plan_title, created=result.created, replaced=result.replaced,
                     unchanged=result.unchanged), highlight=False)


def register(app: typer.Typer, handle_errors: Callable[[Any], Any]) -> None:
    """Add ``actuals backfill`` to the ``keikaku`` app (with its error handling)."""
    actuals_app.command("backfill")(handle_errors(backfill))
    app.add_typer(actuals_app, name="actuals")
