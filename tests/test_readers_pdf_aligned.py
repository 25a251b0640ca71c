"""Indicator tables printed without rules in a PDF: found from the alignment of their columns
(keikaku/importer/readers/pdf_aligned.py), with names and header cells wrapped over two lines.
PDFs made here with invented names and figures."""

from __future__ import annotations

from pathlib import Path

from docmaker import PdfText, make_layout_pdf

from keikaku.importer.pipeline import extract_file
from keikaku.importer.readers import read_document

HEADER = ("指標名", "現状値（令和3年度）", "目標値（令和8年度）")
XS = (60.0, 300.0, 420.0)


def page(rows: list[tuple], header: tuple = HEADER, xs: tuple = XS, header_below: tuple | None = None,
         row_gap: float = 16.0, line_gap: float = 11.0) -> list[PdfText]:
    """A heading, then a table drawn as text only; a cell given as a list wraps over lines; a cell
    given as ("", text) sits half a line lower (vertically centred beside a wrapped name)."""
    items = [PdfText(60, 60, "施策3 地域の防災力の向上", 12), PdfText(60, 90, "成果指標", 10)]
    y = 120.0
    items += [PdfText(x, y, h) for x, h in zip(xs, header)]
    if header_below:
        y += line_gap
        items += [PdfText(x, y, h) for x, h in zip(xs, header_below) if h]
    y += row_gap + 4
    for row in rows:
        lines = 1
        for x, cell in zip(xs, row):
            if isinstance(cell, list):
                items += [PdfText(x, y + line_gap * k, part) for k, part in enumerate(cell)]
                lines = max(lines, len(cell))
            elif isinstance(cell, tuple):
                items.append(PdfText(x, y + line_gap / 2, cell[1]))
            else:
                items.append(PdfText(x, y, cell))
        y += row_gap + line_gap * (lines - 1)
    return items


def read(tmp_path: Path, items: list[PdfText]) -> list[tuple]:
    path = make_layout_pdf([items], tmp_path / "table.pdf")
    return [(i.name, i.unit, i.baseline and (i.baseline.value, i.baseline.year), i.target and (i.target.value, i.target.year),
             [(a.year, a.value) for a in i.actuals]) for i in extract_file(path).plan.indicators]


ROWS = [("自主防災組織の結成数", "48団体", "60団体"), ("防災訓練の参加者数", "3,150人", "4,000人")]
READ = [("自主防災組織の結成数", "団体", (48, 2021), (60, 2026), []), ("防災訓練の参加者数", "人", (3150, 2021), (4000, 2026), [])]


def test_an_unruled_table_is_read_row_by_row(tmp_path: Path) -> None:
    assert read(tmp_path, page(ROWS)) == READ


def test_a_name_wrapped_over_two_lines_stays_in_its_row(tmp_path: Path) -> None:
    rows = [(["家庭で食料を備蓄して", "いる市民の割合"], "46.8%", "60.0%"), ROWS[1]]
    assert read(tmp_path, page(rows)) == [("家庭で食料を備蓄している市民の割合", "%", (46.8, 2021), (60.0, 2026), []), READ[1]]


def test_figures_centred_beside_a_wrapped_name(tmp_path: Path) -> None:
    rows = [ROWS[0], (["家庭で食料を備蓄して", "いる市民の割合"], ("", "46.8%"), ("", "60.0%")), ROWS[1]]
    assert read(tmp_path, page(rows)) == [READ[0], ("家庭で食料を備蓄している市民の割合", "%", (46.8, 2021), (60.0, 2026), []), READ[1]]


def test_a_header_cell_broken_over_two_lines(tmp_path: Path) -> None:
    items = page(ROWS, header=("指標名", "現状値", "目標値"), header_below=("", "（令和3年度）", "（令和8年度）"))
    assert read(tmp_path, items) == READ


def test_yearly_columns_with_a_unit_column(tmp_path: Path) -> None:
    rows = [("自主防災組織の結成数", "団体", "48", "52", "55", "60"), ("防災訓練の参加者数", "人", "3,150", "1,280", "2,460", "4,000")]
    items = page(rows, header=("指標名", "単位", "R3実績", "R4実績", "R5実績", "R8目標"), xs=(60, 250, 300, 350, 400, 450))
    assert read(tmp_path, items) == [
        ("自主防災組織の結成数", "団体", None, (60, 2026), [(2021, 48), (2022, 52), (2023, 55)]),
        ("防災訓練の参加者数", "人", None, (4000, 2026), [(2021, 3150), (2022, 1280), (2023, 2460)]),
    ]


def test_aligned_text_that_is_no_indicator_table_stays_lines(tmp_path: Path) -> None:
    rows = [("受付窓口", "市民課", "平日9時から"), ("相談窓口", "福祉課", "平日10時から"), ("届出窓口", "環境課", "平日9時から")]
    items = page(rows, header=("窓口", "担当", "時間"))
    doc = read_document(make_layout_pdf([items], tmp_path / "desk.pdf"))
    assert all(line.grid is None and line.cells is None for line in doc.lines)
    assert [line.text for line in doc.lines][-3:] == [" ".join(r) for r in rows]
