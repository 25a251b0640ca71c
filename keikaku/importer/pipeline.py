"""The importer as one call: read → normalise → segment → tables → values → build, each stage kept."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from keikaku.domain import planfile as pf
from keikaku.domain.errors import KeikakuError
from keikaku.importer.build import build_plan
from keikaku.importer.flattened import unflatten
from keikaku.importer.normalize import Line, normalise
from keikaku.importer.readers import read_document
from keikaku.importer.records import RawDocument
from keikaku.importer.segment import Block, segment


@dataclass
class Extraction:
    """The plan read from one document, with every stage's output for ``--debug``."""

    raw: RawDocument
    lines: list[Line]
    blocks: list[Block]
    plan: pf.PlanDocument


def extract_document(raw: RawDocument) -> Extraction:
    lines = unflatten(normalise(raw))
    blocks = segment(lines)
    plan = build_plan(blocks, lines, source=raw.name, sha256=raw.sha256)
    return Extraction(raw, lines, blocks, plan)


def extract_file(path: Path) -> Extraction:
    return extract_document(read_document(path))


def _extract_or_error(path: Path) -> Extraction | KeikakuError:
    try:
        return extract_file(path)
    except KeikakuError as exc:
        return exc


def extract_files(paths: list[Path]) -> list[Extraction | KeikakuError]:
    """Extract several documents, in order, on every core (forked workers); errors come back in place."""
    workers = min(len(paths), os.cpu_count() or 1)
    if workers < 2 or len(paths) < 8 or sys.platform != "linux":
        return [_extract_or_error(p) for p in paths]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        return list(pool.map(_extract_or_error, paths))


def write_debug(extraction: Extraction, directory: Path) -> list[Path]:
    """One file per stage, so a person can see where a document went wrong."""
    directory.mkdir(parents=True, exist_ok=True)
    stem = Path(extraction.raw.name).stem
    written = []

    def put(name: str, text: str) -> None:
        path = directory / f"{stem}.{name}"
        path.write_text(text, encoding="utf-8")
        written.append(path)

    raw = extraction.raw
    put("1-read.txt", "\n".join(f"{i:5} p{line.page or '-'} {'|'.join(line.cells) if line.cells else line.text}"
                                for i, line in enumerate(raw.lines)))
    put("2-normalise.txt", "\n".join(f"{line.index:5} {line.text}" for line in extraction.lines))
    seg = []
    for block in extraction.blocks:
        h = block.heading
        if block.table:
            seg.append(f"[table: {block.table}]")
        elif h is not None:
            seg.append(f"[{h.kind}/{h.style}] level={h.level} number={h.number} title={h.title}"
                       f"{' name=' + h.name if h.name else ''}{' subtitle=' + h.subtitle if h.subtitle else ''}"
                       f"{' fields=' + '、'.join(h.fields) if h.fields else ''}")
        else:
            seg.append("[text]")
        seg += [f"    {line.index:5} {line.text}" for line in block.body]
    put("3-segment.txt", "\n".join(seg))
    tables = [x.model_dump(mode="json") for x in [*extraction.plan.indicators, *extraction.plan.projects, *extraction.plan.individual_plans]]
    put("4-tables.json", json.dumps(tables, ensure_ascii=False, indent=2))
    values = [
        {"indicator": i.name, "unit": i.unit, "direction": i.direction, "baseline": i.baseline and i.baseline.model_dump(),
         "target": i.target and i.target.model_dump()}
        for i in extraction.plan.indicators
    ]
    put("5-values.json", json.dumps(values, ensure_ascii=False, indent=2, default=str))
    put("6-plan.json", extraction.plan.to_json())
    return written
