"""Layouts of sectoral plans and progress pages, composed here with invented names and figures:

- a list of ``name base → stage → stage → target`` items flattened onto one line, lettered (``A``)
  or numbered (``3``), with the current value dated after some targets (``arrowitems``);
- rows printed one cell per line without a header: mark, name, two figures and the rate that says
  which is the target and which the actual (``ratedcells``);
- a row of yearly targets named 目標数 over the row of the counts under a line of years (``targetrowpair``);
- a table with the years as rows, one cell per line (``yearrowcells``);
- names numbered ①②③ on one line, then a run of baselines and a run of targets (``circledruns``).
"""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.pipeline import extract_file


def read(tmp_path: Path, text: str):  # noqa: ANN201
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).plan


def figures(plan):  # noqa: ANN001, ANN201
    return [(i.name, i.unit, (i.baseline.value, i.baseline.year) if i.baseline else None,
             (i.target.value, i.target.year) if i.target else None, [(a.year, a.value) for a in i.actuals])
            for i in plan.indicators]


# --- arrow items: chains, the current value after the target, item marks before the name -------------

def test_a_chain_of_arrows_gives_the_first_figure_as_baseline_and_the_last_as_target(tmp_path: Path) -> None:
    plan = read(tmp_path, "浄化槽整備構想 〔本文〕 ■住民から見た指標 (1)衛生的な暮らしの評価項目 "
                          "A 水洗化人口の割合(%): 71.2 → 80.5 → 88.0 → 95 【統一指標】 ※〔説明〕 "
                          "① 合併処理浄化槽の設置率(%): 43.6 → 55.0 → 67.5 → 80 【独自指標】 ※〔説明〕 (2)環境の評価項目 B\n")
    got = {i.name: i for i in plan.indicators}
    assert set(got) == {"水洗化人口の割合", "合併処理浄化槽の設置率"}
    first = got["水洗化人口の割合"]
    assert (first.unit, first.baseline.value, first.target.value, first.direction.value) == ("%", 71.2, 95, "increase")
    assert [q.value for q in first.interim_targets] == [80.5, 88.0]
    assert (got["合併処理浄化槽の設置率"].baseline.value, got["合併処理浄化槽の設置率"].target.value) == (43.6, 80)


ITEMS = ("目標1 安心な住まい 1 耐震性のある住宅の割合 68%(平成22)→90%(平成32) 74%(平成27) "
         "2 狭あい道路の延長 約320km(平成21)→おおむね解消(平成32) "
         "3 子育て世帯向け住宅の供給戸数 140戸(平成20)→400戸(平成32) 262戸(平成26) "
         "4 住宅相談の件数 510件(平成21)→700件(平成30) 655件(平成25) 2)参考 窓口の開設日\n")
CURRENT = {"耐震性のある住宅の割合": [(2015, 74)], "狭あい道路の延長": [], "子育て世帯向け住宅の供給戸数": [(2014, 262)],
           "住宅相談の件数": [(2013, 655)]}


def test_a_dated_figure_after_the_target_is_the_current_value(tmp_path: Path) -> None:
    plan = read(tmp_path, "参考 県計画の成果指標の推移 " + ITEMS)
    assert figures(plan) == [
        ("耐震性のある住宅の割合", "%", (68, 2010), (90, 2020), [(2015, 74)]),
        ("狭あい道路の延長", "km", (320, 2009), (None, 2020), []),
        ("子育て世帯向け住宅の供給戸数", "戸", (140, 2008), (400, 2020), [(2014, 262)]),
        ("住宅相談の件数", "件", (510, 2009), (700, 2018), [(2013, 655)]),
    ]


def test_under_a_header_the_table_rows_keep_the_current_value_too(tmp_path: Path) -> None:
    plan = read(tmp_path, "資料2 前計画の成果指標の状況 成果指標 現状値 " + ITEMS)
    got = {i.name: [(a.year, a.value) for a in i.actuals] for i in plan.indicators}
    assert {name: got.get(name) for name in CURRENT} == CURRENT


