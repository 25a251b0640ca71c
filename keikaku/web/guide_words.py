"""Words of the staff guide pages (Japanese, English)."""

from __future__ import annotations

GUIDE_WORDS: dict[str, tuple[str, str]] = {
    "guide": ("操作ガイド", "Staff guide"),
    "guide_pages": ("操作ガイドの目次", "Pages of the staff guide"),
    "guide_missing": ("操作ガイドの文書が見つかりません（keikaku/guide がありません）。", "The staff guide's files are missing (no keikaku/guide)."),
}
