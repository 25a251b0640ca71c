"""Rules learnt from layouts held out of the importer's making (tests/corpus/README.md, the cases
added with ``chiba-ken-jisedai-shihyo-pipes`` and ``shimoda-shokuiku-shihyo-ichiran``), each on a
document composed here in that layout's own form, with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from keikaku.domain.planfile import PlanDocument
from keikaku.importer.pipeline import extract_file
from keikaku.importer.tables import _tokens


def extract_text(tmp_path: Path, text: str) -> PlanDocument:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return extract_file(path).plan


def rows(plan: PlanDocument) -> list[tuple]:
    return [(i.name, i.unit, i.baseline and (i.baseline.value, i.baseline.year),
             i.target and (i.target.value, i.target.year)) for i in plan.indicators]


# --- a pipe table whose rows wrap over lines, ended by a line without a pipe ----------------------

PIPES = (
    "総合計画指標一覧\n"
    "指標 | 現状 | 目標 |\n"
    "---|---|---|\n"
    "地域見守り活動の参加者数 〔説明文〕 |\n"
    "1,250人(平成29年度) |\n"
    "1,600人(33年度) |\n"
    "空き家バンクの登録件数 〔説明文〕 |\n"
    "42件(29年度) | 80件(33年度) |\n"
    "指標 | 現状 | 目標 |\n"
    "---|---|---|\n"
    "住宅火災の件数 〔説明文〕 |\n"
    "31件(29年) | 減少を目指します(33年) |\n"
    "公園愛護会の数\n"
)


def test_a_pipe_table_ended_by_a_cut_name_is_read_up_to_it(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, PIPES)
    assert rows(plan) == [
        ("地域見守り活動の参加者数", "人", (1250, 2017), (1600, 2021)),
        ("空き家バンクの登録件数", "件", (42, 2017), (80, 2021)),
        ("住宅火災の件数", "件", (31, 2017), (None, 2021)),
    ]
    fire = plan.indicators[2]
    assert fire.direction == "decrease"  # 減少を目指します(33年): a target in words, with its year


def test_a_bare_year_in_a_cell_takes_the_era_the_table_named_last(tmp_path: Path) -> None:
    # the era is named once, in the first row's baseline cell; (33年度) after it is Heisei 33
    plan = extract_text(tmp_path, PIPES.replace("(平成29年度)", "(令和元年度)").replace("1,600人(33年度)", "1,600人(5年度)"))
    assert rows(plan)[0] == ("地域見守り活動の参加者数", "人", (1250, 2019), (1600, 2023))


def test_bare_years_with_no_era_named_that_only_heisei_holds_are_heisei(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, PIPES.replace("(平成29年度)", "(29年度)"))  # 33年度: no Reiwa year a plan reaches
    assert rows(plan)[0] == ("地域見守り活動の参加者数", "人", (1250, 2017), (1600, 2021))


def test_a_small_bare_year_with_no_era_named_is_left_without_year(tmp_path: Path) -> None:
    text = PIPES.replace("(平成29年度)", "(2年度)").replace("(29年度)", "(2年度)").replace("(33年度)", "(7年度)")
    text = text.replace("(29年)", "(2年)").replace("(33年)", "(7年)")
    assert rows(extract_text(tmp_path, text))[0] == ("地域見守り活動の参加者数", "人", (1250, None), (1600, None))


def test_a_line_without_pipes_before_any_row_is_still_no_table(tmp_path: Path) -> None:
    text = "指標 | 現状 | 目標 |\n〔本文〕\n---|---|---|\n"
    assert extract_text(tmp_path, text).indicators == []


# --- a table flattened onto one line: spaced era years, row numbers, names cut by their figures ---

FLAT = (
    "第 5 章 計画の指標 1 指標の考え方 〔本文〕 (1)〔本文〕 (2)〔本文〕 12 指標一覧 "
    "項目 現状値(平成 28 年度) 目標値(平成 34 年度) "
    "1 運動習慣のある人の 32.5% 40% 割合 "
    "2 3歳児のう歯のない者の割合 81.0% 90% "
    "3 地域の行事に参加している 44.1% 50% 人の割合 "
    "4 健康教室(年 4 回)の参加者数 215 人 "
    "5 食生活改善推進員の数"
)


def test_a_flattened_table_with_spaced_era_years_and_row_numbers(tmp_path: Path) -> None:
    plan = extract_text(tmp_path, FLAT)
    assert rows(plan) == [
        ("運動習慣のある人の割合", "%", (32.5, 2016), (40, 2022)),
        ("3歳児のう歯のない者の割合", "%", (81, 2016), (90, 2022)),
        ("地域の行事に参加している", "%", (44.1, 2016), (50, 2022)),
        ("健康教室(年4回)の参加者数", "人", (215, 2016), None),
    ]


def test_a_name_cut_by_its_figures_keeps_a_tail_only_when_it_ends_like_a_name(tmp_path: Path) -> None:
    # "人の割合" after the figures of a name ending in 参加している: the name can end there; the
    # tail is the next cell (a longer text), not the name's
    names = [i.name for i in extract_text(tmp_path, FLAT).indicators]
    assert "地域の行事に参加している人の割合" not in names
    assert all(not n.endswith("の") for n in names)


def test_figures_a_space_apart_keep_a_line_in_the_table_region(tmp_path: Path) -> None:
    # a line with commas that reads like prose but holds a run of percentages is the table's rows
    text = ("指標一覧\n項目 現状値(平成 28 年度) 目標値(平成 34 年度)\n"
            "1 農業、林業、漁業の体験をした児童の割合 61.0% 80% 2 図書館、公民館、体育館の利用者の割合 33.3% 40%\n")
    assert rows(extract_text(tmp_path, text)) == [
        ("農業、林業、漁業の体験をした児童の割合", "%", (61, 2016), (80, 2022)),
        ("図書館、公民館、体育館の利用者の割合", "%", (33.3, 2016), (40, 2022)),
    ]


def test_prose_with_a_few_figures_ends_the_table_region(tmp_path: Path) -> None:
    text = ("指標一覧\n項目 現状値(平成 28 年度) 目標値(平成 34 年度)\n"
            "公園の数 12か所 15か所\n"
            "〔本文〕、市民、事業者、行政が連携し、割合を 10% から 20% に高めることをめざし、施策を進めます。\n")
    assert rows(extract_text(tmp_path, text)) == [("公園の数", "か所", (12, 2016), (15, 2022))]


def test_spaces_inside_a_names_bracket_are_closed_up() -> None:
    assert _tokens("4 健康教室(年 4 回)の参加者数 215 人") == ["4", "健康教室(年4回)の参加者数", "215 人"]
    assert _tokens("人口(2020) 1,200 人") == ["人口(2020)", "1,200 人"]  # a closed bracket is left as printed
