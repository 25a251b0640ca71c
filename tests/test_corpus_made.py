"""Documents made the way cities make them (tests/corpus/made.py), scored as unseen documents are.

Word and Excel with merged headers, their LibreOffice PDFs, a designer's two-column page with a
ruled table: every indicator and every figure right. The scan of the Word PDF goes through OCR,
which reads a few zeros wrongly at this print size; those misreads are pinned exactly.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.made import build
from corpus.scoring import scorer
from keikaku.importer.pipeline import extract_file

EXACT = ["word", "excel", "word → LibreOffice PDF", "excel → LibreOffice PDF", "two-column designer PDF"]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[dict]]]:
    return build(tmp_path_factory.mktemp("made"))


def score(path: Path, gold: list[dict]) -> tuple[int, int, int, int, list[str]]:
    plan = json.loads(extract_file(path).plan.to_json())
    return scorer().score(gold, plan["indicators"])


@pytest.mark.parametrize("label", EXACT)
def test_made_documents_read_in_full(made: dict[str, tuple[Path, list[dict]]], label: str) -> None:
    path, gold = made[label]
    found, total, right, figures, misses = score(path, gold)
    assert misses == []
    assert (found, right) == (total, figures) and total >= 2 and figures >= 14


def test_the_scan_reads_every_indicator_and_all_but_the_zeros_ocr_misreads(made: dict[str, tuple[Path, list[dict]]]) -> None:
    path, gold = made["scan of the Word PDF"]
    found, total, right, figures, misses = score(path, gold)
    assert (found, total, right, figures) == (3, 3, 18, 21)
    assert misses == ["待機児童数 target value 0.0 != 6.0", "待機児童数 actual {'year': 2023, 'value': 0}",
                      "「子育てしやすいまち」と感じる保護者の割合 target value 70.0 != 70.6"]


def test_the_two_column_page_reads_its_table_column_before_its_text_column(made: dict[str, tuple[Path, list[dict]]]) -> None:
    from keikaku.importer.readers import read_document

    lines = read_document(made["two-column designer PDF"][0]).lines
    assert [line.text for line in lines][:3] == ["施策 2 子育て支援の充実", "成果指標", "指標名\t基準値（令和2年度）\t実績値\t目標値（令和7年度）"]
    assert [line.text for line in lines][6:] == [
        "〔本文〕現状と課題の一行目です。", "〔本文〕現状と課題の二行目です。", "〔本文〕施策の方向の一行目です。",
        "〔本文〕施策の方向の二行目です。", "〔本文〕主な取組の一行目です。"]
    assert lines[2].grid is not None and lines[2].grid.rows == 4
