"""READ stage: real text, PDF, Word and Excel files made in the test, read back line by line."""

from __future__ import annotations

import hashlib
import pickle
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docmaker import make_docx, make_image_only_pdf, make_pdf, make_xlsx
from keikaku.domain.errors import KeikakuError
from keikaku.importer.readers import MAX_DOCUMENT_BYTES, DocumentError, read_document
from keikaku.importer.records import RawLine

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
SEED_002 = "002_da149b7202bad3b0.txt"
SEED_003 = "003_e03f99f4e54a75f7.txt"


def seed_lines(name: str) -> list[str]:
    """The seed's lines exactly as in the file (the final newline ends a line, it does not start one)."""
    text = (SEEDS / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def non_blank(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip()]


def texts(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.text for line in doc.lines]


def test_seeds_are_there() -> None:
    assert len(SEED_NAMES) == 5, f"expected the five seed texts in {SEEDS}"


# --- text ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_text_reads_as_utf8_with_exactly_its_lines(name: str) -> None:
    path = SEEDS / name
    doc = read_document(path)
    assert doc.format == "text"
    assert doc.encoding == "utf-8"
    assert doc.name == name
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.pages is None
    assert texts(doc) == seed_lines(name)
    assert all(line.page is None for line in doc.lines)
    assert all((line.cells is not None) == ("\t" in line.text) for line in doc.lines)


def test_seed_000_indicator_rows_have_their_cells() -> None:
    doc = read_document(SEEDS / "000_138cd5ff0a448d85.txt")
    rows = [line.cells for line in doc.lines if line.cells is not None]
    assert rows == [
        ("指標", "現状値 (令和元年度)", "目標値 (令和7年度)"),
        ("「住みやすい」と思う市民の割合", "84.9%", "100%"),
        ("「住み続けたい」と思う市民の割合", "82.4%", "100%"),
    ]
    row = next(line for line in doc.lines if line.text.startswith("「住みやすい」"))
    assert row == RawLine("「住みやすい」と思う市民の割合\t84.9%\t100%", None, ("「住みやすい」と思う市民の割合", "84.9%", "100%"))


@pytest.mark.parametrize(
    ("codec", "bom", "encoding"),
    [
        ("cp932", b"", "cp932"),
        ("utf-16-le", b"\xff\xfe", "utf-16"),
        ("utf-16-be", b"\xfe\xff", "utf-16"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8"),
    ],
)
@pytest.mark.parametrize("name", [SEED_002, SEED_003])
def test_seed_in_other_encodings_reads_back_identical(tmp_path: Path, name: str, codec: str, bom: bytes, encoding: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(bom + text.encode(codec))
    doc = read_document(path)
    assert doc.encoding == encoding
    assert texts(doc) == seed_lines(name)
    assert not doc.lines[0].text.startswith("\ufeff")


def test_euc_jp_text_is_not_taken_for_shift_jis(tmp_path: Path) -> None:
    lines = ["第１章 計画の概要", "基本目標 住みやすいまち", "施策の方向性", "指標名\t現状値\t目標値", "市民満足度\t62.5%\t70%"]
    data = "\n".join(lines).encode("euc-jp")
    data.decode("cp932")  # the same bytes also decode as Shift_JIS (into half-width kana): the reader must choose
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.encoding == "euc-jp"
    assert texts(doc) == lines
    assert doc.lines[4].cells == ("市民満足度", "62.5%", "70%")


def test_crlf_and_cr_line_ends_and_stripped_cells(tmp_path: Path) -> None:
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes("  施策１ \r\n\r\n 指標 \t 84.9% \t100%\r\n".encode())
    doc = read_document(crlf)
    assert doc.lines == [RawLine("  施策１ "), RawLine(""), RawLine(" 指標 \t 84.9% \t100%", None, ("指標", "84.9%", "100%"))]
    cr = tmp_path / "cr.txt"
    cr.write_bytes("一行目\r二行目".encode("cp932"))
    assert texts(read_document(cr)) == ["一行目", "二行目"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="\ufeff"), max_size=40), max_size=12),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be"]),
)
def test_any_text_reads_back_its_lines(tmp_path_factory: pytest.TempPathFactory, lines: list[str], codec: str) -> None:
    body = "\n".join(lines)
    data = b"\xfe\xff" + body.encode(codec) if codec == "utf-16-be" else body.encode(codec)  # with its BOM
    path = tmp_path_factory.mktemp("prop") / "any.txt"
    path.write_bytes(data)
    if not data:
        with pytest.raises(DocumentError, match="empty"):
            read_document(path)
        return
    expected = body.split("\n")
    if expected[-1] == "":
        expected.pop()  # a final newline ends the last line
    assert texts(read_document(path)) == expected


