"""Words that make the staff and public pages readable to a newcomer: the measure sheet's figures of
another year, the review queue of measure sheets, reminders without a recipient, the audit trail's
field names and codes, the grade scales in words, the staff menu, confirmation of irreversible
buttons, and fiscal years typed into the search box."""

from __future__ import annotations

from keikaku.domain.assessment import SCALES

READABLE_WORDS: dict[str, tuple[str, str]] = {
    # the measure sheet: rates of the cycle year, and last known figures of an earlier year
    "sheet_rates_of": ("{year}の値", "for {year}"),
    "sheet_earlier_figure": ("{year}の実績による値: {rate}", "from the {year} actual: {rate}"),
    "sheet_earlier_note": ("この年度の実績値が未入力の指標は、達成率・進捗率・評価を「—」とし、それ以前の最新の値を年度付きで示します。",
                           "Where this year's actual is not entered yet, the rates and grade show — and the latest earlier figure is given with its year."),
    # the reviewer's home page: measure sheets waiting for review
    "rq_title": ("審査待ちの施策評価シート", "Measure evaluation sheets waiting for review"),
    "rq_none": ("審査待ちの施策評価シートはありません。", "No measure evaluation sheet is waiting for review."),
    "rq_submitted": ("提出 {at}", "submitted {at}"),
    # reminders: departments nobody can be mailed about
    "remind_no_recipient": ("宛先なし", "No recipient"),
    "remind_no_recipient_list": ("宛先なし（メールが届かない所管課。入力担当の登録かメールアドレスの設定が必要です）: {departments}",
                                 "No recipient (no mail will reach these departments; add an editor or an e-mail address): {departments}"),
    "remind_no_recipient_help": ("この所管課には、メールアドレスのある入力担当がいません。", "This department has no editor with an e-mail address."),
    # the staff menu
    "staff_nav": ("職員メニュー", "Staff menu"),
    # irreversible buttons
    "confirm_title": ("取り消せない操作の確認", "Confirm an action that cannot be undone"),
    "confirm_approve": ("承認すると、この年度の実績値が公開され、シートは変更できなくなります。承認してよいことを確認しました。",
                        "Approving publishes this year's actuals and locks the sheet. I have checked that it may be approved."),
    "confirm_approve_project": ("承認すると、この事務事業評価は公開され、変更できなくなります。承認してよいことを確認しました。",
                                "Approving publishes this project evaluation and locks it. I have checked that it may be approved."),
    "confirm_send": ("上の宛先へメールを送信します（送信したメールは取り消せません）。内容を確認しました。",
                     "The mails above will be sent (a sent mail cannot be recalled). I have checked them."),
    "confirm_delete": ("削除すると元に戻せません（変更履歴には残ります）。削除してよいことを確認しました。",
                       "Deleting cannot be undone (the audit trail keeps it). I have checked that it may be deleted."),
    "confirm_replace": ("表示した値で、登録済みの実績値を置き換えて公開します。置き換えてよいことを確認しました。",
                        "The actuals shown replace the stored ones and are published. I have checked that they may be replaced."),
    "confirm_apply": ("計画を訂正後の内容で置き換えます（失われる入力は上に示したとおりです）。置き換えてよいことを確認しました。",
                      "The plan is replaced by the corrected one (what is lost is listed above). I have checked that it may be replaced."),
    "err_confirm_needed": ("取り消せない操作です。確認欄にチェックを入れてから、もう一度押してください。",
                           "This cannot be undone: tick the confirmation box, then press the button again."),
    # the search: fiscal years
    "year_search_title": ("{year}の評価・実績", "Evaluations and actuals of {year}"),
    "year_search_evaluations": ("{plan}: {year}の施策評価（公表 {count}件）", "{plan}: measure evaluations of {year} ({count} published)"),
    "year_search_none": ("{year}に公表された施策評価はありません。", "No measure evaluation of {year} has been published."),
    "year_search_all": ("{plan}: 公表された評価の一覧", "{plan}: every published evaluation"),
}

