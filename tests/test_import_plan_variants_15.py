"""Layout rules from held-out round 15 (``tests/data/blind_plans_15``), each on composed variants
with other names, figures, years and units than the round's documents:

- a year printed in both calendars (``2024（令和６）年度``, ``令和５(2023)年度``) is the western year
  when the two agree (``dualyears.py``);
- a table's caption printed again with （つづき） where the table goes on over a page is no row;
- a level word and number in brackets before a title (``【施策２－１】``, ``［政策２］``) is a heading
  (``bracketedlevels.py``);
- a chapter titled by a level word (リーディングプロジェクト) that lists nodes of that word keeps its
  opening sentence as text (``build.py``);
- a chapter mark introducing the plan (第１章 計画の策定にあたって) holds its (1) items as text;
- a figure a space apart from its unit on a line of its own (``1,250 千人(2023 年)``) is one cell
  (``spacedunits.py``);
- an era year under a figure printed with a space after the era (``（平成 30年度）``) is that figure's
  year (``spacedyear.py``).
"""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.bracketedlevels import unbracket_level
from keikaku.importer.dualyears import one_calendar
from keikaku.importer.pipeline import extract_file
from keikaku.importer.spacedunits import glue_cell_unit
from keikaku.importer.spacedyear import closed_era_year
from tests.held_out import read_rows, text_file


def rows(tmp_path: Path, text: str) -> list[tuple]:
    return read_rows(text_file(tmp_path, text))


def nodes(tmp_path: Path, text: str) -> list[tuple]:
    return [(n.id, n.parent, n.level, n.title) for n in extract_file(text_file(tmp_path, text)).plan.nodes]


def test_two_calendars_agreeing_are_one_year() -> None:
    assert one_calendar("2024（令和６）年度 2030（令和12）年度") == "2024年度 2030年度"
    assert one_calendar("令和５(2023)年度") == "2023年度"
    assert one_calendar("2019(H31)年") == "2019年"
    assert one_calendar("2025(R6)年度") == "2025(R6)年度"  # they disagree: as printed
    assert one_calendar("計画の期間 令和７年度から") == "計画の期間 令和７年度から"


WESTERN_FIRST = """\
施策５ 公園と緑の保全
成果指標
指標 現状値 目標値
2024（令和６）年度 2030（令和12）年度
市民一人当たりの公園面積 6.8 ㎡ 7.5 ㎡
緑化協定の締結件数 24 件 40 件
"""

ERA_FIRST = """\
施策９ 消防力の強化
成果指標
指標名 基準値 目標値
令和５(2023)年度 令和11(2029)年度
救急車の現場到着時間 8.9分 8.0分
普通救命講習の受講者数 1,840人 2,400人
"""


def test_header_years_in_two_calendars(tmp_path: Path) -> None:
    assert rows(tmp_path, WESTERN_FIRST) == [
        ('市民一人当たりの公園面積', '㎡', (6.8, 2024), (7.5, 2030), []),
        ('緑化協定の締結件数', '件', (24, 2024), (40, 2030), []),
    ]
    assert rows(tmp_path, ERA_FIRST) == [
        ('救急車の現場到着時間', '分', (8.9, 2023), (8.0, 2029), []),
        ('普通救命講習の受講者数', '人', (1840, 2023), (2400, 2029), []),
    ]


CONTINUED = """\
施策３ 地域交通
主要指標
指標名 現状値 目標値
（2023年度） （2028年度）
循環バスの年間利用者数 128,400人 140,000人
タクシー助成券の交付者数 612人 700人

- 21 -

第４章 移動しやすいまち
主要指標（つづき）
駅前駐輪場の利用率 78.5% 85.0%
シェアサイクルの年間利用回数 9,320回 15,000回
"""


def test_a_continued_caption_is_no_row(tmp_path: Path) -> None:
    assert rows(tmp_path, CONTINUED) == [
        ('循環バスの年間利用者数', '人', (128400, 2023), (140000, 2028), []),
        ('タクシー助成券の交付者数', '人', (612, 2023), (700, 2028), []),
        ('駅前駐輪場の利用率', '%', (78.5, 2023), (85.0, 2028), []),
        ('シェアサイクルの年間利用回数', '回', (9320, 2023), (15000, 2028), []),
    ]


