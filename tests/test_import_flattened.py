"""Tables whose rows an extractor left as lists or as runs of cells one per line.

The documents here are made up: fictional names and figures, laid out the way KPI lists and
indicator tables come out of PDF and HTML extractors (``tables.py``, ``streamrows.py``,
``segment.py``).
"""

from __future__ import annotations

from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.segment import classify
from keikaku.importer.values import dated_value


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return extract_document(doc).plan


def by_name(plan) -> dict:
    return {i.name: i for i in plan.indicators}


# `name: baseline → target` lists without years: circled items under (1) headings are rows, not
# nodes; units per year (人/年); an empty baseline printed with the target's unit (― 件/年)
ARROW_LIST = """1.ほしぞらの村づくり
星見会参加者数:120人 → 200人
(1)夜空の保全
① 灯り点検回数:1.5回/年 → 4回/年
② 暗い夜道の割合:35%/年 → 20%/年
(2)交流の広がり
① 星見ガイド認定数: ― 件/年 → 12件/年
② 移り住んだ世帯数: ― → 6世帯/年
"""


def test_circled_arrow_rows_are_indicators_not_nodes():
    assert classify(make_line("① 灯り点検回数:1.5回/年 → 4回/年", 0)) is None
    assert classify(make_line("① 夜空の保全", 0)) is not None
    got = by_name(extract(ARROW_LIST))
    assert set(got) == {"星見会参加者数", "灯り点検回数", "暗い夜道の割合", "星見ガイド認定数", "移り住んだ世帯数"}
    assert (got["灯り点検回数"].baseline.value, got["灯り点検回数"].target.value) == (1.5, 4)
    assert got["暗い夜道の割合"].target.value == 20


def test_an_empty_baseline_may_carry_the_target_unit():
    got = by_name(extract(ARROW_LIST))["星見ガイド認定数"]
    assert got.baseline is None or got.baseline.value is None
    assert got.target.value == 12 and got.unit == "件/年"


# one cell per line (an HTML page): the header without 値, then per row the name, a description
# placeholder, a note placeholder, the baseline, its year in brackets (one with a qualifier, 平均),
# the target and its year
CELLS = """指標 現状 目標

星見ガイド養成講座の修了者数

〔説明文〕

1,250人

(令和3年度)

1,800人

(令和8年度)

夜空の明るさ指数

〔説明文〕

〔注記〕

88.5

(令和3年度平均)

80.0

(令和8年度平均)

星見会の満足度

〔説明文〕

71.2%

(令和3年度)

85.0%

(令和8年度)
"""


def test_a_bracketed_year_with_a_qualifier_is_a_year():
    assert dated_value("88.5(令和3年度平均)") == ("88.5", 2021)


def test_rows_one_cell_per_line_with_a_description_between_name_and_values():
    got = by_name(extract(CELLS))
    assert set(got) == {"星見ガイド養成講座の修了者数", "夜空の明るさ指数", "星見会の満足度"}
    first = got["星見ガイド養成講座の修了者数"]
    assert (first.baseline.value, first.baseline.year, first.target.value, first.target.year) == (1250, 2021, 1800, 2026)
    index = got["夜空の明るさ指数"]
    assert (index.baseline.value, index.baseline.year, index.target.value, index.target.year) == (88.5, 2021, 80.0, 2026)


# a header one cell per line whose source column starts like a table's opening word (指標元);
# rows: the name, its source (broken over two lines, or glued to a figure: 5アンケート), the
# baseline, two evaluations, the latest value, maybe the target, a grade; numbered names (2-1 …)
# among the rows are rows, not headings
SOURCED = """架空村の健康指標
2.星見の村の健康づくり
評価指標
策定時
(H20)
指標元
中間評価
(H24)
直近値
目標値
達成状況
夜更かし率(村民千人対)
村保健統
計
12.5
11.8
10.9
A-2
2-1 星見散歩をする村民の増加
5アンケート
40.5%
44.0%
47.5%
60.0% B
2-2 星見体操教室の参加者の増加
村健康課調
べ
-
8.5%
9.1%
15.0% A-1
"""


def test_a_source_column_and_numbered_rows_one_cell_per_line():
    got = by_name(extract(SOURCED))
    names = {n.split(" ", 1)[-1] for n in got}
    assert names == {"夜更かし率(村民千人対)", "星見散歩をする村民の増加", "星見体操教室の参加者の増加"}
    first = got["夜更かし率(村民千人対)"]
    assert (first.baseline.value, first.baseline.year) == (12.5, 2008)
    assert first.target is None or first.target.value is None  # a grade after three figures: no target
    assert {a.year: a.value for a in first.actuals}[2012] == 11.8
    walk = next(i for n, i in got.items() if n.endswith("星見散歩をする村民の増加"))
    assert walk.baseline.value == 40.5 and walk.target.value == 60.0
    gym = next(i for n, i in got.items() if n.endswith("星見体操教室の参加者の増加"))
    assert gym.target.value == 15.0 and {a.year: a.value for a in gym.actuals}[2012] == 8.5


