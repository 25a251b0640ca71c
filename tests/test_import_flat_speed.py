"""What makes the reading of flattened sheets and the memos of cell functions cheaper changes nothing
they give: memos free of the reading context, the forms of a token kept per text, and the quick
exits of the sub-readings of ``flatsheet.py`` (a year always printed with a digit or 元, a bracket
left open only by a part that opens one, a label of both roles needed by bounded rows)."""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.cache import reading_context, text_memo
from keikaku.importer import flatsheet
from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_file

CASES = Path(__file__).resolve().parent / "corpus" / "cases"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
ERAS = (None, "平成", "令和", "昭和", "H", "R")
FORMS = (flatsheet.is_value, flatsheet.is_unit, flatsheet.is_label, flatsheet.is_header, flatsheet.is_text,
         flatsheet.ends_name, flatsheet._titled, flatsheet.label_number, flatsheet._both_roles, flatsheet.year_of)
SUB_READINGS = (flatsheet.year_rows, flatsheet.numbered_rows, flatsheet.bounded_rows, flatsheet.label_pair_rows,
                flatsheet.apart_rows, flatsheet.scattered_rows)


def _documents() -> list[Path]:
    return sorted(CASES.glob("*.txt")) + sorted(SEEDS.glob("0*.txt"))


@pytest.fixture(scope="module")
def token_lists() -> dict[str, list[flatsheet.Token]]:
    return {path.stem: flatsheet.tokens(extract_file(path).lines) for path in _documents()}


def _clear_forms() -> None:
    for form in FORMS:
        form.cache_clear()


def _as_tuples(rows) -> list[tuple]:
    return [(r.name, r.unit, r.baseline, r.baseline_year, r.target, r.target_year, tuple(r.actuals), r.direction)
            for r in rows]


# --- memos -------------------------------------------------------------------------------------------

def test_a_memo_free_of_the_context_keeps_one_answer_under_every_context() -> None:
    calls: list[str] = []

    @text_memo(8, 5, context=False)
    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    assert shout("abc") == "ABC"
    token = reading_context.set("令和")
    try:
        assert shout("abc") == "ABC"
    finally:
        reading_context.reset(token)
    assert calls == ["abc"] and shout.cache_info().hits == 1  # type: ignore[attr-defined]
    assert [shout("abcdef"), shout("abcdef")] == ["ABCDEF", "ABCDEF"] and calls == ["abc", "abcdef", "abcdef"]
    assert shout(word="xy") == "XY" and shout(word="xy") == "XY" and calls[-1] == "xy" and calls.count("xy") == 1
    with pytest.raises(TypeError):
        shout(["abc"])  # type: ignore[arg-type]  # unhashable: refused
    with pytest.raises(AttributeError):
        shout(None)  # type: ignore[arg-type]  # no text: worked out, and the function's own error raised


def test_a_memo_of_the_context_answers_per_context() -> None:
    calls: list[tuple[str, object]] = []

    @text_memo(8, 5)
    def tagged(word: str) -> str:
        calls.append((word, reading_context.get()))
        return f"{word}/{reading_context.get()}"

    assert tagged("a") == "a/None"
    token = reading_context.set("平成")
    try:
        assert [tagged("a"), tagged("a")] == ["a/平成", "a/平成"]
    finally:
        reading_context.reset(token)
    assert tagged("a") == "a/None"
    assert calls == [("a", None), ("a", "平成")]


# --- the forms of a token and the quick exits ------------------------------------------------------

def test_the_forms_of_tokens() -> None:
    _clear_forms()
    assert [flatsheet.is_value(t) for t in ("12.5%", "－", "H23", "目標値", "市民")] == [True, True, False, False, False]
    assert [flatsheet.is_label(t) for t in ("目標値", "実績", "達成率", "目標値の設定", "市民")] == [True, True, True, False, False]
    assert [flatsheet.year_of(t) for t in ("H23", "(H28)", "平成23年度", "23年度", "12.5%")] == [2011, 2016, 2011, None, None]
    assert flatsheet.year_of("23年度", "平成") == 2011 and flatsheet.year_of("23年度", "令和") == 2041
    assert [flatsheet.label_number(t) for t in ("指標1", "成果指標②", "指標", "市民1")] == ["1", "②", None, None]
    assert [flatsheet.ends_name(t) for t in ("登録率", "参加者数", "市民の")] == [True, True, False]
    assert flatsheet.is_text("参加者数") and not flatsheet.is_text("H23") and not flatsheet.is_text("目標値")


def test_a_year_token_always_holds_a_digit_or_gan(token_lists: dict[str, list[flatsheet.Token]]) -> None:
    texts = {t.text for toks in token_lists.values() for t in toks}
    assert len(texts) > 5_000
    years = 0
    for text in texts:
        dated = [era for era in ERAS if flatsheet.year_of(text, era) is not None]
        years += bool(dated)
        assert not dated or flatsheet._MAY_BE_YEAR.search(text), text
    assert years > 100
    assert [bool(flatsheet._MAY_BE_YEAR.search(t)) for t in ("R元", "H２３", "平成", "目標")] == [True, True, False, False]


def test_a_line_opens_a_bracket_as_any_of_its_opening_characters_says(token_lists: dict[str, list[flatsheet.Token]]) -> None:
    keys = {t.line.key for toks in token_lists.values() for t in toks}
    assert len(keys) > 3_000
    for key in keys:
        assert bool(flatsheet._OPENS.search(key)) == any(o in key for o in flatsheet._OPEN), key
    line = make_line("値 12.5% (平成 20年 度) 【実績 値】 指標名", 0)
    assert [t.text for t in flatsheet.tokens([line])] == ["値", "12.5%", "(平成20年度)", "【実績値】", "指標名"]


def test_every_sub_reading_reads_the_same_with_the_forms_cold_or_warm(token_lists: dict[str, list[flatsheet.Token]]) -> None:
    _clear_forms()
    cold = {name: [_as_tuples(read(toks)) for read in SUB_READINGS] for name, toks in token_lists.items()}
    warm = {name: [_as_tuples(read(toks)) for read in SUB_READINGS] for name, toks in token_lists.items()}
    assert cold == warm
    assert sum(1 for results in cold.values() if any(results)) >= 10


def test_bounded_rows_and_names_between_labels_as_read() -> None:
    sumida = flatsheet.flat_sheet_rows(extract_file(CASES / "sumida-shisaku-hyoka.txt").lines)
    assert [(r.name, r.unit, r.baseline and r.baseline.value, r.baseline_year, r.target.value, r.target_year,
             [(y, q.value) for y, q, _ in r.actuals]) for r in sumida] == [
        ("区民1人1日あたりのごみ排出量の削減", "g", 565, 2016, 515, 2025, [(2017, 561)]),
        ("資源化率の向上", "%", None, 2016, 25, 2025, [(2016, 19.6), (2017, 18.9)]),
    ]
    izumiotsu = flatsheet.flat_sheet_rows(extract_file(CASES / "izumiotsu-shisaku-hyoka.txt").lines)
    assert [(r.name, r.unit, r.target, r.actuals) for r in izumiotsu] == [
        ("地域活動やボランティア活動が活発なまちだと思う市民の割合", "%", None, []),
        ("市政への市民参画の機会が増えたと思う市民の割合", "%", None, []),
        ("市民活動団体として登録している団体数", "団体", None, []),
    ]
    assert flatsheet.bounded_rows(flatsheet.tokens([make_line("指標名 市民 目標値 12件", 0)])) == []  # no 目標実績 label
    assert flatsheet.flat_sheet_rows([]) == []
