"""Words of the progress board's open items and reminders (keikaku.services.reminders)."""

from __future__ import annotations

from keikaku.services.cycle import PLAN_WIDE_WORDS

REMINDER_WORDS: dict[str, tuple[str, str]] = {
    "open_items": ("未対応", "Open items"),
    "open_counts": ("未入力・未提出 {missing}件・差戻し {returned}件", "{missing} missing, {returned} returned"),
    "item_actual": ("実績値が未入力", "Actual not entered"),
    "item_sheet": ("評価シートが未提出", "Sheet not submitted"),
    "item_returned": ("差戻し", "Returned"),
    "plan_wide": PLAN_WIDE_WORDS,
    "last_reminder": ("最終督促", "Last reminder"),
    "none": ("なし", "none"),
}
