"""Office documents printed to PDF and read three ways: the ninth office round (``office_round_9.py``,
built at test time with LibreOffice and pdftotext), its 47 indicators in each rendering.

Before the rules (indicators fully right of 47, found, wrong extras): the plain texts 0 (13 found,
5 extras), the ``-layout`` texts 14 (33 found, 4 extras), the PDFs 42 (42 found, no extra). The rules
it taught, each with composed variants in its own test file:

- a laid-out header over three lines (role words alone on top, then other columns' words and
  years) placed one character a place, as pdftotext places them, when the printed width of wide
  characters matches nothing; a label column's word (区分) between the role words put in by its
  place (``test_import_char_placed_headers.py``);
- a caption phrase over a table's header (成果指標の目標と実績) is not its first header line
  (``test_import_table_caption.py``);
- an indicator's 目標 and 実績 rows with its merged cells wrapped to the second row or centred
  between the two, put back on the first (``test_import_label_pair_lines.py``).

After them the ``-layout`` texts read 40 fully right (44 found, 1 extra); the plain texts and the PDFs
read as before. Still short: every plain text (the cells come column by column, in blocks mixed
with the rows: label pairs, a money table between the value columns, header cells in the order of
their lines); in ``-layout`` text, e4's names keep their row numbers (``1コミュニティ…``: the long
header line is cut before 指標名, leaving No. on a line of its own), e1's row that prints its field cell (分野) beside the name, w2's
names holding Latin letters or a figure (``ICT 支援員``, ``週 1 回``) printed with spaces, and w4's
names printed as rows spanning the width over figure rows that open with the unit; w4's PDF (the
same rows spanning the width in a ruled grid).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus.scoring import scorer  # noqa: E402
from office_rounds import gold, indicators, round_fixture  # noqa: E402

round_9 = round_fixture("office_round_9")

# (indicators found, fully right, wrong extras) per document
PLAIN_PINS = {
    "p9_e1": (0, 0, 0), "p9_e2": (4, 0, 0), "p9_e3": (5, 0, 2), "p9_e4": (0, 0, 0), "p9_e5": (0, 0, 0),
    "p9_w1": (2, 0, 2), "p9_w2": (0, 0, 0), "p9_w3": (0, 0, 0), "p9_w4": (0, 0, 0), "p9_w5": (2, 0, 1),
}
LAYOUT_PINS = {
    "p9_e1": (5, 4, 0), "p9_e2": (4, 4, 0), "p9_e3": (5, 5, 0), "p9_e4": (5, 5, 0), "p9_e5": (4, 4, 0),
    "p9_w1": (4, 4, 0), "p9_w2": (5, 5, 1), "p9_w3": (4, 4, 0), "p9_w4": (3, 0, 0), "p9_w5": (5, 5, 0),
}
PDF_PINS = {
    "p9_e1": (5, 5, 0), "p9_e2": (4, 4, 0), "p9_e3": (5, 5, 0), "p9_e4": (5, 5, 0), "p9_e5": (4, 4, 0),
    "p9_w1": (4, 4, 0), "p9_w2": (6, 6, 0), "p9_w3": (4, 4, 0), "p9_w4": (0, 0, 0), "p9_w5": (5, 5, 0),
}


def _read(path: Path, expected: list[dict]) -> tuple[int, int, int]:
    """(found, fully right, wrong extras): an extra is an indicator read that names none of the gold."""
    got = indicators(path)
    score = scorer()
    found = right = 0
    matched: set[int] = set()
    for one in expected:
        hit = score.find(got, one["name"])
        if hit is not None:
            matched.add(id(hit))
        f, t, r, n, _ = score.score([one], got)
        found += f
        right += (f, r) == (t, n)
    return found, right, sum(id(one) not in matched for one in got)


@pytest.mark.parametrize(("kind", "pins", "total"), [("plain", PLAIN_PINS, 0), ("layout", LAYOUT_PINS, 40), ("pdf", PDF_PINS, 42)])
def test_the_round_reads_as_pinned(round_9: Path, kind: str, pins: dict[str, tuple[int, int, int]], total: int) -> None:
    import office_round_9

    got = {}
    for name, (_, rows) in office_round_9.DOCUMENTS.items():
        stem = Path(name).stem
        path = {"plain": round_9 / f"{stem}.txt", "layout": round_9 / f"{stem}.layout.txt", "pdf": round_9 / "pdf" / f"{stem}.pdf"}[kind]
        got[stem] = _read(path, gold(rows))
    assert got == pins
    assert sum(right for _, right, _ in got.values()) == total


def test_the_expectations_cover_the_three_renderings() -> None:
    import office_round_9

    expected = office_round_9.expected()
    assert len(expected) == 30
    assert sum(len(gold) for gold in expected.values()) == 3 * 47
    assert expected["p9_e4.layout.txt"][0]["actuals"][-1] == {"year": 2024, "value": 188402}
    assert expected["pdf/p9_w5.pdf"][1]["target"] == {"value": 1.3, "year": 2027}
    assert [one["name"] for one in expected["p9_e2.txt"]][-1] == "利用者アンケートで満足と答えた割合"  # no money row
