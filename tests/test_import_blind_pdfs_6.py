"""The sixth round of measure pages drawn straight into PDF (``pdf_round_6.py``), made here and read;
and, composed with other names, figures, years and units, what it taught the readers: a header's
lower line of four-digit years (2027年度) is no figure line, so a header flush left stays with its
figures flush right; a column of units beside figures under one merged heading (現状値 over
1,284 | 千人) is the figures' unit; cards ruled side by side are read card by card."""

from __future__ import annotations

from pathlib import Path

from held_out import score_pinned
from pdf_round_6 import A4_LANDSCAPE, Page, build, fig, grid

from keikaku.importer.pipeline import extract_file
from keikaku.importer.readers.pdf_aligned_headers import header_lines
from keikaku.importer.readers.pdf_boxes import boxes_beside, lone_boxes
from keikaku.importer.readers.pdf_tables import Rule

# found, indicators, figures right, figures: every page reads in full (before the rules below:
# 47 of 49 found, 38 fully right; the shaded table lost its targets, the unit columns their figures,
# and two of the four cards were lost).
PINNED: dict[str, tuple[int, int, int, int]] = {
    "g01_sheet_landscape.pdf": (4, 4, 28, 28),
    "g02_kpi_two_pages.pdf": (10, 10, 40, 40),
    "g03_right_column.pdf": (3, 3, 12, 12),
    "g04_unruled_spaces.pdf": (4, 4, 16, 16),
    "g05_vertical_labels.pdf": (5, 5, 20, 20),
    "g06_cards.pdf": (4, 4, 16, 16),
    "g07_side_by_side.pdf": (6, 6, 24, 24),
    "g08_shaded_header.pdf": (4, 4, 24, 24),
    "g09_scaled_units.pdf": (5, 5, 20, 20),
    "g10_year_styles.pdf": (4, 4, 16, 16),
}


def test_round_6_reads_in_full(tmp_path: Path) -> None:
    assert score_pinned(build(tmp_path / "round"), PINNED) == (49, 49, 10)


def read(path: Path) -> list[tuple]:
    return [(i.name, i.unit, i.baseline and (i.baseline.value, i.baseline.year), i.target and (i.target.value, i.target.year),
             [(a.year, a.value) for a in i.actuals]) for i in extract_file(path).plan.indicators]


# --- a header's lower line of years is a header line -----------------------------------------

def test_year_labels_on_a_header_line_are_no_figures() -> None:
    lines = [["指標", "基準", "目標"], ["2020年度", "2030年度"], ["転入者数", "1,204", "1,500"]]
    assert header_lines(lines) == 2
    assert header_lines([["指標", "基準", "目標"], ["転入者数", "1,204人", "1,500人"]]) == 1
    assert header_lines([["2020年", "12件"], ["a", "b"]]) == 0  # a figure beside it: a body line


def test_unruled_table_with_years_under_its_headings(tmp_path: Path) -> None:
    rows = [("認知症サポーター養成数", "人", 8120, 8600, 10000), ("介護予防教室の参加者数", "人", 946, 1013, 1300),
            ("高齢者の就業率", "%", 24.1, 24.9, 28.0)]
    path = tmp_path / "unruled.pdf"
    page = Page(path)
    page.text(50, 40, "施策 2-4 高齢者の生きがいづくり", 13)
    cols = [50, 250, 300, 390, 480]
    for k, (upper, lower) in enumerate([("指標", ""), ("単位", ""), ("基準", "2020年度"), ("実績", "2024年度"), ("目標", "2030年度")]):
        page.text(cols[k], 70, upper)
        if lower:
            page.text(cols[k], 82, lower)
    for r, (name, unit, *values) in enumerate(rows):
        top = 104 + 22 * r
        page.text(cols[0], top, name)
        page.text(cols[1], top, unit)
        for k, value in enumerate(values):
            page.right((cols[k + 3] if k + 3 < len(cols) else 560) - 6, top, fig(value))
    page.save()
    assert read(path) == [
        ("認知症サポーター養成数", "人", (8120, 2020), (10000, 2030), [(2024, 8600)]),
        ("介護予防教室の参加者数", "人", (946, 2020), (1300, 2030), [(2024, 1013)]),
        ("高齢者の就業率", "%", (24.1, 2020), (28.0, 2030), [(2024, 24.9)]),
    ]


# --- units in a column of their own under the figures' merged heading ---------------------------

def unit_table(path: Path, rows: list[tuple[str, float, str, float, str]], heads: tuple[str, str]) -> Path:
    page = Page(path)
    page.text(50, 40, "産業振興の成果指標", 13)
    cells = [("成果指標", 0, 0, 1, 1), (heads[0], 0, 1, 1, 2), (heads[1], 0, 3, 1, 2)]
    for r, (name, b, bu, t, tu) in enumerate(rows, start=1):
        cells += [(name, r, 0, 1, 1), (fig(b), r, 1, 1, 1), (bu, r, 2, 1, 1), (fig(t), r, 3, 1, 1), (tu, r, 4, 1, 1)]
    grid(page, 50, 70, [190, 80, 50, 80, 50], [22] * (len(rows) + 1), cells, numeric_from=1)
    page.save()
    return path


def test_unit_columns_beside_figures_under_one_heading(tmp_path: Path) -> None:
    rows = [("年間観光消費額", 86.4, "億円", 95.0, "億円"), ("道の駅の来場者数", 412, "千人", 480, "千人"),
            ("商店街の空き店舗率", 14.2, "％", 10.0, "％"), ("農業産出額", 3120, "百万円", 3400, "百万円")]
    path = unit_table(tmp_path / "units.pdf", rows, ("基準値（H30）", "目標値（R8）"))
    assert read(path) == [
        ("年間観光消費額", "億円", (86.4, 2018), (95.0, 2026), []),
        ("道の駅の来場者数", "千人", (412, 2018), (480, 2026), []),
        ("商店街の空き店舗率", "%", (14.2, 2018), (10.0, 2026), []),
        ("農業産出額", "百万円", (3120, 2018), (3400, 2026), []),
    ]


