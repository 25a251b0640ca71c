"""What an Excel number format prints around a number: its quoted text, and era years of dates.

A city's workbook often keeps the words of a cell in its format rather than in the cell: a count
typed as 1870 in ``#,##0"人"`` shows ``1,870人``, a fiscal year typed as 3 in ``"令和"0"年度"`` shows
``令和3年度``, and a date in ``[$-411]ggge"年度"`` (its era and the year in that era) shows
``令和3年度``. The reader reads a cell as Excel shows it, so those words are part of its text. The
digits keep the reader's plain form (no thousands commas); a ``%`` in the format is left to the
percent flag (``xlsx.percent_format``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_SECTION = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|_.|\*.|([^"\\\[_*]+)')  # literal | escape | [..] | padding | codes
_DIGIT_CODES = re.compile(r"[0#?]")
_ERA_CODES = re.compile(r"(g{1,3})|(e{1,2})", re.IGNORECASE)
_DATE_CODES = re.compile(r"[dmyhsabn]", re.IGNORECASE)  # any other date or time part: not an era year alone
_EXCEL_EPOCH = date(1899, 12, 30)
_ERAS = ((date(2019, 5, 1), "令和", "R"), (date(1989, 1, 8), "平成", "H"), (date(1926, 12, 25), "昭和", "S"),
         (date(1912, 7, 30), "大正", "T"), (date(1868, 1, 25), "明治", "M"))


def _pieces(number_format: str) -> list[tuple[str, str]]:
    """The first section of a format as (kind, text) pieces: ``text`` (quoted or escaped) and ``code``."""
    section = number_format.split(";")[0]
    out: list[tuple[str, str]] = []
    for match in _SECTION.finditer(section):
        quoted, escaped, codes = match.groups()
        if quoted is not None or escaped is not None:
            out.append(("text", quoted if quoted is not None else escaped))
        elif codes is not None:
            out.append(("code", codes))
    return out


def with_format_text(number: str, number_format: str | None) -> str:
    """``number`` (the digits as the reader prints them) with the text its format prints before and
    after the number; unchanged when the format prints none (``%`` aside)."""
    pieces = _pieces(number_format or "")
    codes = [k for k, (kind, text) in enumerate(pieces) if kind == "code" and _DIGIT_CODES.search(text)]
    if not codes:
        return number
    before = "".join(text for kind, text in pieces[:codes[0]] if kind == "text").replace("%", "")
    after = "".join(text for kind, text in pieces[codes[-1] + 1:] if kind == "text").replace("%", "")
    return f"{before.strip()}{number}{after.strip()}"


def date_year_text(day: date, number_format: str | None) -> str | None:
    """A date (a cell the workbook keeps as a date) in a format that prints only its year, in the era
    (``ggge"年度"``) or in full (``yyyy"年度"``), as Excel prints it; None for any other format."""
    serial = (date(day.year, day.month, day.day) - _EXCEL_EPOCH).days
    return era_year_text(serial, number_format) or year_date_text(day, number_format)


def year_date_text(day: date, number_format: str | None) -> str | None:
    """A date in a format that prints only its four-digit year among words (``yyyy"年度"``, ``yyyy"年"``)
    as Excel prints it (``2021年度``); None for any other format (one with a month or a day)."""
    pieces = _pieces(number_format or "")
    codes = "".join(text for kind, text in pieces if kind == "code").strip()
    if codes.lower() != "yyyy":
        return None
    return "".join(text if kind == "text" else f"{day.year:04d}" if text.strip() else text
                   for kind, text in pieces).strip()


def era_year_text(serial: float, number_format: str | None) -> str | None:
    """A date serial in a format that prints only its era and year in that era (``ggge"年度"``, ``gge年``)
    as Excel prints it (``令和3年度``, ``R3年``); None for any other format."""
    pieces = _pieces(number_format or "")
    codes = "".join(text for kind, text in pieces if kind == "code")
    if not _ERA_CODES.search(codes) or _DATE_CODES.search(_ERA_CODES.sub("", codes)) or _DIGIT_CODES.search(codes):
        return None
    if not 1 <= serial < 2_958_466:  # Excel's dates: 1900-01-01 to 9999-12-31
        return None
    day = _EXCEL_EPOCH + timedelta(days=int(serial))
    start, name, letter = next((era for era in _ERAS if day >= era[0]), _ERAS[-1])
    out = []
    for kind, text in pieces:
        if kind == "text":
            out.append(text)
            continue
        for match in re.finditer(r"g{1,3}|e{1,2}|[^ge]+", text, re.IGNORECASE):
            code = match.group(0).lower()
            if code.startswith("g"):
                out.append((letter, name[0], name)[len(code) - 1])
            elif code.startswith("e"):
                out.append(str(day.year - start.year + 1))
            else:
                out.append(code.strip())
    return "".join(out).strip()
