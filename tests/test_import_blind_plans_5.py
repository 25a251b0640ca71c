"""A fifth round of plan documents in layouts the engine had not seen, and the rules they led to.

``tests/data/blind_plans_5`` holds twelve documents composed (invented names, figures and years;
placeholder prose) as ``pdftotext`` and ``pdftotext -layout`` leave municipal PDFs: an
implementation plan's project list (活動指標, 事業量 and 事業費 per year), a prefecture's policy
indicators (基準値・目標値・最新値 with their years under the figures, 進捗率), a revitalisation
strategy's 数値目標 and KPI, a depopulation plan's goals, a public-facilities plan's floor areas
(削減率), an administrative-reform plan's goals (現状 → 目標 under each item), a childcare plan's
量の見込み and 確保方策 per year, a welfare plan's survey-based indicators with ↑↓, units in the
header, baselines dated row by row, targets as ranges or words, and 累計 notes, with
``expected.json`` in the shared scorer's format. They were scored before any rule below existed
(5 of 12 documents, 29 of 70 indicators found and fully right, 117/158 figures; default mode 2 of
6 documents and 12 of 35 indicators, -layout 3 of 6 and 17 of 35); the test at the end pins what
they read now. Each rule has a composed variant here with other names, figures, years and units:

- two role words over their years, other header cells beside them on either side, a year's place
  ``（年度）`` under a role word, a number column's word beside (``stackedheader.py``);
- years under the figures of a row that a rate closes, the name's tail beside them (``yearsunder.py``);
- a name's tail wrapped with a footnote mark (``割合 ※1``) is still the name's end (``cellwraps.py``);
- a figure → figure pair alone under a row, named by the row's cell that ends like a name (``arrowbelow.py``);
- a header printed one cell per line (指標 or 区分, value words, their years) over a body row by row
  or column by column (``headercells.py``); 削減率 is a rate (``lexicon/headers.toml``);
- a year table of expected use and supply: the supply of the last year is the service's target
  (``supplyrows.py``, ``lexicon/provision.toml``);
- a project list's activity indicator: present value and the last year's planned amount, never the
  money (``workload.py``, ``lexicon/workload.toml``);
- a document that prints its page numbers ``- 3 -`` prints no bare ones: a bare number is a cell (``normalize.py``);
- a section's title in 【】 is no indicator (``norows.py``);
- a name wrapped one cell per line, its tail a qualifier in brackets or a name's ending, its head
  closing with a particle (``plainblocks.py``);
- a full-width row number before a name is no part of it (``tables.py``).
"""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.normalize import normalise
from keikaku.importer.norows import names_no_row
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.stackedheader import join_stacked_headers
from tests.held_out import score_pinned
from tests.sheet_reading import read as read_plan

BLIND = Path(__file__).resolve().parent / "data" / "blind_plans_5"


def read(tmp_path: Path, text: str) -> list[tuple]:
    return read_plan(tmp_path, text, blank_as_none=True)


def read_directions(tmp_path: Path, text: str) -> list[tuple]:
    return read_plan(tmp_path, text, direction=True, blank_as_none=True)


TWO_WORDS_OVER_YEARS = """\
第３章 成果指標

                                               現状値            目標値
   分野       成果指標                        （令和４年度）    （令和10年度）    方向
   ア         図書館の年間貸出冊数                 412,300冊         450,000冊        ↑
   イ         読書が好きな児童の割合 ※2            71.5%             80.0%            ↑
              学校図書館の蔵書充足率               88.0%             100%             ↑

   ※2 児童アンケートによる
"""


def test_two_role_words_over_their_years_with_cells_beside_them(tmp_path: Path) -> None:
    assert read_directions(tmp_path, TWO_WORDS_OVER_YEARS) == [
        ("図書館の年間貸出冊数", "冊", "increase", (412300, 2022), (450000, 2028), []),
        ("読書が好きな児童の割合", "%", "increase", (71.5, 2022), (80, 2028), []),
        ("学校図書館の蔵書充足率", "%", "increase", (88, 2022), (100, 2028), []),
    ]


def test_two_words_over_other_text_join_nothing() -> None:
    top = "                        現状値            目標値"
    below = "     ここでは            説明の文章が      続きます"
    doc = join_stacked_headers(_raw(f"{top}\n{below}"))
    assert [line.text for line in doc.lines] == [top, below]


YEARS_UNDER_FIGURES_AND_A_RATE = """\
【主要指標の推移】
                                   基準値          目標値          最新値          進捗状況
 No.   指標名                      （年度）        （年度）        （年度）        （達成率）
 1     1日当たりの公共交通利用者     8,420人         9,000人         8,710人          50.0%
       数                          （R2）          （R8）          （R5）
 2     路線バスの定時運行率          91.0%           95.0%           93.0%            50.0%
                                   （R2）          （R8）          （R6）
"""


