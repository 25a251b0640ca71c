"""A table whose every figure is letter-spaced, one character per token, under letter-spaced years.

Some document-sharing sites give a PDF table's text with a space after every character of a
figure, the rows' figures run together::

    現状値 目標値
    1 5 年度 2 1 年度 2 5 年度 2 6 年度
    Ⅰ- 1 % 1 0 .7 1 2 .8 1 7 .7 2 0 ×
    女性 1 6 ,3 7 7 1 2 ,7 4 5 1 1 ,1 1 8 1 7 ,0 0 0 × 男性 9 ,4 4 4 …

The header is a line of years and nothing else, letter-spaced (``1 5 年度`` = 15年度, one at least;
a bare era year counts as the document's era, else as Heisei when one of them can only be
Heisei's, as ``impliedera`` reads bare years), under a line of role words (現状値 目標値; 実績値
may stand there too or elsewhere): the baseline word takes the first year, the target word the
last, every year between is an actual. A row is a label, then a run of figure tokens (a digit,
maybe after a decimal point or a thousands comma: ``1``, ``.7``, ``,3``) that splits into exactly
one figure per year, then maybe an achievement mark (``[spaced] mark`` of
``lexicon/patterns.toml``); a line may hold several rows. The run is split where every figure is
well formed (no leading zero, three digits after each comma, the same number of decimals in the
row) and the figures' integer parts differ least in length (a row measures one thing), then with
the fewest decimals; a run two splits fit equally well is not read. The label is the row's name;
when it opens with a row code (``[spaced] row_code``: Ⅰ- 1), the code is the name and the word
after it the unit.
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.impliedera import IMPLIED_FROM
from keikaku.importer.lexicon import header_words, pattern
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value
from keikaku.importer.values import find_era, parse_year

_SPACED_YEAR = re.compile(r"(?<!\S)([0-9]) ([0-9]) ?(?=年度|年(?!\S))")
_YEAR = re.compile(r"^([0-9]{1,2}|[0-9]{4})(年度|年)$")
_TOKEN = re.compile(r"^[.,]?[0-9]$")
_NUMBER = re.compile(r"^(?:0|[1-9][0-9]*|[1-9][0-9]{0,2}(?:,[0-9]{3})+)(?:\.([0-9]+))?$")
_ROLE_LINES = 3


def _years(line: Line) -> list[str] | None:
    """The years of a header line of years only, one of them at least letter-spaced."""
    if not _SPACED_YEAR.search(line.key):
        return None
    cells = _SPACED_YEAR.sub(r"\1\2", line.key).split()
    return cells if len(cells) >= 2 and all(_YEAR.match(c) for c in cells) else None


def _era(lines: list[Line], cells: list[str]) -> str | None:
    named = {e for ln in lines if (e := find_era(ln.key)) is not None}
    if len(named) == 1:
        return named.pop()
    bare = [int(_YEAR.match(c).group(1)) for c in cells]  # type: ignore[union-attr]
    return "平成" if not named and any(IMPLIED_FROM <= b < 100 for b in bare) else None


def _roles(lines: list[Line], h: int, n: int) -> list[str] | None:
    """The role of each of the ``n`` year columns, from the role words on a line above the years."""
    for line in lines[max(0, h - _ROLE_LINES):h][::-1]:
        roles = [header_words().role_of(c) for c in line.key.split()]
        if not roles or any(r not in ("baseline", "target", "actual") for r in roles):
            continue
        if len(roles) == n:
            return roles  # type: ignore[return-value]
        if "baseline" in roles and "target" in roles and roles.index("baseline") < roles.index("target"):
            return ["baseline", *["actual"] * (n - 2), "target"]
    return None


@cache
def _splits(tokens: tuple[str, ...], n: int) -> list[tuple[str, ...]]:
    """Every way to cut ``tokens`` into ``n`` well-formed figures."""
    if n == 0:
        return [()] if not tokens else []
    out = []
    for k in range(1, len(tokens) - n + 2):
        head = "".join(tokens[:k])
        if _NUMBER.match(head):
            out += [(head, *rest) for rest in _splits(tokens[k:], n - 1)]
    return out


def _split(tokens: list[str], n: int) -> list[str] | None:
    """The one best split of a run into ``n`` figures (see the module's doc), else None."""
    def fits(split: tuple[str, ...]) -> bool:
        places = {len(m.group(1)) for f in split if (m := _NUMBER.match(f)) and m.group(1)}
        return len(places) <= 1
    def cost(split: tuple[str, ...]) -> tuple[int, int]:
        widths = [len(f.split(".")[0].replace(",", "")) for f in split]
        return max(widths) - min(widths), max((len(f.split(".")[1]) for f in split if "." in f), default=0)
    good = [s for s in _splits(tuple(tokens), n) if fits(s)]
    if not good:
        return None
    best = min(cost(s) for s in good)
    chosen = [s for s in good if cost(s) == best]
    return list(chosen[0]) if len(chosen) == 1 else None


def _segments(tokens: list[str], n: int) -> list[tuple[list[str], list[str]]]:
    """(label, figures) of each row on a line's tokens."""
    mark = pattern("spaced", "mark")
    out: list[tuple[list[str], list[str]]] = []
    label: list[str] = []
    k = 0
    while k < len(tokens):
        if _TOKEN.match(tokens[k]):
            j = k
            while j < len(tokens) and _TOKEN.match(tokens[j]):
                j += 1
            figures = _split(tokens[k:j], n) if j - k > 1 or n == 1 else None
            if figures is not None and label:
                out.append((label, figures))
                label = []
            else:
                label += tokens[k:j]
            k = j
            continue
        if not (mark.match(tokens[k]) and not label):
            label.append(tokens[k])
        k += 1
    return out


def _name(label: list[str], row: IndicatorRow) -> None:
    code = pattern("spaced", "row_code")
    for k in range(1, len(label) + 1):
        if code.match("".join(label[:k])):
            row.name = "".join(label[:k])
            row.unit = " ".join(label[k:]) or None
            return
    row.name = "".join(label)


def spaced_figure_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """The rows of the first letter-spaced table on ``lines`` (see the module's doc), but those ``known``."""
    for h, line in enumerate(lines):
        cells = _years(line)
        if cells is None or (roles := _roles(lines, h, len(cells))) is None:
            continue
        era = _era(lines, cells)
        years = [parse_year(c, default_era=era) for c in cells]
        if any(y is None for y in years) or years != sorted(set(years)):  # type: ignore[type-var]
            continue
        rows: list[IndicatorRow] = []
        for body in lines[h + 1:]:
            for label, figures in _segments(body.key.split(), len(cells)):
                row = IndicatorRow(name="", origin=origin_of(body))
                _name(label, row)
                for role, year, cell in zip(roles, years, figures):
                    put_value(row, role, year, cell, origin=origin_of(body))
                infer(row)
                if row.name and row.name not in known:
                    rows.append(row)
        if rows:
            return rows
    return []
