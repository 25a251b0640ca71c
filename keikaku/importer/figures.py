"""Indicators printed as a name and figures tagged by role words, not as a table.

The document is read as one run of cells (each line cut at its spaces). A figure belongs to an
indicator only when something says what it is:

- a *label*: a cell that is a role word of ``headers.toml`` (baseline, interim, target, actual),
  maybe with its year and brackets (``目標値``, ``令和5年度目標値``, ``【実績値】``, ``目標値:77人``).
  It takes the figure glued to it, else the figure after it (a year cell between gives the
  year: ``基準`` / ``令和2年度`` / ``35団体``), else the figure right before it (``64 令和8年度目標値``).
  Labels printed side by side (``現状値 目標値`` one cell each) take the figures after them in order;
  a label with its figure glued on stands alone. A label may carry its year in brackets before the
  colon (``現状値(平成26年度):4,021人/日``); an era year spaced inside a bracket, a unit printed apart
  after its figure (``4,300 人/日``, ``12 回/年``) and a bracket closed after a space are closed up,
  and a line of a level word and its number (``目標 1``, ``目標 2 title``) is a heading, not a label.
  A figure with its year in brackets and no label, right before a labelled target and earlier
  than it, is the baseline. A 【】 label with a year and no figure dates the labels of its role that follow without one
  (``【令和9年度の目標】`` … ``目標値:77人``);
- a *sentence* of the grammar in ``lexicon/figures.toml``: ``12件(令和2年度)を20件(令和7年度)に増加``
  (baseline, target, direction) or a cell that is only ``令和7年度まで50人`` (a target and its year).

Labels of different roles in a row make one indicator; a role met again starts the next. Its
name is the run of name-like cells inside its span, else the nearest run before it, going back
no further than a figure, a numbered item's mark (``<1>``, ``①``, ``1-2``) or a name header
(成果指標名), which closes the run; 【】 labels, placeholders, formulas and notes are passed
over and end a run. With no name near, the name printed after the nearest name header before
the item (``指標12 名前``) on its line names it. Pieces of a name broken over lines or spaces are joined (a bracketed qualifier printed apart, ``(JR線)``, too). A name ending with
a direction (``…の増加``) gives the direction and loses the word; after a 単位 cell, a short last
cell of the run is the unit. An actual needs a year. A glued label whose value is words
(``目標値:設定なし``) after a numbered name keeps the name alone.

Prose is not read: a sentence holding figures is one long cell, neither a label nor a sentence
of the grammar, and a figure no label or sentence claims is never a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from keikaku.domain.enums import Direction
from keikaku.importer.known import name_key
from keikaku.importer.lazypattern import lazy
from keikaku.importer.lexicon import figure_words, fold_key, header_words, holds_a_name, name_endings, value_units
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.segment import WORD_HEADING
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.triggers import labelled_figure
from keikaku.importer.values import dated_value, parse_quantity, parse_year

_FIGURE = re.compile(r"^(?:約)?[△▲]?[0-9][0-9,]*(?:\.[0-9]+)?\s*(?P<unit>[^\s0-9]{0,8})$")
_YEAR_HEAD = re.compile(r"^(?P<year>(?:明治|大正|昭和|平成|令和|[HRS])?\s*(?:元|[0-9]{1,4})\s*年度?)")
_YEAR_CELL = re.compile(r"^[(]?(?:明治|大正|昭和|平成|令和|[HRS])?\s*(?:元|[0-9]{1,4})\s*年度?[)]?$")
_YEAR_WORD = re.compile(r"^(?:年度|年|月|日|年度末)$")
_NUMBERING = re.compile(r"^(?:<[0-9]{1,2}>|[①-⑳]|[(][0-9]{1,2}[)]|[0-9]{1,2}(?:-[0-9]{1,2})+(?![0-9.])|[0-9]{1,2}[.．](?![0-9])|[●○◆■□◇・])")
_CODE = re.compile(r"^[0-9A-Za-z]+(?:[-‐][0-9A-Za-z]+)+$")
_PLACEHOLDER = re.compile(r"〔[^〕]*〕")
_BRACKET = re.compile(r"^(?:【[^】]*】|\[[^\]]*\]|<[^>]*>|＜[^＞]*＞)$")
_NUMBERED_BOX = re.compile(r"^【[^】]*[0-9０-９①-⑳ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]】")  # 【成果目標2】title: a numbered section's title, no name
_FORMULA = re.compile(r"[=×÷＝]")
_WORDY = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_HIRAGANA = re.compile(r"[\u3040-\u309f]")
_CJK_END = lazy(r"[\u3040-\u30ff\u4e00-\u9fff)」]$")
_CJK_START = lazy(r"^[\u3040-\u30ff\u4e00-\u9fff(「]")
_COLON = re.compile(r"[:：]")


@dataclass(frozen=True)
class _Lexicon:
    label_words: dict[str, str]  # folded role word → role
    joiners: tuple[str, ...]
    refused: frozenset[str]
    max_label: int
    from_to: re.Pattern[str]
    by_year: re.Pattern[str]
    prefix: re.Pattern[str]
    directions: dict[str, Direction]
    tails: tuple[tuple[str, Direction], ...]
    unit_chars: int
    broken_piece: int
    min_name: int
    max_name: int
    reach: int


@cache
def _lexicon() -> _Lexicon:
    data = figure_words()
    labels, sentence, names = data["labels"], data["sentence"], data["names"]
    words = {fold_key(w): role for role in labels["roles"] for w in header_words().words(role)}
    directions = {w: d for key, d in (("increase", Direction.INCREASE), ("decrease", Direction.DECREASE),
                                      ("maintain", Direction.MAINTAIN)) for w in sentence[key]}
    alt = lambda ws: "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))  # noqa: E731
    figure = rf"(?:{alt(sentence['prefixes'])}|約)?[△▲]?[0-9][0-9,]*(?:\.[0-9]+)?[^\s0-9()を]{{0,6}}?"
    year = r"[(][^()]{1,16}[)]"
    from_to = re.compile(rf"^(?P<a>{figure})(?P<ay>{year})?(?:{alt(sentence['from'])})(?P<b>{figure})(?P<by>{year})?"
                         rf"(?:{alt(sentence['to'])})(?P<dir>{alt(directions)})")
    by_year = re.compile(rf"^(?P<y>[^0-9]{{0,2}}(?:元|[0-9]{{1,4}})年度?末?)(?:{alt(sentence['by'])})(?P<b>{figure})$")
    tails = tuple((w, directions[w.removeprefix("の")]) for w in sorted(names["direction_tails"], key=len, reverse=True)
                  if w.removeprefix("の") in directions)
    return _Lexicon(
        label_words=words, joiners=tuple(sorted(labels["joiners"], key=len, reverse=True)), refused=frozenset(labels["refused"]),
        max_label=labels["max_chars"], from_to=from_to, by_year=by_year, prefix=re.compile(rf"^(?:{alt(sentence['prefixes'])})"),
        directions=directions, tails=tails, unit_chars=names["unit_chars"], broken_piece=names["broken_piece"],
        min_name=names["min_chars"], max_name=names["max_chars"], reach=names["reach"])


@dataclass(slots=True)
class _Cell:
    text: str
    line: Line
    kind: str = "word"  # figure, year, label, sentence, opener, unit_header, skip, word
    role: str | None = None
    year: int | None = None
    value: str | None = None  # a label's glued value
    name: str | None = None  # the name glued to an opener (<1>名前)
    used: bool = False


@dataclass
class _Found:
    start: int
    end: int
    roles: dict[str, tuple[str, int | None, str]] = field(default_factory=dict)  # role → (figure, year, origin)
    actuals: list[tuple[int, str, str]] = field(default_factory=list)
    direction: Direction | None = None
    words_only: bool = False  # a glued label whose value is words


def _is_figure(text: str) -> bool:
    m = _FIGURE.match(text)
    if m is None or m.group("unit")[:1] in (".", "-", "(") or _YEAR_CELL.match(text):
        return False
    if _HIRAGANA.search(m.group("unit")) and fold_key(m.group("unit")) not in value_units():  # か所 is a unit
        return False
    return parse_quantity(text).kind == "number"


def _figure_cell(text: str) -> tuple[str, int | None] | None:
    """(figure, year) of a cell that is one figure, maybe with its year in brackets."""
    if text.startswith(("+", "+")):
        return None  # a change (+30%), not a level
    figure, year = dated_value(text)
    if year is not None and not text.startswith(figure):
        return None  # the year before the figure: a cell of another form
    return (figure, year) if _is_figure(figure) else None


_BRACKET_YEAR = re.compile(r"[(（](?P<year>(?:明治|大正|昭和|平成|令和|[HRS])?\s*(?:元|[0-9]{1,4})\s*年度?)[)）]$")


def _label(text: str) -> tuple[str, int | None, str | None] | None:
    """(role, year, glued value) of a label cell, else None."""
    lex = _lexicon()
    body, value = text, None
    m = _COLON.search(body)
    if m is not None:
        body, value = body[: m.start()], body[m.end():].strip() or None
    year = None
    if (b := _BRACKET_YEAR.search(body)) is not None and b.start() > 0:
        year, body = parse_year(b.group("year")), body[: b.start()]  # 現状値(平成26年度):…
    body = body.strip("【】[]<>()")
    if (y := _YEAR_HEAD.match(body)) is not None and len(body) > y.end():
        year, body = parse_year(y.group("year")), body[y.end():]
        for joiner in lex.joiners:
            body = body.removeprefix(joiner)
    key = fold_key(body)
    if not key or len(key) > lex.max_label or key in lex.refused:
        return None
    role = lex.label_words.get(key)
    if role is None:
        return None
    return role, year, value


_DIGITISH = re.compile(r"^(?:約|[△▲+＋])?[0-9]")


def _classify(text: str, line: Line, unit_word: frozenset[str]) -> _Cell:
    cell = _Cell(text, line)
    lex = _lexicon()
    key = fold_key(text)
    if _quick().search(text) and (label := _label(text)) is not None:
        cell.kind = "label"
        cell.role, cell.year, cell.value = label
    elif _DIGITISH.match(text):
        if _CODE.match(text):
            cell.kind = "skip"
        elif (m := _NUMBERING.match(text)) is not None:
            cell.kind, cell.name = "opener", text[m.end():].strip() or None
        elif _figure_cell(text) is not None:
            cell.kind = "figure"
        elif _YEAR_CELL.match(text):
            cell.kind, cell.year = "year", parse_year(text)
        elif lex.from_to.match(text) or lex.by_year.match(text):
            cell.kind = "sentence"
        else:
            cell.kind = "skip"
    elif _YEAR_CELL.match(text):
        cell.kind, cell.year = "year", parse_year(text)
    elif "まで" in text and lex.by_year.match(text):
        cell.kind = "sentence"
    elif key in unit_word:
        cell.kind = "unit_header"
    elif (m := _NUMBERING.match(text)) is not None:
        cell.kind, cell.name = "opener", text[m.end():].strip() or None
    elif (_BRACKET.match(text) or _NUMBERED_BOX.match(text) or _PLACEHOLDER.search(text) or _FORMULA.search(text)
          or text.startswith(("※", "*", "注")) or _YEAR_WORD.match(text) or not _WORDY.search(text) or text.endswith("。")):
        cell.kind = "skip"
    elif len(key) <= 12 and (role := header_words().role_of(text)) is not None and not holds_a_name(text):
        cell.kind = "opener" if role == "name" else "skip"
    return cell


MAX_CELL = 48  # characters of a label with its glued figure, or of a sentence of the grammar
SHORT_CELL = 20  # characters of a label with its year and brackets
_SENTENCE_START = frozenset("0123456789約△▲明大昭平令HRS元")  # the first character of a sentence of the grammar


@cache
def _quick() -> re.Pattern[str]:
    """A cheap test for a cell that may be a label: it holds a role word."""
    words = sorted(set(header_words().words(*figure_words()["labels"]["roles"])), key=lambda w: (-len(w), w))  # the same in every run
    return re.compile("|".join(re.escape(fold_key(w)) for w in words))


@cache
def _may_hold() -> re.Pattern[str]:
    """What a line holds when one of its cells may be a label (a role word of ``_quick``) or a
    sentence of the grammar: the reading's own trigger (``triggers.labelled_figure``)."""
    return re.compile(labelled_figure())


