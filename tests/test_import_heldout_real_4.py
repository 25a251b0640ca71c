"""Layouts of a held-out round of real sheets, composed here with invented names, figures, years
and units: a plan page giving each indicator a one-row table under its name, dated role words as
the header (``keikaku/importer/captioned.py``), and a table whose every figure is letter-spaced
under letter-spaced years (``keikaku/importer/spacedfigures.py``), its rows named by codes only
(``sieve.py`` keeps them)."""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.captioned import captioned_rows
from keikaku.importer.spacedfigures import _split, spaced_figure_rows

from sheet_reading import extract_by_name as read
from sheet_reading import figures_of as figures
from sheet_reading import lines_of


CAPTIONED = """【循環】資源が巡るまち

ごみの資源化率

ごみの資源化率
現状値(令和3年度) 目標値(令和8年度) 将来値(令和13年度)
21.4% 25.0% 28.0%

算定方法

資源化量/ごみ総排出量×100

〔本文〕

1人1日当たりのごみ排出量(グラム/人日)

1人1日当たりのごみ排出量(グラム/人日)
基準値(令和3年度) 目標値(令和8年度)
842 800以下

算定方法

〔説明文〕

【JWWA Q100 2016】参考指標
B204
"""


def test_captioned_tables_take_the_target_before_a_figure_beyond_it(tmp_path: Path) -> None:
    got = read(tmp_path, CAPTIONED)
    assert figures(got["ごみの資源化率"]) == ("%", (21.4, 2021), (25, 2026), [])
    assert figures(got["1人1日当たりのごみ排出量"]) == ("グラム/人日", (842, 2021), (800, 2026), [])
    assert got["1人1日当たりのごみ排出量"].direction == "decrease"


def test_captioned_rows_need_as_many_figures_as_dated_cells() -> None:
    lines = lines_of("公園の数\n現状値(令和2年度) 目標値(令和7年度)\n12か所\n〔本文〕\n"
                     "緑地の面積\n現状値 目標値\n30ha 35ha\n")
    assert captioned_rows(lines) == []  # one figure for two cells; a header without years


def test_two_target_cells_without_a_word_beyond_keep_the_later_target() -> None:
    rows = captioned_rows(lines_of("避難所の数\n現状値(令和2年度) 目標(令和5年度) 目標(令和9年度)\n40 45 50\n"))
    assert [(r.name, r.baseline.value, r.baseline_year, r.target.value, r.target_year,
             [(q.value, y) for q, y in r.interim]) for r in rows] == [("避難所の数", 40, 2020, 50, 2027, [(45, 2023)])]


SPACED = """図表 7 前計画の成果指標の達成状況

基準値 目標値

1 8 年度 2 2 年度 2 4 年度 2 7 年度

A- 1 % 3 .5 4 .2 5 .8 1 0 ○

A- 2 回 1 2 1 5 1 9 2 0 ×

A- 3 回 1 2 1 5 9 2 0 ×

健康づくりの基礎

B- 1 人 8 ,1 2 0 7 ,9 5 5 8 ,3 0 1 9 ,0 0 0 ×

高齢者 2 ,4 0 6 2 ,9 1 8 3 ,3 5 0 3 ,0 0 0 ○ 若年者 6 1 2 5 8 0 6 4 4 8 0 0 ×

区分 指 標 単位
"""


def test_letter_spaced_figures_split_one_per_year(tmp_path: Path) -> None:
    got = read(tmp_path, SPACED)
    assert figures(got["A-1"]) == ("%", (3.5, 2006), (10, 2015), [(2010, 4.2), (2012, 5.8)])
    assert figures(got["A-2"]) == ("回", (12, 2006), (20, 2015), [(2010, 15), (2012, 19)])
    assert "A-3" not in got  # 12|15|9|20 or 1|21|59|20: the run is not settled
    assert figures(got["B-1"]) == ("人", (8120, 2006), (9000, 2015), [(2010, 7955), (2012, 8301)])
    assert figures(got["高齢者"]) == (None, (2406, 2006), (3000, 2015), [(2010, 2918), (2012, 3350)])
    assert figures(got["若年者"]) == (None, (612, 2006), (800, 2015), [(2010, 580), (2012, 644)])
    assert len(got) == 5


def test_the_split_is_the_one_whose_figures_are_alike() -> None:
    assert _split("1 0 .7 1 2 .8 1 7 .7 2 0".split(), 4) == ["10.7", "12.8", "17.7", "20"]
    assert _split("2 6 2 0 4 3 3 0".split(), 4) == ["26", "20", "43", "30"]
    assert _split("1 7 .8 1 9 1 9 .7 3 0".split(), 4) == ["17.8", "19", "19.7", "30"]
    assert _split("9 ,4 4 4 1 1 ,1 9 4".split(), 2) == ["9,444", "11,194"]
    assert _split("1 2 3".split(), 2) is None  # 1|23 and 12|3 fit alike: not read
    assert _split("0 5 3".split(), 2) == ["0", "53"]  # 05|3 opens with a zero: only 0|53 is well formed
    assert _split("1 ,2 3".split(), 2) is None  # a comma needs three digits after it


def test_no_table_without_letter_spaced_years_or_role_words() -> None:
    assert spaced_figure_rows(lines_of("現状値 目標値\n令和2年度 令和7年度\n施設数 3 5\n")) == []
    assert spaced_figure_rows(lines_of("区分 地区\n1 5 年度 2 1 年度\nA- 1 % 1 2 3 4\n")) == []
