"""Score extracted plans against a corpus case's hand-checked figures, with the shared scorer.

The scoring is the one `../shared/tools/score-extract` applies (lenient on spelling, strict on
every value and year); it is loaded from that file so the corpus is judged exactly as unseen
documents are. Used by tests/test_corpus.py and bench/corpus.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path
from types import ModuleType

CORPUS = Path(__file__).resolve().parent
CASES = CORPUS / "cases"
SCORER = CORPUS.parent.parent.parent / "shared" / "tools" / "score-extract"


@cache
def scorer() -> ModuleType:
    loader = SourceFileLoader("score_extract", str(SCORER))
    module = module_from_spec(spec_from_loader("score_extract", loader))
    loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Score:
    case: str
    found: int
    indicators: int
    right: int
    figures: int
    misses: tuple[str, ...]


def cases() -> list[str]:
    return sorted(p.name.removesuffix(".expected.json") for p in CASES.glob("*.expected.json"))


def expected(case: str) -> tuple[Path, list[dict]]:
    data = json.loads((CASES / f"{case}.expected.json").read_text(encoding="utf-8"))
    ((doc, gold),) = data.items()
    return CASES / doc, gold


def score_case(case: str, plan_json: dict) -> Score:
    _, gold = expected(case)
    found, total, right, figures, misses = scorer().score(gold, plan_json.get("indicators", []))
    return Score(case, found, total, right, figures, tuple(misses))
