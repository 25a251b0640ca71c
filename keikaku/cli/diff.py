"""``keikaku diff PLAN_A PLAN_B``: two revisions of a plan aligned (a draft and its final text).

A thin wrapper over ``keikaku.services.revisions.diff_plans``; the rules of the alignment are in
``keikaku/domain/alignment.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer

from keikaku.cli.messages import MESSAGES, t

# This command's words, kept beside it (messages.py holds the shared ones).
MESSAGES.update({
    "diff_heading": ("A: {a} [{a_status}] (id {a_id})\nB: {b} [{b_status}] (id {b_id})",
                     "A: {a} [{a_status}] (id {a_id})\nB: {b} [{b_status}] (id {b_id})"),
    "diff_counts": ("同一 {same}、文言変更 {reworded}、移動 {moved}、削除 (A のみ) {only_a}、追加 (B のみ) {only_b}",
                    "same {same}, reworded {reworded}, moved {moved}, removed (only in A) {only_a}, added (only in B) {only_b}"),
    "diff_col_change": ("変更", "change"),
    "diff_col_a": ("改訂前 (A)", "earlier (A)"),
    "diff_col_b": ("改訂後 (B)", "later (B)"),
    "diff_col_score": ("類似度", "similarity"),
    "diff_col_baseline": ("現状値 (A → B)", "baseline (A → B)"),
    "diff_col_target": ("目標値 (A → B)", "target (A → B)"),
    "diff_indicators": ("指標", "indicators"),
    "change_same": ("同一", "same"),
    "change_reworded": ("文言変更", "reworded"),
    "change_moved": ("移動", "moved"),
    "change_removed": ("削除", "removed"),
    "change_added": ("追加", "added"),
})


class DiffFormat(StrEnum):
    table = "table"
    json = "json"


def _node(ref: Any) -> str:
    return "—" if ref is None else " ".join(filter(None, [ref.level, ref.number, ref.title]))


def _value(v: Any, unit: str | None) -> str:
    if v is None:
        return "—"
    text = v.text or ("—" if v.value is None else f"{v.value:,}{unit or ''}")
    return f"{text} ({v.year})" if v.year else text


def diff_command(
    plan_a: Annotated[str, typer.Argument(help="改訂前の計画 (ID またはキー) / The earlier plan (id or key).", show_default=False)],
    plan_b: Annotated[str, typer.Argument(help="改訂後の計画 (ID またはキー) / The later plan (id or key).", show_default=False)],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="table または json / Output format.")] = DiffFormat.table,
) -> None:
    """二つの版の比較 (案と策定版) / Align two revisions of a plan, e.g. a draft and its final text.

    Nodes are paired by equal titles, then by level and numbering, then by similar titles
    (rapidfuzz ratio ≥ 60); each pair is same, reworded or moved. --format json prints
    {"pairs": [{"a": {"level", "number", "title"}, "b": {…}, "change"}], "only_a": [...],
    "only_b": [...], "indicators": {"pairs", "only_a", "only_b"}}.
    """
    from rich.table import Table

    from keikaku.cli.main import open_database, out, print_json
    from keikaku.services.revisions import diff_plans

    diff = diff_plans(open_database(), plan_a, plan_b)
    if format is DiffFormat.json:
        print_json(diff.alignment.to_json())
        return
    console = out()
    console.print(t("diff_heading", a=diff.a.title, a_status=diff.a.status_word, a_id=diff.a.id,
                    b=diff.b.title, b_status=diff.b.status_word, b_id=diff.b.id), highlight=False, markup=False)
    console.print(t("diff_counts", **diff.counts), highlight=False)
    table = Table()
    for key in ("diff_col_change", "diff_col_a", "diff_col_b", "diff_col_score"):
        table.add_column(t(key), overflow="fold", no_wrap=key in ("diff_col_change", "diff_col_score"))
    for row in diff.rows:
        table.add_row(t("change_" + row.change), _node(row.a), _node(row.b), "—" if row.score is None else f"{row.score:.0f}")
    console.print(table)
    al = diff.alignment
    if al.indicator_pairs or al.indicators_only_a or al.indicators_only_b:
        ind = Table(title=t("diff_indicators"))
        for key in ("diff_col_change", "diff_col_a", "diff_col_b", "diff_col_baseline", "diff_col_target"):
            ind.add_column(t(key), overflow="fold")
        for p in al.indicator_pairs:
            figures = [f"{_value(f.before, p.a.unit)} → {_value(f.after, p.b.unit)}" if f.changed else _value(f.after, p.b.unit)
                       for f in p.figures]
            ind.add_row(t("change_" + p.change), p.a.name, p.b.name, *figures)
        for i in al.indicators_only_a:
            ind.add_row(t("change_removed"), i.name, "—", "", "")
        for i in al.indicators_only_b:
            ind.add_row(t("change_added"), "—", i.name, "", "")
        console.print(ind)


def register(app: typer.Typer, handle_errors: Callable[[Any], Any]) -> None:
    app.command("diff")(handle_errors(diff_command))
