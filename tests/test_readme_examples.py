"""The READMEs' staff commands, run as written by the installed ``.venv/bin/keikaku`` on a database
holding two cities that both have a 保育課: the fictional かえで市 and a second fictional town made
from it (もみじ町, 990027). The commands are read from README.md and README.ja.md themselves, so the
READMEs and this test cannot drift apart. A department name that both cities use must be qualified
with --municipality; without it the command refuses and says how, naming both cities."""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from keikaku.services.plans import EXAMPLE_DIR, load_plan_file
from keikaku.storage import models as m
from keikaku.storage.database import transaction
from keikaku.storage.plan_store import deadline_date

REPO = Path(__file__).resolve().parent.parent
KEIKAKU = REPO / ".venv" / "bin" / "keikaku"
SECOND = {"municipality": "もみじ町", "municipality_code": "990027", "key": "990027:comprehensive-1",
          "title": "もみじ町総合計画（架空の例）", "generation": 1}
SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.M | re.S)


def staff_commands(readme: str) -> list[str]:
    """The lines of the README's shell block that creates users with --department."""
    blocks = [b for b in SH_BLOCK.findall((REPO / readme).read_text(encoding="utf-8")) if "user add" in b and "--department" in b]
    assert len(blocks) == 1, f"{readme}: expected one shell block of staff commands, found {len(blocks)}"
    return [line for line in blocks[0].splitlines() if line.strip() and not line.lstrip().startswith("#")]


def second_city(tmp_path: Path) -> Path:
    """もみじ町: かえで市's plan under another fictional code and name, so it has the same departments."""
    doc = json.loads((EXAMPLE_DIR / "kaede-comprehensive-plan.json").read_text(encoding="utf-8"))
    doc.update(SECOND)
    doc["vision"] = "山あいに紅葉の映える もみじ町"
    for plan in doc["individual_plans"]:
        plan["name"] = plan["name"].replace("かえで市", "もみじ町")
    path = tmp_path / "momiji.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def two_cities(engine: Engine, tmp_path: Path) -> Engine:
    load_plan_file(engine, EXAMPLE_DIR / "kaede-comprehensive-plan.json")
    load_plan_file(engine, second_city(tmp_path))
    with transaction(engine) as s:
        hoiku = s.execute(select(m.Municipality.code).join(m.Department, m.Department.municipality_id == m.Municipality.id)
                          .where(m.Department.name == "保育課").order_by(m.Municipality.code)).scalars().all()
    assert hoiku == ["990019", "990027"]
    return engine


