"""The plan editor's operations on what hangs under nodes: indicators (names, units, directions,
baselines, interim and final targets), section texts, projects with their stages per fiscal year,
actions, and links between plans. Each is one versioned, audited transaction
(``plan_edit.editing``; see keikaku/services/plan_edit.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine

from keikaku.domain import planfile as pf
from keikaku.domain.enums import Direction, IndicatorKind, LinkType
from keikaku.domain.errors import NotFoundError
from keikaku.domain.figures import typed_figure_problem
from keikaku.domain.fiscal import FIRST_YEAR, LAST_YEAR
from keikaku.services.accounts import UserInfo
from keikaku.services.plan_edit import (
    KEEP,
    DeleteNeedsConfirmation,
    EditResult,
    Editing,
    departments_list,
    editing,
    fail,
    node_label,
    node_snapshot,
    text,
)
from keikaku.storage import models as m
from keikaku.storage import plan_edit_store as store
from keikaku.storage import repository as repo

Number = float | int | str | None
INDICATOR_FIELDS = ("name", "kind", "unit", "direction", "baseline_value", "baseline_year", "baseline_text",
                    "target_value", "target_year", "target_text", "definition")


# --- values -----------------------------------------------------------------------------

def number(value: Number, name: str) -> float | int | None:
    """A figure as typed (``1,200``, ``０.５``) or given; None for blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    typed = str(value)
    if isinstance(value, str):
        typed = value.strip().translate(str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")).replace(",", "")
        try:
            value = float(typed)
        except ValueError:
            raise fail(f"{name} は数値で入力してください: {typed[:30]!r}", f"{name} must be a number, not {typed[:30]!r}",
                       code="bad_number", field=name) from None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise fail(f"{name} は数値です", f"{name} must be a number", code="bad_number", field=name)
    problem = typed_figure_problem(typed, float(value))
    if problem:
        raise fail(f"{name} を保存できません: {problem}", f"{name} cannot be stored: {problem}", code="bad_number", field=name)
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else float(value)


def year(value: int | str | None, name: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        result = int(str(value).strip())
    except ValueError:
        raise fail(f"{name} は西暦の年度です: {str(value)[:20]!r}", f"{name} is a fiscal year such as 2030, not {str(value)[:20]!r}",
                   code="bad_year", field=name, first=FIRST_YEAR, last=LAST_YEAR) from None
    if not FIRST_YEAR <= result <= LAST_YEAR:
        raise fail(f"{name} は {FIRST_YEAR}〜{LAST_YEAR} の年度です", f"{name} must be between {FIRST_YEAR} and {LAST_YEAR}",
                   code="bad_year", field=name, first=FIRST_YEAR, last=LAST_YEAR)
    return result


def choice(value: str | None, name: str, allowed: Sequence[str]) -> str | None:
    value = (value or "").strip() or None
    if value is not None and value not in allowed:
        raise fail(f"{name} は {'/'.join(allowed)} のいずれかです", f"{name} is one of {', '.join(allowed)}, not {value[:30]!r}",
                   code="bad_choice", field=name)
    return value


def _shown(value: float | int | None, unit: str | None = None) -> str | None:
    """A figure as printed: 30.5%, 1,200人."""
    if value is None:
        return None
    return (f"{value:,}" if isinstance(value, int) else f"{value:,.15g}") + (unit or "")


# --- indicators -------------------------------------------------------------------------

def _indicator(edit: Editing, ref: int | str) -> m.Indicator:
    if isinstance(ref, int):
        row = edit.session.get(m.Indicator, ref)
        if row is None or row.plan_id != edit.plan.id:
            raise NotFoundError(f"この計画に指標 {ref} はありません / no indicator {ref} in this plan")
        return row
    rows = store.indicators_named(edit.session, edit.plan.id, ref.strip())
    if len(rows) > 1:
        raise NotFoundError(f"指標名 {ref!r} が複数あります。ID で指定してください / indicator name {ref!r} is ambiguous: "
                            f"use an id ({', '.join(str(r.id) for r in rows)})")
    if not rows:
        raise NotFoundError(f"この計画に指標 {ref!r} はありません / no indicator {ref!r} in this plan")
    return rows[0]


def indicator_snapshot(row: m.Indicator) -> dict[str, Any]:
    data = {f: getattr(row, f) for f in INDICATOR_FIELDS}
    data["node_id"] = row.node_id
    data["interim_targets"] = [{"year": t.year, "value": t.value, "text": t.text} for t in row.interim_targets]
    for f in SURVEY_FIELDS:  # a survey indicator's (市民意識調査) setting, recorded once it has one
        if getattr(row, f) is not None:
            data[f] = getattr(row, f)
    return data


SURVEY_FIELDS = ("survey_confidence", "baseline_sample_size", "baseline_margin")


def confidence(value: Number) -> float | None:
    """A survey's confidence level, strictly between 0 and 1 (0.95); None for blank: not a survey."""
    level = number(value, "survey_confidence")
    if level is not None and not 0 < level < 1:
        raise fail(f"信頼水準は 0 より大きく 1 未満で入力してください（例: 0.95）: {level}",
                   f"a confidence level lies strictly between 0 and 1 (0.95), not {level}",
                   code="bad_confidence", field="survey_confidence")
    return None if level is None else float(level)


def sample_size(value: Number, name: str) -> int | None:
    """A survey's sample size: a whole number from 1 to 100,000,000; None for blank."""
    n = number(value, name)
    if n is not None and (not float(n).is_integer() or not 1 <= n <= 100_000_000):
        raise fail(f"標本数は 1 以上の整数で入力してください: {n}", f"a sample size is a whole number from 1, not {n}",
                   code="bad_sample_size", field=name)
    return None if n is None else int(n)


def _set_value(row: m.Indicator, prefix: str, value: Any, year_: Any) -> None:
    """A baseline or target from its figure and year; the printed words become the figure."""
    new_value = getattr(row, f"{prefix}_value") if value is KEEP else value
    new_year = getattr(row, f"{prefix}_year") if year_ is KEEP else year_
    setattr(row, f"{prefix}_value", new_value)
    setattr(row, f"{prefix}_year", new_year)
    if value is not KEEP:
        setattr(row, f"{prefix}_text", _shown(new_value, row.unit))
        setattr(row, f"{prefix}_origin", None)
    setattr(row, f"has_{prefix}", new_value is not None or new_year is not None or bool(getattr(row, f"{prefix}_text")))


def update_indicator(engine: Engine, *, user: UserInfo, plan: int | str, version: str, indicator: int | str,
                     name: str = KEEP, unit: str | None = KEEP, direction: str | None = KEEP, kind: str | None = KEEP,
                     baseline_value: Number = KEEP, baseline_year: int | str | None = KEEP,
                     target_value: Number = KEEP, target_year: int | str | None = KEEP,
                     interim_targets: Sequence[tuple[int | str | None, Number]] = KEEP,
                     definition: str | None = KEEP, survey_confidence: Number = KEEP,
                     baseline_sample_size: Number = KEEP) -> EditResult:
    """Correct an indicator; a field left at KEEP stays as stored. ``interim_targets`` (year,
    value) pairs replace those stored. A changed baseline or target figure is also its printed text.
    ``survey_confidence`` marks a share from a citizen survey (blank: not a survey), with the
    baseline's ``baseline_sample_size``."""
    given = {"name": name, "unit": unit, "direction": direction, "kind": kind, "baseline_value": baseline_value,
             "baseline_year": baseline_year, "target_value": target_value, "target_year": target_year,
             "interim_targets": interim_targets, "definition": definition, "survey_confidence": survey_confidence,
             "baseline_sample_size": baseline_sample_size}
    attempted = {k: v for k, v in given.items() if v is not KEEP}
    with editing(engine, user=user, plan=plan, version=version, attempted=attempted) as edit:
        row = _indicator(edit, indicator)
        before = indicator_snapshot(row)
        if name is not KEEP:
            row.name = text(name, "name", limit=pf.NAME_CHARS, required=True)  # type: ignore[assignment]
        if unit is not KEEP:
            row.unit = text(unit, "unit", limit=pf.LEVEL_CHARS)
        if direction is not KEEP:
            row.direction = choice(direction, "direction", [d.value for d in Direction])
        if kind is not KEEP:
            row.kind = choice(kind, "kind", [k.value for k in IndicatorKind])
        if definition is not KEEP:
            row.definition = text(definition, "definition", limit=pf.TEXT_CHARS)
        if survey_confidence is not KEEP:
            row.survey_confidence = confidence(survey_confidence)
        if baseline_sample_size is not KEEP:
            row.baseline_sample_size = sample_size(baseline_sample_size, "baseline_sample_size")
        _set_value(row, "baseline", KEEP if baseline_value is KEEP else number(baseline_value, "baseline_value"),
                   KEEP if baseline_year is KEEP else year(baseline_year, "baseline_year"))
        _set_value(row, "target", KEEP if target_value is KEEP else number(target_value, "target_value"),
                   KEEP if target_year is KEEP else year(target_year, "target_year"))
        if interim_targets is not KEEP:
            pairs = [(year(y, "interim_targets.year"), number(v, "interim_targets.value")) for y, v in interim_targets]
            pairs = sorted((p for p in pairs if p != (None, None)), key=lambda p: (p[0] is None, p[0] or 0))
            row.interim_targets.clear()
            edit.session.flush()
            row.interim_targets.extend(m.InterimTarget(position=i, year=y, value=v, text=_shown(v, row.unit))
                                       for i, (y, v) in enumerate(pairs))
        edit.session.flush()
        store.reindex_indicator(edit.session, row)
        after = indicator_snapshot(row)
        if after != before:
            edit.record("update", "indicator", row.id, row.name, before, after)
    return edit.result  # type: ignore[return-value]


def delete_indicator(engine: Engine, *, user: UserInfo, plan: int | str, version: str, indicator: int | str,
                     confirm: bool = False) -> EditResult:
    """Delete an indicator; one with actuals only when ``confirm`` (they go with it)."""
    with editing(engine, user=user, plan=plan, version=version, attempted={"indicator": indicator}) as edit:
        row = _indicator(edit, indicator)
        actuals = store.indicator_usage(edit.session, row.id)
        if actuals and not confirm:
            raise DeleteNeedsConfirmation(
                f"指標 {row.name} には実績値が {actuals} 件あります。削除するには確認してください / "
                f"indicator {row.name} has {actuals} actuals: confirm to delete them with it",
                usage={"actuals": actuals, "sheets": 0, "progress": 0})
        before = {**indicator_snapshot(row), "actuals": actuals}
        store.drop_search(edit.session, edit.plan.id, "indicator", [row.id])
        edit.session.delete(row)
        edit.session.flush()
        edit.record("delete", "indicator", row.id, row.name, before, None)
    return edit.result  # type: ignore[return-value]


# --- sections ---------------------------------------------------------------------------

def set_sections(engine: Engine, *, user: UserInfo, plan: int | str, version: str, node: int | str,
                 sections: Sequence[tuple[str, str | None]]) -> EditResult:
    """Replace a node's texts (現況と課題, 施策の方向性 …) with (heading, text) pairs; bullet items
    of a section whose heading stays are kept. A pair with an empty heading and text is dropped."""
    attempted = {"sections": [list(s) for s in sections]}
    with editing(engine, user=user, plan=plan, version=version, attempted=attempted) as edit:
        row = edit.node(node)
        before = node_snapshot(row)
        items = {s.heading: list(s.items) for s in row.sections}
        wanted = []
        for heading, body in sections:
            h = text(heading, "heading", limit=pf.NAME_CHARS)
            b = text(body, "text", limit=pf.TEXT_CHARS)
            if h is None and b is None:
                continue
            if h is None:
                raise fail("見出しのない本文があります", "a section text needs a heading", code="missing", field="heading")
            wanted.append((h, b))
        row.sections.clear()
        edit.session.flush()
        row.sections.extend(m.NodeSection(position=i, heading=h, text=b, items=items.get(h, []))
                            for i, (h, b) in enumerate(wanted))
        edit.session.flush()
        store.reindex_node(edit.session, row)
        after = node_snapshot(row)
        if after != before:
            edit.record("update", "node", row.id, node_label(row), before, after)
    return edit.result  # type: ignore[return-value]


# --- projects ---------------------------------------------------------------------------

def _project(edit: Editing, project_id: int) -> m.Project:
    row = edit.session.get(m.Project, project_id)
    if row is None or row.plan_id != edit.plan.id:
        raise NotFoundError(f"この計画に事業 {project_id} はありません / no project {project_id} in this plan")
    return row


def project_snapshot(row: m.Project) -> dict[str, Any]:
    return {"node_id": row.node_id, "name": row.name, "department": row.department.name if row.department else None,
            "stages": {str(s.year): s.stage for s in sorted(row.stages, key=lambda s: s.year)}}


def _stages(stages: dict[int | str, str | None]) -> dict[int, str]:
    out: dict[int, str] = {}
    for y, stage in stages.items():
        fy = year(y, "stages.year")
        word = text(stage, "stages.stage", limit=pf.LEVEL_CHARS)
        if fy is not None and word is not None:
            out[fy] = word
    return dict(sorted(out.items()))


def _next_position(edit: Editing, model: type[m.Base]) -> int:
    return store.next_position(edit.session, model, edit.plan.id)


def save_project(engine: Engine, *, user: UserInfo, plan: int | str, version: str, project: int | None = None,
                 node: int | str | None = None, name: str = KEEP, department: str | None = KEEP,
                 stages: dict[int | str, str | None] = KEEP) -> EditResult:
    """Add a project under ``node`` (``project`` None) or change one: its name, department and
    its stage per fiscal year (``stages`` replaces them all; a blank stage drops the year)."""
    attempted = {k: v for k, v in {"project": project, "node": node, "name": name, "department": department,
                                   "stages": stages}.items() if v is not KEEP}
    with editing(engine, user=user, plan=plan, version=version, attempted=attempted) as edit:
        if project is None:
            if node is None:
                raise fail("事業を置くノードを選んでください", "choose the node of the new project", code="missing", field="node")
            owner = edit.node(node)
            row = m.Project(plan_id=edit.plan.id, node_id=owner.id, position=_next_position(edit, m.Project),
                            name=text(name if name is not KEEP else None, "name", limit=pf.NAME_CHARS, required=True))
            edit.session.add(row)
            before = None
        else:
            row = _project(edit, project)
            before = project_snapshot(row)
            if node is not None:
                row.node_id = edit.node(node).id
            if name is not KEEP:
                row.name = text(name, "name", limit=pf.NAME_CHARS, required=True)  # type: ignore[assignment]
        if department is not KEEP:
            names = departments_list([department] if department else [], "department")
            row.department = store.department_by_name(edit.session, edit.plan.municipality_id, names[0]) if names else None
        if stages is not KEEP:
            wanted = _stages(stages)
            row.stages.clear()
            edit.session.flush()
            row.stages.extend(m.ProjectStage(year=y, stage=s) for y, s in wanted.items())
        edit.session.flush()
        store.reindex_project(edit.session, row)
        after = project_snapshot(row)
        if after != before:
            edit.record("create" if before is None else "update", "project", row.id, row.name, before, after)
    return edit.result  # type: ignore[return-value]


def delete_project(engine: Engine, *, user: UserInfo, plan: int | str, version: str, project: int,
                   confirm: bool = False) -> EditResult:
    with editing(engine, user=user, plan=plan, version=version, attempted={"project": project}) as edit:
        row = _project(edit, project)
        progress = store.project_usage(edit.session, row.id)
        if progress and not confirm:
            raise DeleteNeedsConfirmation(
                f"事業 {row.name} には進捗の記録が {progress} 件あります。削除するには確認してください / "
                f"project {row.name} has {progress} progress records: confirm to delete them with it",
                usage={"actuals": 0, "sheets": 0, "progress": progress})
        before = project_snapshot(row)
        store.drop_search(edit.session, edit.plan.id, "project", [row.id])
        edit.session.delete(row)
        edit.session.flush()
        edit.record("delete", "project", row.id, before["name"], before, None)
    return edit.result  # type: ignore[return-value]


# --- actions ----------------------------------------------------------------------------

def action_snapshot(row: m.Action) -> dict[str, Any]:
    return {"node_id": row.node_id, "number": row.number, "title": row.title, "items": list(row.items)}


def save_action(engine: Engine, *, user: UserInfo, plan: int | str, version: str, action: int | None = None,
                node: int | str | None = None, title: str = KEEP, number: str | None = KEEP,
                items: Sequence[str] = KEEP) -> EditResult:
    """Add an action (主な取組) under ``node`` (``action`` None) or change one's number, title, items."""
    attempted = {k: v for k, v in {"action": action, "node": node, "title": title, "number": number,
                                   "items": items}.items() if v is not KEEP}
    with editing(engine, user=user, plan=plan, version=version, attempted=attempted) as edit:
        if action is None:
            if node is None:
                raise fail("取組を置くノードを選んでください", "choose the node of the new action", code="missing", field="node")
            row = m.Action(plan_id=edit.plan.id, node_id=edit.node(node).id, position=_next_position(edit, m.Action),
                           title=text(title if title is not KEEP else None, "title", limit=pf.NAME_CHARS, required=True),
                           items=[])
            edit.session.add(row)
            before = None
        else:
            row = edit.session.get(m.Action, action)
            if row is None or row.plan_id != edit.plan.id:
                raise NotFoundError(f"この計画に取組 {action} はありません / no action {action} in this plan")
            before = action_snapshot(row)
            if title is not KEEP:
                row.title = text(title, "title", limit=pf.NAME_CHARS, required=True)  # type: ignore[assignment]
        if number is not KEEP:
            row.number = text(number, "number", limit=pf.LEVEL_CHARS)
        if items is not KEEP:
            row.items = [t for t in (text(i, "items", limit=pf.TEXT_CHARS) for i in items) if t]
        edit.session.flush()
        store.reindex_node(edit.session, edit.session.get(m.Node, row.node_id))
        after = action_snapshot(row)
        if after != before:
            edit.record("create" if before is None else "update", "action", row.id, row.title, before, after)
    return edit.result  # type: ignore[return-value]


def delete_action(engine: Engine, *, user: UserInfo, plan: int | str, version: str, action: int) -> EditResult:
    with editing(engine, user=user, plan=plan, version=version, attempted={"action": action}) as edit:
        row = edit.session.get(m.Action, action)
        if row is None or row.plan_id != edit.plan.id:
            raise NotFoundError(f"この計画に取組 {action} はありません / no action {action} in this plan")
        before, node_id = action_snapshot(row), row.node_id
        edit.session.delete(row)
        edit.session.flush()
        store.reindex_node(edit.session, edit.session.get(m.Node, node_id))
        edit.record("delete", "action", action, before["title"], before, None)
    return edit.result  # type: ignore[return-value]


# --- links between plans ----------------------------------------------------------------

def link_snapshot(row: m.NodeLink) -> dict[str, Any]:
    return {"source_node_id": row.source_node_id, "type": row.type, "target_plan": row.target_plan_key,
            "target_node": row.target_node_key, "note": row.note}


def add_link(engine: Engine, *, user: UserInfo, plan: int | str, version: str, node: int | str, type: str,  # noqa: A002
             target_plan: str | None, target_node: str | None = None, note: str | None = None) -> EditResult:
    """Link a node to a node (or the whole) of another plan, or of this one (``target_plan`` None).
    The target must exist when it is named."""
    attempted = {"node": node, "type": type, "target_plan": target_plan, "target_node": target_node, "note": note}
    with editing(engine, user=user, plan=plan, version=version, attempted=attempted) as edit:
        source = edit.node(node)
        kind = choice(type, "type", [t.value for t in LinkType])
        if kind is None:
            raise fail("関連の種類を選んでください", "choose the type of the link", code="missing", field="type")
        plan_key = text(target_plan, "target_plan", limit=pf.KEY_CHARS)
        node_key = text(target_node, "target_node", limit=pf.NODE_ID_CHARS)
        target = repo.plan_by_key(edit.session, key=plan_key) if plan_key else edit.plan
        if target is None:
            raise fail(f"計画 {plan_key!r} はありません", f"no plan {plan_key!r}", code="bad_target", field="target_plan")
        if node_key is not None and node_key not in store.node_keys(edit.session, target.id):
            raise fail(f"計画 {target.key} にノード {node_key!r} はありません", f"no node {node_key!r} in plan {target.key}",
                       code="bad_target", field="target_node")
        if plan_key is None and node_key is None:
            raise fail("関連先を指定してください", "name the plan or node to link to", code="missing", field="target_node")
        row = m.NodeLink(plan_id=edit.plan.id, position=_next_position(edit, m.NodeLink), source_node_id=source.id,
                         type=kind, target_plan_key=plan_key if target.id != edit.plan.id else None,
                         target_node_key=node_key, note=text(note, "note", limit=pf.TEXT_CHARS))
        edit.session.add(row)
        edit.session.flush()
        edit.record("create", "node_link", row.id, node_label(source), None, link_snapshot(row))
    return edit.result  # type: ignore[return-value]


def delete_link(engine: Engine, *, user: UserInfo, plan: int | str, version: str, link: int) -> EditResult:
    with editing(engine, user=user, plan=plan, version=version, attempted={"link": link}) as edit:
        row = edit.session.get(m.NodeLink, link)
        if row is None or row.plan_id != edit.plan.id:
            raise NotFoundError(f"この計画に関連 {link} はありません / no link {link} in this plan")
        before = link_snapshot(row)
        edit.session.delete(row)
        edit.session.flush()
        edit.record("delete", "node_link", link, None, before, None)
    return edit.result  # type: ignore[return-value]
