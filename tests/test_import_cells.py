"""Sheets printed one cell per line, read as a whole (keikaku/importer/cellsheet.py).

Made-up sheets (fictional names and figures) in the layouts of evaluation forms and KPI reports
that an extractor left one cell per line.
"""

from __future__ import annotations

from pathlib import Path

from keikaku.importer.pipeline import extract_file


def _extract(tmp_path: Path, cells: list[str]) -> dict[str, dict]:
    path = tmp_path / "sheet.txt"
    path.write_text("\n".join(cells) + "\n", encoding="utf-8")
    plan = extract_file(path).plan
    return {i.name: i for i in plan.indicators}


def _actuals(ind) -> dict[int, float]:
    return {a.year: a.value for a in ind.actuals}


FORM = ["交付金事業報告", "担当課", "企画課", "事業の名称", "指標", "指標値", "単位", "目標年月", "実績値",
        "事業効果", "指標①", "見学ツアー参加件", "数", "12", "件", "H28.3", "指標②", "特産品の出荷",
        "4,500", "箱", "H28.3", "〔本文〕", "た", "森林ボランティア登録者", "数", "7", "人", "H28.3"]


def test_value_unit_date_records(tmp_path):
    got = _extract(tmp_path, FORM)
    assert set(got) == {"見学ツアー参加件数", "特産品の出荷", "森林ボランティア登録者数"}
    assert got["見学ツアー参加件数"].target.value == 12 and got["見学ツアー参加件数"].unit == "件"
    assert got["特産品の出荷"].target.value == 4500 and got["特産品の出荷"].unit == "箱"
    assert got["森林ボランティア登録者数"].target.value == 7
    assert not got["森林ボランティア登録者数"].actuals


def test_records_need_the_role_of_their_header(tmp_path):
    cells = [c for c in FORM if c not in ("目標年月", "実績値")]  # no header names the value's role
    got = _extract(tmp_path, cells)
    assert all(i.target is None or i.target.value != 4500 for i in got.values())


YEAR_HEADER = ["事務事業評価シート", "事業名", "公園管理事業", "区 分", "単位", "令和2年度", "実績(決算)",
               "令和3年度", "計画(予算)", "実績(決算)", "令和4年度", "計画(予算)",
               "活動指標 清掃実施回数", "回", "48", "50", "52", "55",
               "成果指標 公園利用者満足度", "%", "61.5", "65.0", "63.2", "70.0", "〔本文〕"]


def test_rows_under_years_with_roles(tmp_path):
    got = _extract(tmp_path, YEAR_HEADER)
    a = got["清掃実施回数"]
    assert a.unit == "回" and a.target.value == 55 and a.target.year == 2022
    assert _actuals(a) == {2020: 48, 2021: 52}
    b = got["公園利用者満足度"]
    assert b.target.value == 70 and b.target.year == 2022 and _actuals(b) == {2020: 61.5, 2021: 63.2}


def test_rows_that_do_not_fill_the_columns_are_refused(tmp_path):
    cells = YEAR_HEADER[:14] + ["48", "50", "52"] + ["成果指標 公園利用者満足度", "%", "61.5", "65.0", "63.2", "70.0", "75.0"]
    got = _extract(tmp_path, cells)
    assert "清掃実施回数" not in got and "公園利用者満足度" not in got


LABELLED = ["施策2-1 健やかに暮らせるまち", "◆成果指標", "指 標 名", "設定理由", "がん検診受診者割合",
            "〔本文〕", "単位", "%", "計画策定時", "令和2年度", "令和3年度", "令和4年度",
            "計 画", "30", "33", "36", "28(見込)", "実 績", "29.5(見込値)", "〔本文〕", "〔本文〕",
            "◆方 針", "〔本文〕", "〔本文〕", "〔本文〕"]


def test_plan_row_under_year_columns(tmp_path):
    got = _extract(tmp_path, LABELLED)
    row = got["がん検診受診者割合"]
    assert row.unit == "%" and row.target.value == 36 and row.target.year == 2022
    assert not row.actuals  # one actual for three years: not placed


BLOCKS = ["施策評価シート", "成果指標名", "単位", "①図書館来館者数", "人", "②まちなか歩行者", "数", "人",
          "区分", "2年度", "目標値", "実績値", "目標値", "実績値",
          "2年度", "1,000", "950", "200", "210",
          "3年度", "1,100", "1,020", "220", "190",
          "4年度", "5年度", "6年度",
          "1,200", "1,300", "1,400", "230", "240", "250", "〔本文〕"]


def test_year_blocks_and_future_targets(tmp_path):
    got = _extract(tmp_path, BLOCKS)
    a, b = got["図書館来館者数"], got["まちなか歩行者数"]
    assert a.unit == "人" and b.unit == "人"
    assert _actuals(a) == {1990: 950, 1991: 1020} or _actuals(a) == {2020: 950, 2021: 1020}
    assert _actuals(b) in ({1990: 210, 1991: 190}, {2020: 210, 2021: 190})
    assert a.target.value == 1400 and b.target.value == 250


def test_year_blocks_of_the_wrong_length_are_refused(tmp_path):
    cells = [c for c in BLOCKS if c != "210"]  # one value missing in the first year: the years are not placed
    got = _extract(tmp_path, cells)
    for ind in got.values():
        assert 1990 not in _actuals(ind) and 2020 not in _actuals(ind)


def test_prose_is_not_a_sheet(tmp_path):
    cells = ["計画の目的", "本計画は市の施策の方向を定めるものであり、市民とともにまちづくりを進めるための指針として策定したものです。"] * 8
    assert _extract(tmp_path, cells) == {}
