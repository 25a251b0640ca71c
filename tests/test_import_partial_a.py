"""Indicators read only in part: a table whose only goal is the middle year's, a year table whose
cells stack a plan over a record, a goal stated as the figure a name is to reach, and a flattened
review table with trend marks and grades between the figures.

Documents composed for these rules (names, figures, years and units invented):

- a pipe table ``現況 | 中間年度の目標`` with no final column (``solegoal.py``): the middle year's goal
  is the target; beside a final target, or with actuals, it stays an interim goal;
- a measure sheet flattened onto one line under ``N年度 …`` and ``現状値 目標値 実績値 …`` with the plan
  line printed before the record line (``pairedyears.py``); a row one figure short gives nothing;
- a goal phrase ``→ 年間来訪者数120万人の達成`` (``achieved.py``), with a year before it; a phrase
  closing with の達成率, or a name that ends like no indicator, gives nothing;
- a review table flattened onto one line, ``現状値 (R2) … 実績 改善・悪化 達成度 目標値 (R7)``, its rows
  ``name(unit) figure figure ○ A figure`` (``markedrows.py``), the actual's year printed alone before
  the header; values printed before their name are not guessed.
"""

from __future__ import annotations

from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine


def extract(text: str):
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    return extract_document(doc).plan


def rows(text: str) -> list[tuple]:
    return [(i.name, i.unit, i.baseline and (i.baseline.value, i.baseline.year), i.target and (i.target.value, i.target.year),
             [(a.year, a.value) for a in i.actuals], [(v.value, v.year) for v in i.interim_targets])
            for i in extract(text).indicators]


def row(text: str, name: str) -> tuple:
    found = [r for r in rows(text) if r[0] == name]
    assert len(found) == 1, rows(text)
    return found[0]


# --- the middle year's goal as the only goal ---------------------------------------------------

SOLE = """第4章 計画の進め方
〔説明文〕
指標 |
現況 2018年 (数値は平成30年度末) |
中間年度の目標 2024年 (数値は令和6年度末) |
---|---|---|
市民一人当たりの水道使用量 | 301リットル/日 | 290リットル/日以下 |
合併処理浄化槽の設置基数 | 2,410基 | 2,800基以上 |
河川清掃の参加者数 | 1,150人 | 1,400人以上 |
"""


def test_interim_goal_alone_is_the_target() -> None:
    assert row(SOLE, "市民一人当たりの水道使用量") == (
        "市民一人当たりの水道使用量", "リットル/日", (301, 2018), (290, 2024), [], [])
    assert row(SOLE, "合併処理浄化槽の設置基数") == ("合併処理浄化槽の設置基数", "基", (2410, 2018), (2800, 2024), [], [])
    assert row(SOLE, "河川清掃の参加者数") == ("河川清掃の参加者数", "人", (1150, 2018), (1400, 2024), [], [])


BOTH = """指標 |
現状値 (令和元年度) |
中間目標 (令和4年度) |
目標値 (令和8年度) |
---|---|---|---|
地域の清掃活動の参加者数 | 820人 | 900人 | 1,000人 |
"""


def test_interim_goal_beside_a_final_target_stays_interim() -> None:
    assert row(BOTH, "地域の清掃活動の参加者数") == (
        "地域の清掃活動の参加者数", "人", (820, 2019), (1000, 2026), [], [(900, 2022)])


# --- a plan line over a record line per year ----------------------------------------------------

PAIRED = """施策204 【主担当部局:環境生活部】 令和 5 年度末での到達目標 〔説明文〕 県民指標 目標項目 2 年度 3 年度 4 年度 5 年度 現状値 目標値 実績値 目標値 実績値 目標値 実績値 目標達成 状況 地域の 清掃活動に参加 した県民の数 12,500人 13,000人 13,500人 0.97 11,820人 12,640人 12,910人 13,120人 目標項目 の説明 〔説明文〕"""


def test_plan_over_record_year_table() -> None:
    assert row(PAIRED, "地域の清掃活動に参加した県民の数") == (
        "地域の清掃活動に参加した県民の数", "人", (11820, 2020), (13500, 2023),
        [(2021, 12640), (2022, 12910), (2023, 13120)], [])


