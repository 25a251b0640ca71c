"""``keikaku extract``: the work behind the command, shared by its Typer command and a light entry.

Extracting is the command people run on many files and in scripts, so ``keikaku extract`` starts
without Typer, Click and rich: ``entry.run`` parses its few options with argparse and calls
``extract_documents``; ``keikaku extract --help`` and every other command go through Typer.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from keikaku.cli.messages import t
from keikaku.domain.errors import KeikakuError

FORMATS = ("json", "summary")


def report_line(report: Any) -> str:
    """The one-line summary of an extraction report."""
    c = report.counts
    return t("report_summary", source=report.source, nodes=c.nodes, indicators=c.indicators, baseline=c.indicators_with_baseline,
             target=c.indicators_with_target, actuals=c.indicators_with_actuals, projects=c.projects, actions=c.actions,
             individual_plans=c.individual_plans, tables=len(report.tables_not_understood),
             cells=len(report.unknown_header_cells), no_year=len(report.figures_without_year),
             no_figures=len(report.indicators_without_figures),
             warnings=t("report_warnings", warnings=problems_text(report.warnings)) if report.warnings else "")


def problems_text(warnings: list[str]) -> str:
    """The report's warning codes in words: 体系（ノード）なし・指標なし."""
    return t("warning_separator").join(t(w) for w in warnings)


def plain_error(message: object) -> None:
    sys.stderr.write(f"{t('error')}: {message}\n")


def extract_documents(files: list[Path], *, fmt: str = "json", debug: Path | None = None, report: Path | None = None,
                      strict: bool = False, ocr: bool = True, say_error: Callable[[object], None] = plain_error) -> int:
    """Extract the files, print their plan JSON (or a summary) and a report line each; the exit code."""
    from keikaku.importer.pipeline import extract_files, write_debug

    plans: list[dict[str, Any]] = []
    reports: list[dict[str, Any]] = []
    failures = incomplete = 0
    for extraction in extract_files(files, stages=debug is not None, ocr=ocr):
        if isinstance(extraction, KeikakuError):
            failures += 1
            say_error(extraction)
            continue
        if debug is not None:
            write_debug(extraction, debug)
        plans.append(extraction.plan.to_json_dict())
        reports.append(extraction.report.to_json_dict())
        sys.stderr.write(report_line(extraction.report) + "\n")
        if strict and not extraction.report.complete:
            incomplete += 1
            say_error(t("strict_failed", source=extraction.raw.name, problems=problems_text(extraction.report.warnings)))
    if report is not None:
        report.write_text(json.dumps(reports[0] if len(files) == 1 and reports else reports, ensure_ascii=False, indent=2) + "\n",
                          encoding="utf-8")
        sys.stderr.write(t("report_written", path=report) + "\n")
    if fmt == "summary":
        for plan in plans:
            sys.stdout.write(
                f"{plan['source']}: {plan['title']} ({plan['kind']}) {plan['municipality'] or '—'} "
                f"nodes={len(plan['nodes'])} indicators={len(plan['indicators'])} projects={len(plan['projects'])} "
                f"actions={len(plan['actions'])} individual_plans={len(plan['individual_plans'])} roles={len(plan['roles'])}\n")
    elif plans:
        sys.stdout.write(json.dumps(plans[0] if len(files) == 1 else plans, ensure_ascii=False, indent=2) + "\n")
    return 2 if failures else 3 if incomplete else 0


def light_main(argv: list[str]) -> int | None:
    """Run ``extract`` from its arguments without Typer; None when Typer should handle them (--help, errors)."""
    if any(a in ("-h", "--help") for a in argv):
        return None
    parser = argparse.ArgumentParser(prog="keikaku extract", add_help=False, exit_on_error=False)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--format", "-f", choices=FORMATS, default="json")
    parser.add_argument("--debug", type=Path)
    parser.add_argument("--report", type=Path)
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--no-ocr", dest="ocr", action="store_false")
    try:
        args, rest = parser.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return None
    if rest:
        return None  # an option this parser does not know: Typer explains it
    return extract_documents(args.files, fmt=args.format, debug=args.debug, report=args.report, strict=args.strict,
                             ocr=args.ocr)
