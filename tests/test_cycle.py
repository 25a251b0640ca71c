"""The evaluation cycle on かえで市's plan: open, enter, upload, progress, sheets, review, board."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from cycle_helpers import (
    CHILDCARE_SHARE,
    DEADLINE,
    FOOD_LOSS_PROJECT,
    NURSERY_PROJECT,
    RECYCLING,
    WAITING,
    WASTE,
    YEAR,
    World,
    audit_count,
    fast_hashing,
    indicator_id,
    make_world,
    node_id,
    observation,
    project_id,
    xlsx,
)
from keikaku.domain.assessment import UnknownScaleError
from keikaku.domain.errors import NotFoundError
from keikaku.domain.permissions import PermissionDenied
from keikaku.services import browse, cycle
from keikaku.services.cycle import (
    CycleInfo,
    RowError,
    SheetConflict,
    SheetLocked,
    SheetStateError,
    UploadRejected,
    ValidationFailed,
)
from keikaku.storage import models as m
from keikaku.storage.database import transaction


@pytest.fixture(autouse=True)
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    fast_hashing(monkeypatch)


@pytest.fixture
def world(engine: Engine) -> World:
    return make_world(engine)


# --- opening --------------------------------------------------------------------------------

def test_open_cycle(engine: Engine) -> None:
    w = make_world(engine, open_cycle=False)
    info = cycle.open_cycle(engine, user=w.admin, plan="990019:comprehensive-2", year=2025, deadline="2026-06-30", scale="sabc")
    assert info == CycleInfo(
        id=info.id, plan_id=w.plan_id, plan_key="990019:comprehensive-2", plan_title="かえで市第2次総合計画（架空の例）",
        year=2025, deadline=date(2026, 6, 30), scale="sabc", status="open", opened_by="kikaku", opened_at=info.opened_at,
    )
    assert info.to_json()["deadline"] == "2026-06-30" and info.to_json()["plan"]["id"] == w.plan_id
    assert cycle.get_cycle(engine, info.id) == info
    assert cycle.find_cycle(engine, plan=w.plan_id, year=2025) == info
    assert cycle.find_cycle(engine, plan=w.plan_id, year=2024) is None
    older = cycle.open_cycle(engine, user=w.admin, plan=w.plan_id, year=2024)
    assert older.deadline is None and older.scale == "abcd"
    assert [c.year for c in cycle.list_cycles(engine)] == [2025, 2024]
    assert cycle.list_cycles(engine, plan="990019:comprehensive-2") == [info, older]


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"year": 2025}, ValidationFailed, r"^the FY2025 cycle of this plan is already open \(cycle 1\)$"),
    ({"year": 2031}, ValidationFailed, "^FY2031 is outside the plan period FY2021–FY2030$"),
    ({"year": 2026, "scale": "stars"}, UnknownScaleError, "^unknown grading scale 'stars'; known: abcd, sabc, achieved$"),
    ({"year": 2026, "deadline": "30/06/2027"}, ValidationFailed, "^a deadline is a date YYYY-MM-DD, not '30/06/2027'$"),
    ({"year": 2026, "plan": "nowhere"}, NotFoundError, "no plan 'nowhere'"),
])
def test_open_cycle_refusals(world: World, kwargs: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        cycle.open_cycle(world.engine, user=world.admin, **({"plan": world.plan_id} | kwargs))
    assert len(cycle.list_cycles(world.engine)) == 1


@pytest.mark.parametrize("who", ["reviewer", "hoiku", "viewer"])
def test_only_admins_open_cycles(world: World, who: str) -> None:
    with pytest.raises(PermissionDenied, match="may not open_cycle"):
        cycle.open_cycle(world.engine, user=getattr(world, who), plan=world.plan_id, year=2026)


# --- entering actuals ------------------------------------------------------------------------

def test_enter_actual_stores_a_draft(world: World) -> None:
    info = cycle.enter_actual(world.engine, user=world.hoiku, plan=world.plan_id, indicator=WAITING, year=2025,
                              value="3", text="3人", note="4月1日時点")
    assert info.to_json() == {
        "indicator": {"id": indicator_id(world.engine, WAITING), "name": WAITING, "node_id": node_id(world.engine, "m1"), "unit": "人"},
        "year": 2025, "value": 3, "text": "3人", "note": "4月1日時点", "status": "draft", "entered_by": "hoiku",
        "entered_at": info.to_json()["entered_at"], "outcome": "created", "sample_size": None, "margin_of_error": None,
    }
    row = observation(world.engine, WAITING, 2025)
    assert (row.value, row.text, row.status, row.entered_by_id, row.position) == (3, "3人", "draft", world.hoiku.id, 4)
    assert row.entered_at is not None
    same = cycle.enter_actual(world.engine, user=world.hoiku, plan=world.plan_id, indicator=WAITING, year=2025, value=3,
                              text="3人", note="4月1日時点")
    assert same.outcome == "unchanged"
    by_id = cycle.enter_actual(world.engine, user=world.hoiku, plan=str(world.plan_id), indicator=indicator_id(world.engine, WAITING),
                               year="令和7年度", value="２")
    assert (by_id.outcome, by_id.value, by_id.text, by_id.note) == ("updated", 2, None, None)


def test_correcting_a_published_actual_makes_it_a_draft_and_drops_its_printed_rate(world: World) -> None:
    cycle.open_cycle(world.engine, user=world.admin, plan=world.plan_id, year=2024)
    before = observation(world.engine, "創業支援による創業件数", 2024)
    assert (before.value, before.reported_rate, before.status) == (27, 108, "published")
    info = cycle.enter_actual(world.engine, user=world.admin, plan=world.plan_id, indicator="創業支援による創業件数", year=2024, value=26)
    after = observation(world.engine, "創業支援による創業件数", 2024)
    assert info.outcome == "updated"
    assert (after.id, after.value, after.text, after.reported_rate, after.status) == (before.id, 26, None, None, "draft")


def test_values_as_staff_write_them(world: World) -> None:
    enter = lambda ind, value: cycle.enter_actual(world.engine, user=world.gomi, plan=world.plan_id, indicator=ind, year=YEAR, value=value)  # noqa: E731
    assert enter(WASTE, "1,234").value == 1234
    assert enter(RECYCLING, "３０．５").value == 30.5
    assert enter(RECYCLING, "31.5%").value == 31.5
    assert enter(RECYCLING, 0).value == 0


@pytest.mark.parametrize(("indicator", "year", "value", "code", "message"), [
    ("存在しない指標", 2025, "1", "unknown_indicator", "no indicator '存在しない指標' in this plan"),
    (9999, 2025, "1", "unknown_indicator", "no indicator '9999' in this plan"),
    (WAITING, 2025, "abc", "not_a_number", "not a number: 'abc'"),
    (WAITING, 2025, "3人", "not_a_number", "not a number: '3人'"),
    (WAITING, 2025, "nan", "not_a_number", "not a number: 'nan'"),
    (WAITING, 2025, "", "missing", "the value is empty"),
    (CHILDCARE_SHARE, 2025, "120", "percent_range", "120% is outside 0–100 for a percentage"),
    (CHILDCARE_SHARE, 2025, "-0.5", "percent_range", "-0.5% is outside 0–100 for a percentage"),
    (WAITING, 2035, "1", "outside_period", "FY2035 is outside the plan period FY2021–FY2030"),
    (WAITING, 2020, "1", "outside_period", "FY2020 is outside the plan period FY2021–FY2030"),
    (WAITING, "来年", "1", "bad_year", "not a fiscal year: '来年'"),
    (WAITING, 2026, "1", "no_cycle", "no evaluation cycle is open for FY2026 (`keikaku cycle open`)"),
])
def test_enter_actual_validation(world: World, indicator: object, year: object, value: str, code: str, message: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        cycle.enter_actual(world.engine, user=world.hoiku, plan=world.plan_id, indicator=indicator, year=year, value=value)
    assert (info.value.code, str(info.value)) == (code, message)
    assert info.value.exit_code == 2 and info.value.http_status == 422
    assert observation(world.engine, WAITING, 2025) is None


def test_a_year_before_the_baseline_and_an_ambiguous_name(world: World) -> None:
    with transaction(world.engine) as s:
        s.get(m.Indicator, indicator_id(world.engine, WAITING)).baseline_year = 2026
        s.get(m.Indicator, indicator_id(world.engine, CHILDCARE_SHARE)).name = "資源化率"
    with pytest.raises(ValidationFailed, match=f"^FY2025 is before the baseline year FY2026 of {WAITING}$"):
        cycle.enter_actual(world.engine, user=world.admin, plan=world.plan_id, indicator=WAITING, year=2025, value=1)
    ids = sorted([indicator_id(world.engine, WAITING) + 1, indicator_id(world.engine, WASTE) + 1])
    with pytest.raises(ValidationFailed, match=rf"^2 indicators of this plan are named '資源化率': give its id \({ids[0]}, {ids[1]}\)$"):
        cycle.enter_actual(world.engine, user=world.admin, plan=world.plan_id, indicator="資源化率", year=2025, value=1)


def test_editors_enter_only_their_departments_indicators(world: World) -> None:
    with pytest.raises(PermissionDenied, match="^hoiku \\(editor\\) may enter_actual only for their own departments, not on indicator 資源化率$"):
        cycle.enter_actual(world.engine, user=world.hoiku, plan=world.plan_id, indicator=RECYCLING, year=YEAR, value=30)
    for who in ("reviewer", "viewer"):
        with pytest.raises(PermissionDenied, match="may not enter_actual"):
            cycle.enter_actual(world.engine, user=getattr(world, who), plan=world.plan_id, indicator=WAITING, year=YEAR, value=3)
    # 子育て支援課 owns the indicator, but its measure m1 is 保育課's too
    assert cycle.enter_actual(world.engine, user=world.hoiku, plan=world.plan_id, indicator=CHILDCARE_SHARE, year=YEAR, value=60).outcome == "created"
    assert cycle.enter_actual(world.engine, user=world.gomi, plan=world.plan_id, indicator=RECYCLING, year=YEAR, value=30).outcome == "created"


# --- uploads ---------------------------------------------------------------------------------

def test_upload_csv_with_bom(world: World) -> None:
    content = ("\ufeff指標,年度,値,備考\n"
               f"{WASTE},2025,\"790\",速報値\n"
               f"{RECYCLING},令和7年度,31.2%,\n"
               ",,,\n"
               f"{RECYCLING},2025,,\n").encode("utf-8")
    result = cycle.upload_actuals(world.engine, user=world.gomi, plan=world.plan_id, content=content, filename="gomi.csv")
    assert [(a.indicator, a.year, a.value, a.note, a.status, a.outcome) for a in result.rows] == [
        (WASTE, 2025, 790, "速報値", "draft", "created"), (RECYCLING, 2025, 31.2, None, "draft", "created")]
    assert (result.created, result.updated, result.unchanged, result.skipped) == (2, 0, 0, (5,))
    again = cycle.upload_actuals(world.engine, user=world.gomi, plan=world.plan_id, content=content, filename="gomi.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_upload_csv_in_cp932_with_a_title_row(world: World) -> None:
    content = ("令和7年度 実績値報告（保育課）\n指標名,年度,実績値\n" f"{WAITING},2025,3\n").encode("cp932")
    result = cycle.upload_actuals(world.engine, user=world.hoiku, plan=world.plan_id, content=content, filename="保育課.csv")
    assert [(a.indicator, a.value) for a in result.rows] == [(WAITING, 3)]


def test_upload_csv_with_problems_saves_nothing(world: World) -> None:
    cycle.enter_actual(world.engine, user=world.gomi, plan=world.plan_id, indicator=WASTE, year=YEAR, value=800)
    count = audit_count(world.engine)
    content = ("indicator,year,value,note\n"
               f"{RECYCLING},2025,30.1,ok\n"
               f"{RECYCLING},2025,30.2,\n"
               "ごみの量,2025,1,\n"
               f"{WASTE},2025,abc,\n"
               f"{RECYCLING},2035,150,\n"
               f"{WAITING},2025,3,\n"
               f"{WASTE},,790,\n").encode("utf-8")
    with pytest.raises(UploadRejected) as info:
        cycle.upload_actuals(world.engine, user=world.gomi, plan=world.plan_id, content=content, filename="gomi.csv")
    assert info.value.errors == [
        RowError(3, "indicator", "資源化率, FY2025 is also given in row 2", "duplicate"),
        RowError(4, "indicator", "no indicator 'ごみの量' in this plan", "unknown_indicator"),
        RowError(5, "value", "not a number: 'abc'", "not_a_number"),
        RowError(6, "year", "FY2035 is outside the plan period FY2021–FY2030", "outside_period"),
        RowError(6, "value", "150% is outside 0–100 for a percentage", "percent_range"),
        RowError(7, "indicator", f"gomi may not enter actuals of {WAITING}: not one of your departments", "not_your_department"),
        RowError(8, "year", "the year is empty", "missing"),
    ]
    assert str(info.value).splitlines()[:3] == [
        "gomi.csv: 7 problem(s), nothing was saved:",
        "  row 3, indicator: 資源化率, FY2025 is also given in row 2",
        "  row 4, indicator: no indicator 'ごみの量' in this plan",
    ]
    assert observation(world.engine, RECYCLING, 2025) is None
    assert observation(world.engine, WASTE, 2025).value == 800
    assert audit_count(world.engine) == count


def test_upload_xlsx(world: World) -> None:
    content = xlsx([["かえで市 実績値"], [], ["指標", "年度", "値", "備考"], [WASTE, 2025, 795.5, None], [RECYCLING, "2025年度", 0.312, "調査"]],
                   percent_cells=((5, 3),))
    result = cycle.upload_actuals(world.engine, user=world.gomi, plan=world.plan_id, content=content, filename="gomi.xlsx")
    assert [(a.indicator, a.year, a.value, a.note) for a in result.rows] == [(WASTE, 2025, 795.5, None), (RECYCLING, 2025, 31.2, "調査")]


def test_upload_xlsx_with_problems(world: World) -> None:
    content = xlsx([["指標", "年度", "実績値"], [RECYCLING, 2025, "三十"], [None, None, None], [RECYCLING, 2025.0, 30], [RECYCLING, 2025, 31]])
    with pytest.raises(UploadRejected) as info:
        cycle.upload_actuals(world.engine, user=world.gomi, plan=world.plan_id, content=content, filename="gomi.xlsx")
    assert info.value.errors == [
        RowError(2, "実績値", "not a number: '三十'", "not_a_number"),
        RowError(4, "指標", "資源化率, FY2025 is also given in row 2", "duplicate"),  # a faulty row still claims its year
        RowError(5, "指標", "資源化率, FY2025 is also given in row 2", "duplicate"),
    ]


@pytest.mark.parametrize(("content", "filename", "error"), [
    (b"", "a.csv", RowError(0, None, "the file is empty", "unreadable_file")),
    (b"\x81\xff\xfe", "a.csv", RowError(0, None, "the file is neither UTF-8 nor Shift_JIS (CP932) text; save it as CSV UTF-8 or as .xlsx",
                                        "unreadable_file")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "a.xls", RowError(0, None, "old Excel (.xls) files are not read: save it as .xlsx or CSV",
                                                                 "unreadable_file")),
    ("指標,値\n資源化率,30\n".encode(), "a.csv", RowError(1, None, "missing column: 年度 / year", "missing_column")),
    ("名前,数\n資源化率,30\n".encode(), "a.csv", RowError(1, None, "no header row: name the columns 指標, 年度 and 値 (or indicator, year, value)",
                                                          "no_header")),
])
def test_unreadable_files(world: World, content: bytes, filename: str, error: RowError) -> None:
    with pytest.raises(UploadRejected) as info:
        cycle.upload_actuals(world.engine, user=world.gomi, plan=world.plan_id, content=content, filename=filename)
    assert info.value.errors == [error]


def test_a_broken_xlsx(world: World) -> None:
    with pytest.raises(UploadRejected) as info:
        cycle.upload_actuals(world.engine, user=world.gomi, plan=world.plan_id, content=b"PK\x03\x04broken", filename="a.xlsx")
    assert info.value.errors[0].message.startswith("not a readable Excel (.xlsx) file")


def test_only_editors_and_admins_upload(world: World) -> None:
    with pytest.raises(PermissionDenied):
        cycle.upload_actuals(world.engine, user=world.reviewer, plan=world.plan_id, content=b"x", filename="a.csv")


# --- project progress ------------------------------------------------------------------------

def test_record_project_progress(world: World) -> None:
    pid = project_id(world.engine, NURSERY_PROJECT)
    first = cycle.record_project_progress(world.engine, user=world.hoiku, cycle_id=world.cycle.id, project_id=pid, stage="継続",
                                          progress="2園目の整備に着手")
    assert (first.project, first.stage, first.progress, first.updated_by) == (NURSERY_PROJECT, "継続", "2園目の整備に着手", "hoiku")
    second = cycle.record_project_progress(world.engine, user=world.admin, cycle_id=world.cycle.id, project_id=pid, stage="拡充")
    assert (second.id, second.stage, second.progress, second.updated_by) == (first.id, "拡充", None, "kikaku")
    view = cycle.sheet(world.engine, user=world.viewer, cycle_id=world.cycle.id, node_id=node_id(world.engine, "m1"))
    assert [(p.name, p.department, p.planned_stage, p.stage, p.progress, p.updated_by) for p in view.projects] == [
        (NURSERY_PROJECT, "保育課", "継続", "拡充", None, "kikaku")]
    with pytest.raises(PermissionDenied, match=f"not on project {FOOD_LOSS_PROJECT}$"):
        cycle.record_project_progress(world.engine, user=world.hoiku, cycle_id=world.cycle.id,
                                      project_id=project_id(world.engine, FOOD_LOSS_PROJECT), stage="継続")
    with pytest.raises(NotFoundError, match=f"^no project 9999 in the plan of evaluation cycle {world.cycle.id}$"):
        cycle.record_project_progress(world.engine, user=world.admin, cycle_id=world.cycle.id, project_id=9999)
    with pytest.raises(NotFoundError, match="^no evaluation cycle 9999$"):
        cycle.record_project_progress(world.engine, user=world.admin, cycle_id=9999, project_id=pid)


# --- sheets ----------------------------------------------------------------------------------

def test_an_unsaved_sheet_is_an_empty_draft_with_its_automatic_part(world: World) -> None:
    m1 = node_id(world.engine, "m1")
    view = cycle.sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=m1)
    assert (view.sheet_id, view.status, view.version, view.self_grade, view.reasons, view.next_direction) == (None, "draft", 0, None, None, None)
    assert (view.node_label, view.departments, view.grades, view.year, view.plan_title) == (
        "施策 1 子育て支援の充実", ("子育て支援課", "保育課"), ("A", "B", "C", "D"), 2025, "かえで市第2次総合計画（架空の例）")
    assert view.allowed_actions == ("edit_sheet", "submit_sheet", "enter_actual", "record_progress")
    assert view.editable and not view.reviewable
    assert [(i.name, i.value, i.actual_status, i.assessed_year, i.grade, i.editable) for i in view.indicators] == [
        (WAITING, None, None, 2024, "B", True), (CHILDCARE_SHARE, None, None, 2024, "C", True)]
    assert [(p.name, p.planned_stage, p.stage, p.editable) for p in view.projects] == [(NURSERY_PROJECT, "継続", None, True)]
    cycle.enter_actual(world.engine, user=world.hoiku, plan=world.plan_id, indicator=WAITING, year=YEAR, value=0)
    view = cycle.sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=m1)
    first = view.indicators[0]
    assert (first.value, first.actual_status, first.draft, first.assessed_year, first.status, first.grade, first.progress_rate,
            first.achievement_rate) == (0, "draft", True, 2025, "on_track", "A", 100.0, None)  # 0 of a target 0: no ratio
    assert view.rollup is not None and view.rollup.counts["on_track"] == 1
    data = view.to_json()
    assert data["sheet"]["version"] == 0 and data["indicators"][0]["assessment"]["grade"] == "A"
    assert data["next_directions"] == ["拡充", "継続", "改善", "縮小", "廃止"]
    for other in (world.reviewer, world.gomi):
        seen = cycle.sheet(world.engine, user=other, cycle_id=world.cycle.id, node_id=m1)
        assert seen.allowed_actions == () and not any(i.editable for i in seen.indicators) and not seen.projects[0].editable


def test_sheets_exist_for_measures_only(world: World) -> None:
    with pytest.raises(ValidationFailed, match="^基本目標 Ⅰ 子どもと学びが育つまち is not evaluated"):
        cycle.sheet(world.engine, user=world.admin, cycle_id=world.cycle.id, node_id=node_id(world.engine, "g1"))
    with pytest.raises(NotFoundError):
        cycle.sheet(world.engine, user=world.admin, cycle_id=world.cycle.id, node_id=99999)
    with pytest.raises(PermissionDenied, match="^sign in to view_drafts$"):
        cycle.sheet(world.engine, user=None, cycle_id=world.cycle.id, node_id=node_id(world.engine, "m1"))  # type: ignore[arg-type]
    summaries = cycle.list_sheets(world.engine, cycle_id=world.cycle.id, user=world.hoiku)
    assert [s.node_label for s in summaries] == [f"施策 {i} {t}" for i, t in enumerate([
        "子育て支援の充実", "学校教育の充実", "生涯学習の推進", "スポーツ・文化活動の振興", "健康づくりの推進", "地域福祉の推進", "防災力の向上",
        "防犯・交通安全の推進", "地域産業の振興", "循環型社会の形成", "快適な都市空間の形成", "市民協働の推進"], start=1)]
    assert [s.editable for s in summaries] == [True] + [False] * 11


def save(world: World, user: str = "hoiku", version: int = 0, **values: object) -> cycle.SheetView:
    args = {"self_grade": "B", "reasons": "待機児童は減少した。", "issues": "保育士の確保", "next_direction": "継続"} | values
    return cycle.save_sheet(world.engine, user=getattr(world, user), cycle_id=world.cycle.id, node_id=node_id(world.engine, "m1"),
                            version=version, **args)  # type: ignore[arg-type]


def test_save_submit_return_and_approve(world: World) -> None:
    m1 = node_id(world.engine, "m1")
    saved = save(world)
    assert (saved.status, saved.version, saved.self_grade, saved.reasons, saved.issues, saved.next_direction, saved.updated_by) == (
        "draft", 1, "B", "待機児童は減少した。", "保育士の確保", "継続", "hoiku")
    saved = save(world, version=1, self_grade="A", issues="  ")
    assert (saved.version, saved.self_grade, saved.issues) == (2, "A", None)
    submitted = cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=m1, version=2)
    assert (submitted.status, submitted.version, submitted.submitted_at is not None) == ("submitted", 3, True)
    assert cycle.sheet(world.engine, user=world.reviewer, cycle_id=world.cycle.id, node_id=m1).allowed_actions == ("review_sheet",)
    returned = cycle.review_sheet(world.engine, user=world.reviewer, cycle_id=world.cycle.id, node_id=m1, version=3, approve=False,
                                  comment="指標の分析を追記してください")
    assert (returned.status, returned.version, returned.review_comment) == ("returned", 4, "指標の分析を追記してください")
    assert returned.allowed_actions == ()  # the reviewer's view
    again = save(world, version=4, reasons="待機児童は0人になった。")
    assert (again.status, again.version) == ("returned", 5)
    cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=m1, version=5)
    approved = cycle.review_sheet(world.engine, user=world.admin, cycle_id=world.cycle.id, node_id=m1, version=6, approve=True)
    assert (approved.status, approved.version, approved.approved_by, approved.review_comment) == ("approved", 7, "kikaku", None)
    assert approved.approved_at is not None and approved.reasons == "待機児童は0人になった。"
    locked = cycle.sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=m1)
    assert locked.allowed_actions == () and not any(i.editable for i in locked.indicators) and not locked.projects[0].editable


def test_a_conflicting_save_loses_nothing(world: World) -> None:
    save(world)  # version 1: both editors read it
    mine = save(world, user="admin", version=1, reasons="企画政策課が追記")
    with pytest.raises(SheetConflict) as info:
        save(world, version=1, reasons="保育課の修正")
    exc = info.value
    assert str(exc) == ("the sheet of 施策 1 子育て支援の充実 was changed by kikaku since you read it (your version 1, now 2); "
                        "nothing was saved: compare and save again")
    assert (exc.current.version, exc.current.reasons, exc.current.updated_by) == (2, "企画政策課が追記", "kikaku")
    assert exc.attempted == {"self_grade": "B", "reasons": "保育課の修正", "issues": "保育士の確保", "next_direction": "継続"}
    assert exc.http_status == 409
    stored = cycle.sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=node_id(world.engine, "m1"))
    assert (stored.version, stored.reasons) == (mine.version, "企画政策課が追記")
    with pytest.raises(SheetConflict):
        cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=node_id(world.engine, "m1"), version=1)


@pytest.mark.parametrize(("values", "code", "message"), [
    ({"self_grade": "S"}, "bad_grade", "self grade 'S' is not on the abcd scale (A, B, C, D)"),
    ({"next_direction": "増加"}, "bad_direction", "next direction '増加' is not one of 拡充/継続/改善/縮小/廃止"),
    ({"reasons": "あ" * 20001}, "too_long", "reasons is longer than 20000 characters"),
])
def test_sheet_validation(world: World, values: dict, code: str, message: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        save(world, **values)
    assert (info.value.code, str(info.value)) == (code, message)


def test_submitting_needs_a_grade_reasons_and_a_direction(world: World) -> None:
    m1 = node_id(world.engine, "m1")
    with pytest.raises(ValidationFailed, match="^fill in self_grade, reasons, next_direction before submitting$"):
        cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=m1, version=0)
    save(world, self_grade=None, next_direction=None)
    with pytest.raises(ValidationFailed, match="^fill in self_grade, next_direction before submitting$"):
        cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=m1, version=1)


def test_steps_in_the_wrong_state_or_by_the_wrong_role(world: World) -> None:
    m1, cid = node_id(world.engine, "m1"), world.cycle.id
    with pytest.raises(SheetStateError, match="^only a submitted sheet can be reviewed; the sheet of 施策 1 子育て支援の充実 is draft$"):
        cycle.review_sheet(world.engine, user=world.reviewer, cycle_id=cid, node_id=m1, version=0, approve=True)
    with pytest.raises(PermissionDenied, match="may not edit_sheet"):
        save(world, user="reviewer")
    with pytest.raises(PermissionDenied, match="only for their own departments"):
        save(world, user="gomi")
    save(world)
    cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=cid, node_id=m1, version=1)
    with pytest.raises(SheetStateError, match="is submitted and under review; a reviewer can return it$") as info:
        save(world, version=2)
    assert info.value.current.status == "submitted"
    with pytest.raises(SheetStateError):
        cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=cid, node_id=m1, version=2)
    with pytest.raises(PermissionDenied, match="may not review_sheet"):
        cycle.review_sheet(world.engine, user=world.hoiku, cycle_id=cid, node_id=m1, version=2, approve=True)
    with pytest.raises(ValidationFailed, match=r"^say why the sheet is returned \(a comment\)$"):
        cycle.review_sheet(world.engine, user=world.reviewer, cycle_id=cid, node_id=m1, version=2, approve=False, comment=" ")
    with pytest.raises(SheetConflict):
        cycle.review_sheet(world.engine, user=world.reviewer, cycle_id=cid, node_id=m1, version=1, approve=True)


def approve_m1(world: World) -> None:
    m1 = node_id(world.engine, "m1")
    save(world)
    cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=world.cycle.id, node_id=m1, version=1)
    cycle.review_sheet(world.engine, user=world.reviewer, cycle_id=world.cycle.id, node_id=m1, version=2, approve=True)


def test_an_approved_sheet_locks_the_measure(world: World) -> None:
    approve_m1(world)
    m1, cid = node_id(world.engine, "m1"), world.cycle.id
    with pytest.raises(SheetLocked, match="^the sheet of 施策 1 子育て支援の充実 is approved and locked$"):
        save(world, version=3)
    with pytest.raises(SheetLocked):
        cycle.submit_sheet(world.engine, user=world.hoiku, cycle_id=cid, node_id=m1, version=3)
    with pytest.raises(SheetLocked, match="^the sheet of 施策 1 子育て支援の充実 is already approved$"):
        cycle.review_sheet(world.engine, user=world.reviewer, cycle_id=cid, node_id=m1, version=3, approve=False, comment="x")
    with pytest.raises(SheetLocked, match=f"^the FY2025 sheet of 施策 1 子育て支援の充実 is approved: the actuals of {WAITING} are locked$"):
        cycle.enter_actual(world.engine, user=world.hoiku, plan=world.plan_id, indicator=WAITING, year=YEAR, value=1)
    with pytest.raises(SheetLocked, match=f"the progress of {NURSERY_PROJECT} is locked$"):
        cycle.record_project_progress(world.engine, user=world.hoiku, cycle_id=cid, project_id=project_id(world.engine, NURSERY_PROJECT))
    with pytest.raises(UploadRejected) as info:
        cycle.upload_actuals(world.engine, user=world.hoiku, plan=world.plan_id, filename="a.csv",
                             content=f"指標,年度,値\n{WAITING},2025,1\n".encode())
    assert info.value.errors == [RowError(2, "指標", f"the FY2025 sheet of 施策 1 子育て支援の充実 is approved: the actuals of {WAITING} are locked",
                                          "locked")]
    # other measures stay open
    assert cycle.enter_actual(world.engine, user=world.gomi, plan=world.plan_id, indicator=RECYCLING, year=YEAR, value=30).status == "draft"


def public_years(engine: Engine, name: str) -> list[int]:
    return [a.year for a in browse.indicator_page(engine, indicator_id(engine, name)).indicator.actuals]


def test_drafts_are_hidden_from_the_public_until_approval(world: World) -> None:
    e = world.engine
    assert public_years(e, WAITING) == [2021, 2022, 2023, 2024]  # caches this plan version
    cycle.enter_actual(e, user=world.hoiku, plan=world.plan_id, indicator=WAITING, year=YEAR, value=2)
    cycle.enter_actual(e, user=world.gomi, plan=world.plan_id, indicator=RECYCLING, year=YEAR, value=30)
    assert public_years(e, WAITING) == [2021, 2022, 2023, 2024]
    node = browse.node_page(e, node_id(e, "m1"))
    assert [a.year for a in node.indicators[0].actuals] == [2021, 2022, 2023, 2024]
    page = browse.to_json(browse.plan_page(e, world.plan_id))
    assert "2025" not in str(page["status_rows"])
    view = cycle.sheet(e, user=world.viewer, cycle_id=world.cycle.id, node_id=node_id(e, "m1"))
    assert (view.indicators[0].value, view.indicators[0].actual_status) == (2, "draft")  # staff see the draft
    approve_m1(world)
    assert public_years(e, WAITING) == [2021, 2022, 2023, 2024, 2025]
    assert browse.indicator_page(e, indicator_id(e, WAITING)).indicator.actuals[-1].value == 2
    assert observation(e, WAITING, YEAR).status == "published"
    assert observation(e, RECYCLING, YEAR).status == "draft"  # m10 is not approved
    assert public_years(e, RECYCLING) == [2021, 2022, 2023, 2024]


def test_every_change_marks_the_plan_changed(world: World) -> None:
    def version() -> tuple:
        with transaction(world.engine) as s:
            return browse.plan_version(s, world.plan_id)

    seen = [version()]
    cycle.enter_actual(world.engine, user=world.hoiku, plan=world.plan_id, indicator=WAITING, year=YEAR, value=2)
    seen.append(version())
    cycle.record_project_progress(world.engine, user=world.hoiku, cycle_id=world.cycle.id,
                                  project_id=project_id(world.engine, NURSERY_PROJECT), stage="継続")
    seen.append(version())
    save(world)
    seen.append(version())
    assert len(set(seen)) == 4


# --- the board -------------------------------------------------------------------------------

def board(w: World, today: date) -> list[tuple]:
    return [(d.department, d.measures, d.actuals_expected, d.actuals_entered, d.draft, d.submitted, d.returned, d.approved, d.late)
            for d in cycle.progress_board(w.engine, cycle_id=w.cycle.id, today=today)]


EMPTY_BOARD = [  # department, measures, expected, entered, draft, submitted, returned, approved, late (before the deadline)
    ("子育て支援課", 1, 1, 0, 1, 0, 0, 0, 0), ("保育課", 1, 1, 0, 1, 0, 0, 0, 0), ("教育総務課", 1, 0, 0, 1, 0, 0, 0, 0),
    ("指導課", 1, 1, 0, 1, 0, 0, 0, 0), ("生涯学習課", 1, 1, 0, 1, 0, 0, 0, 0), ("スポーツ振興課", 1, 1, 0, 1, 0, 0, 0, 0),
    ("文化振興課", 1, 0, 0, 1, 0, 0, 0, 0), ("健康推進課", 1, 2, 0, 1, 0, 0, 0, 0), ("福祉総務課", 1, 1, 0, 1, 0, 0, 0, 0),
    ("高齢福祉課", 1, 0, 0, 1, 0, 0, 0, 0), ("防災安全課", 2, 2, 0, 2, 0, 0, 0, 0), ("道路課", 2, 2, 0, 2, 0, 0, 0, 0),
    ("産業振興課", 1, 2, 0, 1, 0, 0, 0, 0), ("ごみ対策課", 1, 2, 0, 1, 0, 0, 0, 0), ("環境政策課", 1, 0, 0, 1, 0, 0, 0, 0),
    ("都市計画課", 1, 0, 0, 1, 0, 0, 0, 0), ("公園緑地課", 1, 1, 0, 1, 0, 0, 0, 0), ("協働推進課", 1, 1, 0, 1, 0, 0, 0, 0),
]


def test_progress_board(world: World) -> None:
    assert board(world, DEADLINE) == EMPTY_BOARD
    e, cid = world.engine, world.cycle.id
    cycle.enter_actual(e, user=world.hoiku, plan=world.plan_id, indicator=WAITING, year=YEAR, value=2)
    cycle.enter_actual(e, user=world.gomi, plan=world.plan_id, indicator=RECYCLING, year=YEAR, value=30)
    m1, m10 = node_id(e, "m1"), node_id(e, "m10")
    save(world)
    cycle.submit_sheet(e, user=world.hoiku, cycle_id=cid, node_id=m1, version=1)
    cycle.review_sheet(e, user=world.reviewer, cycle_id=cid, node_id=m1, version=2, approve=False, comment="再考を")
    cycle.save_sheet(e, user=world.gomi, cycle_id=cid, node_id=m10, version=0, self_grade="C", reasons="横ばい", issues=None,
                     next_direction="改善")
    cycle.submit_sheet(e, user=world.gomi, cycle_id=cid, node_id=m10, version=1)
    on_the_day = board(world, DEADLINE)
    assert on_the_day[:2] == [("子育て支援課", 1, 1, 0, 0, 0, 1, 0, 0), ("保育課", 1, 1, 1, 0, 0, 1, 0, 0)]
    assert on_the_day[13:15] == [("ごみ対策課", 1, 2, 1, 0, 1, 0, 0, 0), ("環境政策課", 1, 0, 0, 0, 1, 0, 0, 0)]
    assert on_the_day[2:13] == EMPTY_BOARD[2:13]
    late = board(world, date(2026, 7, 1))
    assert [(row[0], row[-1]) for row in late] == [
        ("子育て支援課", 1), ("保育課", 1), ("教育総務課", 1), ("指導課", 1), ("生涯学習課", 1), ("スポーツ振興課", 1), ("文化振興課", 1),
        ("健康推進課", 1), ("福祉総務課", 1), ("高齢福祉課", 1), ("防災安全課", 2), ("道路課", 2), ("産業振興課", 1), ("ごみ対策課", 0),
        ("環境政策課", 0), ("都市計画課", 1), ("公園緑地課", 1), ("協働推進課", 1)]
    cycle.review_sheet(e, user=world.reviewer, cycle_id=cid, node_id=m10, version=2, approve=True)
    assert board(world, date(2026, 7, 1))[13] == ("ごみ対策課", 1, 2, 1, 0, 0, 0, 1, 0)
    data = cycle.progress_board(e, cycle_id=cid, today=DEADLINE)[0].to_json()
    assert set(data) == {"department_id", "department", "measures", "actuals_expected", "actuals_entered", "draft", "submitted",
                         "returned", "approved", "late"}


def test_no_deadline_means_nobody_is_late(world: World) -> None:
    other = cycle.open_cycle(world.engine, user=world.admin, plan=world.plan_id, year=2024)
    rows = cycle.progress_board(world.engine, cycle_id=other.id, today=date(2099, 1, 1))
    assert sum(r.late for r in rows) == 0
    assert sum(r.actuals_entered for r in rows) == 14  # the document's FY2024 actuals (published)
