"""A table a page break cuts in two, put back together in a text that marks its pages.

Plain-text extractors print a page break as a form feed at the head of the next page's first line.
Where a table goes on over the break, what stands between its two halves is the page's furniture:
the page number under the last row, the next page's running header on the form feed's line, blank
lines, and often the table's header printed again over the rest of the rows. The readings of
laid-out text take any of it for the end of the table, and a name wrapped over the break loses its
rest. So in a text document, each form feed is looked at:

- the last line before it (past blank lines and a page number) is a line of the table: a row of
  figures (spaced cells, or cells parted by single spaces as flattened text gives them), a line of
  values (the years under a row's figures), a ruled row (``│…│``) holding a figure, or the head of
  a name (a short line right under such a line) whose rest and figures open the next page;
- the form feed's line is blank or a running header (short, no sentence, no figure cell, opening no
  heading as ``pagefurniture`` knows them); a form feed that opens a row itself
  only loses the furniture above it;
- after it, past blank lines, a page number and the table's header lines printed again (the same
  text as a header line over the table's first row), there comes a line of the table again, or the
  short rest of the last row's name (``blankrows.is_name_rest``).

Then the furniture and the repeated header are taken out, and the two halves stand together as
one table. A form feed with anything else around it (a heading, a paragraph) is a page break the
readings see as before.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.blankrows import FIGURE_CELL, is_figure, is_figure_row, is_name_rest, is_value_line, spaced_cells
from keikaku.importer.lexicon import fold_key
from keikaku.importer.pagefurniture import opens_heading
from keikaku.importer.records import RawDocument, RawLine

_PAGE = re.compile(r"^(?:[-–—‐ー－]\s*)?[0-9０-９]{1,3}(?:\s*[-–—‐ー－])?$|^[Pp]\.?\s*[0-9]{1,3}$|^[0-9]{1,3}\s*/\s*[0-9]{1,3}$")
_RULED_ROW = re.compile(r"^[│|┃].*[0-9０-９]")
_REACH = 4  # lines (blank ones, a page number) between a table's last line and the form feed
_HEADER_LINES = 4  # lines over a table's first line that may be printed again after a break
_RUNNING_HEADER = 40  # characters a running header holds at most
_DIGIT_WORD = re.compile(r"(?<!\S)[0-9０-９][0-9０-９,.．]*(?:\S{0,3})(?!\S)")  # a figure as a cell: 2,480 / 76.5%
_NAME_HEAD = 40  # characters the head of a name wrapped over a page break holds at most
_SPACE = re.compile(r"[\s\u3000]+")


def _blank(line: RawLine) -> bool:
    return line.cells is None and not line.text.replace("\f", "").strip()


def _page_number(text: str) -> bool:
    return bool(_PAGE.match(text.replace("\f", "").strip()))


def _table_line(text: str) -> bool:
    """A row of figures (its cells spaced, or parted by single spaces as flattened text prints them), a line of values, a ruled row."""
    text = text.replace("\f", "")
    if is_figure_row(text) or is_value_line(text) or _RULED_ROW.match(text.strip()):
        return True
    words = text.split()
    return sum(1 for w in words if is_figure(w)) >= 2 and any(not FIGURE_CELL.match(w) for w in words) and "。" not in text


def _name_head(lines: list[RawLine], i: int) -> bool:
    """Line ``i`` is the head of a name whose rest and figures come on the next line: short, no
    sentence, right under a line of the table."""
    text = lines[i].text.strip()
    before = _row_before(lines, i)
    return (0 < len(text) <= _NAME_HEAD and "。" not in text and len(spaced_cells(text)) <= 2
            and before is not None and _table_line(before))


def _running_header(text: str) -> bool:
    """The words on a form feed's line are a running header: short, no sentence, no figure standing
    as a word of its own, and not opening a heading (施策２ …, (1) …, 第3章 …)."""
    squeezed = _SPACE.sub(" ", text).strip()
    return (len(spaced_cells(text)) <= 2 and len(squeezed) <= _RUNNING_HEADER and "。" not in squeezed
            and not _DIGIT_WORD.search(squeezed) and not opens_heading(fold_key(squeezed)))


def _squashed(text: str) -> str:
    return _SPACE.sub("", text.replace("\f", ""))


def _header_above(lines: list[RawLine], last: int) -> set[str]:
    """The header lines over the table whose line ``last`` is, as squashed text."""
    i = last
    while i > 0 and (_table_line(lines[i - 1].text) or _blank(lines[i - 1]) or is_name_rest(lines[i - 1].text, _row_before(lines, i - 1))):
        i -= 1
    heads: set[str] = set()
    k = i - 1
    while k >= 0 and len(heads) < _HEADER_LINES and not _blank(lines[k]):
        heads.add(_squashed(lines[k].text))
        k -= 1
    return heads


def _row_before(lines: list[RawLine], i: int) -> str | None:
    k = i - 1
    while k >= 0 and _blank(lines[k]):
        k -= 1
    return lines[k].text if k >= 0 else None


def _join(lines: list[RawLine], feed: int) -> tuple[set[int], bool] | None:
    """The lines to take out around the form feed at ``feed`` (and whether its own line stays), or None."""
    out: set[int] = set()
    a = feed - 1
    while a >= 0 and feed - a <= _REACH and lines[a].cells is None and (_blank(lines[a]) or _page_number(lines[a].text)):
        out.add(a)
        a -= 1
    if a < 0 or lines[a].cells is not None:
        return None
    head = not _table_line(lines[a].text)
    if head and not _name_head(lines, a):
        return None
    text = lines[feed].text.replace("\f", "")
    if _table_line(text):
        return out, True
    if text.strip() and not _running_header(text):
        return None
    out.add(feed)
    heads = _header_above(lines, a)
    c = feed + 1
    while c < len(lines) and lines[c].cells is None and (
            _blank(lines[c]) or _page_number(lines[c].text) or _squashed(lines[c].text) in heads):
        out.add(c)
        c += 1
    if c >= len(lines) or lines[c].cells is not None:
        return None
    if _table_line(lines[c].text) or (not head and is_name_rest(lines[c].text, lines[a].text)):
        return out, False
    return None


def join_page_breaks(raw: RawDocument) -> RawDocument:
    """``raw`` with each table a form feed cuts put back together (see the module's doc); the same object when none."""
    if raw.format != "text" or not any("\f" in line.text for line in raw.lines):
        return raw
    lines = raw.lines
    drop: set[int] = set()
    kept: set[int] = set()
    for feed in (i for i, line in enumerate(lines) if "\f" in line.text):
        found = _join(lines, feed)
        if found is None:
            continue
        drop |= found[0]
        if found[1]:
            kept.add(feed)
    if not drop and not kept:
        return raw
    return replace(raw, lines=[replace(line, text=line.text.replace("\f", "")) if i in kept else line
                               for i, line in enumerate(lines) if i not in drop])
