"""Years in a one-line header with the words of their columns in brackets on the line under it.

A financial plan prints its table's columns as years, and says under each year which figure it is::

    財政指標 令和 5年度 令和 11年度
    （決算） （目標）
    公債費の比率 12.8％ 11.0％以下

A line that opens with a name word of ``headers.toml`` and holds nothing else but two years or
more, followed by a line of as many bracketed words, each a value word (現状, 実績, 目標 …) or a
result word (``[year_words]``: 決算), becomes one header: each word with its year in brackets
(``決算(令和5年度)``). A result column is an actual; when no column is a baseline, the first actual
column is the table's baseline (the year the plan starts from).
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import _load, fold_key, header_words
from keikaku.importer.normalize import Line, make_line
from keikaku.importer.values import ERA

_YEAR = re.compile(rf"(?:{ERA})\s*(?:元|\d{{1,2}})\s*年度?|(?:19|20)\d{{2}}\s*年度?|[RH](?:元|\d{{1,2}})\s*年度?")
_WORDS = re.compile(r"^(?:[(（][^()（）\s]{1,8}[)）]\s*){2,}$")
_WORD = re.compile(r"[(（]([^()（）\s]{1,8})[)）]")


@cache
def _results() -> frozenset[str]:
    return frozenset(fold_key(w) for w in _load("headers.toml").get("year_words", {}).get("result", ()))


def _years(key: str) -> tuple[str, list[str]] | None:
    """(name cell, years) of a header line holding a name word and years only."""
    first = _YEAR.search(key)
    if first is None or header_words().role_of(key[:first.start()].strip()) != "name":
        return None
    rest = key[first.start():]
    years = [m.group(0).replace(" ", "") for m in _YEAR.finditer(rest)]
    if len(years) < 2 or _YEAR.sub("", rest).strip():
        return None
    return key[:first.start()].strip(), years


def _role(word: str) -> str | None:
    return "actual" if fold_key(word) in _results() else header_words().role_of(word)


def join_year_words(lines: list[Line]) -> list[Line]:
    """``lines`` with each header of years and the bracketed words under it joined into one header."""
    out: list[Line] = []
    k = 0
    while k < len(lines):
        line = lines[k]
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        found = _years(line.key) if nxt is not None and not line.cells and line.grid is None else None
        if found is None or not _WORDS.match(nxt.key.strip()):
            out.append(line)
            k += 1
            continue
        words = _WORD.findall(nxt.key)
        roles = [_role(w) for w in words]
        name, years = found
        if len(words) != len(years) or any(r not in ("baseline", "actual", "target", "interim") for r in roles):
            out.append(line)
            k += 1
            continue
        if "baseline" not in roles and "actual" in roles:
            roles[roles.index("actual")] = "baseline"
        cells = [("基準値" if r == "baseline" else "実績値" if r == "actual" else w) + f"({y})"
                 for w, r, y in zip(words, roles, years)]
        out.append(make_line(" ".join([name, *cells]), line.index, line.page, source=line.source))
        k += 2
    return out
