"""Words of the published evaluations' pages (keikaku/web/evaluations.py): Japanese, English."""

from __future__ import annotations

EVALUATION_WORDS: dict[str, tuple[str, str]] = {
    "evaluations": ("施策評価", "Measure evaluations"),
    "evaluations_of_year": ("{year} 施策評価", "Measure evaluations, {year}"),
    "evaluation_of_year": ("{year} の施策評価", "Evaluation of {year}"),
    "evaluation_intro": ("各施策の所管課が作成し、承認された施策評価シートの内容を公表しています。",
                         "What each measure's department wrote in its evaluation sheet, published once approved."),
    "evaluation_years": ("評価を公表している年度", "Years with published evaluations"),
    "evaluation_none": ("公表された施策評価はまだありません。", "No evaluation has been published yet."),
    "evaluation_published": ("公表された評価", "Published evaluations"),
    "evaluation_count": ("{approved} / {measures} 施策", "{approved} of {measures} measures"),
    "evaluation_other_years": ("他の年度", "Other years"),
    "evaluation_history": ("評価の推移", "Evaluations by year"),
    "evaluation_not_published": ("未公表", "not published"),
    "evaluation_measures": ("施策ごとの評価", "Evaluation of each measure"),
    "evaluation_projects": ("主な事業の進捗", "Progress of the projects"),
    "evaluation_all_measures": ("この年度の全施策の評価", "Every measure's evaluation of this year"),
    "evaluation_measure_page": ("施策のページ", "The measure's page"),
    "evaluation_rollup_note": ("指標の状況は、公表された実績値による {year} 時点の評価です。",
                               "Indicator statuses as of {year}, from published actuals."),
    "evaluation_policy": ("政策", "Policy"),
    "evaluation_measure": ("施策", "Measure"),
    "evaluation_plan_total": ("計画全体", "Whole plan"),
    "evaluation_indicator_count": ("指標数", "Indicators"),
    "evaluation_none_text": ("記載なし", "none given"),
    "next_拡充": ("拡充", "expand"),
    "next_継続": ("継続", "continue"),
    "next_改善": ("改善", "improve"),
    "next_縮小": ("縮小", "reduce"),
    "next_廃止": ("廃止", "abolish"),
}
