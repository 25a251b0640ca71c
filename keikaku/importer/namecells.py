"""Which cells of an indicator table's row name the indicator, and what a header cell spanning two years dates.

- A header of real cells (tabs, pipes) may print cells before its indicator column
  (``分野 | 数値目標 | 目標値…``): the rows' cells under them are not the name.
- A header cell naming two dated values (``目標値(令和2年度現状値から令和7年度目標値)``) dates the
  ``X から Y へ`` pairs of its column: X of the first year, Y of the second.
- A name gathered from the lines before a row's figures starts after the last placeholder line
  (〔本文〕, the prose of another column), and leaves out a measure's title printed right before a
  cell that is a whole name by itself (``健康づくりの推進`` / ``特定健康診査の受診率``).
"""

from __future__ import annotations

import re
from functools import cache

from keikaku.importer.lexicon import fold_key, header_words, name_endings, structure, title_endings
from keikaku.importer.normalize import Line
from keikaku.importer.values import parse_year, parse_year_in
from keikaku.importer.width import fold

_PLACEHOLDER_LINE = re.compile(r"[◎○●・■□◆◇\s]*〔[^〔〕]*〕[\s]*")
_PARTICLE_OPENING = ("の", "に", "を", "が", "と", "へ", "で", "や", "は", "(", "（", ")", "）")


def cells_before_name(header: Line) -> int:
    """How many real cells of a header line stand before its indicator column; 0 when it has no real
    cells or names no such column."""
    if header.cells:
        cells = list(header.cells)
    elif "|" in header.key:
        cells = [c.strip() for c in header.key.strip("|").split("|")]
    else:
        return 0
    roles = [header_words().role_of(parse_year_in(c)[0]) for c in cells]
    return roles.index("name") if "name" in roles else 0


_YEAR = re.compile(r"(?:明治|大正|昭和|平成|令和)\s*(?:元|[0-9]{1,2})\s*年|[HR]\.?\s*(?:元|[0-9]{1,2})(?![0-9])|[0-9]{4}\s*年")


def to_year(cell: str, year: int | None, era: str | None) -> int | None:
    """The second year of a header cell naming a span of two dated values (``令和2年度現状値から令和7年度目標値``)."""
    at = cell.find("から")
    m = _YEAR.search(cell, at + 2) if year is not None and at >= 0 else None
    later = parse_year(m.group(0).replace(" ", ""), default_era=era) if m else None
    return later if later is not None and later > year else None


def _whole_name(piece: str) -> bool:
    key = fold_key(piece)
    return len(key) >= 4 and key.endswith(name_endings()) and not key.startswith(_PARTICLE_OPENING)


def after_placeholder(pieces: list[str]) -> list[str]:
    """The pieces after the last placeholder (〔本文〕, maybe bulleted) when any follow it."""
    marks = [i for i, p in enumerate(pieces) if _PLACEHOLDER_LINE.fullmatch(p)]
    return pieces[marks[-1] + 1:] if marks and marks[-1] < len(pieces) - 1 else pieces


def without_title(pieces: list[str]) -> list[str]:
    """The last piece alone when it is a whole name and the pieces before it a measure's title (…の充実)."""
    if len(pieces) > 1 and _whole_name(pieces[-1]):
        head = fold_key("".join(pieces[:-1]))
        if any(head.endswith("の" + w) for w in title_endings()):
            return pieces[-1:]
    return pieces


def joined_name(pieces: list[str]) -> str:
    """A row's name from the pieces printed before its figures, one per line."""
    return "".join(without_title(after_heading(after_placeholder([p for p in pieces if p.strip()]))))


@cache
def _heading() -> re.Pattern[str]:
    lex = structure()
    return re.compile(rf"^(?:{lex.level_pattern()})\s*(?:{lex.number_pattern()})[\s.．、:：]+\S")


_NUMBERED_TITLE = re.compile(r"^[(（][0-9０-９]{1,2}[)）]\s*\S.*$")


def after_heading(pieces: list[str]) -> list[str]:
    """The pieces after a plan node's heading (``基本目標２ …``) printed inside the table between two rows;
    or after a group's numbered title (``（２）休養``) whose words end as a title does (not mid-phrase, as
    ``(2) 地域の見守り活動に`` does) when the row's own line is a whole name (…の割合)."""
    if len(pieces) < 2:
        return pieces
    whole = _whole_name(pieces[-1])
    marks = [i for i, p in enumerate(pieces) if _heading().match(fold(p)) or (
        whole and _NUMBERED_TITLE.match(p.strip()) and not p.strip().endswith(_PARTICLE_OPENING + ("、", "・")))]
    return pieces[marks[-1] + 1:] if marks and marks[-1] < len(pieces) - 1 else pieces


_NOTE_IN_NAME = re.compile(r"\s*[(（]\s*(?:注|※)\s*[0-9]*\s*[:：]?\s*([^()（）]+)[)）]\s*")


def note_out(name: str, notes: list[str]) -> str:
    """A name without the note printed in brackets inside it (資料の購入冊数(注:寄贈分を除く)); the note joins ``notes``."""
    m = _NOTE_IN_NAME.search(name)
    if m is None or not (rest := (name[:m.start()] + name[m.end():]).strip()):
        return name
    notes.append(m.group(1).strip())
    return rest