@cache
def _boxed_label() -> re.Pattern[str]:
    """A role word in brackets glued to the figure after it (``【基準値】120区画``, ``（目標値）150区画``),
    maybe after a name or an arrow: read as a label with its figure (``基準値:120区画``)."""
    return re.compile(rf"\s*[→⇒]?\s*[【(（\[]({_quick().pattern})[】)）\]]\s*(?=[0-9△▲約])")


_GLUED_ARROW = re.compile(r"(?<=\S)[→⇒](?=\s)|(?<=\s)[→⇒](?=\S)")  # glued on one side only: a cell's edge


@cache
def _name_colon_label() -> re.Pattern[str]:
    """A colon between a name and a role word standing alone after it (``手続数:現状 85件``)."""
    return re.compile(rf"(?<=[^\s:])[:：](?=(?:{_quick().pattern})(?:\s|$))")


_SPACED_ERA = re.compile(r"([(（](?:明治|大正|昭和|平成|令和|[HRS]))\s*(元|[0-9]{1,2})\s*(年度?)")
_PER = re.compile(r"^(?P<unit>[^\s/0-9]{1,4})/(?:年|月|日|週|回)$")
_ENDS_DIGIT = re.compile(r"[0-9]$")
_CLOSER = re.compile(r"^[)）]+$")
_CLOSING = frozenset(")）")  # what a _CLOSER match opens with
_DIGITS = frozenset("0123456789")  # what an _ENDS_DIGIT match ends with


