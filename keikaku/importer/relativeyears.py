"""Columns headed by a year counted from the year a sheet reports on (前年度, 今年度 before 実績).

An evaluation sheet states once the fiscal year it reports on (``評価対象年度：令和5年度``) and
heads its actual columns by words counted from it (``前年度`` and ``今年度`` before 実績). Before lines are
read, such a word right before a value word of ``headers.toml`` (実績, 目標 …) is replaced by the
year it names (``2022年度実績``, ``2023年度実績``), so the column is dated as any header naming its
year. The stated words and the relative words with their offsets are ``[relative_years]`` of
``headers.toml``. A document stating no year, or two different ones, is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from keikaku.importer.lexicon import VALUE_ROLES, header_words, relative_years, words_pattern
from keikaku.importer.records import RawDocument
from keikaku.importer.values import parse_year_in

_STATED_GAP = 3  # characters (：, a space) between the stated word and its year


def _stated_year(doc: RawDocument) -> int | None:
    stated, _ = relative_years()
    pattern = re.compile(rf"(?:{'|'.join(map(re.escape, stated))})[\s:：]{{0,{_STATED_GAP}}}(\S+?年度)")
    years = set()
    for line in doc.lines:
        for m in pattern.finditer(line.text):
            _, year = parse_year_in(m.group(1))
            if year is not None:
                years.add(year)
    return years.pop() if len(years) == 1 else None


def date_relative_columns(doc: RawDocument) -> RawDocument:
    """``doc`` with every header word counted from the stated year replaced by the year it names."""
    year = _stated_year(doc)
    if year is None:
        return doc
    _, words = relative_years()
    values = words_pattern(header_words().words(*VALUE_ROLES))
    pattern = re.compile(rf"({'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})(?=(?:{values}))")
    lines = list(doc.lines)
    changed = False
    for i, line in enumerate(lines):
        text = pattern.sub(lambda m: f"{year + words[m.group(1)]}年度", line.text)
        if text != line.text:
            lines[i] = replace(line, text=text)
            changed = True
    return replace(doc, lines=lines) if changed else doc
