"""Cell values of plan tables: quantities with units, era years, directions and project stages.

Pure and fast: every function here runs on every table cell, so the patterns are compiled once
at import and nothing heavier than the standard library is imported. Japanese words appear only
as data (the vocabulary the documents print).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from dataclasses import dataclass

from keikaku.cache import reading_context, text_memo
from keikaku.domain.enums import Direction
from keikaku.importer.lexicon import approx_words
from keikaku.importer.width import fold_for_values
from keikaku.importer.sharecount import share_of_cell

__all__ = [
    "Quantity",
    "dated_value",
    "era_year_columns",
    "find_era",
    "normalize_width",
    "parse_direction",
    "parse_quantity",
    "parse_year",
    "parse_year_in",
    "resolve_schedule",
    "split_stage_cells",
]

# --- width ----------------------------------------------------------------------------------

# Width folding lives in width.py: here ～ (a range mark) is kept and the ideographic space is a space.
_SPACES = re.compile(r"\s+")


def _width(text: str) -> str:
    return fold_for_values(text)


def normalize_width(text: str) -> str:
    """Full-width ASCII to ASCII, ideographic space to a space, whitespace runs to one space, stripped.

    Nothing else changes (㎡, ‰, Ⅰ, ①, ➊, ～ stay as printed), which is why this is not NFKC.
    """
    if not text:
        return ""
    return _SPACES.sub(" ", fold_for_values(text)).strip()


# --- years ----------------------------------------------------------------------------------

_ERA_START = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}
_ERA_LETTER = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}
_ERA_NAMES = "明治|大正|昭和|平成|令和"
# An era as running text prints a year with it, by name or by letter (令和8年, R8年; 平成27年, H27年): for
# the readings that find years in sentences (the digits and 年 after it are theirs to match).
ERA = r"(?:明治|大正|昭和|平成|令和|(?<![A-Za-z0-9])[SHR]\.?)"
_WEST = r"(?:186[89]|18[7-9]\d|19\d\d|2[01]\d\d)"  # 1868-2199: a plan names no year before Meiji
# 年/年度 as a year suffix, not as a duration or an age (5年間, 3年後, 1年生).
_YSUF = r"(?:年度|年(?!間|後|前|ぶり|目|以内|連続|生|おき|ごと|毎|分|齢))"
_LETTER = r"(?<![A-Za-z0-9])(?P<letter>[MTSHRmtshr])\.?"

# One year expression, leftmost first: an era year (with an attached Western year in
# parentheses, which wins), a Western year, or a bare 1-2 digit year that needs an era.
_YEAR_DIGIT = re.compile(r"[0-9元]")
_YEAR_RE = re.compile(
    rf"""
    (?P<e>(?:(?P<era>{_ERA_NAMES})|{_LETTER})\s*(?P<en>\d{{1,2}}|元)(?![\dA-Za-z])
        (?:\s*\(\s*(?:西暦)?\s*(?P<w1>{_WEST})\s*{_YSUF}?\s*\))?
        (?:\s*(?P<esuf>{_YSUF}))?
        (?:\s*\(\s*(?:西暦)?\s*(?P<w2>{_WEST})\s*{_YSUF}?\s*\))?)
    |(?P<w>(?<![\d,.])(?P<wy>{_WEST})(?![\d,]|\.\d)
        (?:\s*(?P<wsuf>{_YSUF}))?
        (?:\s*\(\s*(?:{_ERA_NAMES}|[MTSHRmtshr]\.?)\s*(?:\d{{1,2}}|元)\s*{_YSUF}?\s*\)(?:\s*(?P<wsuf2>{_YSUF}))?)?)
    |(?P<b>(?<![\d,.])(?P<bn>\d{{1,2}})\s*{_YSUF})
    """,
    re.VERBOSE,
)
_ERA_FIND_RE = re.compile(rf"(?P<era>{_ERA_NAMES})|{_LETTER}\s*(?:\d{{1,2}}|元)(?![\dA-Za-z])")
_OPENERS = "([【〔"
# What may follow a year inside brackets before the closing one: (令和元年度末時点), (令和2年度平均),
# (令和3年3月31日現在),
# (R2までの累計): a total up to a year is the figure of that year.
_CLOSE_AFTER = re.compile(r"\s*(?:(?P<month>[0-9]{1,2})\s*月(?:\s*[0-9]{1,2}\s*日)?)?\s*(?:末時点|末現在|時点|現在|末|平均|実績|見込み?|調査|調べ|まで(?:の)?(?:累計|合計))?\s*[)\]】〕]")


def _era_name(era: str | None) -> str | None:
    """An era given by name or letter (平成, H, h, H.) as its name; ValueError when unknown."""
    if era is None:
        return None
    key = era.strip().rstrip(".")
    if key in _ERA_START:
        return key
    name = _ERA_LETTER.get(normalize_width(key).upper())
    if name is None:
        raise ValueError(f"unknown era: {era!r}")
    return name


def _bracketed(t: str, start: int, end: int) -> tuple[int, int] | None:
    """The span widened to enclosing brackets, when the match sits alone inside a pair."""
    i = start
    while i > 0 and t[i - 1] == " ":
        i -= 1
    if i == 0 or t[i - 1] not in _OPENERS:
        return None
    close = _CLOSE_AFTER.match(t, end)
    return (i - 1, close.end()) if close else None


_WORD_IN_BRACKETS = re.compile(r"\s*[(（][^()（）0-9０-９]+[)）]")  # (実績) after a year: its role


def _resolve(m: re.Match[str], t: str, era: str | None, *, loose: bool) -> tuple[int | None, str | None]:
    """The year of one match and, for an era expression, the era it names."""
    if m.group("e"):
        name = m.group("era") or _ERA_LETTER[m.group("letter").upper()]
        west = m.group("w1") or m.group("w2")
        if west:
            return int(west), name
        n = 1 if m.group("en") == "元" else int(m.group("en"))
        return _ERA_START[name] + n - 1, name
    if m.group("w"):
        start, end = m.span()
        ok = (
            m.group("wsuf") is not None
            or m.group("wsuf2") is not None  # 2017(平成29)年度: the era in brackets, then 年度
            or t.strip() == m.group(0).strip()
            or _bracketed(t, start, end) is not None
            or t[:start].rstrip().upper().endswith("FY")
            or (not t[:start].strip() and _WORD_IN_BRACKETS.fullmatch(t[end:]) is not None)  # 2018(実績)
            or (loose and (start == 0 or t[start - 1].isspace()) and (end == len(t) or t[end].isspace()))
        )
        return (int(m.group("wy")), None) if ok else (None, None)
    era = era or reading_context.get()  # a document naming no era may imply one (impliedera.py)
    if era is None:
        return None, None
    return _ERA_START[era] + int(m.group("bn")) - 1, None


@text_memo(4096, 128)
def parse_year(text: str, *, default_era: str | None = None) -> int | None:
    """The Western year a cell names (平成26年 → 2014, R元 → 2019, 令和2(2020)年 → 2020).

    Bare 1-2 digit years (28年度) need ``default_era``; plain numbers without 年 are not years,
    except a 4-digit number standing alone or in brackets.
    """
    if not text:
        return None
    era = _era_name(default_era)
    t = _width(text)
    for m in _YEAR_RE.finditer(t):
        year, _ = _resolve(m, t, era, loose=False)
        if year is not None:
            return year
    return None


_YEAR_FIRST = re.compile(r"^((?:明治|大正|昭和|平成|令和|[HRS])\.?\s*(?:元|[0-9]{1,2})\s*年度?|[0-9]{4}\s*年度?)\s*([△▲-]?[0-9].*)$")


def dated_value(text: str) -> tuple[str, int | None]:
    """A value and its year, the year printed after it (84.9%(R1)) or before it (H26年1.54)."""
    rest, year = parse_year_in(text)
    if year is None and (m := _YEAR_FIRST.match(normalize_width(text))) is not None:
        return m.group(2).strip(), parse_year(m.group(1))
    return rest, year


@text_memo(4096, 128)
def find_era(text: str) -> str | None:
    """The first era a header mentions, as its name (平成 26年 → 平成, （令和）→ 令和, H26 → 平成)."""
    if not text:
        return None
    m = _ERA_FIND_RE.search(_width(text))
    if m is None:
        return None
    return m.group("era") or _ERA_LETTER[m.group("letter").upper()]


def _at_edge(t: str, start: int, end: int) -> bool:
    """A year standing apart at the start or end of a cell (令和元年度 84.9%), not glued to text."""
    before, after = t[:start], t[end:]
    if not before.strip():  # 2018(実績): the rest of the cell a bracketed word after the year
        return not after or after[0].isspace() or _WORD_IN_BRACKETS.fullmatch(after) is not None
    return not after.strip() and before[-1].isspace()


_RANGE_MARK = re.compile(r"\s*[～〜~\-－]\s*")
_FIGURE_END = re.compile(r"[0-9][^0-9\s]{0,6}$")  # a figure with its unit


def _year_span(t: str, era: str | None, *, brackets_only: bool) -> tuple[int, int, int] | None:
    """(start, end, year) of the year annotation of a cell: bracketed first, else at an end."""
    if not _YEAR_DIGIT.search(t):  # every year is printed with a digit or 元
        return None
    edge: tuple[int, int, int] | None = None
    prev: tuple[int, int] | None = None  # the span of the year before
    for m in _YEAR_RE.finditer(t):
        year, _ = _resolve(m, t, era, loose=False)
        if year is None:
            continue
        start, end = m.span()
        period = prev is not None and _RANGE_MARK.fullmatch(t[prev[1]:start]) is not None
        wide = _bracketed(t, prev[0] if period else start, end)  # 20人(R2～R6): a period's figure is of its last year
        if period and wide is not None and not _FIGURE_END.search(t[:wide[0]].rstrip()):
            wide = None  # a name's period (…の達成率（平成28年度～32年度）) dates no figure
        prev = (start, end)
        if wide is not None:
            month = _CLOSE_AFTER.match(t, end).group("month")
            if month is not None and 1 <= int(month) <= 3 and "度" not in m.group(0):
                year -= 1  # (H28年3月末): a date in January to March closes the fiscal year before
            return wide[0], wide[1], year
        if edge is None and not brackets_only and _at_edge(t, start, end):
            edge = (start, end, year)
    return edge


def _cut(text: str, start: int, end: int) -> str:
    return " ".join(part for part in (text[:start].strip(), text[end:].strip()) if part)


@text_memo(4096, 128)  # cells are read many times over by the readers
def parse_year_in(text: str, *, default_era: str | None = None) -> tuple[str, int | None]:
    """Split a cell into (text without its year, year): 84.9%（令和元年度） → ("84.9%", 2019).

    The year must be in brackets or at the start or end of the cell; a year inside running
    text is left alone and the result is (text, None). The rest keeps its printed characters.
    """
    if not text:
        return "", None
    span = _year_span(_width(text), _era_name(default_era), brackets_only=False)
    if span is None:
        return text.strip(), None
    return _cut(text, span[0], span[1]), span[2]


def era_year_columns(header: str, *, default_era: str | None = None) -> list[int]:
    """The fiscal years a header row names, in order (事業名 28年度 29年度 with 平成 → [2016, 2017]).

    An era named in the header carries over to the bare years after it; bare years with no
    era known are skipped.
    """
    if not header:
        return []
    era = _era_name(default_era)
    t = _width(header)
    years: list[int] = []
    for m in _YEAR_RE.finditer(t):
        year, name = _resolve(m, t, era, loose=True)
        if name is not None:
            era = name
        if year is not None:
            years.append(year)
    return years


# --- quantities -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quantity:
    """A parsed table value.

    ``kind`` is "number" (value set), "maintain" (維持), "word" (any other text, such as 拡充)
    or "empty" (a dash or nothing). ``text`` is the input as printed, stripped.
    """

    value: float | int | None
    unit: str | None
    text: str
    approx: bool
    kind: str


_DASHES = "-‐‑‒–—―−ーｰ─━"
_EMPTY_RE = re.compile(rf"[{_DASHES}]+")
_MAINTAIN_RE = re.compile(r"(?:現状値?(?:を|の)?)?維持(?:する|します|を目指す)?")
_MAINTAIN_LEVEL_RE = re.compile(rf"(?:{_MAINTAIN_RE.pattern})\s*[(（](?P<level>[^()（）]{{1,16}})[)）]")
_RANGE_UNIT_RE = re.compile(r"台$|程度$|前後$")
_FOOT_HEAD = re.compile(r"^(?:※\s*(?:\d{1,2}(?!\d))?|\*(?:\d{1,2}(?!\d))?)\s*/?\s*")
_FOOT_TAIL = re.compile(r"\s*/?\s*(?:※\s*\d{0,2}|\*\d{0,2})\s*$")
_YEARISH_HEAD = re.compile(r"[(\[【〔][^()\[\]【】〔〕]*年[^()\[\]【】〔〕]*[)\]】〕]\s*")
_NOTE_TAIL = re.compile(r"\s*[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]\s*$")
# Words before the number that do not change it: qualifiers, approximation, bounds.
_PREFIX = re.compile(r"(?:延べ|延|累計|合計|計|年平均|月平均|日平均|年間|毎年|毎月|年|月|週|以上|以下|未満)\s*")
# A total over a stated period (5年間で40人増): the period is no part of the figure, nor the change word.
_WESTERN_YEAR = re.compile(_WEST)
_YEAR_SUFFIX = re.compile(rf"\s*{_YSUF}")
_PERIOD_HEAD = re.compile(r"[0-9]{1,2}\s*(?:年間|か年|カ年|ヵ年|ヶ年)で\s*(?=[0-9△▲])")
_CHANGE_TAIL = re.compile(r"(?:の)?(?:増加?|減少?)$")


@cache
def _approx_head() -> re.Pattern[str]:
    """An approximation word before a figure (``approx_words`` of the lexicon)."""
    return re.compile("(?:" + "|".join(map(re.escape, approx_words())) + r")\s*")


_APPROX_TAIL = re.compile(r"\s*(?:程度|前後|ほど)$")
_BOUND_TAIL = re.compile(r"\s*(?:以上|以下|未満|超過|超|以内)$")
_SIGN = re.compile(r"[-+−±](?=\d)|[▲△]\s*")
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_PART = re.compile(rf"\s*({_NUM})\s*([十百千]?[万億兆]|[十百千])?")
_DIGIT_UNIT = re.compile(r"[A-Za-z]+[23]")  # m2, km2, m3
_SCALE = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "億": 10**8, "兆": 10**12}
_UNIT_MAX = 10


def _factor(scale: str | None) -> int:
    f = 1
    for ch in scale or "":
        f *= _SCALE[ch]
    return f


def _exact(number: str) -> tuple[int, int]:
    """A decimal numeral as (numerator, power-of-ten denominator), exactly."""
    digits = number.replace(",", "")
    whole, _, frac = digits.partition(".")
    return int(whole + frac), 10 ** len(frac)


def _value(num: int, den: int) -> int | float:
    if num % den == 0:
        return num // den
    value = round(num / den, 10)
    return int(value) if value.is_integer() else value


def _number(t: str) -> tuple[int | float, str | None, bool] | None:
    """(value, unit, approx) of a numeric cell, or None when the cell is not one quantity."""
    approx = False
    period = _PERIOD_HEAD.match(t)
    if period is not None:  # 5年間で40人増: a total over the period, the change its figure
        t = _CHANGE_TAIL.sub("", t[period.end():])
    while True:
        m = _PREFIX.match(t) or _approx_head().match(t)
        if m is None:
            break
        approx = approx or m.re is _approx_head()
        t = t[m.end() :]
    negative = False
    m = _SIGN.match(t)
    if m is not None:
        negative = m.group(0)[0] in "-−▲△"
        t = t[m.end() :]
    parts: list[tuple[str, str | None]] = []
    pos = 0
    while (m := _PART.match(t, pos)) is not None:
        parts.append((m.group(1), m.group(2)))
        pos = m.end()
        if m.group(2) is None:
            break
    if not parts:
        return None
    if len(parts) > 1:
        # Compound (3億 1,100万円): each part but the last has a scale, scales fall.
        factors = [_factor(s) for _, s in parts]
        if any(s is None for _, s in parts[:-1]) or any(a <= b for a, b in zip(factors, factors[1:])):
            return None
        den = max(_exact(n)[1] for n, _ in parts)
        num = sum(_exact(n)[0] * (den // _exact(n)[1]) * f for (n, _), f in zip(parts, factors))
        scale_text = ""
    else:
        num, den = _exact(parts[0][0])
        scale_text = parts[0][1] or ""
        if _WESTERN_YEAR.fullmatch(parts[0][0]) and _YEAR_SUFFIX.match(t, pos):
            return None  # 2015年度末, 2009年度までの目標: a year, not a count of years
    rest = t[pos:].strip()
    for _ in range(3):  # notes, bounds and approximation marks, in any order
        before = rest
        rest = _NOTE_TAIL.sub("", rest)
        rest = _BOUND_TAIL.sub("", rest)
        if _APPROX_TAIL.search(rest):
            approx = True
            rest = _APPROX_TAIL.sub("", rest)
        if rest == before:
            break
    unit = scale_text + rest
    if unit in ("パーセント", "％"):
        unit = "%"
    if len(unit) > _UNIT_MAX or (any(ch.isdigit() for ch in unit) and not _DIGIT_UNIT.search(unit)):
        return None
    value = _value(-num if negative else num, den)
    return value, unit or None, approx


_ZERO: list[frozenset[str]] = []


def _zero_words() -> frozenset[str]:
    if not _ZERO:
        from keikaku.importer.lexicon import zero_words  # the lexicon loads on first use

        _ZERO.append(zero_words())
    return _ZERO[0]


_PART_COUNT_RE = re.compile(r"([0-9][0-9,.]*)\s*[(（][0-9][0-9,.]*[)）]\s*([^0-9()（）\s]{1,4})")


@text_memo(4096, 128)  # Quantity is frozen: one parse of a cell serves every reader
def parse_quantity(text: str) -> Quantity:
    """Parse a target or baseline cell: 1,070件, 約 221,000人, 3億 1,100万円, △5, 維持, 拡充, －.

    A single scale stays in the unit (650億円 → 650 億円); several are resolved to the base
    unit (3億 1,100万円 → 311000000 円). Brackets holding a year and footnote marks (※1) are
    not part of the value; bounds (以上, 未満) and 約 are dropped from the value and kept in text.
    """
    orig = (text or "").strip()
    t = normalize_width(orig)
    span = _year_span(t, None, brackets_only=True)
    had_year = span is not None
    if span is not None:
        t = _cut(t, span[0], span[1])
    m = _YEARISH_HEAD.match(t)
    if m is not None:
        t = t[m.end() :]
        had_year = True
    for _ in range(3):  # footnote marks at either end, maybe with a "/" separator
        stripped = _FOOT_TAIL.sub("", _FOOT_HEAD.sub("", t, count=1)).strip(" /")
        if stripped == t:
            break
        t = stripped
    if not t:
        return Quantity(None, None, orig, False, "word" if had_year else "empty")
    if _EMPTY_RE.fullmatch(t):
        return Quantity(None, None, orig, False, "empty")
    if _MAINTAIN_RE.fullmatch(t):
        return Quantity(None, None, orig, False, "maintain")
    kept = _MAINTAIN_LEVEL_RE.fullmatch(t)
    if kept is not None:  # 現状値を維持(141か所): the level kept is the target's figure; (44%台) is a range, no figure
        level = parse_quantity(kept.group("level"))
        if level.kind == "number" and not _RANGE_UNIT_RE.search(level.unit or ""):
            return Quantity(level.value, level.unit, orig, level.approx, "maintain")
        return Quantity(None, None, orig, False, "maintain")
    if t in _zero_words():
        return Quantity(0, None, orig, False, "number")  # ゼロ: the figure zero written as a word
    parsed = _number(t)
    if parsed is None and (part := _PART_COUNT_RE.fullmatch(t)) is not None:
        parsed = _number(part.group(1) + part.group(2))  # 6(4)人: six, four of them of a kind named in the name
    if parsed is None and (share := share_of_cell(t)) is not None:
        parsed = _number(share)  # 61.5% 148町内会 県内9位: the share, with its count and rank
    if parsed is None:
        return Quantity(None, None, orig, False, "word")
    value, unit, approx = parsed
    return Quantity(value, unit, orig, approx, "number")


# --- directions -----------------------------------------------------------------------------

_UP_ARROWS = "↑⇑⇧⇗↗➚⬆⬈⤴➶"
_DOWN_ARROWS = "↓⇓⇩⇘↘➘⬇⬊⤵➷"
_FLAT_ARROWS = "→⇒➡⮕⇨➔"
_ARROW_DIRECTION = (
    {ch: Direction.INCREASE for ch in _UP_ARROWS}
    | {ch: Direction.DECREASE for ch in _DOWN_ARROWS}
    | {ch: Direction.MAINTAIN for ch in _FLAT_ARROWS}
)
_KATAKANA_AFTER = r"(?![ァ-ヺー])"  # アップデート, ダウンロード are not directions
_INCREASE_RE = re.compile(
    rf"アップ{_KATAKANA_AFTER}|上昇|増加|増やす|増大|向上|拡大|上げる|高める|伸ばす|上向き|(?<![A-Za-z])up(?![A-Za-z])",
    re.IGNORECASE,
)
_DECREASE_RE = re.compile(
    rf"ダウン{_KATAKANA_AFTER}|減少|減らす|低下|低減|削減|縮減|縮小|抑制|下げる|下向き|(?<![A-Za-z])down(?![A-Za-z])",
    re.IGNORECASE,
)
_MAINTAIN_WORD_RE = re.compile(r"維持(?!管理|補修|修繕|費)|横ばい|据え置")
# Curbing a fall keeps the level; curbing a rise lowers it.
_CURB_FALL_RE = re.compile(r"(?:減少|低下)(?:の|を|に)?(?:抑制|抑え|防|歯止め|食い止め)")
_CURB_RISE_RE = re.compile(r"(?:増加|上昇)(?:の|を|に)?(?:抑制|抑え|防|歯止め|食い止め)")
_SINGLE_RE = re.compile(r"(増|減)(?:を目指す)?")
_DIRECTION_MAX = 20  # longer text is prose, not a direction cell


@text_memo(4096, 128)
def parse_direction(text: str) -> Direction | None:
    """The direction a cell prints: アップ/増加/⇗ → increase, ダウン/減少/⇘ → decrease, 維持/→ → maintain."""
    t = normalize_width(text) if text else ""
    if not t or len(t) > _DIRECTION_MAX:
        return None
    single = _SINGLE_RE.fullmatch(t)
    if single is not None:
        return Direction.INCREASE if single.group(1) == "増" else Direction.DECREASE
    if _CURB_FALL_RE.search(t):
        return Direction.MAINTAIN
    if _CURB_RISE_RE.search(t):
        return Direction.DECREASE
    found = {_ARROW_DIRECTION[ch] for ch in t if ch in _ARROW_DIRECTION}
    if _INCREASE_RE.search(t):
        found.add(Direction.INCREASE)
    if _DECREASE_RE.search(t):
        found.add(Direction.DECREASE)
    if _MAINTAIN_WORD_RE.search(t):
        found.add(Direction.MAINTAIN)
    if len(found) == 2 and Direction.MAINTAIN in found:
        found.discard(Direction.MAINTAIN)  # 維持・向上: at least keep, aim higher
    return found.pop() if len(found) == 1 else None


# --- project schedules ----------------------------------------------------------------------

_ARROW_HEADS = "→⇒➡⮕⇨➔➜⟶"
_BARS = "―─━—"
_REPEAT_CHARS = frozenset(_ARROW_HEADS + _BARS + "ー〃-")
_REPEAT_WORDS = frozenset({"同上", "同左", "〃"})
_HYPHENS_RE = re.compile(r"[-‐‑‒–−]+")  # short dashes: nothing this year
_EDGE_ARROWS = _ARROW_HEADS + _BARS + " "
_CONNECTOR_RE = re.compile(r"\s*([・、/&])\s*")
_STAGE_TOKEN_RE = re.compile(rf"[{_BARS}\-]+[{_ARROW_HEADS}]?|[{_ARROW_HEADS}]|[^\s{_ARROW_HEADS}{_BARS}]+")
# Stage words that PDF extraction sometimes glues together (検討実施).
_STAGE_WORDS = tuple(
    sorted(
        (
            "検討", "実施", "推進", "拡充", "充実", "継続", "見直し", "完了", "準備", "調査",
            "設計", "工事", "整備", "策定", "改定", "開始", "運営", "運用", "着手", "評価",
            "検証", "支援", "開設", "供用", "試行", "構築", "導入", "拡大", "周知", "開催",
            "維持", "基本設計", "実施設計",
        ),
        key=len,
        reverse=True,
    )
)  # fmt: skip


def _is_repeat(t: str) -> bool:
    """A cell that repeats the previous stage: arrows and long bars, 同上, 〃."""
    if t in _REPEAT_WORDS:
        return True
    return all(ch in _REPEAT_CHARS or ch == " " for ch in t) and not _HYPHENS_RE.fullmatch(t.replace(" ", ""))


def resolve_schedule(cells: Sequence[str | None]) -> list[str | None]:
    """Each year's stage, with arrows replaced by the stage they repeat.

    ["検討", "→", "実施", "拡充", "→"] → ["検討", "検討", "実施", "拡充", "拡充"]. An empty
    cell or a short dash (-) is None and breaks the run: an arrow after it is None too.
    """
    out: list[str | None] = []
    previous: str | None = None
    for cell in cells:
        t = normalize_width(cell) if cell else ""
        if not t or _HYPHENS_RE.fullmatch(t):
            out.append(None)
            previous = None
        elif _is_repeat(t):
            out.append(previous)
        else:
            stage = t.strip(_EDGE_ARROWS) or t  # 実施→ is 実施
            out.append(stage)
            previous = stage
    return out


def _split_glued(token: str) -> list[str] | None:
    """A token made only of known stage words, split (検討実施 → 検討, 実施); else None."""
    if not token:
        return []
    for word in _STAGE_WORDS:
        if token.startswith(word):
            tail = _split_glued(token[len(word) :])
            if tail is not None:
                return [word, *tail]
    return None


def _is_arrow_token(token: str) -> bool:
    return _is_repeat(token) and token not in _REPEAT_WORDS


def split_stage_cells(text: str, expected: int) -> list[str] | None:
    """Split a flattened schedule row (検討 → 実施 拡充 →, 推進→→→→) into ``expected`` cells.

    Glued stage words are separated, and a trailing long arrow (推進 ────→) is stretched to the
    last year. None when the row cannot be made to fit.
    """
    if expected < 1:
        raise ValueError("expected must be at least 1")
    t = _CONNECTOR_RE.sub(r"\1", normalize_width(text)) if text else ""
    tokens = _STAGE_TOKEN_RE.findall(t)
    if len(tokens) == expected:
        return tokens
    if not tokens or len(tokens) > expected:
        return None
    split: list[str] = []
    for token in tokens:
        pieces = None if _is_arrow_token(token) else _split_glued(token)
        split.extend(pieces if pieces and len(pieces) > 1 else [token])
    if len(split) == expected:
        return split
    if len(split) < expected and _is_arrow_token(split[-1]):
        return split + ["→"] * (expected - len(split))
    return None


_TRAILING_BRACKET = re.compile(r"[(（][^()（）]{1,12}[)）]$")


def ends_with_a_bare_year(name: str) -> bool:
    """Whether a name ends in a bracketed year and nothing else (…の数（令和2年度）): in a table read
    one cell per line, the year printed under a figure read into the name before it."""
    m = _TRAILING_BRACKET.search(name)
    return m is not None and m.start() > 0 and is_year_cell(m.group(0))


def is_year_cell(text: str) -> bool:
    """Whether a cell is a year and nothing else (``令和2年度``, ``（H30）``)."""
    rest, year = parse_year_in(text)
    return year is not None and not rest.strip("()（） ")
