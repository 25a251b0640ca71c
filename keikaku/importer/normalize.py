"""Stage 2, normalise: width-folded, non-blank lines without page furniture or placeholders."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

from keikaku.importer.lexicon import header_words, pattern, structure, value_units
from keikaku.importer.width import fold, ideographs
from keikaku.importer.records import Grid, RawDocument, Source
from keikaku.importer.spacedpairs import join_spaced_pairs
from keikaku.importer.boxrules import unbox
from keikaku.importer.tocleaders import without_leader
from keikaku.importer.figurewidth import ascii_digits
from keikaku.importer.pagefurniture import page_furniture
from keikaku.importer.dualyears import one_calendar
from keikaku.importer.bracketedlevels import unbracket_level
from keikaku.importer.spacedunits import glue_cell_unit
from keikaku.importer.spacedyear import closed_era_year

# Words that stand alone on a line when a heading was split across lines: 施策 / 1 / title.
SPLIT_LEVEL_WORDS = structure().split_level_words
_PAGE_NUMBER = re.compile(r"^(?:[-–—‐ー]\s*)?\d{1,3}(?:\s*[-–—‐ー])?$|^\d{1,3}\s*/\s*\d{1,3}$|^[Pp]\.?\s*\d{1,3}$")
_PLACEHOLDER = pattern("normalise", "placeholder")
_REFERENCE = pattern("normalise", "reference")  # (12 ページ図表 3-4): a pointer elsewhere, no cell of a table
_CONTINUED = pattern("normalise", "continued")  # 成果指標（続き）: a table going on over a page
_YEAR_UNDER = re.compile(r"^\((?:令和|平成|[RH])?\s*(?:\d{1,4}|元)\s*年度?\)$")  # a figure's year printed under it
_DASHED_PAGE = re.compile(r"^[-–—‐ー]\s*\d{1,3}\s*[-–—‐ー]$|^[Pp]\.?\s*\d{1,3}$|^\d{1,3}\s*/\s*\d{1,3}$")
_MIN_PAGE_LINES = 8  # page numbers stand at least this many lines apart
_BREAK_REACH = 3  # raw lines (blank ones too) between a page break and its page number or header
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_SPACES = re.compile(r"[\s\u3000]+")


def collapse(text: str) -> str:
    """Runs of white space (ASCII or ideographic) to one space, trimmed; letter-spaced words rejoined."""
    text = _SPACES.sub(" ", text).strip()
    if " " not in text:
        return text
    text = join_spaced_pairs(_LETTER_SPACED.sub(_unspace, text))
    return _CAPITALS_SPACED.sub(_unspace_capitals, text) if _CAPITALS_SPACED.search(text) else text


# Three or more single Japanese characters each set apart by one space: a word printed with
# letter spacing (指 標 名, 実 績 値), which extractors break into characters; the last one may
# carry the cell's bracket (目 標 値(令和7年度)).
_LETTER_SPACED = re.compile(r"(?<!\S)[一-龥々ぁ-んァ-ヶー](?: [一-龥々ぁ-んァ-ヶー]){2,}(?=$|\s|[(（])")


def _unspace(m: re.Match[str]) -> str:
    chars = m.group(0).split(" ")
    if len(set(chars)) == 1 or all(c in _UNIT_CHARS for c in chars):
        return m.group(0)  # a run of unit cells (人 件 校), one per row
    joined = "".join(chars)
    words = _known_words(joined)
    return " ".join(words) if words and len(words) > 1 else joined


# Latin capitals set apart the same way (K P I): rejoined only when they spell one header word,
# so grade cells (A B C) stay apart.
_CAPITALS_SPACED = re.compile(r"(?<!\S)[A-ZＡ-Ｚ](?: [A-ZＡ-Ｚ]){1,4}(?!\S)")


def _unspace_capitals(m: re.Match[str]) -> str:
    joined = m.group(0).replace(" ", "")
    return joined if fold(joined) in _header_vocabulary() else m.group(0)


_UNIT_CHARS = frozenset(u for u in value_units() if len(u) == 1)


def _known_words(text: str) -> list[str] | None:
    """``text`` cut into header words end to end (指標名現状値目標値 → 指標名, 現状値, 目標値), or None."""
    vocabulary = _header_vocabulary()
    best: list[list[str] | None] = [None] * (len(text) + 1)
    best[0] = []
    for i in range(len(text)):
        if best[i] is None:
            continue
        for word in vocabulary:
            if text.startswith(word, i) and (best[i + len(word)] is None or len(best[i + len(word)]) > len(best[i]) + 1):
                best[i + len(word)] = [*best[i], word]
    return best[-1]


@cache
def _header_vocabulary() -> tuple[str, ...]:
    lex = header_words()
    return tuple(sorted({w for role, _, _ in lex.roles for w in lex.words(role) if len(w) >= 2}, key=len, reverse=True))


@dataclass(slots=True)
class Line:
    """A normalised line.

    ``text`` is as printed with white space collapsed; ``key`` is the same text width-folded
    (１ → 1, （ → (), character for character, for matching; ``index`` is the raw line number.
    """

    text: str
    key: str
    index: int
    page: int | None = None
    cells: tuple[str, ...] | None = None
    source: Source | None = field(default=None, compare=False)
    grid: Grid | None = field(default=None, compare=False)


def origin_of(line: Line) -> str:
    """Where a line came from, as the plan file records it (``line 12``, ``p.3 (…)``, ``Sheet1!B4``)."""
    return line.source.label() if line.source is not None else f"line {line.index + 1}"


def line_origin(line: Line) -> str:
    """``line N`` for a line: the line of the file its reader gave (a blank line an extractor added
    and the importer took out does not shift it), else the line's place among the document's lines."""
    number = line.source.line if line.source is not None else None
    return f"line {number if number is not None else line.index + 1}"


def make_line(text: str, index: int, page: int | None = None, cells: tuple[str, ...] | None = None,
              source: Source | None = None, grid: Grid | None = None) -> Line:
    text = ascii_digits(collapse(ideographs(text)))  # figures read in ASCII digits; the plan prints them as printed
    return Line(text=text, key=fold(text), index=index, page=page, cells=cells, source=source, grid=grid)


def normalise(doc: RawDocument) -> list[Line]:
    """Drop blank lines, page numbers and photo placeholders; rejoin headings split over lines."""
    lines: list[Line] = []
    for i, raw in enumerate(doc.lines):
        cells = tuple(collapse(ideographs(c)) for c in raw.cells) if raw.cells else None
        line = make_line(_unit_beside(unbox(without_leader(glue_cell_unit(unbracket_level(one_calendar(closed_era_year(raw.text))))))), i, raw.page, cells, raw.source, raw.grid)
        if line.text or line.grid is not None:
            lines.append(line)
    page_numbers = _page_numbers(lines)
    furniture = page_furniture(lines)  # a running header beside its page number, or under one the count above misses
    feeds = [i for i, raw in enumerate(doc.lines) if "\f" in raw.text]
    if feeds:  # a text that marks its page breaks: page furniture stands beside one (or the text's ends)
        feeds = [-1, *feeds, len(doc.lines)]
        page_numbers = {k for k in page_numbers if _beside_break(lines[k].index, feeds)}
        furniture = {k for k in furniture if _beside_break(lines[k].index, feeds)}
    out: list[Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i in furniture:
            i += 1
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if line.text in SPLIT_LEVEL_WORDS and nxt is not None and _BARE_NUMBER.match(nxt.key):
            title = lines[i + 2] if i + 2 < len(lines) else None
            merged = f"{line.text} {nxt.text}"
            step = 2
            if title is not None and not title.text.startswith(tuple(SPLIT_LEVEL_WORDS)) and not _BARE_NUMBER.match(title.key):
                merged += f" {title.text}"
                step = 3
            out.append(make_line(merged, line.index, line.page, source=line.source))
            i += step
            continue
        if i in page_numbers:
            if len(out) >= 2 and _page_furniture(out[-1]) and _row_like(out[-2]) and _row_goes_on(lines, i + 1):
                out.pop()  # a running footer between two rows of a table
            i += 1
            if (out and _row_like(out[-1]) and i < len(lines) and _running_header(lines, i)
                    and (_row_goes_on(lines, i + 1) or _header_again(out, lines, i + 1))):
                i += 1  # the next page's running header between two rows of a table (or before its header printed again)
            continue
        if _PLACEHOLDER.match(line.key) or _REFERENCE.match(line.key):
            i += 1
            continue
        if out and _row_like(out[-1]) and _CONTINUED.match(line.key) and _row_goes_on(lines, i + 1):
            i += 1  # the caption printed again over the rows the table goes on with
            continue
        word, step = _vertical_word(lines, i)
        if word:
            out.append(make_line(word, line.index, line.page, source=line.source))
            i += step
            continue
        if out and (_tag_broken(out[-1], line) or _tail_wrapped(out[-1], line)):  # 【単 / 位:人】, (令和7年 / 度): a wrap
            last = out[-1]
            out[-1] = make_line(last.text + line.text, last.index, last.page, source=last.source)
            i += 1
            continue
        if out and (line.key[:1] in _OPENERS or out[-1].key[:1] in _OPENERS) and _continues(out[-1], line):
            last = out[-1]
            out[-1] = make_line(last.text + line.text, last.index, last.page, source=last.source)
            i += 1
            continue
        out.append(line)
        i += 1
    return out


_FIGURE_AFTER_SEPARATOR = re.compile(r"[=:]\s*[△▲]?[0-9]")
_ARROW_FIGURE = re.compile(r"[→⇒➡]\s*[0-9]")
_BULLETED = re.compile(r"^[●○◆◇■□・◎]")
_OPENERS = frozenset("→⇒➡=●○◆◇■□・◎")  # a line continued or continuing opens with one of these
_NAME_EQUALS_FIGURE = re.compile(r"^[^=●○◆◇■□・◎|]{1,40}=\s*[0-9]")


def _continues(prev: Line, line: Line) -> bool:
    """Whether ``line`` goes on with the indicator ``prev`` began (``name=base`` / ``→target``).

    A line opening with an arrow and a figure after ``name=base``; one opening with ``=`` and a
    figure after a name without figures; ``name=figure`` with no bullet after a bulleted name
    without figures (its first part). A line closing a cell (``… |``) is never continued.
    """
    key, before = line.key, prev.key
    if prev.cells or line.cells or "|" in before or prev.grid is not None or line.grid is not None:
        return False
    if _ARROW_FIGURE.match(key):
        return _FIGURE_AFTER_SEPARATOR.search(before) is not None and _ARROW_FIGURE.search(before) is None
    if len(before) > 40 or before.endswith("。") or "=" in before or any(a in before for a in "→⇒➡"):
        return False
    if key.startswith("="):
        return _FIGURE_AFTER_SEPARATOR.match(key) is not None
    return _BULLETED.match(before) is not None and _NAME_EQUALS_FIGURE.match(key) is not None


_OPEN_TAG = re.compile(r"【[^】]{0,4}$")
_TAG_TAIL = re.compile(r"^[^【】\s]{1,8}】")


def _tag_broken(prev: Line, line: Line) -> bool:
    """Whether ``prev`` ends inside a bracket tag (``…の登録者数【単``) that ``line`` closes (``位:人】``)."""
    if prev.cells or line.cells or prev.grid is not None or line.grid is not None:
        return False
    return _OPEN_TAG.search(prev.key) is not None and _TAG_TAIL.match(line.key) is not None


@cache
def _unit_apart() -> re.Pattern[str]:
    units = "|".join(re.escape(u) for u in sorted(value_units(), key=len, reverse=True))
    return re.compile(rf"([:：]\s*[△▲]?[0-9０-９][0-9０-９,，.．]*) +({units})(?=[(（\s→⇒]|$)")


def _unit_beside(text: str) -> str:
    """A labelled figure printed a space apart from its unit (``基準値：312 世帯（令和2年度）``) glued to it."""
    return _unit_apart().sub(r"\1\2", text) if ":" in text or "：" in text else text


_WRAPPED_TAIL = re.compile(r"^[^\s()0-9]{0,4}(?:\([^()]{0,12})?\)$")  # 度) / 人(令和7年度): the end of a figure's year
_FIGURE_SEPARATOR = re.compile(r":\s*[△▲]?[0-9]")  # a labelled figure (基準値:312人) on the line before
_LABEL_REST = re.compile(r"^([^\s:()0-9]{1,3}):\s*[△▲]?[0-9]")  # 値:15人: the rest of a value word the wrap cut
_CLOSING = re.compile(r"^[^()\s]{1,12}\)")  # 度)→ …: a line opening by closing the bracket left open
_VALUE_ROLES = ("baseline", "target", "interim", "actual")
_OPEN_TAIL = re.compile(r"^[^()\s]{1,12}\)$")  # 和7年度): the rest of a bracket left open
_LABELLED_END = re.compile(r":\s*[△▲]?[0-9][0-9,.]*(?:\s?[^\s0-9()]{1,4})?$")  # 目標値:150 / 150人 / 150 人 (not a cell alone: 75%)


def _tail_wrapped(prev: Line, line: Line) -> bool:
    """Whether the line width cut a labelled figure of ``prev`` (``基準値:312人``) short: ``line``
    holds the rest of a value word (``目標`` / ``値:15人``), closes a bracket ``prev`` left open
    (``…(令和2年`` / ``度)→ 目標値:…``, or any short closing ``…(自治会`` / ``による)``), or holds
    only a figure's unit and bracketed year (``目標値:150`` / ``人(令和7年度)``)."""
    if prev.cells or line.cells or prev.grid is not None or line.grid is not None:
        return False
    if _FIGURE_SEPARATOR.search(prev.key) is not None and (m := _LABEL_REST.match(line.key)) is not None:
        return any(fold(prev.key[-k:] + m.group(1)) in header_words().words(*_VALUE_ROLES) for k in range(1, 4))  # 目標 / 値:
    if prev.key.count("(") > prev.key.count(")") and _CLOSING.match(line.key):
        return _FIGURE_SEPARATOR.search(prev.key) is not None or _OPEN_TAIL.match(line.key) is not None
    if len(line.key) > 16 or (_WRAPPED_TAIL.match(line.key) is None and _OPEN_TAIL.match(line.key) is None):
        return False
    if header_words().role_of(line.key.split("(")[0]) in _VALUE_ROLES:
        return False  # 目標値(令和9年度): the next field's word with its year, no unit left over
    if prev.key.count("(") > prev.key.count(")"):
        return _OPEN_TAIL.match(line.key) is not None
    return _LABELLED_END.search(prev.key) is not None and "(" in line.key and "年" in line.key


_ONE_CHAR = re.compile(r"[一-龥々ぁ-んァ-ヶー]")


def _vertical_word(lines: list[Line], i: int) -> tuple[str | None, int]:
    """A header word written vertically, one character a line (目 / 標 / 値): the word and its line count."""
    k = i
    while k < len(lines) and _ONE_CHAR.fullmatch(lines[k].key) and lines[k].cells is None:
        k += 1
    if k - i < 2:
        return None, 0
    joined = "".join(line.text for line in lines[i:k])
    words = _known_words(joined)
    return (joined, k - i) if words is not None and len(words) == 1 else (None, 0)


_FIGURE_CELL = re.compile(r"(?:^|\s)[△▲]?[0-9][0-9,]*(?:\.[0-9]+)?(?![0-9,.])[^\s0-9年]{0,4}$")
_LEVEL_START = re.compile(rf"^(?:{structure().level_pattern()})")


def _row_end(line: Line) -> bool:
    """A line ending with a figure cell (a table row, or a table's cell one per line)."""
    return line.cells is None and line.grid is None and _FIGURE_CELL.search(line.key) is not None


def _page_furniture(line: Line) -> bool:
    """A line that may be a running header or footer: short text, no figure cell, no level heading."""
    return (line.cells is None and line.grid is None and len(line.key) <= 40 and not _row_end(line)
            and not _LEVEL_START.match(line.key) and "|" not in line.key)


_FIGURE_TOKEN = re.compile(r"(?:^|\s)[△▲]?[0-9][0-9,]*(?:\.[0-9]+)?")


def _row_like(line: Line) -> bool:
    """A table row: it ends with a figure cell, or holds two figure cells or more and is no sentence
    (``宿泊者数 人泊 412,000（令和4年） 480,000（令和10年） ↗``: a direction or a year after the figures)."""
    return _row_end(line) or (line.cells is None and line.grid is None and "。" not in line.key
                              and len(_FIGURE_TOKEN.findall(line.key)) >= 2)


def _running_header(lines: list[Line], i: int) -> bool:
    """The line after a page number may be the next page's running header: short text, no figure
    cell; a chapter's or level's heading too (a running header names its chapter) when a table
    row follows it at once."""
    line = lines[i]
    if _page_furniture(line):
        return True
    return (line.cells is None and line.grid is None and len(line.key) <= 40 and not _row_like(line)
            and "|" not in line.key and i + 1 < len(lines) and _row_like(lines[i + 1]))


def _row_goes_on(lines: list[Line], i: int) -> bool:
    """Whether the table goes on at ``lines[i]``: a row ending with a figure, or a name cell, maybe a
    short cell or two (a unit, a direction), then a figure cell."""
    if i >= len(lines):
        return False
    if _row_like(lines[i]):
        return True
    if " " in lines[i].key:
        return False
    for k in range(i + 1, min(i + 4, len(lines))):
        if " " in lines[k].key:
            return False
        if _row_end(lines[k]):
            return True
        if len(lines[k].key) > 4:
            return False
    return False


def _header_again(out: list[Line], lines: list[Line], i: int) -> bool:
    """Whether ``lines[i]`` prints again a line of the page before (within its last 40 lines) that
    was no row: a table's header repeated on the next page."""
    return (i < len(lines) and not _row_end(lines[i]) and " " in lines[i].key
            and any(line.key == lines[i].key for line in out[-40:]))


def _page_numbers(lines: list[Line]) -> set[int]:
    """Positions of lines that are page numbers: alone on a line and counting up through the document.

    A number alone on a line is also how a PDF extractor leaves a table cell, so a line is taken
    for a page number only when a neighbouring candidate, some lines away, continues its count
    (or, for a page number printed on every page as - 3 -, when it has its dashes; a document that
    prints two such leaves its bare numbers alone).
    """
    units = value_units()  # a number with its unit, or its bracketed year, on the next line is a table cell
    candidates = [(i, n) for i, line in enumerate(lines) if (n := _page_value(line.key)) is not None
                  and not (i + 1 < len(lines) and (lines[i + 1].key in units or _YEAR_UNDER.match(lines[i + 1].key)))]
    candidates = [(i, n) for i, n in candidates if not any(  # a number printed again a few lines on is a column's
        m == n and 0 < abs(j - i) < 2 * _MIN_PAGE_LINES for j, m in candidates)]  # cell: a page prints its number once
    dashed = {i for i, _ in candidates if _DASHED_PAGE.match(lines[i].key)}
    if len(dashed) >= 2:
        return dashed  # a document printing its page numbers - 3 - prints none bare: a bare number is a cell
    found: set[int] = set()
    for k, (i, n) in enumerate(candidates):
        if _DASHED_PAGE.match(lines[i].key):
            found.add(i)
            continue
        for j, m in candidates[max(0, k - 2):k] + candidates[k + 1:k + 3]:
            if abs(j - i) >= _MIN_PAGE_LINES and 0 < (m - n) * (1 if j > i else -1) <= 2:
                found.add(i)
                break
    if candidates and candidates[-1][0] == len(lines) - 1 >= _MIN_PAGE_LINES and _row_closed(lines[-2].key):
        found.add(len(lines) - 1)  # a bare number closing a page's text, under a line its figures close: its page
    return found


def _row_closed(key: str) -> bool:
    """A line holding text and ending with a figure (a row's last, maybe dated): no cell is missing from it."""
    return " " in key and re.search(r"[0-9][%％]?(?:\s*[(（][^()（）]{1,12}[)）])?$", key) is not None


def _beside_break(index: int, feeds: list[int]) -> bool:
    """Whether the raw line ``index`` stands within a few lines of a page break (a form feed, which
    plain-text extractors print at the head of each page's first line)."""
    k = bisect_left(feeds, index)
    return any(abs(feeds[j] - index) <= _BREAK_REACH for j in (k - 1, k) if 0 <= j < len(feeds))


def _page_value(key: str) -> int | None:
    if not _PAGE_NUMBER.match(key):
        return None
    digits = re.findall(r"\d+", key)
    return int(digits[0]) if digits else None
