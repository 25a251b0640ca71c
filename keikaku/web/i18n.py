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
    "draft": ("下書き", "draft"),  # an entered, unpublished actual (素案 is a draft plan: plan_status)
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
    "login": ("職員ログイン", "Staff sign-in"),
    "logout": ("ログアウト", "Sign out"),
    "logout_everywhere": ("すべての端末からログアウト", "Sign out everywhere"),
    "login_failed": ("ユーザー名またはパスワードが違います。", "Wrong user name or password."),
    "login_throttled": ("失敗が続いたため、しばらくログインできません。15分後にお試しください。", "Too many failed attempts: try again in 15 minutes."),
    "user_name": ("ユーザー名", "User name"),
    "password": ("パスワード", "Password"),
    "staff_home": ("評価の管理", "Evaluation"),
    "role_admin": ("管理者（企画政策課）", "admin"),
    "role_reviewer": ("審査者", "reviewer"),
    "role_editor": ("入力担当（所管課）", "editor"),
    "role_viewer": ("閲覧者", "viewer"),
    "cycles": ("評価の年度", "Evaluation years"),
    "no_cycles": ("開始された評価はまだありません。", "No evaluation has been opened yet."),
    "open_cycle": ("年度の評価を開始", "Open a fiscal year"),
    "cycle_open": ("受付中", "open"),
    "cycle_closed": ("締切済", "closed"),
    "deadline": ("締切日", "Deadline"),
    "scale": ("評価の尺度", "Grade scale"),
    "plan": ("計画", "Plan"),
    "board": ("所管課ごとの進捗", "Progress by department"),
    "measures": ("施策数", "Measures"),
    "actuals_entered": ("実績入力", "Actuals entered"),
    "late": ("期限超過", "Late"),
    "sheets": ("施策評価シート", "Evaluation sheets"),
    "sheet_draft": ("作成中", "draft"),
    "sheet_submitted": ("提出済", "submitted"),
    "sheet_returned": ("差戻し", "returned"),
    "sheet_approved": ("承認済", "approved"),
    "upload": ("実績値の一括登録", "Upload actuals"),
    "upload_help": ("CSV または Excel（列: 指標, 年度, 値）。1行でも誤りがあれば何も登録しません。", "CSV or Excel with columns 指標, 年度, 値. A file with any error changes nothing."),
    "file": ("ファイル", "File"),
    "upload_rejected": ("登録できませんでした", "Upload rejected"),
    "upload_nothing_changed": ("誤りのある行があるため、何も登録していません。", "Some rows have errors: nothing was changed."),
    "upload_errors": ("誤りのある行", "Rows with errors"),
    "upload_more_errors": ("誤りは全部で {total} 件あります（最初の {shown} 件を表示）。", "{total} problems in all (the first {shown} shown)."),
    "row": ("行", "Row"),
    "column": ("列", "Column"),
    "problem": ("内容", "Problem"),
    "back": ("戻る", "Back"),
    "automatic": ("指標の実績と評価（自動計算）", "Indicators and their assessment (automatic)"),
    "save_actuals": ("実績値を保存", "Save actuals"),
    "planned_stage": ("計画上の段階", "Planned stage"),
    "stage": ("実施段階", "Stage"),
    "progress": ("進捗", "Progress"),
    "save_progress": ("事業の進捗を保存", "Save project progress"),
    "evaluation": ("施策の評価", "Evaluation"),
    "self_grade": ("所管課の評価", "Own grade"),
    "reasons": ("評価の理由", "Reasons"),
    "issues": ("課題", "Issues"),
    "next_direction": ("次年度の方向性", "Next year's direction"),
    "save": ("一時保存", "Save"),
    "submit": ("提出", "Submit"),
    "review_comment": ("審査コメント", "Review comment"),
    "approve": ("承認", "Approve"),
    "return": ("差戻し", "Return"),
    "conflict": ("他の人が先にこのシートを更新しました。最新の内容を表示しています。あなたの入力は下に残してあります。", "Someone else saved this sheet first. The latest version is shown; your input is kept below."),
    "audit": ("変更履歴", "Audit trail"),
    "exports": ("書き出し", "Exports"),
    "when": ("日時", "When"),
    "who": ("担当者", "Who"),
    "what": ("対象", "What"),
    "before": ("変更前", "Before"),
    "after": ("変更後", "After"),
    "msg_saved": ("保存しました。", "Saved."),
    "msg_submitted": ("提出しました。", "Submitted."),
    "msg_approved": ("承認しました。", "Approved."),
    "msg_returned": ("差し戻しました。", "Returned."),
    "msg_opened": ("評価を開始しました。", "Opened."),
    "msg_uploaded": ("登録しました。", "Uploaded."),
    "forbidden": ("この操作の権限がありません。", "You may not do this."),
    "bad_request": ("入力に誤りがあります。", "The input has a problem."),
    "type_plan": ("計画", "plan"),
    "type_node": ("施策・項目", "node"),
    "type_indicator": ("指標", "indicator"),
    "type_project": ("事業", "project"),
    "not_assessable": ("評価できない", "not assessable"),
    "reported_rate_unexplained": ("公表された率はどの計算式とも一致しません", "the printed rate matches no formula"),
    "reported_rate_claims_target": ("公表された率は100%以上ですが、目標は未達成です", "the printed rate reads 100% or more but the target is not met"),
    "cagr_zero_base": ("基準値が0のため0.001として計算", "a zero base was taken as 0.001"),
    "cagr_zero_target": ("目標値が0のため0.001として計算", "a zero target was taken as 0.001"),
    "cagr_opposite_signs": ("値の符号が異なるため年平均成長率を計算できません", "values of opposite signs: no growth rate"),
    "direction_inferred": ("方向は基準値と目標値から推定", "direction inferred from baseline and target"),
    "achievement_zero_target": ("目標値が0の減少目標のため達成率は計算できません（0÷実績は常に0）。基準値からの進捗率で評価します",
                                "a decrease to 0 has no achievement rate (0 ÷ actual is always 0); the progress rate from the baseline is used"),
    "comprehensive": ("総合計画", "comprehensive plan"),
    "concept": ("基本構想", "basic concept"),
    "basic_plan": ("基本計画", "basic plan"),
    "implementation_plan": ("実施計画", "implementation plan"),
    "strategy": ("総合戦略", "strategy"),
    "sectoral": ("個別計画", "sectoral plan"),
    # the plan editor (keikaku/web/plan_edit_pages.py, templates/staff/editor*.html)
    "editor": ("計画の編集", "Edit the plan"),
    "editor_version": ("計画の版", "Plan version"),
    "editor_bulk": ("所管課の一括設定", "Assign departments to several nodes"),
    "editor_bulk_help": ("下の一覧で項目を選び、所管課を入力します（1 行に 1 課）。", "Tick nodes in the list below and give departments (one a line)."),
    "editor_replace": ("既存の所管課を置き換える", "Replace their departments"),
    "editor_assign": ("選んだ項目に設定", "Assign to the ticked nodes"),
    "editor_select": ("選択", "Select"),
    "editor_edit": ("編集", "Edit"),
    "editor_node": ("項目の編集", "Edit the node"),
    "editor_level": ("階層", "Level"),
    "editor_number": ("番号", "Number"),
    "editor_title": ("名称", "Title"),
    "editor_departments_help": ("所管課（1 行に 1 課）", "Departments (one a line)"),
    "editor_save": ("保存", "Save"),
    "editor_sections": ("本文", "Texts"),
    "editor_heading": ("見出し", "Heading"),
    "editor_text": ("本文", "Text"),
    "editor_interim": ("中間目標（年度=値、1 行に 1 つ）", "Interim targets (YEAR=VALUE, one a line)"),
    "editor_value": ("値", "Value"),
    "editor_add": ("下位の項目を追加", "Add a node under it"),
    "editor_add_top": ("最上位に項目を追加", "Add a top-level node"),
    "editor_move": ("移動", "Move"),
    "editor_parent": ("移動先の親（空で最上位）", "New parent (none: top level)"),
    "editor_index": ("兄弟の中の位置（0 から、空で末尾）", "Place among siblings (from 0; empty: last)"),
    "editor_delete": ("削除", "Delete"),
    "editor_confirm": ("実績値・評価シートごと削除する", "Delete with its actuals and sheets"),
    "editor_conflict": ("他の人が先にこの計画を変更しました。何も保存していません。あなたの入力はフォームに残してあります。保存済みの値と見比べて、もう一度保存してください。",
                        "Someone else changed this plan first. Nothing was saved; your input is kept in the form. Compare it with the stored values and save again."),
    "editor_stored": ("保存されている値", "Stored values"),
    "editor_yours": ("あなたの入力", "Your input"),
    "editor_back": ("計画の編集に戻る", "Back to the plan"),
    "msg_edited": ("保存しました。", "Saved."),
    # SDG suggestions (keikaku/web/sdg.py)
    "sdg_suggestions": ("SDGs の候補", "SDG suggestions"),
    "sdg_about": ("SDGs が関連づけられていない項目に、本文の語から SDGs のゴールを提案します。根拠の語を確かめて採用・不採用を決めてください。不採用にした候補は再び表示されません。",
                  "Goals suggested from the words of nodes that have no SDG links. Check the words that led to each, then accept or reject it; a rejected suggestion does not come back."),
    "sdg_other_plans": ("他の計画", "Other plans"),
    "sdg_no_nodes": ("SDGs のない項目はありません。", "Every node has SDG links."),
    "sdg_nothing_left": ("候補はありません。", "No suggestion."),
    "sdg_linked": ("採用済みの SDGs", "Accepted SDGs"),
    "sdg_goal": ("ゴール", "Goal"),
    "sdg_target": ("ターゲット", "target"),
    "sdg_score": ("点数", "Score"),
    "sdg_words": ("根拠の語", "Words found"),
    "sdg_decision": ("判断", "Decision"),
    "sdg_accept": ("採用", "Accept"),
    "sdg_reject": ("不採用", "Reject"),
    "msg_sdg_accepted": ("採用し、SDGs を関連づけました。", "Accepted: the SDG is linked."),
    "msg_sdg_rejected": ("不採用にしました。", "Rejected."),
    # revisions: a draft and its final text (services/revision_links.py, templates/diff.html)
    "revisions": ("案と策定版", "Draft and final"),
    "revision_earlier": ("改訂前", "earlier text"),
    "revision_later": ("改訂後", "later text"),
    "diff_link": ("違いを見る", "see the differences"),
    "diff_title": ("改訂前と改訂後の比較", "Two revisions compared"),
    "diff_swap": ("左右を入れ替える", "Swap the two sides"),
    "diff_summary": ("変更の概要", "Summary of changes"),
    "diff_nodes": ("項目の対応", "Items side by side"),
    "diff_indicators": ("指標と数値の対応", "Indicators and their figures"),
    "diff_change": ("変更", "Change"),
    "diff_side_a": ("改訂前 (A)", "Earlier (A)"),
    "diff_side_b": ("改訂後 (B)", "Later (B)"),
    "diff_similarity": ("類似度", "Similarity"),
    "diff_rule": ("対応づけ: 同じ題名 → 同じ階層と番号（類似度 {numbered} 以上） → 類似した題名（類似度 {similar} 以上）。",
                  "Paired by equal titles, then by level and number (similarity {numbered} or more), then by similar titles ({similar} or more)."),
    "change_same": ("同一", "same"),
    "change_reworded": ("文言変更", "reworded"),
    "change_moved": ("移動", "moved"),
    "change_removed": ("削除", "removed"),
    "change_added": ("追加", "added"),
    "change_only_a": ("削除", "removed"),
    "change_only_b": ("追加", "added"),
    "figure_changed": ("変更", "changed"),
    "basis_revision_of": ("改訂後の計画は改訂前の計画の改訂版として登録されています。", "The later plan is stored as a revision of the earlier one."),
    "basis_draft_final": ("同じ自治体・種別・期間の案と策定版として対応づけています。", "Paired as the draft and the final of the same municipality, kind and period."),
}


