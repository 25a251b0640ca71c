"""``keikaku export``: a stored plan's year as open-data CSV, an Excel workbook, a PDF report or
the complete plan JSON. A thin wrapper over ``keikaku.services.exports``."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class ExportFormat(StrEnum):  # the services' formats; services are imported only when the command runs
    csv = "csv"
    xlsx = "xlsx"
    pdf = "pdf"
    json = "json"


def export_command(
    plan: Annotated[str, typer.Option("--plan", help="計画の ID またはキー / Plan id or key.", show_default=False)],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, xlsx, pdf または json / Export format.",
                                                 show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="書き出し先 (- で標準出力) / Output file, or - for stdout.",
                                         show_default=False)],
    year: Annotated[int | None, typer.Option("--year", help="年度 (西暦; json 以外は必須) / Fiscal year (required but for json).")] = None,
) -> None:
    """年度の書き出し (CSV, Excel, PDF, JSON) / Export a plan's fiscal year.

    csv: open data, a row per indicator and published actual year up to FY (UTF-8 with BOM).
    xlsx: the year's evaluation sheets, a 概要 sheet and one sheet per measure. pdf: the year's
    report (施策評価報告書) with charts. json: the complete plan file with every actual (drafts
    too) and every evaluation cycle; `keikaku load` restores it (with --year, only up to FY).
    """
    from keikaku.cli.main import err, open_database
    from keikaku.cli.messages import t
    from keikaku.services.exports import export

    data = export(open_database(), plan, format=format.value, year=year)
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    output.write_bytes(data)
    err().print(t("written", path=output), highlight=False)
