"""Indicators introduced by a name word inside running lines, each followed by its value labels.

Text versions of plans (a table rewritten as one paragraph per page) print each indicator as
the name word, the name, then labels with their fiscal years and what follows them::

    施策2 … 指標 地域の清掃活動に参加した市民の割合(※1) 現状値(令和4年度) 31.5% 目標値(令和9年度) 40% ※1 〔注記〕
    指標 読書が好きな児童生徒の割合 現状値(令和3年度) 小学生・・・71.0%、中学生・・・58.2% 目標値(令和9年度) …

The name word is one of the ``name`` words of ``headers.toml`` standing as a token of its own
(指標, 成果指標, KPI); the name runs to the first token that is a value label (a ``baseline``,
``target``, ``interim`` or ``actual`` word, maybe with its year in brackets) and ends like an
indicator's name (``name_endings`` of ``sheets.toml``, note marks such as ``(※1)`` dropped).
A label's figure is read only when a single figure follows it before the next label, note mark
or name word; figures of several groups (小学生・・・71.0%、中学生・・・58.2%) are not one value, and
the indicator keeps its name without them.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import header_words, name_endings
from keikaku.importer.normalize import Line, origin_of
from keikaku.importer.tables import IndicatorRow, infer, put_value, set_name
from keikaku.importer.values import parse_quantity, parse_year_in

_NAME_TOKENS = 12
_NOTE = re.compile(r"^(?:※\s*[0-9]*|〔[^〕]*〕)$")
_LABEL_ROLES = ("baseline", "target", "interim", "actual")
_BRACKETED_MARK = re.compile(r"[(（]\s*(※\s*[0-9]*)\s*[)）]")


def _label(token: str) -> tuple[str, int | None] | None:
    """(role, year) of a value label token (目標値(令和7年度), 基準値(令和4年度), 現状値)."""
    rest, year = parse_year_in(token)
    word = rest.strip(" ()（）") if year is not None else token
    role = header_words().role_of(word)
    if role not in _LABEL_ROLES or len(word) > 12 or re.search(r"[0-9]", word):
        return None
    return role, year


def _name_word(token: str) -> bool:
    return token in header_words().words("name")


def _stop(token: str) -> bool:
    """A token that ends a label's cells: another label, a name word, a note mark or a placeholder."""
    return _label(token) is not None or _name_word(token) or bool(_NOTE.match(token))


def _row_at(tokens: list[str], k: int, line: Line) -> tuple[IndicatorRow | None, int]:
    """The indicator whose name word is ``tokens[k]``, and the index after what it read."""
    j = k + 1
    while j < len(tokens) and j - k <= _NAME_TOKENS and _label(tokens[j]) is None and not _name_word(tokens[j]):
        j += 1
    if j == k + 1 or j >= len(tokens) or _label(tokens[j]) is None:
        return None, k + 1
    row = IndicatorRow(name="", origin=origin_of(line))
    set_name(_BRACKETED_MARK.sub(r"\1", "".join(tokens[k + 1:j])), row)  # (※1): a note mark, its brackets too
    if len(row.name) < 4 or not row.name.endswith(name_endings()):
        return None, k + 1
    while j < len(tokens) and (label := _label(tokens[j])) is not None:
        role, year = label
        end = j + 1
        while end < len(tokens) and not _stop(tokens[end]):
            end += 1
        cells = tokens[j + 1:end]
        if len(cells) == 1 and parse_quantity(cells[0]).kind == "number":
            put_value(row, role, year, cells[0], origin=row.origin)
        j = end
    infer(row)
    return row, j


def _pieces_joined(lines: list[Line]) -> list[tuple[Line, list[str]]]:
    """Each line's tokens, the pieces the flatten stage cut from one printed line (a name word left
    at the end of a piece, its name on the next) joined back."""
    out: list[tuple[Line, list[str]]] = []
    for line in lines:
        if out and out[-1][0].index == line.index:
            out[-1][1].extend(line.key.split())
        else:
            out.append((line, line.key.split()))
    return out


def word_named_rows(lines: list[Line], *, known: list[str] = ()) -> list[IndicatorRow]:  # type: ignore[assignment]
    """Indicators introduced by a name word on ``lines`` (see the module's description), but those ``known``."""
    found: list[IndicatorRow] = []
    names = set(known)
    for line, tokens in _pieces_joined(lines):
        k = 0
        while k < len(tokens):
            if not _name_word(tokens[k]):
                k += 1
                continue
            row, k = _row_at(tokens, k, line)
            if row is not None and row.name not in names:
                names.add(row.name)
                found.append(row)
    return found
