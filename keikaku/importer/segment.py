"""Stage 3, segment: recognise headings and cut the lines into blocks, one per heading.

Heading rules are layout rules, not per-document code: a level word with a number
(施策 20 …, 基本目標Ⅰ …, 方針1 …), chapter marks (第1章, 1 目的, ２．…), circled and letter
items (➊ …, Ａ．…), ■ and 【】 section marks, and a vocabulary of section names
(現況と課題, 成果・活動指標, 主な事業 …). Table regions found by their header lines are
kept whole, so rows that look like headings (a registry's 基本目標Ⅰ group row) stay rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from keikaku.importer.grid import is_indicator_grid
from keikaku.importer.normalize import Line
from keikaku.importer.records import Grid

LEVEL_WORDS = (
    "基本目標横断プロジェクト", "横断プロジェクト", "重点プロジェクト", "リーディングプロジェクト", "プロジェクト",
    "基本目標", "基本政策", "基本施策", "重点施策", "単位施策", "主要施策", "政策", "施策", "基本方針", "方針",
    "方向性", "分野", "戦略", "基本戦略", "柱", "目標",
)
_LEVEL = "|".join(sorted(LEVEL_WORDS, key=len, reverse=True))
_NUM = r"[0-9]{1,3}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]{1,4}|[IVX]{1,4}(?![A-Za-z])|[A-Z]-?[0-9]{0,2}(?![A-Za-z])|[①-⑳]|[➊-➓]|[❶-❿]|[一二三四五六七八九十]{1,3}"
WORD_HEADING = re.compile(rf"^({_LEVEL})\s*({_NUM})\s*[.:、]?\s*(.*)$")
PART = re.compile(r"^第\s*[0-9一二三四五六七八九十]{1,3}\s*[次期]\s*\S{0,30}(?:計画|構想|戦略|プラン)$")
CHAPTER = re.compile(r"^第\s*([0-9一二三四五六七八九十]{1,3})\s*([編部章節])\s*(.*)$")
NUMBERED = re.compile(r"^([0-9]{1,2})(?:[.、]\s*|\s+)(\S.{0,45})$")
CIRCLED = re.compile(r"^([①-⑳➊-➓❶-❿])\s*(\S.*)$")
LETTER = re.compile(r"^([A-Z])[.]\s*(\S.*)$")
DASHED = re.compile(r"^([A-Z]-[0-9]{1,2})\s+(\S.*)$")
PAREN_ITEM = re.compile(r"^[(]([0-9]{1,2})[)]\s*(\S.*)$")
HALF_PAREN_ITEM = re.compile(r"^([0-9]{1,2})[)]\s*(\S.*)$")
BRACKET = re.compile(r"^【([^】]{1,40})】$")
MARKED = re.compile(r"^[■□◆◇●]\s*(\S.{0,40})$")
PARENTHESISED = re.compile(r"^[(]([^()]{2,20})[)]$")
SECTION_NAMES = re.compile(
    r"^(?:現況と課題|現状と課題|施策の方向性|施策の方向|施策の展開|成果・活動指標|成果指標|活動指標|指標|数値目標|"
    r"重要業績評価指標.*|主な事業|主な取組|主な取り組み|取組内容|目指す方向性|めざす方向性|趣旨|考え方|"
    r"計画の目標、目指す姿、理念|.{0,14}ありたい姿|.{1,14}の視点|取組の視点|基本的な理念|基本理念|"
    r"(?:めざす|目指す)?将来像|将来都市像|まちづくりの基本姿勢|基本姿勢|政策の取組方針|計画全体の目標|"
    r"各主体の役割|各主体に期待される役割|評価の考え方|行政の役割|方針の内容|今後の取組に関するアイデア)$"
)
# Lines that open a table region, and the words a table header may hold.
INDICATOR_HEADER = re.compile(r"(指標名?|KPI|成果指標|活動指標)")
VALUE_HEADER = re.compile(r"(現状値|基準値|策定時|現況値|当初値|目標値|目標|実績)")
REGISTRY_HEADER = re.compile(r"(個別計画|計画名).*|策定.{0,4}年度|計画期間|所管課")
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


def classify(line: Line) -> Heading | None:
    """The heading a line is, or None for body text."""
    key, text = line.key, line.text
    if key.endswith(_SENTENCE_END) or len(key) > 80:
        return None
    if line.index >= 5 and PART.match(key):
        return Heading("chapter", "part", text, depth=0)
    m = CHAPTER.match(key)
    if m:
        depth = {"編": 0, "部": 0, "章": 1, "節": 2}[m.group(2)]
        title = text[m.start(3):].strip()
        return Heading("chapter", "chapter", title or text, number=m.group(1), depth=depth)
    m = WORD_HEADING.match(key)
    if m and m.group(3).strip() and not m.group(3).startswith(("の", "は", "を", "に", "が", "年", "つ", "か")):
        rest = text[m.start(3):].strip()
        title, name, subtitle, fields = _split_title(rest, key[m.start(3):].strip())
        return Heading("node", "word", title, level=text[m.start(1):m.end(1)], number=m.group(2),
                       name=name, subtitle=subtitle, fields=fields)
    m = DASHED.match(key)
    if m:
        return Heading("node", "dashed", text[m.start(2):].strip(), number=m.group(1))
    m = CIRCLED.match(key)
    if m and len(key) <= 60:
        title, name, subtitle, fields = _split_title(text[m.start(2):].strip(), key[m.start(2):].strip())
        return Heading("node", "circled", title, number=text[m.start(1):m.end(1)], fields=fields)
    m = LETTER.match(key)
    if m and len(key) <= 60:
        rest = text[m.start(2):].strip()
        fields: tuple[str, ...] = ()
        tag = re.search(r"【([^】]+)】$", rest)
        if tag:
            fields, rest = (tag.group(1),), rest[: tag.start()].strip()
        return Heading("node", "letter", rest, number=m.group(1), fields=fields)
    m = NUMBERED.match(key)
    if m and not re.match(r"^[0-9,.]+\s*(年|月|日|%|件|人|円)", key) and not re.search(r"[0-9]+(件|人|円|%|団体)\s", key):
        title, name, subtitle, fields = _split_title(text[m.start(2):].strip(), key[m.start(2):].strip())
        return Heading("chapter", "numbered", title, number=m.group(1), name=name, fields=fields, depth=3)
    m = MARKED.match(key)
    if m:
        return Heading("section", "marked", text[m.start(1):].strip())
    m = BRACKET.match(key)
    if m:
        return Heading("section", "bracket", text[m.start(1):m.end(1)])
    m = PARENTHESISED.match(key)
    if m and SECTION_NAMES.match(m.group(1)):
        return Heading("section", "named", text[m.start(1):m.end(1)])
    if SECTION_NAMES.match(key):
        return Heading("section", "named", text)
    return None


_TABLE_START = re.compile(r"^(?:事業|主な事業|主な個別計画|個別計画|計画名|指標|KPI|成果指標|活動指標|\|)")


def table_kind(lines: list[Line], i: int) -> str | None:
    """Whether a table header starts at ``lines[i]`` (looking at up to 4 lines of a split header)."""
    first = lines[i].key
    if not _TABLE_START.match(first):
        return None
    window = " ".join(line.key for line in lines[i:i + 4])
    if (len(first) > 60 and not INDICATOR_HEADER.match(first)) or SECTION_NAMES.match(first):
        return None
    if re.match(r"^(事業名|主な事業名?|事業)\b", first) and re.search(r"[0-9]{1,4}\s*年度|[HR][0-9]{1,2}\b|令和|平成", window):
        return "projects"
    if re.match(r"^(主な)?個別計画|^計画名", first) and re.search(r"所管課|担当課", window) and re.search(r"計画期間", window):
        return "registry"
    if INDICATOR_HEADER.match(first) and VALUE_HEADER.search(window) and re.search(r"(目標|実績)", window):
        return "indicators"
    if first.startswith("|") and re.search(r"指標", first) and VALUE_HEADER.search(first):
        return "indicators"
    return None


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
    return heading.kind in ("chapter", "node") and heading.style in ("word", "numbered", "dashed", "circled")


def segment(lines: list[Line]) -> list[Block]:
    """Cut the document into blocks: text before the first heading, then one block per heading."""
    blocks: list[Block] = [Block(None, None)]
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
        kind = table_kind(lines, i)
        if kind is not None:
            block = Block(None, line, [line], table=kind)
            blocks.append(block)
            i += 1
            while i < len(lines):
                heading = classify(lines[i])
                if kind != "registry" and heading is None and table_kind(lines, i) is None and _is_prose(lines[i]):
                    break
                if _ends_table(lines[i], heading, kind) or (table_kind(lines, i) not in (None, kind)):
                    break
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


def _is_prose(line: Line) -> bool:
    """A sentence of running text (ends a table region that has no heading after it)."""
    return len(line.key) > 30 and ("。" in line.key or line.key.count("、") >= 2) and not re.search(r"[0-9]", line.key[-12:])
