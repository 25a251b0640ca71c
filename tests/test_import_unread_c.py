"""Layouts of municipal pages the engine read nothing of, each in a document composed here.

Names, figures, years and units are invented; each layout is one that prefectures and cities print:

- a web page's table copied one cell per line with a blank line after every cell: a header of a
  name cell, text columns and value cells (現況 / 令和12年度の目標), rows of a name wrapped over
  lines, text cells, a label the header does not name (alone or before the figure), and one figure
  cell per value column, each maybe followed by the figure over a wider scope in brackets;
- a project sheet flattened onto one line, each indicator kind (活動指標, 成果指標) with its numbered
  slots ① ② ③, a name and its unit after 単位, blank slots printing only their mark, a name broken
  by its own mark where the cell wrapped;
- a measure sheet one cell per line listing its indicators under letters (A:name, the name's rest
  and its unit on the next lines), then a baseline word with its year over pairs of a letter and a
  figure, then a line of years over two runs of figures per indicator: a projection and the
  target, its label a target word printed whole or vertically with a character apart (目 / 値);
- a sectoral plan's progress table flattened onto one line: each indicator the sentence declaring
  its target (…の割合を5人に1人(20%)以上にします。, broken by spaces where it wrapped), the yearly
  figures after it under a run of bare years, the target year stated in the header (目標年度:…).
"""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.blankcells import blank_cell_rows
from keikaku.importer.declared import declared_rows
from keikaku.importer.letteritems import letter_item_rows
from keikaku.importer.slotnames import slot_name_rows
from tests.sheet_reading import lines_of, read

Figure = tuple[float | None, int | None] | None






BLANK_CELLS = """\
3 地域福祉の推進

(2)見守り体制の充実

〔本文〕

主な取組と指標

取組項目

実施機関

現況

令和12年度の目標

見守り協力
事業者の登録
(協定締結数)

市・社会福祉協議会

協定事業者

146件(212件)

180件(260件)

高齢者サロンの
開設支援

市

サロン数

48か所・9地区

(61か所・11地区)

70か所・12地区

(90か所・14地区)

認知症サポーター
の養成

市

−

(3,120人)

4,500人

(6,000人)

配食サービスの拡充

市

配食利用者  312人

(355人)

400人

(430人)

見守り訪問の実施

市

訪問世帯率

62.5%

70.0%

75.0%


<重点事業>

事業項目

実施機関

現況

令和12年度の目標

生活支援コーディネーター
の配置

市

コーディネーター数 4人

(5人)

8人

(9人)
"""


def test_cells_parted_by_blank_lines_read_by_the_header(tmp_path: Path) -> None:
    assert read(tmp_path, BLANK_CELLS) == [
        ("見守り協力事業者の登録(協定締結数)", "件", (146, None), (180, 2030), []),
        ("高齢者サロンの開設支援", "か所", (48, None), (70, 2030), []),
        ("認知症サポーターの養成", "人", None, (4500, 2030), []),
        ("配食サービスの拡充", "人", (312, None), (400, 2030), []),
        ("生活支援コーディネーターの配置", "人", (4, None), (8, 2030), []),
    ]


def test_a_row_with_more_figures_than_value_columns_gives_nothing() -> None:
    # 見守り訪問の実施 prints three figures under two value columns: which are whose is not settled
    names = [r.name for r in blank_cell_rows(lines_of(BLANK_CELLS))]
    assert "見守り訪問の実施" not in names
    assert len(names) == 5


def test_one_row_alone_is_no_table() -> None:
    text = "\n\n".join(["指標名", "実施機関", "現況", "令和12年度の目標", "高齢者サロンの開設支援", "市", "48か所", "70か所"])
    assert blank_cell_rows(lines_of(text)) == []


def test_figures_of_two_units_are_no_row() -> None:
    cells = ["指標名", "現況", "目標(R8)",
             "講座の受講者数", "120人", "150人",
             "相談窓口の開設", "3か所", "80%",
             "出前講座の回数", "12回", "20回"]
    rows = blank_cell_rows(lines_of("\n\n".join(cells)))
    assert [(r.name, r.unit, r.baseline.value, r.target.value, r.target_year) for r in rows] == [
        ("講座の受講者数", "人", 120, 150, 2026),
        ("出前講座の回数", "回", 12, 20, 2026),
    ]


