"""Rules taught by the fourth blind round (``test_import_blind_office_4.py``), each in a composed
variant: other names, figures, years and units than the round's.

- a year merged over its 目標 | 実績 sub-columns, drawn as a ruled PDF table, dates both (``headerrows``);
- an evaluation sheet's 目標/実績 column without a header cell, its neighbour 種別 over the indicator
  kinds, names and baselines printed once over both rows (``labelcolumn``, ``grid``);
- plain ``pdftotext`` text of two tables side by side: the header printed twice, a name's head broken
  mid-word, a name's tail taken for a unit, rows of the other table printed into this one's
  (``plainblocks``).
"""

from __future__ import annotations

from pathlib import Path

from docmaker import PdfTable, PdfText, make_layout_pdf
from held_out import read_rows as read
from keikaku.importer.grid import indicator_rows
from keikaku.importer.labelcolumn import has_row_labels, name_label_columns
from keikaku.importer.normalize import make_line
from keikaku.importer.pipeline import extract_file
from keikaku.importer.plainblocks import plain_block_rows


def brief(rows) -> list[tuple]:  # type: ignore[no-untyped-def]
    def q(x):  # type: ignore[no-untyped-def]
        return x.value if x is not None else None

    return [(r.name, r.unit, (q(r.baseline), r.baseline_year), (q(r.target), r.target_year),
             [(y, q(v)) for y, v, _ in r.actuals]) for r in rows]


# --- a year merged over 目標 | 実績, in a ruled PDF table ----------------------------------------

def _sub_columns_pdf(path: Path) -> Path:
    cells = (
        ("指標名", 0, 0, 2, 1), ("単位", 0, 1, 2, 1), ("基準値", 0, 2, 1, 1), ("令和5年度", 0, 3, 1, 2),
        ("令和6年度", 0, 5, 1, 2), ("目標値", 0, 7, 1, 1),
        ("平成30年度", 1, 2, 1, 1), ("目標", 1, 3, 1, 1), ("実績", 1, 4, 1, 1), ("目標", 1, 5, 1, 1),
        ("実績", 1, 6, 1, 1), ("令和9年度", 1, 7, 1, 1),
        ("河川愛護活動の参加団体数", 2, 0, 1, 1), ("団体", 2, 1, 1, 1), ("42", 2, 2, 1, 1), ("47", 2, 3, 1, 1),
        ("45", 2, 4, 1, 1), ("50", 2, 5, 1, 1), ("52", 2, 6, 1, 1), ("60", 2, 7, 1, 1),
        ("水辺の清掃回数", 3, 0, 1, 1), ("回", 3, 1, 1, 1), ("18", 3, 2, 1, 1), ("20", 3, 3, 1, 1),
        ("23", 3, 4, 1, 1), ("22", 3, 5, 1, 1), ("21", 3, 6, 1, 1), ("26", 3, 7, 1, 1),
    )
    table = PdfTable(40, 90, (150.0, 40.0, 55.0, 45.0, 45.0, 45.0, 45.0, 55.0), (20.0, 20.0, 20.0, 20.0), cells)
    return make_layout_pdf([[PdfText(40, 60, "施策評価シート　水辺環境の保全", 12), table]], path)


def test_a_year_merged_over_its_target_and_actual_columns_dates_both(tmp_path: Path) -> None:
    assert read(_sub_columns_pdf(tmp_path / "sub.pdf")) == [
        ("河川愛護活動の参加団体数", "団体", (42, 2018), (60, 2027), [(2023, 45), (2024, 52)]),
        ("水辺の清掃回数", "回", (18, 2018), (26, 2027), [(2023, 23), (2024, 21)]),
    ]


# --- a 目標/実績 column without its header cell ------------------------------------------------

