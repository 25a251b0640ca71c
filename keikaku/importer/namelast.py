"""Indicator blocks printed bottom-up, their name last: evaluation sheets that an extractor ran
onto one line (glued or spaced) starting from the bottom row of each indicator's box.

Each block reads, in order: a run of header years (H26 H27 H28 …, maybe glued to each other and to
the figure after them), the target figure, a definition (説明 …) and a rate row (達成率 with its
percentages), the rest of the years, a label pair — a plan or target word, then an actual word
(目標 実績, 計画 実績, 見込 実績) —, the actual figures, and only then a name word (指標名称, maybe after
a kind word such as 成果指標) and the name, its unit in brackets (〇〇数(人)). The actuals fill
the header's years from the first one; a lone figure before the definition is the target when
the label's first word is a target word (見込, an estimate, is not), and when the block prints
rates the first rate must be the first actual over that target. Figures glued together
(31,86231,824) are cut where every piece is a well-formed figure, as many pieces as rates when
rates are printed; a cut that is not unique is refused.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import header_words, words_pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year
from keikaku.importer.known import NewRows

_FIGURE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_PIECE = re.compile(rf"(?:{_FIGURE})")
_GLUED_PIECE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|[1-9]\d{0,2}(?:\.\d{1,2})?|0(?:\.\d{1,2})?")
_RUN = re.compile(r"[△▲]?\d[\d,.\s]*")
_RATE = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_YEAR_AT = re.compile(r"([HRS])\s?(\d{1,2})|(元)")
_NAME_END = re.compile(r"年\s*度|\s[HRS]\d|[HRS]\d{2}|〔|【|$")
_GAP = 16  # at most this many characters between the actuals and the name word


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = header_words()
    first = [w for w in lex.words("target", "actual") if len(w) <= 3] + ["計画"]
    actual = [w for w in lex.words("actual") if len(w) <= 3]
    label = re.compile(rf"({words_pattern(first)})\s*({words_pattern(actual)})\s*(?=[△▲]?\d)")
    name = re.compile(words_pattern(list(lex.words("name"))))
    rate = re.compile(words_pattern(list(lex.words("rate"))))
    definition = re.compile(words_pattern(list(lex.words("definition"))))
    return label, name, rate, definition


def name_last_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The indicators of blocks whose name is printed after their figures, but those ``known``."""
    kept = NewRows(known)
    for line in lines:
        if len(line.key) < 40:
            continue
        for row in _blocks(line):
            if kept.add(row):
                infer(row)
    return kept.rows




def _blocks(line: Line) -> list[IndicatorRow]:
    label_re, name_re, rate_re, def_re = _patterns()
    t = line.key
    out: list[IndicatorRow] = []
    start = 0
    for m in label_re.finditer(t):
        if m.start() < start:
            continue
        run = _RUN.match(t, m.end())
        if run is None:
            continue
        # the name word, within a short gap after the figures; the name after the last such word
        gap_at = run.end()
        words = [w for w in name_re.finditer(t, gap_at, min(len(t), gap_at + _GAP))]
        words = [w for w in words if not re.search(r"\d", t[gap_at:w.start()])]
        if not words:
            continue
        name_at = words[-1].end()
        end = _NAME_END.search(t, name_at)
        name = t[name_at:end.start() if end else len(t)].strip(" (")
        if not name or len(name) > 40 or re.fullmatch(r"[\d\W]*", name):
            continue
        block = t[start:m.start()]
        row = _read(block, m, run.group(0), name, rate_re, def_re)
        start = end.start() if end else len(t)
        if row is not None:
            row.origin = origin_of(line)
            out.append(row)
    return out


