"""What a newcomer walking through the staff and public site ran into, each fixed and kept fixed:
the measure sheet's rates under the year they belong to, measure sheets in the reviewer's queue,
departments no reminder reaches (宛先なし), the audit trail in words, grade scales in words, the
staff menu as navigation with Japanese names marked on English pages, a confirmation before
approving or sending or replacing, and fiscal years typed into the public search."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from cycle_helpers import PASSWORD, WAITING, YEAR, World, fast_hashing, indicator_id, make_world, node_id, observation
from keikaku.domain.fiscal import fiscal_year_named
from keikaku.services import accounts, audit, cycle, project_sheets, reminder_board
from keikaku.services.cycle_common import today_jst
from keikaku.services.review_queue import measure_sheets_to_review
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.web.app import create_app
from keikaku.web.audit_view import field_changes
from keikaku.web.i18n import translator
from keikaku.web.readable_words import scale_words

PLAN_TITLE = "かえで市第2次総合計画（架空の例）"
MEASURE_1 = "施策 1 子育て支援の充実"
NO_RECIPIENT = ["子育て支援課", "保育課", "教育総務課", "指導課", "生涯学習課", "スポーツ振興課", "文化振興課", "健康推進課",
                "福祉総務課", "高齢福祉課", "防災安全課", "道路課", "産業振興課", "ごみ対策課", "環境政策課", "都市計画課",
                "公園緑地課", "協働推進課"]
CONFIRM_NEEDED = "取り消せない操作です。確認欄にチェックを入れてから、もう一度押してください。"


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> World:
    fast_hashing(monkeypatch)
    return make_world(engine)


def sign_in(engine: Engine, name: str) -> tuple[TestClient, str]:
    c = TestClient(create_app(engine), raise_server_exceptions=False, follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    r = c.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    assert r.status_code == 303, r.text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/staff").text).group(1)
    return c, csrf


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html.replace("<wbr>", "").replace("<br>", " "))))


def row_cells(html: str, name_start: str) -> list[str]:
    """The cells (text) of the sheet's indicator row whose name starts with ``name_start``."""
    row = re.search(r'<tr><th scope="row" lang="ja">' + re.escape(name_start) + r".*?</tr>", html.replace("<wbr>", ""), re.S)
    assert row is not None, name_start
    return [text_of(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)]


def submitted_m1(world: World) -> int:
    """The sheet of 施策 1 saved and submitted by 保育課's editor; the version a reviewer reads."""
    nid = node_id(world.engine, "m1")
    saved = cycle.save_sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=nid, version=0, self_grade="B",
                             reasons="待機児童が減った", issues=None, next_direction="継続")
    return cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=nid,
                              version=saved.version).version


# --- 1. the measure sheet: rates of the year they are shown under -------------------------------------

def test_the_sheet_shows_this_years_rates_and_names_the_year_of_earlier_ones(world: World) -> None:
    nid = node_id(world.engine, "m1")
    url = f"/staff/cycles/{world.cycle.id}/nodes/{nid}"
    editor, csrf = sign_in(world.engine, "hoiku")
    page = editor.get(url).text.replace("<wbr>", "")
    assert ('<th scope="col">達成率 令和7年度 (2025)</th><th scope="col">進捗率 令和7年度 (2025)</th>'
            '<th scope="col">評価 令和7年度 (2025)</th>') in page
    # no FY2025 actual yet: the rates under the FY2025 header are —, the FY2024 ones are named as such
    assert row_cells(page, "保育所等待機児童数")[3:] == [
        "— 令和6年度 (2024)の実績による値: —", "— 令和6年度 (2024)の実績による値: 75.0%", "— 令和6年度 (2024)の実績による値: B"]
    assert row_cells(page, "子育てしやすいまちだと感じる市民の割合")[3:] == [
        "— 令和6年度 (2024)の実績による値: 90.6%", "— 令和6年度 (2024)の実績による値: 51.6%", "— 令和6年度 (2024)の実績による値: C"]
    assert "それ以前の最新の値を年度付きで示します" in page
    english = editor.get(url + "?lang=en").text.replace("<wbr>", "")
    assert '<th scope="col">Achievement FY2025</th>' in english
    assert row_cells(english, "保育所等待機児童数")[4] == "— from the FY2024 actual: 75.0%"
    # the year's own actual entered: its own figures, with no earlier year named
    ind = indicator_id(world.engine, WAITING)
    assert editor.post(f"{url}/actuals", data={"csrf_token": csrf, f"value-{ind}": "6"}).status_code == 303
    page = editor.get(url + "?lang=ja").text
    assert row_cells(page, "保育所等待機児童数")[3:] == ["—", "75.0%", "C"]  # FY2024's B was of another year
    assert row_cells(page, "子育てしやすいまちだと感じる市民の割合")[3] == "— 令和6年度 (2024)の実績による値: 90.6%"


