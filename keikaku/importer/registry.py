"""Registries of sectoral plans (個別計画一覧): name, adopted year, period, department, under group rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from keikaku.importer.normalize import Line
from keikaku.importer.values import find_era, parse_year


_ERA_YEAR = r"(?:(?:明治|大正|昭和|平成|令和)\s*(?:元|[0-9]{1,2})|[0-9]{4})\s*年度?"
REGISTRY_ROW = re.compile(
    rf"^(?P<name>.+?)\s+(?P<adopted>{_ERA_YEAR})\s*"
    rf"(?:(?P<start>{_ERA_YEAR})\s*[~～〜-]\s*(?P<end>(?:(?:明治|大正|昭和|平成|令和)\s*)?(?:元|[0-9]{{1,4}})\s*年度?)|(?P<none>[―－—-]))?\s*"
    rf"(?P<dept>\S.*)?$"
)


GROUP_ROW = re.compile(r"^(基本目標|目標|政策|基本政策|分野|方針|施策|自治体経営|行財政|横断|第[0-9一二三四五六七八九十]+[章節]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])")


@dataclass
class RegistryRow:
    name: str
    adopted_year: int | None
    period: tuple[int, int] | None
    department: str | None
    group: str | None  # the group row (基本目標Ⅰ …) the row sits under, as printed


def parse_registry(lines: list[Line]) -> list[RegistryRow]:
    """個別計画一覧: name, adopted year, period (or none), department, under group rows."""
    i = 0
    while i < len(lines) and not re.search(r"所管課|担当課|所管部署", lines[i].key):
        i += 1
    rows: list[RegistryRow] = []
    group: str | None = None
    pending, pending_text = "", ""
    for line in lines[i + 1:]:
        key = f"{pending} {line.key}" if pending else line.key
        text = f"{pending_text} {line.text}" if pending else line.text
        m = REGISTRY_ROW.match(key)
        if m and m.group("dept"):
            start = parse_year(m.group("start")) if m.group("start") else None
            end = parse_year(m.group("end"), default_era=find_era(m.group("start") or "")) if m.group("end") else None
            rows.append(RegistryRow(
                name=text[: m.end("name")].strip(), adopted_year=parse_year(m.group("adopted")),
                period=(start, end) if start and end else None, department=text[m.start("dept"):].strip(), group=group,
            ))
            pending, pending_text = "", ""
        elif m or re.search(_ERA_YEAR, key) or pending or not GROUP_ROW.match(line.key):
            pending, pending_text = key, text  # a row broken over lines: wait for the rest
        else:
            group = line.text
    return rows
