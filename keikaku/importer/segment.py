"""Stage 3, segment: recognise headings and cut the lines into blocks, one per heading.

Heading rules are layout rules, not per-document code: a level word with a number
(施策 20 …, 基本目標Ⅰ …, 方針1 …), chapter marks (第1章, 1 目的, ２．…), circled and letter
items (➊ …, Ａ．…), ■ and 【】 section marks, and a vocabulary of section names
(lexicon/structure.toml). Table regions found by their header lines are
kept whole, so rows that look like headings (a registry's 基本目標Ⅰ group row) stay rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keikaku.importer.columnbreak import lift_headings
from keikaku.importer.columnmajor import is_name_header, read_columns
from keikaku.importer.flatrows import repeated_name_table
from keikaku.importer.glued import only_figures, starts_glued_table
from keikaku.importer.grid import is_indicator_grid
from keikaku.importer.moneytables import is_money_caption
from keikaku.importer.stackedrows import is_legend
from keikaku.importer.tablecaption import is_caption
from keikaku.importer.labelpairs import is_pair_row
from keikaku.importer.lexicon import completes_word, fold_key, header_words, pattern, structure, value_units, words_pattern
from keikaku.importer.namedcells import named_cell_grid
from keikaku.importer.plannedyears import plans_after_baseline
from keikaku.importer.normalize import Line
from keikaku.importer.oneline import one_line_table
from keikaku.importer.pipes import pipe_header, unnamed_header
from keikaku.importer.records import Grid
from keikaku.importer.roleheader import group_line, value_roles_header
from keikaku.importer.splitheader import split_header_extent
from keikaku.importer.values import ERA, parse_quantity, parse_year_in

_STRUCTURE = structure()
LEVEL_WORDS = _STRUCTURE.level_words
_LEVEL = _STRUCTURE.level_pattern()
_NUM = _STRUCTURE.number_pattern()
WORD_HEADING = re.compile(rf"^({_LEVEL})\s*({_NUM})\s*[.:、]?\s*(.*)$")
PART = re.compile(r"^第\s*[0-9一二三四五六七八九十]{1,3}\s*[次期]\s*\S{0,30}(?:計画|構想|戦略|プラン)$")
CHAPTER = re.compile(r"^第\s*([0-9一二三四五六七八九十]{1,3})\s*([編部章節])\s*(.*)$")
NUMBERED = re.compile(r"^([0-9]{1,2})(?:[.、]\s*|\s+)([^\s0-9(（].{0,45})$")
CIRCLED = re.compile(r"^([①-⑳➊-➓❶-❿])\s*(\S.*)$")
LETTER = re.compile(r"^([A-Z])[.]\s*(\S.*)$")
DASHED = re.compile(r"^([A-Z]-[0-9]{1,2})\s+(\S.*)$")
PAREN_ITEM = re.compile(r"^[(]([0-9]{1,2})[)]\s*(\S.{0,40})$")
DOTTED = re.compile(r"^([0-9]{1,2}(?:[-‐.][0-9]{1,2}){1,2})(?![0-9])(?:\s+|[.、]\s*)([^\s0-9].{0,45})$")
BRACKET = re.compile(r"^【([^】]{1,40})】$")
ANGLED = re.compile(r"^[<〈《≪]\s*([^<>〈〉《》≪≫]{1,30}?)\s*[>〉》≫]$")
MARKED = re.compile(r"^[■□◆◇●]\s*(\S.{0,40})$")
PARENTHESISED = re.compile(r"^[(]([^()]{2,20})[)]$")
SECTION_NAMES = re.compile(rf"^(?:{_STRUCTURE.section_pattern()})$")
# Lines that open a table region, and the words a table header may hold.
_HEADERS = header_words()
INDICATOR_HEADER = re.compile(rf"({words_pattern((*_HEADERS.openers, *_HEADERS.words('name')))})")
_NAME_WORDS = re.compile(rf"({words_pattern(_HEADERS.words('name'))})")
VALUE_HEADER = re.compile(rf"({words_pattern(_HEADERS.words('baseline', 'target', 'actual', 'interim'))})")
_AIM_WORDS = re.compile(rf"({words_pattern(_HEADERS.words('target', 'actual', 'interim'))})")
_SENTENCE_END = ("。", "。)", "。」")
_FIELDS_TAIL = re.compile(r"^(.*?)\s*[(]([^()]+)[)]$")
_NAME_HEAD = re.compile(r"^[(]([^()]{1,12})[)]\s*(\S.*)$")
_SUBTITLE = re.compile(r"^(.*?)\s*[-―─~]\s*(.+?)\s*[-―─~ー]$")


@dataclass(frozen=True)
class Heading:
    """A recognised heading line.

    ``kind``: ``chapter`` (document structure), ``node`` (a plan node) or ``section`` (a named
    text block of the node or chapter it sits in). ``style`` says how the number was printed.
    """

    kind: str
    style: str
    title: str
    level: str | None = None
    number: str | None = None
    name: str | None = None
    subtitle: str | None = None
    fields: tuple[str, ...] = ()
    depth: int = 0


@dataclass
class Block:
    heading: Heading | None
    line: Line | None
    body: list[Line] = field(default_factory=list)
    table: str | None = None  # "indicators", "projects" or "registry" when the block is a table region
    grid: Grid | None = None  # the table's cell grid, when its reader knew the geometry


def _split_title(text: str, key: str) -> tuple[str, str | None, str | None, tuple[str, ...]]:
    """title, name, subtitle, fields from a heading's text (printed form, matched on the folded key)."""
    title, name, subtitle, fields = text, None, None, ()
    m = _NAME_HEAD.match(key)
    if m:
        name = text[m.start(1):m.end(1)]
        title = text[m.start(2):].strip()
        key = key[m.start(2):].strip()
    m = _FIELDS_TAIL.match(key)
    if m and not m.group(1).endswith(("(", "（")):
        inner = text[m.start(2):m.end(2)]
        fields = tuple(f.strip() for f in re.split(r"[、,，]", inner) if f.strip()) if "、" in inner or "," in inner else (inner.strip(),)
        title = text[: m.end(1)].strip()
        key = key[: m.end(1)].strip()
    m = _SUBTITLE.match(key)
    if m and m.group(1):
        name = name or text[: m.end(1)].strip()
        subtitle = text[m.start(2):m.end(2)].strip()
        title = name
    return title, name, subtitle, fields