def test_a_sheet_with_every_actual_of_the_year_has_no_note(world: World) -> None:
    nid = node_id(world.engine, "m1")
    url = f"/staff/cycles/{world.cycle.id}/nodes/{nid}"
    cycle.enter_actuals(world.engine, user=world.admin, plan=world.plan_id, year=YEAR,
                        values=[(WAITING, 12), ("子育てしやすいまちだと感じる市民の割合", 60)])
    page = sign_in(world.engine, "hoiku")[0].get(url).text
    assert row_cells(page, "保育所等待機児童数")[3:] == ["—", "50.0%", "C"]
    assert row_cells(page, "子育てしやすいまちだと感じる市民の割合")[3:] == ["92.3%", "60.3%", "C"]
    assert "の実績による値" not in page and "それ以前の最新の値" not in page


# --- 2. the reviewer's queue: measure sheets beside project sheets ----------------------------------------

def test_reviewers_find_submitted_measure_sheets_on_their_home_page(world: World) -> None:
    reviewer, _ = sign_in(world.engine, "shinsa")
    assert "審査待ちの施策評価シートはありません。" in reviewer.get("/staff").text
    version = submitted_m1(world)
    nid, cid = node_id(world.engine, "m1"), world.cycle.id
    waiting = measure_sheets_to_review(world.engine, user=world.reviewer)
    assert [(w.label, w.year, w.plan_title, w.url) for w in waiting] == [(MEASURE_1, YEAR, PLAN_TITLE, f"/staff/cycles/{cid}/nodes/{nid}")]
    assert measure_sheets_to_review(world.engine, user=world.hoiku) == []  # an editor reviews nothing
    assert measure_sheets_to_review(world.engine, user=None) == []
    home = reviewer.get("/staff").text
    assert f'<ul class="measure-review-queue"><li><a href="/staff/cycles/{cid}/nodes/{nid}" lang="ja">{MEASURE_1}</a>' in home
    assert "審査待ちの事務事業評価シートはありません。" in home  # the project sheets' queue stays beside it
    assert 'id="measure-review"' not in sign_in(world.engine, "hoiku")[0].get("/staff").text
    cycle.review_sheet(world.engine, user=world.reviewer, cycle_id=cid, node_id=nid, version=version, approve=True)
    assert measure_sheets_to_review(world.engine, user=world.admin) == []
    assert "審査待ちの施策評価シートはありません。" in reviewer.get("/staff").text


def test_a_returned_sheet_leaves_the_queue_and_comes_back_when_submitted_again(world: World) -> None:
    nid, cid = node_id(world.engine, "m1"), world.cycle.id
    version = submitted_m1(world)
    returned = cycle.review_sheet(world.engine, user=world.reviewer, cycle_id=cid, node_id=nid, version=version, approve=False,
                                  comment="根拠を")
    assert measure_sheets_to_review(world.engine, user=world.reviewer) == []
    cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=cid, node_id=nid, version=returned.version)
    assert [w.label for w in measure_sheets_to_review(world.engine, user=world.reviewer)] == [MEASURE_1]


# --- 3. reminders: departments no mail reaches ---------------------------------------------------------------

def test_the_reminder_preview_lists_departments_without_a_recipient(world: World) -> None:
    preview = reminder_board.preview(world.engine, user=world.admin, cycle_id=world.cycle.id, today=date(2026, 6, 25))
    assert preview.run.due and preview.no_recipient == NO_RECIPIENT  # hoiku and gomi have no address
    accounts.create_user(world.engine, name="hoiku-mail", role="editor", password=PASSWORD, departments=["保育課"],
                         email="hoiku@city.example.jp")
    preview = reminder_board.preview(world.engine, user=world.admin, cycle_id=world.cycle.id, today=date(2026, 6, 25))
    assert preview.no_recipient == [d for d in NO_RECIPIENT if d != "保育課"]
    admin, _ = sign_in(world.engine, "kikaku")
    page = admin.get(f"/staff/cycles/{world.cycle.id}/reminders").text
    assert text_of(page).count("宛先なし") == len(NO_RECIPIENT) - 1 + 1  # one mark per department, and the list
    assert ("宛先なし（メールが届かない所管課。入力担当の登録かメールアドレスの設定が必要です）: "
            + "、".join(d for d in NO_RECIPIENT if d != "保育課")) in text_of(page)
    childcare = re.search(r'<article class="remind-department" aria-labelledby="dept-\d+">\s*<h3[^>]*><span lang="ja">子育て'
                          r'<wbr>支援課</span> <span class="status no-recipient">宛先なし</span></h3>.*?</article>', page, re.S)
    assert childcare and "入力担当がいないため、宛先がありません。" in childcare.group(0)
    hoiku = re.search(r'<h3[^>]*><span lang="ja">保育課</span>(.*?)</h3>', page)
    assert hoiku and "宛先なし" not in hoiku.group(1)
    assert "No recipient (no mail will reach these departments" in admin.get(f"/staff/cycles/{world.cycle.id}/reminders?lang=en").text


