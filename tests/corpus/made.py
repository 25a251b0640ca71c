"""Documents made the way cities make them, with the figures they hold, for the corpus scorer.

A Word measure sheet whose indicator header is merged over two rows, an Excel evaluation
workbook (two sheets, merged headers, a hidden column, percentage formats), both turned into PDF
by LibreOffice as cities do, a designer's two-column page with a ruled indicator table, and an
image-only scan of the Word sheet's PDF (read back through OCR). Built in a folder on demand
(LibreOffice, poppler and OCR from Debian); used by tests/test_corpus_made.py and bench/corpus.py.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from docmaker import PdfTable, PdfText, make_indicator_docx, make_indicator_xlsx, make_layout_pdf, soffice_to_pdf

# (name, unit, (baseline, year), [(year, actual)…], (target, year)) as the documents print them
WORD = [
    ("待機児童数", "人", (24, 2020), [(2021, 12), (2022, 5), (2023, 0)], (0, 2025)),
    ("地域子育て支援拠点の年間利用者数", "人", (18450, 2020), [(2021, 15230), (2022, 19870), (2023, 21305)], (25000, 2025)),
    ("「子育てしやすいまち」と感じる保護者の割合", "%", (58.9, 2020), [(2021, 60.2), (2022, 61.5), (2023, 63)], (70, 2025)),
]
EXCEL = [
    *WORD,
    ("特定健康診査の受診率", "%", (41.2, 2020), [(2021, 39.8), (2022, 42.5), (2023, 44.7)], (60, 2025)),
    ("がん検診（胃がん）の受診率", "%", (8.5, 2020), [(2021, 8.1), (2022, 8.8), (2023, 9.3)], (15, 2025)),
    ("週1回以上運動する市民の割合", "%", (45.2, 2020), [(2021, 47), (2022, 48.1), (2023, 49)], (55, 2025)),
]
TWO_COLUMN = [
    ("市民満足度", "%", (62.5, 2020), [(2021, 63.0), (2022, 64.2), (2023, 65.1)], (70, 2025)),
    ("待機児童数（4月1日）", "人", (24, 2020), [(2021, 18), (2022, 9), (2023, 3)], (0, 2025)),
]
INDICATOR_CELLS = (
    ("指標名", 0, 0, 2, 1), ("基準値\n（令和2年度）", 0, 1, 2, 1), ("実績値", 0, 2, 1, 3), ("目標値\n（令和7年度）", 0, 5, 2, 1),
    ("令和3年度", 1, 2, 1, 1), ("令和4年度", 1, 3, 1, 1), ("令和5年度", 1, 4, 1, 1),
    ("市民満足度", 2, 0, 1, 1), ("62.5%", 2, 1, 1, 1), ("63.0%", 2, 2, 1, 1), ("64.2%", 2, 3, 1, 1), ("65.1%", 2, 4, 1, 1), ("70%", 2, 5, 1, 1),
    ("待機児童数\n（4月1日）", 3, 0, 1, 1), ("24人", 3, 1, 1, 1), ("18人", 3, 2, 1, 1), ("9人", 3, 3, 1, 1), ("3人", 3, 4, 1, 1), ("0人", 3, 5, 1, 1),
)  # fmt: skip


def gold(rows: list[tuple]) -> list[dict]:
    """Rows in the format of ../shared/tools/score-extract."""
    return [{"name": name, "unit": unit, "baseline": {"value": b, "year": by},
             "actuals": [{"year": y, "value": v} for y, v in actuals], "target": {"value": t, "year": ty}}
            for name, unit, (b, by), actuals, (t, ty) in rows]


def two_column_page(path: Path) -> Path:
    """A designer's page: the measure's text in the right column, its ruled indicator table on the left."""
    items: list[PdfText | PdfTable] = [PdfText(40, 40, "施策 2 子育て支援の充実", size=13)]
    right = ["〔本文〕現状と課題の一行目です。", "〔本文〕現状と課題の二行目です。", "〔本文〕施策の方向の一行目です。",
             "〔本文〕施策の方向の二行目です。", "〔本文〕主な取組の一行目です。"]
    for k, text in enumerate(right):
        items.append(PdfText(344, 90 + 16 * k, text, size=9))
    items.append(PdfText(40, 90, "成果指標", size=10))
    items.append(PdfTable(40, 110, (80, 48, 36, 36, 36, 48), (18, 30, 22, 30), INDICATOR_CELLS, size=7.0))
    return make_layout_pdf([items], path)


DPI = 300


def scan_of(pdf: Path, path: Path) -> Path:
    """An image-only PDF of ``pdf``: each page rendered at 300 dpi, nothing but the picture kept."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    prefix = path.with_name(path.stem + "-page")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), str(prefix)], check=True, timeout=300)
    images = sorted(path.parent.glob(prefix.name + "-*.png"))
    scan = canvas.Canvas(str(path), invariant=1)
    for image in images:
        width, height = (px * 72 / DPI for px in ImageReader(str(image)).getSize())  # the page's own size
        scan.setPageSize((width, height))
        scan.drawImage(str(image), 0, 0, width=width, height=height)
        scan.showPage()
    scan.save()
    return path


def build(directory: Path) -> dict[str, tuple[Path, list[dict]]]:
    """Every made document in ``directory``, each with its expected indicators."""
    directory.mkdir(parents=True, exist_ok=True)
    word = make_indicator_docx(directory / "kodomo.docx")
    excel = make_indicator_xlsx(directory / "kpi.xlsx")
    word_pdf = soffice_to_pdf(word, directory / "pdf")
    excel_pdf = soffice_to_pdf(excel, directory / "pdf")
    return {
        "word": (word, gold(WORD)),
        "excel": (excel, gold(EXCEL)),
        "word → LibreOffice PDF": (word_pdf, gold(WORD)),
        "excel → LibreOffice PDF": (excel_pdf, gold(EXCEL)),
        "two-column designer PDF": (two_column_page(directory / "two-column.pdf"), gold(TWO_COLUMN)),
        "scan of the Word PDF": (scan_of(word_pdf, directory / "scan.pdf"), gold(WORD)),
    }
