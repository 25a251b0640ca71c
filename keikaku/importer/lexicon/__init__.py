"""The importer's knowledge of documents, held as data: the TOML files beside this module.

``headers.toml`` names the columns of indicator tables; ``structure.toml`` the numbering
grammars, level words and section names of plan outlines. Code applies them; it never names a
city or a document. Each file is read once per process, on first use.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from keikaku.cache import memo, text_memo
from keikaku.importer.width import fold

_HERE = Path(__file__).parent
_SPACES = re.compile(r"[\s\u3000]+")


@text_memo(4096, 512, context=False)  # the same lines and cells are asked of by reader after reader
def fold_key(text: str) -> str:
    """Width-folded, without spaces: the form header words are matched on."""
    return _SPACES.sub("", fold(text))


@cache
def _load(name: str) -> dict:
    with (_HERE / name).open("rb") as f:
        return tomllib.load(f)


# The roles of columns that hold figures (the others name, qualify or describe the indicator).
VALUE_ROLES = frozenset({"baseline", "target", "interim", "actual", "rate"})


@dataclass(frozen=True, eq=False)  # one instance per process: hashed by identity (it keys memos)
class HeaderWords:
    """Header vocabulary: role → words (contained) and exact cells, in priority order."""

    roles: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    openers: tuple[str, ...]

    def role_of(self, cell: str) -> str | None:
        """The role a header cell names: the role of its longest word, ties to the earlier role."""
        return _role_of_cell(self, cell)

    def words(self, *roles: str) -> tuple[str, ...]:
        return _words_of(self, roles)

    @property
    def _index(self) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
        return _compiled(self)


@cache
def _compiled(lex: HeaderWords) -> tuple[re.Pattern[str], dict[str, str], dict[str, str]]:
    """One alternation of every word, longest first, and each word's role (the first role that lists it)."""
    role_of_word: dict[str, str] = {}
    exact: dict[str, str] = {}
    for role, words, cells in lex.roles:
        for w in words:
            role_of_word.setdefault(w, role)
        for c in cells:
            exact.setdefault(c, role)
    return re.compile(words_pattern(list(role_of_word))), role_of_word, exact


@cache  # a few sets of roles, asked for on every cell
def _words_of(lex: HeaderWords, roles: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for role, words, exact in lex.roles if role in roles for w in (*words, *exact))


@text_memo(4096, 128, at=1, context=False)  # cells as printed, asked of again and again by every reader
def _role_of_cell(lex: HeaderWords, cell: str) -> str | None:
    return _role_of(lex, fold_key(cell))


def _role_of(lex: HeaderWords, key: str) -> str | None:
    if not key:
        return None
    pattern, role_of_word, exact = lex._index
    if key in exact:
        return exact[key]
    best = max(pattern.findall(key), key=len, default=None)
    return role_of_word[best] if best else None


@cache
def header_words() -> HeaderWords:
    data = _load("headers.toml")
    roles = tuple(
        (role, tuple(fold_key(w) for w in spec.get("words", ())), tuple(fold_key(w) for w in spec.get("exact", ())))
        for role, spec in data["roles"].items()
    )
    return HeaderWords(roles=roles, openers=tuple(fold_key(w) for w in data["table"]["openers"]))


def words_pattern(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))  # the same source in every run


@dataclass(frozen=True, eq=False)  # one instance per process: hashed by identity
class Structure:
    """Outline vocabulary: level words, the numbers printed after them, section names."""

    level_words: tuple[str, ...]
    split_level_words: frozenset[str]
    unnamed_levels: tuple[str, ...]
    level_numbers: tuple[str, ...]
    section_names: tuple[str, ...]
    action_sections: frozenset[str]
    chart_item_level: str
    chart_bullets: tuple[str, ...]

    def level_pattern(self) -> str:
        return words_pattern(self.level_words)

    def number_pattern(self) -> str:
        return "|".join(self.level_numbers)

    def section_pattern(self) -> str:
        return "|".join(sorted(self.section_names, key=len, reverse=True))


@cache
def structure() -> Structure:
    data = _load("structure.toml")
    return Structure(
        level_words=tuple(data["level_words"]),
        split_level_words=frozenset(data["split_level_words"]),
        unnamed_levels=tuple(data["unnamed_levels"]),
        level_numbers=tuple(data["level_numbers"]),
        section_names=tuple(data["section_names"]),
        action_sections=frozenset(data["action_sections"]),
        chart_item_level=data["chart_item_level"],
        chart_bullets=tuple(data["chart_bullets"]),
    )


