"""Scans of indicator pages: the figures of a table read by Tesseract's Japanese model take the
digits its Latin model reads in the same box (``keikaku/importer/readers/ocr_figures.py``).

The scan is made at test time: a page drawn in IPA Gothic, rendered at 250 dpi with pdftoppm and
wrapped into a PDF without text by Pillow, the way a copier's PDF holds one image per page.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from docmaker import PdfTable, PdfText, make_layout_pdf
from keikaku.importer.pipeline import extract_document
from keikaku.importer.readers import read_document
from keikaku.importer.readers.ocr_figures import FigureWord, parse_tsv, repair_lines, repair_text, shape
from keikaku.importer.records import Grid, GridCell, RawLine, Source

ROWS = [  # figures full of zeros, which Tesseract's Japanese model reads as 9 at this size
    ("放置自転車の撤去台数", "台", "100台", "0台"),
    ("公共施設の年間利用者数", "人", "30,500人", "40,000人"),
    ("市民農園の区画数", "区画", "600区画", "700区画"),
    ("空き家バンクの登録件数", "件", "108件", "200件"),
]


def scanned_table(path: Path, *, dpi: int = 250) -> Path:
    from PIL import Image

    cells = [(h, 0, c, 1, 1) for c, h in enumerate(("成果指標", "現状値\n(令和5年度)", "目標値\n(令和12年度)"))]
    cells += [(text, r, c, 1, 1) for r, row in enumerate(ROWS, start=1) for c, text in enumerate((row[0], row[2], row[3]))]
    drawn = make_layout_pdf([[PdfText(50, 60, "施策 12 住みよい生活環境", 15),
                              PdfTable(50, 100, (220, 110, 110), (34,) + (24,) * len(ROWS), tuple(cells), 10.5)]],
                            path.with_name("drawn.pdf"))
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(drawn), str(path.with_name("page"))], check=True)
    Image.open(path.with_name("page.png")).save(path, "PDF", resolution=dpi)
    return path


def test_a_scanned_table_keeps_its_zeros(tmp_path: Path) -> None:
    doc = read_document(scanned_table(tmp_path / "scan.pdf"), progress=False)
    assert doc.format == "scan"
    plan = extract_document(doc).plan
    assert [(i.name, i.unit, i.baseline.value, i.baseline.year, i.target.value, i.target.year) for i in plan.indicators] == [
        ("放置自転車の撤去台数", "台", 100, 2023, 0, 2030),
        ("公共施設の年間利用者数", "人", 30500, 2023, 40000, 2030),
        ("市民農園の区画数", "区画", 600, 2023, 700, 2030),
        ("空き家バンクの登録件数", "件", 108, 2023, 200, 2030),
    ]


WORDS = (FigureWord("10A", (300.0, 100.0, 320.0, 110.0)), FigureWord("0A", (400.0, 100.0, 410.0, 110.0)),
         FigureWord("24,000A", (300.0, 130.0, 340.0, 140.0)))


def test_figures_take_the_latin_readings_digits_when_the_shapes_agree() -> None:
    assert repair_text("待機児童数 19人 9人", (50.0, 98.0, 420.0, 112.0), WORDS) == "待機児童数 10人 0人"
    assert repair_text("24, 999人", (290.0, 128.0, 350.0, 142.0), WORDS) == "24, 000人"  # its own spacing kept
    assert shape("24, 000") == shape("24,000") == "dd,ddd"


def test_a_kanji_unit_the_latin_reading_took_for_digits_is_cut_off() -> None:
    words = (FigureWord("1008", (300.0, 100.0, 330.0, 110.0)), FigureWord("10844", (400.0, 100.0, 430.0, 110.0)))
    box = (50.0, 98.0, 440.0, 112.0)
    assert repair_text("撤去台数 109台 108件", box, words) == "撤去台数 100台 108件"
    assert repair_text("撤去台数 109 108", box, words) == "撤去台数 109 108"  # no unit after them: another figure
    assert repair_text("撤去台数 109台 1.8件", box, words) == "撤去台数 109台 1.8件"  # 1.8 is no prefix of 10844


def test_figures_stay_as_read_when_the_readings_disagree() -> None:
    box = (50.0, 98.0, 420.0, 112.0)
    assert repair_text("待機児童数 19人", box, WORDS) == "待機児童数 19人"  # one figure against two
    assert repair_text("待機児童数 1.9人 9人", box, WORDS) == "待機児童数 1.9人 9人"  # another shape
    assert repair_text("待機児童数 19人 9人", None, WORDS) == "待機児童数 19人 9人"  # no box
    assert repair_text("待機児童数 19人 9人", (50.0, 200.0, 420.0, 212.0), WORDS) == "待機児童数 19人 9人"  # nothing there
    assert repair_text("待機児童数", box, WORDS) == "待機児童数"
    era = (FigureWord("SAI3E", (300.0, 100.0, 340.0, 110.0)),)  # 令和9年度 as the Latin model reads it
    assert repair_text("令和9年度", box, era) == "令和9年度"
    assert repair_text("目標 9人", box, era) == "目標 9人"  # a digit inside letters is no figure
    assert repair_lines([RawLine("19人", 1)], ((),)) == [RawLine("19人", 1)]  # no Latin reading at all


def test_a_grids_cells_and_rows_are_repaired_together() -> None:
    grid = Grid((GridCell("指標", 0, 0, source=Source(page=1, box=(50.0, 80.0, 250.0, 95.0))),
                 GridCell("19人", 0, 1, source=Source(page=1, box=(290.0, 98.0, 350.0, 112.0))),
                 GridCell("24,999人", 1, 1, source=Source(page=1, box=(290.0, 128.0, 350.0, 142.0)))), rows=2, cols=2)
    lines = [RawLine("指標\t19人", 1, ("指標", "19人"), grid=grid), RawLine("24,999人", 1, ("", "24,999人"))]
    out = repair_lines(lines, (WORDS,))
    assert [(line.text, line.cells) for line in out] == [("指標\t10人", ("指標", "10人")), ("24,000人", ("", "24,000人"))]
    assert out[0].grid is not None and [c.text for c in out[0].grid.cells] == ["指標", "10人", "24,000人"]


def test_tesseract_tsv_words_with_digits_in_points() -> None:
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "4\t1\t1\t1\t1\t0\t100\t200\t500\t40\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t100\t200\t150\t40\t91.5\tFAT\n"
           "5\t1\t1\t1\t1\t2\t300\t200\t125\t40\t88.0\t20,500A\n"
           "5\t1\t1\t1\t1\t3\t450\t200\t50\t40\tbad\n")
    assert parse_tsv(tsv, dpi=300) == (FigureWord("20,500A", (72.0, 48.0, 102.0, 57.6)),)
