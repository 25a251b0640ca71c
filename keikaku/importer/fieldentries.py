"""Indicators described one by one in numbered fields whose titles a legend gives once.

A plan's page explaining its indicators prints a legend of circled field numbers and their titles
once (``①指標が表すもの ②目標設定理由 ③算出方法 ④参考値``), then each indicator as its name
followed by the same circled numbers with their texts; spaces added here for reading:

    ①指標が表すもの ②目標設定理由 ③算出方法 NAME ①〔本文〕 ②〔本文〕 ③… NAME (qualifier) ①…

The name is the text right before each entry's ①: the last space-separated piece, a bracketed
qualifier after it (spaces inside the brackets too) and a piece ending with の before it (a name the
page wrapped) joined. The legend counts three fields or more in order, each a short title, one of
them naming an indicator or a value (指標, a header word). The figures of the fields (a formula, a
reference value of other cities) are no values of the indicator: each entry gives a name only.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import fold_key, header_words
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, set_name

MAX_TITLE = 30  # characters of a legend's field title
MAX_NAME = 40
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_FIELD = re.compile(rf"[{_CIRCLED}]")
_WORDY = re.compile(r"[\u3040-\u30ff\u4e00-\u9fffA-Za-z]")


def _legend(text: str) -> int | None:
    """Where the legend ends in ``text`` (the fields ①, ②, ③ … in order with short titles), else None."""
    marks = [(m.start(), m.group()) for m in _FIELD.finditer(text)]
    for k, (at, mark) in enumerate(marks):
        if mark != "①":
            continue
        run = [at]
        for nxt, nmark in marks[k + 1:]:
            if _CIRCLED.index(nmark) != len(run) or nxt - run[-1] > MAX_TITLE + 1:
                break
            run.append(nxt)
        if len(run) < 3:
            continue
        titles = [text[a + 1:b].strip() for a, b in zip(run, run[1:])]
        last = text[run[-1] + 1:].split(" ")[0]
        titles.append(last[:MAX_TITLE])
        if any(t.startswith("〔") or not _WORDY.search(t) for t in titles):
            continue  # an entry's texts, not titles
        if not any("指標" in t or header_words().role_of(t) is not None for t in titles):
            continue
        return run[-1] + 1 + len(last)
    return None


def _name_before(text: str) -> str | None:
    """The name printed right before an entry's ① at the end of ``text``."""
    pieces = text.split()
    if not pieces:
        return None
    k = len(pieces) - 1
    if pieces[k].endswith((")", "）")) and not re.search(r"[(（]", pieces[k]):
        while k > 0 and not re.search(r"[(（]", pieces[k]):
            k -= 1  # a bracketed qualifier with spaces inside
    if k > 0 and re.match(r"^[(（]", pieces[k]):
        k -= 1  # the name before its qualifier
    while k > 0 and pieces[k - 1].endswith("の") and not _FIELD.search(pieces[k - 1]):
        k -= 1  # a name the page wrapped after の
    name = "".join(pieces[k:])
    if not _WORDY.match(name) or len(name) > MAX_NAME or _FIELD.search(name) or name.startswith("〔"):
        return None
    return name


def field_entry_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators named before the ① of each entry after a legend of numbered fields, but those ``known``."""
    taken = {fold_key(n) for n in known}
    rows: list[IndicatorRow] = []
    for line in lines:
        text = line.text
        if "①" not in text or (end := _legend(text)) is None:
            continue
        starts = [m.start() for m in re.finditer("①", text) if m.start() >= end]
        prev = end
        for at in starts:
            name = _name_before(text[prev:at])
            prev = at + 1
            if name is None:
                continue
            row = IndicatorRow(name="", origin=origin_of(line))
            set_name(name, row)
            if row.name and fold_key(row.name) not in taken and header_words().role_of(row.name) is None:
                taken.add(fold_key(row.name))
                rows.append(row)
    return rows
