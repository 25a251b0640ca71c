"""Words of the phone layout, search filters and navigation (Japanese, English)."""

from __future__ import annotations

EXPERIENCE_WORDS: dict[str, tuple[str, str]] = {
    "bad_query": ("検索の条件が正しくありません。検索語は100文字以内で入力してください。",
                  "The search could not be read: search words are at most 100 characters."),
    "search_filters": ("絞り込み", "Narrow down"),
    "filter_municipality": ("自治体", "Municipality"),
    "filter_plan": ("計画", "Plan"),
    "filter_kind": ("種類", "Kind"),
    "filter_year": ("年度", "Fiscal year"),
    "filter_any": ("すべて", "Any"),
    "search_variants_note": ("「子供・子ども・こども」「障害・障がい」、全角・半角、カタカナ・ひらがなの違いは区別せずに探します。",
                             "Variant spellings (子供/子ども/こども, 障害/障がい), full-/half-width and katakana/hiragana find each other."),
    "result_path": ("計画の中の位置", "Where it is in the plan"),
    "breadcrumbs": ("現在位置", "You are here"),
    "site_nav": ("サイト内の移動", "Site navigation"),
    "sibling_nav": ("同じ階層の項目", "Neighbouring items"),
    "sibling_prev": ("前へ", "Previous"),
    "sibling_next": ("次へ", "Next"),
    "status_legend": ("状況の凡例", "Status legend"),
    "tree_progress": ("進捗", "Progress"),
    "table_scroll": ("表（横にスクロールできます）", "Table (scrolls sideways)"),
}
