"""The console script: ``extract`` starts without Typer and answers exactly as the Typer command does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from keikaku.cli.main import app

SCRIPT = [sys.executable, "-c", "from keikaku.cli.entry import run; run()"]


def keikaku(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SCRIPT, *args], capture_output=True, text=True, timeout=120)


def test_light_extract_prints_what_the_typer_command_prints(seeds: Path) -> None:
    seed = str(seeds / "002_da149b7202bad3b0.txt")
    light = keikaku("extract", seed, "--format", "json")
    typer_result = CliRunner().invoke(app, ["extract", seed, "--format", "json"])
    assert light.returncode == typer_result.exit_code == 0
    assert json.loads(light.stdout) == json.loads(typer_result.stdout)
    assert light.stderr.startswith("002_da149b7202bad3b0.txt: ")


def test_light_extract_never_imports_typer(seeds: Path) -> None:
    code = ("import sys; sys.argv = ['keikaku', 'extract', sys.argv[1], '--format', 'summary']\n"
            "from keikaku.cli.entry import run\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "print('typer' in sys.modules, 'rich' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(seeds / "000_138cd5ff0a448d85.txt")], capture_output=True, text=True,
                          timeout=120)
    assert done.stderr.strip().endswith("False False")
    assert done.stdout.startswith("000_138cd5ff0a448d85.txt: 第5次小金井市基本構想・前期基本計画 (basic_plan) 小金井市 nodes=")


def test_help_unknown_options_and_bad_files_go_the_same_way(tmp_path: Path) -> None:
    assert "Usage: keikaku extract" in keikaku("extract", "--help").stdout
    unknown = keikaku("extract", "x.txt", "--no-such-option")
    assert unknown.returncode == 2 and "No such option" in unknown.stderr
    missing = keikaku("extract", str(tmp_path / "missing.txt"))
    assert missing.returncode == 2 and "cannot import missing.txt" in missing.stderr and missing.stdout == ""
    empty = tmp_path / "empty.txt"
    empty.write_text("施策1 何もない\n", encoding="utf-8")
    strict = keikaku("extract", str(empty), "--strict")
    assert strict.returncode == 3 and json.loads(strict.stdout)["nodes"][0]["title"] == "何もない"


def test_no_ocr_refuses_a_scan_on_both_paths(tmp_path: Path) -> None:
    from docmaker import make_image_only_pdf

    scan = make_image_only_pdf(tmp_path / "scan.pdf")
    light = keikaku("extract", str(scan), "--no-ocr")
    typer_result = CliRunner().invoke(app, ["extract", str(scan), "--no-ocr"])
    assert light.returncode == typer_result.exit_code == 2
    assert "scan.pdf" in light.stderr and "OCR" in light.stderr and light.stdout == ""
    assert "OCR" in typer_result.output