def _unit_part(part: str) -> bool:
    """A cell that is only a unit (``人/日``, ``件``, ``回/年``): a unit the extractor printed apart from its figure."""
    units = value_units()
    return part in units or ((m := _PER.match(part)) is not None and m.group("unit") in units)


def _level_mark(key: str) -> bool:
    """A line that is a level word and its number (``目標 1``, ``目標 2 title``): a heading, not a label and its figure."""
    m = WORD_HEADING.match(key)
    parts = key.split(maxsplit=2)
    if m is None or parts[:2] != [m.group(1), m.group(2)] and parts[0] != m.group(1) + m.group(2):
        return False  # the number must stand apart from what follows (目標 1,500台, 目標1,500台 are figures; 基本目標2 題 a heading)
    rest = m.group(3)
    return not rest or len(key) <= 80 and _WORDY.search(rest) is not None and not _DIGITISH.match(rest) and not _label(rest.split()[0]) and not _unit_part(rest.split()[0])


def _parts(key: str) -> list[str]:
    """A line's cells at its spaces, an era year spaced inside its bracket (``(平成 26 年度)``), a unit
    printed apart after its figure (``4,300 人/日``) and a bracket closed after a space closed up."""
    parts: list[str] = []
    # each substitution only where the mark every match holds is printed (most lines hold none)
    bracket = "(" in key or "（" in key
    if bracket or "【" in key or "[" in key:
        key = _boxed_label().sub(r" \1:", key)
    if "→" in key or "⇒" in key:
        key = _GLUED_ARROW.sub(r" \g<0> ", key)
    if ":" in key or "：" in key:
        key = _name_colon_label().sub(" ", key)  # 名:現状 85件(R4)→ 目標 …: cells apart
    for part in (_SPACED_ERA.sub(r"\1\2\3", key) if bracket else key).split():
        if parts and (part[0] in _CLOSING and _CLOSER.match(part) or parts[-1][-1] in _DIGITS and _unit_part(part)):
            parts[-1] += part
        else:
            parts.append(part)
    return parts


