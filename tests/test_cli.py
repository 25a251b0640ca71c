"""The keikaku command, run in-process against the test database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from keikaku.cli.main import app
from keikaku.services.plans import example_files
from keikaku.storage import migrate
from seed_shapes import ALL_SHAPES

runner = CliRunner(env={"COLUMNS": "200"})


def kk(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def loaded(cli_env: str, tmp_path: Path) -> Path:
    path = tmp_path / "koganei-4.json"
    path.write_text(json.dumps(ALL_SHAPES["002"](), ensure_ascii=False), encoding="utf-8")
    result = kk("load", str(path))
    assert result.exit_code == 0, result.output
    return path


def test_help_lists_every_command() -> None:
    result = kk("--help")
    assert result.exit_code == 0
    for command in ("load", "dump", "plans", "show", "municipalities", "db"):
        assert command in result.output
    assert "KEIKAKU_DATABASE_URL" in result.output


@pytest.mark.parametrize("command", [["load"], ["dump"], ["plans"], ["show"], ["municipalities"], ["db", "upgrade"], ["db", "status"]])
def test_every_command_has_help(command: list[str]) -> None:
    result = kk(*command, "--help")
    assert result.exit_code == 0
    assert "Usage: " in result.output and " / " in result.output  # Japanese / English summary


def test_version() -> None:
    assert kk("--version").output.strip() == "keikaku 0.1.0"


def test_load_reports_created_then_unchanged(cli_env: str, tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps(ALL_SHAPES["002"](), ensure_ascii=False), encoding="utf-8")
    first = kk("load", str(path))
    assert first.exit_code == 0
    assert first.output.strip() == "新規登録: 132101:4th-basic-plan (id 1, ノード 18, 指標 11)"
    assert kk("load", str(path)).output.strip() == "変更なし: 132101:4th-basic-plan (id 1, ノード 18, 指標 11)"


def test_english_messages(cli_env: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEIKAKU_LANG", "en")
    path = tmp_path / "p.json"
    path.write_text(json.dumps(ALL_SHAPES["002"](), ensure_ascii=False), encoding="utf-8")
    assert kk("load", str(path)).output.strip() == "created: 132101:4th-basic-plan (id 1, 18 nodes, 11 indicators)"


def test_plans_json(loaded: Path) -> None:
    result = kk("plans", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == {"plans": [{
        "id": 1, "key": "132101:4th-basic-plan", "municipality": {"code": "132101", "name": "小金井市"},
        "title": "第4次小金井市基本構想・後期基本計画", "kind": "basic_plan", "status": "adopted",
        "status_label": None, "period": {"start": 2016, "end": 2020},
    }]}


def test_plans_table_and_empty(cli_env: str) -> None:
    assert "計画はまだありません" in kk("plans").output
    assert kk("load", "--example").exit_code == 0
    table = kk("plans").output
    assert "かえで市 (990019)" in table and "[架空]" in table and "2021–2030" in table


def test_dump_after_load_gives_the_same_document(loaded: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = kk("dump", "132101:4th-basic-plan", "--output", str(out))
    assert result.exit_code == 0
    from keikaku.domain.planfile import PlanDocument
    assert json.loads(out.read_text(encoding="utf-8")) == PlanDocument.model_validate(ALL_SHAPES["002"]()).to_json_dict()
    assert json.loads(kk("dump", "1").output) == json.loads(out.read_text(encoding="utf-8"))


def test_show_tree_and_node(loaded: Path) -> None:
    tree = kk("show", "1")
    assert tree.exit_code == 0
    assert "施策 25 防犯体制の強化" in tree.output and "施策 B-0 産業振興プランの計画的推進" in tree.output
    node = kk("show", "1", "25")
    assert node.exit_code == 0
    for text in ("刑法犯の認知件数", "1,070件", "999件", "防犯意識の向上", "こがねいし安全・安心あいさつ運動"):
        assert text in node.output
    data = json.loads(kk("show", "1", "25", "--format", "json").output)
    assert data["node"]["title"] == "防犯体制の強化"
    assert [(i["baseline"]["value"], i["target"]["value"]) for i in data["indicators"]] == [(1070, 999)]
    assert data["projects"][0]["schedule"] == {str(y): "充実" for y in range(2016, 2021)}


def test_municipalities(cli_env: str) -> None:
    data = json.loads(kk("municipalities", "--format", "json").output)
    assert data == {"municipalities": [
        {"code": "132101", "name": "小金井市", "prefecture": "東京都", "fictional": False},
        {"code": "132110", "name": "小平市", "prefecture": "東京都", "fictional": False},
    ]}


def test_errors_have_messages_and_exit_codes(loaded: Path, tmp_path: Path) -> None:
    missing = kk("show", "999")
    assert missing.exit_code == 1 and "no plan '999'" in missing.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "x", "kind": "plan"}', encoding="utf-8")
    result = kk("load", str(bad))
    assert result.exit_code == 2
    assert "kind: Input should be" in result.output and str(bad) in result.output
    assert kk("load").exit_code == 2


def test_one_bad_file_does_not_stop_the_others(cli_env: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = kk("load", str(bad), *map(str, example_files()))
    assert result.exit_code == 2
    assert "新規登録: 990019:comprehensive-2" in result.output and "not valid JSON" in result.output


def test_plans_show_the_printed_word_of_a_draft(cli_env: str, seeds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert kk("import", str(next(seeds.glob("001_*.txt")))).exit_code == 0
    listed = kk("plans").output
    assert "骨子案" in listed and "素案" not in listed
    assert json.loads(kk("plans", "--format", "json").output)["plans"][0]["status_label"] == "骨子案"
    assert "基本構想 · 骨子案 ·" in kk("show", "1").output.splitlines()[0]
    monkeypatch.setenv("KEIKAKU_LANG", "en")
    assert "outline draft" in kk("plans").output


def test_bad_settings_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEIKAKU_DATABASE_URL", "mysql://x")
    result = kk("plans")
    assert result.exit_code == 2 and "sqlite:// or postgresql+psycopg://" in result.output


def test_db_upgrade_and_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEIKAKU_DATABASE_URL", raising=False)
    monkeypatch.setenv("KEIKAKU_DATA_DIR", str(tmp_path / "data"))
    result = kk("db", "upgrade")
    head = migrate.head_revision()
    assert result.exit_code == 0 and head in result.output
    assert (tmp_path / "data" / "keikaku.sqlite3").exists()
    status = kk("db", "status").output
    assert f"{head} (" in status and f"{head})" in status