_VALUE_UNITS = frozenset(value_units())


def _figure_line(key: str) -> bool:
    """A figure and its unit (18.8 万人, maybe with its year in brackets) is a cell, not a numbered heading."""
    rest, _ = parse_year_in(key)
    q = parse_quantity(rest)
    return q.kind == "number" and q.unit is not None and q.unit in _VALUE_UNITS


def _arrow_figures(key: str) -> bool:
    """A line of figures (``name: 12件 → 15件``, ``name：3.4%``, ``name=20団体``) is an indicator row, not a heading."""
    return bool(re.search(r"[0-9].*[→⇒➡].*[0-9]|[:：=＝].*[0-9]", key))


_BARE_FIGURE = re.compile(r"[△▲-]?[0-9][0-9,]*(?:\.[0-9]+)?")


def _figures_row(key: str) -> bool:
    """Two figures with their units among a numbered line's words (``① name 120区画 150区画``), or
    three bare figures (``1-2 name 182 180 185 196 B``): a table's row, not a heading."""
    words = key.split()[1:]
    return sum(_figure_line(word) for word in words) >= 2 or sum(bool(_BARE_FIGURE.fullmatch(w)) for w in words) >= 3


def _figure_then_figure(key: str) -> bool:
    """A figure with its unit followed by another figure (``name 2,650点 3%増``): a row's cells, not a
    numbered heading's words."""
    words = key.split()[1:]
    return any(_figure_line(w) and _BARE_FIGURE.match(n) for w, n in zip(words, words[1:]))


