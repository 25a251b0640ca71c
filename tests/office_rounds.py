"""Shared by the blind rounds of office documents: rows, expectations, making and reading the documents."""

from __future__ import annotations

import json
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
