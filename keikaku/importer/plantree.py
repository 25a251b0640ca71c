"""The plan tree of a whole document: headings printed in several places open the same node once.

A whole plan prints its tree up to three times: in the table of contents (目次), on an overview
page (施策の体系) and in the body. This module works on the lines before segmenting and on the
blocks after it, so that every printing names the same node:

- ``joined_titles``: a heading mark alone on its line (``施策1-1``, ``基本目標Ⅰ``, ``第1章``) takes
  the short line under it as its title; a number alone (``1-1``) does so only when that title is
  printed after the same number elsewhere (the overview page's boxes, the body's headings).
- ``plan_levels``: chapter marks that are levels of the plan become nodes: a ``第N節`` that holds
  nodes named by a level word is a level (節), and a ``第N章`` that holds such 節, or holds
  level-word nodes itself under a title that is no document word (序論, 資料編 …),
  is a level too (章). The document's own chapters stay chapters.
  A ``第N節`` that opens a measure's own sections (``measure_section``) is a measure, and a number
  ``1-2-3`` under ``第1章``/``第2節`` is a measure of that 節.
- ``_titled_chapters``: a document chapter's title alone on its line, without a number, right above
  items numbered without a level word heads them as its text.
- a number printed bare on an overview page or a table of contents (``1-1 …``) takes the level
  word the document prints before the same number elsewhere (``政策 1-1``);
- a node heading printed again while a node under it is open (the goal's title at each page's
  top) leaves the open nodes open instead of opening the goal again.

Each rule costs nothing on a document without its marks: a quick test of each line's length and
first character comes before any pattern.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.lexicon import pattern, structure
from keikaku.importer.normalize import Line, make_line
from keikaku.importer.segment import Block, Heading, classify

_STRUCTURE = structure()
_BARE_WORD = re.compile(rf"^(?:{_STRUCTURE.level_pattern()})\s*(?:{_STRUCTURE.number_pattern()})$")
_BARE_CHAPTER = re.compile(r"^第\s*[0-9一二三四五六七八九十]{1,3}\s*[章節]$")
_BARE_NUMBER = re.compile(r"^[0-9]{1,2}(?:[-‐][0-9]{1,2}){1,2}$")
_DOCUMENT_CHAPTER = pattern("plantree", "document_chapter")
_LEVEL_IN_TITLE = re.compile(_STRUCTURE.level_pattern())
_TITLE_MAX = 40
_DOCUMENT_TITLE_MAX = 12
_DOCUMENT_TITLE = re.compile(rf"^[^0-9()（）\s]{{0,8}}(?:{_DOCUMENT_CHAPTER.pattern})$")  # a title ending in a document word
_CHAPTER_LEVELS = {1: "章", 2: "節"}
_MEASURE_SECTION = pattern("plantree", "measure_section")
_MEASURE_LEVEL = _STRUCTURE.unnamed_levels[1]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _title_line(line: Line) -> bool:
    """A short line that may be a heading's title: no sentence, no heading, no figure, no cell."""
    key = line.key
    return (0 < len(key) <= _TITLE_MAX and not key.endswith(("。", "、")) and "|" not in key and line.cells is None
            and re.search(r"[^\x00-\x7f]", key) is not None and not re.match(r"^[0-9,.()%\s]", key)
            and classify(line) is None)


def joined_titles(lines: list[Line]) -> list[Line]:
    """Lines with each heading mark printed alone joined to the title on the next line."""
    marks = [i for i, line in enumerate(lines[:-1]) if len(line.key) <= 12 and (
        _BARE_WORD.match(line.key) or _BARE_CHAPTER.match(line.key) or _BARE_NUMBER.match(line.key))]
    if not marks:
        return lines
    out: list[Line] = []
    skip: set[int] = set()
    titled: set[str] | None = None
    for i, line in enumerate(lines):
        if i in skip:
            continue
        if i in marks and _title_line(lines[i + 1]):
            title = lines[i + 1]
            if _BARE_NUMBER.match(line.key):
                titled = titled if titled is not None else _printed_titles(lines)
                if _squash(title.key) not in titled:
                    out.append(line)
                    continue
            out.append(make_line(f"{line.text} {title.text}", line.index, line.page, source=line.source))
            skip.add(i + 1)
            continue
        out.append(line)
    return out


def _printed_titles(lines: list[Line]) -> set[str]:
    """The titles the document prints after a level word or a number on the heading's own line."""
    titles: set[str] = set()
    for line in lines:
        if len(line.key) > 60 or line.key[:1].isspace():
            continue
        h = classify(line)
        if h is not None and h.kind == "node" and h.number and h.title:
            titles.add(_squash(h.title))
    return titles