def test_a_dated_figure_outside_the_plan_period_is_no_current_value(tmp_path: Path) -> None:
    plan = read(tmp_path, "目標1 1 公園の面積 12ha(平成22)→15ha(平成27) 14ha(平成30) "
                          "2 緑地の面積 30ha(平成22)→36ha(平成27) 29ha(平成20) 3 街路樹の本数 800本(平成22)→900本(平成27)\n")
    assert [(i.name, [(a.year, a.value) for a in i.actuals]) for i in plan.indicators] == [
        ("公園の面積", []), ("緑地の面積", []), ("街路樹の本数", [])]


def test_a_number_with_its_unit_inside_a_name_is_no_item_mark(tmp_path: Path) -> None:
    plan = read(tmp_path, "基本目標Ⅱ ①婚姻件数:820 件(平成 26 年)→900 件(平成 31 年) "
                          "②転入超過数のうち 20 歳~39 歳の人数: 310 人(平成 26 年)→450 人(平成 31 年)\n")
    assert [i.name for i in plan.indicators] == ["婚姻件数", "転入超過数のうち 20 歳~39 歳の人数"]


# --- rated cells ---------------------------------------------------------------------------------------

def rated(rows: list[tuple[str, str, str, str, str]], title: str = "令和4年度実績評価 公民館") -> str:
    cells = [title, "", "(1)", ""]
    for mark, name, target, actual, rate in rows:
        cells += [mark, "", *name.split("/"), "", target, "", actual, "", rate, "", "〔コメント〕", "", "評価", ""]
    return "\n".join(cells) + "\n"


def test_the_rate_settles_target_and_actual_of_rows_one_cell_per_line(tmp_path: Path) -> None:
    plan = read(tmp_path, rated([("1-1", "講座の開催数", "120回", "108回", "90%"),
                                 ("1-2", "講座の受講者/の延べ人数", "3,000人", "3,450人", "115%"),
                                 ("2-1", "貸室の稼働率", "60.0%", "48.6%", "81%")]))
    assert figures(plan) == [("講座の開催数", "回", None, (120, None), [(2022, 108)]),
                             ("講座の受講者の延べ人数", "人", None, (3000, None), [(2022, 3450)]),
                             ("貸室の稼働率", "%", None, (60, None), [(2022, 48.6)])]
    assert [a.reported_rate for i in plan.indicators for a in i.actuals] == [90, 115, 81]


def test_figures_whose_rate_does_not_fit_are_no_target_and_actual(tmp_path: Path) -> None:
    plan = read(tmp_path, rated([("1-1", "講座の開催数", "120回", "108回", "75%"),
                                 ("1-2", "講座の受講者数", "3,000人", "3,450人", "95%")]))
    assert plan.indicators == []


def test_a_single_rated_row_is_no_table(tmp_path: Path) -> None:
    plan = read(tmp_path, rated([("1-1", "講座の開催数", "120回", "108回", "90%")]))
    assert [(i.name, i.target) for i in plan.indicators if i.target and i.target.value == 120] == []


def test_without_a_result_year_the_rows_give_their_targets_only(tmp_path: Path) -> None:
    plan = read(tmp_path, rated([("1-1", "講座の開催数", "120回", "108回", "90%"),
                                 ("1-2", "講座の受講者数", "3,000人", "3,450人", "115%")], title="公民館の運営状況"))
    assert figures(plan) == [("講座の開催数", "回", None, (120, None), []), ("講座の受講者数", "人", None, (3000, None), [])]


# --- a target row over the counts -----------------------------------------------------------------------

