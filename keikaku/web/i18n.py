"""Words of the web pages in Japanese (default) and English."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "site": ("keikaku 総合計画の見える化", "keikaku: comprehensive plans"),
    "skip": ("本文へ移動", "Skip to content"),
    "home": ("トップ", "Home"),
    "search": ("検索", "Search"),
    "search_placeholder": ("施策・指標を検索", "Search measures and indicators"),
    "compare": ("計画の比較", "Compare plans"),
    "municipalities": ("自治体と計画", "Municipalities and plans"),
    "fictional": ("架空の市（デモ用）", "fictional city (demo)"),
    "period": ("計画期間", "Period"),
    "vision": ("将来像", "Vision"),
    "tree": ("計画の体系", "Plan structure"),
    "status_chart": ("政策ごとの指標の状況", "Indicator status by policy"),
    "sdg_matrix": ("政策とSDGsの関係", "Policies and the SDGs"),
    "indicators": ("成果・活動指標", "Indicators"),
    "indicator": ("指標名", "Indicator"),
    "unit": ("単位", "Unit"),
    "baseline": ("現状値", "Baseline"),
    "target": ("目標値", "Target"),
    "actual": ("実績値", "Actual"),
    "year": ("年度", "Fiscal year"),
    "progress_rate": ("進捗率", "Progress"),
    "achievement_rate": ("達成率", "Achievement"),
    "expected_progress": ("想定進捗", "Expected"),
    "status": ("状況", "Status"),
    "grade": ("評価", "Grade"),
    "reported_rate": ("公表された率", "Printed rate"),
    "direction": ("方向", "Direction"),
    "notes": ("注記", "Notes"),
    "projects": ("主な事業", "Projects"),
    "project": ("事業名", "Project"),
    "actions": ("主な取組", "Actions"),
    "roles": ("各主体の役割", "Actor roles"),
    "children": ("下位の項目", "Contents"),
    "links": ("関連する計画・項目", "Related plans and nodes"),
    "individual_plans": ("個別計画", "Sectoral plans"),
    "departments": ("所管課", "Departments"),
    "fields": ("分野", "Fields"),
    "sdgs": ("関連するSDGs", "Related SDGs"),
    "no_results": ("該当する項目はありません。", "Nothing found."),
    "results": ("件の結果", "results"),
    "not_found": ("ページが見つかりません", "Page not found"),
    "not_found_text": ("お探しのページは見つかりませんでした。", "The page you asked for does not exist."),
    "error": ("エラーが発生しました", "Something went wrong"),
    "error_text": ("しばらくしてから再度お試しください。", "Please try again later."),
    "calculation": ("計算の内訳", "How it is calculated"),
    "history": ("実績の推移", "History"),
    "table_alt": ("グラフのデータ（表）", "Chart data (table)"),
    "json": ("JSON で見る", "View as JSON"),
    "language": ("English", "日本語"),
    "phases": ("計画の構成", "Parts of the plan"),
    "plan_indicators": ("計画全体の指標", "Plan-wide indicators"),
    "choose": ("計画を選択", "Choose a plan"),
    "show": ("表示", "Show"),
    "adopted_year": ("策定年度", "Adopted"),
    "draft": ("素案", "draft"),
    "increase": ("増加を目指す", "increase"),
    "decrease": ("減少を目指す", "decrease"),
    "maintain": ("維持", "maintain"),
    "qualitative": ("定性目標", "qualitative"),
    "on_track": ("順調", "on track"),
    "mostly_on_track": ("概ね順調", "mostly on track"),
    "slightly_behind": ("やや遅れている", "slightly behind"),
    "behind": ("遅れている", "behind"),
    "target_achieved": ("目標達成", "target achieved"),
    "achieved": ("達成", "achieved"),
    "not_achieved": ("未達成", "not achieved"),
    "no_data": ("データなし", "no data"),
    "comprehensive": ("総合計画", "comprehensive plan"),
    "concept": ("基本構想", "basic concept"),
    "basic_plan": ("基本計画", "basic plan"),
    "implementation_plan": ("実施計画", "implementation plan"),
    "strategy": ("総合戦略", "strategy"),
    "sectoral": ("個別計画", "sectoral plan"),
}


def translator(lang: str):  # noqa: ANN201
    index = 1 if lang == "en" else 0

    def t(key: str | None) -> str:
        if key is None:
            return ""
        pair = WORDS.get(key)
        return pair[index] if pair else key

    return t
