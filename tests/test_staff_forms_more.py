"""The plan forms sent with a problem (the import review, the re-import, SDG suggestions, successors,
the plan editor, the back-fill): the same HTML page, one message in Japanese (English with ?lang=en)
that says what to do, what was typed still in its field, and that field marked for assistive
technology (aria-invalid, aria-describedby pointing at the message)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from cycle_helpers import PASSWORD, WAITING, fast_hashing, indicator_id, make_world, node_id
from test_staff_forms import alert_of, client, csrf_of
from test_web_review import document
from keikaku.services import plan_edit as pe
from keikaku.web.plan_form_words import PLAN_FIELDS
from keikaku.web.staff_forms import problem, problem_of, problem_text
from keikaku.web.i18n import translator

CSRF_JA = "フォームの有効期限が切れたため、送信されませんでした。入力内容は残してあります。確かめて、もう一度送信してください。"
CSRF_EN = "The form had expired, so it was not sent. What you typed is kept: check it and send it again."
PLAIN_CSRF_JA = "フォームの有効期限が切れました。ページを再読み込みしてから、もう一度送信してください。"
PLAIN_CSRF_EN = "The form has expired: reload the page and send it again."
STALE_JA = ("このフォームは古い版のものです。他の人が先に保存したかもしれません。入力内容は残してあります。"
            "最新の内容と見比べて、もう一度送信してください。")
STALE_EN = ("This form is of an older version; someone may have saved first. What you typed is kept: compare it "
            "with the latest and send it again.")
MARKED = 'aria-invalid="true" aria-describedby="form-problem'


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    fast_hashing(monkeypatch)
    monkeypatch.setenv("KEIKAKU_DATA_DIR", str(tmp_path / "data"))
    return make_world(engine, open_cycle=False)


def signed_in(engine: Engine) -> tuple[TestClient, str]:
    c = client(engine)
    r = c.post("/login", data={"name": "kikaku", "password": PASSWORD, "csrf_token": csrf_of(c.get("/login").text)})
    assert r.status_code == 303, r.text
    return c, csrf_of(c.get("/staff").text)


def tag_of(text: str, key: str) -> str:
    """The first input, textarea or select named ``key`` (``#id``: with that id)."""
    attr = f'id="{key[1:]}"' if key.startswith("#") else f'name="{key}"'
    found = re.search(rf'<(?:input|textarea|select)\b[^>]*{re.escape(attr)}[^>]*>', text)
    assert found, f"no field {key}"
    return found.group(0)


def kept_value(text: str, key: str) -> str:
    tag = tag_of(text, key)
    if tag.startswith("<textarea"):
        return html.unescape(re.search(re.escape(tag) + r"(.*?)</textarea>", text, re.S).group(1))
    if tag.startswith("<select"):
        options = re.search(re.escape(tag) + r"(.*?)</select>", text, re.S).group(1)
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', options)
        return chosen.group(1) if chosen else ""
    return html.unescape(re.search(r'value="([^"]*)"', tag).group(1))


# (the form, its URL, what is sent (files: a (name, bytes) pair under "file"), the status, the message in
#  Japanese and in English, the fields and what they keep, the field marked as at fault or None)
Case = tuple[str, str, dict, int, str, str, dict[str, str], str | None]


def cases(world, token: str, version: str) -> list[Case]:
    plan = world.plan_id
    m1 = node_id(world.engine, "m1")
    ind = indicator_id(world.engine, WAITING)
    review, edit = f"/staff/review/{token}", f"/staff/plans/{plan}/edit"
    node = f"{edit}/nodes/{m1}"
    long_title = "題" * 501
    return [
        # the import review
        ("review: upload without a file", "/staff/review", {"municipality": "990019"}, 422,
         "計画書のファイルを選んでください。", "Choose the document's file.", {"municipality": "990019"}, "file"),
        ("review: upload of an unreadable kind", "/staff/review", {"municipality": "かえで市", "file": ("plan.exe", b"MZ")}, 400,
         "この形式のファイルは読み取れません。テキスト・PDF・Word・Excel のファイル（.txt .md .csv .tsv .pdf .docx .xlsx .xlsm）を選んでください。",
         "This kind of file cannot be read: choose a text, PDF, Word or Excel file (.txt .md .csv .tsv .pdf .docx .xlsx .xlsm).",
         {"municipality": "かえで市"}, "file"),
        ("review: upload with an expired form", "/staff/review", {"municipality": "990019", "csrf_token": "old",
                                                                  "file": ("plan.txt", b"x")}, 403,
         CSRF_JA, CSRF_EN, {"municipality": "990019"}, None),
        ("review: an empty title", f"{review}/node", {"version": "0", "node": "1", "level": "政策X", "number": "9", "title": ""}, 422,
         "「名称」を入力してください。", "Fill in Title.", {"#n0-level": "政策X", "#n0-number": "9", "#n0-title": ""}, "#n0-title"),
        ("review: a title too long", f"{review}/node", {"version": "0", "node": "1", "level": "政策", "title": long_title}, 422,
         "「名称」が長すぎます。500 文字以内に短くしてください。", "Title is too long: shorten it to 500 characters.",
         {"#n0-title": long_title}, "#n0-title"),
        ("review: a target that is no number", f"{review}/indicator",
         {"version": "0", "indicator": "0", "name": "待機児童数（修正）", "target_value": "ゼロ人"}, 422,
         "「目標値」は数値で入力してください（例: 12.5、1,200）。", "Give Target as a number, such as 12.5 or 1,200.",
         {"#i0-name": "待機児童数（修正）", "#i0-target-value": "ゼロ人"}, "#i0-target-value"),
        ("review: a year that is no year", f"{review}/indicator",
         {"version": "0", "indicator": "0", "name": "待機児童数", "baseline_year": "令和元", "baseline_value": "24"}, 422,
         "年度は西暦の数字 4 桁（例: 2025）で入力してください。", "Give the fiscal year as four digits, such as 2025.",
         {"#i0-baseline-year": "令和元", "#i0-baseline-value": "24"}, "#i0-baseline-year"),
        ("review: a position that is no number", f"{review}/move", {"version": "0", "node": "1.1", "parent": "1", "position": "先頭"},
         422, "位置は 1 以上の整数で入力してください（1 が先頭、空欄で末尾）。",
         "Give the position as a whole number from 1 (1: first; empty: last).", {"#n1-position": "先頭", "#n1-parent": "1"},
         "#n1-position"),
        ("review: a stale correction", f"{review}/indicator", {"version": "5", "indicator": "0", "name": "待機児童数2"}, 409,
         STALE_JA, STALE_EN, {"#i0-name": "待機児童数2"}, None),
        ("review: a correction with an expired form", f"{review}/indicator",
         {"version": "0", "indicator": "0", "name": "待機児童数3", "csrf_token": ""}, 403, CSRF_JA, CSRF_EN,
         {"#i0-name": "待機児童数3"}, None),
        ("review: storing a stale draft", f"{review}/store", {"version": "4"}, 409, STALE_JA, STALE_EN, {}, None),
        # the re-import
        ("revise: no file", f"/staff/plans/{plan}/revise", {}, 422, "計画書のファイルを選んでください。", "Choose the document's file.",
         {}, "file"),
        ("revise: an expired form", f"/staff/plans/{plan}/revise", {"csrf_token": "old", "file": ("plan.txt", b"x")}, 403,
         PLAIN_CSRF_JA, PLAIN_CSRF_EN, {}, None),
        ("revise: a document without a plan", f"/staff/plans/{plan}/revise", {"file": ("memo.txt", "よろしくお願いします。".encode())}, 422,
         "この計画書からは計画の内容（項目・指標・事業）を読み取れませんでした。ファイルを確かめて、もう一度アップロードしてください。",
         "No node, indicator or project could be read from this document: check the file and upload it again.", {}, "file"),
        ("revise: an expired upload", f"/staff/plans/{plan}/revise/{'A' * 43}/apply", {}, 404,
         "このアップロードは期限切れか、見つかりません。計画書をもう一度アップロードしてください。",
         "This upload has expired or is unknown: upload the document again.", {}, None),
        # SDG suggestions
        ("sdg: a decision of no button", f"/staff/plans/{plan}/sdg", {"node_id": str(m1), "suggested": "4", "decision": "maybe"},
         422, "「採用」か「却下」のボタンで送信してください。", "Send the form with the Accept or Reject button.", {}, None),
        ("sdg: a goal that does not exist", f"/staff/plans/{plan}/sdg", {"node_id": str(m1), "suggested": "18", "decision": "accept"},
         422, "その SDGs の候補は読み取れません。ページを再読み込みして、一覧のボタンから選び直してください。",
         "That SDG suggestion cannot be read: reload the page and choose again with the buttons in the list.", {}, None),
        ("sdg: a node that is no number", f"/staff/plans/{plan}/sdg", {"node_id": "m1", "suggested": "4", "decision": "accept"},
         422, "その項目はこの計画にありません。ページを再読み込みして、一覧から選び直してください。",
         "That node is not in this plan: reload the page and choose again from the list.", {}, None),
        ("sdg: a node of no plan", f"/staff/plans/{plan}/sdg", {"node_id": "99999", "suggested": "4", "decision": "reject"},
         422, "その項目はこの計画にありません。ページを再読み込みして、一覧から選び直してください。",
         "That node is not in this plan: reload the page and choose again from the list.", {}, None),
        ("sdg: an expired form", f"/staff/plans/{plan}/sdg", {"node_id": str(m1), "suggested": "4", "decision": "accept",
                                                              "csrf_token": "x"}, 403, PLAIN_CSRF_JA, PLAIN_CSRF_EN, {}, None),
        # successors
        ("successors: one plan twice", "/staff/successors/decide",
         {"old_plan": str(plan), "new_plan": str(plan), "old_node": str(m1), "new_node": str(m1), "decision": "accept"}, 422,
         "前の世代と次の世代に同じ計画が選ばれています。別の計画を選んでください。",
         "The same plan is chosen as the earlier and the next plan: choose another one.", {"old": str(plan), "new": str(plan)}, "new"),
        ("successors: a decision of no button", "/staff/successors/decide",
         {"old_plan": str(plan), "new_plan": str(plan), "old_node": str(m1), "new_node": str(m1), "decision": "keep"}, 422,
         "「採用」「却下」「変更」のいずれかのボタンで送信してください。", "Send the form with the Accept, Reject or Change button.",
         {}, None),
        ("successors: a node that is no number", "/staff/successors/decide",
         {"old_plan": str(plan), "new_plan": str(plan), "old_node": "m1", "new_node": str(m1), "decision": "accept"}, 422,
         "フォームが正しく送信されませんでした。ページを再読み込みしてから入力してください。",
         "The form did not arrive whole: reload the page and fill it in again.", {}, None),
        # the plan editor
        ("editor: an empty title", node, {"version": version, "level": "施策", "number": "1", "title": "  ",
                                          "departments": "保育課\n子育て支援課"}, 422,
         "「名称」を入力してください。", "Fill in Title.", {"title": "  ", "departments": "保育課\n子育て支援課"}, "title"),
        ("editor: a title too long", node, {"version": version, "level": "施策", "title": long_title}, 422,
         "「名称」が長すぎます。500 文字以内に短くしてください。", "Title is too long: shorten it to 500 characters.",
         {"title": long_title}, "title"),
        ("editor: a baseline that is no number", f"{node}/indicators/{ind}",
         {"version": version, "name": WAITING, "baseline_value": "二十四", "target_year": "2030"}, 422,
         "「現状値」は数値で入力してください（例: 12.5、1,200）。", "Give Baseline as a number, such as 12.5 or 1,200.",
         {f"#bv-{ind}": "二十四", f"#ty-{ind}": "2030"}, f"#bv-{ind}"),
        ("editor: a year out of range", f"{node}/indicators/{ind}", {"version": version, "name": WAITING, "target_year": "3030"}, 422,
         "「目標値の年度」は 1868〜2200 の西暦 4 桁の年度（例: 2030）で入力してください。",
         "Give Target year as a fiscal year of four digits from 1868 to 2200, such as 2030.", {f"#ty-{ind}": "3030"}, f"#ty-{ind}"),
        ("editor: a position that is no number", f"{node}/move", {"version": version, "parent": "", "index": "最後"}, 422,
         "位置は 0 以上の整数で入力してください（0 が先頭、空欄で末尾）。",
         "Give the place as a whole number from 0 (0: first; empty: last).", {"index": "最後"}, "index"),
        ("editor: no node ticked", f"{edit}/departments", {"version": version, "departments": "企画政策課"}, 422,
         "所管課を設定する項目を、一覧のチェック欄で 1 つ以上選んでください。",
         "Tick at least one node in the list to assign the departments to.", {"#bulk-departments": "企画政策課"}, f"#pick-{m1}"),
        ("editor: a stale form", node, {"version": "0" * 64, "level": "施策", "title": "新しい名称"}, 409,
         "他の人が先にこの計画を変更しました。何も保存していません。あなたの入力はフォームに残してあります。保存済みの値と見比べて、もう一度保存してください。",
         "Someone else changed this plan first, so nothing was saved. What you typed is kept in the form: compare it with the "
         "stored values and save again.", {"title": "新しい名称"}, None),
        ("editor: an expired form", node, {"version": version, "level": "施策", "title": "期限切れの名称", "csrf_token": "old"}, 403,
         CSRF_JA, CSRF_EN, {"title": "期限切れの名称"}, None),
        ("editor: a new node without a level, expired", f"{edit}/nodes",
         {"version": version, "new_level": "", "new_title": "新しい項目", "csrf_token": ""}, 403, CSRF_JA, CSRF_EN,
         {"new_title": "新しい項目"}, None),
        # the back-fill
        ("back-fill: a value that is no number", f"/staff/plans/{plan}/backfill/value",
         {"indicator": str(ind), "year": "2021", "value": "九人", "note": "再集計"}, 422,
         "登録できませんでした。誤りを直して、もう一度送信してください。何も登録していません。",
         "Nothing was stored: correct the problems below and send again.", {"value": "九人", "note": "再集計", "year": "2021"},
         "value"),
        ("back-fill: an expired form", f"/staff/plans/{plan}/backfill/value",
         {"indicator": str(ind), "year": "2021", "value": "9", "csrf_token": "old"}, 403, CSRF_JA, CSRF_EN,
         {"value": "9", "year": "2021"}, None),
        ("back-fill: no file", f"/staff/plans/{plan}/backfill/file", {}, 422, "ファイルを選んでください。", "Choose a file.", {}, "file"),
    ]


def send(c: TestClient, url: str, data: dict, csrf: str, lang: str):
    data = {"csrf_token": csrf, **data}
    upload = data.pop("file", None)
    target = url + ("?lang=en" if lang == "en" else "")
    files = {"file": (upload[0], upload[1], "application/octet-stream")} if upload else None
    if files is None and url.endswith(("/staff/review", "/revise", "/backfill/file")):
        files = {"unrelated": ("", b"", "application/octet-stream")}  # a multipart form without its file
    return c.post(target, data=data, files=files)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_plan_form_with_a_problem_says_what_to_do_and_keeps_what_was_typed(world, tmp_path: Path, lang: str) -> None:
    c, csrf = signed_in(world.engine)
    r = c.post("/staff/review", data={"csrf_token": csrf, "municipality": "990019"},
               files={"file": ("keikaku.docx", document(tmp_path / "plan.docx"), "application/octet-stream")})
    token = r.headers["location"].removeprefix("/staff/review/")
    version = re.search(r'name="version" value="([^"]+)"', c.get(f"/staff/plans/{world.plan_id}/edit").text).group(1)
    for label, url, data, status, ja, en, kept, marked in cases(world, token, version):
        r = send(c, url, dict(data), csrf, lang)
        assert r.status_code == status, f"{label}: {r.status_code} {r.text[-1500:]}"
        assert r.headers["content-type"].startswith("text/html"), label
        assert f'<html lang="{lang}">' in r.text, label
        assert alert_of(r.text) == (en if lang == "en" else ja), label
        assert 'id="form-problem"' in r.text, label  # what a marked field's aria-describedby points at
        for key, value in kept.items():
            assert kept_value(r.text, key) == value, f"{label}: {key}"
        if marked:
            assert MARKED in tag_of(r.text, marked), f"{label}: {tag_of(r.text, marked)}"
        else:  # a problem of the whole form: no field is blamed
            assert MARKED not in r.text, label
    assert c.get(f"/staff/review/{token}/status").json()["version"] == 0  # no refused correction changed the draft
    assert version == re.search(r'name="version" value="([^"]+)"', c.get(f"/staff/plans/{world.plan_id}/edit").text).group(1)


def test_the_back_fill_speaks_one_language_at_a_time(world) -> None:
    c, csrf = signed_in(world.engine)
    url = f"/staff/plans/{world.plan_id}/backfill/value"
    data = {"csrf_token": csrf, "indicator": str(indicator_id(world.engine, WAITING)), "year": "二〇二一", "value": "九"}
    items = lambda text: [html.unescape(i) for i in re.findall(r"<li>([^<]*)</li>", text.split('id="form-problem"')[1])][:2]  # noqa: E731
    assert items(c.post(url, data=data).text) == ["年度として読めません。2023 や 令和5年度 のように入力してください。",
                                                  "数値として読めません。"]
    assert items(c.post(url + "?lang=en", data=data).text) == ["Not a fiscal year: write 2023 or 令和5年度.", "Not a number."]


def test_a_conflict_in_the_editor_shows_the_stored_values_beside_the_typed_ones(world) -> None:
    c, csrf = signed_in(world.engine)
    m1 = node_id(world.engine, "m1")
    page = c.get(f"/staff/plans/{world.plan_id}/edit/nodes/{m1}").text
    read = re.search(r'name="version" value="([^"]+)"', page).group(1)
    pe.update_node(world.engine, user=world.admin, plan=world.plan_id, version=read, node="m1", title="先に保存した名称")
    r = c.post(f"/staff/plans/{world.plan_id}/edit/nodes/{m1}?lang=en",
               data={"csrf_token": csrf, "version": read, "level": "施策", "title": "後の名称"})
    assert r.status_code == 409
    assert "<dt>Title</dt><dd>後の名称</dd>" in r.text and "<dd>先に保存した名称</dd>" in r.text
    assert kept_value(r.text, "title") == "後の名称"


def test_a_refused_correction_opens_its_own_form(world, tmp_path: Path) -> None:
    c, csrf = signed_in(world.engine)
    r = c.post("/staff/review", data={"csrf_token": csrf, "municipality": "990019"},
               files={"file": ("keikaku.docx", document(tmp_path / "plan.docx"), "application/octet-stream")})
    token = r.headers["location"].removeprefix("/staff/review/")
    r = c.post(f"/staff/review/{token}/indicator", data={"csrf_token": csrf, "version": "0", "indicator": "1", "name": "",
                                                         "direction": "increase"})
    assert r.status_code == 422 and alert_of(r.text) == "「指標名」を入力してください。"
    opened = re.findall(r'<details open><summary>[^<]*</summary>\s*<form method="post" action="/staff/review/[^/]+/(\w+)"', r.text)
    assert opened == ["indicator"] and kept_value(r.text, "#i1-direction") == "increase"
    assert kept_value(r.text, "#i0-name") == "待機児童数"  # the other forms show the draft


def test_words_fill_a_fields_name_and_fall_back_to_the_services_message() -> None:
    ja, en = translator("ja"), translator("en")
    named = {"labels": PLAN_FIELDS}
    assert problem_text(ja, {**problem("missing", "target_year"), **named}) == "「目標値の年度」を入力してください。"
    assert problem_text(en, {**problem("missing", "target_year"), **named}) == "Fill in Target year."
    assert problem_text(en, problem("missing", "target_year", message="target_year is required")) == "target_year is required"
    assert problem_text(ja, problem("missing", "comment", label="審査コメント")) == "「審査コメント」を入力してください。"
    assert problem_text(ja, problem("no_such_rule", message="the rule's own text")) == "the rule's own text"
    assert problem_text(ja, {**problem("too_long", "unknown_field"), **named}) == \
        "入力に誤りがあります。下の項目を直して、もう一度送信してください。"
    failed = pe.fail("番号は 50 文字までです", "number is longer than 50 characters", code="too_long", field="number", max=50)
    assert problem_text(ja, {**problem_of(failed), **named}) == "「番号」が長すぎます。50 文字以内に短くしてください。"