def test_departments_without_a_recipient_are_named_before_reminders_are_due(world: World) -> None:
    far = cycle.open_cycle(world.engine, user=world.admin, plan=world.plan_id, year=2026, deadline=today_jst() + timedelta(days=200))
    preview = reminder_board.preview(world.engine, user=world.admin, cycle_id=far.id)
    assert not preview.run.due and preview.run.reason == "not_yet"
    assert preview.pending == [] and preview.no_recipient == NO_RECIPIENT


# --- 4. the audit trail in words ---------------------------------------------------------------------------------

def test_the_audit_page_names_fields_and_codes_in_words(world: World) -> None:
    submitted_m1(world)
    with transaction(world.engine) as s:
        audit.record(s, user_name="kikaku", action="update", object_type="project_budget", object_id=7, label="認定こども園整備事業 2024年度",
                     before={"initial_budget": "180000000", "general": None},
                     after={"initial_budget": "182000000", "general": "91000000"})
        audit.record(s, user_name="kikaku", action="update", object_type="project", object_id=1, label="認定こども園整備事業",
                     before={"stages": {"2024": "検討"}, "direction": "increase"},
                     after={"stages": {"2024": "実施", "2025": "推進"}, "direction": "decrease"})
    admin, _ = sign_in(world.engine, "kikaku")
    page = admin.get("/staff/audit").text.replace("<wbr>", "")
    assert '<tr><th scope="row">当初予算</th><td><del>180000000</del></td><td><ins>182000000</ins></td></tr>' in page
    assert '<tr><th scope="row">一般財源</th><td>—</td><td><ins>91000000</ins></td></tr>' in page
    assert ('<tr><th scope="row">年度ごとの実施段階</th><td><del>2024: 検討</del></td><td><ins>2024: 実施、2025: 推進</ins></td></tr>'
            in page)
    assert '<tr><th scope="row">方向性</th><td><del>増加を目指す</del></td><td><ins>減少を目指す</ins></td></tr>' in page
    assert '<tr><th scope="row">状態</th><td><del>作成中・下書き</del></td><td><ins>提出済</ins></td></tr>' in page  # the sheet
    assert ('<tr><th scope="row">評価の尺度</th><td>—</td><td><ins>A〜D の4段階（順調・概ね順調・やや遅れている・遅れている）</ins></td></tr>'
            in page)  # the cycle opened
    assert "initial_budget" not in page and "{" not in text_of(page.split("<ol class=\"audit\">")[1])
    english = admin.get("/staff/audit?lang=en").text
    assert '<tr><th scope="row">initial budget</th>' in english and "<ins>submitted</ins>" in english
    assert "<ins>4 grades, A to D (on track, mostly on track, slightly behind, behind)</ins>" in english
    # the raw record is kept as it was written
    with transaction(world.engine) as s:
        stored = s.scalar(select(m.AuditEntry.after).where(m.AuditEntry.object_type == "project"))
    assert stored == {"stages": {"2024": "実施", "2025": "推進"}, "direction": "decrease"}


def test_unknown_fields_and_codes_are_shown_as_they_were_stored() -> None:
    t = translator("ja")
    changes = field_changes({"mystery": "x1", "status": "paused"}, {"mystery": "x2", "status": "open"}, t)
    assert [(c.field, c.before, c.after) for c in changes] == [("mystery", "x1", "x2"), ("状態", "paused", "受付中")]
    nested = field_changes(None, {"interim_targets": [{"year": 2027, "value": 10, "text": None}]}, t)
    assert [(c.field, c.after) for c in nested] == [("中間目標", "年度: 2027、値: 10、表示する文字列: —")]


