"""Cell values: width, quantities, era years, directions and project schedules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keikaku.domain.enums import Direction
from keikaku.importer.values import (
    Quantity,
    era_year_columns,
    find_era,
    normalize_width,
    parse_direction,
    parse_quantity,
    parse_year,
    parse_year_in,
    resolve_schedule,
    split_stage_cells,
)

FULL = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def to_full_width(text: str) -> str:
    return text.translate(FULL)


# --- normalize_width ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("１，０７０件", "1,070件"),
        ("ＪＲ中央本線", "JR中央本線"),
        ("（平成２６年）", "(平成26年)"),
        ("18.8％", "18.8%"),
        ("－", "-"),
        ("ＡＢＣ　ｘｙｚ", "ABC xyz"),
        ("  a \t\n b　　c  ", "a b c"),
        ("", ""),
        ("　", ""),
    ],
)
def test_normalize_width(text: str, expected: str) -> None:
    assert normalize_width(text) == expected


@pytest.mark.parametrize("kept", ["㎡", "‰", "Ⅰ", "Ⅻ", "①", "➊", "～", "―", "‐", "ｰ", "ア", "〜", "※", "△", "▲", "→"])
def test_normalize_width_keeps_other_characters(kept: str) -> None:
    assert normalize_width(f"a{kept}b") == f"a{kept}b"


def test_normalize_width_is_not_nfkc() -> None:
    assert normalize_width("10,989㎡ Ⅲ ①") == "10,989㎡ Ⅲ ①"
    assert normalize_width("平成28年度～32年度") == "平成28年度～32年度"


@given(st.text())
def test_normalize_width_is_idempotent(text: str) -> None:
    once = normalize_width(text)
    assert normalize_width(once) == once


@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7D)))
def test_full_width_ascii_folds_to_ascii(text: str) -> None:
    assert normalize_width(to_full_width(text)) == text.strip()


# --- parse_quantity -------------------------------------------------------------------------


def q(text: str) -> tuple[object, str | None, str]:
    r = parse_quantity(text)
    return r.value, r.unit, r.kind


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1,070件", 1070, "件"),
        ("999件", 999, "件"),
        ("71件", 71, "件"),
        ("27団体", 27, "団体"),
        ("10事業所", 10, "事業所"),
        ("688事業所", 688, "事業所"),
        ("18.8％", 18.8, "%"),
        ("100%", 100, "%"),
        ("50%", 50, "%"),
        ("0.5%", 0.5, "%"),
        ("2‰", 2, "‰"),
        ("8,413a", 8413, "a"),
        ("10,989㎡", 10989, "㎡"),
        ("12,489㎡", 12489, "㎡"),
        ("3.5ha", 3.5, "ha"),
        ("1.5倍", 1.5, "倍"),
        ("500円", 500, "円"),
        ("12回", 12, "回"),
        ("180日", 180, "日"),
        ("2時間", 2, "時間"),
        ("5ポイント", 5, "ポイント"),
        ("5pt", 5, "pt"),
        ("350g", 350, "g"),
        ("1.2kg", 1.2, "kg"),
        ("40t", 40, "t"),
        ("12.5km", 12.5, "km"),
        ("8台", 8, "台"),
        ("14校", 14, "校"),
        ("3か所", 3, "か所"),
        ("3箇所", 3, "箇所"),
        ("3カ所", 3, "カ所"),
        ("1,200世帯", 1200, "世帯"),
        ("20本", 20, "本"),
        ("5,000冊", 5000, "冊"),
        ("30種", 30, "種"),
        ("7割", 7, "割"),
        ("2,160人", 2160, "人"),
        ("74,982件", 74982, "件"),
        ("59,563件", 59563, "件"),
        ("100m2", 100, "m2"),
        ("100回/年", 100, "回/年"),
        ("50パーセント", 50, "%"),
        ("0", 0, None),
        ("0件", 0, "件"),
        ("42", 42, None),
        ("100 人", 100, "人"),
    ],
)
def test_numbers_with_units(text: str, value: object, unit: str | None) -> None:
    assert q(text) == (value, unit, "number")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("650億円", 650, "億円"),
        ("3,437百万円", 3437, "百万円"),
        ("2,584千人", 2584, "千人"),
        ("12万人", 12, "万人"),
        ("5千万円", 5, "千万円"),
        ("1.5億円", 1.5, "億円"),
    ],
)
def test_a_single_scale_stays_in_the_unit(text: str, value: object, unit: str) -> None:
    assert q(text) == (value, unit, "number")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("3億 1,100万円", 311_000_000, "円"),
        ("3億1,100万円", 311_000_000, "円"),
        ("３億　１，１００万円", 311_000_000, "円"),
        ("1兆2,000億円", 1_200_000_000_000, "円"),
        ("1億5千万円", 150_000_000, "円"),
        ("1億5千万", 150_000_000, None),
        ("2万5千人", 25_000, "人"),
        ("1.5億3千万円", 180_000_000, "円"),
        ("3億1,100円", 300_001_100, "円"),
    ],
)
def test_compound_scales_resolve_to_the_base_unit(text: str, value: int, unit: str | None) -> None:
    r = parse_quantity(text)
    assert (r.value, r.unit, r.kind) == (value, unit, "number")
    assert type(r.value) is int


@pytest.mark.parametrize("text", ["1万2億円", "3億 1,100億円", "10 20", "1,070件 999件", "18.8％ 100%"])
def test_bad_compounds_and_several_values_are_words(text: str) -> None:
    assert q(text) == (None, None, "word")


def test_integral_values_are_ints_and_others_rounded_floats() -> None:
    assert type(parse_quantity("1,070件").value) is int
    assert type(parse_quantity("100.0%").value) is int
    assert parse_quantity("100.0%").value == 100
    assert type(parse_quantity("18.8％").value) is float
    assert parse_quantity("0.1").value == 0.1
    assert parse_quantity("12.50").value == 12.5
    assert parse_quantity("0.3333333333333%").value == 0.3333333333


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("△5", -5, None),
        ("▲5", -5, None),
        ("△ 5件", -5, "件"),
        ("▲1.2%", -1.2, "%"),
        ("-5", -5, None),
        ("－５", -5, None),
        ("−3.5ポイント", -3.5, "ポイント"),
        ("+5ポイント", 5, "ポイント"),
        ("±0", 0, None),
        ("△1,234百万円", -1234, "百万円"),
        ("△3億 1,100万円", -311_000_000, "円"),
    ],
)
def test_negative_numbers(text: str, value: object, unit: str | None) -> None:
    assert q(text) == (value, unit, "number")


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        ("約 221,000人", 221000, "人", True),
        ("約221,000人", 221000, "人", True),
        ("およそ50%", 50, "%", True),
        ("概ね 8割", 8, "割", True),
        ("おおむね100件", 100, "件", True),
        ("100人程度", 100, "人", True),
        ("390,000人", 390000, "人", False),
        ("年間約500人", 500, "人", True),
    ],
)
def test_approximate_values(text: str, value: int, unit: str, approx: bool) -> None:
    r = parse_quantity(text)
    assert (r.value, r.unit, r.approx, r.kind) == (value, unit, approx, "number")


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("100人以上", 100, "人"),
        ("5件以下", 5, "件"),
        ("10%未満", 10, "%"),
        ("50%超", 50, "%"),
        ("以上 100", 100, None),
        ("約100人以上", 100, "人"),
        ("延べ 1,200人", 1200, "人"),
        ("累計30件", 30, "件"),
    ],
)
def test_bounds_and_qualifiers_are_not_part_of_the_value(text: str, value: int, unit: str | None) -> None:
    r = parse_quantity(text)
    assert (r.value, r.unit, r.kind) == (value, unit, "number")
    assert r.text == text


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("84.9%（令和元年度）", 84.9, "%"),
        ("84.9% (R1)", 84.9, "%"),
        ("1,070件 (H26)", 1070, "件"),
        ("（平成26年）71件", 71, "件"),
        ("71件（平成26年度末時点）", 71, "件"),
        ("100件（2019年度）", 100, "件"),
        ("100件（26年度）", 100, "件"),
        ("100人（延べ）", 100, "人"),
        ("※１ / 約 221,000人", 221000, "人"),
        ("※1 100件", 100, "件"),
        ("100件※1", 100, "件"),
        ("100件 ※２", 100, "件"),
        ("*1 50%", 50, "%"),
        ("※100件", 100, "件"),
    ],
)
def test_years_notes_and_footnotes_are_not_part_of_the_value(text: str, value: object, unit: str) -> None:
    r = parse_quantity(text)
    assert (r.value, r.unit, r.kind) == (value, unit, "number")
    assert r.text == text


@pytest.mark.parametrize("text", ["維持", "現状維持", "維持する", "現状を維持", "維持 ※1", "　維持　"])
def test_maintain(text: str) -> None:
    assert parse_quantity(text) == Quantity(None, None, text.strip(), False, "maintain")


@pytest.mark.parametrize("text", ["拡充", "体制強化", "実施", "充実", "なし", "策定", "garbage", "維持向上", "第2期計画の策定", "(2014)"])
def test_words(text: str) -> None:
    assert parse_quantity(text) == Quantity(None, None, text, False, "word")


@pytest.mark.parametrize("text", ["", "   ", "－", "-", "―", "‐", "—", "ー", "ｰ", "--", "−", "─", "－ ※1", "※1"])
def test_empty(text: str) -> None:
    assert parse_quantity(text) == Quantity(None, None, text.strip(), False, "empty")


def test_none_is_empty() -> None:
    assert parse_quantity(None).kind == "empty"  # type: ignore[arg-type]


def test_text_is_the_input_stripped() -> None:
    assert parse_quantity("  １，０７０件　").text == "１，０７０件"


def test_very_large_numbers_are_exact() -> None:
    assert q("1,234,567,890,123,456,789件") == (1234567890123456789, "件", "number")
    assert q("9兆9,999億9,999万9,999円") == (9_999_999_999_999, "円", "number")


def test_long_suffix_is_not_a_unit() -> None:
    assert q("100人が参加する予定のイベントの回数") == (None, None, "word")


def test_quantity_is_frozen() -> None:
    r = parse_quantity("1件")
    with pytest.raises(AttributeError):
        r.value = 2  # type: ignore[misc]


# Real indicator rows of seed 002 (measures 20-35): baseline and target cells.
@pytest.mark.parametrize(
    ("baseline", "target", "expected_baseline", "expected_target"),
    [
        ("71件", "100件", (71, "件", "number"), (100, "件", "number")),
        ("－", "拡充", (None, None, "empty"), (None, None, "word")),
        ("－", "体制強化", (None, None, "empty"), (None, None, "word")),
        ("27団体", "30団体", (27, "団体", "number"), (30, "団体", "number")),
        ("18.8％", "100%", (18.8, "%", "number"), (100, "%", "number")),
        ("1,070件", "999件", (1070, "件", "number"), (999, "件", "number")),
        ("－", "80%", (None, None, "empty"), (80, "%", "number")),
        ("-", "50%", (None, None, "empty"), (50, "%", "number")),
        ("10事業所", "17事業所", (10, "事業所", "number"), (17, "事業所", "number")),
        ("５件", "８件", (5, "件", "number"), (8, "件", "number")),
        ("650億円", "維持", (650, "億円", "number"), (None, None, "maintain")),
        ("約 221,000人", "390,000人", (221000, "人", "number"), (390000, "人", "number")),
        ("74,982件", "113,000件", (74982, "件", "number"), (113000, "件", "number")),
        ("3億 1,100万円", "維持", (311_000_000, "円", "number"), (None, None, "maintain")),
        ("8,413a", "維持", (8413, "a", "number"), (None, None, "maintain")),
        ("10,989㎡", "12,489㎡", (10989, "㎡", "number"), (12489, "㎡", "number")),
        ("2,160人", "2,650人", (2160, "人", "number"), (2650, "人", "number")),
        ("688事業所", "702事業所", (688, "事業所", "number"), (702, "事業所", "number")),
        ("59,563件", "72,900件", (59563, "件", "number"), (72900, "件", "number")),
    ],
)
def test_seed_indicator_cells(
    baseline: str, target: str, expected_baseline: tuple[object, ...], expected_target: tuple[object, ...]
) -> None:
    assert q(baseline) == expected_baseline
    assert q(target) == expected_target


def test_seed_approximate_visitors() -> None:
    assert parse_quantity("約 221,000人").approx is True
    assert parse_quantity("390,000人").approx is False


@given(st.integers(min_value=0, max_value=10**15))
def test_any_count_with_separators(n: int) -> None:
    assert q(f"{n:,}件") == (n, "件", "number")
    assert q(f"{n}件") == (n, "件", "number")


@given(st.integers(min_value=0, max_value=10**12))
def test_full_width_and_ascii_digits_parse_the_same(n: int) -> None:
    ascii_text = f"{n:,}人"
    assert parse_quantity(to_full_width(ascii_text)).value == parse_quantity(ascii_text).value == n


@given(st.integers(min_value=1, max_value=10**9))
def test_triangle_is_minus(n: int) -> None:
    assert parse_quantity(f"△{n:,}").value == -n
    assert parse_quantity(f"▲{n}").value == -n


@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=0, max_value=9_999))
def test_oku_man_compound(oku: int, man: int) -> None:
    if oku == 0:
        return
    assert q(f"{oku:,}億{man:,}万円") == (oku * 10**8 + man * 10**4, "円", "number")


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_decimals(whole: int, hundredths: int) -> None:
    r = parse_quantity(f"{whole}.{hundredths:02d}%")
    assert r.unit == "%"
    assert r.value == round(whole + hundredths / 100, 10)


# --- parse_year -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("平成26年", 2014),
        ("平成 26 年度", 2014),
        ("平成 26年", 2014),
        ("令和元年度", 2019),
        ("令和元年", 2019),
        ("令和2(2020)年", 2020),
        ("令和２年（2020年）", 2020),
        ("令和２年度（２０２０年度）", 2020),
        ("令和2年(西暦2020年)", 2020),
        ("2020年度（令和2年度）", 2020),
        ("2020年度", 2020),
        ("2020年", 2020),
        ("2020", 2020),
        ("(2014)", 2014),
        ("（2014）", 2014),
        ("FY2021", 2021),
        ("平成32年", 2020),
        ("令和7年度", 2025),
        ("昭和63年", 1988),
        ("昭和64年", 1989),
        ("大正元年", 1912),
        ("明治元年", 1868),
        ("明治45年", 1912),
        ("H26", 2014),
        ("Ｈ２６", 2014),
        ("H.26", 2014),
        ("h26", 2014),
        ("H26年度", 2014),
        ("R3", 2021),
        ("r3", 2021),
        ("R元", 2019),
        ("R元年度", 2019),
        ("S63", 1988),
        ("平成26年4月1日", 2014),
        ("平成26年 平成32年", 2014),
        ("現状値（平成26年）", 2014),
        ("産業振興プランの達成率（平成 28年度～32年度）", 2016),
    ],
)
def test_parse_year(text: str, year: int) -> None:
    assert parse_year(text) == year


@pytest.mark.parametrize(
    "text",
    ["", "   ", "abc", "28年度", "28年", "1,070件", "2160人", "84.9%", "5年間", "3年後", "H2O", "100m2", "12万人", "2020.5"],
)
def test_parse_year_none(text: str) -> None:
    assert parse_year(text) is None


def test_parse_year_none_input() -> None:
    assert parse_year(None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "era", "year"),
    [
        ("28年度", "平成", 2016),
        ("32年度", "平成", 2020),
        ("28年", "H", 2016),
        ("28年度", "h", 2016),
        ("3年度", "令和", 2021),
        ("3年度", "R", 2021),
        ("平成26年", "令和", 2014),  # an explicit era wins over the default
        ("2020年度", "平成", 2020),
    ],
)
def test_parse_year_default_era(text: str, era: str, year: int) -> None:
    assert parse_year(text, default_era=era) == year


def test_default_era_does_not_make_durations_years() -> None:
    assert parse_year("5年間", default_era="平成") is None
    assert parse_year("28", default_era="平成") is None


def test_unknown_default_era_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown era"):
        parse_year("28年度", default_era="X")


@given(st.integers(min_value=1, max_value=40))
def test_heisei_years(k: int) -> None:
    assert parse_year(f"平成{k}年") == 1988 + k
    assert parse_year(f"平成{k}年度") == 1988 + k
    assert parse_year(to_full_width(f"H{k}")) == 1988 + k
    assert parse_year(f"{k}年度", default_era="平成") == 1988 + k


@given(st.integers(min_value=1, max_value=30))
def test_reiwa_years(k: int) -> None:
    era_year = "元" if k == 1 else str(k)
    assert parse_year(f"令和{era_year}年度") == 2018 + k
    assert parse_year(f"令和{k}年度") == 2018 + k


@given(st.integers(min_value=1868, max_value=2199))  # a plan names no year before Meiji
def test_western_years(y: int) -> None:
    assert parse_year(f"{y}年度") == y
    assert parse_year(to_full_width(f"({y})")) == y


@pytest.mark.parametrize(
    ("text", "era"),
    [
        ("平成 26年", "平成"),
        ("（平成）", "平成"),
        ("(令和)", "令和"),
        ("現状値 令和元年度 目標値 令和7年度", "令和"),
        ("H26 H32", "平成"),
        ("Ｒ３", "令和"),
        ("昭和", "昭和"),
        ("事業名 28年度 29年度", None),
        ("", None),
        ("SDGs", None),
    ],
)
def test_find_era(text: str, era: str | None) -> None:
    assert find_era(text) == era


# --- parse_year_in --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rest", "year"),
    [
        ("84.9%（令和元年度）", "84.9%", 2019),
        ("1,070件 (H26)", "1,070件", 2014),
        ("１，０７０件（平成２６年）", "１，０７０件", 2014),
        ("71件（平成26年度末時点）", "71件", 2014),
        ("(2019) 50%", "50%", 2019),
        ("令和元年度 84.9%", "84.9%", 2019),
        ("84.9% 令和元年度", "84.9%", 2019),
        ("1,070件 H26", "1,070件", 2014),
        ("令和2(2020)年度 50%", "50%", 2020),
        ("平成26年", "", 2014),
        ("100件", "100件", None),
        ("  100件  ", "100件", None),
        ("", "", None),
        ("平成26年度比10%減", "平成26年度比10%減", None),  # a year inside running text stays
        ("2160人", "2160人", None),
        ("100件（26年度）", "100件（26年度）", None),  # bare year, no era known
    ],
)
def test_parse_year_in(text: str, rest: str, year: int | None) -> None:
    assert parse_year_in(text) == (rest, year)


def test_parse_year_in_with_default_era() -> None:
    assert parse_year_in("100件（26年度）", default_era="平成") == ("100件", 2014)
    assert parse_year_in("(32年度) 維持", default_era="H") == ("維持", 2020)


def test_parse_year_in_prefers_the_bracketed_year() -> None:
    assert parse_year_in("令和元年度 84.9%（令和2年度）") == ("令和元年度 84.9%", 2020)


# --- parse_direction ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("アップ", Direction.INCREASE),
        ("上昇", Direction.INCREASE),
        ("増加", Direction.INCREASE),
        ("増やす", Direction.INCREASE),
        ("向上", Direction.INCREASE),
        ("拡大", Direction.INCREASE),
        ("増加を目指す", Direction.INCREASE),
        ("増加傾向にある", Direction.INCREASE),
        ("増", Direction.INCREASE),
        ("UP", Direction.INCREASE),
        ("↑", Direction.INCREASE),
        ("⇑", Direction.INCREASE),
        ("⇗", Direction.INCREASE),
        ("↗", Direction.INCREASE),
        ("➚", Direction.INCREASE),
        ("維持・向上", Direction.INCREASE),
        ("ダウン", Direction.DECREASE),
        ("減少", Direction.DECREASE),
        ("減らす", Direction.DECREASE),
        ("低下", Direction.DECREASE),
        ("削減", Direction.DECREASE),
        ("縮減", Direction.DECREASE),
        ("減少を目指す", Direction.DECREASE),
        ("減", Direction.DECREASE),
        ("down", Direction.DECREASE),
        ("↓", Direction.DECREASE),
        ("⇓", Direction.DECREASE),
        ("⇘", Direction.DECREASE),
        ("↘", Direction.DECREASE),
        ("➘", Direction.DECREASE),
        ("増加の抑制", Direction.DECREASE),
        ("維持", Direction.MAINTAIN),
        ("現状維持", Direction.MAINTAIN),
        ("→", Direction.MAINTAIN),
        ("⇒", Direction.MAINTAIN),
        ("➡", Direction.MAINTAIN),
        (" → ", Direction.MAINTAIN),
        ("人口減少の抑制", Direction.MAINTAIN),
        ("（アップ）", Direction.INCREASE),
        ("⇗ 増加", Direction.INCREASE),
    ],
)
def test_parse_direction(text: str, direction: Direction) -> None:
    assert parse_direction(text) is direction


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "－",
        "拡充",
        "100件",
        "ダウンロード",
        "アップデート",
        "道路の維持管理",
        "増減",
        "↑↓",
        "上昇と低下",
        "市民が地域に愛着を持ち暮らし続けられるよう生活の質の向上を図る取組を進める",
    ],
)
def test_parse_direction_none(text: str) -> None:
    assert parse_direction(text) is None


def test_parse_direction_none_input() -> None:
    assert parse_direction(None) is None  # type: ignore[arg-type]


# --- schedules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "stages"),
    [
        (["検討", "→", "実施", "拡充", "→"], ["検討", "検討", "実施", "拡充", "拡充"]),
        (["推進", "→", "→", "→", "→"], ["推進"] * 5),
        (["充実", "⇒", "➡", "―", "─"], ["充実"] * 5),
        (["継続", "━", "ー", "同上", "〃"], ["継続"] * 5),
        (["検討・実施", "→", "見直し", "→", "完了"], ["検討・実施", "検討・実施", "見直し", "見直し", "完了"]),
        (["→", "検討", "→"], [None, "検討", "検討"]),
        (["検討", "", "→"], ["検討", None, None]),
        (["検討", "-", "実施"], ["検討", None, "実施"]),
        (["実施", "――→", "──→"], ["実施", "実施", "実施"]),
        (["実施→", "→"], ["実施", "実施"]),
        (["検　討", "→"], ["検 討", "検 討"]),
        (["ＰＲ", "→"], ["PR", "PR"]),
        ([None, "→"], [None, None]),
        ([], []),
    ],
)
def test_resolve_schedule(cells: list[str | None], stages: list[str | None]) -> None:
    assert resolve_schedule(cells) == stages


@pytest.mark.parametrize(
    ("text", "expected", "cells"),
    [
        ("検討 → 実施 拡充 →", 5, ["検討", "→", "実施", "拡充", "→"]),
        ("推進 → → → →", 5, ["推進", "→", "→", "→", "→"]),
        ("推進→→→→", 5, ["推進", "→", "→", "→", "→"]),
        ("充実 → → → →", 5, ["充実", "→", "→", "→", "→"]),
        ("継続 → → → →", 5, ["継続", "→", "→", "→", "→"]),
        ("検討→実施→拡充", 5, ["検討", "→", "実施", "→", "拡充"]),
        ("検討 ・ 実施 → 見直し", 3, ["検討・実施", "→", "見直し"]),
        ("検討実施→→→", 5, ["検討", "実施", "→", "→", "→"]),
        ("推進 ─────→", 5, ["推進", "─────→", "→", "→", "→"]),
        ("推進→→→", 5, ["推進", "→", "→", "→", "→"]),
        ("検討　→　実施", 3, ["検討", "→", "実施"]),
        ("実施", 1, ["実施"]),
    ],
)
def test_split_stage_cells(text: str, expected: int, cells: list[str]) -> None:
    assert split_stage_cells(text, expected) == cells


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("検討 → 実施 拡充 →", 4),
        ("検討 → 実施", 5),  # ends in a word: nothing to stretch
        ("a b c d e f", 5),
        ("", 5),
        ("   ", 3),
    ],
)
def test_split_stage_cells_cannot_fit(text: str, expected: int) -> None:
    assert split_stage_cells(text, expected) is None


def test_split_stage_cells_rejects_a_non_positive_count() -> None:
    with pytest.raises(ValueError):
        split_stage_cells("推進", 0)


def test_split_then_resolve() -> None:
    cells = split_stage_cells("検討 → 実施 拡充 →", 5)
    assert cells is not None
    assert resolve_schedule(cells) == ["検討", "検討", "実施", "拡充", "拡充"]


# --- era_year_columns -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "era", "years"),
    [
        ("事業名 28年度 29年度 30年度 31年度 32年度", "平成", [2016, 2017, 2018, 2019, 2020]),
        ("事業名 28年度 29年度 30年度 31年度 32年度", "H", [2016, 2017, 2018, 2019, 2020]),
        ("事業名 28年度 29年度 30年度 31年度 32年度", None, []),
        ("令和3年度 令和4年度 令和5年度", None, [2021, 2022, 2023]),
        ("R3 R4 R5", None, [2021, 2022, 2023]),
        ("Ｒ３　Ｒ４", None, [2021, 2022]),
        ("2021年度 2022年度", None, [2021, 2022]),
        ("2021 2022 2023", None, [2021, 2022, 2023]),
        ("平成28年度 29年度 30年度", None, [2016, 2017, 2018]),
        ("令和元年度 2年度 3年度", None, [2019, 2020, 2021]),
        ("平成30年度 令和元年度 2年度", None, [2018, 2019, 2020]),
        ("令和3年度(2021年度) 令和4年度(2022年度)", None, [2021, 2022]),
        ("事業名 平成 28年度 29年度", "令和", [2016, 2017]),
        ("事業名 内容 所管課", "平成", []),
        ("", None, []),
    ],
)
def test_era_year_columns(header: str, era: str | None, years: list[int]) -> None:
    assert era_year_columns(header, default_era=era) == years


def test_header_era_feeds_cells() -> None:
    era = find_era("平成 26年 平成 32年")
    assert era == "平成"
    assert era_year_columns("事業名 28年度 29年度 30年度 31年度 32年度", default_era=era) == [2016, 2017, 2018, 2019, 2020]


# --- the seed document ----------------------------------------------------------------------


def test_seed_002_schedules(seeds: Path) -> None:
    """Every project row of seed 002 splits into its five fiscal years with no gap."""
    lines = (seeds / "002_da149b7202bad3b0.txt").read_text(encoding="utf-8").splitlines()
    headers = [line for line in lines if line.startswith("事業名")]
    assert headers
    for header in headers:
        assert era_year_columns(header, default_era="平成") == [2016, 2017, 2018, 2019, 2020]
    rows = [line for line in lines if "→" in line]
    assert len(rows) == 16
    for line in rows:
        words = line.split()
        found = None
        for i in range(len(words)):
            cells = split_stage_cells(" ".join(words[i:]), 5)
            if cells is not None and resolve_schedule(cells)[0] is not None:
                found = resolve_schedule(cells)
                break
        assert found is not None, line
        assert None not in found, line
    assert split_stage_cells("地域情報サイトとの連携 検討 → 実施 拡充 →".split(" ", 1)[1], 5) == ["検討", "→", "実施", "拡充", "→"]


# --- module hygiene -------------------------------------------------------------------------


def test_module_imports_only_light_dependencies() -> None:
    code = (
        "import sys; before = set(sys.modules); import keikaku.importer.values; "
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    heavy = {"sqlalchemy", "pydantic", "typer", "rich", "unicodedata", "decimal", "fractions"}
    assert not heavy & {name.split(".")[0] for name in out}


def test_a_figure_printed_with_falling_scales_stays_one_cell() -> None:
    """3億1,100万円 is one figure (311,000,000円), not 3億 and 1,100万円 side by side."""
    from keikaku.importer.tables import _tokens

    assert _tokens("名前 3億1,100万円 3億5,000万円") == ["名前", "3億1,100万円", "3億5,000万円"]
    assert _tokens("名前 27団体30団体") == ["名前", "27団体", "30団体"]  # two figures glued stay two
