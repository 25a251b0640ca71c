"""Figures of a scan read twice: Tesseract's Japanese model for the text, its Latin model for the digits.

Tesseract's Japanese model (``jpn``) misreads the digit 0 as 9 (``10,800`` → ``19,800``, ``0人`` →
``9人``), and sometimes as 6; its English model (``eng``) reads digits right but every kanji as
Latin letters (``600人`` → ``600A``). So each OCR'd page is also read with ``eng`` (Tesseract's TSV
output: each word with its box), and the figures of a line (or of a table cell) read with ``jpn``
take the digits ``eng`` read in the same box — only when both readings see the same figures in the
same shape (as many runs, each with its digits, commas and points in the same places; a kanji unit
after a figure that ``eng`` read as more digits, ``100台`` as ``1008``, is cut off), so that a kanji
``eng`` took for a digit elsewhere leaves the line as it was. A figure inside Japanese words
(``令和9年度``) is left as read, and ``eng`` is believed only in words it read as opening with a
figure: in a kanji word it read as letters (``SAI3E``) a digit is a guess. Only scans come here.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from keikaku.importer.readers.base import wide
from keikaku.importer.records import Grid, RawLine

DPI = 300
_FIGURE = re.compile(r"\d+(?:[,.，] ?\d+)*")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class FigureWord:
    """A word holding a digit as the Latin model read it, with its box in points from the page's top left."""

    text: str
    box: tuple[float, float, float, float]


def read_figure_words(page_pdf: Path, *, timeout: float) -> tuple[FigureWord, ...]:
    """The words with digits on one OCR'd page, read by Tesseract's ``eng`` model; none when that fails."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory(prefix="keikaku-figures-") as tmp:
        image = Path(tmp) / "page"
        try:
            subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", str(page_pdf), str(image)],
                           check=True, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
            done = subprocess.run(["tesseract", str(image) + ".png", "stdout", "-l", "eng", "tsv"], capture_output=True,
                                  timeout=timeout, env=env, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.SubprocessError):
            return ()
    if done.returncode != 0:
        return ()
    return parse_tsv(done.stdout.decode("utf-8", errors="replace"), dpi=DPI)


def parse_tsv(tsv: str, *, dpi: float) -> tuple[FigureWord, ...]:
    """The words of Tesseract's TSV output that hold a digit (level 5 rows), boxes turned into points."""
    scale = 72.0 / dpi
    words = []
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) < 12 or fields[0] != "5" or not _DIGIT.search(fields[11]):
            continue
        left, top, width, height = (int(v) for v in fields[6:10])
        box = (left * scale, top * scale, (left + width) * scale, (top + height) * scale)
        words.append(FigureWord(fields[11], tuple(round(v, 2) for v in box)))  # type: ignore[arg-type]
    return tuple(words)


def shape(figure: str) -> str:
    """A figure's shape: its digits as ``d``, its commas and points kept, spaces dropped."""
    return _DIGIT.sub("d", figure.replace(" ", "").replace("，", ","))


def repair_text(text: str, box: tuple[float, float, float, float] | None, words: tuple[FigureWord, ...]) -> str:
    """``text`` (read with ``jpn`` in ``box``) with the digits of the ``eng`` words inside that box,
    when both readings hold the same figures in the same shapes; else ``text`` unchanged."""
    ours = [m for m in _FIGURE.finditer(text) if m.start() == 0 or not wide(text[m.start() - 1])]  # not 令和9年度
    if not ours or box is None:
        return text
    x0, top, x1, bottom = box
    inside = sorted((w for w in words if top - 1 <= (w.box[1] + w.box[3]) / 2 <= bottom + 1
                     and x0 - 2 <= (w.box[0] + w.box[2]) / 2 <= x1 + 2), key=lambda w: w.box[0])
    theirs = _FIGURE.findall(" ".join(w.text if _DIGIT.match(w.text.lstrip("(（△▲-")) else "_" for w in inside))
    if len(ours) != len(theirs) or not all(_agree(m, f, text) for m, f in zip(ours, theirs)):
        return text
    out, last = [], 0
    for match, figure in zip(ours, theirs):
        digits = iter(_DIGIT.findall(figure))
        out.append(text[last:match.start()])
        out.append(_DIGIT.sub(lambda _: next(digits), match.group()))
        last = match.end()
    return "".join(out) + text[last:]


def _agree(ours: re.Match[str], theirs: str, text: str) -> bool:
    """Whether a figure and the Latin reading of it have one shape; the Latin one may run on into
    digits where a kanji unit follows the figure (``100台`` read ``1008``)."""
    mine, other = shape(ours.group()), shape(theirs)
    unit_follows = ours.end() < len(text) and wide(text[ours.end()])
    return mine == other or (unit_follows and other.startswith(mine) and other[len(mine)] == "d")


def repair_lines(lines: list[RawLine], words: tuple[tuple[FigureWord, ...], ...]) -> list[RawLine]:
    """Every line and table cell of a scan with its figures' digits as the ``eng`` reading saw them."""
    if not any(words):
        return lines
    out: list[RawLine] = []
    rows: list[tuple[str, ...]] = []  # the repaired rows of the grid being passed, after its first
    for line in lines:
        on_page = words[line.page - 1] if line.page and line.page <= len(words) else ()
        if line.grid is not None:
            grid = _repair_grid(line.grid, on_page)
            texts = grid.row_texts()
            rows = texts[1:]
            out.append(replace(line, text="\t".join(c for c in texts[0] if c), cells=texts[0], grid=grid))
        elif line.cells is not None and rows:
            cells = rows.pop(0)
            out.append(replace(line, text="\t".join(c for c in cells if c), cells=cells))
        elif line.cells is None:
            box = line.source.box if line.source is not None else None
            text = repair_text(line.text, box, on_page)
            out.append(line if text == line.text else replace(line, text=text))
        else:
            out.append(line)
    return out


def _repair_grid(grid: Grid, words: tuple[FigureWord, ...]) -> Grid:
    cells = tuple(replace(c, text=repair_text(c.text, c.source.box if c.source else None, words)) for c in grid.cells)
    return replace(grid, cells=cells)
