"""An actual word printed before the baseline and target words it stands between.

A two-row header whose 実績値 cell spans the actual years in its upper row, while 基準値 and 目標値
are merged over both rows, is printed by a PDF text extractor top to bottom: the actual word first
(it sits higher), then the merged words, then the row of years — ``実績値 / 基準値 / 目標値 / 調査方法 /
平成25年度 / 平成26年度 / 平成27年度 / 平成31年度``. The printed order of the words is not the
columns' order; the years' order is. A baseline is measured before the actuals and a target aimed
at after them, so with rising years the baseline is the first year's column, the target the last
year's, and the actuals the years between. Only a header of exactly these three words, the actual
printed first, and at least one year more than words, is read so.
"""

from __future__ import annotations

_WORDS = ("actual", "baseline", "target")


def columns_by_year(roles: list[str | None], years: list[int | None]) -> list[tuple[str, int]] | None:
    """The value columns (role, year) in the order the table prints them, for the roles of the
    header's value words in printed order and the years under them; None for any other header."""
    if len(roles) != 3 or roles[0] != "actual" or sorted(roles[1:]) != ["baseline", "target"]:
        return None
    if len(years) < len(roles) + 1 or any(y is None for y in years):
        return None
    dated = [y for y in years if y is not None]
    if any(b <= a for a, b in zip(dated, dated[1:])):
        return None
    return [("baseline", dated[0])] + [("actual", y) for y in dated[1:-1]] + [("target", dated[-1])]
