"""``keikaku user add``, ``cycle open``, ``observe`` and ``audit``, run in-process on the test database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cycle_helpers import PASSWORD, RECYCLING, WAITING, WASTE, fast_hashing, observation, xlsx
from keikaku.cli.main import app
from keikaku.storage.database import make_engine
from keikaku.services.plans import EXAMPLE_DIR

runner = CliRunner(env={"COLUMNS": "200"})


def kk(*args: str, input: str | None = None):  # noqa: ANN201
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def kaede(cli_env: str, monkeypatch: pytest.MonkeyPatch) -> str:
    fast_hashing(monkeypatch)
    assert kk("load", str(EXAMPLE_DIR / "kaede-comprehensive-plan.json")).exit_code == 0
    return cli_env


@pytest.fixture
def staff(kaede: str) -> str:
    for args in (["kikaku", "--role", "admin"], ["hoiku", "--role", "editor", "--department", "保育課"],
                 ["gomi", "--role", "editor", "-d", "ごみ対策課", "-m", "990019"]):
        result = kk("user", "add", *args, "--password-stdin", input=PASSWORD + "\n")
        assert result.exit_code == 0, result.output
    return kaede


@pytest.fixture
def opened(staff: str) -> str:
    result = kk("cycle", "open", "--plan", "990019:comprehensive-2", "--year", "2025", "--deadline", "2026-06-30", "--user", "kikaku")
    assert result.exit_code == 0, result.output
    return staff


@pytest.mark.parametrize("command", [["user", "add"], ["cycle", "open"], ["observe"], ["audit"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = kk(*command, "--help")
    assert result.exit_code == 0 and "Usage: " in result.output and " / " in result.output


def test_user_add(kaede: str) -> None:
    result = kk("user", "add", "hoiku", "--role", "editor", "--department", "保育課", "--department", "子育て支援課",
                "--password-stdin", input=PASSWORD + "\r\n")
    assert (result.exit_code, result.output) == (0, "利用者を作成しました: hoiku (editor; 保育課, 子育て支援課)\n")
    viewer = kk("user", "add", "etsuran", "--role", "viewer", "--password-stdin", input=PASSWORD)
    assert viewer.output == "利用者を作成しました: etsuran (viewer)\n"


def test_english(kaede: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEIKAKU_LANG", "en")
    result = kk("user", "add", "kikaku", "--role", "admin", "--password-stdin", input=PASSWORD)
    assert result.output == "user created: kikaku (admin)\n"


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (["--role", "admin"], PASSWORD, "パスワードは --password-stdin を付けて標準入力から渡してください（既定のパスワードはありません）"),
    (["--role", "admin", "--password-stdin"], "", "標準入力にパスワードがありません"),
    (["--role", "admin", "--password-stdin"], "tooshort\n", "the password must be at least 10 characters"),
    (["--role", "editor", "--password-stdin"], PASSWORD, "an editor needs at least one department (--department)"),
    (["--role", "editor", "-d", "宇宙課", "--password-stdin"], PASSWORD, "unknown department '宇宙課'"),
    (["--role", "boss", "--password-stdin"], PASSWORD, "unknown role 'boss'"),
])
def test_user_add_refusals(kaede: str, args: list[str], stdin: str, message: str) -> None:
    result = kk("user", "add", "someone", *args, input=stdin)
    assert result.exit_code == 2
    assert result.output.startswith("エラー: " + message)


def test_cycle_open(staff: str) -> None:
    result = kk("cycle", "open", "--plan", "1", "--year", "2025", "--deadline", "2026-06-30", "--scale", "sabc", "--user", "kikaku")
    assert (result.exit_code, result.output) == (
        0, "評価サイクルを開始しました: かえで市第2次総合計画（架空の例） 2025年度 (id 1, 尺度 sabc, 提出期限 2026-06-30)\n")
    again = kk("cycle", "open", "--plan", "1", "--year", "2025", "--user", "kikaku")
    assert (again.exit_code, again.output) == (2, "エラー: the FY2025 cycle of this plan is already open (cycle 1)\n")
    editor = kk("cycle", "open", "--plan", "1", "--year", "2026", "--user", "hoiku")
    assert (editor.exit_code, editor.output) == (2, "エラー: hoiku (editor) may not open_cycle\n")
    nobody = kk("cycle", "open", "--plan", "1", "--year", "2026", "--user", "nobody")
    assert (nobody.exit_code, nobody.output) == (1, "エラー: no user 'nobody' (`keikaku user add` creates one)\n")
    assert kk("cycle", "open", "--plan", "1", "--year", "2026", "--deadline", "6/30", "--user", "kikaku").exit_code == 2
    assert kk("cycle", "open", "--plan", "1", "--year", "2026", "--scale", "stars", "--user", "kikaku").exit_code == 2


def test_observe(opened: str) -> None:
    result = kk("observe", "--plan", "990019:comprehensive-2", "--indicator", WAITING, "--year", "2025", "--value", "3", "--user", "hoiku")
    assert (result.exit_code, result.output) == (0, f"実績値を登録しました（下書き・新規登録）: {WAITING} 2025年度 = 3人\n")
    same = kk("observe", "--plan", "1", "--indicator", WAITING, "--year", "令和7年度", "--value", "3", "--user", "hoiku")
    assert same.output == f"実績値を登録しました（下書き・変更なし）: {WAITING} 2025年度 = 3人\n"


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--indicator", WAITING, "--year", "2025", "--value", "abc", "--user", "hoiku"], 2, "not a number: 'abc'"),
    (["--indicator", RECYCLING, "--year", "2025", "--value", "30", "--user", "hoiku"], 2,
     "hoiku (editor) may enter_actual only for their own departments, not on indicator 資源化率"),
    (["--indicator", RECYCLING, "--year", "2025", "--value", "130", "--user", "gomi"], 2, "130% is outside 0–100 for a percentage"),
    (["--indicator", "何か", "--year", "2025", "--value", "1", "--user", "gomi"], 2, "no indicator '何か' in this plan"),
    (["--indicator", WAITING, "--year", "2031", "--value", "1", "--user", "hoiku"], 2, "FY2031 is outside the plan period FY2021–FY2030"),
    (["--indicator", WAITING, "--value", "1", "--user", "hoiku"], 2, "--indicator, --year, --value を指定するか、--file を指定してください"),
    (["--indicator", WAITING, "--year", "2025", "--value", "1", "--user", "nobody"], 1, "no user 'nobody' (`keikaku user add` creates one)"),
])
def test_observe_refusals(opened: str, args: list[str], code: int, message: str) -> None:
    result = kk("observe", "--plan", "1", *args)
    assert (result.exit_code, result.output) == (code, f"エラー: {message}\n")


def test_observe_a_file(opened: str, tmp_path: Path) -> None:
    good = tmp_path / "gomi.xlsx"
    good.write_bytes(xlsx([["指標", "年度", "値"], [WASTE, 2025, 790], [RECYCLING, 2025, 31]]))
    result = kk("observe", "--plan", "1", "--file", str(good), "--user", "gomi")
    assert (result.exit_code, result.output) == (0, "gomi.xlsx: 実績値を登録しました（下書き）: 新規 2・更新 0・変更なし 0\n")
    bad = tmp_path / "bad.csv"
    bad.write_text(f"指標,年度,値\n{WASTE},2025,800\n{WASTE},2025,x\n", encoding="utf-8")
    result = kk("observe", "--plan", "1", "--file", str(bad), "--user", "gomi")
    assert (result.exit_code, result.output) == (
        2, "エラー: bad.csv: 2 problem(s), nothing was saved:\n"
           "  row 3, 指標: 1人1日当たりのごみ排出量, FY2025 is also given in row 2\n"
           "  row 3, 値: not a number: 'x'\n")
    both = kk("observe", "--plan", "1", "--file", str(bad), "--value", "3", "--user", "gomi")
    assert both.exit_code == 2


def test_audit(opened: str) -> None:
    kk("observe", "--plan", "1", "--indicator", WAITING, "--year", "2025", "--value", "3", "--user", "hoiku")
    result = kk("audit", "--object", "observation")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert list(data) == ["changes"] and len(data["changes"]) == 1
    change = data["changes"][0]
    engine = make_engine(opened)
    oid = observation(engine, WAITING, 2025).id
    engine.dispose()
    assert list(change) == ["at", "user", "object", "before", "after", "action", "label"]
    assert {k: v for k, v in change.items() if k != "at"} == {
        "user": "hoiku", "object": f"observation:{oid}", "before": None,
        "after": {"indicator_id": 1, "year": 2025, "value": 3.0, "text": None, "note": None, "reported_rate": None, "status": "draft"},
        "action": "create", "label": f"{WAITING} FY2025",
    }
    everything = json.loads(kk("audit").output)["changes"]
    assert [c["object"] for c in everything] == [f"observation:{oid}", "cycle:1", "user:3", "user:2", "user:1"]
    assert [c["user"] for c in everything] == ["hoiku", "kikaku", None, None, None]
    table = kk("audit", "--format", "table", "--object", "cycle:1").output
    assert "kikaku" in table and "cycle:1" in table and "open" in table and "日時 (UTC)" in table
    assert kk("audit", "--object", "sheet", "--format", "table").output == "変更履歴はありません。\n"
    wrong = kk("audit", "--object", "plan:1")
    assert wrong.exit_code == 2 and "--object is TYPE:ID or TYPE" in wrong.output