def test_years_under_the_figures_of_a_row_closed_by_a_rate(tmp_path: Path) -> None:
    assert read(tmp_path, YEARS_UNDER_FIGURES_AND_A_RATE) == [
        ("1日当たりの公共交通利用者数", "人", (8420, 2020), (9000, 2026), [(2023, 8710)]),
        ("路線バスの定時運行率", "%", (91, 2020), (95, 2026), [(2024, 93)]),
    ]


ARROWS_UNDER_ROWS = """\
  重点取組２ 人材の育成

   No.   取組項目                   所管課          取組目標
   2-1   研修制度の充実             人事課          職員研修の年間受講者数
                                                   310人（R4） → 480人（R8）
   2-2   女性職員の登用             人事課          管理職に占める女性の割合
                                                   12.5%（R5） → 25.0%（R10）
   2-3   業務の見直し               行政管理課      見直しを行った業務の数
                                                   設計 → 実施
"""


def test_a_pair_under_a_row_named_by_its_cell_that_ends_like_a_name(tmp_path: Path) -> None:
    assert read(tmp_path, ARROWS_UNDER_ROWS) == [
        ("職員研修の年間受講者数", "人", (310, 2022), (480, 2026), []),
        ("管理職に占める女性の割合", "%", (12.5, 2023), (25, 2028), []),
    ]


CELLS_ROW_BY_ROW = """\
２ 目標値

区分
基準値
（令和元年度末）
目標値
（令和16年度末）
縮減率
庁舎・支所の延床面積
48,200㎡
41,000㎡
14.9%
公民館・集会施設の延床
面積
22,600㎡
19,200㎡
15.0%
"""

CELLS_COLUMN_BY_COLUMN = """\
【重要業績評価指標（KPI）】
指標
現状値（R2）
目標値（R7）
観光案内所の利用者数
（年間）
宿泊施設の客室稼働率
12,480人
54.2%
16,000人
65.0%
"""


def test_a_header_one_cell_per_line_over_rows_drawn_row_by_row(tmp_path: Path) -> None:
    assert read(tmp_path, CELLS_ROW_BY_ROW) == [
        ("庁舎・支所の延床面積", "㎡", (48200, 2019), (41000, 2034), []),
        ("公民館・集会施設の延床面積", "㎡", (22600, 2019), (19200, 2034), []),
    ]


def test_a_header_one_cell_per_line_over_columns_drawn_one_after_another(tmp_path: Path) -> None:
    assert read(tmp_path, CELLS_COLUMN_BY_COLUMN) == [
        ("観光案内所の利用者数（年間）", "人", (12480, 2020), (16000, 2025), []),
        ("宿泊施設の客室稼働率", "%", (54.2, 2020), (65, 2025), []),
    ]


def test_cells_that_do_not_add_up_give_nothing(tmp_path: Path) -> None:
    from keikaku.importer.headercells import header_cell_rows
    from tests.sheet_reading import lines_of

    lines = lines_of(CELLS_COLUMN_BY_COLUMN.replace("65.0%\n", ""))
    assert header_cell_rows(lines, known=[]) == []


SUPPLY_COLUMN_BY_COLUMN = """\
第４章 量の見込みと確保の内容

（１）放課後児童健全育成事業
放課後に就労等で保護者が家庭にいない児童に遊びと生活の場を提供します。

（単位：人）
令和８年度
令和９年度
令和10年度
①量の見込み
②確保の内容
②－①
640
660
20
655
700
45
668
720
52

（２）利用者支援事業
（単位：か所）
令和８年度
令和９年度
令和10年度
量の見込み
確保方策
3
3
3
3
4
4
"""

SUPPLY_ROW_BY_ROW = """\
■ 養育支援訪問事業
（単位：人）
令和８年度
令和９年度
令和10年度
令和11年度
量の見込み 42 44 45 47
確保方策 50 50 55 55
"""


def test_the_supply_of_the_last_year_is_the_service_target(tmp_path: Path) -> None:
    assert read(tmp_path, SUPPLY_COLUMN_BY_COLUMN) == [
        ("放課後児童健全育成事業", "人", None, (720, 2028), []),
        ("利用者支援事業", "か所", None, (4, 2028), []),
    ]


def test_supply_rows_printed_across(tmp_path: Path) -> None:
    assert read(tmp_path, SUPPLY_ROW_BY_ROW) == [("養育支援訪問事業", "人", None, (55, 2029), [])]