def _label_rows_pdf(path: Path, *, header: str = "") -> Path:
    cells = [("種別", 0, 0, 1, 1), ("指標名", 0, 1, 1, 1), ("単位", 0, 2, 1, 1), ("基準値（令和元年度）", 0, 3, 1, 1),
             (header, 0, 4, 1, 1), ("令和2年度", 0, 5, 1, 1), ("令和3年度", 0, 6, 1, 1), ("目標値（令和6年度）", 0, 7, 1, 1),
             ("活動指標", 1, 0, 2, 1), ("成果指標", 3, 0, 2, 1)]
    rows = [("健診受診勧奨の通知件数", "通", "3,200", ("3,400", "3,600"), ("3,350", "3,710"), "4,000"),
            ("特定健診の受診率", "％", "38.4%", ("40.0%", "42.0%"), ("39.1%", "41.7%"), "50.0%")]
    for k, (name, unit, base, targets, actuals, final) in enumerate(rows):
        r = 1 + 2 * k
        cells += [(name, r, 1, 2, 1), (unit, r, 2, 2, 1), (base, r, 3, 2, 1), ("目標", r, 4, 1, 1), ("実績", r + 1, 4, 1, 1),
                  (final, r, 7, 2, 1)]
        cells += [(v, r, 5 + j, 1, 1) for j, v in enumerate(targets)] + [(v, r + 1, 5 + j, 1, 1) for j, v in enumerate(actuals)]
    table = PdfTable(30, 90, (50.0, 140.0, 30.0, 90.0, 30.0, 55.0, 55.0, 90.0), (20.0,) * 5, tuple(cells), size=8)
    return make_layout_pdf([[PdfText(30, 60, "事務事業評価表　健康診査事業", 12), table]], path)


def test_an_unheaded_column_of_target_and_actual_words_labels_the_rows(tmp_path: Path) -> None:
    assert read(_label_rows_pdf(tmp_path / "labels.pdf")) == [
        ("健診受診勧奨の通知件数", "通", (3200, 2019), (4000, 2024), [(2020, 3350), (2021, 3710)]),
        ("特定健診の受診率", "%", (38.4, 2019), (50, 2024), [(2020, 39.1), (2021, 41.7)]),
    ]


def _cell_lines(rows: list[tuple[str, ...]]) -> list:  # type: ignore[type-arg]
    return [make_line(" ".join(c for c in row if c), k, 1, cells=row) for k, row in enumerate(rows)]


def test_the_label_word_goes_only_over_a_column_of_two_value_words() -> None:
    head = ("区分", "指標名", "基準値", "", "令和2年度", "目標値", "")
    body = [("成果", "名A", "10", "目標", "11", "15", ""), ("", "", "", "実績", "12", "", ""),
            ("", "名B", "20", "目標", "21", "25", "済"), ("", "", "", "実績", "19", "", "")]
    lines = name_label_columns(_cell_lines([head, *body]))
    assert lines[0].cells == ("区分", "指標名", "基準値", "区分", "令和2年度", "目標値", "")
    assert lines[1:] == _cell_lines([head, *body])[1:]
    only_targets = [("成果", "名A", "10", "目標", "11", "15", ""), ("", "名B", "20", "目標", "21", "25", "")]
    assert name_label_columns(_cell_lines([head, *only_targets]))[0].cells == head  # one kind of word: no label column
    no_values = ("区分", "指標名", "", "所管課")
    assert name_label_columns(_cell_lines([no_values, ("", "名A", "目標", "課"), ("", "", "実績", "")]))[0].cells == no_values


def test_row_labels_are_known_only_from_a_column_of_value_words() -> None:
    from keikaku.importer.celllist import pipe_grid

    labelled = _cell_lines([("指標名", "区分", "令和2年度"), ("名A", "目標", "1"), ("", "実績", "2"), ("名B", "目標", "3"), ("", "実績", "4")])
    assert has_row_labels(pipe_grid(labelled))
    plain = _cell_lines([("指標名", "基準値", "目標値"), ("名A", "1", "2"), ("名B", "3", "4"), ("名C", "5", "6")])
    assert not has_row_labels(pipe_grid(plain))
    rows = indicator_rows(pipe_grid(labelled))
    assert [(r.name, [(y, v.value) for y, v, _ in r.actuals]) for r in rows] == [("名A", [(2020, 2)]), ("名B", [(2020, 4)])]


