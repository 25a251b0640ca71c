"""``keikaku budget import`` and ``keikaku cost``, run in-process on the test database."""

from __future__ import annotations

import io
import json

import pytest
from typer.testing import CliRunner

from cycle_helpers import PASSWORD, fast_hashing
from keikaku.cli.main import app
from keikaku.services.plans import EXAMPLE_DIR

runner = CliRunner(env={"COLUMNS": "250"})
PLAN = "990019:comprehensive-2"
WORKBOOK = str(EXAMPLE_DIR / "kaede-budget.xlsx")


def kk(*args: str, input: str | None = None):  # noqa: ANN201
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def loaded(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> str:
    fast_hashing(monkeypatch)
    assert kk("load", "--example").exit_code == 0
    for args in (["kikaku", "--role", "admin"], ["hoiku", "--role", "editor", "-d", "保育課"]):
        assert kk("user", "add", *args, "--password-stdin", input=PASSWORD + "\n").exit_code == 0
    return cli_env


def test_import_previews_without_yes_and_stores_with_it(loaded: str) -> None:
    preview = kk("budget", "import", WORKBOOK, "--plan", PLAN, "--user", "kikaku")
    assert preview.exit_code == 0, preview.output
    lines = preview.output.splitlines()
    assert lines[0] == "[新規] 事業別予算!4:4 事業: 認定こども園整備事業 2023年度"
    assert lines[1] == "    当初予算: — → 182,000,000"
    assert lines[-1] == "kaede-budget.xlsx: 新規 33・変更 0・変更なし 0（まだ登録していません。--yes を付けると登録します）"
    before = json.loads(kk("cost", "--plan", PLAN, "--year", "2024", "--format", "json").output)
    assert before["projects"][0]["recorded"] is False and before["projects"][0]["full_cost"] is None
    stored = kk("budget", "import", WORKBOOK, "--plan", PLAN, "--user", "kikaku", "--yes", "--lang", "en")
    assert stored.exit_code == 0, stored.output
    assert stored.output.splitlines()[-1] == "kaede-budget.xlsx: stored: 33 new, 0 changed, 0 unchanged"
    again = kk("budget", "import", WORKBOOK, "--plan", PLAN, "--user", "kikaku", "--format", "json")
    data = json.loads(again.output)
    assert (data["stored"], data["new"], data["changed"], data["unchanged"]) == (False, 0, 0, 33)


def test_the_acting_user_may_come_from_keikaku_user(loaded: str) -> None:
    missing = kk("budget", "import", WORKBOOK, "--plan", PLAN, "--yes")
    assert missing.exit_code == 2 and "--user" in missing.output
    editor = runner.invoke(app, ["budget", "import", WORKBOOK, "--plan", PLAN, "--yes"], env={"KEIKAKU_USER": "hoiku"})
    assert editor.exit_code != 0 and "kaede-budget.xlsx: 登録しました" not in editor.output  # an editor may not
    stored = runner.invoke(app, ["budget", "import", WORKBOOK, "--plan", PLAN, "--yes"], env={"KEIKAKU_USER": "kikaku"})
    assert stored.exit_code == 0, stored.output
    assert stored.output.splitlines()[-1] == "kaede-budget.xlsx: 登録しました: 新規 33・変更 0・変更なし 0"


def test_cost_json_has_the_documented_shape_with_integer_yen(loaded: str) -> None:
    assert kk("budget", "import", WORKBOOK, "--plan", PLAN, "--user", "kikaku", "--yes").exit_code == 0
    result = kk("cost", "--plan", PLAN, "--year", "2024", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"plan", "year", "staff_rate", "projects", "measures", "frame"}
    assert data["staff_rate"] == {"regular": 8_350_000, "fixed_term": 3_000_000}
    nursery = data["projects"][0]
    # settlement 219,876.5千円 = 219,876,500 yen; staff 1.50 × 8,350,000 + 0.80 × 3,000,000 = 14,925,000
    assert {k: nursery[k] for k in ("name", "budget", "settlement", "staff_cost", "full_cost")} == {
        "name": "認定こども園整備事業", "budget": 224_000_000, "settlement": 219_876_500,
        "staff_cost": 14_925_000, "full_cost": 234_801_500}
    assert nursery["node"] == {"id": nursery["node"]["id"], "key": "m1", "label": "施策 1 子育て支援の充実"}
    assert nursery["funding"] == {"national": 109_000_000, "prefectural": 54_500_000, "bonds": 35_000_000,
                                  "other_earmarked": 1_200_000, "general": 20_176_500}
    # a decrease target has no cost per unit; the share: 234,801,500 / 58.9 = 3,986,443.12 (rounded half up)
    assert [{k: c[k] for k in ("indicator", "kind", "unit", "actual", "value", "reason")} for c in nursery["cost_per_unit"]] == [
        {"indicator": "保育所等待機児童数", "kind": "outcome", "unit": "人", "actual": "6", "value": None,
         "reason": "lower_is_better"},
        {"indicator": "子育てしやすいまちだと感じる市民の割合", "kind": "outcome", "unit": "%", "actual": "58.9",
         "value": "3986443.12", "reason": None}]
    for project in data["projects"]:
        for key in ("budget", "settlement", "staff_cost", "full_cost"):
            assert project[key] is None or type(project[key]) is int
    # 学校施設長寿命化改修事業: 授業の内容がよく分かると答えた児童の割合 has no FY2024 actual
    school = data["projects"][1]
    assert [(c["value"], c["reason"]) for c in school["cost_per_unit"]] == [(None, "no_actual")]
    # 428,012,000 + 2.00 × 8,350,000 + 0.30 × 3,000,000 = 428,012,000 + 16,700,000 + 900,000 = 445,612,000
    assert school["full_cost"] == 445_612_000
    m1 = data["frame"][0]
    assert {k: m1[k] for k in ("year", "planned", "projects_total", "difference")} == {
        "year": 2024, "planned": 215_000_000, "projects_total": 219_876_500, "difference": 4_876_500}
    assert [mc["node"]["key"] for mc in data["measures"]] == [f"m{i}" for i in range(1, 13)]
    assert data["measures"][0]["full_cost"] == 234_801_500


def test_cost_table_prints_thousand_yen(loaded: str) -> None:
    assert kk("budget", "import", WORKBOOK, "--plan", PLAN, "--user", "kikaku", "--yes").exit_code == 0
    result = kk("cost", "--plan", PLAN, "--year", "2024")
    assert result.exit_code == 0, result.output
    assert "2024年度 事業別コスト: かえで市第2次総合計画（架空の例） [架空]" in result.output
    assert "人件費単価: 正規職員 835万円・会計年度任用職員 300万円" in result.output
    row = next(line for line in result.output.splitlines() if "認定こども園整備事業" in line)
    assert [c.strip() for c in row.strip("│ ").split("│")][:6] == [
        "認定こども園整備事業", "施策 1 子育て支援の充実", "224,000", "219,877", "14,925", "234,802"]
    assert "3,986,443.12円/%" in result.output and "減少を目指す指標" in result.output


def _bad_workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "予算"
    for row in (["単位：千円"], ["年度", "事業名", "当初予算"], [2024, "認定こども園整備", 100], [2024, "健康ポイント事業", "△5"]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_errors_are_listed_in_japanese_or_english_and_exit_nonzero(loaded: str, tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "bad.xlsx"
    path.write_bytes(_bad_workbook())
    result = kk("budget", "import", str(path), "--plan", PLAN, "--user", "kikaku", "--yes")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "エラー: bad.xlsx: 2 件の問題があるため、何も登録していません:",
        "  予算!B3: この計画に事業「認定こども園整備」はありません。「認定こども園整備事業」のことですか",
        "  予算!C4: 負の金額・人工は入力できません: △5",
    ]
    english = kk("budget", "import", str(path), "--plan", PLAN, "--user", "kikaku", "--lang", "en")
    assert english.exit_code == 2
    assert english.output.splitlines()[1:] == [
        "  予算!B3: no project 認定こども園整備 in this plan; did you mean 認定こども園整備事業?",
        "  予算!C4: a negative figure is not accepted: △5",
    ]
    assert english.output.startswith("error: bad.xlsx: 2 problem(s), nothing was stored:")
    cost = json.loads(kk("cost", "--plan", PLAN, "--year", "2024", "--format", "json").output)
    assert all(not p["recorded"] for p in cost["projects"])  # nothing was stored


def test_an_editor_may_not_import_and_a_missing_file_is_named(loaded: str) -> None:
    denied = kk("budget", "import", WORKBOOK, "--plan", PLAN, "--user", "hoiku", "--yes")
    assert denied.exit_code == 2 and "may not edit_plan" in denied.output
    missing = kk("budget", "import", "/nonexistent/b.xlsx", "--plan", PLAN, "--user", "kikaku")
    assert missing.exit_code == 1 and "ファイルを読めません: /nonexistent/b.xlsx" in missing.output
    unknown = kk("cost", "--plan", "nope", "--year", "2024")
    assert unknown.exit_code != 0 and "no plan 'nope'" in unknown.output