PROJECT_LIST = """\
施策３－２ 地域の防災力の向上

No.
事業名
事業概要
活動指標
（単位）
現状
（R6）
事業量
事業費（千円）
担当課
R7
R8
R9
R7
R8
R9
1
防災訓練支援事
業
地域の訓練を支援し
ます。
訓練に参加した自主防
災組織数（団体）
38
42
46
50
1,200
1,200
1,350
危機管理課
2
避難所環境整備
事業
避難所の備品を整え
ます。
－
－
整備
整備
完了
8,400
9,100
2,300
危機管理課

－ 41 －

施策３－３ 消防体制の充実

No.
事業名
事業概要
活動指標
（単位）
現状
（R6）
事業量
事業費（千円）
担当課
R7
R8
R9
R7
R8
R9
3
消防団員確保事業
団員の確保に取り組み
ます。
消防団員数（人）
412
420
425
430
5,600
5,600
5,600
消防総務課

－ 42 －
"""


def test_a_project_list_gives_the_activity_indicator_and_never_the_money(tmp_path: Path) -> None:
    assert read(tmp_path, PROJECT_LIST) == [
        ("訓練に参加した自主防災組織数", "団体", (38, 2024), (50, 2027), []),
        ("消防団員数", "人", (412, 2024), (430, 2027), []),
    ]


def test_dashed_page_numbers_leave_bare_numbers_to_the_cells() -> None:
    from tests.sheet_reading import lines_of

    text = "表題\n" + "\n".join(f"行{k}" for k in range(10)) + "\n－ 7 －\n2\n3\n" + "\n".join(f"列{k}" for k in range(10)) + "\n－ 8 －\n"
    kept = [line.key for line in normalise(_raw(text))]
    assert "2" in kept and "3" in kept
    assert "-7-" not in kept and "- 7 -" not in kept
    assert [k for k in kept if k.startswith("行") or k.startswith("列")] == [f"行{k}" for k in range(10)] + [f"列{k}" for k in range(10)]
    assert lines_of("1\n2")  # the helper's own lines are unaffected


def _raw(text: str) -> RawDocument:
    return RawDocument(name="plan.txt", format="text", sha256="0" * 64, lines=[RawLine(text=t) for t in text.splitlines()])


def test_a_section_title_in_its_marks_is_no_indicator() -> None:
    assert names_no_row("【主な取組】")
    assert names_no_row("＜施策の方向＞")
    assert not names_no_row("【KPI】市民活動団体の登録数")
    assert not names_no_row("市民活動団体の登録数")


WRAPPED_CELLS = """\
第２章 目標

指標名
現状値
（令和５年度）
目標値
（令和11年度）
地域の清掃活動への参加
者数
3,240人
4,000人
環境学習講座の受講者数
（年間）
860人
1,200人
ごみ減量に取り組む事業所の
登録件数
58件
90件
"""


def test_names_wrapped_one_cell_per_line_are_joined_whole(tmp_path: Path) -> None:
    assert read(tmp_path, WRAPPED_CELLS) == [
        ("地域の清掃活動への参加者数", "人", (3240, 2023), (4000, 2029), []),
        ("環境学習講座の受講者数（年間）", "人", (860, 2023), (1200, 2029), []),
        ("ごみ減量に取り組む事業所の登録件数", "件", (58, 2023), (90, 2029), []),
    ]


def test_a_full_width_row_number_is_no_part_of_the_name() -> None:
    from keikaku.importer.tables import set_name_of

    assert set_name_of("２ 公園の利用者数") == "公園の利用者数"
    assert set_name_of("１２３ 公園の利用者数") == "１２３ 公園の利用者数"


PINNED = {
    "01_jisshi_jigyoichiran.txt": (5, 5, 20, 20),
    "02_ken_seisakushihyo_layout.txt": (6, 6, 30, 30),
    "03_sousei_senryaku.txt": (8, 8, 32, 32),
    "04_kaso_mokuhyo_layout.txt": (5, 5, 20, 20),
    "05_koukyoshisetsu_default.txt": (5, 5, 20, 20),
    "06_gyokaku_layout.txt": (6, 6, 24, 24),
    "07_kosodate_default.txt": (5, 5, 10, 10),
    "08_chiikifukushi_layout.txt": (6, 6, 29, 29),
    "09_unit_in_header_default.txt": (6, 6, 24, 24),
    "10_rowyear_layout.txt": (6, 6, 24, 24),
    "11_range_text_default.txt": (6, 6, 24, 24),
    "12_ruikei_layout.txt": (6, 6, 25, 25),
}


def test_the_held_out_documents_read_at_least_their_pins() -> None:
    indicators, fully_right, documents = score_pinned(BLIND, PINNED)
    assert indicators == 70
    assert (fully_right, documents) == (70, 12)


def test_no_money_row_use_row_or_heading_comes_out_as_an_indicator() -> None:
    from keikaku.importer.pipeline import extract_file

    counts = {name: len(gold) for name, gold in __import__("json").loads((BLIND / "expected.json").read_text(encoding="utf-8")).items()}
    for name, count in counts.items():
        names = [i.name for i in extract_file(BLIND / name).plan.indicators]
        assert len(names) == count, name
        assert not [n for n in names if any(w in n for w in ("事業費", "量の見込み", "確保方策", "【", "削減率", "進捗率"))], name
