"""Triggers of the whole-document readings whose words come from the lexicon (see ``wholedoc.py``).

Each function gives the source of a pattern (or of several, all of which must match) that a
document's text — its lines' keys, one per line — holds wherever the reading could find anything;
the words are the lexicon's, those the reading itself looks for. A word may be broken by spaces
(目 標 値) where the reading joins cells or drops spaces.

The patterns are written to be searched fast: each alternative opens with a literal character (a
check placed after it when it concerns what stands before), so that ``re`` skips the text to the
characters that can open a match. Where a reading's condition is costly to state exactly, the
trigger states a looser one that the condition implies, and stays a necessary condition.
"""

from __future__ import annotations

import re

from keikaku.importer.lexicon import figure_words, fold_key, header_words, pattern, provision_words, time_words, workload_words

_ERAS = ("明治", "大正", "昭和", "平成", "令和")
_ERA_TAIL = r"\s*(?:\d{1,2}|元)(?![\dA-Za-z])"


def _alternatives(items: list[str]) -> str:
    return "(?:" + "|".join(items) + ")"


def _spelt(word: str, before: str = "", *, broken: bool = True) -> str:
    """``word``, maybe broken by white space between its characters (whole when not ``broken``);
    ``before`` a lookbehind on what precedes it (checked right after its first character)."""
    first, rest = re.escape(word[0]), [re.escape(c) for c in word[1:]]
    head = f"{first}(?<!{before}{first})" if before else first
    return head + "".join((r"\s*" if broken else "") + c for c in rest)


def words(items: list[str] | tuple[str, ...], before: str = "", *, broken: bool = True) -> str:
    """An alternation of ``items``, each maybe broken by white space (``_spelt``; whole when not
    ``broken``), grouped by their first character (longest first within a group), so that a search
    tries only the words that open with the character it stands on."""
    gap = r"\s*" if broken else ""
    groups: dict[str, list[str]] = {}
    for w in sorted(set(items), key=lambda w: (-len(w), w)):  # the same source in every run
        groups.setdefault(w[0], []).append(w)
    out = []
    for first, group in groups.items():
        head = _spelt(first, before)
        rests = ["".join(gap + re.escape(c) for c in w[1:]) for w in group]
        out.append(head + _alternatives(rests) if rests != [""] else head)
    return _alternatives(out)


def _within_line(pattern: str) -> str:
    """``pattern`` with each ``\\s*`` kept within a line."""
    return pattern.replace(r"\s*", r"[^\S\n]*")


def _role_words(*roles: str) -> list[str]:
    return list(header_words().words(*roles))


# A year as ``values.parse_year`` reads one: an era and its number (平成23, H23, R元), a Western year
# standing apart from other digits, or a bare number with 年.
YEAR = _alternatives(
    [f"{era}{_ERA_TAIL}" for era in _ERAS]
    + [rf"{c}(?<![A-Za-z0-9]{c})\.?{_ERA_TAIL}" for c in "MTSHRmtshr"]
    + [rf"{d}(?<![\d,.]{d})\d?\s*年" for d in range(10)]
    + [r"1(?<![\d,.]1)[89]\d\d(?![\d,]|\.\d)", r"2(?<![\d,.]2)[01]\d\d(?![\d,]|\.\d)"]
)


def short_value_label() -> str:
    """A line of a value word and no more than four characters in all (label_after_rows)."""
    line = r"(?m)^(?=(?:[^\S\n]*\S){1,4}[^\S\n]*$)[^\n]*?"
    return line + _within_line(words(_role_words("baseline", "target", "actual")))


def achieved_phrase() -> str:
    """A figure glued to a closing word of ``[achieved]`` (achieved_rows)."""
    closing = "|".join(map(re.escape, sorted(figure_words()["achieved"]["words"], key=len, reverse=True)))
    return rf"[0-9],*[^\s0-9、。の]{{1,6}}?(?:{closing})(?![率度状に])"  # commas a number may end with, a unit


def declaring_end() -> str:
    """A closing word of ``[declared]`` and a full stop, maybe broken by spaces (declared_rows)."""
    return words([w + "。" for w in figure_words()["declared"]["endings"]])


def goal_heading() -> str:
    """A bracketed goal heading: a target word and a number in 【】 (goal_block_rows)."""
    target = "|".join(map(re.escape, _role_words("target")))
    return rf"【[^【】0-9\n]{{0,6}}(?:{target})[^【】0-9\n]{{0,6}}\s*[0-9]{{1,2}}】"


def marked_row() -> tuple[str, str]:
    """A mark standing as a cell (○, △, ×, a grade letter) and a word of a mark column (a note or
    rate word: 評価, 達成度): both are in every marked table (marked_rows)."""
    marks = [rf"{re.escape(c)}(?<!\S{re.escape(c)})(?!\S)" for c in "○◎△×▲●■◇◆-－―ー"]
    grades = [rf"{c}(?<!\S{c})[+＋\-－]?(?!\S)" for c in "ABCDES"]
    return _alternatives(marks + grades), words(_role_words("note", "rate"))


def year_cells() -> str:
    """Three cells in a row on one line, each holding a year (year_header_rows)."""
    return rf"{YEAR}(?:\S*[^\S\n]+\S*?{YEAR}){{2}}"


def paired_header() -> str:
    """The end of a plan-over-record header (paired_year_rows): a year cell (…年度), then a baseline
    word, a target word and an actual word, cells one after another."""
    cells = [rf"\S*?{words(_role_words(role))}\S*" for role in ("baseline", "target", "actual")]
    return r"年度\s+" + r"\s+".join(cells)


