"""Commands of the project evaluation sheets (事務事業評価): ``project-sheet show|edit|submit|approve|return|scale``.

Thin wrappers over ``keikaku.services.project_sheets`` with the same permission checks as the
staff pages, and the errors said as ``keikaku sheet`` says them. The local shell is trusted:
``--user NAME`` acts as that user. A sheet is named by its plan, fiscal year and the project's
name or id (``--project 認定こども園整備事業`` or ``--project 12``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from keikaku.cli.sheet_common import (FORMAT, NONE, PLAN, USER, VERSION, YEAR, CommandFailed, Format, acting_cycle, done,
                                      print_sheet, translating)

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from keikaku.services.accounts import UserInfo
    from keikaku.services.project_sheets import ProjectSheetView

project_sheet_app = typer.Typer(help="事務事業評価シート / Project evaluation sheets of a cycle.", no_args_is_help=True)

PROJECT = Annotated[str, typer.Option("--project", help="事業名または事業の ID / The project's name or id.", show_default=False)]
VIEWPOINTS = ("necessity", "effectiveness", "efficiency", "fairness")
WORDS = {  # (Japanese, English)
    "title": ("{project} 事務事業評価 ({year}年度・サイクル {cycle})", "{project}: project evaluation (FY{year}, cycle {cycle})"),
    "measure": ("施策", "measure"), "department": ("所管課", "department"),
    "subject": ("対象", "subject"), "intent": ("意図", "intent"), "means": ("手段", "means"),
    "necessity": ("必要性", "necessity"), "effectiveness": ("有効性", "effectiveness"), "efficiency": ("効率性", "efficiency"),
    "fairness": ("公平性", "fairness"), "direction": ("今後の方向性", "direction"), "summary": ("評価の説明", "summary"),
    "indicators": ("指標", "indicators"),
    "activity": ("活動", "activity"), "outcome": ("成果", "outcome"), "per_unit": ("単位当たり", "per unit"),
    "cost": ("事業費 {spending} 円・人件費 {staff} 円・トータルコスト {full} 円", "spending {spending} yen, staff cost {staff} yen, full cost {full} yen"),
    "no_cost": ("予算・決算の登録なし", "no budget recorded"),
    "scale": ("評価の段階を設定しました: {year}年度 {grades}", "viewpoint grades set: FY{year} {grades}"),
    "nothing": ("変更する項目を指定してください", "give at least one field to change"),
    "unknown_project": ("事業 {project} は {plan} にありません", "no project {project} in {plan}"),
    "ambiguous": ("事業名 {project} が複数あります: ID で指定してください ({ids})", "several projects are named {project}: give its id ({ids})"),
    "bad_indicator": ("--indicator は 指標ID:activity|outcome[:計画値] です: {value}", "--indicator is ID:activity|outcome[:PLAN]: {value}"),
}


def _t(key: str, **values: object) -> str:
    from keikaku.cli.messages import lang

    ja, en = WORDS[key]
    return (en if lang() == "en" else ja).format(**values)


def _target(plan: str, year: int, project: str, user: str) -> tuple[Engine, UserInfo, int, int]:
    """The engine, the acting user, the cycle's id and the project's id."""
    from keikaku.services.project_sheets import find_project

    engine, acting, found = acting_cycle(plan, year, user)
    ids = find_project(engine, plan_id=found.plan_id, ref=project)
    if not ids:
        raise CommandFailed(_t("unknown_project", project=project, plan=found.plan_title), 1)
    if len(ids) > 1:
        raise CommandFailed(_t("ambiguous", project=project, ids=", ".join(map(str, ids))), 2)
    return engine, acting, found.id, ids[0]


def _yen(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def _done(key: str, view: ProjectSheetView) -> None:
    done(key, view.project_name, view)


@translating
def show(plan: PLAN, year: YEAR, project: PROJECT, user: USER, format: FORMAT = Format.table) -> None:  # noqa: A002
    """事務事業評価シートを表示 / Show a project's evaluation sheet with its indicators and costs.

    --format json prints the sheet as the API gives it: {cycle, project, sheet, indicators,
    candidates, cost, grades, directions, allowed_actions}.
    """
    from keikaku.services import project_sheets

    engine, acting, cycle_id, project_id = _target(plan, year, project, user)
    view = project_sheets.project_sheet(engine, user=acting, cycle_id=cycle_id, project_id=project_id)
    written = [f"{_t(f)}: {getattr(view, f) or NONE}" for f in ("subject", "intent", "means")]
    written += [f"{_t(v.key)}: {v.grade or NONE}" for v in view.viewpoints]
    written += [f"{_t('direction')}: {view.direction or NONE}", f"{_t('summary')}: {view.summary or NONE}"]
    c = view.cost
    details = [_t("cost", spending=_yen(c.spending), staff=_yen(c.staff_cost), full=_yen(c.full_cost))
               if c is not None and c.recorded else _t("no_cost"), f"{_t('indicators')}:"]
    for i in view.indicators:
        unit = i.unit or ""
        planned = NONE if i.planned is None else f"{i.planned}{unit}"
        actual = NONE if i.actual is None else f"{i.actual}{unit}"
        per_unit = f"{i.cost_per_unit} 円" if i.cost_per_unit else (i.cost_reason or NONE)
        details.append(f"  [{_t(i.role)}] {i.name}: {planned} → {actual} ({_t('per_unit')} {per_unit})")
    print_sheet(view, format, title=_t("title", project=view.project_name, year=view.year, cycle=view.cycle_id),
                about=[f"{_t('measure')}: {view.node_label}", f"{_t('department')}: {view.department or NONE}"],
                written=written, details=details)


def _picks(values: list[str]) -> list[Any]:
    from keikaku.services.project_sheets import IndicatorPick

    out = []
    for value in values:
        parts = value.split(":")
        try:
            if len(parts) not in (2, 3) or not parts[0].strip().isdigit():
                raise ValueError
            planned = float(parts[2]) if len(parts) == 3 and parts[2].strip() else None
        except ValueError:
            raise CommandFailed(_t("bad_indicator", value=value), 2) from None
        out.append(IndicatorPick(int(parts[0]), parts[1].strip(), planned))
    return out


@translating
def edit(
    plan: PLAN, year: YEAR, project: PROJECT, user: USER,
    subject: Annotated[str | None, typer.Option("--subject", help="対象 / Subject.")] = None,
    intent: Annotated[str | None, typer.Option("--intent", help="意図 / Intent.")] = None,
    means: Annotated[str | None, typer.Option("--means", help="手段 / Means.")] = None,
    necessity: Annotated[str | None, typer.Option("--necessity", help="必要性 / Necessity grade.")] = None,
    effectiveness: Annotated[str | None, typer.Option("--effectiveness", help="有効性 / Effectiveness grade.")] = None,
    efficiency: Annotated[str | None, typer.Option("--efficiency", help="効率性 / Efficiency grade.")] = None,
    fairness: Annotated[str | None, typer.Option("--fairness", help="公平性 / Fairness grade.")] = None,
    direction: Annotated[str | None, typer.Option("--direction", help="拡充/継続/改善/縮小/統合/廃止/終了 / Direction.")] = None,
    summary: Annotated[str | None, typer.Option("--summary", help="評価の説明 / Summary.")] = None,
    indicator: Annotated[list[str] | None, typer.Option("--indicator", help="指標ID:activity|outcome[:計画値] (繰り返し可; 指定すると選び直し) / ID:role[:plan], repeatable: replaces the indicators chosen.")] = None,
    version: VERSION = None,
) -> None:
    """事務事業評価シートを保存 / Save a draft or returned project sheet.

    Only the fields given change; an empty text ('') clears a field. With --version, the save is
    refused (version conflict) when someone saved the sheet since that version.
    """
    from keikaku.services import project_sheets

    given = {"subject": subject, "intent": intent, "means": means, "necessity": necessity, "effectiveness": effectiveness,
             "efficiency": efficiency, "fairness": fairness, "direction": direction, "summary": summary}
    if all(v is None for v in given.values()) and not indicator:
        raise CommandFailed(_t("nothing"), 2)
    picks = _picks(indicator) if indicator else None
    engine, acting, cycle_id, project_id = _target(plan, year, project, user)
    view = project_sheets.project_sheet(engine, user=acting, cycle_id=cycle_id, project_id=project_id)
    stored = {"subject": view.subject, "intent": view.intent, "means": view.means, "direction": view.direction,
              "summary": view.summary, **{v.key: v.grade for v in view.viewpoints}}
    value = {k: stored[k] if v is None else v for k, v in given.items()}
    saved = project_sheets.save_project_sheet(
        engine, user=acting, cycle_id=cycle_id, project_id=project_id, version=view.version if version is None else version,
        subject=value["subject"], intent=value["intent"], means=value["means"],
        viewpoints={k: value[k] for k in VIEWPOINTS}, direction=value["direction"], summary=value["summary"], indicators=picks)
    _done("sheet_saved", saved)


def _read(engine: Engine, acting: UserInfo, cycle_id: int, project_id: int, version: int | None) -> int:
    from keikaku.services import project_sheets

    if version is not None:
        return version
    return project_sheets.project_sheet(engine, user=acting, cycle_id=cycle_id, project_id=project_id).version


@translating
def submit(plan: PLAN, year: YEAR, project: PROJECT, user: USER, version: VERSION = None) -> None:
    """事務事業評価シートを提出 / Hand a saved project sheet in for review."""
    from keikaku.services import project_sheets

    engine, acting, cycle_id, project_id = _target(plan, year, project, user)
    _done("sheet_submitted_done", project_sheets.submit_project_sheet(engine, user=acting, cycle_id=cycle_id, project_id=project_id,
                                                           version=_read(engine, acting, cycle_id, project_id, version)))


@translating
def approve(plan: PLAN, year: YEAR, project: PROJECT, user: USER, version: VERSION = None,
            comment: Annotated[str | None, typer.Option("--comment", help="審査コメント / Reviewer's comment.")] = None) -> None:
    """事務事業評価シートを承認 / Approve a submitted project sheet: it is locked and published."""
    from keikaku.services import project_sheets

    engine, acting, cycle_id, project_id = _target(plan, year, project, user)
    _done("sheet_approved_done", project_sheets.review_project_sheet(engine, user=acting, cycle_id=cycle_id, project_id=project_id,
                                                          version=_read(engine, acting, cycle_id, project_id, version),
                                                          approve=True, comment=comment))


@translating
def return_(plan: PLAN, year: YEAR, project: PROJECT, user: USER,
            comment: Annotated[str, typer.Option("--comment", help="差し戻す理由 / Why it is returned.", show_default=False)],
            version: VERSION = None) -> None:
    """事務事業評価シートを差し戻す / Return a submitted project sheet with a comment."""
    from keikaku.services import project_sheets

    engine, acting, cycle_id, project_id = _target(plan, year, project, user)
    _done("sheet_returned_done", project_sheets.review_project_sheet(engine, user=acting, cycle_id=cycle_id, project_id=project_id,
                                                          version=_read(engine, acting, cycle_id, project_id, version),
                                                          approve=False, comment=comment))


@translating
def scale(plan: PLAN, year: YEAR, user: USER,
          grades: Annotated[str, typer.Option("--grades", help="評価の段階 (良い順、カンマ区切り: A,B,C) / Grades best first.", show_default=False)]) -> None:
    """評価の視点の段階を設定 / Set the cycle's grades of the four viewpoints (admins)."""
    from keikaku.cli.main import open_database
    from keikaku.services import accounts, cycle, project_sheets

    engine = open_database()
    found = cycle.cycle_of(engine, plan=plan, year=year)
    chosen = project_sheets.set_viewpoint_scale(engine, user=accounts.get_user(engine, user), cycle_id=found.id, grades=grades)
    typer.echo(_t("scale", year=year, grades=",".join(chosen)))


def register(app: typer.Typer, handle_errors: Callable[[Any], Any]) -> None:
    """Add ``project-sheet`` to the ``keikaku`` app (with its error handling)."""
    for name, func in (("show", show), ("edit", edit), ("submit", submit), ("approve", approve), ("return", return_),
                       ("scale", scale)):
        project_sheet_app.command(name)(handle_errors(func))
    app.add_typer(project_sheet_app, name="project-sheet")