from keikaku.web.review_words import REVIEW_WORDS  # noqa: E402 - the import review's words

WORDS.update(REVIEW_WORDS)

from keikaku.web.download_words import DOWNLOAD_WORDS  # noqa: E402 - the downloads' words

WORDS.update(DOWNLOAD_WORDS)

from keikaku.web.evaluation_words import EVALUATION_WORDS  # noqa: E402 - the published evaluations' words

WORDS.update(EVALUATION_WORDS)

from keikaku.web.reminder_words import REMINDER_WORDS  # noqa: E402 - the board's open items and reminders

WORDS.update(REMINDER_WORDS)

from keikaku.web.user_words import USER_WORDS  # noqa: E402 - the users, password and audit pages' words

WORDS.update(USER_WORDS)

from keikaku.web.experience_words import EXPERIENCE_WORDS  # noqa: E402 - phone layout, search filters, navigation

WORDS.update(EXPERIENCE_WORDS)

from keikaku.web.reminder_send_words import REMINDER_SEND_WORDS  # noqa: E402 - sending reminders from the board

WORDS.update(REMINDER_SEND_WORDS)

from keikaku.web.guide_words import GUIDE_WORDS  # noqa: E402 - the staff guide's words

WORDS.update(GUIDE_WORDS)

from keikaku.web.staff_words import STAFF_WORDS  # noqa: E402 - staff forms' problems, language setting, password throttle

