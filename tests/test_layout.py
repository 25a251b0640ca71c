"""The codebase keeps its shape: small modules, imports one way, everything documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import typer.main

from keikaku.cli.main import app
from keikaku.settings import Settings

PACKAGE = Path(__file__).resolve().parent.parent / "keikaku"
REPO = PACKAGE.parent
LAYERS = ["domain", "importer", "storage", "services", "web", "cli"]


def test_no_module_over_800_lines() -> None:
    long = {str(p.relative_to(REPO)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > 800}
    assert long == {}


def test_imports_go_downwards_only() -> None:
    wrong = []
    for layer_index, layer in enumerate(LAYERS):
        above = LAYERS[layer_index + 1:]
        for path in (PACKAGE / layer).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in getattr(node, "names", [])] if isinstance(node, ast.Import) else []
                for name in names:
                    if any(name == f"keikaku.{a}" or name.startswith(f"keikaku.{a}.") for a in above):
                        wrong.append(f"{path.relative_to(REPO)} imports {name}")
    assert wrong == []


def _commands(group: typer.Typer, prefix: str = "") -> list[str]:
    click_group = typer.main.get_command(group)
    names = []
    for name, cmd in click_group.commands.items():
        if hasattr(cmd, "commands"):
            names += [f"{prefix}{name} {sub}" for sub in cmd.commands]
        else:
            names.append(f"{prefix}{name}")
    return sorted(names)


def test_every_command_is_documented() -> None:
    doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    documented = sorted(re.findall(r"^## keikaku (.+)$", doc, flags=re.M))
    assert documented == _commands(app)


def test_every_setting_is_documented() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for field in Settings.model_fields:
        assert f"`KEIKAKU_{field.upper()}`" in readme


def test_quick_start_scripts() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "./run" in readme and "./test" in readme
    for script in ("run", "test", ".ci/run", "scripts/bootstrap.sh"):
        path = REPO / script
        assert path.stat().st_mode & 0o111, f"{script} is not executable"
    assert "./test" in (REPO / ".ci" / "run").read_text()


def test_plan_file_fields_are_documented() -> None:
    from keikaku.domain.planfile import PlanDocument

    doc = (REPO / "docs" / "plan-file.md").read_text(encoding="utf-8")
    for field in PlanDocument.model_fields:
        assert f"`{field}`" in doc