def _spaced_figures(text: str) -> bool:
    """Two bare figures or more, nothing else (``30.0 32.0 34.0``): a row's cells after its label."""
    words = text.split()
    return len(words) >= 2 and all(_BARE_FIGURE.fullmatch(w.rstrip("%")) for w in words)


def _spaced_title(key: str, m: re.Match[str]) -> bool:
    """A short title set apart from its number by a space may open with a kana particle's letter
    (``基本目標Ⅳ にぎわいのあるまち``); run on (``施策1に掲げる``) it is a sentence."""
    rest = m.group(3)
    return (" " in key[m.end(2):m.start(3)] and len(rest) <= 24 and not re.search(r"[、。,]", rest)
            and not rest.startswith(("年", "つの", "か所", "か所")))  # 3 年間, 6 つの柱: a count


def classify(line: Line) -> Heading | None:
    """The heading a line is, or None for body text."""
    key, text = line.key, line.text
    if key.endswith(_SENTENCE_END) or len(key) > 80 or key.count("|") >= 2 or key.endswith("|"):
        return None  # a sentence, a paragraph, or a row (or a cell, `1 |`) of a table with cells
    if line.index >= 5 and PART.match(key):
        return Heading("chapter", "part", text, depth=0)
    m = CHAPTER.match(key)
    if m:
        depth = {"編": 0, "部": 0, "章": 1, "節": 2}[m.group(2)]
        title = text[m.start(3):].strip()
        return Heading("chapter", "chapter", title or text, number=m.group(1), depth=depth)
    m = WORD_HEADING.match(key)
    if (m and m.group(3).strip() and not (m.group(3).startswith(("の", "は", "を", "に", "が", "年", "つ", "か")) and not _spaced_title(key, m))
            and not only_figures(key[m.start(2):]) and not _spaced_figures(key[m.start(2):])):  # 目標12件15件, 目標 30.0 32.0: a row label and its figures
        rest = text[m.start(3):].strip()
        title, name, subtitle, fields = _split_title(rest, key[m.start(3):].strip())
        return Heading("node", "word", title, level=text[m.start(1):m.end(1)], number=m.group(2),
                       name=name, subtitle=subtitle, fields=fields)
    m = DOTTED.match(key)
    if (m and not re.match(r"^[0-9,.]+\s*(年|月|日|%|件|人|円)", key) and not _figure_line(key)
            and not _figures_row(key)):
        title, name, subtitle, fields = _split_title(text[m.start(2):].strip(), key[m.start(2):].strip())
        return Heading("node", "dotted", title, number=m.group(1), name=name, fields=fields)
    m = PAREN_ITEM.match(key)
    if m and not key.endswith(("。", "、")) and not _figures_row(key):
        title, name, subtitle, fields = _split_title(text[m.start(2):].strip(), key[m.start(2):].strip())
        return Heading("node", "paren", title, number=m.group(1), name=name, fields=fields)
    m = DASHED.match(key)
    if m and not _figures_row(key):
        return Heading("node", "dashed", text[m.start(2):].strip(), number=m.group(1))
    m = CIRCLED.match(key)
    if m and len(key) <= 60 and not _arrow_figures(key) and not _figures_row(key):
        title, name, subtitle, fields = _split_title(text[m.start(2):].strip(), key[m.start(2):].strip())
        return Heading("node", "circled", title, number=text[m.start(1):m.end(1)], fields=fields)
    m = LETTER.match(key)
    if m and len(key) <= 60 and not _figures_row(key):
        rest = text[m.start(2):].strip()
        fields: tuple[str, ...] = ()
        tag = re.search(r"【([^】]+)】$", rest)
        if tag:
            fields, rest = (tag.group(1),), rest[: tag.start()].strip()
        return Heading("node", "letter", rest, number=m.group(1), fields=fields)
    m = NUMBERED.match(key)
    if (m and not re.match(r"^[0-9,.]+\s*(年|月|日|%|件|人|円)", key) and not re.search(r"[0-9]+(件|人|円|%|団体)\s", key)
            and not _figure_line(key) and not _figures_row(key) and not _figure_then_figure(key)):
        title, name, subtitle, fields = _split_title(text[m.start(2):].strip(), key[m.start(2):].strip())
        return Heading("chapter", "numbered", title, number=m.group(1), name=name, fields=fields, depth=3)
    m = MARKED.match(key)
    if m and not _arrow_figures(key):
        return Heading("section", "marked", text[m.start(1):].strip())
    m = BRACKET.match(key)
    if m:
        return Heading("section", "bracket", text[m.start(1):m.end(1)])
    m = ANGLED.match(key)
    if m:
        return Heading("section", "named", text[m.start(1):m.end(1)].strip())
    m = PARENTHESISED.match(key)
    if m and SECTION_NAMES.match(m.group(1)):
        return Heading("section", "named", text[m.start(1):m.end(1)])
    if SECTION_NAMES.match(key):
        return Heading("section", "named", text)
    return None