def test_a_target_row_under_years_gives_the_named_row_its_target_and_base(tmp_path: Path) -> None:
    plan = read(tmp_path, "②保育定員の確保計画の進捗状況(各年4月1日現在)\n\n"
                          "  令和元年 令和2年 令和3年 令和4年 令和5年\n"
                          "目標数 1,200人 1,260人 1,320人 1,380人 1,450人\n"
                          "増減数   60人 120人 180人 250人\n"
                          "保育定員 1,200人 1,240人 1,330人 1,370人 1,420人\n"
                          "増減数 (基準) 40人 130人 170人 220人\n")
    assert figures(plan) == [("保育定員", "人", (1200, 2019), (1450, 2023),
                              [(2019, 1200), (2020, 1240), (2021, 1330), (2022, 1370), (2023, 1420)])]
    assert plan.indicators[0].direction.value == "increase"


def test_a_target_row_in_another_unit_gives_no_target(tmp_path: Path) -> None:
    plan = read(tmp_path, "②健診受診の計画の進捗状況(各年4月1日現在)\n\n"
                          "  令和元年 令和2年 令和3年 令和4年\n"
                          "目標数 80% 82% 84% 86%\n"
                          "受診者数 1,210人 1,260人 1,300人 1,350人\n")
    assert [(i.name, i.baseline, i.target) for i in plan.indicators if i.name == "受診者数"] == [("受診者数", None, None)]


# --- years as rows, one cell per line ---------------------------------------------------------------------

def year_rows(rows: list[tuple[str, list[str]]]) -> str:
    cells = ["●消防団員の確保目標", "", " 年度", "", " 団員数", "", "入団", "者数", "", " 充足率", "(累計)", ""]
    for year, values in rows:
        cells += [f" {year}", ""] + [x for v in values for x in (f" {v}", "")]
    return "\n".join(cells) + "\n問い合わせ先 防災課\n"


def test_the_first_row_is_the_baseline_and_the_last_the_target(tmp_path: Path) -> None:
    plan = read(tmp_path, year_rows([("令和5年度", ["412人", "18人"]), ("令和6年度", ["420人", "20人", "95.5%"]),
                                     ("令和7年度", ["428人", "20人", "97.3%"]), ("令和8年度", ["436人", "22人", "99.1%"])]))
    assert figures(plan) == [("団員数", "人", (412, 2023), (436, 2026), []), ("入団者数", "人", (18, 2023), (22, 2026), [])]


def test_two_year_rows_are_no_table(tmp_path: Path) -> None:
    plan = read(tmp_path, year_rows([("令和5年度", ["412人", "18人"]), ("令和6年度", ["420人", "20人"])]))
    assert [i.name for i in plan.indicators if i.name in ("団員数", "入団者数")] == []


# --- circled names, then runs of baselines and targets -------------------------------------------------------

def test_circled_names_take_the_runs_in_order(tmp_path: Path) -> None:
    plan = read(tmp_path, "指 標①子ども食堂の開設数②見守り協力店の登録数③傾聴講座の修了者数(主な事業)⚫〔本文〕⚫〔本文〕"
                          "24基準値開設数12か所(R4年度)協力店85店(R2年度~R4年度の平均)修了者40人(R4年度)"
                          "指標と目標値〔本文〕目 標 値20か所120店100人\n")
    assert figures(plan) == [("子ども食堂の開設数", "か所", (12, 2022), (20, None), []),
                             ("見守り協力店の登録数", "店", (85, None), (120, None), []),
                             ("傾聴講座の修了者数", "人", (40, 2022), (100, None), [])]


def test_runs_that_do_not_number_the_names_give_nothing(tmp_path: Path) -> None:
    plan = read(tmp_path, "指 標①子ども食堂の開設数②見守り協力店の登録数③傾聴講座の修了者数(主な事業)⚫〔本文〕"
                          "基準値開設数12か所(R4年度)協力店85店(R4年度)目標値20か所120店\n")
    assert [i.name for i in plan.indicators if i.target is not None and i.baseline is not None] == []
