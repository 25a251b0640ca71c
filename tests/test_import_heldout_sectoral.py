"""Sectoral plans' targets and progress reports in layouts first met in the held-out round.

Made-up documents (fictional names, figures and years) in the layouts of four real sheets
(tests/corpus/cases: ehime-ken-ninaite-mokuhyo, hirakata-kankyo-shihyo-tassei,
oguchi-comibus-seika-hyoka, toyohashi-joseikatsuyaku-shinchoku): an HTML table turned into pipe
text one cell per line whose rows have different lengths under a header whose first cell is the
table's title (``namedcells.py``), and results written as a name with its figures each after its
value word, a slash between them (``labelpairs.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

from keikaku.importer.labelpairs import is_pair_row, pair_rows
from keikaku.importer.namedcells import named_cell_grid
from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_file


def _extract(tmp_path: Path, text: str) -> dict[str, object]:
    path = tmp_path / "plan.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return {i.name: i for i in extract_file(path).plan.indicators}


def _lines(text: str) -> list:
    return [make_line(t, k) for k, t in enumerate(t for t in text.splitlines() if t.strip())]


# -- rows found by their names in a one-cell-per-line pipe table ----------------------------------

TOURISM_TARGETS = """観光振興プラン
(3)観光振興の数値目標
観光振興の数値目標 |
基準値 (令和元年) |
目標値 (令和8年) |
説明 |
|
---|---|---|---|---|
|
観光入込客数(万人/年) |
312 |
350 |
県の統計 |
日帰り客 |
250 |
270 |
|
|
宿泊客 |
62 |
80 |
|
|
観光案内所の利用件数 |
8,450 |
9,000 |
|
|
体験プログラム数(件) |
14 |
25 |
|
〔注記〕
(4)推進体制
〔本文〕"""


def test_rows_found_by_their_names_under_a_titled_header(tmp_path):
    got = _extract(tmp_path, TOURISM_TARGETS)
    assert sorted(got) == ["体験プログラム数", "宿泊客", "日帰り客", "観光入込客数", "観光案内所の利用件数"]
    visitors = got["観光入込客数"]
    assert (visitors.unit, visitors.baseline.value, visitors.baseline.year, visitors.target.value, visitors.target.year) \
        == ("万人/年", 312, 2019, 350, 2026)
    day = got["日帰り客"]
    assert (day.unit, day.baseline.value, day.target.value, day.target.year) == (None, 250, 270, 2026)
    assert (got["宿泊客"].baseline.value, got["宿泊客"].target.value) == (62, 80)
    desk = got["観光案内所の利用件数"]
    assert (desk.baseline.value, desk.baseline.year, desk.target.value) == (8450, 2019, 9000)
    programmes = got["体験プログラム数"]
    assert (programmes.unit, programmes.baseline.value, programmes.target.value) == ("件", 14, 25)


def test_named_cell_grid_refuses_other_shapes():
    lined_up = "指標 |\n現状値 (令和2年度) |\n目標値 (令和7年度) |\n利用者数 |\n120 |\n150 |\n参加者数 |\n40 |\n60 |"
    assert named_cell_grid(_lines(lined_up)) is None  # no blank cells: the cell-by-cell reading's table
    too_long = ("施策の目標 |\n現状 (令和2年) |\n目標 (令和7年) |\n|\n利用者数 |\n120 |\n150 |\n1 |\n2 |\n3 |\n|\n"
                "参加者数 |\n40 |\n60 |\n|")
    assert named_cell_grid(_lines(too_long)) is None  # a row longer than the header: not rows of this table
    one_row = "施策の目標 |\n現状 (令和2年) |\n目標 (令和7年) |\n|\n利用者数 |\n120 |\n150 |\n|"
    assert named_cell_grid(_lines(one_row)) is None
    prose = "趣旨 |\nこの計画は観光の振興を図るものです。 |\n|\n〔本文〕"
    assert named_cell_grid(_lines(prose)) is None


def test_placeholder_ends_the_named_rows():
    text = ("事業の目標 |\n現状 (令和3年度) |\n目標 (令和9年度) |\n|\n相談件数 |\n210 |\n260 |\n|\n"
            "登録団体数 |\n31 |\n45 |\n〔注記〕\n見学者数 |\n900 |\n1,000 |")
    grid = named_cell_grid(_lines(text))
    assert grid is not None
    assert grid.row_texts() == [("", "現状 (令和3年度)", "目標 (令和9年度)"), ("相談件数", "210", "260"), ("登録団体数", "31", "45")]


# -- names with their labelled figures a slash apart ----------------------------------------------

LIBRARY_RESULTS = """4 成果と評価
〔本文〕
・図書貸出冊数 実績 418,205冊 / 目標420,000冊 (達成率 99%)
・移動図書館の利用者数 実績 2,870人(令和5年度) / 目標 3,000人(令和5年度) (達成率 96%)
・読み聞かせ会 基準値 36回 / 目標 48回
〔評価コメント〕"""


def test_names_with_labelled_figures_a_slash_apart(tmp_path):
    got = _extract(tmp_path, LIBRARY_RESULTS)
    loans = got["図書貸出冊数"]
    assert (loans.unit, loans.target.value, loans.target.year, loans.actuals) == ("冊", 420000, None, [])  # no year: no actual kept
    mobile = got["移動図書館の利用者数"]
    assert (mobile.unit, mobile.target.value, mobile.target.year) == ("人", 3000, 2023)
    assert [(a.year, a.value) for a in mobile.actuals] == [(2023, 2870)]
    story = got["読み聞かせ会"]
    assert (story.unit, story.baseline.value, story.target.value) == ("回", 36, 48)


def test_pair_rows_read_each_line_and_refuse_others():
    rows = pair_rows(_lines("○乗車人数 実績 8,120人 / 目標 9,000人 (達成率 90%)\n○運賃収入 実績 1,250千円 / 目標 1,400千円"))
    assert [(r.name, r.target.value, r.target.text) for r in rows] == [("乗車人数", 9000, "9,000人"), ("運賃収入", 1400, "1,400千円")]
    assert pair_rows(_lines("○乗車人数 実績 8,120人 / 目標 9,000人")) == []  # one line is no table
    for text in ("乗車人数 8,120人 / 9,000人",  # no value words
                 "乗車人数 実績 8,120人 / 実績 9,000人",  # the same role twice
                 "実績 8,120人 / 目標 9,000人",  # no name
                 "乗車人数 実績 8,120人 / 目標 9,000人 (前年比 90%)",  # the bracket is not a rate
                 "乗車人数 実績 8,120人 / 目標 多数",  # a word, no figure
                 "〇〇地区 / △△地区"):
        assert not is_pair_row(make_line(text, 0)), text


def test_pair_rows_open_a_region_only_in_a_run(tmp_path):
    lone = "5 成果\n・参加者数 実績 120人 / 目標 150人\n〔本文〕"
    got = _extract(tmp_path, lone)
    assert "参加者数" not in got or got["参加者数"].baseline is None
    assert not re.search(r"実績", " ".join(got))


# -- years above the rows, role words after them ------------------------------------------------

WASTE_PROGRESS = """第3次ごみ処理基本計画の指標の進捗