@cache
def approx_words() -> tuple[str, ...]:
    """Words printed before a figure that make it approximate (``headers.toml`` ``[values]``), longest first."""
    return tuple(sorted(_load("headers.toml")["values"]["approx_words"], key=len, reverse=True))


@cache
def value_units() -> tuple[str, ...]:
    """Units printed after numbers in value cells, longest first."""
    return tuple(sorted(_load("headers.toml")["values"]["units"], key=len, reverse=True))


@cache
def time_words() -> tuple[str, ...]:
    """Header cells naming the column of the time of the value column before it (時期)."""
    return tuple(_load("headers.toml").get("time_cells", {}).get("words", ()))


@cache
def role_year_words() -> dict[str, str]:
    """Header cells naming a column of the years of one role's figure (基準年度 → baseline), folded."""
    return {fold_key(w): role for role, words in _load("headers.toml").get("role_years", {}).items() for w in words}


@cache
def record_words() -> dict[str, str]:
    """Header cells naming a KPI record's figure (指標値), folded, with the role it holds (target)."""
    return {fold_key(w): role for role, words in _load("headers.toml")["record_words"].items() for w in words}


@cache
def trend_words() -> dict[str, str]:
    """Field words over a trend of years and figures (推移 / R3: 85.0% → R4: 86.2%), folded, with their role."""
    return {fold_key(w): role for role, words in _load("headers.toml")["trend_words"].items() for w in words}


@cache
def row_words() -> dict[str, str]:
    """Words opening a row of figures under a table of years, folded, with the role they give (計画 → target)."""
    return {fold_key(w): role for role, words in _load("headers.toml")["row_words"].items() for w in words}


def row_label_role(text: str) -> str | None:
    """The role a 区分 cell gives its row: a value word's (目標, 実績) or a plan row word's (計画 → target)."""
    return header_words().role_of(text) or row_words().get(fold_key(text))


@cache
def relative_years() -> tuple[tuple[str, ...], dict[str, int]]:
    """Words stating the year a sheet reports on (評価対象年度), and words naming a year from it (前年度 → -1)."""
    table = _load("headers.toml")["relative_years"]
    return tuple(table["stated"]), dict(table["words"])


@cache
def zero_words() -> frozenset[str]:
    """Words a value cell prints for the figure zero (ゼロ), folded."""
    return frozenset(fold_key(w) for w in _load("headers.toml")["values"].get("zero_words", ()))


@cache
def source_endings() -> tuple[str, ...]:
    """Words a cell of a source column ends with (統計, 調査 …), folded, longest first."""
    return tuple(sorted((fold_key(w) for w in _load("headers.toml")["source_cells"]["endings"]), key=len, reverse=True))


@cache
def pattern(group: str, name: str) -> re.Pattern[str]:
    """A named phrase pattern from ``patterns.toml``, compiled once."""
    return re.compile(_load("patterns.toml")[group][name])


@cache
def glued_words() -> dict[str, tuple[str, ...]]:
    """The vocabulary of tables whose cells were run together (``glued.toml``): kinds, empty marks, qualifiers, words."""
    return {key: tuple(value) for key, value in _load("glued.toml").items()}


@cache
def figure_words() -> dict:
    """Which roles label a figure printed apart from tables, and the grammar of sentences stating figures (``figures.toml``)."""
    return _load("figures.toml")


@cache
def name_endings() -> tuple[str, ...]:
    """Words an indicator's name ends with (率, 割合, 数 …; ``sheets.toml``), folded, longest first."""
    return tuple(sorted((fold_key(w) for w in _load("sheets.toml")["name_endings"]), key=len, reverse=True))


def figure_opens_name(kind: str, unit: str | None) -> bool:
    """A token read as a figure of ``kind`` with ``unit`` is really a name opening with a figure
    (``3歳児のう歯のない者の割合``, ``6024よい歯の集い参加者数``): the "unit" is longer than any unit
    (more than six characters) and holds の or ends like a name (``name_endings``)."""
    if kind != "number" or not unit or len(unit) <= 6:
        return False
    key = fold_key(unit)
    return "の" in key or key.endswith(name_endings())