_TABLE_START = pattern("tables", "table_start")
_COLUMN_RUN = 160  # lines a table emitted column by column may take up
_NAMED_CELLS_WINDOW = 80  # lines a one-cell-per-line table found by its names is looked for in


def table_kind(lines: list[Line], i: int) -> str | None:
    """Whether a table header starts at ``lines[i]`` (looking at up to 4 lines of a split header)."""
    first = lines[i].key
    compact = fold_key(first)
    if starts_glued_table(lines, i):
        return "indicators"  # an indicator's name, then its table with the cells run together
    if one_line_table(lines[i]):
        return "indicators"  # a whole table on one line, cells glued or columns in turn
    if first.endswith("|") and pipe_header(lines, i):
        return "indicators"  # a pipe table's header row, maybe broken over lines
    if split_header_extent(lines, i):
        return "indicators"  # years above the rows, the role words printed after them
    if is_pair_row(lines[i]) and i + 1 < len(lines) and is_pair_row(lines[i + 1]) and (i == 0 or not is_pair_row(lines[i - 1])):
        return "indicators"  # names with their labelled figures a slash apart, line after line
    if first.endswith("|") and named_cell_grid(lines[i:i + _NAMED_CELLS_WINDOW]) is not None:
        return "indicators"  # cells one per line under a header whose first cell is the table's title
    if (lines[i].cells or "|" in first) and unnamed_header(lines, i):
        return "indicators"  # value columns over names that have no header cell
    if value_roles_header(lines, i):
        return "indicators"  # the same, printed with spaces (目標値 実績 達成率 over name 1館 1館 100%)
    if not _TABLE_START.match(first) and not INDICATOR_HEADER.match(compact) and not _inline_header(first):
        return None
    if is_legend(first) and i + 1 < len(lines) and table_kind(lines, i + 1) is not None:
        return None  # 上段：目標値 下段：実績値 over a table's header: a caption, not the header
    if is_caption(first) and i + 1 < len(lines) and table_kind(lines, i + 1) is not None:
        return None  # 成果指標の目標と実績 over a table's header: its caption, not the header
    window = " ".join(line.key for line in lines[i:i + _window(lines, i)])
    if len(first) > 60 and not INDICATOR_HEADER.match(first) and not _inline_header(first):
        return None
    if SECTION_NAMES.match(first) and not _inline_header(first) and (not INDICATOR_HEADER.fullmatch(compact) or i + 1 >= len(lines)
                                       or table_kind(lines, i + 1) is not None or " " in lines[i + 1].key):
        return None  # a section heading above its table, not the table's first header cell
    if re.match(r"^(事業名|主な事業名?|事業)\b", first) and _NAME_WORDS.search(first) and VALUE_HEADER.search(fold_key(first)):
        return "indicators"  # projects each with an indicator: 事業名 指標名 現状値 …
    if re.match(r"^(事業名|主な事業名?|事業)\b", first) and re.search(r"[0-9]{1,4}\s*年度|[HR][0-9]{1,2}\b|令和|平成", window):
        return "projects"
    if re.match(r"^(主な)?個別計画|^計画名", first) and re.search(r"所管課|担当課", window) and re.search(r"計画期間", window):
        return "registry"
    if INDICATOR_HEADER.match(compact) and plans_after_baseline(first.split()) != first.split():
        return "indicators"  # a baseline and the planned years after it, no role word over them
    packed = fold_key(window)
    if (INDICATOR_HEADER.match(compact) or _inline_header(first)) and VALUE_HEADER.search(packed) and _AIM_WORDS.search(packed):
        return "indicators"
    if first.startswith("|") and re.search(r"指標", first) and VALUE_HEADER.search(first):
        return "indicators"
    if INDICATOR_HEADER.match(compact) and repeated_name_table(lines, i):
        return "indicators"
    if _column_major(lines, i):
        return "indicators"
    return None