def _cells(lines: list[Line]) -> list[_Cell]:
    """The document's cells, classified only near a cell that may be a label or a sentence (the rest is never read)."""
    if not any(_may_hold().search(line.key) for line in lines):
        return []  # no line holds a label's word or a sentence's: no cell would be read
    raw = [(part, line) for line in lines if not _level_mark(line.key) for part in _parts(line.key)]
    quick = _quick()
    lex = _lexicon()
    near = [k for k, (part, _) in enumerate(raw) if len(part) <= MAX_CELL
            and ((len(part) <= SHORT_CELL or ":" in part) and quick.search(part) and _label(part) is not None
                 or part[:1] in _SENTENCE_START and (lex.from_to.match(part) or lex.by_year.match(part)))]
    if not near:
        return []
    unit_word = frozenset(fold_key(w) for w in header_words().words("unit"))
    reach = 2 * lex.reach + 4
    far = _Cell("", raw[0][1], "skip")  # never read: one cell stands for all of them
    cells = [far] * len(raw)
    done = -1
    for k in near:
        for j in range(max(done + 1, k - reach), min(len(raw), k + reach + 1)):
            cells[j] = _classify(raw[j][0], raw[j][1], unit_word)
        done = max(done, min(len(raw) - 1, k + reach))
    return cells