def run(line: str, database_url: str, *, lang: str = "ja") -> subprocess.CompletedProcess[str]:
    """One README line through bash, from the repository root, as a reader would run it."""
    assert KEIKAKU.exists(), f"{KEIKAKU} is missing: ./run or ./test creates it"
    env = {**os.environ, "KEIKAKU_DATABASE_URL": database_url, "KEIKAKU_LANG": lang, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(["bash", "-c", line], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def departments_of(engine: Engine, user: str) -> list[tuple[str, str]]:
    with transaction(engine) as s:
        return [tuple(r) for r in s.execute(
            select(m.Department.name, m.Municipality.code).join(m.UserDepartment, m.UserDepartment.department_id == m.Department.id)
            .join(m.User, m.User.id == m.UserDepartment.user_id).join(m.Municipality, m.Municipality.id == m.Department.municipality_id)
            .where(m.User.name == user)).all()]


def user_names(engine: Engine) -> list[str]:
    with transaction(engine) as s:
        return sorted(s.scalars(select(m.User.name)))


@pytest.mark.parametrize("readme", ["README.md", "README.ja.md"])
def test_the_readme_staff_commands_work_on_two_cities(two_cities: Engine, database_url: str, readme: str) -> None:
    lines = staff_commands(readme)
    assert [re.search(r"keikaku (\w+ \w+)", line).group(1) for line in lines] == ["user add", "user add", "cycle open", "user list"]
    assert all(line.lstrip().startswith(("printf ", ".venv/bin/keikaku ")) for line in lines), lines
    assert "--department 保育課 --municipality 990019" in lines[1]  # the README qualifies the department
    outputs = []
    for line in lines:
        done = run(line, database_url)
        assert done.returncode == 0, (line, done.stdout, done.stderr)
        outputs.append(done.stdout.strip())
    assert outputs[0] == "利用者を作成しました: kikaku (admin)"
    assert outputs[1] == "利用者を作成しました: hoiku (editor; 保育課)"
    assert outputs[2] == "評価サイクルを開始しました: かえで市第2次総合計画（架空の例） 2025年度 (id 1, 尺度 abcd, 提出期限 2026-06-30)"
    rows = [[cell.strip() for cell in row.split("│")[1:-1]] for row in outputs[3].splitlines() if row.startswith("│")]
    assert rows == [["hoiku", "editor", "保育課", "有効", "—"], ["kikaku", "admin", "—", "有効", "—"]]
    assert departments_of(two_cities, "hoiku") == [("保育課", "990019")]  # かえで市's, not もみじ町's
    assert user_names(two_cities) == ["hoiku", "kikaku"]
    with transaction(two_cities) as s:
        cycle = s.scalars(select(m.EvaluationCycle)).one()
        plan = s.get(m.Plan, cycle.plan_id)
        assert (plan.key, cycle.year, deadline_date(cycle.deadline)) == ("990019:comprehensive-2", 2025, date(2026, 6, 30))


@pytest.mark.parametrize("readme", ["README.md", "README.ja.md"])
def test_an_ambiguous_department_is_refused_with_how_to_qualify_it(two_cities: Engine, database_url: str, readme: str) -> None:
    editor = staff_commands(readme)[1]
    unqualified = editor.replace(" --municipality 990019", "").replace(" hoiku ", " hoiku2 ")
    assert "--municipality" not in unqualified and " hoiku2 " in unqualified
    done = run(unqualified, database_url)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == ""
    message = " ".join(done.stderr.split())
    assert message == ("エラー: 所管課「保育課」は複数の自治体にあります: かえで市 (990019)、もみじ町 (990027)。"
                       "どの自治体の課かを --municipality（-m）に自治体のコードか名前で指定してください"
                       "（例: --municipality 990019）"), done.stderr
    assert user_names(two_cities) == []  # nothing was created

    english = run(unqualified, database_url, lang="en")
    assert english.returncode == 2
    assert " ".join(english.stderr.split()) == (
        "error: the department 保育課 exists in several municipalities: かえで市 (990019), もみじ町 (990027); say which "
        "with --municipality (-m) and the municipality's code or name (e.g. --municipality 990019)")

    by_name = run(editor.replace("--municipality 990019", "--municipality もみじ町"), database_url)
    assert by_name.returncode == 0, by_name.stderr
    assert departments_of(two_cities, "hoiku") == [("保育課", "990027")]
    short = run(unqualified.replace("--department 保育課", "--department 保育課 -m 990019"), database_url)
    assert short.returncode == 0, short.stderr
    assert departments_of(two_cities, "hoiku2") == [("保育課", "990019")]


def test_wrong_qualifiers_and_role_changes(two_cities: Engine, database_url: str) -> None:
    editor = staff_commands("README.md")[1]
    wrong_code = run(editor.replace("990019", "990018"), database_url)  # a wrong check digit
    assert wrong_code.returncode == 2 and "990018" in wrong_code.stderr, wrong_code.stderr
    unknown_city = run(editor.replace("990019", "990035"), database_url)  # well-formed, not stored
    assert unknown_city.returncode == 1 and "990035" in unknown_city.stderr, unknown_city.stderr  # not found
    unknown_department = run(editor.replace("保育課", "存在しない課"), database_url)
    assert unknown_department.returncode == 2 and "存在しない課" in unknown_department.stderr
    assert user_names(two_cities) == []
    one_city_only = run(editor.replace("保育課 --municipality 990019", "ごみ対策課 --municipality 990027"), database_url)
    assert one_city_only.returncode == 0, one_city_only.stderr
    # `user role` refuses an ambiguous name in the same words, and keeps the user as it was
    role = run(".venv/bin/keikaku user role hoiku --role editor --department 保育課", database_url)
    assert role.returncode == 2
    assert "所管課「保育課」は複数の自治体にあります: かえで市 (990019)、もみじ町 (990027)" in " ".join(role.stderr.split())
    assert departments_of(two_cities, "hoiku") == [("ごみ対策課", "990027")]
    role = run(".venv/bin/keikaku user role hoiku --role editor --department 保育課 --municipality 990019", database_url)
    assert role.returncode == 0, role.stderr
    assert departments_of(two_cities, "hoiku") == [("保育課", "990019")]