def test_a_column_of_notes_beside_figures_is_no_unit_column(tmp_path: Path) -> None:
    # 見込み under 基準値 is no unit: that column stays a value column (a cell without a figure, read
    # as before), while the target's column of units alone is glued to its figures
    rows = [("年間観光消費額", 86.4, "見込み", 95.0, "億円"), ("道の駅の来場者数", 412, "千人", 480, "千人")]
    path = unit_table(tmp_path / "notes.pdf", rows, ("基準値（H30）", "目標値（R8）"))
    assert read(path) == [
        ("年間観光消費額", "億円", (86.4, 2018), (95.0, 2026), [(2018, None)]),
        ("道の駅の来場者数", "千人", (412, 2018), (480, 2026), [(2018, None)]),
    ]


# --- cards ruled side by side ---------------------------------------------------------------------

def card_page(path: Path, items: list[tuple[str, str, float, float]], per_row: int, labels: tuple[str, ...],
              years: tuple[str, str], stroked_labels: bool = False) -> Path:
    page = Page(path, A4_LANDSCAPE if per_row > 2 else (595.0, 842.0))
    page.text(40, 30, "重点施策の指標", 13)
    width = (page.width - 80 - 12 * (per_row - 1)) / per_row
    for k, (name, unit, b, t) in enumerate(items):
        x0 = 40 + (k % per_row) * (width + 12)
        top = 60 + (k // per_row) * 124
        page.box(x0, top, x0 + width, top + 112)
        values = (name, unit, f"{fig(b)}（{years[0]}）", f"{fig(t)}（{years[1]}）")
        for j, (label, value) in enumerate(zip(labels, values)):
            y = top + 8 + 25 * j
            if stroked_labels:
                page.box(x0 + 6, y, x0 + 56, y + 20)
            else:
                page.box(x0 + 6, y, x0 + 56, y + 20, shade=0.85)
            page.text(x0 + 10, y + 5, label, 8)
            page.text(x0 + 62, y + 5, value, 8)
    page.save()
    return path


CARDS = [("市営住宅の入居率", "%", 88.5, 95.0), ("住宅リフォーム助成件数", "件", 64, 90),
         ("空き家の利活用件数", "件", 11, 30), ("公園の年間利用者数", "人", 52400, 60000),
         ("緑地の面積", "ha", 118.2, 125.0), ("街路樹の植栽本数", "本", 3510, 4000)]
CARDS_READ = [("市営住宅の入居率", "%", (88.5, 2021), (95.0, 2027), []), ("住宅リフォーム助成件数", "件", (64, 2021), (90, 2027), []),
              ("空き家の利活用件数", "件", (11, 2021), (30, 2027), []), ("公園の年間利用者数", "人", (52400, 2021), (60000, 2027), []),
              ("緑地の面積", "ha", (118.2, 2021), (125.0, 2027), []), ("街路樹の植栽本数", "本", (3510, 2021), (4000, 2027), [])]


def test_three_cards_to_a_row(tmp_path: Path) -> None:
    path = card_page(tmp_path / "three.pdf", CARDS, 3, ("指標", "単位", "基準値", "目標値"), ("R3", "R9"))
    assert read(path) == CARDS_READ


def test_cards_whose_labels_are_ruled_boxes_too(tmp_path: Path) -> None:
    path = card_page(tmp_path / "stroked.pdf", CARDS[:4], 2, ("指標名", "単位", "現状値", "目標値"), ("2021年度", "2027年度"), True)
    assert read(path) == CARDS_READ[:4]


def test_cards_one_to_a_row_read_as_before(tmp_path: Path) -> None:
    path = card_page(tmp_path / "one.pdf", CARDS[:3], 1, ("指標名", "単位", "現状値", "目標値"), ("令和3年度", "令和9年度"))
    assert read(path) == CARDS_READ[:3]


def box_rules(x0: float, top: float, x1: float, bottom: float) -> list[Rule]:
    return [Rule(True, top, x0, x1), Rule(True, bottom, x0, x1), Rule(False, x0, top, bottom), Rule(False, x1, top, bottom)]


def test_lone_boxes_and_which_stand_side_by_side() -> None:
    cards = box_rules(40, 60, 280, 170) + box_rules(300, 60, 540, 170) + box_rules(40, 190, 280, 300)
    assert sorted(lone_boxes(cards)) == [(40, 60, 280, 170), (40, 190, 280, 300), (300, 60, 540, 170)]
    assert boxes_beside(lone_boxes(cards)) == [(40, 60, 280, 170), (300, 60, 540, 170)]
    cells = box_rules(40, 60, 140, 80) + box_rules(140, 60, 240, 80)  # a table drawn one rectangle a cell
    assert boxes_beside(lone_boxes(cells)) == []
    labels = box_rules(40, 60, 280, 170) + box_rules(46, 68, 96, 88) + box_rules(300, 60, 540, 170) + box_rules(306, 68, 356, 88)
    assert boxes_beside(lone_boxes(labels)) == [(40, 60, 280, 170), (300, 60, 540, 170)]
    assert lone_boxes(box_rules(40, 60, 50, 70)) == []  # a mark, not a box
    assert lone_boxes([Rule(True, 60, 40, 280), Rule(True, 170, 40, 280), Rule(False, 40, 60, 170)]) == []  # a side missing
