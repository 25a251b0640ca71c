"""``keikaku import FILE --into PLAN``: preview a corrected edition against a stored plan, then correct it in place
(``--yes``) or store it as a new revision beside it (``--as-revision``). Without either, nothing is written."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from keikaku.cli.messages import MESSAGES, t

MESSAGES.update({
    "revise_none": ("変更はありません: {key}", "no changes: {key}"),
    "revise_added": ("追加", "added"),
    "revise_removed": ("削除", "removed"),
    "revise_changed": ("変更", "changed"),
    "revise_orphans": ("入力済みのデータが失われます (--yes で確認して適用):", "entered data would be deleted (confirm with --yes):"),
    "revise_dry": ("プレビューのみです。何も書き込んでいません。--yes でこの計画を修正、--as-revision で新しい版として登録します。",
                   "preview only; nothing was written. --yes corrects this plan in place, --as-revision stores a new revision."),
    "revise_applied": ("この計画を修正しました: {key} (id {id})", "corrected in place: {key} (id {id})"),
    "revise_stored": ("新しい版として登録しました: {key} (id {id}, 改訂元: {of})", "stored as a new revision: {key} (id {id}, revision of {of})"),
    "revise_both": ("--yes と --as-revision は同時に指定できません", "--yes and --as-revision cannot be given together"),
    "revise_one_file": ("--into には文書を一つだけ指定します", "--into takes exactly one document"),
})

SHOWN = 120  # characters of a text shown before and after


def _short(value: Any) -> str:
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def preview_lines(data: dict[str, Any]) -> list[str]:
    """The preview as text lines: one per record, one indented per field."""
    lines: list[str] = []
    for group, mark in (("added", "+"), ("removed", "-"), ("changed", "~")):
        for item in data[group]:
            head = " ".join(filter(None, [item["kind"], item.get("level"), item.get("number"), item["name"]]))
            lines.append(f"{mark} [{t('revise_' + group)}] {head}")
            for f in item["fields"]:
                lines.append(f"    {f['field']}: {_short(f['before'])} → {_short(f['after'])}")
    return lines


def import_into(file: Path, plan: str, *, yes: bool, as_revision: bool, fmt: str, ocr: bool, echo: Any) -> None:
    """Preview ``file`` against ``plan``; apply it with ``yes`` or store it beside with ``as_revision``."""
    from keikaku.cli.main import open_database
    from keikaku.services import revise

    if yes and as_revision:
        raise typer.BadParameter(t("revise_both"))
    engine = open_database()
    doc = revise.extract_edition(file, ocr=ocr, name=file.name)
    shown = revise.preview(engine, plan, doc)
    data = shown.to_json()
    if fmt == "json":
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        lines = preview_lines(data)
        echo("\n".join(lines) if lines else t("revise_none", key=shown.plan_key))
        if shown.losses:
            echo(t("revise_orphans"))
            for loss in shown.losses:
                echo("  ! " + loss.describe())
    if as_revision:
        result = revise.store_as_revision(engine, shown.plan_id, doc)
        (echo if fmt != "json" else _stderr)(t("revise_stored", key=result.key, id=result.plan_id, of=shown.plan_key))
    elif yes:
        result = revise.correct_in_place(engine, shown.plan_id, doc, confirm=True)
        (echo if fmt != "json" else _stderr)(t("revise_applied", key=result.key, id=result.plan_id))
    elif fmt != "json":
        echo(t("revise_dry"))


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")
