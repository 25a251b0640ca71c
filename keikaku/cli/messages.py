"""User-facing CLI words in Japanese and English (KEIKAKU_LANG=en)."""

from __future__ import annotations

import os

MESSAGES: dict[str, tuple[str, str]] = {
    "error": ("エラー", "error"),
    "created": ("新規登録", "created"),
    "updated": ("更新", "updated"),
    "unchanged": ("変更なし", "unchanged"),
    "loaded": ("{outcome}: {key} (id {id}, ノード {nodes}, 指標 {indicators})", "{outcome}: {key} (id {id}, {nodes} nodes, {indicators} indicators)"),
    "revision_of": ("(改訂元: {key})", "(revision of {key})"),
    "upgraded": ("データベースを最新にしました: リビジョン {rev} ({url})", "database upgraded to revision {rev} ({url})"),
    "status": ("データベース: {url}\nリビジョン: {current} (コードの最新: {head})", "database: {url}\nrevision: {current} (code head: {head})"),
    "written": ("書き出しました: {path}", "written: {path}"),
    "no_plans": ("計画はまだありません。`keikaku load FILE.json` で登録します。", "no plans yet: `keikaku load FILE.json` stores one."),
    "fictional": ("架空", "fictional"),
    "col_id": ("ID", "ID"),
    "col_municipality": ("自治体", "municipality"),
    "col_title": ("計画名", "title"),
    "col_kind": ("種別", "kind"),
    "col_status": ("状態", "status"),
    "col_period": ("計画期間", "period"),
    "col_code": ("コード", "code"),
    "col_name": ("名称", "name"),
    "col_prefecture": ("都道府県", "prefecture"),
    "col_indicator": ("指標名", "indicator"),
    "col_unit": ("単位", "unit"),
    "col_direction": ("方向", "direction"),
    "col_baseline": ("現状値", "baseline"),
    "col_target": ("目標値", "target"),
    "col_actuals": ("実績値", "actuals"),
    "col_project": ("主な事業", "project"),
    "indicators": ("成果・活動指標", "indicators"),
    "projects": ("主な事業", "projects"),
    "actions": ("主な取組", "actions"),
    "roles": ("各主体の役割", "actor roles"),
    "links": ("関連", "links"),
    "individual_plans": ("個別計画", "sectoral plans"),
    "departments": ("所管課", "departments"),
    "counts": ("指標{indicators}・事業{projects}・取組{actions}", "{indicators} ind., {projects} proj., {actions} act."),
    "user_created": ("利用者を作成しました: {name} ({role}{departments})", "user created: {name} ({role}{departments})"),
    "password_stdin": ("パスワードは --password-stdin を付けて標準入力から渡してください（既定のパスワードはありません）",
                       "give the password on standard input with --password-stdin (there is no default password)"),
    "password_empty": ("標準入力にパスワードがありません", "no password on standard input"),
    "cycle_opened": ("評価サイクルを開始しました: {plan} {year}年度 (id {id}, 尺度 {scale}, 提出期限 {deadline})",
                     "evaluation cycle opened: {plan} FY{year} (id {id}, scale {scale}, deadline {deadline})"),
    "observe_args": ("--indicator, --year, --value を指定するか、--file を指定してください",
                     "give --indicator, --year and --value, or --file"),
    "observed": ("実績値を登録しました（下書き・{outcome}）: {indicator} {year}年度 = {value}",
                 "actual entered (draft, {outcome}): {indicator} FY{year} = {value}"),
    "uploaded": ("{file}: 実績値を登録しました（下書き）: 新規 {created}・更新 {updated}・変更なし {unchanged}",
                 "{file}: actuals entered as drafts: {created} created, {updated} updated, {unchanged} unchanged"),
    "no_changes": ("変更履歴はありません。", "no changes recorded."),
    "col_at": ("日時 (UTC)", "at (UTC)"),
    "col_user": ("利用者", "user"),
    "col_action": ("操作", "action"),
    "col_object": ("対象", "object"),
    "col_label": ("内容", "label"),
    "report_summary": ("{source}: ノード {nodes}・指標 {indicators}（基準値 {baseline}・目標値 {target}・実績 {actuals}）・"
                       "事業 {projects}・取組 {actions}・個別計画 {individual_plans}／読めなかった表 {tables}・"
                       "未知の見出し {cells}・年度のない値 {no_year}・値のない指標 {no_figures}{warnings}",
                       "{source}: {nodes} nodes, {indicators} indicators ({baseline} with baseline, {target} with target, "
                       "{actuals} with actuals), {projects} projects, {actions} actions, {individual_plans} sectoral plans; "
                       "{tables} tables not understood, {cells} unknown header cells, {no_year} figures without a year, "
                       "{no_figures} indicators without figures{warnings}"),
    "report_warnings": ("／警告: {warnings}", "; warning: {warnings}"),
    "warning_separator": ("・", ", "),
    "no_tree": ("体系（ノード）なし", "no tree (no nodes)"),
    "no_indicators": ("指標なし", "no indicators"),
    "strict_failed": ("--strict: {source} は{problems}のため失敗としました", "--strict: {source} failed: {problems}"),
    "strict_not_imported": ("--strict: {source} は{problems}のため登録しませんでした", "--strict: {source} not stored: {problems}"),
    "empty_not_imported": ("{source} から計画（体系・指標・事業）を読み取れなかったため登録しませんでした",
                           "{source}: no plan (no node, indicator or project) was found in it; nothing was stored"),
    "import_warning": ("警告: {source}: {problems}", "warning: {source}: {problems}"),
    "report_written": ("読み取りの報告を書き出しました: {path}", "extraction report written: {path}"),
}


def lang() -> str:
    return "en" if os.environ.get("KEIKAKU_LANG", "ja") == "en" else "ja"


def t(message_id: str, /, **values: object) -> str:
    ja, en = MESSAGES[message_id]
    return (en if lang() == "en" else ja).format(**values)