# --- 5. grade scales in words ---------------------------------------------------------------------------------

def test_scale_words() -> None:
    assert scale_words("abcd") == "A〜D の4段階（順調・概ね順調・やや遅れている・遅れている）"
    assert scale_words("sabc") == "S〜C の4段階（目標達成・改善・横ばい・悪化）"
    assert scale_words("achieved") == "達成・未達成 の2段階"
    assert scale_words("sabc", "en") == "4 grades, S to C (achieved, improved, level, worsened)"
    assert scale_words("achieved", "en") == "2 grades, 達成 / 未達成 (achieved, not achieved)"
    assert scale_words("xyz") == "xyz" and scale_words(None) == "—"


def test_staff_pages_show_the_scale_in_words_and_still_post_its_code(world: World) -> None:
    admin, csrf = sign_in(world.engine, "kikaku")
    home = admin.get("/staff").text
    assert ('<option value="abcd">A〜D の4段階（順調・概ね順調・やや遅れている・遅れている）</option>'
            '<option value="sabc">S〜C の4段階（目標達成・改善・横ばい・悪化）</option>'
            '<option value="achieved">達成・未達成 の2段階</option>') in home
    assert ">abcd<" not in home and ">sabc<" not in home
    r = admin.post("/staff/cycles", data={"plan": str(world.plan_id), "year": "2026", "deadline": "", "scale": "sabc",
                                          "viewpoint_grades": "A,B,C", "csrf_token": csrf})
    assert r.status_code == 303
    board = admin.get(r.headers["location"].split("?")[0]).text
    assert "評価の尺度: S〜C の4段階（目標達成・改善・横ばい・悪化）" in text_of(board)
    bad = admin.post("/staff/cycles", data={"plan": str(world.plan_id), "year": "2027", "scale": "abcx", "csrf_token": csrf})
    assert bad.status_code == 422 and "評価の尺度を一覧から選んでください。" in bad.text
    assert "Grade scale: 4 grades, S to C (achieved, improved, level, worsened)" in text_of(
        admin.get(r.headers["location"].split("?")[0] + "?lang=en").text)


# --- 6. the staff menu, and Japanese names on English pages ------------------------------------------------

def test_the_staff_menu_is_navigation_with_a_label_in_the_pages_language(world: World) -> None:
    admin, _ = sign_in(world.engine, "kikaku")
    assert '<nav class="signed-in" aria-label="職員メニュー">' in admin.get("/staff").text
    english = admin.get("/staff?lang=en").text
    assert '<html lang="en">' in english and '<nav class="signed-in" aria-label="Staff menu">' in english
    assert '<div class="signed-in">' not in english
    assert f'<a href="/staff/cycles/{world.cycle.id}" lang="ja">{PLAN_TITLE}</a>' in english
    assert f'<a href="/staff/plans/{world.plan_id}/edit" lang="ja">{PLAN_TITLE}</a>' in english
    board = admin.get(f"/staff/cycles/{world.cycle.id}?lang=en").text
    assert f'<h1><span lang="ja">{PLAN_TITLE}</span>' in board.replace("<wbr>", "")
    assert '<span lang="ja">保育課</span>' in board


def test_public_lists_mark_japanese_names_on_english_pages(world: World) -> None:
    public = TestClient(create_app(world.engine))
    home = public.get("/?lang=en").text
    assert f'<a href="/plans/{world.plan_id}" lang="ja">{PLAN_TITLE}</a>' in home
    assert '<span lang="ja">かえで市</span>' in home.replace("<wbr>", "")
    plan = public.get(f"/plans/{world.plan_id}?lang=en").text.replace("<wbr>", "")
    assert f'<h1 lang="ja">{PLAN_TITLE}</h1>' in plan
    nid = node_id(world.engine, "m1")
    assert f'<a href="/nodes/{nid}" lang="ja">子育て支援の充実</a>' in plan
    found = public.get("/search?q=保育&lang=en").text
    assert re.search(r'<li><a href="/(nodes|indicators)/\d+" lang="ja">', found)


# --- 7. irreversible buttons ask first ---------------------------------------------------------------------------

