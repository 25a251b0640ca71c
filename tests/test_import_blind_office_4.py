"""The fourth blind round (``office_round_4.py``): Excel evaluation forms, Word measure pages and two
ruled two-column pages, read from their PDFs and from plain ``pdftotext`` text; the reading pinned.

What the round taught the engine is composed in ``test_import_default_text_2.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from held_out import score_pinned
from office_round_4 import build

# found, indicators, figures right, figures. Every PDF reads in full; of the plain texts, the Word
# measure pages and the one-figure-pair columns read in full, the evaluation forms whose cells
# pdftotext scatters (目標/実績 rows, years per block, figures printed before the names) do not.
PINNED: dict[str, tuple[int, int, int, int]] = {
    "t1_x1_form.txt": (5, 5, 12, 30),
    "t1_x1_form.pdf": (5, 5, 30, 30),
    "t1_x2_jigyou.txt": (0, 5, 0, 5),
    "t1_x2_jigyou.pdf": (5, 5, 35, 35),
    "t1_x3_yearcols.txt": (0, 4, 0, 4),
    "t1_x3_yearcols.pdf": (4, 4, 24, 24),
    "t1_x4_blocks.txt": (0, 5, 0, 5),
    "t1_x4_blocks.pdf": (5, 5, 30, 30),
    "t1_x5_stacked.txt": (0, 5, 0, 5),
    "t1_x5_stacked.pdf": (5, 5, 30, 30),
    "t1_w1_pages.txt": (5, 5, 20, 20),
    "t1_w1_pages.pdf": (5, 5, 20, 20),
    "t1_w2_years.txt": (0, 4, 0, 4),
    "t1_w2_years.pdf": (4, 4, 28, 28),
    "t1_w3_twolevel.txt": (0, 5, 0, 5),
    "t1_w3_twolevel.pdf": (5, 5, 20, 20),
    "t1_r1_columns.txt": (5, 5, 20, 20),
    "t1_r1_columns.pdf": (5, 5, 20, 20),
    "t1_r2_columns.txt": (3, 5, 14, 20),
    "t1_r2_columns.pdf": (5, 5, 30, 30),
}


@pytest.fixture(scope="module")
def round_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("office-round-4")
    build(folder)
    return folder


def test_the_round_reads_at_least_its_pins(round_folder: Path) -> None:
    indicators, fully_right, documents = score_pinned(round_folder, PINNED)
    assert (indicators, fully_right, documents) == (96, 60, 12)
