"""A spaced header whose year columns print their role word on the line above (基準 over 年度).

``pdftotext -layout`` prints a two-line header cell such as 基準年度 or 目標年度 as its two halves,
the role word over the time word, while the header's other cells stand on the second line alone::

                                    基準                                   目標
      環境指標            単位      年度     基準値    2021年度  2022年度  年度     目標値

An upper line of role words only (a baseline, target or interim word each, no figure), each
standing over one time word of ``[time_cells]`` (年度, 年次 …) of a lower line that names the
indicator column, is one header with it: each time word takes its role word before it (基準年度,
目標年度), a column of years whose year dates the figure of the same role.
"""

from __future__ import annotations

from keikaku.importer.lexicon import header_words, time_words

_ROLES = ("baseline", "target", "interim")


def role_over_time(upper: tuple[tuple[int, int, str], ...], lower: tuple[tuple[int, int, str], ...]) -> str | None:
    """The lower header line with the role words above its time words joined in, or None."""
    lex = header_words()
    if not upper or len(lower) < 3 or not all(lex.role_of(c) in _ROLES and len(c) <= 4 for _, _, c in upper):
        return None
    if "name" not in {lex.role_of(c) for _, _, c in lower}:
        return None
    times = set(time_words())
    joined = [c for _, _, c in lower]
    for start, end, word in upper:
        under = [k for k, (s, e, c) in enumerate(lower) if min(end, e) - max(start, s) > 0]
        if len(under) != 1 or lower[under[0]][2] not in times:
            return None
        joined[under[0]] = word + joined[under[0]]
    return "  ".join(joined)
