"""The triggers of the whole-document readings (``wholedoc.py``) skip only documents a reading
would find nothing in.

Documents composed for these rules (names, figures and years invented): each layout is read by its
reading while the document holds what the trigger asks for; the same layout without it (the unit
header, the baseline word, the marks, the letter A, the bracketed heading, the closing word) gives
nothing, the trigger does not fire, and the whole-document readings add nothing. Every trigger is a
compiled pattern; on corpus cases and a seed, the plan read with every trigger off is the plan
read with them on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from keikaku.importer import wholedoc
from keikaku.importer.impliedera import reading_era
from keikaku.importer.lexicon import figure_words
from keikaku.importer.normalize import Line, make_line
from keikaku.importer.pipeline import extract_file

CASES = Path(__file__).resolve().parent / "corpus" / "cases"


def lines(text: str) -> list[Line]:
    return [make_line(t, k) for k, t in enumerate(text.splitlines())]


def read(name: str, text: str) -> list[tuple]:
    """What the reading ``name`` finds in ``text`` when given it (no trigger asked): name, unit,
    baseline, target and actuals, as values."""
    module = next(m for m, n, _, _ in wholedoc.READINGS if n == name)
    return [(r.name, r.unit, r.baseline and r.baseline.value, r.target and r.target.value,
             [(year, q.value) for year, q, _ in r.actuals]) for r in wholedoc.reading(module, name)(lines(text))]


def fires(name: str, text: str) -> bool:
    return wholedoc.fires(name, wholedoc.document_text(lines(text)))


# --- a layout with what the trigger asks for, and without it ----------------------------------------

UNIT_FIRST = "平成 事業の成果 25 年度 26 年度 27 年度 目標値 人 120 130 140 150 件 30 35 40 45 単位 講座の受講者数 相談の対応件数"
PAIRED = ("指標 目標項目 3 年度 4 年度 5 年度 現状値 目標値 実績値 目標値 実績値 公園の 清掃参加者数 "
          "410人 430人 395人 402人 418人 〔説明〕")
MARKED = "検証 R4 指標名 図書館の年間貸出冊数(冊) 現状値 (R2) 52,000 実績 改善・ 悪化 達成度 目標値 (R7) 54,100 ○ A 60,000 〔本文〕"
LETTERED = "\n".join(["平成の記録", "対象指標", "A", "B", "市民農園の区画数", "区画", "農業体験の参加者数", "人",
                      "単位 22年度 23年度 24年度", "区画", "40", "42", "45", "人", "310", "325", "340"])
GOAL = "【目標3】施設入所者の地域移行 令和元年度末時点の施設入所者数 150人\n令和5年度末の地域移行者数 目標値 12人 実績 9人"
ACHIEVED = "にぎわいの創出 → 年間観光客数85万人の達成"
LABELLED = "市民農園の利用区画数\n目標値 令和8年度 120区画"

LAYOUTS = [
    ("unit_first_rows", UNIT_FIRST, ("単位", "区分"), [
        ("講座の受講者数", "人", None, 150, [(2013, 120), (2014, 130), (2015, 140)]),
        ("相談の対応件数", "件", None, 45, [(2013, 30), (2014, 35), (2015, 40)])]),
    ("paired_year_rows", PAIRED, ("現状値", "開始値"), [
        ("公園の清掃参加者数", "人", 395, 430, [(2022, 402), (2023, 418)])]),
    ("marked_rows", MARKED, (" ○ A ", " "), [("図書館の年間貸出冊数", "冊", 52000, 60000, [(2022, 54100)])]),
    ("lettered_rows", LETTERED, ("\nA\n", "\nア\n"), [
        ("市民農園の区画数", "区画", None, None, [(2010, 40), (2011, 42), (2012, 45)]),
        ("農業体験の参加者数", "人", None, None, [(2010, 310), (2011, 325), (2012, 340)])]),
    ("goal_block_rows", GOAL, ("【目標3】", "〈目標3〉"), [("施設入所者の地域移行", "人", None, 12, [(2023, 9)])]),
    ("achieved_rows", ACHIEVED, ("の達成", "をめざす"), [("年間観光客数", "万人", None, 85, [])]),
    ("labelled_figure_rows", LABELLED, ("目標値", "参考"), [("市民農園の利用区画数", "区画", None, 120, [])]),
]


@pytest.mark.parametrize(("name", "text", "change", "expected"), LAYOUTS, ids=[layout[0] for layout in LAYOUTS])
def test_a_layout_is_read_while_its_trigger_fires_and_without_what_it_asks_for_gives_nothing(
        name: str, text: str, change: tuple[str, str], expected: list[tuple], monkeypatch: pytest.MonkeyPatch) -> None:
    with reading_era("令和"):
        assert fires(name, text)
        assert read(name, text) == expected
        without = text.replace(*change)
        assert without != text
        assert not fires(name, without)
        assert read(name, without) == []  # the reading itself, given the document, finds nothing either
        guarded = whole_rows(without)
        monkeypatch.setattr(wholedoc, "GUARDS", False)
        assert fires(name, without)
        assert whole_rows(without) == guarded  # every reading given the document: the same rows


def whole_rows(text: str) -> list[tuple]:
    return [(r.name, r.unit, r.baseline and r.baseline.value, r.target and r.target.value, len(r.actuals))
            for r in wholedoc.whole_document_rows(lines(text), set(), [])]


def test_words_of_a_trigger_are_the_lexicon_s() -> None:
    closing = figure_words()["achieved"]["words"]
    assert len(closing) >= 4
    for word in closing:
        assert fires("achieved_rows", f"年間観光客数85万人{word}")
        assert not fires("achieved_rows", f"年間観光客数85万人{word}率")  # 達成率 is no closing word
    for ending in figure_words()["declared"]["endings"]:
        assert fires("declared_rows", f"図書の貸出冊数を5,000冊以上{ending}。")
        assert fires("declared_rows", f"図書の貸出冊数を5,000冊以上 {' '.join(ending)} 。")  # broken by the page's wrapping
        assert not fires("declared_rows", f"図書の貸出冊数を5,000冊以上{ending}")


def test_a_sentence_of_the_grammar_fires_the_labelled_figures_by_its_direction_or_its_year_before_made() -> None:
    with reading_era("令和"):
        for sentence, figures in (("12ha(令和3年度)から20ha(令和9年度)に拡大", [(12, 20)]), ("令和9年度までに20ha", [(None, 20)])):
            text = f"里山の保全面積\n{sentence}"
            assert fires("labelled_figure_rows", text)
            assert [(row[2], row[3]) for row in read("labelled_figure_rows", text)] == figures
        sentence = figure_words()["sentence"]
        for word in sentence["increase"] + sentence["decrease"] + sentence["maintain"]:
            assert fires("labelled_figure_rows", f"12haを20haに{word}")
        assert fires("labelled_figure_rows", "令和9年 度 ま で 20ha")  # broken by the page's wrapping
        bare = "里山の保全面積\n12haから20haへ"  # no label, no direction, no year before まで
        assert not fires("labelled_figure_rows", bare)
        assert read("labelled_figure_rows", bare) == []


def test_a_word_broken_by_spaces_still_fires_and_a_long_cell_does_not() -> None:
    assert fires("label_after_rows", "3\n目 標 値")
    assert fires("label_after_rows", "3\n実績")
    assert not fires("label_after_rows", "3\n目標値の考え方")  # more than four characters: no label line
    assert fires("unit_first_rows", "a b c d e f g h i j k 単 位")
    assert not fires("unit_first_rows", "a b c d e f g h i j 単位")  # eleven cells: too short a line


# --- the triggers themselves -----------------------------------------------------------------------

def test_every_trigger_is_a_compiled_pattern_and_every_reading_is_found() -> None:
    guarded = 0
    assert len(wholedoc.READINGS) >= 42
    assert len({name for _, name, _, _ in wholedoc.READINGS}) == len(wholedoc.READINGS)  # each reading once
    for module, name, scope, source in wholedoc.READINGS:
        assert scope in (wholedoc.ALL, wholedoc.UNTABLED)
        assert callable(wholedoc.reading(module, name))
        patterns = wholedoc.trigger(name)
        assert isinstance(patterns, tuple)
        assert (len(patterns) == 0) == (source is None), name
        assert all(isinstance(p, re.Pattern) for p in patterns), name
        guarded += bool(patterns)
    assert guarded == 37
    with pytest.raises(KeyError):
        wholedoc.trigger("no_such_rows")


def test_an_empty_document_fires_only_the_readings_without_a_trigger() -> None:
    unguarded = {name for _, name, _, source in wholedoc.READINGS if source is None}
    assert {name for _, name, _, _ in wholedoc.READINGS if wholedoc.fires(name, "")} == unguarded
    assert wholedoc.whole_document_rows([], set(), []) == []


# --- the same plans with the triggers off ---------------------------------------------------------

GUARDED_CASES = ["ikeda-jimujigyo", "etajima-senryaku-kensho", "mie-ken-shisaku-bosai-kenminshihyo",
                 "unidentified-shisaku-hyokahyo-kosodate", "chofu-shogai-seikamokuhyo", "hakodate-kanko-keikaku-mokuhyo"]


@pytest.fixture(scope="module")
def documents(seeds: Path) -> list[Path]:
    return [CASES / f"{case}.txt" for case in GUARDED_CASES] + [sorted(seeds.glob("0*.txt"))[0]]


def test_every_plan_is_the_same_with_the_triggers_off(documents: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    plans = [extract_file(path).plan for path in documents]
    on = [plan.to_json() for plan in plans]
    skipped = 0
    for path in documents:
        text = wholedoc.document_text(extract_file(path).lines)
        skipped += sum(not wholedoc.fires(name, text) for _, name, _, _ in wholedoc.READINGS)
    assert skipped > 5 * len(documents)  # the triggers do skip readings on these documents
    monkeypatch.setattr(wholedoc, "GUARDS", False)
    assert all(wholedoc.fires(name, "") for _, name, _, _ in wholedoc.READINGS)
    off = [extract_file(path).plan.to_json() for path in documents]
    assert off == on
    assert all(plan.indicators for plan in plans)
