"""Opinions on a draft (パブリックコメント): the period's rules, sending without an account, staff's
themes, groups and answers, and the public table after the period (page, JSON, CSV, PDF, CLI,
static site) without anything a sender wrote or said about themselves. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from comment_helpers import DRAFT_TITLE, PASSWORD, Drafts, node_of, store_drafts
from keikaku.cli.main import app as cli_app
from keikaku.domain import comments as rules
from keikaku.domain.errors import NotFoundError
from keikaku.domain.permissions import PermissionDenied
from keikaku.services import accounts, comment_answers, comment_table, comments
from keikaku.services.comment_limits import RateLimiter
from keikaku.services.cycle_common import ValidationFailed, today_jst
from keikaku.storage import models as m
from keikaku.storage.comment_models import Opinion
from keikaku.storage.database import transaction
from keikaku.web.app import create_app

START, END = date(2026, 5, 1), date(2026, 5, 31)
DURING, BEFORE, AFTER = date(2026, 5, 10), date(2026, 4, 30), date(2026, 6, 1)
NOTICE = "素案への意見を募集します。\n寄せられた意見は要旨にまとめ、市の考え方とともに公表します。"
NAME, AREA = "山田 花子", "けやき台二丁目"


@pytest.fixture
def drafts(engine: Engine) -> Drafts:
    return store_drafts(engine)


def opened(engine: Engine, d: Drafts, *, start: date = START, end: date = END, nodes: tuple[str, ...] = ("m1", "m2")) -> None:
    comments.open_period(engine, user=d.admin, plan_id=d.draft, start=start, end=end, notice=NOTICE, node_keys=list(nodes))


def audit_types(engine: Engine) -> dict[str, int]:
    with transaction(engine) as s:
        rows = s.execute(select(m.AuditEntry.object_type, func.count()).group_by(m.AuditEntry.object_type)).all()
    return {t: n for t, n in rows}


def stored(engine: Engine) -> list[Opinion]:
    with transaction(engine) as s:
        return list(s.scalars(select(Opinion).order_by(Opinion.id)))


def code_of(call) -> str:  # noqa: ANN001
    with pytest.raises(ValidationFailed) as caught:
        call()
    return caught.value.code


# --- the period ------------------------------------------------------------------------------------

def test_a_period_opens_on_a_draft_only_once_and_is_audited(engine: Engine, drafts: Drafts) -> None:
    d = drafts
    adopted = lambda: comments.open_period(engine, user=d.admin, plan_id=d.final, start=START, end=END, notice=NOTICE)  # noqa: E731
    assert code_of(adopted) == "not_draft"
    backwards = lambda: comments.open_period(engine, user=d.admin, plan_id=d.draft, start=END, end=START, notice=NOTICE)  # noqa: E731
    assert code_of(backwards) == "end_before_start"
    unknown = lambda: comments.open_period(engine, user=d.admin, plan_id=d.draft, start=START, end=END, notice=NOTICE,  # noqa: E731
                                           node_keys=["m1", "nope"])
    assert code_of(unknown) == "unknown_node"
    blank = lambda: comments.open_period(engine, user=d.admin, plan_id=d.draft, start=START, end=END, notice="  ")  # noqa: E731
    assert code_of(blank) == "text_missing"
    editor = accounts.create_user(engine, name="hoiku", role="editor", password=PASSWORD, departments=["保育課"])
    with pytest.raises(PermissionDenied):
        comments.open_period(engine, user=editor, plan_id=d.draft, start=START, end=END, notice=NOTICE)
    assert "comment_period" not in audit_types(engine)

    info = comments.open_period(engine, user=d.admin, plan_id=d.draft, start=START, end=END, notice=NOTICE, node_keys=["m2", "m1", "m2"])
    assert (info.start, info.end, info.notice, info.node_keys) == (START, END, NOTICE, ("m2", "m1"))
    assert [n.label for n in info.nodes] == ["施策 1 子育て支援の充実", "施策 2 学校教育の充実"]
    assert code_of(lambda: opened(engine, d)) == "period_exists"
    changed = comments.change_period(engine, user=d.admin, plan_id=d.draft, start=START, end=END + timedelta(days=7),
                                     notice=NOTICE, node_keys=[])
    assert (changed.end, changed.node_keys, len(changed.nodes)) == (date(2026, 6, 7), (), 25)
    assert audit_types(engine)["comment_period"] == 2


def test_opinions_are_refused_before_and_after_the_period(engine: Engine, drafts: Drafts) -> None:
    with pytest.raises(NotFoundError):
        comments.submit_opinion(engine, plan_id=drafts.draft, body="意見", today=DURING)
    opened(engine, drafts)
    for day, code in ((BEFORE, "period_not_started"), (AFTER, "period_ended")):
        with pytest.raises(comments.PeriodClosed) as caught:
            comments.submit_opinion(engine, plan_id=drafts.draft, body="意見", today=day)
        assert (caught.value.code, caught.value.values) == (code, {"start": "2026-05-01", "end": "2026-05-31"})
    first, last = (comments.submit_opinion(engine, plan_id=drafts.draft, body="意見", today=day) for day in (START, END))
    assert (first.received_on, last.received_on) == (START, END)
    assert len(stored(engine)) == 2


def test_an_opinion_is_stored_exactly_as_written(engine: Engine, drafts: Drafts) -> None:
    opened(engine, drafts)
    decomposed = unicodedata.normalize("NFD", "が")  # か + combining mark: never normalised
    body = f"  駅前の公園に{decomposed}ほしい。\r\n\r\n　全角スペースも　そのまま。 \t"
    receipt = comments.submit_opinion(engine, plan_id=drafts.draft, body=body, node_key="m1", name=f" {NAME} ",
                                      age_group="40代", area=AREA, today=DURING)
    assert (receipt.plan_title, receipt.node_label, receipt.end) == (DRAFT_TITLE, "施策 1 子育て支援の充実", END)
    [row] = stored(engine)
    assert (row.body, row.name, row.area, row.age_group, row.node_key, row.source) == (
        body, f" {NAME} ", AREA, "40代", "m1", "citizen")
    assert len(row.body) == len(body) and unicodedata.is_normalized("NFC", row.body) is False
    comments.submit_opinion(engine, plan_id=drafts.draft, body="意見だけ", name="  ", area="", age_group="", today=DURING)
    assert [(o.name, o.area, o.age_group, o.node_key) for o in stored(engine)][1] == (None, None, None, None)


def test_honeypot_size_limits_and_bad_fields_are_refused(engine: Engine, drafts: Drafts) -> None:
    opened(engine, drafts)
    send = lambda **kw: comments.submit_opinion(engine, plan_id=drafts.draft, today=DURING, **{"body": "意見", **kw})  # noqa: E731
    assert code_of(lambda: send(honeypot="https://spam.example")) == "honeypot"
    with pytest.raises(ValidationFailed) as caught:
        send(body="あ" * 4001)
    assert (caught.value.code, caught.value.field, caught.value.values) == ("text_too_long", "body", {"max": 4000, "chars": 4001})
    assert code_of(lambda: send(body=" \n　")) == "text_missing"
    assert code_of(lambda: send(body="意見\x00")) == "text_bad_characters"
    assert code_of(lambda: send(name="名" * 101)) == "text_too_long"
    assert code_of(lambda: send(area="地" * 101)) == "text_too_long"
    assert code_of(lambda: send(age_group="25歳")) == "bad_age_group"
    assert code_of(lambda: send(node_key="m3")) == "bad_node"  # not open to opinions
    assert code_of(lambda: send(node_key="no-such")) == "bad_node"
    assert stored(engine) == []
    assert send(body="あ" * 4000).receipt


def test_receipts_are_unique_dated_and_unguessable(engine: Engine, drafts: Drafts) -> None:
    opened(engine, drafts)
    receipts = [comments.submit_opinion(engine, plan_id=drafts.draft, body=f"意見 {i}", today=DURING).receipt for i in range(40)]
    assert len(set(receipts)) == 40
    assert all(rules.RECEIPT_PATTERN.match(r) and r.startswith("20260510-") for r in receipts)
    assert len({r[9:] for r in receipts}) == 40  # the random part differs, not a counter


def test_the_rate_limiter_counts_per_hashed_address_within_bounds() -> None:
    now = [1000.0]
    limiter = RateLimiter(limit=2, window_seconds=60, max_addresses=2, clock=lambda: now[0])
    assert [limiter.allow("198.51.100.7") for _ in range(3)] == [True, True, False]
    assert limiter.retry_after("198.51.100.7") == 60
    assert limiter.allow("203.0.113.9") is True
    now[0] += 60
    assert limiter.allow("198.51.100.7") is True  # the window has passed
    assert limiter.allow("192.0.2.1") is True
    assert len(limiter) == 2 and not limiter.holds("203.0.113.9")  # the least recently seen went first
    assert not any(b"198.51.100.7" in key for key in limiter._seen)  # hashes only
    with pytest.raises(ValueError):
        RateLimiter(limit=0)


# --- the public form -------------------------------------------------------------------------------

def _open_today(engine: Engine, d: Drafts, *, days_back: int = 1) -> None:
    today = today_jst()
    opened(engine, d, start=today - timedelta(days=days_back), end=today + timedelta(days=6))


def _problem(html: str) -> list[str]:
    return re.findall(r'id="form-problem">([^<]+)<', html)


def test_the_form_takes_an_opinion_without_an_account_and_limits_each_address(engine: Engine, drafts: Drafts,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEIKAKU_COMMENT_LIMIT", "3")
    _open_today(engine, drafts)
    client = TestClient(create_app(engine), follow_redirects=False)
    node = node_of(engine, drafts.draft, "m1")
    form = client.get(f"/opinions/nodes/{node}")
    assert form.status_code == 200 and form.headers["cache-control"] == "no-store"
    assert '<option value="m1" selected>施策 1 子育て支援の充実</option>' in form.text
    assert 'name="website" tabindex="-1"' in form.text
    sent = client.post(f"/opinions/plans/{drafts.draft}", data={"body": "保育園を増やしてほしい", "node_key": "m1",
                                                                 "age_group": "30代"})
    receipt = stored(engine)[0].receipt
    assert sent.status_code == 303 and sent.headers["location"] == f"/opinions/receipt/{receipt}"
    shown = client.get(sent.headers["location"])
    assert shown.status_code == 200 and re.search(r'class="receipt-number">([^<]+)<', shown.text).group(1) == receipt
    assert rules.RECEIPT_PATTERN.match(receipt)
    long = client.post(f"/opinions/plans/{drafts.draft}", data={"body": "い" * 4001, "name": NAME})
    assert long.status_code == 422 and _problem(long.text) == ["ご意見は4000字までです（いまは4001字です）。短くしてから送信してください。"]
    assert f'value="{NAME}"' in long.text and "い" * 4001 + "</textarea>" in long.text
    bot = client.post(f"/opinions/plans/{drafts.draft}?lang=en", data={"body": "buy", "website": "x"})
    assert bot.status_code == 422 and _problem(bot.text) == ["The form could not be sent: the field to leave empty has text in it."]
    empty = client.post(f"/opinions/plans/{drafts.draft}", data={"body": " "})
    assert empty.status_code == 422
    for body in ("二通目", "三通目"):  # the refused ones above did not count: two more are stored
        assert client.post(f"/opinions/plans/{drafts.draft}", data={"body": body}).status_code == 303
    limited = client.post(f"/opinions/plans/{drafts.draft}?lang=ja", data={"body": "四通目"})
    assert limited.status_code == 429 and "四通目</textarea>" in limited.text
    assert _problem(limited.text)[0].startswith("短い間に多くの意見が送られたため")
    assert [o.body for o in stored(engine)] == ["保育園を増やしてほしい", "二通目", "三通目"]


def test_the_form_is_closed_outside_the_period(engine: Engine, drafts: Drafts) -> None:
    today = today_jst()
    opened(engine, drafts, start=today + timedelta(days=2), end=today + timedelta(days=9))
    client = TestClient(create_app(engine), follow_redirects=False)
    page = client.get(f"/opinions/plans/{drafts.draft}").text
    assert "<form method=\"post\" action=\"/opinions" not in page and "意見募集は" in page
    refused = client.post(f"/opinions/plans/{drafts.draft}", data={"body": "早すぎる意見"})
    assert refused.status_code == 422 and "から始まります" in _problem(refused.text)[0]
    assert client.get(f"/plans/{drafts.draft}").text.count("/opinions/") == 0  # no notice before the period
    assert client.get("/opinions/plans/99999").status_code == 404


def test_the_draft_pages_link_to_the_form_during_the_period(engine: Engine, drafts: Drafts) -> None:
    _open_today(engine, drafts)
    client = TestClient(create_app(engine))
    m1, m3 = node_of(engine, drafts.draft, "m1"), node_of(engine, drafts.draft, "m3")
    assert f'href="/opinions/plans/{drafts.draft}">意見を送る</a>' in client.get(f"/plans/{drafts.draft}").text
    assert f'href="/opinions/nodes/{m1}">この項目への意見を送る</a>' in client.get(f"/nodes/{m1}").text
    assert "/opinions/" not in client.get(f"/nodes/{m3}").text  # not open to opinions
    assert "/opinions/" not in client.get(f"/plans/{drafts.final}").text
    assert client.get(f"/opinions/nodes/{m3}").status_code == 404  # during the period, not open to opinions


# --- staff -----------------------------------------------------------------------------------------

OPINIONS = [
    ("citizen", "m1", "駅前の保育園をもっと増やしてほしい。待機児童が心配です。"),
    ("citizen", None, "保育園をもっと増やしてください。待機児童が心配。"),
    ("citizen", "m2", "図書館の開館時間を夜まで延ばしてほしい。"),
]


def _fill(engine: Engine, d: Drafts) -> list[int]:
    opened(engine, d)
    for source, node, body in OPINIONS:
        comments.submit_opinion(engine, plan_id=d.draft, body=body, node_key=node, name=NAME, area=AREA, today=DURING)
    comments.add_council_opinion(engine, user=d.admin, plan_id=d.draft, body="子育て支援の指標に保育の質を加えるべきである。",
                                 name="総合計画審議会", node_key="m1")
    return [o.id for o in stored(engine)]


def test_staff_sort_group_and_answer_the_opinions(engine: Engine, drafts: Drafts) -> None:
    d = drafts
    ids = _fill(engine, d)
    [similar] = comment_answers.suggestions(engine, user=d.admin, opinion_id=ids[0])
    assert (similar.opinion_id, similar.score, similar.group_id) == (ids[1], rules.similarity(OPINIONS[0][2], OPINIONS[1][2]), None)
    assert similar.score >= rules.SIMILAR_SCORE
    kids = comment_answers.add_theme(engine, user=d.admin, plan_id=d.draft, name="子育て・教育")
    culture = comment_answers.add_theme(engine, user=d.admin, plan_id=d.draft, name="文化")
    with pytest.raises(ValidationFailed) as caught:
        comment_answers.add_theme(engine, user=d.admin, plan_id=d.draft, name=" 文化 ")
    assert caught.value.code == "duplicate_theme"
    group = comment_answers.group_with(engine, user=d.admin, opinion_id=ids[0], other_id=ids[1])
    assert comment_answers.group_with(engine, user=d.admin, opinion_id=ids[3], other_id=ids[0]) == group  # joins the other's group
    comment_answers.leave_group(engine, user=d.admin, opinion_id=ids[3])
    with pytest.raises(ValidationFailed) as caught:
        comment_answers.group_with(engine, user=d.admin, opinion_id=ids[2], other_id=ids[2])
    assert caught.value.code == "same_opinion"
    comment_answers.answer_group(engine, user=d.admin, group_id=group, theme_id=kids, summary="保育園を増やしてほしい。",
                                 answer="認定こども園の整備で定員を増やします。", plan_changed=True, changed_node_key="m1")
    for kw, code in (({"plan_changed": False, "changed_node_key": "m1"}, "node_without_change"),
                     ({"plan_changed": True, "changed_node_key": "zz"}, "bad_changed_node"),
                     ({"summary": "要" * 4001}, "text_too_long")):
        with pytest.raises(ValidationFailed) as caught:
            comment_answers.answer_group(engine, user=d.admin, group_id=group, theme_id=kids, **kw)
        assert caught.value.code == code
    comment_answers.answer_opinion(engine, user=d.admin, opinion_id=ids[2], theme_id=culture, summary="図書館を夜も開けてほしい。",
                                   answer="利用状況を見て検討します。", plan_changed=False)
    comment_answers.answer_opinion(engine, user=d.admin, opinion_id=ids[3], theme_id=kids, summary="指標に保育の質を加えるべき。",
                                   answer="成果指標に保育の満足度を加えました。", plan_changed=True)
    view = comment_answers.staff_comments(engine, user=d.admin, plan_id=d.draft)
    assert [(t.name, t.count) for t in view.themes] == [("子育て・教育", 3), ("文化", 1)]
    assert [(o.group_id, o.theme_id) for o in view.opinions] == [(group, kids), (group, kids), (None, culture), (None, kids)]
    assert view.unanswered() == 0 and view.final is not None and view.final.plan_id == d.final
    assert audit_types(engine) == {"user": 1, "comment_period": 1, "opinion": 3, "comment_theme": 2, "comment_group": 4}
    viewer = accounts.create_user(engine, name="etsuran", role="viewer", password=PASSWORD)
    with pytest.raises(PermissionDenied):
        comment_answers.staff_comments(engine, user=viewer, plan_id=d.draft)


def _answered(engine: Engine, d: Drafts) -> list[int]:
    ids = _fill(engine, d)
    kids = comment_answers.add_theme(engine, user=d.admin, plan_id=d.draft, name="子育て・教育")
    group = comment_answers.group_with(engine, user=d.admin, opinion_id=ids[0], other_id=ids[1])
    comment_answers.answer_group(engine, user=d.admin, group_id=group, theme_id=kids, summary="=保育園を増やしてほしい。",
                                 answer="認定こども園の整備で定員を増やします。", plan_changed=True, changed_node_key="m1")
    comment_answers.answer_opinion(engine, user=d.admin, opinion_id=ids[3], theme_id=None, summary="指標に保育の質を加えるべき。",
                                   answer="成果指標に加えました。", plan_changed=False)
    return ids  # ids[2] (図書館) is left without a summary: counted, not listed


EXPECTED_CSV = (
    "\ufeffnumber,theme,source,node,opinions,summary,answer,plan_changed,changed_node,changed_node_url\r\n"
    "1,子育て・教育,市民,複数の項目,2,'=保育園を増やしてほしい。,認定こども園の整備で定員を増やします。,yes,施策 1 子育て支援の充実,/nodes/{final_m1}\r\n"
    "2,その他,議会,施策 1 子育て支援の充実,1,指標に保育の質を加えるべき。,成果指標に加えました。,no,,\r\n"
)


def test_the_public_table_is_published_after_the_period_without_personal_data(engine: Engine, drafts: Drafts) -> None:
    d = drafts
    _answered(engine, d)
    during = comment_table.comment_table(engine, d.draft, today=DURING)
    assert (during.published, during.total, during.themes, during.state) == (False, 0, (), "open")
    with pytest.raises(NotFoundError):
        comment_table.published_table(engine, d.draft, today=END)
    table = comment_table.published_table(engine, d.draft, today=AFTER)
    assert (table.total, table.by_source, table.pending) == (4, {"citizen": 3, "council": 1}, 1)
    # the unsummarised one is pending (要旨作成中), not counted under その他
    assert [(t.name, t.count, len(t.rows)) for t in table.themes] == [("子育て・教育", 2, 1), (None, 1, 1)]
    final_m1 = node_of(engine, d.final, "m1")
    first = table.themes[0].rows[0]
    assert (first.number, first.sources, first.node, first.opinions, first.changed_node, first.changed_node_url) == (
        1, ("citizen",), None, 2, "施策 1 子育て支援の充実", f"/nodes/{final_m1}")
    assert (first.several_items, table.themes[1].rows[0].several_items) == (True, False)  # on 施策 1 and the whole plan
    second = table.themes[1].rows[0]
    assert (second.sources, second.node, second.node_url, second.plan_changed) == (
        ("council",), "施策 1 子育て支援の充実", f"/nodes/{node_of(engine, d.draft, 'm1')}", False)
    assert comment_table.render_csv(table) == EXPECTED_CSV.format(final_m1=final_m1).encode("utf-8")
    data = json.dumps(table.to_json(), ensure_ascii=False)
    for private in (NAME, AREA, *(body for _, _, body in OPINIONS), "総合計画審議会", *(o.receipt for o in stored(engine))):
        assert private not in data and private not in comment_table.render_csv(table).decode("utf-8-sig")


def test_the_public_page_json_csv_and_pdf(engine: Engine, drafts: Drafts) -> None:
    d = drafts
    today = today_jst()
    opened(engine, d, start=today - timedelta(days=9), end=today + timedelta(days=9))
    client = TestClient(create_app(engine))
    assert client.get(f"/api/v1/plans/{d.draft}/comments").json()["published"] is False
    assert client.get(f"/plans/{d.draft}/comments.csv").status_code == 404
    assert "募集期間（" in client.get(f"/plans/{d.draft}/comments").text
    with transaction(engine) as s:  # the period as it was: opinions taken from 9 days ago to 5 days ago
        period = s.scalar(select(m.CommentPeriod))
        period.end_day = today - timedelta(days=5)
    for source, node, body in OPINIONS:
        with transaction(engine) as s:
            s.add(Opinion(period_id=period.id, receipt=rules.new_receipt(today), source=source, node_key=node, body=body, name=NAME))
    ids = [o.id for o in stored(engine)]
    comment_answers.answer_opinion(engine, user=d.admin, opinion_id=ids[2], theme_id=None, summary="図書館を夜も開けてほしい。",
                                   answer="検討します。", plan_changed=None)
    page = client.get(f"/plans/{d.draft}/comments").text
    assert "図書館を夜も開けてほしい。" in page and "検討します。" in page and "意見の数 3件（市民 3件・議会 0件）" in page
    assert NAME not in page and OPINIONS[2][2] not in page
    assert f'<a href="/plans/{d.draft}/comments">寄せられた意見と市の考え方</a>' in client.get(f"/plans/{d.draft}").text
    english = client.get(f"/plans/{d.draft}/comments?lang=en").text
    assert "Opinions and the city&#39;s answers" in english and "3 opinions (3 from citizens, 0 from the council)" in english
    api = client.get(f"/api/v1/plans/{d.draft}/comments").json()
    assert (api["published"], api["total"], api["pending"], [t["count"] for t in api["themes"]]) == (True, 3, 2, [1])
    assert api["themes"][0]["rows"][0]["summary"] == "図書館を夜も開けてほしい。"
    csv = client.get(f"/plans/{d.draft}/comments.csv")
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.content.startswith(b"\xef\xbb\xbfnumber,theme,source,node,opinions,summary,answer,plan_changed,changed_node,changed_node_url\r\n")
    assert f'filename="keikaku-plan-{d.draft}-comments.csv"' in csv.headers["content-disposition"]
    pdf = client.get(f"/plans/{d.draft}/comments.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    doc = pdfium.PdfDocument(pdf.content)
    text = doc[0].get_textpage().get_text_range()
    assert "意見と市の考え方" in text and "図書館を夜も開けてほしい" in text and NAME not in text
    assert client.get("/api/v1/plans/99999/comments").status_code == 404


# --- staff pages and the command line ---------------------------------------------------------------

def _signed_in(engine: Engine) -> tuple[TestClient, str]:
    client = TestClient(create_app(engine), follow_redirects=False)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    assert client.post("/login", data={"name": "kikaku", "password": PASSWORD, "csrf_token": token}).status_code == 303
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/staff").text).group(1)
    return client, csrf


def test_the_staff_pages_keep_what_was_typed(engine: Engine, drafts: Drafts) -> None:
    d = drafts
    client, csrf = _signed_in(engine)
    assert 'href="/staff/comments"' in client.get("/staff").text
    assert f'href="/staff/plans/{d.draft}/comments"' in client.get("/staff/comments").text
    bad = client.post(f"/staff/plans/{d.draft}/comments/period",
                      data={"csrf_token": csrf, "start": "2026-05-31", "end": "2026-05-01", "notice": NOTICE, "nodes": ["m1"]})
    assert bad.status_code == 422 and _problem(bad.text) == ["終了日は開始日以降の日にしてください。"]
    assert 'value="2026-05-31"' in bad.text and 'value="m1" checked' in bad.text
    assert client.post(f"/staff/plans/{d.draft}/comments/period", data={"start": "2026-05-01", "end": "2026-05-31",
                                                                        "notice": NOTICE}).status_code == 403
    ok = client.post(f"/staff/plans/{d.draft}/comments/period",
                     data={"csrf_token": csrf, "start": "2026-05-01", "end": "2026-05-31", "notice": NOTICE, "nodes": ["m1"]})
    assert ok.status_code == 303
    assert comments.period_of(engine, d.draft).node_keys == ("m1",)
    comments.submit_opinion(engine, plan_id=d.draft, body=OPINIONS[0][2], today=DURING)
    comments.submit_opinion(engine, plan_id=d.draft, body=OPINIONS[1][2], today=DURING)
    first, second = (o.id for o in stored(engine))
    page = client.get(f"/staff/opinions/{first}").text
    assert OPINIONS[0][2] in page and f'name="other" value="{second}"' in page
    grouped = client.post(f"/staff/opinions/{first}/group", data={"csrf_token": csrf, "other": str(second)})
    assert grouped.status_code == 303 and grouped.headers["location"].startswith("/staff/comment-groups/")
    refused = client.post(grouped.headers["location"].split("?")[0],
                          data={"csrf_token": csrf, "summary": "要旨", "answer": "回答", "plan_changed": "no", "changed_node_key": "m1"})
    assert refused.status_code == 422 and "回答</textarea>" in refused.text
    assert _problem(refused.text) == ["変更した項目は「計画への反映: 有」のときだけ選べます。"]
    public = TestClient(create_app(engine))
    assert public.get(f"/staff/plans/{d.draft}/comments", follow_redirects=False).status_code == 303  # to /login


def test_the_command_line_opens_lists_and_exports(cli_env: str, engine: Engine, drafts: Drafts, tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(cli_app, ["comments", "open", "--plan", "990019:comprehensive-2-draft", "--user", "kikaku",
                                   "--start", "2026-05-01", "--end", "2026-05-31", "--notice", NOTICE, "--node", "m1"])
    assert done.exit_code == 0, done.output
    assert done.output == f"意見募集を開始しました: {DRAFT_TITLE} 2026-05-01〜2026-05-31（1 項目）\n"
    again = runner.invoke(cli_app, ["comments", "open", "--plan", str(drafts.final), "--user", "kikaku",
                                    "--start", "2026-05-01", "--end", "2026-05-31", "--notice", NOTICE])
    assert again.exit_code == 2
    comments.submit_opinion(engine, plan_id=drafts.draft, body="保育園を増やして", today=DURING)
    listed = runner.invoke(cli_app, ["comments", "list", "--user", "kikaku", "--plan", str(drafts.draft), "--format", "json"])
    assert [o["body"] for o in json.loads(listed.output)] == ["保育園を増やして"]
    drafts_out = runner.invoke(cli_app, ["comments", "list", "--user", "kikaku"])
    assert drafts_out.output.startswith(f"{drafts.draft}\t990019:comprehensive-2-draft\t素案\tafter 2026-05-01〜2026-05-31 (1)")
    out = tmp_path / "table.csv"
    exported = runner.invoke(cli_app, ["comments", "export", "--plan", str(drafts.draft), "-o", str(out)])
    assert exported.exit_code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbfnumber,theme,")
    help_text = runner.invoke(cli_app, ["comments", "--help"]).output
    assert "意見募集（パブリックコメント）" in help_text and "案の意見募集を開始する" in help_text


def test_the_static_site_carries_the_table_but_never_the_form(engine: Engine, drafts: Drafts, tmp_path: Path) -> None:
    from keikaku.web.static_site import publish_static

    d = drafts
    today = today_jst()
    opened(engine, d, start=today - timedelta(days=20), end=today - timedelta(days=1))
    publish_static(engine, tmp_path / "site", plans=[d.draft])
    site = tmp_path / "site"
    assert (site / "plans" / str(d.draft) / "comments" / "index.html").exists()
    assert (site / "api" / "v1" / "plans" / str(d.draft) / "comments.json").exists()
    assert not (site / "opinions").exists()