def test_approving_a_measure_sheet_needs_the_box_ticked(world: World) -> None:
    version = submitted_m1(world)
    nid = node_id(world.engine, "m1")
    url = f"/staff/cycles/{world.cycle.id}/nodes/{nid}"
    reviewer, csrf = sign_in(world.engine, "shinsa")
    form = reviewer.get(url).text
    assert ('<label class="confirm"><input type="checkbox" id="confirm" name="confirm" value="yes"> '
            "承認すると、この年度の実績値が公開され、シートは変更できなくなります。承認してよいことを確認しました。</label>") in form
    r = reviewer.post(f"{url}/review", data={"version": version, "decision": "approve", "comment": "了承", "csrf_token": csrf})
    assert r.status_code == 422 and CONFIRM_NEEDED in r.text and ">了承</textarea>" in r.text
    assert 'id="confirm" name="confirm" value="yes" aria-invalid="true"' in r.text
    assert cycle.sheet(world.engine, user=world.reviewer, cycle_id=world.cycle.id, node_id=nid).status == "submitted"
    r = reviewer.post(f"{url}/review", data={"version": version, "decision": "approve", "confirm": "no", "csrf_token": csrf})
    assert r.status_code == 422
    # returning is not final: no box needed
    r = reviewer.post(f"{url}/review", data={"version": version, "decision": "return", "comment": "根拠を", "csrf_token": csrf})
    assert r.status_code == 303
    version = cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=nid, version=version + 1).version
    r = reviewer.post(f"{url}/review", data={"version": version, "decision": "approve", "confirm": "yes", "csrf_token": csrf})
    assert (r.status_code, r.headers["location"]) == (303, f"{url}?msg=approved")
    english = reviewer.post(f"{url}/review?lang=en", data={"version": version + 1, "decision": "approve", "csrf_token": csrf})
    assert english.status_code == 422 and "This cannot be undone: tick the confirmation box, then press the button again." in english.text
    stale = reviewer.post(f"{url}/review", data={"version": version + 1, "decision": "approve", "confirm": "yes", "csrf_token": csrf})
    assert stale.status_code == 409  # already approved: the service says so


def test_approving_a_project_sheet_needs_the_box_ticked(world: World) -> None:
    from cycle_helpers import NURSERY_PROJECT, project_id

    pid = project_id(world.engine, NURSERY_PROJECT)
    cid = world.cycle.id
    saved = project_sheets.save_project_sheet(
        world.engine, user=world.hoiku, cycle_id=cid, project_id=pid, version=0, subject="保護者", intent="待機児童をなくす",
        means="園の整備", viewpoints={"necessity": "A", "effectiveness": "A", "efficiency": "B", "fairness": "A"},
        direction="継続", summary="順調")
    project_sheets.submit_project_sheet(world.engine, user=world.hoiku, cycle_id=cid, project_id=pid, version=saved.version)
    reviewer, csrf = sign_in(world.engine, "shinsa")
    url = f"/staff/cycles/{cid}/projects/{pid}"
    r = reviewer.post(f"{url}/review", data={"version": str(saved.version + 1), "decision": "approve", "csrf_token": csrf})
    assert r.status_code == 422 and CONFIRM_NEEDED in r.text
    r = reviewer.post(f"{url}/review", data={"version": str(saved.version + 1), "decision": "approve", "confirm": "yes",
                                             "csrf_token": csrf})
    assert (r.status_code, r.headers["location"]) == (303, f"{url}?msg=approved")


def test_sending_reminders_needs_the_box_ticked(world: World) -> None:
    admin, csrf = sign_in(world.engine, "kikaku")
    url = f"/staff/cycles/{world.cycle.id}/reminders"
    r = admin.post(url, data={"confirmed": "0" * 24, "csrf_token": csrf})
    assert r.status_code == 422 and CONFIRM_NEEDED in r.text
    with transaction(world.engine) as s:
        assert s.scalars(select(m.ReminderSent.id)).all() == [] and s.scalars(
            select(m.AuditEntry.id).where(m.AuditEntry.action == "remind")).all() == []


