"""Bare years (26年度) in a document that names no era, or one era only, count in the era it implies."""

from __future__ import annotations

from pathlib import Path

import pytest

from keikaku.cache import reading_context
from keikaku.importer.impliedera import implied_era, reading_era
from keikaku.importer.normalize import make_line
from keikaku.importer.values import parse_year
from tests.sheet_reading import extract_by_name, figures_of


def _lines(*texts: str) -> list:
    return [make_line(t, k) for k, t in enumerate(texts)]


@pytest.mark.parametrize(("texts", "era"), [
    (("指標 基準値 目標値", "空き家の活用件数 12件(27年度) 30件(32年度)"), "平成"),  # 27, 32: no Reiwa year a plan reaches
    (("指標 基準値 目標値", "空き家の活用件数 12件(5年度) 30件(11年度)"), None),  # 平成5 or 令和5: left undated
    (("令和6年3月策定", "空き家の活用件数 12件(5年度) 30件(11年度)"), "令和"),  # one era named, the years fit it
    (("令和6年3月策定", "空き家の活用件数 12件(29年度) 30件(11年度)"), None),  # 令和29 does not fit: no guess
    (("平成30年3月策定", "空き家の活用件数 12件(28年度) 30件(34年度)"), "平成"),
    (("平成30年度 実績", "令和5年度 目標", "空き家の活用件数 12件(28年度)"), None),  # two eras: each rule's own
    (("空き家の活用件数 12件 30件",), None),  # no bare year at all
])
def test_the_era_a_document_implies(texts: tuple[str, ...], era: str | None) -> None:
    assert implied_era(_lines(*texts)) == era


def test_a_bare_year_counts_in_the_implied_era_only_while_the_document_is_read() -> None:
    assert parse_year("29年度") is None
    with reading_era("平成"):
        assert parse_year("29年度") == 2017
        assert parse_year("令和2年度") == 2020  # a named era still wins
        assert parse_year("29年度", default_era="令和") == 2047  # so does the era a rule gives
    assert parse_year("29年度") is None  # the memo keeps the two readings apart
    assert reading_context.get() is None


SHEET = """施策の進捗状況
| 指標 | 基準値 | (年度) | 目標値 | (年度) | 実績 | (年度) |
| 認定農業者数 | 118人 | (26年度) | 140人 | (32年度) | 126人 | (28年度) |
| 農地の集積率 | 41.5% | (26年度) | 55.0% | (32年度) | 44.2% | (28年度) |
"""


def test_a_sheet_naming_no_era_reads_its_bare_years_as_heisei(tmp_path: Path) -> None:
    got = extract_by_name(tmp_path, SHEET)
    assert figures_of(got["認定農業者数"]) == ("人", (118, 2014), (140, 2020), [(2016, 126)])
    assert figures_of(got["農地の集積率"]) == ("%", (41.5, 2014), (55.0, 2020), [(2016, 44.2)])


def test_the_same_sheet_with_small_bare_years_stays_undated(tmp_path: Path) -> None:
    got = extract_by_name(tmp_path, SHEET.replace("(26年度)", "(2年度)").replace("(32年度)", "(8年度)").replace("(28年度)", "(4年度)"))
    assert figures_of(got["認定農業者数"])[:3] == ("人", (118, None), (140, None))
