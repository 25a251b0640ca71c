"""Commands of project money: ``budget import FILE --plan ID [--yes]`` and ``cost --plan ID --year FY``.

Thin wrappers over keikaku.services.budget and keikaku.services.costs. ``budget import`` shows
what the workbook would change and stores it only with ``--yes``; a workbook with problems is
refused whole, every problem listed by ``sheet!cell`` (exit code 2). Messages are Japanese, or
English with ``--lang en`` or KEIKAKU_LANG=en.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from keikaku.domain.errors import KeikakuError

if TYPE_CHECKING:
    from keikaku.services.budget import BudgetImport, RowChange
    from keikaku.services.costs import CostReport

budget_app = typer.Typer(help="事業の予算・決算 / Project budgets.", no_args_is_help=True)

WORDS: dict[str, tuple[str, str]] = {
    "new": ("新規", "new"),
    "changed": ("変更", "changed"),
    "unchanged": ("変更なし", "unchanged"),
    "preview": ("{file}: 新規 {new}・変更 {changed}・変更なし {unchanged}（まだ登録していません。--yes を付けると登録します）",
                "{file}: {new} new, {changed} changed, {unchanged} unchanged (not stored yet: add --yes to store)"),
    "stored": ("{file}: 登録しました: 新規 {new}・変更 {changed}・変更なし {unchanged}",
               "{file}: stored: {new} new, {changed} changed, {unchanged} unchanged"),
    "unreadable_path": ("ファイルを読めません: {path} ({reason})", "cannot read {path} ({reason})"),
    "project_budget": ("事業", "project"),
    "staff_cost": ("人件費単価", "staff cost"),
    "budget_frame": ("財政フレーム", "frame"),
    "none": ("—", "—"),
    "col_project": ("事業", "project"),
    "col_measure": ("施策", "measure"),
    "col_budget": ("予算（千円）", "budget (¥1,000)"),
    "col_settlement": ("決算（千円）", "settlement (¥1,000)"),
    "col_staff_cost": ("人件費（千円）", "staff cost (¥1,000)"),
    "col_full_cost": ("トータルコスト（千円）", "full cost (¥1,000)"),
    "col_unit_cost": ("単位当たりコスト（円）", "cost per unit (yen)"),
    "col_planned": ("計画額（千円）", "planned (¥1,000)"),
    "col_projects_total": ("事業の合計（千円）", "projects (¥1,000)"),
    "col_difference": ("差（千円）", "difference (¥1,000)"),
    "projects_title": ("{year}年度 事業別コスト: {plan}", "FY{year} cost by project: {plan}"),
    "measures_title": ("施策別（事業の合計）", "by measure (projects summed)"),
    "frame_title": ("財政フレームとの比較（差 = 事業 − 計画）", "against the financial frame (difference = projects − planned)"),
    "staff_rate": ("人件費単価: 正規職員 {regular}・会計年度任用職員 {fixed_term}", "staff cost per person: regular {regular}, fixed-term {fixed_term}"),
    "no_staff_rate": ("人件費単価: 未登録", "staff cost per person: not recorded"),
    "fictional": ("架空", "fictional"),
    "reason_no_spending": ("予算・決算なし", "no budget"),
    "reason_no_staff_rate": ("人件費単価なし", "no staff rate"),
    "reason_no_full_cost": ("コストなし", "no full cost"),
    "reason_no_actual": ("実績なし", "no actual"),
    "reason_zero_actual": ("実績0", "actual is 0"),
    "reason_negative_actual": ("実績が負", "negative actual"),
    "reason_incomplete": ("一部の事業のコストなし", "some projects lack a cost"),
    "reason_lower_is_better": ("減少を目指す指標", "target is a decrease"),
}
FIELDS: dict[str, tuple[str, str]] = {
    "initial_budget": ("当初予算", "initial budget"), "revised_budget": ("補正後予算", "revised budget"),
    "settlement": ("決算額", "settlement"), "national": ("国庫支出金", "national grants"),
    "prefectural": ("都道府県支出金", "prefectural grants"), "bonds": ("地方債", "bonds"),
    "other_earmarked": ("その他特定財源", "other earmarked"), "general": ("一般財源", "general revenue"),
    "regular_staff": ("正規職員（人工）", "regular staff (person-years)"),
    "fixed_term_staff": ("会計年度任用職員（人工）", "fixed-term staff (person-years)"),
    "regular": ("正規職員（円）", "regular (yen)"), "fixed_term": ("会計年度任用職員（円）", "fixed-term (yen)"),
    "planned": ("計画額", "planned"),
}


class Format(StrEnum):
    table = "table"
    json = "json"


class Lang(StrEnum):
    ja = "ja"
    en = "en"


PLAN = Annotated[str, typer.Option("--plan", help="計画の ID またはキー / Plan id or key.", show_default=False)]
LANG = Annotated[Lang | None, typer.Option("--lang", help="ja または en（既定は KEIKAKU_LANG）/ Language of messages.")]


class BudgetCommandFailed(KeikakuError):
    def __init__(self, message: str, exit_code: int = 2):
        super().__init__(message)
        self.exit_code = exit_code


def _lang(option: Lang | None) -> str:
    if option is not None:
        os.environ["KEIKAKU_LANG"] = option.value  # the CLI's own messages (エラー / error) follow
    from keikaku.cli.messages import lang

    return lang()


def _w(key: str, lang: str, **values: object) -> str:
    ja, en = WORDS[key]
    return (en if lang == "en" else ja).format(**values)


def _value(field: str, value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _change_lines(change: RowChange, lang: str) -> list[str]:
    head = f"[{_w(change.outcome, lang)}] {change.where} {_w(change.kind, lang)}: {change.label}"
    if change.outcome == "unchanged":
        return [head]
    index = 1 if lang == "en" else 0
    return [head] + [f"    {FIELDS.get(f.field, (f.field, f.field))[index]}: {_value(f.field, f.before)} → {_value(f.field, f.after)}"
                     for f in change.fields]


def budget_import(
    file: Annotated[Path, typer.Argument(help="予算の Excel (.xlsx) / The budget workbook.", show_default=False)],
    plan: PLAN,
    user: Annotated[str, typer.Option("--user", envvar="KEIKAKU_USER", help="操作する利用者（管理者）/ Acting user (an admin).", show_default=False)],
    yes: Annotated[bool, typer.Option("--yes", help="確認せずに登録 / Store the changes (without: preview only).")] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="table または json / Output format.")] = Format.table,  # noqa: A002
    lang: LANG = None,
) -> None:
    """予算の Excel を取り込む / Import a budget workbook: preview, then store with --yes.

    Sheets: 事業別予算 (年度, 事業名 or 事業ID, 当初予算, 補正後予算, 決算額, the five funding
    sources, 正規職員・会計年度任用職員 in 人工), 人件費単価 and 財政フレーム, amounts in 千円 or 円 as
    the sheet states. Any problem stores nothing; every problem is listed by sheet!cell.
    """
    from keikaku.cli.main import open_database, print_json
    from keikaku.services import accounts, budget

    language = _lang(lang)
    try:
        content = file.read_bytes()
    except OSError as exc:
        raise BudgetCommandFailed(_w("unreadable_path", language, path=file, reason=exc.strerror or exc), 1) from None
    engine = open_database()
    acting = accounts.get_user(engine, user)
    try:
        result = budget.import_budget(engine, user=acting, plan=plan, content=content, filename=file.name, apply=yes)
    except budget.BudgetRejected as exc:
        raise BudgetCommandFailed(exc.text(language), exc.exit_code) from None
    if format is Format.json:
        print_json(result.to_json())
        return
    _print_import(result, language)


def _print_import(result: BudgetImport, lang: str) -> None:
    for change in result.changes:
        for line in _change_lines(change, lang):
            typer.echo(line)
    counts = {"new": result.count("new"), "changed": result.count("changed"), "unchanged": result.count("unchanged")}
    typer.echo(_w("stored" if result.stored else "preview", lang, file=result.filename, **counts))


def cost(
    plan: PLAN,
    year: Annotated[int, typer.Option("--year", help="年度 (西暦) / Fiscal year.", show_default=False)],
    format: Annotated[Format, typer.Option("--format", "-f", help="table または json / Output format.")] = Format.table,  # noqa: A002
    lang: LANG = None,
) -> None:
    """事業のコスト / Projects' budget, settlement, funding, staff cost, full cost and cost per unit.

    --format json prints {"plan", "year", "staff_rate", "projects": [{"name", "node", "budget",
    "settlement", "funding": {…}, "staff_cost", "full_cost", "cost_per_unit": [{"indicator",
    "value"}], …}], "measures": […], "frame": […]}: amounts as integer yen, person-years and
    costs per unit as decimal strings. See docs/costs.md.
    """
    from keikaku.cli.main import open_database, print_json
    from keikaku.services.costs import cost_report

    language = _lang(lang)
    report = cost_report(open_database(), plan=plan, year=year)
    if format is Format.json:
        print_json(report.to_json())
        return
    _print_report(report, language)


def _why(reason: str | None, lang: str) -> str:
    return _w(f"reason_{reason}", lang) if reason and f"reason_{reason}" in WORDS else (reason or "")


def _unit_costs(costs: tuple, lang: str) -> str:  # type: ignore[type-arg]
    from keikaku.services.formatting import unit_cost

    return "\n".join(f"{c.indicator}: {unit_cost(c.value) + '円/' + (c.unit or '') if c.value is not None else _why(c.reason, lang)}"
                     for c in costs)


def _print_report(report: CostReport, lang: str) -> None:
    from rich.table import Table

    from keikaku.cli.main import out
    from keikaku.services.formatting import thousand_yen, yen_words

    console = out()
    title = report.plan_title + (f" [{_w('fictional', lang)}]" if report.fictional else "")
    rate = report.staff_rate
    console.print(_w("projects_title", lang, year=report.year, plan=title), markup=False, highlight=False)
    console.print(_w("staff_rate", lang, regular=yen_words(rate.regular), fixed_term=yen_words(rate.fixed_term)) if rate
                  else _w("no_staff_rate", lang), markup=False, highlight=False)
    table = Table()
    for key in ("col_project", "col_measure", "col_budget", "col_settlement", "col_staff_cost", "col_full_cost", "col_unit_cost"):
        table.add_column(_w(key, lang), overflow="fold", justify="right" if key not in {"col_project", "col_measure", "col_unit_cost"} else "left")
    for p in report.projects:
        table.add_row(p.name, p.node.label, thousand_yen(p.budget), thousand_yen(p.settlement), thousand_yen(p.staff_cost),
                      thousand_yen(p.full_cost) or _why(p.reason, lang), _unit_costs(p.cost_per_unit, lang))
    console.print(table)
    measures = Table(title=_w("measures_title", lang), title_justify="left")
    for key in ("col_measure", "col_budget", "col_settlement", "col_staff_cost", "col_full_cost", "col_unit_cost"):
        measures.add_column(_w(key, lang), overflow="fold", justify="left" if key in {"col_measure", "col_unit_cost"} else "right")
    for mc in report.measures:
        measures.add_row(mc.node.label, thousand_yen(mc.budget), thousand_yen(mc.settlement), thousand_yen(mc.staff_cost),
                         thousand_yen(mc.full_cost), _unit_costs(mc.cost_per_unit, lang))
    console.print(measures)
    if report.frame:
        frame = Table(title=_w("frame_title", lang), title_justify="left")
        for key in ("col_measure", "col_planned", "col_projects_total", "col_difference"):
            frame.add_column(_w(key, lang), overflow="fold", justify="left" if key == "col_measure" else "right")
        for f in report.frame:
            frame.add_row(f.node.label, thousand_yen(f.planned), thousand_yen(f.projects_total), thousand_yen(f.difference))
        console.print(frame)


def register(app: typer.Typer, handle_errors: Callable[[Any], Any]) -> None:
    """Add ``budget import`` and ``cost`` to the keikaku command."""
    budget_app.command("import")(handle_errors(budget_import))
    app.add_typer(budget_app, name="budget")
    app.command("cost")(handle_errors(cost))
