"""Words of the downloads on the public pages (keikaku/web/downloads.py, the ``downloads`` macro)."""

from __future__ import annotations

DOWNLOAD_WORDS: dict[str, tuple[str, str]] = {
    "downloads": ("データのダウンロード", "Download the data"),
    "downloads_note": ("公表済みの実績値のみを収録しています。CSV は UTF-8（BOM 付き）です。",
                       "Published actuals only. CSV files are UTF-8 with a BOM."),
    "dl_csv_plan": ("計画の全指標（CSV）", "All indicators of the plan (CSV)"),
    "dl_csv_node": ("この項目の指標（CSV）", "Indicators of this item (CSV)"),
    "dl_csv_indicator": ("この指標の実績（CSV）", "This indicator's figures (CSV)"),
    "dl_xlsx": ("施策評価シート（Excel）", "Evaluation sheets (Excel)"),
    "dl_pdf": ("施策評価報告書（PDF）", "Evaluation report (PDF)"),
    "dl_json": ("計画データ（JSON）", "Plan data (JSON)"),
    "dl_opensdg": ("Open SDG 形式（ZIP）", "Open SDG format (ZIP)"),
    "dl_catalog": ("データカタログ（DCAT, JSON-LD）", "Data catalogue (DCAT, JSON-LD)"),
}