def _column_major(lines: list[Line], i: int) -> int:
    """The lines of a table emitted column by column from ``lines[i]``, a lone name header (0 when there is none)."""
    if not is_name_header(lines[i]):
        return 0
    end = i + 1
    while end < len(lines) and end - i < _COLUMN_RUN and classify(lines[end]) is None:
        end += 1
    found = read_columns(lines[i:end])
    return found[1] if found is not None and is_indicator_grid(found[0]) else 0


def _window(lines: list[Line], i: int) -> int:
    """How many lines a table header may cover from ``lines[i]``: 4, or more while they are single short cells."""
    n = 1
    while i + n < len(lines) and n < 12 and (n < 4 or (len(lines[i + n].key) <= 10 and " " not in lines[i + n].key)):
        n += 1
    return n


def _inline_header(key: str) -> bool:
    """A header row that does not start with the indicator column (No. 施策 指標名 現状値 目標値).

    Its cells are apart: one names the indicator, another a value (基準値, 目標値, 実績).
    """
    if len(key) > 120 or "。" in key or not _NAME_WORDS.search(key) or re.search(r"[0-9][0-9,.]*\s*(件|人|円|%)", key):
        return False
    roles = {_HEADERS.role_of(cell) for cell in key.split(" ")}
    return "name" in roles and bool(roles & {"baseline", "target", "actual", "interim"})


def _ends_table(line: Line, heading: Heading | None, kind: str) -> bool:
    if heading is None:
        return False
    if heading.kind == "chapter" and heading.style == "chapter":
        return True
    if kind == "registry":
        # group rows (基本目標Ⅰ …, 自治体経営方針) belong to the registry
        return heading.kind == "chapter" and heading.style == "numbered"
    if heading.kind == "section" and heading.style in ("named", "marked"):
        return True
    return heading.kind in ("chapter", "node") and heading.style in ("word", "numbered", "dashed", "circled", "paren", "dotted")


