"""A fourteenth round: evaluation forms of other shapes, held out, and what they read after its rules.

``tests/data/blind_forms_14`` holds twelve forms (a 中間・事後 sheet with 活動指標 / 成果指標 cells before
the names and 最終目標値 | 目標年度 columns, 指標名（単位） cells, 目標値 / 見込値 / 実績値 rows, a one-row-a-
project list, 主要な経年データ with 達成目標 cells, 工程表 records, labels printed one character a line,
years over 予定 / 実績 pairs, 区分 and ポイント columns, a 方向 column of arrows, 上段 / 下段 stacked
rows, records with 基準年度 / 目標年度 fields) composed with invented names and figures (see its README).
Scored before any rule of the round: 26 of 46 indicators found, 10 fully right, 101 of 198 figures,
16 wrong extra indicators. The rules, each with composed variants in ``test_import_forms_14_rules.py``:

- a money caption right after an indicator table's rows (``区分 （単位：千円） R4年度決算 …``) ends the
  table: the cost rows under it are no part of it (``segment``, ``moneytables.is_money_caption``);
- a record's 基準年度 / 目標年度 field over a year alone dates its baseline or target
  (``verticalrecords``, ``[role_years]`` of ``lexicon/headers.toml``);
- a 上段 / 下段 legend over a table's header is a caption, and the table is also read without the
  lines of figures only under its rows, which ``stackedrows`` then gives as the lower halves;
- years over 予定 / 実績 pairs may end with a year printing 予定 only (``subcolumns``);
- a unit cost (単位コスト) is money, and a money table's caption run into its header cells names no
  row (``norows``);
- 評価対象となる指標 heads the names, 参考情報 is a note column (``lexicon/headers.toml``).

Scored after: 34 of 46 found, 24 fully right, 197 of 243 figures, 13 wrong extras. Still short: 03
(見込値 rows of fewer cells, one cell per line), 04 (a list whose header spans two lines), 05 (the
years' line under the header, two header cells one space apart), 06 (工程表 records split by 成果指標
lines), 07 (labels one character a line, 前年度 / 評価年度 heads, the cost rows) and 09 (the ポイント
column read as page numbers, 基本事業N cells as headings).
"""

from __future__ import annotations

from pathlib import Path

from tests.held_out import score_pinned

BLIND = Path(__file__).resolve().parent / "data" / "blind_forms_14"

PINNED = {
    "01_jimujigyo_mokuhyonendo_seed.txt": (4, 4, 24, 24),
    "02_jimujigyo_tanni_layout.txt": (4, 4, 20, 20),
    "03_seisaku_mikomi_plain.txt": (3, 3, 3, 24),
    "04_ichiran_jisseki_seed.txt": (0, 6, 0, 6),
    "05_keinen_tassei_layout.txt": (3, 4, 18, 25),
    "06_koteihyo_kiroku_plain.txt": (1, 3, 5, 7),
    "07_hyokasho_tate_seed.txt": (1, 3, 1, 7),
    "08_yotei_jisseki_layout.txt": (3, 3, 15, 15),
    "09_kihonjigyo_point_plain.txt": (3, 4, 15, 19),
    "10_sokatsu_houkou_seed.txt": (5, 5, 40, 40),
    "11_jodan_gedan_layout.txt": (3, 3, 24, 24),
    "12_kijun_nendo_plain.txt": (4, 4, 32, 32),
}


def test_the_held_out_forms_read_at_least_their_pins() -> None:
    indicators, fully_right, documents = score_pinned(BLIND, PINNED)
    assert indicators == 46
    assert fully_right == 24 and documents == 6
