"""The words the year exports print beside a survey indicator (市民意識調査): its confidence
interval, the change from the baseline and whether that change is significant, with the note that
a change inside the margin is no significant change (docs/assessment.md#survey-indicators)."""

from __future__ import annotations

from keikaku.services.formatting import number
from keikaku.services.readmodel import IndicatorYear

SIGNIFICANCE_LABELS = {"increase": "有意な増加", "decrease": "有意な減少", "no_significant_change": "有意な変化なし"}
SURVEY_NOTE = ("市民意識調査による割合は標本からの推計値で誤差を伴います。基準値からの変化の信頼区間が 0 を含む場合は"
               "「有意な変化なし」とし、進捗や後退とはみなしません。進捗率・達成率・評価と Open SDG の値は実績値のとおり計算しています。")


def _points(value: float) -> str:
    return ("+" if value > 0 else "") + number(value, 1)


def survey_line(item: IndicatorYear, era: str) -> str | None:
    """One line for a survey indicator as of the year (``era``: the figure's year as the export
    names it), or None for any other indicator or a year without an interval."""
    ind, row = item.indicator, item.current
    if ind.survey is None or row.ci_low is None or row.ci_high is None:
        return None
    level = number(round(ind.survey.confidence * 100, 1))
    actual = item.actual(row.year)
    sample = ""
    if actual is not None and actual.sample_size is not None:
        sample = f"（標本数 {number(actual.sample_size)}）"
    elif actual is not None and actual.margin_of_error is not None:
        sample = f"（誤差 ±{number(actual.margin_of_error)}ポイント）"
    text = f"{ind.name}: {era} {number(row.value)}{ind.unit or ''}{sample}の{level}%信頼区間 {number(row.ci_low, 1)}～{number(row.ci_high, 1)}"
    if row.change_low is not None and row.change_high is not None and row.significance is not None:
        text += (f"、基準値からの変化の信頼区間 {_points(row.change_low)}～{_points(row.change_high)}ポイント: "
                 f"{SIGNIFICANCE_LABELS[row.significance]}")
    return text
