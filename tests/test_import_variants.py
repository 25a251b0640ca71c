"""One indicator table printed in many ways: header words, year notations, value forms, flattenings.

Every combination must give the same figures. The combinations are drawn with a fixed seed, so a
failure names its layout and can be replayed.
"""

from __future__ import annotations

import itertools
import random

import pytest

from keikaku.importer.pipeline import extract_document
from keikaku.importer.records import RawDocument, RawLine

NAMES = ["指標名", "成果指標", "項目", "KPI", "指標", "まちづくり指標", "施策指標"]
BASELINES = ["現状値", "基準値", "策定時", "現況値", "現状", "現在値"]
TARGETS = ["目標値", "目標", "最終目標値", "目標値（めざす値）"]
YEARS = [("（令和元年度）", "（令和7年度）"), ("(R1)", "(R7)"), ("（2019年度）", "（2025年度）"), ("(H31)", "(R7)"), ("(令和元年)", "(令和7年)")]
VALUES = [("27団体", "30団体", 27, 30), ("２７団体", "３０団体", 27, 30), ("1,070件", "900件", 1070, 900),
          ("45.3%", "50.0％", 45.3, 50), ("約1,070件", "900件", 1070, 900), ("3億 1,100万円", "4億円", 311000000, 4)]
LAYOUTS = ["lines", "pipes", "tabs", "cells", "one line", "years below", "years after values"]
OTHER = ("刑法犯の認知件数", "1,200件", "1,000件", 1200, 1000)
NAME = "自主防災組織の数"


def render(name: str, base: str, target: str, years: tuple[str, str], value: tuple, layout: str) -> str:
    y1, y2 = years
    v1, v2 = value[0], value[1]
    rows = [(NAME, v1, v2), OTHER[:3]]
    if layout == "lines":
        body = [f"{name} {base}{y1} {target}{y2}", *(" ".join(r) for r in rows)]
    elif layout == "pipes":
        body = [f"| {name} | {base}{y1} | {target}{y2} |", "|---|---|---|", *(f"| {' | '.join(r)} |" for r in rows)]
    elif layout == "tabs":
        body = [f"{name}\t{base}{y1}\t{target}{y2}", *("\t".join(r) for r in rows)]
    elif layout == "cells":
        body = [name, base + y1, target + y2, *(c for r in rows for c in r)]
    elif layout == "one line":
        body = [" ".join(["〔本文〕", name, base + y1, target + y2, *(c for r in rows for c in r), "〔本文〕"])]
    elif layout == "years below":
        body = [f"{name} {base} {target}", f"{y1.strip('（）()')} {y2.strip('（）()')}", *(" ".join(r) for r in rows)]
    else:
        body = [f"{name} {base} {target}", *(f"{r[0]} {r[1]}{y1} {r[2]}{y2}" for r in rows)]
    return "施策1 防災\n" + "\n".join(body) + "\n"


COMBINATIONS = list(itertools.product(NAMES, BASELINES, TARGETS, YEARS, VALUES, LAYOUTS))
random.Random(20261130).shuffle(COMBINATIONS)


@pytest.mark.parametrize("combination", COMBINATIONS[:300], ids=lambda c: f"{c[5]}-{c[0]}-{c[1]}-{c[2]}-{c[3][0]}-{c[4][0]}")
def test_every_printing_gives_the_same_figures(combination: tuple) -> None:
    name, base, target, years, value, layout = combination
    text = render(name, base, target, years, value, layout)
    doc = RawDocument(name="doc.txt", format="text", sha256="0" * 64, lines=[RawLine(t) for t in text.splitlines()])
    plan = extract_document(doc).plan
    got = [(i.name, i.baseline.value, i.baseline.year, i.target.value, i.target.year) for i in plan.indicators]
    assert got == [(NAME, value[2], 2019, value[3], 2025), (OTHER[0], OTHER[3], 2019, OTHER[4], 2025)]
    assert all(i.node == plan.nodes[0].id for i in plan.indicators)
