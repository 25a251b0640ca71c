"""Word (.docx) through python-docx, the only adapter for that library: paragraphs and tables in body order.

Paragraphs keep the labels Word prints for them: automatic numbering (``Numbering``, from
word/numbering.xml) is counted the way Word counts it and prefixed to the text. Tables become
``Grid``s: ``w:gridSpan`` and ``w:vMerge`` give spans, so a header cell merged over two rows or
three columns is one cell; a table nested in a cell is flattened into the cell's text, unless it is
a table in its own right (three rows and three columns at least, a 施策評価シート's indicator table
inside its 成果指標 cell): that one is a grid of its own, after the row that holds it. Rows in which no
cell with text starts are dropped; every other row is one ``RawLine``, the first of them carrying
the grid. Cell sources are ``t{table}r{row}c{column}``, all counted from 1 in the document.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from keikaku.importer.readers.archive import check_archive
from keikaku.importer.readers.base import DocumentError, join_breaks as _join_breaks
from keikaku.importer.records import Grid, GridCell, RawLine, Source

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _R = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "r"
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
_VAL = _W + "val"
# Inside a paragraph: what is never printed text of its own (properties, deletions, field codes,
# text boxes, the fallback copy of alternate content).
_SKIP = frozenset({_W + "pPr", _W + "rPr", _W + "del", _W + "moveFrom", _W + "instrText", _W + "delText",
                   _W + "txbxContent", _MC + "Fallback", _W + "footnoteReference", _W + "endnoteReference"})


def read_docx(name: str, data: bytes) -> list[RawLine]:
    check_archive(name, data, what="Word document")
    try:
        import docx
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        document = docx.Document(io.BytesIO(data))
        try:
            numbering_xml = document.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            numbering_xml = None
        reader = _Reader(Numbering(numbering_xml, document.styles.element))
        for block in _blocks(document.element.body):
            if block.tag == _TBL:
                reader.table(block)
            else:
                reader.paragraph(block)
        return reader.lines
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(name, f"corrupt Word document: {type(exc).__name__}: {exc}") from exc


def _blocks(parent) -> list:  # type: ignore[no-untyped-def]
    """The paragraphs and tables of a body or cell in order, looking into content controls."""
    out = []
    for child in parent:
        if child.tag in (_P, _TBL):
            out.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                out.extend(_blocks(content))
        elif child.tag == _CUSTOM_XML:
            out.extend(_blocks(child))
    return out


def _children(parent, tag: str) -> list:  # type: ignore[no-untyped-def]
    """Rows of a table or cells of a row, looking into content controls and custom XML around them."""
    out = []
    for child in parent:
        if child.tag == tag:
            out.append(child)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                out.extend(_children(content, tag))
        elif child.tag == _CUSTOM_XML:
            out.extend(_children(child, tag))
    return out


def _int_val(element, default: int) -> int:  # type: ignore[no-untyped-def]
    if element is None:
        return default
    try:
        return int(element.get(_VAL, default))
    except ValueError:
        return default


def _hidden(run) -> bool:  # type: ignore[no-untyped-def]
    """A run formatted as hidden text (w:vanish), which Word does not print."""
    props = run.find(_W + "rPr")
    vanish = props.find(_W + "vanish") if props is not None else None
    return vanish is not None and vanish.get(_VAL, "true") not in ("0", "false", "off")


def paragraph_text(p) -> str:  # type: ignore[no-untyped-def]
    """The printed text of a paragraph: runs, hyperlinks, fields' results, tracked insertions;
    a tab is a TAB, a line break a newline."""
    out: list[str] = []

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        for child in element:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == _W + "t":
                out.append(child.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                out.append("\t")
            elif tag == _W + "br":
                out.append("\n" if child.get(_W + "type") in (None, "textWrapping") else "")
            elif tag == _W + "cr":
                out.append("\n")
            elif tag == _W + "noBreakHyphen":
                out.append("-")
            elif tag == _R and _hidden(child):
                continue
            else:
                walk(child)

    walk(p)
    return "".join(out)


@dataclass
class _Cell:
    row: int
    col: int
    colspan: int
    texts: list[str]
    source: str
    rowspan: int = 1


@dataclass
class _Reader:
    """Lines in body order; numbering counters advance in the same order Word counts them."""

    numbering: Numbering
    lines: list[RawLine] = field(default_factory=list)
    tables: int = 0

    def labelled(self, p) -> str:  # type: ignore[no-untyped-def]
        text = paragraph_text(p)
        label = self.numbering.label(p)
        return label + text if label and text.strip() else text

    def paragraph(self, p) -> None:  # type: ignore[no-untyped-def]
        for part in self.labelled(p).split("\n"):  # a manual line break (w:br) starts a new line
            if part.strip():
                self.lines.append(RawLine(part))

    def cell_text(self, tc, own: list | None = None) -> str:  # type: ignore[no-untyped-def]
        """A cell's paragraphs on one line (``join_breaks``); each row of a table nested in it
        follows as its cells' texts, everything apart by a space. A nested table in its own right
        (``_own_table``) goes to ``own`` instead, when given."""
        parts: list[str] = []
        paragraphs: list[str] = []
        for block in _blocks(tc):
            if block.tag == _P:
                paragraphs.append(self.labelled(block))
                continue
            if own is not None and _own_table(block):
                own.append(block)
                continue
            parts.append(_join_breaks("\n".join(paragraphs)))
            paragraphs = []
            for tr in _children(block, _TR):
                parts.extend(self.cell_text(inner) for inner in _children(tr, _TC))
        parts.append(_join_breaks("\n".join(paragraphs)))
        return " ".join(part for part in parts if part)

    def table(self, tbl) -> None:  # type: ignore[no-untyped-def]
        self.lines.extend(self._table_lines(tbl))

    def _table_lines(self, tbl) -> list[RawLine]:  # type: ignore[no-untyped-def]
        self.tables += 1
        number = self.tables
        own: dict[int, list] = {}  # row → the tables in their own right nested in its cells
        cells: list[_Cell] = []
        above: dict[int, _Cell] = {}  # grid column → the cell that last started there
        for r, tr in enumerate(_children(tbl, _TR)):
            props = tr.find(_W + "trPr")
            col = _int_val(props.find(_W + "gridBefore") if props is not None else None, 0)
            for tc in _children(tr, _TC):
                props = tc.find(_W + "tcPr")
                span = max(1, _int_val(props.find(_W + "gridSpan") if props is not None else None, 1))
                merge = props.find(_W + "vMerge") if props is not None else None
                text = self.cell_text(tc, own.setdefault(r, []))
                previous = above.get(col)
                if (merge is not None and merge.get(_VAL, "continue") == "continue" and previous is not None
                        and previous.row + previous.rowspan == r and previous.colspan == span):
                    previous.rowspan += 1  # a vertical merge goes on
                    if text:
                        previous.texts.append(text)
                else:
                    cell = _Cell(r, col, span, [text] if text else [], f"t{number}r{r + 1}c{col + 1}")
                    cells.append(cell)
                    for k in range(col, col + span):
                        above.pop(k, None)
                    above[col] = cell
                col += span
        lines = _grid_lines(cells, number)
        if not any(own.values()):
            return lines
        kept_rows = sorted({c.row for c in cells if c.texts})  # the rows _grid_lines keeps, one line each
        out: list[RawLine] = []
        done = 0
        for r, inner in sorted(own.items()):  # each after the line of its row (or of the last kept row above it)
            if not inner:
                continue
            upto = sum(1 for row in kept_rows if row <= r)
            out.extend(lines[done:upto])
            done = max(done, upto)
            for block in inner:
                out.extend(self._table_lines(block))
        out.extend(lines[done:])
        return out


def _own_table(tbl) -> bool:  # type: ignore[no-untyped-def]
    """A nested table that is a table in its own right: three rows and three columns at least."""
    rows = _children(tbl, _TR)
    return len(rows) >= 3 and max(len(_children(tr, _TC)) for tr in rows) >= 3


def _grid_lines(cells: list[_Cell], number: int) -> list[RawLine]:
    """The grid of a Word table without its rows that have no text, and one line per row."""
    if not cells:
        return []
    texts = {id(c): _join_breaks("\n".join(c.texts)) for c in cells}
    keep = sorted({c.row for c in cells if texts[id(c)]})
    if not keep:
        return []
    new_row = {r: i for i, r in enumerate(keep)}
    cols = max(c.col + c.colspan for c in cells)
    out: list[GridCell] = []
    for c in cells:
        rows = [r for r in range(c.row, c.row + c.rowspan) if r in new_row]
        if not rows:
            continue
        out.append(GridCell(text=texts[id(c)], row=new_row[rows[0]], col=c.col, rowspan=len(rows), colspan=c.colspan,
                            source=Source(cell=c.source)))
    out.sort(key=lambda g: (g.row, g.col))
    grid = Grid(cells=tuple(out), rows=len(keep), cols=cols, source=Source(cell=f"t{number}"))
    return [
        RawLine("\t".join(t for t in row if t), None, row, source=Source(cell=f"t{number}r{keep[i] + 1}"),
                grid=grid if i == 0 else None)
        for i, row in enumerate(grid.row_texts())
    ]


# --- automatic numbering ---------------------------------------------------------------------

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_KANJI_DIGITS = "〇一二三四五六七八九"
_AIUEO = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
_AIUEO_HALF = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ"
_IROHA = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス"
_IROHA_HALF = "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳｲﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼｴﾋﾓｾｽ"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_PLACEHOLDER = re.compile(r"%([1-9])")


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _kanji(n: int) -> str:
    """Japanese counting: 一, 十, 十一, 二十三, 百五, 千二百."""
    if n == 0:
        return "〇"
    out = ""
    for value, mark in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("" if digit == 1 else _KANJI_DIGITS[digit]) + mark
    return out + (_KANJI_DIGITS[n] if n else "")


def _cycled(n: int, letters: str) -> str:
    return letters[(n - 1) % len(letters)]


def format_number(n: int, fmt: str) -> str:
    """One level's number in a Word number format (ST_NumberFormat); unknown formats print decimal."""
    if n <= 0 and fmt not in ("decimalZero", "none"):
        return str(n)
    if fmt == "none":
        return ""
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(_FULL_WIDTH)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        if n <= 20:
            return chr(0x2460 + n - 1)  # ①
        if n <= 35:
            return chr(0x3251 + n - 21)  # ㉑
        if n <= 50:
            return chr(0x32B1 + n - 36)  # ㊱
        return str(n)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if n <= 20 else f"({n})"  # ⑴
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if n <= 20 else f"{n}."  # ⒈
    if fmt in ("upperRoman", "lowerRoman"):
        text = _roman(n) if n < 4000 else str(n)
        return text if fmt == "upperRoman" else text.lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "aiueoFullWidth":
        return _cycled(n, _AIUEO)
    if fmt == "aiueo":
        return _cycled(n, _AIUEO_HALF)
    if fmt == "irohaFullWidth":
        return _cycled(n, _IROHA)
    if fmt == "iroha":
        return _cycled(n, _IROHA_HALF)
    if fmt in ("japaneseCounting", "chineseCounting", "chineseCountingThousand", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographLegalTraditional") and n < 10000:
        return _kanji(n)
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand", "taiwaneseDigital"):
        return "".join(_KANJI_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and n <= len(_STEMS):
        return _STEMS[n - 1]
    if fmt == "ideographZodiac" and n <= len(_ZODIAC):
        return _ZODIAC[n - 1]
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # w:lvlText, with %1…%9 for the levels' numbers
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 never
    legal: bool = False  # w:isLgl: every level's number in decimal
    suffix: str = "tab"  # w:suff: tab, space or nothing between the label and the text
    style: str | None = None  # w:pStyle: the paragraph style bound to this level


def _level(lvl) -> _Level:  # type: ignore[no-untyped-def]
    def val(tag: str) -> str | None:
        element = lvl.find(_W + tag)
        return element.get(_VAL) if element is not None else None

    legal = lvl.find(_W + "isLgl")
    restart = val("lvlRestart")
    return _Level(
        start=_int_val(lvl.find(_W + "start"), 1),
        fmt=val("numFmt") or "decimal",
        text=val("lvlText"),
        restart=int(restart) if restart and restart.lstrip("-").isdigit() else None,
        legal=legal is not None and legal.get(_VAL, "true") not in ("0", "false", "off"),
        suffix=val("suff") or "tab",
        style=val("pStyle"),
    )


@dataclass
class _Instance:
    """A w:num: its abstract definition, and its level overrides (a start, a whole level)."""

    abstract: str
    starts: dict[int, int]
    levels: dict[int, _Level]


class Numbering:
    """The labels Word prints before numbered paragraphs, counted in document order.

    Counters belong to the abstract definition (w:abstractNum), as in Word: lists (w:num) that
    share one continue each other's count, and a list whose level has a w:startOverride restarts
    the count the first time it is used at that level. Using a level resets the levels below it
    (unless their w:lvlRestart says otherwise). Paragraphs are numbered by their own w:numPr or
    their style's (through w:basedOn); w:numId 0 switches numbering off.
    """

    def __init__(self, numbering, styles) -> None:  # type: ignore[no-untyped-def]
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}  # abstract id → numbering style it takes its levels from
        self.instances: dict[str, _Instance] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[tuple[str, int]] = set()
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}  # id → (numId, ilvl, basedOn)
        self.default_style: str | None = None
        if styles is not None:
            for style in styles.iter(_W + "style"):
                style_id = style.get(_W + "styleId")
                if style_id is None:
                    continue
                if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true", "on"):
                    self.default_style = style_id
                num_id, ilvl = self._num_pr(style.find(_W + "pPr"))
                based = style.find(_W + "basedOn")
                self.styles[style_id] = (num_id, ilvl, based.get(_VAL) if based is not None else None)
        if numbering is None:
            return
        for abstract in numbering.iter(_W + "abstractNum"):
            key = abstract.get(_W + "abstractNumId")
            self.abstracts[key] = {_int_val_attr(lvl, 0): _level(lvl) for lvl in abstract.iter(_W + "lvl")}
            link = abstract.find(_W + "numStyleLink")
            if link is not None and link.get(_VAL):
                self.style_links[key] = link.get(_VAL)
        for num in numbering.iter(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            if ref is None or num.get(_W + "numId") is None:
                continue
            starts, levels = {}, {}
            for override in num.iter(_W + "lvlOverride"):
                ilvl = _int_val_attr(override, 0)
                start = override.find(_W + "startOverride")
                if start is not None:
                    starts[ilvl] = _int_val(start, 1)
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.instances[num.get(_W + "numId")] = _Instance(ref.get(_VAL), starts, levels)

    @staticmethod
    def _num_pr(props) -> tuple[str | None, str | None]:  # type: ignore[no-untyped-def]
        num_pr = props.find(_W + "numPr") if props is not None else None
        if num_pr is None:
            return None, None
        num_id, ilvl = num_pr.find(_W + "numId"), num_pr.find(_W + "ilvl")
        return (num_id.get(_VAL) if num_id is not None else None), (ilvl.get(_VAL) if ilvl is not None else None)

    def _style_num_pr(self, style_id: str | None) -> tuple[str | None, str | None]:
        num_id = ilvl = None
        seen: set[str] = set()
        while style_id is not None and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            own_num, own_lvl, based = self.styles[style_id]
            num_id = num_id if num_id is not None else own_num
            ilvl = ilvl if ilvl is not None else own_lvl
            if num_id is not None and ilvl is not None:
                break
            style_id = based
        return num_id, ilvl

    def _abstract(self, instance: _Instance) -> tuple[str, dict[int, _Level]]:
        """The abstract definition that holds the levels, following numbering-style links."""
        key = instance.abstract
        for _ in range(4):
            style = self.style_links.get(key)
            if style is None or self.abstracts.get(key):
                break
            linked = self.instances.get(self._style_num_pr(style)[0] or "")
            if linked is None:
                break
            key = linked.abstract
        return key, self.abstracts.get(key, {})

    def label(self, p) -> str:  # type: ignore[no-untyped-def]
        """The printed label of paragraph ``p`` with the space after it ("（1） "), or "" when it has none.

        Every numbered paragraph advances the count, whether or not it has text.
        """
        if not self.instances:
            return ""
        props = p.find(_W + "pPr")
        num_id, ilvl_text = self._num_pr(props)
        style = props.find(_W + "pStyle") if props is not None else None
        style_id = style.get(_VAL) if style is not None else self.default_style
        if num_id is None or ilvl_text is None:
            style_num, style_lvl = self._style_num_pr(style_id)
            num_id = num_id if num_id is not None else style_num
            ilvl_text = ilvl_text if ilvl_text is not None else style_lvl
        instance = self.instances.get(num_id or "")
        if instance is None:  # no numbering, numId 0, or a list that is not defined
            return ""
        key, levels = self._abstract(instance)
        levels = {**levels, **instance.levels}
        if ilvl_text is None:  # the level bound to the style, else the first
            ilvl = next((k for k, lvl in sorted(levels.items()) if style_id and lvl.style == style_id), 0)
        else:
            ilvl = int(ilvl_text) if ilvl_text.isdigit() else 0
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(key, {})
        if ilvl in instance.starts and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = instance.starts[ilvl]
        else:
            counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                del counters[deeper]
        return self._render(levels, counters, ilvl)

    @staticmethod
    def _render(levels: dict[int, _Level], counters: dict[int, int], ilvl: int) -> str:
        level = levels[ilvl]
        if level.text is None:
            return ""
        if level.fmt == "bullet":  # a symbol-font bullet () prints as a dot
            label = "".join("・" if "\ue000" <= ch <= "\uf8ff" else ch for ch in level.text)
        else:
            def number(match: re.Match[str]) -> str:
                k = int(match.group(1)) - 1
                other = levels.get(k)
                value = counters.get(k, other.start if other else 1)
                return format_number(value, "decimal" if level.legal else (other.fmt if other else "decimal"))

            label = _PLACEHOLDER.sub(number, level.text)
        if not label.strip():
            return ""
        return label + ("" if level.suffix == "nothing" else " ")


def _int_val_attr(element, default: int) -> int:  # type: ignore[no-untyped-def]
    try:
        return int(element.get(_W + "ilvl", default))
    except ValueError:
        return default
