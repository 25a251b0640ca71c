"""Header cells of tables without rules whose columns the words' x-bands alone split wrongly.

Pure geometry on the bands and lines of ``pdf_aligned``; no PDF library here.

- A header word printed flush left over figures printed flush right (現状値(R5) over 41.3) covers
  one x-band and its figures another: a band whose words all lie in the header lines, beside a
  band with no word there, is one column with it.
- A heading on the upper header line over two columns (令和5年度 over 目標 | 実績) is printed once,
  over the first of them: a header cell with a word on the upper line and on the lower one lends
  its upper word to the cells to its right that have a lower word only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

HEADER_LINES = 2  # a header takes at most this many lines at the top of the table
FIGURE = re.compile(r"^[△▲▼-]?[0-9][0-9,.]*[^0-9]{0,4}$")  # 41.3, 1,860人, 38か所
YEAR_LABEL = re.compile(r"^[(（]?[0-9]{4}\s*年度?[)）]?$")  # 2023年度 on a header's lower line heads a column


def header_lines(lines_words: Sequence[Sequence[str]], most: int = HEADER_LINES) -> int:
    """How many lines at the top hold no figure (a number with at most a short unit after it; a
    four-digit year with 年度 is a header word)."""
    count = 0
    for words in lines_words[:most]:
        if any(FIGURE.match(w) and not YEAR_LABEL.match(w) for w in words):
            break
        count += 1
    return count


def join_header_bands(bands: list[tuple[float, float]], rows_of_band: Sequence[set[int]],
                      header: int) -> list[tuple[float, float]]:
    """``bands`` with each band whose words are all in the ``header`` lines at the top merged with
    its neighbour that has words below the header only (the right one first: a header flush left
    over figures flush right; else the left one)."""
    def bare(k: int) -> bool:
        return bool(rows_of_band[k]) and max(rows_of_band[k]) < header

    def headless(k: int) -> bool:
        return bool(rows_of_band[k]) and min(rows_of_band[k]) >= header

    out: list[tuple[float, float]] = []
    k = 0
    while k < len(bands):
        if k + 1 < len(bands) and ((bare(k) and headless(k + 1)) or (headless(k) and bare(k + 1))):
            out.append((bands[k][0], bands[k + 1][1]))
            k += 2
        else:
            out.append(bands[k])
            k += 1
    return out


def spread_upper_headings(upper: dict[int, str], lower: dict[int, str], width: int) -> dict[int, str]:
    """The header text of each band from its upper-line and lower-line words: a band with a lower
    word only takes the upper word of the nearest band to its left that has both, as long as every
    band between has a lower word only."""
    texts: dict[int, str] = {}
    lent: str | None = None
    for band in range(width):
        top, bottom = upper.get(band), lower.get(band)
        if top and bottom:
            lent = top
            texts[band] = top + bottom
        elif bottom and lent:
            texts[band] = lent + bottom
        else:
            lent = None
            if top or bottom:
                texts[band] = top or bottom  # type: ignore[assignment]
    return texts