# --- plain pdftotext: two tables side by side -----------------------------------------------------

HEADER = ["指標名", "単位 現状値", "令和3年度", "実績", "令和5年度", "目標値", "令和10年度"]


def _plain(tmp_path: Path, body: list[str]) -> list:  # type: ignore[type-arg]
    path = tmp_path / "plain.txt"
    path.write_text("\n".join(["第4章 学びのまち", "施策4-1 読書活動の推進", "施策4-2 文化財の保存", "", "成果指標",
                               "成果指標", *HEADER, *HEADER, *body]) + "\n", encoding="utf-8")
    return extract_file(path).lines


def test_two_tables_side_by_side_read_the_rows_that_fit(tmp_path: Path) -> None:
    """The header printed twice is one header; ``…の参`` / ``加者数`` and ``…年間来館者`` / ``数`` are one
    name each; 加者数 before 人 is no unit; the third row runs into the other table's figures: not read."""
    lines = _plain(tmp_path, ["図書館の年間来館者", "数", "人", "152,300", "160,450", "180,000",
                              "読み聞かせ会の参", "加者数", "人", "840", "910", "1,200",
                              "電子書籍の貸出件数", "冊", "2,150", "3,020", "5,000", "12", "15", "20",
                              "%", "61.5", "64.0", "70.0", "指定文化財の公開日", "数", "日", "調べ学習に使われた", "資料の割合"])
    assert brief(plain_block_rows(lines)) == [
        ("図書館の年間来館者数", "人", (152300, 2021), (180000, 2028), [(2023, 160450)]),
        ("読み聞かせ会の参加者数", "人", (840, 2021), (1200, 2028), [(2023, 910)]),
    ]


def test_rows_before_one_that_runs_into_another_table_are_kept(tmp_path: Path) -> None:
    lines = _plain(tmp_path, ["郷土資料館の入館者数", "人", "8,420", "9,130", "12,000",
                              "古文書講座の受講者数", "人", "56", "71", "90",
                              "文化財ボランティア数", "人", "34", "38", "50", "4", "5", "8",
                              "史跡の案内板の設置数", "基", "21", "24", "30"])
    assert brief(plain_block_rows(lines)) == [
        ("郷土資料館の入館者数", "人", (8420, 2021), (12000, 2028), [(2023, 9130)]),
        ("古文書講座の受講者数", "人", (56, 2021), (90, 2028), [(2023, 71)]),
    ]


def test_a_table_with_a_text_column_keeps_a_lone_piece_apart(tmp_path: Path) -> None:
    """With a 所管課 column after the figures, a word printed between two rows is that column's cell,
    never the next name's head."""
    path = tmp_path / "dept.txt"
    path.write_text("\n".join(["成果指標", "指標名", "単位", "現状値", "目標値", "所管課", "令和4年度", "令和9年度",
                               "公民館講座の受講者数", "人", "3,400", "4,000", "生涯学習課",
                               "図書の貸出冊数", "冊", "412,000", "450,000", "図書館"]) + "\n", encoding="utf-8")
    names = [r.name for r in plain_block_rows(extract_file(path).lines)]
    assert "生涯学習課図書の貸出冊数" not in names


# --- a money row whose unit cell ran into its name -----------------------------------------------

def test_a_money_row_with_its_unit_run_into_the_name_is_no_indicator() -> None:
    from keikaku.importer.norows import names_no_row

    assert [names_no_row(n) for n in ("決算額千円", "うち一般財源万円", "人件費百万円", "事業費")] == [True] * 4
    assert [names_no_row(n) for n in ("利用料金の収入額", "事業費の執行率", "一人当たり医療費円")] == [False] * 3