def word_named() -> str:
    """A name word standing as a cell (指標, KPI), then within twelve cells a cell holding a value
    label word (word_named_rows). The reading splits lines at their spaces: its words are whole."""
    alone = r"\S"  # nothing glued before the word
    names = _alternatives([_spelt(w, alone, broken=False) + r"(?=\s)" for w in sorted(_role_words("name"), key=len, reverse=True)])
    labels = words(_role_words("baseline", "target", "interim", "actual"), broken=False)
    return rf"{names}(?:\s+\S+){{1,12}}?\s+\S*?{labels}"


def dated_groups() -> str:
    """On one line, a cell holding a header word right before a year cell (notes aside: the
    first group's labels and years), and after it a value word (a later group's label)
    (dated_block_rows)."""
    lex = header_words()  # cells are whole words here: the reading splits the line at its spaces
    every = words(list(lex.words(*(role for role, _, _ in lex.roles))), broken=False)
    values = words(_role_words("baseline", "target", "actual", "interim"), broken=False)
    year = r"(?:(?:明治|大正|昭和|平成|令和)[^\S\n]*\d|[^\s\d]{0,2}\d)"
    return _within_line(rf"{every}\S*[^\S\n]+(?:[※*]\S*[^\S\n]+)*{year}[^\n]*?{values}")


def time_cell() -> str:
    """A cell of a pipe row that is a time word of ``[time_cells]`` (時期, 年度), maybe in brackets (timed_pipe_rows)."""
    time = _within_line(words(time_words()))
    edge = r"(?:[^\S\n]|[()（）])*"  # spaces and brackets around the word
    return rf"(?m)(?:\||^){edge}{time}{edge}(?:\||$)"


def two_dates() -> str:
    """Two cells of a line that are each only a date (平成24年度末, 2022年) (two_date_rows)."""
    openers = [rf"{e[0]}(?<!\S{e[0]}){e[1]}(?:元|[0-9]{{1,2}})" for e in ("昭和", "平成", "令和")]
    openers += [rf"{d}(?<!\S{d})[0-9]{{3}}" for d in range(10)]
    date = _alternatives(openers) + r"年度?末?(?:現在|時点)?(?!\S)"
    return rf"{date}[^\n]*?{date}"


def name_line() -> str:
    """A line opening with a name word (指標名, 成果指標 …), white space aside (named_year_rows)."""
    return rf"(?m)^[^\S\n]*{words(_role_words('name'))}"


def year_first_target() -> str:
    """A line opening with a year, then ``の`` and a target word of two characters or more
    (year_target_rows)."""
    target = [w for w in _role_words("target") if len(w) >= 2]
    opening = _alternatives([_spelt(era) for era in ("昭和", "平成", "令和")] + ["[0-9]"])
    return rf"(?m)^[^\S\n]*{opening}[^\n]*?の\s*{_within_line(words(target))}"


def evaluated_year() -> tuple[str, str]:
    """A year cell carrying an actual word (18年度実績), and the unit header: both in the header of
    a flattened sheet of labelled rows (flat_label_rows)."""
    return rf"年度\S*?{words(_role_words('actual'))}", words(_role_words("unit"))


def supply_label() -> str:
    """``supplyrows``: a supply row's label (確保方策 …) of ``provision.toml``."""
    return words(provision_words()[0])


def work_load_header() -> tuple[str, str]:
    """``workload``: a planned-amount word and a money word of ``workload.toml``."""
    plan, money = workload_words()
    return words(plan), words(money)


def header_cell_line() -> str:
    """``headercells``: a baseline's or a target's word with no space after it on its line (a header cell
    printed alone on its line)."""
    return r"(?m)" + _within_line(words(_role_words("baseline", "target"), broken=False)) + r"[^\s]*$"


def name_and_value_heads() -> tuple[str, str]:
    """``pagedacross``: a name column's head alone on its line, and a baseline's or a target's head
    alone on its line (the heads of a sheet's parts, one cell per line)."""
    return r"(?m)^\S{0,8}(?:指標|KPI|項目)\S{0,4}$", header_cell_line()


def labelled_figure() -> str:
    """``figures``: a label's role word, a direction word (a sentence 12件(令和2年度)を20件に増加 ends with
    one) or a year before まで (a sentence 令和7年度まで50人), each maybe broken by spaces (the reading
    closes up a unit or a bracket printed apart). Also searched line by line by the reading itself."""
    data = figure_words()
    roles = [fold_key(w) for w in header_words().words(*data["labels"]["roles"])]
    sentence = data["sentence"]
    turns = [*sentence["increase"], *sentence["decrease"], *sentence["maintain"]]
    return _alternatives([words(roles + turns), r"年\s*(?:度\s*)?(?:末\s*)?" + words(sentence["by"])])


def years_down_header() -> str:
    """``yearsdown``: a line opening with a year word (年度, 年次) or a word of the row labels' column
    (区分) and naming two columns at least, then within three lines a row line with a figure."""
    opener = _alternatives(["年度", "年次", words(_role_words("label"), broken=False)])
    return rf"(?m)^{opener} [^0-9\s][^\n]* [^\n]*\n(?:[^\n]*\n){{0,2}}[^\n]*年度?[^\n]* [0-9]"


def plan_result_header() -> str:
    """``planresult``: a year's plan cell, then its result cell on the next line (H25プラン / H25決算)."""
    return pattern("planresult", "header").pattern