PAIRED_NO_RATE = """令和の指標 目標項目 3 年度 4 年度 5 年度 現状値 目標値 実績値 目標値 実績値 ごみの 資源化率 24.0% 26.0% 22.5% 23.9% 25.2% 〔説明文〕"""


def test_plan_over_record_year_table_without_a_rate_column() -> None:
    assert row(PAIRED_NO_RATE, "ごみの資源化率") == (
        "ごみの資源化率", "%", (22.5, 2021), (26.0, 2023), [(2022, 23.9), (2023, 25.2)], [])


PAIRED_SHORT = """令和の指標 目標項目 3 年度 4 年度 5 年度 現状値 目標値 実績値 目標値 実績値 ごみの 資源化率 24.0% 26.0% 22.5% 23.9% 〔説明文〕"""


def test_plan_over_record_row_one_figure_short_gives_nothing() -> None:
    from keikaku.importer.impliedera import reading_era
    from keikaku.importer.normalize import make_line
    from keikaku.importer.pairedyears import paired_year_rows
    with reading_era("令和"):
        assert paired_year_rows([make_line(PAIRED_SHORT, 0)]) == []
        assert [r.name for r in paired_year_rows([make_line(PAIRED_NO_RATE, 0)])] == ["ごみの資源化率"]


# --- a goal phrase: name, figure, の達成 ----------------------------------------------------------

ACHIEVED = """みなと町観光振興計画
3.計画の目標
〔説明文〕
 滞在型観光への転換 →  年間来訪者数120万人の達成
 令和9年度までに移住者数300人の実現
"""


def test_goal_phrase_gives_a_target() -> None:
    assert row(ACHIEVED, "年間来訪者数") == ("年間来訪者数", "万人", None, (120, None), [], [])
    assert row(ACHIEVED, "移住者数") == ("移住者数", "人", None, (300, 2027), [], [])


ACHIEVED_REFUSED = """みなと町観光振興計画
〔説明文〕
 目標値の達成に向けて 施設整備事業95%の達成率
 → まちの魅力100%の達成
"""


def test_goal_phrase_refusals() -> None:
    from keikaku.importer.achieved import achieved_rows
    from keikaku.importer.normalize import make_line
    lines = [make_line(t, k) for k, t in enumerate(ACHIEVED_REFUSED.splitlines())]
    assert achieved_rows(lines) == []
    lines = [make_line(t, k) for k, t in enumerate(ACHIEVED.splitlines())]
    assert [(r.name, r.target.value, r.target_year) for r in achieved_rows(lines)] == [
        ("年間来訪者数", 120, None), ("移住者数", 300, 2027)]


# --- a flattened review table with marks between the figures -------------------------------------

MARKED = """総合戦略の効果検証 改善・悪化:改善○,維持△,悪化× 達成度:順調A,要改善B
■施策② 観光の振興 R4 指 標 名 観光案内所の年間利用者数(人) 現状値 (R2) 8,420 実績 改善・ 悪化 達成度 目標値 (R7) 9,150 ○ A 10,000 ≪成果と見直し≫ 〔本文〕 〔本文〕 延べ 7 × B 延べ 12 重要業績 体験プログラムの開発数(件) 延べ 3 評価指標 ≪成果と見直し≫ 〔本文〕 空き家バンクの登録件数(件) 41 38 × B 60 ≪成果と見直し≫ 〔本文〕"""


def test_marked_review_rows() -> None:
    assert row(MARKED, "観光案内所の年間利用者数") == (
        "観光案内所の年間利用者数", "人", (8420, 2020), (10000, 2025), [(2022, 9150)], [])
    assert row(MARKED, "空き家バンクの登録件数") == (
        "空き家バンクの登録件数", "件", (41, 2020), (60, 2025), [(2022, 38)], [])
    assert [r for r in rows(MARKED) if r[0] == "体験プログラムの開発数" and (r[2] or r[3] or r[4])] == []


def test_marked_rows_need_a_mark_column() -> None:
    from keikaku.importer.markedrows import marked_rows
    from keikaku.importer.normalize import make_line
    plain = "指標名 現状値 (R2) 実績 目標値 (R7) 空き家バンクの登録件数(件) 41 38 60"
    assert marked_rows([make_line(plain, 0)]) == []
