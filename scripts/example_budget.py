"""Write the fictional city かえで市's budget workbook: keikaku/data/example/kaede-budget.xlsx.

Every figure is invented for the demo (the sheets say 架空). Three sheets, as a finance division
keeps them: 事業別予算 (one row per project and fiscal year, amounts in 千円, a column per
funding source, staff time in 人工), 人件費単価 (cost per person per year) and 財政フレーム
(planned amount per measure and year). `keikaku budget import` reads it into the example plan:

    python scripts/example_budget.py [OUT.xlsx]
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook

OUT = Path(__file__).resolve().parent.parent / "keikaku" / "data" / "example" / "kaede-budget.xlsx"

# project: {year: (当初予算, 補正後予算, 決算額, 国庫, 都道府県, 地方債, その他特定財源, 正規人工, 会計年度人工)}
# in 千円; 一般財源 is the rest of the spending (決算額, else 補正後予算, else 当初予算).
PROJECTS: dict[str, dict[int, tuple]] = {
    "認定こども園整備事業": {2023: (182000, 195500, 190321, 95000, 47500, 30000, 0, "1.50", "0.50"),
                        2024: (210000, 224000, 219876.5, 109000, 54500, 35000, 1200, "1.50", "0.80"),
                        2025: (98000, None, None, 49000, 24500, 0, 0, "1.20", "0.50")},
    "学校施設長寿命化改修事業": {2023: (356000, 356000, 341250, 110000, 0, 200000, 0, "2.00", "0"),
                          2024: (412000, 430500, 428012, 140000, 0, 250000, 5000, "2.00", "0.30")},
    "オンライン講座配信事業": {2023: (4800, 4800, 4512, 0, 0, 0, 600, "0.50", "1.00"),
                         2024: (5200, 5200, 5188.123, 0, 0, 0, 700, "0.50", "1.00")},
    "まちなかウォーキング推進事業": {2024: (3100, 3100, 2954, 0, 1000, 0, 0, "0.30", "0.20")},
    "健康ポイント事業": {2023: (12500, 13100, 12980, 0, 6000, 0, 0, "0.80", "1.20"),
                   2024: (14000, 14000, 13705, 0, 6500, 0, 0, "0.80", "1.20")},
    "地域見守りネットワーク事業": {2024: (8600, 8600, 8411, 0, 4200, 0, 300, "1.00", "0.50")},
    "自主防災組織活動支援事業": {2024: (6400, 6900, 6850, 0, 0, 0, 1500, "0.60", "0")},
    "防犯カメラ設置補助事業": {2024: (9000, 9000, 8730, 0, 4365, 0, 0, "0.20", "0")},
    "空き店舗活用チャレンジ事業": {2024: (15000, 15000, 11200, 5600, 0, 0, 0, "0.70", "0.30")},
    "食品ロス削減推進事業": {2024: (2300, 2300, 2188, 0, 0, 0, 0, "0.40", "0.20")},
    "身近な公園リニューアル事業": {2024: (68000, 71000, 70125, 20000, 0, 40000, 3000, "1.00", "0")},
    "協働事業提案制度": {2024: (4000, 4000, 3620, 0, 0, 0, 0, "0.50", "0.10")},
}
RATES = {2023: (8200, 2900), 2024: (8350, 3000), 2025: (8500, 3050)}  # 千円 per person-year
FRAME = {  # 施策 (printed number): {year: planned 千円}
    "1": {2024: 215000, 2025: 120000}, "2": {2024: 420000}, "3": {2024: 5000}, "4": {2024: 3000},
    "5": {2024: 14500}, "6": {2024: 8500}, "7": {2024: 6500}, "8": {2024: 9000}, "9": {2024: 15000},
    "10": {2024: 2500}, "11": {2024: 70000}, "12": {2024: 4000},
}
HEADER = ["年度", "事業名", "当初予算", "補正後予算", "決算額", "国庫支出金", "都道府県支出金", "地方債",
          "その他特定財源", "一般財源", "正規職員（人工）", "会計年度任用職員（人工）", "備考"]


def build() -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "事業別予算"
    ws.append(["かえで市 事業別予算・決算（架空の例：実在しない市の数値です）"])
    ws.append(["単位：千円"])
    ws.append(HEADER)
    for name, years in PROJECTS.items():
        for year, (initial, revised, settled, national, pref, bonds, other, regular, fixed) in sorted(years.items()):
            spending = settled if settled is not None else revised if revised is not None else initial
            general = round(spending - national - pref - bonds - other, 3)
            ws.append([year, name, initial, revised, settled, national, pref, bonds, other, general,
                       float(regular), float(fixed), "架空"])
    rates = wb.create_sheet("人件費単価")
    rates.append(["職員1人当たり人件費（架空の例）"])
    rates.append(["単位：千円"])
    rates.append(["年度", "正規職員", "会計年度任用職員"])
    for year, (regular, fixed) in RATES.items():
        rates.append([year, regular, fixed])
    frame = wb.create_sheet("財政フレーム")
    frame.append(["中期実行プラン 財政フレーム（架空の例）"])
    frame.append(["単位：千円"])
    frame.append(["年度", "施策", "計画額"])
    for number, years in FRAME.items():
        for year, planned in years.items():
            frame.append([year, f"施策 {number}", planned])
    return wb


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    build().save(target)
    print(target)
