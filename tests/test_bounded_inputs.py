"""Inputs that would take minutes or gigabytes are refused in moments: zip bombs, giant sheets, floods of row errors."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine

from cycle_helpers import WAITING, YEAR, World, fast_hashing, make_world
from docmaker import make_docx, make_xlsx
from keikaku.importer.pipeline import extract_file
from keikaku.importer.readers.base import DocumentError
from keikaku.services import cycle
from keikaku.services.cycle import UploadRejected


def rewrite(path: Path, replace: dict[str, bytes]) -> Path:
    """The same Office file with some parts replaced (written compressed, as Office writes them)."""
    source = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
    path.write_bytes(out.getvalue())
    return path


def quickly_refused(path: Path, words: str) -> None:
    start = time.perf_counter()
    with pytest.raises(DocumentError, match=words):
        extract_file(path, ocr=False)
    assert time.perf_counter() - start < 5  # refused before any parser ran


def test_a_word_zip_bomb_is_refused(tmp_path: Path) -> None:
    doc = make_docx(["施策1 公園の充実"], path=tmp_path / "bomb.docx")
    body = zipfile.ZipFile(doc).read("word/document.xml")
    padded = body.replace(b"<w:body>", b"<w:body><!--" + b" " * 60_000_000 + b"-->")
    rewrite(doc, {"word/document.xml": padded})
    assert doc.stat().st_size < 200_000
    quickly_refused(doc, r"Word document part word/document\.xml unpacks .* times its size .*zip bomb")


def test_a_workbook_of_too_many_cells_is_refused(tmp_path: Path) -> None:
    book = make_xlsx({"実績": [["指標", "年度", "値"]]}, tmp_path / "huge.xlsx")
    sheet = zipfile.ZipFile(book).read("xl/worksheets/sheet1.xml")
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>{r * 7 % 1000}</v></c></row>'
                   for r in range(2, 250_003)).encode()
    rewrite(book, {"xl/worksheets/sheet1.xml": sheet.replace(b"</sheetData>", rows + b"</sheetData>")})
    quickly_refused(book, r"Excel workbook holds more than 500,000 cells")


def test_one_stray_cell_far_away_is_not_a_large_sheet(tmp_path: Path) -> None:
    book = make_xlsx({"指標": [["指標名", "現状値(2020年度)", "目標値(2030年度)"], ["公園の数", "12か所", "15か所"]]},
                     tmp_path / "stray.xlsx")
    import openpyxl

    workbook = openpyxl.load_workbook(book)
    workbook.active.cell(row=1_048_576, column=16_384, value="※")
    workbook.save(book)
    assert [i.name for i in extract_file(book).plan.indicators] == ["公園の数"]


def test_an_archive_of_too_many_parts_is_refused(tmp_path: Path) -> None:
    book = make_xlsx({"実績": [["指標"]]}, tmp_path / "parts.xlsx")
    extra = {f"customXml/item{i}.xml": b"<a/>" for i in range(5_001)}
    source = zipfile.ZipFile(book)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        for name, data in extra.items():
            target.writestr(name, data)
    book.write_bytes(out.getvalue())
    quickly_refused(book, r"Excel workbook holds 5,0\d\d parts \(at most 5,000\)")


def test_an_ordinary_workbook_still_reads(tmp_path: Path) -> None:
    book = make_xlsx({"指標": [["指標名", "現状値(2020年度)", "目標値(2030年度)"], ["公園の数", "12か所", "15か所"]]},
                     tmp_path / "plan.xlsx")
    assert [(i.name, i.baseline.value, i.target.value) for i in extract_file(book).plan.indicators] == [  # type: ignore[union-attr]
        ("公園の数", 12, 15)]


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> World:
    fast_hashing(monkeypatch)
    return make_world(engine)


def test_a_flood_of_row_errors_answers_with_the_first_hundred_and_a_count(world: World) -> None:
    rows = "".join(f"存在しない指標{i},{YEAR},1\n" for i in range(3000))
    with pytest.raises(UploadRejected) as info:
        cycle.upload_actuals(world.engine, user=world.hoiku, plan=world.plan_id, content=("指標,年度,値\n" + rows).encode(),
                             filename="flood.csv")
    exc = info.value
    assert (exc.total, len(exc.errors), exc.errors[0].row, exc.errors[-1].row) == (3000, 100, 2, 101)
    assert str(exc).endswith("… 2900 more")


def test_a_pdf_of_too_many_pages_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docmaker import make_pdf
    from keikaku.importer.readers import pdf as pdf_reader

    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)  # the same rule as 2,000 pages, on a small file
    path = make_pdf([f"行{i}" for i in range(20)], tmp_path / "long.pdf", lines_per_page=4)
    quickly_refused(path, r"the PDF has 5 pages \(at most 3\): split it")
