"""Rich renderings of service results (tables and trees)."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from keikaku.cli.messages import t
from keikaku.domain import planfile as pf
from keikaku.domain.enums import JA_LABELS, status_word
from keikaku.services.plans import NodeDetail, PlanSummary, PlanTree, TreeNode


def _japanese() -> bool:
    return t("error") == "エラー"


def _label(value: str | None) -> str:
    if value is None:
        return ""
    return JA_LABELS.get(value, value) if _japanese() else value


def _status(plan: PlanSummary) -> str:
    """The plan's stage: a draft's printed word (骨子案) when known."""
    return status_word(plan.status, plan.status_label, "ja" if _japanese() else "en")


def period_text(period: tuple[int, int] | None) -> str:
    return f"{period[0]}–{period[1]}" if period else "—"


def plans_table(plans: list[PlanSummary]) -> Table:
    table = Table(show_lines=False)
    for key in ("col_id", "col_municipality", "col_title", "col_kind", "col_status", "col_period"):
        table.add_column(t(key), no_wrap=key in ("col_id", "col_period"), overflow="fold")
    for p in plans:
        muni = f"{p.municipality.name} ({p.municipality.code})"
        if p.municipality.fictional:
            muni += f" [{t('fictional')}]"
        table.add_row(str(p.id), muni, p.title, _label(p.kind), _status(p), period_text(p.period))
    return table


def _node_label(node: TreeNode) -> Text:
    text = Text()
    text.append(f"{node.level} ", style="dim")
    if node.number:
        text.append(f"{node.number} ", style="bold")
    text.append(node.title)
    if node.indicators or node.projects or node.actions:
        text.append("  " + t("counts", indicators=node.indicators, projects=node.projects, actions=node.actions), style="cyan")
    return text


def plan_tree(tree: PlanTree) -> Tree:
    p = tree.plan
    head = Text(f"{p.title}", style="bold")
    stage = f" · {_status(p)}" if p.status == "draft" else ""
    head.append(f"  {p.municipality.name} · {_label(p.kind)}{stage} · {period_text(p.period)}", style="dim")
    if p.municipality.fictional:
        head.append(f" [{t('fictional')}]", style="yellow")
    root = Tree(head)
    if tree.vision:
        root.add(Text(tree.vision, style="italic"))

    def add(branch: Tree, node: TreeNode) -> None:
        sub = branch.add(_node_label(node))
        for child in node.children:
            add(sub, child)

    for node in tree.roots:
        add(root, node)
    return root


def _value_text(value: pf.Value | None) -> str:
    if value is None:
        return "—"
    shown = value.text or ("" if value.value is None else f"{value.value}")
    return f"{shown} ({value.year})" if value.year else shown


def node_detail(detail: NodeDetail) -> Group:
    n = detail.node
    parts: list[object] = [Text(f"{n.level} {n.number or ''} {n.title}".replace("  ", " "), style="bold")]
    if n.name or n.subtitle:
        parts.append(Text(" / ".join(x for x in (n.name, n.subtitle) if x), style="dim"))
    if n.fields:
        parts.append(Text("（" + "、".join(n.fields) + "）"))
    if n.departments:
        parts.append(Text(f"{t('departments')}: " + "、".join(n.departments)))
    if n.sdgs:
        parts.append(Text("SDGs: " + ", ".join(str(g) for g in n.sdgs)))
    for s in n.sections:
        parts.append(Text(f"\n■ {s.heading}", style="bold"))
        if s.text:
            parts.append(Text(s.text))
        parts.extend(Text(f"・{item}") for item in s.items)
    if detail.indicators:
        table = Table(title=t("indicators"), title_justify="left")
        for key in ("col_indicator", "col_unit", "col_direction", "col_baseline", "col_target", "col_actuals"):
            table.add_column(t(key))
        for ind in detail.indicators:
            actuals = ", ".join(f"{a.year}: {a.text or a.value}" for a in ind.actuals)
            table.add_row(ind.name, ind.unit or "", _label(ind.direction), _value_text(ind.baseline), _value_text(ind.target), actuals)
        parts.append(table)
    if detail.projects:
        years = sorted({y for p in detail.projects for y in p.schedule})
        table = Table(title=t("projects"), title_justify="left")
        table.add_column(t("col_project"))
        for y in years:
            table.add_column(str(y))
        for p in detail.projects:
            table.add_row(p.name, *(p.schedule.get(y, "") for y in years))
        parts.append(table)
    if detail.actions:
        parts.append(Text(f"\n■ {t('actions')}", style="bold"))
        for a in detail.actions:
            parts.append(Text(f"{a.number or ''}{a.title}"))
            parts.extend(Text(f"  ・{item}") for item in a.items)
    if detail.roles:
        parts.append(Text(f"\n■ {t('roles')}", style="bold"))
        parts.extend(Text(f"{r.actor}…{r.role}") for r in detail.roles)
    if detail.individual_plans:
        parts.append(Text(f"\n■ {t('individual_plans')}", style="bold"))
        for r in detail.individual_plans:
            span = f"{r.period.start}–{r.period.end}" if r.period else "—"
            parts.append(Text(f"{r.name}  {r.adopted_year or ''}  {span}  {r.department or ''}"))
    if detail.links:
        parts.append(Text(f"\n■ {t('links')}", style="bold"))
        for link in detail.links:
            parts.append(Text(f"{_label(link.type)} → {link.target.plan or detail.plan.key} {link.target.node or ''}"))
    if detail.children:
        parts.append(Text(""))
        parts.extend(Text(f"└ {c.level} {c.number or ''} {c.title}") for c in detail.children)
    return Group(*parts)
