"""Opinions on a draft, continued: the limit counts stored opinions only, the receipt after a
redirect, long texts and CR LF line breaks, group rows on several items, English pages, the
item form after the period, the static site's sentence instead of the form, staff forms that
refuse bad numbers and confirm a deletion, pending opinions in the counts, and the catalogue."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from comment_helpers import DRAFT_TITLE, PASSWORD, Drafts, node_of, store_drafts
from keikaku.domain import comments as rules
from keikaku.services import comment_answers, comment_table, comments
from keikaku.services.comment_limits import RateLimiter
from keikaku.services.cycle_common import today_jst
from keikaku.storage import models as m
from keikaku.storage.comment_models import CommentPeriod, CommentTheme, Opinion
from keikaku.storage.database import transaction
from keikaku.web.app import create_app

NOTICE = "素案への意見を募集します。"
NAME, AREA = "山田 花子", "けやき台二丁目"


@pytest.fixture
def drafts(engine: Engine) -> Drafts:
    return store_drafts(engine)


def open_days(engine: Engine, d: Drafts, start: date, end: date, nodes: tuple[str, ...] = ("m1", "m2")) -> None:
    comments.open_period(engine, user=d.admin, plan_id=d.draft, start=start, end=end, notice=NOTICE, node_keys=list(nodes))


def open_now(engine: Engine, d: Drafts) -> tuple[date, date]:
    today = today_jst()
    start, end = today - timedelta(days=1), today + timedelta(days=6)
    open_days(engine, d, start, end)
    return start, end


def end_period(engine: Engine, *, days_ago: int = 1) -> date:
    with transaction(engine) as s:
        period = s.scalar(select(CommentPeriod))
        period.end_day = today_jst() - timedelta(days=days_ago)
        return period.end_day


def stored(engine: Engine) -> list[Opinion]:
    with transaction(engine) as s:
        return list(s.scalars(select(Opinion).order_by(Opinion.id)))


def problems(html: str) -> list[str]:
    return re.findall(r'id="form-problem">([^<]+)<', html)


def ja_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def en_day(day: date) -> str:
    return day.strftime("%-d %b %Y")


def signed_in(engine: Engine) -> tuple[TestClient, str]:
    client = TestClient(create_app(engine), follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    assert client.post("/login", data={"name": "kikaku", "password": PASSWORD, "csrf_token": token}).status_code == 303
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/staff").text).group(1)
    return client, csrf


# --- 1. only stored opinions count ------------------------------------------------------------------

def test_asking_the_limiter_counts_nothing_and_recording_counts_one() -> None:
    now = [500.0]
    limiter = RateLimiter(limit=2, window_seconds=60, clock=lambda: now[0])
    assert [limiter.would_allow("198.51.100.7") for _ in range(5)] == [True] * 5
    assert len(limiter) == 0  # asking remembers nothing
    limiter.record("198.51.100.7")
    now[0] += 10
    limiter.record("198.51.100.7")
    assert (limiter.would_allow("198.51.100.7"), limiter.retry_after("198.51.100.7"), len(limiter)) == (False, 50, 1)
    assert limiter.would_allow("203.0.113.9") is True
    now[0] += 50
    assert limiter.would_allow("198.51.100.7") is True  # the first one left the window


def test_refused_sendings_do_not_use_up_the_limit(engine: Engine, drafts: Drafts, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEIKAKU_COMMENT_LIMIT", "1")
    open_now(engine, drafts)
    client = TestClient(create_app(engine), follow_redirects=False)
    url = f"/opinions/plans/{drafts.draft}"
    refused = [client.post(url, data=data).status_code for data in
               ({"body": ""}, {"body": "あ" * 4001}, {"body": "買って", "website": "https://spam.example"},
                {"body": "意見", "age_group": "25歳"}, {"body": "意見", "node_key": "m3"})]
    assert refused == [422] * 5
    assert client.post(url, data={"body": "一通目"}).status_code == 303
    assert client.post(url, data={"body": "二通目"}).status_code == 429
    assert [o.body for o in stored(engine)] == ["一通目"]


# --- 2. post, redirect, get ----------------------------------------------------------------------------

def test_the_receipt_is_a_page_of_its_own_and_reloading_it_sends_nothing(engine: Engine, drafts: Drafts) -> None:
    start, _ = open_now(engine, drafts)
    client = TestClient(create_app(engine), follow_redirects=False)
    sent = client.post(f"/opinions/plans/{drafts.draft}?lang=en", data={
        "body": "駅前に保育園を", "node_key": "m1", "name": NAME, "age_group": "40代", "area": AREA})
    [row] = stored(engine)
    assert (sent.status_code, sent.headers["location"]) == (303, f"/opinions/receipt/{row.receipt}?lang=en")
    pages = [client.get(f"/opinions/receipt/{row.receipt}?lang=ja") for _ in range(3)]
    assert len(stored(engine)) == 1
    page = pages[-1]
    assert (page.status_code, page.headers["cache-control"], page.headers["x-robots-tag"]) == (200, "no-store", "noindex")
    assert re.search(r'class="receipt-number">([^<]+)<', page.text).group(1) == row.receipt
    assert f"{DRAFT_TITLE} — 施策 1 子育て支援の充実" in page.text
    assert f"<dd>{ja_day(today_jst())}</dd>" in page.text
    for private in ("駅前に保育園を", NAME, AREA, "40代"):
        assert private not in page.text
    english = client.get(sent.headers["location"]).text
    assert "Your opinion was received" in english and f"<dd>{en_day(today_jst())}</dd>" in english
    council = comments.add_council_opinion(engine, user=drafts.admin, plan_id=drafts.draft, body="議会の意見")
    for number in ("20260510-AAAAAAAA", "not-a-receipt", council, row.receipt.lower()):
        assert client.get(f"/opinions/receipt/{number}").status_code == 404, number


# --- 3. long texts and line breaks -------------------------------------------------------------------

def test_a_very_long_opinion_comes_back_in_the_form_with_its_length(engine: Engine, drafts: Drafts) -> None:
    open_now(engine, drafts)
    client = TestClient(create_app(engine), follow_redirects=False)
    long = client.post(f"/opinions/plans/{drafts.draft}", data={"body": "あ" * 20000, "name": NAME})
    assert long.status_code == 422
    assert problems(long.text) == ["ご意見は4000字までです（いまは20000字です）。短くしてから送信してください。"]
    assert ">" + "あ" * 16000 + "</textarea>" in long.text and f'value="{NAME}"' in long.text  # as much as is safe
    english = client.post(f"/opinions/plans/{drafts.draft}?lang=en", data={"body": "a" * 4001})
    assert problems(english.text) == ["At most 4000 characters for your opinion (4001 now): shorten it and send again."]
    assert stored(engine) == []


def test_a_crlf_line_break_counts_as_one_character_and_is_stored_as_received(engine: Engine, drafts: Drafts) -> None:
    assert (rules.text_length("あ\r\nい\nう\r"), rules.check_text("あ" * 3999 + "\r\n", limit=4000)) == (6, None)
    assert rules.check_text("あ" * 4000 + "\r\n", limit=4000) == rules.TextProblem("too_long", 4001)
    open_now(engine, drafts)
    client = TestClient(create_app(engine), follow_redirects=False)
    body = ("あ" * 399 + "\r\n") * 10  # 4,010 characters as sent, 4,000 as counted
    assert len(body) == 4010
    assert client.post(f"/opinions/plans/{drafts.draft}", data={"body": body}).status_code == 303
    assert [o.body for o in stored(engine)] == [body]


# --- 4 and 15. group rows on several items; pending opinions in the counts ---------------------------

def _table_world(engine: Engine, d: Drafts) -> dict[str, int]:
    today = today_jst()
    open_days(engine, d, today - timedelta(days=9), today + timedelta(days=1))
    on_m1 = comments.submit_opinion(engine, plan_id=d.draft, body="保育園を増やして", node_key="m1")
    on_m2 = comments.submit_opinion(engine, plan_id=d.draft, body="学校の保育園を増やして", node_key="m2")
    comments.submit_opinion(engine, plan_id=d.draft, body="図書館を夜も")
    ids = [o.id for o in stored(engine)]
    kids = comment_answers.add_theme(engine, user=d.admin, plan_id=d.draft, name="子育て")
    group = comment_answers.group_with(engine, user=d.admin, opinion_id=ids[0], other_id=ids[1])
    comment_answers.answer_group(engine, user=d.admin, group_id=group, theme_id=kids, summary="保育園を増やしてほしい。",
                                 answer="増やします。", plan_changed=False)
    end_period(engine)
    assert on_m1.receipt != on_m2.receipt
    return {"group": group, "kids": kids, "library": ids[2]}


def test_a_group_on_several_items_says_so_on_the_page_in_json_and_csv(engine: Engine, drafts: Drafts) -> None:
    _table_world(engine, drafts)
    client = TestClient(create_app(engine))
    page = client.get(f"/plans/{drafts.draft}/comments").text
    assert re.search(r'class="comment-no">No\. 1 · 複数の項目 · 市民 · 同趣旨の意見 2件</p>', page)
    english = client.get(f"/plans/{drafts.draft}/comments?lang=en").text
    assert re.search(r'class="comment-no">No\. 1 · Several items · Citizens · 2 opinions of the same purport</p>', english)
    row = client.get(f"/api/v1/plans/{drafts.draft}/comments").json()["themes"][0]["rows"][0]
    assert (row["node"], row["node_url"], row["several_items"]) == (None, None, True)
    csv = client.get(f"/plans/{drafts.draft}/comments.csv").content.decode("utf-8-sig").splitlines()
    assert csv[1] == "1,子育て,市民,複数の項目,2,保育園を増やしてほしい。,増やします。,no,,"
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["CommentRowOut"]["properties"]
    assert "複数の項目" in schema["several_items"]["description"]


def test_pending_opinions_are_counted_as_being_summarised_not_as_other(engine: Engine, drafts: Drafts) -> None:
    _table_world(engine, drafts)
    table = comment_table.published_table(engine, drafts.draft)
    assert [(t.name, t.count) for t in table.themes] == [("子育て", 2)] and table.pending == 1
    client = TestClient(create_app(engine))
    page = client.get(f"/plans/{drafts.draft}/comments").text
    counts = re.search(r'<table class="comment-counts">.*?</table>', page, re.S).group(0)
    assert re.findall(r'<th scope="row">([^<]+)</th><td class="num">(\d+)</td>', counts) == [("子育て", "2"), ("要旨作成中", "1")]
    assert "その他" not in counts
    english = client.get(f"/plans/{drafts.draft}/comments?lang=en").text
    assert "1 opinion is still being summarised and will be added." in english
    assert "3 opinions (3 from citizens, 0 from the council)" in english


# --- 5 and 11. English pages and words ------------------------------------------------------------------

def test_english_pages_translate_the_draft_word_age_groups_and_dates(engine: Engine, drafts: Drafts) -> None:
    start, end = open_now(engine, drafts)
    client = TestClient(create_app(engine), follow_redirects=False)
    form = client.get(f"/opinions/plans/{drafts.draft}?lang=en").text
    assert '<span class="draft">preliminary draft</span>' in form and "素案</span>" not in form
    assert '<option value="40代">40s</option>' in form and '<option value="10代以下">19 or under</option>' in form
    assert f"Comment period: {en_day(start)} – {en_day(end)}</p>" in form
    japanese = client.get(f"/opinions/plans/{drafts.draft}?lang=ja").text
    assert '<option value="40代">40代</option>' in japanese and f"募集期間: {ja_day(start)}〜{ja_day(end)}</p>" in japanese
    table = client.get(f"/plans/{drafts.draft}/comments?lang=en").text
    assert '<span class="draft">preliminary draft</span>' in table and f"{en_day(start)} – {en_day(end)}" in table
    assert client.get(f"/api/v1/plans/{drafts.draft}/comments").json()["plan_status_word_en"] == "preliminary draft"
    missing = client.post(f"/opinions/plans/{drafts.draft}?lang=en", data={"body": "  ", "age_group": "40代"})
    assert problems(missing.text) == ["Fill in your opinion."] and '<option value="40代" selected>40s</option>' in missing.text
    comments.submit_opinion(engine, plan_id=drafts.draft, body="意見", age_group="70代以上")
    staff, _ = signed_in(engine)
    opinion = staff.get(f"/staff/opinions/{stored(engine)[0].id}?lang=en").text
    assert "— / 70 or over / —" in opinion


def test_a_closed_period_is_named_with_the_day_as_the_page_prints_it(engine: Engine, drafts: Drafts) -> None:
    today = today_jst()
    start = today + timedelta(days=3)
    open_days(engine, drafts, start, today + timedelta(days=9))
    client = TestClient(create_app(engine), follow_redirects=False)
    early = client.post(f"/opinions/plans/{drafts.draft}", data={"body": "早い意見"})
    assert early.status_code == 422 and problems(early.text) == [f"意見募集は {ja_day(start)} から始まります。"]
    english = client.post(f"/opinions/plans/{drafts.draft}?lang=en", data={"body": "early"})
    assert problems(english.text) == [f"The comment period starts on {en_day(start)}."]


def test_staff_words_theme_name_and_the_council_form(engine: Engine, drafts: Drafts) -> None:
    open_now(engine, drafts)
    client, csrf = signed_in(engine)
    blank = client.post(f"/staff/plans/{drafts.draft}/comments/themes?lang=en", data={"csrf_token": csrf, "name": " "})
    assert problems(blank.text) == ["Fill in the theme name."]
    page = client.get(f"/staff/plans/{drafts.draft}/comments?lang=ja").text
    assert '<label for="cm-council-body">議会の意見</label>' in page
    assert '<label for="cm-council-body">Council&#39;s opinion</label>' in client.get(
        f"/staff/plans/{drafts.draft}/comments?lang=en").text
    empty = client.post(f"/staff/plans/{drafts.draft}/comments/council?lang=ja", data={"csrf_token": csrf, "body": ""})
    assert empty.status_code == 422 and problems(empty.text) == ["議会の意見を入力してください。"]
    comments.submit_opinion(engine, plan_id=drafts.draft, body="意見")
    view = client.get(f"/plans/{drafts.draft}/comments?lang=en").text
    assert "preliminary draft" in view
    drafts_page = client.get("/staff/comments?lang=en").text
    period = comments.period_of(engine, drafts.draft)
    assert f"{period.start.isoformat()} – {period.end.isoformat()}" in drafts_page


# --- 6. the item form after the period ----------------------------------------------------------------

def test_the_item_form_after_the_period_explains_it_and_links_the_table(engine: Engine, drafts: Drafts) -> None:
    open_now(engine, drafts)
    end = end_period(engine)
    client = TestClient(create_app(engine), follow_redirects=False)
    m1, m3 = node_of(engine, drafts.draft, "m1"), node_of(engine, drafts.draft, "m3")
    for node in (m1, m3):
        page = client.get(f"/opinions/nodes/{node}")
        assert page.status_code == 200
        assert (f'<p class="notice">意見募集は {ja_day(end)} に終了しました。 '
                f'<a href="/plans/{drafts.draft}/comments">寄せられた意見と市の考え方</a></p>') in page.text
        assert 'action="/opinions' not in page.text
    english = client.get(f"/opinions/nodes/{m1}?lang=en").text
    assert f"The comment period ended on {en_day(end)}." in english
    assert client.get(f"/opinions/nodes/{node_of(engine, drafts.final, 'm1')}").status_code == 404  # no period
    assert client.get("/opinions/nodes/999999").status_code == 404


# --- 7. the static site during the period ----------------------------------------------------------------

def test_the_static_site_says_where_to_send_an_opinion(engine: Engine, drafts: Drafts, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from keikaku.web.static_site import publish_static

    open_now(engine, drafts)
    monkeypatch.delenv("KEIKAKU_SITE_URL", raising=False)
    publish_static(engine, tmp_path / "plain", plans=[drafts.draft])
    plan = (tmp_path / "plain" / "plans" / str(drafts.draft) / "index.html").read_text(encoding="utf-8")
    assert '<p><span class="static-opinions">意見は市のウェブサイトの意見募集ページから送れます。</span></p>' in plan
    assert "意見を送る" not in plan and "#unpublished" not in plan
    english = (tmp_path / "plain" / "en" / "plans" / str(drafts.draft) / "index.html").read_text(encoding="utf-8")
    assert "Opinions can be sent on the comment page of the city&#39;s website." in english

    monkeypatch.setenv("KEIKAKU_SITE_URL", "https://keikaku.city.example.jp/")
    publish_static(engine, tmp_path / "live", plans=[drafts.draft])
    plan = (tmp_path / "live" / "plans" / str(drafts.draft) / "index.html").read_text(encoding="utf-8")
    url = f"https://keikaku.city.example.jp/opinions/plans/{drafts.draft}"
    assert (f'<span class="static-opinions">意見は市のウェブサイトの意見募集ページ（<a href="{url}" rel="external">{url}</a>）'
            "から送れます。</span>") in plan
    m1 = node_of(engine, drafts.draft, "m1")
    node = (tmp_path / "live" / "nodes" / f"{m1}" / "index.html").read_text(encoding="utf-8")
    assert f"https://keikaku.city.example.jp/opinions/nodes/{m1}" in node
    assert not (tmp_path / "live" / "opinions").exists()


# --- 9 and 10. staff forms -----------------------------------------------------------------------------

def test_deleting_a_theme_is_confirmed_by_a_box_the_server_checks(engine: Engine, drafts: Drafts) -> None:
    open_now(engine, drafts)
    theme = comment_answers.add_theme(engine, user=drafts.admin, plan_id=drafts.draft, name="文化")
    client, csrf = signed_in(engine)
    page = client.get(f"/staff/plans/{drafts.draft}/comments").text
    assert f'<input type="checkbox" id="confirm-theme-{theme}" name="confirm" value="yes" required>' in page
    url = f"/staff/plans/{drafts.draft}/comments/themes/{theme}"
    refused = client.post(url, data={"csrf_token": csrf, "action": "delete"})
    assert refused.status_code == 422
    assert problems(refused.text) == ["取り消せない操作です。確認欄にチェックを入れてから、もう一度押してください。"]
    renamed = client.post(url, data={"csrf_token": csrf, "action": "rename", "name": "文化・芸術"})
    assert renamed.status_code == 303
    with transaction(engine) as s:
        assert s.scalars(select(CommentTheme.name)).all() == ["文化・芸術"]
    assert client.post(url, data={"csrf_token": csrf, "action": "delete", "confirm": "yes"}).status_code == 303
    with transaction(engine) as s:
        assert s.scalars(select(CommentTheme.name)).all() == []


def test_bad_numbers_are_form_problems_and_a_group_keeps_its_theme(engine: Engine, drafts: Drafts) -> None:
    open_now(engine, drafts)
    for body in ("保育園を増やして", "保育園をもっと増やして", "図書館を夜も"):
        comments.submit_opinion(engine, plan_id=drafts.draft, body=body)
    first, second, third = (o.id for o in stored(engine))
    kids = comment_answers.add_theme(engine, user=drafts.admin, plan_id=drafts.draft, name="子育て")
    group = comment_answers.group_with(engine, user=drafts.admin, opinion_id=first, other_id=second)
    comment_answers.answer_group(engine, user=drafts.admin, group_id=group, theme_id=kids, summary="要旨")
    client, csrf = signed_in(engine)
    for url in (f"/staff/opinions/{first}", f"/staff/comment-groups/{group}"):
        bad = client.post(url, data={"csrf_token": csrf, "theme_id": "abc", "summary": "新しい要旨"})
        assert bad.status_code == 422 and problems(bad.text) == ["分野は一覧から選んでください。"], url
        assert "新しい要旨</textarea>" in bad.text or url.startswith("/staff/opinions/")  # a grouped opinion has no answer form
    assert [(o.theme_id, o.summary) for o in stored(engine)[:2]] == [(kids, None), (kids, None)]
    comment_answers.answer_opinion(engine, user=drafts.admin, opinion_id=first, theme_id=None, summary="この意見の要旨")
    with transaction(engine) as s:
        assert s.scalar(select(m.AuditEntry.id).where(m.AuditEntry.object_type == "opinion")) is not None
    assert [o.theme_id for o in stored(engine)] == [kids, kids, None]  # the group was not moved to その他
    assert comment_answers.staff_comments(engine, user=drafts.admin, plan_id=drafts.draft).group(group).theme_id == kids
    for other, words in (("x", "選ばれた意見の番号が正しくありません。"), ("", "選ばれた意見の番号が正しくありません。"),
                         (str(third), None), (str(first), "同じ意見どうしはグループにできません。")):
        answer = client.post(f"/staff/opinions/{first}/group", data={"csrf_token": csrf, "other": other})
        if words is None:
            assert answer.status_code == 303
        else:
            assert answer.status_code == 422 and problems(answer.text) == [words], other


# --- 14. the catalogue ----------------------------------------------------------------------------------

def test_the_catalogue_lists_the_table_of_opinions_once_it_is_public(engine: Engine, drafts: Drafts) -> None:
    open_now(engine, drafts)
    client = TestClient(create_app(engine))

    def downloads() -> dict[int, list[str]]:
        data = client.get("/catalog.jsonld").json()
        return {int(d["@id"].rsplit("/", 1)[1]): [x["dcat:downloadURL"]["@id"].rsplit("/", 1)[1] for x in d["dcat:distribution"]]
                for d in data["dcat:dataset"]}

    during = downloads()
    assert "comments.csv" not in during[drafts.draft]
    end_period(engine)
    after = downloads()
    assert after[drafts.draft] == [*during[drafts.draft], "comments.csv", "comments.pdf"]
    assert after[drafts.final] == during[drafts.final] and "comments.csv" not in after[drafts.final]
    data = client.get("/catalog.jsonld").json()
    [csv] = [x for d in data["dcat:dataset"] for x in d["dcat:distribution"] if x["@id"].endswith("/comments.csv")]
    assert (csv["dcat:mediaType"]["@id"], csv["dct:format"], csv["dct:title"]["@value"]) == (
        "https://www.iana.org/assignments/media-types/text/csv", "CSV", f"{DRAFT_TITLE} 意見と市の考え方（CSV、UTF-8 BOM付き）")
    assert client.get(csv["dcat:downloadURL"]["@id"].split("testserver")[-1]).status_code == 200
    assert json.dumps(data, ensure_ascii=False).count("comments.pdf") == 2  # its @id and downloadURL
