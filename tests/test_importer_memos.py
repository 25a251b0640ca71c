"""The importer's memos of cell functions: what they give back is shared safely, and a document
reads the same whether the memos start empty or full."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from keikaku.cache import text_memo
from keikaku.importer import flatsheet, lexicon, streamrows, tables, values
from keikaku.importer.announced import announced_rows
from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_file

CASES = Path(__file__).resolve().parent / "corpus" / "cases"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

MEMOISED = (
    values.parse_quantity, values.parse_year_in, values.parse_year, values.find_era, values.parse_direction,
    lexicon._role_of_cell, tables._line_tokens, streamrows._kind,
    streamrows.arrow_cell, flatsheet.year_of,
)


def clear_memos() -> None:
    for function in MEMOISED:
        function.cache_clear()


def test_a_quantity_parsed_once_is_the_same_frozen_value() -> None:
    clear_memos()
    first = values.parse_quantity("約 1,070件")
    assert first == values.Quantity(1070, "件", "約 1,070件", True, "number")
    assert values.parse_quantity("約 1,070件") is first
    assert values.parse_quantity.cache_info().hits == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.value = 0  # type: ignore[misc]


def test_the_year_of_a_cell_depends_on_the_era_it_is_read_under() -> None:
    clear_memos()
    assert values.parse_year_in("84.9%(28年度)", default_era="平成") == ("84.9%", 2016)
    assert values.parse_year_in("84.9%(28年度)", default_era="令和") == ("84.9%", 2046)
    assert values.parse_year_in("84.9%(28年度)") == ("84.9%(28年度)", None)
    assert values.parse_year_in("84.9%(28年度)", default_era="平成") == ("84.9%", 2016)


def test_a_memo_keeps_short_text_only() -> None:
    calls: list[str] = []

    @text_memo(2, 5)
    def shout(word: str, times: int = 1) -> str:
        calls.append(word)
        return word.upper() * times

    assert [shout("abc"), shout("abc"), shout("abcdef"), shout("abcdef")] == ["ABC", "ABC", "ABCDEF", "ABCDEF"]
    assert calls == ["abc", "abcdef", "abcdef"]  # six characters: worked out each time, never kept
    assert shout.cache_info().currsize == 1  # type: ignore[attr-defined]
    shout("x"), shout("y"), shout("abc")  # two entries at most: abc was evicted
    assert calls == ["abc", "abcdef", "abcdef", "x", "y", "abc"]
    assert shout("abc", 2) == "ABCABC" and calls[-1] == "abc"
    with pytest.raises(TypeError):
        shout(["abc"])  # type: ignore[arg-type]  # not text, and unhashable: refused, not worked out


def test_a_header_cell_has_one_role_however_it_is_printed() -> None:
    words = lexicon.header_words()
    assert [words.role_of(c) for c in ("目標値", "目 標 値", "ＫＰＩ", "現状値（令和元年度）", "")] == [
        "target", "target", "name", "baseline", None]
    assert words.words("target") is words.words("target")


def test_tokens_come_back_as_a_new_list_each_time() -> None:
    clear_memos()
    line = "名前 27団体30団体 約 5,000人"
    first = tables._tokens(line, line)
    assert first == ["名前", "27団体", "30団体", "約 5,000人"]
    first.append("changed")
    assert tables._tokens(line, line) == ["名前", "27団体", "30団体", "約 5,000人"]
    assert tables._tokens(line) == ["名前", "27団体", "30団体", "約 5,000人"]


def test_the_kinds_of_stream_cells() -> None:
    clear_memos()
    cells = ["H26年1.54→H31年1.68", "(令和2年度)", "増加", "維持", "3歳児のう歯のない者の割合", "－"]
    assert [streamrows._kind(c) for c in cells] == ["arrow", "year", "direction", "value", "text", "value"]
    assert streamrows.arrow_cell("H26年1.54→H31年1.68") == (("1.54", 2014), ("1.68", 2019))
    assert streamrows.arrow_cell("1.54→1.68→1.70") is None


def test_a_line_that_announces_no_order_is_left_alone() -> None:
    plain = make_line("成果目標、令和5年度目標、令和5年度実績、達成率で記載 一般就労に移行した人数、120人 96人、80.0%", 0)
    assert announced_rows([plain]) == ([], [plain])


@pytest.mark.parametrize("path", [CASES / "ube-kokyokotsu-hyokashihyo.txt", SEEDS / "003_e03f99f4e54a75f7.txt"],
                         ids=lambda p: p.stem)
def test_a_document_reads_the_same_with_memos_empty_or_full(path: Path) -> None:
    clear_memos()
    cold = extract_file(path).plan.to_json()
    warm = extract_file(path).plan.to_json()
    assert values.parse_quantity.cache_info().hits > 0
    clear_memos()
    assert extract_file(path).plan.to_json() == cold == warm