def segment(lines: list[Line]) -> list[Block]:
    """Cut the document into blocks: text before the first heading, then one block per heading."""
    blocks: list[Block] = [Block(None, None)]
    lines = lift_headings(lines, classify)  # a heading printed between a table's columns goes after it
    kinds: dict[int, str | None] = {}  # table_kind of a line, asked again where a table ends

    def kind_at(k: int) -> str | None:
        if k not in kinds:
            kinds[k] = table_kind(lines, k)
        return kinds[k]

    i = 0
    while i < len(lines):
        line = lines[i]
        if line.grid is not None and is_indicator_grid(line.grid):
            end = line.index + line.grid.rows
            body = []
            while i < len(lines) and lines[i].index < end:
                body.append(lines[i])
                i += 1
            blocks.append(Block(None, line, body, table="indicators", grid=line.grid))
            blocks.append(Block(None, None))
            continue
        if not line.text:
            i += 1
            continue
        kind = kind_at(i)
        if kind is not None:
            block = Block(None, line, [line], table=kind)
            if kind == "indicators" and not line.cells and _years_above(blocks[-1].body, line):
                block.body.append(blocks[-1].body.pop())  # years printed above the header's role words date them
            blocks.append(block)
            run = i + max(_column_major(lines, i), split_header_extent(lines, i)) if kind == "indicators" else i  # its columns' headers and text stay in
            i += 1
            while i < len(lines):
                if i < run:
                    block.body.append(lines[i])
                    i += 1
                    continue
                if lines[i].grid is not None:
                    break  # a table its reader drew as a grid is a block of its own
                if line.key.count("|") >= 2 and lines[i].key.endswith("|"):
                    block.body.append(lines[i])  # a piece of a pipe table's row wrapped over lines
                    i += 1
                    continue
                heading = classify(lines[i])
                if kind != "registry" and heading is None and kind_at(i) is None and _is_prose(lines[i]):
                    break
                again = kind_at(i)
                if kind == "indicators" and heading is not None and _row_heading(lines, i) and _has_figure(block.body):
                    heading = None  # a numbered name among the rows of a table one cell per line: a row
                if kind == "indicators" and heading is not None and group_line(lines, i):
                    heading = None  # a group's title among the rows (1.施設 over 1-1 name 1館 1館): the table goes on
                if kind == "indicators" and heading is not None and _group_heading(lines, i, heading, line):
                    heading = None  # a group row spanning the table (基本目標1 …) over rows as wide as the header
                if (kind == "indicators" and heading is not None and (_has_figure(block.body) or _header_cells(block.body))
                        and _cell_group_title(lines, i)):
                    heading = None  # a group's title over a row printed one cell per line ((2)成人期 / name / 38.5%)
                if kind == "indicators" and heading is not None and line.cells and len(lines[i].cells or ()) == len(line.cells):
                    heading = None  # a row of the header's own cells (tabs), its first cell numbered
                if (kind == "indicators" and heading is not None and i + 1 < len(lines) and _one_cell_lines(block.body)
                        and completes_word(lines[i].key, lines[i + 1].key)):
                    heading = None  # a header cell broken over lines (現状 / 値), not a section's name
                if _ends_table(lines[i], heading, kind) or again not in (None, kind):
                    break
                if kind == "indicators" and len(block.body) >= 2 and " " in lines[i].key and is_money_caption(lines[i].text):
                    break  # a cost table's header after the rows (区分 （単位：千円） R4年度決算 …): money, no indicator
                if (again == "indicators" == kind and len(block.body) >= 2 and lines[i].key != line.key and not lines[i].cells
                        and not _header_goes_on(block.body, lines[i])):
                    break  # another indicator table (other columns) right after this one
                block.body.append(lines[i])
                i += 1
            blocks.append(Block(None, None))  # text after a table goes back to the enclosing heading
            continue
        heading = classify(line)
        if heading is None:
            blocks[-1].body.append(line)
        else:
            blocks.append(Block(heading, line))
        i += 1
    return [b for b in blocks if b.heading is not None or b.body or b.table]


def _cell_figure(key: str) -> bool:
    """A line that is one figure or an empty mark (4.8人, 80.0% A-1, -), maybe dated."""
    first = parse_year_in(key)[0].split(" ")[0]
    return bool(first) and parse_quantity(first).kind in ("number", "empty") and len(key) <= 16


def _has_figure(body: list[Line]) -> bool:
    return any(_cell_figure(line.key) for line in body)


def _header_goes_on(body: list[Line], line: Line) -> bool:
    """A header printed one cell per line (評価指標 / 策定時 / (H16)) going on with a cell of another column.

    A cell that starts like a table's opening word but names a column other than the name
    (指標元, a source) is the next header cell, not another table.
    """
    return (len(line.key) <= 12 and header_words().role_of(line.key) not in (None, "name")
            and not _has_figure(body) and _one_cell_lines(body))