# columns in turn, glued (e-book text): the baseline header with a bracketed note, every name run
# together (a name ending with a bracket, a bracket inside a name, a name ending in 感 and one in
# 寿命), a year heading a column, the baselines each with its year (unreadable glyphs ■ as cells,
# a space between two of them, a cell of two labelled figures), then the target header with its
# year and the targets with a source column's text between them, one maintained, one printed out
# of order (70%) and an extra unreadable cell
GLUED_COLUMNS = (
    "・ー 88 架空県の計画■■現状値(調査年度)星見会を開いた集落数星空ガイドの登録者数(若者)夜空の満足感"
    "灯りを消した家庭の割合天文寿命村外から来た見学者(宿泊・日帰り)の人数移住した世帯数2022年度"
    "12集落(2020)350人/年(2019)■ ■■(2018)上段40.1年(2016)下段42.3年(2016)"
    "4,100万人(2018)18世帯(2019)目標値2026年度20集落村調べ420人/年村民意識調査■■■"
    "上段41.0年下段43.0年天文台集計4,100万人の維持■■25世帯観測記録の現況70%■■出典"
)


def test_glued_columns_in_turn():
    from keikaku.importer.gluedcolumns import _cuts, glued_column_rows

    text = "星見会を開いた集落数星空ガイドの登録者数(若者)夜空の満足感"
    assert [text[a:b] for a, b in zip([0, *_cuts(text)], [*_cuts(text), len(text)])] == [
        "星見会を開いた集落数", "星空ガイドの登録者数(若者)", "夜空の満足感"]
    rows = {r.name: r for r in glued_column_rows(make_line(GLUED_COLUMNS, 0))}
    assert list(rows) == ["星見会を開いた集落数", "星空ガイドの登録者数(若者)", "夜空の満足感", "灯りを消した家庭の割合",
                          "天文寿命", "村外から来た見学者(宿泊・日帰り)の人数", "移住した世帯数"]
    first = rows["星見会を開いた集落数"]
    assert (first.baseline.value, first.baseline_year, first.target.value, first.target_year) == (12, 2020, 20, 2026)
    assert rows["星空ガイドの登録者数(若者)"].target.value == 420
    assert rows["夜空の満足感"].baseline is None and rows["夜空の満足感"].target is None  # unreadable cells
    assert rows["灯りを消した家庭の割合"].baseline is None
    assert rows["天文寿命"].baseline is None  # two labelled figures: no single value
    kept = rows["村外から来た見学者(宿泊・日帰り)の人数"]
    assert kept.baseline.value == 4100 and kept.direction.value == "maintain"
    assert (rows["移住した世帯数"].baseline.value, rows["移住した世帯数"].target.value) == (18, 25)


def test_glued_columns_refuse_a_name_count_that_does_not_fit():
    from keikaku.importer.gluedcolumns import glued_column_rows

    fewer_names = GLUED_COLUMNS.replace("夜空の満足感", "夜空のきれいさ")  # no name ending: six names for seven cells
    assert glued_column_rows(make_line(fewer_names, 0)) == []


# a name broken by a space inside its brackets, its years as untagged column heads, a rule, then
# one figure per year with a page number between two of them; the header names the baseline
# and the target but no actual
YEARS_UNTAGGED = """星見の村の目標
評価指標 数値目標 (現況値) (目標値)
星見台(北口、南 口)の利用者割合 平成24年 平成32年 平成52年 --- 15% 18% 77 25%
"""


def test_untagged_year_heads_under_a_baseline_and_target_header():
    got = by_name(extract(YEARS_UNTAGGED))
    (name,) = got
    assert name.replace(" ", "") == "星見台(北口、南口)の利用者割合"
    row = got[name]
    assert (row.baseline.value, row.baseline.year, row.target.value, row.target.year) == (15, 2012, 25, 2040)
    assert [(v.value, v.year) for v in row.interim_targets] == [(18, 2020)]


# the first row's figures printed before its name; the name comes later with the row's last
# figure (its target), after another row's name that has no figures here; a row number (3-1)
# starts the name
ORPHAN = """架空村の健康指標
3.星見の村の暮らし
評価指標
策定時
(H20)
指標元
中間評価
(H24)
直近値
目標値
達成状況
村保健統
計
6.1人
5.8人
5.5人
B
夜更かし率(村民千人対)
村保健統計
12.5
11.8
10.9
9.0
A-2
星見散歩の参加率
3-1 寝不足の村民の減少(村民千人あたり)
4.9人
C
"""


def test_a_row_named_after_its_figures():
    got = by_name(extract(ORPHAN))
    late = got["寝不足の村民の減少(村民千人あたり)"]  # the name starts at the row number, printed without it
    assert (late.baseline.value, late.baseline.year, late.target.value) == (6.1, 2008, 4.9)
    assert {a.year: a.value for a in late.actuals}[2012] == 5.8
    assert got["夜更かし率(村民千人対)"].target.value == 9.0
