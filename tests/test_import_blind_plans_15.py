"""Held-out round 15: measure pages and whole basic plans, mostly as the seeds' extractor prints them.

``tests/data/blind_plans_15`` holds twelve composed documents (invented cities, names and figures;
placeholder prose; see its README.md): eight measure pages whose indicator tables are laid out as
other cities print them, and four whole basic plans with a tree (``expected_tree.json``, scored as
``tests/test_import_whole_plans_2.py`` scores its own).

Before any rule of the round: 80 indicators, 63 found, 55 fully right, 6 wrong extra indicators,
6 of 12 documents fully right, 1 of 4 trees right (one expected year was then corrected to the
documented reading of a January date, the fiscal year before; with it, 56 fully right).
After the rules (``tests/test_import_plan_variants_15.py``): 65 found, 64 fully right, 7 wrong extra
indicators (a definition printed under each name, and group titles run into names), 7 of 12
documents fully right, 4 of 4 trees right. Still read wrong: the definition lines under each name
(02), names wrapped in the name column of a wide ``-layout`` table with years under the figures
(03, 04), ① group titles among cells printed one per line (06), and an unchanged target (08).
"""

from __future__ import annotations

import json
from pathlib import Path

from keikaku.importer.pipeline import extract_file
from tests.held_out import score_pinned

ROUND = Path(__file__).resolve().parent / "data" / "blind_plans_15"

# found, indicators, figures right, figures: the least each document reads
PINNED = {
    '01_chukan_header_seed.txt': (5, 5, 25, 25),
    '02_definition_cells_seed.txt': (0, 4, 0, 4),
    '03_unit_in_name_layout.txt': (1, 5, 5, 9),
    '04_direction_words_layout.txt': (1, 5, 5, 9),
    '05_split_pages_seed.txt': (6, 6, 30, 30),
    '06_cell_years_plain.txt': (2, 5, 10, 13),
    '07_actuals_arrows_layout.txt': (5, 5, 34, 34),
    '08_arrow_line_seed.txt': (5, 5, 23, 25),
    'w1_mizuki_seed.txt': (12, 12, 60, 60),
    'w2_tojo_layout.txt': (11, 11, 55, 55),
    'w3_minamikawa_plain.txt': (8, 8, 40, 40),
    'w4_kitaura_seed.txt': (9, 9, 45, 45),
}
# indicators read that the document does not print (names run together)
EXTRAS = {
    '02_definition_cells_seed.txt': 4,
    '06_cell_years_plain.txt': 3,
}
TREES = json.loads((ROUND / "expected_tree.json").read_text(encoding="utf-8"))


def test_the_round_reads_its_pins() -> None:
    assert score_pinned(ROUND, PINNED) == (80, 64, 7)


def test_the_round_reads_no_other_extra_indicator() -> None:
    from corpus.scoring import scorer

    expected = json.loads((ROUND / "expected.json").read_text(encoding="utf-8"))
    for name, gold in expected.items():
        got = json.loads(extract_file(ROUND / name).plan.to_json())["indicators"]
        matched = {id(scorer().find(got, g["name"])) for g in gold}
        assert len([i for i in got if id(i) not in matched]) == EXTRAS.get(name, 0), name


def test_the_whole_plans_read_their_trees() -> None:
    assert len(TREES) == 4
    for name, tree in TREES.items():
        nodes = json.loads(extract_file(ROUND / name).plan.to_json())["nodes"]
        levels: dict[str, int] = {}
        for n in nodes:
            levels[n["level"]] = levels.get(n["level"], 0) + 1
        assert levels == tree["levels"] and len(nodes) == tree["nodes"], name
        assert [n["title"] for n in nodes if n["level"] == tree["measure_level"]] == tree["measures"], name
        assert [n["title"] for n in nodes if n["level"] == "重点プロジェクト"] == tree["projects"], name
        measures = {n["id"] for n in nodes if n["level"] == tree["measure_level"]}
        under = [n["parent"] for n in nodes if n["parent"] in measures]
        assert sorted(under.count(m) for m in measures) == [tree["directions"]] * len(measures), name
