"""Words of the project evaluation sheets where staff find them (the cycle's board, the staff home
page, the cycle-open form) and of the viewpoint scale's problems: Japanese, English."""

from __future__ import annotations

PROJECT_SHEET_BOARD_WORDS: dict[str, tuple[str, str]] = {
    "psb_section": ("事務事業評価シート", "Project evaluation sheets"),
    "psb_help": ("事業ごとの評価シートです。所管課が記入して提出し、審査担当が承認するか差し戻します。",
                 "One sheet per project: its department fills it in and submits it; a reviewer approves or returns it."),
    "psb_mine": ("あなたの課が記入できるシート: {count} 件", "Sheets you can fill in now: {count}"),
    "psb_count": ("{status} {count} 件", "{status}: {count}"),
    "psb_table": ("事業ごとのシートと状態", "Each project's sheet and its state"),
    "psb_pick_table": ("指標の選択", "Choosing the indicators"),
    "psb_project": ("事業", "Project"),
    "psb_measure": ("施策", "Measure"),
    "psb_department": ("所管課", "Department"),
    "psb_editable": ("記入できます", "you can edit"),
    "psb_none": ("この計画には事業がありません。", "This plan has no projects."),
    "psb_scale": ("評価の視点の段階（良い順）", "Viewpoint grades (best first)"),
    "psb_scale_now": ("評価の視点（必要性・有効性・効率性・公平性）の段階: {grades}",
                      "Grades of the viewpoints (necessity, effectiveness, efficiency, fairness): {grades}"),
    "psb_scale_help": ("良い順にカンマで区切って入力します（例: A,B,C）。2〜10 段階、各段階は 10 文字まで。",
                       "Best first, separated by commas (e.g. A,B,C): 2 to 10 grades of up to 10 characters each."),
    "psb_scale_set": ("段階を設定", "Set the grades"),
    "psb_review": ("審査待ちの事務事業評価シート", "Project evaluation sheets to review"),
    "psb_review_none": ("審査待ちの事務事業評価シートはありません。", "No project evaluation sheet is waiting for review."),
    "psb_cycle": ("計画・年度", "Plan and year"),
    "psb_submitted_at": ("提出日時", "Submitted"),
    "psb_thousand_yen": ("千円", "¥1,000"),
    "ps_err_scale_empty": ("評価の視点の段階は、2 つ以上の段階を良い順にカンマで区切って入力してください（例: A,B,C）。",
                           "Enter two or more grades, best first, separated by commas (e.g. A,B,C)."),
    "ps_err_scale_too_many": ("評価の視点の段階は {max_grades} 段階までです。", "A scale has at most {max_grades} grades."),
    "ps_err_scale_too_long": ("評価の視点の段階は、1 つ {max_chars} 文字までです。",
                              "Each grade is at most {max_chars} characters long."),
    "ps_err_scale_duplicate": ("同じ段階が 2 回入力されています。段階はそれぞれ違う名前にしてください。",
                               "A grade is entered twice: give every grade its own name."),
    "ps_err_scale_grade_in_use": ("この年度の事務事業評価シートで使われている段階（{grades}）が、新しい段階にありません。",
                                  "Sheets of this year are graded {grades}, which the new scale lacks."),
}
