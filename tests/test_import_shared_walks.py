"""The walks two readings share: tables printed in groups of rows (``groupdriver``) and a line put
into the line above it (``underjoin``)."""

from __future__ import annotations

from keikaku.importer.groupdriver import grouped_rows, past_end, past_rows
from keikaku.importer.normalize import Line, make_line
from keikaku.importer.records import RawDocument, RawLine
from keikaku.importer.tables import IndicatorRow
from keikaku.importer.underjoin import join_under


def _lines(*texts: str) -> list[Line]:
    return [make_line(text, i) for i, text in enumerate(texts)]


def _head(line: Line) -> tuple[str | None, int | None] | None:
    return ("name", None) if line.text == "指標名" else None


def test_the_resume_rule_decides_where_the_walk_goes_on_after_a_head_that_reads_nothing() -> None:
    lines = _lines("指標名", "指標名", "その他", "その他", "指標名")
    for resume, reads in ((past_end, [1, 5]), (past_rows, [1, 2, 5])):
        called: list[int] = []

        def read(lines: list[Line], i: int) -> tuple[list[IndicatorRow], int]:
            called.append(i)
            return [], i + 2

        assert grouped_rows(lines, known=[], head=_head, read=read, resume=resume) == []
        assert called == reads


def test_rows_are_kept_once_and_never_when_known() -> None:
    lines = _lines("指標名", "指標名", "指標名")

    def read(lines: list[Line], i: int) -> tuple[list[IndicatorRow], int]:
        return [IndicatorRow(name="市民満足度"), IndicatorRow(name="年間来訪者数")], i

    rows = grouped_rows(lines, known=["年間来訪者数"], head=_head, read=read, resume=past_rows)
    assert [row.name for row in rows] == ["市民満足度"]


def _doc(*lines: RawLine) -> RawDocument:
    return RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=list(lines))


def test_a_joined_line_goes_blank_and_is_never_joined_again() -> None:
    doc = _doc(RawLine("一"), RawLine("二"), RawLine("三"))
    offered: list[tuple[str, str]] = []

    def joined(line: RawLine, above: RawLine) -> str | None:
        offered.append((line.text, above.text))
        return above.text + line.text if line.text and above.text else None

    out = join_under(doc, joined)
    assert [line.text for line in out.lines] == ["一二", "", "三"]
    assert offered == [("二", "一"), ("三", "")]


def test_lines_of_cells_are_not_offered_and_nothing_joined_gives_the_same_document() -> None:
    doc = _doc(RawLine("名称", cells=("名称",)), RawLine("の割合"))
    assert join_under(doc, lambda line, above: above.text + line.text) is doc