def test_bracketed_level_words() -> None:
    assert unbracket_level("【施策２－１】 読書活動の推進") == "施策２－１ 読書活動の推進"
    assert unbracket_level("［政策２］学びの充実") == "政策２ 学びの充実"
    assert unbracket_level("【成果指標】") == "【成果指標】"
    assert unbracket_level("【単位：人】 利用者数") == "【単位：人】 利用者数"
    assert unbracket_level("【目標３】") == "【目標３】"


BRACKETED_UNDER_PARTS = """\
第１部 総論
第１章 計画の策定にあたって
(1) 策定の趣旨
将来像の実現に向けて施策をまとめます。
(2) 計画の期間
５年間とします。
第２部 基本計画
第１章 子どもが育つまち
［政策２］ 学びの充実
【施策２－１】 読書活動の推進
現状と課題
図書館の利用者が減っています。
施策の方向
(1) 子どもの読書習慣づくり
学校と連携します。
(2) 図書館サービスの充実
開館時間を見直します。
"""


def test_bracketed_levels_under_parts_and_an_overview_chapter(tmp_path: Path) -> None:
    assert nodes(tmp_path, BRACKETED_UNDER_PARTS) == [
        ('1', None, '章', '子どもが育つまち'),
        ('1.2', '1', '政策', '学びの充実'),
        ('1.2.2-1', '1.2', '施策', '読書活動の推進'),
        ('1.2.2-1.1', '1.2.2-1', '取組', '子どもの読書習慣づくり'),
        ('1.2.2-1.2', '1.2.2-1', '取組', '図書館サービスの充実'),
    ]


PROJECT_CHAPTER = """\
第４章 リーディングプロジェクト
ここでは分野を越えて優先的に進める取組を示します。
リーディングプロジェクト１ 駅前にぎわい再生
関係する施策の事業を組み合わせて進めます。
リーディングプロジェクト２ 健康長寿の地域づくり
関係する施策の事業を組み合わせて進めます。
第５章 分野別計画
施策１ 商業の振興
現状と課題
空き店舗が増えています。
"""


def test_a_project_chapter_opening_with_a_sentence(tmp_path: Path) -> None:
    assert nodes(tmp_path, PROJECT_CHAPTER) == [
        ('1', None, 'リーディングプロジェクト', '駅前にぎわい再生'),
        ('2', None, 'リーディングプロジェクト', '健康長寿の地域づくり'),
        ('1~2', None, '施策', '商業の振興'),
    ]


CELLS_SPACED_UNITS = """\
成果指標
現状値
目標値
(2029年度)
年間の図書館来館者数
1,250 千人(2023 年)
1,400 千人以上
市民活動団体の登録数
86 団体(2022 年)
100 団体
"""


def test_a_figure_apart_from_its_unit_is_one_cell(tmp_path: Path) -> None:
    assert glue_cell_unit("1,250 千人(2023 年)") == "1,250千人(2023 年)"
    assert glue_cell_unit("1,400 千人以上") == "1,400千人以上"
    assert glue_cell_unit("12 人 15 人") == "12 人 15 人"
    assert rows(tmp_path, CELLS_SPACED_UNITS) == [
        ('年間の図書館来館者数', '千人', (1250, 2023), (1400, 2029), []),
        ('市民活動団体の登録数', '団体', (86, 2022), (100, 2029), []),
    ]


SPACED_ERA_UNDER = """\
施策７ 高齢者の見守り
指標 現状 目標
見守り協定を結んだ事業者数
42事業者
（平成 30年度）
60事業者
（令和 ８年度）
認知症サポーターの養成数
3,410人
（令和 ２年度末）
5,000人
（令和 ８年度）
"""


def test_an_era_year_spaced_under_its_figure(tmp_path: Path) -> None:
    assert closed_era_year("（平成 30年度）") == "（平成30年度）"
    assert closed_era_year("（令和 ５年４月）") == "（令和５年４月）"
    assert closed_era_year("令和 ４年度 令和 10年度") == "令和 ４年度 令和 10年度"
    assert rows(tmp_path, SPACED_ERA_UNDER) == [
        ('見守り協定を結んだ事業者数', '事業者', (42, 2018), (60, 2026), []),
        ('認知症サポーターの養成数', '人', (3410, 2020), (5000, 2026), []),
    ]