def labelled_figure_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators printed as names and labelled figures among ``lines``, but those ``known``."""
    cells = _cells(lines)
    if not any(c.kind in ("label", "sentence") for c in cells):
        return []
    found = _read(cells)
    seen = {name_key(n) for n in known}
    rows: list[IndicatorRow] = []
    for item in found:
        row = _row(cells, item)
        if row is not None and name_key(row.name) not in seen and (row.baseline or row.target or row.actuals or item.words_only):
            seen.add(name_key(row.name))
            rows.append(row)
    return rows


def _read(cells: list[_Cell]) -> list[_Found]:
    lex = _lexicon()
    found: list[_Found] = []
    context: dict[str, int] = {}  # role → the year a 【】 label gave it
    current: _Found | None = None
    i = 0
    while i < len(cells):
        cell = cells[i]
        if cell.kind == "sentence":
            current = None
            item = _sentence(cell)
            if item is not None:
                item.start = item.end = i
                cell.used = True
                found.append(item)
            i += 1
            continue
        if cell.kind == "word" and (titled := _titled_year(cell.text)) is not None:
            context[titled[0]] = titled[1]  # 令和6年度の目標案及び取組計画: the year of the targets that follow
        if cell.kind != "label" or cell.used:
            i += 1
            continue
        run = [i]  # labels side by side (a label with its figure glued on stands alone)
        j = i + 1
        while j < len(cells) and cell.value is None and cells[j].kind == "label" and cells[j].value is None and len(run) < 6:
            run.append(j)
            j += 1
        taken = _take(cells, run, context)
        if not taken:
            if cell.text.startswith("【") and cell.year is not None and cell.value is None and len(run) == 1:
                context[cell.role or ""] = cell.year
            elif (cell.value is not None and len(run) == 1 and cell.role in ("baseline", "target")
                  and parse_quantity(cell.value).kind == "empty"):
                # 基準値：－ : the label's figure is not known, yet the label opens the item the next labels fill
                if current is None or cell.role in current.roles or i - current.end > lex.reach:
                    current = _Found(i, i)
                    found.append(current)
                current.roles[cell.role] = (cell.value, None, origin_of(cell.line))
                current.end = max(current.end, i)
                cell.used = True
            elif cell.value is not None and len(run) == 1 and not _figure_cell(cell.value) and cell.role == "target":
                if current is None or current.end < i - lex.reach or "target" in current.roles:
                    current = _Found(i, i)
                    found.append(current)
                current.words_only = True
            i = j
            continue
        for k, (role, figure, year, at) in zip(run, taken):
            if role is None:
                continue
            if current is None or role in current.roles or min(k, at) - current.end > lex.reach:
                current = _Found(min(k, at), max(k, at))
                found.append(current)
            current.start, current.end = min(current.start, k, at), max(current.end, k, at)
            if role == "actual":
                if year is not None:
                    current.actuals.append((year, figure, origin_of(cells[at].line)))
                current.roles.setdefault("actual", (figure, year, origin_of(cells[at].line)))
            else:
                current.roles[role] = (figure, year, origin_of(cells[at].line))
        if current is not None and "baseline" not in current.roles and "target" in current.roles:
            _dated_baseline(cells, current)
        i = max(j, max(at for _, _, _, at in taken) + 1)
    return found


_TITLE_JOINED = ("及び", "及", "並びに", "と", "・", "(", "（")


def _titled_year(text: str) -> tuple[str, int] | None:
    """(role, year) of a title opening with a year, の and a role word, then nothing or a joined word
    (``令和6年度の目標案及び取組計画``); a title of one subject (``…の目標`` run into another word) names none."""
    lex = _lexicon()
    y = _YEAR_HEAD.match(text)
    if y is None or not text[y.end():].startswith("の"):
        return None
    rest = fold_key(text[y.end() + 1:])
    for word in sorted(lex.label_words, key=len, reverse=True):
        if rest.startswith(word) and (rest == word or rest[len(word):].startswith(_TITLE_JOINED)):
            year = parse_year(y.group("year"))
            return (lex.label_words[word], year) if year is not None else None
    return None


def _dated_baseline(cells: list[_Cell], item: _Found) -> None:
    """A figure with its year in brackets and no label, printed right before the item, earlier than its target: the baseline."""
    target_year = item.roles["target"][1]
    k = item.start - 1
    if target_year is None or k < 0 or cells[k].kind != "figure" or cells[k].used:
        return
    got = _figure_cell(cells[k].text)
    if got is not None and got[1] is not None and got[1] < target_year:
        cells[k].used = True
        item.roles["baseline"] = (got[0], got[1], origin_of(cells[k].line))
        item.start = k


def _take(cells: list[_Cell], run: list[int], context: dict[str, int]) -> list[tuple[str | None, str, int | None, int]]:
    """The figures the labels at ``run`` take: (role, figure, year, index of the figure's cell)."""
    lex = _lexicon()
    first = cells[run[0]]
    if len(run) == 1 and first.value is not None:
        got = _figure_cell(first.value)
        if got is None:
            return []
        first.used = True
        return [(first.role, got[0], got[1] or first.year or context.get(first.role or ""), run[0])]
    out: list[tuple[str | None, str, int | None, int]] = []
    k = run[-1] + 1
    year_after: int | None = None
    while k < len(cells) and len(out) < len(run) and k - run[-1] <= lex.reach:
        cell = cells[k]
        if cell.kind in ("label", "sentence") or cell.used:
            break
        if cell.kind == "year" and not out and len(run) == 1 and k == run[-1] + 1:
            year_after = cell.year
        elif cell.kind == "word" and len(run) == 1:
            break  # a lone label's figure follows it, maybe after its year
        elif cell.kind == "figure":
            figure, year = _figure_cell(cell.text)  # type: ignore[misc]
            if year is None and k + 1 < len(cells) and cells[k + 1].kind == "year" and cells[k + 1].text.startswith("("):
                year = cells[k + 1].year  # 88.2% / (令和2年度): the year printed after the figure
            label = cells[run[len(out)]]
            out.append((label.role, figure, year or label.year or year_after or context.get(label.role or ""), k))
            cell.used = True
        elif cell.kind == "opener" and out:
            break
        k += 1
    if len(out) == len(run) and not _more(cells, out[-1][3]):
        for at in run:
            cells[at].used = True
        return out
    for _, _, _, at in out:
        cells[at].used = False
    if len(run) == 1 and run[0] > 0 and (before := cells[run[0] - 1]).kind == "figure" and not before.used:
        figure, year = _figure_cell(before.text)  # type: ignore[misc]
        before.used = first.used = True
        return [(first.role, figure, year or first.year or context.get(first.role or ""), run[0] - 1)]
    return []


def _more(cells: list[_Cell], at: int) -> bool:
    """Whether another figure follows the one at ``at`` (after its year, maybe): a table's row, not a labelled figure."""
    k = at + 1
    if k < len(cells) and cells[k].kind == "year":
        k += 1
    return k < len(cells) and cells[k].kind == "figure" and not cells[k].used


def _sentence(cell: _Cell) -> _Found | None:
    lex = _lexicon()
    origin = origin_of(cell.line)
    if (m := lex.from_to.match(cell.text)) is not None:
        a = _figure_cell(m.group("a") + (m.group("ay") or ""))
        b = _figure_cell(m.group("b") + (m.group("by") or ""))
        if a is None or b is None:
            return None
        return _Found(0, 0, {"baseline": (a[0], a[1], origin), "target": (b[0], b[1], origin)},
                      direction=lex.directions[m.group("dir")])
    if (m := lex.by_year.match(cell.text)) is not None and _is_figure(lex.prefix.sub("", m.group("b"))):
        year = parse_year(m.group("y"))
        if year is None:
            return None
        return _Found(0, 0, {"target": (m.group("b"), year, origin)})
    return None


def _row(cells: list[_Cell], item: _Found) -> IndicatorRow | None:
    name, unit, at = _inside(cells, item) or _before(cells, item) or _heading(cells, item) or (None, None, None)
    if name is None:
        return None
    lex = _lexicon()
    direction = item.direction
    for tail, d in lex.tails:
        if name.endswith(tail) and len(name) - len(tail) >= lex.min_name:
            name, direction = name[: -len(tail)], direction or d
            break
    if not item.roles and not (item.words_only and at is not None and cells[at].kind == "opener"):
        return None
    row = IndicatorRow(name="", origin=origin_of(cells[at].line) if at is not None else None)
    set_name(name, row)
    if not row.name or len(row.name) < lex.min_name:
        return None
    row.unit = row.unit or unit
    for role in ("baseline", "interim", "target"):
        if role in item.roles:
            figure, year, origin = item.roles[role]
            put_value(row, role, year, figure, origin=origin)
    for year, figure, origin in item.actuals:
        put_value(row, "actual", year, figure, origin=origin)
    if not (row.baseline or row.target or row.interim or row.actuals or item.words_only):
        return None
    row.direction = direction
    infer(row)
    return row


def _name_run(cells: list[_Cell], stop: int, start: int) -> tuple[str, str | None, int] | None:
    """The name run ending nearest ``stop`` (exclusive) going back to ``start``: (name, unit, first cell)."""
    lex = _lexicon()
    k = stop - 1
    while k >= start and cells[k].kind == "skip":
        k -= 1
    if k < start:
        return None
    if cells[k].kind == "opener" and _named(cells[k]):
        return _joined([cells[k].name], cells, k, k)  # type: ignore[list-item]
    if cells[k].kind != "word" or cells[k].used:
        return None
    end = k
    while k - 1 >= start and cells[k - 1].kind == "word" and not cells[k - 1].used:
        k -= 1
    pieces = [c.text for c in cells[k: end + 1]]
    if k - 1 >= start and cells[k - 1].kind == "opener" and _named(cells[k - 1]):
        pieces.insert(0, cells[k - 1].name)  # type: ignore[arg-type]
        k -= 1
    unit_header = any(c.kind == "unit_header" for c in cells[max(0, k - lex.reach): min(len(cells), end + lex.reach)])
    return _joined(pieces, cells, k, end, unit_header)


def _named(cell: _Cell) -> bool:
    """An opener with a name glued to its mark (<1>名前), not a placeholder."""
    return bool(cell.name) and _WORDY.search(cell.name or "") is not None and not _PLACEHOLDER.search(cell.name or "")


def _joined(pieces: list[str], cells: list[_Cell], first: int, last: int, unit_header: bool = False) -> tuple[str, str | None, int] | None:
    lex = _lexicon()
    unit = None
    tail = pieces[-1]
    if (len(pieces) > 1 and "(" not in tail and ")" not in tail
            and (fold_key(tail) in value_units() or unit_header and len(tail) <= lex.unit_chars)):
        unit, pieces = tail, pieces[:-1]
    lines = [c.line.index for c in cells[first: last + 1] if c.kind in ("word", "opener")]
    while len(pieces) > 1 and not _broken(pieces[-2], pieces[-1], len(set(lines[-2:])) > 1):
        pieces, lines = pieces[1:], lines[1:]  # a whole name before this one: another cell, not a piece
    name = pieces[0]
    for piece in pieces[1:]:
        name += piece if _CJK_END.search(name) and _CJK_START.search(piece) else " " + piece
    if not lex.min_name <= len(name) <= lex.max_name or name.count("(") != name.count(")"):
        return None
    return name, unit, first


_QUALIFIER = re.compile(r"^[(（][^()（）]{1,20}[)）]$")


def _broken(head: str, piece: str, apart: bool) -> bool:
    """Whether ``piece`` finishes ``head`` (a name broken by a space or a line), rather than follow a name of its own."""
    if len(piece) <= _lexicon().broken_piece or _QUALIFIER.match(piece):
        return True  # a short tail, or a bracketed qualifier (``(JR線)``) printed apart from its name
    return apart and not fold_key(head).endswith(name_endings())


def _inside(cells: list[_Cell], item: _Found) -> tuple[str, str | None, int] | None:
    if item.end - item.start < 2:
        return None
    k = item.end
    while k > item.start:
        got = _name_run(cells, k, item.start + 1)
        if got is not None:
            return got
        k -= 1
    return None


def _before(cells: list[_Cell], item: _Found) -> tuple[str, str | None, int] | None:
    lex = _lexicon()
    low = max(0, item.start - lex.reach)
    k = item.start
    while k > low and cells[k - 1].kind in ("skip", "label", "unit_header", "year") and not cells[k - 1].used:
        k -= 1
    return _name_run(cells, k, low)


def _heading(cells: list[_Cell], item: _Found) -> tuple[str, str | None, int] | None:
    """The name after the nearest name header before the item (指標12 名前), when nothing nearer names it."""
    lex = _lexicon()
    for k in range(item.start - 1, max(-1, item.start - 2 * lex.reach), -1):
        cell = cells[k]
        if cell.used or cell.kind in ("label", "sentence"):
            return None
        if cell.kind == "opener" and cell.name is None and k + 1 < item.start and cells[k + 1].kind == "word":
            end = k + 1
            while end + 1 < item.start and cells[end + 1].kind == "word" and cells[end + 1].line is cell.line:
                end += 1
            return _joined([c.text for c in cells[k + 1: end + 1]], cells, k + 1, end)
    return None
