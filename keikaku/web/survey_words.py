"""Words of survey indicators (市民意識調査) on the public pages and the staff forms: the sample,
the confidence interval, the significance of a change, and how it is calculated."""

from __future__ import annotations

SURVEY_WORDS: dict[str, tuple[str, str]] = {
    "survey": ("市民意識調査の割合", "Share from a citizen survey"),
    "survey_confidence": ("信頼水準", "Confidence level"),
    "survey_level": ("信頼水準 {}%", "confidence level {}%"),
    "sample_size": ("標本数", "Sample size"),
    "survey_baseline_sample": ("、基準値 標本数 {}", ", baseline sample size {}"),
    "survey_baseline_margin": ("、基準値 ±{}", ", baseline ± {} points"),
    "survey_baseline_row": ("各年度の変化はこの基準値の区間と比べて判定します。",
                            "Each year's change is judged against this baseline and its interval."),
    "margin_of_error": ("誤差（±ポイント）", "Margin of error (± points)"),
    "confidence_interval": ("信頼区間", "Confidence interval"),
    "change_interval": ("基準値からの変化", "Change from the baseline"),
    "significance": ("変化の判定", "Significance"),
    "sig_increase": ("有意な増加", "Significant increase"),
    "sig_decrease": ("有意な減少", "Significant decrease"),
    "sig_no_significant_change": ("有意な変化なし", "No significant change"),
    "points": ("ポイント", "points"),
    "survey_note": (
        "この指標は市民意識調査による割合で、標本からの推計値のため誤差を伴います。基準値からの変化の信頼区間が 0 を含む場合は"
        "「有意な変化なし」とし、進捗や後退とはみなしません。進捗率・達成率・評価と Open SDG の値は実績値のとおり計算しています。",
        "This indicator is a share from a citizen survey, estimated from a sample, so it carries a margin of error. When "
        "the confidence interval of the change from the baseline includes 0, the change is \u201cno significant "
        "change\u201d, not progress or decline. The progress and achievement rates, the grade and the Open SDG figures "
        "are computed from the actuals as printed."),
    "survey_method_title": ("誤差の考え方（信頼区間）", "The margin of error (confidence intervals)"),
    "survey_method": (
        "各年度の割合 p（ポイント）の信頼区間は、正規近似により p ± z × √(p × (100 − p) ÷ 標本数) とします。z は信頼水準に"
        "対応する標準正規分布の値（95% で 1.96）です。標本数の代わりに誤差（±ポイント）が公表されている場合は、誤差 ÷ z を"
        "標準誤差とします。基準値からの変化は 2 つの独立した標本の差として、変化 ± z × √(基準値の標準誤差² + その年度の"
        "標準誤差²) の区間が 0 より上なら「有意な増加」、0 より下なら「有意な減少」、0 を含めば「有意な変化なし」です。"
        "区間の端は小数第1位に四捨五入して示します。",
        "Each year's share p (in points) has the confidence interval p ± z × √(p × (100 − p) ÷ sample size), by the "
        "normal approximation; z is the standard normal value of the confidence level (1.96 at 95%). Where a margin of "
        "error (± points) is printed instead of the sample size, the standard error is that margin ÷ z. The change from "
        "the baseline is the difference of two independent samples: when change ± z × √(baseline's standard error² + "
        "the year's standard error²) lies above 0 it is a significant increase, below 0 a significant decrease, and "
        "when it includes 0 no significant change. Bounds are rounded half-up to one decimal."),
    "survey_sample_hint": ("市民意識調査の指標のみ。標本数か、公表された誤差のどちらかを入力します。",
                           "Survey indicators only: give the sample size, or the margin of error as printed."),
    "survey_field_hint": ("市民意識調査による割合の指標は信頼水準を入力します（例: 0.95）。空欄は調査の指標ではありません。",
                          "For a share from a citizen survey, give the confidence level (e.g. 0.95); empty: not a survey."),
    "err_bad_sample_size": ("標本数は 1 以上の整数で入力してください（入力: {value}）。",
                            "A sample size is a whole number from 1 (typed: {value})."),
    "err_bad_margin": ("誤差は 0 より大きく 100 未満のポイント数で入力してください（入力: {value}）。",
                       "A margin of error is a number of points above 0 and below 100 (typed: {value})."),
    "err_not_survey": ("この指標は市民意識調査の指標ではないため、標本数や誤差は入力できません。",
                       "This indicator is not a survey indicator: it takes no sample size or margin of error."),
}
