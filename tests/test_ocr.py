"""Scanned PDFs: pages drawn in IPA Gothic, rendered to 300 dpi images, read back through OCR.

These run the real tools (ocrmypdf, tesseract with Japanese, poppler); ``scripts/system-deps.sh``
installs them. The figures asserted are ones Tesseract 5 reads right at 12 pt on a clean scan.
"""

from __future__ import annotations

import pickle
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docmaker import japanese_font, make_image_only_pdf
from keikaku.cli.main import app
from keikaku.importer.pipeline import extract_document
from keikaku.importer.readers import DocumentError, NeedsOcr, read_document
from keikaku.importer.readers.ocr import OcrUnavailable, ocr_pdf, respace
from keikaku.importer.records import RawLine

runner = CliRunner(env={"COLUMNS": "200"})

PAGES = [
    ("施策 3 地域防災力の強化", "地域の防災訓練を支援し、自主防災組織の結成を促します。", ("令和5年度", "令和10年度"), [
        ("自主防災組織の数", "27団体", "35団体"),
        ("防災訓練の参加者数", "1,250人", "1,800人"),
        ("備蓄倉庫の数", "12か所", "15か所"),
    ]),
    ("施策 4 消防・救急体制の充実", "救急救命講習を開き、消防団員を確保します。", ("令和4年度", "令和9年度"), [
        ("救命講習の受講者数", "640人", "850人"),
        ("消防団員の充足率", "86.5%", "95%"),
    ]),
]


def make_scan(path: Path, pages: list[tuple[str, str, tuple[str, str], list[tuple[str, str, str]]]], *, size: float = 12) -> Path:
    """Draw each page (a measure heading, a sentence, a ruled indicator table), render it to a
    300 dpi greyscale PNG with pdftoppm and wrap the images into a PDF without any text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = japanese_font()
    drawn = path.with_name(path.stem + "-drawn.pdf")
    c = canvas.Canvas(str(drawn), pagesize=A4, invariant=1)
    for heading, sentence, (baseline_year, target_year), rows in pages:
        y = A4[1] - 100
        c.setFont(font, size * 1.4)
        c.drawString(60, y, heading)
        c.setFont(font, size)
        y -= size * 3
        c.drawString(60, y, sentence)
        y -= size * 3
        xs = [60, 60 + size * 12, 60 + size * 19, 60 + size * 26]
        table = [("指標名", "現状値", "目標値"), ("", baseline_year, target_year), *rows]
        top, height = y + size * 1.4, size * 2.2
        for row in table:
            for x, text in zip(xs, row):
                c.drawString(x + size / 2, y, text)
            y -= height
        for i in range(len(table) + 1):
            if i != 1:  # the years sit under the header, in its cell
                c.line(xs[0], top - i * height, xs[-1], top - i * height)
        for x in xs:
            c.line(x, top, x, top - len(table) * height)
        c.showPage()
    c.save()
    prefix = path.with_name(path.stem + "-page")
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(drawn), str(prefix)], check=True)
    images = sorted(path.parent.glob(prefix.name + "-*.png"))
    assert len(images) == len(pages)
    scan = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for image in images:
        scan.drawImage(str(image), 0, 0, width=A4[0], height=A4[1])
        scan.showPage()
    scan.save()
    return path


def test_a_scanned_plan_is_read_through_ocr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = make_scan(tmp_path / "scan.pdf", PAGES)
    with pytest.raises(NeedsOcr):
        read_document(path, ocr=False)
    doc = read_document(path, progress=True)
    assert "OCR scan.pdf" in capsys.readouterr().err  # the bar's last state, as a log shows it
    assert (doc.format, doc.pages) == ("scan", 2)
    assert [(line.page, line.text) for line in doc.lines] == [
        (1, "施策 3 地域防災力の強化"),
        (1, "地域の防災訓練を支援し、自主防災組織の結成を促します。"),
        (1, "指標名 現状値 目標値"),
        (1, "令和5年度 令和10年度"),
        (1, "自主防災組織の数 27団体 35団体"),
        (1, "防災訓練の参加者数 1,250人 1,800人"),
        (1, "備蓄倉庫の数 12か所 15か所"),
        (2, "施策 4 消防・救急体制の充実"),
        (2, "救急救命講習を開き、消防団員を確保します。"),
        (2, "指標名 現状値 目標値"),
        (2, "令和4年度 令和9年度"),
        (2, "救命講習の受講者数 640人 850人"),
        (2, "消防団員の充足率 86.5% 95%"),
    ]
    plan = extract_document(doc).plan
    assert [(n.level, n.number, n.title) for n in plan.nodes] == [("施策", "3", "地域防災力の強化"), ("施策", "4", "消防・救急体制の充実")]
    assert [
        (i.node, i.name, i.unit, i.baseline.value, i.baseline.year, i.target.value, i.target.year) for i in plan.indicators
    ] == [
        ("3", "自主防災組織の数", "団体", 27, 2023, 35, 2028),
        ("3", "防災訓練の参加者数", "人", 1250, 2023, 1800, 2028),
        ("3", "備蓄倉庫の数", "か所", 12, 2023, 15, 2028),
        ("4", "救命講習の受講者数", "人", 640, 2022, 850, 2027),
        ("4", "消防団員の充足率", "%", 86.5, 2022, 95, 2027),
    ]


def test_blank_scans_give_a_clear_error_not_an_empty_plan(tmp_path: Path) -> None:
    path = make_image_only_pdf(tmp_path / "grey.pdf", pages=1)
    with pytest.raises(DocumentError) as caught:
        read_document(path, progress=False)
    assert str(caught.value) == (
        "cannot import grey.pdf: the PDF has no text layer and no text found even after OCR (1 page(s)): "
        "blank pages, or a scan too faint to read?"
    )


def _path_without(tmp_path: Path, tool: str) -> str:
    """A PATH of one folder holding links to the OCR tools except ``tool``."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in ("ocrmypdf", "tesseract", "pdfseparate", "pdfunite"):
        if name != tool:
            found = shutil.which(name)
            assert found, f"{name} is not installed: run scripts/system-deps.sh as root"
            (folder / name).symlink_to(found)
    return str(folder)