def _years(text: str) -> list[tuple[int, int, int]]:
    """Runs of consecutive header years (first year, count, end offset), glued or spaced."""
    runs: list[tuple[int, int, int]] = []
    i = 0
    while i < len(text):
        m = _YEAR_AT.match(text, i)
        if m is None or not m.group(1):
            i += 1
            continue
        era, digits = m.group(1), m.group(2)
        first = None
        for n in (2, 1):  # a glued first year: two digits unless another year follows one
            if len(digits) >= n and (n == 1 or len(digits) == 2):
                y = parse_year(f"{era}{digits[:n]}")
                if y is not None:
                    first, j = y, m.start(2) + n
                    break
        if first is None:
            i += 1
            continue
        count = 1
        while True:
            nxt = _next_year(text, j, first + count)
            if nxt is None:
                break
            j = nxt
            count += 1
        runs.append((first, count, j))
        i = j
    return runs


def _next_year(text: str, j: int, want: int) -> int | None:
    """Where a year equal to ``want`` printed at text[j:] (after spaces) ends, else None."""
    k = j
    while k < len(text) and text[k] == " ":
        k += 1
    m = re.match(r"([HRS])\s?(\d{1,2})", text[k:k + 4])
    if not m:
        return None
    for n in (1, 2):
        digits = m.group(2)[:n]
        if len(digits) == n and parse_year(f"{m.group(1)}{digits}") == want:
            return k + m.start(2) + n
    return None


def _cuts(run: str, count: int | None) -> list[list[str]]:
    """Every way to read a run of figures (spaced, or glued) as well-formed figures."""
    if " " in run.strip():
        tokens = run.split()
        return [tokens] if all(_PIECE.fullmatch(x.lstrip("△▲")) for x in tokens) and count in (None, len(tokens)) else []
    s = run.strip()
    found: list[list[str]] = []

    def walk(i: int, acc: list[str]) -> None:
        if len(found) > 50 or (count is not None and len(acc) > count):
            return
        if i == len(s):
            if count is None or len(acc) == count:
                found.append(list(acc))
            return
        for k in range(len(s), i, -1):
            piece = s[i:k]
            if _GLUED_PIECE.fullmatch(piece):
                if k < len(s) and s[k] in ",.":
                    continue
                walk(k, [*acc, piece])

    walk(0, [])
    if count is None and found:
        fewest = min(len(c) for c in found)
        found = [c for c in found if len(c) == fewest]
    return found


def _read(block: str, label: re.Match[str], run: str, name: str, rate_re: re.Pattern[str],
          def_re: re.Pattern[str]) -> IndicatorRow | None:
    years = _years(block)
    if not years:
        return None
    rate_at = None
    for rm in rate_re.finditer(block):
        rate_at = rm
    rates = [float(x) for x in _RATE.findall(block[rate_at.end():])] if rate_at else []
    head = block[:rate_at.start()] if rate_at else block
    head_years = [y for y in years if y[2] <= len(head)]
    if not head_years:
        head_years = years
    first, _, after = head_years[-1]
    stop = def_re.search(head, after) if after <= len(head) else None
    before_def = head[after:stop.start() if stop else len(head)] if after <= len(head) else ""
    targets = re.findall(rf"[△▲]?(?:{_FIGURE})", before_def)
    target = None
    if len(targets) == 1 and label.group(1) and header_words().role_of(label.group(1)) != "actual":
        target = targets[0]
    cuts = _cuts(run, len(rates) or None)
    if target is not None and rates and len(cuts) > 1:
        tv = parse_quantity(target).value
        cuts = [c for c in cuts if tv and abs(parse_quantity(c[0]).value / tv * 100 - rates[0]) < 0.15]
    if len(cuts) != 1:
        return None
    actuals = cuts[0]
    if target is not None and rates:
        tv, av = parse_quantity(target).value, parse_quantity(actuals[0]).value
        if not tv or abs(av / tv * 100 - rates[0]) >= 0.15:
            target = None  # a figure the rates do not confirm is not the target
    span = max(y + count for y, count, _ in years) - first
    if len(actuals) > span:
        return None
    row = IndicatorRow(name="")
    set_name(name, row)
    if not row.name:
        return None
    if target is not None:
        put_value(row, "target", None, target)
    for i, v in enumerate(actuals):
        put_value(row, "actual", first + i, v)
    return row
