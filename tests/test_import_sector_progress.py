"""Progress tables of sectoral plans (歯科保健計画, 環境基本計画 …) flattened onto one line.

Made-up documents (fictional names, figures and years) in the layouts of real sectoral plans'
target lists and progress summaries: letter-spaced short headers (指 標 / 目 標), names that open
with a figure, a target in words after a baseline figure, numbered rows whose figures the
extractor printed elsewhere, a target year stated in a note, and indicators printed as dated
blocks (labels, years, figures).
"""

from __future__ import annotations

import re
from pathlib import Path

from keikaku.importer.lexicon import figure_opens_name
from keikaku.importer.pipeline import extract_file
from keikaku.importer.spacedpairs import join_spaced_pairs


def _extract(tmp_path: Path, text: str) -> dict[str, object]:
    """The indicators read, by name without the row's number ((2) name → name)."""
    path = tmp_path / "plan.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return {re.sub(r"^\(\d+\)\s*", "", i.name): i for i in extract_file(path).plan.indicators}


TARGET_LIST = (
    "第3 計画の目標 1 数値目標 〔本文〕 〔注記:現状値は直近の調査の数値、目標値は計画の最終年度である令和9年度の数値〕 "
    "指 標 現状値 目 標 (1) 健口サポーター養成講座修了者数 118人 200人以上 "
    "(2) 6024よい歯のコンクール応募者数 31人 増加 52.5% 60%以上 "
    "(3) 70歳で自分の歯を22本以上持っている人 の割合 "
    "(4) むし歯のない4歳児の割合 81.2% 90%以上 "
    "(5) 歯肉に炎症がある中学生の割合 17.4% 12%以下 "
    "【現状値の出典】 (1) 令和4年度 講座修了者 (2) 令和4年度 コンクール結果 12 2 推進体制 〔本文〕"
)


def test_letter_spaced_header_and_figure_named_rows(tmp_path):
    got = _extract(tmp_path, TARGET_LIST)
    first = got["健口サポーター養成講座修了者数"]
    assert (first.unit, first.baseline.value, first.target.value, first.target.year) == ("人", 118, 200, 2027)
    contest = got["6024よい歯のコンクール応募者数"]
    assert (contest.unit, contest.baseline.value, contest.target.value) == ("人", 31, None)
    assert contest.direction == "increase"
    caries = got["むし歯のない4歳児の割合"]
    assert (caries.baseline.value, caries.target.value, caries.target.year) == (81.2, 90, 2027)
    gums = got["歯肉に炎症がある中学生の割合"]
    assert (gums.unit, gums.baseline.value, gums.target.value, gums.direction) == ("%", 17.4, 12, "decrease")
    assert not any("70歳で" in name for name in got)  # its figures are printed elsewhere: no row


def test_spaced_pairs_are_joined_only_beside_header_words():
    assert join_spaced_pairs("指 標 現状値 目 標 (1) 名") == "指標 現状値 目標 (1) 名"
    assert join_spaced_pairs("項 目 基準値 実績") == "項目 基準値 実績"
    assert join_spaced_pairs("目 標 を 立てる") == "目 標 を 立てる"  # no header word beside it
    assert join_spaced_pairs("山 川 現状値") == "山 川 現状値"  # 山川 is no header word


def test_figure_opening_names_need_a_long_name_like_tail():
    assert figure_opens_name("number", "よい歯のコンクール応募者数")
    assert figure_opens_name("number", "ウォーク大会参加者数")
    assert not figure_opens_name("number", "人")
    assert not figure_opens_name("number", "千kWh/年")
    assert not figure_opens_name("word", "ウォーク大会参加者数")


def test_a_direction_word_after_a_group_label_is_no_target(tmp_path):
    text = ("評価指標 現状 目標 区分 地域の行事に参加する児童の割合 (市民意識調査) "
            "低学年 48.0% 増加 高学年 39.5% 増加 ⅰ")
    got = _extract(tmp_path, text)
    assert "低学年" not in got and "高学年" not in got


def test_stated_target_year_needs_the_value_word():
    from keikaku.importer.statedyears import _stated

    m = _stated().search("目標値は計画の最終年度である令和9年度の数値とします")
    assert m is not None and m.group(3) == "令和9年度"
    assert _stated().search("目標値は毎年度見直す") is None


DATED_BLOCKS = (
    "第3章 計画の目標 3-1 基本目標 〔本文〕 【ごみの減量】 家庭系ごみ排出量 目標 基準年度 令和 2 年度 512g "
    "※別表② 中間確認年度 目標 現状 令和 5 年度 490g 498g 中間確認 年度目標 目標年度 令和 8 年度 令和 10 年度 470g 450g "
    "〔本文〕 【市民意識】 「まちがきれいだ」と思う市民の割合 目標 基準年度 令和 2 年度 61% 中間確認年度 目標 現状 "
    "令和 4 年度 64% 66% 中間確認 年度目標 目標年度 令和 8 年度 令和 10 年度 70% 72%↑ ※〔注記〕 〔本文〕"
)


def test_dated_blocks(tmp_path):
    got = _extract(tmp_path, DATED_BLOCKS)
    waste = got["家庭系ごみ排出量"]
    assert (waste.unit, waste.baseline.value, waste.baseline.year) == ("g", 512, 2020)
    assert (waste.target.value, waste.target.year) == (450, 2028)
    assert [(a.year, a.value) for a in waste.actuals] == [(2023, 498)]
    opinion = got["「まちがきれいだ」と思う市民の割合"]
    assert (opinion.baseline.value, opinion.baseline.year, opinion.target.value, opinion.target.year) == (61, 2020, 72, 2028)
    assert [(a.year, a.value) for a in opinion.actuals] == [(2022, 66)]


def test_a_single_dated_group_is_not_a_block(tmp_path):
    text = "【ごみの減量】 家庭系ごみ排出量 目標 基準年度 令和 2 年度 512g 〔本文〕 令和 3 年度 〔本文〕"
    got = _extract(tmp_path, text)
    assert "家庭系ごみ排出量" not in got or got["家庭系ごみ排出量"].target is None