def test_missing_ocrmypdf_names_the_debian_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_image_only_pdf(tmp_path / "scan.pdf", pages=1)
    monkeypatch.setenv("PATH", _path_without(tmp_path, "ocrmypdf"))
    monkeypatch.delenv("KEIKAKU_LANG", raising=False)
    with pytest.raises(OcrUnavailable) as caught:
        read_document(path)
    error = caught.value
    assert error.packages == ("ocrmypdf",) and error.exit_code == 2
    assert str(error) == (
        "scan.pdf を読み込めません: 文字情報のない PDF（スキャン画像？）で、読むには OCR が必要ですが、OCR が入っていません。"
        "Debian のパッケージ ocrmypdf を入れてください（root で: apt-get install ocrmypdf）"
    )
    assert str(pickle.loads(pickle.dumps(error))) == str(error)
    monkeypatch.setenv("KEIKAKU_LANG", "en")
    assert str(error) == (
        "cannot import scan.pdf: the PDF has no text layer (a scan?) and reading it needs OCR, which is not installed: "
        "install the Debian packages ocrmypdf (as root: apt-get install ocrmypdf)"
    )
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 2
    assert "install the Debian packages ocrmypdf" in result.output


def test_missing_japanese_data_names_its_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_image_only_pdf(tmp_path / "scan.pdf", pages=1)
    (tmp_path / "tessdata").mkdir()
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path / "tessdata"))  # tesseract finds no language at all
    with pytest.raises(OcrUnavailable) as caught:
        read_document(path)
    assert caught.value.packages == ("tesseract-ocr-jpn",)
    assert "apt-get install tesseract-ocr-jpn" in str(caught.value)


def test_a_page_over_the_time_limit_fails_the_document(tmp_path: Path) -> None:
    path = make_scan(tmp_path / "slow.pdf", PAGES[:1])
    started = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        ocr_pdf(path.name, path.read_bytes(), page_timeout=0.5)
    assert "OCR of page 1 took longer than 0.5 s" in str(caught.value)
    assert time.perf_counter() - started < 10  # killed, not waited for


def test_respace_takes_the_spaces_tesseract_measured() -> None:
    lines = [
        RawLine("自主 防災 組織 の 数 27 団 体 35 団 体", 1),  # the text layer: a space after every word
        RawLine("令 和 5 年 度 令 和 10 年 度", 1),
        RawLine("施策 3 地域 防災 力 の 強化", 2),  # not in the page's OCR text: Japanese joined up
        RawLine("1, 250 人", 2),
    ]
    texts = ("自主防災組織の数          27団体       35団体\n\n令和5年度      令和10年度\n", "別の行\n")
    assert [line.text for line in respace(lines, texts)] == [
        "自主防災組織の数 27団体 35団体", "令和5年度 令和10年度", "施策 3 地域防災力の強化", "1,250 人"]

