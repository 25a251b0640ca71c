"""``keikaku sheet show|edit|submit|approve|return``, ``cycle list|close`` and ``token …``, run
in-process on the test database (SQLite, or PostgreSQL with KEIKAKU_TEST_DATABASE_URL)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cycle_helpers import PASSWORD, fast_hashing
from keikaku.cli.main import app
from keikaku.services.plans import EXAMPLE_DIR

runner = CliRunner(env={"COLUMNS": "200"})
PLAN = "990019:comprehensive-2"
TITLE = "かえで市第2次総合計画（架空の例）"
M1 = "施策 1 子育て支援の充実"


def kk(*args: str, input: str | None = None):  # noqa: ANN201
    return runner.invoke(app, list(args), input=input)


def sheet(command: str, user: str, *more: str, node: str = "1"):  # noqa: ANN201
    return kk("sheet", command, "--plan", PLAN, "--year", "2025", "--node", node, "--user", user, *more)


@pytest.fixture
def opened(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> str:
    fast_hashing(monkeypatch)
    assert kk("load", str(EXAMPLE_DIR / "kaede-comprehensive-plan.json")).exit_code == 0
    for args in (["kikaku", "--role", "admin"], ["shinsa", "--role", "reviewer"], ["hoiku", "--role", "editor", "-d", "保育課"],
                 ["gomi", "--role", "editor", "-d", "ごみ対策課"], ["etsuran", "--role", "viewer"]):
        assert kk("user", "add", *args, "--password-stdin", input=PASSWORD + "\n").exit_code == 0
    result = kk("cycle", "open", "--plan", PLAN, "--year", "2025", "--deadline", "2026-06-30", "--user", "kikaku")
    assert result.exit_code == 0, result.output
    return cli_env


@pytest.mark.parametrize("command", [["sheet", "show"], ["sheet", "edit"], ["sheet", "submit"], ["sheet", "approve"],
                                     ["sheet", "return"], ["cycle", "list"], ["cycle", "close"], ["token", "create"],
                                     ["token", "list"], ["token", "revoke"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = kk(*command, "--help")
    assert result.exit_code == 0 and "Usage: " in result.output and " / " in result.output


def test_the_whole_cycle_of_a_sheet(opened: str) -> None:
    assert kk("observe", "--plan", PLAN, "--user", "hoiku", "--indicator", "保育所等待機児童数", "--year", "2025",
              "--value", "3").exit_code == 0
    shown = sheet("show", "hoiku")
    assert (shown.exit_code, shown.output) == (0, "\n".join([
        f"{M1} (2025年度・サイクル 1)",
        "所管課: 子育て支援課、保育課",
        "状態: 作成中 (版 0)",
        "自己評価: —", "評価の理由: —", "課題: —", "次年度の方向性: —", "審査コメント: —",
        "成果・活動指標:",
        "  保育所等待機児童数: 3人 (下書き) B",
        "  子育てしやすいまちだと感じる市民の割合: — C",
        "主な事業:",
        "  認定こども園整備事業: 継続 → —",
        "できる操作: edit_sheet, submit_sheet, enter_actual, record_progress",
    ]) + "\n")
    saved = sheet("edit", "hoiku", "--grade", "B", "--reasons", "待機児童が減った。", "--direction", "継続")
    assert (saved.exit_code, saved.output) == (0, f"保存しました: {M1} 2025年度 (作成中・版 1)\n")
    issues = sheet("edit", "hoiku", "--issues", "保育士の確保", "--version", "1")  # only the field given changes
    assert issues.output == f"保存しました: {M1} 2025年度 (作成中・版 2)\n"
    data = json.loads(sheet("show", "etsuran", "--format", "json").output)
    assert {k: data["sheet"][k] for k in ("status", "version", "self_grade", "reasons", "issues", "next_direction")} == {
        "status": "draft", "version": 2, "self_grade": "B", "reasons": "待機児童が減った。", "issues": "保育士の確保",
        "next_direction": "継続"}
    assert data["allowed_actions"] == [] and data["node"]["number"] == "1"
    assert sheet("submit", "hoiku").output == f"提出しました: {M1} 2025年度 (版 3)\n"
    returned = sheet("return", "shinsa", "--comment", "根拠を補ってください")
    assert (returned.exit_code, returned.output) == (0, f"差し戻しました: {M1} 2025年度 (版 4)\n")
    assert sheet("submit", "hoiku", "--version", "4").output == f"提出しました: {M1} 2025年度 (版 5)\n"
    approved = sheet("approve", "shinsa", "--comment", "了承")
    assert (approved.exit_code, approved.output) == (0, f"承認しました: {M1} 2025年度 (版 6)\n")
    after = json.loads(sheet("show", "hoiku", "--format", "json").output)
    assert (after["sheet"]["status"], after["sheet"]["review_comment"], after["indicators"][0]["actual_status"]) == (
        "approved", "了承", "published")
    assert sheet("show", "hoiku").output.splitlines()[2] == "状態: 承認済 (版 6)"


def test_sheet_errors(opened: str) -> None:
    unknown = sheet("show", "hoiku", node="99")
    assert (unknown.exit_code, unknown.output) == (1, f"エラー: 施策 99 は {TITLE} 2025年度の評価対象にありません\n")
    by_key = sheet("show", "hoiku", node="m10")
    assert by_key.exit_code == 0 and by_key.output.startswith("施策 10 循環型社会の形成 (2025年度・サイクル 1)\n")
    denied = sheet("edit", "gomi", "--grade", "A")
    assert (denied.exit_code, denied.output) == (2, f"エラー: 権限がありません: gomi (editor) may edit_sheet only for "
                                                    f"their own departments, not on the sheet of {M1}\n")
    assert sheet("edit", "hoiku", "--grade", "A").exit_code == 0
    stale = sheet("edit", "hoiku", "--grade", "B", "--version", "0")
    assert (stale.exit_code, stale.output) == (2, "エラー: 版が一致しません（読み直してからやり直してください）: 現在の版は 1。"
                                                  f"the sheet of {M1} was changed by hoiku since you read it (your version 0, "
                                                  "now 1); nothing was saved: compare and save again\n")
    bad_grade = sheet("edit", "hoiku", "--grade", "E")
    assert (bad_grade.exit_code, bad_grade.output) == (
        2, "エラー: 入力が正しくありません: self grade 'E' is not on the abcd scale (A, B, C, D)\n")
    incomplete = sheet("submit", "hoiku")
    assert (incomplete.exit_code, incomplete.output) == (
        2, "エラー: 入力が正しくありません: fill in reasons, next_direction before submitting\n")
    nothing = sheet("edit", "hoiku")
    assert (nothing.exit_code, nothing.output) == (
        2, "エラー: --grade, --reasons, --issues, --direction のいずれかを指定してください\n")
    draft_review = sheet("approve", "shinsa")
    assert (draft_review.exit_code, draft_review.output) == (
        2, f"エラー: この状態ではできません: only a submitted sheet can be reviewed; the sheet of {M1} is draft\n")
    editor_review = sheet("approve", "hoiku")
    assert editor_review.exit_code == 2 and editor_review.output.startswith("エラー: 権限がありません: hoiku (editor) may not review_sheet")
    no_comment = kk("sheet", "return", "--plan", PLAN, "--year", "2025", "--node", "1", "--user", "shinsa")
    assert no_comment.exit_code == 2 and "--comment" in no_comment.output
    no_cycle = kk("sheet", "show", "--plan", PLAN, "--year", "2024", "--node", "1", "--user", "hoiku")
    assert (no_cycle.exit_code, no_cycle.output) == (
        1, f"エラー: 見つかりません: no evaluation cycle of plan {PLAN} for FY2024 (`keikaku cycle open`)\n")
    nobody = sheet("show", "nobody")
    assert (nobody.exit_code, nobody.output) == (1, "エラー: 見つかりません: no user 'nobody' (`keikaku user add` creates one)\n")


def test_english(opened: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEIKAKU_LANG", "en")
    assert sheet("edit", "hoiku", "--grade", "A").output == f"saved: {M1} FY2025 (draft, version 1)\n"
    assert sheet("show", "hoiku").output.splitlines()[:3] == [f"{M1} (FY2025, cycle 1)", "departments: 子育て支援課、保育課",
                                                             "status: draft (version 1)"]
    unknown = sheet("show", "hoiku", node="99")
    assert unknown.output == f"error: no measure 99 is evaluated in {TITLE} FY2025\n"
    assert sheet("edit", "gomi", "--grade", "A").output.startswith("error: not allowed: gomi (editor)")
    closed = kk("cycle", "close", "--plan", PLAN, "--year", "2025", "--user", "kikaku")
    assert closed.output == f"evaluation cycle closed: {TITLE} FY2025 (id 1)\n"


def test_cycle_list_and_close(opened: str) -> None:
    listed = json.loads(kk("cycle", "list", "--format", "json").output)
    assert [(c["id"], c["plan"]["key"], c["year"], c["deadline"], c["scale"], c["status"], c["opened_by"])
            for c in listed["cycles"]] == [(1, PLAN, 2025, "2026-06-30", "abcd", "open", "kikaku")]
    table = kk("cycle", "list", "--plan", PLAN)
    assert table.exit_code == 0
    assert [line.split("│")[1:-1] for line in table.output.splitlines() if line.startswith("│")] == [
        [" 1  ", f" {TITLE} ({PLAN}) ", " 2025 ", " 受付中 ", " 2026-06-30 ", " abcd "]]
    denied = kk("cycle", "close", "--plan", PLAN, "--year", "2025", "--user", "shinsa")
    assert (denied.exit_code, denied.output) == (2, "エラー: 権限がありません: shinsa (reviewer) may not open_cycle on an evaluation cycle\n")
    closed = kk("cycle", "close", "--plan", PLAN, "--year", "2025", "--user", "kikaku")
    assert (closed.exit_code, closed.output) == (0, f"評価サイクルを締め切りました: {TITLE} 2025年度 (id 1)\n")
    again = kk("cycle", "close", "--plan", PLAN, "--year", "2025", "--user", "kikaku")
    assert (again.exit_code, again.output) == (2, "エラー: 入力が正しくありません: the evaluation cycle of FY2025 is already closed\n")
    assert json.loads(kk("cycle", "list", "--format", "json").output)["cycles"][0]["status"] == "closed"
    assert "締切済" in kk("cycle", "list").output
    late = sheet("edit", "hoiku", "--grade", "A")
    assert (late.exit_code, late.output) == (2, "エラー: 入力が正しくありません: the evaluation cycle of FY2025 is closed\n")
    audit = json.loads(kk("audit", "--object", "cycle:1").output)["changes"]
    assert [(c["action"], c["user"], c["before"]["status"] if c["before"] else None, c["after"]["status"]) for c in audit] == [
        ("close", "kikaku", "open", "closed"), ("open", "kikaku", None, "open")]
    assert kk("cycle", "list", "--plan", "no-such-plan").exit_code == 1


def test_cycle_list_empty(cli_env: str) -> None:
    assert kk("cycle", "list").output == "評価サイクルはまだありません。`keikaku cycle open` で開始します。\n"
    assert json.loads(kk("cycle", "list", "-f", "json").output) == {"cycles": []}


def test_tokens(opened: str) -> None:
    made = kk("token", "create", "--user", "hoiku", "--name", "集計スクリプト")
    first, secret = made.output.splitlines()
    assert made.exit_code == 0 and secret.startswith("kk_") and len(secret) == 46
    assert first == f"API トークンを作成しました: hoiku (id 1, {secret[:11]}…, 読み書き)。次の行のトークンは二度と表示されません:"
    read_only = kk("token", "create", "--user", "hoiku", "--read-only").output.splitlines()[1]
    listed = json.loads(kk("token", "list", "--user", "hoiku", "--format", "json").output)["tokens"]
    assert [(k["id"], k["name"], k["prefix"], k["scope"], k["created_by"], k["last_used_at"], k["revoked_at"])
            for k in listed] == [(1, "集計スクリプト", secret[:11], "read_write", None, None, None),
                                 (2, None, read_only[:11], "read", None, None, None)]
    assert secret not in kk("token", "list", "--user", "hoiku").output and secret[:11] in kk("token", "list", "--user", "hoiku").output
    revoked = kk("token", "revoke", secret[:11], "--user", "hoiku")
    assert (revoked.exit_code, revoked.output) == (0, f"API トークンを失効させました: hoiku (id 1, {secret[:11]}…)\n")
    assert [k["id"] for k in json.loads(kk("token", "list", "--user", "hoiku", "-f", "json").output)["tokens"]] == [2]
    assert "失効" in kk("token", "list", "--user", "hoiku", "--revoked").output
    again = kk("token", "revoke", secret[:11], "--user", "hoiku")
    assert (again.exit_code, again.output) == (1, f"エラー: no live API token '{secret[:11]}' of hoiku\n")
    others = kk("token", "revoke", "2", "--user", "gomi")
    assert others.exit_code == 1  # gomi has no token 2: hoiku's stays
    assert kk("token", "revoke", "2", "--user", "hoiku").exit_code == 0
    assert kk("token", "list", "--user", "hoiku").output == "hoiku の API トークンはありません。\n"
    assert kk("token", "create", "--user", "nobody").exit_code == 1
    long_name = kk("token", "create", "--user", "hoiku", "--name", "x" * 101)
    assert (long_name.exit_code, long_name.output) == (2, "エラー: a token's name is at most 100 characters\n")
    audit = json.loads(kk("audit", "--object", "api_token").output)["changes"]
    assert [c["action"] for c in audit] == ["revoke", "revoke", "create", "create"]
    assert all(secret not in json.dumps(c) for c in audit)