def test_replacing_a_stored_actual_by_back_fill_needs_the_box_ticked(world: World) -> None:
    admin, csrf = sign_in(world.engine, "kikaku")
    url = f"/staff/plans/{world.plan_id}/backfill/value"
    before = observation(world.engine, WAITING, 2023)
    data = {"csrf_token": csrf, "indicator": str(indicator_id(world.engine, WAITING)), "year": "2023", "value": "17",
            "replace": "yes"}
    preview = admin.post(url, data=data).text
    assert 'name="replace_ok" value="yes" required' in preview
    r = admin.post(url, data={**data, "confirm": "yes"})
    assert r.status_code == 422 and CONFIRM_NEEDED in r.text
    assert observation(world.engine, WAITING, 2023).value == before.value != 17
    r = admin.post(url, data={**data, "confirm": "yes", "replace_ok": "yes"})
    assert r.status_code == 303 and observation(world.engine, WAITING, 2023).value == 17
    # a file that replaces a stored actual: the box again, checked by the server
    rows = f"指標,年度,値,備考\n{WAITING},2022,11,再集計\n"
    checked = admin.post(f"/staff/plans/{world.plan_id}/backfill/file", data={"csrf_token": csrf, "replace": "yes"},
                         files={"file": ("past.csv", rows.encode("utf-8"), "text/csv")}).text
    assert '<input type="checkbox" id="confirm-replace" name="confirm" value="yes" required>' in checked
    stored_2022 = observation(world.engine, WAITING, 2022).value
    store = {"csrf_token": csrf, "rows": rows, "filename": "past.csv", "replace": "yes"}
    r = admin.post(f"/staff/plans/{world.plan_id}/backfill/confirm", data=store)
    assert r.status_code == 422 and CONFIRM_NEEDED in r.text and observation(world.engine, WAITING, 2022).value == stored_2022
    r = admin.post(f"/staff/plans/{world.plan_id}/backfill/confirm", data={**store, "confirm": "yes"})
    assert r.status_code == 303 and observation(world.engine, WAITING, 2022).value == 11
    # a new year replaces nothing: no box
    fresh = {**data, "indicator": str(indicator_id(world.engine, "授業の内容がよく分かると答えた児童の割合")), "value": "80"}
    assert 'name="replace_ok"' not in admin.post(url, data=fresh).text
    assert admin.post(url, data={**fresh, "confirm": "yes"}).status_code == 303


# --- 8. a fiscal year typed into the search ---------------------------------------------------------------------

@pytest.mark.parametrize(("word", "year"), [
    ("令和6年度", 2024), ("令和6年", 2024), ("R6", 2024), ("Ｒ６年度", 2024), ("2024年度", 2024), ("FY2024", 2024),
    ("令和元年度", 2019), ("平成30年度", 2018), ("H30", 2018), ("R元", 2019),
    ("2024", None), ("令和", None), ("R", None), ("子育て", None), ("FY24", None), ("99999年度", None)])
def test_fiscal_years_named_in_a_search(word: str, year: int | None) -> None:
    assert fiscal_year_named(word) == year


def test_searching_a_fiscal_year_links_its_published_evaluations(world: World) -> None:
    public = TestClient(create_app(world.engine))
    none_yet = public.get("/search?q=令和7年度").text
    assert "令和7年度 (2025)に公表された施策評価はありません。" in text_of(none_yet)
    version = submitted_m1(world)
    cycle.review_sheet(world.engine, user=world.reviewer, cycle_id=world.cycle.id, node_id=node_id(world.engine, "m1"),
                       version=version, approve=True)
    link = f'<a href="/plans/{world.plan_id}/evaluations/2025">{PLAN_TITLE}: 令和7年度 (2025)の施策評価（公表 1件）</a>'
    for query in ("令和7年度", "R7", "2025年度", "FY2025", "ｒ７"):
        found = public.get("/search", params={"q": query}).text
        assert link in found and "該当する項目はありません。" not in found, query  # the year's link is the answer
    assert public.get(f"/plans/{world.plan_id}/evaluations/2025").status_code == 200
    assert "令和6年度 (2024)に公表された施策評価はありません。" in text_of(public.get("/search?q=R6").text)
    english = public.get("/search?q=R7&lang=en").text
    assert f'{PLAN_TITLE}: measure evaluations of FY2025 (1 published)</a>' in english
    # a year and a word: the year answered apart, the word searched
    both = public.get("/search", params={"q": "令和7年度 待機児童", "lang": "ja"}).text
    assert link in both and WAITING in text_of(both) and "1 件の結果" in text_of(both)
    api = public.get("/api/v1/search", params={"q": "R7"}).json()
    assert api["fiscal_year"] == {"year": 2025, "word": "R7", "plans": [
        {"plan_id": world.plan_id, "plan_title": PLAN_TITLE, "approved": 1, "url": f"/plans/{world.plan_id}/evaluations/2025",
         "index_url": f"/plans/{world.plan_id}/evaluations"}]}
    assert public.get("/api/v1/search", params={"q": "保育"}).json()["fiscal_year"] is None
    other_plan = public.get("/search", params={"q": "R7", "plan": str(world.plan_id + 1000)}).text
    assert "令和7年度 (2025)に公表された施策評価はありません。" in text_of(other_plan)
