"""Measure pages laid out as designers print them, read from PDFs made here with invented names and
figures: a header flush left over figures flush right, a year printed once over two columns
(目標 | 実績), and a boxed indicator table in a narrow column beside prose."""

from __future__ import annotations

from pathlib import Path

from docmaker import PdfText, japanese_font, make_layout_pdf

from keikaku.importer.pipeline import extract_file
from keikaku.importer.readers.pdf_aligned_headers import header_lines, join_header_bands, spread_upper_headings
from keikaku.importer.readers.pdf_sidebar import beside_prose

SIZE = 9.0
PLACEHOLDER = "（本文の代わりに置いた仮の文章です。段落の長さだけを示します。）"


def right(x1: float, top: float, text: str, size: float = SIZE) -> PdfText:
    """Text set flush right against ``x1`` (IPA Gothic: digits and Latin half an em, the rest one em)."""
    width = sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text) * size
    return PdfText(x1 - width, top, text, size)


def read(tmp_path: Path, items: list[PdfText]) -> list[tuple]:
    path = make_layout_pdf([items], tmp_path / "page.pdf")
    return [(i.name, i.unit, i.baseline and (i.baseline.value, i.baseline.year), i.target and (i.target.value, i.target.year),
             [(a.year, a.value) for a in i.actuals]) for i in extract_file(path).plan.indicators]


def heading(title: str) -> list[PdfText]:
    return [PdfText(50, 40, title, 12), PdfText(50, 70, "成果指標", 10)]


# --- a header flush left over figures flush right, units in a column of their own ---------------

def test_headers_flush_left_over_figures_flush_right(tmp_path: Path) -> None:
    rows = [("空き家バンクの登録件数", "件", "57", "90"), ("移住相談会の相談者数", "人", "1,284", "1,700"),
            ("お試し住宅の利用世帯数", "世帯", "23", "40"), ("空き家の除却補助件数", "件", "6", "15")]
    items = heading("施策 9-2 移住・定住の促進")
    items += [PdfText(50, 100, "指標"), PdfText(290, 100, "単位"), PdfText(340, 100, "現状値(R2)"), PdfText(440, 100, "目標値(R8)")]
    for k, (name, unit, base, target) in enumerate(rows):
        top = 124 + 20 * k
        items += [PdfText(50, top, name), PdfText(290, top, unit), right(425, top, base), right(520, top, target)]
    assert read(tmp_path, items) == [
        ("空き家バンクの登録件数", "件", (57, 2020), (90, 2026), []),
        ("移住相談会の相談者数", "人", (1284, 2020), (1700, 2026), []),
        ("お試し住宅の利用世帯数", "世帯", (23, 2020), (40, 2026), []),
        ("空き家の除却補助件数", "件", (6, 2020), (15, 2026), []),
    ]


def test_a_header_flush_right_over_figures_flush_left() -> None:
    # bands: name, a header word alone (right part), figures alone (left part), target
    bands = [(50.0, 150.0), (200.0, 230.0), (250.0, 290.0), (320.0, 360.0)]
    rows = [{0, 1, 2, 3}, {2, 3}, {0}, {0, 1, 2, 3}]
    assert join_header_bands(bands, rows, 1) == [(50.0, 150.0), (200.0, 290.0), (320.0, 360.0)]


def test_bands_that_share_the_header_stay_apart() -> None:
    bands = [(50.0, 150.0), (200.0, 230.0), (250.0, 290.0)]
    assert join_header_bands(bands, [{0, 1, 2}, {0, 2}, {0, 1, 2}], 1) == bands
    assert join_header_bands(bands, [{0, 1, 2}, {1, 2}, {2}], 0) == bands  # no header: nothing is bare


def test_header_lines_stop_at_the_first_figure() -> None:
    assert header_lines([["指標", "現状値(R2)"], ["（令和2年度）"], ["名"]]) == 2
    assert header_lines([["指標", "単位", "R4"], ["交流人口", "人", "12,400"]]) == 1
    assert header_lines([["交流人口", "38か所", "△1.5"], ["指標"]]) == 0


# --- a year printed once over two columns --------------------------------------------------------

def test_a_year_over_target_and_actual_heads_both(tmp_path: Path) -> None:
    rows = [("地域おこし協力隊の定着者数", "人", "8", "12", "11", "20"), ("ふるさと納税の寄附件数", "件", "2,310", "3,000", "3,460", "5,000"),
            ("関係人口登録者数", "人", "410", "600", "585", "1,000")]
    xs = (50, 250, 300, 360, 420, 480)
    items = heading("施策 9-3 関係人口の創出")
    items += [PdfText(50, 100, "指標名"), PdfText(250, 100, "単位"), PdfText(300, 100, "基準値"), PdfText(360, 100, "令和4年度"),
              PdfText(480, 100, "目標値")]
    items += [PdfText(300, 111, "（H30）"), PdfText(360, 111, "目標"), PdfText(420, 111, "実績"), PdfText(480, 111, "（R7）")]
    for k, row in enumerate(rows):
        items += [PdfText(x, 134 + 20 * k, cell) for x, cell in zip(xs, row)]
    assert read(tmp_path, items) == [
        ("地域おこし協力隊の定着者数", "人", (8, 2018), (20, 2025), [(2022, 11)]),
        ("ふるさと納税の寄附件数", "件", (2310, 2018), (5000, 2025), [(2022, 3460)]),
        ("関係人口登録者数", "人", (410, 2018), (1000, 2025), [(2022, 585)]),
    ]