平成30年度 令和4年度 判定

1人1日あたりのごみ排出

量 905g 872g 850g × 清掃課

(ごみ減量担当)

リサイクル率 21.4% 23.9% 27.0% × 清掃課

(資源化担当)

資源回収団 体数 118団体 131団体 125団体 市民協働課

(地域支援担当)

判定 担当課

ごみの少ない まち

実 績 目 標

(令和4年度)

〔評価コメント〕"""


def test_years_above_and_roles_after_the_rows(tmp_path):
    got = _extract(tmp_path, WASTE_PROGRESS)
    assert sorted(got) == ["1人1日あたりのごみ排出量", "リサイクル率", "資源回収団体数"]
    waste = got["1人1日あたりのごみ排出量"]
    assert (waste.unit, waste.target.value, waste.target.year) == ("g", 850, 2022)
    assert [(a.year, a.value) for a in waste.actuals] == [(2018, 905), (2022, 872)]
    recycling = got["リサイクル率"]
    assert (recycling.unit, recycling.target.value, recycling.target.year) == ("%", 27.0, 2022)
    assert [(a.year, a.value) for a in recycling.actuals] == [(2018, 21.4), (2022, 23.9)]
    groups = got["資源回収団体数"]
    assert (groups.unit, groups.target.value, [(a.year, a.value) for a in groups.actuals]) == ("団体", 125, [(2018, 118), (2022, 131)])


def test_split_header_without_role_words_leaves_the_extra_figure_out():
    from keikaku.importer.splitheader import split_header_rows

    body = "令和元年度 令和3年度\n利用者数 120人 150人 180人 市民課\n相談件数 40件 52件 60件 福祉課"
    rows = split_header_rows(_lines(body))
    assert [(r.name, r.target, [(y, q.value) for y, q, _ in r.actuals]) for r in rows] == [
        ("利用者数", None, [(2019, 120), (2021, 150)]), ("相談件数", None, [(2019, 40), (2021, 52)])]
    reversed_roles = body + "\n目標 実績\n(令和3年度)"
    assert all(r.target is None for r in split_header_rows(_lines(reversed_roles)))  # 目標 before 実績: not the extra figure
    assert split_header_rows(_lines("令和元年度 令和3年度 の実績について説明します\n利用者数 120人 150人 180人\n相談件数 40件 52件 60件")) == []
    assert split_header_rows(_lines("令和元年度 令和3年度\n利用者数 120人 150人 180人")) == []  # one row is no table
    assert split_header_rows(_lines("利用者数 120人 150人 180人\n相談件数 40件 52件 60件")) == []  # no years above