# --- PDF -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [SEED_002, SEED_003, "004_e57e9e2fbfe7c494.txt"])
def test_pdf_of_a_seed_gives_the_seed_lines(tmp_path: Path, name: str) -> None:
    lines = seed_lines(name)
    pdf = make_pdf(lines, tmp_path / "seed.pdf")
    doc = read_document(pdf)
    assert doc.format == "pdf"
    assert doc.pages == -(-len(lines) // 45)
    assert texts(doc) == non_blank(lines)
    pages = [line.page for line in doc.lines]
    assert pages == sorted(pages) and pages[0] == 1 and pages[-1] == doc.pages
    assert all(line.cells is None for line in doc.lines)


def test_bare_page_numbers_in_the_body_are_kept(tmp_path: Path) -> None:
    lines = seed_lines(SEED_002)
    bare = [line.strip() for line in lines if re.fullmatch(r"\s*\d+\s*", line)]
    assert bare == ["93", "105"]  # the source document's own page numbers, part of the text
    for kwargs in ({}, {"page_numbers": False}, {"header": "第4次基本計画 施策"}):
        doc = read_document(make_pdf(lines, tmp_path / "seed.pdf", **kwargs))
        assert texts(doc) == non_blank(lines)


@pytest.mark.parametrize("name", ["000_138cd5ff0a448d85.txt", "001_286f39bcd240dfef.txt"])
def test_pdf_of_a_seed_with_tabs_or_space_runs(tmp_path: Path, name: str) -> None:
    """A PDF has no TAB and pdfium keeps one space of a run: the lines agree up to whitespace runs."""
    lines = seed_lines(name)
    doc = read_document(make_pdf(lines, tmp_path / "seed.pdf"))
    squeeze = lambda xs: [re.sub(r"\s+", " ", x) for x in xs]  # noqa: E731
    assert squeeze(texts(doc)) == squeeze(non_blank(lines))


def test_repeated_header_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    lines = seed_lines(SEED_003)
    header = "小平市第四次長期総合計画 基本構想"
    doc = read_document(make_pdf(lines, tmp_path / "h.pdf", header=header, lines_per_page=30))
    assert doc.pages == -(-len(lines) // 30)
    assert texts(doc) == non_blank(lines)
    assert header not in texts(doc)


def _paged(pages: list[list[str]], path: Path) -> Path:
    """A PDF with exactly these lines on each page (no page numbers of make_pdf's own)."""
    per_page = max(len(page) for page in pages)
    lines = [line for page in pages for line in page + [""] * (per_page - len(page))]
    return make_pdf(lines, path, lines_per_page=per_page, page_numbers=False)


BODY = [["基本目標１ ひとづくり", "施策の方向性", "指標 現状値 目標値"], ["主な取組", "(1)地域の活動を支援します", "(2)情報を発信します"],
        ["成果指標", "令和7年度", "市民の割合"], ["事業名", "拡充", "充実 → →"]]  # fmt: skip


@pytest.mark.parametrize(
    "label",
    ["{n}", "- {n} -", "— {n} —", "－{n}－", "{n} / 40", "{n}/40", "P.{n}", "p. {n}", "{n}ページ", "－ {f} －", "{f}"],
)
@pytest.mark.parametrize("where", ["bottom", "top"])
@pytest.mark.parametrize("first", [1, 93])
def test_page_number_variants_are_dropped(tmp_path: Path, label: str, where: str, first: int) -> None:
    full_width = str.maketrans("0123456789", "０１２３４５６７８９")
    pages = []
    for i, body in enumerate(BODY):
        number = label.format(n=first + i, f=str(first + i).translate(full_width))
        pages.append(body + [number] if where == "bottom" else [number] + body)
    doc = read_document(_paged(pages, tmp_path / "n.pdf"))
    assert texts(doc) == [line for body in BODY for line in body]
    assert [line.page for line in doc.lines] == [i + 1 for i, body in enumerate(BODY) for _ in body]


@pytest.mark.parametrize("count", [1, 2])
def test_page_numbers_on_short_documents(tmp_path: Path, count: int) -> None:
    pages = [body + [f"- {i + 1} -"] for i, body in enumerate(BODY[:count])]
    doc = read_document(_paged(pages, tmp_path / "short.pdf"))
    assert texts(doc) == [line for body in BODY[:count] for line in body]


def test_header_with_changing_page_number_and_footer_dropped(tmp_path: Path) -> None:
    pages = [[f"第5次基本構想 {i + 10}", *body, "小金井市", f"{i + 10} / 40"] for i, body in enumerate(BODY)]
    doc = read_document(_paged(pages, tmp_path / "hf.pdf"))
    assert texts(doc) == [line for body in BODY for line in body]


def test_lone_number_lines_that_do_not_follow_the_pages_are_kept(tmp_path: Path) -> None:
    pages = [BODY[0] + ["93"], BODY[1], ["12", *BODY[2]], BODY[3]]
    doc = read_document(_paged(pages, tmp_path / "keep.pdf"))
    assert texts(doc) == [*BODY[0], "93", *BODY[1], "12", *BODY[2], *BODY[3]]


def test_pdf_table_line_has_a_space_between_cells(tmp_path: Path) -> None:
    lines = ["指標名\t現状値\t目標値", "「住みやすい」と思う市民の割合\t84.9%\t100%", "有\t無\t有"]
    doc = read_document(make_pdf(lines, tmp_path / "t.pdf"))
    assert texts(doc) == ["指標名 現状値 目標値", "「住みやすい」と思う市民の割合 84.9% 100%", "有 無 有"]


@pytest.mark.parametrize("spacing", [0.1, 0.25, 0.5, 0.75, 0.9])
def test_letter_spaced_japanese_gets_no_invented_spaces(tmp_path: Path, spacing: float) -> None:
    lines = ["施策の方向性", "現状値 目標値", "基本目標 ひとづくり", "指標名\t現状値\t目標値", "令和3年度～令和7年度"]
    doc = read_document(make_pdf(lines, tmp_path / "spaced.pdf", letter_spacing=spacing))
    got = texts(doc)
    assert got[:3] == ["施策の方向性", "現状値 目標値", "基本目標 ひとづくり"]
    assert got[3] == "指標名 現状値 目標値"  # column gaps stay
    assert got[4] == "令和3年度～令和7年度"


def test_pdf_is_recognised_by_content_whatever_its_name(tmp_path: Path) -> None:
    path = make_pdf(["第1章 総則", "第2章 基本構想"], tmp_path / "plan.txt")
    doc = read_document(path)
    assert (doc.format, texts(doc), doc.pages) == ("pdf", ["第1章 総則", "第2章 基本構想"], 1)


# --- Word and Excel --------------------------------------------------------------------------


INDICATORS = [["指標名", "現状値", "目標値"], ["「住みやすい」と思う市民の割合", "84.9%", "100%"], ["「住み続けたい」と思う市民の割合", "82.4%", "100%"]]


def test_docx_paragraphs_and_table_in_body_order(tmp_path: Path) -> None:
    path = make_docx(["施策１ 協働のまちづくり", "", INDICATORS, "主な取組"], path=tmp_path / "plan.docx")
    doc = read_document(path)
    assert doc.format == "docx"
    assert doc.lines == [
        RawLine("施策１ 協働のまちづくり"),
        RawLine("指標名\t現状値\t目標値", None, ("指標名", "現状値", "目標値")),
        RawLine("「住みやすい」と思う市民の割合\t84.9%\t100%", None, ("「住みやすい」と思う市民の割合", "84.9%", "100%")),
        RawLine("「住み続けたい」と思う市民の割合\t82.4%\t100%", None, ("「住み続けたい」と思う市民の割合", "82.4%", "100%")),
        RawLine("主な取組"),
    ]


def test_docx_paragraphs_then_tables_form(tmp_path: Path) -> None:
    doc = read_document(make_docx(["前文", "本文"], [INDICATORS[:2]], tmp_path / "p.docx"))
    assert texts(doc) == ["前文", "本文", "指標名\t現状値\t目標値", "「住みやすい」と思う市民の割合\t84.9%\t100%"]


def test_docx_line_breaks_and_cell_paragraphs(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("第1章 総則")
    paragraph.add_run().add_break()
    paragraph.add_run("第1節 目的")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "市民協働"
    table.cell(0, 0).add_paragraph("支援センター")
    table.cell(0, 1).text = "84.9%"
    table.cell(0, 1).add_paragraph("(令和元年度)")
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    doc = read_document(path)
    assert doc.lines == [
        RawLine("第1章 総則"),
        RawLine("第1節 目的"),
        RawLine("市民協働支援センター\t84.9% (令和元年度)", None, ("市民協働支援センター", "84.9% (令和元年度)")),
    ]


def test_docx_merged_cells_are_not_repeated(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    top = table.cell(0, 0).merge(table.cell(0, 1))
    top.text = "施策"
    table.cell(0, 2).text = "所管課"
    for k, value in enumerate(["1", "協働の推進", "協働推進課"]):
        table.cell(1, k).text = value
    path = tmp_path / "merged.docx"
    document.save(str(path))
    doc = read_document(path)
    # one cell over two grid columns: its text at the first, "" at the column it covers
    assert [line.cells for line in doc.lines] == [("施策", "", "所管課"), ("1", "協働の推進", "協働推進課")]
    assert [line.text for line in doc.lines] == ["施策\t所管課", "1\t協働の推進\t協働推進課"]
    assert [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in doc.lines[0].grid.cells][:2] == [("施策", 0, 0, 1, 2), ("所管課", 0, 2, 1, 1)]


def test_xlsx_sheets_rows_and_numbers(tmp_path: Path) -> None:
    path = make_xlsx(
        {
            "指標": [["指標名", "現状値", "目標値"], ["市民の割合", 84.9, 100.0], [None, None, None], [None, "注", None, None]],
            "事業": [["事業名", 2021, 2025.0, True], ["拡充", 0.5]],
        },
        tmp_path / "plan.xlsx",
    )
    doc = read_document(path)
    assert (doc.format, doc.pages) == ("xlsx", 2)
    assert doc.lines == [
        RawLine("指標名\t現状値\t目標値", 1, ("指標名", "現状値", "目標値")),
        RawLine("市民の割合\t84.9\t100", 1, ("市民の割合", "84.9", "100")),
        RawLine("注", 1, ("", "注")),  # a table of its own: the empty row ends the one above
        RawLine("事業名\t2021\t2025\tTRUE", 2, ("事業名", "2021", "2025", "TRUE")),
        RawLine("拡充\t0.5", 2, ("拡充", "0.5", "", "")),  # one entry per column of its table
    ]
    assert [line.grid.rows if line.grid else None for line in doc.lines] == [2, None, 1, 2, None]


# --- bad input -------------------------------------------------------------------------------


def _raises(path: Path, *words: str, **kwargs: int) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read_document(path, **kwargs)
    message = str(caught.value)
    assert path.name in message
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"
    assert isinstance(caught.value, KeikakuError) and caught.value.exit_code == 2
    assert str(pickle.loads(pickle.dumps(caught.value))) == message
    return caught.value


def test_missing_file(tmp_path: Path) -> None:
    _raises(tmp_path / "nowhere.pdf", "cannot read")
    _raises(tmp_path, "cannot read")  # a directory


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _raises(path, "empty")


def test_binary_junk_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 8)
    _raises(path, "not a text document")
    controls = tmp_path / "controls.txt"
    controls.write_bytes(bytes(range(1, 32)) * 20 + "本文".encode())
    _raises(controls, "not a text document")


def test_truncated_pdf_is_corrupt(tmp_path: Path) -> None:
    whole = make_pdf(["第1章 総則"] * 100, tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    _raises(path, "corrupt")


def test_text_named_pdf_is_a_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "not-really.pdf"
    path.write_text("これはPDFではありません\n", encoding="utf-8")
    _raises(path, "corrupt")


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = make_pdf(["第1章 総則", "第2章 基本構想"], tmp_path / "locked.pdf", encrypt="secret")
    _raises(path, "encrypted")


def test_image_only_pdf_needs_ocr(tmp_path: Path) -> None:
    _raises(make_image_only_pdf(tmp_path / "scan.pdf"), "no text layer", "OCR")


def test_corrupt_docx(tmp_path: Path) -> None:
    junk = bytes((i * 97 + 13) % 256 for i in range(4096))
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("random.bin", junk)
    _raises(path, "corrupt")
    bad_xml = tmp_path / "bad-xml.docx"
    good = make_docx(["本文"], path=tmp_path / "good.docx")
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad_xml, "w") as target:
        for item in source.namelist():
            target.writestr(item, junk if item == "word/document.xml" else source.read(item))
    _raises(bad_xml, "corrupt")


def test_corrupt_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    _raises(path, "corrupt")


def test_legacy_office_file(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    _raises(path, "not supported", ".docx")


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("計画\n".encode() * 100)
    size = path.stat().st_size
    _raises(path, "too large", str(size), "100", max_bytes=100)
    assert read_document(path, max_bytes=size).lines[0].text == "計画"
    assert MAX_DOCUMENT_BYTES == 50 * 1024 * 1024


def test_importing_readers_does_not_load_the_heavy_libraries() -> None:
    code = "import sys, keikaku.importer.readers; print(sorted({'pypdfium2', 'docx', 'openpyxl'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