def test_lines_without_blank_lines_between_are_one_cell() -> None:
    # the same cells printed without blank lines are one cell: no header, nothing read
    cells = ["指標名", "現況", "目標(R8)", "講座の受講者数", "120人", "150人", "出前講座の回数", "12回", "20回"]
    assert blank_cell_rows(lines_of("\n".join(cells))) == []


def test_a_header_needs_a_target_or_an_actual() -> None:
    cells = ["指標名", "現況", "基準値", "講座の受講者数", "120人", "150人", "出前講座の回数", "12回", "20回"]
    assert blank_cell_rows(lines_of("\n\n".join(cells))) == []


def test_more_text_cells_than_the_header_allows_give_nothing() -> None:
    # one text column (実施機関) and at most one label: a fourth text cell before the figures is no row's
    cells = ["項目", "実施機関", "現況", "目標(R8)",
             "講座の受講者数", "市", "120人", "150人",
             "<参考>", "相談窓口", "市", "窓口数", "3か所", "5か所",
             "出前講座の回数", "市", "回数", "12回", "20回"]
    rows = blank_cell_rows(lines_of("\n\n".join(cells)))
    assert [(r.name, r.baseline.value, r.target.value) for r in rows] == [("講座の受講者数", 120, 150), ("出前講座の回数", 12, 20)]


SLOT_SHEET = (
    "令和4年度 事務事業評価シート 事業コード 4412 事業名 地域見守り推進事業 目的 〔本文〕 対象 市内の高齢者 "
    "意図 〔本文〕 事業概要 〔本文〕 活動指標 (事業の実施量) ① 見守り協定の締結事業者数 単位 事業者 "
    "② 見守り講座の開催回数 単位 回 ③ 成果指標 (事業の成果) 単位 見守りの対象となる高齢者のうち訪問を "
    "① 受けた者の割合 % ② ③ 成果指標 の達成度 目標値どおり 区分 3年度(実績) 計画 実績 計画 実績 "
    "4年度(計画) 120 118 12 11 65 63\n"
)


def test_slot_names_after_an_indicator_kind(tmp_path: Path) -> None:
    assert [(name, unit) for name, unit, *_ in read(tmp_path, SLOT_SHEET)] == [
        ("見守り協定の締結事業者数", "事業者"),
        ("見守り講座の開催回数", "回"),
        ("見守りの対象となる高齢者のうち訪問を受けた者の割合", "%"),
    ]
    assert all(b is None and t is None and a == [] for _, _, b, t, a in read(tmp_path, SLOT_SHEET))


def test_slots_out_of_order_or_names_with_figures_give_nothing() -> None:
    out_of_order = "活動指標 ② 講座の開催回数 単位 回 ① 相談の件数 単位 件 ③ 成果指標 〔本文〕"
    figured = "活動指標 ① 講座30回の参加者数 単位 人 ② ③ 成果指標 〔本文〕"
    one_slot = "成果指標 ① 相談の件数 単位 件 達成度 〔本文〕"
    no_ending = "活動指標 ① 見守り講座の開催 単位 回 ② ③ 成果指標 〔本文〕"
    for text in (out_of_order, figured, one_slot, no_ending):
        assert slot_name_rows(lines_of(text)) == [], text


LETTER_ITEMS = """\
施策12 地域福祉の推進
成果指標
単位
A:見守り活動に参加する住民の割合( =参加者数/20歳以上人口× 100)
%
B:地域サロンの延べ参加者数
人
C:民生委員1人あたりの相談
対応件数 〔注記〕
件
D:ボランティア登録団体数
団体
令和 3 年度
基準値
A
12.5%
C
48 件
D
31 団体
令和 5 年度 令和 6 年度 令和 7 年度 令和 8 年度
推計値
12.0%
11.5%
11.0%
10.5%
目標値
13.0%
14.0%
15.0%
16.0%
推計値
2,400
2,350
2,300
2,250
目
値
2,600
2,800
3,000
3,200
推計値
48 件
48 件
48 件
48 件
目
50 件
52 件
54 件
56 件
推計値
31 団体
30 団体
30 団体
29 団体
目
32 団体
33 団体
34 団体
35 団体
標
標
値
◆成果指標の目標設定とその根拠
"""


