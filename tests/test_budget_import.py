"""Importing budget workbooks (keikaku.services.budget): the example city's workbook, previews,
exact yen, and bad files that change nothing; on SQLite or PostgreSQL (tests/conftest.py)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func, select

from cycle_helpers import fast_hashing, make_world, project_id
from keikaku.domain.permissions import PermissionDenied
from keikaku.services import budget
from keikaku.services.costs import cost_report
from keikaku.services.plans import EXAMPLE_DIR
from keikaku.storage import models as m
from keikaku.storage.database import transaction

PLAN = "990019:comprehensive-2"
HEADER = ["年度", "事業名", "当初予算", "補正後予算", "決算額", "国庫支出金", "都道府県支出金", "地方債",
          "その他特定財源", "一般財源", "正規職員（人工）", "会計年度任用職員（人工）"]
NURSERY = "認定こども園整備事業"
PARK = "身近な公園リニューアル事業"


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def budget_sheet(*rows: list[object], unit: str = "単位：千円", header: list[str] = HEADER) -> bytes:
    return workbook({"予算": [["架空の例"], [unit], header, *rows]})


@pytest.fixture
def world(engine: Engine, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    fast_hashing(monkeypatch)
    return make_world(engine, open_cycle=False)


def stored_rows(engine: Engine) -> int:
    with transaction(engine) as s:
        return sum(s.scalar(select(func.count()).select_from(t)) for t in (m.ProjectBudget, m.StaffCostRate, m.BudgetFrame))


def audit_rows(engine: Engine) -> int:
    with transaction(engine) as s:
        return s.scalar(select(func.count()).select_from(m.AuditEntry).where(
            m.AuditEntry.object_type.in_(["project_budget", "staff_cost", "budget_frame"])))


def test_the_example_workbook_previews_then_stores(world) -> None:  # noqa: ANN001
    content = (EXAMPLE_DIR / "kaede-budget.xlsx").read_bytes()
    preview = budget.import_budget(world.engine, user=world.admin, plan=PLAN, content=content, filename="kaede-budget.xlsx")
    # 事業別予算: 17 project-years; 人件費単価: 3 years; 財政フレーム: 13 measure-years
    assert (preview.stored, preview.count("new"), preview.count("changed"), preview.count("unchanged")) == (False, 33, 0, 0)
    assert [c.kind for c in preview.changes].count("project_budget") == 17
    assert stored_rows(world.engine) == 0 and audit_rows(world.engine) == 0
    first = preview.changes[0]
    assert (first.where, first.label, first.outcome) == ("事業別予算!4:4", f"{NURSERY} 2023年度", "new")
    assert {f.field: f.after for f in first.fields} == {
        "initial_budget": 182_000_000, "revised_budget": 195_500_000, "settlement": 190_321_000, "national": 95_000_000,
        "prefectural": 47_500_000, "bonds": 30_000_000, "other_earmarked": 0, "general": 17_821_000,
        "regular_staff": "1.50", "fixed_term_staff": "0.50"}
    stored = budget.import_budget(world.engine, user=world.admin, plan=PLAN, content=content, filename="kaede-budget.xlsx", apply=True)
    assert (stored.stored, stored.count("new")) == (True, 33)
    assert stored_rows(world.engine) == 33 and audit_rows(world.engine) == 33
    again = budget.import_budget(world.engine, user=world.admin, plan=PLAN, content=content, filename="kaede-budget.xlsx", apply=True)
    assert (again.count("new"), again.count("changed"), again.count("unchanged")) == (0, 0, 33)
    assert audit_rows(world.engine) == 33  # unchanged rows are not written again
    with transaction(world.engine) as s:
        row = s.scalar(select(m.ProjectBudget).where(m.ProjectBudget.project_id == project_id(world.engine, "オンライン講座配信事業"),
                                                     m.ProjectBudget.year == 2024))
        # 5,188.123千円 is 5,188,123 yen exactly; the rest 4,488.123千円 is its general revenue
        assert (row.settlement, row.other_earmarked, row.general, row.regular_staff_centi, row.updated_by) == (
            5_188_123, 700_000, 4_488_123, 50, "kikaku")
        entry = s.scalars(select(m.AuditEntry).where(m.AuditEntry.object_type == "project_budget").order_by(m.AuditEntry.id)).first()
        assert (entry.user_name, entry.action, entry.object_label, entry.before) == ("kikaku", "create", f"{NURSERY} 2023年度", None)


def test_a_changed_row_shows_before_and_after_and_missing_columns_keep_stored_values(world) -> None:  # noqa: ANN001
    first = budget_sheet([2024, NURSERY, 210000, 224000, 219876.5, 109000, 54500, 35000, 1200, 20176.5, 1.5, 0.8])
    budget.import_budget(world.engine, user=world.admin, plan=PLAN, content=first, filename="a.xlsx", apply=True)
    # a sheet of revised budgets only: the settlement and funding stay as stored
    second = budget_sheet([2024, NURSERY, 230000], header=["年度", "事業名", "補正後予算"])
    preview = budget.import_budget(world.engine, user=world.admin, plan=PLAN, content=second, filename="b.xlsx")
    (change,) = preview.changes
    assert (change.outcome, [(f.field, f.before, f.after) for f in change.fields]) == (
        "changed", [("revised_budget", 224_000_000, 230_000_000)])
    budget.import_budget(world.engine, user=world.admin, plan=PLAN, content=second, filename="b.xlsx", apply=True)
    with transaction(world.engine) as s:
        row = s.scalar(select(m.ProjectBudget))
        assert (row.revised_budget, row.settlement, row.national) == (230_000_000, 219_876_500, 109_000_000)
        entry = s.scalars(select(m.AuditEntry).where(m.AuditEntry.object_type == "project_budget").order_by(m.AuditEntry.id.desc())).first()
        assert (entry.action, entry.before["revised_budget"], entry.after["revised_budget"]) == ("update", 224_000_000, 230_000_000)


def test_amounts_in_yen_and_projects_by_id(world) -> None:  # noqa: ANN001
    pid = project_id(world.engine, PARK)
    content = workbook({"予算": [["事業ID", "年度", "当初予算（円）"], [pid, "令和6年度", "68,000,123"]]})
    result = budget.import_budget(world.engine, user=world.admin, plan=PLAN, content=content, filename="yen.xlsx", apply=True)
    assert [(c.label, c.outcome) for c in result.changes] == [(f"{PARK} 2024年度", "new")]
    with transaction(world.engine) as s:
        assert s.scalar(select(m.ProjectBudget.initial_budget)) == 68_000_123


def test_one_hundred_and_twenty_rows_sum_to_the_yen(world) -> None:  # noqa: ANN001
    # every project, FY2021–2030: 0.1千円 (100 yen) of initial budget plus 1,234.567千円 of settlement
    with transaction(world.engine) as s:
        names = list(s.scalars(select(m.Project.name).order_by(m.Project.position)))
    rows = [[year, name, 0.1, None, 1234.567] for name in names for year in range(2021, 2031)]
    content = budget_sheet(*rows, header=["年度", "事業名", "当初予算", "補正後予算", "決算額"])
    result = budget.import_budget(world.engine, user=world.admin, plan=PLAN, content=content, filename="many.xlsx", apply=True)
    assert result.count("new") == 120
    with transaction(world.engine) as s:
        assert s.scalar(select(func.sum(m.ProjectBudget.initial_budget))) == 120 * 100 == 12_000
        assert s.scalar(select(func.sum(m.ProjectBudget.settlement))) == 120 * 1_234_567 == 148_148_040
    report = cost_report(world.engine, plan=PLAN, year=2024)
    assert sum(p.full_cost for p in report.projects) == 12 * 1_234_567  # no staff time: full cost = settlement


def _rejected(world, content: bytes, filename: str = "bad.xlsx") -> list[str]:  # noqa: ANN001
    before_rows, before_audit = stored_rows(world.engine), audit_rows(world.engine)
    with pytest.raises(budget.BudgetRejected) as caught:
        budget.import_budget(world.engine, user=world.admin, plan=PLAN, content=content, filename=filename, apply=True)
    assert (stored_rows(world.engine), audit_rows(world.engine)) == (before_rows, before_audit)  # nothing changed
    return [budget.problem_text(p, "ja") for p in caught.value.problems]


def test_bad_cells_are_all_listed_by_sheet_and_cell_and_nothing_is_stored(world) -> None:  # noqa: ANN001
    good = [2024, PARK, 68000, 71000, 70125, 20000, 0, 40000, 3000, 7125, 1, 0]
    content = budget_sheet(
        good,
        [2024, "認定こども園整備", 1000, None, None, None, None, None, None, None, None, None],  # unknown, near a name
        [2024, "健康ポイント事業", -5, None, None, None, None, None, None, None, None, None],  # negative
        [2024, "防犯カメラ設置補助事業", "未定", None, None, None, None, None, None, None, None, None],  # not a number
        [2024, PARK, 1, None, None, None, None, None, None, None, None, None],  # duplicate of row 4
        [2024, "食品ロス削減推進事業", 0.0001, None, None, None, None, None, None, None, None, None],  # 0.1 yen
        [2031, "協働事業提案制度", 10, None, None, None, None, None, None, None, None, None],  # outside FY2021–2030
        [2024, "地域見守りネットワーク事業", 8600, None, 8411, 0, 4200, 0, 300, 1, None, None],  # funding 4,501 ≠ 8,411
        [2024, "自主防災組織活動支援事業", 100, None, None, None, None, None, None, None, 0.125, None],  # person-years
        [2024, "まったく別の名前", 100, None, None, None, None, None, None, None, None, None],  # unknown, nothing near
        [2024, "協働事業提案制度", None, None, None, None, None, None, None, None, None, None],  # no amount at all
    )
    assert _rejected(world, content) == [
        "予算!B5: この計画に事業「認定こども園整備」はありません。「認定こども園整備事業」のことですか",
        "予算!C6: 負の金額・人工は入力できません: -5",
        "予算!C7: 数値ではありません: 未定",
        f"予算!B8: {PARK} 2024年度 は 予算!4:4 にもあります",
        "予算!C9: 0.0001千円 は1円未満の端数になります",
        "予算!A10: 2031年度は計画期間（2021〜2030年度）の外です",
        "予算!11:11: 財源の合計 4,501,000円 が事業費（決算額）8,411,000円 と合いません",
        "予算!K12: 人工は0以上、小数第2位までです: 0.125",
        "予算!B13: この計画に事業「まったく別の名前」はありません",
        "予算!14:14: 当初予算・補正後予算・決算額のいずれもありません",
    ]


@pytest.mark.parametrize(("content", "expected"), [
    (budget_sheet([2024, PARK, 1], header=["年度", "事業名", "備考"]), ["予算!3:3: 列がありません: 当初予算 / 補正後予算 / 決算額"]),
    (workbook({"表紙": [["かえで市"], ["予算書"]]}), ["bad.xlsx: 予算・人件費単価・財政フレームの表が見つかりません（見出し行に 年度 と 事業名 などが必要です）"]),
    (budget_sheet([2024, PARK, 1], header=["年度", "事業名", "当初予算"], unit="単位：百万円"), ["予算!A2: 単位「百万円」は読めません（金額は千円か円、職員は人工）"]),
    (budget_sheet([2024, PARK, 1], header=["年度", "事業名", "当初予算"], unit=""),
     ["予算!C3: 当初予算 の単位がありません（「単位：千円」か「単位：円」と書いてください）"]),
    (budget_sheet([2024, PARK, 1], header=["年度", "事業名", "当初予算（円）"]), ["予算!C3: 見出しの単位「円」が表の単位「千円」と違います"]),
    (budget_sheet([2024, PARK, 1, 2], header=["年度", "事業名", "当初予算", "正規職員（千円）"]), ["予算!D3: 単位「千円」は読めません（金額は千円か円、職員は人工）"]),
    (workbook({"人件費単価": [["単位：千円"], ["年度", "正規職員"], [2024, 8000]]}), ["bad.xlsx: 予算・人件費単価・財政フレームの表が見つかりません（見出し行に 年度 と 事業名 などが必要です）"]),
    (workbook({"財政フレーム": [["単位：千円"], ["年度", "施策", "計画額"], [2024, "施策 99", 10], [2024, "子育て支援の充実", None]]}),
     ["財政フレーム!B3: この計画に施策「施策 99」はありません", "財政フレーム!C4: 計画額 が空です"]),
], ids=["no amount column", "no recognised sheet", "million yen", "no unit", "units disagree", "staff in yen",
        "rates without fixed-term", "unknown measure and empty amount"])
def test_bad_files_change_nothing(world, content: bytes, expected: list[str]) -> None:  # noqa: ANN001
    assert _rejected(world, content) == expected


def test_files_that_are_not_workbooks_change_nothing(world) -> None:  # noqa: ANN001
    assert _rejected(world, "年度,事業名\n2024,x\n".encode(), "budget.csv") == ["budget.csv: Excel (.xlsx) ファイルを指定してください"]
    (problem,) = _rejected(world, b"PK\x03\x04 broken", "broken.xlsx")
    assert problem.startswith("broken.xlsx: Excel ファイルとして読めません（")
    assert _rejected(world, b"", "empty.xlsx") == ["empty.xlsx: Excel ファイルとして読めません（empty file）"]


def test_a_project_id_must_agree_with_the_name(world) -> None:  # noqa: ANN001
    pid = project_id(world.engine, PARK)
    content = workbook({"予算": [["単位：千円"], ["年度", "事業ID", "事業名", "当初予算"], [2024, pid, NURSERY, 1], [2024, 99999, None, 1]]})
    assert _rejected(world, content) == [f"予算!C3: 事業ID {pid} は「{PARK}」で、「{NURSERY}」ではありません",
                                         "予算!B4: この計画に事業ID 99999 はありません"]


def test_problems_in_english(world) -> None:  # noqa: ANN001
    content = budget_sheet([2024, "認定こども園整備", 1])
    with pytest.raises(budget.BudgetRejected) as caught:
        budget.import_budget(world.engine, user=world.admin, plan=PLAN, content=content, filename="en.xlsx")
    assert caught.value.text("en") == ("en.xlsx: 1 problem(s), nothing was stored:\n"
                                       "  予算!B4: no project 認定こども園整備 in this plan; did you mean 認定こども園整備事業?")


def test_only_admins_import_budgets(world) -> None:  # noqa: ANN001
    content = budget_sheet([2024, NURSERY, 1])
    for user in (world.hoiku, world.reviewer, world.viewer):
        with pytest.raises(PermissionDenied):
            budget.import_budget(world.engine, user=user, plan=PLAN, content=content, filename="a.xlsx", apply=True)
    assert stored_rows(world.engine) == 0


def test_staff_rates_and_frame_feed_the_cost_report(world) -> None:  # noqa: ANN001
    content = workbook({
        "予算": [["単位：千円"], HEADER, [2024, NURSERY, 210000, 224000, 219876.5, 109000, 54500, 35000, 1200, 20176.5, 1.5, 0.8]],
        "単価": [["単位：円"], ["年度", "正規職員", "会計年度任用職員"], [2024, 8_350_000, 3_000_000]],
        "フレーム": [["単位：千円"], ["年度", "施策", "計画額"], [2024, 1, 215000]],
    })
    budget.import_budget(world.engine, user=world.admin, plan=PLAN, content=content, filename="all.xlsx", apply=True)
    report = cost_report(world.engine, plan=PLAN, year=2024)
    nursery = next(p for p in report.projects if p.name == NURSERY)
    # staff 1.50 × 8,350,000 + 0.80 × 3,000,000 = 14,925,000; full 219,876,500 + 14,925,000 = 234,801,500
    assert (nursery.staff_cost, nursery.full_cost) == (14_925_000, 234_801_500)
    # 保育所等待機児童数 aims at a decrease: no cost per unit; the 58.9% share: 234,801,500 ÷ 58.9 = 3,986,443.12
    assert [(c.indicator, c.value, c.reason) for c in nursery.cost_per_unit] == [
        ("保育所等待機児童数", None, "lower_is_better"), ("子育てしやすいまちだと感じる市民の割合", Decimal("3986443.12"), None)]
    (frame,) = report.frame
    assert (frame.node.key, frame.planned, frame.projects_total, frame.difference) == ("m1", 215_000_000, 219_876_500, 4_876_500)
