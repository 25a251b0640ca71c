"""A sixth round of plan documents in layouts the engine had not seen, printed as the seeds' extractor leaves text.

``tests/data/blind_plans_6`` holds twelve documents composed (invented names, figures and years;
placeholder prose) in the manner of the seed documents' text: a trailing space on every line, a
blank line after each, lines holding one space between blocks, era years spaced out
(``令和 ４年度``), page numbers alone on their lines, table cells one per line or several per line.
The kinds: an environment plan's progress table (基準年度, 実績 R3 R4 R5, 目標, 評価 A–D), a dental
health plan's mid-term review one cell per line (判定 ◎○×, 減少 as a target, group titles among the
rows, names wrapped), an urban master plan's indicators (unit column, ↗↘→, 維持), a welfare
plan's 成果目標 as ``基準値：… 目標値：…`` labels (－ for no baseline), a tourism plan's KPI (万人,
億円, 千人, year in brackets after each figure), a DX plan's KPI cards (中間目標, 【単位：時間】), a fire
and disaster plan's western-year columns (－ for no data), a sewerage business plan (【％】 units,
維持, 以上), a traffic-safety plan (以下, a name wrapped before its figures), an industry plan's
review (R5実績 R6実績, 達成度, 億円 and 万円), a health-insurance plan's header one cell per line over
rows whose figures stand on the line under the name, and a culture plan's 目標の方向 column. They
were scored before any rule below existed: 59 of 69 indicators found, 43 fully right, 6 of 12
documents fully right (241/307 figures); the test at the end pins what they read now. Each rule
has a composed variant here with other names, figures, years and units:

- 目標の方向 is a direction column, not a second target; ベースライン is a baseline word (``lexicon/headers.toml``);
- a header printed one cell per line whose year cells (``令和 ５年度``, spaced) head actual columns of their
  own, over rows whose figures stand on one line under the name; a grade column's marks, a word standing
  as a target (減少) and a numbered group's title among the rows (``（２）成人期``) (``headercells.py``,
  ``lexicon/patterns.toml`` ``grade`` and ``group_title``);
- a table one cell per line goes on past such a group's title (``segment.py``), which is no cell of it
  (``celllist.py``) and no part of the next row's name (``markedrows.py``); a year cell spaced inside
  its bracket is one cell (``celllist.py``); a reading that names a row by a wrapped name's tail alone
  (``の割合``) yields to one that does not (``indicators.py``);
- ``基準値：－`` opens the item the next label fills; a numbered 【】 title is no part of the name under
  it; ``か所`` is a figure's unit though it holds a kana (``figures.py``);
- a bare number closing the text under a row its figures close is the page's number (``normalize.py``);
- bare years under a spanning 実績値 with a bracketed year beside them, and a column of the years of one
  role's figure (基準年度, 目標年度; ``[role_years]`` in ``lexicon/headers.toml``) (``headeryears.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

from keikaku.importer.pipeline import extract_file
from tests.held_out import score_pinned
from tests.sheet_reading import read as read_plan

BLIND = Path(__file__).resolve().parent / "data" / "blind_plans_6"


def extracted(text: str) -> str:
    """``text`` as the seeds' extractor prints it: each line with a trailing space and a blank line after it,
    ``~`` a line holding one space, a line opening with ``|`` followed by the next with no blank line."""
    out = []
    for line in text.strip("\n").split("\n"):
        if line == "~":
            out.append(" \n\n")
        elif line.startswith("|"):
            out.append(line[1:] + " \n")
        else:
            out.append(line + " \n\n")
    return "".join(out)


def read(tmp_path: Path, text: str, *, direction: bool = False) -> list[tuple]:
    return read_plan(tmp_path, extracted(text), direction=direction, blank_as_none=True)


DIRECTION_WORD_COLUMN = """\
第５章 計画の目標
~
指標 現状値 目標値 目標の方向性
|（令和 ４年度） （令和 10年度）
~
市民農園の区画数 320区画 400区画 増加
~
耕作されていない農地の面積 18.5ha 12.0ha 減少
~
認定農業者の数 64人 64人 維持
"""


def test_a_column_of_the_targets_direction_is_no_second_target(tmp_path: Path) -> None:
    assert read(tmp_path, DIRECTION_WORD_COLUMN, direction=True) == [
        ("市民農園の区画数", "区画", "increase", (320, 2022), (400, 2028), []),
        ("耕作されていない農地の面積", "ha", "decrease", (18.5, 2022), (12, 2028), []),
        ("認定農業者の数", "人", "maintain", (64, 2022), (64, 2028), []),
    ]


BASELINE_WORD = """\
評価指標 ベースライン 目標値
|（2022年度） （2028年度）
~
乳がん検診の受診率 34.8% 50.0%
~
歯周病検診の受診者数 1,240人 1,800人
"""


def test_a_baseline_named_baseline_in_katakana(tmp_path: Path) -> None:
    assert read(tmp_path, BASELINE_WORD) == [
        ("乳がん検診の受診率", "%", (34.8, 2022), (50, 2028), []),
        ("歯周病検診の受診者数", "人", (1240, 2022), (1800, 2028), []),
    ]


HEADER_CELLS_FIGURES_UNDER_NAMES = """\
|成果指標
ベースライン
|（令和 ３年度）
|令和 ４年度
|令和 ５年度
目標値
|（令和 ９年度）
~
介護予防教室の参加者数
~
2,140人 2,380人 2,510人 3,000人
~
認知症サポーターの養成者数（累計）
~
8,600人 9,150人 9,720人 12,000人
~
※ 養成者数は年度末の累計です。
"""


def test_year_cells_of_a_header_one_cell_per_line_head_actual_columns(tmp_path: Path) -> None:
    assert read(tmp_path, HEADER_CELLS_FIGURES_UNDER_NAMES) == [
        ("介護予防教室の参加者数", "人", (2140, 2021), (3000, 2027), [(2022, 2380), (2023, 2510)]),
        ("認知症サポーターの養成者数（累計）", "人", (8600, 2021), (12000, 2027), [(2022, 9150), (2023, 9720)]),
    ]


CELLS_GRADES_GROUPS_WRAPS = """\
|指標
策定時
|（令和 元年度）
中間評価
|（令和 ５年度）
目標値
|（令和 11年度）
評価
~
（ア）青少年期
~
朝食を毎日食べる中学生の割合
~
86.4%
~
88.9%
~
95.0%
~
B
~
（イ）壮年期
~
特定健康診査を受けている40歳から74歳の者
|の割合
41.2%
~
39.8%
~
60.0%
~
D
~
運動習慣のある者の割合
~
28.0%
~
31.5%
~
増加
~
A
"""


def test_cells_one_per_line_with_grades_group_titles_and_wrapped_names(tmp_path: Path) -> None:
    assert read(tmp_path, CELLS_GRADES_GROUPS_WRAPS) == [
        ("朝食を毎日食べる中学生の割合", "%", (86.4, 2019), (95, 2029), [(2023, 88.9)]),
        ("特定健康診査を受けている40歳から74歳の者の割合", "%", (41.2, 2019), (60, 2029), [(2023, 39.8)]),
        ("運動習慣のある者の割合", "%", (28, 2019), (None, 2029), [(2023, 31.5)]),
    ]


GROUP_TITLE_NUMBERED = """\
|指標
現状値
|（令和 ２年度）
目標値
|（令和 ８年度）
判定
~
（１）幼児期
~
むし歯のない５歳児の割合
~
71.0%
~
80.0%
~
○
~
（２）高齢期
~
かかりつけ歯科医を持つ75歳以上の者
|の割合
55.2%
~
65.0%
~
△
"""


def test_a_numbered_group_title_among_rows_one_cell_per_line(tmp_path: Path) -> None:
    assert read(tmp_path, GROUP_TITLE_NUMBERED) == [
        ("むし歯のない５歳児の割合", "%", (71, 2020), (80, 2026), []),
        ("かかりつけ歯科医を持つ75歳以上の者の割合", "%", (55.2, 2020), (65, 2026), []),
    ]


LABELS_DASH_AND_BOX_TITLES = """\
【目標３】子育て支援の拠点づくり
~
子育てひろばの設置数
~
基準値：３か所（令和 ５年度） 目標値：６か所（令和 11年度）
~
一時預かり事業の利用者数
~
基準値：－ 目標値：1,500人（令和 11年度）
~
【目標４】相談体制の充実
~
家庭児童相談の対応件数
~
基準値：420件（令和 ５年度） 目標値：520件（令和 11年度）
~
47
"""


def test_a_dash_label_opens_its_item_and_a_numbered_box_title_is_no_name(tmp_path: Path) -> None:
    assert read(tmp_path, LABELS_DASH_AND_BOX_TITLES) == [
        ("子育てひろばの設置数", "か所", (3, 2023), (6, 2029), []),
        ("一時預かり事業の利用者数", "人", None, (1500, 2029), []),
        ("家庭児童相談の対応件数", "件", (420, 2023), (520, 2029), []),
    ]


KPI_CARDS_PAGE_NUMBER = """\
はなみずき町デジタル化推進方針
~
第４章 成果を測る指標
~
KPI① 電子申請で受け付けた件数
~
現状値 ９か所（令和 ５年度）
~
目標値 15か所（令和 10年度）
~
KPI② 庁内の業務システムの数【単位：件】
~
現状値 64（令和 ５年度）
~
目標値 40（令和 10年度）
~
12
"""


def test_a_bare_number_closing_the_text_after_a_row_is_its_page(tmp_path: Path) -> None:
    assert read(tmp_path, KPI_CARDS_PAGE_NUMBER) == [
        ("電子申請で受け付けた件数", "か所", (9, 2023), (15, 2028), []),
        ("庁内の業務システムの数", "件", (64, 2023), (40, 2028), []),
    ]


SPAN_AND_ROLE_YEARS = """\
指標名 目標年度 基準値 実績値 目標値
|2021 2022 2023 （2030）
~
再生可能エネルギーの発電量（MWh） 2030年度 8,400 9,120 9,880 10,450 16,000
~
市有施設の電力使用量（千kWh） 2028年度 21,300 20,950 20,400 19,870 18,000
"""

BASE_YEAR_COLUMN = """\
指標名 基準年度 基準値 実績値 目標値 評価
|R4 R5 R6 （R13）
~
公共交通の利用者数（千人） H30 5,210 4,480 4,730 4,950 5,500 C
~
バス停の上屋の設置数（基） R元 38 41 44 47 60 B
"""


def test_bare_years_spanned_by_actuals_and_years_of_one_role_after_each_name(tmp_path: Path) -> None:
    assert read(tmp_path, SPAN_AND_ROLE_YEARS) == [
        ("再生可能エネルギーの発電量", "MWh", (8400, None), (16000, 2030), [(2021, 9120), (2022, 9880), (2023, 10450)]),
        ("市有施設の電力使用量", "千kWh", (21300, None), (18000, 2028), [(2021, 20950), (2022, 20400), (2023, 19870)]),
    ]
    assert read(tmp_path, BASE_YEAR_COLUMN) == [
        ("公共交通の利用者数", "千人", (5210, 2018), (5500, 2031), [(2022, 4480), (2023, 4730), (2024, 4950)]),
        ("バス停の上屋の設置数", "基", (38, 2019), (60, 2031), [(2022, 41), (2023, 44), (2024, 47)]),
    ]


def test_a_role_year_word_needs_a_year_after_each_name() -> None:
    from keikaku.importer.headeryears import cut_role_years
    from keikaku.importer.normalize import make_line

    rows = [make_line("公園の数 R2 12 15", 3), make_line("R3 R4 R5 (R12)", 4), make_line("公園の数 12 15", 5)]
    lines, years = cut_role_years(rows, ["baseline"], era="令和")
    assert [line.text for line in lines] == ["公園の数 12 15", "R3 R4 R5 (R12)", "公園の数 12 15"]
    assert years == {"line 4": {"baseline": 2020}}


PINNED = {
    "01_kankyo_shinkokanri.txt": (6, 6, 42, 42),
    "02_shika_chukan_cells.txt": (6, 6, 30, 30),
    "03_toshi_mp_seika.txt": (6, 6, 29, 29),
    "04_shogai_seikamokuhyo_label.txt": (6, 6, 22, 22),
    "05_kanko_kpi_scale.txt": (6, 6, 22, 22),
    "06_dx_kpi_cards.txt": (6, 6, 24, 24),
    "07_bosai_westyears.txt": (6, 6, 41, 41),
    "08_gesuido_keiei.txt": (6, 6, 24, 24),
    "09_kotsuanzen_ika.txt": (5, 5, 20, 20),
    "10_sangyo_hyoka_tasseido.txt": (6, 6, 36, 36),
    "11_datahealth_rows_under.txt": (5, 5, 30, 30),
    "12_bunka_directionword.txt": (5, 5, 25, 25),
}


def test_the_held_out_documents_read_at_least_their_pins() -> None:
    indicators, fully_right, documents = score_pinned(BLIND, PINNED)
    assert indicators == 69
    assert (fully_right, documents) == (69, 12)


def test_no_heading_grade_or_page_number_comes_out_as_an_indicator() -> None:
    counts = {name: len(gold) for name, gold in json.loads((BLIND / "expected.json").read_text(encoding="utf-8")).items()}
    for name, count in counts.items():
        names = [i.name for i in extract_file(BLIND / name).plan.indicators]
        assert len(names) == count, name
        assert not [n for n in names if any(w in n for w in ("【", "成果目標", "（２）", "(2)", "達成度", "評価"))], name