@cache
def _lower_words() -> tuple[str, ...]:
    return tuple(fold_key(w) for w in figure_words()["names"]["lower_is_better"])


def aims_lower(name: str) -> bool:
    """A name holding a word of an indicator that aims down (待機児童数, 排出量; ``figures.toml``)."""
    key = fold_key(name)
    return any(w in key for w in _lower_words())


@cache
def title_endings() -> tuple[str, ...]:
    """Words a measure's title ends with (充実, 推進 …; ``sheets.toml``), folded."""
    return tuple(fold_key(w) for w in _load("sheets.toml")["title_endings"])


def names_a_row(cell: str) -> bool:
    """A cell holding a name header word (指標) inside a longer text ending like a name: a row's name.

    ``指標Aの割合`` is an indicator, not the column's header: the header word does not end the
    cell, and the cell ends with a word of ``name_endings`` that the header word does not hold.
    """
    return _names_a_row(header_words(), fold_key(cell))


@memo(max_bytes=1024 * 1024)  # keyed by cells read from documents: bounded
def _names_a_row(lex: HeaderWords, key: str) -> bool:
    if lex.role_of(key) != "name" or key in lex._index[2]:
        return False
    pattern, role_of_word, _ = lex._index
    words = [m for m in pattern.finditer(key) if role_of_word[m.group(0)] == "name"]
    if not words or any(m.end() == len(key) for m in words):
        return False
    last = words[-1].end()
    return any(key.endswith(e) and len(key) - len(e) >= last for e in name_endings())


def holds_a_name(cell: str) -> bool:
    """A short cell with header words in it that is an indicator's name all the same: it ends like a
    name (``name_endings``) and keeps three characters or more once its header words, brackets and
    figures are taken out (河川の環境基準達成率, 水質基準の達成割合; not 目標達成率)."""
    key = re.sub(r"[(（][^()（）]*[)）]$", "", fold_key(cell))  # a bracketed unit after the name: 社会増減数(人)
    if not any(key.endswith(e) for e in name_endings()):
        return False
    rest = header_words()._index[0].sub("", re.sub(r"[(（][^()（）]*[)）]|[0-9,.]+", "", key))
    return len(rest) >= 3


def row_of_a_name(line: str) -> bool:
    """A spaced line whose header words all stand in its first cell, a name (``holds_a_name``):
    a row of figures, not a header (``社会増減数(人) 320 10 …`` holds 増減)."""
    first, _, rest = line.partition(" ")
    return holds_a_name(first) and bool(rest) and header_words().role_of(rest) is None


def completes_word(head: str, piece: str) -> bool:
    """Whether ``piece`` (at most two characters, a bracketed year after them aside) finishes a header
    word ``head`` began, into a longer word: 現状 / 値, 中間 / 目標, 目標 / 値 — a cell broken over lines."""
    head, piece = fold_key(head), fold_key(piece)
    cut = piece.find("(")
    piece = piece[:cut] if cut >= 0 else piece
    if not head or not piece or len(piece) > 2:
        return False
    return any(w.startswith(head + piece) for w in _compiled(header_words())[1] if len(w) > len(head))


@cache
def _dated_label() -> re.Pattern[str]:
    return re.compile(rf"(?:{words_pattern(header_words().words(*VALUE_ROLES))})[(（][^()（）]{{1,12}}[)）]")


def labels_in_name(name: str) -> bool:
    """Whether a name holds two value labels with their years (〇〇の数現状値（令和2年度）目標値（令和7年度）):
    the labels of figures printed under a name, read into it by a table reading."""
    return len(_dated_label().findall(name)) >= 2


def label_opens_name(name: str) -> bool:
    """Whether a name opens with a value label and its year (最終目標（R11）…の受診率): a header's last
    cell read into the first row's name."""
    return _dated_label().match(name) is not None


@cache
def provision_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Row labels of a supply-and-use year table (``provision.toml``): the supply's, then the use's, folded."""
    data = _load("provision.toml")
    return tuple(fold_key(w) for w in data["supply"]), tuple(fold_key(w) for w in data["demand"])


@cache
def workload_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Header words of a project list's planned amounts per year and of its money (``workload.toml``), folded."""
    data = _load("workload.toml")
    return tuple(fold_key(w) for w in data["plan"]), tuple(fold_key(w) for w in data["money"])