def plan_levels(blocks: list[Block]) -> list[Block]:
    """Blocks whose headings name the plan's tree the same way wherever it is printed."""
    if not any(b.heading is not None and b.heading.kind == "node" for b in blocks) and not (
            any(_is_mark(b.heading, 2) for b in blocks)
            and any(b.heading is not None and b.heading.kind == "section" and _MEASURE_SECTION.search(b.heading.title) for b in blocks)):
        return blocks  # no node, and no 第N節 with a measure's sections
    blocks = _chapter_levels(_titled_chapters(blocks))
    blocks = _numbers_with_levels(blocks)
    return _reprinted_ancestors(_numbered_actions(_page_numbers_off(blocks)))


def _is_mark(h: Heading | None, depth: int | None = None) -> bool:
    return h is not None and h.kind == "chapter" and h.style == "chapter" and (depth is None or h.depth == depth)


def _chapter_levels(blocks: list[Block]) -> list[Block]:
    if not any(_is_mark(b.heading, 2) or _is_mark(b.heading, 1) for b in blocks):
        return blocks
    sections: set[str] = set()  # titles of 節 that hold level-word nodes
    chapters: set[str] = set()
    open_marks: dict[int, Heading] = {}
    numbered: set[int] = set()  # blocks of numbers that name their 章 and 節 (1-2-3 under 第1章 第2節)
    bare = True  # no node opened since the last chapter mark
    for i, b in enumerate(blocks):
        h = b.heading
        if h is None:
            continue
        if h.kind == "chapter":
            open_marks = {d: m for d, m in open_marks.items() if d < (h.depth if h.style == "chapter" else 3)}
            if h.style == "chapter":
                open_marks[h.depth] = h
                bare = True
            continue
        if h.kind == "section" and bare and 2 in open_marks and _MEASURE_SECTION.search(h.title):
            sections.add(_squash(open_marks[2].title))  # a 節 with a measure's own sections is the measure
            if 1 in open_marks:
                chapters.add(_squash(open_marks[1].title))
            continue
        if h.kind == "node" and h.style == "dotted" and 2 in open_marks and _names_marks(h.number or "", open_marks):
            numbered.add(i)
        elif h.kind != "node" or h.style != "word":
            continue
        bare = False
        if 2 in open_marks:
            sections.add(_squash(open_marks[2].title))
            if 1 in open_marks:
                chapters.add(_squash(open_marks[1].title))
        elif 1 in open_marks and not _DOCUMENT_CHAPTER.search(open_marks[1].title) and not _LEVEL_IN_TITLE.search(open_marks[1].title):
            chapters.add(_squash(open_marks[1].title))
    if not sections and not chapters:
        return blocks
    levels = {1: chapters, 2: sections}
    out: list[Block] = []
    nodes_open = under_level = False  # nodes opened since the last chapter; under a 章 that is a level
    for i, b in enumerate(blocks):
        h = b.heading
        if i in numbered and h is not None:
            b = replace(b, heading=replace(h, style="word", level=_MEASURE_LEVEL))
            h = b.heading
        if _is_mark(h) and h.depth in levels and _squash(h.title) in levels[h.depth]:  # type: ignore[union-attr]
            if h.depth == 1 and nodes_open and not under_level:  # type: ignore[union-attr]
                out.append(Block(h, None))  # the nodes of a document chapter before it close: the 章 is a root
            under_level = under_level or h.depth == 1  # type: ignore[union-attr]
            h = Heading("node", "word", h.title, level=_CHAPTER_LEVELS[h.depth], number=h.number)  # type: ignore[union-attr]
            b = replace(b, heading=h)
        elif h is not None and h.kind == "chapter":
            nodes_open = under_level = False
        elif h is not None and h.kind == "node":
            nodes_open = True
        out.append(b)
    return out


