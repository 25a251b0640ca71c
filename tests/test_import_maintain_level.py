"""A target cell that keeps the current level and prints it in brackets: 現状値を維持(141か所)."""

from __future__ import annotations

import json
from pathlib import Path

from keikaku.importer.pipeline import extract_file
from keikaku.importer.values import parse_quantity

# A composed page (names and figures invented) in the pipe layout of a measure list.
DOC = """\
指標名 | 現状値 令和元年度 | 目標値 令和4年度 | 目標値 令和8年度 | 考え方 | 調査周期 |
---|---|---|---|---|---|
里山の保全面積 | 312ha | 現状を維持(312ha) | 現状を維持(312ha) | 〔本文〕 | 毎年 |
農地の割合 | 27.5% | 現状値を維持(27%台) | 現状値を維持(27%台) | 〔本文〕 | 5年 |
森林ボランティア登録者数 | 86人 | 95人 | 110人 | 〔本文〕 | 毎年 |
"""


def _indicators(tmp_path: Path) -> dict[str, dict]:
    doc = tmp_path / "page.txt"
    doc.write_text(DOC, encoding="utf-8")
    plan = json.loads(extract_file(doc).plan.to_json())
    return {i["name"]: i for i in plan["indicators"]}


def test_level_in_brackets_is_the_maintained_figure() -> None:
    q = parse_quantity("現状を維持(312ha)")
    assert (q.kind, q.value, q.unit) == ("maintain", 312, "ha")
    q = parse_quantity("維持(約3,000人)")
    assert (q.kind, q.value, q.unit, q.approx) == ("maintain", 3000, "人", True)


def test_a_range_or_bad_bracket_gives_no_figure() -> None:
    for text in ("現状値を維持(27%台)", "現状維持(30人台)", "維持(未定)"):
        q = parse_quantity(text)
        assert (q.kind, q.value) == ("maintain", None), text
    assert parse_quantity("維持(312ha").kind == "word"  # an unclosed bracket is no level
    assert parse_quantity("維持管理(3件)").kind == "word"


def test_table_rows_keep_the_level_as_target(tmp_path: Path) -> None:
    got = _indicators(tmp_path)
    kept = got["里山の保全面積"]
    assert kept["direction"] == "maintain"
    assert (kept["baseline"]["value"], kept["baseline"]["year"]) == (312, 2019)
    assert (kept["target"]["value"], kept["target"]["year"]) == (312, 2026)
    ranged = got["農地の割合"]
    assert ranged["direction"] == "maintain"
    assert ranged["baseline"]["value"] == 27.5
    assert ranged["target"]["value"] is None and ranged["target"]["year"] == 2026
    grown = got["森林ボランティア登録者数"]
    assert (grown["baseline"]["value"], grown["target"]["value"], grown["target"]["year"]) == (86, 110, 2026)
    assert grown["direction"] == "increase"