WORDS.update(STAFF_WORDS)

from keikaku.web.plan_wide_words import PLAN_WIDE_WORDS  # noqa: E402 - the plan-wide sheet of the evaluation cycle

WORDS.update(PLAN_WIDE_WORDS)

from keikaku.web.backfill_words import BACKFILL_WORDS  # noqa: E402 - past years' actuals (back-fill)

WORDS.update(BACKFILL_WORDS)

from keikaku.web.cost_words import COST_WORDS  # noqa: E402 - money beside results on plan and measure pages

WORDS.update(COST_WORDS)

from keikaku.web.budget_words import BUDGET_WORDS  # noqa: E402 - the budget workbook upload (admins)

WORDS.update(BUDGET_WORDS)

from keikaku.web.plan_form_words import PLAN_FORM_WORDS  # noqa: E402 - problems of the review, re-import, SDG, successor and editor forms

WORDS.update(PLAN_FORM_WORDS)

from keikaku.web.project_sheet_words import PROJECT_SHEET_WORDS  # noqa: E402 - project evaluation sheets (事務事業評価)

WORDS.update(PROJECT_SHEET_WORDS)

from keikaku.web.project_sheet_board_words import PROJECT_SHEET_BOARD_WORDS  # noqa: E402 - project sheets on the board, home page and cycle form

WORDS.update(PROJECT_SHEET_BOARD_WORDS)

from keikaku.web.readable_words import READABLE_WORDS  # noqa: E402 - audit labels, scale words, confirmations, year search

WORDS.update(READABLE_WORDS)

from keikaku.web.survey_words import SURVEY_WORDS  # noqa: E402 - survey indicators: sample, interval, significance

WORDS.update(SURVEY_WORDS)


from keikaku.web.comment_words import COMMENT_WORDS  # noqa: E402 - opinions on a draft (パブリックコメント)

WORDS.update(COMMENT_WORDS)

def translator(lang: str):  # noqa: ANN201
    index = 1 if lang == "en" else 0

    def t(key: str | None) -> str:
        if key is None:
            return ""
        pair = WORDS.get(key)
        return pair[index] if pair else key

    return t