def _titled_chapters(blocks: list[Block]) -> list[Block]:
    """A document chapter's title printed alone without a number (an overview) right above items numbered
    without a level word ((1) 計画の目的) heads them: they are that chapter's text, not nodes under the
    node open before it (the last entry of a table of contents)."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        following = blocks[i + 1].heading if i + 1 < len(blocks) else None
        if (following is None or following.kind != "node" or following.level or following.style not in ("paren", "circled")
                or not b.body):
            out.append(b)
            continue
        at = next((k for k in range(len(b.body) - 1, -1, -1) if _document_title(b.body[k])), None)
        if at is None:
            out.append(b)
            continue
        title = b.body[at]
        out.append(replace(b, body=b.body[:at]))
        out.append(Block(Heading("chapter", "numbered", title.text.strip(), depth=1), title, b.body[at + 1:]))
    return out


def _document_title(line: Line) -> bool:
    key = line.key.strip()
    return 0 < len(key) <= _DOCUMENT_TITLE_MAX and _DOCUMENT_TITLE.match(key) is not None and classify(line) is None


def _names_marks(number: str, marks: dict[int, Heading]) -> bool:
    """``number`` (1-2-3) opens with the numbers of the open 章 and 節 (第1章, 第2節)."""
    parts = re.split(r"[-‐.]", number)
    wanted = [marks[d].number for d in (1, 2) if d in marks]
    return len(parts) == 3 and len(wanted) == 2 and parts[:2] == [_arabic(w) for w in wanted]


def _arabic(number: str | None) -> str:
    return str(int(number)) if number and number.isdigit() else ""


def _numbers_with_levels(blocks: list[Block]) -> list[Block]:
    """A number printed bare (``1-1 …``) takes the one level word printed before it elsewhere (``政策 1-1``)."""
    bare = [b for b in blocks if b.heading is not None and b.heading.kind == "node" and b.heading.style == "dotted"]
    if not bare:
        return blocks
    worded: dict[str, set[str]] = {}
    for b in blocks:
        h = b.heading
        if h is not None and h.kind == "node" and h.style == "word" and h.level and h.number:
            worded.setdefault(_number_key(h.number), set()).add(h.level)
    out: list[Block] = []
    for b in blocks:
        h = b.heading
        if h is not None and h.kind == "node" and h.style == "dotted" and len(worded.get(_number_key(h.number or ""), ())) == 1:
            (level,) = worded[_number_key(h.number or "")]
            b = replace(b, heading=replace(h, style="word", level=level))
        out.append(b)
    return out


def _number_key(number: str) -> str:
    return re.sub(r"[-‐－―ー.・]", "-", number)


def _reprinted_ancestors(blocks: list[Block]) -> list[Block]:
    """A numbered heading naming a node above the one open (a running page header) opens nothing."""
    out: list[Block] = []
    open_nodes: list[tuple[str, str]] = []  # (level or numbering style, number) of the nodes open, from the top
    last_chapter: tuple[str, str | None, str] | None = None
    for b in blocks:
        h = b.heading
        if h is not None and h.kind == "chapter":
            mark = (h.style, h.number, h.title)
            if mark != last_chapter:
                open_nodes = []
            last_chapter = mark
        elif h is not None and h.kind == "node" and h.number:
            rank = h.level if h.style == "word" and h.level else f"~{h.style}"
            key = (rank, _number_key(h.number))
            if h.style == "word" and key in open_nodes[:-1]:
                out.append(replace(b, heading=None))
                continue
            ranks = [r for r, _ in open_nodes]
            if rank in ranks:
                open_nodes = open_nodes[: ranks.index(rank)]
            open_nodes.append(key)
        out.append(b)
    return out


_PAGE_AFTER = re.compile(r"^(.*\S)\s+[0-9]{1,3}$")


def _page_numbers_off(blocks: list[Block]) -> list[Block]:
    """A title ending in a page number (a table of contents printed without leaders, ``健康・福祉 6``)
    loses it when the same numbered heading is printed elsewhere without it."""
    titles: dict[tuple[str | None, str, str], set[str]] = {}
    for b in blocks:
        h = b.heading
        if h is not None and h.kind == "node" and h.number:
            titles.setdefault((h.level, h.style, _number_key(h.number)), set()).add(_squash(h.title))
    out: list[Block] = []
    for b in blocks:
        h = b.heading
        m = _PAGE_AFTER.match(h.title) if h is not None and h.kind == "node" and h.number else None
        if m and h is not None and _squash(m.group(1)) in titles[(h.level, h.style, _number_key(h.number or ""))]:
            b = replace(b, heading=replace(h, title=m.group(1)))
        out.append(b)
    return out


_ACTION_SECTIONS = _STRUCTURE.action_sections


def _numbered_actions(blocks: list[Block]) -> list[Block]:
    """Lines numbered ``1 …`` right under a section of actions (主な取組) are its items, not chapters:
    the measure above stays open (the rule that keeps (1) and ① lines there, for plain numbers)."""
    out: list[Block] = []
    inside = False
    for b in blocks:
        h = b.heading
        if h is not None and h.kind == "chapter" and h.style == "numbered" and inside and b.line is not None:
            out.append(replace(b, heading=None, body=[b.line, *b.body]))
            continue
        if h is not None:
            inside = h.kind == "section" and h.title in _ACTION_SECTIONS
        out.append(b)
    return out