def test_letter_items_with_figures_keyed_by_their_letters(tmp_path: Path) -> None:
    assert read(tmp_path, LETTER_ITEMS) == [
        ("見守り活動に参加する住民の割合", "%", (12.5, 2021), (16.0, 2026), []),
        ("地域サロンの延べ参加者数", "人", None, (3200, 2026), []),
        ("民生委員1人あたりの相談対応件数", "件", (48, 2021), (56, 2026), []),
        ("ボランティア登録団体数", "団体", (31, 2021), (35, 2026), []),
    ]


def test_runs_that_do_not_pair_with_the_letters_give_no_targets() -> None:
    # one run dropped: seven runs for four letters, whose is which is not settled; the baselines stay
    text = LETTER_ITEMS.replace("推計値\n2,400\n2,350\n2,300\n2,250\n", "")
    rows = letter_item_rows(lines_of(text))
    assert [(r.name, r.baseline.value if r.baseline else None, r.target) for r in rows] == [
        ("見守り活動に参加する住民の割合", 12.5, None),
        ("民生委員1人あたりの相談対応件数", 48, None),
        ("ボランティア登録団体数", 31, None),
    ]


def test_a_pair_of_runs_with_two_target_labels_gives_no_target() -> None:
    text = LETTER_ITEMS.replace("推計値\n12.0%", "目標値\n12.0%")
    rows = {r.name: r for r in letter_item_rows(lines_of(text))}
    assert rows["見守り活動に参加する住民の割合"].target is None
    assert rows["ボランティア登録団体数"].target.value == 35


def test_a_legend_under_letters_is_no_indicator_list() -> None:
    legend = "【達成度】\nA:十分に達成できている\nB:おおむね達成できている\nC:あまり達成できていない\n【方向性】\nA:拡充\nB:継続"
    assert letter_item_rows(lines_of(legend)) == []


def test_letters_must_run_from_a_without_a_gap() -> None:
    text = LETTER_ITEMS.replace("B:地域サロンの延べ参加者数", "X:地域サロンの延べ参加者数")
    assert letter_item_rows(lines_of(text)) == []


DECLARED = (
    "【資料2】 数値目標の進捗状況 令和6年度までの数値目標 (目標年度:令和10年度) 2年度 3年度 4年度 5年度 6年度 "
    "参考:改定後の数値目標 【数値目標1】 ※内訳は別表のとおり 月1回以上文化活動に参加する市民(18 歳以上)の"
    "割合を5人に1人(20%) 以上にします。 14.2% 15.0% 16.8% 17.1% 18.3% 【上方修正】 月1回以上文化活動に参加する市民(18 "
    "19.0% 歳以上)の割合を25%以上にしま す。 ○〔説明文〕 1 ○〔説明文〕 なし 市立美術館の企画展 の年間観覧者数を "
    "42,000人以 上にします。 2 ○〔説明文〕 【新設】 〔説明文〕 文化団体に加入する - 市民の割合を男性12%、女性15% "
    "○〔説明文〕 にします。 【数値目標2】 38,120人 39,400人\n"
)


def test_targets_declared_in_sentences_with_the_figures_after_them(tmp_path: Path) -> None:
    assert read(tmp_path, DECLARED) == [
        ("月1回以上文化活動に参加する市民(18歳以上)の割合", "%", None, (20, 2028),
         [(2020, 14.2), (2021, 15.0), (2022, 16.8), (2023, 17.1), (2024, 18.3)]),
        ("市立美術館の企画展の年間観覧者数", "人", None, (42000, 2028), []),
    ]


def test_declared_sentences_that_do_not_settle_one_figure_give_nothing() -> None:
    two_figures = "数値目標 (目標年度:令和10年度) 〔説明〕 文化団体に加入する市民の割合を男性12%、女性15%にします。"
    no_figure = "数値目標 〔説明〕 市民参加の機会を大幅に拡充することにします。"
    more_figures_than_years = ("2年度 3年度 4年度 〔説明〕 公民館講座の年間受講者数を 3,000人にします。 "
                               "2,100人 2,300人 2,500人 2,700人")
    assert declared_rows(lines_of(two_figures)) == []
    assert declared_rows(lines_of(no_figure)) == []
    rows = declared_rows(lines_of(more_figures_than_years))
    assert [(r.name, r.target.value, r.target_year, r.actuals) for r in rows] == [("公民館講座の年間受講者数", 3000, None, [])]