# fields of the audit trail's snapshots not named by keikaku.web.user_words.AUDIT_FIELDS
AUDIT_FIELDS_MORE: dict[str, tuple[str, str]] = {
    "initial_budget": ("当初予算", "initial budget"), "revised_budget": ("補正後予算", "revised budget"),
    "settlement": ("決算額", "settlement"), "national": ("国庫支出金", "national grants"),
    "prefectural": ("都道府県支出金", "prefectural grants"), "bonds": ("地方債", "bonds"),
    "other_earmarked": ("その他特定財源", "other earmarked revenue"), "general": ("一般財源", "general revenue"),
    "regular_staff": ("正規職員（人工）", "regular staff (person-years)"),
    "fixed_term_staff": ("会計年度任用職員（人工）", "fixed-term staff (person-years)"),
    "regular": ("正規職員1人当たり人件費", "cost per regular employee"),
    "fixed_term": ("会計年度任用職員1人当たり人件費", "cost per fixed-term employee"),
    "planned": ("計画額", "planned amount"), "municipality_id": ("自治体 ID", "municipality id"),
    "node_id": ("項目 ID", "node id"), "key": ("項目キー", "node key"), "position": ("位置", "position"),
    "sections": ("本文", "sections"), "heading": ("見出し", "heading"), "items": ("箇条", "items"),
    "kind": ("種類", "kind"), "direction": ("方向性", "direction"), "definition": ("指標の定義", "definition"),
    "baseline_value": ("現状値", "baseline"), "baseline_year": ("現状値の年度", "baseline year"),
    "baseline_text": ("現状値（表記）", "baseline as printed"), "target_value": ("目標値", "target"),
    "target_year": ("目標値の年度", "target year"), "target_text": ("目標値（表記）", "target as printed"),
    "interim_targets": ("中間目標", "interim targets"), "actuals": ("実績値", "actuals"),
    "department": ("所管課", "department"), "stages": ("年度ごとの実施段階", "stage per fiscal year"),
    "source_node_id": ("関連元の項目 ID", "source node id"), "type": ("関連の種類", "link type"),
    "target_plan": ("関連先の計画", "target plan"), "target_node": ("関連先の項目", "target node"),
    "plan_version": ("計画の版", "plan version"), "subject": ("対象", "subject"), "intent": ("意図", "intent"),
    "means": ("手段", "means"), "necessity": ("必要性", "necessity"), "effectiveness": ("有効性", "effectiveness"),
    "efficiency": ("効率性", "efficiency"), "fairness": ("公平性", "fairness"), "summary": ("評価の説明", "summary"),
    "indicators": ("指標", "indicators"),
    "viewpoint_grades": ("評価の視点の段階", "viewpoint grades"), "content_sha256": ("内容のハッシュ", "content hash"),
    "orphaned": ("対応先を失った入力", "entries orphaned"), "removed": ("削除された項目", "removed"),
    "added": ("追加された項目", "added"), "changed": ("変更された項目", "changed"),
    "decision": ("判断", "decision"), "suggested": ("候補", "suggestion"), "goals": ("SDGs のゴール", "goals"),
    "score": ("スコア", "score"), "words": ("手がかりの語", "words"), "plan": ("計画", "plan"), "node": ("項目", "node"),
    "by": ("判断した人", "decided by"), "old": ("旧計画の項目", "old node"), "new": ("新計画の項目", "new node"),
    "user": ("利用者", "user"), "prefix": ("トークンの先頭", "token prefix"), "revoked": ("失効", "revoked"),
    "email": ("メールアドレス", "e-mail address"), "reason": ("理由", "reason"),
}

# codes that snapshot values carry, by field (the value's words)
AUDIT_VALUES: dict[str, tuple[str, str]] = {
    "status:draft": ("作成中・下書き", "draft"), "status:submitted": ("提出済", "submitted"),
    "status:returned": ("差戻し", "returned"), "status:approved": ("承認済", "approved"),
    "status:published": ("公開", "published"), "status:open": ("受付中", "open"), "status:closed": ("締切済", "closed"),
    "kind:outcome": ("成果指標", "outcome"), "kind:activity": ("活動指標", "activity"),
    "direction:increase": ("増加を目指す", "increase"), "direction:decrease": ("減少を目指す", "decrease"),
    "direction:maintain": ("維持を目指す", "maintain"), "direction:qualitative": ("定性的", "qualitative"),
    "decision:accepted": ("採用", "accepted"), "decision:rejected": ("不採用", "rejected"),
}


def scale_words(name: str | None, lang: str = "ja") -> str:
    """A grading scale in words: abcd → A〜D の4段階（順調・概ね順調・やや遅れている・遅れている).
    An unknown name is returned as it is."""
    scale = SCALES.get(name or "")
    if scale is None:
        return name or "—"
    grades = [lv.grade for lv in scale.levels]
    labels = [lv.label for lv in scale.levels]
    if lang == "en":
        english = [lv.status.replace("_", " ") for lv in scale.levels]
        span = f"{grades[0]} to {grades[-1]}" if all(len(g) == 1 for g in grades) else " / ".join(grades)
        return f"{len(grades)} grades, {span} ({', '.join(english)})"
    if all(len(g) == 1 for g in grades):
        return f"{grades[0]}〜{grades[-1]} の{len(grades)}段階（{'・'.join(labels)}）"
    return f"{'・'.join(grades)} の{len(grades)}段階"


READABLE_WORDS.update({f"field_{k}": v for k, v in AUDIT_FIELDS_MORE.items()})
READABLE_WORDS.update({f"audit_value_{k}": v for k, v in AUDIT_VALUES.items()})