def test_upper_headings_spread_only_to_cells_with_a_lower_word_alone() -> None:
    upper = {0: "指標名", 2: "令和6年度", 5: "目標値"}
    lower = {2: "目標", 3: "実績", 5: "（R9）"}
    assert spread_upper_headings(upper, lower, 6) == {0: "指標名", 2: "令和6年度目標", 3: "令和6年度実績", 5: "目標値（R9）"}
    assert spread_upper_headings({0: "名称", 1: "現状値"}, {2: "実績"}, 3) == {0: "名称", 1: "現状値", 2: "実績"}


def test_a_wrapped_name_with_figures_on_its_second_line_lends_nothing(tmp_path: Path) -> None:
    items = heading("施策 9-4 地域交通の確保")
    items += [PdfText(50, 100, "乗合タクシーの"), PdfText(50, 111, "年間利用者数"), PdfText(300, 111, "4,120人"), PdfText(400, 111, "6,000人")]
    items += [PdfText(50, 131, "バス停の上屋の設置数"), PdfText(300, 131, "14基"), PdfText(400, 131, "30基")]
    items += [PdfText(50, 151, "デマンド交通の登録者数"), PdfText(300, 151, "860人"), PdfText(400, 151, "1,200人")]
    doc = extract_file(make_layout_pdf([items], tmp_path / "wrapped.pdf")).plan
    assert [(i.name, i.baseline and i.baseline.value) for i in doc.indicators if "乗合" in i.name] == []


# --- a boxed table in a narrow column beside prose ------------------------------------------------

def sidebar_pdf(path: Path, rows: list[tuple[list[str], str, str]], head: tuple[str, str]) -> Path:
    """Prose in a wide left column; on the right a box (an outline and a rule under each row, no
    rules between columns) holding the indicators, names wrapped, figures centred beside them."""
    from reportlab.pdfgen import canvas

    items = [PdfText(40, 40, "施策 3-5 ひとり親家庭の自立支援", 13), PdfText(40, 76, "現状と課題", 10)]
    text = PLACEHOLDER * 6
    items += [PdfText(40, 96 + 14.4 * k, text[k * 17:(k + 1) * 17], SIZE) for k in range(16)]
    items += [PdfText(330, 80, "成果指標", 10), PdfText(330, 100, "指標名", 8), PdfText(450, 100, "現状値", 8),
              PdfText(450, 110, head[0], 8), PdfText(505, 100, "目標値", 8), PdfText(505, 110, head[1], 8)]
    top, rules = 130.0, [124.0]
    for name, base, target in rows:
        items += [PdfText(330, top + 11 * k, part, 8) for k, part in enumerate(name)]
        items += [right(495, top + 5, base, 8), right(553, top + 5, target, 8)]
        rules.append(top + 24)
        top += 30
    font, height = japanese_font(), 842.0
    c = canvas.Canvas(str(path), pagesize=(595.0, height), invariant=1)
    for item in items:
        c.setFont(font, item.size)
        c.drawString(item.x, height - item.top - 0.88 * item.size, item.text)
    c.setLineWidth(0.5)
    c.rect(324, height - rules[-1], 232, rules[-1] - 96, stroke=1, fill=0)
    for y in rules:
        c.line(324, height - y, 556, height - y)
    c.showPage()
    c.save()
    return path


def test_a_boxed_table_beside_prose_is_read_as_a_column_of_its_own(tmp_path: Path) -> None:
    rows = [(["就労支援講座の", "受講者数"], "132人", "200人"), (["養育費の取決めを", "している世帯の割合"], "41.5%", "55.0%"),
            (["学習支援教室の", "参加児童数"], "76人", "120人"), (["相談窓口の", "延べ相談件数"], "1,530件", "1,800件")]
    path = sidebar_pdf(tmp_path / "side.pdf", rows, ("（R5）", "（R11）"))
    assert [(i.name, i.unit, (i.baseline.value, i.baseline.year), (i.target.value, i.target.year))
            for i in extract_file(path).plan.indicators] == [
        ("就労支援講座の受講者数", "人", (132, 2023), (200, 2029)),
        ("養育費の取決めをしている世帯の割合", "%", (41.5, 2023), (55.0, 2029)),
        ("学習支援教室の参加児童数", "人", (76, 2023), (120, 2029)),
        ("相談窓口の延べ相談件数", "件", (1530, 2023), (1800, 2029)),
    ]


def test_short_lines_on_the_prose_lines_are_a_table_not_a_column() -> None:
    prose = [(40.0, 96 + 14.4 * k, 290.0, 105 + 14.4 * k) for k in range(8)]
    figures = [(330.0, 96 + 14.4 * k, 360.0, 105 + 14.4 * k) for k in range(8)]
    assert beside_prose(prose, figures, 9.0) is False
    apart = [(330.0, 103 + 14.4 * k, 360.0, 112 + 14.4 * k) for k in range(8)]
    assert beside_prose(prose, apart, 9.0) is True
    assert beside_prose(prose[:5], apart, 9.0) is False  # too few lines to be prose