def _one_cell_lines(body: list[Line]) -> bool:
    """Header cells one per line: short header words or years, no spaces."""
    return all(len(line.key) <= 12 and " " not in line.key
               and (header_words().role_of(line.key) is not None or not parse_year_in(line.key)[0].strip("()（） "))
               for line in body)


def _years_above(body: list[Line], header: Line) -> bool:
    """Whether the last line before a table's header is a line of two or more years only, right above it."""
    if not body or body[-1].index != header.index - 1 or body[-1].cells:
        return False
    key = body[-1].key
    return len(_YEARS_ONLY.findall(key)) >= 2 and _YEARS_ONLY.sub("", key).strip() == ""


_YEARS_ONLY = re.compile(rf"(?:{ERA}\s*(?:元|[0-9]{{1,2}})|[0-9]{{4}})\s*年度?")


def _row_heading(lines: list[Line], i: int) -> bool:
    """A numbered line followed, after at most two short text cells, by a figure: a row's name, not a heading."""
    heading = classify(lines[i]) if not lines[i].cells else None
    if heading is None or heading.style not in ("dotted", "numbered", "circled"):
        return False
    for k in range(i + 1, min(i + 4, len(lines))):
        key = lines[k].key
        if _cell_figure(key):
            return True
        if len(key) > 30 or " " in key or "。" in key or classify(lines[k]) is not None:
            return False
    return False


def _group_heading(lines: list[Line], i: int, heading: Heading, header: Line) -> bool:
    """A level word's heading with no figure (基本目標1 しごとをつくる) right over a row of figures
    printing as many cells as the table's header, at least, or one fewer: a group's row of the table."""
    if heading.style != "word" or len(lines[i].key) > 48 or _BARE_FIGURE.search(heading.title or "") or i + 1 >= len(lines):
        return False
    row = lines[i + 1].key
    return _figures_row(row) and classify(lines[i + 1]) is None and len(row.split()) >= len(header.key.split()) - 1 >= 3


def _cell_group_title(lines: list[Line], i: int) -> bool:
    """A numbered short line without figures over a row's name and, after at most one more piece of the
    name, its first figure, all one cell per line: a group's title among a table's rows."""
    heading = classify(lines[i]) if not lines[i].cells else None
    if heading is None or heading.style not in ("paren", "circled") or len(lines[i].key) > 20 or re.search(r"[0-9]", lines[i].key[3:]):
        return False
    if i + 2 >= len(lines) or _cell_figure(lines[i + 1].key) or not _row_heading_name(lines[i + 1]):
        return False
    return any(_cell_figure(lines[k].key) for k in range(i + 2, min(i + 4, len(lines))))


def _header_cells(body: list[Line]) -> bool:
    """Header cells one per line, a year spaced inside its bracket too (指標 / 現状値 / (令和 2年度))."""
    return all(len(line.key) <= 16 and (header_words().role_of(line.key) is not None or parse_year_in(line.key)[1] is not None)
               for line in body)


def _row_heading_name(line: Line) -> bool:
    """A short text cell alone on its line, no heading of its own."""
    return len(line.key) <= 40 and " " not in line.key and "。" not in line.key and classify(line) is None


_SPACED_FIGURE = re.compile(r"(?:^|\s)[△▲]?[0-9][0-9,]*(?:\.[0-9]+)?(?:%|％)(?=\s|$)")


def _is_prose(line: Line) -> bool:
    """A sentence of running text (ends a table region that has no heading after it)."""
    return (len(line.key) > 30 and ("。" in line.key or line.key.count("、") >= 2) and not re.search(r"[0-9]", line.key[-12:])
            and not 3 <= len(_SPACED_FIGURE.findall(line.key)) > line.key.count("、"))  # figures a space apart: rows
