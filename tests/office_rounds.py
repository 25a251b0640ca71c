"""Shared by the blind rounds of office documents: rows, expectations, making and reading the documents."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from corpus.scoring import scorer
from docmaker import W_NS, soffice_to_pdfs
from keikaku.importer.pipeline import extract_file

# name, unit, (baseline, year), [(year, actual)], (target, year)
Row = tuple[str, str, tuple[float, int], list[tuple[int, float]], tuple[float, int]]
Made = dict[str, tuple[Path, list[Row], int]]


def era(year: int) -> str:
    return f"令和{year - 2018}年度" if year >= 2019 else f"平成{year - 1988}年度"


def short_era(year: int) -> str:
    return f"R{year - 2018}" if year >= 2019 else f"H{year - 1988}"


def printed(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def gold(rows: list[Row]) -> list[dict]:
    return [{"name": name, "unit": unit, "baseline": {"value": b, "year": by},
             "actuals": [{"year": y, "value": v} for y, v in actuals], "target": {"value": t, "year": ty}}
            for name, unit, (b, by), actuals, (t, ty) in rows]


def word_document():  # type: ignore[no-untyped-def]
    import docx

    document = docx.Document()
    for style in ("Normal", "Heading 1", "Heading 2"):
        document.styles[style].font.name = "IPAGothic"
        document.styles[style].element.get_or_add_rPr().get_or_add_rFonts().set(f"{{{W_NS}}}eastAsia", "IPAGothic")
    return document


def make_documents(directory: Path, documents: dict[str, tuple[Callable[[Path], Path], str, list[Row], int]]) -> Made:
    """Each document made in ``directory``, and its PDF (``label → PDF``) from one LibreOffice run."""
    out = {label: (make(directory / name), rows, figures) for label, (make, name, rows, figures) in documents.items()}
    pdfs = soffice_to_pdfs([path for path, _, _ in out.values()], directory / "pdf")
    for (label, (_, rows, figures)), pdf in zip(list(out.items()), pdfs):
        out[f"{label} → PDF"] = (pdf, rows, figures)
    return out


def indicators(path: Path) -> list[dict]:
    return json.loads(extract_file(path).plan.to_json())["indicators"]


def brief(path: Path) -> list[tuple]:
    return [(i["name"], i["unit"], (i["baseline"]["value"], i["baseline"]["year"]),
             [(a["year"], a["value"]) for a in i["actuals"]], (i["target"]["value"], i["target"]["year"]))
            for i in indicators(path)]


def assert_reads_in_full(path: Path, rows: list[Row], figures: int) -> None:
    """Every row found with every figure right, and nothing else read as an indicator."""
    found, total, right, counted, misses = scorer().score(gold(rows), indicators(path))
    assert misses == []
    assert (found, total, right, counted) == (len(rows), len(rows), figures, figures)
    assert len(indicators(path)) == len(rows)


# --- Excel cells and pages, Word pages, pdftotext -------------------------------------------------


def put_cell(sheet, r: int, k: int, value, fmt: str | None = None, *, bold: bool = False):  # type: ignore[no-untyped-def]
    """A ruled cell; ``bold`` cells are centred as header cells are."""
    from openpyxl.styles import Alignment, Border, Font, Side

    cell = sheet.cell(r, k, value)
    if fmt:
        cell.number_format = fmt
    thin = Side(style="thin")
    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if bold else None)
    if bold:
        cell.font = Font(bold=True)
    return cell


def number_format(value: float, unit: str = "") -> str:
    digits = "#,##0" if isinstance(value, int) else "#,##0.0"
    return f'{digits}"{unit}"' if unit else digits


def column_widths(sheet, widths: list[float]) -> None:  # type: ignore[no-untyped-def]
    from openpyxl.utils import get_column_letter

    for k, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(k)].width = width


def landscape_sheet(sheet) -> None:  # type: ignore[no-untyped-def]
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0


def landscape_word(document) -> None:  # type: ignore[no-untyped-def]
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)


def pdftotext(pdf: Path, out: Path, *layout: str) -> Path:
    tool = shutil.which("pdftotext")
    if tool is None:
        raise AssertionError("pdftotext is not installed: run scripts/system-deps.sh (as root)")
    subprocess.run([tool, *layout, str(pdf), str(out)], check=True, capture_output=True, timeout=60)
    return out


# name → (maker, rows)
Documents = dict[str, tuple[Callable[[Path], Path], list[Row]]]


def build_rendered(directory: Path, documents: Documents, names: list[str] | None = None) -> dict[str, Path]:
    """The sources, their PDFs (``pdf/``) and texts (``name.txt`` plain, ``name.layout.txt``) in
    ``directory``; returns ``name → plain text``."""
    directory.mkdir(parents=True, exist_ok=True)
    chosen = names or list(documents)
    sources = [documents[name][0](directory / name) for name in chosen]
    pdfs = soffice_to_pdfs(sources, directory / "pdf")
    texts: dict[str, Path] = {}
    for name, pdf in zip(chosen, pdfs):
        texts[name] = pdftotext(pdf, directory / f"{Path(name).stem}.txt")
        pdftotext(pdf, directory / f"{Path(name).stem}.layout.txt", "-layout")
    return texts


def expected_rendered(documents: Documents) -> dict[str, list[dict]]:
    """The same rows expected of each document's plain text, -layout text and PDF."""
    out: dict[str, list[dict]] = {}
    for name, (_, rows) in documents.items():
        stem = Path(name).stem
        for kind in (f"{stem}.txt", f"{stem}.layout.txt", f"pdf/{stem}.pdf"):
            out[kind] = gold(rows)
    return out


# --- a round built at test time, scored row by row ------------------------------------------------


def round_fixture(module: str):  # type: ignore[no-untyped-def]
    """A module-scoped fixture named after ``module`` less ``office_`` (``office_round_8`` → ``round_8``):
    the folder where that module's ``build`` made its documents and renderings."""
    import importlib

    import pytest

    name = module.removeprefix("office_")

    @pytest.fixture(scope="module", name=name)
    def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
        folder = tmp_path_factory.mktemp(name.replace("_", ""))
        importlib.import_module(module).build(folder)
        return folder

    return built


def found_and_right(path: Path, rows: list[dict]) -> tuple[int, int]:
    """(indicators found, indicators with every figure right) of ``path`` against the gold ``rows``."""
    got = indicators(path)
    found = scorer().score(rows, got)[0]
    right = 0
    for one in rows:
        f, t, r, n, _ = scorer().score([one], got)
        right += (f, r) == (t, n)
    return found, right
